/**
 * One recorded set, as the app keeps it: what the live screen (or a file analysis) hands to the
 * review screen and to history. Plain data, JSON-friendly except the optional video Blob.
 */
import type { SetSummary } from '../core';
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
}
