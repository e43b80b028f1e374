/// <reference lib="webworker" />
/**
 * A page frame's pixels for the model: a VideoFrame's copied out as RGBA, an ImageBitmap's read
 * through one 2D canvas kept for reading back.
 *
 * Why the page sends VideoFrames (src/pose/client.ts): a transferred ImageBitmap reached the
 * initialised pose worker 3.5–5 ms after it was posted at the median, a VideoFrame over the same
 * bitmap 0.2 ms (640 × 360 fixture frames, this machine's headless Chromium). Drawing that VideoFrame
 * on the canvas cost 6.5–7.3 ms against the bitmap's 3.0–3.3, so it is copied out with
 * VideoFrame.copyTo, converting to RGBA on the way (3.7 ms).
 *
 * Why not hand the ImageBitmap to the model: in a worker, tf.browser.fromPixels (tfjs-core 4.22,
 * ops/browser.js) draws it on an OffscreenCanvas made without `willReadFrequently` (the page's own
 * canvas has the flag) and sets that canvas's size on every call, which clears and reallocates it.
 * Chromium then keeps the canvas on its accelerated path, so every frame is drawn by the rasteriser
 * and read back from it. Here the canvas asks for a CPU backing once and keeps its size while the
 * frames keep theirs; the model then takes the ImageData, whose pixels it copies as they are.
 */

let context: OffscreenCanvasRenderingContext2D | null = null;
/** The RGBA copy of the last VideoFrame, reused while frames keep their size. */
let copied: ImageData | null = null;
/** False once this browser refused copyTo's RGBA conversion: frames are drawn instead. */
let copyToRgba = true;

/** A page frame as the worker receives it. */
export type PageFrame = ImageBitmap | VideoFrame;

/** The frame's size in pixels, as drawing it gives. */
export const pageFrameSize = (frame: PageFrame): { width: number; height: number } =>
  frame instanceof ImageBitmap
    ? { width: frame.width, height: frame.height }
    : { width: frame.displayWidth, height: frame.displayHeight };

/**
 * The frame's RGBA pixels (the frame stays open: the caller closes it). The ImageData is reused by
 * the next call: the model copies it into a tensor before then.
 */
export async function pageFramePixels(frame: PageFrame): Promise<ImageData> {
  if (frame instanceof ImageBitmap || !copyToRgba) return bitmapPixels(frame);
  const { width, height } = pageFrameSize(frame);
  // A frame with a visible rect or rotation of its own is left to drawing, which applies them.
  const whole = frame.codedWidth === width && frame.codedHeight === height;
  if (!whole) return bitmapPixels(frame);
  if (copied === null || copied.width !== width || copied.height !== height)
    copied = new ImageData(width, height);
  try {
    await frame.copyTo(copied.data, { format: 'RGBA', layout: [{ offset: 0, stride: width * 4 }] });
    return copied;
  } catch {
    copyToRgba = false;
    return bitmapPixels(frame);
  }
}

/** The frame's RGBA pixels, drawn and read back (the frame stays open: the caller closes it). */
export function bitmapPixels(bitmap: PageFrame): ImageData {
  const { width, height } = pageFrameSize(bitmap);
  if (context === null) {
    context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (context === null) throw new Error('This browser gives a worker no 2D canvas to read frames with.');
  }
  const canvas = context.canvas;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, width, height);
}
