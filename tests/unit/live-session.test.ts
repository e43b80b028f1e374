/**
 * The live session reducer (src/features/live/live-session.ts), in Node with hand-built analyses:
 *
 * - every transition of `reduceLive`: messages while idle, a session beginning, the hands-free set
 *   starting and ending, Space/button, the page hidden and shown, the lighting, the camera lost, the
 *   pose worker restarting, restarted or failing;
 * - a worker restart, however long, never ends a set, and the hands-free timers start afresh at its
 *   end (the restart-mid-set fix), next to a control run showing the old rule would have ended it;
 * - `statusOf`: each rung of the status priority, and `refreshesStatus` (when the line is re-picked).
 */
import { describe, expect, it } from 'vitest';
import {
  INITIAL_LIVE_STATE,
  NOTICE_MS,
  reduceLive,
  refreshesStatus,
  statusOf,
  type LiveEvent,
  type LiveState,
  type StatusLine,
} from '../../src/features/live/live-session';
import {
  SET_END_AWAY_MS,
  SET_END_STILL_MS,
  SET_FLOW_START,
  guidanceMessage,
} from '../../src/features/live/live-set';
import type { FrameAnalysis } from '../../src/core/types';
import { analysis, away, FRAME_MS, standing, uncalibrated } from './live-analyses';

/** Housekeeping tick of the hand-built sequences, ms (the controller's LIVE_TICK_MS). */
const TICK_MS = 500;
/** A worker restart far longer than any hands-free timer, ms. */
const RESTART_MS = 30_000;

/**
 * Page clock of an analysis time in these sequences, ms: the camera's first capture at page time
 * 10 s, so the two clocks differ, as they do in the app.
 */
const pageMs = (tMs: number): number => 10_000 + tMs;
const pose = (a: FrameAnalysis): LiveEvent => ({ type: 'pose', analysis: a, nowMs: pageMs(a.tMs) });

const run = (s: LiveState, events: readonly LiveEvent[]): LiveState => events.reduce(reduceLive, s);

/** Feeds `make(t)` for t = fromMs, fromMs + FRAME_MS, … < toMs; returns the state and when it went idle. */
function poses(
  s: LiveState,
  fromMs: number,
  toMs: number,
  make: (tMs: number) => FrameAnalysis,
): { state: LiveState; endedAtMs: number | null } {
  let state = s;
  for (let t = fromMs; t < toMs; t += FRAME_MS) {
    state = reduceLive(state, pose(make(t)));
    if (state.mode === 'idle') return { state, endedAtMs: t };
  }
  return { state, endedAtMs: null };
}

/** Ticks at TICK_MS (page clock) from fromMs to toMs, analysis time, with no pose. */
function ticks(s: LiveState, fromMs: number, toMs: number): LiveState {
  let state = s;
  for (let t = fromMs; t < toMs; t += TICK_MS) state = reduceLive(state, { type: 'tick', nowMs: pageMs(t) });
  return state;
}

const began = (mode: 'camera' | 'replay' = 'camera'): LiveState =>
  reduceLive(INITIAL_LIVE_STATE, { type: 'session-began', mode });

/** A camera session whose set started at 0 and counted its first rep at `repMs`, standing. */
function activeWithRep(repMs: number): LiveState {
  const s = run(began(), [pose(standing(0, 0)), pose(standing(repMs, 1))]);
  expect(s.flow.state).toBe('active');
  expect(s.mode).toBe('camera');
  return s;
}

const line = (text: string, kind: StatusLine['kind'] = 'info'): StatusLine => ({ text, kind });

describe('reduceLive: idle', () => {
  it('starts idle with nothing to say; the newest message wins while idle', () => {
    expect(INITIAL_LIVE_STATE.mode).toBe('idle');
    expect(statusOf(INITIAL_LIVE_STATE)).toBeNull();
    const loading = reduceLive(INITIAL_LIVE_STATE, { type: 'said', line: line('Loading…') });
    expect(statusOf(loading)).toEqual(line('Loading…'));
    const ready = reduceLive(loading, { type: 'said', line: line('Ready.') });
    expect(statusOf(ready)).toEqual(line('Ready.'));
  });

  it('Start pressed, then the camera denied: an info line, then an error line', () => {
    const starting = reduceLive(INITIAL_LIVE_STATE, {
      type: 'camera-starting',
      text: 'Starting the camera…',
    });
    expect(statusOf(starting)).toEqual(line('Starting the camera…'));
    const denied = reduceLive(starting, { type: 'camera-denied', text: 'Camera access was blocked.' });
    expect(statusOf(denied)).toEqual(line('Camera access was blocked.', 'error'));
    expect(denied.mode).toBe('idle');
  });

  it('ignores poses, Space/button set events, pauses, restarts and a lost camera', () => {
    const s = INITIAL_LIVE_STATE;
    const events: LiveEvent[] = [
      pose(standing(0, 1)),
      { type: 'user-start-set', nowMs: 0 },
      { type: 'user-end-set' },
      { type: 'hidden' },
      { type: 'shown', nowMs: 0 },
      { type: 'worker-restarting', reason: 'crashed' },
      { type: 'camera-lost' },
    ];
    for (const e of events) expect(reduceLive(s, e)).toBe(s);
  });
});

describe('reduceLive: a session', () => {
  it('session-began: set-up of a fresh set, looking for the person; the lighting is kept', () => {
    const before: LiveState = {
      ...activeWithRep(1000),
      dark: true,
      sticky: line('old', 'warn'),
      notice: { text: 'old notice', untilMs: 1 },
      paused: true,
    };
    const s = reduceLive({ ...before, mode: 'idle' }, { type: 'session-began', mode: 'replay' });
    expect(s).toMatchObject({ mode: 'replay', flow: SET_FLOW_START, last: null, paused: false });
    expect(s).toMatchObject({ sticky: null, notice: null, flash: null, endNote: null, dark: true });
    expect(statusOf({ ...s, dark: false })).toEqual(
      line('Looking for you… stand 2–3 m from the camera, whole body in view.'),
    );
  });

  it('set-up until a calibrated person, then the set starts with a notice for NOTICE_MS', () => {
    const setup = run(began(), [pose(uncalibrated(0))]);
    expect(setup.flow.state).toBe('setup');
    expect(statusOf(setup)).toEqual(line('Good. Now stand tall and still for a second to calibrate…'));
    const started = reduceLive(setup, pose(standing(FRAME_MS, 0)));
    expect(started.flow.state).toBe('active');
    expect(started.notice?.untilMs).toBe(pageMs(FRAME_MS) + NOTICE_MS);
    expect(statusOf(started)?.text).toMatch(/^Ready! Squat when you like\./);
    const justBefore = reduceLive(started, { type: 'tick', nowMs: pageMs(FRAME_MS) + NOTICE_MS - 1 });
    expect(justBefore.notice).not.toBeNull();
    const expired = reduceLive(justBefore, { type: 'tick', nowMs: pageMs(FRAME_MS) + NOTICE_MS });
    expect(expired.notice).toBeNull();
    expect(statusOf(expired)).toEqual(
      line(`Set in progress: 0 reps. Stand still for ${SET_END_STILL_MS / 1000} s or walk away to finish.`),
    );
  });

  it('a tick with no notice to expire changes nothing', () => {
    const s = began();
    expect(reduceLive(s, { type: 'tick', nowMs: 123 })).toBe(s);
  });

  it('"Start set now" starts a set in set-up, and only there', () => {
    const setup = run(began(), [pose(uncalibrated(0))]);
    const started = reduceLive(setup, { type: 'user-start-set', nowMs: 5000 });
    expect(started.flow.state).toBe('active');
    expect(started.notice?.untilMs).toBe(5000 + NOTICE_MS);
    expect(reduceLive(started, { type: 'user-start-set', nowMs: 6000 })).toBe(started);
  });

  it('"End set" ends it with the count; no end note (the person chose)', () => {
    const s = reduceLive(activeWithRep(1000), { type: 'user-end-set' });
    expect(s).toMatchObject({ mode: 'idle', endNote: null });
    expect(s.flow.state).toBe('ended');
    expect(statusOf(s)).toEqual(line('Set done: 1 rep. Press Start camera (or Space) for another set.'));
  });

  it("hands-free: standing still ends it 'stood-still', SET_END_STILL_MS after standing began", () => {
    const { state, endedAtMs } = poses(activeWithRep(1000), 1000 + FRAME_MS, 20_000, (t) => standing(t, 1));
    expect(endedAtMs).toBe(1000 + SET_END_STILL_MS);
    expect(statusOf(state)?.text).toBe(
      'You stood still, so the set ended. Set done: 1 rep. Press Start camera (or Space) for another set.',
    );
  });

  it("hands-free: nobody in view ends it 'walked-away', SET_END_AWAY_MS after they left", () => {
    const { state, endedAtMs } = poses(activeWithRep(1000), 2000, 20_000, (t) => away(t, 1));
    expect(endedAtMs).toBe(2000 + SET_END_AWAY_MS);
    expect(statusOf(state)?.text).toMatch(/^You walked away, so the set ended\. Set done: 1 rep\./);
  });

  it('lighting sets and clears the dark flag; the same reading changes nothing', () => {
    const s = began();
    const dark = reduceLive(s, { type: 'lighting', dark: true });
    expect(dark.dark).toBe(true);
    expect(reduceLive(dark, { type: 'lighting', dark: true })).toBe(dark);
    expect(reduceLive(dark, { type: 'lighting', dark: false }).dark).toBe(false);
  });

  it('the camera lost ends a camera set with an error and an end note; a replay ignores it', () => {
    const s = reduceLive(activeWithRep(1000), { type: 'camera-lost' });
    expect(s.mode).toBe('idle');
    expect(statusOf(s)?.kind).toBe('error');
    expect(statusOf(s)?.text).toMatch(/^The camera stopped .* Your set so far \(1 rep\) is saved\./);
    expect(s.endNote).toBe(statusOf(s)?.text);
    const replay = began('replay');
    expect(reduceLive(replay, { type: 'camera-lost' })).toBe(replay);
  });
});

describe('reduceLive: the page hidden and shown', () => {
  it('hidden pauses a camera set with a message; a replay is not paused', () => {
    const s = reduceLive(activeWithRep(1000), { type: 'hidden' });
    expect(s.paused).toBe(true);
    expect(statusOf(s)).toEqual(
      line(
        'Paused while this page is in the background. Your 1 rep are kept; come back to carry on.',
        'warn',
      ),
    );
    const replay = began('replay');
    expect(reduceLive(replay, { type: 'hidden' })).toBe(replay);
  });

  it('shown resumes with a notice; shown when not paused changes nothing', () => {
    const hidden = reduceLive(activeWithRep(1000), { type: 'hidden' });
    const shown = reduceLive(hidden, { type: 'shown', nowMs: 70_000 });
    expect(shown).toMatchObject({ paused: false, sticky: null });
    expect(shown.notice).toEqual({ text: 'Welcome back: resumed with 1 rep.', untilMs: 70_000 + NOTICE_MS });
    expect(reduceLive(shown, { type: 'shown', nowMs: 71_000 })).toBe(shown);
  });

  it('time hidden does not count: the still timer starts again from the first pose after', () => {
    const standingBefore = poses(activeWithRep(0), FRAME_MS, SET_END_STILL_MS / 2, (t) => standing(t, 1));
    const hidden = reduceLive(standingBefore.state, { type: 'hidden' });
    // Poses that slip in while hidden reach neither the timers nor an end.
    const during = poses(hidden, SET_END_STILL_MS, 10 * SET_END_STILL_MS, (t) => standing(t, 1));
    expect(during.endedAtMs).toBeNull();
    const backMs = 60_000;
    const shown = reduceLive(during.state, { type: 'shown', nowMs: pageMs(backMs) });
    const after = poses(shown, backMs, backMs + 2 * SET_END_STILL_MS, (t) => standing(t, 1));
    expect(after.endedAtMs).toBe(backMs + SET_END_STILL_MS);
  });
});

describe('reduceLive: the pose worker restarting', () => {
  it('restarting: a warning with the reason and the reps; a second report while restarting is ignored', () => {
    const s = reduceLive(activeWithRep(1000), { type: 'worker-restarting', reason: 'no answer for 6 s' });
    expect(s.restarting).toBe(true);
    expect(statusOf(s)).toEqual(
      line('The pose model stopped (no answer for 6 s). Restarting it — your 1 rep are kept.', 'warn'),
    );
    expect(reduceLive(s, { type: 'worker-restarting', reason: 'again' })).toBe(s);
    const replay = began('replay');
    expect(reduceLive(replay, { type: 'worker-restarting', reason: 'x' })).toBe(replay);
  });

  it('restarted: the warning gives way to a notice for NOTICE_MS', () => {
    const restarting = reduceLive(activeWithRep(1000), { type: 'worker-restarting', reason: 'crashed' });
    const s = reduceLive(restarting, { type: 'worker-restarted', nowMs: 40_000 });
    expect(s).toMatchObject({ restarting: false, sticky: null, mode: 'camera' });
    expect(s.notice).toEqual({
      text: 'Pose model restarted — carry on (1 rep so far).',
      untilMs: 40_000 + NOTICE_MS,
    });
    expect(s.flow.state).toBe('active');
    expect(reduceLive(s, { type: 'worker-restarted', nowMs: 41_000 })).toBe(s);
  });

  it('restart failed: the set ends with an error and an end note', () => {
    const restarting = reduceLive(activeWithRep(1000), { type: 'worker-restarting', reason: 'crashed' });
    const s = reduceLive(restarting, { type: 'worker-restart-failed' });
    expect(s).toMatchObject({ mode: 'idle', restarting: false });
    expect(statusOf(s)).toEqual(
      line(
        'The pose model could not be restarted. Your set so far (1 rep) is saved; reload the page to go on.',
        'error',
      ),
    );
    expect(s.endNote).toBe(statusOf(s)?.text);
  });

  it('a restart that finishes after the set ended only clears the flag', () => {
    const restarting = reduceLive(activeWithRep(1000), { type: 'worker-restarting', reason: 'crashed' });
    const ended = reduceLive(restarting, { type: 'user-end-set' });
    for (const e of [{ type: 'worker-restarted', nowMs: 1 }, { type: 'worker-restart-failed' }] as const) {
      const s = reduceLive(ended, e);
      expect(s).toEqual({ ...ended, restarting: false });
    }
  });

  describe.each([
    {
      rule: 'stood-still',
      timerMs: SET_END_STILL_MS,
      make: (t: number): FrameAnalysis => standing(t, 1),
    },
    { rule: 'walked-away', timerMs: SET_END_AWAY_MS, make: (t: number): FrameAnalysis => away(t, 1) },
  ])('a restart never ends a set ($rule)', ({ timerMs, make }) => {
    /** The worker dies halfway through the timer; the restart then takes RESTART_MS. */
    const crashMs = 1000 + timerMs / 2;
    const backMs = crashMs + RESTART_MS;
    const beforeCrash = (): LiveState => poses(activeWithRep(1000), 1000 + FRAME_MS, crashMs, make).state;

    it('control: without the restart transition the first pose after the gap ends the set', () => {
      const s = reduceLive(beforeCrash(), pose(make(backMs)));
      expect(s.mode).toBe('idle');
    });

    it(`${RESTART_MS / 1000} s of ticks with no pose while restarting: the set stays active`, () => {
      const restarting = reduceLive(beforeCrash(), { type: 'worker-restarting', reason: 'crashed' });
      const s = ticks(restarting, crashMs, backMs);
      expect(s).toMatchObject({ mode: 'camera', restarting: true });
      expect(s.flow.state).toBe('active');
    });

    it('after the restart the timer runs from the restart’s end: it ends the set a full timer later', () => {
      const restarting = reduceLive(beforeCrash(), { type: 'worker-restarting', reason: 'crashed' });
      const restarted = reduceLive(ticks(restarting, crashMs, backMs), {
        type: 'worker-restarted',
        nowMs: pageMs(backMs),
      });
      const after = poses(restarted, backMs, backMs + 3 * timerMs, make);
      expect(after.endedAtMs).toBe(backMs + timerMs);
    });
  });
});

describe('reduceLive: a message said during a session', () => {
  it('flashes over everything until the status is next re-picked', () => {
    const paused = reduceLive(activeWithRep(1000), { type: 'hidden' });
    const said = reduceLive(paused, { type: 'said', line: line('Settings could not be saved.', 'warn') });
    expect(statusOf(said)).toEqual(line('Settings could not be saved.', 'warn'));
    expect(said.sticky).toEqual(paused.sticky);
    expect(reduceLive(said, { type: 'lighting', dark: true }).flash).not.toBeNull();
    const ticked = reduceLive(said, { type: 'tick', nowMs: 1 });
    expect(ticked.flash).toBeNull();
    expect(statusOf(ticked)).toEqual(statusOf(paused));
  });

  it('a pose keeps it unless the set starts or ends on it', () => {
    const said = reduceLive(activeWithRep(1000), { type: 'said', line: line('Note.') });
    expect(reduceLive(said, pose(standing(1100, 1))).flash).not.toBeNull();
    const setup = reduceLive(run(began(), [pose(uncalibrated(0))]), { type: 'said', line: line('Note.') });
    expect(reduceLive(setup, pose(standing(FRAME_MS, 0))).flash).toBeNull();
  });
});

describe('refreshesStatus', () => {
  it('re-picks on every event but a lighting reading and a pose that changes no set state', () => {
    const setup = run(began(), [pose(uncalibrated(0))]);
    const quiet = pose(uncalibrated(FRAME_MS));
    expect(refreshesStatus(quiet, setup, reduceLive(setup, quiet))).toBe(false);
    const starting = pose(standing(FRAME_MS, 0));
    expect(refreshesStatus(starting, setup, reduceLive(setup, starting))).toBe(true);
    const lighting: LiveEvent = { type: 'lighting', dark: true };
    expect(refreshesStatus(lighting, setup, reduceLive(setup, lighting))).toBe(false);
    for (const e of [{ type: 'tick', nowMs: 0 }, { type: 'hidden' }, { type: 'user-end-set' }] as const) {
      expect(refreshesStatus(e, setup, reduceLive(setup, e))).toBe(true);
    }
  });
});

describe('statusOf: the priority of messages', () => {
  /** An active set with one rep, everything that can speak switched on; each test takes rungs away. */
  const noisy: LiveState = {
    ...activeWithRep(1000),
    last: away(2000, 1),
    dark: true,
    flash: line('flash', 'warn'),
    sticky: line('sticky', 'warn'),
    notice: { text: 'notice', untilMs: Infinity },
  };
  const without = (patch: Partial<LiveState>): StatusLine | null => statusOf({ ...noisy, ...patch });

  it('a flash outranks a sticky message, which outranks the rest', () => {
    expect(statusOf(noisy)).toEqual(line('flash', 'warn'));
    expect(without({ flash: null })).toEqual(line('sticky', 'warn'));
  });

  it('while idle, nothing but a sticky message (else null: the line stays as it is)', () => {
    expect(without({ flash: null, mode: 'idle' })).toEqual(line('sticky', 'warn'));
    expect(without({ flash: null, sticky: null, mode: 'idle' })).toBeNull();
  });

  const live: Partial<LiveState> = { flash: null, sticky: null };

  it('then too dark', () => {
    expect(without(live)?.text).toBe('It is too dark to see you well. Turn on a light or face a window.');
  });

  it('then, mid-set, "you left the frame" (in set-up, the step-into-view guidance instead)', () => {
    expect(without({ ...live, dark: false })).toEqual(
      line('You left the frame. Step back into view to go on; your 1 rep are kept.', 'warn'),
    );
    const a = away(2000, 0);
    expect(without({ ...live, dark: false, flow: SET_FLOW_START, last: a })).toEqual(
      line(guidanceMessage(a, false) ?? '', 'warn'),
    );
  });

  it('then set-up guidance, including the second-person hint', () => {
    const a = analysis({ tMs: 2000, repCount: 1, guidance: 'step-back' });
    expect(without({ ...live, dark: false, last: a })).toEqual(line(guidanceMessage(a, false) ?? '', 'warn'));
    const flow = { ...noisy.flow, jumpTimesMs: [1500, 1900] };
    expect(without({ ...live, dark: false, last: standing(2000, 1), flow })).toEqual(
      line(guidanceMessage(standing(2000, 1), true) ?? '', 'warn'),
    );
  });

  it('then a notice, then looking for the person, calibrating, and the set in progress', () => {
    const calm: Partial<LiveState> = { ...live, dark: false, last: standing(2000, 1) };
    expect(without(calm)).toEqual(line('notice'));
    expect(without({ ...calm, notice: null, last: null })?.text).toMatch(/^Looking for you…/);
    expect(without({ ...calm, notice: null, flow: SET_FLOW_START })?.text).toMatch(/^Good\. Now stand tall/);
    expect(without({ ...calm, notice: null })).toEqual(
      line(`Set in progress: 1 rep. Stand still for ${SET_END_STILL_MS / 1000} s or walk away to finish.`),
    );
  });
});
