/**
 * A workout on the live screen as one value and the rules that change it: a pure
 * `stepWorkout(state, event) → { state, effects }`. It decides what is said and when a set begins or
 * ends; the runner (workout-runner.ts) only performs those effects (speak, chime, start or end a set).
 *
 *   idle ─start─▶ setup ─set-ready─▶ countdown ─3 s─▶ set ─set-ended─▶ rest ─time up / Skip─▶ countdown …
 *                                                      └─ last set, End workout, or an error ─▶ done
 *
 * The first set's countdown waits for the person to stand ready (the live screen's hands-free start);
 * later sets count down as the rest ends. A set ends at its rep target, or as a lone set always did:
 * hands-free (stood still, walked away), End set, or an error.
 */
import { countOf, FAULT_PHRASES, type CueId, type RepSummary } from '../../core';
import type { WorkoutRef } from '../../domain/set-record';
import type { Settings } from '../../storage/settings';

export interface WorkoutPlan {
  /** Sets planned, ≥ 1 (1 = a lone set). */
  readonly setsPlanned: number;
  /** Reps after which a set ends by itself, or null for "until I stop". */
  readonly repTarget: number | null;
  readonly restMs: number;
  /** Speak each rep's number. */
  readonly speakReps: boolean;
}

/** The plan the settings hold. */
export const planOf = (s: Settings): WorkoutPlan => ({
  setsPlanned: s.setsPlanned,
  repTarget: s.repTarget,
  restMs: s.restS * 1000,
  speakReps: s.speakReps,
});

export type WorkoutPhase = 'idle' | 'setup' | 'countdown' | 'set' | 'rest' | 'done';

export interface WorkoutState {
  readonly phase: WorkoutPhase;
  readonly plan: WorkoutPlan;
  /** Shared by every set of this workout, or null before the first start. */
  readonly id: string | null;
  /** 0-based index of the current set (during rest: of the set just done). */
  readonly setIndex: number;
  /** Page-clock time the countdown or the rest ends, ms; null in other phases. */
  readonly untilMs: number | null;
  /** The last whole second of the countdown already said, so each number is said once. */
  readonly countdownSaidS: number | null;
  /** Faults past their limit on the set's last counted rep, for "better" on the next one. */
  readonly lastRepFaults: readonly CueId[];
  /** The reps already handled in this set (spoken, checked against the target). */
  readonly repsSeen: number;
  /** End workout was asked for mid-set: the set's end finishes the workout instead of resting. */
  readonly stopping: boolean;
}

export type WorkoutEvent =
  | { readonly type: 'start'; readonly id: string; readonly plan: WorkoutPlan }
  /** The person stood ready (hands-free) or pressed Start set now; `nowMs` on the page clock. */
  | { readonly type: 'set-ready'; readonly nowMs: number }
  | { readonly type: 'tick'; readonly nowMs: number }
  /** A rep was counted; `faults`: cues past their limit in that rep (pastFaultsOf). */
  | { readonly type: 'rep'; readonly repCount: number; readonly faults: readonly CueId[] }
  /**
   * The set ended. `repFaults`: per counted rep, its faults past their limit; `aborted`: it ended on
   * an error (camera lost, model failed), which ends the workout.
   */
  | {
      readonly type: 'set-ended';
      readonly repFaults: readonly (readonly CueId[])[];
      readonly aborted: boolean;
      readonly nowMs: number;
    }
  | { readonly type: 'skip-rest'; readonly nowMs: number }
  | { readonly type: 'add-rest'; readonly nowMs: number }
  | { readonly type: 'end-workout' };

/** What the runner must do after a step. */
export interface WorkoutEffects {
  /** Said in order (each replaces what is still being said: only the newest matters). */
  readonly say: readonly string[];
  /** The rest is over: the end-of-rest sound. */
  readonly chime: boolean;
  /** Begin the next set's analysis now (its countdown has begun). */
  readonly beginSet: boolean;
  /** End the set in progress (rep target reached, or End workout). */
  readonly endSet: boolean;
  /** The workout is over: stop the camera. */
  readonly finished: boolean;
}

/** Length of the spoken 3-2-1 countdown, ms: the count fitness apps use before a set. */
export const COUNTDOWN_MS = 3000;
/** What "+20 s" adds to the rest, ms. */
export const REST_ADD_MS = 20_000;

const NO_EFFECTS: WorkoutEffects = { say: [], chime: false, beginSet: false, endSet: false, finished: false };

export const INITIAL_WORKOUT: WorkoutState = {
  phase: 'idle',
  plan: { setsPlanned: 1, repTarget: null, restMs: 90_000, speakReps: false },
  id: null,
  setIndex: 0,
  untilMs: null,
  countdownSaidS: null,
  lastRepFaults: [],
  repsSeen: 0,
  stopping: false,
};

/** The cues a rep put past their limit (the core's verdict, kept in the rep's summary). */
export const pastFaultsOf = (rep: RepSummary): CueId[] =>
  (Object.keys(rep.faults) as CueId[]).filter((id) => rep.faults[id]?.verdict === 'past');

/** The spoken end of a set: "8 reps; knees caved on 2, heels lifted on 1", or "… all clean". */
export function setSummarySpeech(repFaults: readonly (readonly CueId[])[]): string {
  const reps = repFaults.length;
  if (reps === 0) return 'No reps counted.';
  const counts = new Map<CueId, number>();
  for (const faults of repFaults) for (const id of faults) counts.set(id, (counts.get(id) ?? 0) + 1);
  if (counts.size === 0) return `${countOf(reps, 'rep')}, all clean.`;
  // Most frequent first; ties in the cue table's order, so the sentence is stable.
  const order = FAULT_PHRASES.map((f) => f.id);
  const spoken = (id: CueId): string => FAULT_PHRASES.find((f) => f.id === id)?.spoken ?? id;
  const parts = [...counts]
    .sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([id, n]) => `${spoken(id)} on ${n}`);
  return `${countOf(reps, 'rep')}; ${parts.join(', ')}.`;
}

/** The set number as people say it: "set 2 of 3". */
export const setLabel = (s: WorkoutState): string => `set ${s.setIndex + 1} of ${s.plan.setsPlanned}`;

/** Whole seconds left of the countdown or rest at `nowMs` (rounded up: 0.2 s left shows 1). */
export const secondsLeft = (s: WorkoutState, nowMs: number): number =>
  s.untilMs === null ? 0 : Math.max(0, Math.ceil((s.untilMs - nowMs) / 1000));

/**
 * Where the current (or just ended) set sits in the workout, for its record; undefined for a lone set
 * (one set planned) or before any workout.
 */
export const workoutRefOf = (s: WorkoutState): WorkoutRef | undefined =>
  s.id === null || s.plan.setsPlanned < 2
    ? undefined
    : { id: s.id, setIndex: s.setIndex, setsPlanned: s.plan.setsPlanned, repTarget: s.plan.repTarget };

/** True while a workout runs (the camera stays on between its sets). */
export const workoutRunning = (s: WorkoutState): boolean => s.phase !== 'idle' && s.phase !== 'done';

const countdownFrom = (s: WorkoutState, setIndex: number, nowMs: number): WorkoutState => ({
  ...s,
  phase: 'countdown',
  setIndex,
  untilMs: nowMs + COUNTDOWN_MS,
  countdownSaidS: COUNTDOWN_MS / 1000,
  lastRepFaults: [],
  repsSeen: 0,
});

/** The countdown's first number, said as it begins. */
const COUNTDOWN_FIRST = String(COUNTDOWN_MS / 1000);

export function stepWorkout(
  s: WorkoutState,
  e: WorkoutEvent,
): { state: WorkoutState; effects: WorkoutEffects } {
  const out = (state: WorkoutState, effects: Partial<WorkoutEffects> = {}) => ({
    state,
    effects: { ...NO_EFFECTS, ...effects },
  });
  switch (e.type) {
    case 'start':
      return out({ ...INITIAL_WORKOUT, phase: 'setup', id: e.id, plan: e.plan });
    case 'set-ready':
      if (s.phase !== 'setup') return out(s);
      return out(countdownFrom(s, s.setIndex, e.nowMs), { say: [COUNTDOWN_FIRST] });
    case 'tick': {
      if (s.untilMs === null) return out(s);
      if (s.phase === 'countdown') {
        if (e.nowMs >= s.untilMs)
          return out({ ...s, phase: 'set', untilMs: null, countdownSaidS: null }, { say: ['Go!'] });
        const left = secondsLeft(s, e.nowMs);
        if (s.countdownSaidS !== null && left < s.countdownSaidS) {
          return out({ ...s, countdownSaidS: left }, { say: [String(left)] });
        }
        return out(s);
      }
      if (s.phase === 'rest' && e.nowMs >= s.untilMs) {
        return out(countdownFrom(s, s.setIndex + 1, e.nowMs), {
          chime: true,
          beginSet: true,
          say: [`${capital(setLabel({ ...s, setIndex: s.setIndex + 1 }))}. ${COUNTDOWN_FIRST}`],
        });
      }
      return out(s);
    }
    case 'rep': {
      if (s.phase !== 'countdown' && s.phase !== 'set') return out(s);
      if (e.repCount <= s.repsSeen) return out(s);
      // "Better": a fault that fired on the last rep did not fire on this one.
      const better = s.lastRepFaults.some((id) => !e.faults.includes(id));
      const words = [s.plan.speakReps ? String(e.repCount) : '', better ? 'better' : '']
        .filter((w) => w !== '')
        .join(', ');
      const next = { ...s, repsSeen: e.repCount, lastRepFaults: e.faults };
      const atTarget = s.plan.repTarget !== null && e.repCount >= s.plan.repTarget;
      return out(next, { say: words === '' ? [] : [capital(words)], endSet: atTarget });
    }
    case 'set-ended': {
      if (!workoutRunning(s)) return out(s);
      const summary = setSummarySpeech(e.repFaults);
      const last = s.setIndex + 1 >= s.plan.setsPlanned;
      if (e.aborted || last || s.stopping) {
        const tail = s.plan.setsPlanned > 1 ? ' Workout done.' : '';
        return out(
          { ...s, phase: 'done', untilMs: null, countdownSaidS: null, stopping: false },
          { say: e.aborted ? [] : [summary + tail], finished: true },
        );
      }
      return out(
        { ...s, phase: 'rest', untilMs: e.nowMs + s.plan.restMs, countdownSaidS: null },
        { say: [`${summary} Rest ${Math.round(s.plan.restMs / 1000)} seconds.`] },
      );
    }
    case 'skip-rest':
      if (s.phase !== 'rest') return out(s);
      return out(countdownFrom(s, s.setIndex + 1, e.nowMs), { beginSet: true, say: [COUNTDOWN_FIRST] });
    case 'add-rest':
      if (s.phase !== 'rest' || s.untilMs === null) return out(s);
      return out({ ...s, untilMs: Math.max(s.untilMs, e.nowMs) + REST_ADD_MS });
    case 'end-workout':
      if (s.phase === 'rest') {
        return out({ ...s, phase: 'done', untilMs: null, countdownSaidS: null }, { finished: true });
      }
      // A set is being set up or done: it ends (and is kept) first; its end finishes the workout.
      if (workoutRunning(s)) return out({ ...s, stopping: true }, { endSet: true });
      return out(s);
  }
}

const capital = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
