/**
 * The history model in Node: per-set peaks from the summaries, sets grouped into sessions by their
 * workout, progress charts on a real time axis with their lines at the cues' named fire levels, no
 * chart before two sessions, and the list's wording (counts via the core's countOf).
 */
import { describe, expect, it } from 'vitest';
import { cueRule, thresholds as T, type RepSummary, type SetSummary } from '../../src/core';
import {
  itemTexts,
  peakHipLowerDeg,
  peakKneeInsideRatio,
  peakPelvicDropDeg,
  sessionHeading,
  sessionsOf,
  timeTicks,
  trendCharts,
  trendsNote,
  type Session,
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

const DAY = 86_400_000;

const set = (reps: RepSummary[], startedAtMs: number, id = 'set') => ({
  id,
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

  it('sessions: the sets of one workout together, in set order; a set without a workout alone', () => {
    const w = (id: string, setIndex: number) => ({ id, setIndex, setsPlanned: 3, repTarget: 8 });
    const sets = [
      { ...set([rep({ left: 0.02, right: 0.15 }, null)], DAY + 600_000, 'b'), workout: w('W', 1) },
      { ...set([rep({ left: 0.05, right: 0.01 }, null), rep(null, null)], DAY, 'a'), workout: w('W', 0) },
      set([rep(null, null)], 3 * DAY, 'lone'),
      set([], 2 * DAY, 'lone-early'),
    ];
    const sessions = sessionsOf(sets);
    expect(sessions.map((s) => [s.key, s.sets.map((x) => x.id)])).toEqual([
      ['W', ['a', 'b']],
      ['lone-early', ['lone-early']],
      ['lone', ['lone']],
    ]);
    const [workout] = sessions;
    expect(workout).toMatchObject({
      startedAtMs: DAY,
      isWorkout: true,
      reps: 3,
      cleanReps: 3,
      cleanShare: 1,
    });
    // Each side's worst rep across the workout's sets.
    expect(workout?.kneeInsideRatio).toEqual({ left: 0.05, right: 0.15 });
    expect(sessionHeading(workout as Session)).toBe('Workout · 2 of 3 sets · 3 reps, 3 clean');
    expect(sessionHeading(sessions[1] as Session)).toBe('Set · 0 reps, 0 clean');
    expect(sessions[1]?.cleanShare).toBeNull();
  });

  it('hip drop per side: the largest drop with that hip lower; 0 when measured but never lower', () => {
    const hips = (value: number, lowerSide: 'left' | 'right'): RepSummary => ({
      ...rep(null, null),
      pelvicDropDeg: { value, lowerSide },
    });
    const s = { summary: summary([hips(3.2, 'left'), hips(8.1, 'left'), hips(1.4, 'right')]) };
    expect([peakHipLowerDeg(s, 'left'), peakHipLowerDeg(s, 'right')]).toEqual([8.1, 1.4]);
    const onlyLeft = { summary: summary([hips(2.5, 'left')]) };
    expect(peakHipLowerDeg(onlyLeft, 'right')).toBe(0);
    expect(peakHipLowerDeg({ summary: summary([rep(null, null)]) }, 'left')).toBeNull();
  });

  it('fewer than two sessions: no charts, a note that says why', () => {
    expect(trendCharts(sessionsOf([]), String)).toEqual([]);
    const one = sessionsOf([set([rep(null, null)], DAY, 'a')]);
    expect(trendCharts(one, String)).toEqual([]);
    expect(trendsNote(one)).toBe(
      'Progress charts appear once there are two sessions to compare (1 session so far).',
    );
    expect(trendsNote(sessionsOf([set([], DAY, 'a'), set([], 2 * DAY, 'b')]))).toBeNull();
  });

  it('progress charts: on a real time axis, a point per session, thresholds at the cue fire levels', () => {
    const t0 = new Date(2026, 10, 2, 18, 30).getTime();
    const t1 = new Date(2026, 10, 5, 7, 15).getTime();
    const sessions = sessionsOf([
      set([rep({ left: 0.035, right: 0.132 }, 2.2), { ...rep(null, null), cues: ['knees-out'] }], t0, 'a'),
      set([rep(null, null)], t1, 'b'),
    ]);
    const charts = trendCharts(sessions, (ms) => `d${new Date(ms).getDate()}`);
    expect(charts.map((c) => c.title)).toEqual([
      'Reps per session',
      'Clean reps',
      'Knees against the feet, worst rep',
      'Hip drop, worst rep',
    ]);
    for (const c of charts) {
      // x is time: the sessions sit at their start times, inside the padded range.
      expect(c.series[0]?.points.map((p) => p[0])).toEqual([t0, t1]);
      expect(c.xRange[0]).toBeLessThan(t0);
      expect(c.xRange[1]).toBeGreaterThan(t1);
    }
    expect(charts[0]?.series[0]?.points).toEqual([
      [t0, 2],
      [t1, 1],
    ]);
    expect(charts[1]?.series[0]?.points).toEqual([
      [t0, 50],
      [t1, 100],
    ]);
    expect(charts[2]?.series.map((s) => s.points[0]?.[1])).toEqual([0.035, 0.132]);
    expect(charts[2]?.series.map((s) => s.points[1]?.[1])).toEqual([null, null]);
    expect(charts[2]?.thresholds).toEqual([{ y: cueRule('knees-out').fireAt, label: 'knees out' }]);
    expect(cueRule('knees-out').fireAt).toBe(T.KNEE_INSIDE_FOOT_FIRE_RATIO);
    expect(charts[3]?.thresholds).toEqual([{ y: T.HIPS_LEVEL_FIRE_DEG, label: 'hips level' }]);
    expect(charts[2]?.caption).toContain(`${T.KNEE_INSIDE_FOOT_FIRE_RATIO}`);
    // Days over a short span: local midnights of Nov 3, 4, 5 (the 2nd's midnight is before the range).
    expect(charts[0]?.xTicks).toEqual([3, 4, 5].map((d) => new Date(2026, 10, d).getTime()));
    expect(charts[0]?.xFormat(new Date(2026, 10, 3).getTime())).toBe('d3');
  });

  it('time ticks: days up to two weeks, Mondays beyond, never more than five labels', () => {
    const day = (d: number): number => new Date(2026, 10, d).getTime();
    expect(timeTicks(day(2) + 1, day(4) + 1)).toEqual({ unit: 'day', ticks: [day(3), day(4)] });
    const month = timeTicks(day(1), day(30));
    expect(month.unit).toBe('week');
    // Mondays of November 2026: 2, 9, 16, 23, 30.
    expect(month.ticks).toEqual([2, 9, 16, 23, 30].map(day));
    for (const t of month.ticks) expect(new Date(t).getDay()).toBe(1);
    const tenDays = timeTicks(day(1), day(11));
    expect(tenDays.unit).toBe('day');
    expect(tenDays.ticks.length).toBeLessThanOrEqual(5);
    const year = timeTicks(day(1), day(1) + 365 * DAY);
    expect(year.ticks.length).toBeLessThanOrEqual(5);
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
