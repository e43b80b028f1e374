/**
 * The review of one set as plain data: a row of judged cells per rep, the worst rep, the plots
 * (series, rep bands, cue thresholds and markers) and the pattern report. Pure, so every judgement
 * the review screen shows is tested in Node; review-view.ts only draws this model.
 *
 * Every cell's verdict is the core's `verdictOf(cueRule(id), value)`: the review table, the plots
 * and the live cues judge the same value against the same limits.
 */
import {
  bottomThighDeg,
  countOf,
  cueRule,
  DEFAULT_DEPTH_TARGET,
  depthLimit,
  nounFor,
  verdictOf,
  type CueId,
  type FrameAnalysis,
  type RepSummary,
  type SetSummary,
  type Verdict,
} from '../../core';
import { patternReport, worstRepIndex, type PatternReport } from '../../core/coaching/patterns';
import { analyseTrack, type SetRecord } from '../../domain/set-record';
import type { Band, ChartSpec, Marker } from '../../ui-kit/chart';
import { CUE_PRESENTATION } from '../../ui-kit/cue-presentation';

/** The measured columns of the rep table, in order. */
export const MEASURE_COLUMNS = ['depth', 'kneeLeft', 'kneeRight', 'hipDrop', 'weight', 'trunkLean'] as const;
export type MeasureColumn = (typeof MEASURE_COLUMNS)[number];

/** The cue whose limit judges each column. */
export const COLUMN_CUE: Readonly<Record<MeasureColumn, CueId>> = {
  depth: 'go-lower',
  kneeLeft: 'knees-out',
  kneeRight: 'knees-out',
  hipDrop: 'hips-level',
  weight: 'hips-back',
  trunkLean: 'chest-up',
};

/** One measured value of a rep, as shown, with the core's verdict on it (null: not measured). */
export interface ReviewCell {
  readonly text: string;
  readonly verdict: Verdict | null;
  /** The cue threshold in words, for the cell's tooltip. */
  readonly threshold: string;
}

export interface ReviewRow {
  readonly rep: RepSummary;
  readonly worst: boolean;
  readonly cells: Readonly<Record<MeasureColumn, ReviewCell>>;
  /** "↓1.2 s · 0.4 s · ↑1.0 s": down, at the bottom, up. */
  readonly tempoText: string;
  /** The cues the rep fired, by their short names, or "—". */
  readonly cuesText: string;
}

export interface ReviewModel {
  readonly repCount: number;
  /** "rep" or "reps", after the big rep count. */
  readonly repNoun: string;
  /** Source, view, duration and partial reps, shown after the set's date. */
  readonly details: string;
  readonly rows: readonly ReviewRow[];
  /** Index of the worst complete rep, or null with fewer than two reps (nothing to compare). */
  readonly worstRep: number | null;
  readonly pattern: PatternReport;
  readonly charts: readonly ChartSpec[];
  /** The set's frame analyses, in time order, for the replay. */
  readonly analyses: readonly FrameAnalysis[];
  /** Complete and partial reps by index, for the replay's "rep n" line. */
  readonly allReps: readonly RepSummary[];
}

/** The `data-level` of a table cell per verdict; the e2e tests and the stylesheet read these names. */
export type CellLevel = 'ok' | 'warn' | 'bad' | 'na';
const LEVEL_OF: Readonly<Record<Verdict, CellLevel>> = { within: 'ok', near: 'warn', past: 'bad' };
export const levelOf = (verdict: Verdict | null): CellLevel => (verdict === null ? 'na' : LEVEL_OF[verdict]);

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const fmt = (v: number | null | undefined, digits: number, unit = ''): string =>
  v === null || v === undefined ? '—' : `${v.toFixed(digits)}${unit}`;

const shortLabel = (id: CueId): string => CUE_PRESENTATION[id].shortLabel;

/** Complete and partial reps in index order. */
const allRepsOf = (summary: SetSummary): RepSummary[] =>
  [...summary.reps, ...summary.partials].sort((a, b) => a.index - b.index);

/** The set's per-frame analyses: the ones the record carries, or one analysis of its track. */
export function analysesOf(
  record: Pick<SetRecord, 'track' | 'analyses' | 'summary'>,
): readonly FrameAnalysis[] {
  return (
    record.analyses ??
    analyseTrack(record.track, { depthTarget: record.summary.depthTarget ?? DEFAULT_DEPTH_TARGET }).analyses
  );
}

/** Plain words for where a knee sits against its foot line, by the core's verdict. */
const KNEE_WORDS: Readonly<Record<Verdict, string>> = {
  within: 'over foot',
  near: 'edging inside',
  past: 'inside foot',
};

/**
 * The measured cells of one rep. Each verdict is the rep's own (RepSummary.faults): the value its
 * cue's metric held for the cue dwell, judged by the core. The table therefore says "past" exactly
 * where the rep's cues, the plots' markers and the pattern say so.
 */
export function repCells(rep: RepSummary): Record<MeasureColumn, ReviewCell> {
  const knees = cueRule('knees-out');
  const level = cueRule('hips-level');
  const back = cueRule('hips-back');
  const chest = cueRule('chest-up');
  const depthTarget = depthLimit(rep.depth.target);
  const faultOf = (id: CueId): Verdict | null => rep.faults[id]?.verdict ?? null;

  const knee = (side: 'left' | 'right'): ReviewCell => {
    const ratio = rep.kneeInsideFootRatio?.[side] ?? null;
    const fppa = rep.kneeValgusDeg?.[side] ?? null;
    const verdict = verdictOf(knees, ratio);
    const words = verdict === null ? '—' : KNEE_WORDS[verdict];
    return {
      text: fppa === null ? words : `${words} · FPPA ${fppa.toFixed(0)}°`,
      verdict,
      threshold: `"knees out" when the knee sits ${knees.fireAt} of a shin length inside its foot line (past the foot's inner edge); FPPA at the bottom, where the camera angle gives it`,
    };
  };
  const hip = rep.pelvicDropDeg;
  const toe = rep.faults['hips-back']?.value ?? null;
  const thigh = rep.depth.thighAngleDeg;
  return {
    depth: {
      text:
        thigh === null
          ? '—'
          : `thigh ${thigh.toFixed(0)}° · knee bend ${fmt(rep.depth.kneeFlexionDeg, 0, '°')}`,
      verdict: faultOf('go-lower'),
      threshold:
        rep.depth.target === 'any'
          ? 'no depth target'
          : `"go lower" when the thigh stays under ${depthTarget.fireAt}° from vertical (target: ${rep.depth.target}; 90° = parallel)`,
    },
    kneeLeft: knee('left'),
    kneeRight: knee('right'),
    hipDrop: {
      text: hip === null ? '—' : `${hip.value.toFixed(1)}° ${hip.lowerSide === 'left' ? 'L' : 'R'} low`,
      verdict: faultOf('hips-level'),
      threshold: `"hips level" at ${level.fireAt}° of drop beyond what the camera angle alone gives`,
    },
    weight: {
      text: toe === null ? '—' : `${Math.round(toe * 100)} % to toes`,
      verdict: faultOf('hips-back'),
      threshold: `heel 0 % → toe 100 %; "hips back" at ${Math.round(back.fireAt * 100)} %`,
    },
    trunkLean: {
      text: fmt(rep.faults['chest-up']?.value ?? null, 0, '°'),
      verdict: faultOf('chest-up'),
      threshold: `from vertical; "chest up" at ${chest.fireAt}°`,
    },
  };
}

function repRow(rep: RepSummary, worst: boolean): ReviewRow {
  const t = rep.tempo;
  return {
    rep,
    worst,
    cells: repCells(rep),
    tempoText: `↓${seconds(t.descentMs)} · ${seconds(t.bottomMs)} · ↑${t.ascentMs === null ? '—' : seconds(t.ascentMs)}`,
    cuesText: rep.cues.length === 0 ? '—' : rep.cues.map(shortLabel).join(', '),
  };
}

/** The four plots over the set's time line: knee valgus, hip drop, weight position, depth. */
export function reviewCharts(
  summary: SetSummary,
  analyses: readonly FrameAnalysis[],
  worst: number | null,
): ChartSpec[] {
  const t0 = analyses[0]?.tMs ?? 0;
  const t1 = Math.max(t0 + 1, analyses[analyses.length - 1]?.tMs ?? 1);
  const bands: Band[] = allRepsOf(summary).map((r) => ({
    fromX: r.startMs,
    toX: r.endMs ?? t1,
    label: `rep ${r.index}${r.complete ? '' : ' (partial)'}${r.index === worst ? ' — worst' : ''}`,
    className: r.index === worst ? 'band-worst' : r.complete ? 'band-rep' : 'band-partial',
  }));
  // One marker per cue of each rep (the rep's `cues`): where it was spoken, or at the rep's bottom
  // when its value was past the limit but the cue stayed quiet (another cue showing, cooldown).
  const markers: Marker[] = allRepsOf(summary).flatMap((r) =>
    r.cues.map((id) => {
      const spoken = summary.cues.find((c) => c.rep === r.index && c.id === id);
      return {
        x: spoken?.tMs ?? r.bottomMs,
        label: shortLabel(id),
        data: { rep: String(r.index), cue: id },
        title: spoken
          ? `${seconds(spoken.tMs - t0)}: “${spoken.text}” (rep ${r.index})`
          : `rep ${r.index}: ${shortLabel(id)} (past its limit; not spoken)`,
      };
    }),
  );
  const base = {
    xRange: [t0, t1] as const,
    xFormat: (x: number) => `${((x - t0) / 1000).toFixed(0)} s`,
    bands,
    markers,
  };
  const pts = (f: (a: FrameAnalysis) => number | null): [number, number | null][] =>
    analyses.map((a) => [a.tMs, f(a)]);
  const notMeasurable = 'not measurable from this camera angle';
  const hipLevelDeg = cueRule('hips-level').fireAt;
  return [
    {
      ...base,
      title: 'Knee against the foot line',
      yUnit: 'shin lengths, + = inside',
      heightUnits: 150,
      yMin: -0.3,
      yMax: 0.3,
      series: [
        {
          label: 'left',
          className: 's-left',
          points: pts((a) => a.metrics.kneeMedialDisplacementRatio.left),
        },
        {
          label: 'right',
          className: 's-right',
          points: pts((a) => a.metrics.kneeMedialDisplacementRatio.right),
        },
      ],
      thresholds: [{ y: cueRule('knees-out').fireAt, label: '“knees out”' }],
      emptyText: notMeasurable,
    },
    {
      ...base,
      title: 'Hip drop',
      yUnit: '°, + = left hip lower',
      heightUnits: 130,
      yMin: -10,
      yMax: 10,
      series: [{ label: 'pelvic drop', className: 's-hip', points: pts((a) => a.metrics.pelvicDropDeg) }],
      thresholds: [
        { y: hipLevelDeg, label: '“hips level”' },
        { y: -hipLevelDeg, label: '' },
      ],
      emptyText: notMeasurable,
    },
    {
      ...base,
      title: 'Weight position',
      yUnit: 'heel 0 → toe 1',
      heightUnits: 130,
      yMin: 0,
      yMax: 1,
      series: [{ label: 'centre of mass', className: 's-toe', points: pts((a) => a.metrics.toeShiftRatio) }],
      thresholds: [{ y: cueRule('hips-back').fireAt, label: '“hips back”' }],
      emptyText: `side view only: ${notMeasurable}`,
    },
    {
      ...base,
      title: 'Depth',
      yUnit: 'thigh angle from vertical, 90° = parallel',
      heightUnits: 130,
      yMin: 0,
      yMax: 100,
      series: [{ label: 'thigh', className: 's-depth', points: pts((a) => bottomThighDeg(a.metrics)) }],
      thresholds:
        summary.depthTarget === 'any'
          ? []
          : [{ y: depthLimit(summary.depthTarget).fireAt, label: '“go lower”' }],
    },
  ];
}

/** The review of one set, from its record and its per-frame analyses (see analysesOf). */
export function reviewModel(
  record: Pick<SetRecord, 'source' | 'fileName' | 'summary'>,
  analyses: readonly FrameAnalysis[],
): ReviewModel {
  const { summary } = record;
  const worstRep = summary.reps.length > 1 ? worstRepIndex(summary) : null;
  const source = record.source === 'file' ? `video file ${record.fileName ?? ''}`.trim() : 'camera';
  const partials =
    summary.partialReps > 0 ? ` · ${countOf(summary.partialReps, 'partial rep')} not counted` : '';
  return {
    repCount: summary.repCount,
    repNoun: nounFor(summary.repCount, 'rep'),
    details: `${source} · ${summary.view} view · ${seconds(summary.durationMs)}${partials}`,
    rows: summary.reps.map((rep) => repRow(rep, rep.index === worstRep)),
    worstRep,
    pattern: patternReport(summary),
    charts: reviewCharts(summary, analyses, worstRep),
    analyses,
    allReps: allRepsOf(summary),
  };
}

/** Index of the last analysis at or before tMs (binary search; analyses are in time order). */
export function frameIndexAt(analyses: readonly FrameAnalysis[], tMs: number): number {
  let lo = 0;
  let hi = analyses.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((analyses[mid]?.tMs ?? Infinity) <= tMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The rep (complete or partial) under tMs, or undefined between reps. */
export const repAt = (reps: readonly RepSummary[], tMs: number): RepSummary | undefined =>
  reps.find((r) => tMs >= r.startMs && tMs <= (r.endMs ?? Infinity));
