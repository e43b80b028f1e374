/**
 * The hands-free set flow (src/features/live/live-set.ts) on hand-built FrameAnalysis objects: no
 * automatic end before the first rep, `resume()` and `forceStart()` resetting the timers, the
 * second-person hint from identity jumps, the set-up messages and the one-line view description.
 * The same flow on real recorded tracks is in live-set-tracks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  HandsFreeSet,
  SET_END_AWAY_MS,
  SECOND_PERSON_MIN_JUMPS,
  SECOND_PERSON_WINDOW_MS,
  SET_END_STILL_MS,
  describeView,
  guidanceMessage,
} from '../../src/features/live/live-set';
import type { FrameAnalysis, Guidance, View } from '../../src/core/types';
import { analysis as frame, away, FRAME_MS, standing } from './live-analyses';
import { VIEW_HINTS } from '../../src/core/metrics/view';

/** How far past the track's end the extensions run at most, as multiples of the timer being tested. */
const EXTENSION_FACTOR = 3;

type Transition = ReturnType<HandsFreeSet['push']>;

// ---------------------------------------------------------------------------------------------------
// Hand-built frames
// ---------------------------------------------------------------------------------------------------

/** How the analysis reports a held identity jump: low confidence and no keypoints. */
const identityJump = (tMs: number): FrameAnalysis =>
  frame({ tMs, keypoints: null, guidance: 'low-confidence', phase: 'unknown' });

/** Pushes `make(t)` for t = fromMs, fromMs + FRAME_MS, … < toMs; returns the non-null transitions. */
const pushRange = (
  s: HandsFreeSet,
  fromMs: number,
  toMs: number,
  make: (tMs: number) => FrameAnalysis,
): { tMs: number; transition: Transition }[] => {
  const out: { tMs: number; transition: Transition }[] = [];
  for (let t = fromMs; t < toMs; t += FRAME_MS) {
    const transition = s.push(make(t));
    if (transition !== null) out.push({ tMs: t, transition });
  }
  return out;
};

/** A set that has started and just completed its first rep at `tMs`, standing. */
const activeWithRep = (tMs: number): HandsFreeSet => {
  const s = new HandsFreeSet();
  expect(s.push(standing(tMs - FRAME_MS, 0))).toBe('started');
  expect(s.push(standing(tMs, 1))).toBeNull();
  return s;
};

describe('HandsFreeSet: starting', () => {
  it('stays in set-up while uncalibrated or with nobody in view, then starts on a calibrated person', () => {
    const s = new HandsFreeSet();
    expect(s.state).toBe('setup');
    expect(s.push(frame({ tMs: 0, calibrated: false, calibration: null }))).toBeNull();
    expect(s.push(frame({ tMs: 100, keypoints: null, guidance: 'no-person' }))).toBeNull();
    expect(s.state).toBe('setup');
    expect(s.push(frame({ tMs: 200 }))).toBe('started');
    expect(s.state).toBe('active');
    expect(s.push(frame({ tMs: 300 }))).toBeNull();
  });

  it('a completed rep starts the set even before calibration', () => {
    const s = new HandsFreeSet();
    expect(s.push(frame({ tMs: 0, calibrated: false, calibration: null, repCount: 1 }))).toBe('started');
    expect(s.state).toBe('active');
  });
});

describe('HandsFreeSet: no automatic end before the first rep', () => {
  it('standing for a long time with no rep keeps the set active', () => {
    const s = new HandsFreeSet();
    expect(s.push(standing(0, 0))).toBe('started');
    expect(pushRange(s, FRAME_MS, EXTENSION_FACTOR * SET_END_STILL_MS, (t) => standing(t, 0))).toEqual([]);
    expect(s.state).toBe('active');
  });

  it('nobody in view for a long time with no rep keeps the set active', () => {
    const s = new HandsFreeSet();
    expect(s.push(standing(0, 0))).toBe('started');
    expect(pushRange(s, FRAME_MS, EXTENSION_FACTOR * SET_END_AWAY_MS, (t) => away(t, 0))).toEqual([]);
    expect(s.state).toBe('active');
  });

  it('standing before the first rep does not count: the still timer starts at the rep', () => {
    const s = new HandsFreeSet();
    expect(s.push(standing(0, 0))).toBe('started');
    const repMs = 2 * SET_END_STILL_MS;
    expect(pushRange(s, FRAME_MS, repMs, (t) => standing(t, 0))).toEqual([]);
    const ends = pushRange(s, repMs, repMs + 2 * SET_END_STILL_MS, (t) => standing(t, 1));
    expect(ends).toEqual([{ tMs: repMs + SET_END_STILL_MS, transition: 'stood-still' }]);
  });

  it('in set-up nothing ends, however long', () => {
    const s = new HandsFreeSet();
    const uncalibrated = (t: number): FrameAnalysis =>
      frame({ tMs: t, calibrated: false, calibration: null });
    expect(pushRange(s, 0, EXTENSION_FACTOR * SET_END_STILL_MS, uncalibrated)).toEqual([]);
    expect(s.state).toBe('setup');
  });
});

describe('HandsFreeSet: ending after a rep', () => {
  it("standing still ends it 'stood-still' exactly SET_END_STILL_MS after standing began", () => {
    const s = activeWithRep(1000);
    const ends = pushRange(s, 1000 + FRAME_MS, 1000 + 2 * SET_END_STILL_MS, (t) => standing(t, 1));
    expect(ends).toEqual([{ tMs: 1000 + SET_END_STILL_MS, transition: 'stood-still' }]);
    expect(s.state).toBe('ended');
  });

  it("nobody in view ends it 'walked-away' SET_END_AWAY_MS after they left", () => {
    const s = activeWithRep(1000);
    const leftMs = 2000;
    expect(pushRange(s, 1000 + FRAME_MS, leftMs, (t) => standing(t, 1))).toEqual([]);
    const ends = pushRange(s, leftMs, leftMs + 2 * SET_END_AWAY_MS, (t) => away(t, 1));
    expect(ends).toEqual([{ tMs: leftMs + SET_END_AWAY_MS, transition: 'walked-away' }]);
  });

  it('a new rep restarts the still timer', () => {
    const s = activeWithRep(0);
    const secondRepMs = SET_END_STILL_MS - FRAME_MS;
    expect(pushRange(s, FRAME_MS, secondRepMs, (t) => standing(t, 1))).toEqual([]);
    const ends = pushRange(s, secondRepMs, secondRepMs + 2 * SET_END_STILL_MS, (t) => standing(t, 2));
    expect(ends).toEqual([{ tMs: secondRepMs + SET_END_STILL_MS, transition: 'stood-still' }]);
  });
});

describe('HandsFreeSet.resume: time with the tab hidden does not count', () => {
  const HIDDEN_MS = 60_000;

  it('standing: without resume the next frame ends the set; after resume the timer restarts', () => {
    const control = activeWithRep(0);
    expect(pushRange(control, FRAME_MS, SET_END_STILL_MS / 2, (t) => standing(t, 1))).toEqual([]);
    expect(control.push(standing(HIDDEN_MS, 1))).toBe('stood-still');

    const s = activeWithRep(0);
    expect(pushRange(s, FRAME_MS, SET_END_STILL_MS / 2, (t) => standing(t, 1))).toEqual([]);
    s.resume();
    const ends = pushRange(s, HIDDEN_MS, HIDDEN_MS + 2 * SET_END_STILL_MS, (t) => standing(t, 1));
    expect(ends).toEqual([{ tMs: HIDDEN_MS + SET_END_STILL_MS, transition: 'stood-still' }]);
  });

  it('away: without resume the next frame ends the set; after resume the timer restarts', () => {
    const control = activeWithRep(0);
    expect(pushRange(control, FRAME_MS, SET_END_AWAY_MS / 2, (t) => away(t, 1))).toEqual([]);
    expect(control.push(away(HIDDEN_MS, 1))).toBe('walked-away');

    const s = activeWithRep(0);
    expect(pushRange(s, FRAME_MS, SET_END_AWAY_MS / 2, (t) => away(t, 1))).toEqual([]);
    s.resume();
    const ends = pushRange(s, HIDDEN_MS, HIDDEN_MS + 2 * SET_END_AWAY_MS, (t) => away(t, 1));
    expect(ends).toEqual([{ tMs: HIDDEN_MS + SET_END_AWAY_MS, transition: 'walked-away' }]);
  });

  it('also clears the identity jumps', () => {
    const s = new HandsFreeSet();
    s.push(identityJump(0));
    s.push(identityJump(FRAME_MS));
    expect(s.secondPersonSuspected).toBe(true);
    s.resume();
    expect(s.secondPersonSuspected).toBe(false);
  });
});

describe('HandsFreeSet.forceStart', () => {
  it('makes a set-up set active without a calibrated frame; push does not start it again', () => {
    const s = new HandsFreeSet();
    s.forceStart(0);
    expect(s.state).toBe('active');
    expect(s.push(frame({ tMs: 0, calibrated: false, calibration: null }))).toBeNull();
    expect(s.push(standing(FRAME_MS, 0))).toBeNull();
    expect(s.state).toBe('active');
  });

  it('with reps already counted, standing still after it ends the set SET_END_STILL_MS later', () => {
    const REPS = 3;
    const s = new HandsFreeSet();
    s.forceStart(REPS);
    const ends = pushRange(s, 0, 2 * SET_END_STILL_MS, (t) => standing(t, REPS));
    expect(ends).toEqual([{ tMs: SET_END_STILL_MS, transition: 'stood-still' }]);
  });

  it('with no reps counted, standing still never ends the set', () => {
    const s = new HandsFreeSet();
    s.forceStart(0);
    expect(pushRange(s, 0, EXTENSION_FACTOR * SET_END_STILL_MS, (t) => standing(t, 0))).toEqual([]);
    expect(s.state).toBe('active');
  });

  it('restarts the still timer of an active set, and reopens an ended one', () => {
    const s = activeWithRep(0);
    const forcedMs = SET_END_STILL_MS - FRAME_MS;
    expect(pushRange(s, FRAME_MS, forcedMs, (t) => standing(t, 1))).toEqual([]);
    s.forceStart(1);
    const ends = pushRange(s, forcedMs, forcedMs + 2 * SET_END_STILL_MS, (t) => standing(t, 1));
    expect(ends).toEqual([{ tMs: forcedMs + SET_END_STILL_MS, transition: 'stood-still' }]);
    expect(s.state).toBe('ended');

    s.forceStart(1);
    expect(s.state).toBe('active');
    s.end();
    expect(s.state).toBe('ended');
    expect(s.push(standing(10 * SET_END_STILL_MS, 1))).toBeNull();
  });
});

describe('HandsFreeSet.secondPersonSuspected', () => {
  const JUMP_GAP_MS = 500;

  it(`after ${SECOND_PERSON_MIN_JUMPS} identity jumps within the window, until they are older than it`, () => {
    const s = new HandsFreeSet();
    expect(s.secondPersonSuspected).toBe(false);
    for (let i = 0; i < SECOND_PERSON_MIN_JUMPS - 1; i++) {
      s.push(identityJump(i * JUMP_GAP_MS));
      expect(s.secondPersonSuspected).toBe(false);
    }
    const lastJumpMs = (SECOND_PERSON_MIN_JUMPS - 1) * JUMP_GAP_MS;
    s.push(identityJump(lastJumpMs));
    expect(s.secondPersonSuspected).toBe(true);

    // Still within the window of every jump: ordinary frames keep the hint.
    s.push(standing(SECOND_PERSON_WINDOW_MS - FRAME_MS, 0));
    expect(s.secondPersonSuspected).toBe(true);
    // Every jump older than the window: the hint clears.
    s.push(standing(lastJumpMs + SECOND_PERSON_WINDOW_MS + FRAME_MS, 0));
    expect(s.secondPersonSuspected).toBe(false);
  });

  it('clears as soon as the first jump ages out and too few remain', () => {
    const s = new HandsFreeSet();
    s.push(identityJump(0));
    s.push(identityJump(JUMP_GAP_MS));
    expect(s.secondPersonSuspected).toBe(true);
    s.push(standing(SECOND_PERSON_WINDOW_MS + FRAME_MS, 0));
    expect(s.secondPersonSuspected).toBe(false);
  });

  it('jumps further apart than the window never raise it', () => {
    const s = new HandsFreeSet();
    s.push(identityJump(0));
    s.push(identityJump(SECOND_PERSON_WINDOW_MS + FRAME_MS));
    expect(s.secondPersonSuspected).toBe(false);
  });

  it('ordinary low-confidence frames (with keypoints) and empty frames do not count', () => {
    const s = new HandsFreeSet();
    for (let t = 0; t < SECOND_PERSON_WINDOW_MS; t += FRAME_MS) {
      s.push(frame({ tMs: t, guidance: 'low-confidence' }));
      s.push(away(t + FRAME_MS / 2, 0));
    }
    expect(s.secondPersonSuspected).toBe(false);
  });

  it('counts jumps in an active set too', () => {
    const s = activeWithRep(0);
    s.push(identityJump(FRAME_MS));
    s.push(identityJump(2 * FRAME_MS));
    expect(s.secondPersonSuspected).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------

describe('guidanceMessage', () => {
  const GUIDANCE: readonly Exclude<Guidance, null>[] = [
    'no-person',
    'step-back',
    'low-confidence',
    'turn',
    'move-closer',
  ];

  it('is null when the person is well placed and nobody else is suspected', () => {
    expect(guidanceMessage(frame(), false)).toBeNull();
  });

  it('gives a distinct message for each guidance value', () => {
    const messages = GUIDANCE.map((g) => guidanceMessage(frame({ guidance: g }), false));
    for (const m of messages) {
      expect(typeof m).toBe('string');
      expect(m?.length ?? 0).toBeGreaterThan(0);
    }
    expect(new Set(messages).size).toBe(GUIDANCE.length);
    expect(guidanceMessage(frame({ guidance: 'no-person', keypoints: null }), false)).toMatch(
      /step into view/i,
    );
    expect(guidanceMessage(frame({ guidance: 'step-back' }), false)).toMatch(/step back/i);
    expect(guidanceMessage(frame({ guidance: 'low-confidence' }), false)).toMatch(/light/i);
    expect(guidanceMessage(frame({ guidance: 'turn' }), false)).toContain(VIEW_HINTS.side);
    expect(guidanceMessage(frame({ guidance: 'move-closer' }), false)).toMatch(/closer/i);
  });

  it('gives the second-person message whenever one is suspected, whatever the guidance', () => {
    const second = guidanceMessage(frame(), true);
    expect(second).toMatch(/more than one person/i);
    for (const g of GUIDANCE) {
      expect(guidanceMessage(frame({ guidance: g }), true)).toBe(second);
      expect(guidanceMessage(frame({ guidance: g }), false)).not.toBe(second);
    }
  });
});

describe('describeView', () => {
  it('side: names the side view, checks depth, hints at facing the camera for knees and hips', () => {
    const d = describeView('side');
    expect(d).toMatch(/^Side view/);
    expect(d).toContain('depth');
    expect(d).toContain(VIEW_HINTS.front);
    expect(d).not.toContain('knees caving in');
    expect(d).not.toContain(VIEW_HINTS.side);
  });

  it.each<[View, RegExp]>([
    ['front', /^Front view/],
    ['rear', /^Rear view/],
  ])('%s: checks the knees and hips, hints at turning sideways', (view, name) => {
    const d = describeView(view);
    expect(d).toMatch(name);
    expect(d).toContain('knees caving in');
    expect(d).toContain('hip drop');
    expect(d).toContain(VIEW_HINTS.side);
    expect(d).not.toContain(VIEW_HINTS.front);
  });

  it('oblique: gives both hints', () => {
    const d = describeView('oblique');
    expect(d).toContain(VIEW_HINTS.side.toLowerCase());
    expect(d).toContain(VIEW_HINTS.front.toLowerCase());
  });

  it('unknown: empty', () => {
    expect(describeView('unknown')).toBe('');
  });
});
