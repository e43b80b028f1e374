/**
 * The review model in Node: each table cell's verdict is the core's verdictOf against its cue's
 * limits (never a local rule), verdicts map to the table's levels and marks, the worst rep, the
 * plots' thresholds from the named constants, and the set analysed only when the record lacks it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeFrames,
  cueRule,
  parsePoseTrack,
  poseTrackToFrames,
  thresholds as T,
  verdictOf,
  type CueId,
  type PoseTrack,
  type RepSummary,
  type SetSummary,
} from '../../src/core';
import { worstRepIndex } from '../../src/core/coaching/patterns';
import { analyseTrack } from '../../src/domain/set-record';
import {
  MEASURE_COLUMNS,
  analysesOf,
  frameIndexAt,
  levelOf,
  repAt,
  repCells,
  reviewModel,
} from '../../src/features/review/review-model';
import { VERDICT_MARK } from '../../src/ui-kit/cue-presentation';
import { trackPath, type ClipId } from '../golden/tracks';

/** A rep with distinct, asymmetric values; `over` replaces any of them. */
function rep(over: Partial<RepSummary> = {}): RepSummary {
  return {
    index: 1,
    complete: true,
    startMs: 1_000,
    bottomMs: 2_100,
    endMs: 3_300,
    view: 'front',
    depth: { minKneeAngleDeg: 83.4, hipBelowKnee: false, maxDepthRatio: 0.37 },
    kneeValgusDeg: { left: 3.1, right: 2.2 },
    kneeValgusPeakDeg: { left: 4.6, right: 7.3 },
    hipDropDeg: { value: 2.4, lowerSide: 'right' },
    hipDropPeakDeg: { value: 3.9, lowerSide: 'right' },
    toeShiftRatio: 0.41,
    toeShiftPeakRatio: 0.52,
    heelRisePeakRatio: 0.01,
    kneePastToesPeakRatio: null,
    shinAnglePeakDeg: null,
    pelvisShiftPeakRatio: null,
    kneeAnkleSeparationRatio: null,
    trunkLeanDeg: 21,
    trunkLeanPeakDeg: 27,
    asymmetry: { kneeAngleDeg: 1.7, kneeValgusDeg: 2.7 },
    tempo: { descentMs: 1_100, bottomMs: 400, ascentMs: 800 },
    cues: [],
    ...over,
  };
}

const loadTrack = (clip: ClipId): PoseTrack =>
  parsePoseTrack(JSON.parse(readFileSync(trackPath(clip), 'utf8')));

describe('verdict per cell: the core verdict against the cue limits', () => {
  /** Values on both sides of and exactly at each cue's clear and fire levels. */
  const around = (id: CueId): number[] => {
    const r = cueRule(id);
    const d = Math.abs(r.fireAt - r.clearAt) / 2;
    return [r.clearAt - d, r.clearAt, r.clearAt + d, r.fireAt, r.fireAt + d, r.fireAt - d, r.fireAt + 3 * d];
  };

  it('knee L / R: knees-out limits, each side on its own', () => {
    for (const v of around('knees-out')) {
      const cells = repCells(rep({ kneeValgusPeakDeg: { left: v, right: -v } }));
      expect(cells.kneeLeft.verdict).toBe(verdictOf(cueRule('knees-out'), v));
      expect(cells.kneeRight.verdict).toBe(verdictOf(cueRule('knees-out'), -v));
      expect(cells.kneeLeft.text).toBe(`${v.toFixed(1)}°`);
    }
  });

  it('depth: go-lower limits, lower is worse', () => {
    expect(cueRule('go-lower').direction).toBe('below');
    for (const v of around('go-lower')) {
      const cell = repCells(
        rep({ depth: { minKneeAngleDeg: 95, hipBelowKnee: null, maxDepthRatio: v } }),
      ).depth;
      expect(cell.verdict).toBe(verdictOf(cueRule('go-lower'), v));
    }
    expect(
      repCells(rep({ depth: { minKneeAngleDeg: 95, hipBelowKnee: null, maxDepthRatio: 0.1 } })).depth.verdict,
    ).toBe('past');
    expect(
      repCells(rep({ depth: { minKneeAngleDeg: 70, hipBelowKnee: true, maxDepthRatio: 0.46 } })).depth,
    ).toMatchObject({
      verdict: 'within',
      text: '0.46 · knee 70°, hip below knee',
    });
  });

  it('weight: hips-back limits; trunk lean: chest-up limits', () => {
    for (const v of around('hips-back'))
      expect(repCells(rep({ toeShiftPeakRatio: v })).weight.verdict).toBe(verdictOf(cueRule('hips-back'), v));
    for (const v of around('chest-up'))
      expect(repCells(rep({ trunkLeanPeakDeg: v })).trunkLean.verdict).toBe(
        verdictOf(cueRule('chest-up'), v),
      );
  });

  it('a value exactly at the fire level is near, not past (the cue fires only beyond it)', () => {
    const cells = repCells(
      rep({
        kneeValgusPeakDeg: { left: T.KNEES_OUT_FIRE_DEG, right: T.KNEES_OUT_FIRE_DEG + 0.1 },
        toeShiftPeakRatio: T.HIPS_BACK_FIRE_RATIO,
        trunkLeanPeakDeg: T.CHEST_UP_FIRE_DEG,
        depth: { minKneeAngleDeg: 100, hipBelowKnee: false, maxDepthRatio: T.GO_LOWER_FIRE_DEPTH_RATIO },
      }),
    );
    expect(cells.kneeLeft.verdict).toBe('near');
    expect(cells.kneeRight.verdict).toBe('past');
    expect(cells.weight.verdict).toBe('near');
    expect(cells.trunkLean.verdict).toBe('near');
    expect(cells.depth.verdict).toBe('near');
  });

  it('hip drop: past only when the rep fired "hips level" (the summary keeps the raw drop only)', () => {
    const big = { value: T.HIPS_LEVEL_FIRE_DEG * 3, lowerSide: 'left' } as const;
    expect(repCells(rep({ hipDropDeg: big })).hipDrop).toMatchObject({
      verdict: 'within',
      text: `${(T.HIPS_LEVEL_FIRE_DEG * 3).toFixed(1)}° L low`,
    });
    expect(
      repCells(rep({ hipDropDeg: { value: 0.4, lowerSide: 'right' }, cues: ['hips-level'] })).hipDrop,
    ).toMatchObject({
      verdict: 'past',
      text: '0.4° R low',
    });
  });

  it('unmeasured values have no verdict and show a dash', () => {
    const cells = repCells(
      rep({
        kneeValgusPeakDeg: null,
        hipDropDeg: null,
        toeShiftPeakRatio: null,
        trunkLeanPeakDeg: null,
        depth: { minKneeAngleDeg: null, hipBelowKnee: null, maxDepthRatio: null },
        cues: ['hips-level'],
      }),
    );
    for (const c of MEASURE_COLUMNS) expect(cells[c].verdict).toBeNull();
    expect(cells.kneeLeft.text).toBe('—');
    expect(cells.hipDrop.text).toBe('—');
    expect(cells.depth.text).toBe('— · knee —');
  });

  it('tooltips name the thresholds from the cue rules', () => {
    const cells = repCells(rep());
    expect(cells.kneeLeft.threshold).toContain(`${T.KNEES_OUT_FIRE_DEG}°`);
    expect(cells.depth.threshold).toContain(`${T.GO_LOWER_FIRE_DEPTH_RATIO}`);
    expect(cells.hipDrop.threshold).toContain(`${T.HIPS_LEVEL_FIRE_DEG}°`);
    expect(cells.weight.threshold).toContain(`${T.HIPS_BACK_FIRE_RATIO * 100} %`);
    expect(cells.trunkLean.threshold).toContain(`${T.CHEST_UP_FIRE_DEG}°`);
  });
});

describe('verdict → table level and mark', () => {
  it('within/near/past/null → ok/warn/bad/na, marks ✓ △ ✗', () => {
    expect([levelOf('within'), levelOf('near'), levelOf('past'), levelOf(null)]).toEqual([
      'ok',
      'warn',
      'bad',
      'na',
    ]);
    expect([VERDICT_MARK.within, VERDICT_MARK.near, VERDICT_MARK.past]).toEqual(['✓', '△', '✗']);
  });
});

describe('the review of a real set', () => {
  const clip = 'front-oblique-banded-squats';
  const track = loadTrack(clip);
  const { summary, analyses } = analyseTrack(track);
  const model = reviewModel({ source: 'camera', fileName: null, summary }, analyses);

  it('analyseTrack gives the same summary as analyzeFrames, and one analysis per frame', () => {
    expect(JSON.stringify(summary)).toBe(JSON.stringify(analyzeFrames(poseTrackToFrames(track))));
    expect(analyses).toHaveLength(track.frames.length);
  });

  it('a row per complete rep, the worst rep marked once, and its cells are the rep cells', () => {
    expect(model.repCount).toBe(2);
    expect(model.repNoun).toBe('reps');
    expect(model.rows.map((r) => r.rep.index)).toEqual(summary.reps.map((r) => r.index));
    expect(model.worstRep).toBe(worstRepIndex(summary));
    expect(model.rows.filter((r) => r.worst).map((r) => r.rep.index)).toEqual([model.worstRep]);
    for (const row of model.rows) expect(row.cells).toEqual(repCells(row.rep));
  });

  it('four plots with a band per rep and thresholds at the cue fire levels', () => {
    expect(model.charts.map((c) => c.title)).toEqual(['Knee valgus', 'Hip drop', 'Weight position', 'Depth']);
    const ys = model.charts.map((c) => (c.thresholds ?? []).map((t) => t.y));
    expect(ys).toEqual([
      [T.KNEES_OUT_FIRE_DEG],
      [T.HIPS_LEVEL_FIRE_DEG, -T.HIPS_LEVEL_FIRE_DEG],
      [T.HIPS_BACK_FIRE_RATIO],
      [T.GO_LOWER_FIRE_DEPTH_RATIO],
    ]);
    for (const c of model.charts) {
      expect(c.bands?.filter((b) => b.className !== 'band-partial')).toHaveLength(2);
      expect(c.bands?.filter((b) => b.className === 'band-worst')).toHaveLength(1);
      expect(c.markers).toHaveLength(summary.cues.length);
      for (const s of c.series) expect(s.points).toHaveLength(analyses.length);
    }
  });

  it('a single rep has no worst rep; the heading words the count', () => {
    const one: SetSummary = { ...summary, reps: summary.reps.slice(0, 1), repCount: 1, partialReps: 1 };
    const m = reviewModel({ source: 'file', fileName: 'squats.mp4', summary: one }, analyses);
    expect(m.worstRep).toBeNull();
    expect(m.rows.some((r) => r.worst)).toBe(false);
    expect(m.repNoun).toBe('rep');
    expect(m.details).toMatch(/^video file squats\.mp4 · \w+ view · \d+\.\d s · 1 partial rep not counted$/);
  });

  it("the record's own analyses are used as they are; a record without them is analysed once", () => {
    expect(analysesOf({ track, analyses })).toBe(analyses);
    const fresh = analysesOf({ track });
    expect(fresh).toHaveLength(analyses.length);
    expect(JSON.stringify(fresh)).toBe(JSON.stringify(analyses));
  });

  it('replay look-ups: frame at a time, rep under a time', () => {
    const t = analyses.map((a) => a.tMs);
    expect(frameIndexAt(analyses, (t[0] ?? 0) - 1)).toBe(0);
    expect(frameIndexAt(analyses, t[5] ?? 0)).toBe(5);
    expect(frameIndexAt(analyses, ((t[5] ?? 0) + (t[6] ?? 0)) / 2)).toBe(5);
    expect(frameIndexAt(analyses, Infinity)).toBe(analyses.length - 1);
    expect(frameIndexAt([], 0)).toBe(-1);
    const first = summary.reps[0] as RepSummary;
    expect(repAt(model.allReps, first.bottomMs)?.index).toBe(first.index);
    expect(repAt(model.allReps, first.startMs - 1e6)).toBeUndefined();
  });
});
