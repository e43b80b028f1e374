import { describe, expect, it } from 'vitest';
import { analyzeFrames, SetAnalyzer } from '../../src/core/set/session';
import { FAULT_CUE_IDS } from '../../src/core/coaching/cues';
import type { FrameAnalysis } from '../../src/core/types';
import { cocoOnly, frameAt, frontPose, sidePose, syntheticSet, type RawPose } from './poses';

const runAll = (frames: ReturnType<typeof syntheticSet>): FrameAnalysis[] => {
  const a = new SetAnalyzer();
  return frames.map((f) => a.push(f));
};

describe('SetAnalyzer on synthetic sets', () => {
  it('counts reps, calibrates from the first still second, reports the view', () => {
    const frames = syntheticSet({ reps: [{ q: 1 }, { q: 0.95 }, { q: 1.05 }] });
    const s = analyzeFrames(frames);
    expect(s.repCount).toBe(3);
    expect(s.partialReps).toBe(0);
    expect(s.view).toBe('front');
    expect(s.calibration?.provisional).toBe(false);
    expect(s.calibration?.tMs as number).toBeGreaterThanOrEqual(1000);
    expect(s.reps.map((r) => r.index)).toEqual([1, 2, 3]);
    for (const r of s.reps) {
      expect(r.startMs).toBeLessThan(r.bottomMs);
      expect(r.bottomMs).toBeLessThan(r.endMs as number);
      expect(r.tempo.descentMs).toBeGreaterThan(0);
      expect(r.tempo.ascentMs as number).toBeGreaterThan(0);
    }
  });

  it('a rep still in progress at the end is partial, not counted; summary() works mid-set', () => {
    const frames = syntheticSet({ reps: [{ q: 1 }, { q: 1, durMs: 2400 }] });
    const cut = frames.filter((f) => f.tMs < 1500 + 2400 + 1200 + 1300); // mid 2nd rep
    const a = new SetAnalyzer();
    for (const f of cut) a.push(f);
    const s = a.summary();
    expect(s.repCount).toBe(1);
    expect(s.partialReps).toBe(1);
    expect(s.partials[0]?.complete).toBe(false);
    expect(s.partials[0]?.endMs).toBeNull();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // plain JSON
  });

  it('FrameAnalysis is plain JSON and carries smoothed keypoints for drawing', () => {
    const out = runAll(syntheticSet({ reps: [{ q: 1 }] }));
    const last = out[out.length - 1] as FrameAnalysis;
    expect(JSON.parse(JSON.stringify(last))).toEqual(last);
    expect(last.keypoints?.left_knee).toBeDefined();
    expect(out.some((f) => f.phase === 'bottom')).toBe(true);
  });

  it('low confidence gives null metrics and no cue, with guidance', () => {
    // Knees pushed far toward the midline (would be a fault) but every score below the threshold.
    const frames = syntheticSet({ reps: [{ q: 1 }], pose: (q) => frontPose(q, { kneeInPx: 60 * q }) }).map(
      (f) => ({
        ...f,
        keypoints:
          f.keypoints &&
          Object.fromEntries(Object.entries(f.keypoints).map(([k, v]) => [k, { ...v, score: 0.31 }])),
      }),
    );
    const out = runAll(frames);
    expect(out.every((f) => f.metrics.kneeValgusDeg.left === null && f.cueEvent === null)).toBe(true);
    expect(out.every((f) => f.guidance === 'low-confidence')).toBe(true);
  });

  it('a knee caving in fires knees-out in the loaded phase (positive control)', () => {
    const frames = syntheticSet({
      reps: [{ q: 1 }, { q: 1 }],
      pose: (q) => frontPose(q, { kneeInPx: 75 * q }),
    });
    const s = analyzeFrames(frames);
    expect(s.cues.map((c) => c.id)).toContain('knees-out');
  });

  it('out of frame: keypoints beyond the edge give null metrics and step-back', () => {
    const raw = frontPose(0);
    const shifted: RawPose = Object.fromEntries(Object.entries(raw).map(([k, p]) => [k, [p[0], p[1] + 400]]));
    const a = new SetAnalyzer();
    const r = a.push(frameAt(0, shifted));
    expect(r.guidance).toBe('step-back');
    expect(r.metrics.depthRatio).toBeNull();
  });

  it("too small in the model's image to judge the hips → move-closer, and no hip drop read", () => {
    // The same front-view person, the frame handed to the model at a quarter of its size: her hips
    // (~100 source px apart) span ~25 of the model's pixels, under HIP_LINE_MIN_APART_MODEL_PX.
    const run = (modelPxPerSourcePx: number): FrameAnalysis[] =>
      runAll(syntheticSet({ reps: [{ q: 1 }] }).map((f) => ({ ...f, modelPxPerSourcePx })));
    const small = run(0.25);
    const standing = small.filter((f) => f.phase === 'standing' && f.view === 'front');
    expect(standing.length).toBeGreaterThan(0);
    expect(standing.every((f) => f.guidance === 'move-closer')).toBe(true);
    expect(small.every((f) => f.metrics.hipDropDeg === null)).toBe(true);
    expect(small[small.length - 1]?.repCount).toBe(1);
    const full = run(1);
    expect(full.some((f) => f.guidance === 'move-closer')).toBe(false);
    expect(full.some((f) => f.metrics.hipDropDeg !== null)).toBe(true);
  });

  it('no person → no-person guidance, nothing counted', () => {
    const a = new SetAnalyzer();
    const r = a.push(frameAt(0, null));
    expect(r.guidance).toBe('no-person');
    expect(r.keypoints).toBeNull();
    expect(a.summary().repCount).toBe(0);
  });

  it('MoveNet (COCO-17) frames: reps counted, heel/foot metrics null, no crash', () => {
    const frames = syntheticSet({ reps: [{ q: 1 }, { q: 1 }], pose: (q) => cocoOnly(sidePose(q)) });
    const out = runAll(frames);
    expect(out[out.length - 1]?.repCount).toBe(2);
    expect(out.every((f) => f.metrics.toeShiftRatio === null && f.metrics.heelRiseRatio === null)).toBe(true);
    expect(out.some((f) => f.metrics.trunkLeanDeg !== null)).toBe(true);
  });

  it('arms raised overhead mid-set change nothing about the count', () => {
    const overhead = (q: number): RawPose => {
      const p = frontPose(q);
      p.left_wrist = [451, 90];
      p.right_wrist = [268, 93];
      p.left_elbow = [446, 190];
      p.right_elbow = [276, 192];
      return p;
    };
    const s = analyzeFrames(syntheticSet({ reps: [{ q: 1 }, { q: 1 }], pose: overhead }));
    expect(s.repCount).toBe(2);
  });

  it('a second person (identity jump) for a few frames mid-rep is ignored', () => {
    const frames = syntheticSet({ reps: [{ q: 1 }, { q: 1 }] });
    const other = frontPose(0, { cx: 640 });
    const jumped = frames.map((f, i) => (i >= 70 && i < 76 ? frameAt(f.tMs, other) : f));
    const s = analyzeFrames(jumped);
    expect(s.repCount).toBe(2);
    expect(s.cues.filter((c) => FAULT_CUE_IDS.includes(c.id))).toHaveLength(0);
  });

  it('walking out of frame mid-rep: that rep is partial, the rest count', () => {
    const frames = syntheticSet({ reps: [{ q: 1 }, { q: 1 }, { q: 1 }] });
    const rep2Start = 1500 + 2400 + 1200;
    const gone = frames.map((f) =>
      f.tMs > rep2Start + 600 && f.tMs < rep2Start + 2000 ? frameAt(f.tMs, null) : f,
    );
    const s = analyzeFrames(gone);
    expect(s.repCount).toBe(2);
    expect(s.partialReps).toBe(1);
  });

  it('reset() starts a new set', () => {
    const a = new SetAnalyzer();
    for (const f of syntheticSet({ reps: [{ q: 1 }] })) a.push(f);
    expect(a.summary().repCount).toBe(1);
    a.reset();
    expect(a.summary().repCount).toBe(0);
    expect(a.summary().calibration).toBeNull();
  });
});
