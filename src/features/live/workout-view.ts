/**
 * The workout's part of the live screen, rendered from a WorkoutState: the 3-2-1 over the video, the
 * big phase line, "of 8" beside the rep count, "Set 2 of 3", and the rest panel with its timer. It
 * decides nothing; `data-workout` on the screen lets the stylesheet lay each phase out.
 */
import type { RepPhase } from '../../core';
import type { SetState } from './live-set';
import { secondsLeft, setLabel, type WorkoutPhase, type WorkoutState } from './workout';

export interface WorkoutElements {
  screen: HTMLElement;
  /** The big phase line: "Get ready", "Down", "Up", "Rest". */
  phase: HTMLElement;
  /** "Set 2 of 3", shown while a workout of more than one set runs. */
  setLabel: HTMLElement;
  /** "of 8" beside the rep count when the set has a rep target. */
  repTarget: HTMLElement;
  /** The countdown's number, over the video. */
  countdown: HTMLElement;
  rest: HTMLElement;
  restTime: HTMLElement;
  restNext: HTMLElement;
  skipRest: HTMLButtonElement;
  addRest: HTMLButtonElement;
  endWorkout: HTMLButtonElement;
}

/** The squat's phase in a word or two, readable from 3 m. */
const SQUAT_PHASE_WORDS: Readonly<Record<RepPhase, string>> = {
  unknown: '',
  standing: 'Standing',
  descending: 'Going down',
  bottom: 'Bottom',
  ascending: 'Coming up',
};

/** The big phase line for the workout phase, the set's hands-free state and the squat's phase. */
export function phaseWords(phase: WorkoutPhase, set: SetState, squat: RepPhase): string {
  if (phase === 'countdown') return 'Get ready';
  if (phase === 'rest') return 'Rest';
  if (phase === 'done') return 'Done';
  if (set === 'setup') return 'Get in place';
  if (set === 'ended') return '';
  return SQUAT_PHASE_WORDS[squat];
}

/** A duration as m:ss ("1:05"). */
export const clockText = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

export class WorkoutView {
  readonly #shown = new Map<HTMLElement, string>();

  constructor(private readonly el: WorkoutElements) {}

  render(w: WorkoutState, nowMs: number, set: SetState, squat: RepPhase): void {
    const el = this.el;
    if (el.screen.dataset['workout'] !== w.phase) el.screen.dataset['workout'] = w.phase;
    this.#text(el.phase, phaseWords(w.phase, set, squat));
    const multi = w.plan.setsPlanned > 1 && w.phase !== 'idle';
    this.#text(el.setLabel, multi ? capitalised(setLabel(w)) : '');
    const target = w.phase !== 'idle' && w.plan.repTarget !== null ? `of ${w.plan.repTarget}` : '';
    this.#text(el.repTarget, target);
    this.#text(el.countdown, w.phase === 'countdown' ? String(Math.max(1, secondsLeft(w, nowMs))) : '');
    el.countdown.hidden = w.phase !== 'countdown';
    el.rest.hidden = w.phase !== 'rest';
    if (w.phase === 'rest') {
      this.#text(el.restTime, clockText(secondsLeft(w, nowMs)));
      this.#text(el.restNext, `Next: ${setLabel({ ...w, setIndex: w.setIndex + 1 })}`);
    }
    el.endWorkout.hidden = !(multi && w.phase !== 'done');
  }

  #text(e: HTMLElement, text: string): void {
    if (this.#shown.get(e) === text) return;
    this.#shown.set(e, text);
    e.textContent = text;
  }
}

const capitalised = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
