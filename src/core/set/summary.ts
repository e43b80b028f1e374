import { maxOrNull, meanOrNull, measured, mostFrequent } from '../math/stats';
import type { RepTiming } from './reps';
import {
  BOTTOM_AVERAGE_BAND_DEG,
  BOTTOM_DEPTH_BAND_RATIO,
  BOTTOM_SEARCH_DEPTH_RATIO,
  CUE_DWELL_MS,
} from '../thresholds';
import { bottomThighDeg, CUE_RULES, depthLimit, FAULT_CUE_IDS, type DepthTarget } from '../coaching/cues';
import { verdictOf } from '../coaching/verdict';
import type { CueId, FrameMetrics, RepFault, RepSummary, Sided, SidedMagnitude, View } from '../types';

/** What the recorder keeps of each frame of a rep (view-masked metrics). */
export interface RepSample {
  readonly tMs: number;
  readonly view: View;
  readonly metrics: FrameMetrics;
  /** Cues were live on this frame (feet settled, knees bent): only such frames can make a fault. */
  readonly live: boolean;
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

  build(timing: RepTiming, complete: boolean, depthTarget: DepthTarget): RepSummary {
    return buildRepSummary(timing, this.samples, this.cueIds, complete, depthTarget);
  }

  /** The rep's bottom thigh angle so far (shallower leg, averaged at the bottom), deg. */
  bottomThighDeg(): number | null {
    return meanOrNull(bottomSamples(this.samples).map((s) => bottomThighDeg(s.metrics)));
  }
}

const kneeMean = (m: FrameMetrics): number | null => meanOrNull([m.kneeAngleDeg.left, m.kneeAngleDeg.right]);
const sidedOrNull = (left: number | null, right: number | null): Sided<number | null> | null =>
  left === null && right === null ? null : { left, right };
const magnitude = (v: number | null): SidedMagnitude | null =>
  v === null ? null : { value: Math.abs(v), lowerSide: v >= 0 ? 'left' : 'right' };

/**
 * Frames "at the bottom": of the frames whose hip is within BOTTOM_SEARCH_DEPTH_RATIO of its lowest,
 * those within BOTTOM_AVERAGE_BAND_DEG of the deepest knee angle among them (peak knee flexion, the
 * clinical convention for FPPA); when no knee is seen there, those within BOTTOM_DEPTH_BAND_RATIO of
 * the lowest hip. A knee angle seen only higher up (knees hidden at the bottom, as from behind) does
 * not stand for the bottom.
 */
export function bottomSamples(samples: readonly RepSample[]): RepSample[] {
  const depths = measured(samples.map((s) => s.metrics.depthRatio));
  const deepest = depths.length === 0 ? null : Math.max(...depths);
  const near =
    (band: number) =>
    (s: RepSample): boolean =>
      deepest === null || (s.metrics.depthRatio !== null && s.metrics.depthRatio >= deepest - band);
  const deep = samples.filter(near(BOTTOM_SEARCH_DEPTH_RATIO));
  const knees = measured(deep.map((s) => kneeMean(s.metrics)));
  if (knees.length > 0) {
    const min = Math.min(...knees);
    return deep.filter((s) => {
      const k = kneeMean(s.metrics);
      return k !== null && k <= min + BOTTOM_AVERAGE_BAND_DEG;
    });
  }
  return deepest === null ? [] : deep.filter(near(BOTTOM_DEPTH_BAND_RATIO));
}

const round = (v: number | null, digits = 2): number | null =>
  v === null ? null : Number(v.toFixed(digits));
const roundSided = (s: Sided<number | null> | null, digits = 2): Sided<number | null> | null =>
  s === null ? null : { left: round(s.left, digits), right: round(s.right, digits) };
const roundMag = (s: SidedMagnitude | null, digits = 2): SidedMagnitude | null =>
  s === null ? null : { value: Number(s.value.toFixed(digits)), lowerSide: s.lowerSide };

/**
 * The highest value a cue's metric held for at least its dwell: the largest v such that the value
 * stayed ≥ v over a run of live frames spanning CUE_DWELL_MS. The cue engine fires on exactly such a
 * run, so a rep's value and its cue cannot disagree; a one-frame spike does not count.
 */
export function sustainedPeak(
  samples: readonly RepSample[],
  value: (m: FrameMetrics) => number | null,
  dwellMs = CUE_DWELL_MS,
): number | null {
  let best: number | null = null;
  let runStart = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as RepSample;
    const v = s.live ? value(s.metrics) : null;
    if (v === null) {
      runStart = i + 1;
      continue;
    }
    // The run of measured frames ending here; the window is its last dwellMs or more.
    let lo = v;
    for (let j = i - 1; j >= runStart; j--) {
      const sj = samples[j] as RepSample;
      if (s.tMs - (samples[j + 1] as RepSample).tMs >= dwellMs) break;
      lo = Math.min(lo, value(sj.metrics) as number);
      if (s.tMs - sj.tMs >= dwellMs && (best === null || lo > best)) best = lo;
    }
  }
  return best;
}

/**
 * The pelvic drop a rep held for the dwell, with its side: the larger of the sustained left-lower and
 * right-lower peaks (0 when it held neither). The `hips-level` verdict judges the same value, so the
 * review's figure and its mark cannot disagree.
 */
function sustainedDrop(samples: readonly RepSample[]): SidedMagnitude | null {
  const left = sustainedPeak(samples, (m) => m.pelvicDropDeg);
  const right = sustainedPeak(samples, (m) => (m.pelvicDropDeg === null ? null : -m.pelvicDropDeg));
  if (left === null || right === null) return null;
  return left >= right
    ? { value: Math.max(0, left), lowerSide: 'left' }
    : { value: Math.max(0, right), lowerSide: 'right' };
}

function repFaults(samples: readonly RepSample[]): Partial<Record<CueId, RepFault>> {
  const out: Partial<Record<CueId, RepFault>> = {};
  for (const rule of CUE_RULES) {
    if (!FAULT_CUE_IDS.includes(rule.id)) continue;
    const v = sustainedPeak(samples, rule.value);
    const verdict = verdictOf(rule, v);
    if (v !== null && verdict !== null) out[rule.id] = { value: Number(v.toFixed(3)), verdict };
  }
  return out;
}

export function buildRepSummary(
  timing: RepTiming,
  samples: readonly RepSample[],
  firedCues: readonly CueId[],
  complete: boolean,
  depthTarget: DepthTarget,
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
  const thigh = at(bottomThighDeg);
  const depthVerdict = verdictOf(depthLimit(depthTarget), thigh);
  const faults = repFaults(samples);
  if (thigh !== null && depthVerdict !== null)
    faults['go-lower'] = { value: Number(thigh.toFixed(1)), verdict: depthVerdict };
  // A rep's cues: those spoken during it, and every fault its sustained value put past the limit
  // (a cue can be held back by another showing or by its cooldown; the rep is judged all the same).
  const cues = [...firedCues];
  for (const [id, f] of Object.entries(faults) as [CueId, RepFault][])
    if (f.verdict === 'past' && !cues.includes(id)) cues.push(id);
  const kneeFlexion = at((m) => meanOrNull([m.kneeFlexionDeg.left, m.kneeFlexionDeg.right]));
  const shift = at((m) => m.pelvisShiftRatio);
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
      thighAngleDeg: round(thigh, 1),
      kneeFlexionDeg: round(kneeFlexion, 1),
      target: depthTarget,
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
    pelvicDropDeg: roundMag(sustainedDrop(samples)),
    kneeInsideFootRatio: roundSided(
      sidedOrNull(
        sustainedPeak(samples, (m) => m.kneeMedialDisplacementRatio.left),
        sustainedPeak(samples, (m) => m.kneeMedialDisplacementRatio.right),
      ),
      3,
    ),
    hipShift:
      shift === null
        ? null
        : { ratio: round(Math.abs(shift), 3) as number, toward: shift >= 0 ? 'left' : 'right' },
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
    cues,
    faults,
  };
}
