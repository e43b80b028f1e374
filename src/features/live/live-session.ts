/**
 * The live screen's state as one value and the rules that change it: a pure
 * `reduceLive(state, event) → state` and `statusOf(state)`, the one line of status that matters
 * most. No DOM, no timers: the controller (live-app.ts) turns camera, worker, page and clock
 * happenings into events, and performs the effects a transition asks for (stop the loop, restart the
 * worker, hand the set over).
 *
 *   idle ──session-began──▶ camera | replay ──(set ends: hands-free, user, camera lost, restart failed)──▶ idle
 *
 * Inside a session the hands-free set flow (live-set.ts) runs on the poses; a hidden page and a
 * restarting pose worker are pauses: no pose reaches the flow, and its timers start afresh after.
 */
import { countOf, type FrameAnalysis } from '../../core';
import {
  SET_END_STILL_MS,
  SET_FLOW_START,
  endSetFlow,
  forceStartSetFlow,
  guidanceMessage,
  resumeSetFlow,
  secondPersonSuspected,
  stepSetFlow,
  type SetEndReason,
  type SetFlow,
} from './live-set';

export type LiveMode = 'idle' | 'camera' | 'replay';
export type StatusKind = 'info' | 'warn' | 'error';

export interface StatusLine {
  readonly text: string;
  readonly kind: StatusKind;
}

/** How long a passing notice ("Pose model restarted") stays before set-up guidance returns, ms. */
export const NOTICE_MS = 4000;

export interface LiveState {
  readonly mode: LiveMode;
  /** The hands-free flow of the current (or last) set. */
  readonly flow: SetFlow;
  /** The newest analysis of the current (or last) set, or null before its first pose. */
  readonly last: FrameAnalysis | null;
  /** The page is hidden: the pose loop is stopped. */
  readonly paused: boolean;
  /** A fresh pose worker is loading after a crash or hang. */
  readonly restarting: boolean;
  /** The camera image is too dark to see the person (last lighting measurement). */
  readonly dark: boolean;
  /**
   * A message that outranks set-up guidance until cleared: paused, restarting, the set's end, and
   * while idle the controller's latest message (loading, ready, camera errors).
   */
  readonly sticky: StatusLine | null;
  /** A passing message, shown until `untilMs` on the page clock (performance.now()), ms. */
  readonly notice: { readonly text: string; readonly untilMs: number } | null;
  /**
   * A message said during a session (settings not saved, a model fallback): it outranks everything
   * until the status is next re-picked, as a direct write to the status line would.
   */
  readonly flash: StatusLine | null;
  /** Why the last set ended when it was not the person's choice (camera lost, model failed), else null. */
  readonly endNote: string | null;
}

export type LiveEvent =
  /** The controller's own message: loading, ready, settings not saved, model errors. */
  | { readonly type: 'said'; readonly line: StatusLine }
  /** Start was pressed: the last set's message gives way to this one. */
  | { readonly type: 'camera-starting'; readonly text: string }
  /** The camera could not be opened (permission denied, none found). */
  | { readonly type: 'camera-denied'; readonly text: string }
  /** The camera is on (or a replay begins): a new set in set-up. */
  | { readonly type: 'session-began'; readonly mode: 'camera' | 'replay' }
  /** One analysed pose; `nowMs` on the page clock. */
  | { readonly type: 'pose'; readonly analysis: FrameAnalysis; readonly nowMs: number }
  /** The housekeeping tick; `nowMs` on the page clock. */
  | { readonly type: 'tick'; readonly nowMs: number }
  | { readonly type: 'lighting'; readonly dark: boolean }
  | { readonly type: 'hidden' }
  | { readonly type: 'shown'; readonly nowMs: number }
  /** The worker crashed or hung; `reason` in words. */
  | { readonly type: 'worker-restarting'; readonly reason: string }
  | { readonly type: 'worker-restarted'; readonly nowMs: number }
  | { readonly type: 'worker-restart-failed' }
  | { readonly type: 'camera-lost' }
  /** "Start set now" (button or Space during set-up). */
  | { readonly type: 'user-start-set'; readonly nowMs: number }
  /** "End set" (button or Space during the set). */
  | { readonly type: 'user-end-set' };

export const INITIAL_LIVE_STATE: LiveState = {
  mode: 'idle',
  flow: SET_FLOW_START,
  last: null,
  paused: false,
  restarting: false,
  dark: false,
  sticky: null,
  notice: null,
  flash: null,
  endNote: null,
};

/** Reps counted so far in the current (or last) set. */
export const repCountOf = (s: LiveState): number => s.last?.repCount ?? 0;

const reps = (s: LiveState): string => countOf(repCountOf(s), 'rep');

const setStarted = (s: LiveState, flow: SetFlow, nowMs: number): LiveState => ({
  ...s,
  flow,
  notice: {
    text: `Ready! Squat when you like. The set ends when you stand still for ${SET_END_STILL_MS / 1000} s or walk away (or press Space).`,
    untilMs: nowMs + NOTICE_MS,
  },
});

/** The set ends: `error` says why when it was not the person's choice, else the set's summary line. */
function setEnded(s: LiveState, reason: SetEndReason | null, error: string | null): LiveState {
  const why =
    reason === 'stood-still'
      ? 'You stood still, so the set ended. '
      : reason === 'walked-away'
        ? 'You walked away, so the set ended. '
        : '';
  return {
    ...s,
    mode: 'idle',
    flow: endSetFlow(s.flow),
    sticky:
      error !== null
        ? { text: error, kind: 'error' }
        : {
            text: `${why}Set done: ${reps(s)}. Press Start camera (or Space) for another set.`,
            kind: 'info',
          },
    endNote: error,
  };
}

function step(s: LiveState, e: LiveEvent): LiveState {
  switch (e.type) {
    case 'said':
      // While idle the newest message wins; in a session it only flashes until the next re-pick.
      return s.mode === 'idle' ? { ...s, sticky: e.line } : { ...s, flash: e.line };
    case 'camera-starting':
      return { ...s, sticky: { text: e.text, kind: 'info' } };
    case 'camera-denied':
      return { ...s, sticky: { text: e.text, kind: 'error' } };
    case 'session-began':
      return {
        ...s,
        mode: e.mode,
        flow: SET_FLOW_START,
        last: null,
        paused: false,
        sticky: null,
        notice: null,
        flash: null,
        endNote: null,
      };
    case 'pose': {
      if (s.mode === 'idle') return s;
      const withPose = { ...s, last: e.analysis };
      // A pause stops the hands-free timers: no pose taken while paused may start or end the set.
      if (s.paused || s.restarting) return withPose;
      const { flow, transition } = stepSetFlow(s.flow, e.analysis);
      if (transition === 'started') return setStarted(withPose, flow, e.nowMs);
      if (transition !== null) return setEnded({ ...withPose, flow }, transition, null);
      return { ...withPose, flow };
    }
    case 'tick':
      return s.notice !== null && e.nowMs >= s.notice.untilMs ? { ...s, notice: null } : s;
    case 'lighting':
      return s.dark === e.dark ? s : { ...s, dark: e.dark };
    case 'hidden':
      if (s.mode !== 'camera') return s;
      return {
        ...s,
        paused: true,
        sticky: {
          text: `Paused while this page is in the background. Your ${reps(s)} are kept; come back to carry on.`,
          kind: 'warn',
        },
      };
    case 'shown':
      if (s.mode !== 'camera' || !s.paused) return s;
      return {
        ...s,
        paused: false,
        sticky: null,
        flow: resumeSetFlow(s.flow),
        notice: { text: `Welcome back: resumed with ${reps(s)}.`, untilMs: e.nowMs + NOTICE_MS },
      };
    case 'worker-restarting':
      if (s.restarting || s.mode !== 'camera') return s;
      return {
        ...s,
        restarting: true,
        sticky: {
          text: `The pose model stopped (${e.reason}). Restarting it — your ${reps(s)} are kept.`,
          kind: 'warn',
        },
      };
    case 'worker-restarted':
      if (!s.restarting) return s;
      if (s.mode !== 'camera') return { ...s, restarting: false };
      // The timers start afresh from the restart's end: the seconds without poses were not the
      // person standing still or walking away.
      return {
        ...s,
        restarting: false,
        sticky: null,
        flow: resumeSetFlow(s.flow),
        notice: {
          text: `Pose model restarted — carry on (${reps(s)} so far).`,
          untilMs: e.nowMs + NOTICE_MS,
        },
      };
    case 'worker-restart-failed':
      if (!s.restarting) return s;
      if (s.mode !== 'camera') return { ...s, restarting: false };
      return setEnded(
        { ...s, restarting: false },
        null,
        `The pose model could not be restarted. Your set so far (${reps(s)}) is saved; reload the page to go on.`,
      );
    case 'camera-lost':
      if (s.mode !== 'camera') return s;
      return setEnded(
        s,
        null,
        `The camera stopped — it may have been unplugged or taken by another app. Your set so far (${reps(s)}) is saved. Reconnect it and press Start camera to go on.`,
      );
    case 'user-start-set':
      if (s.mode === 'idle' || s.flow.state !== 'setup') return s;
      return setStarted(s, forceStartSetFlow(s.flow, repCountOf(s)), e.nowMs);
    case 'user-end-set':
      return s.mode === 'idle' ? s : setEnded(s, null, null);
  }
}

/**
 * Whether the status line is re-picked after this event. Not on every pose: the line is read aloud
 * (aria-live), and one that changed with every frame would be noise; the housekeeping tick and every
 * change of session, set or pause re-pick it.
 */
export const refreshesStatus = (e: LiveEvent, before: LiveState, after: LiveState): boolean =>
  e.type === 'pose'
    ? before.flow.state !== after.flow.state || before.mode !== after.mode
    : e.type !== 'lighting';

export function reduceLive(state: LiveState, event: LiveEvent): LiveState {
  const next = step(state, event);
  if (next.flash !== null && event.type !== 'said' && refreshesStatus(event, state, next)) {
    return { ...next, flash: null };
  }
  return next;
}

/**
 * The one message that matters most right now, or null to leave the line as it is (idle with
 * nothing said yet). In order: a flash, a sticky message, nothing else while idle, too dark, left
 * the frame mid-set, set-up guidance, a passing notice, looking for the person, calibrating, and the
 * set in progress.
 */
export function statusOf(s: LiveState): StatusLine | null {
  if (s.flash !== null) return s.flash;
  if (s.sticky !== null) return s.sticky;
  if (s.mode === 'idle') return null;
  const warn = (text: string): StatusLine => ({ text, kind: 'warn' });
  const info = (text: string): StatusLine => ({ text, kind: 'info' });
  if (s.dark) return warn('It is too dark to see you well. Turn on a light or face a window.');
  const a = s.last;
  if (s.flow.state === 'active' && a?.guidance === 'no-person') {
    return warn(`You left the frame. Step back into view to go on; your ${reps(s)} are kept.`);
  }
  const guide = a === null ? null : guidanceMessage(a, secondPersonSuspected(s.flow));
  if (guide !== null) return warn(guide);
  if (s.notice !== null) return info(s.notice.text);
  if (a === null) return info('Looking for you… stand 2–3 m from the camera, whole body in view.');
  if (s.flow.state === 'setup') return info('Good. Now stand tall and still for a second to calibrate…');
  return info(
    `Set in progress: ${reps(s)}. Stand still for ${SET_END_STILL_MS / 1000} s or walk away to finish.`,
  );
}
