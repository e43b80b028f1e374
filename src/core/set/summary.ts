import { maxOrNull, meanOrNull, measured, mostFrequent } from '../math/stats';
import type { RepTiming } from './reps';
import { BOTTOM_AVERAGE_BAND_DEG } from '../thresholds';
import type { CueId, FrameMetrics, RepSummary, Sided, SidedMagnitude, View } from '../types';

/** What the recorder keeps of each frame of a rep (view-masked metrics). */
export interface RepSample {
  readonly tMs: number;
  readonly view: View;
  readonly metrics: FrameMetrics;
}

/** Collects the frames and cues of the rep in progress. */
export class RepRecorder {
  private samples: RepSample[] = [];
  private cueIds: CueId[] = [];

  add(sample: RepSample): void {
    this.samples.push(sample);
  }

  addCue(id: CueId): void {
    if (!this.cueIds.includes(id)) this.cueIds.push(id);
  }

  clear(): void {
    this.samples = [];
    this.cueIds = [];
  }

  build(timing: RepTiming, complete: boolean): RepSummary {
    return buildRepSummary(timing, this.samples, this.cueIds, complete);
  }
}

const kneeMean = (m: FrameMetrics): number | null => meanOrNull([m.kneeAngleDeg.left, m.kneeAngleDeg.right]);
const sidedOrNull = (left: number | null, right: number | null): Sided<number | null> | null =>
  left === null && right === null ? null : { left, right };
const magnitude = (v: number | null): SidedMagnitude | null =>
  v === null ? null : { value: Math.abs(v), lowerSide: v >= 0 ? 'left' : 'right' };

/** Frames "at the bottom": within BOTTOM_AVERAGE_BAND_DEG of the deepest knee flexion (or of the deepest hip if no knee angle). */
export function bottomSamples(samples: readonly RepSample[]): RepSample[] {
  const knees = measured(samples.map((s) => kneeMean(s.metrics)));
  if (knees.length > 0) {
    const min = Math.min(...knees);
    return samples.filter((s) => {
      const k = kneeMean(s.metrics);
      return k !== null && k <= min + BOTTOM_AVERAGE_BAND_DEG;
    });
  }
  const depths = measured(samples.map((s) => s.metrics.depthRatio));
  if (depths.length === 0) return [];
  const max = Math.max(...depths);
  return samples.filter((s) => s.metrics.depthRatio !== null && s.metrics.depthRatio >= max - 0.02);
}

const round = (v: number | null, digits = 2): number | null =>
  v === null ? null : Number(v.toFixed(digits));
const roundSided = (s: Sided<number | null> | null, digits = 2): Sided<number | null> | null =>
  s === null ? null : { left: round(s.left, digits), right: round(s.right, digits) };
const roundMag = (s: SidedMagnitude | null, digits = 2): SidedMagnitude | null =>
  s === null ? null : { value: Number(s.value.toFixed(digits)), lowerSide: s.lowerSide };

export function buildRepSummary(
  timing: RepTiming,
  samples: readonly RepSample[],
  cues: readonly CueId[],
  complete: boolean,
): RepSummary {
  const bottom = bottomSamples(samples);
  const at = (f: (m: FrameMetrics) => number | null): number | null =>
    meanOrNull(bottom.map((s) => f(s.metrics)));
  const peak = (f: (m: FrameMetrics) => number | null): number | null =>
    maxOrNull(samples.map((s) => f(s.metrics)));

  const view = mostFrequent(samples.map((s) => s.view)) ?? 'unknown';

  let hipDropPeak: number | null = null;
  for (const s of samples) {
    const v = s.metrics.hipDropDeg;
    if (v !== null && (hipDropPeak === null || Math.abs(v) > Math.abs(hipDropPeak))) hipDropPeak = v;
  }
  let pelvisPeak: number | null = null;
  for (const s of samples) {
    const v = s.metrics.pelvisShiftRatio;
    if (v !== null && (pelvisPeak === null || Math.abs(v) > Math.abs(pelvisPeak))) pelvisPeak = v;
  }
  const hipBelow = samples.map((s) => s.metrics.hipBelowKnee).filter((b): b is boolean => b !== null);
  const minKnee = samples.map((s) => kneeMean(s.metrics)).filter((k): k is number => k !== null);
  const bottomEnter = timing.bottomEnterMs ?? timing.deepestMs;
  const bottomExit = timing.bottomExitMs;

  return {
    index: timing.index,
    complete,
    startMs: timing.startMs,
    bottomMs: timing.deepestMs,
    endMs: timing.endMs,
    view,
    depth: {
      minKneeAngleDeg: round(minKnee.length === 0 ? null : Math.min(...minKnee), 1),
      hipBelowKnee: hipBelow.length === 0 ? null : hipBelow.some((b) => b),
      maxDepthRatio: round(timing.maxDepthRatio, 3),
    },
    kneeValgusDeg: roundSided(
      sidedOrNull(
        at((m) => m.kneeValgusDeg.left),
        at((m) => m.kneeValgusDeg.right),
      ),
    ),
    kneeValgusPeakDeg: roundSided(
      sidedOrNull(
        peak((m) => m.kneeValgusDeg.left),
        peak((m) => m.kneeValgusDeg.right),
      ),
    ),
    hipDropDeg: roundMag(magnitude(at((m) => m.hipDropDeg))),
    hipDropPeakDeg: roundMag(magnitude(hipDropPeak)),
    toeShiftRatio: round(
      at((m) => m.toeShiftRatio),
      3,
    ),
    toeShiftPeakRatio: round(
      peak((m) => m.toeShiftRatio),
      3,
    ),
    heelRisePeakRatio: round(
      peak((m) => m.heelRiseRatio),
      3,
    ),
    kneePastToesPeakRatio: round(
      peak((m) => m.kneePastToesRatio),
      3,
    ),
    shinAnglePeakDeg: round(peak((m) => m.shinAngleDeg)),
    pelvisShiftPeakRatio: round(pelvisPeak, 3),
    kneeAnkleSeparationRatio: round(
      at((m) => m.kneeAnkleSeparationRatio),
      3,
    ),
    trunkLeanDeg: round(at((m) => m.trunkLeanDeg)),
    trunkLeanPeakDeg: round(peak((m) => m.trunkLeanDeg)),
    asymmetry: {
      kneeAngleDeg: round(at((m) => m.kneeAngleAsymmetryDeg)),
      kneeValgusDeg: round(at((m) => m.kneeValgusAsymmetryDeg)),
    },
    tempo: {
      descentMs: Math.round(bottomEnter - timing.startMs),
      bottomMs: bottomExit === null ? 0 : Math.round(bottomExit - bottomEnter),
      ascentMs: timing.endMs === null || bottomExit === null ? null : Math.round(timing.endMs - bottomExit),
    },
    cues: [...cues],
  };
}
