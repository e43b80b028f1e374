/**
 * Video file → pose track, through the real worker and model: the job behind the file screen,
 * `npm run analyze`, the benchmarks and the golden browser test.
 *
 * Two ways to the frames (docs/file-analysis.md):
 * - 'webcodecs': the worker demuxes and decodes the file itself (src/pose/worker/file-analysis.ts),
 *   in order, each frame at most once, and runs the model on the sampled ones. Preferred.
 * - 'video-element': a <video> plays the file paced to the model (src/media/video-frames.ts), for
 *   browsers without WebCodecs or without the file's codec in it.
 */
import { KEYPOINT_NAMES, COCO_KEYPOINT_NAMES, type PoseFrame } from '../../core/pose/keypoints';
import { framesToPoseTrack, type PoseTrack } from '../../core/pose/pose-track';
import {
  DEFAULT_MAX_INPUT_SIDE_PX,
  type FileAnalysisProgress,
  type PoseClient,
  type VideoFileProbe,
} from '../../pose/client';
import type { FileAnalysisTiming, FileDecodeThread, FileSampling } from '../../pose/contract';
import {
  VideoDecodeError,
  openVideo,
  videoFrames,
  type VideoFrameStats,
  type VideoInfo,
} from '../../media/video-frames';
import { undecodableMessage, partWayDecodeMessage, type DecodePath } from './decode-path';

export type { DecodePath } from './decode-path';

export type ExtractProgress = FileAnalysisProgress;

export interface ExtractStats {
  frames: number;
  wallMs: number;
  /** Median and p95 of the worker round trip (page → worker → page), ms; video-element path only. */
  roundTripMs: number[];
  /** Time inside estimatePoses as measured in the worker, ms. */
  inferenceMs: number[];
  /** How the frames were obtained from the player (video-element path; zeros on the other). */
  frameSource: VideoFrameStats;
  /** Which path decoded the file, and why when it was the fallback. */
  path: DecodePath;
  pathReason: string | null;
  /** Container and codec as the demuxer read them; null when it could not read the file. */
  probe: VideoFileProbe | null;
  /** Frames decoded from the file (the analysed ones are `frames`). */
  framesDecoded: number;
  /** Frames passed over undecoded (WebCodecs path: off the grid, nothing predicted from them). */
  framesSkipped: number;
  /** Which frames were analysed ('every-frame' on the video-element path). */
  sampling: FileSampling;
  /** Where the worker's time went (WebCodecs path only). */
  timing: FileAnalysisTiming | null;
  /** The thread the file was decoded on (WebCodecs path only). */
  decodedIn: FileDecodeThread | null;
}

export interface ExtractOptions {
  signal?: AbortSignal;
  onProgress?: (p: ExtractProgress) => void;
  /** Called once the path is chosen, before the first frame. */
  onPath?: (path: DecodePath, reason: string | null) => void;
  /** 'auto' (default): WebCodecs, else the <video> fallback. The others force one path (benchmarks). */
  path?: 'auto' | DecodePath;
  /** Which frames are analysed on the WebCodecs path; absent: every frame. */
  sampling?: FileSampling;
  /** Where the WebCodecs path decodes (FileAnalysisOptions.decodeIn); absent: a decode worker. */
  decodeIn?: FileDecodeThread;
  /** Where a frame decoded in a decode worker is converted (FileAnalysisOptions.convertIn). */
  convertIn?: FileDecodeThread;
  /** Decode the frames that could be passed over too (FileAnalysisOptions.decodeUnneeded). */
  decodeUnneeded?: boolean;
}

/**
 * Frame rate of the finished track: every frame is present and in order, so frames per span of
 * media time is exact for a constant-rate file (the early estimate in VideoInfo reads low when the
 * player skipped frames before they were fetched back).
 */
function trackFps(frames: readonly PoseFrame[], fallbackFps: number): number {
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (first === undefined || last === undefined || last.tMs <= first.tMs) return fallbackFps;
  return ((frames.length - 1) * 1000) / (last.tMs - first.tMs);
}

function toTrack(
  frames: readonly PoseFrame[],
  model: string,
  sizePx: { width: number; height: number },
  fps: number,
) {
  const isCoco = model.startsWith('movenet');
  return framesToPoseTrack(frames, {
    width: frames[0]?.widthPx ?? sizePx.width,
    height: frames[0]?.heightPx ?? sizePx.height,
    fps: Number(trackFps(frames, fps).toFixed(3)),
    model,
    keypointNames: isCoco ? COCO_KEYPOINT_NAMES : KEYPOINT_NAMES,
  });
}

const EVERY_FRAME: FileSampling = { kind: 'every-frame' };

const emptyStats = (path: DecodePath, sampling: FileSampling): ExtractStats => ({
  frames: 0,
  wallMs: 0,
  roundTripMs: [],
  inferenceMs: [],
  frameSource: { fetchedBySeek: 0, stalls: 0, finalRate: 1 },
  path,
  pathReason: null,
  probe: null,
  framesDecoded: 0,
  framesSkipped: 0,
  sampling,
  timing: null,
  decodedIn: null,
});

export async function extractPoseTrack(
  file: Blob,
  client: PoseClient,
  model: string,
  options: ExtractOptions = {},
): Promise<{ track: PoseTrack; stats: ExtractStats }> {
  const t0 = performance.now();
  const sampling = options.sampling ?? EVERY_FRAME;
  const wanted = options.path ?? 'auto';
  let fallback: { reason: string; probe: VideoFileProbe | null } | null = null;
  if (wanted !== 'video-element') {
    let started = false;
    const result = await client
      .analyseFile(
        file,
        {
          maxInputSidePx: DEFAULT_MAX_INPUT_SIDE_PX,
          sampling,
          ...(options.decodeIn === undefined ? {} : { decodeIn: options.decodeIn }),
          ...(options.convertIn === undefined ? {} : { convertIn: options.convertIn }),
          ...(options.decodeUnneeded === undefined ? {} : { decodeUnneeded: options.decodeUnneeded }),
        },
        (p) => {
          if (!started) options.onPath?.('webcodecs', null);
          started = true;
          options.onProgress?.(p);
        },
        options.signal,
      )
      .catch((e: unknown) => {
        // The worker's decoder failed part-way: the page's error, in the words the screen shows.
        throw e instanceof Error && e.name === 'FileDecodeError'
          ? new VideoDecodeError(partWayDecodeMessage(e.message))
          : e;
      });
    if (result.kind === 'cancelled') {
      return {
        track: toTrack([], model, { width: 0, height: 0 }, 0),
        stats: emptyStats('webcodecs', sampling),
      };
    }
    if (result.kind === 'done') {
      const stats: ExtractStats = {
        ...emptyStats('webcodecs', sampling),
        frames: result.frames.length,
        wallMs: performance.now() - t0,
        inferenceMs: result.inferenceMs,
        probe: result.probe,
        framesDecoded: result.framesDecoded,
        framesSkipped: result.framesSkipped,
        timing: result.timing,
        decodedIn: result.decodedIn,
      };
      const track = toTrack(result.frames, model, { width: result.widthPx, height: result.heightPx }, 0);
      return { track, stats };
    }
    if (wanted === 'webcodecs') throw new VideoDecodeError(`WebCodecs path unavailable: ${result.reason}.`);
    fallback = { reason: result.reason, probe: result.probe };
  }
  options.onPath?.('video-element', fallback?.reason ?? null);
  try {
    const out = await extractWithVideoElement(file, client, model, options);
    out.stats.pathReason = fallback?.reason ?? null;
    out.stats.probe = fallback?.probe ?? null;
    out.stats.wallMs = performance.now() - t0;
    return out;
  } catch (e) {
    // The <video> could not read it either: name what the demuxer found, when it found something.
    const probe = fallback?.probe ?? null;
    if (e instanceof VideoDecodeError && probe !== null && (probe.codec ?? probe.codecString) !== null)
      throw new VideoDecodeError(undecodableMessage(probe));
    throw e;
  }
}

/** The fallback path: a <video> plays the file paced to the model; every frame is analysed. */
async function extractWithVideoElement(
  file: Blob,
  client: PoseClient,
  model: string,
  options: ExtractOptions,
): Promise<{ track: PoseTrack; stats: ExtractStats }> {
  const url = URL.createObjectURL(file);
  let info: VideoInfo | null = null;
  const frames: PoseFrame[] = [];
  const stats = emptyStats('video-element', EVERY_FRAME);
  try {
    const video = await openVideo(url);
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
  } finally {
    URL.revokeObjectURL(url);
  }
  stats.frames = frames.length;
  stats.framesDecoded = frames.length;
  const finalInfo = info as VideoInfo | null;
  const track = toTrack(
    frames,
    model,
    { width: finalInfo?.widthPx ?? 0, height: finalInfo?.heightPx ?? 0 },
    finalInfo?.fps ?? 0,
  );
  return { track, stats };
}
