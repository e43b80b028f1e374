/**
 * Loading a pose-detection detector on a tfjs backend: shared by the pose worker and the benchmark
 * page that times the raw model call without a worker. Uses only what both contexts have.
 */
// tfjs-core and the three backends, not the @tensorflow/tfjs umbrella: the umbrella adds tfjs-layers
// and tfjs-data (~0.2 MB of the worker bundle) that graph-model inference never calls. The WebGL and
// CPU backends are imported only when tried (switchBackend): a start on wasm, the usual one, then
// parses and evaluates a smaller bundle before the model can load.
import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as poseDetection from '@tensorflow-models/pose-detection';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { modelUrls, type BackendId, type ModelId } from '../models';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

/**
 * tfjs-backend-wasm gives the threaded build `hardwareConcurrency / 2` threads; with fewer than 4
 * cores that is one thread, and one-thread threaded was slower than plain SIMD here (pose-stack.md,
 * trap 3). So threads are used only when they can actually run in parallel.
 */
const MIN_CORES_FOR_WASM_THREADS = 4;
/** Longest a backend may take to start (fetch + compile its wasm, create a GL context), ms. */
const BACKEND_START_TIMEOUT_MS = 20_000;
/** What every estimate asks for: one person, coordinates as the camera sees them (no mirroring). */
export const ESTIMATE_CONFIG = { maxPoses: 1, flipHorizontal: false } as const;

export async function createDetector(
  model: ModelId,
  modelBaseUrl: string,
): Promise<poseDetection.PoseDetector> {
  const urls = modelUrls(model, modelBaseUrl);
  if ('modelUrl' in urls) {
    return poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
      modelType:
        model === 'movenet-thunder'
          ? poseDetection.movenet.modelType.SINGLEPOSE_THUNDER
          : poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING,
      modelUrl: urls.modelUrl,
      enableSmoothing: true,
    });
  }
  return poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
    runtime: 'tfjs',
    modelType: model === 'blazepose-lite' ? 'lite' : model === 'blazepose-heavy' ? 'heavy' : 'full',
    detectorModelUrl: urls.detectorUrl,
    landmarkModelUrl: urls.landmarkUrl,
    // MediaPipe's landmark filter (one-euro + velocity filters tuned per landmark set), on the
    // per-frame clock above; squat-coach's own time-based smoothing then works on steadier input.
    enableSmoothing: true,
  });
}

/**
 * Makes `backend` the active tfjs backend. `wasmThreads` forces the wasm build's thread count (the
 * threaded build needs cross-origin isolation); without it threads are used only on 4+ cores. The
 * count is read when the wasm backend first starts, so it holds for the worker's life.
 */
export async function switchBackend(backend: BackendId, wasmThreads?: number): Promise<void> {
  if (backend === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  if (backend === 'wasm') {
    const threadsUseful =
      wasmThreads !== undefined
        ? globalThis.crossOriginIsolated && wasmThreads > 1
        : globalThis.crossOriginIsolated && navigator.hardwareConcurrency >= MIN_CORES_FOR_WASM_THREADS;
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threadsUseful);
    if (wasmThreads !== undefined && threadsUseful) {
      // tfjs's wasm build sizes its thread pool from the core count (trap 3: cores / 2), so a
      // forced count also reports the cores that count implies, in this worker only.
      Object.defineProperty(navigator, 'hardwareConcurrency', { value: wasmThreads * 2, configurable: true });
      setThreadsCount(wasmThreads);
    }
  }
  // A wasm binary that cannot be fetched makes tfjs's init promise hang rather than reject, so the
  // start of a backend is bounded in time.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), BACKEND_START_TIMEOUT_MS);
  });
  const started = await Promise.race([tf.setBackend(backend), timeout]);
  clearTimeout(timer);
  if (!started) throw new Error(`the ${backend} backend failed to start`);
  await tf.ready();
}
