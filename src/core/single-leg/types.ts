/**
 * Output of the single-leg squat check (issue 9). Plain data (JSON-serialisable). Angles in degrees,
 * times in ms, ratios as shares of the stance shank length; sign conventions in docs/metrics.md
 * ("Single-leg squat check").
 */
import type { Keypoints } from '../pose/keypoints';
import type { Calibration, RepPhase, Side, Sided, View } from '../types';

/** Why a rep is not scored. */
export type UnscoredReason = 'touch-down' | 'hop';

/** One single-leg rep, measured at peak knee flexion of the stance leg. */
export interface SingleLegRep {
  /** 1-based, per leg. */
  readonly index: number;
  /** The stance (standing) leg. */
  readonly leg: Side;
  readonly startMs: number;
  /** Time of peak knee flexion of the stance leg. */
  readonly bottomMs: number;
  readonly endMs: number;
  /** False when the lifted foot touched down or the stance foot hopped during the rep. */
  readonly scored: boolean;
  readonly unscoredReasons: readonly UnscoredReason[];
  /** Image FPPA of the stance knee (Willson & Davis 2008, Munro 2012), + = knee medial of hip→ankle. */
  readonly fppaDeg: number | null;
  /** FPPA against the foot line (the image angle less a knee tracking over its own foot; docs/metrics.md). */
  readonly fppaFootLineDeg: number | null;
  /** Knee past the medial border of the foot (KNEE_INSIDE_FOOT_FIRE_RATIO). */
  readonly kneeInsideFoot: boolean | null;
  /** Knee inside its foot line vs single-leg standing, share of shank length, + = medial. */
  readonly kneeInsideFootRatio: number | null;
  /** Contralateral pelvic drop vs single-leg standing, perspective allowance removed, + = free side lower. */
  readonly pelvicDropDeg: number | null;
  /** Lateral trunk lean vs single-leg standing, + = toward the stance leg; null unless filmed square-on (`fppaBasis` 'image'). */
  readonly trunkLeanDeg: number | null;
  /** Knee flexion of the stance leg (thigh + shank angle from vertical). */
  readonly kneeFlexionDeg: number | null;
  /** Stance hip descent below single-leg standing, share of the standing stance hip→ankle extent. */
  readonly maxDepthRatio: number;
  readonly timeToBottomMs: number;
  readonly timeBackMs: number;
  /** Live notes spoken during the rep. */
  readonly notes: readonly SingleLegNoteId[];
}

/** One item of the lateral step-down score (Piva 2006) as this check measures it. */
export interface RatingItem {
  readonly item: 'arm-strategy' | 'trunk-lean' | 'pelvis' | 'knee' | 'steadiness';
  /** Points scored; null when the item is not assessed (arm strategy: hands on hips). */
  readonly points: number | null;
  /** The measured value the item was scored on (deg, or unscored reps for steadiness), or null. */
  readonly value: number | null;
  readonly text: string;
}

export type RatingGrade = 'good' | 'moderate' | 'poor' | 'not-rated';

/** The plain-language screening rating of one leg. */
export interface SingleLegRating {
  readonly grade: RatingGrade;
  /** Sum of the assessed items' points, or null when not rated. */
  readonly points: number | null;
  /** Most points the assessed items can give (arm strategy is not assessed). */
  readonly maxPoints: number;
  readonly items: readonly RatingItem[];
  /** Plain-language result, always worded as a screening result. */
  readonly text: string;
}

/** Per-leg result: the reps and the mean and spread (sample SD) of the scored ones. */
export interface SingleLegLegSummary {
  readonly leg: Side;
  /** A single-leg standing calibration was taken for this leg. */
  readonly calibrated: boolean;
  readonly repCount: number;
  readonly scoredReps: number;
  /** Reps begun but not finished (the person switched legs or was lost mid-rep). */
  readonly partialReps: number;
  readonly reps: readonly SingleLegRep[];
  /** Mean FPPA of the scored reps on the check's `fppaBasis`. */
  readonly fppaMeanDeg: number | null;
  readonly fppaSdDeg: number | null;
  readonly pelvicDropMeanDeg: number | null;
  readonly pelvicDropSdDeg: number | null;
  readonly trunkLeanMeanDeg: number | null;
  readonly kneeFlexionMeanDeg: number | null;
  readonly kneeInsideFootRatioMean: number | null;
  readonly rating: SingleLegRating;
}

/** Left–right difference of the per-leg means, judged against the smallest real difference. */
export interface LeftRightDifference {
  /** Left mean − right mean, on the check's FPPA basis. */
  readonly fppaDeg: number | null;
  /** Left − right contralateral pelvic drop, each leg's raised free side counted as 0. */
  readonly pelvicDropDeg: number | null;
  /** FPPA difference below 7.5° / between 7.5 and 9° / above 9° (Munro 2012). */
  readonly fppaVerdict: 'within-error' | 'borderline' | 'real' | null;
  readonly pelvicDropVerdict: 'within-error' | 'real' | null;
  readonly text: string;
}

export type SingleLegNoteId = 'knee-inside-foot' | 'pelvis-drop';

/** A sparse live note (spoken during the check). */
export interface SingleLegNote {
  readonly tMs: number;
  readonly id: SingleLegNoteId;
  readonly text: string;
  readonly leg: Side;
  /** 1-based rep of that leg. */
  readonly rep: number;
  /** The value that held past its limit for the dwell (ratio or deg). */
  readonly value: number;
}

/** What the check returns for every frame. */
export interface SingleLegFrame {
  readonly tMs: number;
  readonly keypoints: Keypoints | null;
  readonly view: View;
  /** The leg standing (the lower ankle once the other foot was clearly lifted), or null. */
  readonly stance: Side | null;
  /** The free foot is off the floor. */
  readonly freeFootLifted: boolean;
  /** The stance leg has its single-leg standing calibration. */
  readonly calibrated: boolean;
  readonly phase: RepPhase;
  /** Completed reps per leg so far. */
  readonly repCount: Sided<number>;
  /** This frame's stance-leg values (null when not measured). */
  readonly fppaDeg: number | null;
  readonly kneeInsideFootRatio: number | null;
  readonly pelvicDropDeg: number | null;
  readonly kneeFlexionDeg: number | null;
  readonly note: SingleLegNote | null;
}

/** The whole check. */
export interface SingleLegSummary {
  readonly test: 'single-leg-squat';
  /** Which FPPA the means and ratings use: the image angle when filmed square-on, else the foot-line one. */
  readonly fppaBasis: 'image' | 'foot-line';
  readonly view: View;
  readonly legs: Sided<SingleLegLegSummary>;
  readonly difference: LeftRightDifference;
  readonly notes: readonly SingleLegNote[];
  readonly calibration: Sided<Calibration | null>;
  readonly durationMs: number;
  readonly disclaimer: string;
}
