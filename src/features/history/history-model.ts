/**
 * History as plain data: the trend plots across saved sets and each set's line in the list. Pure,
 * so the trends' thresholds and the list's wording are tested in Node; history-screen.ts draws them.
 */
import { countOf, cueRule, maxOrNull, verdictOf, type SetSummary } from '../../core';
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

/**
 * How far inside its foot line a knee sat in the set's worst complete rep, share of shin length
 * (the value knees-out judges, held for the cue dwell), or null when not measurable.
 */
export function peakKneeInsideRatio(s: Pick<HistorySet, 'summary'>, side?: 'left' | 'right'): number | null {
  return maxOrNull(
    s.summary.reps.flatMap((r) =>
      side === undefined
        ? [r.kneeInsideFootRatio?.left ?? null, r.kneeInsideFootRatio?.right ?? null]
        : [r.kneeInsideFootRatio?.[side] ?? null],
    ),
  );
}

/** Largest sustained pelvic drop (camera-angle share removed) of any complete rep, deg, or null. */
export const peakPelvicDropDeg = (s: Pick<HistorySet, 'summary'>): number | null =>
  maxOrNull(s.summary.reps.map((r) => r.faults['hips-level']?.value ?? null));

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
      title: 'Knee inside the foot line, worst rep per session',
      yUnit: 'shin lengths',
      heightUnits: 140,
      yMin: -0.1,
      yMax: 0.3,
      series: [
        {
          label: 'left',
          className: 's-left',
          points: sets.map((s, i) => [i, peakKneeInsideRatio(s, 'left')]),
        },
        {
          label: 'right',
          className: 's-right',
          points: sets.map((s, i) => [i, peakKneeInsideRatio(s, 'right')]),
        },
      ],
      thresholds: [{ y: cueRule('knees-out').fireAt, label: '“knees out”' }],
      emptyText: notMeasured,
    },
    {
      ...base,
      title: 'Hip drop, worst rep per session',
      yUnit: '°',
      heightUnits: 120,
      yMin: 0,
      yMax: 12,
      series: [
        { label: 'hip drop', className: 's-hip', points: sets.map((s, i) => [i, peakPelvicDropDeg(s)]) },
      ],
      thresholds: [{ y: cueRule('hips-level').fireAt, label: '“hips level”' }],
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
  const inside = peakKneeInsideRatio(s);
  const knees = verdictOf(cueRule('knees-out'), inside);
  return {
    reps: countOf(s.summary.repCount, 'rep'),
    what: `${s.source === 'file' ? (s.fileName ?? 'video file') : 'camera'} · ${s.summary.view} view`,
    valgus: knees === null ? '' : knees === 'past' ? 'knees caved inside the feet' : 'knees over the feet',
    video: s.videoBytes === null ? 'no video' : `video ${(s.videoBytes / 1e6).toFixed(1)} MB`,
  };
}
