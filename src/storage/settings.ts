/**
 * User settings, the one source every screen reads: URL parameters win over what was saved, which
 * wins over defaults.
 */
import { DEFAULT_DEPTH_TARGET, isDepthTarget, type DepthTarget } from '../core';
import { DEFAULT_MODEL, isBackendChoice, isModelId, type BackendChoice, type ModelId } from '../pose/models';

export interface Settings {
  model: ModelId;
  backend: BackendChoice;
  /** Show the camera like a mirror (selfie view). Display only: analysis uses the raw frame. */
  mirror: boolean;
  voice: boolean;
  /** Speech volume, 0–1. */
  volume: number;
  cameraId: string | null;
  /** How deep a rep must go before "go a little lower" stays quiet. */
  depthTarget: DepthTarget;
}

export const DEFAULT_SETTINGS: Settings = {
  model: DEFAULT_MODEL,
  backend: 'auto',
  mirror: true,
  voice: true,
  volume: 1,
  cameraId: null,
  depthTarget: DEFAULT_DEPTH_TARGET,
};

const STORAGE_KEY = 'squat-coach.settings.v1';

function parse(raw: Record<string, unknown>): Partial<Settings> {
  const out: Partial<Settings> = {};
  const { model, backend, mirror, voice, volume, cameraId, depthTarget } = raw;
  if (typeof model === 'string' && isModelId(model)) out.model = model;
  if (typeof backend === 'string' && isBackendChoice(backend)) out.backend = backend;
  if (typeof mirror === 'boolean') out.mirror = mirror;
  if (typeof voice === 'boolean') out.voice = voice;
  if (typeof volume === 'number' && volume >= 0 && volume <= 1) out.volume = volume;
  if (typeof cameraId === 'string') out.cameraId = cameraId;
  if (isDepthTarget(depthTarget)) out.depthTarget = depthTarget;
  return out;
}

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
  });
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
