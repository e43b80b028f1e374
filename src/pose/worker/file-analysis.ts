/// <reference lib="webworker" />
/**
 * Video file → poses, inside the pose worker: a decode worker demuxes and decodes the file
 * (decode-worker-api.ts; in this thread where no decode worker starts, file-candidates.ts), each
 * frame at most once and in order, and the frames the sampler takes (fixed rate:
 * src/pose/frame-sampling.ts; the rate the movement needs: src/pose/adaptive-sampling.ts) are
 * handed to the model right here, so nothing is paced to a player's clock. The decode worker decodes
 * the next frames, and downscales them to the model's image (model-image.ts), while the model runs on
 * this thread; frames it sends undownscaled, and all of them when it decodes here, are converted here.
 */
import type {
  FileAnalysisOptions,
  FileAnalysisProgress,
  FileAnalysisResult,
  FileAnalysisTiming,
  FileSampling,
} from '../contract';
import type { PoseFrame } from '../../core/pose/keypoints';
import {
  CANDIDATE_FPS,
  createAdaptiveSampler,
  MOVING_INTERVAL_MS,
  type AdaptiveSampler,
} from '../adaptive-sampling';
import { openRemoteCandidates } from './decode-client';
import {
  FileDecodeError,
  openLocalCandidates,
  type Candidate,
  type CandidateSource,
  type Unsupported,
} from './file-candidates';

import { keepFrame, toModelImage, type KeptFrame, type ModelImage } from './model-image';

/** Runs the model on one downscaled frame; `filterClockMs` drives pose-detection's landmark filter. */
export type EstimateImage = (
  image: ModelImage,
  tMs: number,
  source: { widthPx: number; heightPx: number },
  filterClockMs: number,
) => Promise<{ pose: PoseFrame; tensorMs: number; modelMs: number }>;

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
 * The sampling as two steps: a fixed grid that picks the candidate frames whatever the poses (its
 * rate, null for every frame: the decoding side drops the rest at once), and the sampler that
 * decides per candidate.
 */
function samplingSteps(sampling: FileSampling): { gridFps: number | null; sampler: AdaptiveSampler } {
  if (sampling.kind === 'adaptive') return { gridFps: CANDIDATE_FPS, sampler: createAdaptiveSampler() };
  return {
    gridFps: sampling.kind === 'fixed' ? sampling.fps : null,
    sampler: {
      intervalMs: sampling.kind === 'fixed' ? 1000 / sampling.fps : 0,
      offer: () => 'analyse',
      observe: () => [],
      holds: () => false,
    },
  };
}

/**
 * Candidates requested ahead of the model, count: in this thread's decoding the decoder then works
 * up to the next two candidates (6 frames of a 30 fps file at 10 fps) before the model blocks the
 * thread; from a decode worker they are usually waiting already (decode-client.ts).
 */
const CANDIDATES_AHEAD = 2;

/** Frames the sampling will analyse, estimated for progress (adaptive: at its moving rate, at most). */
function expectedFrames(sampling: FileSampling, packetCount: number, durationMs: number): number {
  if (sampling.kind === 'every-frame') return packetCount;
  const fps = sampling.kind === 'fixed' ? sampling.fps : 1000 / MOVING_INTERVAL_MS;
  return Math.min(packetCount, Math.ceil((durationMs / 1000) * fps));
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
  const { gridFps, sampler } = samplingSteps(options.sampling);
  const remote =
    typeof VideoDecoder === 'undefined' || options.decodeIn === 'pose-worker'
      ? null
      : await openRemoteCandidates(
          file,
          gridFps,
          options.convertIn === 'pose-worker' ? null : options.maxInputSidePx,
          options.decodeUnneeded,
        );
  const opened: CandidateSource | Unsupported =
    remote ?? (await openLocalCandidates(file, gridFps, options.decodeUnneeded));
  if ('kind' in opened) return opened;
  const source = opened;
  try {
    const { probe, widthPx, heightPx, durationMs, packetCount } = source.opened;
    const framesTotal = expectedFrames(options.sampling, packetCount, durationMs);

    resetModel();
    const analysed: PoseFrame[] = [];
    const inferenceMs: number[] = [];
    const timing: FileAnalysisTiming = {
      decodeWaitMs: 0,
      convertMs: 0,
      copyMs: 0,
      decoderConvertMs: 0,
      tensorMs: 0,
      modelMs: 0,
      framesHeld: 0,
      framesBackfilled: 0,
    };
    /** Frames kept while still, until a later analysed frame says whether they are needed. */
    const held = new Map<number, { frame: KeptFrame; filterClockMs: number }>();
    /** Releases the held frames the sampler will not ask for (all of them with `all`). */
    const releaseHeld = (all = false): void => {
      for (const [t, h] of held)
        if (all || !sampler.holds(t)) {
          h.frame.release();
          held.delete(t);
        }
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
    /** Runs the model on `image`, then hands it back to the source (its arrays serve the next frame). */
    const analyse = async (image: ModelImage, tMs: number, filterClockMs: number): Promise<PoseFrame> => {
      const r = await estimate(image, tMs, { widthPx, heightPx }, filterClockMs);
      source.recycle(image);
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

    const ahead: Promise<Candidate | null>[] = [];
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
        if (cancelRequested) break;
        pull();
        const w0 = performance.now();
        const next = await ahead.shift();
        timing.decodeWaitMs += performance.now() - w0;
        if (next === undefined || next === null) break;
        const { tMs, filterClockMs } = next;
        const decision = sampler.offer(tMs);
        let image: ModelImage | null = null;
        if (next.sample === undefined) {
          // Converted by the decode worker, beside the model.
          const ready = next.image;
          timing.decoderConvertMs += next.convertMs;
          timing.copyMs += next.copyMs;
          if (decision === 'hold') {
            held.set(tMs, {
              frame: { image: () => ready, release: () => source.recycle(ready) },
              filterClockMs,
            });
            timing.framesHeld++;
          } else image = ready;
        } else {
          const { sample } = next;
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
        }
        pull();
        if (image === null) continue;
        const pose = await analyse(image, tMs, filterClockMs);
        // Frames held while still, now wanted because movement was seen (and confirmed). Their filter
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
      }
    } finally {
      releaseHeld(true);
      // Candidates requested ahead and never used are closed.
      for (const p of ahead.splice(0)) await p.then((c) => c?.sample?.close()).catch(() => undefined);
    }
    if (cancelRequested) return { kind: 'cancelled' };
    const framesDecoded = source.framesDecoded();
    const framesSkipped = source.framesSkipped();
    const framesRead = framesDecoded + framesSkipped;
    const missing = packetCount - framesRead;
    if (
      framesDecoded === 0 ||
      (missing > UNDECODED_PACKETS_ALLOWED && framesRead < packetCount * MIN_DECODED_SHARE)
    )
      throw new FileDecodeError(
        `${probe.codec ?? 'video'} in ${probe.container}: ${framesRead} of ${packetCount} frames could be read`,
      );
    // Held frames analysed after a later one: the track is in media-time order.
    const frames = analysed.slice().sort((a, b) => a.tMs - b.tMs);
    const decodedIn = remote === null ? 'pose-worker' : 'decode-worker';
    return {
      kind: 'done',
      frames,
      inferenceMs,
      probe,
      framesDecoded,
      framesSkipped,
      widthPx,
      heightPx,
      timing,
      decodedIn,
    };
  } finally {
    await source.close();
  }
}
