/**
 * The live screen's view: renders a LiveState into the page (rep count, cue, gauges, view line,
 * the big button, the screen's data attributes) and draws the overlay. It decides nothing: what to
 * show comes from the state and live-session.ts's statusOf.
 */
import { countOf, type Keypoints } from '../../core';
import type { InitReport } from '../../pose/client';
import type { StepDownReport } from '../../pose/pose-engine';
import { LiveGauges } from './live-gauges';
import { drawLiveOverlay, faultFlagsOf, type FaultFlags } from './live-overlay';
import { repCountOf, type LiveState, type StatusLine } from './live-session';
import { describeView } from './live-set';
import { bodyFitsOutline, drawOutline } from './live-outline';
import type { WorkoutElements } from './workout-view';

export interface LiveElements {
  screen: HTMLElement;
  start: HTMLButtonElement;
  /** The big in-set button: "Start set now" during set-up, "End set" during the set. */
  action: HTMLButtonElement;
  camera: HTMLSelectElement;
  model: HTMLSelectElement;
  /** How deep a rep must go before "go a little lower" stays quiet. */
  depthTarget: HTMLSelectElement;
  backend: HTMLSelectElement;
  mirror: HTMLInputElement;
  voice: HTMLInputElement;
  volume: HTMLInputElement;
  status: HTMLElement;
  engine: HTMLElement;
  /** Says when a slow device got a faster model than the default (src/pose/model-step-down.ts). */
  modelNotice: HTMLElement;
  /** Advanced: forget the remembered backend and thread choice and time them again. */
  remeasure: HTMLButtonElement;
  viewInfo: HTMLElement;
  frame: HTMLElement;
  video: HTMLVideoElement;
  overlay: HTMLCanvasElement;
  reps: HTMLElement;
  repCount: HTMLElement;
  cue: HTMLElement;
  gauges: HTMLElement;
  /** Workout plan controls (set-up). */
  sets: HTMLSelectElement;
  repTarget: HTMLSelectElement;
  rest: HTMLSelectElement;
  speakReps: HTMLInputElement;
  /** Optional fullscreen for a phone on the floor. */
  fullscreen: HTMLButtonElement;
  workout: WorkoutElements;
}

/** How long the rep counter flashes after a rep, ms. */
const REP_FLASH_MS = 600;

export function describeEngine(r: InitReport): string {
  const threads = r.backend === 'wasm' ? `, ${countOf(r.wasmThreads, 'thread')}` : '';
  return `Model ${r.model} on ${r.backend}${threads} — ${r.reason}`;
}

export class LiveView {
  readonly #gauges: LiveGauges;
  #viewText = '';
  #repFlashTimer = 0;
  #framesDrawn = 0;
  /** What the overlay shows now, so a camera frame with nothing new repaints nothing. */
  #shown: { last: LiveState['last']; fresh: boolean; mirrored: boolean; outline: boolean } | null = null;

  constructor(private readonly el: LiveElements) {
    this.#gauges = new LiveGauges(el.gauges);
  }

  /** Everything but the status line (re-picked less often, see refreshesStatus). Cheap when unchanged. */
  render(s: LiveState): void {
    const el = this.el;
    const reps = String(repCountOf(s));
    if (el.repCount.textContent !== reps) el.repCount.textContent = reps;
    this.#renderCue(s.last?.cue ?? null);
    this.#gauges.update(
      s.last === null || s.last.keypoints === null ? null : s.last.metrics,
      s.last?.view ?? 'unknown',
    );
    const viewText = s.last === null ? '' : describeView(s.last.view);
    if (viewText !== this.#viewText) {
      this.#viewText = viewText;
      el.viewInfo.textContent = viewText;
    }
    el.action.hidden = s.mode === 'idle';
    const action = s.flow.state === 'setup' ? 'Start set now' : 'End set';
    if (el.action.textContent !== action) el.action.textContent = action;
    el.screen.classList.toggle('running', s.mode !== 'idle');
    // No data-set before the first set: the stylesheet hides the stage until there is a count to show.
    const set = s.mode !== 'idle' || s.flow.state === 'ended' ? s.flow.state : undefined;
    if (set !== undefined && el.screen.dataset['set'] !== set) el.screen.dataset['set'] = set;
    const paused = s.mode === 'camera' ? String(s.paused) : undefined;
    if (paused !== undefined && el.screen.dataset['paused'] !== paused) el.screen.dataset['paused'] = paused;
  }

  showStatus(line: StatusLine): void {
    const s = this.el.status;
    if (s.textContent !== line.text) s.textContent = line.text;
    if (s.dataset['kind'] !== line.kind) {
      s.className = `status ${line.kind}`;
      s.dataset['kind'] = line.kind;
    }
  }

  showEngine(report: InitReport, fallbackNote: string | null, stepDown: StepDownReport | null): void {
    const engine = this.el.engine;
    engine.textContent = describeEngine(report) + (fallbackNote ? ` — ${fallbackNote}` : '');
    engine.dataset['backend'] = report.backend;
    engine.dataset['model'] = report.model;
    engine.dataset['wasmThreads'] = String(report.backend === 'wasm' ? report.wasmThreads : 0);
    engine.dataset['stepDown'] = stepDown?.kind ?? 'none';
    const notice = this.el.modelNotice;
    notice.textContent = stepDown?.notice ?? '';
    notice.hidden = stepDown === null;
    // The Quality list shows the model in use, so picking the default again is a change (a choice).
    if (stepDown !== null && stepDown.kind !== 'kept-slow') this.el.model.value = report.model;
  }

  /** The model the worker runs, as last reported, or null before the first report. */
  get engineModel(): string | null {
    return this.el.engine.dataset['model'] ?? null;
  }

  /** A short flash of the rep counter. */
  flashRep(): void {
    const reps = this.el.reps;
    reps.classList.add('tick');
    window.clearTimeout(this.#repFlashTimer);
    this.#repFlashTimer = window.setTimeout(() => reps.classList.remove('tick'), REP_FLASH_MS);
  }

  /** Which thread reads the camera's frames (src/features/live/live-loop.ts), for tests and people. */
  showFramePath(path: string): void {
    this.el.overlay.dataset['framePath'] = path;
  }

  /**
   * The overlay for state `s`: its newest pose's keypoints unless stale (`fresh` false), with the
   * body outline during set-up. With `onlyIfChanged` (a camera frame), nothing is repainted when the
   * overlay already shows exactly this: the canvas keeps its pixels. Returns the keypoints drawn, or
   * null when nothing was drawn.
   */
  drawLive(s: LiveState, fresh: boolean, mirrored: boolean, onlyIfChanged: boolean): number | null {
    // The outline guides set-up; once the set starts, the person's squats would leave it anyway.
    const shown = { last: s.last, fresh, mirrored, outline: s.mode !== 'idle' && s.flow.state === 'setup' };
    const was = this.#shown;
    if (
      onlyIfChanged &&
      was !== null &&
      was.last === shown.last &&
      was.fresh === fresh &&
      was.mirrored === mirrored &&
      was.outline === shown.outline
    )
      return null;
    const keypoints = fresh && !s.restarting ? (s.last?.keypoints ?? null) : null;
    if (!this.drawOverlay(keypoints, faultFlagsOf(s.last), mirrored, shown.outline)) return null;
    this.#shown = shown;
    return Number(this.el.overlay.dataset['keypointsDrawn']);
  }

  /**
   * Clears and draws one overlay frame, with the body outline when `outline` (set-up); false when the
   * canvas has no 2D context.
   */
  drawOverlay(
    keypoints: Keypoints | null,
    flags: FaultFlags | null,
    mirrored: boolean,
    outline: boolean,
  ): boolean {
    const canvas = this.el.overlay;
    const ctx = canvas.getContext('2d');
    if (ctx === null) return false;
    const drawn = drawLiveOverlay(ctx, keypoints, flags, mirrored);
    const fit = outline ? bodyFitsOutline(keypoints, canvas.width, canvas.height) : null;
    if (fit !== null) drawOutline(ctx, fit);
    const outlineState = fit === null ? 'off' : fit ? 'fit' : 'out';
    if (canvas.dataset['outline'] !== outlineState) canvas.dataset['outline'] = outlineState;
    this.#framesDrawn++;
    canvas.dataset['keypointsDrawn'] = String(drawn);
    canvas.dataset['framesDrawn'] = String(this.#framesDrawn);
    return true;
  }

  /** Sizes the overlay to the source frame and the stage to its aspect ratio. */
  sizeStage(widthPx: number, heightPx: number): void {
    if (widthPx <= 0 || heightPx <= 0) return;
    this.el.overlay.width = widthPx;
    this.el.overlay.height = heightPx;
    this.el.frame.style.setProperty('--ar', String(widthPx / heightPx));
    this.el.frame.classList.toggle('portrait', heightPx > widthPx);
  }

  #renderCue(cue: { readonly id: string; readonly text: string } | null): void {
    const el = this.el.cue;
    const id = cue?.id ?? '';
    if ((el.dataset['cueId'] ?? '') === id) return;
    el.textContent = cue?.text ?? '';
    if (cue === null) delete el.dataset['cueId'];
    else el.dataset['cueId'] = cue.id;
  }
}
