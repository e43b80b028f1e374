/**
 * Video file → pose track, through the real worker and model: the job behind `npm run analyze`,
 * the benchmarks and (later) the app's own "analyse a recorded video".
 */
import { KEYPOINT_NAMES, COCO_KEYPOINT_NAMES, type PoseFrame } from '../../core/pose/keypoints';
import { framesToPoseTrack, type PoseTrack } from '../../core/pose/pose-track';
import { DEFAULT_MAX_INPUT_SIDE_PX, type PoseClient } from '../../pose/client';
import { openVideo, videoFrames, type VideoFrameStats, type VideoInfo } from '../../media/video-frames';

export interface ExtractProgress {
  framesDone: number;
  /** Estimated total frames (duration × fps), once the frame rate is known. */
  framesTotal: number | null;
  mediaMs: number;
  durationMs: number;
}

export interface ExtractStats {
  frames: number;
  wallMs: number;
  /** Median and p95 of the worker round trip (page → worker → page), ms. */
  roundTripMs: number[];
  /** Time inside estimatePoses as measured in the worker, ms. */
  inferenceMs: number[];
  /** How the frames were obtained from the player (skips fetched by seeking, stalls). */
  frameSource: VideoFrameStats;
}

/**
 * Frame rate of the finished track: every frame is present and in order, so frames per span of
 * media time is exact for a constant-rate file (the early estimate in VideoInfo reads low when the
 * player skipped frames before they were fetched back).
 */
function trackFps(frames: readonly PoseFrame[], info: VideoInfo | null): number {
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (first === undefined || last === undefined || last.tMs <= first.tMs) return info?.fps ?? 0;
  return ((frames.length - 1) * 1000) / (last.tMs - first.tMs);
}

export async function extractPoseTrack(
  src: string,
  client: PoseClient,
  model: string,
  options: { signal?: AbortSignal; onProgress?: (p: ExtractProgress) => void } = {},
): Promise<{ track: PoseTrack; stats: ExtractStats }> {
  const video = await openVideo(src);
  let info: VideoInfo | null = null;
  const frames: PoseFrame[] = [];
  const stats: ExtractStats = {
    frames: 0,
    wallMs: 0,
    roundTripMs: [],
    inferenceMs: [],
    frameSource: { fetchedBySeek: 0, stalls: 0, finalRate: 1 },
  };
  const t0 = performance.now();
  await client.reset();
  try {
    const sourceSizePx = { width: video.videoWidth, height: video.videoHeight };
    const frameOptions = {
      maxSidePx: DEFAULT_MAX_INPUT_SIDE_PX,
      onInfo: (i: VideoInfo) => (info = i),
      stats: stats.frameSource,
    };
    for await (const f of videoFrames(
      video,
      options.signal ? { ...frameOptions, signal: options.signal } : frameOptions,
    )) {
      const r0 = performance.now();
      const result = await client.estimate(f.bitmap, f.tMs, sourceSizePx);
      if (result === null) throw new Error('internal: a frame was dropped while extracting a track');
      stats.roundTripMs.push(performance.now() - r0);
      stats.inferenceMs.push(result.inferenceMs);
      frames.push(result.pose);
      const fps: number | null = info === null ? null : (info as VideoInfo).fps;
      options.onProgress?.({
        framesDone: frames.length,
        framesTotal: fps === null ? null : Math.round(video.duration * fps),
        mediaMs: f.tMs,
        durationMs: video.duration * 1000,
      });
    }
  } finally {
    video.removeAttribute('src');
    video.load();
  }
  stats.frames = frames.length;
  stats.wallMs = performance.now() - t0;
  const finalInfo = info as VideoInfo | null;
  const isCoco = model.startsWith('movenet');
  const track = framesToPoseTrack(frames, {
    width: frames[0]?.widthPx ?? finalInfo?.widthPx ?? 0,
    height: frames[0]?.heightPx ?? finalInfo?.heightPx ?? 0,
    fps: Number(trackFps(frames, finalInfo).toFixed(3)),
    model,
    keypointNames: isCoco ? COCO_KEYPOINT_NAMES : KEYPOINT_NAMES,
  });
  return { track, stats };
}
