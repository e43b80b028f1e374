/**
 * A single-leg check from a video file: the file screen extracts the pose track (same worker and
 * model); here the track goes through the core's check, and each rep's picture is taken by seeking
 * the file to the rep's peak knee flexion.
 */
import { analyzeSingleLeg, poseTrackToFrames, type PoseTrack } from '../../core';
import type { RepFrame, SingleLegRecord } from '../../domain/single-leg-record';
import { REP_FRAME_WIDTH_PX, toJpeg } from './rep-frames';

/** Longest a seek may take before the picture is skipped, ms (a long GOP on a slow device). */
const SEEK_TIMEOUT_MS = 5000;

function seek(video: HTMLVideoElement, tS: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), SEEK_TIMEOUT_MS);
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      video.removeEventListener('seeked', onSeeked);
      video.removeEventListener('error', onError);
      resolve(ok);
    };
    const onSeeked = (): void => done(true);
    const onError = (): void => done(false);
    video.addEventListener('seeked', onSeeked);
    video.addEventListener('error', onError);
    video.currentTime = tS;
  });
}

async function loaded(video: HTMLVideoElement): Promise<boolean> {
  if (video.readyState >= 1) return true;
  return new Promise((resolve) => {
    video.addEventListener('loadedmetadata', () => resolve(true), { once: true });
    video.addEventListener('error', () => resolve(false), { once: true });
  });
}

/** The pictures at each rep's peak, seeking the file (track time = media time for files). */
export async function repFramesFromFile(
  file: Blob,
  times: readonly Omit<RepFrame, 'image'>[],
): Promise<RepFrame[]> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.src = url;
  const out: RepFrame[] = [];
  try {
    if (!(await loaded(video))) return out;
    for (const t of times) {
      if (!(await seek(video, t.tMs / 1000))) continue;
      const w = video.videoWidth;
      const width = Math.min(w, REP_FRAME_WIDTH_PX);
      const bmp = await createImageBitmap(video, {
        resizeWidth: width,
        resizeHeight: Math.round((video.videoHeight * width) / w),
      });
      out.push({ ...t, image: await toJpeg(bmp) });
      bmp.close();
    }
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
  return out;
}

/** A file's pose track → the check's record, with the rep pictures taken from the file. */
export async function singleLegRecordFromFile(
  track: PoseTrack,
  file: File,
  startedAtMs: number,
): Promise<SingleLegRecord> {
  const summary = analyzeSingleLeg(poseTrackToFrames(track));
  const times = (['left', 'right'] as const).flatMap((leg) =>
    summary.legs[leg].reps.map((r) => ({ leg, repIndex: r.index, tMs: r.bottomMs })),
  );
  return {
    kind: 'single-leg-check',
    id: crypto.randomUUID(),
    startedAtMs,
    source: 'file',
    fileName: file.name,
    summary,
    track,
    repFrames: await repFramesFromFile(file, times),
  };
}
