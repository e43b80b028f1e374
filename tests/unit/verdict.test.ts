/**
 * The one verdict function (src/core/coaching/verdict.ts): within / near / past against a limit's
 * clear and fire levels, for higher-is-worse and lower-is-worse limits, strict at the edges, null
 * when unmeasured; and the live form with hysteresis. Limits with distinct, asymmetric numbers.
 */
import { describe, expect, it } from 'vitest';
import { isFaultLive, isPast, verdictOf, type Limit } from '../../src/core/coaching/verdict';
import { CUE_RULES } from '../../src/core/coaching/cues';

const ABOVE: Limit = { direction: 'above', fireAt: 12.5, clearAt: 8.25 };
const BELOW: Limit = { direction: 'below', fireAt: 70, clearAt: 75.5 };

describe('verdictOf', () => {
  it('higher is worse: within up to the clear level, near up to the fire level, past beyond it', () => {
    expect([3, 8.25, 8.3, 12.5, 12.51, 40].map((v) => verdictOf(ABOVE, v))).toEqual([
      'within',
      'within',
      'near',
      'near',
      'past',
      'past',
    ]);
  });

  it('lower is worse (depth): the same three verdicts mirrored', () => {
    expect([88, 75.5, 75.4, 70, 69.9, 12].map((v) => verdictOf(BELOW, v))).toEqual([
      'within',
      'within',
      'near',
      'near',
      'past',
      'past',
    ]);
  });

  it('an unmeasured value has no verdict', () => {
    expect(verdictOf(ABOVE, null)).toBeNull();
    expect(verdictOf(BELOW, undefined)).toBeNull();
  });

  it('isPast is strict: the edge itself is not past', () => {
    expect(isPast(ABOVE, 12.5, ABOVE.fireAt)).toBe(false);
    expect(isPast(ABOVE, 12.500001, ABOVE.fireAt)).toBe(true);
    expect(isPast(BELOW, 70, BELOW.fireAt)).toBe(false);
    expect(isPast(BELOW, 69.999, BELOW.fireAt)).toBe(true);
  });
});

describe('isFaultLive (hysteresis)', () => {
  it('a fault starts past the fire level and, once showing, lasts until back within the clear level', () => {
    expect(isFaultLive(ABOVE, 10, false)).toBe(false); // near, not showing: no fault
    expect(isFaultLive(ABOVE, 13, false)).toBe(true); // past
    expect(isFaultLive(ABOVE, 10, true)).toBe(true); // near while showing: stays
    expect(isFaultLive(ABOVE, 8.25, true)).toBe(false); // back within: clears
    expect(isFaultLive(ABOVE, null, true)).toBe(false); // unmeasured: never a fault
  });
});

describe('every cue rule is a coherent limit', () => {
  it('its clear level lies on the good side of its fire level', () => {
    for (const r of CUE_RULES) {
      if (r.direction === 'above') expect(r.clearAt, r.id).toBeLessThanOrEqual(r.fireAt);
      else expect(r.clearAt, r.id).toBeGreaterThanOrEqual(r.fireAt);
    }
  });
});
