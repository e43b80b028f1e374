/**
 * The workout reducer (src/features/live/workout.ts), pure, with a hand-driven clock:
 *
 * - the phases idle → setup → countdown (3-2-1, each number said once) → set → rest → countdown … →
 *   done, with Skip, +20 s and the chime at the rest's end;
 * - a set ends at its rep target (and not before), End workout mid-set keeps the set and finishes,
 *   an error finishes the workout without a rest;
 * - speech: rep numbers only when asked for, "better" when a fault of one rep is gone on the next,
 *   the set summary from the per-rep faults;
 * - the WorkoutRef each set's record carries.
 */
import { describe, expect, it } from 'vitest';
import {
  COUNTDOWN_MS,
  INITIAL_WORKOUT,
  REST_ADD_MS,
  pastFaultsOf,
  planOf,
  setSummarySpeech,
  stepWorkout,
  workoutRefOf,
  type WorkoutEffects,
  type WorkoutEvent,
  type WorkoutPlan,
  type WorkoutState,
} from '../../src/features/live/workout';
import { phaseWords, clockText } from '../../src/features/live/workout-view';
import { DEFAULT_SETTINGS } from '../../src/storage/settings';
import type { RepSummary } from '../../src/core/types';

const PLAN: WorkoutPlan = { setsPlanned: 3, repTarget: 5, restMs: 60_000, speakReps: true };

/** Runs events from `state`, collecting every effect. */
function run(
  state: WorkoutState,
  events: readonly WorkoutEvent[],
): { state: WorkoutState; fx: WorkoutEffects[] } {
  const fx: WorkoutEffects[] = [];
  let s = state;
  for (const e of events) {
    const step = stepWorkout(s, e);
    s = step.state;
    fx.push(step.effects);
  }
  return { state: s, fx };
}
const said = (fx: readonly WorkoutEffects[]): string[] => fx.flatMap((f) => f.say);
const started = (plan: WorkoutPlan = PLAN): WorkoutState =>
  stepWorkout(INITIAL_WORKOUT, { type: 'start', id: 'w1', plan }).state;
const ticks = (fromMs: number, toMs: number, stepMs = 200): WorkoutEvent[] => {
  const out: WorkoutEvent[] = [];
  for (let t = fromMs; t <= toMs; t += stepMs) out.push({ type: 'tick', nowMs: t });
  return out;
};
const reps = (n: number, faults: (i: number) => string[] = () => []): WorkoutEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'rep' as const,
    repCount: i + 1,
    faults: faults(i) as never,
  }));
const ended = (nowMs: number, repFaults: string[][] = [[], []], aborted = false): WorkoutEvent => ({
  type: 'set-ended',
  repFaults: repFaults as never,
  aborted,
  nowMs,
});

describe('workout phases', () => {
  it('waits in set-up for the person, then counts down 3-2-1 (each said once) and says Go', () => {
    const s0 = started();
    expect(s0.phase).toBe('setup');
    // Ticks while waiting change nothing: set 1 waits for the hands-free start.
    expect(run(s0, ticks(0, 5000)).state).toEqual(s0);
    const { state, fx } = run(s0, [
      { type: 'set-ready', nowMs: 10_000 },
      ...ticks(10_000, 10_000 + COUNTDOWN_MS),
    ]);
    expect(said(fx)).toEqual(['3', '2', '1', 'Go!']);
    expect(state.phase).toBe('set');
    expect(state.setIndex).toBe(0);
    // Still counting at 2.8 s: the set has not begun yet.
    const early = run(s0, [
      { type: 'set-ready', nowMs: 0 },
      { type: 'tick', nowMs: COUNTDOWN_MS - 200 },
    ]);
    expect(early.state.phase).toBe('countdown');
  });

  it('set → rest with a spoken summary; the rest ends at its time with a chime and the next countdown', () => {
    const inSet = run(started(), [{ type: 'set-ready', nowMs: 0 }, ...ticks(0, 3000)]).state;
    const rest = run(inSet, [ended(20_000)]);
    expect(rest.state.phase).toBe('rest');
    expect(rest.state.untilMs).toBe(20_000 + PLAN.restMs);
    expect(said(rest.fx)).toEqual(['2 reps, all clean. Rest 60 seconds.']);
    expect(rest.fx[0]?.finished).toBe(false);
    const before = run(rest.state, [{ type: 'tick', nowMs: 20_000 + PLAN.restMs - 1 }]);
    expect(before.state.phase).toBe('rest');
    expect(before.fx[0]?.chime).toBe(false);
    const after = run(rest.state, [{ type: 'tick', nowMs: 20_000 + PLAN.restMs }]);
    expect(after.state).toMatchObject({ phase: 'countdown', setIndex: 1, repsSeen: 0 });
    expect(after.fx[0]).toMatchObject({ chime: true, beginSet: true, say: ['Set 2 of 3. 3'] });
  });

  it('Skip ends the rest at once (no chime); +20 s adds to what is left', () => {
    const rest = run(started(), [{ type: 'set-ready', nowMs: 0 }, ...ticks(0, 3000), ended(10_000)]).state;
    const added = run(rest, [{ type: 'add-rest', nowMs: 15_000 }]).state;
    expect(added.untilMs).toBe(10_000 + PLAN.restMs + REST_ADD_MS);
    const skipped = run(added, [{ type: 'skip-rest', nowMs: 16_000 }]);
    expect(skipped.state).toMatchObject({ phase: 'countdown', setIndex: 1, untilMs: 16_000 + COUNTDOWN_MS });
    expect(skipped.fx[0]).toMatchObject({ beginSet: true, chime: false });
    // Skip and +20 s mean nothing outside a rest.
    expect(run(skipped.state, [{ type: 'skip-rest', nowMs: 17_000 }]).state).toEqual(skipped.state);
  });

  it('the last set ends the workout: done, finished, "Workout done."', () => {
    let s = started({ ...PLAN, setsPlanned: 2 });
    s = run(s, [
      { type: 'set-ready', nowMs: 0 },
      ...ticks(0, 3000),
      ended(10_000),
      { type: 'skip-rest', nowMs: 11_000 },
    ]).state;
    const done = run(s, [...ticks(11_000, 14_000), ended(30_000, [[], [], []])]);
    expect(done.state.phase).toBe('done');
    expect(done.fx.at(-1)).toMatchObject({ finished: true, say: ['3 reps, all clean. Workout done.'] });
    // A new start begins a new workout.
    const again = stepWorkout(done.state, { type: 'start', id: 'w2', plan: PLAN }).state;
    expect(again).toMatchObject({ phase: 'setup', id: 'w2', setIndex: 0 });
  });

  it('a lone set (1 planned) ends done, with no rest and no "Workout done"', () => {
    const s = run(started({ ...PLAN, setsPlanned: 1 }), [
      { type: 'set-ready', nowMs: 0 },
      ...ticks(0, 3000),
    ]).state;
    const done = run(s, [ended(9000, [['knees-out'], []])]);
    expect(done.state.phase).toBe('done');
    expect(said(done.fx)).toEqual(['2 reps; knees caved on 1.']);
  });

  it('an error ends the workout at once, silently, with no rest', () => {
    const s = run(started(), [{ type: 'set-ready', nowMs: 0 }]).state;
    const out = run(s, [ended(5000, [[]], true)]);
    expect(out.state.phase).toBe('done');
    expect(out.fx[0]).toMatchObject({ finished: true, say: [] });
  });
});

describe('rep target and End workout', () => {
  const inSet = (plan: WorkoutPlan = PLAN): WorkoutState =>
    run(started(plan), [{ type: 'set-ready', nowMs: 0 }, ...ticks(0, 3000)]).state;

  it('asks the set to end at the target rep, not before; no target never does', () => {
    const { fx } = run(inSet(), reps(5));
    expect(fx.map((f) => f.endSet)).toEqual([false, false, false, false, true]);
    const open = run(inSet({ ...PLAN, repTarget: null }), reps(30));
    expect(open.fx.some((f) => f.endSet)).toBe(false);
  });

  it('counts reps made during the countdown toward the target', () => {
    const counting = run(started({ ...PLAN, repTarget: 1 }), [{ type: 'set-ready', nowMs: 0 }]).state;
    expect(run(counting, reps(1)).fx[0]?.endSet).toBe(true);
  });

  it('a repeated rep count (same frame twice) is handled once', () => {
    const s = inSet();
    const { fx } = run(s, [...reps(1), ...reps(1)]);
    expect(said(fx)).toEqual(['1']);
  });

  it('End workout mid-set ends the set, and its end finishes the workout instead of resting', () => {
    const stopping = run(inSet(), [{ type: 'end-workout' }]);
    expect(stopping.fx[0]?.endSet).toBe(true);
    const out = run(stopping.state, [ended(8000)]);
    expect(out.state.phase).toBe('done');
    expect(out.fx[0]?.finished).toBe(true);
  });

  it('End workout during a rest finishes at once (the set was already kept)', () => {
    const rest = run(inSet(), [ended(8000)]).state;
    const out = run(rest, [{ type: 'end-workout' }]);
    expect(out.state.phase).toBe('done');
    expect(out.fx[0]).toMatchObject({ finished: true, endSet: false });
  });
});

describe('speech', () => {
  const inSet = (speakReps: boolean): WorkoutState =>
    run(started({ ...PLAN, repTarget: null, speakReps }), [
      { type: 'set-ready', nowMs: 0 },
      ...ticks(0, 3000),
    ]).state;

  it('says rep numbers only when asked for', () => {
    expect(said(run(inSet(true), reps(3)).fx)).toEqual(['1', '2', '3']);
    expect(said(run(inSet(false), reps(3)).fx)).toEqual([]);
  });

  it('says "better" when a fault of the last rep is gone on this one, not while it persists', () => {
    const faults = [['knees-out'], ['knees-out'], [], [], ['heels-down', 'knees-out'], ['knees-out']];
    const quiet = run(
      inSet(false),
      reps(6, (i) => faults[i] ?? []),
    );
    expect(quiet.fx.map((f) => f.say)).toEqual([[], [], ['Better'], [], [], ['Better']]);
    const counted = run(
      inSet(true),
      reps(3, (i) => faults[i] ?? []),
    );
    expect(said(counted.fx)).toEqual(['1', '2', '3, better']);
  });

  it('summarises a set by its faults, most frequent first', () => {
    expect(setSummarySpeech([])).toBe('No reps counted.');
    expect(setSummarySpeech([[]])).toBe('1 rep, all clean.');
    expect(
      setSummarySpeech([['knees-out'], [], ['knees-out', 'heels-down'], [], [], [], [], ['go-lower']]),
    ).toBe('8 reps; knees caved on 2, heels lifted on 1, not deep enough on 1.');
  });

  it("reads a rep's faults from the core's verdicts: only past", () => {
    const rep = {
      faults: {
        'knees-out': { value: 0.3, verdict: 'past' },
        'hips-level': { value: 2, verdict: 'near' },
        'heels-down': { value: 0.01, verdict: 'within' },
        'go-lower': { value: 60, verdict: 'past' },
      },
    } as unknown as RepSummary;
    expect(pastFaultsOf(rep).sort()).toEqual(['go-lower', 'knees-out']);
  });
});

describe('records and view words', () => {
  it('gives each set of a workout its WorkoutRef; a lone set or no workout gets none', () => {
    const s = run(started(), [{ type: 'set-ready', nowMs: 0 }, ...ticks(0, 3000), ended(9000)]).state;
    expect(workoutRefOf(s)).toEqual({ id: 'w1', setIndex: 0, setsPlanned: 3, repTarget: 5 });
    const next = run(s, [{ type: 'skip-rest', nowMs: 10_000 }]).state;
    expect(workoutRefOf(next)?.setIndex).toBe(1);
    expect(workoutRefOf(started({ ...PLAN, setsPlanned: 1 }))).toBeUndefined();
    expect(workoutRefOf(INITIAL_WORKOUT)).toBeUndefined();
  });

  it('takes the plan from the settings (rest in s → ms)', () => {
    expect(planOf({ ...DEFAULT_SETTINGS, setsPlanned: 4, repTarget: 8, restS: 75, speakReps: true })).toEqual(
      {
        setsPlanned: 4,
        repTarget: 8,
        restMs: 75_000,
        speakReps: true,
      },
    );
  });

  it('words the big phase line and the rest clock', () => {
    expect(phaseWords('countdown', 'active', 'bottom')).toBe('Get ready');
    expect(phaseWords('set', 'setup', 'unknown')).toBe('Get in place');
    expect(phaseWords('set', 'active', 'descending')).toBe('Going down');
    expect(phaseWords('idle', 'active', 'ascending')).toBe('Coming up');
    expect(phaseWords('rest', 'ended', 'standing')).toBe('Rest');
    expect(clockText(65)).toBe('1:05');
    expect(clockText(0)).toBe('0:00');
  });
});
