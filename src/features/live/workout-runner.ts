/**
 * The workout's thin controller: holds the WorkoutState, runs the clock of the countdown and the
 * rest, wires the rest panel's buttons, and performs what a step asks for — speech and the chime
 * here; starting and ending sets through the live controller's `WorkoutActions`. What happens when is
 * decided by the pure `stepWorkout` (workout.ts).
 */
import type { CueId, RepPhase } from '../../core';
import { repCountOf, type LiveState } from './live-session';
import type { RepTick, Speaker } from '../../ui-kit/speech';
import type { SetState } from './live-set';
import {
  INITIAL_WORKOUT,
  stepWorkout,
  type WorkoutEffects,
  type WorkoutEvent,
  type WorkoutState,
} from './workout';
import { WorkoutView, type WorkoutElements } from './workout-view';

/** What the workout asks of the live controller. */
export interface WorkoutActions {
  /** End the set in progress, as End set would (it is kept). */
  endSet: () => void;
  /** The rest is over: begin the next set's analysis on the open camera. */
  beginSet: () => void;
  /** The workout ended between sets (End workout during a rest): stop the camera, show the last set. */
  finishedBetweenSets: () => void;
  /** What the live screen shows now, for the phase line. */
  live: () => { set: SetState; squat: RepPhase };
}

/** Clock period of the countdown and rest, ms: a 3-2-1 needs finer steps than the 0.5 s status tick. */
const WORKOUT_TICK_MS = 200;

export class WorkoutRunner {
  #state: WorkoutState = INITIAL_WORKOUT;
  #timer = 0;
  readonly #view: WorkoutView;

  constructor(
    el: WorkoutElements,
    private readonly sound: { speaker: Speaker; tick: RepTick; volume: () => number },
    private readonly actions: WorkoutActions,
  ) {
    this.#view = new WorkoutView(el);
    el.skipRest.addEventListener('click', () =>
      this.fromUser({ type: 'skip-rest', nowMs: performance.now() }),
    );
    el.addRest.addEventListener('click', () => this.fromUser({ type: 'add-rest', nowMs: performance.now() }));
    el.endWorkout.addEventListener('click', () => this.fromUser({ type: 'end-workout' }));
    this.render();
  }

  get state(): WorkoutState {
    return this.#state;
  }

  /**
   * One step: new state, speech, chime, view, clock. Returns the effects on sets for the caller to
   * act on (the live controller, inside its own dispatch, acts in its own order).
   */
  send(event: WorkoutEvent): WorkoutEffects {
    const { state, effects } = stepWorkout(this.#state, event);
    this.#state = state;
    for (const text of effects.say) this.sound.speaker.say(text);
    if (effects.chime) this.sound.tick.chime(this.sound.volume());
    const timed = state.phase === 'countdown' || state.phase === 'rest';
    if (timed && this.#timer === 0) {
      this.#timer = window.setInterval(
        () => this.fromUser({ type: 'tick', nowMs: performance.now() }),
        WORKOUT_TICK_MS,
      );
    } else if (!timed && this.#timer !== 0) {
      window.clearInterval(this.#timer);
      this.#timer = 0;
    }
    this.render();
    return effects;
  }

  /** A step from the workout's own clock or buttons: its effects on sets are acted on here. */
  fromUser(event: WorkoutEvent): void {
    const fx = this.send(event);
    if (fx.endSet) this.actions.endSet();
    if (fx.beginSet) this.actions.beginSet();
    if (fx.finished) this.actions.finishedBetweenSets();
  }

  /**
   * Follows one change of the live screen's state: the person stood ready (the first set's countdown),
   * a rep was counted, the set ended. `repFaults`: per counted rep of the set, its faults.
   */
  followLive(before: LiveState, after: LiveState, repFaults: () => CueId[][]): void {
    const nowMs = performance.now();
    if (before.flow.state === 'setup' && after.flow.state === 'active' && after.mode !== 'idle') {
      this.send({ type: 'set-ready', nowMs });
    }
    if (repCountOf(after) > repCountOf(before)) {
      this.send({ type: 'rep', repCount: repCountOf(after), faults: repFaults().at(-1) ?? [] });
    }
    if (before.mode !== 'idle' && after.mode === 'idle') {
      this.send({ type: 'set-ended', repFaults: repFaults(), aborted: after.endNote !== null, nowMs });
    }
    this.render();
  }

  render(): void {
    const { set, squat } = this.actions.live();
    this.#view.render(this.#state, performance.now(), set, squat);
  }
}
