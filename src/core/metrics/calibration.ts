import { leftDirection, pairMid } from '../pose/body';
import type { GatedPose } from '../pose/gating';
import { dist, type Vec2 } from '../math/geometry';
import { median, medianOrNull, mostFrequent } from '../math/stats';
import {
  comAlongFoot,
  footPlaneTilts,
  heelToeDy,
  hipLineDeg,
  pelvisOffsetRatio,
  segmentLengths,
  shoulderLineDeg,
} from './metrics';
import {
  CALIBRATION_MAX_MOTION_RATIO,
  CALIBRATION_MIN_STILL_MS,
  CALIBRATION_STILL_MS,
  STANDING_KNEE_MIN_DEG,
} from '../thresholds';
import type { Calibration, Sided, View } from '../types';

interface Sample {
  readonly tMs: number;
  readonly hipMid: Vec2;
  /** Hip midpoint relative to the ankles' midpoint, px: where the body stands over its feet. */
  readonly hipOverFeet: Vec2;
  readonly extentPx: number;
  readonly hipLineDeg: number | null;
  readonly shoulderLineDeg: number | null;
  readonly shoulderMidYPx: number | null;
  readonly pelvis: number | null;
  readonly thigh: Sided<number | null>;
  readonly shank: Sided<number | null>;
  readonly heelToeDy: Sided<number | null>;
  readonly knee: Sided<number | null>;
  readonly footTilt: Sided<number | null>;
  readonly comAlongFoot: number | null;
  readonly view: View;
  readonly yawDeg: number | null;
}

const sidedMedian = (
  samples: readonly Sample[],
  f: (s: Sample) => Sided<number | null>,
): Sided<number | null> => ({
  left: medianOrNull(samples.map((s) => f(s).left)),
  right: medianOrNull(samples.map((s) => f(s).right)),
});

/** Whether a frame shows upright standing: knees straight, hips above ankles. */
export function isStandingPose(knee: Sided<number | null>): boolean {
  const ks = [knee.left, knee.right].filter((k): k is number => k !== null);
  return ks.length > 0 && ks.every((k) => k >= STANDING_KNEE_MIN_DEG);
}

/**
 * Takes the standing calibration automatically: the first run of frames in which the person stands
 * upright and still (hip midpoint within a small share of leg length) for CALIBRATION_STILL_MS. The
 * reference values are medians over the run. If the first rep starts before a full still second
 * (e.g. a 5 fps clip), the session may ask for a provisional calibration from a shorter still run;
 * the first full still second later replaces it once.
 */
export class CalibrationDetector {
  private run: Sample[] = [];
  /** The longest still run broken so far (a candidate for a provisional calibration). */
  private bestRun: Sample[] = [];
  private result: Calibration | null = null;

  get calibration(): Calibration | null {
    return this.result;
  }

  push(
    tMs: number,
    pose: GatedPose,
    knee: Sided<number | null>,
    view: View,
    yawDeg: number | null,
  ): Calibration | null {
    if (this.result !== null && !this.result.provisional) return this.result;
    const hipMid = pairMid(pose, 'left_hip', 'right_hip');
    const ankleMid = pairMid(pose, 'left_ankle', 'right_ankle');
    if (!hipMid || !ankleMid || !isStandingPose(knee) || !(ankleMid.y > hipMid.y)) {
      this.breakRun();
      return this.result;
    }
    const extentPx = ankleMid.y - hipMid.y;
    // Still: the hips have not moved in the image, or not over the feet. A handheld camera's shake
    // moves hips and feet alike in the image; the ankles' own keypoint jitter does not move the hips.
    const hipOverFeet = { x: hipMid.x - ankleMid.x, y: hipMid.y - ankleMid.y };
    const first = this.run[0];
    const limit = CALIBRATION_MAX_MOTION_RATIO * (first?.extentPx ?? 0);
    if (first && dist(first.hipMid, hipMid) > limit && dist(first.hipOverFeet, hipOverFeet) > limit)
      this.breakRun();
    const leftDir = leftDirection(pose);
    const lengths = segmentLengths(pose);
    this.run.push({
      tMs,
      hipMid,
      hipOverFeet,
      extentPx,
      hipLineDeg: hipLineDeg(pose),
      shoulderLineDeg: shoulderLineDeg(pose),
      shoulderMidYPx: pairMid(pose, 'left_shoulder', 'right_shoulder')?.y ?? null,
      pelvis: leftDir === null ? null : pelvisOffsetRatio(pose, leftDir),
      thigh: lengths.thigh,
      shank: lengths.shank,
      heelToeDy: heelToeDy(pose),
      knee,
      footTilt: footPlaneTilts(pose, leftDir, lengths.shank),
      comAlongFoot: comAlongFoot(pose),
      view,
      yawDeg,
    });
    const span = tMs - (this.run[0] as Sample).tMs;
    if (span >= CALIBRATION_STILL_MS) this.result = build(this.run, false);
    return this.result;
  }

  /** Called when a descent starts before any calibration: take the best still run so far, if long enough. */
  takeProvisional(): Calibration | null {
    if (this.result !== null) return this.result;
    const best = spanOf(this.run) >= spanOf(this.bestRun) ? this.run : this.bestRun;
    if (spanOf(best) >= CALIBRATION_MIN_STILL_MS) this.result = build(best, true);
    return this.result;
  }

  reset(): void {
    this.run = [];
    this.bestRun = [];
    this.result = null;
  }

  private breakRun(): void {
    if (spanOf(this.run) > spanOf(this.bestRun)) this.bestRun = this.run;
    this.run = [];
  }
}

function spanOf(r: readonly Sample[]): number {
  return r.length < 2 ? 0 : (r[r.length - 1] as Sample).tMs - (r[0] as Sample).tMs;
}

function build(run: readonly Sample[], provisional: boolean): Calibration {
  const first = run[0] as Sample;
  const last = run[run.length - 1] as Sample;
  const view = mostFrequent(run.map((s) => s.view)) ?? 'unknown';
  return {
    tMs: last.tMs,
    stillMs: last.tMs - first.tMs,
    provisional,
    view,
    yawDeg: medianOrNull(run.map((s) => s.yawDeg)),
    hipAnkleExtentPx: median(run.map((s) => s.extentPx)),
    hipLineDeg: medianOrNull(run.map((s) => s.hipLineDeg)),
    shoulderLineDeg: medianOrNull(run.map((s) => s.shoulderLineDeg)),
    shoulderMidYPx: medianOrNull(run.map((s) => s.shoulderMidYPx)),
    pelvisShiftRatio: medianOrNull(run.map((s) => s.pelvis)),
    thighLengthPx: sidedMedian(run, (s) => s.thigh),
    shankLengthPx: sidedMedian(run, (s) => s.shank),
    heelToeDyPx: sidedMedian(run, (s) => s.heelToeDy),
    kneeAngleDeg: sidedMedian(run, (s) => s.knee),
    footPlaneTiltDeg: sidedMedian(run, (s) => s.footTilt),
    comAlongFootRatio: medianOrNull(run.map((s) => s.comAlongFoot)),
  };
}
