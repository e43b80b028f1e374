/**
 * Hands-free set flow and set-up guidance, decided from the analysis alone (no DOM, no clock: time
 * arrives as each frame's tMs), so the same rules run on a camera, a replayed track or a test.
 *
 *   setup ──(calibrated standing, or a first rep)──▶ active ──(stood still / walked away)──▶ ended
 *
 * Space and the big button can force either transition.
 */
import { VIEW_HINTS, VIEW_METRICS, type FrameAnalysis, type MetricId, type View } from '../../core';

export type SetState = 'setup' | 'active' | 'ended';
export type SetEndReason = 'stood-still' | 'walked-away';

/**
 * Standing without a rep for this long, ms, ends the set once it has a rep: "a few seconds" is
 * longer than the 2–3 s people rest between reps in the fixture clips, short enough not to bore.
 */
export const SET_END_STILL_MS = 5000;
/** Nobody in view for this long, ms, ends a set that has a rep (walked away to rest or re-rack). */
export const SET_END_AWAY_MS = 3000;
/** Window, ms, over which held identity jumps are counted as a hint that a second person is in view. */
export const SECOND_PERSON_WINDOW_MS = 5000;
/** Identity jumps in that window that make the "only you in view" hint show. */
export const SECOND_PERSON_MIN_JUMPS = 2;

export class HandsFreeSet {
  state: SetState = 'setup';
  #standingSinceMs: number | null = null;
  #awaySinceMs: number | null = null;
  #lastReps = 0;
  #jumpTimesMs: number[] = [];

  /** Feeds one analysed frame; returns a transition when one happened on it. */
  push(a: FrameAnalysis): 'started' | SetEndReason | null {
    this.#trackJumps(a);
    if (this.state === 'setup') {
      // Calibrated means the analysis can measure depth: start, even if a head or hand is cut off
      // (guidance still says so). A finished rep also means the person is already squatting.
      if ((a.calibrated && a.keypoints !== null) || a.repCount > 0) {
        this.state = 'active';
        this.#lastReps = a.repCount;
        this.#standingSinceMs = null;
        this.#awaySinceMs = null;
        return 'started';
      }
      return null;
    }
    if (this.state !== 'active') return null;
    if (a.repCount !== this.#lastReps) {
      this.#lastReps = a.repCount;
      this.#standingSinceMs = null;
    }
    const away = a.guidance === 'no-person';
    this.#awaySinceMs = away ? (this.#awaySinceMs ?? a.tMs) : null;
    this.#standingSinceMs = a.phase === 'standing' && !away ? (this.#standingSinceMs ?? a.tMs) : null;
    if (a.repCount === 0) return null;
    if (this.#awaySinceMs !== null && a.tMs - this.#awaySinceMs >= SET_END_AWAY_MS) {
      this.state = 'ended';
      return 'walked-away';
    }
    if (this.#standingSinceMs !== null && a.tMs - this.#standingSinceMs >= SET_END_STILL_MS) {
      this.state = 'ended';
      return 'stood-still';
    }
    return null;
  }

  /** After a pause (tab hidden): time spent away from the page must not count as standing still. */
  resume(): void {
    this.#standingSinceMs = null;
    this.#awaySinceMs = null;
    this.#jumpTimesMs = [];
  }

  forceStart(repCount: number): void {
    this.state = 'active';
    this.#lastReps = repCount;
    this.resume();
  }

  end(): void {
    this.state = 'ended';
  }

  /** True when the tracked person keeps jumping (the analysis holds those frames): likely two people. */
  get secondPersonSuspected(): boolean {
    return this.#jumpTimesMs.length >= SECOND_PERSON_MIN_JUMPS;
  }

  #trackJumps(a: FrameAnalysis): void {
    // The analysis reports a held identity jump as low-confidence with no keypoints; an ordinary
    // low-confidence frame still carries its keypoints.
    if (a.guidance === 'low-confidence' && a.keypoints === null) this.#jumpTimesMs.push(a.tMs);
    this.#jumpTimesMs = this.#jumpTimesMs.filter((t) => a.tMs - t <= SECOND_PERSON_WINDOW_MS);
  }
}

const METRIC_WORDS: Partial<Record<MetricId, string>> = {
  kneeValgus: 'knees caving in',
  hipDrop: 'hip drop',
  toeShift: 'weight on the toes',
  heelRise: 'heels lifting',
  depth: 'depth',
  trunkLean: 'chest angle',
};

/** One line saying what the current view can check and how to check the rest. */
export function describeView(view: View): string {
  if (view === 'unknown') return '';
  if (view === 'oblique')
    return `Half-turned: ${VIEW_HINTS.side.toLowerCase()}, or ${VIEW_HINTS.front.toLowerCase()}.`;
  const checks = VIEW_METRICS[view]
    .map((m) => METRIC_WORDS[m])
    .filter((w): w is string => w !== undefined)
    .join(', ');
  const hint = view === 'side' ? VIEW_HINTS.front : VIEW_HINTS.side;
  const name = view === 'side' ? 'Side view' : view === 'front' ? 'Front view' : 'Rear view';
  return `${name}: checking ${checks}. ${hint}.`;
}

/** The set-up message for a frame, or null when the person is well placed. */
export function guidanceMessage(a: FrameAnalysis, secondPerson: boolean): string | null {
  if (secondPerson) return 'More than one person may be in view. Make sure only you are in the picture.';
  switch (a.guidance) {
    case 'no-person':
      return 'Step into view: stand 2–3 m from the camera, whole body in the picture.';
    case 'step-back':
      return 'Step back until your whole body, feet included, is in view.';
    case 'low-confidence':
      return 'Hard to see you clearly. More light or a plainer background helps.';
    case 'turn':
      return `Turn a little. ${VIEW_HINTS.side}, or ${VIEW_HINTS.front.toLowerCase()}.`;
    case null:
      return null;
  }
}
