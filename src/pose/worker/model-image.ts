/// <reference lib="webworker" />
/**
 * A decoded video sample → the image the pose model reads: downscaled so its longer side is at most
 * the model path's maximum, rotation applied. Planar YUV frames (what software decoders give) are
 * copied out once and scaled and converted in JS straight into the tensor's layout (yuv-downscale.ts:
 * 4–6 ms a frame on a loaded 2-core machine, against 22–90 ms for the browser's own VideoFrame →
 * ImageBitmap resize here); any other frame goes through createImageBitmap, or a canvas when it is
 * mirrored.
 */
import type { VideoSample } from 'mediabunny';
import {
  downscaleYuvToRgb,
  isYuvFormat,
  type ConversionBuffers,
  yuvMatrixOf,
  type RgbImage,
  type RotationDeg,
  type YuvImage,
} from './yuv-downscale';

/** The model's input: RGB values ready for a tensor, or a bitmap for tf.browser.fromPixels. */
export type ModelImage = ImageBitmap | RgbImage;

/** Frees what the image holds (an ImageBitmap's pixels; RGB arrays are garbage-collected). */
export function releaseModelImage(image: ModelImage): void {
  if ('close' in image) image.close();
}

/** Scratch buffer for copying frames out of the decoder or the camera, reused while the frame size stays. */
let copyBuffer: Uint8Array | null = null;
/**
 * The RGB arrays every conversion writes into. One set serves all: the file analysis and the live
 * loop each convert a frame, make its tensor (which copies or consumes the values) and run the model
 * before they convert the next (file-analysis.ts, live-frames.ts).
 */
const rgbBuffers: ConversionBuffers = {};

/** Output size in display orientation for a longer side of at most `maxSidePx`, px. */
function outputSize(
  sample: { displayWidth: number; displayHeight: number },
  maxSidePx: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxSidePx / Math.max(sample.displayWidth, sample.displayHeight));
  return {
    width: Math.max(1, Math.round(sample.displayWidth * scale)),
    height: Math.max(1, Math.round(sample.displayHeight * scale)),
  };
}

/** A planar YUV frame copied out of the decoder, with what its conversion needs. */
interface CopiedYuv {
  yuv: YuvImage;
  /** Output size in display orientation, px, and the rotation to apply. */
  width: number;
  height: number;
  rotation: RotationDeg;
}

/**
 * A planar YUV `frame` (not closed here) copied out into `data` (sized by the callback), or null
 * when it is not planar YUV.
 */
async function copyFramePlanes(
  frame: VideoFrame,
  buffer: (sizeBytes: number) => Uint8Array,
  timing: { copyMs: number },
): Promise<YuvImage | null> {
  if (!isYuvFormat(frame.format)) return null;
  const data = buffer(frame.allocationSize());
  const c0 = performance.now();
  const planes = await frame.copyTo(data);
  timing.copyMs += performance.now() - c0;
  const visible = frame.visibleRect;
  const heightPx = visible?.height ?? frame.codedHeight;
  return {
    format: frame.format,
    widthPx: visible?.width ?? frame.codedWidth,
    heightPx,
    data,
    planes,
    matrix: yuvMatrixOf(frame.colorSpace.matrix, heightPx),
    fullRange: frame.colorSpace.fullRange === true,
  };
}

/** The shared scratch buffer, (re)made at `sizeBytes`. */
function scratch(sizeBytes: number): Uint8Array {
  if (copyBuffer === null || copyBuffer.length !== sizeBytes) copyBuffer = new Uint8Array(sizeBytes);
  return copyBuffer;
}

/**
 * The planar-YUV path's copy; null when the frame is not planar YUV (or is mirrored). `ownBuffer`:
 * copy into a buffer of its own (a frame kept for later) rather than the shared scratch buffer.
 */
async function copyYuv(
  sample: VideoSample,
  maxSidePx: number,
  ownBuffer: boolean,
  timing: { copyMs: number },
): Promise<CopiedYuv | null> {
  if (sample.flip) return null;
  const frame = sample.toVideoFrame();
  try {
    const yuv = await copyFramePlanes(frame, ownBuffer ? (n) => new Uint8Array(n) : scratch, timing);
    if (yuv === null) return null;
    return { yuv, ...outputSize(sample, maxSidePx), rotation: sample.rotation as RotationDeg };
  } finally {
    frame.close();
  }
}

function convertYuv(c: CopiedYuv, buffers: ConversionBuffers = rgbBuffers): RgbImage {
  const sideways = c.rotation === 90 || c.rotation === 270;
  return downscaleYuvToRgb(
    c.yuv,
    sideways ? c.height : c.width,
    sideways ? c.width : c.height,
    c.rotation,
    buffers,
  );
}

/**
 * `sample` (not closed here) as RGB values in arrays of its own, longer side ≤ `maxSidePx`, for a
 * thread that hands the image on (the decode worker, decode-worker-api.ts); null when it is not planar
 * YUV (or is mirrored), which the receiving thread then converts itself. `buffers` supplies arrays to
 * write into (the caller's pool) and keeps the scaled bytes for the next call; the image's array is
 * the caller's to send, and any other array left in `buffers` stays reusable.
 */
export async function toOwnRgbImage(
  sample: VideoSample,
  maxSidePx: number,
  timing: { copyMs: number },
  buffers: ConversionBuffers,
): Promise<RgbImage | null> {
  const copied = await copyYuv(sample, maxSidePx, false, timing);
  return copied === null ? null : convertYuv(copied, buffers);
}

/** The browser's own conversion: for frames that are not planar YUV (or rotated and mirrored). */
async function fromBrowser(sample: VideoSample, maxSidePx: number): Promise<ImageBitmap> {
  const { width, height } = outputSize(sample, maxSidePx);
  if (sample.rotation === 0 && !sample.flip) {
    const frame = sample.toVideoFrame();
    try {
      return await createImageBitmap(frame, {
        resizeWidth: width,
        resizeHeight: height,
        resizeQuality: 'medium',
      });
    } finally {
      frame.close();
    }
  }
  // Rotated or mirrored: mediabunny draws it upright, as a <video> element shows it.
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2D canvas in this worker');
  sample.drawWithFit(context, { fit: 'fill' });
  return canvas.transferToImageBitmap();
}

/**
 * `sample` (not closed here) as the model's input image, longer side ≤ `maxSidePx`. Adds the time
 * spent copying planes out of the decoder's frame to `timing.copyMs`.
 */
export async function toModelImage(
  sample: VideoSample,
  maxSidePx: number,
  timing: { copyMs: number },
): Promise<ModelImage> {
  const copied = await copyYuv(sample, maxSidePx, false, timing);
  return copied === null ? fromBrowser(sample, maxSidePx) : convertYuv(copied);
}

/** A frame kept for later: its planes copied out (cheap), converted only if it is wanted. */
export interface KeptFrame {
  /** The model image; converts now if it was kept unconverted. */
  image(): ModelImage;
  /** Frees it when it is not wanted. */
  release(): void;
}

/** Keeps `sample` (not closed here) for a possible later toModelImage, as cheaply as it can. */
export async function keepFrame(
  sample: VideoSample,
  maxSidePx: number,
  timing: { copyMs: number },
): Promise<KeptFrame> {
  const copied = await copyYuv(sample, maxSidePx, true, timing);
  if (copied !== null) return { image: () => convertYuv(copied), release: () => undefined };
  const bitmap = await fromBrowser(sample, maxSidePx);
  return { image: () => bitmap, release: () => bitmap.close() };
}

/**
 * A live camera frame (not closed here) as the model's input, longer side ≤ `maxSidePx`: a planar
 * YUV frame is copied into the scratch buffer and converted as a file's frames are, into the same
 * kept arrays (the image is valid until the next conversion; the worker runs a file or the live camera,
 * never both at once: the client refuses one while the other runs); any other frame goes through the
 * browser's resize.
 */
export async function liveFrameImage(frame: VideoFrame, maxSidePx: number): Promise<ModelImage> {
  const size = outputSize(frame, maxSidePx);
  // A rotated or mirrored frame (VideoFrame.rotation / flip, where the browser has them) is left to
  // the browser's resize, which applies them.
  const { rotation, flip } = frame as { rotation?: number; flip?: boolean };
  const upright = (rotation ?? 0) === 0 && flip !== true;
  const yuv = upright ? await copyFramePlanes(frame, scratch, { copyMs: 0 }) : null;
  if (yuv !== null) return convertYuv({ yuv, ...size, rotation: 0 });
  return createImageBitmap(frame, {
    resizeWidth: size.width,
    resizeHeight: size.height,
    resizeQuality: 'medium',
  });
}
