import type { KeypointName, Keypoints } from '../core/pose/keypoints';

/** Bones drawn on the overlay (BlazePose topology; MoveNet frames simply lack the foot bones). */
export const SKELETON_BONES: readonly (readonly [KeypointName, KeypointName])[] = [
  ['left_shoulder', 'right_shoulder'],
  ['left_shoulder', 'left_elbow'],
  ['left_elbow', 'left_wrist'],
  ['right_shoulder', 'right_elbow'],
  ['right_elbow', 'right_wrist'],
  ['left_shoulder', 'left_hip'],
  ['right_shoulder', 'right_hip'],
  ['left_hip', 'right_hip'],
  ['left_hip', 'left_knee'],
  ['left_knee', 'left_ankle'],
  ['right_hip', 'right_knee'],
  ['right_knee', 'right_ankle'],
  ['left_ankle', 'left_heel'],
  ['left_heel', 'left_foot_index'],
  ['left_ankle', 'left_foot_index'],
  ['right_ankle', 'right_heel'],
  ['right_heel', 'right_foot_index'],
  ['right_ankle', 'right_foot_index'],
];

/** Keypoints below this score are not drawn: a wrong bone is worse than a missing one. 0–1. */
export const DRAW_MIN_SCORE = 0.5;

export interface SkeletonStyle {
  /** Colour per bone; a bone may be highlighted (e.g. red knees while caving in). */
  boneColor: (a: KeypointName, b: KeypointName) => string;
  lineWidthPx: number;
  /**
   * Optional emphasis per bone, so a fault is not shown by colour alone: a dash pattern (px) and a
   * width factor. null or absent: a plain solid line.
   */
  boneEmphasis?: (
    a: KeypointName,
    b: KeypointName,
  ) => { dashPx: readonly number[]; widthScale: number } | null;
}

/**
 * Draws keypoints and bones in source-pixel space (the canvas has the video's intrinsic size).
 * Returns how many keypoints were drawn.
 */
export function drawSkeleton(
  ctx: CanvasRenderingContext2D,
  keypoints: Keypoints,
  style: SkeletonStyle,
): number {
  ctx.lineCap = 'round';
  for (const [a, b] of SKELETON_BONES) {
    const ka = keypoints[a];
    const kb = keypoints[b];
    if (!ka || !kb || ka.score < DRAW_MIN_SCORE || kb.score < DRAW_MIN_SCORE) continue;
    const emphasis = style.boneEmphasis?.(a, b) ?? null;
    ctx.lineWidth = style.lineWidthPx * (emphasis?.widthScale ?? 1);
    ctx.setLineDash(emphasis === null ? [] : [...emphasis.dashPx]);
    ctx.strokeStyle = style.boneColor(a, b);
    ctx.beginPath();
    ctx.moveTo(ka.xPx, ka.yPx);
    ctx.lineTo(kb.xPx, kb.yPx);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  let drawn = 0;
  const r = style.lineWidthPx * 0.9;
  ctx.fillStyle = '#ffffff';
  for (const k of Object.values(keypoints)) {
    if (k === undefined || k.score < DRAW_MIN_SCORE) continue;
    ctx.beginPath();
    ctx.arc(k.xPx, k.yPx, r, 0, Math.PI * 2);
    ctx.fill();
    drawn++;
  }
  return drawn;
}
