/**
 * Per-leg means and spread, the left–right difference, and a plain-language rating modelled on the
 * lateral step-down score (Piva 2006): arm strategy, trunk lean, pelvis not level, knee inside the
 * 2nd toe / the foot, unsteadiness; 0–1 good, 2–3 moderate, ≥ 4 poor. Anchors: FPPA ≈ 8 ± 5° without
 * knee pain vs ≈ 17 ± 5° with patellofemoral pain (Herrington 2014); smallest real difference
 * 7.5–9° (Munro 2012). Always a screening result, never a diagnosis.
 */
import { mean, measured } from '../math/stats';
import {
  HIPS_LEVEL_FIRE_DEG,
  KNEE_INSIDE_FOOT_CLEAR_RATIO,
  KNEE_INSIDE_FOOT_FIRE_RATIO,
  SINGLE_LEG_FPPA_PAIN_FREE_MEAN_DEG,
  SINGLE_LEG_FPPA_PFP_MEAN_DEG,
  SINGLE_LEG_FPPA_REAL_CHANGE_MAX_DEG,
  SINGLE_LEG_FPPA_REAL_CHANGE_MIN_DEG,
  SINGLE_LEG_KNEE_ONE_POINT_FPPA_DEG,
  SINGLE_LEG_KNEE_TWO_POINTS_FPPA_DEG,
  SINGLE_LEG_MIN_SCORED_REPS,
  SINGLE_LEG_PELVIC_DROP_REAL_CHANGE_DEG,
  SINGLE_LEG_RATING_GOOD_MAX_POINTS,
  SINGLE_LEG_RATING_MODERATE_MAX_POINTS,
  SINGLE_LEG_TRUNK_LEAN_LIMIT_DEG,
} from '../thresholds';
import type { Side } from '../types';
import { roundTo } from './rep';
import type {
  LeftRightDifference,
  RatingGrade,
  RatingItem,
  SingleLegLegSummary,
  SingleLegRating,
  SingleLegRep,
  SingleLegSummary,
} from './types';

export const SCREENING_DISCLAIMER =
  'A screening result from 2D video, not a diagnosis. If your knee or hip hurts, see a physiotherapist or doctor.';

/** Points per item (Piva 2006); arm strategy is not assessed (the protocol has hands on hips). */
const ITEM_MAX_POINTS = { trunk: 1, pelvis: 1, knee: 2, steadiness: 1 } as const;
const ALL_POINTS =
  ITEM_MAX_POINTS.trunk + ITEM_MAX_POINTS.pelvis + ITEM_MAX_POINTS.knee + ITEM_MAX_POINTS.steadiness;

type Basis = SingleLegSummary['fppaBasis'];

/** Sample standard deviation (n − 1), or null with fewer than two values. */
function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((acc, x) => acc + (x - m) ** 2, 0) / (xs.length - 1));
}

const fppaOf = (r: SingleLegRep, basis: Basis): number | null =>
  basis === 'image' ? r.fppaDeg : r.fppaFootLineDeg;

const meanOf = (xs: readonly (number | null)[]): number | null => {
  const v = measured(xs);
  return v.length === 0 ? null : mean(v);
};

function kneePoints(fppaDeg: number | null, insideRatio: number | null): number {
  const fppa = fppaDeg ?? -Infinity;
  const inside = insideRatio ?? -Infinity;
  if (fppa >= SINGLE_LEG_KNEE_TWO_POINTS_FPPA_DEG || inside > KNEE_INSIDE_FOOT_FIRE_RATIO) return 2;
  if (fppa > SINGLE_LEG_KNEE_ONE_POINT_FPPA_DEG || inside > KNEE_INSIDE_FOOT_CLEAR_RATIO) return 1;
  return 0;
}

const gradeOf = (points: number): RatingGrade =>
  points <= SINGLE_LEG_RATING_GOOD_MAX_POINTS
    ? 'good'
    : points <= SINGLE_LEG_RATING_MODERATE_MAX_POINTS
      ? 'moderate'
      : 'poor';

const f0 = (v: number): string => `${Math.round(v)}°`;

function rateLeg(
  leg: Side,
  s: Omit<SingleLegLegSummary, 'rating'>,
  fppaMean: number | null,
  basis: Basis,
): SingleLegRating {
  const name = leg === 'left' ? 'Left leg' : 'Right leg';
  // Off-axis, a forward trunk lean shows as a sideways one: the trunk item is then not assessed.
  const trunkAssessed = basis === 'image';
  const maxPoints = trunkAssessed ? ALL_POINTS : ALL_POINTS - ITEM_MAX_POINTS.trunk;
  if (s.scoredReps < SINGLE_LEG_MIN_SCORED_REPS) {
    return {
      grade: 'not-rated',
      points: null,
      maxPoints,
      items: [],
      text: `${name}: not rated — ${s.scoredReps} scored rep(s), ${SINGLE_LEG_MIN_SCORED_REPS} needed. ${SCREENING_DISCLAIMER}`,
    };
  }
  const trunk = s.trunkLeanMeanDeg;
  const pelvis = s.pelvicDropMeanDeg;
  const knee = kneePoints(fppaMean, s.kneeInsideFootRatioMean);
  const unscored = s.repCount - s.scoredReps;
  const fppaWord = basis === 'image' ? 'FPPA' : 'FPPA against the foot line';
  const items: RatingItem[] = [
    { item: 'arm-strategy', points: null, value: null, text: 'Arm strategy: not assessed (hands on hips).' },
    {
      item: 'trunk-lean',
      points: !trunkAssessed
        ? null
        : trunk !== null && Math.abs(trunk) > SINGLE_LEG_TRUNK_LEAN_LIMIT_DEG
          ? ITEM_MAX_POINTS.trunk
          : 0,
      value: trunk,
      text: !trunkAssessed
        ? 'Trunk lean: not assessed (filmed off-axis, where leaning forward looks like leaning sideways).'
        : trunk === null
          ? 'Trunk lean: not measured.'
          : `Trunk lean ${f0(trunk)} ${trunk >= 0 ? 'toward' : 'away from'} the standing leg (visible past ${f0(SINGLE_LEG_TRUNK_LEAN_LIMIT_DEG)}).`,
    },
    {
      item: 'pelvis',
      points: pelvis !== null && Math.abs(pelvis) > HIPS_LEVEL_FIRE_DEG ? ITEM_MAX_POINTS.pelvis : 0,
      value: pelvis,
      text:
        pelvis === null
          ? 'Pelvis: not measured.'
          : `Pelvis ${pelvis >= 0 ? 'drops' : 'rises'} ${f0(Math.abs(pelvis))} on the lifted side (not level past ${f0(HIPS_LEVEL_FIRE_DEG)}).`,
    },
    {
      item: 'knee',
      points: knee,
      value: fppaMean,
      text:
        fppaMean === null
          ? 'Knee: FPPA not measured.'
          : `Knee: ${fppaWord} ${f0(fppaMean)}${knee === 2 ? ', inside the foot' : knee === 1 ? ', inside the 2nd toe' : ', over the foot'} (about ${f0(SINGLE_LEG_FPPA_PAIN_FREE_MEAN_DEG)} without knee pain, ${f0(SINGLE_LEG_FPPA_PFP_MEAN_DEG)} with kneecap pain; Herrington 2014).`,
    },
    {
      item: 'steadiness',
      points: unscored > 0 ? ITEM_MAX_POINTS.steadiness : 0,
      value: unscored,
      text:
        unscored > 0
          ? `Unsteady: the lifted foot touched down or the foot hopped in ${unscored} rep(s).`
          : 'Steady: no touch-down or hop.',
    },
  ];
  const points = items.reduce((acc, i) => acc + (i.points ?? 0), 0);
  const grade = gradeOf(points);
  const flagged = items.filter((i) => (i.points ?? 0) > 0).map((i) => i.item.replace('-', ' '));
  const control = { good: 'good', moderate: 'moderate', poor: 'poor', 'not-rated': '' }[grade];
  const why = flagged.length === 0 ? 'nothing flagged' : `flagged: ${flagged.join(', ')}`;
  return {
    grade,
    points,
    maxPoints,
    items,
    text: `${name}: ${control} hip and knee control on this screen (${points} of ${maxPoints} points; ${why}). ${SCREENING_DISCLAIMER}`,
  };
}

/** A leg's reps summarised on the check's FPPA basis. */
export function summarizeLeg(
  leg: Side,
  reps: readonly SingleLegRep[],
  partialReps: number,
  calibrated: boolean,
  basis: Basis,
): SingleLegLegSummary {
  // Off-axis a forward trunk lean shows as a sideways one (~21° on the banded-derived reps): the
  // frontal trunk lean is only reported when filmed square-on.
  const shown = basis === 'image' ? [...reps] : reps.map((r) => ({ ...r, trunkLeanDeg: null }));
  const scored = shown.filter((r) => r.scored);
  const fppa = measured(scored.map((r) => fppaOf(r, basis)));
  const drop = measured(scored.map((r) => r.pelvicDropDeg));
  const fppaMean = fppa.length === 0 ? null : mean(fppa);
  const base = {
    leg,
    calibrated,
    repCount: reps.length,
    scoredReps: scored.length,
    partialReps,
    reps: shown,
    fppaMeanDeg: roundTo(fppaMean, 1),
    fppaSdDeg: roundTo(sampleSd(fppa), 1),
    pelvicDropMeanDeg: roundTo(drop.length === 0 ? null : mean(drop), 1),
    pelvicDropSdDeg: roundTo(sampleSd(drop), 1),
    trunkLeanMeanDeg: roundTo(meanOf(scored.map((r) => r.trunkLeanDeg)), 1),
    kneeFlexionMeanDeg: roundTo(meanOf(scored.map((r) => r.kneeFlexionDeg)), 1),
    kneeInsideFootRatioMean: roundTo(meanOf(scored.map((r) => r.kneeInsideFootRatio)), 3),
  };
  return { ...base, rating: rateLeg(leg, base, fppaMean, basis) };
}

/** Left − right of the per-leg means, judged against the smallest real difference (Munro 2012). */
export function leftRightDifference(
  left: SingleLegLegSummary,
  right: SingleLegLegSummary,
): LeftRightDifference {
  const diff = (a: number | null, b: number | null): number | null =>
    a === null || b === null ? null : roundTo(a - b, 1);
  const fppa = diff(left.fppaMeanDeg, right.fppaMeanDeg);
  // Drops are compared, a raised free side counting as no drop: an image bias that tilts the hip line
  // one way reads as a rise on one leg and a drop on the other, and their signed difference doubles it.
  const dropOf = (v: number | null): number | null => (v === null ? null : Math.max(0, v));
  const drop = diff(dropOf(left.pelvicDropMeanDeg), dropOf(right.pelvicDropMeanDeg));
  const fppaVerdict =
    fppa === null
      ? null
      : Math.abs(fppa) < SINGLE_LEG_FPPA_REAL_CHANGE_MIN_DEG
        ? 'within-error'
        : Math.abs(fppa) <= SINGLE_LEG_FPPA_REAL_CHANGE_MAX_DEG
          ? 'borderline'
          : 'real';
  const pelvicDropVerdict =
    drop === null ? null : Math.abs(drop) > SINGLE_LEG_PELVIC_DROP_REAL_CHANGE_DEG ? 'real' : 'within-error';
  const range = `${SINGLE_LEG_FPPA_REAL_CHANGE_MIN_DEG}–${SINGLE_LEG_FPPA_REAL_CHANGE_MAX_DEG}°`;
  const fppaText =
    fppa === null
      ? 'FPPA of both legs is needed to compare them.'
      : fppaVerdict === 'within-error'
        ? `The knees' FPPA differs by ${Math.abs(fppa)}° between legs: within the ${range} a re-test can differ by (Munro 2012).`
        : fppaVerdict === 'borderline'
          ? `The knees' FPPA differs by ${Math.abs(fppa)}° between legs: at the edge of the ${range} a re-test can differ by (Munro 2012).`
          : `The ${fppa > 0 ? 'left' : 'right'} knee's FPPA is ${Math.abs(fppa)}° higher: more than the ${range} a re-test can differ by (Munro 2012).`;
  const dropText =
    drop === null
      ? ''
      : pelvicDropVerdict === 'real'
        ? ` The pelvis drops ${Math.abs(drop)}° more standing on the ${drop > 0 ? 'left' : 'right'} leg.`
        : '';
  return { fppaDeg: fppa, pelvicDropDeg: drop, fppaVerdict, pelvicDropVerdict, text: fppaText + dropText };
}
