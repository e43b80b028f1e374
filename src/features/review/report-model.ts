/**
 * The print report for a physiotherapist, as plain data: one workout, one set or a date range, each
 * set with its one-line verdict, per-rep table, plots and pattern with drills, optional sections fed
 * in by other features (the single-leg check), and the "guidance, not a diagnosis" note. Pure;
 * report-view.ts draws it, and the browser's "Save as PDF" makes the file.
 */
import { countOf, setVerdict, type FrameAnalysis } from '../../core';
import { PATTERN_NOTE } from '../../core/coaching/patterns';
import type { SetRecord } from '../../domain/set-record';
import type { ChartSpec } from '../../ui-kit/chart';
import { reviewModel, type ReviewModel } from './review-model';

/** Sets whose plots are printed in full; a longer report (a date range) prints only their tables. */
export const REPORT_MAX_SETS_WITH_PLOTS = 4;

/** A section another feature adds to the report (e.g. the single-leg check), as plain text. */
export interface ReportSection {
  readonly title: string;
  readonly lines: readonly string[];
  readonly table?: {
    readonly head: readonly string[];
    readonly rows: readonly (readonly string[])[];
  };
  /** Shown in italics under the section (e.g. its own screening disclaimer). */
  readonly note?: string;
}

export interface ReportInput {
  /** What the report covers, e.g. "Workout of 30 Nov 2026" or "1 Nov – 30 Nov 2026". */
  readonly scope: string;
  /** The sets, any order (sorted by start time here). */
  readonly records: readonly SetRecord[];
  /** Each set's analyses, by set id, when the caller has them; others are analysed from their track. */
  readonly analysesOf: (record: SetRecord) => readonly FrameAnalysis[];
  /** Progress charts across the range's sessions (from history), or none. */
  readonly trends?: readonly ChartSpec[];
  /** Extra sections, printed after the sets: the single-leg check when it was done. */
  readonly sections?: readonly ReportSection[];
  /** Date words for a set's start ("30 Nov 2026, 09:12"). */
  readonly when: (ms: number) => string;
}

export interface ReportSet {
  readonly record: SetRecord;
  readonly heading: string;
  readonly review: ReviewModel;
  readonly withPlots: boolean;
}

export interface ReportModel {
  readonly title: string;
  readonly scope: string;
  /** The whole report in one line: sets, reps, clean reps. */
  readonly overview: string;
  readonly sets: readonly ReportSet[];
  readonly trends: readonly ChartSpec[];
  readonly sections: readonly ReportSection[];
  readonly note: string;
}

export function reportModel(input: ReportInput): ReportModel {
  const records = [...input.records].sort((a, b) => a.startedAtMs - b.startedAtMs);
  const withPlots = records.length <= REPORT_MAX_SETS_WITH_PLOTS;
  const sets = records.map((record, i): ReportSet => {
    const w = record.workout;
    const place = w ? `Set ${w.setIndex + 1} of ${w.setsPlanned}` : `Set ${i + 1}`;
    const source = record.source === 'file' ? `video file ${record.fileName ?? ''}`.trim() : 'camera';
    return {
      record,
      heading: `${place} · ${input.when(record.startedAtMs)} · ${source} · ${record.summary.view} view`,
      review: reviewModel(record, input.analysesOf(record)),
      withPlots,
    };
  });
  const verdicts = records.map((r) => setVerdict(r.summary));
  const reps = verdicts.reduce((n, v) => n + v.repCount, 0);
  const clean = verdicts.reduce((n, v) => n + v.cleanReps, 0);
  return {
    title: 'Squat form report',
    scope: input.scope,
    overview:
      records.length === 0
        ? 'No sets were saved in this period.'
        : `${countOf(records.length, 'set')}, ${countOf(reps, 'complete rep')}, ${clean} of them clean.`,
    sets,
    trends: input.trends ?? [],
    sections: input.sections ?? [],
    note: `${PATTERN_NOTE} Measured by a phone or laptop camera from 2D body keypoints: values are estimates for coaching, not clinical measurements.`,
  };
}

/** What a report covers: some sets (a workout or one set), or every set between two local dates. */
export type ReportRequest =
  | { readonly kind: 'sets'; readonly ids: readonly string[] }
  | { readonly kind: 'workout'; readonly id: string }
  | { readonly kind: 'range'; readonly from: string; readonly to: string };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The report's address: `#/report/sets/<id>,<id>`, `#/report/workout/<workout id>` or
 * `#/report/range/<YYYY-MM-DD>/<YYYY-MM-DD>`.
 */
export function reportHash(req: ReportRequest): string {
  if (req.kind === 'sets') return `#/report/sets/${req.ids.map(encodeURIComponent).join(',')}`;
  if (req.kind === 'workout') return `#/report/workout/${encodeURIComponent(req.id)}`;
  return `#/report/range/${req.from}/${req.to}`;
}

/** The request in a report address, or null when the address is not a valid report. */
export function parseReportHash(hash: string): ReportRequest | null {
  const sets = /^#\/?report\/sets\/(.+)$/.exec(hash);
  if (sets?.[1]) {
    const ids = sets[1].split(',').filter(Boolean).map(decodeURIComponent);
    return ids.length > 0 ? { kind: 'sets', ids } : null;
  }
  const workout = /^#\/?report\/workout\/([^/]+)$/.exec(hash);
  if (workout?.[1]) return { kind: 'workout', id: decodeURIComponent(workout[1]) };
  const range = /^#\/?report\/range\/([^/]+)\/([^/]+)$/.exec(hash);
  const [from, to] = [range?.[1] ?? '', range?.[2] ?? ''];
  if (!DATE_RE.test(from) || !DATE_RE.test(to)) return null;
  return from <= to ? { kind: 'range', from, to } : { kind: 'range', from: to, to: from };
}

/** [start, end) of a local-date range in ms since the epoch: from 00:00 on `from` to 00:00 after `to`. */
export function rangeBoundsMs(req: { readonly from: string; readonly to: string }): [number, number] {
  const local = (d: string, addDays: number): number => {
    const [y, m, day] = d.split('-').map(Number);
    return new Date(y ?? 1970, (m ?? 1) - 1, (day ?? 1) + addDays).getTime();
  };
  return [local(req.from, 0), local(req.to, 1)];
}
