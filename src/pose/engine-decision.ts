/**
 * The engine decision remembered per device: which backend, and how many wasm threads, the timed
 * warm-up chose for a model here. A warm start loads the remembered choice directly instead of timing
 * every candidate again (a software-WebGL trial alone costs ~300–450 ms a frame, docs/benchmarks.md).
 *
 * The key is what the choice depends on: the browser (user agent: version, OS), the core count, the
 * model and whether the page may use threads (cross-origin isolation). When any of them changes the
 * key changes, so the next start measures again; "Measure again" in Advanced forgets every decision.
 * Pure: the storage is passed in (localStorage in the page, a Map in tests).
 */
import { BACKEND_IDS, type BackendId, type ModelId } from './models';

/** The part of Web Storage this module uses. */
export interface DecisionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the choice depends on. */
export interface DeviceKey {
  userAgent: string;
  /** navigator.hardwareConcurrency: logical cores. */
  cores: number;
  model: ModelId;
  crossOriginIsolated: boolean;
}

export interface EngineDecision {
  backend: BackendId;
  /** Wasm threads chosen for the live camera: 1 = the plain SIMD build; 0 when the backend is not wasm. */
  wasmThreads: number;
  /** Wasm threads chosen for video files, from the same trial by FILE_THREADS_WIN_RATIO; 0 when not wasm. */
  fileWasmThreads: number;
  /** The winner's warm-up ms/frame when it was measured. */
  msPerFrame: number;
  /** The thread trial in words for the engine line ("1 thread 45 ms vs 2 threads 60 ms"), if one ran. */
  threadsNote: string | null;
  /** When it was measured, epoch ms. */
  measuredAtMs: number;
}

/**
 * v3: a thread count for video files beside the live one. v2 lacks it; v1 figures, timed on an
 * empty frame, do not compare with today's (timed on a frame with a person, warmup-frame.ts).
 */
const STORAGE_KEY = 'squat-coach.engine-decisions.v3';
/** Keys of earlier formats: no longer read, so removed whenever a decision is written. */
const SUPERSEDED_KEYS: readonly string[] = [
  'squat-coach.engine-decisions.v1',
  'squat-coach.engine-decisions.v2',
];
/**
 * Most decisions kept, oldest dropped first: five models on a couple of browsers; a browser update
 * makes a new key, so old ones would otherwise pile up.
 */
export const MAX_REMEMBERED_DECISIONS = 12;

export const decisionKey = (k: DeviceKey): string =>
  [k.model, k.cores, k.crossOriginIsolated ? 'coi' : 'no-coi', k.userAgent].join('|');

const isBackendId = (v: unknown): v is BackendId =>
  typeof v === 'string' && (BACKEND_IDS as readonly string[]).includes(v);

function parseDecision(v: unknown): EngineDecision | null {
  if (typeof v !== 'object' || v === null) return null;
  const { backend, wasmThreads, fileWasmThreads, msPerFrame, threadsNote, measuredAtMs } = v as Record<
    string,
    unknown
  >;
  if (!isBackendId(backend)) return null;
  const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!isCount(wasmThreads) || !isCount(fileWasmThreads)) return null;
  if (typeof msPerFrame !== 'number' || !Number.isFinite(msPerFrame)) return null;
  if (typeof measuredAtMs !== 'number' || !Number.isFinite(measuredAtMs)) return null;
  if (threadsNote !== null && typeof threadsNote !== 'string') return null;
  return { backend, wasmThreads, fileWasmThreads, msPerFrame, threadsNote, measuredAtMs };
}

function readAll(storage: DecisionStorage): Map<string, EngineDecision> {
  const out = new Map<string, EngineDecision>();
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}');
  } catch {
    return out;
  }
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [key, value] of Object.entries(raw)) {
    const d = parseDecision(value);
    if (d !== null) out.set(key, d);
  }
  return out;
}

/** The decision remembered for `key`, or null (none, unreadable, or storage blocked). */
export function recallDecision(storage: DecisionStorage | null, key: string): EngineDecision | null {
  if (storage === null) return null;
  try {
    return readAll(storage).get(key) ?? null;
  } catch {
    return null;
  }
}

/** Remembers `decision` for `key`; false when storage refused it (the next start just measures). */
export function rememberDecision(
  storage: DecisionStorage | null,
  key: string,
  decision: EngineDecision,
): boolean {
  if (storage === null) return false;
  try {
    const all = readAll(storage);
    all.delete(key);
    all.set(key, decision);
    const newestFirst = [...all].sort((a, b) => b[1].measuredAtMs - a[1].measuredAtMs);
    storage.setItem(
      STORAGE_KEY,
      JSON.stringify(Object.fromEntries(newestFirst.slice(0, MAX_REMEMBERED_DECISIONS))),
    );
    for (const old of SUPERSEDED_KEYS) storage.removeItem(old);
    return true;
  } catch {
    return false;
  }
}

/** Forgets the decision for `key`, or every decision when no key is given ("Measure again"). */
export function forgetDecision(storage: DecisionStorage | null, key?: string): void {
  if (storage === null) return;
  try {
    if (key === undefined) {
      storage.removeItem(STORAGE_KEY);
      return;
    }
    const all = readAll(storage);
    if (!all.delete(key)) return;
    storage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(all)));
  } catch {
    // Blocked storage holds nothing to forget.
  }
}

// The thread trial --------------------------------------------------------------------------------

/**
 * Most wasm threads a trial compares with one: tfjs's own rule gives `cores / 2` (one per physical
 * core on hyper-threaded CPUs, pose-stack.md trap 3); past 4 the models here gain little.
 */
export const MAX_TRIAL_WASM_THREADS = 4;

/**
 * The thread count to time against one thread, or null when no trial can run: threads need a
 * cross-origin-isolated page (SharedArrayBuffer) and at least 2 cores. On 2–3 cores it is 2 (this
 * project's 2-core machine), else tfjs's `cores / 2`, capped at MAX_TRIAL_WASM_THREADS.
 */
export function threadTrialCount(cores: number, crossOriginIsolated: boolean): number | null {
  if (!crossOriginIsolated || !Number.isFinite(cores) || cores < 2) return null;
  return Math.min(MAX_TRIAL_WASM_THREADS, Math.max(2, Math.floor(cores / 2)));
}

/**
 * Threads win only when their warm-up is at most this share of one thread's. The warm-up runs on an
 * idle page, but live the page's capture, drawing and recording share the cores: in one
 * measurement on a 2-core machine 2 threads lost live (0.82× the poses/s of 1) while a small warm-up
 * gain would have picked them. A clear gain is needed to pay for that. (On the 2-core Xeon, 2 threads
 * gave 1.06–1.10× the poses/s of 1 live, docs/benchmarks.md "Start-up and threads", and a settled
 * warm-up 0.66–1.02× one thread’s time in three cold starts.)
 */
export const THREADS_WIN_RATIO = 0.85;

/**
 * The same, for a video file: threads are kept whenever their warm-up is not slower. The page draws
 * and records nothing meanwhile: on the 2-core Xeon a file took 16–25 % less wall time with 2 threads
 * than with 1 on three clips, the decoder running beside the model (docs/file-analysis.md).
 */
export const FILE_THREADS_WIN_RATIO = 1;

/** What the model's frames come from: the live camera (the page busy) or a video file. */
export type ThreadsUse = 'live' | 'file';

const WIN_RATIO: Readonly<Record<ThreadsUse, number>> = {
  live: THREADS_WIN_RATIO,
  file: FILE_THREADS_WIN_RATIO,
};

/** The thread count to keep for `use` from a trial's two warm-up figures (ms/frame). */
export function pickWasmThreads(
  oneThreadMs: number,
  trial: { threads: number; msPerFrame: number | null },
  use: ThreadsUse = 'live',
): number {
  if (trial.msPerFrame === null || !Number.isFinite(trial.msPerFrame)) return 1;
  if (!Number.isFinite(oneThreadMs)) return trial.threads;
  return trial.msPerFrame <= oneThreadMs * WIN_RATIO[use] ? trial.threads : 1;
}

/** The remembered thread count for `use`. */
export const threadsFor = (d: EngineDecision, use: ThreadsUse): number =>
  use === 'file' ? d.fileWasmThreads : d.wasmThreads;

/** The trial in words, for the engine line. */
export function describeThreadTrial(
  oneThreadMs: number,
  trial: { threads: number; msPerFrame: number | null },
): string {
  const one = `1 thread ${oneThreadMs.toFixed(0)} ms`;
  return trial.msPerFrame === null
    ? `threads measured: ${one} per frame; ${trial.threads} threads failed to start`
    : `threads measured: ${one} vs ${trial.threads} threads ${trial.msPerFrame.toFixed(0)} ms per frame`;
}
