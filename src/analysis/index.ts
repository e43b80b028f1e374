/** Public API of the analysis core (pure: no DOM, no tfjs, no clock). */
export { SetAnalyzer, analyzeFrames, DEFAULT_ANALYZER_OPTIONS, type AnalyzerOptions } from './session';
export {
  CUE_TEXTS,
  CUE_IDS,
  CUE_RULES,
  FAULT_CUE_IDS,
  CueEngine,
  type CueRule,
  type CueUpdate,
} from './cues';
export {
  VIEW_METRICS,
  VIEW_HINTS,
  viewSupports,
  estimateFrameView,
  ViewTracker,
  type ViewEstimate,
} from './view';
export { OneEuroFilter, KeypointSmoother, DEFAULT_ONE_EURO, type OneEuroParams } from './smoothing';
export { GatedPose, isUsable } from './gating';
export { RepStateMachine, StandingReference, type RepTiming, type RepTransition } from './reps';
export { CalibrationDetector, isStandingPose } from './calibration';
export {
  computeRawMetrics,
  maskByView,
  fppaDeg,
  footPlaneValgus,
  centreOfMass,
  EMPTY_METRICS,
} from './metrics';
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
export * as thresholds from './thresholds';
export * from './keypoints';
export * from './units';
export * from './pose-track';
