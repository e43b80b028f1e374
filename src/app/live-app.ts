/**
 * The camera screen: wires the page's elements to the camera, the pose worker and the overlay.
 * Rendering lives in src/ui; this file owns the session's life cycle and its error messages.
 */
import { PoseClient, type InitReport } from '../pose-client/pose-client';
import { drawSkeleton } from '../ui/skeleton';
import { CameraError, openCamera } from './camera';
import { PoseLoop } from './pose-loop';
import { loadSettings, saveSettings, type Settings } from './settings';
import type { BackendChoice, ModelId } from '../../workers/models';
import type { PoseFrame } from '../analysis/keypoints';

export interface LiveElements {
  start: HTMLButtonElement;
  model: HTMLSelectElement;
  backend: HTMLSelectElement;
  mirror: HTMLInputElement;
  status: HTMLElement;
  engine: HTMLElement;
  frame: HTMLElement;
  video: HTMLVideoElement;
  overlay: HTMLCanvasElement;
}

type StatusKind = 'info' | 'warn' | 'error';

/** Bone colour when nothing is wrong. */
const BONE_OK = '#3ddc97';

export function describeEngine(r: InitReport): string {
  const threads = r.backend === 'wasm' ? `, ${r.wasmThreads} thread${r.wasmThreads === 1 ? '' : 's'}` : '';
  return `Model ${r.model} on ${r.backend}${threads} — ${r.reason}`;
}

export function describeFallbacks(r: InitReport, requested: ModelId): string | null {
  if (r.fallbacks.length === 0) return null;
  const first = r.fallbacks[0];
  const what =
    r.model !== requested
      ? `${requested} could not be loaded, using ${r.model} instead`
      : `${first?.backend} did not work, using ${r.backend}`;
  return `${what} (${first?.error ?? 'unknown error'}).`;
}

export class LiveApp {
  #settings: Settings;
  #client: PoseClient | null = null;
  #loop: PoseLoop | null = null;
  #stream: MediaStream | null = null;
  #framesDrawn = 0;
  /** The model loads as soon as the page opens, so pressing Start only waits for the camera. */
  #modelReady: Promise<InitReport | null>;

  constructor(private readonly el: LiveElements) {
    this.#settings = loadSettings(location.search, safeLocalStorage());
    el.model.value = this.#settings.model;
    el.backend.value = this.#settings.backend;
    el.mirror.checked = this.#settings.mirror;
    el.frame.classList.toggle('mirrored', this.#settings.mirror);
    el.start.addEventListener('click', () => void this.start());
    el.model.addEventListener('change', () => this.#update({ model: el.model.value as ModelId }, true));
    el.backend.addEventListener('change', () =>
      this.#update({ backend: el.backend.value as BackendChoice }, true),
    );
    el.mirror.addEventListener('change', () => {
      this.#update({ mirror: el.mirror.checked }, false);
      el.frame.classList.toggle('mirrored', el.mirror.checked);
    });
    this.#modelReady = this.#loadModel();
  }

  #update(patch: Partial<Settings>, reloadModel: boolean): void {
    this.#settings = { ...this.#settings, ...patch };
    if (!saveSettings(this.#settings, safeLocalStorage())) {
      this.#status(
        'Settings could not be saved (storage full or blocked); they apply until you close the page.',
        'warn',
      );
    }
    if (reloadModel) this.#modelReady = this.#loadModel();
  }

  #status(text: string, kind: StatusKind = 'info'): void {
    this.el.status.textContent = text;
    this.el.status.className = `status ${kind}`;
    this.el.status.dataset['kind'] = kind;
  }

  async #loadModel(): Promise<InitReport | null> {
    this.#client?.dispose();
    const client = new PoseClient();
    this.#client = client;
    this.#loop?.setClient(client);
    const requested = this.#settings.model;
    this.#status(`Loading the pose model (${requested})…`);
    try {
      const report = await client.init({
        model: requested,
        backend: this.#settings.backend,
        modelBaseUrl: '/models/',
      });
      const fallbackNote = describeFallbacks(report, requested);
      this.el.engine.textContent = describeEngine(report) + (fallbackNote ? ` — ${fallbackNote}` : '');
      this.el.engine.dataset['backend'] = report.backend;
      this.el.engine.dataset['model'] = report.model;
      if (fallbackNote !== null) this.#status(fallbackNote, 'warn');
      else
        this.#status(
          this.#stream
            ? 'Step back until your whole body, feet included, is in view.'
            : 'Ready. Press “Start camera”. The camera is used only on this device.',
        );
      return report;
    } catch (e) {
      this.#status(
        `The pose model could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
        'error',
      );
      return null;
    }
  }

  async start(): Promise<void> {
    this.el.start.disabled = true;
    try {
      this.#status('Starting the camera…');
      this.#stream = await openCamera(this.#settings.cameraId);
      const video = this.el.video;
      video.srcObject = this.#stream;
      await video.play();
      this.el.overlay.width = video.videoWidth;
      this.el.overlay.height = video.videoHeight;
      const report = await this.#modelReady;
      if (report === null || this.#client === null) return;
      this.#status('Step back until your whole body, feet included, is in view.');
      this.#loop = new PoseLoop(video, this.#client, {
        onPose: () => undefined,
        onCameraFrame: (pose) => this.#draw(pose),
        onWorkerError: (e) => this.#status(`The pose model stopped: ${e.message}`, 'error'),
      });
      this.#loop.start();
    } catch (e) {
      this.#status(e instanceof CameraError ? e.message : `Something went wrong: ${String(e)}`, 'error');
    } finally {
      this.el.start.disabled = false;
    }
  }

  #draw(pose: PoseFrame | null): void {
    const canvas = this.el.overlay;
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    if (canvas.width !== this.el.video.videoWidth) {
      canvas.width = this.el.video.videoWidth;
      canvas.height = this.el.video.videoHeight;
    }
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const drawn =
      pose?.keypoints == null
        ? 0
        : drawSkeleton(ctx, pose.keypoints, {
            boneColor: () => BONE_OK,
            lineWidthPx: Math.max(3, canvas.width / 160),
          });
    this.#framesDrawn++;
    canvas.dataset['keypointsDrawn'] = String(drawn);
    canvas.dataset['framesDrawn'] = String(this.#framesDrawn);
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
