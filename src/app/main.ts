/**
 * Bootstrap only: find the page's elements, start the screens and wire them together. Screens talk
 * through SetRecord (src/app/set-record.ts): the live screen and the file screen produce one when a
 * set ends; the review screen shows one; history stores them.
 */
import { LiveApp, type LiveElements } from '../features/live/live-app';
import { installLiveTestHooks } from '../features/live/live-test-hooks';
import { startPwa } from './pwa';
import { startRouter } from './router';
import { startSetScreens } from './set-screens';
import type { SetRecord } from '../domain/set-record';
import { SingleLegApp } from '../features/single-leg/single-leg-app';
import { installSingleLegTestHooks } from '../features/single-leg/single-leg-test-hooks';
import { HistoryStore } from '../storage/history-db';

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`page is missing #${id}`);
  return el;
}

const elements: LiveElements = {
  screen: byId('screen-live', HTMLElement),
  start: byId('start', HTMLButtonElement),
  action: byId('action', HTMLButtonElement),
  camera: byId('camera', HTMLSelectElement),
  model: byId('model', HTMLSelectElement),
  depthTarget: byId('depth-target', HTMLSelectElement),
  backend: byId('backend', HTMLSelectElement),
  mirror: byId('mirror', HTMLInputElement),
  voice: byId('voice', HTMLInputElement),
  volume: byId('volume', HTMLInputElement),
  status: byId('status', HTMLElement),
  engine: byId('engine', HTMLElement),
  modelNotice: byId('model-notice', HTMLElement),
  remeasure: byId('remeasure', HTMLButtonElement),
  viewInfo: byId('view-info', HTMLElement),
  frame: byId('frame', HTMLElement),
  video: byId('video', HTMLVideoElement),
  overlay: byId('overlay', HTMLCanvasElement),
  reps: byId('reps', HTMLElement),
  repCount: byId('rep-count', HTMLElement),
  cue: byId('cue', HTMLElement),
  gauges: byId('gauges', HTMLElement),
  sets: byId('sets', HTMLSelectElement),
  repTarget: byId('rep-target-select', HTMLSelectElement),
  rest: byId('rest', HTMLSelectElement),
  speakReps: byId('speak-reps', HTMLInputElement),
  fullscreen: byId('fullscreen', HTMLButtonElement),
  workout: {
    screen: byId('screen-live', HTMLElement),
    phase: byId('phase', HTMLElement),
    setLabel: byId('set-label', HTMLElement),
    repTarget: byId('rep-target', HTMLElement),
    countdown: byId('countdown', HTMLElement),
    rest: byId('rest-panel', HTMLElement),
    restTime: byId('rest-time', HTMLElement),
    restNext: byId('rest-next', HTMLElement),
    skipRest: byId('rest-skip', HTMLButtonElement),
    addRest: byId('rest-add', HTMLButtonElement),
    endWorkout: byId('end-workout', HTMLButtonElement),
  },
};

// The single-leg check (issue 9): its own screen, report and saved checks (same history database).
const singleLeg = new SingleLegApp(
  byId('screen-single-leg', HTMLElement),
  HistoryStore.open().catch(() => null),
);
const setScreens = startSetScreens(
  {
    review: byId('screen-review', HTMLElement),
    file: byId('screen-file', HTMLElement),
    history: byId('screen-history', HTMLElement),
    report: byId('screen-report', HTMLElement),
  },
  (track, file, startedAtMs) => void singleLeg.analyseFile(track, file, startedAtMs),
);

const app = new LiveApp(elements, {
  // The finished set is saved to history and shown on the review screen (between a workout's sets:
  // saved only, so the rest is not interrupted).
  onSetEnded: (record: SetRecord, endNote: string | null, show: boolean) =>
    void setScreens.onSetEnded(record, endNote, show),
  showSet: (id: string) => {
    location.hash = `#/review/${encodeURIComponent(id)}`;
  },
});
// `window.squatCoachTest` (replay a track, kill the worker, read timings) for tests and benchmarks.
if (import.meta.env.DEV || new URLSearchParams(location.search).has('testhooks')) {
  installLiveTestHooks(app);
  installSingleLegTestHooks(singleLeg);
}
startRouter((screen) => {
  setScreens.onShow(screen);
  if (screen === 'single-leg') void singleLeg.onShow(location.hash);
});
startPwa({
  banner: byId('app-banner', HTMLElement),
  text: byId('app-banner-text', HTMLElement),
  reload: byId('app-reload', HTMLButtonElement),
  dismiss: byId('app-banner-close', HTMLButtonElement),
});

declare global {
  interface Window {
    /** The end-of-set contract, reachable by tests: hand over a SetRecord as the live screen does. */
    squatCoachApp: { onSetEnded: (record: SetRecord) => Promise<void> };
  }
}
window.squatCoachApp = { onSetEnded: setScreens.onSetEnded };
if (new URLSearchParams(location.search).has('autostart')) void app.start();
