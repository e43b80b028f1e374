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
  depthLimit,
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
  limitText,
  repAt,
  repCells,
  reviewModel,
} from '../../src/features/review/review-model';
import { plotsFor } from '../../src/features/review/review-charts';
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
    depth: {
      minKneeAngleDeg: 83.4,
      hipBelowKnee: false,
      maxDepthRatio: 0.37,
      thighAngleDeg: 81.3,
      kneeFlexionDeg: 104.6,
      target: 'parallel',
    },
    kneeValgusDeg: { left: 3.1, right: 2.2 },
    kneeValgusPeakDeg: { left: 4.6, right: 7.3 },
    kneeInsideFootRatio: { left: 0.031, right: -0.022 },
    hipDropDeg: { value: 2.4, lowerSide: 'right' },
    hipDropPeakDeg: { value: 3.9, lowerSide: 'right' },
    pelvicDropDeg: { value: 1.1, lowerSide: 'right' },
    hipShift: { ratio: 0.04, toward: 'left' },
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
    faults: {},
    ...over,
  };
}

const loadTrack = (clip: ClipId): PoseTrack =>
  parsePoseTrack(JSON.parse(readFileSync(trackPath(clip), 'utf8')));

describe('verdict per cell: the rep’s own verdicts, from the core', () => {
  /** Values on both sides of and exactly at each cue's clear and fire levels. */
  const around = (id: CueId): number[] => {
    const r = cueRule(id);
    const d = Math.abs(r.fireAt - r.clearAt) / 2;
    return [r.clearAt - d, r.clearAt, r.clearAt + d, r.fireAt, r.fireAt + d, r.fireAt - d, r.fireAt + 3 * d];
  };
  const fault = (id: CueId, value: number): RepSummary['faults'] => {
    const verdict = verdictOf(id === 'go-lower' ? depthLimit('parallel') : cueRule(id), value);
    return verdict === null ? {} : { [id]: { value, verdict } };
  };

  it('knee L / R: the knees-out limits on each knee’s own inside-foot value, in plain words', () => {
    for (const v of around('knees-out')) {
      const cells = repCells(rep({ kneeInsideFootRatio: { left: v, right: -v } }));
      expect(cells.kneeLeft.verdict).toBe(verdictOf(cueRule('knees-out'), v));
      expect(cells.kneeRight.verdict).toBe(verdictOf(cueRule('knees-out'), -v));
      expect(cells.kneeRight.text).toMatch(/^over foot/);
    }
    const caved = repCells(
      rep({ kneeInsideFootRatio: { left: T.KNEE_INSIDE_FOOT_FIRE_RATIO + 0.05, right: 0 } }),
    );
    expect(caved.kneeLeft.text).toBe('inside foot · 3° in');
    expect(caved.kneeRight.text).toBe('over foot · 2° in');
  });

  it('depth, hip drop, weight and trunk: exactly the verdict the rep carries', () => {
    for (const v of around('hips-level')) {
      const r = rep({ faults: fault('hips-level', v) });
      expect(repCells(r).hipDrop.verdict).toBe(r.faults['hips-level']?.verdict);
    }
    for (const v of around('hips-back'))
      expect(repCells(rep({ faults: fault('hips-back', v) })).weight.verdict).toBe(
        verdictOf(cueRule('hips-back'), v),
      );
    for (const v of around('chest-up'))
      expect(repCells(rep({ faults: fault('chest-up', v) })).trunkLean.verdict).toBe(
        verdictOf(cueRule('chest-up'), v),
      );
    const shallow = rep({ faults: fault('go-lower', T.DEPTH_TARGET_THIGH_DEG.parallel - 12) });
    expect(repCells(shallow).depth.verdict).toBe('past');
    const deep = rep({ faults: fault('go-lower', 84) });
    expect(repCells(deep).depth.verdict).toBe('within');
  });

  it('a value exactly at the fire level is near, not past (the cue fires only beyond it)', () => {
    const cells = repCells(
      rep({
        kneeInsideFootRatio: {
          left: T.KNEE_INSIDE_FOOT_FIRE_RATIO,
          right: T.KNEE_INSIDE_FOOT_FIRE_RATIO + 0.01,
        },
        faults: { ...fault('hips-back', T.HIPS_BACK_FIRE_RATIO), ...fault('chest-up', T.CHEST_UP_FIRE_DEG) },
      }),
    );
    expect(cells.kneeLeft.verdict).toBe('near');
    expect(cells.kneeRight.verdict).toBe('past');
    expect(cells.weight.verdict).toBe('near');
    expect(cells.trunkLean.verdict).toBe('near');
  });

  it('a one-frame spike never marks a cell: the cell shows the sustained value, not the peak', () => {
    // The peak (a single frame) is far past the limit; the rep's sustained value is within it.
    const r = rep({
      hipDropPeakDeg: { value: T.HIPS_LEVEL_FIRE_DEG * 3, lowerSide: 'left' },
      faults: fault('hips-level', T.HIPS_LEVEL_CLEAR_DEG - 1),
    });
    expect(repCells(r).hipDrop.verdict).toBe('within');
  });

  it('unmeasured values have no verdict and show a dash', () => {
    const cells = repCells(
      rep({
        kneeValgusDeg: null,
        kneeInsideFootRatio: null,
        pelvicDropDeg: null,
        faults: {},
        depth: { ...rep().depth, thighAngleDeg: null, kneeFlexionDeg: null },
      }),
    );
    for (const c of MEASURE_COLUMNS) expect(cells[c].verdict).toBeNull();
    expect(cells.kneeLeft.text).toBe('—');
    expect(cells.hipDrop.text).toBe('—');
    expect(cells.depth.text).toBe('—');
  });

  it('thresholds are readable words naming the values of the cue rules', () => {
    const cells = repCells(rep());
    expect(cells.kneeLeft.threshold).toContain(`${T.KNEE_INSIDE_FOOT_FIRE_RATIO}`);
    expect(cells.depth.threshold).toContain(`${T.DEPTH_TARGET_THIGH_DEG.parallel}°`);
    expect(cells.hipDrop.threshold).toContain(`${T.HIPS_LEVEL_FIRE_DEG}°`);
    expect(cells.weight.threshold).toContain(`${Math.round(T.HIPS_BACK_FIRE_RATIO * 100)} %`);
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

  it('a plot per measure the view gives, a band per rep and thresholds at the cue fire levels', () => {
    // A front-view set: no weight-over-the-foot plot (a side-view measure), and the note says so.
    expect(summary.view).toBe('front');
    expect(model.charts.map((c) => c.title)).toEqual(['Knees against the feet', 'Hip level', 'Depth']);
    expect(model.missingPlots).toBe(
      'Not shown from a front view: weight over the foot (film from the side to see it).',
    );
    const ys = model.charts.map((c) => (c.thresholds ?? []).map((t) => t.y));
    expect(ys).toEqual([
      [T.KNEE_INSIDE_FOOT_FIRE_RATIO],
      [T.HIPS_LEVEL_FIRE_DEG, -T.HIPS_LEVEL_FIRE_DEG],
      [T.DEPTH_TARGET_THIGH_DEG.parallel],
    ]);
    // Every threshold is written out under its plot, with its value.
    expect(model.charts.map((c) => c.caption)).toEqual([
      expect.stringContaining(`${T.KNEE_INSIDE_FOOT_FIRE_RATIO} of a shin length`),
      expect.stringContaining(`${T.HIPS_LEVEL_FIRE_DEG}°`),
      expect.stringContaining(`${T.DEPTH_TARGET_THIGH_DEG.parallel}°`),
    ]);
    // One marker per cue a rep carries: the plots mark exactly what the table and pattern judge.
    const repCues = [...summary.reps, ...summary.partials].reduce((n, r) => n + r.cues.length, 0);
    for (const c of model.charts) {
      expect(c.bands?.filter((b) => b.className !== 'band-partial')).toHaveLength(2);
      const worst = c.bands?.filter((b) => b.className === 'band-worst') ?? [];
      expect(worst.map((b) => [b.label, b.note])).toEqual([[String(model.worstRep), 'worst']]);
      expect(c.markers).toHaveLength(repCues);
      for (const s of c.series) expect(s.points).toHaveLength(analyses.length);
    }
  });

  it('plots by view: side gives weight and depth, an unclear view none of the frontal ones', () => {
    const titles = (view: SetSummary['view']): string[] =>
      reviewModel({ source: 'camera', fileName: null, summary: { ...summary, view } }, analyses).charts.map(
        (c) => c.title,
      );
    expect(titles('side')).toEqual(['Weight over the foot', 'Depth']);
    expect(titles('rear')).toEqual(['Knees against the feet', 'Hip level', 'Depth']);
    expect(titles('oblique')).toEqual(['Depth']);
    expect(titles('unknown')).toEqual([]);
    expect(plotsFor('side')).toEqual(['weight', 'depth']);
  });

  it('plain words: the verdict line, column labels and limits carry no jargon', () => {
    expect(model.verdict.line).toBe('All 2 reps clean.');
    const words = [
      ...model.charts.flatMap((c) => [c.title, c.yUnit, c.caption ?? '']),
      ...model.limits.flatMap((l) => [l.label, l.text]),
    ].join(' | ');
    for (const jargon of ['FPPA', 'valgus', 'descent / leg', '≈ 0.45', 'allowance', 'medial', 'pelvic'])
      expect(words).not.toContain(jargon);
    // Front view: no weight or chest-lean column, both knees share one limit line.
    expect(model.columns).toEqual(['depth', 'kneeLeft', 'kneeRight', 'hipDrop']);
    expect(model.limits.map((l) => l.label)).toEqual(['Depth', 'Knees', 'Hip level']);
    expect(model.limits[1]?.text).toBe(limitText('kneeLeft', 'parallel'));
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
    expect(analysesOf({ track, analyses, summary })).toBe(analyses);
    const fresh = analysesOf({ track, summary });
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
