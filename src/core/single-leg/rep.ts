/**
 * One single-leg rep's values at peak knee flexion of the stance leg: the mean over the frames within
 * BOTTOM_AVERAGE_BAND_DEG of the rep's deepest knee flexion (the squat's own "at the bottom"
 * convention; clinicians read FPPA at peak knee flexion, Munro 2012).
 */
import { meanOrNull } from '../math/stats';
import type { RepTiming } from '../set/reps';
import { BOTTOM_AVERAGE_BAND_DEG, KNEE_INSIDE_FOOT_FIRE_RATIO } from '../thresholds';
import type { Side } from '../types';
import type { StanceValues } from './measures';
import type { SingleLegNoteId, SingleLegRep, UnscoredReason } from './types';

/** What the check keeps of each frame of a rep. */
export interface SingleLegSample {
  readonly tMs: number;
  readonly depthRatio: number;
  readonly values: StanceValues;
  /** Lateral trunk lean vs single-leg standing, + toward the stance leg, deg. */
  readonly trunkLeanDeg: number | null;
}

export const roundTo = (v: number | null, digits: number): number | null =>
  v === null ? null : Number(v.toFixed(digits));

/** The frames at peak knee flexion, and the frame of the peak itself. */
function bottomOf(samples: readonly SingleLegSample[]): {
  band: SingleLegSample[];
  peak: SingleLegSample | null;
} {
  let peak: SingleLegSample | null = null;
  for (const s of samples) {
    const f = s.values.kneeFlexionDeg;
    if (f !== null && (peak === null || f > (peak.values.kneeFlexionDeg as number))) peak = s;
  }
  if (peak !== null) {
    const top = peak.values.kneeFlexionDeg as number;
    const band = samples.filter(
      (s) => s.values.kneeFlexionDeg !== null && s.values.kneeFlexionDeg >= top - BOTTOM_AVERAGE_BAND_DEG,
    );
    return { band, peak };
  }
  // No knee flexion (no calibration yet): the deepest frame by hip descent stands for the bottom.
  for (const s of samples) if (peak === null || s.depthRatio > peak.depthRatio) peak = s;
  return { band: peak === null ? [] : [peak], peak };
}

export function buildSingleLegRep(
  leg: Side,
  timing: RepTiming,
  samples: readonly SingleLegSample[],
  reasons: readonly UnscoredReason[],
  notes: readonly SingleLegNoteId[],
): SingleLegRep {
  const { band, peak } = bottomOf(samples);
  const at = (f: (s: SingleLegSample) => number | null): number | null => meanOrNull(band.map(f));
  const bottomMs = peak?.tMs ?? timing.deepestMs;
  const endMs = timing.endMs ?? bottomMs;
  const inside = at((s) => s.values.kneeInsideFootRatio);
  return {
    index: timing.index,
    leg,
    startMs: timing.startMs,
    bottomMs,
    endMs,
    scored: reasons.length === 0,
    unscoredReasons: [...reasons],
    fppaDeg: roundTo(
      at((s) => s.values.fppaDeg),
      1,
    ),
    fppaFootLineDeg: roundTo(
      at((s) => s.values.fppaFootLineDeg),
      1,
    ),
    kneeInsideFoot: inside === null ? null : inside > KNEE_INSIDE_FOOT_FIRE_RATIO,
    kneeInsideFootRatio: roundTo(inside, 3),
    pelvicDropDeg: roundTo(
      at((s) => s.values.pelvicDropDeg),
      1,
    ),
    trunkLeanDeg: roundTo(
      at((s) => s.trunkLeanDeg),
      1,
    ),
    kneeFlexionDeg: roundTo(
      at((s) => s.values.kneeFlexionDeg),
      1,
    ),
    maxDepthRatio: roundTo(timing.maxDepthRatio, 3) as number,
    timeToBottomMs: Math.round(bottomMs - timing.startMs),
    timeBackMs: Math.round(endMs - bottomMs),
    notes: [...notes],
  };
}
