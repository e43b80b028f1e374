import type { GatedPose } from './gating';
import { angleAtDeg, fromKeypoint, mid, type Vec2 } from '../math/geometry';
import type { KeypointName } from './keypoints';
import type { Side, Sided } from '../types';

/** The keypoint names of one side of the body. */
export interface SideNames {
  readonly shoulder: KeypointName;
  readonly elbow: KeypointName;
  readonly wrist: KeypointName;
  readonly hip: KeypointName;
  readonly knee: KeypointName;
  readonly ankle: KeypointName;
  readonly heel: KeypointName;
  readonly toe: KeypointName;
  readonly ear: KeypointName;
}

export const SIDE_NAMES: Sided<SideNames> = {
  left: {
    shoulder: 'left_shoulder',
    elbow: 'left_elbow',
    wrist: 'left_wrist',
    hip: 'left_hip',
    knee: 'left_knee',
    ankle: 'left_ankle',
    heel: 'left_heel',
    toe: 'left_foot_index',
    ear: 'left_ear',
  },
  right: {
    shoulder: 'right_shoulder',
    elbow: 'right_elbow',
    wrist: 'right_wrist',
    hip: 'right_hip',
    knee: 'right_knee',
    ankle: 'right_ankle',
    heel: 'right_heel',
    toe: 'right_foot_index',
    ear: 'right_ear',
  },
};

export const SIDES: readonly Side[] = ['left', 'right'];

export type FootPart = 'ankle' | 'heel' | 'toe';
export const FOOT_PARTS: readonly FootPart[] = ['ankle', 'heel', 'toe'];
/** One foot's keypoints, px; a part is null or absent when gated. */
export type Foot = Partial<Record<FootPart, Vec2 | null>>;

/** One foot's keypoints, px (each null when gated). */
export function footOf(pose: GatedPose, side: Side): Foot {
  const n = SIDE_NAMES[side];
  return { ankle: pt(pose, n.ankle), heel: pt(pose, n.heel), toe: pt(pose, n.toe) };
}

/** Usable point of a keypoint, or null. */
export function pt(pose: GatedPose, name: KeypointName): Vec2 | null {
  const k = pose.get(name);
  return k === null ? null : fromKeypoint(k);
}

/** Midpoint of the usable ones of a left/right pair; one alone stands for both (e.g. in a side view). */
export function pairMid(pose: GatedPose, a: KeypointName, b: KeypointName): Vec2 | null {
  const pa = pt(pose, a);
  const pb = pt(pose, b);
  if (pa !== null && pb !== null) return mid(pa, pb);
  return pa ?? pb;
}

/** Both of a left/right pair, or null. */
export function pair(pose: GatedPose, a: KeypointName, b: KeypointName): readonly [Vec2, Vec2] | null {
  const pa = pt(pose, a);
  const pb = pt(pose, b);
  return pa !== null && pb !== null ? [pa, pb] : null;
}

export function kneeAngleDeg(pose: GatedPose, side: Side): number | null {
  const n = SIDE_NAMES[side];
  const h = pt(pose, n.hip);
  const k = pt(pose, n.knee);
  const a = pt(pose, n.ankle);
  return h && k && a ? angleAtDeg(h, k, a) : null;
}

/**
 * +1 when the person's left is toward image +x (they face the camera), −1 when toward −x (back to the
 * camera), null when the shoulders and hips do not say (side view, gated).
 */
export function leftDirection(pose: GatedPose): 1 | -1 | null {
  let s = 0;
  let n = 0;
  for (const [l, r] of [
    ['left_hip', 'right_hip'],
    ['left_shoulder', 'right_shoulder'],
  ] as const) {
    const p = pair(pose, l, r);
    if (p) {
      s += p[0].x - p[1].x;
      n++;
    }
  }
  if (n === 0 || s === 0) return null;
  return s > 0 ? 1 : -1;
}
