/**
 * Export / import of single-leg checks (pure): the `checks` list of a history export (JSON), the
 * check's CSV (one row per rep and leg), and the structural check an imported check must pass.
 */
import type { SingleLegSummary } from '../core/single-leg/types';
import { parsePoseTrack, PoseTrackError } from '../core/pose/pose-track';
import { HistoryImportError, type ExportedCheck } from './history-export';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumOrNull = (v: unknown): boolean => v === null || isNum(v);

/** What the report, the history trend and the CSV read from a check's summary; an error or null. */
export function checkSummaryProblem(s: unknown): string | null {
  if (!isObj(s) || s['test'] !== 'single-leg-squat') return 'summary is not a single-leg check';
  if (s['fppaBasis'] !== 'image' && s['fppaBasis'] !== 'foot-line') return 'summary.fppaBasis is wrong';
  if (!isObj(s['legs']) || !isObj(s['difference'])) return 'summary.legs/difference missing';
  for (const leg of ['left', 'right'] as const) {
    const l = s['legs'][leg];
    if (!isObj(l) || !Array.isArray(l['reps']) || !isObj(l['rating'])) return `summary.legs.${leg} is wrong`;
    for (const k of ['fppaMeanDeg', 'pelvicDropMeanDeg'] as const)
      if (!isNumOrNull(l[k])) return `summary.legs.${leg}.${k} must be a number or null`;
    for (const [i, r] of (l['reps'] as unknown[]).entries()) {
      if (!isObj(r) || !isNum(r['index']) || typeof r['scored'] !== 'boolean' || !isNum(r['bottomMs']))
        return `summary.legs.${leg}.reps[${i}] is wrong`;
      for (const k of ['fppaDeg', 'fppaFootLineDeg', 'pelvicDropDeg', 'kneeFlexionDeg'] as const)
        if (!isNumOrNull(r[k])) return `summary.legs.${leg}.reps[${i}].${k} must be a number or null`;
    }
  }
  return null;
}

/** The checks of an (already JSON-parsed) history export; [] for an export without any. Throws HistoryImportError. */
export function parseCheckExport(json: unknown): ExportedCheck[] {
  const fail = (msg: string): never => {
    throw new HistoryImportError(`This is not a squat-coach history export: ${msg}. Nothing was imported.`);
  };
  if (!isObj(json) || json['checks'] === undefined) return [];
  const checks = json['checks'];
  if (!Array.isArray(checks)) return fail('"checks" must be a list');
  return checks.map((c, i): ExportedCheck => {
    const where = `check ${i + 1}`;
    if (!isObj(c) || typeof c['id'] !== 'string' || c['id'].length === 0 || c['id'].length > 200)
      return fail(`${where}: "id" must be a string`);
    if (!isNum(c['startedAtMs'])) return fail(`${where}: "startedAtMs" must be a number`);
    if (c['source'] !== 'camera' && c['source'] !== 'file') return fail(`${where}: "source" is wrong`);
    if (c['fileName'] !== null && typeof c['fileName'] !== 'string')
      return fail(`${where}: "fileName" is wrong`);
    const problem = checkSummaryProblem(c['summary']);
    if (problem !== null) return fail(`${where}: ${problem}`);
    try {
      return {
        kind: 'single-leg-check',
        id: c['id'],
        startedAtMs: c['startedAtMs'],
        source: c['source'],
        fileName: c['fileName'] as string | null,
        summary: c['summary'] as unknown as SingleLegSummary,
        track: parsePoseTrack(c['track']),
      };
    } catch (e) {
      return fail(`${where}: ${e instanceof PoseTrackError ? e.message : String(e)}`);
    }
  });
}

export const CHECK_CSV_COLUMNS = [
  'check_id',
  'started_at',
  'source',
  'file_name',
  'fppa_basis',
  'leg',
  'rep',
  'scored',
  'unscored_reasons',
  'bottom_ms',
  'fppa_deg',
  'fppa_foot_line_deg',
  'knee_inside_foot',
  'knee_inside_foot_ratio',
  'pelvic_drop_deg',
  'trunk_lean_deg',
  'knee_flexion_deg',
  'time_to_bottom_ms',
  'time_back_ms',
  'leg_fppa_mean_deg',
  'leg_pelvic_drop_mean_deg',
  'leg_rating',
] as const;

const csvCell = (v: string | number | boolean | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(Number(v.toFixed(4))) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per rep of each leg of every check, with a header row. */
export function checksToCsv(checks: readonly ExportedCheck[]): string {
  const rows: string[] = [CHECK_CSV_COLUMNS.join(',')];
  for (const c of checks) {
    for (const leg of ['left', 'right'] as const) {
      const l = c.summary.legs[leg];
      for (const r of l.reps) {
        const cells = [
          c.id,
          new Date(c.startedAtMs).toISOString(),
          c.source,
          c.fileName,
          c.summary.fppaBasis,
          leg,
          r.index,
          r.scored,
          r.unscoredReasons.join(';'),
          r.bottomMs,
          r.fppaDeg,
          r.fppaFootLineDeg,
          r.kneeInsideFoot,
          r.kneeInsideFootRatio,
          r.pelvicDropDeg,
          r.trunkLeanDeg,
          r.kneeFlexionDeg,
          r.timeToBottomMs,
          r.timeBackMs,
          l.fppaMeanDeg,
          l.pelvicDropMeanDeg,
          l.rating.grade,
        ];
        rows.push(cells.map(csvCell).join(','));
      }
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
