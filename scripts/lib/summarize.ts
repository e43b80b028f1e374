/** What `npm run analyze` prints for a track: the set summary from the analysis core. */
import type { PoseTrack } from '../../src/analysis/pose-track';

export function summarizeTrack(track: PoseTrack): Record<string, unknown> {
  const withPerson = track.frames.filter((f) => f.keypoints !== null).length;
  return {
    source: { model: track.model, width: track.width, height: track.height, fps: track.fps },
    frames: track.frames.length,
    framesWithPerson: withPerson,
  };
}
