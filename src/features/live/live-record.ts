/**
 * A finished camera set as a SetRecord: pure, so what the review screen and history receive can be
 * tested without a camera. The controller gathers the inputs while it tears the session down.
 */
import { framesToPoseTrack, fpsOf, keypointNamesOf, type PoseFrame, type SetSummary } from '../../core';
import type { SetRecord, WorkoutRef } from '../../domain/set-record';

export interface CameraSetInput {
  /** The record's id (crypto.randomUUID() in the app). */
  readonly id: string;
  /** Wall-clock start of the session, ms since the Unix epoch. */
  readonly startedAtMs: number;
  /** Every pose of the set, tMs from the first frame's capture. */
  readonly frames: readonly PoseFrame[];
  readonly summary: SetSummary;
  /** The model that ran (the worker's report, else the chosen one). */
  readonly model: string;
  /** The recorded video, or null when the browser could not record. */
  readonly video: Blob | null;
  /** performance.now() when the recorder started (the video's media time 0), or null. */
  readonly recorderStartMs: number | null;
  /** performance.now() of the first frame's capture (analysis time 0), or null before it. */
  readonly originMs: number | null;
  /** The workout the set belongs to, if any. */
  readonly workout?: WorkoutRef;
}

/** Decimals of the track's fps, as camera sets in history have always been written. */
const FPS_DIGITS = 2;
/** fps of a set whose frames span no time: a valid track needs fps > 0. */
const FPS_WHEN_NO_SPAN = 1;

/** The set as a record, or null when nobody was ever in view (nothing to review). */
export function buildCameraSetRecord(input: CameraSetInput): SetRecord | null {
  const names = keypointNamesOf(input.frames);
  const withPerson = input.frames.find((f) => f.keypoints !== null);
  if (names === null || withPerson === undefined) return null;
  const fps = fpsOf(input.frames);
  const { video, recorderStartMs, originMs } = input;
  return {
    id: input.id,
    startedAtMs: input.startedAtMs,
    source: 'camera',
    fileName: null,
    summary: input.summary,
    track: framesToPoseTrack(input.frames, {
      width: withPerson.widthPx,
      height: withPerson.heightPx,
      fps: fps === null ? FPS_WHEN_NO_SPAN : Number(fps.toFixed(FPS_DIGITS)),
      model: input.model,
      keypointNames: names,
    }),
    video,
    videoOffsetMs:
      video !== null && recorderStartMs !== null && originMs !== null ? originMs - recorderStartMs : 0,
    ...(input.workout === undefined ? {} : { workout: input.workout }),
  };
}
