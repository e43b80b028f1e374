/**
 * The file frame source's pure pacer (src/media/frame-pacer.ts), one transition at a time: each
 * event in each phase, with the actions and the `next` it answers. Whole synthetic timelines through
 * a fake player are in frame-pacer-timeline.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_RECOVERY_FRAMES,
  GAP_BACKOFF_RATIO,
  INITIAL_PLAYBACK_RATE,
  LOAD_TIMEOUT_MS,
  MAX_PLAYBACK_RATE,
  MIN_BACKOFF_RATIO,
  PACE_HEADROOM_RATIO,
  STALL_MS,
  createPacer,
  paceRate,
  stepPacer,
  type PacerEvent,
  type PacerNext,
  type PacerState,
  type PacerStep,
} from '../../src/media/frame-pacer';

/** Source frame rate of the hand-built timelines, frames/s. */
const FPS = 30;
const FRAME_S = 1 / FPS;
/** The consumer's time per frame, ms: a model at 25 frames/s. */
const HELD_MS = 40;
/** Rates and times are plain arithmetic; compare to 1e-9. */
const DIGITS = 9;
/** Where a seek lands inside the frame it fetches, s (a quarter frame in). */
const SEEK_INTO_S = FRAME_S / 4;

const at = (k: number): number => k * FRAME_S;
const frame = (k: number): PacerEvent => ({ type: 'frame', mediaTimeS: at(k) });
const consumed = (heldMs = HELD_MS): PacerEvent => ({ type: 'consumed', heldMs });
const SEEKED: PacerEvent = { type: 'seeked' };

/** Steps through `events`, returning every step. */
function run(state: PacerState, events: readonly PacerEvent[]): PacerStep[] {
  const steps: PacerStep[] = [];
  for (const event of events) {
    const step = stepPacer(state, event);
    steps.push(step);
    state = step.state;
  }
  return steps;
}

/** Rounds the times in a `next` to 1e-9 s, so computed and listed frame times compare equal. */
function rounded(next: PacerNext): PacerNext {
  const r = (x: number): number => Math.round(x * 10 ** DIGITS) / 10 ** DIGITS;
  if (next.type === 'seek') return { ...next, timeS: r(next.timeS) };
  if (next.type === 'emit') return { ...next, tS: r(next.tS) };
  return next;
}
const nexts = (steps: readonly PacerStep[]): PacerNext[] => steps.map((x) => rounded(x.next));

const last = (steps: readonly PacerStep[]): PacerStep => steps[steps.length - 1] as PacerStep;

/** The player's own frames `fromK`..`toK` (inclusive), each consumed in `heldMs`. */
function played(state: PacerState, fromK: number, toK: number, heldMs = HELD_MS): PacerState {
  for (let k = fromK; k <= toK; k++) {
    const shown = stepPacer(state, frame(k));
    expect(shown.next).toMatchObject({ type: 'emit', tS: at(k), source: 'player' });
    state = stepPacer(shown.state, consumed(heldMs)).state;
  }
  return state;
}

describe('frame pacer: played frames', () => {
  it('starts playing at the initial rate, waiting for the player', () => {
    const s = createPacer();
    expect(s.phase).toEqual({ kind: 'playing' });
    expect(s.rate).toBe(INITIAL_PLAYBACK_RATE);
    expect(s.nextIndex).toBe(0);
  });

  it('emits the first frame as the player copy, and waits for the player once it is consumed', () => {
    const shown = stepPacer(createPacer(), frame(0));
    expect(shown.next).toEqual({ type: 'emit', index: 0, tS: 0, source: 'player' });
    expect(shown.actions).toEqual([]);
    expect(shown.state.phase.kind).toBe('emitting');
    const back = stepPacer(shown.state, consumed(55));
    expect(back.next).toEqual({ type: 'awaitPlayer' });
    expect(back.state.phase.kind).toBe('playing');
    expect(back.state.heldMs).toEqual([55]);
  });

  it('paces from the second frame, and publishes the frame rate at the third', () => {
    const second = stepPacer(played(createPacer(), 0, 0), frame(1));
    expect(second.actions).toEqual([{ type: 'setRate', rate: paceRate(FPS, HELD_MS) }]);
    expect(second.state.frameIntervalS).toBeCloseTo(FRAME_S, DIGITS);
    const third = stepPacer(stepPacer(second.state, consumed()).state, frame(2));
    const info = third.actions.find((a) => a.type === 'info');
    expect(info?.type === 'info' && info.fps).toBeCloseTo(FPS, 6);
    // Published once.
    const later = run(third.state, [consumed(), frame(3), consumed(), frame(4)]);
    expect(later.flatMap((s) => s.actions).filter((a) => a.type === 'info')).toEqual([]);
  });

  it('a 30 fps file with a 40 ms/frame consumer settles at 0.8 of the consumer rate', () => {
    const s = played(createPacer(), 0, 20);
    // 40 ms → 25 frames/s; × 0.8 headroom; / 30 frames/s of content = 0.667×.
    expect(s.rate).toBeCloseTo((1000 / HELD_MS) * (PACE_HEADROOM_RATIO / FPS), DIGITS);
  });

  it('takes the consumer time as the median of its last five frames', () => {
    // A slow first frame (model warm-up) does not hold the pace down once five fast ones follow.
    let s = played(createPacer(), 0, 0, 2_000);
    s = played(s, 1, 3, HELD_MS);
    expect(s.heldMs).toEqual([2_000, HELD_MS, HELD_MS, HELD_MS]);
    expect(s.rate).toBeCloseTo(paceRate(FPS, HELD_MS), DIGITS);
    s = played(s, 4, 6, HELD_MS);
    expect(s.heldMs).toEqual([HELD_MS, HELD_MS, HELD_MS, HELD_MS, HELD_MS]);
  });

  it('does not apply a rate change under a fifth of the current rate', () => {
    const s = played(createPacer(), 0, 5, HELD_MS);
    // 44 ms instead of 40: the rate would move 9 %.
    const steps = run(s, [frame(6), consumed(44), frame(7), consumed(44), frame(8), consumed(44), frame(9)]);
    expect(steps.flatMap((x) => x.actions).filter((a) => a.type === 'setRate')).toEqual([]);
    expect(last(steps).state.rate).toBeCloseTo(paceRate(FPS, HELD_MS), DIGITS);
  });

  it('a 5 fps file speeds up, to at most 8×', () => {
    let s = createPacer();
    for (let k = 0; k < 6; k++) {
      s = stepPacer(s, { type: 'frame', mediaTimeS: k / 5 }).state;
      s = stepPacer(s, consumed(10)).state;
    }
    expect(s.rate).toBe(MAX_PLAYBACK_RATE);
  });

  it('drops a repeat of the last frame (a seek presenting it again) without emitting', () => {
    const s = played(createPacer(), 0, 3);
    for (const tS of [at(3), at(3) + FRAME_S / 3, at(1)]) {
      const dup = stepPacer(s, { type: 'frame', mediaTimeS: tS });
      expect(dup.actions).toEqual([{ type: 'drop' }]);
      expect(dup.next).toEqual({ type: 'awaitPlayer' });
      expect(dup.state.nextIndex).toBe(s.nextIndex);
    }
  });
});

describe('frame pacer: frames the player skipped', () => {
  it('fetches the skipped frames by seeking, in order, then seeks back and emits the played one', () => {
    const s = played(createPacer(), 0, 9);
    const skip = stepPacer(s, frame(12));
    expect(nexts([skip])).toEqual(nexts([{ ...skip, next: { type: 'seek', timeS: at(10) + SEEK_INTO_S } }]));
    expect(skip.state.backoffRatio).toBe(GAP_BACKOFF_RATIO);
    const steps = run(skip.state, [SEEKED, consumed(), SEEKED, consumed(), SEEKED]);
    expect(nexts(steps)).toEqual(
      [
        { type: 'emit', index: 10, tS: at(10), source: 'seek' },
        { type: 'seek', timeS: at(11) + SEEK_INTO_S },
        { type: 'emit', index: 11, tS: at(11), source: 'seek' },
        { type: 'seek', timeS: at(12) + SEEK_INTO_S },
        { type: 'emit', index: 12, tS: at(12), source: 'player' },
      ].map((n) => rounded(n as PacerNext)),
    );
    // The back-off slows the pace by a quarter.
    const [setRate] = last(steps).actions;
    expect(setRate?.type === 'setRate' && setRate.rate).toBeCloseTo(
      paceRate(FPS, HELD_MS, GAP_BACKOFF_RATIO),
      DIGITS,
    );
    const after = stepPacer(last(steps).state, consumed());
    expect(after.next).toEqual({ type: 'awaitPlayer' });
    expect(after.state.fetchedBySeek).toBe(2);
  });

  it('only the played frame paces: fetched frames are not timed as consumer frames', () => {
    const s = played(createPacer(), 0, 5);
    const steps = run(s, [frame(8), SEEKED, consumed(900), SEEKED, consumed(900), SEEKED, consumed(HELD_MS)]);
    expect(last(steps).state.heldMs).not.toContain(900);
  });

  it('regains one back-off step after 60 frames without a skip, and bottoms out at 0.25', () => {
    let s = played(createPacer(), 0, 9);
    // The frame that showed the skip counts as the first of the clean frames.
    s = run(s, [frame(11), SEEKED, consumed(), SEEKED, consumed()]).at(-1)?.state as PacerState;
    expect(s.backoffRatio).toBe(GAP_BACKOFF_RATIO);
    s = played(s, 12, 11 + BACKOFF_RECOVERY_FRAMES - 2);
    expect(s.backoffRatio).toBe(GAP_BACKOFF_RATIO);
    s = played(s, 10 + BACKOFF_RECOVERY_FRAMES, 10 + BACKOFF_RECOVERY_FRAMES);
    expect(s.backoffRatio).toBe(1);
    expect(s.rate).toBeCloseTo(paceRate(FPS, HELD_MS), DIGITS);

    // Skips of one frame each, closer together than the recovery: 0.75⁵ is already below 0.25.
    let k = 10 + BACKOFF_RECOVERY_FRAMES;
    for (let skips = 0; skips < 8; skips++, k += 2) {
      s = run(s, [frame(k + 2), SEEKED, consumed(), SEEKED, consumed()]).at(-1)?.state as PacerState;
    }
    expect(s.backoffRatio).toBe(MIN_BACKOFF_RATIO);
  });
});

describe('frame pacer: the end of the file', () => {
  it('fetches the trailing frames the player skipped, up to the duration, then finishes', () => {
    const s = played(createPacer(), 0, 9);
    const steps = run(s, [
      { type: 'ended', durationS: at(13) },
      SEEKED,
      consumed(),
      SEEKED,
      consumed(),
      SEEKED,
    ]);
    expect(nexts(steps)).toEqual(
      [
        { type: 'seek', timeS: at(10) + SEEK_INTO_S },
        { type: 'emit', index: 10, tS: at(10), source: 'seek' },
        { type: 'seek', timeS: at(11) + SEEK_INTO_S },
        { type: 'emit', index: 11, tS: at(11), source: 'seek' },
        { type: 'seek', timeS: at(12) + SEEK_INTO_S },
        { type: 'emit', index: 12, tS: at(12), source: 'seek' },
      ].map((n) => rounded(n as PacerNext)),
    );
    const end = stepPacer(last(steps).state, consumed());
    expect(end.next).toEqual({ type: 'finish' });
    expect(end.state.phase.kind).toBe('finished');
    expect(end.state.fetchedBySeek).toBe(3);
    // The back-off is for skips during play; the end does not change the pace.
    expect(end.state.backoffRatio).toBe(1);
  });

  it('finishes at once when the last frame was played, or the frame rate is unknown', () => {
    const s = played(createPacer(), 0, 9);
    expect(stepPacer(s, { type: 'ended', durationS: at(10) }).next).toEqual({ type: 'finish' });
    const one = played(createPacer(), 0, 0);
    expect(stepPacer(one, { type: 'ended', durationS: 10 }).next).toEqual({ type: 'finish' });
    expect(stepPacer(s, { type: 'ended', durationS: Number.POSITIVE_INFINITY }).next).toEqual({
      type: 'finish',
    });
  });
});

describe('frame pacer: stalls', () => {
  const stall = (currentTimeS: number, ended = false, durationS = at(100)): PacerEvent => ({
    type: 'stall',
    ended,
    currentTimeS,
    durationS,
  });

  it('after 3 s without a frame mid-file, seeks to the next frame and emits it as a taken frame', () => {
    const s = played(createPacer(), 0, 9);
    const stalled = stepPacer(s, stall(at(10)));
    expect(stalled.actions).toEqual([{ type: 'stall', lastFrameS: at(9), treatAsEnd: false }]);
    expect(rounded(stalled.next)).toEqual(rounded({ type: 'seek', timeS: at(10) + SEEK_INTO_S }));
    expect(stalled.state.stalls).toBe(1);
    const shown = stepPacer(stalled.state, SEEKED);
    expect(shown.next).toMatchObject({ type: 'emit', index: 10, source: 'seek' });
    expect(shown.next.type === 'emit' && shown.next.tS).toBeCloseTo(at(10), DIGITS);
    const back = stepPacer(shown.state, consumed(77));
    expect(back.next).toEqual({ type: 'awaitPlayer' });
    // Counted as a played frame (it stands in for one), not as a skipped one.
    expect(back.state.heldMs.at(-1)).toBe(77);
    expect(back.state.fetchedBySeek).toBe(0);
  });

  it('at the end (ended, or within half a frame of the duration), treats the stall as the end', () => {
    const s = played(createPacer(), 0, 9);
    const ended = stepPacer(s, stall(at(10), true, at(10)));
    expect(ended.actions).toEqual([{ type: 'stall', lastFrameS: at(9), treatAsEnd: true }]);
    expect(ended.next).toEqual({ type: 'finish' });
    // The player sits at the end but frames 10 and 11 never came: fetched, then finish.
    const near = run(s, [stall(at(12) - FRAME_S / 4, false, at(12)), SEEKED, consumed(), SEEKED, consumed()]);
    expect(near[0]?.actions).toEqual([{ type: 'stall', lastFrameS: at(9), treatAsEnd: true }]);
    expect(near.map((x) => x.next.type)).toEqual(['seek', 'emit', 'seek', 'emit', 'finish']);
    expect(last(near).state.stalls).toBe(1);
  });

  it('before the frame rate is known, keeps waiting, and gives up after the load timeout', () => {
    let s = played(createPacer(), 0, 0);
    const waits = LOAD_TIMEOUT_MS / STALL_MS;
    for (let i = 1; i < waits; i++) {
      const step = stepPacer(s, stall(0.5));
      expect(step.next).toEqual({ type: 'awaitPlayer' });
      expect(step.actions).toEqual([]);
      s = step.state;
    }
    expect(stepPacer(s, stall(0.5)).next).toEqual({
      type: 'fail',
      message: 'The video stopped producing frames.',
    });
    // A frame in between starts the count again.
    const revived = stepPacer(stepPacer(s, frame(1)).state, consumed()).state;
    expect(revived.stalledMs).toBe(0);
    expect(stepPacer(revived, stall(at(1) + 0.5)).next.type).toBe('seek');
  });
});

describe('frame pacer: events out of phase', () => {
  it('throws on an event the phase does not await (an I/O bug, not a player state)', () => {
    const playing = createPacer();
    expect(() => stepPacer(playing, SEEKED)).toThrow(/seeked.*playing/);
    expect(() => stepPacer(playing, consumed())).toThrow(/consumed.*playing/);
    const emitting = stepPacer(playing, frame(0)).state;
    expect(() => stepPacer(emitting, frame(1))).toThrow(/frame.*emitting/);
    const seeking = stepPacer(played(playing, 0, 3), frame(6)).state;
    expect(() => stepPacer(seeking, consumed())).toThrow(/consumed.*seekingSkipped/);
    expect(() => stepPacer(seeking, { type: 'ended', durationS: 1 })).toThrow(/ended.*seekingSkipped/);
    const finished = stepPacer(played(playing, 0, 3), { type: 'ended', durationS: at(4) }).state;
    expect(() => stepPacer(finished, frame(5))).toThrow(/frame.*finished/);
  });
});
