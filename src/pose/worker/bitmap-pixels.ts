/// <reference lib="webworker" />
/**
 * A live frame's pixels for the model, read through one 2D canvas kept for reading back.
 *
 * Why not hand the ImageBitmap to the model: in a worker, tf.browser.fromPixels (tfjs-core 4.22,
 * ops/browser.js) draws it on an OffscreenCanvas made without `willReadFrequently` (the page's own
 * canvas has the flag) and sets that canvas's size on every call, which clears and reallocates it.
 * Chromium then keeps the canvas on its accelerated path, so every frame is drawn by the rasteriser
 * and read back from it. Here the canvas asks for a CPU backing once and keeps its size while the
 * frames keep theirs; the model then takes the ImageData, whose pixels it copies as they are.
 */

let context: OffscreenCanvasRenderingContext2D | null = null;

/** The bitmap's RGBA pixels (the bitmap stays open: the caller closes it). */
export function bitmapPixels(bitmap: ImageBitmap): ImageData {
  const { width, height } = bitmap;
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
