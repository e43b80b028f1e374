/// <reference lib="webworker" />
/**
 * The pose worker's implementation of PoseWorkerApi (src/pose/contract.ts): runs the pose model off
 * the main thread. workers/pose.worker.ts exposes it over comlink.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type * as poseDetection from '@tensorflow-models/pose-detection';
import { createDetector, ESTIMATE_CONFIG, switchBackend } from './detector';
import { LANDMARK_FILTER_FRAME_MS } from './landmark-filter-clock';
import { toPoseFrame } from './pose-adapter';
import type {
  EstimateResult,
  FileAnalysisOptions,
  FileAnalysisProgress,
  FileAnalysisResult,
  InitOptions,
  InitReport,
  BackendTrial,
  LiveFramesOptions,
  LivePose,
  PoseWorkerApi,
} from '../contract';
import { analyseFileInWorker, cancelFileAnalysis } from './file-analysis';
import { errorText } from './file-candidates';
import { bitmapPixels, pageFramePixels, pageFrameSize, type PageFrame } from './bitmap-pixels';
import { runLiveFrames, stopLiveFrames } from './live-frames';
import { releaseModelImage, type ModelImage } from './model-image';
import { warmupFrame } from './warmup-frame';
import { BACKEND_IDS, MODEL_FALLBACKS, type BackendId, type ModelId } from '../models';

/**
 * Timed warm-up calls per candidate backend, after the untimed ones (WARMUP_UNTIMED_RUNS).
 */
const WARMUP_TIMED_RUNS = 3;
/**
 * Untimed warm-up calls before the timed ones: the first finds the person and compiles, the second
 * is the first tracking call.
 */
const WARMUP_UNTIMED_RUNS = 2;
/**
 * Untimed warm-up calls on the threaded wasm build: its calls keep getting faster for longer. On
 * the 2-core Xeon, BlazePose full with 2 threads took 91, 82, 77, 82, 69, 62, 63, 61, 66 ms in its
 * 2nd to 10th calls (steady median 62) and 74, 77, 59, 65, 56, 60, 57, 57, 50 (steady 40), while
 * one thread's settled by the 3rd call (103, 96, 92, 94, 93, 91; steady 89). Timed from the 3rd call
 * as one thread is, 2 threads read 30–60 % slow, and the trial kept one thread where two were
 * faster: 16–25 % less wall time per file on all three clips tried (docs/file-analysis.md).
 */
const THREADED_WARMUP_UNTIMED_RUNS = 8;
/**
 * Timed warm-up calls for a remembered backend: nothing is ranked, so only the first call runs (it
 * prepares the model, which the first live frame would otherwise wait for), and its time is reported.
 */
const REMEMBERED_TIMED_RUNS = 0;
/** Renderers that mean WebGL is emulated on the CPU: ~10× slower than wasm here (pose-stack.md). */
const SOFTWARE_GL_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

let detector: poseDetection.PoseDetector | null = null;
/** Frames processed since the last reset: the landmark filter's clock (LANDMARK_FILTER_FRAME_MS). */
let framesSinceReset = 0;
let current: { model: ModelId; backend: BackendId } | null = null;
/** InitOptions.bitmapsToTfjs of the last init (benchmarks only). */
let bitmapsToTfjs = false;
/** The steps of the running init, for its report's timeline. */
let timeline: InitReport['timeline'] = [];
const step = (name: string): void => {
  timeline.push({ step: name, epochMs: performance.timeOrigin + performance.now() });
};

function glRenderer(): string | null {
  try {
    const gl =
      new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
    if (gl === null) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

/**
 * Median ms/frame of `timedRuns` calls after `untimedRuns` untimed ones; with none timed, the first
 * call's own time.
 */
async function timeWarmup(
  d: poseDetection.PoseDetector,
  timedRuns: number,
  untimedRuns: number,
  frame: ImageBitmap | ImageData,
): Promise<number> {
  const tFirst = performance.now();
  await d.estimatePoses(frame, ESTIMATE_CONFIG, 0);
  if (timedRuns === 0) return performance.now() - tFirst;
  // The first tracking call (a person was found) is still slow: ~1.5–2× a steady one here.
  for (let i = 1; i < untimedRuns; i++) await d.estimatePoses(frame, ESTIMATE_CONFIG, i * 33);
  const times: number[] = [];
  for (let i = 0; i < timedRuns; i++) {
    const t0 = performance.now();
    await d.estimatePoses(frame, ESTIMATE_CONFIG, (untimedRuns + i) * 33);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function disposeDetector(): Promise<void> {
  detector?.dispose();
  detector = null;
  current = null;
}

/** Loads `model` on `backend`; returns the detector, warmed up, and its warm-up ms/frame. */
/** The model's files could not be fetched or parsed: no other backend will fare better. */
class ModelFilesError extends Error {
  override name = 'ModelFilesError';
}

async function loadOn(
  model: ModelId,
  backend: BackendId,
  base: string,
  wasmThreads: number | undefined,
  timedRuns: number,
  frame: ImageBitmap | ImageData,
): Promise<[poseDetection.PoseDetector, number]> {
  await switchBackend(backend, wasmThreads);
  step(`${backend} backend started`);
  let d: poseDetection.PoseDetector;
  try {
    d = await createDetector(model, base);
  } catch (e) {
    throw new ModelFilesError(`its files could not be loaded (${errorText(e)})`);
  }
  step(`${model} loaded on ${backend}`);
  try {
    const threaded = backend === 'wasm' && tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
    const untimedRuns = threaded ? THREADED_WARMUP_UNTIMED_RUNS : WARMUP_UNTIMED_RUNS;
    const msPerFrame = await timeWarmup(d, timedRuns, untimedRuns, frame);
    step(`${backend} warm-up done`);
    // Warm-up frames must not seed the tracker and filters of the real stream (pose-stack.md, trap 5).
    d.reset();
    return [d, msPerFrame];
  } catch (e) {
    d.dispose();
    throw e;
  }
}

/**
 * The one model call of the live and the file paths: `input` (`width` × `height` px) through the
 * detector, keypoints returned in `source` pixels. `filterClockMs` is the landmark filter's clock
 * (LANDMARK_FILTER_FRAME_MS per source frame).
 */
async function runModel(
  input: poseDetection.PoseDetectorInput,
  size: { width: number; height: number },
  tMs: number,
  source: { widthPx: number; heightPx: number },
  filterClockMs: number,
): Promise<{ pose: EstimateResult['pose']; modelMs: number }> {
  if (detector === null) throw new Error('The pose model is not loaded yet (call init first).');
  const t0 = performance.now();
  const poses = await detector.estimatePoses(input, ESTIMATE_CONFIG, filterClockMs);
  const modelMs = performance.now() - t0;
  const pose = toPoseFrame(poses, tMs, {
    ...source,
    scaleX: source.widthPx / size.width,
    scaleY: source.heightPx / size.height,
  });
  return { pose, modelMs };
}

/** A frame from the page (`frame`, closed here) through the model. */
async function estimateBitmap(
  frame: PageFrame,
  tMs: number,
  sourceSizePx: { widthPx?: number; heightPx?: number },
  filterClockMs: number,
): Promise<EstimateResult> {
  try {
    const size = pageFrameSize(frame);
    const source = {
      widthPx: sourceSizePx.widthPx ?? size.width,
      heightPx: sourceSizePx.heightPx ?? size.height,
    };
    // The model's time includes reading the pixels, as it did when the model read the bitmap itself.
    const t0 = performance.now();
    const pixels = bitmapsToTfjs && frame instanceof ImageBitmap ? frame : await pageFramePixels(frame);
    const readMs = performance.now() - t0;
    const { pose, modelMs } = await runModel(pixels, size, tMs, source, filterClockMs);
    return { pose, inferenceMs: readMs + modelMs };
  } finally {
    frame.close();
  }
}

/**
 * A file's or the live camera's converted frame (`image`, released here) through the model, with the
 * tensor conversion timed apart from the model for the file analysis' time breakdown. An RGB image
 * becomes the int32 tensor tf.browser.fromPixels would have made; the model call is runModel.
 */
async function estimateFileImage(
  image: ModelImage,
  tMs: number,
  source: { widthPx: number; heightPx: number },
  filterClockMs: number,
): Promise<{ pose: EstimateResult['pose']; tensorMs: number; modelMs: number }> {
  try {
    if (detector === null) throw new Error('The pose model is not loaded yet (call init first).');
    const t0 = performance.now();
    const input =
      'rgb' in image
        ? tf.tensor3d(image.rgb, [image.height, image.width, 3], 'int32')
        : tf.browser.fromPixels(bitmapPixels(image));
    const tensorMs = performance.now() - t0;
    try {
      const { pose, modelMs } = await runModel(input, image, tMs, source, filterClockMs);
      return { pose, tensorMs, modelMs };
    } finally {
      input.dispose();
    }
  } finally {
    releaseModelImage(image);
  }
}

export const api: PoseWorkerApi = {
  async init(options: InitOptions): Promise<InitReport> {
    await disposeDetector();
    const t0 = performance.now();
    timeline = [{ step: 'worker created', epochMs: performance.timeOrigin }];
    bitmapsToTfjs = options.bitmapsToTfjs === true;
    step('init called');
    const fallbacks: InitReport['fallbacks'] = [];
    const trials: BackendTrial[] = [];
    const models: ModelId[] = [options.model, ...MODEL_FALLBACKS[options.model]];
    const auto = options.backend === 'auto';
    // Creating a GL context to read its renderer costs time: only a WebGL trial needs it.
    const renderer = auto ? glRenderer() : null;
    const softwareGl = renderer !== null && SOFTWARE_GL_RENDERER.test(renderer);
    const remembered = options.remembered === true && !auto;
    const timedRuns = remembered ? REMEMBERED_TIMED_RUNS : WARMUP_TIMED_RUNS;
    const warm = await warmupFrame(options.warmupImageUrl);
    const frameNote = warm.person ? '' : ' (frame with nobody in it)';

    for (const model of models) {
      // Auto: time wasm and (only on a hardware GPU) webgl, keep the faster. A user's choice is
      // tried alone. Whatever fails falls back through the remaining backends, cpu last (16–33×
      // slower than wasm, pose-stack.md). A remembered choice is loaded like a user's.
      const raced: BackendId[] = auto ? ['wasm', 'webgl'] : [options.backend as BackendId];
      const loaded: { backend: BackendId; d: poseDetection.PoseDetector; msPerFrame: number }[] = [];
      let filesBroken = false;
      const attempt = async (backend: BackendId): Promise<void> => {
        if (filesBroken) return;
        try {
          const [d, msPerFrame] = await loadOn(
            model,
            backend,
            options.modelBaseUrl,
            options.wasmThreads,
            timedRuns,
            warm.frame,
          );
          loaded.push({ backend, d, msPerFrame });
          trials.push({
            backend,
            msPerFrame,
            note: `${model}: ${msPerFrame.toFixed(1)} ms/frame in warm-up${frameNote}`,
          });
        } catch (e) {
          filesBroken = e instanceof ModelFilesError;
          fallbacks.push({ model, backend, error: errorText(e) });
          trials.push({ backend, msPerFrame: null, note: `${model} failed: ${errorText(e)}` });
        }
      };
      for (const backend of raced) {
        if (auto && backend === 'webgl' && (renderer === null || softwareGl)) {
          const note =
            renderer === null ? 'no WebGL in this worker' : `skipped: software WebGL (${renderer})`;
          trials.push({ backend, msPerFrame: null, note });
          continue;
        }
        await attempt(backend);
      }
      for (const backend of BACKEND_IDS) {
        if (loaded.length > 0) break;
        if (!raced.includes(backend)) await attempt(backend);
      }
      loaded.sort((a, b) => a.msPerFrame - b.msPerFrame);
      const [best, ...slower] = loaded;
      if (best === undefined) continue;
      for (const s of slower) s.d.dispose();
      await switchBackend(best.backend, options.wasmThreads);
      detector = best.d;
      framesSinceReset = 0;
      current = { model, backend: best.backend };
      const ms = `${best.backend} ${best.msPerFrame.toFixed(0)} ms/frame`;
      const reason = !auto
        ? best.backend === options.backend
          ? remembered
            ? `measured at an earlier start on this device (${best.backend} first call now ${best.msPerFrame.toFixed(0)} ms)`
            : `chosen by user (${ms})`
          : `${options.backend} failed, fell back to ${best.backend} (${ms})`
        : slower.length > 0
          ? `fastest in warm-up (${ms} vs ${slower.map((s) => `${s.backend} ${s.msPerFrame.toFixed(0)} ms`).join(', ')})`
          : `fastest available (${ms}; ${
              trials
                .filter((t) => t.msPerFrame === null)
                .map((t) => `${t.backend} ${t.note}`)
                .join('; ') || 'no other candidate'
            })`;
      let wasmThreads = 0;
      if (best.backend === 'wasm') wasmThreads = getThreadsCount();
      return {
        model,
        backend: best.backend,
        reason,
        fallbacks,
        trials,
        loadMs: performance.now() - t0,
        wasmThreads,
        crossOriginIsolated: self.crossOriginIsolated,
        timeline,
      };
    }
    throw new Error(
      `No pose model could be loaded: ${fallbacks.map((f) => `${f.model} on ${f.backend}: ${f.error}`).join('; ')}`,
    );
  },

  /**
   * Estimates the pose in `frame` (transferred; closed here). `sourceWidthPx/HeightPx` is the size
   * of the original frame when the page downscaled it into the bitmap, so keypoints come back in
   * source pixels.
   */
  async estimate(
    frame: PageFrame,
    tMs: number,
    sourceWidthPx?: number,
    sourceHeightPx?: number,
  ): Promise<EstimateResult> {
    return estimateBitmap(
      frame,
      tMs,
      { widthPx: sourceWidthPx, heightPx: sourceHeightPx },
      framesSinceReset++ * LANDMARK_FILTER_FRAME_MS,
    );
  },

  liveFrames(
    frames: ReadableStream<VideoFrame>,
    options: LiveFramesOptions,
    onPose: (p: LivePose) => void,
  ): Promise<void> {
    return runLiveFrames(frames, options, onPose, async (image, tMs, source) => {
      const filterClockMs = framesSinceReset++ * LANDMARK_FILTER_FRAME_MS;
      const { pose, tensorMs, modelMs } = await estimateFileImage(image, tMs, source, filterClockMs);
      return { pose, inferenceMs: tensorMs + modelMs };
    });
  },

  stopLiveFrames(): void {
    stopLiveFrames();
  },

  analyseFile(
    file: Blob,
    options: FileAnalysisOptions,
    onProgress: (p: FileAnalysisProgress) => void,
  ): Promise<FileAnalysisResult> {
    return analyseFileInWorker(file, options, onProgress, estimateFileImage, () => api.reset());
  },

  cancelFile(): void {
    cancelFileAnalysis();
  },

  /** Resets temporal state (BlazePose's ROI tracking) between sets or videos. */
  reset(): void {
    detector?.reset();
    framesSinceReset = 0;
  },

  memory(): { numTensors: number; numBytes: number; backend: string } {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes, backend: tf.getBackend() };
  },

  current(): { model: ModelId; backend: BackendId } | null {
    return current;
  },

  async dispose(): Promise<void> {
    await disposeDetector();
  },
};
