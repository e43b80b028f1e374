/**
 * Which frames of a video file go to the pose model at a fixed analysis rate, whatever the file's own
 * rate. Pure (no clock, no DOM), so the decoder in the worker and the resampling tests
 * (tests/unit/frame-sampling.test.ts, tests/golden/sampling.test.ts) use the same rule. The file
 * screen now samples at the rate the movement needs (src/pose/adaptive-sampling.ts), whose
 * candidate frames are this grid at 10 fps; the fixed 15 fps scheme stays available and tested.
 *
 * Why 15 fps (interval 66.7 ms):
 * - The bottom of a squat, where depth, knee valgus and hip drop are read, lasts a few hundred ms
 *   (≥ 300 ms in the fixtures, slower in loaded or paused reps); 66.7 ms puts ≥ 4 frames in it.
 * - The core's time windows are written for it: CUE_DWELL_MS (150 ms, "2 frames at 15 fps"),
 *   FOOT_MOVE_CONFIRM_MS (150 ms), DEPTH_SPEED_WINDOW_MS (300 ms ≈ 5 frames), REP_MIN_DURATION_MS
 *   (400 ms) all hold several frames at 15 fps (src/core/thresholds.ts).
 * - Squatting is slow movement: a rep takes 1.5–4 s, its knee-angle curve has little power above
 *   ~3 Hz, well under the 7.5 Hz Nyquist limit of 15 fps.
 * - Half the model calls of a 30 fps file, a quarter of a 60 fps one.
 * Files at or below 15 fps keep every frame.
 */

/** Frames per second of video time analysed from a file (see the header for why). */
export const FILE_ANALYSIS_FPS = 15;

/**
 * Share of one analysis interval a frame may come early and still be taken: absorbs timestamp
 * rounding (a 1/600 time base ticks every 1.7 ms; 29.97 fps frames fall 0.07 ms off a 15 fps grid),
 * so a 30 fps file gives exactly every second frame.
 */
export const SAMPLE_EARLY_SLACK_RATIO = 0.1;

export interface FrameSampler {
  /** True when the frame at media time `tMs` is to be analysed. Call once per frame, in order. */
  take(tMs: number): boolean;
}

/**
 * A sampler on a fixed grid of 1000 / `fps` ms from the first frame: a frame is taken when it
 * reaches the next grid point (less the slack), so the average rate is `fps` and no gap between
 * taken frames exceeds one interval plus one source frame. `fps` null: every frame (full rate).
 */
export function createFrameSampler(fps: number | null): FrameSampler {
  if (fps === null) return { take: () => true };
  const intervalMs = 1000 / fps;
  const slackMs = intervalMs * SAMPLE_EARLY_SLACK_RATIO;
  let nextDueMs: number | null = null;
  return {
    take(tMs: number): boolean {
      if (nextDueMs !== null && tMs < nextDueMs - slackMs) return false;
      // Stay on the grid; after a gap in the file that skipped a whole grid point, restart the grid
      // at this frame, so the frames after the gap are not all taken to catch up.
      const onGrid = nextDueMs !== null && tMs <= nextDueMs + intervalMs;
      nextDueMs = onGrid && nextDueMs !== null ? nextDueMs + intervalMs : tMs + intervalMs;
      return true;
    },
  };
}

/** The frames of `frames` (in time order) that the sampler takes. */
export function sampleFrames<T extends { readonly tMs: number }>(
  frames: readonly T[],
  fps: number | null,
): T[] {
  const sampler = createFrameSampler(fps);
  return frames.filter((f) => sampler.take(f.tMs));
}
