/** The remembered engine decision: keyed per device and model, forgotten on demand, safe on bad storage. */
import { describe, expect, it } from 'vitest';
import {
  MAX_REMEMBERED_DECISIONS,
  THREADS_WIN_RATIO,
  FILE_THREADS_WIN_RATIO,
  threadsFor,
  decisionKey,
  describeThreadTrial,
  forgetDecision,
  pickWasmThreads,
  recallDecision,
  rememberDecision,
  threadTrialCount,
  type DecisionStorage,
  type DeviceKey,
  type EngineDecision,
} from '../../src/pose/engine-decision';

/** A storage stand-in backed by a Map, that can be told to refuse writes (quota, private mode). */
function memoryStorage(): DecisionStorage & { map: Map<string, string>; full: boolean } {
  const map = new Map<string, string>();
  const s = {
    map,
    full: false,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (s.full) throw new Error('QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
  return s;
}

const laptop: DeviceKey = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0',
  cores: 2,
  model: 'blazepose-full',
  crossOriginIsolated: true,
};

const decision = (over: Partial<EngineDecision> = {}): EngineDecision => ({
  backend: 'wasm',
  wasmThreads: 1,
  fileWasmThreads: 1,
  msPerFrame: 43.7,
  threadsNote: 'threads measured: 1 thread 44 ms vs 2 threads 61 ms per frame',
  measuredAtMs: 1_764_500_000_000,
  ...over,
});

describe('engine decision', () => {
  it('is recalled for the same device and model, and only for it', () => {
    const store = memoryStorage();
    expect(recallDecision(store, decisionKey(laptop))).toBeNull();
    expect(rememberDecision(store, decisionKey(laptop), decision())).toBe(true);
    expect(recallDecision(store, decisionKey(laptop))).toEqual(decision());
    // Any part of the key changing means a new measurement.
    for (const other of [
      { ...laptop, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/157.0.0.0' },
      { ...laptop, cores: 8 },
      { ...laptop, model: 'blazepose-lite' as const },
      { ...laptop, crossOriginIsolated: false },
    ])
      expect(recallDecision(store, decisionKey(other))).toBeNull();
  });

  it('keeps decisions for several keys, the newest replacing an older one for the same key', () => {
    const store = memoryStorage();
    const lite = decisionKey({ ...laptop, model: 'blazepose-lite' });
    rememberDecision(store, decisionKey(laptop), decision({ msPerFrame: 50 }));
    rememberDecision(
      store,
      lite,
      decision({ backend: 'webgl', wasmThreads: 0, fileWasmThreads: 0, msPerFrame: 12 }),
    );
    rememberDecision(
      store,
      decisionKey(laptop),
      decision({ msPerFrame: 41, measuredAtMs: 1_764_500_000_500 }),
    );
    expect(recallDecision(store, decisionKey(laptop))?.msPerFrame).toBe(41);
    expect(recallDecision(store, lite)?.backend).toBe('webgl');
  });

  it('writing a decision removes the superseded v1 and v2 records (never read: no file thread count)', () => {
    const store = memoryStorage();
    const old = ['squat-coach.engine-decisions.v1', 'squat-coach.engine-decisions.v2'];
    const v2: Partial<EngineDecision> = decision({ msPerFrame: 12 });
    delete v2.fileWasmThreads;
    for (const k of old) store.setItem(k, JSON.stringify({ [decisionKey(laptop)]: v2 }));
    expect(recallDecision(store, decisionKey(laptop))).toBeNull();
    rememberDecision(store, decisionKey(laptop), decision());
    for (const k of old) expect(store.getItem(k)).toBeNull();
    expect(recallDecision(store, decisionKey(laptop))).toEqual(decision());
  });

  it('gives each use its own remembered thread count', () => {
    const d = decision({ wasmThreads: 1, fileWasmThreads: 2 });
    expect(threadsFor(d, 'live')).toBe(1);
    expect(threadsFor(d, 'file')).toBe(2);
  });

  it('drops the oldest decisions past MAX_REMEMBERED_DECISIONS', () => {
    const store = memoryStorage();
    const keyOf = (i: number): string => decisionKey({ ...laptop, userAgent: `browser ${i}` });
    for (let i = 0; i <= MAX_REMEMBERED_DECISIONS; i++)
      rememberDecision(store, keyOf(i), decision({ measuredAtMs: 1_000 + i }));
    expect(recallDecision(store, keyOf(0))).toBeNull();
    expect(recallDecision(store, keyOf(1))).not.toBeNull();
    expect(recallDecision(store, keyOf(MAX_REMEMBERED_DECISIONS))).not.toBeNull();
  });

  it('"Measure again" forgets every decision; a failed remembered load forgets its own', () => {
    const store = memoryStorage();
    const lite = decisionKey({ ...laptop, model: 'blazepose-lite' });
    rememberDecision(store, decisionKey(laptop), decision());
    rememberDecision(store, lite, decision());
    forgetDecision(store, lite);
    expect(recallDecision(store, lite)).toBeNull();
    expect(recallDecision(store, decisionKey(laptop))).not.toBeNull();
    forgetDecision(store);
    expect(recallDecision(store, decisionKey(laptop))).toBeNull();
  });

  it('survives blocked, full or corrupt storage by measuring again', () => {
    expect(recallDecision(null, decisionKey(laptop))).toBeNull();
    expect(rememberDecision(null, decisionKey(laptop), decision())).toBe(false);
    const store = memoryStorage();
    store.full = true;
    expect(rememberDecision(store, decisionKey(laptop), decision())).toBe(false);
    store.full = false;
    store.map.set('squat-coach.engine-decisions.v3', '{not json');
    expect(recallDecision(store, decisionKey(laptop))).toBeNull();
    // A stored entry of the wrong shape (another version, hand-edited) is ignored, not trusted.
    store.map.set(
      'squat-coach.engine-decisions.v3',
      JSON.stringify({ [decisionKey(laptop)]: { ...decision(), backend: 'metal' } }),
    );
    expect(recallDecision(store, decisionKey(laptop))).toBeNull();
    expect(rememberDecision(store, decisionKey(laptop), decision())).toBe(true);
    expect(recallDecision(store, decisionKey(laptop))).toEqual(decision());
  });
});

describe('wasm thread trial', () => {
  it('runs only with cross-origin isolation and at least 2 cores, with 2 to 4 threads', () => {
    expect(threadTrialCount(2, false)).toBeNull();
    expect(threadTrialCount(1, true)).toBeNull();
    expect(threadTrialCount(Number.NaN, true)).toBeNull();
    expect(threadTrialCount(2, true)).toBe(2);
    expect(threadTrialCount(3, true)).toBe(2);
    expect(threadTrialCount(6, true)).toBe(3);
    expect(threadTrialCount(16, true)).toBe(4);
  });

  it('keeps threads only for a clear gain over one thread', () => {
    const oneMs = 60;
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: 77.4 })).toBe(1);
    // A small gain on an idle page is lost live, where the page shares the cores.
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: 57 })).toBe(1);
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: oneMs * THREADS_WIN_RATIO })).toBe(2);
    expect(pickWasmThreads(oneMs, { threads: 4, msPerFrame: 31 })).toBe(4);
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: null })).toBe(1);
    expect(pickWasmThreads(Number.NaN, { threads: 2, msPerFrame: 40 })).toBe(2);
  });

  it('keeps threads for a video file whenever they are not slower (the page idle but for the decoder)', () => {
    const oneMs = 92;
    // This machine's warm-up shape: threads at ~0.7 of one thread win for both uses.
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: 64 }, 'file')).toBe(2);
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: 64 }, 'live')).toBe(2);
    // A gain between the two margins: kept for files, not live.
    const between = oneMs * ((THREADS_WIN_RATIO + FILE_THREADS_WIN_RATIO) / 2);
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: between }, 'file')).toBe(2);
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: between }, 'live')).toBe(1);
    // Slower than one thread: one thread.
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: oneMs * 1.05 }, 'file')).toBe(1);
    expect(pickWasmThreads(oneMs, { threads: 2, msPerFrame: null }, 'file')).toBe(1);
  });

  it('says what was measured', () => {
    expect(describeThreadTrial(44.2, { threads: 2, msPerFrame: 61.4 })).toBe(
      'threads measured: 1 thread 44 ms vs 2 threads 61 ms per frame',
    );
    expect(describeThreadTrial(44.2, { threads: 2, msPerFrame: null })).toBe(
      'threads measured: 1 thread 44 ms per frame; 2 threads failed to start',
    );
  });
});
