/** Public API of the analysis core (pure: no DOM, no tfjs, no clock). */
export { sustainedPeak } from './set/summary';
export { SetAnalyzer, analyzeFrames, DEFAULT_ANALYZER_OPTIONS, type AnalyzerOptions } from './set/session';
export {
  CUE_TEXTS,
  CUE_IDS,
  CUE_RULES,
  FAULT_CUE_IDS,
  CueEngine,
  cueRule,
  depthLimit,
  bottomThighDeg,
  DEPTH_TARGETS,
  DEFAULT_DEPTH_TARGET,
  isDepthTarget,
  type DepthTarget,
  type CueRule,
  type CueUpdate,
} from './coaching/cues';
export {
  VIEW_METRICS,
  VIEW_HINTS,
  viewSupports,
  estimateFrameView,
  ViewTracker,
  type ViewEstimate,
} from './metrics/view';
export { OneEuroFilter, KeypointSmoother, DEFAULT_ONE_EURO, type OneEuroParams } from './pose/smoothing';
export { GatedPose, isUsable } from './pose/gating';
export { RepStateMachine, StandingReference, type RepTiming, type RepTransition } from './set/reps';
export { CalibrationDetector, isStandingPose } from './metrics/calibration';
export {
  computeRawMetrics,
  maskByView,
  fppaDeg,
  footPlaneValgus,
  centreOfMass,
  EMPTY_METRICS,
} from './metrics/metrics';
export type {
  View,
  Side,
  Sided,
  SidedMagnitude,
  MetricId,
  RepPhase,
  FrameMetrics,
  Calibration,
  CueEvent,
  CueId,
  Guidance,
  FrameAnalysis,
  RepSummary,
  SetSummary,
} from './types';
export {
  verdictOf,
  isFaultLive,
  isPast,
  VERDICTS,
  type Verdict,
  type Verdicts,
  type Limit,
} from './coaching/verdict';
export {
  setVerdict,
  FAULT_PHRASES,
  listOf,
  onReps,
  type SetVerdict,
  type SetVerdictFault,
} from './coaching/set-verdict';
export * as thresholds from './thresholds';
export * from './pose/keypoints';
export * from './math/units';
export * from './pose/pose-track';
export * from './format';
export {
  median,
  mean,
  medianOrNull,
  meanOrNull,
  maxOrNull,
  measured,
  mostFrequent,
  trimToWindow,
  pushBounded,
} from './math/stats';
export { SingleLegAnalyzer, analyzeSingleLeg, type SingleLegOptions } from './single-leg/analyzer';
export {
  SINGLE_LEG_NOTE_TEXTS,
  SINGLE_LEG_KNEE_INSIDE_LIMIT,
  SINGLE_LEG_PELVIC_DROP_LIMIT,
} from './single-leg/notes';
export { SCREENING_DISCLAIMER, summarizeLeg, leftRightDifference } from './single-leg/rating';
export type {
  SingleLegRep,
  SingleLegLegSummary,
  SingleLegSummary,
  SingleLegFrame,
  SingleLegNote,
  SingleLegNoteId,
  SingleLegRating,
  RatingItem,
  RatingGrade,
  LeftRightDifference,
  UnscoredReason,
} from './single-leg/types';
