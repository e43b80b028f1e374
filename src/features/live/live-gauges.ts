/**
 * Small live gauges, one per fault the coach watches, each with its cue threshold marked. A value
 * past the threshold is shown by colour, a "past limit" word and a thicker outline, never colour alone.
 */
import { thresholds, type FrameMetrics } from '../../core';

interface GaugeSpec {
  id: string;
  label: string;
  /** Full scale of the bar, in the gauge's unit. */
  max: number;
  threshold: number;
  format: (v: number) => string;
  value: (m: FrameMetrics) => number | null;
}

const deg = (v: number): string => `${Math.round(v)}°`;
const pct = (v: number): string => `${Math.round(v * 100)}%`;

/** Hip drop as the cue judges it: beyond what perspective alone produces, deg ≥ 0. */
export const hipDropBeyondPerspectiveDeg = (m: FrameMetrics): number | null =>
  m.hipDropDeg === null ? null : Math.max(0, Math.abs(m.hipDropDeg) - (m.hipDropPerspectiveDeg ?? 0));

/** Full scale of the valgus gauges, deg: twice the cue threshold keeps the tick mid-bar. */
const VALGUS_SCALE_DEG = 2 * thresholds.KNEES_OUT_FIRE_DEG;
/** Full scale of the hip-drop gauge, deg. */
const HIP_DROP_SCALE_DEG = 2 * thresholds.HIPS_LEVEL_FIRE_DEG;

export const GAUGES: readonly GaugeSpec[] = [
  {
    id: 'valgus-left',
    label: 'Left knee in',
    max: VALGUS_SCALE_DEG,
    threshold: thresholds.KNEES_OUT_FIRE_DEG,
    format: deg,
    value: (m) => m.kneeValgusDeg.left,
  },
  {
    id: 'valgus-right',
    label: 'Right knee in',
    max: VALGUS_SCALE_DEG,
    threshold: thresholds.KNEES_OUT_FIRE_DEG,
    format: deg,
    value: (m) => m.kneeValgusDeg.right,
  },
  {
    id: 'hip-drop',
    label: 'Hip drop',
    max: HIP_DROP_SCALE_DEG,
    threshold: thresholds.HIPS_LEVEL_FIRE_DEG,
    format: deg,
    value: hipDropBeyondPerspectiveDeg,
  },
  {
    id: 'toe-shift',
    label: 'Weight to toes',
    max: 1,
    threshold: thresholds.HIPS_BACK_FIRE_RATIO,
    format: pct,
    value: (m) => m.toeShiftRatio,
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
      tick.style.left = `${(100 * g.threshold) / g.max}%`;
      bar.append(fill, tick);
      const text = document.createElement('span');
      text.className = 'gauge-value';
      text.title = `Cue at ${g.format(g.threshold)}`;
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
      const v = metrics === null ? null : g.value(metrics);
      const over = v !== null && v >= g.threshold;
      const text =
        v === null
          ? `— (limit ${g.format(g.threshold)})`
          : `${g.format(v)}${over ? ' past limit' : ''} / ${g.format(g.threshold)}`;
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
