import { describe, expect, it } from 'vitest';
import { FRAME_DUE_GRACE_MS, MAX_FRAME_AGE_SHARE, waitForFresherMs } from '../../src/pose/live-frame-age';

const INTERVAL_MS = 1000 / 30;

describe('waitForFresherMs', () => {
  it('a fresh frame, or an unknown camera rate, is taken at once', () => {
    expect(waitForFresherMs(0, INTERVAL_MS)).toBe(0);
    expect(waitForFresherMs(MAX_FRAME_AGE_SHARE * INTERVAL_MS, INTERVAL_MS)).toBe(0);
    expect(waitForFresherMs(30, null)).toBe(0);
  });
  it('an old frame waits until the next is due, plus a little grace', () => {
    expect(waitForFresherMs(25, INTERVAL_MS)).toBeCloseTo(INTERVAL_MS - 25 + FRAME_DUE_GRACE_MS, 6);
    // Past its due time (a dropped or late frame): only the grace.
    expect(waitForFresherMs(50, INTERVAL_MS)).toBe(FRAME_DUE_GRACE_MS);
  });
});
