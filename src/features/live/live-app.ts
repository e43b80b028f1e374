/**
 * The camera screen: wires the page's elements to the camera, the pose worker, the analysis core and
 * the overlay. Rendering lives in src/ui; the hands-free set rules live in live-set.ts; this file owns
 * the session's life cycle, its robustness (camera lost, tab hidden, worker hung) and its messages.
 *
 * One session = camera on → set-up → set (hands-free or Space/button) → ended. When it ends, however
 * it ends, the set so far becomes a SetRecord handed to `onSetEnded`.
 */
import {
  COCO_KEYPOINT_NAMES,
  KEYPOINT_NAMES,
  SetAnalyzer,
  framesToPoseTrack,
  ms,
  parsePoseTrack,
  poseTrackToFrames,
  type FrameAnalysis,
  type PoseFrame,
} from '../../core';
import { PoseClient, PoseClientDisposedError, createPoseWorker, type InitReport } from '../../pose/client';
import { SetVideoRecorder } from '../../media/recorder';
import { LiveGauges } from './live-gauges';
import { drawLiveOverlay, faultFlags, type FaultFlags } from './live-overlay';
import { CameraError, listCameras, openCamera } from '../../media/camera';
import { HandsFreeSet, SET_END_STILL_MS, describeView, guidanceMessage, type SetEndReason } from './live-set';
import { LumaMeter, TOO_DARK_LUMA } from '../../media/luminance';
import { PoseLoop } from './pose-loop';
import type { SetRecord } from '../../domain/set-record';
import { loadSettings, saveSettings, type Settings } from '../../storage/settings';
import { RepTick, Speaker } from '../../ui-kit/speech';
import type { BackendChoice, ModelId } from '../../pose/models';

export interface LiveElements {
  screen: HTMLElement;
  start: HTMLButtonElement;
  /** The big in-set button: "Start set now" during set-up, "End set" during the set. */
  action: HTMLButtonElement;
  camera: HTMLSelectElement;
  model: HTMLSelectElement;
  backend: HTMLSelectElement;
  mirror: HTMLInputElement;
  voice: HTMLInputElement;
  volume: HTMLInputElement;
  status: HTMLElement;
  engine: HTMLElement;
  viewInfo: HTMLElement;
  frame: HTMLElement;
  video: HTMLVideoElement;
  overlay: HTMLCanvasElement;
  reps: HTMLElement;
  repCount: HTMLElement;
  cue: HTMLElement;
  gauges: HTMLElement;
}

export interface LiveAppOptions {
  /**
   * Called once per finished set (hands-free, Space/button, or cleanly after an error). `endNote`:
   * why the set ended when it was not the person's choice (camera lost, model failed), else null.
   */
  onSetEnded: (record: SetRecord, endNote: string | null) => void;
  /** Installs `window.squatCoachTest` (replay a track, kill the worker, read timings). */
  exposeTestHooks: boolean;
}

type StatusKind = 'info' | 'warn' | 'error';
type Mode = 'idle' | 'camera' | 'replay';

/** Period of the housekeeping tick, ms: status, lighting, camera and worker checks; twice a second is plenty for people. */
const LIVE_TICK_MS = 500;
/**
 * A frame with the worker this long, ms, means the worker hung: BlazePose heavy on wasm takes
 * ~0.14 s a frame here and even the cpu fallback ~4 s, so 6 s is no slow frame.
 */
export const WORKER_STALL_MS = 6000;
/** A pose older than this, ms, is not drawn: a frozen skeleton over live video misleads. */
const STALE_POSE_MS = 1000;
/** How long a passing notice ("Pose model restarted") stays before set-up guidance returns, ms. */
const NOTICE_MS = 4000;
/** How long the rep counter flashes after a rep, ms. */
const REP_FLASH_MS = 600;
/** Timing samples kept for the benchmark hooks (a few minutes at 20 fps). */
const MAX_STATS_SAMPLES = 5000;

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

const repsWord = (n: number): string => `${n} rep${n === 1 ? '' : 's'}`;

/** Timings for `npm run bench:live`, read through the test hooks. */
export interface LiveStats {
  /** Capture of a frame → its keypoints drawn, ms. */
  latencyMs: number[];
  /** Model time per frame inside the worker, ms. */
  inferenceMs: number[];
  cameraFrames: number;
  overlayDraws: number;
  poses: number;
  hasCaptureTime: boolean;
  workerRestarts: number;
}

export interface SquatCoachTestHooks {
  /** Feeds a pose-track/v1 through the live pipeline after the worker (no camera, no model). */
  replayTrack: (track: unknown, speed?: number) => Promise<number>;
  /** Terminates the current pose worker, as a crash would. */
  terminateWorker: () => void;
  stats: () => LiveStats;
  state: () => {
    mode: Mode;
    set: string;
    repCount: number;
    firstCaptureMs: number | null;
    guidance: string | null;
    calibrated: boolean;
    phase: string;
  };
}

export class LiveApp {
  #settings: Settings;
  #client: PoseClient | null = null;
  #worker: Worker | null = null;
  #loop: PoseLoop | null = null;
  #stream: MediaStream | null = null;
  /** The model loads as soon as the page opens, so pressing Start only waits for the camera. */
  #modelReady: Promise<InitReport | null>;
  #mode: Mode = 'idle';
  #analyzer = new SetAnalyzer();
  #flow = new HandsFreeSet();
  #frames: PoseFrame[] = [];
  #last: FrameAnalysis | null = null;
  #lastAtMs = 0;
  #flags: FaultFlags | null = null;
  #shownReps = 0;
  #recorder: SetVideoRecorder | null = null;
  /** performance.now() of analysis time 0 (the first frame's capture), or null before it. */
  #originMs: number | null = null;
  #startedAtWallMs = 0;
  #tickTimer = 0;
  #dark = false;
  #paused = false;
  #restarting = false;
  /** A message that outranks set-up guidance until cleared (paused, restarting, ended, errors). */
  #sticky: { text: string; kind: StatusKind } | null = null;
  #notice: { text: string; untilMs: number } | null = null;
  #viewText = '';
  #repFlashTimer = 0;
  readonly #luma = new LumaMeter();
  readonly #gauges: LiveGauges;
  readonly #speaker: Speaker;
  readonly #tick = new RepTick();
  readonly #stats: LiveStats = {
    latencyMs: [],
    inferenceMs: [],
    cameraFrames: 0,
    overlayDraws: 0,
    poses: 0,
    hasCaptureTime: false,
    workerRestarts: 0,
  };

  constructor(
    private readonly el: LiveElements,
    private readonly options: Partial<LiveAppOptions> = {},
  ) {
    this.#settings = loadSettings(location.search, safeLocalStorage());
    this.#speaker = new Speaker(this.#settings.voice, this.#settings.volume);
    this.#gauges = new LiveGauges(el.gauges);
    el.model.value = this.#settings.model;
    el.backend.value = this.#settings.backend;
    el.mirror.checked = this.#settings.mirror;
    el.voice.checked = this.#settings.voice;
    el.volume.value = String(Math.round(this.#settings.volume * 100));
    el.frame.classList.toggle('mirrored', this.#settings.mirror);
    el.start.addEventListener('click', () => void this.start());
    el.action.addEventListener('click', () => this.toggle());
    el.model.addEventListener('change', () => this.#update({ model: el.model.value as ModelId }, true));
    el.backend.addEventListener('change', () =>
      this.#update({ backend: el.backend.value as BackendChoice }, true),
    );
    el.mirror.addEventListener('change', () => {
      this.#update({ mirror: el.mirror.checked }, false);
      el.frame.classList.toggle('mirrored', el.mirror.checked);
    });
    el.voice.addEventListener('change', () => {
      this.#speaker.enabled = el.voice.checked;
      this.#update({ voice: el.voice.checked }, false);
    });
    el.volume.addEventListener('change', () => {
      const volume = Math.min(1, Math.max(0, Number(el.volume.value) / 100));
      this.#speaker.volume = volume;
      this.#update({ volume }, false);
    });
    el.camera.addEventListener('change', () => this.#update({ cameraId: el.camera.value || null }, false));
    document.addEventListener('keydown', this.#onKey);
    document.addEventListener('visibilitychange', this.#onVisibility);
    navigator.mediaDevices?.addEventListener?.('devicechange', () => void this.#fillCameras());
    void this.#fillCameras();
    this.#renderRepCount(0);
    this.#renderCue(null);
    this.#renderAction();
    this.#modelReady = this.#loadModel();
    if (options.exposeTestHooks) {
      (window as unknown as { squatCoachTest: SquatCoachTestHooks }).squatCoachTest = this.#testHooks();
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Settings and model
  // ------------------------------------------------------------------------------------------------

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

  async #fillCameras(): Promise<void> {
    let cams: MediaDeviceInfo[] = [];
    try {
      cams = await listCameras();
    } catch {
      cams = [];
    }
    const sel = this.el.camera;
    const options = [new Option('Default camera', '')];
    cams.forEach((c, i) => {
      // Labels stay empty until camera permission is granted; ids may be empty too.
      if (c.deviceId) options.push(new Option(c.label || `Camera ${i + 1}`, c.deviceId));
    });
    sel.replaceChildren(...options);
    sel.value = this.#settings.cameraId ?? '';
    if (sel.value !== (this.#settings.cameraId ?? '')) sel.value = '';
  }

  /** Loads the chosen model in a fresh worker; the loop switches to it only once it is ready. */
  async #loadModel(): Promise<InitReport | null> {
    const old = this.#client;
    const client = new PoseClient({
      createWorker: () => {
        const w = createPoseWorker();
        this.#worker = w;
        return w;
      },
    });
    this.#client = client;
    old?.dispose();
    const requested = this.#settings.model;
    if (this.#mode === 'idle') this.#status(`Loading the pose model (${requested})…`);
    try {
      const report = await client.init({
        model: requested,
        backend: this.#settings.backend,
        modelBaseUrl: '/models/',
      });
      if (client !== this.#client) return report;
      const fallbackNote = describeFallbacks(report, requested);
      this.el.engine.textContent = describeEngine(report) + (fallbackNote ? ` — ${fallbackNote}` : '');
      this.el.engine.dataset['backend'] = report.backend;
      this.el.engine.dataset['model'] = report.model;
      this.#loop?.setClient(client);
      if (fallbackNote !== null) this.#status(fallbackNote, 'warn');
      else if (this.#mode === 'idle')
        this.#status('Ready. Press “Start camera”. The camera is used only on this device.');
      return report;
    } catch (e) {
      if (client !== this.#client) return null;
      this.#status(
        `The pose model could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
        'error',
      );
      return null;
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Session life cycle
  // ------------------------------------------------------------------------------------------------

  /** Opens the camera and begins set-up; the set itself starts hands-free once the person is ready. */
  async start(): Promise<void> {
    if (this.#mode !== 'idle' || this.el.start.disabled) return;
    this.#tick.unlock();
    this.el.start.disabled = true;
    this.#sticky = null;
    try {
      this.#status('Starting the camera… If the browser asks, allow it: the video stays on this device.');
      let stream: MediaStream;
      try {
        stream = await openCamera(this.#settings.cameraId);
      } catch (e) {
        this.#status(
          e instanceof CameraError ? e.message : `The camera could not start: ${String(e)}`,
          'error',
        );
        return;
      }
      this.#stream = stream;
      const video = this.el.video;
      video.srcObject = stream;
      await video.play();
      this.#sizeStage(video.videoWidth, video.videoHeight);
      void this.#fillCameras();
      for (const track of stream.getVideoTracks()) {
        track.addEventListener('ended', () => this.#onCameraLost());
      }
      if (this.#client?.deadReason === null) this.#status('Loading the pose model…');
      const report = await this.#modelReady;
      const client = this.#client;
      if (report === null || client === null || stream !== this.#stream) {
        this.#stopCamera();
        return;
      }
      await client.reset().catch(() => undefined);
      this.#beginSession('camera');
      const recorder = new SetVideoRecorder();
      this.#recorder = recorder.start(stream) ? recorder : null;
      this.#loop = new PoseLoop(video, client, {
        onPose: (result, captureMs) => {
          this.#stats.inferenceMs.push(result.inferenceMs);
          this.#consume(result.pose, captureMs);
        },
        onCameraFrame: () => this.#onCameraFrame(),
        onWorkerError: (e) => {
          if (!(e instanceof PoseClientDisposedError)) void this.#restartWorker(e.message);
        },
      });
      this.#loop.start();
    } catch (e) {
      this.#status(`Something went wrong: ${e instanceof Error ? e.message : String(e)}`, 'error');
      this.#stopCamera();
    } finally {
      this.el.start.disabled = false;
      this.#renderAction();
    }
  }

  /** Space and the big button: start the camera, start the set now, or end it. */
  toggle(): void {
    if (this.#mode === 'idle') {
      void this.start();
    } else if (this.#flow.state === 'setup') {
      this.#flow.forceStart(this.#last?.repCount ?? 0);
      this.#onSetStarted();
    } else {
      void this.#endSet(null);
    }
  }

  #beginSession(mode: Mode): void {
    this.#mode = mode;
    this.#analyzer.reset();
    this.#flow = new HandsFreeSet();
    this.#frames = [];
    this.#last = null;
    this.#flags = null;
    this.#originMs = null;
    this.#shownReps = 0;
    this.#paused = false;
    this.#sticky = null;
    this.#notice = null;
    this.#viewText = '';
    this.#startedAtWallMs = Date.now();
    this.#renderRepCount(0);
    this.#renderCue(null);
    this.#gauges.reset();
    this.el.viewInfo.textContent = '';
    this.el.screen.classList.add('running');
    this.el.screen.dataset['set'] = 'setup';
    window.clearInterval(this.#tickTimer);
    this.#tickTimer = window.setInterval(() => this.#onTick(), LIVE_TICK_MS);
    this.#renderAction();
    this.#renderStatus();
  }

  #onSetStarted(): void {
    this.el.screen.dataset['set'] = 'active';
    this.#notice = {
      text: `Ready! Squat when you like. The set ends when you stand still for ${SET_END_STILL_MS / 1000} s or walk away (or press Space).`,
      untilMs: performance.now() + NOTICE_MS,
    };
    this.#renderAction();
    this.#renderStatus();
  }

  /**
   * Ends the set: stops the loop, the recorder and the camera, and hands the set so far to
   * `onSetEnded`. `message`: why it ended, when not by the person's choice.
   */
  async #endSet(
    reason: SetEndReason | null,
    message: { text: string; kind: StatusKind } | null = null,
  ): Promise<void> {
    if (this.#mode === 'idle') return;
    const mode = this.#mode;
    this.#mode = 'idle';
    this.#flow.end();
    this.#loop?.stop();
    this.#loop = null;
    window.clearInterval(this.#tickTimer);
    this.el.screen.classList.remove('running');
    this.el.screen.dataset['set'] = 'ended';
    const summary = this.#analyzer.summary();
    const n = summary.repCount;
    const why =
      reason === 'stood-still'
        ? 'You stood still, so the set ended. '
        : reason === 'walked-away'
          ? 'You walked away, so the set ended. '
          : '';
    this.#sticky = message ?? {
      text: `${why}Set done: ${repsWord(n)}. Press Start camera (or Space) for another set.`,
      kind: 'info',
    };
    this.#renderStatus();
    this.#renderAction();
    const video = (await this.#recorder?.stop()) ?? null;
    const recorderStartMs = this.#recorder?.startedAtMs ?? null;
    this.#recorder = null;
    if (mode === 'camera') this.#stopCamera();
    const withPerson = this.#frames.find((f) => f.keypoints !== null);
    if (withPerson === undefined) return;
    const names = withPerson.keypoints?.left_heel !== undefined ? KEYPOINT_NAMES : COCO_KEYPOINT_NAMES;
    const first = this.#frames[0];
    const lastFrame = this.#frames[this.#frames.length - 1];
    const spanMs = first && lastFrame ? lastFrame.tMs - first.tMs : 0;
    const record: SetRecord = {
      id: crypto.randomUUID(),
      startedAtMs: this.#startedAtWallMs,
      source: 'camera',
      fileName: null,
      summary,
      track: framesToPoseTrack(this.#frames, {
        width: withPerson.widthPx,
        height: withPerson.heightPx,
        fps: spanMs > 0 ? Number((((this.#frames.length - 1) * 1000) / spanMs).toFixed(2)) : 1,
        model: this.el.engine.dataset['model'] ?? this.#settings.model,
        keypointNames: names,
      }),
      video,
      videoOffsetMs:
        video !== null && recorderStartMs !== null && this.#originMs !== null
          ? this.#originMs - recorderStartMs
          : 0,
    };
    this.options.onSetEnded?.(record, message?.text ?? null);
  }

  #stopCamera(): void {
    for (const t of this.#stream?.getTracks() ?? []) t.stop();
    this.#stream = null;
    this.el.video.srcObject = null;
  }

  // ------------------------------------------------------------------------------------------------
  // Frames
  // ------------------------------------------------------------------------------------------------

  /** One pose from the model (or a replayed track): analysis, cues, reps, overlay. */
  #consume(pose: PoseFrame, captureMs: number): void {
    if (this.#mode === 'idle') return;
    this.#originMs ??= captureMs;
    const frame: PoseFrame = { ...pose, tMs: ms(captureMs - this.#originMs) };
    this.#frames.push(frame);
    const a = this.#analyzer.push(frame);
    this.#last = a;
    this.#lastAtMs = performance.now();
    this.#flags = a.keypoints === null ? null : faultFlags(a.metrics, a.cue?.id ?? null);
    if (a.repCount !== this.#shownReps) {
      if (a.repCount > this.#shownReps) this.#onRep();
      this.#shownReps = a.repCount;
      this.#renderRepCount(a.repCount);
    }
    this.#renderCue(a.cue);
    if (a.cueEvent !== null) this.#speaker.say(a.cueEvent.text);
    this.#gauges.update(a.keypoints === null ? null : a.metrics);
    const viewText = describeView(a.view);
    if (viewText !== this.#viewText) {
      this.#viewText = viewText;
      this.el.viewInfo.textContent = viewText;
    }
    const transition = this.#flow.push(a);
    if (transition === 'started') this.#onSetStarted();
    else if (transition !== null) void this.#endSet(transition);
    this.#draw();
    this.#stats.poses++;
    pushBounded(this.#stats.latencyMs, performance.now() - captureMs);
  }

  #onCameraFrame(): void {
    this.#stats.cameraFrames++;
    this.#draw();
  }

  #draw(): void {
    const canvas = this.el.overlay;
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    const fresh = this.#mode === 'replay' || performance.now() - this.#lastAtMs <= STALE_POSE_MS;
    const keypoints = fresh && !this.#restarting ? (this.#last?.keypoints ?? null) : null;
    const drawn = drawLiveOverlay(ctx, keypoints, this.#flags, this.#settings.mirror);
    this.#stats.overlayDraws++;
    canvas.dataset['keypointsDrawn'] = String(drawn);
    canvas.dataset['framesDrawn'] = String(this.#stats.overlayDraws);
  }

  #sizeStage(widthPx: number, heightPx: number): void {
    if (widthPx <= 0 || heightPx <= 0) return;
    this.el.overlay.width = widthPx;
    this.el.overlay.height = heightPx;
    this.el.frame.style.setProperty('--ar', String(widthPx / heightPx));
    this.el.frame.classList.toggle('portrait', heightPx > widthPx);
  }

  // ------------------------------------------------------------------------------------------------
  // Robustness
  // ------------------------------------------------------------------------------------------------

  #onTick(): void {
    if (this.#mode !== 'camera') {
      this.#renderStatus();
      return;
    }
    const track = this.#stream?.getVideoTracks()[0];
    // `track.stop()` from the page does not fire `ended`, and some drivers never do: poll too.
    if (track === undefined || track.readyState === 'ended') {
      this.#onCameraLost();
      return;
    }
    if (!this.#paused) {
      const luma = this.#luma.measure(this.el.video);
      this.#dark = luma !== null && luma < TOO_DARK_LUMA;
      const loop = this.#loop;
      if (loop !== null && loop.inFlightForMs(performance.now()) > WORKER_STALL_MS) {
        void this.#restartWorker(`no answer for ${WORKER_STALL_MS / 1000} s`);
      }
      if (loop !== null) this.#stats.hasCaptureTime = loop.hasCaptureTime;
    }
    this.#renderStatus();
  }

  #onCameraLost(): void {
    if (this.#mode !== 'camera') return;
    const n = this.#last?.repCount ?? 0;
    void this.#endSet(null, {
      text: `The camera stopped — it may have been unplugged or taken by another app. Your set so far (${repsWord(n)}) is saved. Reconnect it and press Start camera to go on.`,
      kind: 'error',
    });
  }

  #onVisibility = (): void => {
    if (this.#mode !== 'camera') return;
    const n = this.#last?.repCount ?? 0;
    if (document.visibilityState === 'hidden') {
      this.#paused = true;
      this.#loop?.stop();
      this.#sticky = {
        text: `Paused while this page is in the background. Your ${repsWord(n)} are kept; come back to carry on.`,
        kind: 'warn',
      };
    } else if (this.#paused) {
      this.#paused = false;
      this.#sticky = null;
      this.#flow.resume();
      this.#loop?.start();
      this.#notice = {
        text: `Welcome back: resumed with ${repsWord(n)}.`,
        untilMs: performance.now() + NOTICE_MS,
      };
    }
    this.el.screen.dataset['paused'] = String(this.#paused);
    this.#renderStatus();
  };

  /** The worker crashed or hung mid-set: a fresh worker takes over; the analysis and reps carry on. */
  async #restartWorker(reason: string): Promise<void> {
    if (this.#restarting || this.#mode !== 'camera') return;
    this.#restarting = true;
    this.#stats.workerRestarts++;
    const n = this.#last?.repCount ?? 0;
    this.#sticky = {
      text: `The pose model stopped (${reason}). Restarting it — your ${repsWord(n)} are kept.`,
      kind: 'warn',
    };
    this.#renderStatus();
    this.#modelReady = this.#loadModel();
    const report = await this.#modelReady;
    this.#restarting = false;
    if (this.#mode !== 'camera') return;
    if (report === null) {
      await this.#endSet(null, {
        text: `The pose model could not be restarted. Your set so far (${repsWord(n)}) is saved; reload the page to go on.`,
        kind: 'error',
      });
      return;
    }
    this.#sticky = null;
    this.#notice = {
      text: `Pose model restarted — carry on (${repsWord(n)} so far).`,
      untilMs: performance.now() + NOTICE_MS,
    };
    this.#renderStatus();
  }

  // ------------------------------------------------------------------------------------------------
  // Rendering
  // ------------------------------------------------------------------------------------------------

  #status(text: string, kind: StatusKind = 'info'): void {
    const s = this.el.status;
    if (s.textContent !== text) s.textContent = text;
    if (s.dataset['kind'] !== kind) {
      s.className = `status ${kind}`;
      s.dataset['kind'] = kind;
    }
  }

  /** Picks the one message that matters most right now. */
  #renderStatus(): void {
    if (this.#sticky !== null) return this.#status(this.#sticky.text, this.#sticky.kind);
    if (this.#mode === 'idle') return;
    const now = performance.now();
    if (this.#dark) {
      return this.#status('It is too dark to see you well. Turn on a light or face a window.', 'warn');
    }
    const a = this.#last;
    const n = a?.repCount ?? 0;
    const guide = a === null ? null : guidanceMessage(a, this.#flow.secondPersonSuspected);
    if (this.#flow.state === 'active' && a?.guidance === 'no-person') {
      return this.#status(
        `You left the frame. Step back into view to go on; your ${repsWord(n)} are kept.`,
        'warn',
      );
    }
    if (guide !== null) return this.#status(guide, 'warn');
    if (this.#notice !== null && now < this.#notice.untilMs) return this.#status(this.#notice.text);
    if (a === null) return this.#status('Looking for you… stand 2–3 m from the camera, whole body in view.');
    if (this.#flow.state === 'setup') {
      return this.#status('Good. Now stand tall and still for a second to calibrate…');
    }
    this.#status(
      `Set in progress: ${repsWord(n)}. Stand still for ${SET_END_STILL_MS / 1000} s or walk away to finish.`,
    );
  }

  #renderRepCount(n: number): void {
    this.el.repCount.textContent = String(n);
  }

  #renderCue(cue: FrameAnalysis['cue']): void {
    const el = this.el.cue;
    const id = cue?.id ?? '';
    if ((el.dataset['cueId'] ?? '') === id) return;
    el.textContent = cue?.text ?? '';
    if (cue === null) delete el.dataset['cueId'];
    else el.dataset['cueId'] = cue.id;
  }

  #onRep(): void {
    this.#tick.play(this.#settings.volume);
    const reps = this.el.reps;
    reps.classList.add('tick');
    window.clearTimeout(this.#repFlashTimer);
    this.#repFlashTimer = window.setTimeout(() => reps.classList.remove('tick'), REP_FLASH_MS);
  }

  #renderAction(): void {
    const b = this.el.action;
    b.hidden = this.#mode === 'idle';
    b.textContent = this.#flow.state === 'setup' ? 'Start set now' : 'End set';
  }

  #onKey = (e: KeyboardEvent): void => {
    if (e.code !== 'Space' || e.repeat || this.el.screen.hidden) return;
    const t = e.target;
    // Space already activates a focused button or toggles a checkbox; don't steal it from form fields.
    if (t instanceof HTMLElement && t.closest('button, input, select, textarea, a, [contenteditable]'))
      return;
    e.preventDefault();
    this.toggle();
  };

  // ------------------------------------------------------------------------------------------------
  // Test hooks (development builds and ?testhooks only)
  // ------------------------------------------------------------------------------------------------

  #testHooks(): SquatCoachTestHooks {
    return {
      replayTrack: async (json, speed = 1) => {
        const track = parsePoseTrack(json);
        await this.#endSet(null);
        this.#sizeStage(track.width, track.height);
        this.#beginSession('replay');
        const frames = poseTrackToFrames(track);
        const t0 = performance.now();
        const first = frames[0]?.tMs ?? 0;
        for (const f of frames) {
          if (this.#mode !== 'replay') break;
          const due = t0 + (f.tMs - first) / speed;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          this.#consume(f, f.tMs);
        }
        return this.#last?.repCount ?? 0;
      },
      terminateWorker: () => this.#worker?.terminate(),
      stats: () => ({
        ...this.#stats,
        latencyMs: [...this.#stats.latencyMs],
        inferenceMs: [...this.#stats.inferenceMs],
      }),
      state: () => ({
        mode: this.#mode,
        set: this.#flow.state,
        repCount: this.#last?.repCount ?? 0,
        firstCaptureMs: this.#originMs,
        guidance: this.#last?.guidance ?? null,
        calibrated: this.#last?.calibrated ?? false,
        phase: this.#last?.phase ?? 'unknown',
      }),
    };
  }
}

function pushBounded(xs: number[], v: number): void {
  xs.push(v);
  if (xs.length > MAX_STATS_SAMPLES) xs.shift();
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
