/**
 * The pose worker behind the live screen. Each load starts a fresh worker with the chosen model and
 * backend and retires the previous one at once; an answer from a retired worker is ignored, so only
 * the newest load reports.
 */
import { PoseClient, createPoseWorker, type InitReport } from './client';
import type { BackendChoice, ModelId } from './models';

export interface PoseEngineEvents {
  loading: (requested: ModelId) => void;
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

export class PoseEngine {
  #client: PoseClient | null = null;
  #worker: Worker | null = null;
  #ready: Promise<InitReport | null> = Promise.resolve(null);

  constructor(private readonly events: PoseEngineEvents) {}

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

  /** Terminates the current worker, as a crash would (test hooks). */
  terminateWorker(): void {
    this.#worker?.terminate();
  }

  async #load(model: ModelId, backend: BackendChoice): Promise<InitReport | null> {
    const old = this.#client;
    const client = new PoseClient({
      createWorker: () => {
        const w = createPoseWorker();
        this.#worker = w;
        return w;
      },
    });
    this.#client = client;
    old?.dispose();
    this.events.loading(model);
    try {
      const wasmThreads = wasmThreadsFromUrl();
      const report = await client.init({
        model,
        backend,
        modelBaseUrl: '/models/',
        ...(wasmThreads === null ? {} : { wasmThreads }),
      });
      if (client !== this.#client) return report;
      this.events.ready(client, report, describeFallbacks(report, model));
      return report;
    } catch (e) {
      if (client !== this.#client) return null;
      this.events.failed(e instanceof Error ? e.message : String(e));
      return null;
    }
  }
}

/** Most wasm threads a page may ask for with `?threads=`: tfjs's pool is sized at start-up. */
const MAX_URL_WASM_THREADS = 8;

/**
 * `?threads=N` forces the wasm backend's thread count: benchmarks and tests compare 1 and 2 threads
 * on the same page and check that the threaded build survives minification. Absent = the worker's
 * own rule (threads only on 4+ cores).
 */
function wasmThreadsFromUrl(): number | null {
  if (typeof location === 'undefined') return null;
  const n = Number(new URLSearchParams(location.search).get('threads') ?? Number.NaN);
  return Number.isInteger(n) && n >= 1 && n <= MAX_URL_WASM_THREADS ? n : null;
}
