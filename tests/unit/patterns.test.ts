/**
 * "What the pattern suggests" on the real fixture tracks (good form → nothing corrective) and on the
 * same tracks with faults injected into every rep (as in tests/golden/faults.test.ts): each fault
 * names its drills, and only its own.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFrames } from '../../src/core';
import { clamp01, rotateAboutDeg, vec } from '../../src/core/math/geometry';
import type { Keypoint, KeypointName, PoseFrame } from '../../src/core/pose/keypoints';
import { PATTERN_NOTE, patternReport, worstRepIndex, type PatternId } from '../../src/core/coaching/patterns';
import type { RepSummary, SetSummary } from '../../src/core/types';
import { loadFrames, mapKeypoints, shiftUpperBodyForward, type ClipId } from '../golden/tracks';

const CLIPS: readonly ClipId[] = [
  'front-oblique-banded-squats',
  'front-oblique-half-squats',
  'rear-barbell-squats',
  'side-bodyweight-squat',
];

const allReps = (s: SetSummary): RepSummary[] => [...s.reps, ...s.partials].sort((a, b) => a.index - b.index);
const get = (f: PoseFrame, n: KeypointName): Keypoint | undefined => f.keypoints?.[n];
const hipY = (f: PoseFrame): number | null => {
  const l = get(f, 'left_hip');
  const r = get(f, 'right_hip');
  return l && r ? (l.yPx + r.yPx) / 2 : null;
};

/** 0 at standing → 1 at the deepest frame, inside each rep of the set (every rep injected). */
function fadeAllReps(frames: readonly PoseFrame[], summary: SetSummary): (f: PoseFrame) => number {
  const fades = allReps(summary).map((rep) => {
    const end = rep.endMs ?? Infinity;
    const inRep = frames.filter((f) => f.tMs >= rep.startMs && f.tMs <= end);
    const ys = inRep.map(hipY).filter((y): y is number => y !== null);
    const top = Math.min(...ys);
    const bottom = Math.max(...ys);
    return (f: PoseFrame): number => {
      if (f.tMs < rep.startMs || f.tMs > end) return 0;
      const y = hipY(f);
      return y === null ? 0 : clamp01((y - top) / (bottom - top));
    };
  });
  return (f) => Math.max(0, ...fades.map((g) => g(f)));
}

const ids = (s: SetSummary): PatternId[] => patternReport(s).findings.map((f) => f.id);
const drillNames = (s: SetSummary, id: PatternId): string[] =>
  patternReport(s)
    .findings.find((f) => f.id === id)
    ?.drills.map((d) => d.name) ?? [];

describe('patterns on the good-form fixture tracks', () => {
  for (const clip of CLIPS) {
    it(`${clip}: form looked good, nothing corrective`, () => {
      const report = patternReport(analyzeFrames(loadFrames(clip)));
      expect(report.verdict).toBe('good');
      expect(report.findings).toEqual([]);
      expect(report.headline).toMatch(/form looked good/i);
      expect(report.note).toBe(PATTERN_NOTE);
      expect(report.note).toMatch(/not a diagnosis/);
      expect(report.note).toMatch(/physiotherapist/);
    });
  }

  it('no reps → no verdict on form', () => {
    const s = analyzeFrames([]);
    expect(patternReport(s).verdict).toBe('no-reps');
    expect(worstRepIndex(s)).toBeNull();
  });
});

describe('injected knee valgus (every rep, both knees)', () => {
  const base = loadFrames('front-oblique-banded-squats');
  const fade = fadeAllReps(base, analyzeFrames(base));
  /** Shank rotation toward the midline at the deepest frame, deg: 15° fired knees-out in faults.test.ts. */
  const VALGUS_DEG = 18;
  const injected = mapKeypoints(base, (name, k, f) => {
    if (name !== 'left_knee' && name !== 'right_knee') return { x: k.xPx, y: k.yPx };
    const side = name === 'left_knee' ? 'left' : 'right';
    const ankle = get(f, `${side}_ankle`) as Keypoint;
    const other = get(f, side === 'left' ? 'right_ankle' : 'left_ankle') as Keypoint;
    const towardMidline = Math.sign(other.xPx - ankle.xPx);
    return rotateAboutDeg(vec(k.xPx, k.yPx), vec(ankle.xPx, ankle.yPx), towardMidline * VALGUS_DEG * fade(f));
  });
  const summary = analyzeFrames(injected);

  it('names the hip external rotator and glute drills, and nothing else', () => {
    expect(ids(summary)).toEqual(['knees-cave']);
    expect(drillNames(summary, 'knees-cave')).toEqual(
      expect.arrayContaining(['Clamshells', 'Banded walks / crab walks', 'Glute bridges', 'Lateral lunges']),
    );
    const finding = patternReport(summary).findings[0];
    expect(finding?.cause).toMatch(/external rotators and glutes/);
    expect(finding?.drills.every((d) => d.howTo.length > 20)).toBe(true);
    expect(patternReport(summary).verdict).toBe('corrective');
  });

  it('the worst rep is one with a cue', () => {
    const worst = worstRepIndex(summary);
    expect(summary.reps.find((r) => r.index === worst)?.cues).toContain('knees-out');
  });
});

describe('injected hip drop (every rep)', () => {
  const base = loadFrames('front-oblique-banded-squats');
  const fade = fadeAllReps(base, analyzeFrames(base));
  /** Hip-line rotation at the deepest frame, deg: 12° fired hips-level in faults.test.ts. */
  const DROP_DEG = 14;
  const injected = mapKeypoints(base, (name, k, f) => {
    if (name !== 'left_hip' && name !== 'right_hip') return { x: k.xPx, y: k.yPx };
    const l = get(f, 'left_hip') as Keypoint;
    const r = get(f, 'right_hip') as Keypoint;
    const c = vec((l.xPx + r.xPx) / 2, (l.yPx + r.yPx) / 2);
    return rotateAboutDeg(vec(k.xPx, k.yPx), c, Math.sign(l.xPx - r.xPx) * DROP_DEG * fade(f));
  });
  const summary = analyzeFrames(injected);

  it('names glute medius work: side-lying hip abduction and single-leg balance', () => {
    expect(ids(summary)).toEqual(['hip-drop']);
    expect(drillNames(summary, 'hip-drop')).toEqual(
      expect.arrayContaining(['Side-lying hip abduction', 'Single-leg balance']),
    );
    expect(patternReport(summary).findings[0]?.cause).toMatch(/glute medius/);
  });
});

describe('injected weight shift to the toes (every rep)', () => {
  const base = loadFrames('side-bodyweight-squat');
  const baseSummary = analyzeFrames(base);
  const fade = fadeAllReps(base, baseSummary);
  const f0 = base.find((f) => f.tMs >= (allReps(baseSummary)[0]?.startMs ?? 0)) as PoseFrame;
  /** Upper-body shift toward the toes at the deepest frame, share of foot length: 0.4 fired hips-back in faults.test.ts. */
  const SHIFT_SHARE = 0.45;
  const injected = shiftUpperBodyForward(base, f0, SHIFT_SHARE, fade);
  const summary = analyzeFrames(injected);

  it('names ankle mobility and "sit hips back"', () => {
    expect(ids(summary)).toContain('weight-forward');
    expect(ids(summary)).not.toContain('knees-cave');
    expect(ids(summary)).not.toContain('hip-drop');
    expect(drillNames(summary, 'weight-forward')).toEqual(
      expect.arrayContaining([
        'Calf stretch',
        'Ankle circles',
        'Dorsiflexion stretch',
        '"Sit the hips back"',
      ]),
    );
    expect(patternReport(summary).findings.find((f) => f.id === 'weight-forward')?.cause).toMatch(
      /ankle mobility/,
    );
  });
});

describe('forward lean and the share rule (synthetic summaries)', () => {
  const rep = (index: number, cues: RepSummary['cues']): RepSummary =>
    ({
      ...(analyzeFrames(loadFrames('side-bodyweight-squat')).reps[0] as RepSummary),
      index,
      cues,
    }) as RepSummary;
  const set = (reps: RepSummary[]): SetSummary => ({
    ...analyzeFrames(loadFrames('side-bodyweight-squat')),
    reps,
    partials: [],
    repCount: reps.length,
  });

  it('chest-up on most reps → hip flexor stretch', () => {
    const s = set([rep(1, ['chest-up']), rep(2, ['chest-up']), rep(3, [])]);
    expect(ids(s)).toEqual(['forward-lean']);
    expect(drillNames(s, 'forward-lean')).toEqual(['Hip flexor stretch']);
    expect(patternReport(s).findings[0]?.evidence).toBe('on 2 of 3 reps (rep 1, 2)');
  });

  it('evidence that counts a partial rep says so (the set’s own count leaves it out)', () => {
    const s = { ...set([rep(1, ['chest-up']), rep(2, [])]), partials: [rep(3, ['chest-up'])] };
    expect(patternReport(s).findings[0]?.evidence).toBe('on 2 of 3 reps (rep 1, 3), counting partial rep 3');
  });

  it('one slip in ten reps is not a pattern', () => {
    const reps = Array.from({ length: 10 }, (_v, i) => rep(i + 1, i === 4 ? ['knees-out'] : []));
    expect(patternReport(set(reps)).verdict).toBe('good');
    expect(worstRepIndex(set(reps))).toBe(5);
  });
});
