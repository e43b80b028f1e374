import type { Keypoint, KeypointName, Keypoints, PoseFrame } from './keypoints';
import { MIN_KEYPOINT_SCORE, OUT_OF_FRAME_MARGIN_RATIO } from '../thresholds';

/** Frame size, px, and the resolution the pose model saw it at (PoseFrame's; 1 when absent). */
export interface FrameSize {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly modelPxPerSourcePx?: number;
}

/** A frame's size and model resolution, as the gate reads them. */
export const frameSize = (frame: PoseFrame): FrameSize => ({
  widthPx: frame.widthPx,
  heightPx: frame.heightPx,
  modelPxPerSourcePx: frame.modelPxPerSourcePx,
});

/** Whether a keypoint is confident and inside the frame. */
export function isUsable(
  k: Keypoint | undefined,
  size: FrameSize,
  minScore = MIN_KEYPOINT_SCORE,
): k is Keypoint {
  if (k === undefined || !(k.score >= minScore)) return false;
  if (!Number.isFinite(k.xPx) || !Number.isFinite(k.yPx)) return false;
  const mx = size.widthPx * OUT_OF_FRAME_MARGIN_RATIO;
  const my = size.heightPx * OUT_OF_FRAME_MARGIN_RATIO;
  return k.xPx >= -mx && k.xPx <= size.widthPx + mx && k.yPx >= -my && k.yPx <= size.heightPx + my;
}

/**
 * A view of one frame's keypoints that only hands out usable ones: every metric reads keypoints
 * through `get`, so a low-confidence or off-frame joint turns into `null` and never into a number.
 */
export class GatedPose {
  constructor(
    private readonly keypoints: Keypoints,
    readonly size: FrameSize,
    private readonly minScore = MIN_KEYPOINT_SCORE,
  ) {}

  get(name: KeypointName): Keypoint | null {
    const k = this.keypoints[name];
    return isUsable(k, this.size, this.minScore) ? k : null;
  }

  has(...names: KeypointName[]): boolean {
    return names.every((n) => this.get(n) !== null);
  }

  /** Whether a keypoint exists in the model's output at all (MoveNet has no heels/feet). */
  produces(name: KeypointName): boolean {
    return this.keypoints[name] !== undefined;
  }

  /** Whether a keypoint is confidently placed outside the frame (the person is cut off, not hidden). */
  isOutOfFrame(name: KeypointName): boolean {
    const k = this.keypoints[name];
    if (k === undefined) return false;
    const { widthPx: w, heightPx: h } = this.size;
    return k.xPx < 0 || k.xPx > w || k.yPx < 0 || k.yPx > h;
  }
}
