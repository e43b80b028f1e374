import {
  CHEST_UP_CLEAR_DEG,
  CHEST_UP_FIRE_DEG,
  CUE_COOLDOWN_MS,
  CUE_DWELL_MS,
  CUE_MIN_SHOW_MS,
  DEPTH_TARGET_THIGH_DEG,
  HEELS_DOWN_CLEAR_RATIO,
  HEELS_DOWN_FIRE_RATIO,
  HIPS_BACK_CLEAR_RATIO,
  HIPS_BACK_FIRE_RATIO,
  HIPS_LEVEL_CLEAR_DEG,
  HIPS_LEVEL_FIRE_DEG,
  KNEE_INSIDE_FOOT_CLEAR_RATIO,
  KNEE_INSIDE_FOOT_FIRE_RATIO,
} from '../thresholds';
import type { CueEvent, CueId, FrameMetrics, MetricId, RepPhase } from '../types';
import { maxOrNull } from '../math/stats';
import { isPast, type Limit } from './verdict';

/** The cue vocabulary and default texts. */
export const CUE_TEXTS: Readonly<Record<CueId, string>> = {
  'knees-out': 'Drive your knees out',
  'hips-back': 'Sit your hips back',
  'hips-level': 'Keep your hips level',
  'go-lower': 'Go a little lower',
  'chest-up': 'Keep your chest up',
  'heels-down': 'Keep your heels down',
};

export const CUE_IDS = Object.keys(CUE_TEXTS) as readonly CueId[];

/** Cues that flag a form fault (go-lower is a depth target, not a fault). */
export const FAULT_CUE_IDS: readonly CueId[] = [
  'knees-out',
  'hips-back',
  'hips-level',
  'chest-up',
  'heels-down',
];

/** A cue: its limits (verdict.ts) on one metric, when it is live, and how its value is read. */
export interface CueRule extends Limit {
  readonly id: CueId;
  readonly metric: MetricId;
  /** Lower number wins when several cues qualify on the same frame. */
  readonly priority: number;
  readonly dwellMs: number;
  /** Rep phases in which the rule is live. */
  readonly phases: readonly RepPhase[];
  /** The metric value from a view-masked frame, or null (unsupported view, gated). */
  readonly value: (m: FrameMetrics) => number | null;
}

const LOADED: readonly RepPhase[] = ['descending', 'bottom', 'ascending'];

/** How deep a rep must go before it is not told to go lower (a setting; thigh angle, deg). */
export type DepthTarget = keyof typeof DEPTH_TARGET_THIGH_DEG;
export const DEPTH_TARGETS = Object.keys(DEPTH_TARGET_THIGH_DEG) as readonly DepthTarget[];
export const DEFAULT_DEPTH_TARGET: DepthTarget = 'parallel';
export const isDepthTarget = (v: unknown): v is DepthTarget =>
  typeof v === 'string' && (DEPTH_TARGETS as readonly string[]).includes(v);
/** Band above the target (deg of thigh angle) read as "near" it rather than clearly deep enough. */
const DEPTH_CLEAR_BAND_DEG = 5;

/** The go-lower limit on a rep's bottom thigh angle for a depth target. */
export const depthLimit = (target: DepthTarget): Limit => ({
  direction: 'below',
  fireAt: DEPTH_TARGET_THIGH_DEG[target],
  clearAt: target === 'any' ? 0 : DEPTH_TARGET_THIGH_DEG[target] + DEPTH_CLEAR_BAND_DEG,
});

/** Thigh angle of the shallower measured leg, deg: a rep is as deep as its shallower side. */
export const bottomThighDeg = (m: FrameMetrics): number | null =>
  m.thighAngleDeg.left === null
    ? m.thighAngleDeg.right
    : m.thighAngleDeg.right === null
      ? m.thighAngleDeg.left
      : Math.min(m.thighAngleDeg.left, m.thighAngleDeg.right);

export const CUE_RULES: readonly CueRule[] = [
  {
    id: 'knees-out',
    metric: 'kneeValgus',
    priority: 1,
    direction: 'above',
    fireAt: KNEE_INSIDE_FOOT_FIRE_RATIO,
    clearAt: KNEE_INSIDE_FOOT_CLEAR_RATIO,
    dwellMs: CUE_DWELL_MS,
    phases: LOADED,
    value: (m) => maxOrNull([m.kneeMedialDisplacementRatio.left, m.kneeMedialDisplacementRatio.right]),
  },
  {
    id: 'hips-level',
    metric: 'hipDrop',
    priority: 2,
    direction: 'above',
    fireAt: HIPS_LEVEL_FIRE_DEG,
    clearAt: HIPS_LEVEL_CLEAR_DEG,
    dwellMs: CUE_DWELL_MS,
    phases: LOADED,
    value: (m) => (m.pelvicDropDeg === null ? null : Math.abs(m.pelvicDropDeg)),
  },
  {
    id: 'heels-down',
    metric: 'heelRise',
    priority: 3,
    direction: 'above',
    fireAt: HEELS_DOWN_FIRE_RATIO,
    clearAt: HEELS_DOWN_CLEAR_RATIO,
    dwellMs: CUE_DWELL_MS,
    phases: LOADED,
    value: (m) => m.heelRiseRatio,
  },
  {
    id: 'hips-back',
    metric: 'toeShift',
    priority: 4,
    direction: 'above',
    fireAt: HIPS_BACK_FIRE_RATIO,
    clearAt: HIPS_BACK_CLEAR_RATIO,
    dwellMs: CUE_DWELL_MS,
    phases: LOADED,
    value: (m) => m.toeShiftRatio,
  },
  {
    id: 'chest-up',
    metric: 'trunkLean',
    priority: 5,
    direction: 'above',
    fireAt: CHEST_UP_FIRE_DEG,
    clearAt: CHEST_UP_CLEAR_DEG,
    dwellMs: CUE_DWELL_MS,
    phases: LOADED,
    value: (m) => m.trunkLeanDeg,
  },
  {
    id: 'go-lower',
    metric: 'depth',
    priority: 6,
    ...depthLimit(DEFAULT_DEPTH_TARGET),
    dwellMs: 0,
    // Judged once per rep, at its turn (SetAnalyzer), against the set's depth target: never from a
    // single frame, so a normal quick rep is judged as surely as a held one.
    phases: [],
    value: bottomThighDeg,
  },
];

/** The rule of one cue: its limits and how its value is read from a frame's metrics. */
export function cueRule(id: CueId): CueRule {
  const rule = CUE_RULES.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`no cue rule for ${id}`);
  return rule;
}

export interface CueUpdate {
  readonly active: { readonly id: CueId; readonly text: string } | null;
  readonly fired: CueEvent | null;
}

/**
 * Decides the live cue. A rule qualifies when its metric has stayed past its fire threshold for its
 * dwell, in a phase where it applies; among qualifying rules the highest priority fires, only if no cue
 * is showing and the same id did not fire within the cooldown. A showing cue clears once its metric
 * is back past the (looser) clear threshold, or no longer measurable, and it has been shown for
 * CUE_MIN_SHOW_MS. Values come from view-masked metrics, so an unsupported view or a gated keypoint
 * can never fire a cue.
 */
export class CueEngine {
  private readonly overSince = new Map<CueId, number>();
  private readonly lastFired = new Map<CueId, number>();
  private active: { id: CueId; sinceMs: number } | null = null;

  constructor(
    private readonly rules: readonly CueRule[] = CUE_RULES,
    private readonly texts: Readonly<Record<CueId, string>> = CUE_TEXTS,
  ) {}

  push(tMs: number, phase: RepPhase, metrics: FrameMetrics, rep: number | null): CueUpdate {
    const values = new Map<CueId, number | null>();
    for (const r of this.rules) {
      const v = r.phases.includes(phase) ? r.value(metrics) : null;
      values.set(r.id, v);
      if (v === null || !isPast(r, v, r.fireAt)) this.overSince.delete(r.id);
      else if (!this.overSince.has(r.id)) this.overSince.set(r.id, tMs);
    }
    if (this.active !== null) {
      const rule = this.rules.find((r) => r.id === this.active?.id);
      const v = values.get(this.active.id) ?? null;
      const stillBad = rule !== undefined && v !== null && isPast(rule, v, rule.clearAt);
      if (!stillBad && tMs - this.active.sinceMs >= CUE_MIN_SHOW_MS) this.active = null;
    }
    let fired: CueEvent | null = null;
    if (this.active === null) {
      const candidates = this.rules
        .filter((r) => {
          const since = this.overSince.get(r.id);
          const last = this.lastFired.get(r.id);
          return (
            since !== undefined &&
            tMs - since >= r.dwellMs &&
            (last === undefined || tMs - last >= CUE_COOLDOWN_MS)
          );
        })
        .sort((a, b) => a.priority - b.priority);
      const r = candidates[0];
      if (r !== undefined) {
        this.active = { id: r.id, sinceMs: tMs };
        this.lastFired.set(r.id, tMs);
        fired = {
          tMs,
          id: r.id,
          text: this.texts[r.id],
          rep,
          metric: r.metric,
          value: values.get(r.id) as number,
        };
      }
    }
    return {
      active: this.active === null ? null : { id: this.active.id, text: this.texts[this.active.id] },
      fired,
    };
  }

  /**
   * Fires `id` now, outside the frame-by-frame rules (the depth verdict at a rep's turn). It shows
   * only when no other cue is showing; it is returned either way, for the rep's record.
   */
  announce(tMs: number, id: CueId, rep: number | null, value: number): CueEvent {
    const rule = this.rules.find((r) => r.id === id);
    const event: CueEvent = { tMs, id, text: this.texts[id], rep, metric: rule?.metric ?? 'depth', value };
    if (this.active === null) {
      this.active = { id, sinceMs: tMs };
      this.lastFired.set(id, tMs);
    }
    return event;
  }

  reset(): void {
    this.overSince.clear();
    this.lastFired.clear();
    this.active = null;
  }
}
