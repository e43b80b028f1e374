/**
 * One model in a fresh pose worker, with the engine decision applied (src/pose/engine-decision.ts):
 * with the backend on "auto", the first start on a device measures — the worker times wasm against
 * WebGL, and where threads are possible a second worker times wasm with N threads against the
 * first's one thread; the faster stays and the choice is remembered. Later starts load the
 * remembered choice directly, skipping the trials. PoseEngine (pose-engine.ts) decides which models
 * to load and which worker the page uses.
 */
import { PoseClient, createPoseWorker, type InitOptions, type InitReport } from './client';
import {
  decisionKey,
  describeThreadTrial,
  forgetDecision,
  pickWasmThreads,
  recallDecision,
  rememberDecision,
  threadsFor,
  threadTrialCount,
  type DecisionStorage,
  type EngineDecision,
  type ThreadsUse,
} from './engine-decision';
import type { BackendChoice, ModelId } from './models';
import { markStart } from './start-marks';

/** A pose worker and the client that talks to it. */
export interface WorkerHandle {
  client: PoseClient;
  worker: Worker | null;
}

/** One model loaded in a worker. */
export interface LoadedModel {
  handle: WorkerHandle;
  report: InitReport;
  /** Its warm-up ms/frame: measured now, or remembered from an earlier start. */
  msPerFrame: number;
  /** The model asked for (the report's may be a fallback). */
  requested: ModelId;
}

/** A newer load took over; the report of this one when its model had loaded. */
export interface Superseded {
  superseded: InitReport | null;
}

const MODEL_BASE_URL = '/models/';
/** The warm-up's picture with a person in it (src/pose/worker/warmup-frame.ts). */
const WARMUP_IMAGE_URL = '/warmup-person.png';

export function newWorkerHandle(): WorkerHandle {
  let worker: Worker | null = null;
  const client = new PoseClient({
    createWorker: () => {
      worker = createPoseWorker();
      return worker;
    },
  });
  return { client, worker };
}

export class ModelLoader {
  constructor(
    private readonly storage: DecisionStorage | null,
    private readonly progress: (text: string) => void,
  ) {}

  /** The key of `model`'s engine decision on this device. */
  keyOf(model: ModelId): string {
    return decisionKey({
      userAgent: typeof navigator === 'undefined' ? '' : navigator.userAgent,
      cores: typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency,
      model,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
    });
  }

  /** The remembered warm-up ms/frame of `model` here, when "auto" remembers one. */
  recalledMs(model: ModelId, backend: BackendChoice): number | null {
    if (backend !== 'auto' || wasmThreadsFromUrl() !== null) return null;
    return recallDecision(this.storage, this.keyOf(model))?.msPerFrame ?? null;
  }

  /**
   * Loads `model` in a fresh worker: the remembered engine choice, or (backend "auto") the timed
   * trials, remembered. `adopt` is given the worker as soon as it exists, and again if the thread
   * trial swaps it (the engine then uses it at once); without `adopt` the caller owns the result, and
   * a worker that loses or is superseded is disposed here. `current`: false once a newer load began.
   * `use`: what the frames will come from, which picks the thread count (engine-decision.ts).
   */
  async load(
    model: ModelId,
    backend: BackendChoice,
    current: () => boolean,
    adopt: ((h: WorkerHandle) => void) | null,
    use: ThreadsUse = 'live',
  ): Promise<LoadedModel | Superseded> {
    let handle = newWorkerHandle();
    adopt?.(handle);
    const forcedThreads = wasmThreadsFromUrl();
    const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency;
    const isolated = globalThis.crossOriginIsolated === true;
    const key = this.keyOf(model);
    // Only "auto" is measured and remembered; a forced thread count is a test or benchmark's.
    const measured = backend === 'auto' && forcedThreads === null;
    const remembered = measured ? recallDecision(this.storage, key) : null;
    const trialThreads = measured && remembered === null ? threadTrialCount(cores, isolated) : null;
    const base = { model, modelBaseUrl: MODEL_BASE_URL, warmupImageUrl: WARMUP_IMAGE_URL };
    const options: InitOptions =
      remembered !== null
        ? {
            ...base,
            backend: remembered.backend,
            remembered: true,
            ...(remembered.backend === 'wasm' ? { wasmThreads: threadsFor(remembered, use) } : {}),
          }
        : {
            ...base,
            backend,
            // One thread (the plain SIMD build) first, when a thread trial follows.
            ...(forcedThreads !== null
              ? { wasmThreads: forcedThreads }
              : trialThreads !== null
                ? { wasmThreads: 1 }
                : {}),
          };
    let report: InitReport;
    try {
      report = await handle.client.init(options);
    } catch (e) {
      if (adopt === null) handle.client.dispose();
      throw e;
    }
    const prefix = adopt !== null ? '' : `${model}: `;
    markTimeline(report, prefix);
    if (adopt !== null) markStart('model ready');
    const superseded = (): Superseded => {
      if (adopt === null) handle.client.dispose();
      return { superseded: report };
    };
    if (!current()) return superseded();
    let msPerFrame = msOf(report);
    if (remembered !== null) {
      // A remembered choice that no longer loads is forgotten: the next start measures again.
      if (report.fallbacks.length > 0) forgetDecision(this.storage, key);
      else {
        msPerFrame = remembered.msPerFrame;
        if (remembered.threadsNote !== null)
          report = { ...report, reason: `${report.reason}; ${remembered.threadsNote}` };
      }
    } else if (measured && report.fallbacks.length === 0) {
      let decision: EngineDecision = {
        backend: report.backend,
        wasmThreads: report.backend === 'wasm' ? report.wasmThreads : 0,
        fileWasmThreads: report.backend === 'wasm' ? report.wasmThreads : 0,
        msPerFrame,
        threadsNote: null,
        measuredAtMs: Date.now(),
      };
      if (report.backend === 'wasm' && trialThreads !== null) {
        const trial = await this.#threadTrial(model, trialThreads, { handle, report }, current, use);
        if (trial === null) return superseded();
        if (trial.handle !== handle) adopt?.(trial.handle);
        handle = trial.handle;
        report = trial.report;
        decision = { ...decision, ...trial.decision };
        msPerFrame = msOf(report);
        markStart(`${prefix}thread trial done`);
      }
      rememberDecision(this.storage, key, decision);
    }
    return { handle, report, msPerFrame, requested: model };
  }

  /**
   * Loads `model` for `use` in a worker the caller owns, for a caller that never starts a second
   * load over it (the file screen, the harness): never superseded.
   */
  async loadOwned(model: ModelId, backend: BackendChoice, use: ThreadsUse): Promise<LoadedModel> {
    const r = await this.load(model, backend, () => true, null, use);
    if ('superseded' in r) throw new Error('the model load was superseded');
    return r;
  }

  /**
   * Times wasm with `threads` threads in a second worker (a worker's thread count is fixed when its
   * wasm starts) against the one-thread worker already loaded (`oneThread`), keeps the one `use`'s
   * rule picks, disposing the other, and decides for both uses. Returns null when a newer load took
   * over meanwhile.
   */
  async #threadTrial(
    model: ModelId,
    threads: number,
    oneThread: { handle: WorkerHandle; report: InitReport },
    current: () => boolean,
    use: ThreadsUse,
  ): Promise<{ handle: WorkerHandle; report: InitReport; decision: Partial<EngineDecision> } | null> {
    const oneThreadMs = msOf(oneThread.report);
    this.progress(`Timing the model with ${threads} threads…`);
    const trial = newWorkerHandle();
    let trialReport: InitReport | null = null;
    try {
      trialReport = await trial.client.init({
        model,
        backend: 'wasm',
        modelBaseUrl: MODEL_BASE_URL,
        warmupImageUrl: WARMUP_IMAGE_URL,
        wasmThreads: threads,
      });
    } catch {
      // A threaded build that fails to start here only loses the trial.
    }
    if (!current()) {
      trial.client.dispose();
      return null;
    }
    if (trialReport !== null) markTimeline(trialReport, 'thread trial: ');
    const usable =
      trialReport !== null && trialReport.backend === 'wasm' && trialReport.fallbacks.length === 0
        ? trialReport
        : null;
    const timed = { threads, msPerFrame: usable === null ? null : msOf(usable) };
    const note = describeThreadTrial(oneThreadMs, timed);
    const one = oneThread.report;
    const threadsWin = (u: ThreadsUse): boolean =>
      usable !== null && pickWasmThreads(oneThreadMs, timed, u) === threads;
    const decision: Partial<EngineDecision> = {
      wasmThreads: threadsWin('live') && usable !== null ? usable.wasmThreads : one.wasmThreads,
      fileWasmThreads: threadsWin('file') && usable !== null ? usable.wasmThreads : one.wasmThreads,
      // The live pick's figure: the live screen's step-down budget reads it (pose-engine.ts).
      msPerFrame: threadsWin('live') && usable !== null ? msOf(usable) : oneThreadMs,
      threadsNote: note,
    };
    if (usable !== null && threadsWin(use)) {
      oneThread.handle.client.dispose();
      // The backend was chosen by the first worker's trial: its reason, not the trial worker's own
      // (that worker was told its backend, and would read "chosen by user").
      return { handle: trial, report: { ...usable, reason: `${one.reason}; ${note}` }, decision };
    }
    trial.client.dispose();
    return { handle: oneThread.handle, report: { ...one, reason: `${one.reason}; ${note}` }, decision };
  }
}

/** Puts the worker's load steps on the page's timeline (start-marks.ts), `prefix` naming the worker. */
function markTimeline(report: InitReport, prefix: string): void {
  for (const t of report.timeline) markStart(`${prefix}${t.step}`, t.epochMs);
}

/** The winning backend's warm-up ms/frame in a report (NaN when it has none). */
function msOf(report: InitReport): number {
  const t = report.trials.find((x) => x.backend === report.backend && x.msPerFrame !== null);
  return t?.msPerFrame ?? Number.NaN;
}

/** Most wasm threads a page may ask for with `?threads=`: tfjs's pool is sized at start-up. */
const MAX_URL_WASM_THREADS = 8;

/**
 * `?threads=N` forces the wasm backend's thread count: benchmarks and tests compare 1 and 2 threads
 * on the same page and check that the threaded build survives minification. Absent = measured on the
 * first start (engine-decision.ts).
 */
function wasmThreadsFromUrl(): number | null {
  if (typeof location === 'undefined') return null;
  const n = Number(new URLSearchParams(location.search).get('threads') ?? Number.NaN);
  return Number.isInteger(n) && n >= 1 && n <= MAX_URL_WASM_THREADS ? n : null;
}
