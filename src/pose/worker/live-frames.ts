/// <reference lib="webworker" />
/**
 * The live camera's frames, read in the worker: the page's MediaStreamTrackProcessor hands its
 * ReadableStream over (Chromium exposes the processor only on the page), and this loop takes the
 * VideoFrames itself, keeps only the newest (older ones are closed as soon as a newer one arrives)
 * and runs the model on it as soon as the last call ends. No frame waits for the page's thread, and
 * the model never waits for a round trip: only for the camera, when it is faster than the camera, or
 * for a fresher frame when the newest is old (src/pose/live-frame-age.ts).
 */
import type { EstimateResult, LiveFramesOptions, LivePose } from '../contract';
import { liveFrameImage, type ModelImage } from './model-image';
import { waitForFresherMs } from '../live-frame-age';
import { meanLuma } from '../../core/math/luma';

/** Pixel step of the luma grid, px: 4800 samples of a 640 × 480 frame, a few µs. */
const LUMA_STEP_PX = 8;

/** The model call on a converted frame, keypoints in `source` pixels (the worker's runModel). */
export type EstimateLiveImage = (
  image: ModelImage,
  tMs: number,
  source: { widthPx: number; heightPx: number },
) => Promise<EstimateResult>;

/** Weight of each new gap in the running mean of the camera's frame interval. */
const INTERVAL_SMOOTHING = 0.1;

/** Stops the running loop, if any. */
let stopCurrent: (() => void) | null = null;

export function stopLiveFrames(): void {
  stopCurrent?.();
}

const nowEpochMs = (): number => performance.timeOrigin + performance.now();

/**
 * Lets the tasks queued while the model ran go first (frames the stream delivered meanwhile), so the
 * newest frame is known when the next is picked. A message to a port: a timer would be clamped.
 */
const channel = new MessageChannel();
const yieldToTasks = (): Promise<void> =>
  new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

/** Runs until `frames` ends or stopLiveFrames() is called; a second call ends the first. */
export async function runLiveFrames(
  frames: ReadableStream<VideoFrame>,
  options: LiveFramesOptions,
  onPose: (p: LivePose) => void,
  estimate: EstimateLiveImage,
): Promise<void> {
  stopCurrent?.();
  const reader = frames.getReader();
  const slot: { newest: { frame: VideoFrame; receivedEpochMs: number } | null } = { newest: null };
  let wake: (() => void) | null = null;
  let ended = false;
  /** Running mean of the gap between frames' timestamps, ms (null until two frames came). */
  let intervalMs: number | null = null;
  let lastTimestampMs: number | null = null;
  /**
   * Receipt minus timestamp, ms, the least seen: the frames' clock placed on this one, to within the
   * quickest delivery (~1 ms here). Receipt alone cannot date a frame: frames that arrive while the
   * model runs are read only once it yields.
   */
  let toEpochMs = Number.POSITIVE_INFINITY;
  const ageMs = (frame: VideoFrame): number => nowEpochMs() - (frame.timestamp / 1000 + toEpochMs);
  const stop = (): void => {
    ended = true;
    reader.cancel().catch(() => undefined);
    wake?.();
  };
  stopCurrent = stop;
  const pump = async (): Promise<void> => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (ended) {
          value.close();
          break;
        }
        slot.newest?.frame.close();
        const receivedEpochMs = nowEpochMs();
        const timestampMs = value.timestamp / 1000;
        toEpochMs = Math.min(toEpochMs, receivedEpochMs - timestampMs);
        if (lastTimestampMs !== null && timestampMs > lastTimestampMs) {
          const gapMs = timestampMs - lastTimestampMs;
          intervalMs = intervalMs === null ? gapMs : intervalMs + INTERVAL_SMOOTHING * (gapMs - intervalMs);
        }
        lastTimestampMs = timestampMs;
        slot.newest = { frame: value, receivedEpochMs };
        wake?.();
      }
    } finally {
      ended = true;
      wake?.();
    }
  };
  const pumping = pump();
  const nextFrame = async (): Promise<void> => {
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  };
  try {
    while (!ended) {
      await yieldToTasks();
      const taken = slot.newest;
      if (taken === null) {
        await nextFrame();
        continue;
      }
      // Too old: the next frame is due soon (or this one is taken after all, if it is late).
      const waitMs = waitForFresherMs(ageMs(taken.frame), intervalMs);
      if (waitMs > 0) {
        await Promise.race([nextFrame(), new Promise((resolve) => setTimeout(resolve, waitMs))]);
        wake = null;
        if (ended) break;
      }
      const fresh = slot.newest;
      if (fresh === null) continue;
      slot.newest = null;
      const { frame, receivedEpochMs } = fresh;
      try {
        // The model's time includes taking the pixels out of the frame, as on the page's path.
        const t0 = performance.now();
        const image = await liveFrameImage(frame, options.maxInputSidePx);
        const convertMs = performance.now() - t0;
        const lumaMean =
          'rgb' in image
            ? meanLuma(
                { data: image.rgb, widthPx: image.width, heightPx: image.height, channels: 3 },
                LUMA_STEP_PX,
              )
            : null;
        const frameTimestampMs = frame.timestamp / 1000;
        const result = await estimate(image, frameTimestampMs, {
          widthPx: frame.displayWidth,
          heightPx: frame.displayHeight,
        });
        const pose: LivePose = {
          pose: result.pose,
          inferenceMs: convertMs + result.inferenceMs,
          frameTimestampMs,
          receivedEpochMs,
          lumaMean,
        };
        // A page that went away makes the proxied call reject: nothing to tell it then.
        Promise.resolve(onPose(pose)).catch(() => undefined);
      } finally {
        frame.close();
      }
    }
  } finally {
    stop();
    slot.newest?.frame.close();
    slot.newest = null;
    if (stopCurrent === stop) stopCurrent = null;
    await pumping.catch(() => undefined);
  }
}
