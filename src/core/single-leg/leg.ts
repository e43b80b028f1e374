/**
 * Everything the check keeps per leg: the leg's own single-leg standing calibration (the squat's
 * CalibrationDetector, fed only frames in which this leg stands straight with the other foot up),
 * its standing hip→ankle reference and rep machine (the squat's StandingReference and
 * RepStateMachine, on this leg's hip descent), and the rep in progress.
 */
import { CalibrationDetector } from '../metrics/calibration';
import { median, trimToWindow } from '../math/stats';
import type { Vec2 } from '../math/geometry';
import { RepStateMachine, StandingReference, type RepTransition } from '../set/reps';
import { STANDING_REF_WINDOW_MS } from '../thresholds';
import type { Calibration, Side } from '../types';
import { buildSingleLegRep, type SingleLegSample } from './rep';
import { HopWatch } from './stance';
import type { SingleLegNoteId, SingleLegRep, UnscoredReason } from './types';

export class LegState {
  readonly calibrator = new CalibrationDetector();
  readonly standingRef = new StandingReference();
  readonly reps = new RepStateMachine();
  readonly hop = new HopWatch();
  /** Frames of the rep in progress. */
  private samples: SingleLegSample[] = [];
  /** The free foot was down during the rep in progress. */
  private touchedDown = false;
  readonly completed: SingleLegRep[] = [];
  partials = 0;
  /** Trunk lean of recent single-leg standing frames, for the lean's standing reference. */
  private leanRun: { tMs: number; leanDeg: number }[] = [];
  private leanRef: { cal: Calibration; deg: number | null } | null = null;

  constructor(readonly leg: Side) {}

  get calibration(): Calibration | null {
    return this.calibrator.calibration;
  }

  /** A single-leg standing frame's trunk lean (kept over the standing reference window). */
  pushStandingLean(tMs: number, leanDeg: number | null): void {
    if (leanDeg !== null) this.leanRun.push({ tMs, leanDeg });
    trimToWindow(this.leanRun, tMs, STANDING_REF_WINDOW_MS);
  }

  /** Median trunk lean over the calibration's own still window, deg, or null before calibration. */
  trunkLeanReferenceDeg(): number | null {
    const cal = this.calibration;
    if (cal === null) return null;
    // Taken once per calibration (provisional, then final), while its still window is in leanRun.
    if (this.leanRef?.cal !== cal) {
      const run = this.leanRun.filter((s) => s.tMs >= cal.tMs - cal.stillMs && s.tMs <= cal.tMs);
      this.leanRef = { cal, deg: run.length === 0 ? null : median(run.map((s) => s.leanDeg)) };
    }
    return this.leanRef.deg;
  }

  get unscoredReasons(): UnscoredReason[] {
    const out: UnscoredReason[] = [];
    if (this.touchedDown) out.push('touch-down');
    if (this.hop.happened) out.push('hop');
    return out;
  }

  /** The rep in progress is still scored (no touch-down, no hop so far). */
  get scoredSoFar(): boolean {
    return !this.touchedDown && !this.hop.happened;
  }

  /** One frame of the rep in progress. */
  record(
    tMs: number,
    sample: SingleLegSample | null,
    freeFootDown: boolean,
    ankle: Vec2 | null,
    shankPx: number | null,
  ): void {
    if (freeFootDown) this.touchedDown = true;
    this.hop.push(tMs, ankle, shankPx);
    if (sample !== null) this.samples.push(sample);
  }

  /** Applies a rep transition; returns the rep completed on it, if any. */
  onTransition(
    t: RepTransition | null,
    ankle: Vec2 | null,
    freeFootDown: boolean,
    notes: readonly SingleLegNoteId[],
  ): SingleLegRep | null {
    if (t === null) return null;
    switch (t.type) {
      case 'start':
        this.calibrator.takeProvisional();
        this.samples = [];
        this.touchedDown = freeFootDown;
        this.hop.start(ankle);
        return null;
      case 'turn':
        return null;
      case 'complete': {
        const rep = buildSingleLegRep(this.leg, t.rep, this.samples, this.unscoredReasons, notes);
        this.completed.push(rep);
        this.samples = [];
        return rep;
      }
      case 'abandon':
        this.partials++;
        this.samples = [];
        return null;
      case 'cancel':
        this.samples = [];
        return null;
    }
  }
}
