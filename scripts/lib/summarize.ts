/** What `npm run analyze` prints for a track: the set summary from the analysis core. */
import { analyzeFrames, type DepthTarget, type SetSummary } from '../../src/core';
import { poseTrackToFrames, type PoseTrack } from '../../src/core/pose/pose-track';

export interface AnalyzeOutput extends SetSummary {
  source: { model: string; width: number; height: number; fps: number; frames: number };
}

export function summarizeTrack(track: PoseTrack, depthTarget?: DepthTarget): AnalyzeOutput {
  const summary = analyzeFrames(poseTrackToFrames(track), depthTarget === undefined ? {} : { depthTarget });
  return {
    ...summary,
    source: {
      model: track.model,
      width: track.width,
      height: track.height,
      fps: track.fps,
      frames: track.frames.length,
    },
  };
}
