/**
 * Bootstrap only: find the page's elements, start the screens and wire them together. Screens talk
 * through SetRecord (src/app/set-record.ts): the live screen and the file screen produce one when a
 * set ends; the review screen shows one; history stores them.
 */
import { LiveApp, type LiveElements } from './app/live-app';
import { startRouter } from './app/router';

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`page is missing #${id}`);
  return el;
}

const elements: LiveElements = {
  start: byId('start', HTMLButtonElement),
  model: byId('model', HTMLSelectElement),
  backend: byId('backend', HTMLSelectElement),
  mirror: byId('mirror', HTMLInputElement),
  status: byId('status', HTMLElement),
  engine: byId('engine', HTMLElement),
  frame: byId('frame', HTMLElement),
  video: byId('video', HTMLVideoElement),
  overlay: byId('overlay', HTMLCanvasElement),
};

const app = new LiveApp(elements);
startRouter(() => undefined);
if (new URLSearchParams(location.search).has('autostart')) void app.start();
