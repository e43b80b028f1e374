/**
 * "Analyse a recorded video": pick or drop a file → decoded with WebCodecs in a decode worker beside
 * the pose worker, analysed at the rate the movement needs (a <video> element where WebCodecs is
 * missing) → the same analysis and SetRecord as a live set. Progress shows frames done and time left;
 * Cancel stops at the next frame. Unreadable and person-less files end with a clear message and
 * produce no record.
 */
import type { InitReport, PoseClient } from '../../pose/client';
import { ModelLoader } from '../../pose/engine-loader';
import { pageStorage } from '../../pose/pose-engine';
import { VideoDecodeError } from '../../media/video-frames';
import type { BackendChoice, ModelId } from '../../pose/models';
import { currentSettings } from '../../storage/settings';
import { extractPoseTrack, type ExtractProgress } from './extract-track';
import { DECODE_PATH_LABELS } from './decode-path';
import type { FileSampling } from '../../pose/contract';
import { analyseTrack, type SetRecord } from '../../domain/set-record';
import type { PoseTrack } from '../../core/pose/pose-track';
import { countOf } from '../../core';
import './file.css';
import { h } from '../../ui-kit/dom';

/** Frames averaged for the time-left estimate: recent speed, without the model's warm-up frames. */
const ETA_WINDOW_FRAMES = 30;

export class FileScreen {
  readonly #input: HTMLInputElement;
  readonly #progressBox: HTMLElement;
  readonly #progressBar: HTMLProgressElement;
  readonly #progressText: HTMLElement;
  readonly #cancel: HTMLButtonElement;
  readonly #message: HTMLElement;
  #engineInUse: FileEngine | null = null;
  #abort: AbortController | null = null;
  /** "Squat set" or "Single-leg check": what the video shows, so which analysis its track goes to. */
  readonly #mode: HTMLSelectElement;

  constructor(
    container: HTMLElement,
    private readonly onResult: (record: SetRecord) => void,
    /** A single-leg check's track, handed to that check's own analysis and report. */
    private readonly onSingleLegTrack: (track: PoseTrack, file: File, startedAtMs: number) => void = () =>
      undefined,
  ) {
    this.#mode = h('select', { testid: 'file-mode' });
    this.#mode.append(new Option('Squat set', 'squat'), new Option('Single-leg check', 'single-leg'));
    this.#input = h('input', { testid: 'file-input' });
    this.#input.type = 'file';
    this.#input.accept = 'video/*,.mp4,.webm,.mov,.mkv';
    this.#input.id = 'file-input';
    const label = h('label', {}, 'Choose a video of your squats ', this.#input);
    const zone = h(
      'div',
      { className: 'drop-zone', testid: 'drop-zone' },
      label,
      h('p', {
        className: 'muted',
        text: 'or drop it here. It is analysed on this device and never uploaded.',
      }),
    );
    this.#progressBar = h('progress');
    this.#progressText = h('span', { testid: 'progress-text' });
    this.#cancel = h('button', { text: 'Cancel', testid: 'file-cancel' });
    this.#cancel.type = 'button';
    this.#progressBox = h(
      'div',
      { testid: 'progress' },
      this.#progressBar,
      this.#progressText,
      ' ',
      this.#cancel,
    );
    this.#progressBox.hidden = true;
    this.#message = h('p', { className: 'status', testid: 'file-message' });
    this.#message.setAttribute('role', 'status');
    container.replaceChildren(
      h(
        'div',
        { className: 'file-screen' },
        h('h2', { text: 'Analyse a recorded video' }),
        h('label', {}, 'The video shows ', this.#mode),
        h('p', {
          className: 'muted',
          text: 'Film from the front, back or side with your whole body, feet included, in view. Each frame goes through the same pose model and analysis as the live coach.',
        }),
        zone,
        this.#progressBox,
        this.#message,
      ),
    );

    this.#input.addEventListener('change', () => {
      const file = this.#input.files?.[0];
      if (file) void this.analyse(file);
    });
    this.#cancel.addEventListener('click', () => this.#abort?.abort());
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('dragging');
      const file = e.dataTransfer?.files[0];
      if (file) void this.analyse(file);
    });
  }

  #say(text: string, kind: 'info' | 'warn' | 'error'): void {
    this.#message.textContent = text;
    this.#message.className = `status ${kind}`;
    this.#message.dataset['kind'] = kind;
  }

  /**
   * The worker and model, loaded on first use and kept for the next file: the engine decision for
   * files (engine-decision.ts), measured on this device's first load and remembered, so a file gets
   * wasm threads where they pay off with the page idle.
   */
  #engine(): FileEngine {
    // The same choice as the live screen: URL, then saved settings, then defaults.
    const { model, backend } = currentSettings();
    const current = this.#engineInUse;
    const alive = current !== null && (current.client === null || current.client.deadReason === null);
    if (alive && current.model === model && current.backend === backend) return current;
    void current?.loaded.then((l) => l.client.dispose()).catch(() => undefined);
    const loader = new ModelLoader(pageStorage(), (text) => {
      this.#progressText.textContent = text;
    });
    const engine: FileEngine = {
      model,
      backend,
      client: null,
      loaded: loader.loadOwned(model, backend, 'file').then((r) => {
        engine.client = r.handle.client;
        return { client: r.handle.client, report: r.report };
      }),
    };
    // A load that failed is not kept: the next file tries again.
    engine.loaded.catch(() => {
      if (this.#engineInUse === engine) this.#engineInUse = null;
    });
    this.#engineInUse = engine;
    return engine;
  }

  async analyse(file: File): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#input.disabled = true;
    this.#progressBox.hidden = false;
    this.#progressBar.removeAttribute('value');
    this.#progressText.textContent = 'Loading the pose model…';
    this.#say(`Analysing ${file.name}…`, 'info');
    const startedAtMs = Date.now();
    try {
      const { client, report } = await this.#engine().loaded;
      const model = report.model;
      const engineText =
        report.backend === 'wasm' ? `wasm, ${countOf(report.wasmThreads, 'thread')}` : report.backend;
      this.#message.dataset['engine'] = engineText;
      const recent: number[] = [];
      // The squat analysis is shown to match at the adaptive rate (docs/file-analysis.md); the
      // single-leg check is not yet, so it keeps every frame.
      const sampling: FileSampling =
        this.#mode.value === 'single-leg' ? { kind: 'every-frame' } : { kind: 'adaptive' };
      const { track, stats } = await extractPoseTrack(file, client, model, {
        signal: abort.signal,
        onProgress: (p) => this.#progress(p, recent),
        onPath: (path) =>
          this.#say(
            path === 'webcodecs'
              ? `Analysing ${file.name}: ${DECODE_PATH_LABELS[path]}, ${sampling.kind === 'every-frame' ? 'every frame' : 'at the rate the movement needs'} (model on ${engineText}).`
              : `Analysing ${file.name}: ${DECODE_PATH_LABELS[path]} (this browser cannot decode it directly), every frame (model on ${engineText}).`,
            'info',
          ),
        sampling,
      });
      if (abort.signal.aborted) {
        this.#say('Cancelled. Nothing was saved.', 'info');
        return;
      }
      if (this.#mode.value === 'single-leg') {
        this.#say(`Done: ${file.name} goes to the single-leg check's report.`, 'info');
        this.onSingleLegTrack(track, file, startedAtMs);
        return;
      }
      const { summary, analyses } = analyseTrack(track, { depthTarget: currentSettings().depthTarget });
      if (summary.frames.withPerson === 0) {
        this.#say(
          `No person was found in ${file.name}. Film with your whole body, feet included, in view and enough light.`,
          'error',
        );
        return;
      }
      this.#say(`Done: ${countOf(summary.repCount, 'rep')} in ${file.name}.`, 'info');
      this.onResult({
        id: crypto.randomUUID(),
        startedAtMs,
        source: 'file',
        fileName: file.name,
        summary,
        track,
        video: file,
        videoOffsetMs: 0,
        analyses,
        decodedWith: DECODE_PATH_LABELS[stats.path],
      });
    } catch (e) {
      const text =
        e instanceof VideoDecodeError
          ? `${file.name}: ${e.message} Try another file (MP4/H.264 or WebM plays in most browsers).`
          : `${file.name} could not be analysed: ${e instanceof Error ? e.message : String(e)}`;
      this.#say(text, 'error');
    } finally {
      this.#progressBox.hidden = true;
      this.#input.disabled = false;
      this.#input.value = '';
      if (this.#abort === abort) this.#abort = null;
    }
  }

  #progress(p: ExtractProgress, recent: number[]): void {
    recent.push(performance.now());
    if (recent.length > ETA_WINDOW_FRAMES) recent.shift();
    const total = p.framesTotal;
    if (total === null || total <= 0) {
      this.#progressText.textContent = `${p.framesDone} frames`;
      return;
    }
    this.#progressBar.max = total;
    this.#progressBar.value = Math.min(p.framesDone, total);
    const first = recent[0] ?? 0;
    const last = recent[recent.length - 1] ?? 0;
    const msPerFrame = recent.length > 1 ? (last - first) / (recent.length - 1) : null;
    const leftS = msPerFrame === null ? null : (Math.max(0, total - p.framesDone) * msPerFrame) / 1000;
    this.#progressText.textContent = `${p.framesDone} / ${total} frames${
      leftS === null ? '' : ` · about ${Math.ceil(leftS)} s left`
    } `;
  }
}

/** The file screen's pose worker: loading, then its client and the report of what it runs. */
interface FileEngine {
  readonly model: ModelId;
  readonly backend: BackendChoice;
  /** The client once loaded (null before): a dead one makes the next file load afresh. */
  client: PoseClient | null;
  readonly loaded: Promise<{ client: PoseClient; report: InitReport }>;
}
