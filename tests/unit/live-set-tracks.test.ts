/**
 * The hands-free set flow (src/features/live/live-set.ts) on real recorded pose tracks
 * (fixtures/tracks) replayed frame by frame through the analysis core and fed into a HandsFreeSet:
 * the set starts once, on the first calibrated frame and before the first completed rep, never ends
 * while the clip's reps are in progress, and — when the track is extended past its end — ends with
 * 'stood-still' SET_END_STILL_MS after the person last stood, or with 'walked-away' SET_END_AWAY_MS
 * after they left the picture. The edge rules on hand-built frames are in live-set.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { HandsFreeSet, SET_END_AWAY_MS, SET_END_STILL_MS } from '../../src/features/live/live-set';
import type { PoseFrame } from '../../src/core/pose/keypoints';
import { SetAnalyzer } from '../../src/core/set/session';
import type { FrameAnalysis } from '../../src/core/types';
import { ms } from '../../src/core/math/units';
import { loadFrames, type ClipId } from '../golden/tracks';

/** Float slack when comparing sums of fractional frame times, ms. */
const TIME_EPS_MS = 1e-6;
/** How far past the track's end the extensions run at most, as multiples of the timer being tested. */
const EXTENSION_FACTOR = 3;

type Transition = ReturnType<HandsFreeSet['push']>;
const END_REASONS: readonly Transition[] = ['stood-still', 'walked-away'];

// ---------------------------------------------------------------------------------------------------
// Real tracks
// ---------------------------------------------------------------------------------------------------

interface Step {
  readonly analysis: FrameAnalysis;
  readonly transition: Transition;
  readonly state: HandsFreeSet['state'];
}

/** Replays pose frames through one analyser into one HandsFreeSet, recording every step. */
class Replay {
  readonly analyzer = new SetAnalyzer();
  readonly set = new HandsFreeSet();
  readonly steps: Step[] = [];

  push(frame: PoseFrame): Step {
    const analysis = this.analyzer.push(frame);
    const transition = this.set.push(analysis);
    const step = { analysis, transition, state: this.set.state };
    this.steps.push(step);
    return step;
  }
}

const replayClip = (clip: ClipId): { replay: Replay; frames: PoseFrame[] } => {
  const frames = loadFrames(clip);
  const replay = new Replay();
  for (const f of frames) replay.push(f);
  return { replay, frames };
};

/** The track's mean frame interval, ms. */
const frameIntervalMs = (frames: readonly PoseFrame[]): number => {
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (first === undefined || last === undefined || frames.length < 2) throw new Error('track too short');
  return (last.tMs - first.tMs) / (frames.length - 1);
};

const lastOf = <T>(xs: readonly T[]): T => {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new Error('empty list');
  return x;
};

/**
 * Extends the replay past the track's last frame with `make(tMs)` frames at `intervalMs`, until the
 * set ends or `maxMs` has passed; returns the step that ended it, or null.
 */
const extend = (
  replay: Replay,
  frames: readonly PoseFrame[],
  make: (last: PoseFrame, tMs: number) => PoseFrame,
  maxMs: number,
): Step | null => {
  const last = lastOf(frames);
  const intervalMs = frameIntervalMs(frames);
  for (let i = 1; i * intervalMs <= maxMs; i++) {
    const step = replay.push(make(last, last.tMs + i * intervalMs));
    if (step.transition !== null) return step;
  }
  return null;
};

/**
 * Start of the person's current standing run after the last rep change, from the analyses: the run is
 * broken by a new rep count, a non-standing phase or nobody in view (the rules HandsFreeSet times).
 */
const standingSinceMs = (analyses: readonly FrameAnalysis[]): number | null => {
  let since: number | null = null;
  let reps: number | null = null;
  for (const a of analyses) {
    if (a.repCount !== reps) since = null;
    reps = a.repCount;
    since = a.phase === 'standing' && a.guidance !== 'no-person' ? (since ?? a.tMs) : null;
  }
  return since;
};

const ALL_CLIPS: readonly ClipId[] = [
  'front-oblique-banded-squats',
  'front-oblique-half-squats',
  'rear-barbell-squats',
  'side-bodyweight-squat',
];
/** Clips with at least one complete rep before their last frame (checked in the tests). */
const CLIPS_WITH_REPS: readonly ClipId[] = ['rear-barbell-squats', 'side-bodyweight-squat'];
/** The clip that ends standing after its last rep, so repeating its last frame is standing still. */
const ENDS_STANDING: ClipId = 'rear-barbell-squats';

describe.each(ALL_CLIPS)('HandsFreeSet on the recorded track %s', (clip) => {
  it('starts once, on the first calibrated frame, before the first rep; never ends mid-set', () => {
    const { replay } = replayClip(clip);
    const steps = replay.steps;
    const starts = steps.flatMap((s, i) => (s.transition === 'started' ? [i] : []));
    expect(starts).toHaveLength(1);
    const startIdx = starts[0] ?? -1;

    const firstCalibrated = steps.findIndex((s) => s.analysis.calibrated && s.analysis.keypoints !== null);
    const firstRep = steps.findIndex((s) => s.analysis.repCount > 0);
    expect(firstCalibrated).toBeGreaterThanOrEqual(0);
    expect(firstRep).toBeGreaterThan(0);
    expect(startIdx).toBe(firstCalibrated);
    expect(startIdx).toBeLessThan(firstRep);

    // Set-up until the start, active from then on to the end of the clip: no end while squatting.
    for (const [i, s] of steps.entries()) expect(s.state).toBe(i < startIdx ? 'setup' : 'active');
    expect(steps.filter((s) => END_REASONS.includes(s.transition))).toEqual([]);
  });
});

describe(`HandsFreeSet: ${ENDS_STANDING} extended by standing still`, () => {
  it("ends 'stood-still' SET_END_STILL_MS (within one frame) after standing began after the last rep", () => {
    const { replay, frames } = replayClip(ENDS_STANDING);
    const clipAnalyses = replay.steps.map((s) => s.analysis);
    const lastClip = lastOf(clipAnalyses);
    const reps = lastClip.repCount;
    expect(reps).toBeGreaterThan(0);
    expect(lastClip.phase).toBe('standing');
    expect(replay.set.state).toBe('active');

    const end = extend(
      replay,
      frames,
      (last, tMs) => ({ ...last, tMs: ms(tMs) }),
      EXTENSION_FACTOR * SET_END_STILL_MS,
    );
    expect(end?.transition).toBe('stood-still');
    expect(replay.set.state).toBe('ended');

    // The repeated frame is standing still: same reps, standing phase, until the end.
    const extension = replay.steps.slice(clipAnalyses.length).map((s) => s.analysis);
    for (const a of extension) {
      expect(a.phase).toBe('standing');
      expect(a.repCount).toBe(reps);
    }

    const allAnalyses = replay.steps.map((s) => s.analysis);
    const since = standingSinceMs(allAnalyses);
    expect(since).not.toBeNull();
    const sinceMs = since ?? NaN;
    // Standing began inside the clip, after the last rep completed.
    expect(sinceMs).toBeLessThanOrEqual(lastClip.tMs);
    const lastRepMs = clipAnalyses.find((a) => a.repCount === reps)?.tMs ?? NaN;
    expect(sinceMs).toBeGreaterThanOrEqual(lastRepMs);

    const endMs = end?.analysis.tMs ?? NaN;
    const intervalMs = frameIntervalMs(frames);
    expect(endMs - sinceMs).toBeGreaterThanOrEqual(SET_END_STILL_MS - TIME_EPS_MS);
    expect(endMs - sinceMs).toBeLessThanOrEqual(SET_END_STILL_MS + intervalMs + TIME_EPS_MS);
    // And not a frame earlier.
    const beforeEnd = allAnalyses[allAnalyses.length - 2];
    expect((beforeEnd?.tMs ?? NaN) - sinceMs).toBeLessThan(SET_END_STILL_MS);

    // Once ended, nothing more happens.
    expect(replay.push({ ...lastOf(frames), tMs: ms(endMs + intervalMs) }).transition).toBeNull();
    expect(replay.set.state).toBe('ended');
  });
});

describe.each(CLIPS_WITH_REPS)('HandsFreeSet: %s extended by nobody in view', (clip) => {
  it("ends 'walked-away' SET_END_AWAY_MS (within one frame) after the person left", () => {
    const { replay, frames } = replayClip(clip);
    expect(lastOf(replay.steps).analysis.repCount).toBeGreaterThan(0);
    expect(replay.set.state).toBe('active');

    const end = extend(
      replay,
      frames,
      (last, tMs) => ({ ...last, tMs: ms(tMs), keypoints: null }),
      EXTENSION_FACTOR * SET_END_AWAY_MS,
    );
    expect(end?.transition).toBe('walked-away');
    expect(replay.set.state).toBe('ended');

    const awaySinceMs = lastOf(frames).tMs + frameIntervalMs(frames);
    const endMs = end?.analysis.tMs ?? NaN;
    expect(endMs - awaySinceMs).toBeGreaterThanOrEqual(SET_END_AWAY_MS - TIME_EPS_MS);
    expect(endMs - awaySinceMs).toBeLessThanOrEqual(SET_END_AWAY_MS + frameIntervalMs(frames) + TIME_EPS_MS);
    const extension = replay.steps.slice(frames.length);
    for (const s of extension) expect(s.analysis.guidance).toBe('no-person');
  });
});
