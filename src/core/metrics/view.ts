import { trimToWindow } from '../math/stats';
import { pair, pairMid, SIDE_NAMES, pt } from '../pose/body';
import type { GatedPose } from '../pose/gating';
import { clamp, dist, toDegrees } from '../math/geometry';
import {
  FOOT_DEPTH_VOTE_RATIO,
  FRONT_MAX_YAW_DEG,
  FRONTAL_WIDTH_RATIO,
  SIDE_MIN_YAW_DEG,
  VIEW_SWITCH_SHARE,
  VIEW_WINDOW_MS,
} from '../thresholds';
import type { MetricId, View } from '../types';

/** Front and rear views see the same frontal-plane metrics (the body mirrored). */
const FRONTAL_METRICS: readonly MetricId[] = [
  'kneeValgus',
  'kneeAnkleSeparation',
  'hipDrop',
  'pelvisShift',
  'heelRise',
  'kneeAngle',
  'hipBelowKnee',
  'depth',
  'asymmetry',
  'tempo',
];

/**
 * Which metrics each view supports. Frontal-plane measures (valgus, hip drop) need the camera in
 * front or behind; sagittal ones (weight over the foot, trunk lean, shin angle) need it at the side.
 * The depth ratio, knee angle and tempo are available in every classified view.
 */
export const VIEW_METRICS: Readonly<Record<View, readonly MetricId[]>> = {
  front: FRONTAL_METRICS,
  rear: FRONTAL_METRICS,
  side: [
    'toeShift',
    'heelRise',
    'kneePastToes',
    'shinAngle',
    'trunkLean',
    'kneeAngle',
    'hipBelowKnee',
    'depth',
    'tempo',
  ],
  oblique: ['kneeAngle', 'depth', 'tempo'],
  unknown: [],
};

export const viewSupports = (view: View, metric: MetricId): boolean => VIEW_METRICS[view].includes(metric);

/** What to tell the user so that a metric becomes measurable. */
export const VIEW_HINTS = {
  side: 'Turn sideways to check depth and weight shift',
  front: 'Face the camera to check knees and hips',
} as const;

export interface ViewEstimate {
  readonly view: View;
  /** Estimated body yaw from the camera axis, deg (0 = square on, 90 = side on), or null. */
  readonly yawDeg: number | null;
}

/**
 * One frame's view. Yaw comes from how wide the shoulders and hips look against the torso's length
 * (a body turned by ψ shows cos ψ of its width); front vs rear from which way the feet point (toes
 * lower in the image = toward the camera) or, failing the feet, from the left/right order.
 */
export function estimateFrameView(pose: GatedPose): ViewEstimate {
  const shoulders = pair(pose, 'left_shoulder', 'right_shoulder');
  const hips = pair(pose, 'left_hip', 'right_hip');
  const sMid = pairMid(pose, 'left_shoulder', 'right_shoulder');
  const hMid = pairMid(pose, 'left_hip', 'right_hip');
  if (sMid === null || hMid === null) return { view: 'unknown', yawDeg: null };
  const torso = dist(sMid, hMid);
  if (!(torso > 0)) return { view: 'unknown', yawDeg: null };
  let widthSum = 0;
  let widthN = 0;
  if (shoulders) {
    widthSum += Math.abs(shoulders[0].x - shoulders[1].x);
    widthN++;
  }
  if (hips) {
    widthSum += Math.abs(hips[0].x - hips[1].x);
    widthN++;
  }
  // One shoulder or hip hidden (the far side in a side view): a missing pair reads as zero width.
  const widthRatio = widthN === 0 ? 0 : widthSum / (2 * torso);
  const yawDeg = toDegrees(Math.acos(clamp(widthRatio / FRONTAL_WIDTH_RATIO, 0, 1)));
  if (yawDeg >= SIDE_MIN_YAW_DEG) return { view: 'side', yawDeg };
  if (yawDeg > FRONT_MAX_YAW_DEG) return { view: 'oblique', yawDeg };
  const facing = facingCamera(pose);
  if (facing === null) return { view: 'unknown', yawDeg };
  return { view: facing ? 'front' : 'rear', yawDeg };
}

/** true: the person faces the camera; false: back to it; null: cannot tell. */
function facingCamera(pose: GatedPose): boolean | null {
  let footVote = 0;
  for (const side of ['left', 'right'] as const) {
    const n = SIDE_NAMES[side];
    const heel = pt(pose, n.heel);
    const toe = pt(pose, n.toe);
    const knee = pt(pose, n.knee);
    const ankle = pt(pose, n.ankle);
    if (!heel || !toe || !knee || !ankle) continue;
    const shank = dist(knee, ankle);
    const dy = (toe.y - heel.y) / shank;
    if (dy > FOOT_DEPTH_VOTE_RATIO) footVote++;
    else if (dy < -FOOT_DEPTH_VOTE_RATIO) footVote--;
  }
  if (footVote !== 0) return footVote > 0;
  const shoulders = pair(pose, 'left_shoulder', 'right_shoulder');
  const hips = pair(pose, 'left_hip', 'right_hip');
  const order = (shoulders ? shoulders[0].x - shoulders[1].x : 0) + (hips ? hips[0].x - hips[1].x : 0);
  if (order === 0) return null;
  return order > 0;
}

const VIEWS: readonly View[] = ['front', 'rear', 'side', 'oblique'];

/**
 * Pools per-frame view estimates over a time window and switches the reported view only when a new
 * view holds a clear majority (hysteresis), so a few odd frames (a scene cut, a swap of left and right
 * keypoints, a squat's forward lean) do not flip it. Also keeps whole-set counts for the summary.
 */
export class ViewTracker {
  private window: { tMs: number; view: View; yawDeg: number | null }[] = [];
  private current: View = 'unknown';
  private readonly totals = new Map<View, number>();

  push(tMs: number, est: ViewEstimate): View {
    if (est.view !== 'unknown') {
      this.window.push({ tMs, view: est.view, yawDeg: est.yawDeg });
      this.totals.set(est.view, (this.totals.get(est.view) ?? 0) + 1);
    }
    trimToWindow(this.window, tMs, VIEW_WINDOW_MS);
    if (this.window.length === 0) return this.current;
    let best: View = 'unknown';
    let bestN = 0;
    for (const v of VIEWS) {
      const n = this.window.reduce((acc, e) => acc + (e.view === v ? 1 : 0), 0);
      if (n > bestN) {
        best = v;
        bestN = n;
      }
    }
    const share = bestN / this.window.length;
    if (this.current === 'unknown' || (best !== this.current && share >= VIEW_SWITCH_SHARE))
      this.current = best;
    return this.current;
  }

  get view(): View {
    return this.current;
  }

  /** Median yaw over the window, deg. */
  get yawDeg(): number | null {
    const ys = this.window.map((e) => e.yawDeg).filter((y): y is number => y !== null);
    if (ys.length === 0) return null;
    ys.sort((a, b) => a - b);
    return ys[ys.length >> 1] ?? null;
  }

  /** The set's view: the most frequent over all frames. */
  overall(): View {
    let best: View = 'unknown';
    let bestN = 0;
    for (const v of VIEWS) {
      const n = this.totals.get(v) ?? 0;
      if (n > bestN) {
        best = v;
        bestN = n;
      }
    }
    return best;
  }

  shares(): Partial<Record<View, number>> {
    const total = [...this.totals.values()].reduce((a, b) => a + b, 0);
    const out: Partial<Record<View, number>> = {};
    if (total === 0) return out;
    for (const [v, n] of this.totals) out[v] = Math.round((n / total) * 1000) / 1000;
    return out;
  }

  reset(): void {
    this.window = [];
    this.current = 'unknown';
    this.totals.clear();
  }
}
