import { kneeAngleDeg, leftDirection, pair, pairMid, pt, SIDE_NAMES } from '../pose/body';
import type { GatedPose } from '../pose/gating';
import type { KeypointName } from '../pose/keypoints';
import { dist, mid, signedSlopeDeg, sub, toDegrees } from '../math/geometry';
import {
  ASSUMED_FOCAL_PER_LONG_SIDE,
  FPPA_MIN_THIGH_IMAGE_RATIO,
  FPPA_NO_TOE_MAX_YAW_DEG,
  HIP_LINE_MIN_APART_MODEL_PX,
  STANDING_COM_ALONG_FOOT_RATIO,
} from '../thresholds';
import type { Calibration, FrameMetrics, MetricId, Side, Sided, View } from '../types';
import { viewSupports } from './view';

export interface MetricContext {
  readonly view: View;
  /** Body yaw from the camera axis, deg; the calibration's if known. */
  readonly yawDeg: number | null;
  readonly calibration: Calibration | null;
  /** Depth ratio computed by the session against its standing reference. */
  readonly depthRatio: number | null;
  /** Hip descent below standing, px (depth ratio × standing extent), for the perspective allowance. */
  readonly hipDescentPx: number | null;
  /** Which hip perspective lowers as the body descends (+1 left, −1 right; perspective.ts), or null when not known. */
  readonly perspectiveTiltSign?: 1 | -1 | null;
  /** Standing hip line this frame's drop is measured against (rep-standing-reference.ts); the calibration's when absent. */
  readonly hipLineRefDeg?: number | null;
  /** Standing centre of mass along the foot (`comAlongFoot`) this frame's toe shift is measured against; the calibration's when absent. */
  readonly comAlongFootRefRatio?: number | null;
}

const sided = <T>(f: (s: Side) => T): Sided<T> => ({ left: f('left'), right: f('right') });

import { centreOfMass } from './body-mass';
import { footAlignedFppaDeg, footPlaneValgus, fppaDeg, segmentFromVerticalDeg } from './knee';

export { fppaDeg, footAlignedFppaDeg, footPlaneValgus, footPlaneTilts, type FootPlaneValgus } from './knee';
export { centreOfMass } from './body-mass';

/**
 * Tilt of the line from the right to the left keypoint, deg, + = the left one lower in the image
 * (independent of which way the person faces); null when the two are less than `minApartPx` apart
 * across the image.
 */
function lineTiltDeg(
  pose: GatedPose,
  left: KeypointName,
  right: KeypointName,
  minApartPx = 1e-6,
): number | null {
  const ends = pair(pose, left, right);
  if (!ends) return null;
  const [l, r] = ends;
  if (Math.abs(l.x - r.x) < minApartPx) return null;
  return signedSlopeDeg(sub(l, r));
}

/**
 * Pelvic obliquity, deg, + = left hip lower in the image (independent of which way the person faces);
 * null when the hips are too few of the model's pixels apart to resolve what `hips-level` judges
 * (HIP_LINE_MIN_APART_MODEL_PX).
 */
export const hipLineDeg = (pose: GatedPose): number | null =>
  lineTiltDeg(
    pose,
    'left_hip',
    'right_hip',
    HIP_LINE_MIN_APART_MODEL_PX / (pose.size.modelPxPerSourcePx ?? 1),
  );

/** Shoulder-line tilt, deg, + = left shoulder lower in the image (the perspective reference). */
export const shoulderLineDeg = (pose: GatedPose): number | null =>
  lineTiltDeg(pose, 'left_shoulder', 'right_shoulder');

/** Pelvis midpoint over the ankles' midpoint, share of stance width, + = toward the person's left. */
export function pelvisOffsetRatio(pose: GatedPose, leftDir: number): number | null {
  const hips = pair(pose, 'left_hip', 'right_hip');
  const ankles = pair(pose, 'left_ankle', 'right_ankle');
  if (!hips || !ankles) return null;
  const stance = Math.abs(ankles[0].x - ankles[1].x);
  if (!(stance > 0)) return null;
  return ((mid(...hips).x - mid(...ankles).x) * leftDir) / stance;
}

export function segmentLengths(pose: GatedPose): {
  thigh: Sided<number | null>;
  shank: Sided<number | null>;
} {
  return {
    thigh: sided((s) => {
      const a = pt(pose, SIDE_NAMES[s].hip);
      const b = pt(pose, SIDE_NAMES[s].knee);
      return a && b ? dist(a, b) : null;
    }),
    shank: sided((s) => {
      const a = pt(pose, SIDE_NAMES[s].knee);
      const b = pt(pose, SIDE_NAMES[s].ankle);
      return a && b ? dist(a, b) : null;
    }),
  };
}

export function heelToeDy(pose: GatedPose): Sided<number | null> {
  return sided((s) => {
    const h = pt(pose, SIDE_NAMES[s].heel);
    const t = pt(pose, SIDE_NAMES[s].toe);
    return h && t ? t.y - h.y : null;
  });
}

/**
 * Where the centre of mass stands over the feet in the image: its x along heel → toe (both feet's
 * midpoints), 0 = over the heels, 1 = over the toes. Raw: a rolled camera adds its tilt × the COM's
 * height to it, so the metric is taken relative to standing (`toeShiftRatio`).
 */
export function comAlongFoot(pose: GatedPose): number | null {
  const heelMid = pairMid(pose, 'left_heel', 'right_heel');
  const toeMid = pairMid(pose, 'left_foot_index', 'right_foot_index');
  const footVec = heelMid && toeMid ? toeMid.x - heelMid.x : 0;
  const com = footVec === 0 ? null : centreOfMass(pose);
  return heelMid && com ? (com.x - heelMid.x) / footVec : null;
}

const minOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);
const maxOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);
const absDiff = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : Math.abs(a - b);

/** All metrics of one frame, before masking by view. */
export function computeRawMetrics(pose: GatedPose, ctx: MetricContext): FrameMetrics {
  const cal = ctx.calibration;
  const leftDir = leftDirection(pose);
  const knee = sided((s) => kneeAngleDeg(pose, s));

  // --- knee valgus -------------------------------------------------------------------------------
  const yaw = ctx.yawDeg;
  const lengths = segmentLengths(pose);
  const perSide = sided((s) => {
    const n = SIDE_NAMES[s];
    const hip = pt(pose, n.hip);
    const kn = pt(pose, n.knee);
    const an = pt(pose, n.ankle);
    if (leftDir === null || !kn || !an) return null;
    const medialSign = s === 'left' ? -leftDir : leftDir;
    const fppa = hip ? fppaDeg(hip, kn, an, medialSign) : null;
    // A segment's image can be no longer than the segment: when it shows more than its standing
    // length (the person came nearer, or the standing knee keypoint sat high), the longer one holds.
    const shankLen = maxOf(cal?.shankLengthPx[s] ?? null, lengths.shank[s]);
    const footAbs = shankLen === null ? null : footPlaneValgus(kn, an, pt(pose, n.toe), shankLen, medialSign);
    // Dynamic valgus: relative to the person's own standing alignment (static genu valgum/varum and
    // the model's systematic offset are not movement faults).
    const ref = cal?.footPlaneTiltDeg[s] ?? null;
    const foot =
      footAbs === null || ref === null
        ? footAbs
        : { tiltDeg: footAbs.tiltDeg - ref, ratio: footAbs.ratio - Math.tan((ref * Math.PI) / 180) };
    const thighCal = cal?.thighLengthPx[s] ?? null;
    const thighNow = lengths.thigh[s];
    const thighRatio = thighCal !== null && thighNow !== null && thighCal > 0 ? thighNow / thighCal : null;
    // FPPA against the foot line: the image angle less what a knee over its own foot would show.
    const toe = pt(pose, n.toe);
    const footKnown = toe !== null || (yaw !== null && yaw <= FPPA_NO_TOE_MAX_YAW_DEG);
    const neutral =
      hip && thighCal !== null && shankLen !== null && footKnown
        ? footAlignedFppaDeg(hip, kn, an, toe, thighCal, shankLen, medialSign)
        : null;
    const w = thighRatio !== null && thighRatio >= FPPA_MIN_THIGH_IMAGE_RATIO ? 1 : 0;
    const valgus = w === 1 && fppa !== null && neutral !== null ? fppa - neutral : null;
    return { fppa, foot, w, valgus };
  });
  const kneeValgusDeg = sided((s) => perSide[s]?.valgus ?? null);
  const ws = [perSide.left?.w, perSide.right?.w].filter((w): w is number => w !== undefined);

  const knees = pair(pose, 'left_knee', 'right_knee');
  const ankles = pair(pose, 'left_ankle', 'right_ankle');
  const ankleSep = ankles ? Math.abs(ankles[0].x - ankles[1].x) : 0;
  const kneeAnkleSeparationRatio =
    knees && ankles && ankleSep > 0 ? Math.abs(knees[0].x - knees[1].x) / ankleSep : null;

  // --- pelvis ------------------------------------------------------------------------------------
  const hipLine = hipLineDeg(pose);
  const hipRef = ctx.hipLineRefDeg !== undefined ? ctx.hipLineRefDeg : (cal?.hipLineDeg ?? null);
  const hipDropDeg = hipLine !== null && hipRef !== null && cal !== null ? hipLine - hipRef : null;
  // A level hip line turned by yaw ψ has its far hip Δz = w·sin ψ deeper; descending by ΔY at distance Z
  // tilts its image by ≈ atan(ΔY·tan ψ / Z) = atan(descentPx·tan ψ / f).
  const focalPx = Math.max(pose.size.widthPx, pose.size.heightPx) * ASSUMED_FOCAL_PER_LONG_SIDE;
  const perspectiveMagDeg =
    hipDropDeg === null || ctx.hipDescentPx === null || yaw === null
      ? null
      : toDegrees(
          Math.atan(
            (Math.max(0, ctx.hipDescentPx) * Math.tan((Math.min(yaw, 80) * Math.PI) / 180)) / focalPx,
          ),
        );
  // Perspective lowers the nearer hip: once the shoulder line has shown which one that is, the
  // allowance comes off in that direction only, so a drop of the other hip is read in full; until
  // then it comes off whichever way the drop goes (a false "keep your hips level" costs more trust
  // than a missed one).
  const hipDropPerspectiveDeg = perspectiveMagDeg;
  const sign = ctx.perspectiveTiltSign ?? null;
  const pelvicDropDeg =
    hipDropDeg === null || perspectiveMagDeg === null
      ? hipDropDeg
      : sign !== null
        ? hipDropDeg - sign * perspectiveMagDeg
        : Math.sign(hipDropDeg) * Math.max(0, Math.abs(hipDropDeg) - perspectiveMagDeg);
  const pelvis = leftDir === null ? null : pelvisOffsetRatio(pose, leftDir);
  const pelvisShiftRatio =
    pelvis !== null && cal?.pelvisShiftRatio != null ? pelvis - cal.pelvisShiftRatio : null;

  // --- feet --------------------------------------------------------------------------------------
  const dy = heelToeDy(pose);
  const heelRise = sided((s) => {
    const now = dy[s];
    const ref = cal?.heelToeDyPx[s] ?? null;
    const shank = cal?.shankLengthPx[s] ?? null;
    return now !== null && ref !== null && shank !== null && shank > 0 ? (now - ref) / shank : null;
  });
  // A squat lifts both heels together; one foot alone reading high is far more often a hidden or
  // swapped foot keypoint (the far foot in a side view), so the smaller of the two is reported.
  const heelRiseRatio = minOf(heelRise.left, heelRise.right);

  // --- sagittal (side view) -----------------------------------------------------------------------
  const heelMid = pairMid(pose, 'left_heel', 'right_heel');
  const toeMid = pairMid(pose, 'left_foot_index', 'right_foot_index');
  const footVec = heelMid && toeMid ? toeMid.x - heelMid.x : 0;
  const footLen = Math.abs(footVec);
  const facing = footVec === 0 ? 0 : Math.sign(footVec);
  // Relative to standing, placed at where a standing person's centre of mass lies: a camera rolled
  // by ρ moves the raw value by ~sin ρ × the COM's height ÷ foot length (±0.37 at 5° on the side
  // clip), nearly the same standing and at the bottom, so the difference keeps the movement only.
  const comNow = comAlongFoot(pose);
  const comStanding =
    ctx.comAlongFootRefRatio !== undefined ? ctx.comAlongFootRefRatio : (cal?.comAlongFootRatio ?? null);
  const toeShiftRatio =
    comNow === null || comStanding === null ? null : STANDING_COM_ALONG_FOOT_RATIO + comNow - comStanding;
  let kneePastToesRatio: number | null = null;
  let shinAngleDeg: number | null = null;
  if (heelMid && toeMid && footLen > 0) {
    const kMid = pairMid(pose, 'left_knee', 'right_knee');
    if (kMid) kneePastToesRatio = ((kMid.x - toeMid.x) * facing) / footLen;
    const aMid = pairMid(pose, 'left_ankle', 'right_ankle');
    if (kMid && aMid && aMid.y > kMid.y) {
      shinAngleDeg = toDegrees(Math.atan2((kMid.x - aMid.x) * facing, aMid.y - kMid.y));
    }
  }
  const sMid = pairMid(pose, 'left_shoulder', 'right_shoulder');
  const hMid = pairMid(pose, 'left_hip', 'right_hip');
  const trunkLeanDeg =
    sMid && hMid ? toDegrees(Math.atan2(Math.abs(sMid.x - hMid.x), hMid.y - sMid.y)) : null;
  const kMid = pairMid(pose, 'left_knee', 'right_knee');
  const hipBelowKnee = hMid && kMid ? hMid.y > kMid.y : null;

  // --- depth: thigh angle and knee flexion (sagittal) ---------------------------------------------
  const sideView = ctx.view === 'side';
  const thighAngleDeg = sided((s) => {
    const hip = pt(pose, SIDE_NAMES[s].hip);
    const kn = pt(pose, SIDE_NAMES[s].knee);
    return hip && kn ? segmentFromVerticalDeg(hip, kn, cal?.thighLengthPx[s] ?? null, sideView) : null;
  });
  const kneeFlexionDeg = sided((s) => {
    if (sideView) return knee[s] === null ? null : 180 - knee[s];
    const kn = pt(pose, SIDE_NAMES[s].knee);
    const an = pt(pose, SIDE_NAMES[s].ankle);
    const shank = kn && an ? segmentFromVerticalDeg(kn, an, cal?.shankLengthPx[s] ?? null, false) : null;
    const thigh = thighAngleDeg[s];
    return shank === null || thigh === null ? null : thigh + shank;
  });

  return {
    kneeAngleDeg: knee,
    kneeFlexionDeg,
    thighAngleDeg,
    depthRatio: ctx.depthRatio,
    hipBelowKnee,
    kneeValgusDeg,
    kneeFppaDeg: sided((s) => perSide[s]?.fppa ?? null),
    kneeFootPlaneTiltDeg: sided((s) => perSide[s]?.foot?.tiltDeg ?? null),
    kneeMedialDisplacementRatio: sided((s) => perSide[s]?.foot?.ratio ?? null),
    kneeFppaWeight: ws.length > 0 ? Math.max(...ws) : null,
    kneeAnkleSeparationRatio,
    hipDropDeg,
    hipDropPerspectiveDeg,
    pelvicDropDeg,
    pelvisShiftRatio,
    toeShiftRatio,
    heelRiseRatio,
    kneePastToesRatio,
    shinAngleDeg,
    trunkLeanDeg,
    kneeAngleAsymmetryDeg: absDiff(knee.left, knee.right),
    kneeValgusAsymmetryDeg: absDiff(kneeValgusDeg.left, kneeValgusDeg.right),
  };
}

const NULL_SIDED: Sided<null> = { left: null, right: null };

/** Metrics with everything the view cannot measure set to null. */
export function maskByView(m: FrameMetrics, view: View): FrameMetrics {
  const ok = (id: MetricId): boolean => viewSupports(view, id);
  const valgus = ok('kneeValgus');
  return {
    kneeAngleDeg: ok('kneeAngle') ? m.kneeAngleDeg : NULL_SIDED,
    kneeFlexionDeg: ok('depth') ? m.kneeFlexionDeg : NULL_SIDED,
    thighAngleDeg: ok('depth') ? m.thighAngleDeg : NULL_SIDED,
    depthRatio: ok('depth') ? m.depthRatio : null,
    hipBelowKnee: ok('hipBelowKnee') ? m.hipBelowKnee : null,
    kneeValgusDeg: valgus ? m.kneeValgusDeg : NULL_SIDED,
    kneeFppaDeg: valgus ? m.kneeFppaDeg : NULL_SIDED,
    kneeFootPlaneTiltDeg: valgus ? m.kneeFootPlaneTiltDeg : NULL_SIDED,
    kneeMedialDisplacementRatio: valgus ? m.kneeMedialDisplacementRatio : NULL_SIDED,
    kneeFppaWeight: valgus ? m.kneeFppaWeight : null,
    kneeAnkleSeparationRatio: ok('kneeAnkleSeparation') ? m.kneeAnkleSeparationRatio : null,
    hipDropDeg: ok('hipDrop') ? m.hipDropDeg : null,
    hipDropPerspectiveDeg: ok('hipDrop') ? m.hipDropPerspectiveDeg : null,
    pelvicDropDeg: ok('hipDrop') ? m.pelvicDropDeg : null,
    pelvisShiftRatio: ok('pelvisShift') ? m.pelvisShiftRatio : null,
    toeShiftRatio: ok('toeShift') ? m.toeShiftRatio : null,
    heelRiseRatio: ok('heelRise') ? m.heelRiseRatio : null,
    kneePastToesRatio: ok('kneePastToes') ? m.kneePastToesRatio : null,
    shinAngleDeg: ok('shinAngle') ? m.shinAngleDeg : null,
    trunkLeanDeg: ok('trunkLean') ? m.trunkLeanDeg : null,
    kneeAngleAsymmetryDeg: ok('asymmetry') ? m.kneeAngleAsymmetryDeg : null,
    kneeValgusAsymmetryDeg: ok('asymmetry') && valgus ? m.kneeValgusAsymmetryDeg : null,
  };
}

export const EMPTY_METRICS: FrameMetrics = maskByView(
  {
    kneeAngleDeg: NULL_SIDED,
    kneeFlexionDeg: NULL_SIDED,
    thighAngleDeg: NULL_SIDED,
    depthRatio: null,
    hipBelowKnee: null,
    kneeValgusDeg: NULL_SIDED,
    kneeFppaDeg: NULL_SIDED,
    kneeFootPlaneTiltDeg: NULL_SIDED,
    kneeMedialDisplacementRatio: NULL_SIDED,
    kneeFppaWeight: null,
    kneeAnkleSeparationRatio: null,
    hipDropDeg: null,
    hipDropPerspectiveDeg: null,
    pelvicDropDeg: null,
    pelvisShiftRatio: null,
    toeShiftRatio: null,
    heelRiseRatio: null,
    kneePastToesRatio: null,
    shinAngleDeg: null,
    trunkLeanDeg: null,
    kneeAngleAsymmetryDeg: null,
    kneeValgusAsymmetryDeg: null,
  },
  'unknown',
);
