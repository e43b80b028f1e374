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
 *
 * This file is the I/O: it turns the element's callbacks and events into events for the pure
 * pacer (frame-pacer.ts), which decides the pace, the refetches and the stall recovery, and
 * performs its answers.
 */
import {
  LOAD_TIMEOUT_MS,
  STALL_MS,
  createPacer,
  stepPacer,
  type PacerAction,
  type PacerEvent,
} from './frame-pacer';

export {
  GAP_BACKOFF_RATIO,
  INITIAL_PLAYBACK_RATE,
  MAX_PLAYBACK_RATE,
  MIN_PLAYBACK_RATE,
  PACE_HEADROOM_RATIO,
  STALL_MS,
  paceRate,
} from './frame-pacer';

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

/** How a file's frames were obtained: for the analyse CLI and the benchmarks. */
export interface VideoFrameStats {
  /** Frames the player skipped and that were fetched by seeking, count. */
  fetchedBySeek: number;
  /** Times playback delivered nothing for STALL_MS and the next frame was fetched by seeking, count. */
  stalls: number;
  /** playbackRate when the last frame was taken, ×. */
  finalRate: number;
}

type Item = { tS: number; bitmap: ImageBitmap } | { end: true } | { error: Error };

/**
 * Yields every frame of `video` (from the start). Stops early when `signal` aborts. `info` is
 * filled as soon as the frame rate is known (after three frames); `stats` is updated as it goes.
 */
export async function* videoFrames(
  video: HTMLVideoElement,
  options: {
    signal?: AbortSignal;
    onInfo?: (info: VideoInfo) => void;
    maxSidePx?: number;
    stats?: VideoFrameStats;
  } = {},
): AsyncGenerator<VideoFrame> {
  const { signal, onInfo } = options;
  const stats = options.stats ?? { fetchedBySeek: 0, stalls: 0, finalRate: 1 };
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
  const buffer: Item[] = [];
  let wake: (() => void) | null = null;
  const push = (item: Item): void => {
    buffer.push(item);
    wake?.();
  };
  /** Resolves when an item lands or after `ms`; true when an item is there. */
  const waitForItem = (ms: number): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve(buffer.length > 0);
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve(true);
      };
    });
  let stopped = false;
  let lastGrab: Promise<void> = Promise.resolve();
  // One frame callback pending at a time, re-armed after every seek: a callback that saw the video
  // ended does not re-arm, and a seek back from there would otherwise play on with nobody watching.
  let callbackId: number | null = null;
  const arm = (): void => {
    if (!stopped && callbackId === null) callbackId = video.requestVideoFrameCallback(onFrame);
  };
  function onFrame(_now: number, meta: VideoFrameCallbackMetadata): void {
    callbackId = null;
    if (stopped) return;
    // Copy now: the element's current frame is the one this callback announces.
    const tS = meta.mediaTime;
    lastGrab = grab().then(
      (bitmap) => push({ tS, bitmap }),
      (e: unknown) => push({ error: new VideoDecodeError(`A frame could not be read: ${String(e)}`) }),
    );
    if (buffer.length >= 1) video.pause();
    if (!video.ended) arm();
  }
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

  /** The player's copy of the frame the pacer is deciding on, until it is yielded or closed. */
  let held: ImageBitmap | null = null;
  const takeHeld = (): ImageBitmap => {
    if (held === null) throw new Error('internal: no played frame is held');
    const bitmap = held;
    held = null;
    return bitmap;
  };
  const closeHeld = (): void => held?.close();
  /** The player's next frame, end or stall; playback resumes while no frame is waiting. */
  const fromPlayer = async (): Promise<PacerEvent> => {
    let item = buffer.shift();
    if (item === undefined) {
      arm();
      if (video.paused && !video.ended) void video.play().catch(() => undefined);
      // A frame may have landed while play() was pending (and paused the video again): check
      // before sleeping, or nothing would ever wake us.
      if (buffer.length > 0 || (await waitForItem(STALL_MS))) item = buffer.shift();
    }
    if (item === undefined)
      return {
        type: 'stall',
        ended: video.ended,
        currentTimeS: video.currentTime,
        durationS: video.duration,
      };
    if ('error' in item) throw item.error;
    if ('end' in item) return { type: 'ended', durationS: video.duration };
    held = item.bitmap;
    return { type: 'frame', mediaTimeS: item.tS };
  };
  const perform = (action: PacerAction): void => {
    switch (action.type) {
      case 'setRate':
        video.playbackRate = action.rate;
        break;
      case 'drop':
        takeHeld().close();
        break;
      case 'info':
        onInfo?.({
          widthPx: video.videoWidth,
          heightPx: video.videoHeight,
          durationMs: video.duration * 1000,
          fps: action.fps,
        });
        break;
      case 'stall':
        console.warn(
          `video-frames: no frame for ${STALL_MS} ms (paused ${video.paused}, ended ${video.ended}, ` +
            `at ${video.currentTime.toFixed(3)} s of ${video.duration.toFixed(3)} s, readyState ${video.readyState}, ` +
            `last frame ${action.lastFrameS.toFixed(3)} s); ${action.treatAsEnd ? 'treating as the end' : 'fetching the next frame by seeking'}`,
        );
        // A callback that never fired would block re-arming: drop it; the next wait asks for a new one.
        if (callbackId !== null) video.cancelVideoFrameCallback(callbackId);
        callbackId = null;
        break;
    }
  };

  let pacer = createPacer();
  /** The reply to the pacer's last `next` (a seek landed, the consumer is done), if it asked for one. */
  let reply: PacerEvent | null = null;
  try {
    // The first frame is already on screen (the video was opened to it): playing starts at the next.
    if (video.currentTime !== 0) await seekTo(video, 0);
    video.playbackRate = pacer.rate;
    push({ tS: 0, bitmap: await grab() });
    arm();
    await video.play();
    for (;;) {
      if (signal?.aborted) return;
      const event = reply ?? (await fromPlayer());
      reply = null;
      if (signal?.aborted) return;
      const step = stepPacer(pacer, event);
      pacer = step.state;
      step.actions.forEach(perform);
      stats.fetchedBySeek = pacer.fetchedBySeek;
      stats.stalls = pacer.stalls;
      stats.finalRate = pacer.rate;
      const { next } = step;
      switch (next.type) {
        case 'awaitPlayer':
          break;
        case 'seek':
          video.pause();
          await seekTo(video, next.timeS);
          reply = { type: 'seeked' };
          break;
        case 'emit': {
          const bitmap = next.source === 'player' ? takeHeld() : await grab();
          const heldFrom = performance.now();
          yield { index: next.index, tMs: next.tS * 1000, bitmap };
          reply = { type: 'consumed', heldMs: performance.now() - heldFrom };
          break;
        }
        case 'finish':
          return;
        case 'fail':
          throw new VideoDecodeError(next.message);
      }
    }
  } finally {
    stopped = true;
    if (callbackId !== null) video.cancelVideoFrameCallback(callbackId);
    if (stats.fetchedBySeek > 0 || stats.stalls > 0)
      console.info(
        `video-frames: ${stats.fetchedBySeek} skipped frame(s) fetched by seeking, ${stats.stalls} stall(s), final rate ${stats.finalRate.toFixed(2)}×`,
      );
    video.pause();
    video.removeEventListener('ended', onEnded);
    video.removeEventListener('error', onError);
    for (const item of buffer) if ('bitmap' in item) item.bitmap.close();
    closeHeld();
  }
}
