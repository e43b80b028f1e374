/**
 * The print report's model in Node: its address round-trips, a date range covers whole local days,
 * and a report of real sets holds each set's verdict line and per-rep rows, the plots (up to a cap),
 * the sections other features feed in, and the "guidance, not a diagnosis" note.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePoseTrack, setVerdict } from '../../src/core';
import { analyseTrack, type SetRecord } from '../../src/domain/set-record';
import {
  REPORT_MAX_SETS_WITH_PLOTS,
  parseReportHash,
  rangeBoundsMs,
  reportHash,
  reportModel,
} from '../../src/features/review/report-model';
import { analysesOf } from '../../src/features/review/review-model';
import { trackPath } from '../golden/tracks';

describe('report address', () => {
  it('sets, a workout and a date range round-trip; anything else is not a report', () => {
    const reqs = [
      { kind: 'sets', ids: ['a1', 'b/2 c'] },
      { kind: 'workout', id: 'w-9' },
      { kind: 'range', from: '2026-11-01', to: '2026-11-30' },
    ] as const;
    for (const r of reqs) expect(parseReportHash(reportHash(r))).toEqual(r);
    expect(reportHash(reqs[0])).toBe('#/report/sets/a1,b%2F2%20c');
    // A reversed range is put in order; bad dates and empty lists are rejected.
    expect(parseReportHash('#/report/range/2026-11-30/2026-11-01')).toEqual(reqs[2]);
    for (const bad of ['#/report', '#/report/sets/', '#/report/range/2026-11-01/soon', '#/review/x'])
      expect(parseReportHash(bad)).toBeNull();
  });

  it('a date range runs from local midnight of the first day to local midnight after the last', () => {
    const [from, to] = rangeBoundsMs({ from: '2026-11-01', to: '2026-11-03' });
    expect(from).toBe(new Date(2026, 10, 1).getTime());
    expect(to).toBe(new Date(2026, 10, 4).getTime());
  });
});

describe('report of real sets', () => {
  const track = parsePoseTrack(JSON.parse(readFileSync(trackPath('front-oblique-banded-squats'), 'utf8')));
  const { summary } = analyseTrack(track);
  const record = (id: string, startedAtMs: number, setIndex: number): SetRecord => ({
    id,
    startedAtMs,
    source: 'camera',
    fileName: null,
    summary,
    track,
    video: null,
    videoOffsetMs: 0,
    workout: { id: 'W', setIndex, setsPlanned: 2, repTarget: 2 },
  });
  const input = {
    scope: 'Workout of 30 Nov 2026',
    analysesOf,
    when: (ms: number) => `t${ms}`,
  };

  it('each set: heading in workout order, verdict line, a row per rep, plots; the closing note', () => {
    const model = reportModel({
      ...input,
      records: [record('second', 2_000, 1), record('first', 1_000, 0)],
      sections: [{ title: 'Single-leg squat check', lines: ['Left leg: 5 reps scored.'] }],
    });
    expect(model.sets.map((s) => s.heading)).toEqual([
      'Set 1 of 2 · t1000 · camera · front view',
      'Set 2 of 2 · t2000 · camera · front view',
    ]);
    for (const s of model.sets) {
      expect(s.review.verdict.line).toBe(setVerdict(summary).line);
      expect(s.review.rows).toHaveLength(summary.repCount);
      expect(s.withPlots).toBe(true);
      expect(s.review.charts.length).toBeGreaterThan(0);
      expect(s.review.pattern.note).toContain('guidance, not a diagnosis');
    }
    expect(model.overview).toBe(
      `2 sets, ${summary.repCount * 2} complete reps, ${setVerdict(summary).cleanReps * 2} of them clean.`,
    );
    expect(model.sections.map((s) => s.title)).toEqual(['Single-leg squat check']);
    expect(model.note).toContain('guidance, not a diagnosis');
  });

  it('a long report (a date range) prints tables without plots; an empty one says so', () => {
    const many = Array.from({ length: REPORT_MAX_SETS_WITH_PLOTS + 1 }, (_v, i) => record(`s${i}`, i, i));
    expect(reportModel({ ...input, records: many }).sets.every((s) => !s.withPlots)).toBe(true);
    expect(reportModel({ ...input, records: [] }).overview).toBe('No sets were saved in this period.');
  });
});
