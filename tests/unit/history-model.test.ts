/**
 * The history model in Node: per-set peaks from the summaries, the trends' "knees out" line at the
 * cue's named fire level, and the list's wording (counts via the core's countOf).
 */
import { describe, expect, it } from 'vitest';
import { cueRule, thresholds as T, type RepSummary, type SetSummary } from '../../src/core';
import {
  itemTexts,
  peakHipDropDeg,
  peakValgusDeg,
  trendCharts,
} from '../../src/features/history/history-model';

/** A rep with the two peaks history reads; the rest are distinct filler values. */
const rep = (peak: RepSummary['kneeValgusPeakDeg'], hipPeakDeg: number | null): RepSummary => ({
  index: 1,
  complete: true,
  startMs: 400,
  bottomMs: 1_300,
  endMs: 2_600,
  view: 'front',
  depth: { minKneeAngleDeg: 88, hipBelowKnee: false, maxDepthRatio: 0.41 },
  kneeValgusDeg: null,
  kneeValgusPeakDeg: peak,
  hipDropDeg: null,
  hipDropPeakDeg: hipPeakDeg === null ? null : { value: hipPeakDeg, lowerSide: 'left' },
  toeShiftRatio: null,
  toeShiftPeakRatio: null,
  heelRisePeakRatio: null,
  kneePastToesPeakRatio: null,
  shinAnglePeakDeg: null,
  pelvisShiftPeakRatio: null,
  kneeAnkleSeparationRatio: null,
  trunkLeanDeg: null,
  trunkLeanPeakDeg: null,
  asymmetry: { kneeAngleDeg: null, kneeValgusDeg: null },
  tempo: { descentMs: 900, bottomMs: 300, ascentMs: 1_000 },
  cues: [],
});

const summary = (reps: RepSummary[]): SetSummary => ({
  view: 'front',
  repCount: reps.length,
  partialReps: 0,
  reps,
  partials: [],
  cues: [],
  calibration: null,
  frames: { total: 90, withPerson: 87, analysed: 85 },
  durationMs: 3_000,
  viewShares: { front: 1 },
});

const set = (reps: RepSummary[], startedAtMs: number) => ({
  startedAtMs,
  source: 'camera' as const,
  fileName: null,
  summary: summary(reps),
});

describe('history model', () => {
  it('peaks: the largest measured value over the reps, null when none is measured', () => {
    const s = summary([
      rep({ left: 4.2, right: null }, 1.3),
      rep({ left: 9.7, right: 6.1 }, null),
      rep(null, 5.8),
    ]);
    expect(peakValgusDeg({ summary: s })).toBe(9.7);
    expect(peakHipDropDeg({ summary: s })).toBe(5.8);
    expect(peakValgusDeg({ summary: summary([rep(null, null)]) })).toBeNull();
    expect(peakHipDropDeg({ summary: summary([]) })).toBeNull();
  });

  it('trends: the knee line sits at the knees-out fire level; a point per set; none when empty', () => {
    expect(trendCharts([], String)).toEqual([]);
    const sets = [set([rep({ left: 3.5, right: 13.2 }, 2.2)], 1_000), set([rep(null, null)], 2_000)];
    const charts = trendCharts(sets, (ms) => `t${ms}`);
    expect(charts.map((c) => c.title)).toEqual([
      'Peak knee valgus per session',
      'Peak hip drop per session',
      'Reps per session',
    ]);
    expect(charts[0]?.thresholds).toEqual([{ y: cueRule('knees-out').fireAt, label: '“knees out”' }]);
    expect(cueRule('knees-out').fireAt).toBe(T.KNEES_OUT_FIRE_DEG);
    expect(charts[0]?.series[0]?.points).toEqual([
      [0, 13.2],
      [1, null],
    ]);
    expect(charts[1]?.series[0]?.points).toEqual([
      [0, 2.2],
      [1, null],
    ]);
    expect(charts[2]?.series[0]?.points).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(charts[0]?.xFormat(1)).toBe('t2000');
    expect(charts[0]?.xFormat(5)).toBe('');
  });

  it('x labels: at most eight labelled sessions', () => {
    const many = Array.from({ length: 20 }, (_v, i) => set([], i));
    expect(trendCharts(many, String)[0]?.xTicks).toEqual([0, 3, 6, 9, 12, 15, 18]);
  });

  it('list line: counts worded with their noun, source, peak and video size', () => {
    const one = { ...set([rep({ left: 12.04, right: 2 }, null)], 0), videoBytes: 2_345_678 };
    expect(itemTexts(one)).toEqual({
      reps: '1 rep',
      what: 'camera · front view',
      valgus: 'peak valgus 12.0°',
      video: 'video 2.3 MB',
    });
    const file = {
      ...set([rep(null, null), rep(null, null)], 0),
      source: 'file' as const,
      fileName: 'squats.mp4',
      videoBytes: null,
    };
    expect(itemTexts(file)).toMatchObject({
      reps: '2 reps',
      what: 'squats.mp4 · front view',
      valgus: '',
      video: 'no video',
    });
  });
});
