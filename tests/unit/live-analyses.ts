/**
 * Hand-built analyses for the live screen's pure state (the hands-free set flow and the live
 * session reducer): a calibrated person standing square to the camera, well placed, and the few
 * variants those rules look at. Only whether there are keypoints, the calibration and the counters
 * matter to them, so the numbers are plausible rather than measured.
 */
import type { Keypoints } from '../../src/core/pose/keypoints';
import { EMPTY_METRICS } from '../../src/core/metrics/metrics';
import type { Calibration, FrameAnalysis } from '../../src/core/types';
import { px } from '../../src/core/math/units';

/** Analysis frame interval of the hand-built sequences, ms (a 10 fps camera). */
export const FRAME_MS = 100;

/** A few keypoints of a person standing: the flow only looks at whether there are any. */
export const PERSON: Keypoints = {
  left_hip: { xPx: px(331), yPx: px(642), score: 0.95 },
  right_hip: { xPx: px(392), yPx: px(639), score: 0.94 },
  left_ankle: { xPx: px(336), yPx: px(1103), score: 0.91 },
  right_ankle: { xPx: px(387), yPx: px(1098), score: 0.9 },
};

export const CALIBRATION: Calibration = {
  tMs: 1000,
  stillMs: 1000,
  provisional: false,
  view: 'front',
  yawDeg: 0,
  hipAnkleExtentPx: 461,
  hipLineDeg: 0.4,
  shoulderLineDeg: 0.2,
  shoulderMidYPx: 200,
  pelvisShiftRatio: 0,
  thighLengthPx: { left: 231, right: 228 },
  shankLengthPx: { left: 229, right: 233 },
  heelToeDyPx: { left: 11, right: 9 },
  kneeAngleDeg: { left: 178, right: 177 },
  footPlaneTiltDeg: { left: 0, right: 0 },
  comAlongFootRatio: null,
};

/** A calibrated person standing square to the camera, well placed, no reps yet; override as needed. */
export const analysis = (overrides: Partial<FrameAnalysis> = {}): FrameAnalysis => ({
  tMs: 0,
  keypoints: PERSON,
  view: 'front',
  frameView: 'front',
  yawDeg: 0,
  metrics: EMPTY_METRICS,
  calibrated: true,
  calibration: CALIBRATION,
  phase: 'standing',
  repCount: 0,
  cue: null,
  cueEvent: null,
  guidance: null,
  ...overrides,
});

export const standing = (tMs: number, repCount: number): FrameAnalysis => analysis({ tMs, repCount });
export const away = (tMs: number, repCount: number): FrameAnalysis =>
  analysis({ tMs, repCount, keypoints: null, guidance: 'no-person', phase: 'unknown' });
export const uncalibrated = (tMs: number): FrameAnalysis =>
  analysis({ tMs, calibrated: false, calibration: null });
