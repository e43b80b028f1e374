import type { Pose } from '@tensorflow-models/pose-detection';
import { isKeypointName, type Keypoint, type KeypointName, type PoseFrame } from '../../core/pose/keypoints';
import { ms, px } from '../../core/math/units';

/**
 * The one place where pose-detection's output becomes squat-coach's own `PoseFrame`: named
 * keypoints in source-frame pixels with a required score (pose-detection's is optional).
 *
 * @param poses what `estimatePoses` returned for an image of `inputWidthPx` × `inputHeightPx`
 * @param scaleX source pixels per input pixel (the page may downscale while creating the bitmap)
 */
export function toPoseFrame(
  poses: readonly Pose[],
  tMs: number,
  source: { widthPx: number; heightPx: number; scaleX: number; scaleY: number },
): PoseFrame {
  const frame = {
    tMs: ms(tMs),
    widthPx: px(source.widthPx),
    heightPx: px(source.heightPx),
    modelPxPerSourcePx: Math.min(1 / source.scaleX, 1 / source.scaleY),
  };
  const pose = poses[0];
  if (pose === undefined || pose.keypoints.length === 0) return { ...frame, keypoints: null };
  const keypoints: Partial<Record<KeypointName, Keypoint>> = {};
  for (const k of pose.keypoints) {
    if (k.name === undefined || !isKeypointName(k.name)) continue;
    keypoints[k.name] = {
      xPx: px(k.x * source.scaleX),
      yPx: px(k.y * source.scaleY),
      score: k.score ?? 0,
    };
  }
  return { ...frame, keypoints };
}
