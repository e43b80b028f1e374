import { describe, expect, it } from 'vitest';
import { createFrameSampler, sampleFrames } from '../../src/pose/frame-sampling';

const times = (fps: number, n: number, t0 = 0): { tMs: number }[] =>
  Array.from({ length: n }, (_v, i) => ({ tMs: t0 + (i * 1000) / fps }));

describe('frame sampling', () => {
  it('30 fps → every second frame; 29.97 fps too', () => {
    expect(sampleFrames(times(30, 10), 15).map((f) => Math.round(f.tMs))).toEqual([0, 67, 133, 200, 267]);
    expect(sampleFrames(times(30000 / 1001, 300), 15)).toHaveLength(150);
  });
  it('60 fps → every fourth frame; a file at or under the rate keeps every frame', () => {
    expect(sampleFrames(times(60, 120), 15)).toHaveLength(30);
    expect(sampleFrames(times(5, 7), 15)).toHaveLength(7);
    expect(sampleFrames(times(15, 9, 40), 15)).toHaveLength(9);
  });
  it('null fps takes every frame', () => {
    expect(sampleFrames(times(60, 12), null)).toHaveLength(12);
  });
  it('jittered variable-rate timestamps: 15 per second on average, no gap over an interval + a source frame', () => {
    // A phone clip's 1/600 time base: intervals of 20, 30 or 40 ticks (33.3, 50, 66.7 ms) in turn.
    const tMs: number[] = [];
    for (let t = 0, i = 0; t < 10_000; i++) {
      tMs.push(t);
      t += ([20, 30, 40][i % 3] ?? 20) / 0.6;
    }
    const kept = sampleFrames(
      tMs.map((t) => ({ tMs: t })),
      15,
    ).map((f) => f.tMs);
    expect(kept.length).toBeGreaterThanOrEqual(145);
    expect(kept.length).toBeLessThanOrEqual(151);
    for (let i = 1; i < kept.length; i++)
      expect((kept[i] ?? 0) - (kept[i - 1] ?? 0)).toBeLessThanOrEqual(1000 / 15 + 40 / 0.6);
  });
  it('after a gap the grid restarts instead of taking every frame to catch up', () => {
    const s = createFrameSampler(15);
    const taken = [0, 33, 67, 2000, 2033, 2067, 2100, 2133].filter((t) => s.take(t));
    expect(taken).toEqual([0, 67, 2000, 2067, 2133]);
  });
});
