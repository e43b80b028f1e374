/**
 * Pelvic drop against perspective: which hip perspective lowers (read from the shoulder line), the
 * standing hip line each rep is measured against, and the allowance taken off in its own direction.
 * Hand-built poses with known tilts.
 */
import { describe, expect, it } from 'vitest';
import { GatedPose } from '../../src/core/pose/gating';
import { computeRawMetrics, type MetricContext } from '../../src/core/metrics/metrics';
import { PerspectiveTiltSign } from '../../src/core/metrics/perspective';
import { RepStandingReference } from '../../src/core/metrics/rep-standing-reference';
import {
  ASSUMED_FOCAL_PER_LONG_SIDE,
  CALIBRATION_STILL_MS,
  REP_STANDING_REF_MIN_FRAMES,
  PERSPECTIVE_SIGN_MIN_DEPTH_RATIO,
} from '../../src/core/thresholds';
import type { Calibration } from '../../src/core/types';
import { CALIBRATION } from './live-analyses';
import { FRAME_H, FRAME_W, toKeypoints, type RawPose } from './poses';

const size = { widthPx: FRAME_W, heightPx: FRAME_H };
const gated = (raw: RawPose): GatedPose => new GatedPose(toKeypoints(raw), size);
const rad = (deg: number): number => (deg * Math.PI) / 180;
const EPS_DEG = 1e-6;

/**
 * Shoulders and hips of a person facing the camera (left on image +x), shoulders `descentPx` below
 * standing (y 300) and their line tilted `shoulderTiltDeg` (+ = left lower); hips level at y 560 plus
 * the descent, tilted `hipTiltDeg`.
 */
function body(descentPx: number, shoulderTiltDeg: number, hipTiltDeg = 0): RawPose {
  const line = (cx: number, cy: number, halfW: number, tiltDeg: number) => {
    const dy = halfW * Math.tan(rad(tiltDeg));
    return { left: [cx + halfW, cy + dy] as const, right: [cx - halfW, cy - dy] as const };
  };
  const sh = line(360, 300 + descentPx, 80, shoulderTiltDeg);
  const hip = line(360, 560 + descentPx, 45, hipTiltDeg);
  return { left_shoulder: sh.left, right_shoulder: sh.right, left_hip: hip.left, right_hip: hip.right };
}

const standingCal: Calibration = { ...CALIBRATION, shoulderLineDeg: 0, shoulderMidYPx: 300, hipLineDeg: 0 };

describe('PerspectiveTiltSign', () => {
  it('reads the side the shoulder line tilts toward as it descends, once the descent is deep enough', () => {
    const p = new PerspectiveTiltSign();
    p.push(gated(body(30, 1)), standingCal, PERSPECTIVE_SIGN_MIN_DEPTH_RATIO / 2);
    expect(p.sign).toBeNull(); // not deep enough yet
    p.push(gated(body(90, 3)), standingCal, PERSPECTIVE_SIGN_MIN_DEPTH_RATIO);
    expect(p.sign).toBe(1);
    const q = new PerspectiveTiltSign();
    q.push(gated(body(90, -3)), standingCal, 0.3);
    expect(q.sign).toBe(-1);
  });

  it('weighs deep frames more than shallow ones (a least-squares slope through standing)', () => {
    const p = new PerspectiveTiltSign();
    // A shallow frame tilting one way and a deep one tilting the other: slope = Σ t·d / Σ d².
    p.push(gated(body(20, -2)), standingCal, 0.1);
    p.push(gated(body(120, 1)), standingCal, 0.4); // −2·20 + 1·120 > 0
    expect(p.sign).toBe(1);
  });

  it('has no sign with level shoulders, and starts again with a new calibration', () => {
    const p = new PerspectiveTiltSign();
    p.push(gated(body(90, 0)), standingCal, 0.3);
    expect(p.sign).toBeNull();
    p.push(gated(body(90, 4)), standingCal, 0.3);
    expect(p.sign).toBe(1);
    p.push(gated(body(0, 0)), { ...standingCal, tMs: standingCal.tMs + 5000 }, 0);
    expect(p.sign).toBeNull();
  });
});

describe('RepStandingReference', () => {
  it('a rep is measured against the median of the straight-knee second before it', () => {
    const r = new RepStandingReference();
    r.push(0, 9, true); // older than CALIBRATION_STILL_MS at the rep's start: dropped
    const t0 = CALIBRATION_STILL_MS + 100;
    [1.5, 2, 4].forEach((deg, i) => r.push(t0 + i * 100, deg, true));
    r.push(t0 + 300, 7, false); // knees bent: not standing
    r.startRep();
    expect(r.ref(0.4)).toBe(2);
    r.endRep();
    expect(r.ref(0.4)).toBe(0.4);
  });

  it('falls back to the calibration when the second before the rep holds too few standing frames', () => {
    const r = new RepStandingReference();
    for (let i = 0; i < REP_STANDING_REF_MIN_FRAMES - 1; i++) r.push(i * 200, 3, true);
    r.startRep();
    expect(r.ref(0.4)).toBe(0.4);
  });
});

describe('pelvic drop against perspective', () => {
  const yawDeg = 30;
  const hipDescentPx = 200;
  const allowanceDeg =
    (Math.atan((hipDescentPx * Math.tan(rad(yawDeg))) / (FRAME_H * ASSUMED_FOCAL_PER_LONG_SIDE)) * 180) /
    Math.PI;
  const ctx = (sign: 1 | -1 | null): MetricContext => ({
    view: 'front',
    yawDeg,
    calibration: standingCal,
    depthRatio: 0.4,
    hipDescentPx,
    perspectiveTiltSign: sign,
  });
  const drop = (hipTiltDeg: number, sign: 1 | -1 | null): number =>
    computeRawMetrics(gated(body(0, 0, hipTiltDeg)), ctx(sign)).pelvicDropDeg as number;

  it('with the direction known, takes the allowance off that way only', () => {
    // Perspective lowers the left hip by the allowance; the right hip drops 8° against it.
    const seen = allowanceDeg - 8;
    expect(Math.abs(drop(seen, 1) - -8)).toBeLessThan(EPS_DEG);
    // The same image tilt with perspective lowering the right hip: the left drops by more.
    expect(Math.abs(drop(seen, -1) - (seen + allowanceDeg))).toBeLessThan(EPS_DEG);
    // A tilt that is all perspective reads 0.
    expect(Math.abs(drop(allowanceDeg, 1))).toBeLessThan(EPS_DEG);
  });

  it('before the direction is known, takes it off whichever way the tilt goes', () => {
    expect(Math.abs(drop(allowanceDeg + 2, null) - 2)).toBeLessThan(EPS_DEG);
    expect(Math.abs(drop(-allowanceDeg - 2, null) - -2)).toBeLessThan(EPS_DEG);
    expect(drop(allowanceDeg / 2, null)).toBe(0);
  });

  it('is measured against the rep’s own standing reference when given', () => {
    const m = computeRawMetrics(gated(body(0, 0, 5)), { ...ctx(1), yawDeg: 0, hipLineRefDeg: 2 });
    expect(Math.abs((m.hipDropDeg as number) - 3)).toBeLessThan(EPS_DEG);
  });
});
