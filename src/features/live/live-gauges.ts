/**
 * Small live gauges, one per fault the coach watches, each with its cue threshold marked, saying in
 * plain words where the body part is ("left knee: over the foot"). A fault shows by its words, colour
 * and a thicker outline, never colour alone.
 */
import {
  cueRule,
  verdictOf,
  viewSupports,
  type CueId,
  type FrameMetrics,
  type Verdict,
  type View,
} from '../../core';

interface GaugeSpec {
  id: string;
  label: string;
  /** The cue whose limit the gauge marks and whose verdict colours it. */
  cue: CueId;
  /** Full scale of the bar, in the gauge's unit. */
  max: number;
  /** The plain words for this frame, by the core's verdict on the gauge's value. */
  words: (m: FrameMetrics, verdict: Verdict) => string;
  value: (m: FrameMetrics) => number | null;
}

const KNEES_OUT = cueRule('knees-out');
const HIPS_LEVEL = cueRule('hips-level');
const HIPS_BACK = cueRule('hips-back');

/** Full scale of each bar: twice the cue's limit keeps its tick mid-bar. */
const KNEE_SCALE_RATIO = 2 * KNEES_OUT.fireAt;
const HIP_DROP_SCALE_DEG = 2 * HIPS_LEVEL.fireAt;
/** Full scale of the weight gauge: the whole foot, ratio. */
const TOE_SHIFT_SCALE_RATIO = 1;

const KNEE_WORDS: Readonly<Record<Verdict, string>> = {
  within: 'over the foot',
  near: 'edging inside',
  past: 'inside the foot',
};
const WEIGHT_WORDS: Readonly<Record<Verdict, string>> = {
  within: 'mid-foot',
  near: 'toward the toes',
  past: 'on the toes',
};
const hipWords = (m: FrameMetrics, verdict: Verdict): string => {
  if (verdict === 'within') return 'level';
  const side = (m.pelvicDropDeg ?? 0) >= 0 ? 'left' : 'right';
  return verdict === 'near' ? `${side} side dipping` : `${side} hip dropping`;
};

/** One gauge per knee (the cue takes the worse one), so a one-sided fault shows where it is. */
export const GAUGES: readonly GaugeSpec[] = [
  {
    id: 'valgus-left',
    label: 'Left knee',
    cue: 'knees-out',
    max: KNEE_SCALE_RATIO,
    words: (_m, verdict) => KNEE_WORDS[verdict],
    value: (m) => m.kneeMedialDisplacementRatio.left,
  },
  {
    id: 'valgus-right',
    label: 'Right knee',
    cue: 'knees-out',
    max: KNEE_SCALE_RATIO,
    words: (_m, verdict) => KNEE_WORDS[verdict],
    value: (m) => m.kneeMedialDisplacementRatio.right,
  },
  {
    id: 'hip-drop',
    label: 'Hips',
    cue: 'hips-level',
    max: HIP_DROP_SCALE_DEG,
    words: hipWords,
    value: HIPS_LEVEL.value,
  },
  {
    id: 'toe-shift',
    label: 'Weight',
    cue: 'hips-back',
    max: TOE_SHIFT_SCALE_RATIO,
    words: (_m, verdict) => WEIGHT_WORDS[verdict],
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
      root.append(label, bar, text);
      container.append(root);
      this.#rows.set(g.id, { root, fill, text });
    }
    this.update(null);
  }

  /**
   * Updates the gauges in plain words. A gauge whose measure this camera view cannot give is hidden,
   * and all are while the view is unknown; a gated frame shows "—".
   */
  update(metrics: FrameMetrics | null, view: View = 'unknown'): void {
    for (const g of GAUGES) {
      const row = this.#rows.get(g.id);
      if (row === undefined) continue;
      const v = metrics === null ? null : g.value(metrics);
      const verdict = verdictOf(cueRule(g.cue), v);
      const text = metrics === null || verdict === null ? '—' : g.words(metrics, verdict);
      // Only what this view measures: none until the view is known, so no gauge shows "—" for a
      // measure the camera's angle cannot give.
      const hidden = view === 'unknown' || !viewSupports(view, cueRule(g.cue).metric);
      const key = `${text}|${hidden}`;
      if (this.#last.get(g.id) === key) continue;
      this.#last.set(g.id, key);
      row.text.textContent = text;
      row.root.hidden = hidden;
      row.root.classList.toggle('over', verdict === 'past');
      row.root.classList.toggle('unmeasured', v === null);
      row.fill.style.width = `${v === null ? 0 : Math.min(100, Math.max(0, (100 * v) / g.max))}%`;
    }
  }

  reset(): void {
    this.#last = new Map();
    this.update(null);
  }
}
