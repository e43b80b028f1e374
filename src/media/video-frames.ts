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

/** Lowest playbackRate used, ×: Chromium rejects rates below 1/16. */
export const MIN_PLAYBACK_RATE = 1 / 16;
/** Highest playbackRate used, ×: Chromium plays muted video up to 16×; 8× serves a 5 fps file. */
export const MAX_PLAYBACK_RATE = 8;
/**
 * Rate, ×, until the frame rate and the consumer's speed are known (the first frame interval):
 * slow enough that a 30 fps file's first frames are not skipped while the model warms up, and a
 * 5 fps file still shows its second frame within 0.4 s.
 */
export const INITIAL_PLAYBACK_RATE = 0.5;
/**
 * Share of the consumer's measured frame rate that frames are played at, ratio. Frames then arrive a
 * little slower than the model takes them, so playback rarely has to pause for backpressure; each
 * pause and resume was where the player skipped frames (41 of 312 on the side clip at 1×, each
 * fetched back by a seek that decodes from the keyframe, up to 90 frames of 1080×2048).
 */
export const PACE_HEADROOM_RATIO = 0.8;
/** A rate change smaller than this share of the current rate is not applied, ratio (avoids churn). */
const RATE_CHANGE_MIN_RATIO = 0.2;
/**
 * Frames over which the consumer's time per frame is taken as a median, count: a slow first call
 * (a model's first frame of a new size) or a hiccup does not slow the whole file down.
 */
const CONSUMER_WINDOW_FRAMES = 5;
/**
 * Wait for a played frame after which playback counts as stalled, ms; the next frame is then fetched
 * by seeking. Seen under CPU load in CI: a 30 fps file's playback stopped delivering frames for
 * good (nothing pending, CPU idle). At 1/16× a 30 fps file delivers a frame every 533 ms, so a
 * healthy player is never this late; a false alarm only costs one seek.
 */
export const STALL_MS = 3_000;

/**
 * playbackRate, ×, for a file of `sourceFps` whose frames the consumer takes in `consumerMs` each:
 * frames arrive at PACE_HEADROOM_RATIO × `backoffRatio` of the consumer's rate, within
 * [MIN_PLAYBACK_RATE, MAX_PLAYBACK_RATE].
 */
export function paceRate(sourceFps: number, consumerMs: number, backoffRatio = 1): number {
  if (!(sourceFps > 0) || !(consumerMs > 0)) return INITIAL_PLAYBACK_RATE;
  const rate = ((1000 / consumerMs) * PACE_HEADROOM_RATIO * backoffRatio) / sourceFps;
  return Math.min(MAX_PLAYBACK_RATE, Math.max(MIN_PLAYBACK_RATE, rate));
}

/**
 * Factor, ratio, on the pace each time the player skips frames: playing slower gives the decoder
 * more time per frame. It scales the pace rather than capping the rate: a cap taken from the rate
 * of the moment pinned a file at 0.07× for good when a skip came while the model's first frames
 * were slow under CPU load (2.6 min for a 10 s clip in the e2e test, against 33 s).
 */
export const GAP_BACKOFF_RATIO = 0.75;
/** Lowest the skip back-off goes, ratio of the pace. */
const MIN_BACKOFF_RATIO = 0.25;
/** Frames without a skip after which one step of back-off is undone, count (2 s at 30 fps). */
const BACKOFF_RECOVERY_FRAMES = 60;

/** An interval this many times the shortest one means frames were skipped. */
const GAP_FACTOR = 1.5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

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

  const resume = (): void => {
    arm();
    if (video.paused && !video.ended) void video.play().catch(() => undefined);
  };
  /** Seeks to the frame at `tS` and copies it; the seek's own frame callback is discarded later. */
  const fetchAt = async (tS: number, frameS: number): Promise<ImageBitmap> => {
    video.pause();
    await seekTo(video, tS + frameS / 4);
    return grab();
  };

  const intervalsS: number[] = [];
  let info: VideoInfo | null = null;
  let index = 0;
  let lastTS = -Infinity;
  /** Share of the pace played at, ratio: lowered when the player skips frames, regained after. */
  let backoffRatio = 1;
  let framesSinceSkip = 0;
  /** How long the consumer held each of the last frames, ms. */
  const heldMs: number[] = [];
  /** How long playback has delivered nothing, ms, in STALL_MS steps. */
  let stalledMs = 0;
  const frameIntervalS = (): number => (intervalsS.length > 0 ? Math.min(...intervalsS) : Number.NaN);
  try {
    // The first frame is already on screen (the video was opened to it): playing starts at the next.
    if (video.currentTime !== 0) await seekTo(video, 0);
    video.playbackRate = INITIAL_PLAYBACK_RATE;
    push({ tS: 0, bitmap: await grab() });
    arm();
    await video.play();
    for (;;) {
      if (signal?.aborted) return;
      const item = buffer.shift();
      if (item === undefined) {
        resume();
        // A frame may have landed while play() was pending (and paused the video again): check
        // before sleeping, or nothing would ever wake us.
        if (buffer.length > 0 || (await waitForItem(STALL_MS))) {
          stalledMs = 0;
          continue;
        }
        if (signal?.aborted) return;
        stalledMs += STALL_MS;
        const frameS = frameIntervalS();
        const atEnd = video.ended || video.currentTime >= video.duration - (frameS || 0) / 2;
        if (!atEnd && !Number.isFinite(frameS)) {
          // Frame rate still unknown: nothing to seek to yet; give up only after the load timeout.
          if (stalledMs >= LOAD_TIMEOUT_MS) throw new VideoDecodeError('The video stopped producing frames.');
          continue;
        }
        console.warn(
          `video-frames: no frame for ${STALL_MS} ms (paused ${video.paused}, ended ${video.ended}, ` +
            `at ${video.currentTime.toFixed(3)} s of ${video.duration.toFixed(3)} s, readyState ${video.readyState}, ` +
            `last frame ${lastTS.toFixed(3)} s); ${atEnd ? 'treating as the end' : 'fetching the next frame by seeking'}`,
        );
        stats.stalls++;
        // A callback that never fired would block re-arming: drop it, resume() asks for a new one.
        if (callbackId !== null) video.cancelVideoFrameCallback(callbackId);
        callbackId = null;
        if (atEnd) push({ end: true });
        else push({ tS: lastTS + frameS, bitmap: await fetchAt(lastTS + frameS, frameS) });
        continue;
      }
      if ('end' in item) {
        // The player may skip the last frames too: fetch those up to the file's duration.
        const frameS = frameIntervalS();
        if (Number.isFinite(frameS) && Number.isFinite(video.duration)) {
          for (let tS = lastTS + frameS; tS < video.duration - frameS / 2; tS += frameS) {
            if (signal?.aborted) return;
            yield { index: index++, tMs: tS * 1000, bitmap: await fetchAt(tS, frameS) };
            stats.fetchedBySeek++;
          }
        }
        break;
      }
      if ('error' in item) throw item.error;
      // A frame fetched by seeking carries a computed time; the player's own copy of it may read a
      // hair later: anything within half a frame of the last one is that frame again.
      const frameS = frameIntervalS();
      if (item.tS <= lastTS + (Number.isFinite(frameS) ? frameS / 2 : 0)) {
        item.bitmap.close();
        continue;
      }
      // Frames the decoder or compositor dropped (the machine was busy) show up as a jump in media
      // time. Fetch them by seeking, in order, then continue playing from where we were.
      if (intervalsS.length > 0 && item.tS - lastTS > GAP_FACTOR * frameS) {
        // Each fetched frame costs a decode from the keyframe: play slower from now on.
        backoffRatio = Math.max(MIN_BACKOFF_RATIO, backoffRatio * GAP_BACKOFF_RATIO);
        framesSinceSkip = 0;
        for (let tS = lastTS + frameS; tS < item.tS - frameS / 2; tS += frameS) {
          if (signal?.aborted) return;
          yield { index: index++, tMs: tS * 1000, bitmap: await fetchAt(tS, frameS) };
          stats.fetchedBySeek++;
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
      // player skipped frames).
      if (intervalsS.length >= 1 && heldMs.length > 0) {
        if (++framesSinceSkip >= BACKOFF_RECOVERY_FRAMES && backoffRatio < 1) {
          backoffRatio = Math.min(1, backoffRatio / GAP_BACKOFF_RATIO);
          framesSinceSkip = 0;
        }
        const rate = paceRate(1 / frameIntervalS(), median(heldMs), backoffRatio);
        if (Math.abs(rate - video.playbackRate) > RATE_CHANGE_MIN_RATIO * video.playbackRate)
          video.playbackRate = rate;
      }
      stats.finalRate = video.playbackRate;
      const heldFrom = performance.now();
      yield { index: index++, tMs: item.tS * 1000, bitmap: item.bitmap };
      heldMs.push(performance.now() - heldFrom);
      if (heldMs.length > CONSUMER_WINDOW_FRAMES) heldMs.shift();
      if (buffer.length === 0) resume();
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
  }
}
