import type { Ms, Px } from '../math/units';

/**
 * The one list of keypoint names: BlazePose's 33 landmarks, in BlazePose's order. The 17 COCO
 * keypoints that MoveNet gives are a subset of these names (same spelling), so a MoveNet frame is a
 * PoseFrame that simply lacks the other 16.
 */
export const KEYPOINT_NAMES = [
  'nose',
  'left_eye_inner',
  'left_eye',
  'left_eye_outer',
  'right_eye_inner',
  'right_eye',
  'right_eye_outer',
  'left_ear',
  'right_ear',
  'mouth_left',
  'mouth_right',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_pinky',
  'right_pinky',
  'left_index',
  'right_index',
  'left_thumb',
  'right_thumb',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
  'left_heel',
  'right_heel',
  'left_foot_index',
  'right_foot_index',
] as const;

export type KeypointName = (typeof KEYPOINT_NAMES)[number];

/** COCO-17 order, as MoveNet emits it. Every entry is also a KeypointName. */
export const COCO_KEYPOINT_NAMES = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const satisfies readonly KeypointName[];

const NAME_SET: ReadonlySet<string> = new Set(KEYPOINT_NAMES);
export const isKeypointName = (s: string): s is KeypointName => NAME_SET.has(s);

/**
 * One keypoint in source-image pixel space: x to the right, y down, origin at the top-left of the
 * frame as the camera delivered it (before any mirroring for display).
 */
export interface Keypoint {
  readonly xPx: Px;
  readonly yPx: Px;
  /** Model confidence, 0–1. Always present: the adapter fills a missing score with 0. */
  readonly score: number;
}

export type Keypoints = Readonly<Partial<Record<KeypointName, Keypoint>>>;

/** One analysed frame: the pose of the single tracked person, or null when nobody is in view. */
export interface PoseFrame {
  /** Capture time of the frame (camera clock or video media time), ms. */
  readonly tMs: Ms;
  /** Source frame size in pixels; keypoint coordinates are in this space. */
  readonly widthPx: Px;
  readonly heightPx: Px;
  /** null: no person detected. Names the model does not produce are absent. */
  readonly keypoints: Keypoints | null;
  /**
   * Pixels of the image the pose model was given per source pixel (≤ 1: the shell scales frames
   * down before the model): the resolution the keypoints were found at. Absent when unknown (1).
   */
  readonly modelPxPerSourcePx?: number;
}
