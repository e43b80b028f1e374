/**
 * Single-leg squat tracks derived from a real fixture track (no licensed single-leg footage exists).
 * The stance leg, the pelvis and the upper body are the real keypoints of the clip: the stance hip,
 * knee and ankle follow the real squat. The other leg is replaced by a held-up free leg hanging from
 * the real free hip: its ankle `FREE_LIFT_RATIO` shank lengths above the stance ankle (the floor),
 * its knee bent below the hip (hip flexed ~45°). A check is: two-leg standing (the real first standing
 * frame chosen by `refMs`), the free foot lifted over 400 ms, 1.6 s still on one leg (that frame
 * repeated), the clip from its first standing frame to `cutMs` `loops` times, the foot put down over
 * 400 ms, then the same for the other leg.
 */
import type { Keypoint, KeypointName, PoseFrame } from '../../src/core/pose/keypoints';
import { ms, px } from '../../src/core/math/units';
import { dist, rotateAboutDeg, vec, type Vec2 } from '../../src/core/math/geometry';
import type { Side } from '../../src/core/types';
import { loadFrames, type ClipId } from '../golden/tracks';
import { depthFade, kneeImage, type RepWindow } from './inject';
import {
  at,
  firstStandingIndex,
  frameIntervalMs,
  lastStandingIndex,
  otherSide,
  type Pose,
} from './pose-synth';

/** Free ankle above the stance ankle while held up, share of the stance shank (thigh 45° forward, shank hanging back). */
export const FREE_LIFT_RATIO = 0.6;
/** Still single-leg standing before the reps, ms: past the 1 s calibration needs. */
const ONE_LEG_STILL_MS = 1600;
const TWO_LEG_MS = 1000;
const LIFT_MS = 400;

/** A pose with the `free` leg held up (lift = share of the stance shank above the stance ankle). */
export function withFreeLegUp(k: Pose, free: Side, lift: number, shankPx: number): Pose {
  const stance = otherSide(free);
  const hip = at(k, `${free}_hip`);
  const origAnkle = at(k, `${free}_ankle`);
  const origKnee = at(k, `${free}_knee`);
  const floorY = at(k, `${stance}_ankle`).y;
  const ankle = vec(hip.x + (origAnkle.x - hip.x) * 0.5, floorY - lift * shankPx);
  // The knee below the hip by the thigh's image height at ~45° of hip flexion, above the ankle.
  const thighPx = dist(hip, origKnee);
  const bend = Math.min(1, lift / FREE_LIFT_RATIO);
  const kneeY = Math.min(hip.y + thighPx * (1 - 0.29 * bend), ankle.y - 0.2 * shankPx * bend);
  const knee = vec(hip.x + (origKnee.x - hip.x) * 0.5, kneeY);
  const out: Pose = { ...k };
  const setOut = (n: KeypointName, p: Vec2): void => {
    out[n] = { xPx: px(p.x), yPx: px(p.y), score: k[n]?.score ?? 0.9 };
  };
  setOut(`${free}_knee`, knee);
  setOut(`${free}_ankle`, ankle);
  setOut(`${free}_heel`, vec(ankle.x, ankle.y - 0.03 * shankPx));
  setOut(`${free}_foot_index`, vec(ankle.x, ankle.y + 0.15 * shankPx));
  return out;
}

const shankOf = (k: Pose, s: Side): number => dist(at(k, `${s}_knee`), at(k, `${s}_ankle`));

const retime = (f: PoseFrame, tMs: number, keypoints: Pose | null): PoseFrame => ({
  ...f,
  tMs: ms(tMs),
  keypoints: keypoints ?? f.keypoints,
});

export interface DerivedCheck {
  readonly frames: PoseFrame[];
  /** Per leg block, the rep windows in the derived track's time (standing to standing). */
  readonly windows: Readonly<Record<Side, readonly RepWindow[]>>;
  /** How the track was made. */
  readonly how: string;
}

export interface DeriveOptions {
  readonly clip: ClipId;
  /** The clip's complete reps, standing to standing, in clip time (REP_WINDOWS in inject.ts). */
  readonly reps: readonly RepWindow[];
  /** The clip is cut at its last standing frame at or before this time, ms (after its last complete rep). */
  readonly cutMs: number;
  /** The clip's reps are played this many times per leg. */
  readonly loops: number;
  /** The still standing pose (two-leg, then one-leg) is the clip's last standing frame at or before this time, ms. */
  readonly refMs: number;
  readonly order: readonly Side[];
}

/** A two-leg check derived from one clip (see the file comment). */
export function deriveSingleLegCheck(o: DeriveOptions): DerivedCheck {
  const all = loadFrames(o.clip);
  const dt = frameIntervalMs(all);
  const first = firstStandingIndex(all);
  const cut = lastStandingIndex(all, o.cutMs);
  const clip = all.slice(first, cut + 1);
  const ref = all[lastStandingIndex(all, o.refMs)] as PoseFrame;
  const refK = ref.keypoints as Pose;
  const out: PoseFrame[] = [];
  const windows: Record<Side, RepWindow[]> = { left: [], right: [] };
  let t = 0;
  const emit = (f: PoseFrame, k: Pose | null): void => {
    out.push(retime(f, t, k));
    t += dt;
  };
  for (const stance of o.order) {
    const free = otherSide(stance);
    const shank = shankOf(refK, stance);
    for (let u = 0; u < TWO_LEG_MS; u += dt) emit(ref, null);
    for (let u = 0; u <= LIFT_MS; u += dt)
      emit(ref, withFreeLegUp(refK, free, (FREE_LIFT_RATIO * u) / LIFT_MS, shank));
    for (let u = 0; u < ONE_LEG_STILL_MS; u += dt)
      emit(ref, withFreeLegUp(refK, free, FREE_LIFT_RATIO, shank));
    for (let loop = 0; loop < o.loops; loop++) {
      const t0 = t - (clip[0] as PoseFrame).tMs;
      for (const w of o.reps) windows[stance].push({ startMs: w.startMs + t0, endMs: w.endMs + t0 });
      for (const f of clip) emit(f, withFreeLegUp(f.keypoints as Pose, free, FREE_LIFT_RATIO, shank));
    }
    for (let u = 0; u <= LIFT_MS; u += dt)
      emit(ref, withFreeLegUp(refK, free, FREE_LIFT_RATIO * (1 - u / LIFT_MS), shank));
  }
  return {
    frames: out,
    windows,
    how: `${o.clip} (real keypoints) ${o.order.join(' then ')} leg standing, free leg held ${FREE_LIFT_RATIO} shank up, clip reps ×${o.loops} per leg`,
  };
}

/** The deepest frame of a window: the largest stance-hip y (raw keypoints). */
export function deepestStanceFrame(frames: readonly PoseFrame[], w: RepWindow, stance: Side): PoseFrame {
  let best: PoseFrame | null = null;
  for (const f of frames) {
    if (f.tMs < w.startMs || f.tMs > w.endMs || f.keypoints === null) continue;
    const y = f.keypoints[`${stance}_hip`]?.yPx;
    if (y !== undefined && (best === null || y > (best.keypoints?.[`${stance}_hip`]?.yPx ?? -Infinity)))
      best = f;
  }
  if (best === null) throw new Error(`no frame in ${w.startMs}–${w.endMs} ms`);
  return best;
}

/**
 * Image FPPA injected on the stance knee: in each window the knee is rotated about its own ankle
 * toward the midline by r·fade (fade 0 standing → 1 at the deepest frame), r found by bisection so
 * that the image FPPA at the deepest frame rises by exactly `D` (kneeImage, Munro's definition).
 */
export function injectStanceFppa(
  frames: readonly PoseFrame[],
  stance: Side,
  D: number,
  windows: readonly RepWindow[],
): PoseFrame[] {
  const medialX = (k: Pose): number =>
    Math.sign(at(k, `${otherSide(stance)}_hip`).x - at(k, `${stance}_hip`).x);
  const rotateKnee = (k: Pose, deg: number): Pose => {
    const knee = at(k, `${stance}_knee`);
    const p = rotateAboutDeg(knee, at(k, `${stance}_ankle`), medialX(k) * deg);
    return { ...k, [`${stance}_knee`]: { ...(k[`${stance}_knee`] as Keypoint), xPx: px(p.x), yPx: px(p.y) } };
  };
  let out = [...frames];
  for (const w of windows) {
    const deep = deepestStanceFrame(frames, w, stance);
    const k = deep.keypoints as Pose;
    const base = kneeImage(deep, stance).fppaDeg;
    let lo = 0;
    let hi = 60;
    for (let i = 0; i < 50; i++) {
      const r = (lo + hi) / 2;
      if (kneeImage({ ...deep, keypoints: rotateKnee(k, r) }, stance).fppaDeg - base < D) lo = r;
      else hi = r;
    }
    const r = (lo + hi) / 2;
    const fade = depthFade(frames, w);
    out = out.map((f) => {
      const a = fade(f);
      return a === 0 || f.keypoints === null
        ? f
        : { ...f, keypoints: rotateKnee(f.keypoints as Pose, r * a) };
    });
  }
  return out;
}

/**
 * Pelvic drop injected on the free side: the free hip rotated about the stance hip so the hip line
 * tilts `deg` more (free hip lower), scaled by the window's depth fade; the free leg hangs from the
 * hip, so its knee and foot move down with it.
 */
export function injectFreeHipDrop(
  frames: readonly PoseFrame[],
  stance: Side,
  deg: number,
  windows: readonly RepWindow[],
): PoseFrame[] {
  const free = otherSide(stance);
  const fades = windows.map((w) => depthFade(frames, w));
  return frames.map((f) => {
    const a = Math.max(0, ...fades.map((g) => g(f)));
    if (a === 0 || f.keypoints === null) return f;
    const k = f.keypoints as Pose;
    const pivot = at(k, `${stance}_hip`);
    const freeHip = at(k, `${free}_hip`);
    // + = clockwise on screen: moves a point on the pivot's +x side down.
    const turned = rotateAboutDeg(freeHip, pivot, Math.sign(freeHip.x - pivot.x) * deg * a);
    const dy = turned.y - freeHip.y;
    const dx = turned.x - freeHip.x;
    const moved: Pose = { ...k };
    for (const n of [
      `${free}_hip`,
      `${free}_knee`,
      `${free}_ankle`,
      `${free}_heel`,
      `${free}_foot_index`,
    ] as const) {
      const p = k[n];
      if (p !== undefined) moved[n] = { ...p, xPx: px(p.xPx + dx), yPx: px(p.yPx + dy) };
    }
    return { ...f, keypoints: moved };
  });
}

/**
 * A touch-down: over the deepest half of the window (depth fade ≥ 0.5) the free foot is put on the
 * floor (its ankle at the stance ankle's height), then held up again.
 */
export function touchDownInRep(frames: readonly PoseFrame[], stance: Side, w: RepWindow): PoseFrame[] {
  const fade = depthFade(frames, w);
  return frames.map((f) => {
    if (fade(f) < 0.5 || f.keypoints === null) return f;
    const k = f.keypoints as Pose;
    return { ...f, keypoints: withFreeLegUp(k, otherSide(stance), 0, shankOf(k, stance)) };
  });
}
