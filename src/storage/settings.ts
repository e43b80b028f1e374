/**
 * User settings, the one source every screen reads: URL parameters win over what was saved, which
 * wins over defaults.
 */
import { DEFAULT_DEPTH_TARGET, isDepthTarget, type DepthTarget } from '../core';
import { DEFAULT_MODEL, isBackendChoice, isModelId, type BackendChoice, type ModelId } from '../pose/models';

export interface Settings {
  model: ModelId;
  /**
   * The user picked the model (Advanced's Quality list, or `?model=`). Only the app's own default
   * may be stepped down to a faster model on a slow device (src/pose/model-step-down.ts).
   */
  modelChosen: boolean;
  backend: BackendChoice;
  /** Show the camera like a mirror (selfie view). Display only: analysis uses the raw frame. */
  mirror: boolean;
  voice: boolean;
  /** Speech volume, 0–1. */
  volume: number;
  cameraId: string | null;
  /** How deep a rep must go before "go a little lower" stays quiet. */
  depthTarget: DepthTarget;
  /** Sets in a workout, 1 = a lone set (MIN_SETS–MAX_SETS). */
  setsPlanned: number;
  /** Reps per set after which the set ends by itself, or null for "until I stop" (1–MAX_REP_TARGET). */
  repTarget: number | null;
  /** Rest between sets, s (MIN_REST_S–MAX_REST_S). */
  restS: number;
  /** Speak each rep's number as it is counted. */
  speakReps: boolean;
}

/** Most sets a workout can plan: more than any common squat programme (3–5 working sets). */
export const MAX_SETS = 10;
/** Highest rep target offered: beyond 50 a bodyweight set is endurance work, ended by the user. */
export const MAX_REP_TARGET = 50;
/** Shortest rest, s: enough to read the set's summary; Skip ends any rest sooner. */
export const MIN_REST_S = 5;
/** Longest rest, s: 5 min, the top of the usual rest for heavy strength sets. */
export const MAX_REST_S = 300;

export const DEFAULT_SETTINGS: Settings = {
  model: DEFAULT_MODEL,
  modelChosen: false,
  backend: 'auto',
  mirror: true,
  voice: true,
  volume: 1,
  cameraId: null,
  depthTarget: DEFAULT_DEPTH_TARGET,
  // A lone set "until I stop" by default: the app behaves as before until someone plans a workout.
  setsPlanned: 1,
  repTarget: null,
  // 90 s: the middle of the 1–2 min rest commonly advised between moderate strength sets.
  restS: 90,
  speakReps: false,
};

const isWhole = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

const STORAGE_KEY = 'squat-coach.settings.v1';

function parse(raw: Record<string, unknown>): Partial<Settings> {
  const out: Partial<Settings> = {};
  const { model, modelChosen, backend, mirror, voice, volume, cameraId, depthTarget } = raw;
  const { setsPlanned, repTarget, restS, speakReps } = raw;
  if (typeof model === 'string' && isModelId(model)) out.model = model;
  if (typeof modelChosen === 'boolean') out.modelChosen = modelChosen;
  if (typeof backend === 'string' && isBackendChoice(backend)) out.backend = backend;
  if (typeof mirror === 'boolean') out.mirror = mirror;
  if (typeof voice === 'boolean') out.voice = voice;
  if (typeof volume === 'number' && volume >= 0 && volume <= 1) out.volume = volume;
  if (typeof cameraId === 'string') out.cameraId = cameraId;
  if (isDepthTarget(depthTarget)) out.depthTarget = depthTarget;
  if (isWhole(setsPlanned, 1, MAX_SETS)) out.setsPlanned = setsPlanned;
  if (repTarget === null || isWhole(repTarget, 1, MAX_REP_TARGET)) out.repTarget = repTarget;
  if (isWhole(restS, MIN_REST_S, MAX_REST_S)) out.restS = restS;
  if (typeof speakReps === 'boolean') out.speakReps = speakReps;
  return out;
}

/** A whole-number URL parameter, or undefined when absent or not a number. */
const wholeParam = (params: URLSearchParams, name: string): number | undefined => {
  const v = params.get(name);
  return v === null || !/^\d+$/.test(v) ? undefined : Number(v);
};

export function loadSettings(search: string, storage: Storage | null): Settings {
  let saved: Partial<Settings> = {};
  try {
    const text = storage?.getItem(STORAGE_KEY);
    if (text) saved = parse(JSON.parse(text) as Record<string, unknown>);
  } catch {
    // Unreadable or blocked storage: defaults are fine, nothing to recover.
  }
  const params = new URLSearchParams(search);
  const fromUrl = parse({
    model: params.get('model') ?? undefined,
    backend: params.get('backend') ?? undefined,
    mirror: params.has('mirror') ? params.get('mirror') !== '0' : undefined,
    depthTarget: params.get('depth') ?? undefined,
    setsPlanned: wholeParam(params, 'sets'),
    repTarget: wholeParam(params, 'reps'),
    restS: wholeParam(params, 'rest'),
  });
  // A model named in the URL is the user's choice.
  if (fromUrl.model !== undefined) fromUrl.modelChosen = true;
  return { ...DEFAULT_SETTINGS, ...saved, ...fromUrl };
}

/** Saves settings; returns false (and the app keeps working) when storage is full or blocked. */
export function saveSettings(settings: Settings, storage: Storage | null): boolean {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}

/** This browser's localStorage, or null where it is blocked (private modes, sandboxed frames). */
export function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The settings in force on this page: its URL, then what was saved here. */
export const currentSettings = (): Settings => loadSettings(location.search, safeLocalStorage());
