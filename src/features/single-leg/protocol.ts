/**
 * The guided single-leg check as a pure reducer: the phases a person goes through (face the camera →
 * stand on one leg, other foot up → hold still for the one-leg calibration → slow reps counted on
 * screen → switch legs → the other leg → done), the prompt shown for each and the words spoken when
 * it changes. The controller (single-leg-app.ts) feeds it what the analysis saw on each frame; it
 * decides nothing about the body itself (the core does: stance, lifted foot, calibration, reps).
 */
import type { Side, Sided } from '../../core';

/** Scored reps asked for per leg: the protocol ("5 slow single-leg squats"). */
export const REPS_PER_LEG = 5;
/**
 * Most reps counted on one leg before the check moves on even if some were not scored: a person who
 * keeps touching down is not kept on one leg forever (the report then shows the unscored reps).
 */
export const MAX_REPS_PER_LEG = 8;
/** The leg asked for first: the protocol starts on the left leg. */
export const LEG_ORDER: readonly Side[] = ['left', 'right'];

export type ProtocolPhase =
  'ready' | 'starting' | 'face' | 'lift' | 'hold' | 'reps' | 'switch' | 'done' | 'failed';

export interface LastRep {
  readonly leg: Side;
  readonly index: number;
  readonly scored: boolean;
  readonly reasons: readonly string[];
}

export interface ProtocolState {
  readonly phase: ProtocolPhase;
  /** The leg the protocol asks to stand on (null before the check or once done). */
  readonly leg: Side | null;
  /** What the analysis saw on the last frame. */
  readonly stance: Side | null;
  readonly freeFootLifted: boolean;
  /** Completed reps per leg (scored or not). */
  readonly reps: Sided<number>;
  readonly scored: Sided<number>;
  readonly lastRep: LastRep | null;
  /** The newest spoken note (knee inside the foot, pelvis dropping), shown until the next rep. */
  readonly note: string | null;
  /** Why the check failed (camera, model). */
  readonly error: string | null;
}

export type ProtocolEvent =
  | { readonly type: 'start' }
  | { readonly type: 'camera-ready' }
  | { readonly type: 'failed'; readonly text: string }
  | {
      readonly type: 'frame';
      readonly personSeen: boolean;
      readonly stance: Side | null;
      readonly freeFootLifted: boolean;
      readonly calibrated: boolean;
    }
  | { readonly type: 'rep'; readonly rep: LastRep }
  | { readonly type: 'note'; readonly text: string }
  /** The person pressed "Finish": the check ends with what it has. */
  | { readonly type: 'finish' }
  | { readonly type: 'reset' };

export const INITIAL_PROTOCOL: ProtocolState = {
  phase: 'ready',
  leg: null,
  stance: null,
  freeFootLifted: false,
  reps: { left: 0, right: 0 },
  scored: { left: 0, right: 0 },
  lastRep: null,
  note: null,
  error: null,
};

export const otherLeg = (s: Side): Side => (s === 'left' ? 'right' : 'left');
const LEG_WORD: Readonly<Record<Side, string>> = { left: 'LEFT', right: 'RIGHT' };

/** A leg is done when it has its scored reps, or has been tried MAX_REPS_PER_LEG times. */
export const legDone = (s: ProtocolState, leg: Side): boolean =>
  s.scored[leg] >= REPS_PER_LEG || s.reps[leg] >= MAX_REPS_PER_LEG;

/** The first leg of LEG_ORDER not done yet, or null when both are. */
const nextLeg = (s: ProtocolState): Side | null => LEG_ORDER.find((l) => !legDone(s, l)) ?? null;

/** Where the check stands on a frame, given the leg asked for. */
function phaseFor(s: ProtocolState, personSeen: boolean, calibrated: boolean): ProtocolPhase {
  const leg = nextLeg(s);
  if (leg === null) return 'done';
  const standingRight = s.stance === leg && s.freeFootLifted;
  // Between the legs: the first leg is done and the person has not yet stood on the second.
  if (s.reps[otherLeg(leg)] > 0 && legDone(s, otherLeg(leg)) && !standingRight && s.reps[leg] === 0)
    return 'switch';
  if (!personSeen) return 'face';
  if (!standingRight) return 'lift';
  return calibrated ? 'reps' : 'hold';
}

export function reduceProtocol(s: ProtocolState, e: ProtocolEvent): ProtocolState {
  switch (e.type) {
    case 'reset':
      return INITIAL_PROTOCOL;
    case 'start':
      return s.phase === 'ready' || s.phase === 'done' || s.phase === 'failed'
        ? { ...INITIAL_PROTOCOL, phase: 'starting' }
        : s;
    case 'camera-ready':
      return s.phase === 'starting' ? { ...s, phase: 'face', leg: LEG_ORDER[0] ?? 'left' } : s;
    case 'failed':
      return { ...s, phase: 'failed', error: e.text };
    case 'finish':
      return s.phase === 'ready' || s.phase === 'failed' ? s : { ...s, phase: 'done', leg: null };
    case 'note':
      return isRunning(s) ? { ...s, note: e.text } : s;
    case 'rep': {
      if (!isRunning(s)) return s;
      const leg = e.rep.leg;
      const next: ProtocolState = {
        ...s,
        reps: { ...s.reps, [leg]: s.reps[leg] + 1 },
        scored: { ...s.scored, [leg]: s.scored[leg] + (e.rep.scored ? 1 : 0) },
        lastRep: e.rep,
        note: null,
      };
      const leg2 = nextLeg(next);
      return leg2 === null ? { ...next, phase: 'done', leg: null } : { ...next, leg: leg2 };
    }
    case 'frame': {
      if (!isRunning(s)) return s;
      const seen: ProtocolState = { ...s, stance: e.stance, freeFootLifted: e.freeFootLifted };
      const phase = phaseFor(seen, e.personSeen, e.calibrated);
      return { ...seen, phase, leg: phase === 'done' ? null : nextLeg(seen) };
    }
  }
}

/** The check is under way: the camera is on and both legs are not yet done. */
export const isRunning = (s: ProtocolState): boolean =>
  s.phase !== 'ready' && s.phase !== 'starting' && s.phase !== 'done' && s.phase !== 'failed';

/** The prompt on screen for a state: a headline and a detail line. */
export function promptOf(s: ProtocolState): { headline: string; detail: string } {
  const leg = s.leg ?? 'left';
  const free = otherLeg(leg);
  const stand = `Stand on your ${LEG_WORD[leg]} leg, ${free} foot off the floor.`;
  switch (s.phase) {
    case 'ready':
      return {
        headline: 'Single-leg check',
        detail:
          'Face the camera, hands on hips or arms crossed, whole body in view. You will do 5 slow single-leg squats on each leg, left leg first.',
      };
    case 'starting':
      return {
        headline: 'Starting the camera…',
        detail: 'If the browser asks, allow it: the video stays on this device.',
      };
    case 'face':
      return {
        headline: 'Face the camera',
        detail: 'Hands on hips or arms crossed, whole body and feet in view.',
      };
    case 'lift':
      return { headline: stand, detail: `Lift your ${free} foot off the floor and hold still.` };
    case 'hold':
      return {
        headline: `Hold still on your ${LEG_WORD[leg]} leg`,
        detail: `${free} foot off the floor — measuring how you stand…`,
      };
    case 'reps':
      return {
        headline: `${LEG_WORD[leg]} leg standing — ${free} foot off the floor`,
        detail: `Rep ${Math.min(s.scored[leg] + 1, REPS_PER_LEG)} of ${REPS_PER_LEG}: slow, as deep as is comfortable, then back up.`,
      };
    case 'switch':
      return {
        headline: 'Switch legs',
        detail: `Put your ${leg} foot down, stand on your ${LEG_WORD[leg]} leg and lift your ${free} foot.`,
      };
    case 'done':
      return { headline: 'Done', detail: 'Your report is below.' };
    case 'failed':
      return { headline: 'The check stopped', detail: s.error ?? '' };
  }
}

/**
 * The words to speak after a transition, or null: the prompt when the phase or the leg changed, and
 * "not scored" for a touch-down or hop rep (the on-screen prompt says the rest).
 */
export function speechOf(before: ProtocolState, after: ProtocolState): string | null {
  if (after.lastRep !== before.lastRep && after.lastRep !== null && !after.lastRep.scored)
    return `Rep ${after.lastRep.index} not scored: the lifted foot touched down or the foot hopped.`;
  if (after.phase === before.phase && after.leg === before.leg) return null;
  if (after.phase === 'reps' && before.phase === 'hold')
    return `Good. ${REPS_PER_LEG} slow single-leg squats on your ${after.leg} leg.`;
  if (
    after.phase === 'face' ||
    after.phase === 'lift' ||
    after.phase === 'switch' ||
    after.phase === 'done'
  ) {
    const p = promptOf(after);
    return after.phase === 'done' ? 'Done. Your report is ready.' : `${p.headline} ${p.detail}`;
  }
  return null;
}
