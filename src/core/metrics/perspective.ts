/**
 * Which way perspective tilts lines across a turned body as it descends, read from the shoulders.
 *
 * With the body turned ψ from the camera axis one hip is w·sin ψ nearer the camera, and as the hips
 * descend the nearer hip's image moves further down: the hip line tilts toward the nearer hip by
 * ≈ atan(descentPx·tan ψ / f) (docs/metrics.md, "Pelvic drop"). Yaw, descent and an assumed focal
 * length give its size; its direction needs the nearer side, which the width-ratio yaw cannot give.
 * The shoulder line is a second line across the same turned body that descends with it, so it tilts
 * the same way for the same reason. The sign of the least-squares slope of its tilt change (vs
 * standing) against its own descent, over the set's descents, is the direction. The hip line does not
 * enter, so a pelvic drop cannot argue itself away.
 */
import { pairMid } from '../pose/body';
import type { GatedPose } from '../pose/gating';
import { PERSPECTIVE_SIGN_MIN_DEPTH_RATIO, REP_DESCENT_DEPTH_RATIO } from '../thresholds';
import type { Calibration } from '../types';
import { shoulderLineDeg } from './metrics';

/** +1: perspective lowers the person's left hip in the image as they descend; −1: the right one. */
export type TiltSign = 1 | -1;

export class PerspectiveTiltSign {
  /** Σ tilt change × descent (deg·px) and Σ descent² (px²) over the descending frames. */
  private sumTiltDescent = 0;
  private sumDescentSq = 0;
  private deepest = 0;
  /** The calibration the sums are relative to (its tMs); a new one starts them again. */
  private calibrationMs: number | null = null;

  push(pose: GatedPose, calibration: Calibration | null, depthRatio: number | null): void {
    const refTilt = calibration?.shoulderLineDeg ?? null;
    const refY = calibration?.shoulderMidYPx ?? null;
    if (calibration === null || refTilt === null || refY === null) return;
    if (calibration.tMs !== this.calibrationMs) this.reset(calibration.tMs);
    if (depthRatio === null || depthRatio < REP_DESCENT_DEPTH_RATIO) return;
    const tilt = shoulderLineDeg(pose);
    const mid = pairMid(pose, 'left_shoulder', 'right_shoulder');
    if (tilt === null || mid === null) return;
    const descentPx = mid.y - refY;
    this.sumTiltDescent += (tilt - refTilt) * descentPx;
    this.sumDescentSq += descentPx * descentPx;
    this.deepest = Math.max(this.deepest, depthRatio);
  }

  /** The direction, once a descent has gone deep enough to show it; null before (or with no tilt). */
  get sign(): TiltSign | null {
    if (this.deepest < PERSPECTIVE_SIGN_MIN_DEPTH_RATIO || this.sumDescentSq <= 0) return null;
    return this.sumTiltDescent > 0 ? 1 : this.sumTiltDescent < 0 ? -1 : null;
  }

  reset(calibrationMs: number | null = null): void {
    this.sumTiltDescent = 0;
    this.sumDescentSq = 0;
    this.deepest = 0;
    this.calibrationMs = calibrationMs;
  }
}
