/**
 * Page-side client of the pose worker (workers/pose.worker.ts, contract in ./contract.ts). Only the worker's *type* crosses
 * (`import type`); the contract is comlink RPC on one typed object.
 *
 * Backpressure: one frame in flight. `estimate` called while the worker is busy drops the frame
 * (closes its bitmap, counts it, resolves null) — frames are never queued, so a slow model never
 * makes the overlay lag further and further behind the camera. Bitmaps are transferred, not copied.
 * `dispose()` rejects every pending call with PoseClientDisposedError and terminates the worker; a
 * worker that stops answering (a call past its time-out) is terminated and rejects pending calls
 * with PoseWorkerCrashedError.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type {
  EstimateResult,
  FileAnalysisOptions,
  FileAnalysisProgress,
  FileAnalysisResult,
  InitOptions,
  InitReport,
  LivePose,
  PoseWorkerApi,
  VideoFileProbe,
} from './contract';

export type {
  EstimateResult,
  FileAnalysisOptions,
  FileAnalysisProgress,
  FileAnalysisResult,
  InitOptions,
  InitReport,
  LivePose,
  VideoFileProbe,
};

export class PoseClientDisposedError extends Error {
  override name = 'PoseClientDisposedError';
}
export class PoseWorkerCrashedError extends Error {
  override name = 'PoseWorkerCrashedError';
}

/**
 * Longest side, px, of the bitmap sent to the model. BlazePose crops a 256 px region around the
 * person and MoveNet takes 192–256 px, so 640 px keeps that crop at native detail for a person who
 * fills a third of the frame, while halving the copy cost of a 720p frame (pose-stack.md, trap 8).
 */
export const DEFAULT_MAX_INPUT_SIDE_PX = 640;

/**
 * Longest a model load may take, ms: fetching ~35 MB of weights and compiling on a slow phone fits;
 * past it the worker is taken for dead (PoseWorkerCrashedError) and the page can restart it.
 */
export const INIT_TIMEOUT_MS = 180_000;
/** Longest one estimate may take, ms: 4× the slowest measured (BlazePose heavy on cpu, ~4 s). */
export const ESTIMATE_TIMEOUT_MS = 16_000;
/**
 * Longest a file analysis may go without a progress report, ms: one estimate's time-out plus the
 * demuxer reading a large file's index and the decoder reaching the first frame.
 */
export const FILE_PROGRESS_TIMEOUT_MS = ESTIMATE_TIMEOUT_MS + 30_000;

export interface PoseClientOptions {
  /** Longest side of the bitmap sent to the worker; larger frames are downscaled while copying. */
  maxInputSidePx: number;
  /** Makes the worker; tests may pass a factory that wraps or instruments it. */
  createWorker: () => Worker;
}

export const createPoseWorker = (): Worker =>
  new Worker(new URL('../../workers/pose.worker.ts', import.meta.url), { type: 'module', name: 'pose' });

/**
 * The bitmap as a VideoFrame over the same pixels (the bitmap is closed; the frame holds them): the
 * worker receives a VideoFrame in ~0.2 ms and an ImageBitmap in 3.5–5 ms here
 * (src/pose/worker/bitmap-pixels.ts). Where a frame cannot wrap the bitmap, the bitmap goes as it is.
 */
function asVideoFrame(bitmap: ImageBitmap, tMs: number): ImageBitmap | VideoFrame {
  if (typeof VideoFrame === 'undefined') return bitmap;
  try {
    const frame = new VideoFrame(bitmap, { timestamp: Math.round(tMs * 1000) });
    bitmap.close();
    return frame;
  } catch {
    return bitmap;
  }
}

export class PoseClient {
  readonly #worker: Worker;
  readonly #remote: Remote<PoseWorkerApi>;
  readonly #maxInputSidePx: number;
  readonly #pending = new Set<(e: Error) => void>();
  #inFlight = false;
  #dead: Error | null = null;
  /** Frames go as ImageBitmaps, handed to tfjs as they are: the benchmark's path before (InitOptions.bitmapsToTfjs). */
  #bitmapsToTfjs = false;
  /** Frames dropped because the worker was busy. */
  droppedFrames = 0;
  /** Frames sent to the worker. */
  sentFrames = 0;

  constructor(options: Partial<PoseClientOptions> = {}) {
    this.#maxInputSidePx = options.maxInputSidePx ?? DEFAULT_MAX_INPUT_SIDE_PX;
    this.#worker = (options.createWorker ?? createPoseWorker)();
    this.#remote = wrap<PoseWorkerApi>(this.#worker);
    // An uncaught error inside the worker does not end it (tfjs reports a failed wasm start this way
    // and then rejects the call properly), so errors are logged; a worker that stops answering is
    // caught by the call time-outs below.
    this.#worker.addEventListener('error', (e) => {
      e.preventDefault();
      console.warn(`pose worker: ${e.message || 'uncaught error'}`);
    });
  }

  /** True while a frame is with the worker: a new one would be dropped. */
  get busy(): boolean {
    return this.#inFlight;
  }

  /** Null while the worker works; the error once it was disposed or crashed. */
  get deadReason(): Error | null {
    return this.#dead;
  }

  init(options: InitOptions): Promise<InitReport> {
    this.#bitmapsToTfjs = options.bitmapsToTfjs === true;
    return this.#call(() => this.#remote.init(options), INIT_TIMEOUT_MS);
  }

  /**
   * Sends one frame to the model. Returns null, without waiting, when a frame is already in flight
   * (the frame is dropped). Takes ownership of an ImageBitmap `source` (it is transferred or closed).
   * `sourceSizePx`: the original frame's size when `source` is an already downscaled copy.
   */
  async estimate(
    source: ImageBitmap | HTMLVideoElement | HTMLCanvasElement,
    tMs: number,
    sourceSizePx?: { width: number; height: number },
  ): Promise<EstimateResult | null> {
    if (this.#inFlight || this.#dead !== null) {
      this.droppedFrames++;
      if (source instanceof ImageBitmap) source.close();
      if (this.#dead !== null) throw this.#dead;
      return null;
    }
    this.#inFlight = true;
    try {
      const [w, h] =
        source instanceof HTMLVideoElement
          ? [source.videoWidth, source.videoHeight]
          : [source.width, source.height];
      const bitmap =
        source instanceof ImageBitmap && Math.max(w, h) <= this.#maxInputSidePx
          ? source
          : await this.#toBitmap(source, w, h);
      // Keypoints come back in the source's pixels, whatever size the bitmap was scaled to.
      const widthPx = sourceSizePx?.width ?? w;
      const heightPx = sourceSizePx?.height ?? h;
      this.sentFrames++;
      const frame = this.#bitmapsToTfjs ? bitmap : asVideoFrame(bitmap, tMs);
      return await this.#call(
        () => this.#remote.estimate(transfer(frame, [frame]), tMs, widthPx, heightPx),
        ESTIMATE_TIMEOUT_MS,
      );
    } finally {
      this.#inFlight = false;
    }
  }

  /**
   * Decodes and analyses a whole video file in the worker (contract: PoseWorkerApi.analyseFile; the
   * file is decoded in a decode worker the pose worker starts). The client counts as busy meanwhile
   * (live frames are dropped). `signal` cancels at the next frame. A worker silent for
   * FILE_PROGRESS_TIMEOUT_MS is taken for dead.
   */
  async analyseFile(
    file: Blob,
    options: FileAnalysisOptions,
    onProgress: (p: FileAnalysisProgress) => void,
    signal?: AbortSignal,
  ): Promise<FileAnalysisResult> {
    if (this.#dead !== null) throw this.#dead;
    if (this.#inFlight) throw new Error('The pose worker is busy with another frame or file.');
    this.#inFlight = true;
    const cancel = (): void => void this.#remote.cancelFile().catch(() => undefined);
    signal?.addEventListener('abort', cancel);
    let rearm = (): void => undefined;
    try {
      if (signal?.aborted === true) return { kind: 'cancelled' };
      return await this.#call<FileAnalysisResult>(
        // comlink's Remote type spreads the union's Promise; the value is the contract's union.
        () =>
          this.#remote.analyseFile(
            file,
            options,
            proxy((p: FileAnalysisProgress) => {
              rearm();
              onProgress(p);
            }),
          ) as Promise<FileAnalysisResult>,
        FILE_PROGRESS_TIMEOUT_MS,
        (restart) => (rearm = restart),
      );
    } finally {
      signal?.removeEventListener('abort', cancel);
      this.#inFlight = false;
    }
  }

  /**
   * Hands the camera's frames to the worker (contract: PoseWorkerApi.liveFrames; `frames` is
   * transferred) and resolves when they end or stopLiveFrames() is called. A worker that sends no
   * pose for ESTIMATE_TIMEOUT_MS is taken for dead. The client counts as busy meanwhile.
   */
  async liveFrames(frames: ReadableStream<VideoFrame>, onPose: (p: LivePose) => void): Promise<void> {
    if (this.#dead !== null) throw this.#dead;
    if (this.#inFlight) throw new Error('The pose worker is busy with another frame or file.');
    this.#inFlight = true;
    let rearm = (): void => undefined;
    try {
      await this.#call(
        () =>
          this.#remote.liveFrames(
            transfer(frames, [frames]),
            { maxInputSidePx: this.#maxInputSidePx },
            proxy((p: LivePose) => {
              rearm();
              onPose(p);
            }),
          ),
        ESTIMATE_TIMEOUT_MS,
        (restart) => (rearm = restart),
      );
    } finally {
      this.#inFlight = false;
    }
  }

  stopLiveFrames(): Promise<void> {
    return this.#call(() => this.#remote.stopLiveFrames());
  }

  reset(): Promise<void> {
    return this.#call(() => this.#remote.reset());
  }

  memory(): Promise<{ numTensors: number; numBytes: number; backend: string }> {
    return this.#call(() => this.#remote.memory());
  }

  /** Rejects pending calls, frees the model and terminates the worker. Idempotent. */
  dispose(): void {
    if (this.#dead !== null) return;
    this.#fail(new PoseClientDisposedError('The pose worker was disposed.'));
  }

  async #toBitmap(
    source: ImageBitmap | HTMLVideoElement | HTMLCanvasElement,
    w: number,
    h: number,
  ): Promise<ImageBitmap> {
    const scale = Math.min(1, this.#maxInputSidePx / Math.max(w, h));
    const bitmap = await createImageBitmap(source, {
      resizeWidth: Math.max(1, Math.round(w * scale)),
      resizeHeight: Math.max(1, Math.round(h * scale)),
      resizeQuality: 'medium',
    });
    if (source instanceof ImageBitmap) source.close();
    return bitmap;
  }

  #fail(error: Error): void {
    if (this.#dead !== null) return;
    this.#dead = error;
    for (const reject of this.#pending) reject(error);
    this.#pending.clear();
    this.#worker.terminate();
  }

  /**
   * Calls the worker with a time-out; `watch` receives a function that restarts the time-out (for
   * long calls that report progress).
   */
  #call<T>(
    fn: () => Promise<T>,
    timeoutMs = ESTIMATE_TIMEOUT_MS,
    watch?: (restart: () => void) => void,
  ): Promise<T> {
    if (this.#dead !== null) return Promise.reject(this.#dead);
    return new Promise<T>((resolve, reject) => {
      this.#pending.add(reject);
      const expire = (): void =>
        this.#fail(
          new PoseWorkerCrashedError(
            `The pose worker stopped answering (no reply in ${timeoutMs / 1000} s).`,
          ),
        );
      let timer = setTimeout(expire, timeoutMs);
      watch?.(() => {
        clearTimeout(timer);
        timer = setTimeout(expire, timeoutMs);
      });
      fn()
        .then(resolve, reject)
        .finally(() => {
          clearTimeout(timer);
          this.#pending.delete(reject);
        });
    });
  }
}
