/**
 * History as plain data: saved sets grouped into sessions (the sets of one workout, or a lone set),
 * progress charts over real time (days and weeks), and each set's line in the list. Pure, so the
 * grouping, the axes and the wording are tested in Node; history-screen.ts draws them.
 */
import { countOf, cueRule, maxOrNull, setVerdict, verdictOf, type Side, type SetSummary } from '../../core';
import type { WorkoutRef } from '../../domain/set-record';
import type { ChartSpec } from '../../ui-kit/chart';

/** What the history needs of a saved set (a StoredSet or an ExportedSet). */
export interface HistorySet {
  readonly id: string;
  readonly startedAtMs: number;
  readonly source: 'camera' | 'file';
  readonly fileName: string | null;
  readonly summary: SetSummary;
  readonly workout?: WorkoutRef;
}

const DAY_MS = 86_400_000;
/** Up to this span the time axis is labelled by days, beyond it by weeks (a month of daily labels would crowd). */
const DAILY_AXIS_MAX_MS = 14 * DAY_MS;
/** At most this many x labels: at 12 px a "Nov 30" label is ~45 px, and a phone's plot is ~250 px. */
const MAX_X_LABELS = 5;
/** Room left of the first and right of the last session, as a share of the span (dots stay clear of the edge). */
const X_PAD_SHARE = 0.06;
/** Smallest padding either side, ms: half a day, so one day's sessions still spread out. */
const MIN_X_PAD_MS = DAY_MS / 2;
/** Progress plot height, CSS px. */
const TREND_HEIGHT_PX = 110;

/**
 * How far inside its foot line a knee sat in the worst complete rep, share of shin length (the value
 * knees-out judges, held for the cue dwell), or null when not measurable.
 */
export function peakKneeInsideRatio(s: Pick<HistorySet, 'summary'>, side?: Side): number | null {
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
 * Largest pelvic drop at the bottom with `side`'s hip the lower one, deg; 0 when hips were measured
 * but that hip was never the lower; null when no rep measured them.
 */
export function peakHipLowerDeg(s: Pick<HistorySet, 'summary'>, side: Side): number | null {
  const measured = s.summary.reps.map((r) => r.pelvicDropDeg).filter((d) => d !== null);
  if (measured.length === 0) return null;
  return Math.max(0, ...measured.filter((d) => d.lowerSide === side).map((d) => d.value));
}

/** The sets of one workout, or a lone set: one point per measure on the progress charts. */
export interface Session {
  /** The workout id, or the set's id for a set done on its own. */
  readonly key: string;
  readonly startedAtMs: number;
  /** In the order they were done. */
  readonly sets: readonly HistorySet[];
  readonly isWorkout: boolean;
  readonly reps: number;
  readonly cleanReps: number;
  /** Clean reps / reps, or null with no reps. */
  readonly cleanShare: number | null;
  readonly kneeInsideRatio: Readonly<Record<Side, number | null>>;
  readonly hipLowerDeg: Readonly<Record<Side, number | null>>;
}

const maxOverSets = (sets: readonly HistorySet[], f: (s: HistorySet) => number | null): number | null =>
  maxOrNull(sets.map(f));

/** Groups sets by `workout.id` (sets without one stand alone), oldest session first. */
export function sessionsOf(sets: readonly HistorySet[]): Session[] {
  const groups = new Map<string, HistorySet[]>();
  for (const s of [...sets].sort((a, b) => a.startedAtMs - b.startedAtMs)) {
    const key = s.workout?.id ?? s.id;
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.entries()].map(([key, g]) => {
    const ordered = g.sort((a, b) => (a.workout?.setIndex ?? 0) - (b.workout?.setIndex ?? 0));
    const verdicts = ordered.map((s) => setVerdict(s.summary));
    const reps = verdicts.reduce((n, v) => n + v.repCount, 0);
    const cleanReps = verdicts.reduce((n, v) => n + v.cleanReps, 0);
    return {
      key,
      startedAtMs: Math.min(...ordered.map((s) => s.startedAtMs)),
      sets: ordered,
      isWorkout: ordered[0]?.workout !== undefined,
      reps,
      cleanReps,
      cleanShare: reps === 0 ? null : cleanReps / reps,
      kneeInsideRatio: {
        left: maxOverSets(ordered, (s) => peakKneeInsideRatio(s, 'left')),
        right: maxOverSets(ordered, (s) => peakKneeInsideRatio(s, 'right')),
      },
      hipLowerDeg: {
        left: maxOverSets(ordered, (s) => peakHipLowerDeg(s, 'left')),
        right: maxOverSets(ordered, (s) => peakHipLowerDeg(s, 'right')),
      },
    };
  });
}

/** Local midnight at or before `ms`. */
const startOfDay = (ms: number): number => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

/** The x axis over [x0, x1]: local midnights (days) or Mondays (weeks), at most MAX_X_LABELS of them. */
export function timeTicks(x0: number, x1: number): { unit: 'day' | 'week'; ticks: number[] } {
  const unit = x1 - x0 <= DAILY_AXIS_MAX_MS ? 'day' : 'week';
  let first = startOfDay(x0);
  if (unit === 'week') {
    const d = new Date(first);
    d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // back to Monday
    first = d.getTime();
  }
  const all: number[] = [];
  for (let i = 0; ; i++) {
    const d = new Date(first);
    d.setDate(d.getDate() + i * (unit === 'day' ? 1 : 7)); // calendar steps: DST days are not 24 h
    const t = d.getTime();
    if (t > x1) break;
    if (t >= x0) all.push(t);
  }
  const every = Math.max(1, Math.ceil(all.length / MAX_X_LABELS));
  return { unit, ticks: all.filter((_t, i) => i % every === 0) };
}

/** Why there are no progress charts yet, or null when there are. */
export function trendsNote(sessions: readonly Session[]): string | null {
  if (sessions.length >= 2) return null;
  return `Progress charts appear once there are two sessions to compare (${countOf(sessions.length, 'session')} so far).`;
}

/**
 * The progress charts over time, one point per session: reps, clean-rep share, each knee against
 * its foot line and each hip's drop (worst rep). None with fewer than two sessions (see trendsNote).
 * `dayLabel` words a tick's time ("Nov 30").
 */
export function trendCharts(sessions: readonly Session[], dayLabel: (ms: number) => string): ChartSpec[] {
  if (sessions.length < 2) return [];
  const t0 = sessions[0]?.startedAtMs ?? 0;
  const t1 = sessions[sessions.length - 1]?.startedAtMs ?? 0;
  const pad = Math.max(MIN_X_PAD_MS, (t1 - t0) * X_PAD_SHARE);
  const xRange = [t0 - pad, t1 + pad] as const;
  const { unit, ticks } = timeTicks(xRange[0], xRange[1]);
  const base = {
    xRange,
    xFormat: (x: number) => (unit === 'week' ? `wk of ${dayLabel(x)}` : dayLabel(x)),
    xTicks: ticks,
    heightPx: TREND_HEIGHT_PX,
    dots: true,
  };
  const at = (f: (s: Session) => number | null): [number, number | null][] =>
    sessions.map((s) => [s.startedAtMs, f(s)]);
  const knees = cueRule('knees-out');
  const hips = cueRule('hips-level');
  const noData = 'Not measured yet: the knees and hips are seen from the front.';
  return [
    {
      ...base,
      title: 'Reps per session',
      yUnit: 'complete reps, all sets of a workout',
      yMin: 0,
      yMax: 5,
      series: [{ label: 'reps', className: 's-depth', points: at((s) => s.reps) }],
    },
    {
      ...base,
      title: 'Clean reps',
      yUnit: '% of reps with no cue',
      yMin: 0,
      yMax: 100,
      series: [
        {
          label: 'clean',
          className: 's-toe',
          points: at((s) => (s.cleanShare === null ? null : Math.round(s.cleanShare * 100))),
        },
      ],
    },
    {
      ...base,
      title: 'Knees against the feet, worst rep',
      yUnit: 'share of shin length inside the foot line',
      yMin: -0.1,
      yMax: 0.3,
      series: [
        { label: 'left', className: 's-left', points: at((s) => s.kneeInsideRatio.left) },
        { label: 'right', className: 's-right', points: at((s) => s.kneeInsideRatio.right) },
      ],
      thresholds: [{ y: knees.fireAt, label: 'knees out' }],
      caption: `Dashed line: “knees out” is cued past ${knees.fireAt} of a shin length inside the foot line.`,
      emptyText: noData,
    },
    {
      ...base,
      title: 'Hip drop, worst rep',
      yUnit: 'degrees, by the hip that was lower',
      yMin: 0,
      yMax: 10,
      series: [
        { label: 'left lower', className: 's-left', points: at((s) => s.hipLowerDeg.left) },
        { label: 'right lower', className: 's-right', points: at((s) => s.hipLowerDeg.right) },
      ],
      thresholds: [{ y: hips.fireAt, label: 'hips level' }],
      caption: `Dashed line: “hips level” is cued past ${hips.fireAt}° of drop.`,
      emptyText: noData,
    },
  ];
}

/** A session's heading in the list: "Workout · 2 of 3 sets · 14 reps, 11 clean". */
export function sessionHeading(s: Session): string {
  const planned = s.sets[0]?.workout?.setsPlanned;
  const sets =
    planned !== undefined && planned !== s.sets.length
      ? `${s.sets.length} of ${countOf(planned, 'set')}`
      : countOf(s.sets.length, 'set');
  return `${s.isWorkout ? 'Workout' : 'Set'} · ${s.isWorkout ? `${sets} · ` : ''}${countOf(s.reps, 'rep')}, ${s.cleanReps} clean`;
}

/** The words of one set's line in the list, after its date. */
export function itemTexts(s: Omit<HistorySet, 'id'> & { readonly videoBytes: number | null }): {
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
