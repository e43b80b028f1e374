/**
 * The camera screen's controller: turns what happens to the camera, the pose worker, the page and the
 * clock into events for the session reducer (live-session.ts), renders the new state (live-view.ts)
 * and performs the effects a transition asks for — stop the loop when the page hides, restart a
 * crashed worker, tear the session down and hand the set over when it ends.
 *
 * One session = camera on → set-up → set (hands-free or Space/button) → ended. When it ends, however
 * it ends, the set so far becomes a SetRecord handed to `onSetEnded`.
 */
import { DEFAULT_DEPTH_TARGET, type PoseFrame } from '../../core';
import { PoseClientDisposedError, type InitReport, type PoseClient } from '../../pose/client';
import { SetVideoRecorder } from '../../media/recorder';
import { CameraError, openCamera } from '../../media/camera';
import { LumaMeter } from '../../media/luminance';
import { tickEvents } from './live-housekeeping';
import { ScreenWakeLock } from '../../media/wake-lock';
import { loadSettings, safeLocalStorage, saveSettings, type Settings } from '../../storage/settings';
import { RepTick, Speaker } from '../../ui-kit/speech';
import {
  bindFullscreen,
  bindSettingsControls,
  bindSpaceKey,
  fillCameraList,
  showStream,
} from './live-controls';
import { buildCameraSetRecord } from './live-record';
import { WorkoutRunner } from './workout-runner';
import { planOf, workoutRefOf, workoutRunning } from './workout';
import { SetCapture } from './live-capture';
import './live.css';
import {
  INITIAL_LIVE_STATE,
  reduceLive,
  refreshesStatus,
  repCountOf,
  statusOf,
  type LiveEvent,
  type LiveMode,
  type LiveState,
  type StatusKind,
} from './live-session';
import { PoseEngine } from '../../pose/pose-engine';
import { LiveView, type LiveElements } from './live-view';
import type { LiveAppOptions, LiveObserver } from './live-app-types';
import type { LiveLoop, PoseLoopHooks } from '../../pose/pose-loop';
import { createLiveLoop } from './live-loop';
import { markStart, markStartOnce } from '../../pose/start-marks';

export type { LiveElements, LiveAppOptions, LiveObserver };

/** Period of the housekeeping tick, ms: status, lighting, camera and worker checks; twice a second is plenty for people. */
const LIVE_TICK_MS = 500;
/** A pose older than this, ms, is not drawn: a frozen skeleton over live video misleads. */
const STALE_POSE_MS = 1000;

export class LiveApp {
  #settings: Settings;
  /** The model loads as soon as the page opens, so pressing Start only waits for the camera. */
  readonly #engine: PoseEngine;
  #loop: LiveLoop | null = null;
  #stream: MediaStream | null = null;
  #state: LiveState = INITIAL_LIVE_STATE;
  /** The current (or last) set's analysis and poses. */
  #capture = new SetCapture(DEFAULT_DEPTH_TARGET);
  /** performance.now() when the newest pose arrived. */
  #lastPoseAtMs = 0;
  #recorder: SetVideoRecorder | null = null;
  #tickTimer = 0;
  /** The teardown of the last set, until it has handed the set over. */
  #ending: Promise<void> = Promise.resolve();
  #observer: LiveObserver = {};
  readonly #luma = new LumaMeter();
  readonly #view: LiveView;
  readonly #speaker: Speaker;
  readonly #tick = new RepTick();
  /** Keeps the screen on from camera start to the set's end (src/media/wake-lock.ts). */
  readonly #wakeLock = new ScreenWakeLock();
  readonly #workout: WorkoutRunner;
  /** The id of the last set handed over, shown if the workout ends during the rest after it. */
  #lastSetId: string | null = null;
  readonly #loopHooks: PoseLoopHooks = {
    onPose: (result, captureMs) => this.#consume(result.pose, captureMs, result.inferenceMs),
    onCameraFrame: () => this.#onCameraFrame(),
    onWorkerError: (e) => {
      if (e instanceof PoseClientDisposedError) return;
      this.#dispatch({ type: 'worker-restarting', reason: e.message });
    },
  };

  constructor(
    private readonly el: LiveElements,
    private readonly options: Partial<LiveAppOptions> = {},
  ) {
    this.#settings = loadSettings(location.search, safeLocalStorage());
    this.#speaker = new Speaker(this.#settings.voice, this.#settings.volume);
    this.#view = new LiveView(el);
    this.#workout = new WorkoutRunner(
      el.workout,
      { speaker: this.#speaker, tick: this.#tick, volume: () => this.#settings.volume },
      {
        // Deferred: asked from inside a dispatch (rep target reached), the set ends after it.
        endSet: () => queueMicrotask(() => this.#dispatch({ type: 'user-end-set' })),
        beginSet: () => void this.#nextSet(),
        finishedBetweenSets: () => {
          this.#stopCamera();
          if (this.#lastSetId !== null) this.options.showSet?.(this.#lastSetId);
        },
        live: () => ({ set: this.#state.flow.state, squat: this.#state.last?.phase ?? 'unknown' }),
      },
    );
    bindSettingsControls(el, this.#settings, (patch, reloadModel) => this.#update(patch, reloadModel));
    el.start.addEventListener('click', () => void this.start());
    // "Measure again" (Advanced): forget the remembered engine choice and time the candidates again.
    el.remeasure.addEventListener('click', () => void this.#loadModel(true));
    el.action.addEventListener('click', () => this.toggle());
    bindFullscreen(el.fullscreen, el.screen);
    bindSpaceKey(el.screen, () => this.toggle());
    document.addEventListener('visibilitychange', this.#onVisibility);
    navigator.mediaDevices?.addEventListener?.('devicechange', () => void this.#fillCameras());
    void this.#fillCameras();
    this.#view.render(this.#state);
    this.#engine = new PoseEngine({
      loading: (requested) => {
        if (this.#state.mode === 'idle') this.#say(`Loading the pose model (${requested})…`);
      },
      progress: (text) => {
        if (this.#state.mode === 'idle') this.#say(text);
      },
      ready: (client, report, fallbackNote, stepDown) => {
        this.#view.showEngine(report, fallbackNote, stepDown);
        this.#loop?.setClient(client);
        if (fallbackNote !== null) this.#say(fallbackNote, 'warn');
        else if (this.#state.mode === 'idle')
          this.#say('Ready. Press “Start camera”. The camera is used only on this device.');
      },
      failed: (message) => this.#say(`The pose model could not be loaded: ${message}`, 'error'),
    });
    void this.#loadModel();
  }

  // State -----------------------------------------------------------------------------------------

  /** The one way the state changes: reduce, render, then the effects the transition asks for. */
  #dispatch(event: LiveEvent): void {
    const before = this.#state;
    const after = reduceLive(before, event);
    this.#state = after;
    this.#view.render(after);
    if (refreshesStatus(event, before, after)) {
      const line = statusOf(after);
      if (line !== null) this.#view.showStatus(line);
    }
    if (repCountOf(after) > repCountOf(before)) {
      this.#tick.play(this.#settings.volume);
      this.#view.flashRep();
    }
    // Before the set's hand-over below: it asks the workout whether a rest follows.
    this.#workout.followLive(before, after, () => this.#capture.repFaults());
    if (before.paused !== after.paused) {
      if (after.paused) this.#loop?.stop();
      else this.#loop?.start();
    }
    if (!before.restarting && after.restarting) void this.#restartWorker();
    if (before.mode !== 'idle' && after.mode === 'idle') this.#ending = this.#finishSet(before.mode, after);
  }

  #say(text: string, kind: StatusKind = 'info'): void {
    this.#dispatch({ type: 'said', line: { text, kind } });
  }

  // Settings and model ----------------------------------------------------------------------------

  #update(patch: Partial<Settings>, reloadModel: boolean): void {
    this.#settings = { ...this.#settings, ...patch };
    if (patch.voice !== undefined) this.#speaker.enabled = patch.voice;
    if (patch.volume !== undefined) this.#speaker.volume = patch.volume;
    if (!saveSettings(this.#settings, safeLocalStorage())) {
      this.#say(
        'Settings could not be saved (storage full or blocked); they apply until you close the page.',
        'warn',
      );
    }
    if (reloadModel) void this.#loadModel();
  }

  /** Loads the model in a fresh worker (the loop takes it once ready); a default one may step down. */
  #loadModel(remeasure = false): Promise<InitReport | null> {
    const { model, backend, modelChosen } = this.#settings;
    const options = { mayStepDown: !modelChosen };
    if (remeasure) return this.#engine.remeasure(model, backend, options);
    return this.#engine.load(model, backend, options);
  }

  #fillCameras(): Promise<void> {
    return fillCameraList(this.el.camera, () => this.#settings.cameraId);
  }

  /** The worker crashed or hung mid-set: a fresh worker takes over; the analysis and reps carry on. */
  async #restartWorker(): Promise<void> {
    this.#observer.workerRestarted?.();
    // The model the set began with, whatever a step-down would say now.
    const report = await this.#engine.restart(this.#settings.model, this.#settings.backend);
    this.#dispatch(
      report === null
        ? { type: 'worker-restart-failed' }
        : { type: 'worker-restarted', nowMs: performance.now() },
    );
  }

  // Session life cycle ----------------------------------------------------------------------------

  /** Opens the camera and begins set-up; the set itself starts hands-free once the person is ready. */
  async start(): Promise<void> {
    if (this.#state.mode !== 'idle' || this.el.start.disabled || workoutRunning(this.#workout.state)) return;
    this.#tick.unlock();
    this.el.start.disabled = true;
    markStart('camera requested');
    try {
      this.#dispatch({
        type: 'camera-starting',
        text: 'Starting the camera… If the browser asks, allow it: the video stays on this device.',
      });
      let stream: MediaStream;
      try {
        stream = await openCamera(this.#settings.cameraId);
      } catch (e) {
        const text = e instanceof CameraError ? e.message : `The camera could not start: ${String(e)}`;
        this.#dispatch({ type: 'camera-denied', text });
        return;
      }
      this.#stream = stream;
      const video = this.el.video;
      await showStream(video, stream, () => this.#dispatch({ type: 'camera-lost' }));
      markStart('camera showing');
      this.#view.sizeStage(video.videoWidth, video.videoHeight);
      void this.#fillCameras();
      if (this.#engine.client?.deadReason === null) this.#say('Loading the pose model…');
      const report = await this.#engine.ready;
      const client = this.#engine.client;
      if (report === null || client === null || stream !== this.#stream) {
        this.#stopCamera();
        return;
      }
      this.#workout.send({ type: 'start', id: crypto.randomUUID(), plan: planOf(this.#settings) });
      await this.#beginCameraSet(stream, client);
    } catch (e) {
      this.#say(`Something went wrong: ${e instanceof Error ? e.message : String(e)}`, 'error');
      this.#stopCamera();
      // A workout that could not begin its set is over.
      this.#workout.send({ type: 'set-ended', repFaults: [], aborted: true, nowMs: performance.now() });
    } finally {
      this.el.start.disabled = false;
    }
  }

  /** The rest is over: the next set of the workout begins on the camera that stayed open. */
  async #nextSet(): Promise<void> {
    await this.#ending;
    const stream = this.#stream;
    const client = this.#engine.client;
    if (stream === null || client === null || this.#state.mode !== 'idle') return;
    await this.#beginCameraSet(stream, client);
  }

  /** A set on the open camera: fresh analysis, recorder and pose loop. */
  async #beginCameraSet(stream: MediaStream, client: PoseClient): Promise<void> {
    await client.reset().catch(() => undefined);
    this.#beginSession('camera');
    const recorder = new SetVideoRecorder();
    this.#recorder = recorder.start(stream) ? recorder : null;
    const { loop, path } = createLiveLoop(this.el.video, stream, client, this.#loopHooks, location.search);
    this.#view.showFramePath(path);
    this.#loop = loop;
    loop.start();
  }

  /** Space and the big button: start the camera, start the set now, or end it. */
  toggle(): void {
    const s = this.#state;
    if (this.#workout.state.phase === 'rest')
      this.#workout.fromUser({ type: 'skip-rest', nowMs: performance.now() });
    else if (s.mode === 'idle') void this.start();
    else if (s.flow.state === 'setup') this.#dispatch({ type: 'user-start-set', nowMs: performance.now() });
    else this.#dispatch({ type: 'user-end-set' });
  }

  #beginSession(mode: 'camera' | 'replay'): void {
    // A fresh analyser per session, with the depth target chosen now.
    this.#capture = new SetCapture(this.#settings.depthTarget);
    this.#dispatch({ type: 'session-began', mode });
    if (mode === 'camera') this.#wakeLock.hold();
    window.clearInterval(this.#tickTimer);
    this.#tickTimer = window.setInterval(() => this.#onTick(), LIVE_TICK_MS);
  }

  /**
   * The set ended (the state is idle again): stops the loop, the recorder and the camera, and hands
   * the set so far to `onSetEnded`.
   */
  async #finishSet(mode: LiveMode, ended: LiveState): Promise<void> {
    this.#wakeLock.release();
    this.#loop?.stop();
    this.#loop = null;
    window.clearInterval(this.#tickTimer);
    // Everything the record needs is taken now: a new session may begin while the recorder stops.
    const recorder = this.#recorder;
    this.#recorder = null;
    // Between the sets of a workout the camera stays on and the set is not shown yet.
    const resting = this.#workout.state.phase === 'rest';
    const workout = mode === 'camera' ? workoutRefOf(this.#workout.state) : undefined;
    const taken = this.#capture.take(crypto.randomUUID(), this.#view.engineModel ?? this.#settings.model);
    const video = (await recorder?.stop()) ?? null;
    if (mode === 'camera' && !resting) this.#stopCamera();
    const record = buildCameraSetRecord({
      ...taken,
      video,
      recorderStartMs: recorder?.startedAtMs ?? null,
      workout,
    });
    if (record === null) return;
    this.#lastSetId = record.id;
    this.options.onSetEnded?.(record, ended.endNote, !resting);
  }

  #stopCamera(): void {
    for (const t of this.#stream?.getTracks() ?? []) t.stop();
    this.#stream = null;
    this.el.video.srcObject = null;
  }

  // Frames ----------------------------------------------------------------------------------------

  /** One pose from the model (with its model time) or a replayed track: analysis, cue, reps, overlay. */
  #consume(pose: PoseFrame, captureMs: number, inferenceMs?: number): void {
    if (inferenceMs !== undefined) this.#observer.inference?.(inferenceMs);
    if (this.#state.mode === 'idle') return;
    markStartOnce('first pose');
    const a = this.#capture.push(pose, captureMs);
    this.#lastPoseAtMs = performance.now();
    if (a.cueEvent !== null) this.#speaker.say(a.cueEvent.text);
    this.#dispatch({ type: 'pose', analysis: a, nowMs: this.#lastPoseAtMs });
    this.#draw();
    this.#observer.pose?.(captureMs);
  }

  #onCameraFrame(): void {
    this.#observer.cameraFrame?.(this.#loop?.hasCaptureTime ?? false);
    this.#draw(true);
  }

  /** Repaints the overlay; on a camera frame (`onlyIfChanged`) only when what it shows changed. */
  #draw(onlyIfChanged = false): void {
    const s = this.#state;
    const fresh = s.mode === 'replay' || performance.now() - this.#lastPoseAtMs <= STALE_POSE_MS;
    const drawn = this.#view.drawLive(s, fresh, this.#settings.mirror, onlyIfChanged);
    if (drawn === null) return;
    if (drawn > 0) markStartOnce('first keypoints drawn');
    this.#observer.overlayDrawn?.();
  }

  // Robustness ------------------------------------------------------------------------------------

  #onTick(): void {
    const track = this.#stream?.getVideoTracks()[0];
    const probe = {
      trackEnded: track === undefined || track.readyState === 'ended',
      luma: () => this.#loop?.cameraLuma(performance.now()) ?? this.#luma.measure(this.el.video),
      inFlightMs: this.#loop?.inFlightForMs(performance.now()) ?? null,
    };
    for (const e of tickEvents(this.#state, probe, performance.now())) this.#dispatch(e);
    this.#draw(true); // A pose gone stale is cleared even when no camera frame repaints the overlay.
  }

  #onVisibility = (): void => {
    this.#dispatch(
      document.visibilityState === 'hidden'
        ? { type: 'hidden' }
        : { type: 'shown', nowMs: performance.now() },
    );
  };

  // Seams for the test hooks and benchmarks (live-test-hooks.ts) ----------------------------------

  get state(): LiveState {
    return this.#state;
  }

  /** performance.now() of the session's first capture (analysis time 0), or null before it. */
  get originMs(): number | null {
    return this.#capture.originMs;
  }

  observe(observer: LiveObserver): void {
    this.#observer = observer;
  }

  /** Ends any set (awaiting its hand-over), then begins a session fed by `feedPose`, not the camera. */
  async beginReplay(widthPx: number, heightPx: number): Promise<void> {
    this.#dispatch({ type: 'user-end-set' });
    await this.#ending;
    this.#view.sizeStage(widthPx, heightPx);
    this.#beginSession('replay');
  }

  /** One pose as if from the model, captured at `captureMs`. */
  feedPose(pose: PoseFrame, captureMs: number): void {
    this.#consume(pose, captureMs);
  }

  /** Terminates the current pose worker, as a crash would. */
  terminateWorker(): void {
    this.#engine.terminateWorker();
  }
}
