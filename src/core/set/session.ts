import { footOf, kneeAngleDeg, pairMid, pt } from '../pose/body';
import { isStandingPose, CalibrationDetector } from '../metrics/calibration';
import {
  CUE_RULES,
  CUE_TEXTS,
  CueEngine,
  DEFAULT_DEPTH_TARGET,
  depthLimit,
  type DepthTarget,
} from '../coaching/cues';
import { verdictOf } from '../coaching/verdict';
import { SquatGate } from './squat-gate';
import { guidanceFor } from './guidance';
import { frameSize, GatedPose } from '../pose/gating';
import { dist } from '../math/geometry';
import type { Keypoints, PoseFrame } from '../pose/keypoints';
import { comAlongFoot, computeRawMetrics, EMPTY_METRICS, hipLineDeg, maskByView } from '../metrics/metrics';
import { PerspectiveTiltSign } from '../metrics/perspective';
import { RepStandingReference } from '../metrics/rep-standing-reference';
import { RepStateMachine, StandingReference, type RepTransition } from './reps';
import { DEFAULT_ONE_EURO, KeypointSmoother, type OneEuroParams } from '../pose/smoothing';
import { RepRecorder } from './summary';
import {
  IDENTITY_JUMP_RATIO,
  IDENTITY_JUMP_RATIO_PER_S,
  IDENTITY_SWITCH_CONFIRM_MS,
  MIN_KEYPOINT_SCORE,
  PLANTED_FOOT_HOLD_MS,
  REP_DESCENT_DEPTH_RATIO,
} from '../thresholds';
import type { CueEvent, CueId, FrameAnalysis, Guidance, RepSummary, SetSummary, Sided } from '../types';
import { estimateFrameView, ViewTracker } from '../metrics/view';
import { KEYPOINT_NAMES, type KeypointName } from '../pose/keypoints';
import type { Vec2 } from '../math/geometry';

export interface AnalyzerOptions {
  /** Keypoint score below which a keypoint is ignored. Defaults to MIN_KEYPOINT_SCORE (0.5). */
  readonly minKeypointScore: number;
  /** One Euro filter parameters; `null` turns smoothing off. Defaults to DEFAULT_ONE_EURO. */
  readonly oneEuro: OneEuroParams | null;
  /** Cue texts (e.g. translated). Defaults to CUE_TEXTS. */
  readonly cueTexts: Readonly<Record<CueId, string>>;
  /** How deep a rep must go before `go-lower` stays quiet. Defaults to DEFAULT_DEPTH_TARGET ('parallel'). */
  readonly depthTarget: DepthTarget;
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = {
  minKeypointScore: MIN_KEYPOINT_SCORE,
  oneEuro: DEFAULT_ONE_EURO,
  cueTexts: CUE_TEXTS,
  depthTarget: DEFAULT_DEPTH_TARGET,
};

/**
 * The whole analysis of one set, one frame at a time: smoothing → gating → view → calibration →
 * metrics → reps → cues. Pure and deterministic: time only arrives as each frame's tMs.
 */
export class SetAnalyzer {
  private readonly opts: AnalyzerOptions;
  private smoother: KeypointSmoother | null;
  private readonly viewTracker = new ViewTracker();
  private readonly calibrator = new CalibrationDetector();
  private readonly reps = new RepStateMachine();
  private readonly standingRef = new StandingReference();
  private readonly cues: CueEngine;
  private readonly recorder = new RepRecorder();
  private readonly gate = new SquatGate();
  private readonly perspective = new PerspectiveTiltSign();
  private readonly hipLineRef = new RepStandingReference();
  private readonly comAlongFootRef = new RepStandingReference();
  /** A cue announced by a rep transition on this frame (the depth verdict at the turn). */
  private announced: CueEvent | null = null;
  private completed: RepSummary[] = [];
  private abandoned: RepSummary[] = [];
  private cueEvents: CueEvent[] = [];
  private frames = { total: 0, withPerson: 0, analysed: 0 };
  private firstMs: number | null = null;
  private lastMs: number | null = null;
  private lastHip: { tMs: number; p: Vec2 } | null = null;
  private lastAnkle: { tMs: number; p: Vec2 } | null = null;
  private suspectSinceMs: number | null = null;

  constructor(options: Partial<AnalyzerOptions> = {}) {
    this.opts = { ...DEFAULT_ANALYZER_OPTIONS, ...options };
    this.smoother = this.opts.oneEuro === null ? null : new KeypointSmoother(this.opts.oneEuro);
    this.cues = new CueEngine(CUE_RULES, this.opts.cueTexts);
    this.reps.setSquatCheck(() => this.gate.repKneesFlexed());
  }

  push(frame: PoseFrame): FrameAnalysis {
    const tMs = frame.tMs as number;
    this.frames.total++;
    this.firstMs ??= tMs;
    this.lastMs = tMs;
    const size = frameSize(frame);
    if (frame.keypoints === null) return this.noPose(tMs, 'no-person', null);
    this.frames.withPerson++;

    // Identity switch (a second person, a detector jump): hold frames that jump, accept them if they persist.
    const raw = new GatedPose(frame.keypoints, size, this.opts.minKeypointScore);
    const hipRaw = pairMid(raw, 'left_hip', 'right_hip');
    if (hipRaw !== null && this.lastHip !== null) {
      const scalePx =
        this.standingRef.extentPx(this.calibrator.calibration?.hipAnkleExtentPx ?? null) ?? size.heightPx / 3;
      const dtS = Math.max(0, tMs - this.lastHip.tMs) / 1000;
      const allowed = (IDENTITY_JUMP_RATIO + IDENTITY_JUMP_RATIO_PER_S * dtS) * scalePx;
      if (dist(hipRaw, this.lastHip.p) > allowed) {
        this.suspectSinceMs ??= tMs;
        if (tMs - this.suspectSinceMs < IDENTITY_SWITCH_CONFIRM_MS) {
          return this.noPose(tMs, 'low-confidence', null);
        }
        this.switchIdentity();
      }
    }
    this.suspectSinceMs = null;
    if (hipRaw !== null) this.lastHip = { tMs, p: hipRaw };

    // Body scale for the smoother's speed term: the standing hip→ankle extent once known, else the
    // height of the confident keypoints' bounding box (both move with the person, not the frame).
    const scalePx =
      this.standingRef.extentPx(this.calibrator.calibration?.hipAnkleExtentPx ?? null) ??
      bboxHeight(raw) ??
      size.heightPx;
    const smoothed: Keypoints =
      this.smoother === null ? frame.keypoints : this.smoother.smooth(frame.keypoints, tMs, scalePx);
    const pose = new GatedPose(smoothed, size, this.opts.minKeypointScore);

    const est = estimateFrameView(pose);
    const view = this.viewTracker.push(tMs, est);
    const knee = { left: kneeAngleDeg(pose, 'left'), right: kneeAngleDeg(pose, 'right') };
    const standingPose = isStandingPose(knee);
    const hipMid = pairMid(pose, 'left_hip', 'right_hip');
    const ankleMid = this.plantedAnkle(tMs, pairMid(pose, 'left_ankle', 'right_ankle'));
    const extentPx = hipMid && ankleMid && ankleMid.y > hipMid.y ? ankleMid.y - hipMid.y : null;
    this.standingRef.push(tMs, extentPx, standingPose);
    this.calibrator.push(tMs, pose, knee, view, est.yawDeg);
    const refPx = this.standingRef.extentPx(this.calibrator.calibration?.hipAnkleExtentPx ?? null);
    const depthRatio = extentPx !== null && refPx !== null && refPx > 0 ? 1 - extentPx / refPx : null;
    if (depthRatio !== null) this.frames.analysed++;

    // Upright: knees straight and hips within a descent's start of standing (from the front a deep
    // squat's image knee angle can read straight).
    const upright = standingPose && depthRatio !== null && depthRatio <= REP_DESCENT_DEPTH_RATIO;
    this.hipLineRef.push(tMs, hipLineDeg(pose), upright);
    this.comAlongFootRef.push(tMs, comAlongFoot(pose), upright);
    // Back up with a foot somewhere else: it was a step, not a squat.
    if (this.reps.current !== null && upright && !this.gate.feetReturned()) this.reps.invalidate();
    const transition = this.reps.push(tMs, depthRatio, standingPose);
    this.onTransition(transition, tMs);

    const calibration = this.calibrator.calibration;
    this.perspective.push(pose, calibration, depthRatio);
    const raw2 = computeRawMetrics(pose, {
      view,
      yawDeg: calibration?.yawDeg ?? this.viewTracker.yawDeg,
      calibration,
      depthRatio,
      hipDescentPx: depthRatio !== null && refPx !== null ? depthRatio * refPx : null,
      perspectiveTiltSign: this.perspective.sign,
      hipLineRefDeg: this.hipLineRef.ref(calibration?.hipLineDeg ?? null),
      comAlongFootRefRatio: this.comAlongFootRef.ref(calibration?.comAlongFootRatio ?? null),
    });
    const metrics = maskByView(raw2, view);
    const phase = this.reps.phase;
    const current = this.reps.current;
    // From the side the far leg is hidden behind the near one and its keypoints are guesses (the far
    // ankle jumps for single frames): the gate then judges the near, more confident leg alone.
    const legs = view === 'side' ? nearLegOnly(pose) : { left: true, right: true };
    this.gate.push(
      tMs,
      { left: legs.left ? footOf(pose, 'left') : null, right: legs.right ? footOf(pose, 'right') : null },
      {
        left: calibration?.shankLengthPx.left ?? segmentPx(pose, 'left_knee', 'left_ankle'),
        right: calibration?.shankLengthPx.right ?? segmentPx(pose, 'right_knee', 'right_ankle'),
      },
      {
        left: legs.left ? raw2.kneeFlexionDeg.left : null,
        right: legs.right ? raw2.kneeFlexionDeg.right : null,
      },
      { left: legs.left ? footOf(raw, 'left') : null, right: legs.right ? footOf(raw, 'right') : null },
    );
    // A foot that moves during a rep (a step, a walk-out) makes it no squat: it will not count.
    if (current !== null && !this.gate.settled(tMs)) this.reps.invalidate();
    // A new stance is a new standing reference (hip line, foot alignment): calibrate again once still.
    if (this.gate.takeNewStance()) {
      this.calibrator.reset();
      this.hipLineRef.reset();
      this.comAlongFootRef.reset();
    }
    const live = current !== null && !this.reps.invalid && this.gate.cuesLive(tMs);
    if (current !== null) this.recorder.add({ tMs, view, metrics, live });
    const cue = this.cues.push(tMs, live ? phase : 'standing', metrics, current?.index ?? null);
    const fired = cue.fired ?? this.announced;
    this.announced = null;
    if (fired !== null) {
      this.cueEvents.push(fired);
      if (current !== null) this.recorder.addCue(fired.id);
    }

    return {
      tMs,
      keypoints: smoothed,
      view,
      frameView: est.view,
      yawDeg: est.yawDeg === null ? null : Number(est.yawDeg.toFixed(1)),
      metrics,
      calibrated: calibration !== null,
      calibration,
      phase,
      repCount: this.reps.count,
      cue: cue.active,
      cueEvent: fired,
      guidance: guidanceFor(pose, view),
    };
  }

  /** The set so far; a rep in progress is reported as partial. */
  summary(): SetSummary {
    const current = this.reps.current;
    const partials = [...this.abandoned];
    if (current !== null) partials.push(this.recorder.build(current, false, this.opts.depthTarget));
    return {
      view: this.viewTracker.overall(),
      depthTarget: this.opts.depthTarget,
      repCount: this.reps.count,
      partialReps: partials.length,
      reps: [...this.completed],
      partials,
      cues: [...this.cueEvents],
      calibration: this.calibrator.calibration,
      frames: { ...this.frames },
      durationMs: this.firstMs === null || this.lastMs === null ? 0 : this.lastMs - this.firstMs,
      viewShares: this.viewTracker.shares(),
    };
  }

  reset(): void {
    this.smoother?.reset();
    this.viewTracker.reset();
    this.calibrator.reset();
    this.reps.reset();
    this.standingRef.reset();
    this.cues.reset();
    this.recorder.clear();
    this.gate.reset();
    this.hipLineRef.reset();
    this.comAlongFootRef.reset();
    this.perspective.reset();
    this.announced = null;
    this.completed = [];
    this.abandoned = [];
    this.cueEvents = [];
    this.frames = { total: 0, withPerson: 0, analysed: 0 };
    this.firstMs = null;
    this.lastMs = null;
    this.lastHip = null;
    this.lastAnkle = null;
    this.suspectSinceMs = null;
  }

  /** The ankles' midpoint, or their last seen one while the feet are hidden (planted feet do not move). */
  private plantedAnkle(tMs: number, now: Vec2 | null): Vec2 | null {
    if (now !== null) {
      this.lastAnkle = { tMs, p: now };
      return now;
    }
    if (this.lastAnkle !== null && tMs - this.lastAnkle.tMs <= PLANTED_FOOT_HOLD_MS) return this.lastAnkle.p;
    return null;
  }

  private onTransition(t: RepTransition | null, tMs: number): void {
    if (t === null) return;
    switch (t.type) {
      case 'start':
        this.recorder.clear();
        this.calibrator.takeProvisional();
        this.gate.startRep();
        this.hipLineRef.startRep();
        this.comAlongFootRef.startRep();
        break;
      case 'turn': {
        // The depth verdict, at the moment the rep turns: no hold at the bottom is needed.
        if (this.reps.invalid || !this.gate.repKneesFlexed()) break;
        const thigh = this.recorder.bottomThighDeg();
        if (verdictOf(depthLimit(this.opts.depthTarget), thigh) === 'past' && thigh !== null)
          this.announced = this.cues.announce(tMs, 'go-lower', t.rep.index, thigh);
        break;
      }
      case 'complete':
        this.gate.endRep();
        this.hipLineRef.endRep();
        this.comAlongFootRef.endRep();
        this.completed.push(this.recorder.build(t.rep, true, this.opts.depthTarget));
        this.recorder.clear();
        break;
      case 'abandon':
        this.gate.endRep();
        this.hipLineRef.endRep();
        this.comAlongFootRef.endRep();
        this.abandoned.push(this.recorder.build(t.rep, false, this.opts.depthTarget));
        this.recorder.clear();
        break;
      case 'cancel':
        this.gate.endRep();
        this.hipLineRef.endRep();
        this.comAlongFootRef.endRep();
        this.recorder.clear();
        break;
    }
  }

  private switchIdentity(): void {
    this.onTransition(this.reps.lose(), this.lastMs ?? 0);
    this.smoother?.reset();
    this.standingRef.reset();
    this.suspectSinceMs = null;
    this.lastHip = null;
    this.lastAnkle = null;
  }

  private noPose(tMs: number, guidance: Guidance, keypoints: Keypoints | null): FrameAnalysis {
    this.onTransition(this.reps.push(tMs, null, false), tMs);
    const cue = this.cues.push(tMs, this.reps.phase, EMPTY_METRICS, null);
    return {
      tMs,
      keypoints,
      view: this.viewTracker.view,
      frameView: 'unknown',
      yawDeg: null,
      metrics: EMPTY_METRICS,
      calibrated: this.calibrator.calibration !== null,
      calibration: this.calibrator.calibration,
      phase: this.reps.phase,
      repCount: this.reps.count,
      cue: cue.active,
      cueEvent: cue.fired,
      guidance,
    };
  }
}

/** The leg whose knee and ankle the model is surer of (the near leg in a side view). */
function nearLegOnly(pose: GatedPose): Sided<boolean> {
  const score = (s: 'left' | 'right'): number =>
    (pose.get(`${s}_knee`)?.score ?? 0) + (pose.get(`${s}_ankle`)?.score ?? 0);
  const leftNear = score('left') >= score('right');
  return { left: leftNear, right: !leftNear };
}

/** Distance between two keypoints, px, or null. */
function segmentPx(pose: GatedPose, a: KeypointName, b: KeypointName): number | null {
  const pa = pt(pose, a);
  const pb = pt(pose, b);
  return pa && pb ? dist(pa, pb) : null;
}

/** Height of the bounding box of the usable keypoints, px, or null. */
export function bboxHeight(pose: GatedPose): number | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of KEYPOINT_NAMES) {
    const k = pose.get(n);
    if (k === null) continue;
    lo = Math.min(lo, k.yPx);
    hi = Math.max(hi, k.yPx);
  }
  return hi > lo ? hi - lo : null;
}

/** Runs a whole track through a fresh analyser and returns its summary. */
export function analyzeFrames(
  frames: readonly PoseFrame[],
  options: Partial<AnalyzerOptions> = {},
): SetSummary {
  const a = new SetAnalyzer(options);
  for (const f of frames) a.push(f);
  return a.summary();
}
