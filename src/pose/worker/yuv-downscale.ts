/**
 * A decoded YUV frame → the small RGB image the pose model reads, in one pass over the planes.
 *
 * Why not createImageBitmap(videoFrame, { resizeWidth, … }) or a canvas: in headless Chromium on
 * this project's 2-core machine they cost 22–39 ms per frame of the 30 fps fixtures and 52–90 ms per
 * 1080×1920 phone frame (the full frame is converted to RGB first, then scaled), more than the model
 * itself (docs/benchmarks.md, "Video-file analysis"). Averaging 2 × 2 luma taps over each output
 * pixel's box of source pixels (the low-pass a downscale needs against aliasing; see `taps`) and
 * converting only the output pixels reads at most 4 source bytes per output pixel and writes
 * ≤ 640 px of RGB, in the layout of the model's input tensor (int32, 3 channels, rows top-down: what
 * tf.browser.fromPixels would make of it). Pure: no DOM, so it is unit-tested in Node.
 */

/** The planar layouts browsers' software decoders output (WebCodecs VideoPixelFormat names). */
export type YuvFormat = 'I420' | 'I420A' | 'NV12';

export const isYuvFormat = (f: string | null): f is YuvFormat =>
  f === 'I420' || f === 'I420A' || f === 'NV12';

/** Which YUV → RGB matrix the frame was encoded with. */
export type YuvMatrix = 'bt601' | 'bt709';

export interface YuvImage {
  format: YuvFormat;
  /** Visible size of the frame as copied, px. */
  widthPx: number;
  heightPx: number;
  /** The bytes of `VideoFrame.copyTo` and the plane layouts it returned (Y, then U and V or UV). */
  data: Uint8Array;
  planes: readonly { offset: number; stride: number }[];
  matrix: YuvMatrix;
  /** Full-range (0–255) luma and chroma, as opposed to the usual limited range (16–235/240). */
  fullRange: boolean;
}

/** An RGB image, 3 int32 values (0–255) per pixel, row by row. */
export interface RgbImage {
  rgb: Int32Array;
  width: number;
  height: number;
}

/** Clockwise rotation to apply after scaling (a phone's portrait video is stored rotated). */
export type RotationDeg = 0 | 90 | 180 | 270;

/**
 * Arrays a conversion writes into, kept by the caller from one frame to the next, since a file's
 * frames all have one size. Why: with fresh arrays per frame (bytes, then a 2.8 MB int32 copy, then
 * a rotated one) the pose worker's conversion of the 1080-wide clips measured 16.5–17.7 ms a frame,
 * with kept ones 4.0–5.9 ms (bench:file, same load; docs/file-analysis.md). An image returned through `buffers`
 * shares its arrays: it is valid until the next conversion with the same buffers.
 */
export interface ConversionBuffers {
  bytes?: Uint8ClampedArray;
  rgb?: Int32Array;
  rotated?: Int32Array;
}

/** `kept` when it has `length` elements, else a new array of that length. */
function sized<T extends Uint8ClampedArray | Int32Array>(
  kept: T | undefined,
  length: number,
  make: (n: number) => T,
): T {
  return kept !== undefined && kept.length === length ? kept : make(length);
}

/**
 * Colour matrix from a frame's colour space; an unspecified one is taken as BT.601 below 720 lines
 * and BT.709 from there up, the convention of SD and HD video.
 */
export function yuvMatrixOf(matrix: string | null | undefined, heightPx: number): YuvMatrix {
  if (matrix === 'bt709') return 'bt709';
  if (matrix === 'bt470bg' || matrix === 'smpte170m') return 'bt601';
  return heightPx >= 720 ? 'bt709' : 'bt601';
}

/**
 * YUV → RGB coefficients: [luma scale, V→R, U→G, V→G, U→B]. Limited range: BT.601 / BT.709 with
 * luma 16–235 and chroma 16–240 (ITU-R BT.601-7, BT.709-6).
 */
const COEFFS: Record<YuvMatrix, Record<'limited' | 'full', readonly number[]>> = {
  bt601: { limited: [1.164, 1.596, 0.392, 0.813, 2.017], full: [1, 1.402, 0.344, 0.714, 1.772] },
  bt709: { limited: [1.164, 1.793, 0.213, 0.533, 2.112], full: [1, 1.5748, 0.1873, 0.4681, 1.8556] },
};

/**
 * For each output index, the two source indices its luma taps read on one axis: the whole box when
 * it is one or two source pixels wide, else the pixels at a quarter and three quarters of it. 2 × 2
 * taps per output pixel: a box filter up to a 2× downscale, and for larger ones (a 1080 px side to
 * 360) most of its low-pass effect against aliasing at 4 reads instead of 9 or more; camera video
 * carries little detail at single-pixel scale, and the model scales its crops again (224–256 px).
 */
function taps(sourcePx: number, outPx: number): { first: Int32Array; second: Int32Array } {
  const first = new Int32Array(outPx);
  const second = new Int32Array(outPx);
  for (let o = 0; o < outPx; o++) {
    const start = Math.min(sourcePx - 1, Math.floor((o * sourcePx) / outPx));
    const width = Math.max(1, Math.floor(((o + 1) * sourcePx) / outPx) - start);
    first[o] = start + (width <= 2 ? 0 : Math.floor(width / 4));
    second[o] = Math.min(sourcePx - 1, start + (width <= 2 ? width - 1 : Math.floor((3 * width) / 4)));
  }
  return { first, second };
}

/**
 * Scales `src` to `outWidthPx` × `outHeightPx` (in the frame's stored orientation), converts to RGB
 * and rotates by `rotation` (width and height swap for 90° and 270°). With `buffers`, writes into
 * (and keeps there) arrays reused from the last call.
 */
export function downscaleYuvToRgb(
  src: YuvImage,
  outWidthPx: number,
  outHeightPx: number,
  rotation: RotationDeg = 0,
  buffers: ConversionBuffers = {},
): RgbImage {
  const [yPlane, uPlane, vPlane] = src.planes;
  if (yPlane === undefined || uPlane === undefined || (src.format !== 'NV12' && vPlane === undefined))
    throw new Error(`${src.format}: planes missing`);
  const [kY = 1, kVR = 0, kUG = 0, kVG = 0, kUB = 0] = COEFFS[src.matrix][src.fullRange ? 'full' : 'limited'];
  const yOffset = src.fullRange ? 0 : 16;
  const nv12 = src.format === 'NV12';
  const vp = nv12 ? uPlane : (vPlane ?? uPlane);
  const data = src.data;
  const xs = taps(src.widthPx, outWidthPx);
  const ys = taps(src.heightPx, outHeightPx);
  // Per output column: where its chroma sits in a U and in a V row (half resolution, between its
  // taps; NV12 interleaves U and V in one plane).
  const uColumn = new Int32Array(outWidthPx);
  const vColumn = new Int32Array(outWidthPx);
  for (let ox = 0; ox < outWidthPx; ox++) {
    const cx = ((xs.first[ox] ?? 0) + (xs.second[ox] ?? 0)) >> 2;
    uColumn[ox] = nv12 ? 2 * cx : cx;
    vColumn[ox] = nv12 ? 2 * cx + 1 : cx;
  }
  // Clamped bytes: the typed array rounds and clamps each store to 0–255 itself.
  const bytes = (buffers.bytes = sized(
    buffers.bytes,
    outWidthPx * outHeightPx * 3,
    (n) => new Uint8ClampedArray(n),
  ));
  let o = 0;
  for (let oy = 0; oy < outHeightPx; oy++) {
    const ya = ys.first[oy] ?? 0;
    const yb = ys.second[oy] ?? ya;
    const rowA = yPlane.offset + ya * yPlane.stride;
    const rowB = yPlane.offset + yb * yPlane.stride;
    const cy = (ya + yb) >> 2;
    const uRow = uPlane.offset + cy * uPlane.stride;
    const vRow = vp.offset + cy * vp.stride;
    for (let ox = 0; ox < outWidthPx; ox++) {
      const xa = xs.first[ox] ?? 0;
      const xb = xs.second[ox] ?? xa;
      const sum =
        (data[rowA + xa] ?? 0) + (data[rowA + xb] ?? 0) + (data[rowB + xa] ?? 0) + (data[rowB + xb] ?? 0);
      const luma = (sum * 0.25 - yOffset) * kY;
      const u = (data[uRow + (uColumn[ox] ?? 0)] ?? 128) - 128;
      const v = (data[vRow + (vColumn[ox] ?? 0)] ?? 128) - 128;
      bytes[o] = luma + kVR * v;
      bytes[o + 1] = luma - kUG * u - kVG * v;
      bytes[o + 2] = luma + kUB * u;
      o += 3;
    }
  }
  const rgb = (buffers.rgb = sized(buffers.rgb, bytes.length, (n) => new Int32Array(n)));
  rgb.set(bytes);
  const image = { rgb, width: outWidthPx, height: outHeightPx };
  if (rotation === 0) return image;
  const rotated = (buffers.rotated = sized(buffers.rotated, rgb.length, (n) => new Int32Array(n)));
  return rotateRgb(image, rotation, rotated);
}

/** Rotates an RGB image clockwise by `rotation`, into `out` when given (same length as the image). */
export function rotateRgb(
  image: RgbImage,
  rotation: RotationDeg,
  out: Int32Array = new Int32Array(image.rgb.length),
): RgbImage {
  const { rgb, width, height } = image;
  const outWidth = rotation === 180 ? width : height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const tx = rotation === 90 ? height - 1 - y : rotation === 180 ? width - 1 - x : y;
      const ty = rotation === 90 ? x : rotation === 180 ? height - 1 - y : width - 1 - x;
      const from = (y * width + x) * 3;
      const to = (ty * outWidth + tx) * 3;
      out[to] = rgb[from] ?? 0;
      out[to + 1] = rgb[from + 1] ?? 0;
      out[to + 2] = rgb[from + 2] ?? 0;
    }
  }
  return { rgb: out, width: outWidth, height: rotation === 180 ? height : width };
}
