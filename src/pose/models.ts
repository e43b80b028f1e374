/**
 * The pose models and backends squat-coach can run, and their defaults. Shared by the worker, the
 * page and the scripts: plain constants, no DOM or worker globals.
 */
export const MODEL_IDS = [
  'blazepose-lite',
  'blazepose-full',
  'blazepose-heavy',
  'movenet-lightning',
  'movenet-thunder',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export const BACKEND_IDS = ['wasm', 'webgl', 'cpu'] as const;
export type BackendId = (typeof BACKEND_IDS)[number];
export type BackendChoice = BackendId | 'auto';

/**
 * Default model: BlazePose full. It has heels and toes (the toe-shift metric needs them) and tracked
 * the upstream reference within 4 px mean at ~42 ms/frame on wasm here; lite is ~25% faster but 7 px
 * mean / 42 px worst (docs/benchmarks.md, shared notes). Quality presets map to models.
 */
export const DEFAULT_MODEL: ModelId = 'blazepose-full';

export const QUALITY_PRESETS = {
  fast: 'blazepose-lite',
  balanced: 'blazepose-full',
  heavy: 'blazepose-heavy',
} as const satisfies Record<string, ModelId>;

/** When a model fails to load on every backend, try these next, in order. */
export const MODEL_FALLBACKS: Readonly<Record<ModelId, readonly ModelId[]>> = {
  'blazepose-heavy': ['blazepose-full', 'blazepose-lite', 'movenet-lightning'],
  'blazepose-full': ['blazepose-lite', 'movenet-lightning'],
  'blazepose-lite': ['blazepose-full', 'movenet-lightning'],
  'movenet-thunder': ['movenet-lightning', 'blazepose-lite'],
  'movenet-lightning': ['blazepose-lite'],
};

export const isModelId = (s: string): s is ModelId => (MODEL_IDS as readonly string[]).includes(s);
export const isBackendChoice = (s: string): s is BackendChoice =>
  s === 'auto' || (BACKEND_IDS as readonly string[]).includes(s);

/** Files of each model under the app's own `models/` folder (extracted by scripts/extract-models.mjs). */
export function modelUrls(
  model: ModelId,
  baseUrl: string,
): { modelUrl: string } | { detectorUrl: string; landmarkUrl: string } {
  if (model.startsWith('movenet')) return { modelUrl: `${baseUrl}${model}.json` };
  return { detectorUrl: `${baseUrl}blazepose-detector.json`, landmarkUrl: `${baseUrl}${model}.json` };
}
