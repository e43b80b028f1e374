/**
 * The video-file frame source's decisions, with no DOM and no clock: a state machine
 * `stepPacer(state, event) → { state, actions, next }` that `videoFrames` (video-frames.ts) drives
 * with what the <video> element reports and whose answers it performs.
 *
 * It owns the playback pace (the consumer's speed, with headroom), the back-off after the player
 * skipped frames and its recovery, which skipped frames to fetch back by seeking (in order), what
 * to do when playback stalls, and the frame-rate estimate. It hands out frame indices, so a frame
 * is emitted once, in order.
 *
 * Each step lists sync `actions` (done at once, in order) and one `next`: what the I/O does next
 * and which event it reports back —
 *   awaitPlayer → `frame` | `ended` | `stall`;  seek → `seeked`;  emit → `consumed`.
 */
import { median, pushBounded } from '../core/math/stats';

/** Lowest playbackRate used, ×: Chromium rejects rates below 1/16. */
export const MIN_PLAYBACK_RATE = 1 / 16;
/** Highest playbackRate used, ×: Chromium plays muted video up to 16×; 8× serves a 5 fps file. */
export const MAX_PLAYBACK_RATE = 8;
/**
 * Rate, ×, until the frame rate and the consumer's speed are known (the first frame interval):
 * slow enough that a 30 fps file's first frames are not skipped while the model warms up, and a
 * 5 fps file still shows its second frame within 0.4 s.
 */
export const INITIAL_PLAYBACK_RATE = 0.5;
/**
 * Share of the consumer's measured frame rate that frames are played at, ratio. Frames then arrive a
 * little slower than the model takes them, so playback rarely has to pause for backpressure; each
 * pause and resume was where the player skipped frames (41 of 312 on the side clip at 1×, each
 * fetched back by a seek that decodes from the keyframe, up to 90 frames of 1080×2048).
 */
export const PACE_HEADROOM_RATIO = 0.8;
/** A rate change smaller than this share of the current rate is not applied, ratio (avoids churn). */
export const RATE_CHANGE_MIN_RATIO = 0.2;
/**
 * Frames over which the consumer's time per frame is taken as a median, count: a slow first call
 * (a model's first frame of a new size) or a hiccup does not slow the whole file down.
 */
export const CONSUMER_WINDOW_FRAMES = 5;
/**
 * Wait for a played frame after which playback counts as stalled, ms; the next frame is then fetched
 * by seeking. Seen under CPU load in CI: a 30 fps file's playback stopped delivering frames for
 * good (nothing pending, CPU idle). At 1/16× a 30 fps file delivers a frame every 533 ms, so a
 * healthy player is never this late; a false alarm only costs one seek.
 */
export const STALL_MS = 3_000;
/** How long a video may take to produce its metadata or first frames before we call it unplayable, ms. */
export const LOAD_TIMEOUT_MS = 15_000;
/**
 * Factor, ratio, on the pace each time the player skips frames: playing slower gives the decoder
 * more time per frame. It scales the pace rather than capping the rate: a cap taken from the rate
 * of the moment pinned a file at 0.07× when a skip came while the model's first frames were slow
 * under CPU load (2.6 min for a 10 s clip in the e2e test, against 33 s).
 */
export const GAP_BACKOFF_RATIO = 0.75;
/** Lowest the skip back-off goes, ratio of the pace. */
export const MIN_BACKOFF_RATIO = 0.25;
/** Frames without a skip after which one step of back-off is undone, count (2 s at 30 fps). */
export const BACKOFF_RECOVERY_FRAMES = 60;
/** An interval this many times the shortest one means frames were skipped, ratio. */
export const GAP_FACTOR = 1.5;
/** Frame intervals whose median gives the published frame rate, count (three frames). */
const FPS_INTERVALS = 2;
/**
 * Where in a frame's display span a seek lands, share of the frame interval: a quarter in, so the
 * decoder shows that frame and not its neighbour whatever the rounding of the media times.
 */
const SEEK_INTO_FRAME_RATIO = 0.25;

/**
 * playbackRate, ×, for a file of `sourceFps` whose frames the consumer takes in `consumerMs` each:
 * frames arrive at PACE_HEADROOM_RATIO × `backoffRatio` of the consumer's rate, within
 * [MIN_PLAYBACK_RATE, MAX_PLAYBACK_RATE].
 */
export function paceRate(sourceFps: number, consumerMs: number, backoffRatio = 1): number {
  if (!(sourceFps > 0) || !(consumerMs > 0)) return INITIAL_PLAYBACK_RATE;
  const rate = ((1000 / consumerMs) * PACE_HEADROOM_RATIO * backoffRatio) / sourceFps;
  return Math.min(MAX_PLAYBACK_RATE, Math.max(MIN_PLAYBACK_RATE, rate));
}

/** Where an emitted frame's picture comes from: the player's copy, or a copy taken after a seek. */
export type FrameSource = 'player' | 'seek';

export type PacerEvent =
  /** The player presented a frame at `mediaTimeS`; the I/O holds its copy until `emit` or `drop`. */
  | { readonly type: 'frame'; readonly mediaTimeS: number }
  /** The player reached the end of the file. */
  | { readonly type: 'ended'; readonly durationS: number }
  /** Nothing came from the player for STALL_MS; what the element reports now. */
  | {
      readonly type: 'stall';
      readonly ended: boolean;
      readonly currentTimeS: number;
      readonly durationS: number;
    }
  /** The seek asked for by `next` has landed. */
  | { readonly type: 'seeked' }
  /** The consumer handed back the emitted frame after holding it `heldMs`. */
  | { readonly type: 'consumed'; readonly heldMs: number };

export type PacerAction =
  | { readonly type: 'setRate'; readonly rate: number }
  /** The held player copy is a frame already emitted (a seek's own presentation): close it. */
  | { readonly type: 'drop' }
  /** The frame rate is known (published once). */
  | { readonly type: 'info'; readonly fps: number }
  /** Playback stalled: report it and cancel the frame callback that never fired (it blocks re-arming). */
  | { readonly type: 'stall'; readonly lastFrameS: number; readonly treatAsEnd: boolean };

export type PacerNext =
  /** Let the player play (if no frame is waiting) and report its next frame, end or stall. */
  | { readonly type: 'awaitPlayer' }
  /** Pause, seek to `timeS` and report `seeked`. */
  | { readonly type: 'seek'; readonly timeS: number }
  /** Hand frame `index` to the consumer and report `consumed`. */
  | { readonly type: 'emit'; readonly index: number; readonly tS: number; readonly source: FrameSource }
  | { readonly type: 'finish' }
  | { readonly type: 'fail'; readonly message: string };

export type PacerPhase =
  | { readonly kind: 'playing' }
  /** Fetching skipped frames: seeking to `pendingS[0]`, then back to `resumeAtS` (null: finish). */
  | {
      readonly kind: 'seekingSkipped';
      readonly pendingS: readonly number[];
      readonly resumeAtS: number | null;
    }
  | {
      readonly kind: 'emittingSkipped';
      readonly pendingS: readonly number[];
      readonly resumeAtS: number | null;
    }
  /** Seeking back to the played frame at `tS` that revealed the skip. */
  | { readonly kind: 'resuming'; readonly tS: number }
  /** Seeking to the frame at `tS` after a stall. */
  | { readonly kind: 'seekingStalled'; readonly tS: number }
  /** A played (or stall-fetched) frame is with the consumer, whose time paces playback. */
  | { readonly kind: 'emitting' }
  | { readonly kind: 'finished' };

export interface PacerState {
  readonly phase: PacerPhase;
  /** playbackRate asked for, ×. */
  readonly rate: number;
  /** Media time of the newest frame taken, s; -Infinity before the first. */
  readonly lastFrameS: number;
  /** Shortest interval between frames taken, s: the true frame interval; NaN until two frames. */
  readonly frameIntervalS: number;
  /** The first FPS_INTERVALS intervals, s, for the published frame rate. */
  readonly firstIntervalsS: readonly number[];
  /** Share of the pace played at, ratio: lowered when the player skips frames, regained after. */
  readonly backoffRatio: number;
  /** Frames taken since the last skip, count. */
  readonly framesSinceSkip: number;
  /** How long the consumer held each of the last CONSUMER_WINDOW_FRAMES played frames, ms. */
  readonly heldMs: readonly number[];
  /** How long playback has delivered nothing, ms, in STALL_MS steps. */
  readonly stalledMs: number;
  /** Index of the next frame emitted. */
  readonly nextIndex: number;
  /** Frames the player skipped that were fetched by seeking, count. */
  readonly fetchedBySeek: number;
  /** Stalls recovered, count. */
  readonly stalls: number;
}

export interface PacerStep {
  readonly state: PacerState;
  readonly actions: readonly PacerAction[];
  readonly next: PacerNext;
}

export function createPacer(): PacerState {
  return {
    phase: { kind: 'playing' },
    rate: INITIAL_PLAYBACK_RATE,
    lastFrameS: -Infinity,
    frameIntervalS: Number.NaN,
    firstIntervalsS: [],
    backoffRatio: 1,
    framesSinceSkip: 0,
    heldMs: [],
    stalledMs: 0,
    nextIndex: 0,
    fetchedBySeek: 0,
    stalls: 0,
  };
}

const AWAIT_PLAYER: PacerNext = { type: 'awaitPlayer' };
const PLAYING: PacerPhase = { kind: 'playing' };

const seekInto = (tS: number, frameS: number): number => tS + frameS * SEEK_INTO_FRAME_RATIO;

/** Frame times from one interval after `fromS` while before `beforeS` less half an interval, s. */
function framesBetween(fromS: number, beforeS: number, frameS: number): number[] {
  const times: number[] = [];
  for (let tS = fromS + frameS; tS < beforeS - frameS / 2; tS += frameS) times.push(tS);
  return times;
}

/** Fetches `pendingS` by seeking, then seeks back to `resumeAtS` (or finishes when null). */
function fetchSkipped(state: PacerState, pendingS: readonly number[], resumeAtS: number | null): PacerStep {
  const first = pendingS[0];
  if (first !== undefined) {
    return {
      state: { ...state, phase: { kind: 'seekingSkipped', pendingS, resumeAtS } },
      actions: [],
      next: { type: 'seek', timeS: seekInto(first, state.frameIntervalS) },
    };
  }
  if (resumeAtS === null)
    return { state: { ...state, phase: { kind: 'finished' } }, actions: [], next: { type: 'finish' } };
  return {
    state: { ...state, phase: { kind: 'resuming', tS: resumeAtS } },
    actions: [],
    next: { type: 'seek', timeS: seekInto(resumeAtS, state.frameIntervalS) },
  };
}

/**
 * Takes the frame at `tS` as the newest: updates the frame interval and rate estimate, the back-off
 * recovery and the pace, then emits it.
 */
function takeFrame(state: PacerState, tS: number, source: FrameSource): PacerStep {
  const actions: PacerAction[] = [];
  let { frameIntervalS, firstIntervalsS, backoffRatio, framesSinceSkip, rate } = state;
  if (state.lastFrameS > -Infinity) {
    const intervalS = tS - state.lastFrameS;
    frameIntervalS = Number.isNaN(frameIntervalS) ? intervalS : Math.min(frameIntervalS, intervalS);
    if (firstIntervalsS.length < FPS_INTERVALS) {
      firstIntervalsS = [...firstIntervalsS, intervalS];
      if (firstIntervalsS.length === FPS_INTERVALS)
        actions.push({ type: 'info', fps: 1 / median(firstIntervalsS) });
    }
  }
  if (!Number.isNaN(frameIntervalS) && state.heldMs.length > 0) {
    if (++framesSinceSkip >= BACKOFF_RECOVERY_FRAMES && backoffRatio < 1) {
      backoffRatio = Math.min(1, backoffRatio / GAP_BACKOFF_RATIO);
      framesSinceSkip = 0;
    }
    const paced = paceRate(1 / frameIntervalS, median(state.heldMs), backoffRatio);
    if (Math.abs(paced - rate) > RATE_CHANGE_MIN_RATIO * rate) {
      rate = paced;
      actions.push({ type: 'setRate', rate });
    }
  }
  return {
    state: {
      ...state,
      phase: { kind: 'emitting' },
      rate,
      lastFrameS: tS,
      frameIntervalS,
      firstIntervalsS,
      backoffRatio,
      framesSinceSkip,
      stalledMs: 0,
      nextIndex: state.nextIndex + 1,
    },
    actions,
    next: { type: 'emit', index: state.nextIndex, tS, source },
  };
}

/** A played frame: a repeat is dropped; a jump in media time means skipped frames, fetched first. */
function onFrame(state: PacerState, tS: number): PacerStep {
  const frameS = state.frameIntervalS;
  const known = !Number.isNaN(frameS);
  // A frame fetched by seeking carries a computed time; the player's own copy of it may read a
  // hair later: anything within half a frame of the last one is that frame again.
  if (tS <= state.lastFrameS + (known ? frameS / 2 : 0)) {
    return { state: { ...state, stalledMs: 0 }, actions: [{ type: 'drop' }], next: AWAIT_PLAYER };
  }
  // Frames the decoder or compositor dropped (the machine was busy) show up as a jump in media time.
  if (known && tS - state.lastFrameS > GAP_FACTOR * frameS) {
    // Each fetched frame costs a decode from the keyframe: play slower from now on.
    const skipped: PacerState = {
      ...state,
      backoffRatio: Math.max(MIN_BACKOFF_RATIO, state.backoffRatio * GAP_BACKOFF_RATIO),
      framesSinceSkip: 0,
      stalledMs: 0,
    };
    return fetchSkipped(skipped, framesBetween(state.lastFrameS, tS, frameS), tS);
  }
  return takeFrame(state, tS, 'player');
}

/** The player may skip the last frames too: fetch those up to the file's duration, then finish. */
function onEnded(state: PacerState, durationS: number, actions: readonly PacerAction[]): PacerStep {
  const frameS = state.frameIntervalS;
  const trailingS =
    Number.isFinite(frameS) && Number.isFinite(durationS)
      ? framesBetween(state.lastFrameS, durationS, frameS)
      : [];
  const step = fetchSkipped(state, trailingS, null);
  return { ...step, actions: [...actions, ...step.actions] };
}

function onStall(state: PacerState, event: Extract<PacerEvent, { type: 'stall' }>): PacerStep {
  const stalledMs = state.stalledMs + STALL_MS;
  const frameS = state.frameIntervalS;
  const known = !Number.isNaN(frameS);
  const atEnd = event.ended || event.currentTimeS >= event.durationS - (known ? frameS / 2 : 0);
  if (!atEnd && !known) {
    // Frame rate still unknown: nothing to seek to yet; give up only after the load timeout.
    if (stalledMs >= LOAD_TIMEOUT_MS)
      return {
        state: { ...state, stalledMs },
        actions: [],
        next: { type: 'fail', message: 'The video stopped producing frames.' },
      };
    return { state: { ...state, stalledMs }, actions: [], next: AWAIT_PLAYER };
  }
  const stalled: PacerState = { ...state, stalledMs, stalls: state.stalls + 1 };
  const report: PacerAction = { type: 'stall', lastFrameS: state.lastFrameS, treatAsEnd: atEnd };
  if (atEnd) return onEnded(stalled, event.durationS, [report]);
  const tS = state.lastFrameS + frameS;
  return {
    state: { ...stalled, phase: { kind: 'seekingStalled', tS } },
    actions: [report],
    next: { type: 'seek', timeS: seekInto(tS, frameS) },
  };
}

/** The pacer's answer to `event`; throws when the I/O reports an event the phase does not await. */
export function stepPacer(state: PacerState, event: PacerEvent): PacerStep {
  const { phase } = state;
  switch (event.type) {
    case 'frame':
      if (phase.kind === 'playing') return onFrame(state, event.mediaTimeS);
      break;
    case 'ended':
      if (phase.kind === 'playing') return onEnded(state, event.durationS, []);
      break;
    case 'stall':
      if (phase.kind === 'playing') return onStall(state, event);
      break;
    case 'seeked':
      if (phase.kind === 'seekingSkipped') {
        const [tS = Number.NaN] = phase.pendingS;
        return {
          state: { ...state, phase: { ...phase, kind: 'emittingSkipped' }, nextIndex: state.nextIndex + 1 },
          actions: [],
          next: { type: 'emit', index: state.nextIndex, tS, source: 'seek' },
        };
      }
      if (phase.kind === 'resuming') return takeFrame(state, phase.tS, 'player');
      if (phase.kind === 'seekingStalled') return takeFrame(state, phase.tS, 'seek');
      break;
    case 'consumed':
      if (phase.kind === 'emittingSkipped') {
        const fetched: PacerState = { ...state, fetchedBySeek: state.fetchedBySeek + 1 };
        return fetchSkipped(fetched, phase.pendingS.slice(1), phase.resumeAtS);
      }
      if (phase.kind === 'emitting') {
        const heldMs = [...state.heldMs];
        pushBounded(heldMs, event.heldMs, CONSUMER_WINDOW_FRAMES);
        return { state: { ...state, phase: PLAYING, heldMs }, actions: [], next: AWAIT_PLAYER };
      }
      break;
  }
  throw new Error(`frame pacer: '${event.type}' while ${phase.kind}`);
}
