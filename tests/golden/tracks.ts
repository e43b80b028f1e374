/** Loading the fixture tracks and transforming them, shared by the golden and invariance tests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Keypoint, KeypointName, Keypoints, PoseFrame } from '../../src/core/pose/keypoints';
import { parsePoseTrack, poseTrackToFrames } from '../../src/core/pose/pose-track';
import { ms, px } from '../../src/core/math/units';

export const TRACK_DIR = resolve(import.meta.dirname, '../../fixtures/tracks');

export type ClipId =
  | 'front-oblique-banded-squats'
  | 'front-oblique-half-squats'
  | 'rear-barbell-squats'
  | 'side-bodyweight-squat';

export const trackPath = (clip: ClipId, model = 'blazepose-full'): string =>
  resolve(TRACK_DIR, `${clip}.${model}.pose-track.json`);

export function loadFrames(clip: ClipId, model = 'blazepose-full'): PoseFrame[] {
  return poseTrackToFrames(parsePoseTrack(JSON.parse(readFileSync(trackPath(clip, model), 'utf8'))));
}

/** The image-level variants of the fixture clips in fixtures/variants/ (scripts/make-variants.sh). */
export type VideoVariant = '192px' | 'mirrored' | 'small' | 'dim' | 'shaky';

/** The BlazePose-full track the app made of a fixture clip's variant (fixtures/variants/). */
export function loadVariantFrames(clip: ClipId, variant: VideoVariant): PoseFrame[] {
  const path = resolve(
    import.meta.dirname,
    `../../fixtures/variants/${clip}-${variant}.blazepose-full.pose-track.json`,
  );
  return poseTrackToFrames(parsePoseTrack(JSON.parse(readFileSync(path, 'utf8'))));
}

type PointMap = (name: KeypointName, k: Keypoint, frame: PoseFrame) => { x: number; y: number };

/** Applies a per-keypoint map to every frame. */
export function mapKeypoints(frames: readonly PoseFrame[], f: PointMap): PoseFrame[] {
  return frames.map((fr) => {
    if (fr.keypoints === null) return fr;
    const out: Partial<Record<KeypointName, Keypoint>> = {};
    for (const [name, k] of Object.entries(fr.keypoints) as [KeypointName, Keypoint][]) {
      const p = f(name, k, fr);
      out[name] = { xPx: px(p.x), yPx: px(p.y), score: k.score };
    }
    return { ...fr, keypoints: out };
  });
}

export const swapSideName = (n: KeypointName): KeypointName =>
  (n.startsWith('left_')
    ? n.replace('left_', 'right_')
    : n.startsWith('right_')
      ? n.replace('right_', 'left_')
      : n) as KeypointName;

/**
 * Mirror image of the video: x → W − x. A pose model labels anatomical sides, and in the mirrored
 * video the person's left limb appears where the right one was (a mirrored person is a person whose
 * right side looks like a left side), so the labels swap too: name → other side's name.
 */
export function mirror(frames: readonly PoseFrame[]): PoseFrame[] {
  return frames.map((fr) => {
    if (fr.keypoints === null) return fr;
    const out: Partial<Record<KeypointName, Keypoint>> = {};
    for (const [name, k] of Object.entries(fr.keypoints) as [KeypointName, Keypoint][]) {
      out[swapSideName(name)] = { xPx: px(fr.widthPx - k.xPx), yPx: k.yPx, score: k.score };
    }
    return { ...fr, keypoints: out as Keypoints };
  });
}

/** Translation by (dx, dy) and scaling by s about the origin, with the frame grown to match. */
export function translateScale(frames: readonly PoseFrame[], dx: number, dy: number, s: number): PoseFrame[] {
  return mapKeypoints(frames, (_n, k) => ({ x: (k.xPx + dx) * s, y: (k.yPx + dy) * s })).map((fr) => ({
    ...fr,
    widthPx: px((fr.widthPx + dx) * s),
    heightPx: px((fr.heightPx + dy) * s),
  }));
}

/** Every second frame (half the frame rate). */
export const halfRate = (frames: readonly PoseFrame[]): PoseFrame[] => frames.filter((_f, i) => i % 2 === 0);

export const withTime = (frames: readonly PoseFrame[], f: (tMs: number) => number): PoseFrame[] =>
  frames.map((fr) => ({ ...fr, tMs: ms(f(fr.tMs)) }));

/** Keypoints that stay put when the upper body is shifted over the feet. */
const LEGS_AND_FEET: ReadonlySet<KeypointName> = new Set<KeypointName>([
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
  'left_heel',
  'right_heel',
  'left_foot_index',
  'right_foot_index',
]);

/**
 * Weight-shift fault with known ground truth: every keypoint above the knees moves toward the toes
 * by `share` × foot length (heel→foot_index, mean of both feet in `ref`), scaled per frame by
 * `fade` (0–1, e.g. fading in with depth). Legs and feet stay where they were.
 */
export function shiftUpperBodyForward(
  frames: readonly PoseFrame[],
  ref: PoseFrame,
  share: number,
  fade: (f: PoseFrame) => number,
): PoseFrame[] {
  const footX = (s: 'left' | 'right'): number =>
    (ref.keypoints?.[`${s}_foot_index`]?.xPx ?? NaN) - (ref.keypoints?.[`${s}_heel`]?.xPx ?? NaN);
  const footLenPx = (Math.abs(footX('left')) + Math.abs(footX('right'))) / 2;
  const forward = Math.sign(footX('left') + footX('right'));
  return mapKeypoints(frames, (name, k, f) =>
    LEGS_AND_FEET.has(name)
      ? { x: k.xPx, y: k.yPx }
      : { x: k.xPx + forward * share * footLenPx * fade(f), y: k.yPx },
  );
}
