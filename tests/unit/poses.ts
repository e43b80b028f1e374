/**
 * Hand-built poses for unit tests. Numbers are deliberately distinct and asymmetric (left and right
 * differ, nothing lines up by accident) so a test cannot pass because two coordinates are equal.
 */
import type { Keypoint, KeypointName, Keypoints, PoseFrame } from '../../src/core/pose/keypoints';
import { COCO_KEYPOINT_NAMES, KEYPOINT_NAMES } from '../../src/core/pose/keypoints';
import { ms, px } from '../../src/core/math/units';

export const FRAME_W = 720;
export const FRAME_H = 1280;

export type RawPose = Partial<Record<KeypointName, readonly [number, number]>>;

export function toKeypoints(raw: RawPose, score = 0.93): Keypoints {
  const out: Partial<Record<KeypointName, Keypoint>> = {};
  for (const n of KEYPOINT_NAMES) {
    const p = raw[n];
    if (p) out[n] = { xPx: px(p[0]), yPx: px(p[1]), score };
  }
  return out;
}

export function frameAt(tMs: number, raw: RawPose | null, score = 0.93, w = FRAME_W, h = FRAME_H): PoseFrame {
  return {
    tMs: ms(tMs),
    widthPx: px(w),
    heightPx: px(h),
    keypoints: raw === null ? null : toKeypoints(raw, score),
  };
}

/**
 * A person facing the camera (their left on image +x), at squat depth q (0 standing, 1 ≈ parallel),
 * turned by `yawDeg` about the vertical (x offsets from the body centre shrink by cos yaw; sagittal
 * offsets grow by sin yaw), centred at x = cx.
 */
export function frontPose(q = 0, opts: { cx?: number; yawDeg?: number; kneeInPx?: number } = {}): RawPose {
  const cx = opts.cx ?? 361;
  const c = Math.cos(((opts.yawDeg ?? 0) * Math.PI) / 180);
  const s = Math.sin(((opts.yawDeg ?? 0) * Math.PI) / 180);
  const kneeIn = opts.kneeInPx ?? 0;
  // Lateral (x) offsets of the body parts from the centre line, and forward (sagittal) offsets.
  const P = (lat: number, fwd: number, y: number): readonly [number, number] => [cx + lat * c + fwd * s, y];
  const hipY = 543 + 176 * q;
  const shY = 302 + 160 * q;
  const kneeFwd = 63 * q;
  const hipBack = -71 * q;
  return {
    nose: P(3, 14 + 20 * q, 203 + 150 * q),
    left_eye_inner: P(11, 12, 191 + 150 * q),
    left_eye: P(17, 11, 190 + 150 * q),
    left_eye_outer: P(23, 10, 192 + 150 * q),
    right_eye_inner: P(-9, 12, 192 + 150 * q),
    right_eye: P(-16, 11, 191 + 150 * q),
    right_eye_outer: P(-22, 10, 193 + 150 * q),
    left_ear: P(37, -2, 205 + 150 * q),
    right_ear: P(-35, -3, 207 + 150 * q),
    mouth_left: P(12, 12, 226 + 150 * q),
    mouth_right: P(-10, 12, 227 + 150 * q),
    left_shoulder: P(79, 6 * q, shY),
    right_shoulder: P(-77, 6 * q, shY + 3),
    left_elbow: P(93, 40 * q, 430 + 120 * q),
    right_elbow: P(-91, 41 * q, 433 + 120 * q),
    left_wrist: P(97, 70 * q, 556 + 60 * q),
    right_wrist: P(-94, 72 * q, 559 + 60 * q),
    left_pinky: P(99, 75 * q, 590 + 50 * q),
    right_pinky: P(-97, 77 * q, 592 + 50 * q),
    left_index: P(95, 76 * q, 596 + 50 * q),
    right_index: P(-93, 78 * q, 598 + 50 * q),
    left_thumb: P(90, 73 * q, 584 + 50 * q),
    right_thumb: P(-88, 74 * q, 586 + 50 * q),
    left_hip: P(44, hipBack, hipY),
    right_hip: P(-42, hipBack, hipY + 4),
    left_knee: P(57 - kneeIn, kneeFwd, 721 + 22 * q),
    right_knee: P(-53 + kneeIn, kneeFwd, 724 + 22 * q),
    left_ankle: P(61, 0, 902),
    right_ankle: P(-56, 0, 907),
    left_heel: P(55, -21, 922),
    right_heel: P(-51, -22, 926),
    left_foot_index: P(74, 71, 949),
    right_foot_index: P(-69, 72, 953),
  };
}

/**
 * A person seen from their right side, facing image +x, at squat depth q: hips go back, knees forward,
 * trunk leans; `lean` adds forward shift (px) of everything above the knees.
 */
export function sidePose(q = 0, opts: { cx?: number; shiftPx?: number } = {}): RawPose {
  const cx = opts.cx ?? 298;
  const sh = opts.shiftPx ?? 0;
  const hipX = cx - 96 * q + sh;
  const hipY = 560 + 170 * q;
  const kneeX = cx + 52 * q;
  const shX = cx + 103 * q + 9 + sh;
  const shY = 300 + 140 * q;
  const up = (x: number, y: number): readonly [number, number] => [x, y];
  return {
    nose: up(shX + 41, shY - 96),
    left_eye: up(shX + 37, shY - 108),
    right_eye: up(shX + 36, shY - 107),
    left_ear: up(shX + 6, shY - 103),
    right_ear: up(shX + 4, shY - 101),
    left_shoulder: up(shX + 3, shY + 2),
    right_shoulder: up(shX - 4, shY),
    left_elbow: up(shX + 42, shY + 91),
    right_elbow: up(shX + 38, shY + 93),
    left_wrist: up(shX + 88, shY + 60),
    right_wrist: up(shX + 85, shY + 62),
    left_hip: up(hipX + 5, hipY - 2),
    right_hip: up(hipX - 3, hipY),
    left_knee: up(kneeX + 4, 737 + 12 * q),
    right_knee: up(kneeX - 2, 739 + 12 * q),
    left_ankle: up(cx + 3, 903),
    right_ankle: up(cx - 4, 906),
    left_heel: up(cx - 27, 925),
    right_heel: up(cx - 33, 928),
    left_foot_index: up(cx + 89, 941),
    right_foot_index: up(cx + 84, 944),
  };
}

/** Only the COCO-17 keypoints (what MoveNet gives). */
export function cocoOnly(raw: RawPose): RawPose {
  const out: RawPose = {};
  for (const n of COCO_KEYPOINT_NAMES) if (raw[n]) out[n] = raw[n];
  return out;
}

/** Depth profile of one rep over `durMs`: down, optional hold, up (0 → q → 0). */
export function repDepth(tInRep: number, durMs: number, q: number, holdMs = 0): number {
  const move = (durMs - holdMs) / 2;
  if (tInRep < 0 || tInRep > durMs) return 0;
  if (tInRep < move) return q * Math.sin(((tInRep / move) * Math.PI) / 2);
  if (tInRep < move + holdMs) return q;
  return q * Math.cos((((tInRep - move - holdMs) / move) * Math.PI) / 2);
}

/**
 * A synthetic set: `standMs` of standing, then reps (each `durMs`, depth q, hold), separated by
 * `gapMs` of standing, at `fps`.
 */
export function syntheticSet(opts: {
  fps?: number;
  standMs?: number;
  reps: readonly { q: number; durMs?: number; holdMs?: number; gapMs?: number }[];
  pose?: (q: number) => RawPose;
  tailMs?: number;
}): PoseFrame[] {
  const fps = opts.fps ?? 30;
  const pose = opts.pose ?? ((q: number) => frontPose(q));
  const segments: { start: number; dur: number; q: number; hold: number }[] = [];
  let t = opts.standMs ?? 1500;
  for (const r of opts.reps) {
    const dur = r.durMs ?? 2400;
    segments.push({ start: t, dur, q: r.q, hold: r.holdMs ?? 0 });
    t += dur + (r.gapMs ?? 1200);
  }
  const end = t + (opts.tailMs ?? 0);
  const frames: PoseFrame[] = [];
  for (let i = 0; i * (1000 / fps) <= end; i++) {
    const tMs = i * (1000 / fps);
    let q = 0;
    for (const s of segments)
      if (tMs >= s.start && tMs <= s.start + s.dur) q = repDepth(tMs - s.start, s.dur, s.q, s.hold);
    frames.push(frameAt(tMs, pose(q)));
  }
  return frames;
}
