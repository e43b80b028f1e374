/**
 * Mean luma of an image, Rec. 601 weights (Y = 0.299 R + 0.587 G + 0.114 B, 0–255), the measure the
 * live screen's "too dark" check reads. Pure: both the page's thumbnail of the camera image and the
 * pose worker's converted frames go through it.
 */

/** Interleaved 8-bit pixels, `channels` values each (RGB = 3, RGBA = 4), row-major, R first. */
export interface InterleavedPixels {
  readonly data: ArrayLike<number>;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly channels: 3 | 4;
}

/**
 * Mean luma over a grid of every `stepPx`-th pixel in each direction, or null for an empty image.
 * A step of 8 reads 4800 of a 640 × 480 frame's pixels: the mean of a room's light, not of detail.
 */
export function meanLuma(image: InterleavedPixels, stepPx = 1): number | null {
  const { data, widthPx, heightPx, channels } = image;
  const step = Math.max(1, Math.floor(stepPx));
  let sum = 0;
  let n = 0;
  for (let y = 0; y < heightPx; y += step) {
    for (let x = 0; x < widthPx; x += step) {
      const i = (y * widthPx + x) * channels;
      sum += 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}
