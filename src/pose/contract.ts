/**
 * The pose worker's contract, types only: what the page sends and gets back. Both threads import it
 * with `import type`, so no implementation crosses between them.
 *
 * Protocol (comlink RPC, one call in flight — the client drops frames while busy):
 *   init(options)          → InitReport   load model, choosing a backend by timed warm-up
 *   estimate(bitmap, tMs)  → EstimateResult   the bitmap is transferred in and closed there
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
}

export interface EstimateResult {
  pose: PoseFrame;
  /** Time inside estimatePoses, ms (the raw model call, for overhead accounting). */
  inferenceMs: number;
}

export interface PoseWorkerApi {
  init(options: InitOptions): Promise<InitReport>;
  /**
   * Estimates the pose in `frame` (transferred; closed by the worker). `sourceWidthPx/HeightPx` is
   * the size of the original frame when the page downscaled it into the bitmap, so keypoints come
   * back in source pixels.
   */
  estimate(
    frame: ImageBitmap,
    tMs: number,
    sourceWidthPx?: number,
    sourceHeightPx?: number,
  ): Promise<EstimateResult>;
  /** Resets temporal state (BlazePose's ROI tracking) between sets or videos. */
  reset(): void;
  memory(): { numTensors: number; numBytes: number; backend: string };
  current(): { model: ModelId; backend: BackendId } | null;
  dispose(): Promise<void>;
}
