/** A rep's value for a fault is one held for the cue dwell, never a one-frame spike. */
import { describe, expect, it } from 'vitest';
import { buildRepSummary, sustainedPeak, type RepSample } from '../../src/core/set/summary';
import { EMPTY_METRICS } from '../../src/core/metrics/metrics';
import { CUE_DWELL_MS, HIPS_LEVEL_FIRE_DEG } from '../../src/core/thresholds';

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

describe('a rep’s pelvic drop', () => {
  it('is the sustained one with its side, the same value its hips-level verdict judges', () => {
    // 30 fps: the left hip lower for one frame (a spike), then the right hip lower, held for 200 ms.
    const held = HIPS_LEVEL_FIRE_DEG + 1.5;
    const values = [-1, HIPS_LEVEL_FIRE_DEG + 9, -1, ...Array.from({ length: 7 }, () => -held), -1];
    const timing = {
      index: 1,
      startMs: 1000,
      deepestMs: 1200,
      maxDepthRatio: 0.4,
      bottomEnterMs: 1150,
      bottomExitMs: 1250,
      endMs: 1400,
    };
    const rep = buildRepSummary(timing, samples(values, 1000 / 30), [], true, 'any');
    expect(rep.pelvicDropDeg).toEqual({ value: held, lowerSide: 'right' });
    expect(rep.faults['hips-level']).toEqual({ value: held, verdict: 'past' });
  });
});
