/**
 * The review of one set as plain data: a row of judged cells per rep, the worst rep, the plots
 * (series, rep bands, cue thresholds and markers) and the pattern report. Pure, so every judgement
 * the review screen shows is tested in Node; review-view.ts only draws this model.
 *
 * Every cell's verdict is the core's `verdictOf(cueRule(id), value)`: the review table, the plots
 * and the live cues judge the same value against the same limits.
 */
import {
  countOf,
  cueRule,
  DEFAULT_DEPTH_TARGET,
  depthLimit,
  nounFor,
  setVerdict,
  thresholds,
  verdictOf,
  type CueId,
  type DepthTarget,
  type SetVerdict,
  type FrameAnalysis,
  type RepSummary,
  type Verdict,
} from '../../core';
import { patternReport, worstRepIndex, type PatternReport } from '../../core/coaching/patterns';
import { analyseTrack, type SetRecord } from '../../domain/set-record';
import type { ChartSpec } from '../../ui-kit/chart';
import { CUE_PRESENTATION } from '../../ui-kit/cue-presentation';
import { allRepsOf, missingPlotsNote, reviewCharts, seconds } from './review-charts';

export { allRepsOf, seconds };

/** The measured columns of the rep table, in order. */
export const MEASURE_COLUMNS = ['depth', 'kneeLeft', 'kneeRight', 'hipDrop', 'weight', 'trunkLean'] as const;
export type MeasureColumn = (typeof MEASURE_COLUMNS)[number];

/** Each column's heading, in plain words. */
export const COLUMN_LABELS: Readonly<Record<MeasureColumn, string>> = {
  depth: 'Depth',
  kneeLeft: 'Left knee',
  kneeRight: 'Right knee',
  hipDrop: 'Hip level',
  weight: 'Weight on the foot',
  trunkLean: 'Chest lean',
};

/** A column's limit in words, from its cue rule: written under the table and in each cell's title. */
export function limitText(column: MeasureColumn, depthTarget: DepthTarget): string {
  switch (column) {
    case 'depth':
      return depthTarget === 'any'
        ? 'no depth target, so depth is not judged'
        : `“go a little lower” when the thigh stops short of ${depthLimit(depthTarget).fireAt}° from upright (target: ${depthTarget}; 90° = thigh level with the floor)`;
    case 'kneeLeft':
    case 'kneeRight':
      return `“drive your knees out” when a knee stays more than ${cueRule('knees-out').fireAt} of a shin length inside its foot line; the angle is how far the knee points in at the bottom`;
    case 'hipDrop':
      return `“keep your hips level” when one hip stays more than ${cueRule('hips-level').fireAt}° lower than the other`;
    case 'weight':
      return `0 % = over the heel, 100 % = over the toes, measured from where you stood (counted as ${Math.round(thresholds.STANDING_COM_ALONG_FOOT_RATIO * 100)} %); “sit your hips back” past ${Math.round(cueRule('hips-back').fireAt * 100)} %`;
    case 'trunkLean':
      return `lean of the chest from upright; “keep your chest up” past ${cueRule('chest-up').fireAt}°`;
  }
}

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
  /** The set in one line ("6 of 8 reps clean; knees caved on reps 5 and 7"), from the core. */
  readonly verdict: SetVerdict;
  /** Source, view, duration and partial reps, shown after the set's date. */
  readonly details: string;
  readonly rows: readonly ReviewRow[];
  /** The measured columns with a value in some rep (a side-view set has no knee columns). */
  readonly columns: readonly MeasureColumn[];
  /** Each shown column's limit in words, shown under the table (one line for both knees). */
  readonly limits: readonly { readonly label: string; readonly text: string }[];
  /** Index of the worst complete rep, or null with fewer than two reps (nothing to compare). */
  readonly worstRep: number | null;
  readonly pattern: PatternReport;
  readonly charts: readonly ChartSpec[];
  /** Which plots the view cannot give and how to film for them, or null. */
  readonly missingPlots: string | null;
  /** The set's frame analyses, in time order, for the replay. */
  readonly analyses: readonly FrameAnalysis[];
  /** Complete and partial reps by index, for the replay's "rep n" line. */
  readonly allReps: readonly RepSummary[];
}

/** The `data-level` of a table cell per verdict; the e2e tests and the stylesheet read these names. */
export type CellLevel = 'ok' | 'warn' | 'bad' | 'na';
const LEVEL_OF: Readonly<Record<Verdict, CellLevel>> = { within: 'ok', near: 'warn', past: 'bad' };
export const levelOf = (verdict: Verdict | null): CellLevel => (verdict === null ? 'na' : LEVEL_OF[verdict]);

const fmt = (v: number | null | undefined, digits: number, unit = ''): string =>
  v === null || v === undefined ? '—' : `${v.toFixed(digits)}${unit}`;

const shortLabel = (id: CueId): string => CUE_PRESENTATION[id].shortLabel;

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
  const faultOf = (id: CueId): Verdict | null => rep.faults[id]?.verdict ?? null;

  const knee = (side: 'left' | 'right'): ReviewCell => {
    const ratio = rep.kneeInsideFootRatio?.[side] ?? null;
    const fppa = rep.kneeValgusDeg?.[side] ?? null;
    const verdict = verdictOf(knees, ratio);
    const words = verdict === null ? '—' : KNEE_WORDS[verdict];
    return {
      text: fppa === null ? words : `${words} · ${fppa.toFixed(0)}° in`,
      verdict,
      threshold: limitText(side === 'left' ? 'kneeLeft' : 'kneeRight', rep.depth.target),
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
          : `thigh ${thigh.toFixed(0)}° · knees bent ${fmt(rep.depth.kneeFlexionDeg, 0, '°')}`,
      verdict: faultOf('go-lower'),
      threshold: limitText('depth', rep.depth.target),
    },
    kneeLeft: knee('left'),
    kneeRight: knee('right'),
    hipDrop: {
      text: hip === null ? '—' : `${hip.lowerSide} ${hip.value.toFixed(1)}° lower`,
      verdict: faultOf('hips-level'),
      threshold: limitText('hipDrop', rep.depth.target),
    },
    weight: {
      text: toe === null ? '—' : `${Math.round(toe * 100)} % to toes`,
      verdict: faultOf('hips-back'),
      threshold: limitText('weight', rep.depth.target),
    },
    trunkLean: {
      text: fmt(rep.faults['chest-up']?.value ?? null, 0, '°'),
      verdict: faultOf('chest-up'),
      threshold: limitText('trunkLean', rep.depth.target),
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
  const rows = summary.reps.map((rep) => repRow(rep, rep.index === worstRep));
  const columns = MEASURE_COLUMNS.filter((c) =>
    rows.some((r) => r.cells[c].verdict !== null || r.cells[c].text !== '—'),
  );
  const target = summary.depthTarget ?? DEFAULT_DEPTH_TARGET;
  const limits = columns
    .filter((c) => c !== 'kneeRight' || !columns.includes('kneeLeft'))
    .map((c) => ({
      label: c === 'kneeLeft' || c === 'kneeRight' ? 'Knees' : COLUMN_LABELS[c],
      text: limitText(c, target),
    }));
  return {
    repCount: summary.repCount,
    repNoun: nounFor(summary.repCount, 'rep'),
    verdict: setVerdict(summary),
    details: `${source} · ${summary.view} view · ${seconds(summary.durationMs)}${partials}`,
    rows,
    columns,
    limits,
    worstRep,
    pattern: patternReport(summary),
    charts: reviewCharts(summary, analyses, worstRep),
    missingPlots: missingPlotsNote(summary.view),
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
