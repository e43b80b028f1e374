/**
 * Hand-built single-leg squats seen square-on from the front (the person faces the camera, their left
 * on image +x), frame by frame with exactly known image truth:
 *
 * - the stance leg bends by `flexDeg` in its own sagittal plane (shank 45 % of it forward, thigh 55 %
 *   back), which from the front only shortens the thigh and shank in the image;
 * - an injected FPPA is made by moving the stance knee toward the midline until the image angle
 *   180° − ∠(hip, knee, ankle) equals the target (bisection on the image itself), hip and ankle fixed;
 * - an injected pelvic drop rotates the free-side hip about the stance hip by the target angle, so the
 *   hip line tilts by exactly that;
 * - the free foot is held `liftRatio` shank lengths above the floor (0 = touched down), its knee bent
 *   below the free hip; a hop lifts the whole body.
 *
 * Shoulder and hip widths are chosen so the view's yaw estimate reads 0 (square-on): (168 + 92) /
 * (2 × 250) = 0.52 = FRONTAL_WIDTH_RATIO.
 */
import type { PoseFrame } from '../../src/core/pose/keypoints';
import { angleAtDeg, vec, type Vec2 } from '../../src/core/math/geometry';
import type { Side } from '../../src/core/types';
import { frameAt, repDepth, type RawPose } from './poses';

export const SHANK_PX = 190;
export const THIGH_PX = 205;
const HIP_WIDTH_PX = 92;
const SHOULDER_WIDTH_PX = 168;
const TORSO_PX = 250;
const FLOOR_Y = 1010;
/** Free foot height above the floor while held up, share of the shank (a bent knee, thigh ~45° forward). */
export const HELD_LIFT_RATIO = 0.6;

export interface SingleLegPoseParams {
  readonly stance: Side;
  /** Stance knee flexion, deg (0 = straight). */
  readonly flexDeg?: number;
  /** Image FPPA of the stance knee, deg, + = medial. */
  readonly fppaDeg?: number;
  /** Free-side hip lower than the stance hip by this angle of the hip line, deg. */
  readonly pelvicDropDeg?: number;
  /** Shoulder midpoint toward the stance side, deg from vertical over the hip midpoint. */
  readonly trunkLeanDeg?: number;
  /** Free ankle above the stance ankle, share of the shank; 0 = touched down. */
  readonly liftRatio?: number;
  /** Whole body raised by this many px (a hop). */
  readonly hopPx?: number;
  readonly cx?: number;
}

/** Signed image FPPA, deg: 180° − ∠(hip, knee, ankle), + when the knee lies toward `medialX` of hip→ankle. */
export function imageFppaDeg(hip: Vec2, knee: Vec2, ankle: Vec2, medialX: number): number {
  const t = (knee.y - hip.y) / (ankle.y - hip.y);
  const lineX = hip.x + (ankle.x - hip.x) * t;
  return Math.sign((knee.x - lineX) * medialX) * (180 - angleAtDeg(hip, knee, ankle));
}

const deg = (d: number): number => (d * Math.PI) / 180;

export function singleLegPose(p: SingleLegPoseParams): RawPose {
  const latS = p.stance === 'left' ? 1 : -1; // image x direction of the stance side
  // Body centre: over the stance foot's side, so both feet stay where they are when the legs swap.
  const cx = p.cx ?? 362 + latS * 23;
  const up = p.hopPx ?? 0;
  const flex = p.flexDeg ?? 0;
  const ankle = vec(cx + latS * 48, FLOOR_Y - up);
  const kneeY = ankle.y - SHANK_PX * Math.cos(deg(0.45 * flex));
  const hip = vec(ankle.x + latS * 4, kneeY - THIGH_PX * Math.cos(deg(0.55 * flex)));
  // Knee moved toward the midline (−latS) until the image FPPA is the target.
  const target = p.fppaDeg ?? 0;
  let lo = -120;
  let hi = 120;
  for (let i = 0; i < 60; i++) {
    const m = (lo + hi) / 2;
    if (imageFppaDeg(hip, vec(ankle.x - latS * m, kneeY), ankle, -latS) < target) lo = m;
    else hi = m;
  }
  const knee = vec(ankle.x - latS * ((lo + hi) / 2), kneeY);
  const drop = deg(p.pelvicDropDeg ?? 0);
  const freeHip = vec(hip.x - latS * HIP_WIDTH_PX * Math.cos(drop), hip.y + HIP_WIDTH_PX * Math.sin(drop));
  const hipMid = vec((hip.x + freeHip.x) / 2, (hip.y + freeHip.y) / 2);
  // Forward trunk lean (half the thigh angle) shortens the torso in a frontal image.
  const torso = TORSO_PX * Math.cos(deg(0.275 * flex));
  const lean = deg(p.trunkLeanDeg ?? 0);
  const sh = vec(hipMid.x + latS * torso * Math.sin(lean), hipMid.y - torso * Math.cos(lean));
  const shS = vec(sh.x + (latS * SHOULDER_WIDTH_PX) / 2, sh.y + 2);
  const shF = vec(sh.x - (latS * SHOULDER_WIDTH_PX) / 2, sh.y);
  const freeAnkle = vec(freeHip.x - latS * 6, ankle.y - (p.liftRatio ?? HELD_LIFT_RATIO) * SHANK_PX);
  // The free hip flexes with the lift (45° when held up), so a foot put down hangs from a straight leg.
  const hipFlex = deg(45 * Math.min(1, (p.liftRatio ?? HELD_LIFT_RATIO) / HELD_LIFT_RATIO));
  const freeKnee = vec(freeHip.x - latS * 9, freeHip.y + THIGH_PX * Math.cos(hipFlex));
  const xy = (v: Vec2, dx = 0, dy = 0): readonly [number, number] => [v.x + dx, v.y + dy];
  const S = p.stance;
  const F: Side = S === 'left' ? 'right' : 'left';
  return {
    nose: xy(sh, 1, -96),
    left_eye: xy(sh, 14, -108),
    right_eye: xy(sh, -13, -107),
    left_ear: xy(sh, 33, -99),
    right_ear: xy(sh, -31, -98),
    [`${S}_shoulder`]: xy(shS),
    [`${F}_shoulder`]: xy(shF),
    // Hands on hips: elbows out to the side, wrists at the hips.
    [`${S}_elbow`]: xy(shS, latS * 41, 118),
    [`${F}_elbow`]: xy(shF, -latS * 39, 121),
    [`${S}_wrist`]: xy(hip, latS * 22, -9),
    [`${F}_wrist`]: xy(freeHip, -latS * 21, -11),
    [`${S}_hip`]: xy(hip),
    [`${F}_hip`]: xy(freeHip),
    [`${S}_knee`]: xy(knee),
    [`${F}_knee`]: xy(freeKnee),
    [`${S}_ankle`]: xy(ankle),
    [`${F}_ankle`]: xy(freeAnkle),
    // Feet: toes lower in the image than heels (pointing at the camera), the stance foot straight ahead
    // (toe 2 px out: ~1° of toe-out, so the foot line and the image agree).
    [`${S}_heel`]: xy(ankle, -latS * 4, 18),
    [`${S}_foot_index`]: xy(ankle, latS * 2, 40),
    [`${F}_heel`]: xy(freeAnkle, -latS * 2, -4),
    [`${F}_foot_index`]: xy(freeAnkle, -latS * 8, 30),
  };
}

/** One single-leg rep: peak knee flexion and what is injected (each fading in with flexion). */
export interface RepSpec {
  readonly flexDeg?: number;
  readonly durMs?: number;
  readonly fppaDeg?: number;
  readonly pelvicDropDeg?: number;
  readonly trunkLeanDeg?: number;
  /** The free foot is put down over the deepest half of the rep. */
  readonly touchDown?: boolean;
  /** The stance foot hops `hopPx` up for 300 ms around the bottom. */
  readonly hopPx?: number;
}

/** One leg's part of the check: two-leg standing, lifting the foot, still on one leg, the reps. */
export interface LegBlock {
  readonly stance: Side;
  /** Two-leg standing before the foot is lifted, ms. */
  readonly twoLegMs?: number;
  /** Still on one leg before the first rep, ms. */
  readonly oneLegMs?: number;
  readonly reps: readonly RepSpec[];
  readonly gapMs?: number;
  /** Pelvic obliquity (free side lower, deg) held throughout single-leg standing and the reps. */
  readonly habitualDropDeg?: number;
  /** Pelvic obliquity during the two-leg standing, deg. */
  readonly twoLegDropDeg?: number;
}

/** Frames of a whole check at `fps`; each block follows the last. */
export function singleLegTrack(blocks: readonly LegBlock[], fps = 30, tailMs = 800): PoseFrame[] {
  type Seg = (t: number) => RawPose;
  const segs: { start: number; dur: number; pose: Seg }[] = [];
  let t = 0;
  const add = (dur: number, pose: Seg): void => {
    segs.push({ start: t, dur, pose });
    t += dur;
  };
  for (const b of blocks) {
    const base = { stance: b.stance, pelvicDropDeg: b.habitualDropDeg ?? 0 };
    add(b.twoLegMs ?? 1000, () => ({
      ...singleLegPose({ ...base, liftRatio: 0, pelvicDropDeg: b.twoLegDropDeg ?? 0 }),
    }));
    add(300, (u) => singleLegPose({ ...base, liftRatio: (HELD_LIFT_RATIO * u) / 300 }));
    add(b.oneLegMs ?? 1500, () => singleLegPose(base));
    for (const r of b.reps) {
      const dur = r.durMs ?? 2400;
      const peak = r.flexDeg ?? 65;
      add(dur, (u) => {
        const fade = repDepth(u, dur, 1);
        const nearBottom = Math.abs(u - dur / 2) <= 150;
        return singleLegPose({
          ...base,
          flexDeg: peak * fade,
          fppaDeg: (r.fppaDeg ?? 0) * fade,
          pelvicDropDeg: (b.habitualDropDeg ?? 0) + (r.pelvicDropDeg ?? 0) * fade,
          trunkLeanDeg: (r.trunkLeanDeg ?? 0) * fade,
          liftRatio: r.touchDown === true && fade >= 0.5 ? 0 : HELD_LIFT_RATIO,
          hopPx: r.hopPx !== undefined && nearBottom ? r.hopPx : 0,
        });
      });
      add(b.gapMs ?? 1000, () => singleLegPose(base));
    }
    add(300, (u) => singleLegPose({ ...base, liftRatio: HELD_LIFT_RATIO * (1 - u / 300) }));
  }
  const last = segs[segs.length - 1];
  const end = t + tailMs;
  const frames: PoseFrame[] = [];
  for (let i = 0; i * (1000 / fps) <= end; i++) {
    const tMs = i * (1000 / fps);
    const seg = segs.find((s) => tMs >= s.start && tMs < s.start + s.dur) ?? last;
    if (seg === undefined) break;
    frames.push(frameAt(tMs, seg.pose(Math.min(tMs - seg.start, seg.dur))));
  }
  return frames;
}

/** The frame of a track nearest to `tMs`. */
export const frameNear = (frames: readonly PoseFrame[], tMs: number): PoseFrame =>
  frames.reduce((best, f) => (Math.abs(f.tMs - tMs) < Math.abs(best.tMs - tMs) ? f : best));
