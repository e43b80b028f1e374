/**
 * History of single-leg checks as plain data (pure): each leg's FPPA and pelvic drop over time, and
 * each check's line in the list. The smallest real change (Munro 2012) is drawn on the FPPA plot so a
 * change between sessions can be judged against it.
 */
import { thresholds, type SingleLegSummary } from '../../core';
import type { ChartSpec } from '../../ui-kit/chart';

export interface HistoryCheck {
  readonly id: string;
  readonly startedAtMs: number;
  readonly source: 'camera' | 'file';
  readonly fileName: string | null;
  readonly summary: SingleLegSummary;
}

/** Labelled checks on the x axis at most, so the labels never overlap. */
const MAX_X_LABELS = 8;

/** Each leg's mean FPPA (on the check's basis) and pelvic drop, one point per check, oldest first. */
export function checkTrendCharts(
  checks: readonly HistoryCheck[],
  dayLabel: (startedAtMs: number) => string,
): ChartSpec[] {
  if (checks.length === 0) return [];
  const every = Math.ceil(checks.length / MAX_X_LABELS);
  const base = {
    xRange: [-0.5, Math.max(0.5, checks.length - 0.5)] as const,
    xFormat: (i: number): string => {
      const c = checks[Math.round(i)];
      return c ? dayLabel(c.startedAtMs) : '';
    },
    xTicks: checks.map((_c, i) => i).filter((i) => i % every === 0),
    dots: true,
    heightPx: 110,
    yUnit: '°',
    emptyText: 'not measured',
  };
  const series = (pick: (s: SingleLegSummary, leg: 'left' | 'right') => number | null): ChartSpec['series'] =>
    (['left', 'right'] as const).map((leg) => ({
      label: `${leg} leg`,
      className: `s-${leg}`,
      points: checks.map((c, i): [number, number | null] => [i, pick(c.summary, leg)]),
    }));
  return [
    {
      ...base,
      title: 'Single-leg check: knee FPPA per leg (mean of scored reps)',
      yMin: 0,
      yMax: 20,
      series: series((s, leg) => s.legs[leg].fppaMeanDeg),
      thresholds: [{ y: thresholds.SINGLE_LEG_FPPA_PFP_MEAN_DEG, label: 'kneecap pain' }],
      caption: `Dashed line: ${thresholds.SINGLE_LEG_FPPA_PFP_MEAN_DEG}°, typical with kneecap pain (Herrington 2014).`,
    },
    {
      ...base,
      title: 'Single-leg check: pelvic drop on the lifted side per leg',
      yMin: 0,
      yMax: 10,
      series: series((s, leg) => s.legs[leg].pelvicDropMeanDeg),
      thresholds: [{ y: thresholds.HIPS_LEVEL_FIRE_DEG, label: 'not level' }],
      caption: `Dashed line: ${thresholds.HIPS_LEVEL_FIRE_DEG}°, the pelvis no longer level.`,
    },
  ];
}

const deg = (v: number | null): string => (v === null ? '—' : `${Math.round(v)}°`);

/** One check's line: per leg FPPA, pelvic drop and the rating's grade. */
export function checkItemText(c: HistoryCheck): string {
  const leg = (l: 'left' | 'right'): string => {
    const s = c.summary.legs[l];
    return `${l === 'left' ? 'L' : 'R'}: FPPA ${deg(s.fppaMeanDeg)}, pelvic drop ${deg(s.pelvicDropMeanDeg)}, ${s.rating.grade}`;
  };
  return `${leg('left')} · ${leg('right')}`;
}
