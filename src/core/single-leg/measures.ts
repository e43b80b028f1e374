/**
 * The single-leg check's per-frame values, read from the shared metrics (metrics.ts) for the stance
 * leg: nothing here re-derives FPPA, the foot line, the hip line or knee flexion. The one new measure
 * is the lateral trunk lean, which the squat reads only from the side.
 */
import { leftDirection, pairMid } from '../pose/body';
import type { GatedPose } from '../pose/gating';
import { toDegrees } from '../math/geometry';
import type { FrameMetrics, Side } from '../types';

/** The stance leg's values on one frame (view-masked: null where the view cannot measure them). */
export interface StanceValues {
  readonly fppaDeg: number | null;
  readonly fppaFootLineDeg: number | null;
  readonly kneeInsideFootRatio: number | null;
  /** + = the free side's hip lower (contralateral drop). */
  readonly pelvicDropDeg: number | null;
  readonly kneeFlexionDeg: number | null;
}

export function stanceValues(m: FrameMetrics, stance: Side): StanceValues {
  // pelvicDropDeg is + when the person's left hip is lower; the free side is the other leg.
  const freeSign = stance === 'right' ? 1 : -1;
  return {
    fppaDeg: m.kneeFppaDeg[stance],
    fppaFootLineDeg: m.kneeValgusDeg[stance],
    kneeInsideFootRatio: m.kneeMedialDisplacementRatio[stance],
    pelvicDropDeg: m.pelvicDropDeg === null ? null : freeSign * m.pelvicDropDeg,
    kneeFlexionDeg: m.kneeFlexionDeg[stance],
  };
}

/**
 * Lateral trunk lean in the frontal plane, deg: the hip-midpoint → shoulder-midpoint line against the
 * image vertical, + when the shoulders lean toward the stance leg (the usual compensation for weak
 * hip abductors, Piva 2006's "trunk lean"). Null when the facing cannot be told (side view, gated).
 */
export function lateralTrunkLeanDeg(pose: GatedPose, stance: Side): number | null {
  const sMid = pairMid(pose, 'left_shoulder', 'right_shoulder');
  const hMid = pairMid(pose, 'left_hip', 'right_hip');
  const leftDir = leftDirection(pose);
  if (sMid === null || hMid === null || leftDir === null || !(hMid.y > sMid.y)) return null;
  // Image x direction of the stance side: the person's left is toward +x when they face the camera.
  const towardStance = stance === 'left' ? leftDir : -leftDir;
  return toDegrees(Math.atan2((sMid.x - hMid.x) * towardStance, hMid.y - sMid.y));
}
