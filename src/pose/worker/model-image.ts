/// <reference lib="webworker" />
/**
 * A decoded video sample → the image the pose model reads: downscaled so its longer side is at most
 * the model path's maximum, rotation applied. Planar YUV frames (what software decoders give) are
 * copied out once and scaled and converted in JS straight into the tensor's layout (yuv-downscale.ts:
 * ~9 ms on a loaded 2-core machine, against 22–90 ms for the browser's own VideoFrame → ImageBitmap
 * resize here); any other frame goes through createImageBitmap, or a canvas when it is mirrored.
 */
import type { VideoSample } from 'mediabunny';
import {
  downscaleYuvToRgb,
  isYuvFormat,
  yuvMatrixOf,
  type RgbImage,
  type RotationDeg,
} from './yuv-downscale';

/** The model's input: RGB values ready for a tensor, or a bitmap for tf.browser.fromPixels. */
export type ModelImage = ImageBitmap | RgbImage;

/** Frees what the image holds (an ImageBitmap's pixels; RGB arrays are garbage-collected). */
export function releaseModelImage(image: ModelImage): void {
  if ('close' in image) image.close();
}

/** Scratch buffer for copying frames out of the decoder, reused while the frame size stays. */
let copyBuffer: Uint8Array | null = null;

/** Output size in display orientation for a longer side of at most `maxSidePx`, px. */
function outputSize(sample: VideoSample, maxSidePx: number): { width: number; height: number } {
  const scale = Math.min(1, maxSidePx / Math.max(sample.displayWidth, sample.displayHeight));
  return {
    width: Math.max(1, Math.round(sample.displayWidth * scale)),
    height: Math.max(1, Math.round(sample.displayHeight * scale)),
  };
}

/** The planar-YUV path; null when the frame is not planar YUV or cannot be copied out. */
async function fromYuv(
  sample: VideoSample,
  maxSidePx: number,
  timing: { copyMs: number },
): Promise<RgbImage | null> {
  if (sample.flip) return null;
  const frame = sample.toVideoFrame();
  try {
    if (!isYuvFormat(frame.format)) return null;
    const { width, height } = outputSize(sample, maxSidePx);
    const rotation = sample.rotation as RotationDeg;
    const sideways = rotation === 90 || rotation === 270;
    const size = frame.allocationSize();
    if (copyBuffer === null || copyBuffer.length !== size) copyBuffer = new Uint8Array(size);
    const data = copyBuffer;
    const c0 = performance.now();
    const planes = await frame.copyTo(data);
    timing.copyMs += performance.now() - c0;
    const visible = frame.visibleRect;
    return downscaleYuvToRgb(
      {
        format: frame.format,
        widthPx: visible?.width ?? frame.codedWidth,
        heightPx: visible?.height ?? frame.codedHeight,
        data,
        planes,
        matrix: yuvMatrixOf(frame.colorSpace.matrix, visible?.height ?? frame.codedHeight),
        fullRange: frame.colorSpace.fullRange === true,
      },
      sideways ? height : width,
      sideways ? width : height,
      rotation,
    );
  } finally {
    frame.close();
  }
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
  return (await fromYuv(sample, maxSidePx, timing)) ?? fromBrowser(sample, maxSidePx);
}
