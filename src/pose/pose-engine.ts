/**
 * The pose worker behind the live screen. Each load starts a fresh worker with the chosen model and
 * backend and retires the previous one at once; an answer from a retired worker is ignored, so only
 * the newest load reports.
 *
 * With the backend on "auto", the first start on a device measures (src/pose/engine-decision.ts):
 * the worker times wasm against WebGL, and where threads are possible a second worker times wasm with
 * N threads against the first's one thread; the faster stays and the choice is remembered. Later
 * starts load the remembered choice directly, skipping the trials.
 */
import { PoseClient, createPoseWorker, type InitOptions, type InitReport } from './client';
import {
  decisionKey,
  describeThreadTrial,
  forgetDecision,
  pickWasmThreads,
  recallDecision,
  rememberDecision,
  threadTrialCount,
  type DecisionStorage,
  type EngineDecision,
} from './engine-decision';
import type { BackendChoice, ModelId } from './models';
import { markStart } from './start-marks';

export interface PoseEngineEvents {
  loading: (requested: ModelId) => void;
  /** A step of the load worth telling the user about (e.g. the thread trial). */
  progress?: (text: string) => void;
  /** The model is ready in `client`; `fallbackNote` says so when it is not what was asked for. */
  ready: (client: PoseClient, report: InitReport, fallbackNote: string | null) => void;
  failed: (message: string) => void;
}

/** What the worker fell back to, in words, or null when it runs what was asked for. */
export function describeFallbacks(r: InitReport, requested: ModelId): string | null {
  if (r.fallbacks.length === 0) return null;
  const first = r.fallbacks[0];
  const what =
    r.model !== requested
      ? `${requested} could not be loaded, using ${r.model} instead`
      : `${first?.backend} did not work, using ${r.backend}`;
  return `${what} (${first?.error ?? 'unknown error'}).`;
}

const MODEL_BASE_URL = '/models/';

function pageStorage(): DecisionStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class PoseEngine {
  #client: PoseClient | null = null;
  #worker: Worker | null = null;
  #ready: Promise<InitReport | null> = Promise.resolve(null);
  /** Bumped by every load: a load that is no longer the newest stops and reports nothing. */
  #generation = 0;

  constructor(
    private readonly events: PoseEngineEvents,
    private readonly storage: DecisionStorage | null = pageStorage(),
  ) {}

  /** The client of the newest load (ready or not), or null before the first. */
  get client(): PoseClient | null {
    return this.#client;
  }

  /** The newest load: its report, or null when it failed. */
  get ready(): Promise<InitReport | null> {
    return this.#ready;
  }

  load(model: ModelId, backend: BackendChoice): Promise<InitReport | null> {
    this.#ready = this.#load(model, backend);
    return this.#ready;
  }

  /** Forgets every remembered engine decision and loads again, measuring ("Measure again"). */
  remeasure(model: ModelId, backend: BackendChoice): Promise<InitReport | null> {
    forgetDecision(this.storage);
    return this.load(model, backend);
  }

  /** Terminates the current worker, as a crash would (test hooks). */
  terminateWorker(): void {
    this.#worker?.terminate();
  }

  #newClient(): PoseClient {
    return new PoseClient({
      createWorker: () => {
        const w = createPoseWorker();
        this.#worker = w;
        return w;
      },
    });
  }

  async #load(model: ModelId, backend: BackendChoice): Promise<InitReport | null> {
    const generation = ++this.#generation;
    const current = (): boolean => generation === this.#generation;
    const old = this.#client;
    const client = this.#newClient();
    this.#client = client;
    old?.dispose();
    this.events.loading(model);
    markStart('model load began');
    try {
      const forcedThreads = wasmThreadsFromUrl();
      const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency;
      const isolated = globalThis.crossOriginIsolated === true;
      const key = decisionKey({
        userAgent: typeof navigator === 'undefined' ? '' : navigator.userAgent,
        cores,
        model,
        crossOriginIsolated: isolated,
      });
      // Only "auto" is measured and remembered; a forced thread count is a test or benchmark's.
      const measured = backend === 'auto' && forcedThreads === null;
      const remembered = measured ? recallDecision(this.storage, key) : null;
      const trialThreads = measured && remembered === null ? threadTrialCount(cores, isolated) : null;
      const options: InitOptions =
        remembered !== null
          ? {
              model,
              backend: remembered.backend,
              modelBaseUrl: MODEL_BASE_URL,
              remembered: true,
              ...(remembered.backend === 'wasm' ? { wasmThreads: remembered.wasmThreads } : {}),
            }
          : {
              model,
              backend,
              modelBaseUrl: MODEL_BASE_URL,
              // One thread (the plain SIMD build) first, when a thread trial follows.
              ...(forcedThreads !== null
                ? { wasmThreads: forcedThreads }
                : trialThreads !== null
                  ? { wasmThreads: 1 }
                  : {}),
            };
      let report = await client.init(options);
      markTimeline(report, '');
      markStart('model ready');
      if (!current()) return report;
      if (remembered !== null) {
        // A remembered choice that no longer loads is forgotten: the next start measures again.
        if (report.fallbacks.length > 0) forgetDecision(this.storage, key);
        else if (remembered.threadsNote !== null)
          report = { ...report, reason: `${report.reason}; ${remembered.threadsNote}` };
      } else if (measured && report.fallbacks.length === 0) {
        let decision: EngineDecision = {
          backend: report.backend,
          wasmThreads: report.backend === 'wasm' ? report.wasmThreads : 0,
          msPerFrame: msOf(report),
          threadsNote: null,
          measuredAtMs: Date.now(),
        };
        if (report.backend === 'wasm' && trialThreads !== null) {
          const trial = await this.#threadTrial(model, trialThreads, report, current);
          if (trial === null) return current() ? report : null;
          report = trial.report;
          decision = { ...decision, ...trial.decision };
          markStart('thread trial done');
        }
        rememberDecision(this.storage, key, decision);
      }
      this.events.ready(this.#client ?? client, report, describeFallbacks(report, model));
      return report;
    } catch (e) {
      if (!current()) return null;
      this.events.failed(e instanceof Error ? e.message : String(e));
      return null;
    }
  }

  /**
   * Times wasm with `threads` threads in a second worker (a worker's thread count is fixed when its
   * wasm starts) against the one-thread worker already loaded (`oneThread`, its report), and keeps
   * the faster. Returns null when a newer load took over meanwhile.
   */
  async #threadTrial(
    model: ModelId,
    threads: number,
    oneThread: InitReport,
    current: () => boolean,
  ): Promise<{ report: InitReport; decision: Partial<EngineDecision> } | null> {
    const oneClient = this.#client;
    const oneWorker = this.#worker;
    const oneThreadMs = msOf(oneThread);
    this.events.progress?.(`Timing the model with ${threads} threads…`);
    const trialClient = this.#newClient();
    let trialReport: InitReport | null = null;
    try {
      trialReport = await trialClient.init({
        model,
        backend: 'wasm',
        modelBaseUrl: MODEL_BASE_URL,
        wasmThreads: threads,
      });
    } catch {
      // A threaded build that fails to start here only loses the trial.
    }
    if (!current()) {
      trialClient.dispose();
      return null;
    }
    if (trialReport !== null) markTimeline(trialReport, 'thread trial: ');
    const usable =
      trialReport !== null && trialReport.backend === 'wasm' && trialReport.fallbacks.length === 0
        ? trialReport
        : null;
    const trial = { threads, msPerFrame: usable === null ? null : msOf(usable) };
    const note = describeThreadTrial(oneThreadMs, trial);
    if (usable !== null && pickWasmThreads(oneThreadMs, trial) === threads) {
      oneClient?.dispose();
      this.#client = trialClient;
      return {
        report: { ...usable, reason: `${usable.reason}; ${note}` },
        decision: { wasmThreads: usable.wasmThreads, msPerFrame: msOf(usable), threadsNote: note },
      };
    }
    trialClient.dispose();
    this.#worker = oneWorker;
    return {
      report: { ...oneThread, reason: `${oneThread.reason}; ${note}` },
      decision: { wasmThreads: oneThread.wasmThreads, msPerFrame: oneThreadMs, threadsNote: note },
    };
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
