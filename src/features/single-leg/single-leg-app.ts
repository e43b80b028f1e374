/**
 * The single-leg check screen's controller: camera, pose worker and loop (the shared src/pose and
 * src/media layers), the core's SingleLegAnalyzer, a ring of recent frames for the rep pictures, and
 * speech. It turns what happens into protocol events (protocol.ts, the pure reducer), renders, and
 * when the check is done builds the SingleLegRecord, saves it and shows the report.
 */
import {
  KEYPOINT_NAMES,
  SingleLegAnalyzer,
  fpsOf,
  framesToPoseTrack,
  keypointNamesOf,
  ms,
  type PoseFrame,
  type Side,
} from '../../core';
import type { RepFrame, SingleLegRecord } from '../../domain/single-leg-record';
import { CameraError, openCamera } from '../../media/camera';
import { PoseClientDisposedError } from '../../pose/client';
import { PoseEngine } from '../../pose/pose-engine';
import { PoseLoop } from '../../pose/pose-loop';
import type { HistoryStore } from '../../storage/history-db';
import { currentSettings } from '../../storage/settings';
import { Speaker } from '../../ui-kit/speech';
import { FrameRing } from './frame-ring';
import { grab, REP_FRAME_MAX_GAP_MS, toJpeg } from './rep-frames';
import { singleLegRecordFromFile } from './single-leg-file';
import type { PoseTrack } from '../../core/pose/pose-track';
import {
  INITIAL_PROTOCOL,
  isRunning,
  reduceProtocol,
  speechOf,
  type ProtocolEvent,
  type ProtocolState,
} from './protocol';
import { renderSingleLegReport } from './report-view';
import { SingleLegView } from './single-leg-view';

/**
 * A camera frame being copied: it enters the ring at once (in pose order), so a rep that ends before
 * the copy finishes still finds its peak frame; the copy is awaited only when the check is saved.
 */
class PendingFrame {
  readonly bitmap: Promise<ImageBitmap | null>;
  constructor(copy: Promise<ImageBitmap>) {
    this.bitmap = copy.catch(() => null);
  }
  close(): void {
    void this.bitmap.then((b) => b?.close());
  }
}

export const reportHash = (id: string): string => `#/single-leg/report/${encodeURIComponent(id)}`;

export class SingleLegApp {
  readonly view: SingleLegView;
  #state: ProtocolState = INITIAL_PROTOCOL;
  #engine: PoseEngine | null = null;
  #loop: PoseLoop | null = null;
  #stream: MediaStream | null = null;
  #analyzer = new SingleLegAnalyzer();
  #frames: PoseFrame[] = [];
  #ring = new FrameRing<PendingFrame>();
  #kept = new Map<string, { leg: Side; repIndex: number; tMs: number; frame: PendingFrame }>();
  #originMs: number | null = null;
  #startedAtWallMs = 0;
  #replaying = false;
  #mirror = true;
  #size = { widthPx: 0, heightPx: 0 };
  readonly #speaker: Speaker;
  /** The check shown in the report, if any. */
  shownId: string | null = null;
  /** Resolves when the last check has been saved and its report shown. */
  finished: Promise<void> = Promise.resolve();

  constructor(
    container: HTMLElement,
    private readonly store: Promise<HistoryStore | null>,
  ) {
    const s = currentSettings();
    this.#speaker = new Speaker(s.voice, s.volume);
    this.view = new SingleLegView(container);
    this.view.start.addEventListener('click', () => void this.start());
    this.view.finish.addEventListener('click', () => this.finishNow());
    this.view.render(this.#state);
  }

  get state(): ProtocolState {
    return this.#state;
  }

  /** Ends the check with the reps so far (the Finish button). */
  finishNow(): void {
    this.#dispatch({ type: 'finish' });
  }

  /** Loads the model in the background the first time the screen is shown. */
  warmUp(): void {
    if (this.#engine !== null) return;
    const s = currentSettings();
    this.#engine = new PoseEngine({
      loading: () => undefined,
      ready: (client, _r, note) => {
        this.#loop?.setClient(client);
        if (note !== null) this.view.say(note, 'warn');
      },
      failed: (m) => this.view.say(`The pose model could not be loaded: ${m}`, 'error'),
    });
    void this.#engine.load(s.model, s.backend);
  }

  #dispatch(e: ProtocolEvent): void {
    const before = this.#state;
    const after = reduceProtocol(before, e);
    this.#state = after;
    this.view.render(after);
    const words = speechOf(before, after);
    if (words !== null) this.#speaker.say(words);
    if (isRunning(before) && (after.phase === 'done' || after.phase === 'failed'))
      this.finished = this.#finish();
  }

  /** Opens the camera and starts the protocol; poses come from the model (or from `feedPose`, replaying). */
  async start(replay = false): Promise<void> {
    if (isRunning(this.#state) || this.#state.phase === 'starting') return;
    const settings = currentSettings();
    this.#mirror = settings.mirror;
    this.#speaker.enabled = settings.voice;
    this.#speaker.volume = settings.volume;
    this.#reset();
    this.#replaying = replay;
    this.#dispatch({ type: 'start' });
    try {
      this.#stream = await openCamera(settings.cameraId);
      this.view.video.srcObject = this.#stream;
      await this.view.video.play();
      for (const t of this.#stream.getVideoTracks())
        t.addEventListener('ended', () => this.#dispatch({ type: 'failed', text: 'The camera stopped.' }));
    } catch (e) {
      // A replay needs the camera only for pictures: without one the report has none.
      if (!replay) {
        this.#dispatch({ type: 'failed', text: e instanceof CameraError ? e.message : String(e) });
        return;
      }
    }
    const video = this.view.video;
    if (!replay) {
      this.view.sizeStage(video.videoWidth, video.videoHeight);
      this.warmUp();
      this.view.say('Loading the pose model…', 'info');
      const report = await this.#engine?.ready;
      const client = this.#engine?.client ?? null;
      if (report === null || report === undefined || client === null) {
        this.#dispatch({ type: 'failed', text: 'The pose model could not be loaded.' });
        return;
      }
      await client.reset().catch(() => undefined);
      this.#loop = new PoseLoop(video, client, {
        onPose: (r, captureMs) => this.feedPose(r.pose, captureMs),
        onCameraFrame: () => undefined,
        onWorkerError: (err) => {
          if (!(err instanceof PoseClientDisposedError))
            this.#dispatch({ type: 'failed', text: `The pose worker stopped: ${err.message}` });
        },
      });
      this.#loop.start();
      this.view.say('Camera and model ready. The video stays on this device.', 'info');
    }
    this.#dispatch({ type: 'camera-ready' });
  }

  #reset(): void {
    this.#analyzer = new SingleLegAnalyzer();
    this.#frames = [];
    this.#ring.clear();
    for (const k of this.#kept.values()) k.frame.close();
    this.#kept.clear();
    this.#originMs = null;
    this.#startedAtWallMs = Date.now();
  }

  /** Sets the size of the frames `feedPose` will bring (a replayed track's size). */
  sizeFor(widthPx: number, heightPx: number): void {
    this.#size = { widthPx, heightPx };
    this.view.sizeStage(widthPx, heightPx);
  }

  /** One pose (from the model, or replayed) captured at `captureMs` on the page clock. */
  feedPose(pose: PoseFrame, captureMs: number): void {
    if (!isRunning(this.#state)) return;
    this.#originMs ??= captureMs;
    const frame: PoseFrame = { ...pose, tMs: ms(captureMs - this.#originMs) };
    this.#size = { widthPx: frame.widthPx as number, heightPx: frame.heightPx as number };
    this.#frames.push(frame);
    const out = this.#analyzer.push(frame);
    const shot = grab(this.view.video);
    if (shot !== null) this.#ring.push(frame.tMs, new PendingFrame(shot));
    this.view.drawPose(out.keypoints, this.#mirror && !this.#replaying);
    if (out.note !== null) {
      this.#speaker.say(out.note.text);
      this.#dispatch({ type: 'note', text: out.note.text });
    }
    for (const leg of ['left', 'right'] as const) {
      if (out.repCount[leg] > this.#state.reps[leg]) this.#onRep(leg);
    }
    this.#dispatch({
      type: 'frame',
      personSeen: out.keypoints !== null,
      stance: out.stance,
      freeFootLifted: out.freeFootLifted,
      calibrated: out.calibrated,
    });
  }

  #onRep(leg: Side): void {
    const rep = this.#analyzer.summary().legs[leg].reps.at(-1);
    if (rep === undefined) return;
    const kept = this.#ring.keep(rep.bottomMs, REP_FRAME_MAX_GAP_MS);
    if (kept !== null)
      this.#kept.set(`${leg}:${rep.index}`, { leg, repIndex: rep.index, tMs: rep.bottomMs, frame: kept });
    this.#dispatch({
      type: 'rep',
      rep: { leg, index: rep.index, scored: rep.scored, reasons: rep.unscoredReasons },
    });
  }

  async #finish(): Promise<void> {
    this.#loop?.stop();
    this.#loop = null;
    for (const t of this.#stream?.getTracks() ?? []) t.stop();
    this.#stream = null;
    this.view.video.srcObject = null;
    const summary = this.#analyzer.summary();
    if (summary.legs.left.repCount + summary.legs.right.repCount === 0) {
      this.view.say(
        'No single-leg rep was counted, so there is no report. Press Start to try again.',
        'warn',
      );
      this.view.showSetup();
      return;
    }
    const repFrames: RepFrame[] = [];
    for (const k of this.#kept.values()) {
      const bmp = await k.frame.bitmap;
      if (bmp !== null)
        repFrames.push({ leg: k.leg, repIndex: k.repIndex, tMs: k.tMs, image: await toJpeg(bmp) });
      k.frame.close();
    }
    this.#kept.clear();
    this.#ring.clear();
    const record: SingleLegRecord = {
      kind: 'single-leg-check',
      id: crypto.randomUUID(),
      startedAtMs: this.#startedAtWallMs,
      source: 'camera',
      fileName: null,
      summary,
      track: framesToPoseTrack(this.#frames, {
        width: this.#size.widthPx,
        height: this.#size.heightPx,
        fps: Number((fpsOf(this.#frames) ?? 1).toFixed(3)),
        model: this.#replaying ? 'replay' : currentSettings().model,
        keypointNames: keypointNamesOf(this.#frames) ?? KEYPOINT_NAMES,
      }),
      repFrames,
    };
    await this.showRecord(record, true);
  }

  /** A video file analysed as a single-leg check (the file screen's mode choice): saved, then its report. */
  async analyseFile(track: PoseTrack, file: File, startedAtMs: number): Promise<void> {
    if (location.hash.startsWith('#/single-leg') === false) location.hash = '#/single-leg';
    this.view.say(`Taking the rep pictures from ${file.name}…`, 'info');
    const record = await singleLegRecordFromFile(track, file, startedAtMs);
    const legs = record.summary.legs;
    if (legs.left.repCount + legs.right.repCount === 0) {
      this.view.say(
        `No single-leg rep was found in ${file.name}: film one leg at a time, the other foot clearly off the floor, facing the camera. Nothing was saved.`,
        'warn',
      );
      return;
    }
    await this.showRecord(record, true);
  }

  /** Shows a check's report (and saves it first when `save`), at its own URL. */
  async showRecord(record: SingleLegRecord, save: boolean): Promise<void> {
    if (save) {
      const store = await this.store;
      try {
        if (store === null) throw new Error('history is unavailable in this browser');
        await store.checks.save(record);
        this.view.say('Saved to history. Guidance, not a diagnosis.', 'info');
      } catch (e) {
        this.view.say(`This check could not be saved: ${e instanceof Error ? e.message : String(e)}`, 'warn');
      }
    }
    this.#showReport(record);
    const hash = reportHash(record.id);
    if (location.hash !== hash) location.hash = hash;
  }

  /** Router: `#/single-leg/report/<id>` opens a saved check; plain `#/single-leg` the set-up. */
  async onShow(hash: string): Promise<void> {
    this.warmUp();
    const m = /^#\/?single-leg\/report\/(.+)$/.exec(hash);
    const id = m?.[1] ? decodeURIComponent(m[1]) : null;
    if (id === null && this.shownId !== null && !isRunning(this.#state)) {
      this.shownId = null;
      this.view.showSetup();
    }
    if (id === null || id === this.shownId) return;
    const record = (await (await this.store)?.checks.get(id)) ?? null;
    if (record === null) {
      this.view.say('This check is not in history (deleted, or saved in another browser).', 'warn');
      return;
    }
    this.#showReport(record);
  }

  #showReport(record: SingleLegRecord): void {
    this.shownId = record.id;
    this.view.showingReport();
    renderSingleLegReport(this.view.report, record, () => {
      this.shownId = null;
      this.view.showSetup();
      location.hash = '#/single-leg';
    });
  }
}
