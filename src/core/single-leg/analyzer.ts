/**
 * The single-leg squat check (issue 9): a second test on the same core as the squat set. Smoothing,
 * gating, the view, the calibration, the metrics (FPPA, the foot line, the hip line, knee flexion),
 * the rep machine and the verdicts are the squat's own; this file only decides which leg stands and
 * reads that leg's values. Pure and deterministic: time only arrives as each frame's tMs.
 */
import { kneeAngleDeg, pt, SIDE_NAMES } from '../pose/body';
import { frameSize, GatedPose } from '../pose/gating';
import type { Keypoints, PoseFrame } from '../pose/keypoints';
import { bboxHeight } from '../set/session';
import { DEFAULT_ONE_EURO, KeypointSmoother, type OneEuroParams } from '../pose/smoothing';
import { computeRawMetrics, maskByView } from '../metrics/metrics';
import { estimateFrameView, ViewTracker } from '../metrics/view';
import { dist } from '../math/geometry';
import { medianOrNull } from '../math/stats';
import { MIN_KEYPOINT_SCORE, SINGLE_LEG_SQUARE_ON_MAX_YAW_DEG, STANDING_KNEE_MIN_DEG } from '../thresholds';
import type { Side, Sided } from '../types';
import { LegState } from './leg';
import { lateralTrunkLeanDeg, stanceValues, type StanceValues } from './measures';
import { NoteEngine } from './notes';
import { leftRightDifference, SCREENING_DISCLAIMER, summarizeLeg } from './rating';
import { StanceTracker } from './stance';
import type { SingleLegFrame, SingleLegLegSummary, SingleLegNote, SingleLegSummary } from './types';

export interface SingleLegOptions {
  /** Keypoint score below which a keypoint is ignored. Defaults to MIN_KEYPOINT_SCORE (0.5). */
  readonly minKeypointScore: number;
  /** One Euro filter parameters; `null` turns smoothing off. Defaults to DEFAULT_ONE_EURO. */
  readonly oneEuro: OneEuroParams | null;
}

const DEFAULT_OPTIONS: SingleLegOptions = { minKeypointScore: MIN_KEYPOINT_SCORE, oneEuro: DEFAULT_ONE_EURO };

/** Rep phases with the leg loaded: the only ones in which a note may be spoken. */
const LOADED = new Set(['descending', 'bottom', 'ascending']);

const EMPTY_VALUES: StanceValues = {
  fppaDeg: null,
  fppaFootLineDeg: null,
  kneeInsideFootRatio: null,
  pelvicDropDeg: null,
  kneeFlexionDeg: null,
};

export class SingleLegAnalyzer {
  private readonly opts: SingleLegOptions;
  private readonly smoother: KeypointSmoother | null;
  private readonly viewTracker = new ViewTracker();
  private readonly stance = new StanceTracker();
  private readonly notes = new NoteEngine();
  private readonly legs: Sided<LegState> = { left: new LegState('left'), right: new LegState('right') };
  private noteLog: SingleLegNote[] = [];
  private firstMs: number | null = null;
  private lastMs: number | null = null;

  constructor(options: Partial<SingleLegOptions> = {}) {
    this.opts = { ...DEFAULT_OPTIONS, ...options };
    this.smoother = this.opts.oneEuro === null ? null : new KeypointSmoother(this.opts.oneEuro);
  }

  push(frame: PoseFrame): SingleLegFrame {
    const tMs = frame.tMs as number;
    this.firstMs ??= tMs;
    this.lastMs = tMs;
    const size = frameSize(frame);
    if (frame.keypoints === null) return this.noPose(tMs);

    const raw = new GatedPose(frame.keypoints, size, this.opts.minKeypointScore);
    const prev = this.stance.state.stance;
    // Smoother speed unit: the stance leg's standing hip→ankle extent once known (moves with the person).
    const scalePx =
      (prev === null ? null : this.legs[prev].standingRef.extentPx(null)) ?? bboxHeight(raw) ?? size.heightPx;
    const smoothed: Keypoints =
      this.smoother === null ? frame.keypoints : this.smoother.smooth(frame.keypoints, tMs, scalePx);
    const pose = new GatedPose(smoothed, size, this.opts.minKeypointScore);
    const est = estimateFrameView(pose);
    const view = this.viewTracker.push(tMs, est);

    const ankles = { left: pt(pose, 'left_ankle'), right: pt(pose, 'right_ankle') };
    const lower: Side | null =
      ankles.left === null || ankles.right === null
        ? null
        : ankles.left.y >= ankles.right.y
          ? 'left'
          : 'right';
    const st = this.stance.push(tMs, ankles, lower === null ? null : this.shankPx(pose, prev ?? lower));
    // Switching legs ends the other leg's rep in progress (reported as partial).
    if (prev !== null && st.stance !== prev)
      this.legs[prev].onTransition(this.legs[prev].reps.lose(), null, true, []);
    if (st.stance === null) return this.frameOut(tMs, smoothed, null, false, EMPTY_VALUES, null);

    const L = st.stance;
    const leg = this.legs[L];
    const names = SIDE_NAMES[L];
    const knee = kneeAngleDeg(pose, L);
    const hip = pt(pose, names.hip);
    const ankle = ankles[L];
    // The stance hip's height over the floor, the floor being the lower ankle: a stance foot that rises
    // as the legs swap (the other foot going down) lowers no hip, so it is no descent.
    const floorY =
      ankles.left !== null && ankles.right !== null ? Math.max(ankles.left.y, ankles.right.y) : ankle?.y;
    const extentPx = hip !== null && floorY !== undefined && floorY > hip.y ? floorY - hip.y : null;
    // Single-leg standing: the stance knee straight with the other foot off the floor.
    const oneLegStanding = st.lifted && knee !== null && knee >= STANDING_KNEE_MIN_DEG;
    const lean = lateralTrunkLeanDeg(pose, L);
    leg.standingRef.push(tMs, extentPx, oneLegStanding);
    leg.calibrator.push(
      tMs,
      pose,
      {
        left: oneLegStanding && L === 'left' ? knee : null,
        right: oneLegStanding && L === 'right' ? knee : null,
      },
      view,
      est.yawDeg,
    );
    if (oneLegStanding) leg.pushStandingLean(tMs, lean);
    const refPx = leg.standingRef.extentPx(null);
    const depthRatio = extentPx !== null && refPx !== null && refPx > 0 ? 1 - extentPx / refPx : null;
    const shankPx = this.shankPx(pose, L);

    const transition = leg.reps.push(tMs, depthRatio, oneLegStanding);
    if (transition?.type === 'start') this.notes.startRep();
    leg.onTransition(transition, ankle, !st.lifted, this.notes.spoken);

    const cal = leg.calibration;
    const metrics = maskByView(
      computeRawMetrics(pose, {
        view,
        yawDeg: cal?.yawDeg ?? this.viewTracker.yawDeg,
        calibration: cal,
        depthRatio,
        hipDescentPx: depthRatio !== null && refPx !== null ? depthRatio * refPx : null,
      }),
      view,
    );
    const values = stanceValues(metrics, L);
    const leanRef = leg.trunkLeanReferenceDeg();
    const frontal = view === 'front' || view === 'rear';
    const trunkLeanDeg = frontal && lean !== null && leanRef !== null ? lean - leanRef : null;

    const current = leg.reps.current;
    if (current !== null) {
      const sample = depthRatio === null ? null : { tMs, depthRatio, values, trunkLeanDeg };
      leg.record(tMs, sample, !st.lifted, ankle, shankPx);
    }
    const live = current !== null && leg.scoredSoFar && LOADED.has(leg.reps.phase);
    const note = this.notes.push(
      tMs,
      live,
      { 'knee-inside-foot': values.kneeInsideFootRatio, 'pelvis-drop': values.pelvicDropDeg },
      L,
      current?.index ?? 0,
    );
    if (note !== null) this.noteLog.push(note);
    return this.frameOut(tMs, smoothed, L, st.lifted, values, note);
  }

  summary(): SingleLegSummary {
    const yaw = medianOrNull([this.legs.left.calibration?.yawDeg, this.legs.right.calibration?.yawDeg]);
    const fppaBasis = yaw === null || yaw <= SINGLE_LEG_SQUARE_ON_MAX_YAW_DEG ? 'image' : 'foot-line';
    const legSummary = (s: Side): SingleLegLegSummary => {
      const leg = this.legs[s];
      const inProgress = leg.reps.current === null ? 0 : 1;
      return summarizeLeg(s, leg.completed, leg.partials + inProgress, leg.calibration !== null, fppaBasis);
    };
    const left = legSummary('left');
    const right = legSummary('right');
    return {
      test: 'single-leg-squat',
      fppaBasis,
      view: this.viewTracker.overall(),
      legs: { left, right },
      difference: leftRightDifference(left, right),
      notes: [...this.noteLog],
      calibration: { left: this.legs.left.calibration, right: this.legs.right.calibration },
      durationMs: this.firstMs === null || this.lastMs === null ? 0 : this.lastMs - this.firstMs,
      disclaimer: SCREENING_DISCLAIMER,
    };
  }

  /** The stance shank's scale, px: its single-leg standing length once calibrated, else its image length. */
  private shankPx(pose: GatedPose, side: Side): number | null {
    const cal = this.legs[side].calibration?.shankLengthPx[side] ?? null;
    if (cal !== null) return cal;
    const k = pt(pose, SIDE_NAMES[side].knee);
    const a = pt(pose, SIDE_NAMES[side].ankle);
    return k !== null && a !== null ? dist(k, a) : null;
  }

  private noPose(tMs: number): SingleLegFrame {
    const s = this.stance.state.stance;
    if (s !== null) this.legs[s].onTransition(this.legs[s].reps.push(tMs, null, false), null, false, []);
    return this.frameOut(tMs, null, s, this.stance.state.lifted, EMPTY_VALUES, null);
  }

  private frameOut(
    tMs: number,
    keypoints: Keypoints | null,
    stance: Side | null,
    lifted: boolean,
    v: StanceValues,
    note: SingleLegNote | null,
  ): SingleLegFrame {
    return {
      tMs,
      keypoints,
      view: this.viewTracker.view,
      stance,
      freeFootLifted: lifted,
      calibrated: stance !== null && this.legs[stance].calibration !== null,
      phase: stance === null ? 'unknown' : this.legs[stance].reps.phase,
      repCount: { left: this.legs.left.reps.count, right: this.legs.right.reps.count },
      fppaDeg: v.fppaDeg,
      kneeInsideFootRatio: v.kneeInsideFootRatio,
      pelvicDropDeg: v.pelvicDropDeg,
      kneeFlexionDeg: v.kneeFlexionDeg,
      note,
    };
  }
}

/** Runs a whole track through a fresh single-leg check and returns its summary. */
export function analyzeSingleLeg(
  frames: readonly PoseFrame[],
  options: Partial<SingleLegOptions> = {},
): SingleLegSummary {
  const a = new SingleLegAnalyzer(options);
  for (const f of frames) a.push(f);
  return a.summary();
}
