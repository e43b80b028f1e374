/**
 * Whole-track transforms: the same movement seen in a mirror, through a tilted phone, or at a lower
 * frame rate.
 */
import type { PoseFrame } from '../../src/core/pose/keypoints';
import { rotateAboutDeg, vec } from '../../src/core/math/geometry';
import { mapKeypoints, mirror } from '../golden/tracks';

/**
 * Mirror image of the video (x → W − x) with left/right labels swapped, as a pose model labels a
 * mirrored person (tests/golden/tracks.ts `mirror`).
 */
export const mirrorTrack = (frames: readonly PoseFrame[]): PoseFrame[] => mirror(frames);

/**
 * The image rolled by `deg` about its centre (+ = clockwise on screen), as a phone tilted on its
 * stand would see it; the frame keeps its size, so a keypoint near an edge may leave it.
 */
export const rotateTrack = (frames: readonly PoseFrame[], deg: number): PoseFrame[] =>
  mapKeypoints(frames, (_n, k, f) =>
    rotateAboutDeg(vec(k.xPx, k.yPx), vec(f.widthPx / 2, f.heightPx / 2), deg),
  );

/**
 * The track as a camera at `fps` would have delivered it: for each tick t0 + i·1000/fps the nearest
 * original frame (each used at most once), keeping its own time stamp.
 */
export function resample(frames: readonly PoseFrame[], fps: number): PoseFrame[] {
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (first === undefined || last === undefined) return [];
  const tickMs = 1000 / fps;
  const out: PoseFrame[] = [];
  let j = 0;
  for (let t: number = first.tMs; t <= last.tMs; t += tickMs) {
    while (
      j + 1 < frames.length &&
      Math.abs((frames[j + 1] as PoseFrame).tMs - t) <= Math.abs((frames[j] as PoseFrame).tMs - t)
    )
      j++;
    const f = frames[j] as PoseFrame;
    if (out[out.length - 1] !== f) out.push(f);
  }
  return out;
}
