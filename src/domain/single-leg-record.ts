/**
 * One single-leg check (issue 9), as the app keeps it: what the check screen (camera or file) hands
 * to its report and to history. Plain data, JSON-friendly except the rep frames' image Blobs, which
 * history keeps and exports leave out.
 */
import type { Side, SingleLegSummary } from '../core';
import type { PoseTrack } from '../core/pose/pose-track';

/** The picture at one rep's peak knee flexion (a downscaled JPEG) for the report. */
export interface RepFrame {
  readonly leg: Side;
  /** The rep's 1-based index on that leg. */
  readonly repIndex: number;
  /** Analysis time of the picture, ms (the track's clock). */
  readonly tMs: number;
  /** Source-video px per image px is `track.width / image width`; the image is a JPEG. */
  readonly image: Blob;
}

export interface SingleLegRecord {
  readonly kind: 'single-leg-check';
  /** Unique id (crypto.randomUUID()). */
  readonly id: string;
  /** Wall-clock time the check started, ms since the Unix epoch (display and sorting only). */
  readonly startedAtMs: number;
  readonly source: 'camera' | 'file';
  readonly fileName: string | null;
  readonly summary: SingleLegSummary;
  /** The pose track the summary was computed from (pose-track/v1). */
  readonly track: PoseTrack;
  /** One picture per rep that had a frame at its peak (in memory and in history; not exported). */
  readonly repFrames: readonly RepFrame[];
}

/** The frame of a given rep, or null. */
export const repFrameOf = (r: SingleLegRecord, leg: Side, repIndex: number): RepFrame | null =>
  r.repFrames.find((f) => f.leg === leg && f.repIndex === repIndex) ?? null;
