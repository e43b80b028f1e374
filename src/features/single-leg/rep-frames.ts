/** Taking the pictures kept for the report: a downscaled video frame, stored as a JPEG. */

/** Width of the frames kept for the report, px: enough to judge a knee, small enough to keep many. */
export const REP_FRAME_WIDTH_PX = 360;
/** JPEG quality of a kept rep frame (0–1): ~20 kB at 360 px, no visible blocking on the lines. */
export const REP_FRAME_JPEG_QUALITY = 0.85;
/** A rep's picture must be this close to its peak, ms (the model answers ~15–20 times a second). */
export const REP_FRAME_MAX_GAP_MS = 300;

/** Downscaled copy of the current video frame, or null when there is none. */
export function grab(video: HTMLVideoElement): Promise<ImageBitmap> | null {
  const w = video.videoWidth;
  const hPx = video.videoHeight;
  if (w === 0 || hPx === 0 || video.readyState < 2) return null;
  const width = Math.min(w, REP_FRAME_WIDTH_PX);
  return createImageBitmap(video, { resizeWidth: width, resizeHeight: Math.round((hPx * width) / w) });
}

export async function toJpeg(bmp: ImageBitmap): Promise<Blob> {
  const c = new OffscreenCanvas(bmp.width, bmp.height);
  c.getContext('2d')?.drawImage(bmp, 0, 0);
  return c.convertToBlob({ type: 'image/jpeg', quality: REP_FRAME_JPEG_QUALITY });
}
