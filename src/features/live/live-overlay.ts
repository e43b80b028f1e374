/**
 * The live overlay: the smoothed skeleton with the bones of a fault highlighted — red, dashed and
 * thicker, with a text label — so a fault is never signalled by colour alone.
 */
import {
  cueRule,
  isFaultLive,
  type CueId,
  type FrameAnalysis,
  type KeypointName,
  type Keypoints,
  type Side,
} from '../../core';
import { CUE_PRESENTATION, FAULT_COLOR, OK_COLOR } from '../../ui-kit/cue-presentation';
import { drawSkeleton } from '../../ui-kit/skeleton';

/** Line width as a share of the frame's width: visible from 3 m on a phone and on a laptop. */
const LINE_WIDTH_PER_FRAME_WIDTH = 1 / 160;
/** Thinnest line, px of the source frame. */
const MIN_LINE_WIDTH_PX = 3;

export interface FaultFlags {
  knee: Record<Side, boolean>;
  hip: boolean;
  toes: boolean;
}

/**
 * Which body parts to highlight: the core's live verdict per cue (past its limit, or still near it
 * while that cue shows). Each knee is judged on its own value against the knees-out limit.
 */
export function faultFlags(m: FrameAnalysis['metrics'], cue: CueId | null): FaultFlags {
  const knees = cueRule('knees-out');
  const knee = (s: Side): boolean =>
    isFaultLive(knees, m.kneeMedialDisplacementRatio[s], cue === 'knees-out');
  const fault = (id: CueId): boolean => {
    const rule = cueRule(id);
    return isFaultLive(rule, rule.value(m), cue === id);
  };
  return {
    knee: { left: knee('left'), right: knee('right') },
    hip: fault('hips-level'),
    toes: fault('hips-back'),
  };
}

/** The flags of an analysed frame, or null when it has no person to draw. */
export const faultFlagsOf = (a: FrameAnalysis | null): FaultFlags | null =>
  a === null || a.keypoints === null ? null : faultFlags(a.metrics, a.cue?.id ?? null);

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
    boneColor: (a, b) => (flags !== null && faultyBone(a, b, flags) ? FAULT_COLOR : OK_COLOR),
    lineWidthPx,
    boneEmphasis: (a, b) =>
      flags !== null && faultyBone(a, b, flags)
        ? { dashPx: [lineWidthPx * 2.5, lineWidthPx * 1.5], widthScale: 1.7 }
        : null,
  });
  if (flags === null) return drawn;
  const labels: { at: KeypointName; text: string }[] = [];
  const label = (id: CueId): string => CUE_PRESENTATION[id].overlayLabel;
  if (flags.knee.left) labels.push({ at: 'left_knee', text: label('knees-out') });
  if (flags.knee.right) labels.push({ at: 'right_knee', text: label('knees-out') });
  if (flags.hip) labels.push({ at: 'left_hip', text: label('hips-level') });
  if (flags.toes) labels.push({ at: 'left_ankle', text: label('hips-back') });
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
