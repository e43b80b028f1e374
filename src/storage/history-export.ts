/**
 * History export / import formats, pure (no DOM, no IndexedDB): a JSON file holding each set's
 * summary and pose track (`squat-coach-history/v1`), a CSV with one row per rep, and the schema check
 * that an imported file must pass before anything is written.
 */
import type { CueId, SetSummary, View } from '../core/types';
import type { SingleLegSummary } from '../core/single-leg/types';
import { CUE_IDS } from '../core/coaching/cues';
import { upgradeSummary, type WorkoutRef } from '../domain/set-record';
import { parsePoseTrack, PoseTrackError, type PoseTrack } from '../core/pose/pose-track';

export const HISTORY_EXPORT_FORMAT = 'squat-coach-history/v1';

/** One set as exported: the SetRecord without its video. */
export interface ExportedSet {
  readonly id: string;
  readonly startedAtMs: number;
  readonly source: 'camera' | 'file';
  readonly fileName: string | null;
  readonly videoOffsetMs: number;
  readonly summary: SetSummary;
  readonly track: PoseTrack;
  /** The workout the set belongs to; absent for a lone set or a file (and in older exports). */
  readonly workout?: WorkoutRef;
}

/** One single-leg check as exported: the SingleLegRecord without its rep pictures. */
export interface ExportedCheck {
  readonly kind: 'single-leg-check';
  readonly id: string;
  readonly startedAtMs: number;
  readonly source: 'camera' | 'file';
  readonly fileName: string | null;
  readonly summary: SingleLegSummary;
  readonly track: PoseTrack;
}

export interface HistoryExport {
  readonly format: typeof HISTORY_EXPORT_FORMAT;
  readonly exportedAtMs: number;
  readonly sets: readonly ExportedSet[];
  /** Single-leg checks (absent in exports made before the check existed). */
  readonly checks?: readonly ExportedCheck[];
}

export class HistoryImportError extends Error {
  override name = 'HistoryImportError';
}

export function toHistoryExport(
  sets: readonly ExportedSet[],
  nowMs: number,
  checks: readonly ExportedCheck[] = [],
): HistoryExport {
  return {
    format: HISTORY_EXPORT_FORMAT,
    exportedAtMs: nowMs,
    sets,
    ...(checks.length > 0 ? { checks } : {}),
  };
}

const VIEWS: readonly View[] = ['front', 'rear', 'side', 'oblique', 'unknown'];
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumOrNull = (v: unknown): boolean => v === null || isNum(v);
const isCueId = (v: unknown): v is CueId =>
  typeof v === 'string' && (CUE_IDS as readonly string[]).includes(v);

/**
 * Structural check of a SetSummary from an untrusted file: every field the app reads (review table,
 * plots, trends, CSV) must be there with the right type. Returns an error message or null.
 */
export function summaryProblem(s: unknown): string | null {
  if (!isObj(s)) return 'summary is not an object';
  if (typeof s['view'] !== 'string' || !VIEWS.includes(s['view'] as View))
    return 'summary.view is not a view';
  for (const k of ['repCount', 'partialReps', 'durationMs'] as const) {
    if (!isNum(s[k]) || (s[k] as number) < 0) return `summary.${k} must be a number ≥ 0`;
  }
  for (const k of ['reps', 'partials'] as const) {
    const reps = s[k];
    if (!Array.isArray(reps)) return `summary.${k} must be a list`;
    for (const [i, r] of reps.entries()) {
      const where = `summary.${k}[${i}]`;
      if (!isObj(r)) return `${where} is not an object`;
      if (!isNum(r['index']) || typeof r['complete'] !== 'boolean') return `${where}: index/complete missing`;
      if (!isNum(r['startMs']) || !isNum(r['bottomMs']) || !isNumOrNull(r['endMs']))
        return `${where}: startMs/bottomMs/endMs missing`;
      if (!isObj(r['depth']) || !isObj(r['tempo']) || !isObj(r['asymmetry']))
        return `${where}: depth/tempo missing`;
      if (!Array.isArray(r['cues']) || !r['cues'].every(isCueId)) return `${where}: cues must be cue ids`;
      for (const m of ['toeShiftRatio', 'toeShiftPeakRatio', 'trunkLeanDeg', 'trunkLeanPeakDeg'] as const) {
        if (!isNumOrNull(r[m])) return `${where}.${m} must be a number or null`;
      }
      for (const m of ['kneeValgusDeg', 'kneeValgusPeakDeg', 'hipDropDeg', 'hipDropPeakDeg'] as const) {
        if (r[m] !== null && !isObj(r[m])) return `${where}.${m} must be an object or null`;
      }
    }
  }
  if (s['repCount'] !== (s['reps'] as unknown[]).length) return 'summary.repCount does not match its reps';
  const cues = s['cues'];
  if (!Array.isArray(cues)) return 'summary.cues must be a list';
  for (const [i, c] of cues.entries()) {
    if (!isObj(c) || !isNum(c['tMs']) || !isCueId(c['id']) || typeof c['text'] !== 'string')
      return `summary.cues[${i}] is not a cue event`;
  }
  if (!isObj(s['frames']) || !isObj(s['viewShares'])) return 'summary.frames/viewShares missing';
  if (s['calibration'] !== null && !isObj(s['calibration']))
    return 'summary.calibration must be an object or null';
  return null;
}

const isCount = (v: unknown): v is number => isNum(v) && Number.isInteger(v) && v >= 0;

/** Structural check of a set's workout reference from an untrusted file: an error message or null. */
export function workoutProblem(w: unknown): string | null {
  if (!isObj(w)) return 'workout is not an object';
  if (typeof w['id'] !== 'string' || w['id'].length === 0 || w['id'].length > 200)
    return 'workout.id must be a string';
  if (!isCount(w['setIndex']) || !isCount(w['setsPlanned']) || w['setsPlanned'] < 1)
    return 'workout.setIndex/setsPlanned must be whole numbers';
  if (w['repTarget'] !== null && !(isCount(w['repTarget']) && w['repTarget'] >= 1))
    return 'workout.repTarget must be a whole number ≥ 1 or null';
  return null;
}

/** Validates an imported file (already JSON-parsed) and returns its sets, or throws HistoryImportError. */
export function parseHistoryExport(json: unknown): ExportedSet[] {
  const fail = (msg: string): never => {
    throw new HistoryImportError(`This is not a squat-coach history export: ${msg}. Nothing was imported.`);
  };
  if (!isObj(json)) return fail('the file is not a JSON object');
  if (json['format'] !== HISTORY_EXPORT_FORMAT) return fail(`"format" must be "${HISTORY_EXPORT_FORMAT}"`);
  const sets = json['sets'];
  if (!Array.isArray(sets)) return fail('"sets" must be a list');
  const out: ExportedSet[] = [];
  const seen = new Set<string>();
  for (const [i, s] of sets.entries()) {
    const where = `set ${i + 1}`;
    if (!isObj(s)) return fail(`${where} is not an object`);
    const id = s['id'];
    if (typeof id !== 'string' || id.length === 0 || id.length > 200)
      return fail(`${where}: "id" must be a string`);
    if (seen.has(id)) return fail(`${where}: id ${id} appears twice`);
    seen.add(id);
    if (!isNum(s['startedAtMs'])) return fail(`${where}: "startedAtMs" must be a number`);
    if (s['source'] !== 'camera' && s['source'] !== 'file')
      return fail(`${where}: "source" must be camera or file`);
    if (s['fileName'] !== null && typeof s['fileName'] !== 'string')
      return fail(`${where}: "fileName" must be a string or null`);
    if (!isNum(s['videoOffsetMs'])) return fail(`${where}: "videoOffsetMs" must be a number`);
    const problem = summaryProblem(s['summary']);
    if (problem !== null) return fail(`${where}: ${problem}`);
    const workout = s['workout'];
    const wProblem = workout === undefined ? null : workoutProblem(workout);
    if (wProblem !== null) return fail(`${where}: ${wProblem}`);
    let track: PoseTrack;
    try {
      track = parsePoseTrack(s['track']);
    } catch (e) {
      return fail(`${where}: ${e instanceof PoseTrackError ? e.message : String(e)}`);
    }
    out.push({
      id,
      startedAtMs: s['startedAtMs'] as number,
      source: s['source'],
      fileName: s['fileName'] as string | null,
      videoOffsetMs: s['videoOffsetMs'] as number,
      // An export from an older version: its summary is re-made from the track it carries.
      summary: upgradeSummary(s['summary'] as unknown as SetSummary, track),
      track,
      ...(workout === undefined ? {} : { workout: workout as unknown as WorkoutRef }),
    });
  }
  return out;
}

export const CSV_COLUMNS = [
  'set_id',
  'started_at',
  'source',
  'file_name',
  'view',
  'rep',
  'complete',
  'start_ms',
  'bottom_ms',
  'end_ms',
  'min_knee_angle_deg',
  'max_depth_ratio',
  'hip_below_knee',
  'knee_valgus_left_deg',
  'knee_valgus_right_deg',
  'knee_valgus_peak_left_deg',
  'knee_valgus_peak_right_deg',
  'hip_drop_deg',
  'hip_drop_lower_side',
  'hip_drop_peak_deg',
  'toe_shift_ratio',
  'toe_shift_peak_ratio',
  'heel_rise_peak_ratio',
  'trunk_lean_deg',
  'trunk_lean_peak_deg',
  'descent_ms',
  'bottom_hold_ms',
  'ascent_ms',
  'cues',
] as const;

const csvCell = (v: string | number | boolean | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(Number(v.toFixed(4))) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per rep (complete and partial) of every set, with a header row. */
export function historyToCsv(sets: readonly ExportedSet[]): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const set of sets) {
    const reps = [...set.summary.reps, ...set.summary.partials].sort((a, b) => a.index - b.index);
    for (const r of reps) {
      const cells = [
        set.id,
        new Date(set.startedAtMs).toISOString(),
        set.source,
        set.fileName,
        r.view,
        r.index,
        r.complete,
        r.startMs,
        r.bottomMs,
        r.endMs,
        r.depth.minKneeAngleDeg,
        r.depth.maxDepthRatio,
        r.depth.hipBelowKnee,
        r.kneeValgusDeg?.left,
        r.kneeValgusDeg?.right,
        r.kneeValgusPeakDeg?.left,
        r.kneeValgusPeakDeg?.right,
        r.hipDropDeg?.value,
        r.hipDropDeg?.lowerSide,
        r.hipDropPeakDeg?.value,
        r.toeShiftRatio,
        r.toeShiftPeakRatio,
        r.heelRisePeakRatio,
        r.trunkLeanDeg,
        r.trunkLeanPeakDeg,
        r.tempo.descentMs,
        r.tempo.bottomMs,
        r.tempo.ascentMs,
        r.cues.join(';'),
      ];
      rows.push(cells.map(csvCell).join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
