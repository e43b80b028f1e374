/** What `npm run analyze` prints for a track: the set summary from the analysis core. */
import {
  analyzeFrames,
  analyzeSingleLeg,
  type DepthTarget,
  type SetSummary,
  type SingleLegSummary,
} from '../../src/core';
import { poseTrackToFrames, type PoseTrack } from '../../src/core/pose/pose-track';

export interface AnalyzeOutput extends SetSummary {
  source: { model: string; width: number; height: number; fps: number; frames: number };
}

/** Where the analysed track came from, printed with every result. */
const sourceOf = (track: PoseTrack): AnalyzeOutput['source'] => ({
  model: track.model,
  width: track.width,
  height: track.height,
  fps: track.fps,
  frames: track.frames.length,
});

export function summarizeTrack(track: PoseTrack, depthTarget?: DepthTarget): AnalyzeOutput {
  const summary = analyzeFrames(poseTrackToFrames(track), depthTarget === undefined ? {} : { depthTarget });
  return { ...summary, source: sourceOf(track) };
}

/** The tests `--test` can choose besides the default squat set. */
export const ANALYZE_TESTS = ['single-leg-squat'] as const;
export type AnalyzeTest = (typeof ANALYZE_TESTS)[number];
export const isAnalyzeTest = (v: unknown): v is AnalyzeTest =>
  typeof v === 'string' && (ANALYZE_TESTS as readonly string[]).includes(v);

export interface SingleLegOutput extends SingleLegSummary {
  source: AnalyzeOutput['source'];
}

/** What `npm run analyze -- <track> --test single-leg-squat` prints: the single-leg check's summary. */
export function summarizeSingleLegTrack(track: PoseTrack): SingleLegOutput {
  return { ...analyzeSingleLeg(poseTrackToFrames(track)), source: sourceOf(track) };
}
