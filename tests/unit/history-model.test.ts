/**
 * The history model in Node: per-set peaks from the summaries, the trends' "knees out" line at the
 * cue's named fire level, and the list's wording (counts via the core's countOf).
 */
import { describe, expect, it } from 'vitest';
import { cueRule, thresholds as T, type RepSummary, type SetSummary } from '../../src/core';
import {
  itemTexts,
  peakKneeInsideRatio,
  peakPelvicDropDeg,
  trendCharts,
} from '../../src/features/history/history-model';

/** A rep with the two values history reads (the sustained knee-inside-foot and hip drop); the rest are distinct filler. */
const rep = (inside: RepSummary['kneeInsideFootRatio'], hipDropDeg: number | null): RepSummary => ({
  index: 1,
  complete: true,
  startMs: 400,
  bottomMs: 1_300,
  endMs: 2_600,
  view: 'front',
  depth: {
    minKneeAngleDeg: 88,
    hipBelowKnee: false,
    maxDepthRatio: 0.41,
    thighAngleDeg: 79,
    kneeFlexionDeg: 103,
    target: 'parallel',
  },
  kneeValgusDeg: null,
  kneeValgusPeakDeg: null,
  kneeInsideFootRatio: inside,
  hipDropDeg: null,
  hipDropPeakDeg: null,
  pelvicDropDeg: null,
  hipShift: null,
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
  faults: hipDropDeg === null ? {} : { 'hips-level': { value: hipDropDeg, verdict: 'within' } },
});

const summary = (reps: RepSummary[]): SetSummary => ({
  view: 'front',
  depthTarget: 'parallel',
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
      rep({ left: 0.042, right: null }, 1.3),
      rep({ left: 0.097, right: 0.061 }, null),
      rep(null, 5.8),
    ]);
    expect(peakKneeInsideRatio({ summary: s })).toBe(0.097);
    expect(peakKneeInsideRatio({ summary: s }, 'right')).toBe(0.061);
    expect(peakPelvicDropDeg({ summary: s })).toBe(5.8);
    expect(peakKneeInsideRatio({ summary: summary([rep(null, null)]) })).toBeNull();
    expect(peakPelvicDropDeg({ summary: summary([]) })).toBeNull();
  });

  it('trends: the knee and hip lines sit at their cues’ fire levels; a point per set and side; none when empty', () => {
    expect(trendCharts([], String)).toEqual([]);
    const sets = [set([rep({ left: 0.035, right: 0.132 }, 2.2)], 1_000), set([rep(null, null)], 2_000)];
    const charts = trendCharts(sets, (ms) => `t${ms}`);
    expect(charts.map((c) => c.title)).toEqual([
      'Knee inside the foot line, worst rep per session',
      'Hip drop, worst rep per session',
      'Reps per session',
    ]);
    expect(charts[0]?.thresholds).toEqual([{ y: cueRule('knees-out').fireAt, label: '“knees out”' }]);
    expect(cueRule('knees-out').fireAt).toBe(T.KNEE_INSIDE_FOOT_FIRE_RATIO);
    expect(charts[1]?.thresholds).toEqual([{ y: T.HIPS_LEVEL_FIRE_DEG, label: '“hips level”' }]);
    expect(charts[0]?.series[0]?.points).toEqual([
      [0, 0.035],
      [1, null],
    ]);
    expect(charts[0]?.series[1]?.points).toEqual([
      [0, 0.132],
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
    const one = { ...set([rep({ left: 0.21, right: 0.02 }, null)], 0), videoBytes: 2_345_678 };
    expect(itemTexts(one)).toEqual({
      reps: '1 rep',
      what: 'camera · front view',
      valgus: 'knees caved inside the feet',
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
