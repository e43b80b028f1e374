/**
 * Lighting check on the page: the mean luma of the video, read from a tiny downscaled copy (16×9 px)
 * every LIVE_TICK_MS, never per frame. Drawing the <video> costs the page's thread the frame's full
 * conversion, though: 9 ms at the median and up to 27 ms here (640 × 480 camera, headless Chromium).
 * So where the pose worker reads the camera's frames itself, it measures the luma of the frames it
 * converts anyway (src/pose/worker/live-frames.ts), and this meter serves only the page's own path.
 */
import { meanLuma } from '../core/math/luma';

/** Size of the downscaled copy, px: the average of a 144-pixel thumbnail is enough for "too dark". */
const THUMB_WIDTH_PX = 16;
const THUMB_HEIGHT_PX = 9;

/**
 * Mean luma (0–255, Rec. 601) under which the room counts as too dark: below ~45 webcams push gain
 * until keypoint scores collapse (a dim living room at night reads ~30–40, a lit room 90–140).
 */
export const TOO_DARK_LUMA = 45;

export class LumaMeter {
  readonly #canvas = document.createElement('canvas');
  readonly #ctx: CanvasRenderingContext2D | null;

  constructor() {
    this.#canvas.width = THUMB_WIDTH_PX;
    this.#canvas.height = THUMB_HEIGHT_PX;
    this.#ctx = this.#canvas.getContext('2d', { willReadFrequently: true });
  }

  /** Mean luma of the current video frame, 0–255, or null when there is no frame yet. */
  measure(video: HTMLVideoElement): number | null {
    if (this.#ctx === null || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return null;
    this.#ctx.drawImage(video, 0, 0, THUMB_WIDTH_PX, THUMB_HEIGHT_PX);
    const { data } = this.#ctx.getImageData(0, 0, THUMB_WIDTH_PX, THUMB_HEIGHT_PX);
    return meanLuma({ data, widthPx: THUMB_WIDTH_PX, heightPx: THUMB_HEIGHT_PX, channels: 4 });
  }
}
