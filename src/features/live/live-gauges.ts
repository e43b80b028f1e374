/**
 * Small live gauges, one per fault the coach watches, each with its cue threshold marked. A value
 * past the threshold is shown by colour, a "past limit" word and a thicker outline, never colour alone.
 */
import { cueRule, verdictOf, type CueId, type FrameMetrics } from '../../core';

interface GaugeSpec {
  id: string;
  label: string;
  /** The cue whose limit the gauge marks and whose verdict colours it. */
  cue: CueId;
  /** Full scale of the bar, in the gauge's unit. */
  max: number;
  format: (v: number) => string;
  value: (m: FrameMetrics) => number | null;
}

const deg = (v: number): string => `${Math.round(v)}°`;
const pct = (v: number): string => `${Math.round(v * 100)}%`;

const KNEES_OUT = cueRule('knees-out');
const HIPS_LEVEL = cueRule('hips-level');
const HIPS_BACK = cueRule('hips-back');

/** Full scale of the valgus and hip-drop gauges: twice the cue threshold keeps the tick mid-bar, deg. */
const VALGUS_SCALE_DEG = 2 * KNEES_OUT.fireAt;
const HIP_DROP_SCALE_DEG = 2 * HIPS_LEVEL.fireAt;
/** Full scale of the toe-shift gauge: the whole foot, ratio. */
const TOE_SHIFT_SCALE_RATIO = 1;

/** One gauge per knee (the cue takes the worse one), so a one-sided fault shows where it is. */
export const GAUGES: readonly GaugeSpec[] = [
  {
    id: 'valgus-left',
    label: 'Left knee in',
    cue: 'knees-out',
    max: VALGUS_SCALE_DEG,
    format: deg,
    value: (m) => m.kneeValgusDeg.left,
  },
  {
    id: 'valgus-right',
    label: 'Right knee in',
    cue: 'knees-out',
    max: VALGUS_SCALE_DEG,
    format: deg,
    value: (m) => m.kneeValgusDeg.right,
  },
  {
    id: 'hip-drop',
    label: 'Hip drop',
    cue: 'hips-level',
    max: HIP_DROP_SCALE_DEG,
    format: deg,
    value: HIPS_LEVEL.value,
  },
  {
    id: 'toe-shift',
    label: 'Weight to toes',
    cue: 'hips-back',
    max: TOE_SHIFT_SCALE_RATIO,
    format: pct,
    value: HIPS_BACK.value,
  },
];

export class LiveGauges {
  readonly #rows = new Map<string, { root: HTMLElement; fill: HTMLElement; text: HTMLElement }>();
  #last = new Map<string, string>();

  constructor(container: HTMLElement) {
    container.replaceChildren();
    for (const g of GAUGES) {
      const root = document.createElement('div');
      root.className = 'gauge';
      root.dataset['gauge'] = g.id;
      const label = document.createElement('span');
      label.className = 'gauge-label';
      label.textContent = g.label;
      const bar = document.createElement('span');
      bar.className = 'gauge-bar';
      bar.setAttribute('aria-hidden', 'true');
      const fill = document.createElement('span');
      fill.className = 'gauge-fill';
      const tick = document.createElement('span');
      tick.className = 'gauge-tick';
      tick.style.left = `${(100 * cueRule(g.cue).fireAt) / g.max}%`;
      bar.append(fill, tick);
      const text = document.createElement('span');
      text.className = 'gauge-value';
      text.title = `Cue at ${g.format(cueRule(g.cue).fireAt)}`;
      root.append(label, bar, text);
      container.append(root);
      this.#rows.set(g.id, { root, fill, text });
    }
    this.update(null);
  }

  /** Updates the gauges; null metrics (not started) show every gauge as not measured. */
  update(metrics: FrameMetrics | null): void {
    for (const g of GAUGES) {
      const row = this.#rows.get(g.id);
      if (row === undefined) continue;
      const rule = cueRule(g.cue);
      const v = metrics === null ? null : g.value(metrics);
      const over = verdictOf(rule, v) === 'past';
      const limit = g.format(rule.fireAt);
      const text =
        v === null ? `— (limit ${limit})` : `${g.format(v)}${over ? ' past limit' : ''} / ${limit}`;
      if (this.#last.get(g.id) === text) continue;
      this.#last.set(g.id, text);
      row.text.textContent = text;
      row.root.classList.toggle('over', over);
      row.root.classList.toggle('unmeasured', v === null);
      row.fill.style.width = `${v === null ? 0 : Math.min(100, Math.max(0, (100 * v) / g.max))}%`;
    }
  }

  reset(): void {
    this.#last = new Map();
    this.update(null);
  }
}
