/**
 * Every frame of a video file, in order, as ImageBitmaps with their media time — decoded by the
 * browser's own <video> pipeline, so whatever the browser plays, we can analyse.
 *
 * Seeking frame by frame is exact but costs a decode from the previous keyframe per frame (GOPs of
 * 90–300 frames in the fixtures), so frames are taken while the video *plays*: each
 * `requestVideoFrameCallback` copies the presented frame; when the consumer falls behind, playback
 * pauses until it catches up (backpressure, nothing queued beyond one frame). A frame that was
 * skipped anyway (a jump in media time) is fetched in place by seeking to it, so the output is
 * every frame, in order.
 */

export class VideoDecodeError extends Error {
  override name = 'VideoDecodeError';
}

export interface VideoFrame {
  readonly index: number;
  /** Media time of the frame, ms from the start of the video. */
  readonly tMs: number;
  readonly bitmap: ImageBitmap;
}

export interface VideoInfo {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly durationMs: number;
  /** Frame rate estimated from presentation times (median interval). */
  readonly fps: number;
}

/** How long a video may take to produce its metadata or first frame before we call it unplayable. */
const LOAD_TIMEOUT_MS = 15_000;

const MEDIA_ERRORS: Record<number, string> = {
  1: 'loading was aborted',
  2: 'a network error interrupted loading',
  3: 'the file is corrupt or uses an unsupported encoding',
  4: 'the file format is not supported by this browser',
};

function waitFor(video: HTMLVideoElement, event: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new VideoDecodeError(`Timed out while ${what}.`)), LOAD_TIMEOUT_MS);
    const onEvent = (): void => done(null);
    const onError = (): void => {
      const code = video.error?.code ?? 0;
      done(new VideoDecodeError(`This video can't be read: ${MEDIA_ERRORS[code] ?? 'unknown error'}.`));
    };
    function done(err: Error | null): void {
      clearTimeout(timer);
      video.removeEventListener(event, onEvent);
      video.removeEventListener('error', onError);
      if (err) reject(err);
      else resolve();
    }
    video.addEventListener(event, onEvent);
    video.addEventListener('error', onError);
  });
}

export async function openVideo(src: string): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  const loaded = waitFor(video, 'loadeddata', 'opening the video');
  video.src = src;
  await loaded;
  if (video.videoWidth === 0 || video.videoHeight === 0) {
    throw new VideoDecodeError('This file has no video picture (audio only, or an unsupported codec).');
  }
  return video;
}

async function seekTo(video: HTMLVideoElement, tS: number): Promise<void> {
  const seeked = waitFor(video, 'seeked', 'seeking to a skipped frame');
  video.currentTime = tS;
  await seeked;
}

/**
 * Highest frame rate, frames per second of wall time, at which a file plays while its frames are
 * copied. Playing at 1× capped analysis at real time even when the model is faster (a 5 fps clip:
 * 1.0×); raising the rate lifts that cap, and backpressure still pauses playback whenever the model
 * is slower. Measured on the fixtures (docs/benchmarks.md): 30 fps of content gave 3.5× on the 5 fps
 * clip; 60 fps (12× there) made the player skip more frames, each fetched by a seek (1.9×), and
 * running a 30 fps clip at 2× stalled the frame loop once. So 30 fps: low-rate files speed up, 30 fps
 * files play at 1× as before; and each skip halves the allowed rate (see rateCap).
 */
export const MAX_PLAYBACK_FPS = 30;
/** Highest playbackRate used, ×: Chromium plays muted video up to 16×; 6× already serves a 5 fps file. */
export const MAX_PLAYBACK_RATE = 8;

/**
 * Source frame rate, fps, above which a file plays at 1×: on a 30 fps clip whose frames the player
 * already skipped at 1× (1080×2048 H.264), the apparent rate read 15 fps, 2× made it slower (more
 * seeks) and lost a frame; low-rate files (≈ 5–10 fps) are where the speed-up pays.
 */
export const MAX_SPEEDUP_SOURCE_FPS = 12;

/** Playback rate for a file of `fps` so that frames arrive at most MAX_PLAYBACK_FPS. */
export const playbackRateFor = (fps: number): number =>
  Number.isFinite(fps) && fps > 0 && fps <= MAX_SPEEDUP_SOURCE_FPS
    ? Math.min(MAX_PLAYBACK_RATE, Math.max(1, MAX_PLAYBACK_FPS / fps))
    : 1;

/** An interval this many times the shortest one means frames were skipped. */
const GAP_FACTOR = 1.5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/**
 * Yields every frame of `video` (from the start). Stops early when `signal` aborts. `info` is
 * filled as soon as the frame rate is known (after two frames).
 */
export async function* videoFrames(
  video: HTMLVideoElement,
  options: { signal?: AbortSignal; onInfo?: (info: VideoInfo) => void; maxSidePx?: number } = {},
): AsyncGenerator<VideoFrame> {
  const { signal, onInfo } = options;
  // Downscale while copying: a 1080×2048 frame is 8.8 MB; the model sees ≤ 640 px anyway.
  const scale = Math.min(1, (options.maxSidePx ?? Infinity) / Math.max(video.videoWidth, video.videoHeight));
  const size: ImageBitmapOptions =
    scale < 1
      ? {
          resizeWidth: Math.round(video.videoWidth * scale),
          resizeHeight: Math.round(video.videoHeight * scale),
          resizeQuality: 'medium',
        }
      : {};
  const grab = (): Promise<ImageBitmap> => createImageBitmap(video, size);
  type Item = { tS: number; bitmap: ImageBitmap } | { end: true } | { error: Error };
  const buffer: Item[] = [];
  let wake: (() => void) | null = null;
  const push = (item: Item): void => {
    buffer.push(item);
    wake?.();
  };
  let stopped = false;
  let lastGrab: Promise<void> = Promise.resolve();
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
    if (stopped) return;
    // Copy now: the element's current frame is the one this callback announces.
    const tS = meta.mediaTime;
    lastGrab = grab().then(
      (bitmap) => push({ tS, bitmap }),
      (e: unknown) => push({ error: new VideoDecodeError(`A frame could not be read: ${String(e)}`) }),
    );
    if (buffer.length >= 1) video.pause();
    if (!video.ended) video.requestVideoFrameCallback(onFrame);
  };
  // The last frame's copy may still be in flight when 'ended' fires: end after it lands.
  const onEnded = (): void => void lastGrab.then(() => push({ end: true }));
  const onError = (): void =>
    push({
      error: new VideoDecodeError(
        `The video stopped decoding: ${MEDIA_ERRORS[video.error?.code ?? 0] ?? 'unknown error'}.`,
      ),
    });
  video.addEventListener('ended', onEnded);
  video.addEventListener('error', onError);

  const intervalsS: number[] = [];
  let info: VideoInfo | null = null;
  let index = 0;
  let lastTS = -Infinity;
  let skippedFetched = 0;
  /** Highest playback rate still allowed: halved whenever the player skipped frames. */
  let rateCap = MAX_PLAYBACK_RATE;
  try {
    // The first frame is already on screen (the video was opened to it): playing starts at the next.
    if (video.currentTime !== 0) await seekTo(video, 0);
    push({ tS: 0, bitmap: await grab() });
    video.requestVideoFrameCallback(onFrame);
    await video.play();
    for (;;) {
      if (signal?.aborted) return;
      const item = buffer.shift();
      if (item === undefined) {
        if (video.paused && !video.ended) await video.play().catch(() => undefined);
        // A frame may have landed while play() was pending (and paused the video again): check
        // before sleeping, or nothing would ever wake us.
        if (buffer.length === 0) await new Promise<void>((r) => (wake = r));
        wake = null;
        continue;
      }
      if ('end' in item) break;
      if ('error' in item) throw item.error;
      if (item.tS <= lastTS) {
        item.bitmap.close();
        continue;
      }
      // Frames the decoder or compositor dropped (the machine was busy) show up as a jump in media
      // time. Fetch them by seeking, in order, then continue playing from where we were.
      const frameS = Math.min(...intervalsS);
      if (intervalsS.length > 0 && item.tS - lastTS > GAP_FACTOR * frameS) {
        video.pause();
        // Each fetched frame costs a decode from the keyframe: play slower from now on.
        rateCap = Math.max(1, rateCap / 2);
        for (let tS = lastTS + frameS; tS < item.tS - frameS / 2; tS += frameS) {
          if (signal?.aborted) return;
          await seekTo(video, tS + frameS / 4);
          yield { index: index++, tMs: tS * 1000, bitmap: await grab() };
          skippedFetched++;
        }
        await seekTo(video, item.tS + frameS / 4);
      }
      if (lastTS > -Infinity) intervalsS.push(item.tS - lastTS);
      lastTS = item.tS;
      if (info === null && intervalsS.length >= 2) {
        info = {
          widthPx: video.videoWidth,
          heightPx: video.videoHeight,
          durationMs: video.duration * 1000,
          fps: 1 / median(intervalsS),
        };
        onInfo?.(info);
      }
      // The shortest interval is the true frame interval (the median overestimates it when the
      // player skips frames); a file whose frames get skipped is not sped up further (rateCap).
      const rate =
        intervalsS.length >= 2 ? Math.min(rateCap, playbackRateFor(1 / Math.min(...intervalsS))) : 1;
      if (video.playbackRate !== rate) video.playbackRate = rate;
      yield { index: index++, tMs: item.tS * 1000, bitmap: item.bitmap };
      if (buffer.length === 0 && video.paused && !video.ended) void video.play().catch(() => undefined);
    }
  } finally {
    stopped = true;
    if (skippedFetched > 0)
      console.info(`video-frames: ${skippedFetched} skipped frame(s) fetched by seeking`);
    video.pause();
    video.removeEventListener('ended', onEnded);
    video.removeEventListener('error', onError);
    for (const item of buffer) if ('bitmap' in item) item.bitmap.close();
  }
}
