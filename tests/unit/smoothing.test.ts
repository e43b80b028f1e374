import { describe, expect, it } from 'vitest';
import { KeypointSmoother, OneEuroFilter } from '../../src/core/pose/smoothing';
import { toKeypoints, frontPose } from './poses';

/** Filtered values of a constant input must equal it up to float rounding. */
const CONST_EPS = 1e-12;
/** Step responses at 30 vs 60 fps, sampled at the same times, agree to this share of the step. */
const RATE_INVARIANCE_SHARE = 0.06;

describe('One Euro filter', () => {
  it('passes a constant through unchanged', () => {
    const f = new OneEuroFilter();
    for (let t = 0; t < 2000; t += 33) expect(Math.abs(f.filter(0.4137, t) - 0.4137)).toBeLessThan(CONST_EPS);
  });

  it('is time-based: the step response depends on elapsed time, not on the frame count', () => {
    const params = { minCutoffHz: 1.2, beta: 0, dCutoffHz: 1 };
    const run = (fps: number): Map<number, number> => {
      const f = new OneEuroFilter(params);
      const out = new Map<number, number>();
      for (let i = 0; i <= fps; i++) {
        const t = (i * 1000) / fps;
        out.set(Math.round(t), f.filter(i === 0 ? 0 : 1, t));
      }
      return out;
    };
    const a = run(30);
    const b = run(60);
    for (const t of [200, 400, 600, 1000]) {
      expect(Math.abs((a.get(t) as number) - (b.get(t) as number))).toBeLessThan(RATE_INVARIANCE_SHARE);
    }
  });

  it('lags a fast ramp less with a speed coefficient than without', () => {
    const slow = new OneEuroFilter({ minCutoffHz: 1.2, beta: 0, dCutoffHz: 1 });
    const fast = new OneEuroFilter({ minCutoffHz: 1.2, beta: 4, dCutoffHz: 1 });
    let eSlow = 0;
    let eFast = 0;
    for (let i = 0; i <= 30; i++) {
      const t = (i * 1000) / 30;
      const v = t / 1000; // one frame height per second
      eSlow = v - slow.filter(v, t);
      eFast = v - fast.filter(v, t);
    }
    expect(eFast).toBeLessThan(eSlow / 2);
  });

  it('ignores a repeated timestamp instead of dividing by zero', () => {
    const f = new OneEuroFilter();
    f.filter(1, 100);
    expect(Number.isFinite(f.filter(5, 100))).toBe(true);
  });
});

describe('KeypointSmoother', () => {
  it('keeps scores, scales exactly with the body scale', () => {
    const a = new KeypointSmoother();
    const b = new KeypointSmoother();
    const s = 1.75;
    let last: [number, number] = [0, 0];
    for (let i = 0; i < 20; i++) {
      const t = i * 40;
      const raw = frontPose(i / 20);
      const scaled = Object.fromEntries(Object.entries(raw).map(([k, p]) => [k, [p[0] * s, p[1] * s]]));
      const ka = a.smooth(toKeypoints(raw, 0.77), t, 359);
      const kb = b.smooth(toKeypoints(scaled, 0.77), t, 359 * s);
      expect(ka.left_knee?.score).toBe(0.77);
      last = [(kb.left_knee?.xPx as number) / s, ka.left_knee?.xPx as number];
    }
    expect(Math.abs(last[0] - last[1])).toBeLessThan(1e-9);
  });
});
