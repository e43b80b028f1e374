/**
 * The live overlay: the smoothed skeleton with the bones of a fault highlighted — red, dashed and
 * thicker, with a text label — so a fault is never signalled by colour alone.
 */
import {
  thresholds,
  type CueId,
  type FrameMetrics,
  type KeypointName,
  type Keypoints,
  type Side,
} from '../../core';
import { drawSkeleton } from '../../ui-kit/skeleton';
import { hipDropBeyondPerspectiveDeg } from './live-gauges';

/** Bone colour when nothing is wrong. */
const BONE_OK = '#3ddc97';
/** Bone colour of a fault. */
const BONE_FAULT = '#ff4d4d';
/** Line width as a share of the frame's width: visible from 3 m on a phone and on a laptop. */
const LINE_WIDTH_PER_FRAME_WIDTH = 1 / 160;
/** Thinnest line, px of the source frame. */
const MIN_LINE_WIDTH_PX = 3;

export interface FaultFlags {
  knee: Record<Side, boolean>;
  hip: boolean;
  toes: boolean;
}

const over = (v: number | null, fireAt: number, clearAt: number, cueActive: boolean): boolean =>
  v !== null && (v >= fireAt || (cueActive && v >= clearAt));

/** Which body parts to highlight: past the cue's threshold, or still past its clear level while the cue shows. */
export function faultFlags(m: FrameMetrics, cue: CueId | null): FaultFlags {
  const knee = (s: Side): boolean =>
    over(
      m.kneeValgusDeg[s],
      thresholds.KNEES_OUT_FIRE_DEG,
      thresholds.KNEES_OUT_CLEAR_DEG,
      cue === 'knees-out',
    );
  return {
    knee: { left: knee('left'), right: knee('right') },
    hip: over(
      hipDropBeyondPerspectiveDeg(m),
      thresholds.HIPS_LEVEL_FIRE_DEG,
      thresholds.HIPS_LEVEL_CLEAR_DEG,
      cue === 'hips-level',
    ),
    toes: over(
      m.toeShiftRatio,
      thresholds.HIPS_BACK_FIRE_RATIO,
      thresholds.HIPS_BACK_CLEAR_RATIO,
      cue === 'hips-back',
    ),
  };
}

const isBoneOf = (a: KeypointName, b: KeypointName, names: readonly KeypointName[]): boolean =>
  names.includes(a) && names.includes(b);

function faultyBone(a: KeypointName, b: KeypointName, f: FaultFlags): boolean {
  for (const s of ['left', 'right'] as const) {
    if (f.knee[s] && isBoneOf(a, b, [`${s}_hip`, `${s}_knee`, `${s}_ankle`])) return true;
  }
  if (f.hip && isBoneOf(a, b, ['left_hip', 'right_hip'])) return true;
  if (f.toes && (a.endsWith('foot_index') || b.endsWith('foot_index') || a.endsWith('heel'))) return true;
  return false;
}

/**
 * Clears and draws one overlay frame; returns the number of keypoints drawn. `mirrored`: the canvas
 * is flipped by CSS, so labels are flipped back to stay readable.
 */
export function drawLiveOverlay(
  ctx: CanvasRenderingContext2D,
  keypoints: Keypoints | null,
  flags: FaultFlags | null,
  mirrored: boolean,
): number {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  if (keypoints === null) return 0;
  const lineWidthPx = Math.max(MIN_LINE_WIDTH_PX, width * LINE_WIDTH_PER_FRAME_WIDTH);
  const drawn = drawSkeleton(ctx, keypoints, {
    boneColor: (a, b) => (flags !== null && faultyBone(a, b, flags) ? BONE_FAULT : BONE_OK),
    lineWidthPx,
    boneEmphasis: (a, b) =>
      flags !== null && faultyBone(a, b, flags)
        ? { dashPx: [lineWidthPx * 2.5, lineWidthPx * 1.5], widthScale: 1.7 }
        : null,
  });
  if (flags === null) return drawn;
  const labels: { at: KeypointName; text: string }[] = [];
  if (flags.knee.left) labels.push({ at: 'left_knee', text: 'KNEE IN' });
  if (flags.knee.right) labels.push({ at: 'right_knee', text: 'KNEE IN' });
  if (flags.hip) labels.push({ at: 'left_hip', text: 'HIP DROP' });
  if (flags.toes) labels.push({ at: 'left_ankle', text: 'ON TOES' });
  const fontPx = Math.round(lineWidthPx * 5);
  ctx.font = `700 ${fontPx}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  for (const l of labels) {
    const k = keypoints[l.at];
    if (k === undefined) continue;
    const left = k.xPx + lineWidthPx * 4;
    ctx.save();
    // Undo the CSS mirror for text only: flipped about the joint, the label stays beside it, readable.
    if (mirrored) {
      ctx.translate(k.xPx, 0);
      ctx.scale(-1, 1);
      ctx.translate(-k.xPx, 0);
    }
    const w = ctx.measureText(l.text).width;
    ctx.fillStyle = 'rgba(0,0,0,0.7)';
    ctx.fillRect(left - fontPx * 0.25, k.yPx - fontPx * 0.65, w + fontPx * 0.5, fontPx * 1.3);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(l.text, left, k.yPx);
    ctx.restore();
  }
  return drawn;
}
