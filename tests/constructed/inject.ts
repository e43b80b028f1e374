/**
 * Faults injected into real reps at track level (knee valgus, pelvic drop), and the image truth each
 * injection creates, computed from the frames themselves (never from the analysis under test).
 */
import type { Keypoint, PoseFrame } from '../../src/core/pose/keypoints';
import { angleAtDeg, clamp01, dot, rotateAboutDeg, sub, vec, type Vec2 } from '../../src/core/math/geometry';
import type { Side } from '../../src/core/types';
import type { ClipId } from '../golden/tracks';
import { mapKeypoints } from '../golden/tracks';
import { hipMidY, otherSide } from './pose-synth';

/** One rep of a fixture clip, standing to standing, ms. */
export interface RepWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The complete reps of each fixture track, standing to standing, read off the raw hip-midpoint track
 * (the last straight-knee frame before the descent to the first one after the ascent); they hold the
 * rep times of fixtures/README.md (read by eye) and are fixed here so that an injection does not move
 * when the analysis changes. A rep still in progress when a clip ends is not listed.
 */
export const REP_WINDOWS: Readonly<Record<ClipId, readonly RepWindow[]>> = {
  'front-oblique-banded-squats': [
    { startMs: 400, endMs: 3800 },
    { startMs: 5200, endMs: 8600 },
  ],
  'front-oblique-half-squats': [
    { startMs: 3200, endMs: 8800 },
    { startMs: 10400, endMs: 15600 },
  ],
  'rear-barbell-squats': [
    { startMs: 1200, endMs: 3600 },
    { startMs: 4200, endMs: 6800 },
  ],
  'side-bodyweight-squat': [{ startMs: 3800, endMs: 7400 }],
};

const inWindow = (f: PoseFrame, w: RepWindow): boolean => f.tMs >= w.startMs && f.tMs <= w.endMs;

/** The rep's deepest frame: the largest raw hip-midpoint y in the window. */
export function deepestFrame(frames: readonly PoseFrame[], w: RepWindow): PoseFrame {
  let best: PoseFrame | null = null;
  for (const f of frames) {
    if (!inWindow(f, w)) continue;
    const y = hipMidY(f);
    if (y !== null && (best === null || y > (hipMidY(best) as number))) best = f;
  }
  if (best === null) throw new Error(`no frame with hips in ${w.startMs}–${w.endMs} ms`);
  return best;
}

/**
 * Depth fade of one rep: 0 standing, 1 at the deepest frame — the raw hip midpoint's descent below its
 * height at the window's first frame over the rep's largest descent, clamped to 0–1; 0 outside the
 * window. (The idea of `fadeFor` in tests/golden/faults.test.ts, on fixed windows.)
 */
export function depthFade(frames: readonly PoseFrame[], w: RepWindow): (f: PoseFrame) => number {
  const inRep = frames.filter((f) => inWindow(f, w) && hipMidY(f) !== null);
  const top = hipMidY(inRep[0] as PoseFrame) as number;
  const bottom = hipMidY(deepestFrame(frames, w)) as number;
  return (f) => {
    if (!inWindow(f, w)) return 0;
    const y = hipMidY(f);
    return y === null ? 0 : clamp01((y - top) / (bottom - top));
  };
}

const pointOf = (k: Keypoint | undefined): Vec2 | null => (k === undefined ? null : vec(k.xPx, k.yPx));

/**
 * Knee valgus injected at track level: in each rep window, the `side` knee is rotated about its own
 * ankle toward the midline (the image x direction of the other ankle) by D·fade degrees, fade = the
 * rep's depth fade (0 standing → 1 at the deepest frame). Hip and ankle stay; only that knee moves,
 * so the shank tilts D inside its ankle at the bottom and the thigh follows the knee.
 */
export function injectShankValgus(
  frames: readonly PoseFrame[],
  side: Side,
  D: number,
  reps: readonly RepWindow[],
): PoseFrame[] {
  const fades = reps.map((w) => depthFade(frames, w));
  return mapKeypoints(frames, (name, k, f) => {
    if (name !== `${side}_knee`) return { x: k.xPx, y: k.yPx };
    const ankle = pointOf(f.keypoints?.[`${side}_ankle`]);
    const other = pointOf(f.keypoints?.[`${otherSide(side)}_ankle`]);
    const fade = Math.max(0, ...fades.map((g) => g(f)));
    if (ankle === null || other === null || fade === 0) return { x: k.xPx, y: k.yPx };
    // rotateAboutDeg: + = clockwise on screen, which moves an upward shank toward image +x.
    return rotateAboutDeg(vec(k.xPx, k.yPx), ankle, Math.sign(other.x - ankle.x) * D * fade);
  });
}

/** Image measures of one knee on one frame. */
export interface KneeImage {
  /** FPPA, deg: 180° − angle(hip, knee, ankle), + when the knee lies medial of the hip→ankle line (Munro 2012). */
  readonly fppaDeg: number;
  /** Knee x inside its ankle (toward the other leg), share of the image shank length. */
  readonly insideFootRatio: number;
}

/** FPPA and knee-inside-foot of one knee from raw keypoints; medial = toward the other leg's hip–ankle midpoint. */
export function kneeImage(f: PoseFrame, side: Side): KneeImage {
  const k = f.keypoints;
  const p = (kp: Keypoint | undefined): Vec2 => {
    const v = pointOf(kp);
    if (v === null) throw new Error(`frame ${f.tMs} ms lacks a ${side} leg keypoint`);
    return v;
  };
  const hip = p(k?.[`${side}_hip`]);
  const knee = p(k?.[`${side}_knee`]);
  const ankle = p(k?.[`${side}_ankle`]);
  const oHip = p(k?.[`${otherSide(side)}_hip`]);
  const oAnkle = p(k?.[`${otherSide(side)}_ankle`]);
  const medial = vec((oHip.x + oAnkle.x - hip.x - ankle.x) / 2, (oHip.y + oAnkle.y - hip.y - ankle.y) / 2);
  const line = sub(ankle, hip);
  const len = Math.hypot(line.x, line.y);
  const rel = sub(knee, hip);
  const along = dot(rel, line) / (len * len);
  const off = sub(rel, vec(line.x * along, line.y * along));
  const sign = dot(off, medial) >= 0 ? 1 : -1;
  const shankPx = Math.hypot(knee.x - ankle.x, knee.y - ankle.y);
  return {
    fppaDeg: sign * (180 - angleAtDeg(hip, knee, ankle)),
    insideFootRatio: (Math.sign(medial.x) * (knee.x - ankle.x)) / shankPx,
  };
}

/** What a valgus injection did to one rep, at its deepest frame. */
export interface ValgusTruth {
  readonly bottomMs: number;
  /** Image FPPA of the injected knee, injected − original, deg. */
  readonly fppaChangeDeg: number;
  /** Knee-inside-foot of the injected knee, injected − original, share of shank length. */
  readonly insideFootChangeRatio: number;
}

/**
 * The image FPPA change (and knee-inside-foot change) that a valgus injection created at each rep's
 * deepest frame: the same measure on the injected and the original frame, subtracted.
 */
export function injectedValgusTruth(
  original: readonly PoseFrame[],
  injected: readonly PoseFrame[],
  side: Side,
  reps: readonly RepWindow[],
): ValgusTruth[] {
  return reps.map((w) => {
    const deep = deepestFrame(original, w);
    const twin = injected.find((f) => f.tMs === deep.tMs) as PoseFrame;
    const a = kneeImage(deep, side);
    const b = kneeImage(twin, side);
    return {
      bottomMs: deep.tMs,
      fppaChangeDeg: b.fppaDeg - a.fppaDeg,
      insideFootChangeRatio: b.insideFootRatio - a.insideFootRatio,
    };
  });
}

/** The bottom phase of a rep: the frames whose depth fade is at least `share` of the deepest, ms. */
export function bottomPhase(frames: readonly PoseFrame[], w: RepWindow, share: number): RepWindow {
  const fade = depthFade(frames, w);
  const deep = frames.filter((f) => fade(f) >= share);
  return { startMs: (deep[0] as PoseFrame).tMs, endMs: (deep[deep.length - 1] as PoseFrame).tMs };
}

/** Depth fade from which a frame is in the bottom phase. */
export const BOTTOM_PHASE_SHARE = 0.8;
/** Fade-in and fade-out of the injected drop around the bottom phase, ms. */
export const HIP_DROP_RAMP_MS = 150;

/**
 * Pelvic drop injected over the bottom phase of every rep: the hip line (left_hip and right_hip) is
 * rotated about its midpoint so that the `side` hip goes down by `deg`, held at full value through
 * the bottom phase (depth fade ≥ 0.8 of the rep's deepest) and ramped linearly from 0 over 150 ms
 * before it and back to 0 over 150 ms after it. Nothing else moves.
 */
export function injectHipDrop(
  frames: readonly PoseFrame[],
  deg: number,
  side: Side,
  _phase: 'bottom',
  reps: readonly RepWindow[],
): PoseFrame[] {
  const bottoms = reps.map((w) => bottomPhase(frames, w, BOTTOM_PHASE_SHARE));
  const weight = (tMs: number): number =>
    Math.max(
      0,
      ...bottoms.map((b) =>
        tMs < b.startMs
          ? clamp01(1 - (b.startMs - tMs) / HIP_DROP_RAMP_MS)
          : tMs > b.endMs
            ? clamp01(1 - (tMs - b.endMs) / HIP_DROP_RAMP_MS)
            : 1,
      ),
    );
  return mapKeypoints(frames, (name, k, f) => {
    if (name !== 'left_hip' && name !== 'right_hip') return { x: k.xPx, y: k.yPx };
    const named = pointOf(f.keypoints?.[`${side}_hip`]);
    const other = pointOf(f.keypoints?.[`${otherSide(side)}_hip`]);
    const w = weight(f.tMs);
    if (named === null || other === null || w === 0) return { x: k.xPx, y: k.yPx };
    const c = vec((named.x + other.x) / 2, (named.y + other.y) / 2);
    // + = clockwise on screen: the hip on image +x goes down.
    return rotateAboutDeg(vec(k.xPx, k.yPx), c, Math.sign(named.x - other.x) * deg * w);
  });
}
