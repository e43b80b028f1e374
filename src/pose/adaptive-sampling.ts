/**
 * Which frames of a video file go to the pose model, at the rate the movement needs. Pure (no
 * clock, no DOM): the decoder in the worker and the golden test (tests/golden/sampling.test.ts)
 * run the same rule.
 *
 * Two rates, chosen after each analysed frame from its pose:
 * - still (standing still, or nobody in view): STILL_INTERVAL_MS;
 * - moving (from a descent, seen on two analysed frames running, until the person has stood still
 *   again for MOVING_HOLD_MS): MOVING_INTERVAL_MS, which covers the rep's start, bottom and end.
 * (A third, sparser rate for the fast middle of a descent or ascent was tried: the bottom of a
 * bounced rep cannot be told from its fast descent in time, and its deepest frame was then missed.)
 * The pose is read as the analysis core reads it (src/core/set/reps.ts): the hip's drop toward the
 * ankles as a share of the standing hip→ankle extent (the depth ratio) and its speed.
 *
 * A still stretch hides the first moments of a descent until the next analysed frame. So while
 * still, the frames the moving rate would take are held (the caller keeps them decoded), and
 * when movement is seen they are analysed too: the core's rep start (the last frame still at
 * standing) is then seen at the moving rate. Movement seen after a still stretch is confirmed by the
 * next analysed frame before the rate rises (the frames held meanwhile are kept), so a one-frame
 * keypoint glitch does not cost a stretch at the moving rate.
 */
import type { Keypoint, Keypoints, PoseFrame } from '../core/pose/keypoints';
import {
  DEPTH_SPEED_WINDOW_MS,
  MIN_KEYPOINT_SCORE,
  REP_BOTTOM_SPEED_PER_S,
  REP_DESCENT_DEPTH_RATIO,
  REP_STANDING_DEPTH_RATIO,
  SMOOTHING_RESET_GAP_MS,
  STANDING_REF_WINDOW_MS,
} from '../core/thresholds';
import { sampleFrames } from './frame-sampling';

/**
 * Interval between analysed frames while the person moves, ms (10 fps). The bottom of a squat lasts
 * a few hundred ms (≥ 300 ms in the fixtures, longer in loaded or paused reps): ≥ 3 frames in it.
 * The core's windows hold at this rate as at 15 fps: CUE_DWELL_MS (150 ms) is met after the same
 * 200 ms of frames (3 frames here, 4 at 15 fps), DEPTH_SPEED_WINDOW_MS (300 ms) spans 3 frames. A
 * squat's knee-angle curve has little power above ~3 Hz, under this rate's 5 Hz Nyquist limit.
 */
export const MOVING_INTERVAL_MS = 100;
/**
 * Interval while the person stands still or nobody is in view, ms (5 fps):
 * - under the core's SMOOTHING_RESET_GAP_MS (500 ms), so its One Euro smoothing runs on unbroken;
 * - ≥ 5 frames in its 1 s standing calibration (CALIBRATION_STILL_MS), ≥ 2 in the provisional
 *   350 ms one, and ≥ 2 in a step's ~400 ms swing (FOOT_MOVE_CONFIRM_MS' note);
 * - a descent is seen within one interval, and the frames held meanwhile are analysed then.
 */
export const STILL_INTERVAL_MS = 200;
/**
 * Depth ratio from which the person is in a rep (not still): the core's own descent edge
 * (REP_DESCENT_DEPTH_RATIO, 0.055). Below it, standing sway and keypoint jitter (≤ 0.03 by
 * REP_STANDING_DEPTH_RATIO's note) keep still frames still; a slow start below it shows as speed.
 */
export const MOVING_DEPTH_RATIO = REP_DESCENT_DEPTH_RATIO;
/**
 * Depth ratio from which a depth speed counts as movement: the edge of the core's standing band
 * (REP_STANDING_DEPTH_RATIO, 0.04), below which the core counts the person as standing. Inside the
 * band, jitter between two frames a still interval apart reads as speeds over MOVING_SPEED_PER_S
 * (± 0.01–0.02 in 200 ms on the side fixture's standing stretches); a slow start shows as speed once
 * it leaves the band, still before the core's descent edge (MOVING_DEPTH_RATIO).
 */
export const MOVING_SPEED_MIN_DEPTH_RATIO = REP_STANDING_DEPTH_RATIO;
/**
 * Depth-ratio speed (per second) from which the hip is moving: the core's "still descending" speed
 * (REP_BOTTOM_SPEED_PER_S, 0.12/s; below it a descent has reached its bottom). Standing jitter of
 * ~0.01 over SPEED_BASELINE_MS reads ~0.05/s.
 */
export const MOVING_SPEED_PER_S = REP_BOTTOM_SPEED_PER_S;
/**
 * Shortest time between the two depth samples a speed is read from, ms: one still interval, so
 * speeds read alike at every rate and frame-to-frame jitter is averaged.
 */
export const SPEED_BASELINE_MS = STILL_INTERVAL_MS;
/**
 * Time the rate stays up after the last frame that moved, ms: the core's depth-speed window
 * (DEPTH_SPEED_WINDOW_MS, 300 ms) plus one still interval, so the frames the core reads a rep's end
 * and a touch-and-go next start from (turns at the top within a few hundred ms) are not still.
 */
export const MOVING_HOLD_MS = DEPTH_SPEED_WINDOW_MS + STILL_INTERVAL_MS;
/**
 * Share of the still interval a candidate may come early and still be analysed, at most
 * SLACK_MAX_MS: absorbs timestamp rounding (a 1/600 time base ticks every 1.7 ms; 29.97 fps frames
 * drift 0.07 ms a frame), so a 30 fps file gives exactly every 6th frame while still.
 */
const SLACK_RATIO = 0.1;
/** Most a frame may come early, ms: a quarter of a 30 fps frame. */
const SLACK_MAX_MS = 8;

export type SampleDecision = 'analyse' | 'hold';

export interface AdaptiveSampler {
  /**
   * Call once per candidate frame, in order. 'analyse': run the model on it now; 'hold': keep it
   * until the next `observe` (it may be asked for then).
   */
  offer(tMs: number): SampleDecision;
  /**
   * The pose of the frame just analysed (the latest 'analyse'). Returns the media times of the held
   * frames to analyse now, oldest first (empty unless this frame confirmed movement); the other held
   * frames can be released unless the sampler still `holds` them.
   */
  observe(frame: PoseFrame): readonly number[];
  /**
   * Whether the held frame at `tMs` may still be asked for by a later `observe` (while movement
   * waits to be confirmed); false: it can be released.
   */
  holds(tMs: number): boolean;
  /** Interval the frames now offered are sampled at, ms. */
  readonly intervalMs: number;
}

const scored = (k: Keypoint | undefined): k is Keypoint => k !== undefined && k.score >= MIN_KEYPOINT_SCORE;

function meanY(a: Keypoint | undefined, b: Keypoint | undefined): number | null {
  const ys = [a, b].filter(scored).map((k) => k.yPx);
  return ys.length === 0 ? null : ys.reduce((s, y) => s + y, 0) / ys.length;
}

/**
 * Hip→ankle vertical extent, px: the core's depth measure, read from the raw keypoints. null when
 * hips or ankles are not measurable.
 */
export function hipAnkleExtentPx(keypoints: Keypoints): number | null {
  const hipY = meanY(keypoints.left_hip, keypoints.right_hip);
  const ankleY = meanY(keypoints.left_ankle, keypoints.right_ankle);
  return hipY === null || ankleY === null || ankleY <= hipY ? null : ankleY - hipY;
}

/** The candidate frames: a fixed grid at the moving rate (src/pose/frame-sampling.ts). */
export const CANDIDATE_FPS = 1000 / MOVING_INTERVAL_MS;

/**
 * The adaptive sampler (see the header for the rule). It is offered the candidate frames only: the
 * frames createFrameSampler(CANDIDATE_FPS) takes, a choice that does not depend on the poses, so the
 * decoder can drop the others before the model has seen anything.
 */
export function createAdaptiveSampler(): AdaptiveSampler {
  // The first frames are taken at the moving rate until a pose says otherwise.
  let intervalMs = MOVING_INTERVAL_MS;
  let movingUntilMs = Number.NEGATIVE_INFINITY;
  let lastTakenMs: number | null = null;
  let held: number[] = [];
  /** Movement was seen on the last analysed frame after a still stretch, not yet confirmed. */
  let unconfirmed = false;
  /** Recent depth samples: the standing reference (max extent) and the speed baseline. */
  let samples: { tMs: number; extentPx: number; depth: number }[] = [];
  const stillStepMs = STILL_INTERVAL_MS - Math.min(STILL_INTERVAL_MS * SLACK_RATIO, SLACK_MAX_MS);
  return {
    get intervalMs() {
      return intervalMs;
    },
    holds: (tMs) => held.includes(tMs),
    offer(tMs) {
      if (intervalMs !== STILL_INTERVAL_MS || lastTakenMs === null || tMs - lastTakenMs >= stillStepMs) {
        lastTakenMs = tMs;
        return 'analyse';
      }
      held.push(tMs);
      return 'hold';
    },
    observe(frame) {
      const tMs = frame.tMs;
      let moving = false;
      /** Movement read from the legs' depth (a glitch there is confirmed before it counts). */
      let fromDepth = false;
      const extentPx = frame.keypoints === null ? null : hipAnkleExtentPx(frame.keypoints);
      if (frame.keypoints === null) {
        // Nobody in view: nothing to measure; whoever walks in is measured at the next frame.
        samples = [];
      } else if (extentPx === null) {
        // Someone is there but the legs are not measurable: no reason to thin out.
        moving = true;
      } else {
        samples = samples.filter((s) => tMs - s.tMs <= STANDING_REF_WINDOW_MS);
        const refPx = Math.max(extentPx, ...samples.map((s) => s.extentPx));
        const depth = 1 - extentPx / refPx;
        // The latest sample at least SPEED_BASELINE_MS old, not across a gap the core resets at.
        let base: (typeof samples)[number] | undefined;
        for (const s of samples)
          if (tMs - s.tMs >= SPEED_BASELINE_MS && tMs - s.tMs <= SMOOTHING_RESET_GAP_MS) base = s;
        const speed = base === undefined ? 0 : Math.abs(depth - base.depth) / ((tMs - base.tMs) / 1000);
        samples.push({ tMs, extentPx, depth });
        moving =
          depth >= MOVING_DEPTH_RATIO ||
          (speed >= MOVING_SPEED_PER_S && depth >= MOVING_SPEED_MIN_DEPTH_RATIO);
        fromDepth = moving;
      }
      const wasStill = intervalMs === STILL_INTERVAL_MS;
      if (wasStill && fromDepth && !unconfirmed) {
        // Held frames stay held until the next analysed frame confirms the movement, or not.
        unconfirmed = true;
        return [];
      }
      unconfirmed = false;
      if (moving) movingUntilMs = tMs + MOVING_HOLD_MS;
      intervalMs = tMs >= movingUntilMs ? STILL_INTERVAL_MS : MOVING_INTERVAL_MS;
      const backfill = wasStill && intervalMs !== STILL_INTERVAL_MS ? held.filter((t) => t < tMs) : [];
      held = [];
      return backfill;
    },
  };
}

/**
 * The frames of `frames` (in time order, each with its full-rate pose) that the adaptive sampler
 * analyses, in time order: what the worker hands the model, given the same poses.
 */
export function sampleFramesAdaptive(frames: readonly PoseFrame[]): PoseFrame[] {
  const sampler = createAdaptiveSampler();
  const byTime = new Map(frames.map((f) => [f.tMs as number, f]));
  const taken: PoseFrame[] = [];
  for (const f of sampleFrames(frames, CANDIDATE_FPS)) {
    if (sampler.offer(f.tMs) !== 'analyse') continue;
    taken.push(f);
    for (const t of sampler.observe(f)) {
      const held = byTime.get(t);
      if (held !== undefined) taken.push(held);
    }
  }
  return taken.sort((a, b) => a.tMs - b.tMs);
}
