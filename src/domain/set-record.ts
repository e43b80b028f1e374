/**
 * One recorded set, as the app keeps it: what the live screen (or a file analysis) hands to the
 * review screen and to history. Plain data, JSON-friendly except the optional video Blob.
 */
import {
  SetAnalyzer,
  poseTrackToFrames,
  type AnalyzerOptions,
  type FrameAnalysis,
  type SetSummary,
} from '../core';
import type { PoseTrack } from '../core/pose/pose-track';

export interface SetRecord {
  /** Unique id (crypto.randomUUID()). */
  readonly id: string;
  /** Wall-clock time the set started, ms since the Unix epoch (display and sorting only). */
  readonly startedAtMs: number;
  readonly source: 'camera' | 'file';
  /** For file analyses: the file's name. */
  readonly fileName: string | null;
  readonly summary: SetSummary;
  /** The pose track the summary was computed from (pose-track/v1). */
  readonly track: PoseTrack;
  /** The recorded video (MediaRecorder for camera sets, the file itself for file analyses), if kept. */
  readonly video: Blob | null;
  /**
   * Offset to add to a track frame's tMs to get the video's media time, ms (camera sets: the
   * recorder's start; files: 0).
   */
  readonly videoOffsetMs: number;
  /**
   * Each frame's analysis of `track`, when whoever built the record already has it (a file
   * analysis), so the review does not analyse the set a second time. In memory only: history and
   * exports never store it, so a set read back from history is analysed when it is shown.
   */
  readonly analyses?: readonly FrameAnalysis[];
  /**
   * For file analyses: how the file was decoded, in words ("decoded with WebCodecs", "played in a
   * video element"); absent for camera sets and older records.
   */
  readonly decodedWith?: string;
  /** The workout this set belongs to (camera sets done as a workout); absent for a lone set or a file. */
  readonly workout?: WorkoutRef;
}

/** Where a set sits in a workout: history groups sets by `id`, in `setIndex` order. */
export interface WorkoutRef {
  /** Shared by every set of one workout (crypto.randomUUID()). */
  readonly id: string;
  /** 0-based position of this set in the workout. */
  readonly setIndex: number;
  readonly setsPlanned: number;
  /** Reps the user aimed for in each set, or null for "until I stop". */
  readonly repTarget: number | null;
}

/**
 * Whether a summary was made by this version of the analysis: older ones (saved or exported before
 * the rep verdicts existed) lack the depth target and each rep's sustained values.
 */
export function isCurrentSummary(summary: SetSummary): boolean {
  const s = summary as Partial<SetSummary>;
  return (
    s.depthTarget !== undefined && [...summary.reps, ...summary.partials].every((r) => r.faults !== undefined)
  );
}

/** A set's summary as this version makes it: an older one is re-analysed from the set's pose track. */
export const upgradeSummary = (summary: SetSummary, track: PoseTrack): SetSummary =>
  isCurrentSummary(summary) ? summary : analyseTrack(track).summary;

/** A track through one fresh analyser: the set's summary and every frame's analysis, in one pass. */
export function analyseTrack(
  track: PoseTrack,
  options: Partial<AnalyzerOptions> = {},
): { summary: SetSummary; analyses: FrameAnalysis[] } {
  const analyzer = new SetAnalyzer(options);
  const analyses = poseTrackToFrames(track).map((f) => analyzer.push(f));
  return { summary: analyzer.summary(), analyses };
}
