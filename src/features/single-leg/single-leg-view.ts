/**
 * The single-leg check screen's DOM: the mode choice, set-up text and Start, the camera stage with
 * the skeleton, the prompt (which leg stands, the other foot off the floor), reps per leg, the last
 * rep's scoring and the sparse note, then the report. Renders from the protocol state; owns no state.
 */
import type { Keypoints } from '../../core';
import { h } from '../../ui-kit/dom';
import { drawSkeleton } from '../../ui-kit/skeleton';
import '../../ui-kit/screens.css';
import { promptOf, REPS_PER_LEG, type ProtocolState } from './protocol';
import './single-leg.css';

/** Line width on the stage as a share of the frame's width (as the live overlay). */
const STAGE_LINE_RATIO = 1 / 160;

export class SingleLegView {
  readonly start: HTMLButtonElement;
  readonly finish: HTMLButtonElement;
  readonly video: HTMLVideoElement;
  readonly overlay: HTMLCanvasElement;
  readonly report: HTMLElement;
  readonly #setup: HTMLElement;
  readonly #stage: HTMLElement;
  readonly #headline: HTMLElement;
  readonly #detail: HTMLElement;
  /** Scored reps per leg (data-counted: every rep counted, scored or not). */
  readonly #reps: Record<'left' | 'right', HTMLElement>;
  readonly #unscored: Record<'left' | 'right', HTMLElement>;
  readonly #lastRep: HTMLElement;
  readonly #note: HTMLElement;
  readonly #status: HTMLElement;
  readonly #frame: HTMLElement;
  /** A report is on screen: the set-up stays hidden until "New check". */
  #reportShown = false;

  constructor(readonly container: HTMLElement) {
    this.start = h('button', {
      className: 'big',
      text: 'Start single-leg check',
      testid: 'single-leg-start',
    });
    this.start.type = 'button';
    this.finish = h('button', { text: 'Finish now', testid: 'single-leg-finish' });
    this.finish.type = 'button';
    this.video = h('video');
    this.video.muted = true;
    this.video.playsInline = true;
    this.overlay = h('canvas', { testid: 'single-leg-overlay' });
    this.overlay.setAttribute('aria-hidden', 'true');
    this.#headline = h('p', { className: 'prompt-headline', testid: 'single-leg-prompt' });
    this.#headline.setAttribute('aria-live', 'polite');
    this.#detail = h('p', { className: 'prompt-detail' });
    const counter = (leg: 'left' | 'right'): HTMLElement =>
      h('span', { testid: `single-leg-reps-${leg}`, text: '0' });
    this.#reps = { left: counter('left'), right: counter('right') };
    this.#unscored = { left: h('span', { className: 'label' }), right: h('span', { className: 'label' }) };
    this.#lastRep = h('p', { className: 'last-rep', testid: 'single-leg-last-rep' });
    this.#note = h('p', { className: 'cue', testid: 'single-leg-note' });
    this.#note.setAttribute('aria-live', 'assertive');
    this.#status = h('p', { className: 'status', testid: 'single-leg-status' });
    this.#status.setAttribute('role', 'status');
    this.report = h('div', { testid: 'single-leg-report-box' });

    this.#setup = h(
      'section',
      { className: 'setup' },
      modeChoice('single-leg'),
      h('h2', { text: 'Single-leg check' }),
      h('p', {
        className: 'explain',
        text: `A screening of hip and knee control, measured per leg. Prop the device 2–3 m away at hip height, facing you, whole body and feet in view. Hands on hips or arms crossed. Stand on your left leg, lift your right foot, do ${REPS_PER_LEG} slow single-leg squats as deep as is comfortable, then switch legs. The app speaks each step. Guidance, not a diagnosis.`,
      }),
      h('div', { className: 'controls' }, this.start),
      h('p', {
        className: 'muted',
        text: 'Have a video already? Choose "Single-leg check" on the Analyse a video screen.',
      }),
    );
    this.#frame = h('div', { className: 'frame' }, this.video, this.overlay);
    const frame = this.#frame;
    this.#stage = h(
      'section',
      { className: 'stage single-leg-stage' },
      frame,
      h(
        'div',
        { className: 'hud' },
        this.#headline,
        this.#detail,
        h(
          'div',
          { className: 'single-leg-counts', title: 'Scored reps per leg' },
          h('span', { className: 'label', text: 'Left leg ' }),
          this.#reps.left,
          this.#unscored.left,
          h('span', { className: 'label', text: ` of ${REPS_PER_LEG} · Right leg ` }),
          this.#reps.right,
          this.#unscored.right,
          h('span', { className: 'label', text: ` of ${REPS_PER_LEG} scored` }),
        ),
        this.#lastRep,
        this.#note,
        this.finish,
      ),
    );
    this.#stage.hidden = true;
    container.replaceChildren(
      h('div', { className: 'single-leg' }, this.#setup, this.#status, this.#stage, this.report),
    );
  }

  render(s: ProtocolState): void {
    const p = promptOf(s);
    this.#headline.textContent = p.headline;
    this.#detail.textContent = p.detail;
    this.container.dataset['phase'] = s.phase;
    this.#headline.dataset['phase'] = s.phase;
    this.#headline.dataset['leg'] = s.leg ?? '';
    for (const leg of ['left', 'right'] as const) {
      this.#reps[leg].textContent = String(s.scored[leg]);
      this.#reps[leg].dataset['counted'] = String(s.reps[leg]);
      const unscored = s.reps[leg] - s.scored[leg];
      this.#unscored[leg].textContent = unscored > 0 ? ` (+${unscored} not scored)` : '';
    }
    const r = s.lastRep;
    this.#lastRep.textContent =
      r === null
        ? ''
        : `${r.leg === 'left' ? 'Left' : 'Right'} leg rep ${r.index}: ${r.scored ? 'scored' : 'not scored — the lifted foot touched down or the foot hopped'}`;
    this.#lastRep.dataset['scored'] = r === null ? '' : String(r.scored);
    this.#note.textContent = s.note ?? '';
    const live = s.phase !== 'ready' && s.phase !== 'done' && s.phase !== 'failed';
    this.#stage.hidden = !live;
    this.#setup.hidden = live || this.#reportShown;
    if (live) this.#reportShown = false;
    this.start.disabled = s.phase === 'starting';
    if (s.phase === 'failed') this.say(s.error ?? 'The check stopped.', 'error');
  }

  say(text: string, kind: 'info' | 'warn' | 'error'): void {
    this.#status.textContent = text;
    this.#status.className = `status ${kind}`;
    this.#status.dataset['kind'] = kind;
  }

  /** Shows the set-up again, without a report. */
  showSetup(): void {
    this.#reportShown = false;
    this.report.replaceChildren();
    this.#setup.hidden = false;
    this.#stage.hidden = true;
  }

  /** A report fills the screen: the set-up and the stage are hidden until "New check". */
  showingReport(): void {
    this.#reportShown = true;
    this.#setup.hidden = true;
    this.#stage.hidden = true;
  }

  sizeStage(widthPx: number, heightPx: number): void {
    this.overlay.width = widthPx;
    this.overlay.height = heightPx;
    // The shared .frame rules size the stage from its aspect ratio (app/styles.css).
    if (widthPx > 0 && heightPx > 0) this.#frame.style.setProperty('--ar', String(widthPx / heightPx));
  }

  /** The skeleton over the video (source px), or a clear canvas with no person. */
  drawPose(keypoints: Keypoints | null, mirror: boolean): void {
    const ctx = this.overlay.getContext('2d');
    if (ctx === null) return;
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    this.overlay.style.transform = mirror ? 'scaleX(-1)' : '';
    this.video.style.transform = mirror ? 'scaleX(-1)' : '';
    if (keypoints === null) return;
    drawSkeleton(ctx, keypoints, {
      boneColor: () => '#4ade80',
      lineWidthPx: Math.max(3, this.overlay.width * STAGE_LINE_RATIO),
    });
  }
}

/** "Squat set" / "Single-leg check": links between the two camera screens (the same choice as on the file screen). */
export function modeChoice(current: 'squat' | 'single-leg'): HTMLElement {
  const link = (href: string, text: string, on: boolean): HTMLAnchorElement => {
    const a = h('a', { text, className: on ? 'mode on' : 'mode' });
    a.href = href;
    if (on) a.setAttribute('aria-current', 'true');
    return a;
  };
  const nav = h(
    'nav',
    { className: 'mode-choice', testid: 'mode-choice' },
    link('#/live', 'Squat set', current === 'squat'),
    link('#/single-leg', 'Single-leg check', current === 'single-leg'),
  );
  nav.setAttribute('aria-label', 'What to do');
  return nav;
}
