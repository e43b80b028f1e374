/**
 * A single-leg check in the history export (JSON round trip with the sets, refusals, one CSV row per
 * rep and leg) and the history trend data (each leg's FPPA and pelvic drop per check). Case: the
 * check on the banded-clip derived track (tests/constructed/single-leg.ts: real keypoints, free leg
 * held up, 4 reps a leg).
 */
import { describe, expect, it } from 'vitest';
import { analyzeSingleLeg, framesToPoseTrack, KEYPOINT_NAMES } from '../../src/core';
import { CHECK_CSV_COLUMNS, checksToCsv, parseCheckExport } from '../../src/storage/check-export';
import {
  HistoryImportError,
  parseHistoryExport,
  toHistoryExport,
  type ExportedCheck,
} from '../../src/storage/history-export';
import { checkItemText, checkTrendCharts } from '../../src/features/history/single-leg-trends';
import { REP_WINDOWS } from '../constructed/inject';
import { deriveSingleLegCheck } from '../constructed/single-leg';

const d = deriveSingleLegCheck({
  clip: 'front-oblique-banded-squats',
  reps: REP_WINDOWS['front-oblique-banded-squats'],
  cutMs: 9600,
  refMs: 4000,
  loops: 2,
  order: ['left', 'right'],
});
const check: ExportedCheck = {
  kind: 'single-leg-check',
  id: 'c-7',
  startedAtMs: Date.UTC(2026, 4, 6, 17, 5),
  source: 'camera',
  fileName: null,
  summary: analyzeSingleLeg(d.frames),
  track: framesToPoseTrack(d.frames, {
    width: 720,
    height: 1280,
    fps: 5,
    model: 'constructed',
    keypointNames: KEYPOINT_NAMES,
  }),
};

describe('single-leg checks in the history export', () => {
  it('round-trips through JSON beside the sets; an export without checks has none', () => {
    const text = JSON.stringify(toHistoryExport([], 1, [check]));
    const json = JSON.parse(text) as unknown;
    expect(parseCheckExport(json)).toEqual(JSON.parse(JSON.stringify([check])));
    expect(parseHistoryExport(json)).toEqual([]);
    const older = JSON.parse(JSON.stringify(toHistoryExport([], 1))) as Record<string, unknown>;
    expect('checks' in older).toBe(false);
    expect(parseCheckExport(older)).toEqual([]);
  });

  it('refuses a malformed check with the reason', () => {
    const good = JSON.parse(JSON.stringify(toHistoryExport([], 1, [check]))) as {
      checks: Record<string, unknown>[];
    };
    const withCheck = (c: Record<string, unknown>): unknown => ({ ...good, checks: [c] });
    const first = good.checks[0] as Record<string, unknown>;
    expect(() => parseCheckExport({ ...good, checks: 'x' })).toThrow(/"checks" must be a list/);
    expect(() => parseCheckExport(withCheck({ ...first, id: 7 }))).toThrow(HistoryImportError);
    expect(() => parseCheckExport(withCheck({ ...first, summary: { test: 'squat' } }))).toThrow(
      /not a single-leg check/,
    );
    const summary = first['summary'] as { legs: { left: Record<string, unknown> } };
    const badLeg = {
      ...summary,
      legs: { ...summary.legs, left: { ...summary.legs.left, fppaMeanDeg: 'x' } },
    };
    expect(() => parseCheckExport(withCheck({ ...first, summary: badLeg }))).toThrow(/legs.left.fppaMeanDeg/);
    expect(() => parseCheckExport(withCheck({ ...first, track: { format: 'x' } }))).toThrow(/pose-track/);
  });

  it('writes one CSV row per rep and leg with the measures', () => {
    const lines = checksToCsv([check]).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CHECK_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 8);
    const col = (name: (typeof CHECK_CSV_COLUMNS)[number]): number => CHECK_CSV_COLUMNS.indexOf(name);
    const row = (lines[5] as string).split(',');
    const r = check.summary.legs.right.reps[0];
    expect(row[col('leg')]).toBe('right');
    expect(row[col('rep')]).toBe('1');
    expect(row[col('scored')]).toBe('true');
    expect(Number(row[col('fppa_foot_line_deg')])).toBe(r?.fppaFootLineDeg);
    expect(Number(row[col('pelvic_drop_deg')])).toBe(r?.pelvicDropDeg);
    expect(row[col('leg_rating')]).toBe(check.summary.legs.right.rating.grade);
  });
});

describe('single-leg history trends', () => {
  it('plots each leg’s FPPA and pelvic drop per check, oldest first', () => {
    const later: ExportedCheck = {
      ...check,
      id: 'c-8',
      startedAtMs: check.startedAtMs + 86_400_000,
      summary: {
        ...check.summary,
        legs: {
          ...check.summary.legs,
          left: { ...check.summary.legs.left, fppaMeanDeg: 15.5, pelvicDropMeanDeg: null },
        },
      },
    };
    const charts = checkTrendCharts([check, later], (t) => new Date(t).toISOString().slice(5, 10));
    expect(charts.map((c) => c.title)).toEqual([
      'Single-leg check: knee FPPA per leg (mean of scored reps)',
      'Single-leg check: pelvic drop on the lifted side per leg',
    ]);
    const [fppa, drop] = charts;
    expect(fppa?.series.map((s) => s.label)).toEqual(['left leg', 'right leg']);
    expect(fppa?.series[0]?.points).toEqual([
      [0, check.summary.legs.left.fppaMeanDeg],
      [1, 15.5],
    ]);
    expect(drop?.series[0]?.points[1]).toEqual([1, null]);
    expect(fppa?.xFormat(1)).toBe('05-07');
    expect(checkTrendCharts([], String)).toEqual([]);
  });

  it('words a check’s line with both legs', () => {
    const s = check.summary.legs;
    expect(checkItemText(check)).toBe(
      `L: FPPA ${Math.round(s.left.fppaMeanDeg as number)}°, pelvic drop ${Math.round(s.left.pelvicDropMeanDeg as number)}°, ${s.left.rating.grade} · R: FPPA ${Math.round(s.right.fppaMeanDeg as number)}°, pelvic drop ${Math.round(s.right.pelvicDropMeanDeg as number)}°, ${s.right.rating.grade}`,
    );
  });
});
