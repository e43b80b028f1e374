import type { Keypoints } from './pose/keypoints';

/** Camera view of the person, decided from the keypoints (see view.ts). */
export type View = 'front' | 'rear' | 'side' | 'oblique' | 'unknown';
export type Side = 'left' | 'right';

/** A per-side pair; either side may be null (gated, or not measurable). */
export interface Sided<T> {
  readonly left: T;
  readonly right: T;
}

/** A sided scalar reported as magnitude and the side it favours (for hip drop: the lower hip). */
export interface SidedMagnitude {
  /** Magnitude, ≥ 0. */
  readonly value: number;
  readonly lowerSide: Side;
}

/** Ids of the metrics, used for view support, cue events and the UI. */
export type MetricId =
  | 'kneeValgus'
  | 'kneeAnkleSeparation'
  | 'hipDrop'
  | 'pelvisShift'
  | 'toeShift'
  | 'heelRise'
  | 'kneePastToes'
  | 'shinAngle'
  | 'kneeAngle'
  | 'hipBelowKnee'
  | 'depth'
  | 'trunkLean'
  | 'asymmetry'
  | 'tempo';

export type RepPhase = 'unknown' | 'standing' | 'descending' | 'bottom' | 'ascending';

/**
 * Metrics of one frame. Every value is null when the keypoints it needs are gated (low score, out of
 * frame, not produced by the model) or when the current view cannot measure it. Units are in the
 * names; sign conventions are in docs/metrics.md.
 */
export interface FrameMetrics {
  /** 2D knee angle hip–knee–ankle, deg (180 = straight). */
  readonly kneeAngleDeg: Sided<number | null>;
  /** Hip descent below standing as a share of the standing hip→ankle extent (0 standing, ≈0.45 parallel). */
  readonly depthRatio: number | null;
  /** Hip midpoint lower in the image than the knee midpoint. */
  readonly hipBelowKnee: boolean | null;
  /** Reported knee valgus, deg, + = knee toward the midline: FPPA blended into the foot-plane tilt. */
  readonly kneeValgusDeg: Sided<number | null>;
  /** Frontal plane projection angle, deg, + = knee medial of the hip–ankle line (raw, before blending). */
  readonly kneeFppaDeg: Sided<number | null>;
  /** Frontal tilt of the shank out of its foot's vertical plane relative to standing, deg, + = medial. */
  readonly kneeFootPlaneTiltDeg: Sided<number | null>;
  /** Knee's medial displacement from its foot's vertical plane / standing shank length, + = medial. */
  readonly kneeMedialDisplacementRatio: Sided<number | null>;
  /** Weight of FPPA in kneeValgusDeg (0–1), from thigh foreshortening and yaw. */
  readonly kneeFppaWeight: number | null;
  /** Knee separation / ankle separation (image x), < 1 = knees inside the ankles. */
  readonly kneeAnkleSeparationRatio: number | null;
  /** Pelvic obliquity vs standing calibration, deg, + = the person's left hip lower. */
  readonly hipDropDeg: number | null;
  /**
   * Bound on the hip-line tilt that perspective alone produces when the hips descend with the body
   * turned off-axis (the far hip's image rises relative to the near one), deg ≥ 0; `hips-level` only
   * counts hip drop beyond it.
   */
  readonly hipDropPerspectiveDeg: number | null;
  /** Pelvis midpoint shift over the feet vs standing, share of stance width, + = toward the person's left. */
  readonly pelvisShiftRatio: number | null;
  /** Centre of mass along heel (0) → toe (1) (side view). */
  readonly toeShiftRatio: number | null;
  /** Heel rise vs standing, share of standing shank length, + = heel up; the smaller of the two feet (both heels rise together). */
  readonly heelRiseRatio: number | null;
  /** Knee ahead of the toes, share of foot length, + = past the toes (side view). */
  readonly kneePastToesRatio: number | null;
  /** Shank angle from vertical, deg, + = knee ahead of the ankle (side view). */
  readonly shinAngleDeg: number | null;
  /** Trunk (hip midpoint → shoulder midpoint) angle from vertical, deg (side view). */
  readonly trunkLeanDeg: number | null;
  /** |left − right| knee angle, deg. */
  readonly kneeAngleAsymmetryDeg: number | null;
  /** |left − right| knee valgus, deg. */
  readonly kneeValgusAsymmetryDeg: number | null;
}

/** Standing calibration, taken from the first still second of standing. */
export interface Calibration {
  /** Time the calibration was taken (end of the still window), ms. */
  readonly tMs: number;
  /** Length of the still window it was averaged over, ms. */
  readonly stillMs: number;
  /** True when taken from a shorter still run because the first rep started sooner; replaced once. */
  readonly provisional: boolean;
  /** View while standing. */
  readonly view: View;
  /** Estimated yaw of the body from the camera axis while standing, deg (0 square, 90 side). */
  readonly yawDeg: number | null;
  /** Standing hip→ankle vertical extent, px. */
  readonly hipAnkleExtentPx: number;
  /** Standing pelvic obliquity, deg, + = left hip lower in the image. */
  readonly hipLineDeg: number | null;
  /** Standing pelvis shift over the feet, share of stance width. */
  readonly pelvisShiftRatio: number | null;
  readonly thighLengthPx: Sided<number | null>;
  readonly shankLengthPx: Sided<number | null>;
  /** Standing toe.y − heel.y per foot, px. */
  readonly heelToeDyPx: Sided<number | null>;
  readonly kneeAngleDeg: Sided<number | null>;
  /** Standing foot-plane knee tilt (static alignment + model bias), deg; subtracted from the dynamic measure. */
  readonly footPlaneTiltDeg: Sided<number | null>;
}

/** A cue event: fired once, recorded with what triggered it. */
export interface CueEvent {
  readonly tMs: number;
  readonly id: CueId;
  readonly text: string;
  /** 1-based index of the rep in progress, or null if outside a rep. */
  readonly rep: number | null;
  readonly metric: MetricId;
  readonly value: number;
}

export type CueId = 'knees-out' | 'hips-back' | 'hips-level' | 'go-lower' | 'chest-up' | 'heels-down';

export type Guidance = 'no-person' | 'low-confidence' | 'step-back' | 'turn' | null;

/** What the analyser returns for every frame. Plain data (JSON-serialisable). */
export interface FrameAnalysis {
  readonly tMs: number;
  /** Smoothed keypoints, for drawing (same pixel space as the input); null when nobody is in view. */
  readonly keypoints: Keypoints | null;
  /** View reported for the set-up (pooled over recent frames). */
  readonly view: View;
  /** This frame's own view estimate. */
  readonly frameView: View;
  /** Estimated body yaw from the camera axis, deg (0 square on, 90 side), or null. */
  readonly yawDeg: number | null;
  readonly metrics: FrameMetrics;
  readonly calibrated: boolean;
  readonly calibration: Calibration | null;
  readonly phase: RepPhase;
  /** Completed reps so far. */
  readonly repCount: number;
  /** The cue on screen, or null. */
  readonly cue: { readonly id: CueId; readonly text: string } | null;
  /** A cue event that fired on this frame, or null. */
  readonly cueEvent: CueEvent | null;
  readonly guidance: Guidance;
}

/** Per-rep summary (complete or partial). */
export interface RepSummary {
  /** 1-based. */
  readonly index: number;
  readonly complete: boolean;
  readonly startMs: number;
  readonly bottomMs: number;
  /** null for a partial rep. */
  readonly endMs: number | null;
  readonly view: View;
  readonly depth: {
    readonly minKneeAngleDeg: number | null;
    readonly hipBelowKnee: boolean | null;
    readonly maxDepthRatio: number | null;
  };
  readonly kneeValgusDeg: Sided<number | null> | null;
  readonly kneeValgusPeakDeg: Sided<number | null> | null;
  readonly hipDropDeg: SidedMagnitude | null;
  readonly hipDropPeakDeg: SidedMagnitude | null;
  readonly toeShiftRatio: number | null;
  readonly toeShiftPeakRatio: number | null;
  readonly heelRisePeakRatio: number | null;
  readonly kneePastToesPeakRatio: number | null;
  readonly shinAnglePeakDeg: number | null;
  readonly pelvisShiftPeakRatio: number | null;
  readonly kneeAnkleSeparationRatio: number | null;
  readonly trunkLeanDeg: number | null;
  readonly trunkLeanPeakDeg: number | null;
  readonly asymmetry: { readonly kneeAngleDeg: number | null; readonly kneeValgusDeg: number | null };
  readonly tempo: { readonly descentMs: number; readonly bottomMs: number; readonly ascentMs: number | null };
  readonly cues: readonly CueId[];
}

export interface SetSummary {
  readonly view: View;
  readonly repCount: number;
  readonly partialReps: number;
  /** Complete reps. */
  readonly reps: readonly RepSummary[];
  /** Reps that were started but not finished (in progress at the end, or abandoned). */
  readonly partials: readonly RepSummary[];
  readonly cues: readonly CueEvent[];
  readonly calibration: Calibration | null;
  readonly frames: { readonly total: number; readonly withPerson: number; readonly analysed: number };
  readonly durationMs: number;
  /** Share of person frames per view. */
  readonly viewShares: Readonly<Partial<Record<View, number>>>;
}
