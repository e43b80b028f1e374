/**
 * The pose worker's contract, types only: what the page sends and gets back. Both threads import it
 * with `import type`, so no implementation crosses between them.
 *
 * Protocol (comlink RPC, one call in flight — the client drops frames while busy):
 *   init(options)          → InitReport   load model, choosing a backend by timed warm-up
 *   estimate(frame, tMs)   → EstimateResult   a VideoFrame (an ImageBitmap where VideoFrame is
 *                          missing), transferred in and closed there
 *   analyseFile(file, options, onProgress) → FileAnalysisResult   decodes a video file with WebCodecs
 *                          in a decode worker the pose worker starts (src/pose/decode-contract.ts;
 *                          the candidate frames come back transferred) and runs the model on the
 *                          sampled frames; onProgress is a comlink proxy; cancelFile() stops it
 *   liveFrames(frames, options, onPose) → resolves when the stream ends or stopLiveFrames() is called:
 *                          the worker reads the camera's VideoFrames itself (a transferred
 *                          ReadableStream from the page's MediaStreamTrackProcessor), keeps only the
 *                          newest and runs the model on it as soon as the last call ends; each pose
 *                          goes to onPose (a comlink proxy) with its frame's capture timestamp
 *   memory()               → tf memory counters (leak checks)
 *   dispose()              → frees the detector; the client then terminates the worker
 * All results are small plain objects: keypoints in source-frame pixels, timings in ms.
 */
import type { PoseFrame } from '../core/pose/keypoints';
import type { BackendChoice, BackendId, ModelId } from './models';

export interface InitOptions {
  model: ModelId;
  backend: BackendChoice;
  /** Where the model files are served, ending in '/': the app's own origin (e.g. '/models/'). */
  modelBaseUrl: string;
  /**
   * Threads for the wasm backend, for benchmarks and tests; absent = threads only on 4+ cores. Takes
   * effect only in a cross-origin-isolated page, and only on a worker's first wasm start.
   */
  wasmThreads?: number;
  /**
   * The backend (and thread count) come from a decision remembered on this device
   * (src/pose/engine-decision.ts): load it with a short warm-up instead of timing every candidate.
   */
  remembered?: boolean;
  /**
   * A picture with a person for the timed warm-up (src/pose/worker/warmup-frame.ts), so the timed
   * calls run the landmark model as live frames do; absent = a synthetic frame with nobody in it.
   */
  warmupImageUrl?: string;
  /**
   * Benchmarks only: the path before, timed side by side with today's. The page sends its frames as
   * ImageBitmaps rather than VideoFrames (src/pose/client.ts), and the worker hands them to tfjs as
   * they are instead of reading their pixels itself (src/pose/worker/bitmap-pixels.ts).
   */
  bitmapsToTfjs?: boolean;
}

export interface BackendTrial {
  backend: BackendId;
  /** Median warm-up ms/frame, or null when it was skipped or failed. */
  msPerFrame: number | null;
  note: string;
}

export interface InitReport {
  model: ModelId;
  backend: BackendId;
  /** Why this backend: e.g. "fastest in warm-up (wasm 41 ms vs webgl 290 ms)" or "chosen by user". */
  reason: string;
  /** Models or backends that failed before this one worked, with their errors, for the UI to show. */
  fallbacks: { model: ModelId; backend: BackendId; error: string }[];
  trials: BackendTrial[];
  loadMs: number;
  wasmThreads: number;
  crossOriginIsolated: boolean;
  /**
   * When each step of the load ended, in epoch ms (performance.timeOrigin + now), so the page can
   * place them on its own clock: e.g. "wasm backend started", "model fetched", "warm-up done".
   */
  timeline: { step: string; epochMs: number }[];
}

export interface EstimateResult {
  pose: PoseFrame;
  /** Time inside estimatePoses, ms (the raw model call, for overhead accounting). */
  inferenceMs: number;
}

/** One pose of the worker's own live loop (PoseWorkerApi.liveFrames). */
export interface LivePose extends EstimateResult {
  /**
   * The frame's VideoFrame.timestamp, ms. For a camera track in Chromium it is the capture time on
   * the same monotonic clock as requestVideoFrameCallback's `captureTime`, counted from another
   * origin (the machine's start), so the page maps it onto performance.now() by pairing the two.
   */
  frameTimestampMs: number;
  /** When the worker took the frame from the stream, epoch ms (performance.timeOrigin + now). */
  receivedEpochMs: number;
  /**
   * Mean luma of the frame the model saw (Rec. 601, 0–255; src/core/math/luma.ts), for the "too
   * dark" check; null when the worker did not convert the frame's pixels itself.
   */
  lumaMean: number | null;
}

export interface LiveFramesOptions {
  /** Longest side of the frame handed to the model, px (the page path's DEFAULT_MAX_INPUT_SIDE_PX). */
  maxInputSidePx: number;
}

/**
 * Which frames of a file go to the model: every one; a fixed rate in frames per second of video
 * (src/pose/frame-sampling.ts); or the rate the movement needs (src/pose/adaptive-sampling.ts).
 */
export type FileSampling = { kind: 'every-frame' } | { kind: 'fixed'; fps: number } | { kind: 'adaptive' };

/** What a file analysis in the worker is asked for. */
export interface FileAnalysisOptions {
  /** Longest side of the frame handed to the model, px (the page path's DEFAULT_MAX_INPUT_SIDE_PX). */
  maxInputSidePx: number;
  sampling: FileSampling;
  /**
   * Where the file is decoded: 'decode-worker' (absent: the default) in a decode worker beside the
   * model, falling back to the pose worker's own thread where none starts; 'pose-worker' there
   * always (tests compare the two).
   */
  decodeIn?: FileDecodeThread;
  /**
   * Where a frame decoded in a decode worker is converted to the model's image: 'decode-worker'
   * (absent: the default) beside the model, 'pose-worker' before each model call (benchmarks
   * compare the two).
   */
  convertIn?: FileDecodeThread;
  /**
   * true: decode every frame, the H.264 ones off the grid that nothing is predicted from included
   * (absent: they are passed over, file-candidates.ts; benchmarks and tests compare the two).
   */
  decodeUnneeded?: boolean;
}

/** The thread a file was decoded on. */
export type FileDecodeThread = 'decode-worker' | 'pose-worker';

/**
 * Where the worker's time went during a file analysis, ms, summed over the run. The model's thread
 * does the conversion, tensor and model work in turn; decoding runs in the decode worker, so only
 * the time spent waiting for its next frame shows here.
 */
export interface FileAnalysisTiming {
  /** Waiting for the decoder's next frame (decoding not hidden behind the model). */
  decodeWaitMs: number;
  /** Decoded frame → downscaled model image (copy out, scale, colour conversion), on this thread. */
  convertMs: number;
  /** Copying the planes out of the decoder's frames (in either thread). */
  copyMs: number;
  /** Converting in the decode worker, beside the model (not in convertMs, not on this thread). */
  decoderConvertMs: number;
  /** Model image → input tensor (tf.browser.fromPixels). */
  tensorMs: number;
  /** estimatePoses on the tensor. */
  modelMs: number;
  /** Frames converted and held while still, and how many of them were analysed afterwards. */
  framesHeld: number;
  framesBackfilled: number;
}

export interface FileAnalysisProgress {
  /** Frames analysed so far. */
  framesDone: number;
  /** Frames that will be analysed, estimated from the file's frame count, duration and sample rate. */
  framesTotal: number | null;
  /** Media time of the last analysed frame, ms. */
  mediaMs: number;
  durationMs: number;
}

/** What the demuxer read about a file: named in errors and in the record of how it was decoded. */
export interface VideoFileProbe {
  /** Container as the demuxer names it ("MP4", "QuickTime File Format", "WebM", "Matroska"…). */
  container: string;
  /** Codec family of the first video stream ("avc", "hevc", "vp9", "av1"…), null if unknown. */
  codec: string | null;
  /** Full codec string ("avc1.64001f", "hvc1.1.6.L93.B0"), null if unknown. */
  codecString: string | null;
  /** Video streams in the file (the first one is analysed). */
  videoStreams: number;
}

export type FileAnalysisResult =
  | {
      kind: 'done';
      frames: PoseFrame[];
      /** Time inside estimatePoses per analysed frame (tensor + model), ms, in analysis order. */
      inferenceMs: number[];
      probe: VideoFileProbe;
      /** Frames decoded, count. */
      framesDecoded: number;
      /** Frames passed over undecoded (off the grid, and nothing predicted from them), count. */
      framesSkipped: number;
      /** Display size of the video (rotation applied), px: the space keypoints are in. */
      widthPx: number;
      heightPx: number;
      /** Where the time went (sums over the run). */
      timing: FileAnalysisTiming;
      /** Where the file was decoded. */
      decodedIn: FileDecodeThread;
    }
  /** WebCodecs, the container or the codec is missing here: the page falls back to a <video>. */
  | { kind: 'unsupported'; reason: string; probe: VideoFileProbe | null }
  | { kind: 'cancelled' };

export interface PoseWorkerApi {
  init(options: InitOptions): Promise<InitReport>;
  /**
   * Estimates the pose in `frame` (transferred; closed by the worker). `sourceWidthPx/HeightPx` is
   * the size of the original frame when the page downscaled it into the frame, so keypoints come
   * back in source pixels.
   */
  estimate(
    frame: ImageBitmap | VideoFrame,
    tMs: number,
    sourceWidthPx?: number,
    sourceHeightPx?: number,
  ): Promise<EstimateResult>;
  /**
   * Decodes `file` in the worker and estimates the pose in its sampled frames, in order, each once.
   * Resets the model's temporal state first. `onProgress` arrives as a comlink proxy.
   */
  analyseFile(
    file: Blob,
    options: FileAnalysisOptions,
    onProgress: (p: FileAnalysisProgress) => void,
  ): Promise<FileAnalysisResult>;
  /**
   * Reads live camera frames from `frames` (transferred) until it ends or stopLiveFrames() is
   * called, always analysing the newest frame; `onPose` arrives as a comlink proxy. The model time
   * reported includes copying and converting the frame.
   */
  liveFrames(
    frames: ReadableStream<VideoFrame>,
    options: LiveFramesOptions,
    onPose: (p: LivePose) => void,
  ): Promise<void>;
  /** Ends a running liveFrames (its promise then resolves). */
  stopLiveFrames(): void;
  /** Stops a running analyseFile at its next frame (it then resolves `{ kind: 'cancelled' }`). */
  cancelFile(): void;
  /** Resets temporal state (BlazePose's ROI tracking) between sets or videos. */
  reset(): void;
  memory(): { numTensors: number; numBytes: number; backend: string };
  current(): { model: ModelId; backend: BackendId } | null;
  dispose(): Promise<void>;
}
