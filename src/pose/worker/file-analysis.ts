/// <reference lib="webworker" />
/**
 * Video file → poses, inside the pose worker: mediabunny demuxes the file (MP4/MOV/WebM/MKV), the
 * browser's WebCodecs VideoDecoder decodes its first video stream in order, each frame exactly once,
 * and the frames the sampler takes (fixed rate: src/pose/frame-sampling.ts; the rate the movement
 * needs: src/pose/adaptive-sampling.ts) are downscaled (model-image.ts) and handed to the model right
 * here, so no frame crosses threads and nothing is paced to a player's clock. The next frame is
 * being decoded (on the browser's media threads) while the model runs on this one.
 *
 * mediabunny is loaded with a dynamic import on the first file, so the live path's worker start-up
 * does not carry it.
 */
import type {
  FileAnalysisOptions,
  FileAnalysisProgress,
  FileAnalysisResult,
  FileAnalysisTiming,
  FileSampling,
  VideoFileProbe,
} from '../contract';
import type { PoseFrame } from '../../core/pose/keypoints';
import type { Input, InputVideoTrack, VideoSample } from 'mediabunny';
import { createFrameSampler, type FrameSampler } from '../frame-sampling';
import {
  CANDIDATE_FPS,
  createAdaptiveSampler,
  MOVING_INTERVAL_MS,
  type AdaptiveSampler,
} from '../adaptive-sampling';
import { LANDMARK_FILTER_FRAME_MS } from './detector';
import { keepFrame, toModelImage, type KeptFrame, type ModelImage } from './model-image';

/** Runs the model on one downscaled frame; `filterClockMs` drives pose-detection's landmark filter. */
export type EstimateImage = (
  image: ModelImage,
  tMs: number,
  source: { widthPx: number; heightPx: number },
  filterClockMs: number,
) => Promise<{ pose: PoseFrame; tensorMs: number; modelMs: number }>;

/** The decoder failed part-way: the file is damaged or its encoding is not what it claims. */
export class FileDecodeError extends Error {
  override name = 'FileDecodeError';
}

/**
 * Share of the index's packets that must decode to frames, or the file is taken as cut short (the
 * demuxer then simply runs out of data, without an error). An edit list or a VP9 hidden frame can
 * leave a few packets without a picture of their own; a file cut part-way loses far more.
 */
export const MIN_DECODED_SHARE = 0.98;
/** Packets that may yield no frame before MIN_DECODED_SHARE applies (short clips), count. */
const UNDECODED_PACKETS_ALLOWED = 2;

let cancelRequested = false;

/** Asks a running analysis to stop at its next frame. */
export function cancelFileAnalysis(): void {
  cancelRequested = true;
}

/**
 * The sampling as two steps: a fixed grid that picks the candidate frames whatever the poses (so
 * the decoding loop drops the rest at once), and the sampler that decides per candidate.
 */
function samplingSteps(sampling: FileSampling): { grid: FrameSampler; sampler: AdaptiveSampler } {
  if (sampling.kind === 'adaptive')
    return { grid: createFrameSampler(CANDIDATE_FPS), sampler: createAdaptiveSampler() };
  return {
    grid: createFrameSampler(sampling.kind === 'fixed' ? sampling.fps : null),
    sampler: {
      intervalMs: sampling.kind === 'fixed' ? 1000 / sampling.fps : 0,
      offer: () => 'analyse',
      observe: () => [],
    },
  };
}

/**
 * Candidate frames decoded ahead of the consumer, count: while the model works on one frame, the
 * decoder (on the browser's media threads) decodes the frames up to the next two candidates (6
 * frames of a 30 fps file at 10 fps), so the next frame is usually waiting when the model is done.
 * Held frames are few: a decoder's pool of output frames is small on hardware decoders.
 */
const CANDIDATES_AHEAD = 2;

/** Frames the sampling will analyse, estimated for progress (adaptive: at its moving rate, at most). */
function expectedFrames(sampling: FileSampling, packetCount: number, durationMs: number): number {
  if (sampling.kind === 'every-frame') return packetCount;
  const fps = sampling.kind === 'fixed' ? sampling.fps : 1000 / MOVING_INTERVAL_MS;
  return Math.min(packetCount, Math.ceil((durationMs / 1000) * fps));
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface OpenedTrack {
  track: InputVideoTrack;
  probe: VideoFileProbe;
  /** Display size (rotation applied), px. */
  widthPx: number;
  heightPx: number;
  durationMs: number;
  packetCount: number;
}

/**
 * Reads the container and the first video stream's header and index. Anything that fails here
 * (unknown container, an index cut off, a codec WebCodecs lacks) is 'unsupported', not an error: the
 * page then gives the file to a <video>, whose own error names what is wrong when it fails too.
 */
async function openTrack(
  input: Input,
): Promise<OpenedTrack | Extract<FileAnalysisResult, { kind: 'unsupported' }>> {
  let probe: VideoFileProbe | null = null;
  try {
    const container = (await input.getFormat()).name;
    const tracks = await input.getVideoTracks();
    const track = tracks[0];
    probe = {
      container,
      codec: (await track?.getCodec()) ?? null,
      codecString: (await track?.getCodecParameterString()) ?? null,
      videoStreams: tracks.length,
    };
    if (track === undefined) return { kind: 'unsupported', reason: 'no video stream', probe };
    if (!(await track.canDecode()))
      return { kind: 'unsupported', reason: 'WebCodecs cannot decode this codec here', probe };
    return {
      track,
      probe,
      widthPx: await track.getDisplayWidth(),
      heightPx: await track.getDisplayHeight(),
      durationMs: (await track.computeDuration()) * 1000,
      packetCount: (await track.computePacketStats()).packetCount,
    };
  } catch (e) {
    return { kind: 'unsupported', reason: `the file could not be read (${errorText(e)})`, probe };
  }
}

/**
 * Analyses `file`. Resolves 'unsupported' (and touches no model state) when this browser has no
 * WebCodecs VideoDecoder, the demuxer does not know the container, or the codec cannot be decoded:
 * the page then tries a <video> element. Throws FileDecodeError when decoding fails part-way.
 */
export async function analyseFileInWorker(
  file: Blob,
  options: FileAnalysisOptions,
  onProgress: (p: FileAnalysisProgress) => void,
  estimate: EstimateImage,
  resetModel: () => void,
): Promise<FileAnalysisResult> {
  cancelRequested = false;
  if (typeof VideoDecoder === 'undefined')
    return { kind: 'unsupported', reason: 'this browser has no WebCodecs VideoDecoder', probe: null };
  const mb = await import('mediabunny');
  const input = new mb.Input({ source: new mb.BlobSource(file), formats: mb.ALL_FORMATS });
  try {
    const opened = await openTrack(input);
    if ('kind' in opened) return opened;
    const { track, probe, widthPx, heightPx, durationMs, packetCount } = opened;
    const framesTotal = expectedFrames(options.sampling, packetCount, durationMs);
    const container = probe.container;

    resetModel();
    const { grid, sampler } = samplingSteps(options.sampling);
    const analysed: PoseFrame[] = [];
    const inferenceMs: number[] = [];
    const timing: FileAnalysisTiming = {
      decodeWaitMs: 0,
      convertMs: 0,
      copyMs: 0,
      tensorMs: 0,
      modelMs: 0,
      framesHeld: 0,
      framesBackfilled: 0,
    };
    let framesDecoded = 0;
    /** Frames kept while still, until the next analysed frame says whether they are needed. */
    const held = new Map<number, { frame: KeptFrame; filterClockMs: number }>();
    const releaseHeld = (): void => {
      for (const h of held.values()) h.frame.release();
      held.clear();
    };

    /** Runs `step`, adding its wall time to the conversion time. */
    const converting = async <T>(step: () => T | Promise<T>): Promise<T> => {
      const c0 = performance.now();
      try {
        return await step();
      } finally {
        timing.convertMs += performance.now() - c0;
      }
    };
    const analyse = async (image: ModelImage, tMs: number, filterClockMs: number): Promise<PoseFrame> => {
      const r = await estimate(image, tMs, { widthPx, heightPx }, filterClockMs);
      analysed.push(r.pose);
      inferenceMs.push(r.tensorMs + r.modelMs);
      timing.tensorMs += r.tensorMs;
      timing.modelMs += r.modelMs;
      // A comlink proxy: its promise is not awaited (the page may be gone), errors are dropped.
      void Promise.resolve(
        onProgress({ framesDone: analysed.length, framesTotal, mediaMs: tMs, durationMs }),
      ).catch(() => undefined);
      return r.pose;
    };

    const samples = new mb.VideoSampleSink(track).samples();
    /** The grid's frames, in order, with their landmark-filter clocks; every other frame is closed. */
    async function* candidates(): AsyncGenerator<{
      sample: VideoSample;
      tMs: number;
      filterClockMs: number;
    }> {
      for (;;) {
        let next: IteratorResult<VideoSample>;
        try {
          next = await samples.next();
        } catch (e) {
          throw new FileDecodeError(`${probe.codec ?? 'video'} in ${container}: ${errorText(e)}`);
        }
        if (next.done === true || cancelRequested) {
          next.value?.close();
          return;
        }
        // Pose-detection's landmark filter advances one 30 fps tick per *source* frame (as
        // MediaPipe does, detector.ts), so skipping frames does not change its smoothing in time.
        const filterClockMs = framesDecoded * LANDMARK_FILTER_FRAME_MS;
        framesDecoded++;
        const tMs = next.value.timestamp * 1000;
        if (grid.take(tMs)) yield { sample: next.value, tMs, filterClockMs };
        else next.value.close();
      }
    }
    const source = candidates();
    const ahead: Promise<IteratorResult<{ sample: VideoSample; tMs: number; filterClockMs: number }>>[] = [];
    const pull = (): void => {
      while (ahead.length < CANDIDATES_AHEAD) {
        const next = source.next();
        // Handled when its turn comes; until then a decode error must not count as unhandled.
        next.catch(() => undefined);
        ahead.push(next);
      }
    };
    try {
      for (;;) {
        pull();
        const w0 = performance.now();
        const next = await ahead.shift();
        timing.decodeWaitMs += performance.now() - w0;
        if (next === undefined || next.done === true) break;
        const { sample, tMs, filterClockMs } = next.value;
        const decision = sampler.offer(tMs);
        let image: ModelImage | null = null;
        try {
          if (decision === 'hold') {
            const frame = await converting(() => keepFrame(sample, options.maxInputSidePx, timing));
            held.set(tMs, { frame, filterClockMs });
            timing.framesHeld++;
          } else image = await converting(() => toModelImage(sample, options.maxInputSidePx, timing));
        } finally {
          // Back to the decoder's pool before the model runs.
          sample.close();
        }
        pull();
        if (image === null) continue;
        const pose = await analyse(image, tMs, filterClockMs);
        // Frames held while still, now wanted because this frame started a movement. Their filter
        // clock is behind the model's, so pose-detection returns their landmarks unsmoothed and
        // leaves its filter as this frame left it.
        for (const t of sampler.observe(pose)) {
          const h = held.get(t);
          if (h === undefined) continue;
          held.delete(t);
          timing.framesBackfilled++;
          await analyse(await converting(() => h.frame.image()), t, h.filterClockMs);
        }
        releaseHeld();
        if (cancelRequested) break;
      }
    } finally {
      releaseHeld();
      // Candidates decoded ahead and never used are closed; returning the iterators stops the decoder.
      for (const p of ahead.splice(0))
        await p.then((r) => r.done !== true && r.value.sample.close()).catch(() => undefined);
      await source.return(undefined);
      await samples.return(undefined);
    }
    if (cancelRequested) return { kind: 'cancelled' };
    const missing = packetCount - framesDecoded;
    if (
      framesDecoded === 0 ||
      (missing > UNDECODED_PACKETS_ALLOWED && framesDecoded < packetCount * MIN_DECODED_SHARE)
    )
      throw new FileDecodeError(
        `${probe.codec ?? 'video'} in ${container}: ${framesDecoded} of ${packetCount} frames could be read`,
      );
    // Held frames analysed after a later one: the track is in media-time order.
    const frames = analysed.slice().sort((a, b) => a.tMs - b.tMs);
    return { kind: 'done', frames, inferenceMs, probe, framesDecoded, widthPx, heightPx, timing };
  } finally {
    input.dispose();
  }
}
