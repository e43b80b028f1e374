/**
 * The body outline on the live video during set-up (until the set starts): a box where the whole
 * body should stand, drawn white and dashed until the pose fills it, then solid green. "Fills it" is
 * decided from the pose alone (pure `bodyFitsOutline`): every body part the analysis needs is seen,
 * every seen one is inside the box by a margin, and the body is tall enough in it to be measured well.
 */
import { thresholds, type KeypointName, type Keypoints } from '../../core';
import { OK_COLOR } from '../../ui-kit/cue-presentation';

/** Gap between the outline and the frame's edges, share of the frame's height. */
export const OUTLINE_EDGE_RATIO = 0.04;
/**
 * Outline width / height: a person squats within about half their standing height across (knees
 * out from the front, knees and hips apart from the side).
 */
export const OUTLINE_ASPECT_RATIO = 0.55;
/**
 * How far inside the outline every needed keypoint must be, share of the outline's height:
 * keypoints are joint centres, and the head's top and the soles lie ~3–6% of body height beyond the
 * nose and the ankles.
 */
export const OUTLINE_MARGIN_RATIO = 0.03;
/**
 * Nose-to-ankle height that fills the outline, share of its height, judged standing (the outline
 * shows during set-up only). A person standing 2–3 m from a phone in portrait spans ~0.6 of it (the
 * front fixture clip: 0.61); well below that they are far enough away that knees and feet span few
 * pixels.
 */
export const OUTLINE_MIN_FILL_RATIO = 0.5;

/** The body parts the analysis needs in view: each needs one confident keypoint (one side suffices from the side). */
export const OUTLINE_PARTS: readonly (readonly KeypointName[])[] = [
  ['nose'],
  ['left_shoulder', 'right_shoulder'],
  ['left_hip', 'right_hip'],
  ['left_knee', 'right_knee'],
  ['left_ankle', 'right_ankle'],
];

export interface OutlineBox {
  readonly x0Px: number;
  readonly y0Px: number;
  readonly x1Px: number;
  readonly y1Px: number;
}

/** The outline for a frame of this size, in the frame's pixels, centred. */
export function outlineBox(widthPx: number, heightPx: number): OutlineBox {
  const edgePx = heightPx * OUTLINE_EDGE_RATIO;
  const h = heightPx - 2 * edgePx;
  const w = Math.min(widthPx - 2 * edgePx, h * OUTLINE_ASPECT_RATIO);
  const x0Px = (widthPx - w) / 2;
  return { x0Px, y0Px: edgePx, x1Px: x0Px + w, y1Px: edgePx + h };
}

/** True when the pose fills the outline (see the file's comment). */
export function bodyFitsOutline(keypoints: Keypoints | null, widthPx: number, heightPx: number): boolean {
  if (keypoints === null) return false;
  const box = outlineBox(widthPx, heightPx);
  const marginPx = (box.y1Px - box.y0Px) * OUTLINE_MARGIN_RATIO;
  const inside = (x: number, y: number): boolean =>
    x >= box.x0Px + marginPx &&
    x <= box.x1Px - marginPx &&
    y >= box.y0Px + marginPx &&
    y <= box.y1Px - marginPx;
  let topPx = Infinity;
  let bottomPx = -Infinity;
  for (const part of OUTLINE_PARTS) {
    const seen = part
      .map((n) => keypoints[n])
      .filter((k) => k !== undefined && k.score >= thresholds.MIN_KEYPOINT_SCORE);
    if (seen.length === 0) return false;
    for (const k of seen) {
      if (k === undefined) continue;
      if (!inside(k.xPx, k.yPx)) return false;
      topPx = Math.min(topPx, k.yPx);
      bottomPx = Math.max(bottomPx, k.yPx);
    }
  }
  return bottomPx - topPx >= OUTLINE_MIN_FILL_RATIO * (box.y1Px - box.y0Px);
}

/** Outline stroke, share of the frame's height: visible from 3 m like the skeleton's bones. */
const OUTLINE_LINE_RATIO = 1 / 140;

/** Draws the outline over what is on the canvas: dashed white while out, solid green once filled. */
export function drawOutline(ctx: CanvasRenderingContext2D, fits: boolean): void {
  const { width, height } = ctx.canvas;
  const box = outlineBox(width, height);
  const lineWidthPx = Math.max(2, height * OUTLINE_LINE_RATIO);
  ctx.save();
  ctx.lineWidth = fits ? lineWidthPx * 1.5 : lineWidthPx;
  ctx.strokeStyle = fits ? OK_COLOR : 'rgba(255,255,255,0.85)';
  ctx.setLineDash(fits ? [] : [lineWidthPx * 4, lineWidthPx * 3]);
  ctx.beginPath();
  ctx.roundRect(box.x0Px, box.y0Px, box.x1Px - box.x0Px, box.y1Px - box.y0Px, lineWidthPx * 6);
  ctx.stroke();
  ctx.restore();
}
