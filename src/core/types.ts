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
  /** Knee flexion in the leg's own plane, deg (0 = straight): thigh plus shank angle from vertical. */
  readonly kneeFlexionDeg: Sided<number | null>;
  /** Thigh angle from vertical, deg (0 standing, 90 = thigh parallel to the floor). */
  readonly thighAngleDeg: Sided<number | null>;
  /** Hip descent below standing as a share of the standing hip→ankle extent (0 standing, ≈0.45 parallel). */
  readonly depthRatio: number | null;
  /** Hip midpoint lower in the image than the knee midpoint. */
  readonly hipBelowKnee: boolean | null;
  /**
   * Reported knee valgus: FPPA (Munro 2012) against the foot line, deg, + = knee toward the midline;
   * the image angle less the angle a knee tracking over its own foot shows from this camera. Null
   * when the thigh points at the camera (near parallel from the front): the inside-foot ratio then
   * stands alone.
   */
  readonly kneeValgusDeg: Sided<number | null>;
  /** Frontal plane projection angle, deg, + = knee medial of the hip–ankle line (raw, before blending). */
  readonly kneeFppaDeg: Sided<number | null>;
  /** Frontal tilt of the shank out of its foot's vertical plane relative to standing, deg, + = medial. */
  readonly kneeFootPlaneTiltDeg: Sided<number | null>;
  /** Knee inside its foot line: medial displacement from the foot's vertical plane vs standing / standing shank length, + = medial. Drives `knees-out`. */
  readonly kneeMedialDisplacementRatio: Sided<number | null>;
  /** 1 when the thigh shows enough of its length for FPPA to be reported, else 0. */
  readonly kneeFppaWeight: number | null;
  /** Knee separation / ankle separation (image x), < 1 = knees inside the ankles. */
  readonly kneeAnkleSeparationRatio: number | null;
  /** Pelvic obliquity vs standing (the second before this rep, else the set's calibration), deg, + = the person's left hip lower. */
  readonly hipDropDeg: number | null;
  /**
   * Size of the hip-line tilt that perspective alone produces when the hips descend with the body
   * turned off-axis (the near hip's image moves more), deg ≥ 0. It is taken off the drop toward the
   * hip the shoulder line shows perspective lowering (metrics/perspective.ts), or off whichever way
   * the drop goes until that is known.
   */
  readonly hipDropPerspectiveDeg: number | null;
  /** Pelvic drop vs standing with the perspective share removed, deg, + = the person's left hip lower. Drives `hips-level`. */
  readonly pelvicDropDeg: number | null;
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
  /** Standing shoulder-line tilt, deg, + = left shoulder lower in the image (the perspective reference). */
  readonly shoulderLineDeg: number | null;
  /** Standing shoulder midpoint height, image y px (y down). */
  readonly shoulderMidYPx: number | null;
  /** Standing pelvis shift over the feet, share of stance width. */
  readonly pelvisShiftRatio: number | null;
  readonly thighLengthPx: Sided<number | null>;
  readonly shankLengthPx: Sided<number | null>;
  /** Standing toe.y − heel.y per foot, px. */
  readonly heelToeDyPx: Sided<number | null>;
  readonly kneeAngleDeg: Sided<number | null>;
  /** Standing foot-plane knee tilt (static alignment + model bias), deg; subtracted from the dynamic measure. */
  readonly footPlaneTiltDeg: Sided<number | null>;
  /** Standing centre of mass along heel→toe in the image (raw, camera roll included), share of foot length; null without heels and toes. */
  readonly comAlongFootRatio: number | null;
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

export type Guidance = 'no-person' | 'low-confidence' | 'step-back' | 'turn' | 'move-closer' | null;

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
    /** Thigh angle from vertical at the bottom, shallower leg, deg (90 = parallel). */
    readonly thighAngleDeg: number | null;
    /** Knee flexion at the bottom, mean of the measured knees, deg. */
    readonly kneeFlexionDeg: number | null;
    /** The depth target the rep was judged against. */
    readonly target: 'parallel' | 'half' | 'any';
  };
  /** Knee FPPA against the foot line at peak knee flexion (bottom average), deg; null where the view cannot give it. */
  readonly kneeValgusDeg: Sided<number | null> | null;
  readonly kneeValgusPeakDeg: Sided<number | null> | null;
  /** Knee inside its foot line, sustained peak, share of shank length (drives `knees-out`). */
  readonly kneeInsideFootRatio: Sided<number | null> | null;
  readonly hipDropDeg: SidedMagnitude | null;
  readonly hipDropPeakDeg: SidedMagnitude | null;
  /** Pelvic drop vs standing with the perspective share removed, sustained peak over the cue dwell, deg, with the lower side (the value `hips-level` judges). */
  readonly pelvicDropDeg: SidedMagnitude | null;
  /** Lateral hip shift at the bottom vs standing: share of stance width and the side it moved toward. */
  readonly hipShift: { readonly ratio: number; readonly toward: Side } | null;
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
  /** Cues spoken in the rep, and every fault the rep's sustained values put past its limit. */
  readonly cues: readonly CueId[];
  /** Per cue: the rep's value (sustained over the cue dwell; for go-lower the bottom thigh angle) and its verdict. */
  readonly faults: Readonly<Partial<Record<CueId, RepFault>>>;
}

/** A rep's value for one cue and the core's verdict on it (verdict.ts). */
export interface RepFault {
  readonly value: number;
  readonly verdict: 'within' | 'near' | 'past';
}

export interface SetSummary {
  readonly view: View;
  /** The depth target reps were judged against. */
  readonly depthTarget: 'parallel' | 'half' | 'any';
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
