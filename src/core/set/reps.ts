import { trimToWindow } from '../math/stats';
import {
  DEPTH_SPEED_WINDOW_MS,
  LOST_PERSON_TIMEOUT_MS,
  REP_ASCENT_BAND_RATIO,
  REP_BOTTOM_SPEED_PER_S,
  REP_DESCENT_DEPTH_RATIO,
  REP_MIN_DEPTH_RATIO,
  REP_MIN_DURATION_MS,
  REP_REDESCENT_BAND_RATIO,
  REP_STANDING_DEPTH_RATIO,
  STANDING_REF_WINDOW_MS,
} from '../thresholds';
import type { RepPhase } from '../types';

/** Timing of the rep in progress (or just finished). */
export interface RepTiming {
  /** 1-based rep index. */
  readonly index: number;
  readonly startMs: number;
  /** Time of the deepest point. */
  readonly deepestMs: number;
  readonly maxDepthRatio: number;
  /** Entry into and exit from the bottom phase (equal when the rep turned without a pause). */
  readonly bottomEnterMs: number | null;
  readonly bottomExitMs: number | null;
  readonly endMs: number | null;
}

export type RepTransition =
  | { readonly type: 'start'; readonly rep: RepTiming }
  | { readonly type: 'complete'; readonly rep: RepTiming }
  /** The rep turned from going down to coming up (once per rep): its depth is now known. */
  | { readonly type: 'turn'; readonly rep: RepTiming }
  /** Back to standing without reaching rep depth, too fast to be a squat, or not a squat (invalidated): not a rep. */
  | { readonly type: 'cancel'; readonly rep: RepTiming }
  /** Person lost mid-rep (walked out of frame, identity switch): not a rep, reported as partial. */
  | { readonly type: 'abandon'; readonly rep: RepTiming };

interface MutableRep {
  index: number;
  startMs: number;
  deepestMs: number;
  maxDepthRatio: number;
  bottomEnterMs: number | null;
  bottomExitMs: number | null;
  endMs: number | null;
  minSinceAscent: number;
  turned: boolean;
  /** Not a squat (the feet moved, a knee stayed straight): ends as 'cancel', whatever its depth. */
  invalid: boolean;
}

/**
 * The rep phase machine: standing → descending → bottom → ascending → standing, driven by the depth
 * ratio (hip descent below standing as a share of the standing hip→ankle extent). Two thresholds give
 * hysteresis at the top, a speed threshold finds a paused bottom, a band around the deepest point
 * separates the bottom from the ascent, and a bounce during the ascent returns to descending in the
 * same rep. A rep counts only on return to standing and only if it was deep enough; a rep whose person
 * is lost for longer than LOST_PERSON_TIMEOUT_MS is abandoned.
 */
export class RepStateMachine {
  private phaseNow: RepPhase = 'unknown';
  private completed = 0;
  private rep: MutableRep | null = null;
  private lastStandingMs = 0;
  private lastValidMs: number | null = null;
  private recent: { tMs: number; d: number }[] = [];
  /** Asked when a rep returns to standing: is it a squat (planted feet, bent knees)? */
  private isSquat: () => boolean = () => true;

  /** Sets the check that a finished movement is a squat before it counts (SquatGate). */
  setSquatCheck(check: () => boolean): void {
    this.isSquat = check;
  }

  get phase(): RepPhase {
    return this.phaseNow;
  }

  get count(): number {
    return this.completed;
  }

  /** The rep in progress, or null when standing/unknown. */
  get current(): RepTiming | null {
    return this.rep === null ? null : toTiming(this.rep);
  }

  /**
   * @param depthRatio depth of this frame, or null when the person is not measurable.
   * @param standingPose knees straight (confirms standing on entry from 'unknown').
   */
  push(tMs: number, depthRatio: number | null, standingPose: boolean): RepTransition | null {
    if (depthRatio === null) {
      if (this.lastValidMs !== null && tMs - this.lastValidMs > LOST_PERSON_TIMEOUT_MS) return this.lose();
      return null;
    }
    this.lastValidMs = tMs;
    const d = depthRatio;
    this.recent.push({ tMs, d });
    trimToWindow(this.recent, tMs, DEPTH_SPEED_WINDOW_MS, 2);
    const speed = slopePerS(this.recent);

    switch (this.phaseNow) {
      case 'unknown':
        if (d < REP_STANDING_DEPTH_RATIO && standingPose) {
          this.phaseNow = 'standing';
          this.lastStandingMs = tMs;
        }
        return null;
      case 'standing':
        if (d < REP_STANDING_DEPTH_RATIO) this.lastStandingMs = tMs;
        if (d > REP_DESCENT_DEPTH_RATIO) {
          this.phaseNow = 'descending';
          this.rep = {
            index: this.completed + 1,
            startMs: this.lastStandingMs,
            deepestMs: tMs,
            maxDepthRatio: d,
            bottomEnterMs: null,
            bottomExitMs: null,
            endMs: null,
            minSinceAscent: d,
            turned: false,
            invalid: false,
          };
          return { type: 'start', rep: toTiming(this.rep) };
        }
        return null;
      case 'descending': {
        const r = this.rep as MutableRep;
        this.deepen(r, d, tMs);
        if (d < r.maxDepthRatio - REP_ASCENT_BAND_RATIO) {
          // Turned without a measurable pause: the bottom is the deepest frame.
          r.bottomEnterMs ??= r.deepestMs;
          r.bottomExitMs = tMs;
          r.minSinceAscent = d;
          this.phaseNow = 'ascending';
          return this.maybeStand(d, tMs) ?? this.turn(r);
        }
        if (speed !== null && speed < REP_BOTTOM_SPEED_PER_S && r.maxDepthRatio >= REP_MIN_DEPTH_RATIO) {
          r.bottomEnterMs = tMs;
          this.phaseNow = 'bottom';
        }
        return null;
      }
      case 'bottom': {
        const r = this.rep as MutableRep;
        this.deepen(r, d, tMs);
        if (d < r.maxDepthRatio - REP_ASCENT_BAND_RATIO) {
          r.bottomExitMs = tMs;
          r.minSinceAscent = d;
          this.phaseNow = 'ascending';
          return this.maybeStand(d, tMs) ?? this.turn(r);
        }
        return null;
      }
      case 'ascending': {
        const r = this.rep as MutableRep;
        r.minSinceAscent = Math.min(r.minSinceAscent, d);
        if (d > r.minSinceAscent + REP_REDESCENT_BAND_RATIO) {
          this.phaseNow = 'descending';
          return null;
        }
        return this.maybeStand(d, tMs);
      }
    }
  }

  reset(): void {
    this.phaseNow = 'unknown';
    this.completed = 0;
    this.rep = null;
    this.lastValidMs = null;
    this.recent = [];
  }

  /** Marks the rep in progress as not a squat: it will end as 'cancel' and never count. */
  invalidate(): void {
    if (this.rep !== null) this.rep.invalid = true;
  }

  /** Whether the rep in progress has been marked as not a squat. */
  get invalid(): boolean {
    return this.rep?.invalid ?? false;
  }

  private turn(r: MutableRep): RepTransition | null {
    if (r.turned) return null;
    r.turned = true;
    return { type: 'turn', rep: toTiming(r) };
  }

  /** Ends an in-progress rep because the person is gone; returns to 'unknown'. */
  lose(): RepTransition | null {
    const r = this.rep;
    this.phaseNow = 'unknown';
    this.rep = null;
    this.lastValidMs = null;
    this.recent = [];
    return r === null ? null : { type: 'abandon', rep: toTiming(r) };
  }

  private deepen(r: MutableRep, d: number, tMs: number): void {
    if (d > r.maxDepthRatio) {
      r.maxDepthRatio = d;
      r.deepestMs = tMs;
    }
  }

  private maybeStand(d: number, tMs: number): RepTransition | null {
    if (d >= REP_STANDING_DEPTH_RATIO) return null;
    const r = this.rep as MutableRep;
    r.endMs = tMs;
    this.rep = null;
    this.phaseNow = 'standing';
    this.lastStandingMs = tMs;
    if (
      !r.invalid &&
      this.isSquat() &&
      r.maxDepthRatio >= REP_MIN_DEPTH_RATIO &&
      tMs - r.startMs >= REP_MIN_DURATION_MS
    ) {
      this.completed++;
      return { type: 'complete', rep: toTiming(r) };
    }
    return { type: 'cancel', rep: toTiming(r) };
  }
}

const toTiming = (r: MutableRep): RepTiming => ({
  index: r.index,
  startMs: r.startMs,
  deepestMs: r.deepestMs,
  maxDepthRatio: r.maxDepthRatio,
  bottomEnterMs: r.bottomEnterMs,
  bottomExitMs: r.bottomExitMs,
  endMs: r.endMs,
});

/** Least-squares slope of d over t, per second; null with fewer than two samples. */
function slopePerS(samples: readonly { tMs: number; d: number }[]): number | null {
  const n = samples.length;
  if (n < 2) return null;
  let st = 0;
  let sd = 0;
  for (const s of samples) {
    st += s.tMs;
    sd += s.d;
  }
  const mt = st / n;
  const md = sd / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.tMs - mt) * (s.d - md);
    den += (s.tMs - mt) ** 2;
  }
  return den > 0 ? (num / den) * 1000 : null;
}

/**
 * The standing reference for the depth ratio: the largest hip→ankle vertical extent seen with straight
 * knees over the last STANDING_REF_WINDOW_MS (so walking nearer or farther re-scales within a few
 * reps), falling back to the calibration's.
 */
export class StandingReference {
  private samples: { tMs: number; extentPx: number }[] = [];

  push(tMs: number, extentPx: number | null, standingPose: boolean): void {
    if (extentPx !== null && standingPose && extentPx > 0) this.samples.push({ tMs, extentPx });
    trimToWindow(this.samples, tMs, STANDING_REF_WINDOW_MS);
  }

  extentPx(fallback: number | null): number | null {
    let best: number | null = null;
    for (const s of this.samples) if (best === null || s.extentPx > best) best = s.extentPx;
    return best ?? fallback;
  }

  reset(): void {
    this.samples = [];
  }
}
