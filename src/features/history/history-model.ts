/**
 * History as plain data: the trend plots across saved sets and each set's line in the list. Pure,
 * so the trends' thresholds and the list's wording are tested in Node; history-screen.ts draws them.
 */
import { countOf, cueRule, maxOrNull, type SetSummary } from '../../core';
import type { ChartSpec } from '../../ui-kit/chart';

/** What the history needs of a saved set (a StoredSet or an ExportedSet). */
export interface HistorySet {
  readonly startedAtMs: number;
  readonly source: 'camera' | 'file';
  readonly fileName: string | null;
  readonly summary: SetSummary;
}

/** Labelled sessions on the x axis at most, so the labels never overlap. */
const MAX_X_LABELS = 8;

/** Largest knee valgus of any complete rep of a set, deg, or null when not measurable. */
export function peakValgusDeg(s: Pick<HistorySet, 'summary'>): number | null {
  return maxOrNull(
    s.summary.reps.flatMap((r) => [r.kneeValgusPeakDeg?.left ?? null, r.kneeValgusPeakDeg?.right ?? null]),
  );
}

/** Largest hip drop (raw, at the peak) of any complete rep of a set, deg, or null. */
export const peakHipDropDeg = (s: Pick<HistorySet, 'summary'>): number | null =>
  maxOrNull(s.summary.reps.map((r) => r.hipDropPeakDeg?.value ?? null));

/**
 * The trend plots, one point per set in the given (oldest first) order; none for an empty history.
 * `dayLabel` words a set's start time for the x axis.
 */
export function trendCharts(
  sets: readonly Pick<HistorySet, 'startedAtMs' | 'summary'>[],
  dayLabel: (startedAtMs: number) => string,
): ChartSpec[] {
  if (sets.length === 0) return [];
  const day = (i: number): string => {
    const s = sets[Math.round(i)];
    return s ? dayLabel(s.startedAtMs) : '';
  };
  const every = Math.ceil(sets.length / MAX_X_LABELS);
  const base = {
    xRange: [-0.5, Math.max(0.5, sets.length - 0.5)] as const,
    xFormat: day,
    xTicks: sets.map((_s, i) => i).filter((i) => i % every === 0),
    dots: true,
  };
  const notMeasured = 'not measured (side-view sets)';
  return [
    {
      ...base,
      title: 'Peak knee valgus per session',
      yUnit: '°',
      heightUnits: 140,
      yMin: 0,
      yMax: 15,
      series: [
        { label: 'worst knee', className: 's-left', points: sets.map((s, i) => [i, peakValgusDeg(s)]) },
      ],
      thresholds: [{ y: cueRule('knees-out').fireAt, label: '“knees out”' }],
      emptyText: notMeasured,
    },
    {
      ...base,
      title: 'Peak hip drop per session',
      yUnit: '°',
      heightUnits: 120,
      yMin: 0,
      yMax: 12,
      // No threshold line: the cue judges the drop beyond the camera-angle allowance, which the
      // summary does not keep, so a line at the cue's value would mislead here.
      series: [{ label: 'hip drop', className: 's-hip', points: sets.map((s, i) => [i, peakHipDropDeg(s)]) }],
      emptyText: notMeasured,
    },
    {
      ...base,
      title: 'Reps per session',
      yUnit: '',
      heightUnits: 110,
      yMin: 0,
      yMax: 5,
      series: [{ label: 'reps', className: 's-depth', points: sets.map((s, i) => [i, s.summary.repCount]) }],
    },
  ];
}

/** The words of one set's line in the list, after its date. */
export function itemTexts(s: HistorySet & { readonly videoBytes: number | null }): {
  reps: string;
  what: string;
  valgus: string;
  video: string;
} {
  const valgus = peakValgusDeg(s);
  return {
    reps: countOf(s.summary.repCount, 'rep'),
    what: `${s.source === 'file' ? (s.fileName ?? 'video file') : 'camera'} · ${s.summary.view} view`,
    valgus: valgus === null ? '' : `peak valgus ${valgus.toFixed(1)}°`,
    video: s.videoBytes === null ? 'no video' : `video ${(s.videoBytes / 1e6).toFixed(1)} MB`,
  };
}
