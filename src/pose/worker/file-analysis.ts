/// <reference lib="webworker" />
/**
 * Video file → poses, inside the pose worker: mediabunny demuxes the file (MP4/MOV/WebM/MKV), the
 * browser's WebCodecs VideoDecoder decodes its first video stream in order, each frame exactly once,
 * and the frames the sampler takes (src/pose/frame-sampling.ts) are downscaled and handed to the
 * model right here, so no frame crosses threads and nothing is paced to a player's clock.
 *
 * mediabunny is loaded with a dynamic import on the first file, so the live path's worker start-up
 * does not carry it.
 */
import type {
  FileAnalysisOptions,
  FileAnalysisProgress,
  FileAnalysisResult,
  VideoFileProbe,
} from '../contract';
import type { PoseFrame } from '../../core/pose/keypoints';
import type { Input, InputVideoTrack, VideoSample } from 'mediabunny';
import { createFrameSampler } from '../frame-sampling';
import { LANDMARK_FILTER_FRAME_MS } from './detector';

/** Runs the model on one downscaled frame; `filterClockMs` drives pose-detection's landmark filter. */
export type EstimateBitmap = (
  bitmap: ImageBitmap,
  tMs: number,
  source: { widthPx: number; heightPx: number },
  filterClockMs: number,
) => Promise<{ pose: PoseFrame; inferenceMs: number }>;

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

/** A decoded frame, downscaled so its longer side is at most `maxSidePx`, rotation applied. */
async function toModelBitmap(sample: VideoSample, maxSidePx: number): Promise<ImageBitmap> {
  const scale = Math.min(1, maxSidePx / Math.max(sample.displayWidth, sample.displayHeight));
  const width = Math.max(1, Math.round(sample.displayWidth * scale));
  const height = Math.max(1, Math.round(sample.displayHeight * scale));
  if (sample.rotation === 0 && !sample.flip) {
    // The same resize as the <video> path's createImageBitmap (src/pose/client.ts), so both paths
    // hand the model the same pixels.
    const frame = sample.toVideoFrame();
    try {
      return await createImageBitmap(frame, {
        resizeWidth: width,
        resizeHeight: height,
        resizeQuality: 'medium',
      });
    } finally {
      frame.close();
    }
  }
  // Rotated phone video: mediabunny draws it upright, as a <video> element shows it.
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2D canvas in this worker');
  sample.drawWithFit(context, { fit: 'fill' });
  return canvas.transferToImageBitmap();
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
  estimate: EstimateBitmap,
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
    const framesTotal =
      options.sampleFps === null
        ? packetCount
        : Math.min(packetCount, Math.ceil((durationMs / 1000) * options.sampleFps));
    const container = probe.container;

    resetModel();
    const sampler = createFrameSampler(options.sampleFps);
    const frames: PoseFrame[] = [];
    const inferenceMs: number[] = [];
    let framesDecoded = 0;
    /** Wall time the consumer waited for the next converted frame, ms (decoding not hidden). */
    let decodeMs = 0;
    const sampleSink = new mb.VideoSampleSink(track);

    /** The frames the sampler takes, decoded, downscaled and with their filter clock, in order. */
    async function* modelFrames(): AsyncGenerator<{
      bitmap: ImageBitmap;
      tMs: number;
      filterClockMs: number;
    }> {
      const samples = sampleSink.samples();
      try {
        for (;;) {
          let next: IteratorResult<VideoSample>;
          try {
            next = await samples.next();
          } catch (e) {
            throw new FileDecodeError(`${probe.codec ?? 'video'} in ${container}: ${errorText(e)}`);
          }
          if (next.done === true) return;
          if (cancelRequested) {
            next.value.close();
            return;
          }
          const sample = next.value;
          let frame: { bitmap: ImageBitmap; tMs: number; filterClockMs: number } | null = null;
          try {
            // Pose-detection's landmark filter advances one 30 fps tick per *source* frame (as
            // MediaPipe does, detector.ts), so skipping frames does not change its smoothing in time.
            const filterClockMs = framesDecoded * LANDMARK_FILTER_FRAME_MS;
            framesDecoded++;
            const tMs = sample.timestamp * 1000;
            if (sampler.take(tMs))
              frame = { bitmap: await toModelBitmap(sample, options.maxInputSidePx), tMs, filterClockMs };
          } finally {
            // Back to the decoder's pool before waiting on the consumer.
            sample.close();
          }
          if (frame !== null) yield frame;
        }
      } finally {
        // Stops the decoder when the loop ends early (cancel, model error).
        await samples.return(undefined);
      }
    }

    const source = modelFrames();
    // One frame ahead: the next frame is decoded and downscaled (the decoder runs on the browser's
    // media threads, i.e. the other core) while the model works on this one.
    let ahead = source.next();
    try {
      for (;;) {
        const w0 = performance.now();
        const item = await ahead;
        decodeMs += performance.now() - w0;
        if (item.done === true) break;
        ahead = source.next();
        const { bitmap, tMs, filterClockMs } = item.value;
        const result = await estimate(bitmap, tMs, { widthPx, heightPx }, filterClockMs);
        frames.push(result.pose);
        inferenceMs.push(result.inferenceMs);
        // A comlink proxy: its promise is not awaited (the page may be gone), errors are dropped.
        void Promise.resolve(
          onProgress({ framesDone: frames.length, framesTotal, mediaMs: tMs, durationMs }),
        ).catch(() => undefined);
        if (cancelRequested) break;
      }
    } finally {
      // A frame converted ahead and never analysed is closed; the generator then stops the decoder.
      await ahead.then((r) => r.done !== true && r.value.bitmap.close()).catch(() => undefined);
      await source.return(undefined);
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
    return { kind: 'done', frames, inferenceMs, probe, framesDecoded, widthPx, heightPx, decodeMs };
  } finally {
    input.dispose();
  }
}
