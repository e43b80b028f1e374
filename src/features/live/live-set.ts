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

/**
 * The hands-free flow as plain data, so the live session's reducer can hold it. Times are analysis
 * times (each frame's tMs), ms.
 */
export interface SetFlow {
  readonly state: SetState;
  /** Start of the current standing run after the last rep change, or null. */
  readonly standingSinceMs: number | null;
  /** Since when nobody has been in view, or null. */
  readonly awaySinceMs: number | null;
  /** Rep count when the still timer last restarted. */
  readonly lastReps: number;
  /** Held identity jumps within SECOND_PERSON_WINDOW_MS of the newest frame. */
  readonly jumpTimesMs: readonly number[];
}

export type SetTransition = 'started' | SetEndReason | null;

/** A set in set-up, nothing timed yet. */
export const SET_FLOW_START: SetFlow = {
  state: 'setup',
  standingSinceMs: null,
  awaySinceMs: null,
  lastReps: 0,
  jumpTimesMs: [],
};

/** Feeds one analysed frame; returns the new flow and the transition that happened on it, if any. */
export function stepSetFlow(flow: SetFlow, a: FrameAnalysis): { flow: SetFlow; transition: SetTransition } {
  const jumpTimesMs = trackJumps(flow.jumpTimesMs, a);
  if (flow.state === 'setup') {
    // Calibrated means the analysis can measure depth: start, even if a head or hand is cut off
    // (guidance still says so). A finished rep also means the person is already squatting.
    if ((a.calibrated && a.keypoints !== null) || a.repCount > 0) {
      const started: SetFlow = {
        state: 'active',
        lastReps: a.repCount,
        standingSinceMs: null,
        awaySinceMs: null,
        jumpTimesMs,
      };
      return { flow: started, transition: 'started' };
    }
    return { flow: { ...flow, jumpTimesMs }, transition: null };
  }
  if (flow.state !== 'active') return { flow: { ...flow, jumpTimesMs }, transition: null };
  const repChanged = a.repCount !== flow.lastReps;
  const away = a.guidance === 'no-person';
  const standingFromMs = repChanged ? null : flow.standingSinceMs;
  const next: SetFlow = {
    state: 'active',
    lastReps: a.repCount,
    awaySinceMs: away ? (flow.awaySinceMs ?? a.tMs) : null,
    standingSinceMs: a.phase === 'standing' && !away ? (standingFromMs ?? a.tMs) : null,
    jumpTimesMs,
  };
  if (a.repCount === 0) return { flow: next, transition: null };
  if (next.awaySinceMs !== null && a.tMs - next.awaySinceMs >= SET_END_AWAY_MS) {
    return { flow: { ...next, state: 'ended' }, transition: 'walked-away' };
  }
  if (next.standingSinceMs !== null && a.tMs - next.standingSinceMs >= SET_END_STILL_MS) {
    return { flow: { ...next, state: 'ended' }, transition: 'stood-still' };
  }
  return { flow: next, transition: null };
}

/** After a pause (tab hidden, worker restarting): time away from the poses must not count. */
export const resumeSetFlow = (flow: SetFlow): SetFlow => ({
  ...flow,
  standingSinceMs: null,
  awaySinceMs: null,
  jumpTimesMs: [],
});

/** Space or the big button during set-up: the set starts now, counting from `repCount` reps. */
export const forceStartSetFlow = (flow: SetFlow, repCount: number): SetFlow =>
  resumeSetFlow({ ...flow, state: 'active', lastReps: repCount });

export const endSetFlow = (flow: SetFlow): SetFlow => ({ ...flow, state: 'ended' });

/** True when the tracked person keeps jumping (the analysis holds those frames): likely two people. */
export const secondPersonSuspected = (flow: SetFlow): boolean =>
  flow.jumpTimesMs.length >= SECOND_PERSON_MIN_JUMPS;

function trackJumps(jumpTimesMs: readonly number[], a: FrameAnalysis): readonly number[] {
  // The analysis reports a held identity jump as low-confidence with no keypoints; an ordinary
  // low-confidence frame still carries its keypoints.
  const all = a.guidance === 'low-confidence' && a.keypoints === null ? [...jumpTimesMs, a.tMs] : jumpTimesMs;
  return all.filter((t) => a.tMs - t <= SECOND_PERSON_WINDOW_MS);
}

/** The flow as a small mutable object, for callers that keep one set at a time (and its tests). */
export class HandsFreeSet {
  #flow: SetFlow = SET_FLOW_START;

  get state(): SetState {
    return this.#flow.state;
  }

  /** Feeds one analysed frame; returns a transition when one happened on it. */
  push(a: FrameAnalysis): SetTransition {
    const { flow, transition } = stepSetFlow(this.#flow, a);
    this.#flow = flow;
    return transition;
  }

  resume(): void {
    this.#flow = resumeSetFlow(this.#flow);
  }

  forceStart(repCount: number): void {
    this.#flow = forceStartSetFlow(this.#flow, repCount);
  }

  end(): void {
    this.#flow = endSetFlow(this.#flow);
  }

  get secondPersonSuspected(): boolean {
    return secondPersonSuspected(this.#flow);
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
    case 'move-closer':
      return 'Come a little closer, or zoom in: you are too small in the picture for your hips to be judged.';
    case null:
      return null;
  }
}
