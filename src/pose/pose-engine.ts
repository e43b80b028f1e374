/**
 * The pose worker behind the live screen. Each load starts a fresh worker with the chosen model and
 * backend and retires the previous one at once; an answer from a retired worker is ignored, so only
 * the newest load reports. Each model is loaded with its engine decision (engine-loader.ts): timed
 * on the first start on a device, remembered for the next.
 *
 * When the app's default model times over the step-down budget (src/pose/model-step-down.ts), the
 * lite model is loaded and timed in a second worker too, and replaces it when clearly faster. Both
 * timings are remembered, so a warm start applies the same rule without timing anything and loads
 * only the model it picks. Only a load decides this: a set never changes model.
 */
import type { PoseClient, InitReport } from './client';
import { forgetDecision, type DecisionStorage } from './engine-decision';
import { ModelLoader, type LoadedModel, type Superseded, type WorkerHandle } from './engine-loader';
import type { BackendChoice, ModelId } from './models';
import {
  DEFAULT_STEP_DOWN_BUDGET_MS,
  STEP_DOWN_MODEL,
  decideStepDown,
  describeStepDown,
  describeStepDownForEngine,
  stepDownBudgetFromSearch,
  type StepDownFigures,
  type StepDownVerdict,
} from './model-step-down';
import { markStart } from './start-marks';

export interface PoseEngineEvents {
  loading: (requested: ModelId) => void;
  /** A step of the load worth telling the user about (e.g. the thread trial). */
  progress?: (text: string) => void;
  /**
   * The model is ready in `client`; `fallbackNote` says so when it is not what was asked for;
   * `stepDown` when the device was too slow for the default model (model-step-down.ts).
   */
  ready: (
    client: PoseClient,
    report: InitReport,
    fallbackNote: string | null,
    stepDown: StepDownReport | null,
  ) => void;
  failed: (message: string) => void;
}

export interface LoadOptions {
  /** The model is the app's default, not the user's choice: a slow device may step down to lite. */
  mayStepDown?: boolean;
}

/** The step-down rule acted (model-step-down.ts): what happened, in words for the screen. */
export interface StepDownReport {
  /** Stepped down to lite; stepped down though lite is over budget too; too slow, lite no faster. */
  kind: 'stepped-down' | 'stepped-down-slow' | 'kept-slow';
  /** For the live screen. */
  notice: string;
  /** For the engine line (Advanced), with the figures. */
  engineNote: string;
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

/** The page's localStorage for engine decisions, or null where storage is blocked. */
export function pageStorage(): DecisionStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const isSuperseded = (r: LoadedModel | Superseded): r is Superseded => 'superseded' in r;

export class PoseEngine {
  #client: PoseClient | null = null;
  #worker: Worker | null = null;
  #ready: Promise<InitReport | null> = Promise.resolve(null);
  /** Bumped by every load: a load that is no longer the newest stops and reports nothing. */
  #generation = 0;
  /** What the last finished load runs, for a restart mid-set (which must not change the model). */
  #last: { model: ModelId; backend: BackendChoice; stepDown: StepDownReport | null } | null = null;
  readonly #loader: ModelLoader;

  constructor(
    private readonly events: PoseEngineEvents,
    private readonly storage: DecisionStorage | null = pageStorage(),
  ) {
    this.#loader = new ModelLoader(storage, (text) => this.events.progress?.(text));
  }

  /** The client of the newest load (ready or not), or null before the first. */
  get client(): PoseClient | null {
    return this.#client;
  }

  /** The newest load: its report, or null when it failed. */
  get ready(): Promise<InitReport | null> {
    return this.#ready;
  }

  /**
   * Loads `model`. With `mayStepDown` (the model is the app's default, not the user's choice), a
   * device too slow for it gets the lite model instead (model-step-down.ts).
   */
  load(model: ModelId, backend: BackendChoice, options: LoadOptions = {}): Promise<InitReport | null> {
    this.#ready = this.#load(model, backend, options.mayStepDown === true, undefined);
    return this.#ready;
  }

  /** Forgets every remembered engine decision and loads again, measuring ("Measure again"). */
  remeasure(model: ModelId, backend: BackendChoice, options: LoadOptions = {}): Promise<InitReport | null> {
    forgetDecision(this.storage);
    return this.load(model, backend, options);
  }

  /**
   * A fresh worker for the model the last load chose (after a crash mid-set): the step-down is not
   * reconsidered, so a set never changes model, and its notice is reported again. Before any load
   * finished, loads `model` as `load` would without stepping down.
   */
  restart(model: ModelId, backend: BackendChoice): Promise<InitReport | null> {
    const last = this.#last;
    this.#ready =
      last === null
        ? this.#load(model, backend, false, undefined)
        : this.#load(last.model, last.backend, false, last.stepDown);
    return this.#ready;
  }

  /** Terminates the current worker, as a crash would (test hooks). */
  terminateWorker(): void {
    this.#worker?.terminate();
  }

  /** The engine uses `h` from now on; the previous worker is retired. */
  #adopt = (h: WorkerHandle): void => {
    const old = this.#client;
    this.#client = h.client;
    this.#worker = h.worker;
    if (old !== h.client) old?.dispose();
  };

  /**
   * `pinned`: the step-down report to give instead of deciding (a restart); undefined = decide.
   */
  async #load(
    model: ModelId,
    backend: BackendChoice,
    mayStepDown: boolean,
    pinned: StepDownReport | null | undefined,
  ): Promise<InitReport | null> {
    const generation = ++this.#generation;
    const current = (): boolean => generation === this.#generation;
    this.events.loading(model);
    markStart('model load began');
    try {
      const budgetMs = stepDownBudgetFromUrl() ?? DEFAULT_STEP_DOWN_BUDGET_MS;
      let figures: StepDownFigures = {
        model,
        modelMsPerFrame: this.#loader.recalledMs(model, backend) ?? Number.NaN,
        liteMsPerFrame: mayStepDown ? this.#loader.recalledMs(STEP_DOWN_MODEL, backend) : null,
        budgetMs,
      };
      const rule = (): StepDownVerdict => decideStepDown({ ...figures, chosenByUser: !mayStepDown });
      let verdict = rule();
      let chosen: LoadedModel;
      if (verdict.step === 'step-down') {
        // Both timings are remembered and pick lite: a warm start loads lite alone.
        const lite = await this.#loader.load(STEP_DOWN_MODEL, backend, current, this.#adopt);
        if (isSuperseded(lite)) return lite.superseded;
        chosen = lite;
      } else {
        const first = await this.#loader.load(model, backend, current, this.#adopt);
        if (isSuperseded(first)) return first.superseded;
        chosen = first;
        const ms = first.report.model === model ? first.msPerFrame : Number.NaN;
        figures = { ...figures, modelMsPerFrame: ms };
        verdict = rule();
        if (verdict.step === 'time-lite') {
          const lite = await this.#timeLite(backend, current);
          if (lite !== null && isSuperseded(lite)) return lite.superseded;
          const liteMs = lite?.report.model === STEP_DOWN_MODEL ? lite.msPerFrame : Number.NaN;
          figures = { ...figures, liteMsPerFrame: liteMs };
          verdict = rule();
          if (lite !== null && verdict.step === 'step-down') {
            this.#adopt(lite.handle);
            chosen = lite;
          } else lite?.handle.client.dispose();
          markStart('step-down decided');
        }
      }
      const stepDown = pinned !== undefined ? pinned : stepDownReport(verdict, figures);
      const report =
        stepDown === null
          ? chosen.report
          : { ...chosen.report, reason: `${chosen.report.reason}; ${stepDown.engineNote}` };
      this.#last = { model: chosen.requested, backend, stepDown };
      const fallbackNote = describeFallbacks(report, chosen.requested);
      this.events.ready(this.#client ?? chosen.handle.client, report, fallbackNote, stepDown);
      return report;
    } catch (e) {
      if (!current()) return null;
      this.events.failed(e instanceof Error ? e.message : String(e));
      return null;
    }
  }

  /**
   * Loads and times lite in a second worker, the default model's staying in use meanwhile. Null
   * when lite could not be loaded at all (the default model then stays).
   */
  async #timeLite(backend: BackendChoice, current: () => boolean): Promise<LoadedModel | Superseded | null> {
    this.events.progress?.('This device is slow for the Balanced model: timing the Fast model…');
    try {
      return await this.#loader.load(STEP_DOWN_MODEL, backend, current, null);
    } catch {
      return current() ? null : { superseded: null };
    }
  }
}

/** A step-down decision in words, or null when the rule did not act. */
function stepDownReport(v: StepDownVerdict, f: StepDownFigures): StepDownReport | null {
  const notice = describeStepDown(v, f);
  const engineNote = describeStepDownForEngine(v, f);
  if (notice === null || engineNote === null) return null;
  const kind = v.step === 'step-down' ? (v.liteTooSlow ? 'stepped-down-slow' : 'stepped-down') : 'kept-slow';
  return { kind, notice, engineNote };
}

/** `?stepDownMs=N` (model-step-down.ts): the step-down budget, for tests and demos. */
function stepDownBudgetFromUrl(): number | null {
  return typeof location === 'undefined' ? null : stepDownBudgetFromSearch(location.search);
}
