/**
 * The file frame source's pure pacer (src/media/frame-pacer.ts) over whole synthetic timelines: a
 * fake player presents a file's frames, skips some, stalls, loses its last frames, and presents a
 * seeked-to frame again after each seek, as Chromium's <video> does. Whatever it does, every frame of
 * the file comes out once, in order, at the file's own frame times.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_PLAYBACK_RATE,
  PACE_HEADROOM_RATIO,
  createPacer,
  paceRate,
  stepPacer,
  type FrameSource,
  type PacerEvent,
  type PacerState,
} from '../../src/media/frame-pacer';

/** Media times as the player reports them, rounded to the microsecond, s. */
const MEDIA_TIME_STEP_S = 1e-6;
/** Tolerance on an emitted frame time against the file's own, s (µs times, a few frames summed). */
const FRAME_TIME_TOLERANCE_S = 1e-5;
/**
 * Rates follow from intervals of µs-rounded media times: compare to 1e-4 × (the source's own rounding
 * moves the shortest interval by up to 1 µs in 33 ms).
 */
const RATE_DIGITS = 4;
/** Steps after which a timeline counts as hung: far more than a few events per frame. */
const MAX_STEPS = 100_000;

interface Faults {
  /** Frames the player never presents while playing (the decoder dropped them). */
  readonly skipped?: readonly number[];
  /** Frames before which the player delivers nothing (once each): a stall. */
  readonly stallBefore?: readonly number[];
  /** Last frame the player presents before it reports the end (a frame callback lost near the end). */
  readonly lastPresented?: number;
}

/** A <video> playing a constant-rate file, reduced to what the pacer sees. */
class FakePlayer {
  readonly durationS: number;
  #next = 0;
  /** A seek's own presentation, announced before playing on from it. */
  #seekedTo: number | null = null;
  readonly #skipped: Set<number>;
  readonly #stallBefore: Set<number>;
  readonly #lastPresented: number;

  constructor(
    readonly fps: number,
    readonly frameCount: number,
    faults: Faults = {},
  ) {
    this.durationS = frameCount / fps;
    this.#skipped = new Set(faults.skipped);
    this.#stallBefore = new Set(faults.stallBefore);
    this.#lastPresented = faults.lastPresented ?? frameCount - 1;
  }

  timeOf(k: number): number {
    return Math.round(k / this.fps / MEDIA_TIME_STEP_S) * MEDIA_TIME_STEP_S;
  }

  next(): PacerEvent {
    if (this.#seekedTo !== null) {
      const k = this.#seekedTo;
      this.#seekedTo = null;
      this.#next = k + 1;
      return { type: 'frame', mediaTimeS: this.timeOf(k) };
    }
    while (this.#skipped.has(this.#next)) this.#skipped.delete(this.#next++);
    if (this.#next > this.#lastPresented) return { type: 'ended', durationS: this.durationS };
    if (this.#stallBefore.delete(this.#next)) {
      return {
        type: 'stall',
        ended: false,
        currentTimeS: this.timeOf(this.#next),
        durationS: this.durationS,
      };
    }
    return { type: 'frame', mediaTimeS: this.timeOf(this.#next++) };
  }

  seek(timeS: number): void {
    this.#seekedTo = Math.min(this.frameCount - 1, Math.floor(timeS * this.fps));
  }
}

interface Emitted {
  readonly index: number;
  readonly tS: number;
  readonly source: FrameSource;
}

/** Drives the pacer with `player` and a consumer holding frame i for `heldMs(i)`, to the end. */
function play(
  player: FakePlayer,
  heldMs: (index: number) => number,
): { emitted: Emitted[]; state: PacerState; rates: number[] } {
  let state = createPacer();
  const emitted: Emitted[] = [];
  const rates: number[] = [];
  let event = player.next();
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const step = stepPacer(state, event);
    state = step.state;
    for (const a of step.actions) if (a.type === 'setRate') rates.push(a.rate);
    const { next } = step;
    switch (next.type) {
      case 'awaitPlayer':
        event = player.next();
        break;
      case 'seek':
        player.seek(next.timeS);
        event = { type: 'seeked' };
        break;
      case 'emit':
        emitted.push({ index: next.index, tS: next.tS, source: next.source });
        event = { type: 'consumed', heldMs: heldMs(next.index) };
        break;
      case 'finish':
        return { emitted, state, rates };
      case 'fail':
        throw new Error(next.message);
    }
  }
  throw new Error('the timeline did not finish');
}

/** Every frame of the file once, in order, at its own time, with indices 0, 1, 2, … */
function expectEveryFrame(emitted: readonly Emitted[], player: FakePlayer): void {
  expect(emitted.map((e) => e.index)).toEqual([...Array(player.frameCount).keys()]);
  const off = emitted.filter((e) => Math.abs(e.tS - player.timeOf(e.index)) > FRAME_TIME_TOLERANCE_S);
  expect(off).toEqual([]);
}

const count = (emitted: readonly Emitted[], source: FrameSource): number =>
  emitted.filter((e) => e.source === source).length;

describe('frame pacer timelines', () => {
  it('a 30 fps file and a 40 ms/frame consumer: every frame as played, at 0.8 of the consumer rate', () => {
    const player = new FakePlayer(30, 213);
    const { emitted, state } = play(player, () => 40);
    expectEveryFrame(emitted, player);
    expect(count(emitted, 'seek')).toBe(0);
    expect(state.rate).toBeCloseTo((1000 / 40) * (PACE_HEADROOM_RATIO / 30), RATE_DIGITS);
  });

  it('a 5 fps file and a fast consumer: played faster than real time, at most 8×', () => {
    const player = new FakePlayer(5, 65);
    const fast = play(player, () => 10);
    expectEveryFrame(fast.emitted, player);
    expect(fast.state.rate).toBe(MAX_PLAYBACK_RATE);
    expect(Math.max(...fast.rates)).toBe(MAX_PLAYBACK_RATE);
    const model = play(new FakePlayer(5, 65), () => 30);
    expect(model.state.rate).toBeCloseTo(paceRate(5, 30), RATE_DIGITS);
    expect(model.state.rate).toBeGreaterThan(1);
  });

  it('skipped frames are fetched by seeking, in order, and the pace backs off, then recovers', () => {
    const player = new FakePlayer(30, 213, { skipped: [20, 21, 22, 50] });
    const { emitted, state, rates } = play(player, () => 40);
    expectEveryFrame(emitted, player);
    expect(emitted.filter((e) => e.source === 'seek').map((e) => e.index)).toEqual([20, 21, 22, 50]);
    expect(state.fetchedBySeek).toBe(4);
    // Two skips: 0.75², then one step regained 60 frames after the second.
    expect(Math.min(...rates)).toBeCloseTo(paceRate(30, 40, 0.75 ** 2), RATE_DIGITS);
    expect(state.backoffRatio).toBe(1);
    expect(state.rate).toBeCloseTo(paceRate(30, 40), RATE_DIGITS);
  });

  it('stalls mid-file are recovered by seeking to the next frame', () => {
    const player = new FakePlayer(5, 65, { stallBefore: [10, 11, 40] });
    const { emitted, state } = play(player, () => 30);
    expectEveryFrame(emitted, player);
    expect(state.stalls).toBe(3);
    expect(state.fetchedBySeek).toBe(0);
  });

  it('frames lost before the end are fetched up to the duration', () => {
    const player = new FakePlayer(5, 65, { lastPresented: 58 });
    const { emitted, state } = play(player, () => 30);
    expectEveryFrame(emitted, player);
    expect(emitted.filter((e) => e.source === 'seek').map((e) => e.index)).toEqual([59, 60, 61, 62, 63, 64]);
    expect(state.fetchedBySeek).toBe(6);
  });

  it('a slow first frame (model warm-up) does not slow the rest of the file', () => {
    const player = new FakePlayer(30, 213);
    const { emitted, state } = play(player, (i) => (i === 0 ? 2_000 : 40));
    expectEveryFrame(emitted, player);
    expect(state.rate).toBeCloseTo(paceRate(30, 40), RATE_DIGITS);
  });

  it('any mix of skips, stalls and a lost end: every frame once, in order', () => {
    // A fixed pseudo-random sequence (LCG), so a failure names its seed.
    let stalls = 0;
    let fetched = 0;
    for (let seed = 1; seed <= 40; seed++) {
      let x = seed;
      const random = (): number => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const frameCount = 30 + Math.floor(random() * 300);
      // From frame 2 on: a skip is a jump over the shortest interval, so it shows only once one
      // true interval (frames 0 and 1) has been seen.
      const pick = (share: number): number[] =>
        [...Array(frameCount).keys()].filter((k) => k >= 2 && random() < share);
      const player = new FakePlayer(random() < 0.5 ? 30 : 5, frameCount, {
        skipped: pick(0.05),
        stallBefore: pick(0.02),
        lastPresented: frameCount - 1 - Math.floor(random() * 5),
      });
      const { emitted, state } = play(player, () => 20 + random() * 60);
      expect(emitted.length, `seed ${seed}`).toBe(frameCount);
      expectEveryFrame(emitted, player);
      stalls += state.stalls;
      fetched += state.fetchedBySeek;
    }
    // The mix did take the stall and refetch paths.
    expect(stalls).toBeGreaterThan(10);
    expect(fetched).toBeGreaterThan(100);
  });
});
