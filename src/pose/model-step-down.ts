/**
 * Stepping down to the lite model on a device too slow for the default one. Decided at start-up
 * only (src/pose/pose-engine.ts), from the warm-up ms/frame the engine decision measures and
 * remembers (src/pose/engine-decision.ts), never during a set. Pure: no clock, storage or DOM.
 *
 * The rule: the app's default model (not one the user chose) whose warm-up leaves fewer live poses/s
 * than the analysis needs is swapped for the lite model when lite is measured to be clearly faster.
 * When lite is too slow as well it is still used (it is the faster) and the notice says the device is
 * slow.
 */
import { DEFAULT_MODEL, QUALITY_PRESETS, type ModelId } from './models';

/** The model stepped down to: BlazePose lite ("Fast"), which still has heels and toes. */
export const STEP_DOWN_MODEL: ModelId = QUALITY_PRESETS.fast;

/**
 * Fewest analysed poses per second live cues need, poses/s. A squat's bottom lasts a few hundred ms
 * (≥ 300 ms in the fixtures, src/pose/adaptive-sampling.ts): at 8/s (125 ms apart) it still holds
 * ≥ 2 poses. 10/s is the rate the file sampler uses while the person moves, shown to keep every rep,
 * bottom and cue (docs/benchmarks.md); 8/s is the low end of the 8–10/s the analysis needs.
 */
export const MIN_LIVE_POSES_PER_S = 8;

/**
 * Live poses/s as a share of the model-bound rate (1000 ÷ model ms/frame), ratio: the model shares
 * the cores with capture, drawing and recording, and now and then waits for a fresher camera frame.
 * Measured 0.84–0.96 for BlazePose full on wasm here with the worker reading the camera's frames,
 * the path Chromium runs (docs/benchmarks.md, live table; the page-copy fallback reached ~0.68, so
 * elsewhere the budget below is a little generous). The low end is kept: it steps a device down a
 * little early rather than leave it coaching at under MIN_LIVE_POSES_PER_S.
 */
export const LIVE_SHARE_OF_MODEL_RATE = 0.84;

/**
 * Slowest warm-up a model may have and still leave MIN_LIVE_POSES_PER_S live, ms/frame:
 * 1000 × 0.84 ÷ 8 = 105 ms. BlazePose full warms up at ~45–80 ms/frame on this project's 2-core
 * machine (docs/benchmarks.md), inside it.
 */
export const DEFAULT_STEP_DOWN_BUDGET_MS = (1000 * LIVE_SHARE_OF_MODEL_RATE) / MIN_LIVE_POSES_PER_S;

/**
 * Lite must time at most this share of the default model's warm-up to replace it, ratio. Lite is
 * expected at ~0.7–0.8× full's time (53 vs 76 ms/frame live, docs/benchmarks.md; 0.75–0.85× in
 * single warm-ups here, which vary ±30% on shared cores); under a 10% gain it does not pay for lite's
 * lower accuracy (7 px vs 4 px mean from the reference, src/pose/models.ts).
 */
export const LITE_WIN_RATIO = 0.9;

/** Most ms/frame `?stepDownMs=` accepts: 10 s a frame, beyond any real device. */
const MAX_URL_BUDGET_MS = 10_000;

export interface StepDownInput {
  /** The model the settings ask for. */
  model: ModelId;
  /** The user picked the model (Advanced, or `?model=`): it is kept whatever its speed. */
  chosenByUser: boolean;
  /** The model's warm-up ms/frame (NaN when unknown). */
  modelMsPerFrame: number;
  /** Lite's warm-up ms/frame: null when not measured yet, NaN when it failed to load. */
  liteMsPerFrame: number | null;
  /** Slowest acceptable warm-up, ms/frame (DEFAULT_STEP_DOWN_BUDGET_MS unless a test overrides it). */
  budgetMs: number;
}

export type StepDownVerdict =
  | { step: 'keep'; why: 'chosen-by-user' | 'not-default' | 'fast-enough' | 'unmeasured' }
  /** Too slow, and lite did not time clearly faster (or failed): the model stays, the device is slow. */
  | { step: 'keep'; why: 'lite-not-faster' }
  /** Too slow: lite must be timed before deciding. */
  | { step: 'time-lite' }
  /** Use lite; `liteTooSlow`: lite is over the budget as well. */
  | { step: 'step-down'; liteTooSlow: boolean };

/** Live poses/s a model with this warm-up ms/frame is expected to give. */
export const expectedLivePosesPerS = (msPerFrame: number): number =>
  (1000 * LIVE_SHARE_OF_MODEL_RATE) / msPerFrame;

/** Whether to step down, keep the model, or time lite first. */
export function decideStepDown(input: StepDownInput): StepDownVerdict {
  const { model, chosenByUser, modelMsPerFrame, liteMsPerFrame, budgetMs } = input;
  if (chosenByUser) return { step: 'keep', why: 'chosen-by-user' };
  if (model !== DEFAULT_MODEL) return { step: 'keep', why: 'not-default' };
  if (!Number.isFinite(modelMsPerFrame)) return { step: 'keep', why: 'unmeasured' };
  if (modelMsPerFrame <= budgetMs) return { step: 'keep', why: 'fast-enough' };
  if (liteMsPerFrame === null) return { step: 'time-lite' };
  if (!Number.isFinite(liteMsPerFrame) || liteMsPerFrame > modelMsPerFrame * LITE_WIN_RATIO)
    return { step: 'keep', why: 'lite-not-faster' };
  return { step: 'step-down', liteTooSlow: liteMsPerFrame > budgetMs };
}

/**
 * `?stepDownMs=N` replaces the budget (warm-up ms/frame), so tests and demos can make a fast machine
 * step down (e.g. 20); null when absent or not a positive number.
 */
export function stepDownBudgetFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('stepDownMs');
  if (raw === null || raw.trim() === '') return null;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_URL_BUDGET_MS ? ms : null;
}

// In words --------------------------------------------------------------------------------------

/** Names of the models in the settings' Quality list. */
const QUALITY_NAMES: Partial<Record<ModelId, string>> = {
  'blazepose-lite': 'Fast',
  'blazepose-full': 'Balanced',
  'blazepose-heavy': 'Heavy',
};

/** "the Balanced model" for a preset, the model's id otherwise. */
const modelName = (m: ModelId): string => {
  const q = QUALITY_NAMES[m];
  return q === undefined ? m : `the ${q} model`;
};

/** Poses/s in words, rounded down to a tenth so a rate under the minimum never reads as it. */
const posesText = (msPerFrame: number): string =>
  (Math.floor(expectedLivePosesPerS(msPerFrame) * 10) / 10).toFixed(1);

/** The poses/s a budget stands for, in words: "8" for the default one. */
const neededText = (budgetMs: number): string =>
  String(Math.round(expectedLivePosesPerS(budgetMs) * 10) / 10);

export interface StepDownFigures {
  model: ModelId;
  modelMsPerFrame: number;
  liteMsPerFrame: number | null;
  budgetMs: number;
}

/** The notice for the live screen, or null when there is nothing to say. */
export function describeStepDown(v: StepDownVerdict, f: StepDownFigures): string | null {
  const change = 'Choose a model in Advanced to change it.';
  // Lite's keypoints miscounted or mis-cued 3 of the 4 good-form fixture clips that full gets right
  // (docs/metrics.md, "Across BlazePose variants"): the person is told, not only the log.
  const lessSure = 'It places hips and feet less surely, so now and then a cue or a count may be wrong.';
  const need = `${neededText(f.budgetMs)} a second that live cues need`;
  if (v.step === 'step-down') {
    const lite = `${modelName(STEP_DOWN_MODEL)} (BlazePose lite)`;
    const liteRate =
      f.liteMsPerFrame === null ? '' : ` at about ${posesText(f.liteMsPerFrame)} poses a second`;
    return v.liteTooSlow
      ? `This device is slow for live coaching: ${modelName(f.model)} runs at about ${posesText(f.modelMsPerFrame)} poses a second and ${lite}${liteRate}, both under the ${need}. ${capital(lite)} is used; cues may come late. ${lessSure} ${change}`
      : `This device runs ${modelName(f.model)} at about ${posesText(f.modelMsPerFrame)} poses a second, too slow for live cues, so ${lite} is used${liteRate}. ${lessSure} ${change}`;
  }
  if (v.step === 'keep' && v.why === 'lite-not-faster')
    return `This device runs ${modelName(f.model)} at about ${posesText(f.modelMsPerFrame)} poses a second, under the ${need}, and ${modelName(STEP_DOWN_MODEL)} was no faster here, so it stays; cues may come late. ${change}`;
  return null;
}

/** The decision for the engine line (Advanced), with its figures; null when the rule did not act. */
export function describeStepDownForEngine(v: StepDownVerdict, f: StepDownFigures): string | null {
  if (v.step !== 'step-down' && !(v.step === 'keep' && v.why === 'lite-not-faster')) return null;
  const ms = (x: number | null): string => (x === null ? '?' : `${x.toFixed(0)} ms`);
  const figures = `${f.model} ${ms(f.modelMsPerFrame)} vs ${STEP_DOWN_MODEL} ${ms(f.liteMsPerFrame)} per frame, budget ${f.budgetMs.toFixed(1)} ms (${neededText(f.budgetMs)} poses/s live)`;
  return v.step === 'step-down'
    ? `stepped down to ${STEP_DOWN_MODEL}${v.liteTooSlow ? ', which is over budget too' : ''}: ${figures}`
    : `${f.model} is over budget and ${STEP_DOWN_MODEL} was not clearly faster: ${figures}`;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
