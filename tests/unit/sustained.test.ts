/** A rep's value for a fault is one held for the cue dwell, never a one-frame spike. */
import { describe, expect, it } from 'vitest';
import { sustainedPeak, type RepSample } from '../../src/core/set/summary';
import { EMPTY_METRICS } from '../../src/core/metrics/metrics';
import { CUE_DWELL_MS } from '../../src/core/thresholds';

const samples = (values: readonly (number | null)[], frameMs: number, live = true): RepSample[] =>
  values.map((v, i) => ({
    tMs: 1000 + i * frameMs,
    view: 'front',
    live,
    metrics: { ...EMPTY_METRICS, pelvicDropDeg: v },
  }));
const drop = (m: RepSample['metrics']): number | null => m.pelvicDropDeg;

describe('sustainedPeak', () => {
  it('a one-frame spike is not the value; a plateau held for the dwell is', () => {
    // 30 fps: a 17.5° spike for one frame, then 7.3° held for 200 ms (> CUE_DWELL_MS).
    const v = sustainedPeak(
      samples([2.1, 17.5, 2.4, 7.3, 7.4, 7.3, 7.6, 7.5, 7.3, 7.4, 2.2], 1000 / 30),
      drop,
    );
    expect(v).toBeCloseTo(7.3, 9);
  });

  it('at 5 fps two consecutive frames span the dwell', () => {
    expect(200).toBeGreaterThanOrEqual(CUE_DWELL_MS);
    expect(sustainedPeak(samples([1, 9.2, 8.4, 1], 200), drop)).toBeCloseTo(8.4, 9);
    expect(sustainedPeak(samples([1, 9.2, 1, 8.4], 200), drop)).toBeCloseTo(1, 9);
  });

  it('frames where cues were not live (feet moving) or unmeasured break a run', () => {
    expect(sustainedPeak(samples([9, 9, 9, 9], 100, false), drop)).toBeNull();
    expect(sustainedPeak(samples([9, null, 9, null, 9], 100), drop)).toBeNull();
  });
});
