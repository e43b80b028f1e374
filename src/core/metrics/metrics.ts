import { kneeAngleDeg, leftDirection, pair, pairMid, pt, SIDE_NAMES, SIDES } from '../pose/body';
import type { GatedPose } from '../pose/gating';
import { clamp, dist, lerp, mid, signedSlopeDeg, sub, toDegrees, type Vec2 } from '../math/geometry';
import {
  ANKLE_TO_TOE_PER_SHANK,
  ASSUMED_FOCAL_PER_LONG_SIDE,
  FPPA_MIN_THIGH_IMAGE_RATIO,
  FPPA_NO_TOE_MAX_YAW_DEG,
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
}

const sided = <T>(f: (s: Side) => T): Sided<T> => ({ left: f('left'), right: f('right') });

/**
 * FPPA (Munro 2012): 180° minus the hip–knee–ankle angle in the image, signed + when the knee lies
 * medial of the straight hip→ankle line.
 */
export function fppaDeg(hip: Vec2, knee: Vec2, ankle: Vec2, medialSign: number): number | null {
  const line = sub(ankle, hip);
  const len = Math.hypot(line.x, line.y);
  if (!(len > 0)) return null;
  const u = sub(knee, hip);
  const v = sub(ankle, knee);
  const interior = toDegrees(Math.atan2(Math.abs(u.x * v.y - u.y * v.x), u.x * v.x + u.y * v.y));
  // Offset of the knee from the hip→ankle line along image x at the knee's height.
  const t = line.y !== 0 ? (knee.y - hip.y) / line.y : 0.5;
  const lineX = hip.x + line.x * t;
  const sign = Math.sign((knee.x - lineX) * medialSign);
  return sign * interior;
}

/** Horizontal reach, px, of a segment of true length `lengthPx` whose image is `heightPx` tall. */
const horizontalReachPx = (lengthPx: number, heightPx: number): number =>
  Math.sqrt(Math.max(0, lengthPx * lengthPx - heightPx * heightPx));

/**
 * The foot's pointing direction as seen by the camera: sin of its angle from the camera axis, from
 * the ankle→toe image x extent over the foot's expected length; 0 without a toe keypoint.
 */
const footSin = (ankle: Vec2, toe: Vec2 | null, shankLengthPx: number): number =>
  toe === null ? 0 : clamp((toe.x - ankle.x) / (ANKLE_TO_TOE_PER_SHANK * shankLengthPx), -0.9, 0.9);

/**
 * FPPA that a knee tracking over its own foot would show from this camera: the knee ahead of the
 * ankle, and the hip behind the knee, along the foot's direction, by the horizontal reach their true
 * lengths leave at their image heights. Off-axis, flexion alone tilts the image angle by tens of
 * degrees; this is that share, which `kneeFppaVsFootDeg` removes.
 */
export function footAlignedFppaDeg(
  hip: Vec2,
  knee: Vec2,
  ankle: Vec2,
  toe: Vec2 | null,
  thighLengthPx: number,
  shankLengthPx: number,
  medialSign: number,
): number | null {
  const sin = footSin(ankle, toe, shankLengthPx);
  const kneeN = { x: ankle.x + horizontalReachPx(shankLengthPx, ankle.y - knee.y) * sin, y: knee.y };
  const hipN = { x: kneeN.x - horizontalReachPx(thighLengthPx, knee.y - hip.y) * sin, y: hip.y };
  return fppaDeg(hipN, kneeN, ankle, medialSign);
}

/**
 * Segment angle from vertical, deg (0 = vertical, 90 = horizontal, > 90 = its lower end above its
 * upper end). Seen from the side, the image shows it; from the front or back the segment points at
 * the camera, and its angle follows from how much of its standing length it still shows vertically.
 */
function segmentFromVerticalDeg(
  top: Vec2,
  bottom: Vec2,
  lengthPx: number | null,
  sideView: boolean,
): number | null {
  const dy = bottom.y - top.y;
  if (sideView) return toDegrees(Math.atan2(Math.abs(bottom.x - top.x), dy));
  if (lengthPx === null || !(lengthPx > 0)) return null;
  return toDegrees(Math.acos(clamp(dy / lengthPx, -1, 1)));
}

export interface FootPlaneValgus {
  /** Frontal tilt of the shank out of the foot's vertical plane, deg, + medial. */
  readonly tiltDeg: number;
  /** Medial displacement / shank length. */
  readonly ratio: number;
}

/**
 * The knee's medial displacement from the vertical plane through its own foot's ankle→toe line.
 * Knee forward travel d follows from the shank's true length Ls and its visible height h
 * (d = √(Ls² − h²)); a knee tracking over the toes then sits d·sin ψ to the side of the ankle in the
 * image, where sin ψ is the foot's image x extent over its expected length. What is left over, over
 * cos ψ, is the medial displacement m; the tilt is atan(m / h). Works off-axis, where FPPA reads the
 * hips going back as valgus.
 */
export function footPlaneValgus(
  knee: Vec2,
  ankle: Vec2,
  toe: Vec2 | null,
  shankLengthPx: number,
  medialSign: number,
): FootPlaneValgus | null {
  const h = ankle.y - knee.y;
  if (!(h > 0) || !(shankLengthPx > 0)) return null;
  const d = Math.sqrt(Math.max(0, shankLengthPx * shankLengthPx - h * h));
  const sinPsi =
    toe === null ? 0 : clamp((toe.x - ankle.x) / (ANKLE_TO_TOE_PER_SHANK * shankLengthPx), -0.9, 0.9);
  const cosPsi = Math.sqrt(1 - sinPsi * sinPsi);
  const m = (medialSign * (knee.x - ankle.x - d * sinPsi)) / cosPsi;
  return { tiltDeg: toDegrees(Math.atan2(m, h)), ratio: m / shankLengthPx };
}

/** Standing-style absolute foot-plane tilt per side (used by the calibration). */
export function footPlaneTilts(
  pose: GatedPose,
  leftDir: 1 | -1 | null,
  shank: Sided<number | null>,
): Sided<number | null> {
  return sided((s) => {
    const n = SIDE_NAMES[s];
    const kn = pt(pose, n.knee);
    const an = pt(pose, n.ankle);
    const len = shank[s];
    if (leftDir === null || !kn || !an || len === null) return null;
    return footPlaneValgus(kn, an, pt(pose, n.toe), len, s === 'left' ? -leftDir : leftDir)?.tiltDeg ?? null;
  });
}

/** Segment mass fractions and centre-of-mass positions, after de Leva (1996), male/female averaged. */
const SEGMENTS = {
  head: 0.068,
  trunk: { mass: 0.43, fromShoulder: 0.45 },
  upperArm: { mass: 0.026, fromProximal: 0.577 },
  forearmHand: { mass: 0.021, fromProximal: 0.6 },
  thigh: { mass: 0.145, fromProximal: 0.41 },
  shank: { mass: 0.046, fromProximal: 0.44 },
  foot: { mass: 0.013, fromHeel: 0.44 },
} as const;

/**
 * Segment-weighted centre of mass in the image. Bilateral segments: one visible side stands for both
 * (in a side view they overlap); missing arms put their mass at the shoulders; a missing trunk or legs
 * give null.
 */
export function centreOfMass(pose: GatedPose): Vec2 | null {
  const sMid = pairMid(pose, 'left_shoulder', 'right_shoulder');
  const hMid = pairMid(pose, 'left_hip', 'right_hip');
  if (!sMid || !hMid) return null;
  let mx = 0;
  let my = 0;
  let m = 0;
  const addMass = (p: Vec2, mass: number): void => {
    mx += p.x * mass;
    my += p.y * mass;
    m += mass;
  };
  addMass(lerp(sMid, hMid, SEGMENTS.trunk.fromShoulder), SEGMENTS.trunk.mass);
  const head = pairMid(pose, 'left_ear', 'right_ear') ?? pt(pose, 'nose');
  if (head) addMass(head, SEGMENTS.head);
  const bilateral = (seg: (side: Side) => Vec2 | null, mass: number, fallback: Vec2 | null): boolean => {
    const pts = SIDES.map(seg).filter((p): p is Vec2 => p !== null);
    if (pts.length === 0) {
      if (fallback === null) return false;
      addMass(fallback, 2 * mass);
      return true;
    }
    for (const p of pts) addMass(p, (2 * mass) / pts.length);
    return true;
  };
  const segPoint = (a: Vec2 | null, b: Vec2 | null, t: number): Vec2 | null =>
    a && b ? lerp(a, b, t) : null;
  const P = (s: Side, k: keyof (typeof SIDE_NAMES)['left']): Vec2 | null => pt(pose, SIDE_NAMES[s][k]);
  bilateral(
    (s) => segPoint(P(s, 'shoulder'), P(s, 'elbow'), SEGMENTS.upperArm.fromProximal),
    SEGMENTS.upperArm.mass,
    sMid,
  );
  bilateral(
    (s) => segPoint(P(s, 'elbow'), P(s, 'wrist'), SEGMENTS.forearmHand.fromProximal),
    SEGMENTS.forearmHand.mass,
    sMid,
  );
  if (
    !bilateral(
      (s) => segPoint(P(s, 'hip'), P(s, 'knee'), SEGMENTS.thigh.fromProximal),
      SEGMENTS.thigh.mass,
      null,
    )
  )
    return null;
  if (
    !bilateral(
      (s) => segPoint(P(s, 'knee'), P(s, 'ankle'), SEGMENTS.shank.fromProximal),
      SEGMENTS.shank.mass,
      null,
    )
  )
    return null;
  bilateral(
    (s) => segPoint(P(s, 'heel'), P(s, 'toe'), SEGMENTS.foot.fromHeel) ?? P(s, 'ankle'),
    SEGMENTS.foot.mass,
    null,
  );
  return { x: mx / m, y: my / m };
}

/** Pelvic obliquity, deg, + = left hip lower in the image (independent of which way the person faces). */
export function hipLineDeg(pose: GatedPose): number | null {
  const hips = pair(pose, 'left_hip', 'right_hip');
  if (!hips) return null;
  const [l, r] = hips;
  if (Math.abs(l.x - r.x) < 1e-6) return null;
  return signedSlopeDeg(sub(l, r));
}

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

const minOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);
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
    const shankLen = cal?.shankLengthPx[s] ?? lengths.shank[s];
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
  const hipDropDeg = hipLine !== null && cal?.hipLineDeg != null ? hipLine - cal.hipLineDeg : null;
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
  // Which hip is nearer cannot be told reliably from 2D keypoints (on the banded clip the feet and
  // the model's own 3D hips disagree), so the allowance is taken off the drop whichever way it goes:
  // a false "keep your hips level" costs more trust than a missed one.
  const hipDropPerspectiveDeg = perspectiveMagDeg;
  const pelvicDropDeg =
    hipDropDeg === null || perspectiveMagDeg === null
      ? hipDropDeg
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
  let toeShiftRatio: number | null = null;
  let kneePastToesRatio: number | null = null;
  let shinAngleDeg: number | null = null;
  if (heelMid && toeMid && footLen > 0) {
    const com = centreOfMass(pose);
    if (com) toeShiftRatio = (com.x - heelMid.x) / footVec;
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
