/**
 * Building blocks for the constructed cases: reading a real standing pose out of a fixture track and
 * making new poses from it (feet moved and lifted, hips dipped and tilted, knees bent, arms placed),
 * plus the small helpers the splices share (frame interval, deterministic keypoint jitter).
 * Everything works on model output as it is (no score gating) except where a frame is *chosen*.
 */
import type { Keypoint, KeypointName, Keypoints, PoseFrame } from '../../src/core/pose/keypoints';
import { ms, px } from '../../src/core/math/units';
import { add, angleAtDeg, dot, norm, scale, sub, vec, type Vec2 } from '../../src/core/math/geometry';
import type { Side, Sided } from '../../src/core/types';

export type Pose = Partial<Record<KeypointName, Keypoint>>;
export const SIDES: readonly Side[] = ['left', 'right'];
export const otherSide = (s: Side): Side => (s === 'left' ? 'right' : 'left');

/** Keypoint score a frame must reach on the legs and hips to be chosen as a standing reference (the core's own gate is 0.5). */
const CHOOSE_MIN_SCORE = 0.5;
/** Image knee angle (deg) above which both knees count as straight when choosing a standing frame. */
const CHOOSE_STRAIGHT_KNEE_DEG = 165;
/** Keypoints that must be confident in a chosen standing frame. */
const LEG_NAMES: readonly KeypointName[] = [
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
  'left_shoulder',
  'right_shoulder',
];

export const footNames = (s: Side): readonly KeypointName[] => [`${s}_ankle`, `${s}_heel`, `${s}_foot_index`];
export const handNames = (s: Side): readonly KeypointName[] => [`${s}_pinky`, `${s}_index`, `${s}_thumb`];

/** The keypoint's position; throws when the pose lacks it (the fixtures are BlazePose-33 tracks). */
export function at(pose: Keypoints, n: KeypointName): Vec2 {
  const k = pose[n];
  if (k === undefined) throw new Error(`pose has no ${n}`);
  return vec(k.xPx, k.yPx);
}

export const midOf = (pose: Keypoints, a: KeypointName, b: KeypointName): Vec2 => {
  const pa = at(pose, a);
  const pb = at(pose, b);
  return vec((pa.x + pb.x) / 2, (pa.y + pb.y) / 2);
};

/** Standing hip-midpoint → ankle-midpoint vertical extent, px: the body scale every amount is a share of. */
export const hipAnkleExtentPx = (pose: Keypoints): number =>
  midOf(pose, 'left_ankle', 'right_ankle').y - midOf(pose, 'left_hip', 'right_hip').y;

/** Hip-midpoint height in the image (raw keypoints), px, or null when a hip is missing. */
export function hipMidY(f: PoseFrame): number | null {
  const l = f.keypoints?.left_hip;
  const r = f.keypoints?.right_hip;
  return l && r ? (l.yPx + r.yPx) / 2 : null;
}

/** Median interval between frames, ms: the track's own frame rate for synthesised frames. */
export function frameIntervalMs(frames: readonly PoseFrame[]): number {
  const d = frames
    .slice(1)
    .map((f, i) => f.tMs - (frames[i] as PoseFrame).tMs)
    .sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)] ?? 33;
}

/** A frame that shows the person standing: confident legs and hips, both image knee angles ≥ 165°. */
export function isStandingFrame(f: PoseFrame): boolean {
  const k = f.keypoints;
  if (k === null) return false;
  if (LEG_NAMES.some((n) => (k[n]?.score ?? 0) < CHOOSE_MIN_SCORE)) return false;
  if (hipAnkleExtentPx(k) <= 0) return false;
  return SIDES.every(
    (s) => angleAtDeg(at(k, `${s}_hip`), at(k, `${s}_knee`), at(k, `${s}_ankle`)) >= CHOOSE_STRAIGHT_KNEE_DEG,
  );
}

/** Index of the first standing frame (the pose a splice before the reps starts from). */
export function firstStandingIndex(frames: readonly PoseFrame[]): number {
  const i = frames.findIndex(isStandingFrame);
  if (i < 0) throw new Error('track has no standing frame');
  return i;
}

/** Index of the last standing frame at or before `atMs` (the pose a splice after the reps starts from). */
export function lastStandingIndex(frames: readonly PoseFrame[], atMs = Infinity): number {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i] as PoseFrame;
    if (f.tMs <= atMs && isStandingFrame(f)) return i;
  }
  throw new Error(`track has no standing frame at or before ${atMs} ms`);
}

/** Image x sign the person faces: toes ahead of heels (+1 or −1). */
export function forwardSignX(pose: Keypoints): number {
  const dx = SIDES.reduce((s, side) => s + at(pose, `${side}_foot_index`).x - at(pose, `${side}_heel`).x, 0);
  return dx < 0 ? -1 : 1;
}

/** sin(π·u) for u in [0, 1]: 0 at the ends, 1 in the middle (a lift, a dip, a tilt over one step). */
export const bump = (u: number): number => (u <= 0 || u >= 1 ? 0 : Math.sin(Math.PI * u));
/** Smooth 0 → 1 over u in [0, 1] (zero speed at both ends: a foot leaves and lands softly). */
export const smoothstep = (u: number): number => {
  const t = Math.min(1, Math.max(0, u));
  return t * t * (3 - 2 * t);
};

const rotate = (v: Vec2, rad: number): Vec2 =>
  vec(v.x * Math.cos(rad) - v.y * Math.sin(rad), v.x * Math.sin(rad) + v.y * Math.cos(rad));

/** Signed knee bend, deg: 180 − the image knee angle, + when the knee lies on the `n` side of hip→ankle. */
function signedBendDeg(h: Vec2, k: Vec2, a: Vec2, n: Vec2): number {
  const bend = 180 - angleAtDeg(h, k, a);
  return dot(sub(k, h), n) >= 0 ? bend : -bend;
}

/**
 * The knee of a leg whose hip and ankle moved from (h0, a0) to (h, a), bent `flexDeg` more in the
 * image than it was in the reference. The reference knee is first carried along by the similarity
 * that maps h0→h and a0→a (a shorter hip→ankle chord shortens thigh and shank alike, as the
 * foreshortening of a leg bending toward or away from the camera does); then it is pushed sideways
 * off the hip→ankle line, toward the image side the person faces (`forwardX`), until the image angle
 * has closed by `flexDeg`. The signed bend grows monotonically with that push, so bisection finds it.
 */
export function placeKnee(
  h0: Vec2,
  k0: Vec2,
  a0: Vec2,
  h: Vec2,
  a: Vec2,
  flexDeg: number,
  forwardX: number,
): Vec2 {
  const u0 = sub(a0, h0);
  const u = sub(a, h);
  const d = norm(u);
  const turn = Math.atan2(u.y, u.x) - Math.atan2(u0.y, u0.x);
  const carried = add(h, rotate(scale(sub(k0, h0), d / norm(u0)), turn));
  if (flexDeg === 0) return carried;
  const t = scale(u, 1 / d);
  const n0 = vec(-t.y, t.x);
  const n = n0.x * forwardX >= 0 ? n0 : scale(n0, -1);
  const target = Math.min(179, signedBendDeg(h, carried, a, n) + flexDeg);
  let lo = -d;
  let hi = d;
  for (let i = 0; i < 60; i++) {
    const m = (lo + hi) / 2;
    if (signedBendDeg(h, add(carried, scale(n, m)), a, n) < target) lo = m;
    else hi = m;
  }
  return add(carried, scale(n, (lo + hi) / 2));
}

/** A body-part placement: translate by (dx, dy) px, then scale by `scale` about the image centre. */
export interface Placement {
  readonly dx: number;
  readonly dy: number;
  readonly scale: number;
}
export const NO_MOVE: Placement = { dx: 0, dy: 0, scale: 1 };

/** Where the elbow and wrist of one arm are, in the reference pose's coordinates (before the body placement). */
export interface ArmPlacement {
  readonly elbow: Vec2;
  readonly wrist: Vec2;
}

/** A new pose, described as changes to the reference standing pose. */
export interface PoseEdit {
  /** Hips and everything above them (head, shoulders, arms). */
  readonly body: Placement;
  /** Each foot (ankle, heel, foot_index) moves rigidly; dy < 0 lifts it. */
  readonly feet: Sided<Placement>;
  /** Extra image knee flexion, deg, over the reference (0 = only carried along). */
  readonly kneeFlexDeg: Sided<number>;
  /** Hip line rotated about its midpoint, deg, + = the person's left hip lower in the image. */
  readonly pelvisTiltDeg: number;
  /** Arms moved (hands follow their wrist rigidly), or undefined to leave them with the body. */
  readonly arms?: Sided<ArmPlacement>;
}

const place = (p: Vec2, m: Placement, centre: Vec2): Vec2 =>
  vec(centre.x + (p.x + m.dx - centre.x) * m.scale, centre.y + (p.y + m.dy - centre.y) * m.scale);

/** Applies a PoseEdit to the reference pose; `centre` is the image centre, `forwardX` the facing sign. */
export function editPose(ref: Keypoints, e: PoseEdit, centre: Vec2, forwardX: number): Pose {
  const out: Pose = {};
  const put = (n: KeypointName, p: Vec2): void => {
    const k = ref[n];
    if (k !== undefined) out[n] = { xPx: px(p.x), yPx: px(p.y), score: k.score };
  };
  for (const [n, k] of Object.entries(ref) as [KeypointName, Keypoint][]) {
    put(n, place(vec(k.xPx, k.yPx), e.body, centre));
  }
  // Pelvis: rotate the hip line about its midpoint; + tilt puts the left hip lower, so rotate
  // clockwise on screen (+) when the left hip is on image +x.
  const hl = at(ref, 'left_hip');
  const hr = at(ref, 'right_hip');
  const hc = vec((hl.x + hr.x) / 2, (hl.y + hr.y) / 2);
  const rad = (Math.sign(hl.x - hr.x || 1) * e.pelvisTiltDeg * Math.PI) / 180;
  const hips: Sided<Vec2> = {
    left: place(add(hc, rotate(sub(hl, hc), rad)), e.body, centre),
    right: place(add(hc, rotate(sub(hr, hc), rad)), e.body, centre),
  };
  for (const s of SIDES) {
    put(`${s}_hip`, hips[s]);
    for (const n of footNames(s)) put(n, place(at(ref, n), e.feet[s], centre));
    const ankle = place(at(ref, `${s}_ankle`), e.feet[s], centre);
    const knee = placeKnee(
      at(ref, `${s}_hip`),
      at(ref, `${s}_knee`),
      at(ref, `${s}_ankle`),
      hips[s],
      ankle,
      e.kneeFlexDeg[s],
      forwardX,
    );
    put(`${s}_knee`, knee);
    const arm = e.arms?.[s];
    if (arm !== undefined) {
      const wrist0 = at(ref, `${s}_wrist`);
      put(`${s}_elbow`, place(arm.elbow, e.body, centre));
      put(`${s}_wrist`, place(arm.wrist, e.body, centre));
      for (const n of handNames(s)) put(n, place(add(arm.wrist, sub(at(ref, n), wrist0)), e.body, centre));
    }
  }
  return out;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so every run builds the same frames. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Keypoint jitter of a still person, px: ±1 px, the size of BlazePose's frame-to-frame noise on the
 * standing stretches of the fixture tracks (720–1080 px frames). A synthesised pose without it
 * would be stiller than any real one.
 */
export const JITTER_PX = 1;

/** A frame at `tMs` showing `pose` with ±JITTER_PX of jitter on every keypoint. */
export function synthFrame(like: PoseFrame, tMs: number, pose: Pose, rnd: () => number): PoseFrame {
  const out: Pose = {};
  for (const [n, k] of Object.entries(pose) as [KeypointName, Keypoint][]) {
    out[n] = {
      xPx: px(k.xPx + (rnd() * 2 - 1) * JITTER_PX),
      yPx: px(k.yPx + (rnd() * 2 - 1) * JITTER_PX),
      score: k.score,
    };
  }
  return { tMs: ms(tMs), widthPx: like.widthPx, heightPx: like.heightPx, keypoints: out };
}

export const imageCentre = (f: PoseFrame): Vec2 => vec(f.widthPx / 2, f.heightPx / 2);

/** Frames shifted in time by `shiftMs`. */
export const shiftTime = (frames: readonly PoseFrame[], shiftMs: number): PoseFrame[] =>
  frames.map((f) => ({ ...f, tMs: ms(f.tMs + shiftMs) }));

/** Result of a splice: the new track and where the synthesised part sits in it. */
export interface Spliced {
  readonly frames: PoseFrame[];
  /** Time range of the synthesised frames, ms (inclusive). */
  readonly inserted: { readonly fromMs: number; readonly toMs: number };
  /** How far the kept original frames were moved in time, ms. */
  readonly shiftMs: number;
}

/** What every splice needs of the real track: its reference standing pose and the scale around it. */
export interface SpliceBase {
  readonly refFrame: PoseFrame;
  readonly ref: Keypoints;
  /** The track's frame interval, ms. */
  readonly dtMs: number;
  /** Standing hip→ankle extent of the reference pose, px. */
  readonly extentPx: number;
  readonly centre: Vec2;
  /** Image x sign of the person's forward direction. */
  readonly forwardX: number;
}

/** The splice base at frame `index` (a standing frame of the real track). */
export function spliceBase(frames: readonly PoseFrame[], index: number): SpliceBase {
  const refFrame = frames[index] as PoseFrame;
  const ref = refFrame.keypoints;
  if (ref === null) throw new Error('unreachable: a standing frame has keypoints');
  return {
    refFrame,
    ref,
    dtMs: frameIntervalMs(frames),
    extentPx: hipAnkleExtentPx(ref),
    centre: imageCentre(refFrame),
    forwardX: forwardSignX(ref),
  };
}
