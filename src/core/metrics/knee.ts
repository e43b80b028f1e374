/**
 * The knee against its own leg and foot in the image: FPPA (Munro 2012), the FPPA a knee tracking
 * over its foot would show from this camera, the knee's displacement from its foot's vertical plane,
 * and segment angles from vertical. Pure geometry on image points, px.
 */
import { SIDE_NAMES, pt } from '../pose/body';
import type { GatedPose } from '../pose/gating';
import { clamp, sub, toDegrees, type Vec2 } from '../math/geometry';
import { ANKLE_TO_TOE_PER_SHANK } from '../thresholds';
import type { Side, Sided } from '../types';

const sided = <T>(f: (s: Side) => T): Sided<T> => ({ left: f('left'), right: f('right') });

/**
 * FPPA (Munro 2012): 180° minus the hip–knee–ankle angle in the image, signed + when the knee lies
 * medial of the straight hip→ankle line.
 */
export function fppaDeg(hip: Vec2, knee: Vec2, ankle: Vec2, medialSign: number): number | null {
  const line = sub(ankle, hip);
  const len = Math.hypot(line.x, line.y);
  if (!(len > 0)) return null;
  const u = sub(knee, hip);
  const v = sub(ankle, knee);
  const interior = toDegrees(Math.atan2(Math.abs(u.x * v.y - u.y * v.x), u.x * v.x + u.y * v.y));
  // Offset of the knee from the hip→ankle line along image x at the knee's height.
  const t = line.y !== 0 ? (knee.y - hip.y) / line.y : 0.5;
  const lineX = hip.x + line.x * t;
  const sign = Math.sign((knee.x - lineX) * medialSign);
  return sign * interior;
}

/** Horizontal reach, px, of a segment of true length `lengthPx` whose image is `heightPx` tall. */
const horizontalReachPx = (lengthPx: number, heightPx: number): number =>
  Math.sqrt(Math.max(0, lengthPx * lengthPx - heightPx * heightPx));

/**
 * The foot's pointing direction as seen by the camera: sin of its angle from the camera axis, from
 * the ankle→toe image x extent over the foot's expected length; 0 without a toe keypoint.
 */
const footSin = (ankle: Vec2, toe: Vec2 | null, shankLengthPx: number): number =>
  toe === null ? 0 : clamp((toe.x - ankle.x) / (ANKLE_TO_TOE_PER_SHANK * shankLengthPx), -0.9, 0.9);

/**
 * FPPA that a knee tracking over its own foot would show from this camera: the knee ahead of the
 * ankle, and the hip behind the knee, along the foot's direction, by the horizontal reach their true
 * lengths leave at their image heights. Off-axis, flexion alone tilts the image angle by tens of
 * degrees; this is that share, which `kneeFppaVsFootDeg` removes.
 */
export function footAlignedFppaDeg(
  hip: Vec2,
  knee: Vec2,
  ankle: Vec2,
  toe: Vec2 | null,
  thighLengthPx: number,
  shankLengthPx: number,
  medialSign: number,
): number | null {
  const sin = footSin(ankle, toe, shankLengthPx);
  const kneeN = { x: ankle.x + horizontalReachPx(shankLengthPx, ankle.y - knee.y) * sin, y: knee.y };
  const hipN = { x: kneeN.x - horizontalReachPx(thighLengthPx, knee.y - hip.y) * sin, y: hip.y };
  return fppaDeg(hipN, kneeN, ankle, medialSign);
}

/**
 * Segment angle from vertical, deg (0 = vertical, 90 = horizontal, > 90 = its lower end above its
 * upper end). Seen from the side, the image shows it; from the front or back the segment points at
 * the camera, and its angle follows from how much of its standing length it still shows vertically.
 */
export function segmentFromVerticalDeg(
  top: Vec2,
  bottom: Vec2,
  lengthPx: number | null,
  sideView: boolean,
): number | null {
  const dy = bottom.y - top.y;
  if (sideView) return toDegrees(Math.atan2(Math.abs(bottom.x - top.x), dy));
  if (lengthPx === null || !(lengthPx > 0)) return null;
  return toDegrees(Math.acos(clamp(dy / lengthPx, -1, 1)));
}

export interface FootPlaneValgus {
  /** Frontal tilt of the shank out of the foot's vertical plane, deg, + medial. */
  readonly tiltDeg: number;
  /** Medial displacement / shank length. */
  readonly ratio: number;
}

/**
 * The knee's medial displacement from the vertical plane through its own foot's ankle→toe line.
 * Knee forward travel d follows from the shank's true length Ls and its visible height h
 * (d = √(Ls² − h²)); a knee tracking over the toes then sits d·sin ψ to the side of the ankle in the
 * image, where sin ψ is the foot's image x extent over its expected length. What is left over, over
 * cos ψ, is the medial displacement m; the tilt is atan(m / h). Works off-axis, where FPPA reads the
 * hips going back as valgus.
 */
export function footPlaneValgus(
  knee: Vec2,
  ankle: Vec2,
  toe: Vec2 | null,
  shankLengthPx: number,
  medialSign: number,
): FootPlaneValgus | null {
  const h = ankle.y - knee.y;
  if (!(h > 0) || !(shankLengthPx > 0)) return null;
  const d = Math.sqrt(Math.max(0, shankLengthPx * shankLengthPx - h * h));
  const sinPsi =
    toe === null ? 0 : clamp((toe.x - ankle.x) / (ANKLE_TO_TOE_PER_SHANK * shankLengthPx), -0.9, 0.9);
  const cosPsi = Math.sqrt(1 - sinPsi * sinPsi);
  const m = (medialSign * (knee.x - ankle.x - d * sinPsi)) / cosPsi;
  return { tiltDeg: toDegrees(Math.atan2(m, h)), ratio: m / shankLengthPx };
}

/** Standing-style absolute foot-plane tilt per side (used by the calibration). */
export function footPlaneTilts(
  pose: GatedPose,
  leftDir: 1 | -1 | null,
  shank: Sided<number | null>,
): Sided<number | null> {
  return sided((s) => {
    const n = SIDE_NAMES[s];
    const kn = pt(pose, n.knee);
    const an = pt(pose, n.ankle);
    const len = shank[s];
    if (leftDir === null || !kn || !an || len === null) return null;
    return footPlaneValgus(kn, an, pt(pose, n.toe), len, s === 'left' ? -leftDir : leftDir)?.tiltDeg ?? null;
  });
}
