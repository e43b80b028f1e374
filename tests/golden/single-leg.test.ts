/**
 * The single-leg check on tracks derived from the real fixture tracks (tests/constructed/single-leg.ts):
 * the stance leg, pelvis and upper body are BlazePose's keypoints of a real squat; the other leg is
 * held up from the real free hip. The banded clip (front, ~25° off-axis, 5 fps) is the most frontal
 * source: each leg does its 2 reps twice (4 per leg), left leg first. Off-axis the image FPPA carries
 * flexion, so the injected FPPA is checked as a change against the same track without it (truth: the
 * image FPPA change at the deepest frame); the absolute D ± 3° check is in tests/unit/single-leg.test.ts
 * on hand-built square-on poses.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSingleLeg, SingleLegAnalyzer } from '../../src/core/single-leg/analyzer';
import type { SingleLegSummary } from '../../src/core/single-leg/types';
import type { Side } from '../../src/core/types';
import { kneeImage, REP_WINDOWS } from '../constructed/inject';
import {
  deepestStanceFrame,
  deriveSingleLegCheck,
  injectFreeHipDrop,
  injectStanceFppa,
  touchDownInRep,
} from '../constructed/single-leg';
import { mirror } from './tracks';

const BANDED = deriveSingleLegCheck({
  clip: 'front-oblique-banded-squats',
  reps: REP_WINDOWS['front-oblique-banded-squats'],
  // Cut after rep 2 (ends 8.6 s), before the 3rd rep starts; still pose: the standing frame at 4.0 s.
  cutMs: 9600,
  refMs: 4000,
  loops: 2,
  order: ['left', 'right'],
});
const plain = analyzeSingleLeg(BANDED.frames);

const fppaChange = (a: SingleLegSummary, b: SingleLegSummary, s: Side, i: number): number =>
  (b.legs[s].reps[i]?.fppaDeg as number) - (a.legs[s].reps[i]?.fppaDeg as number);

describe(`single-leg check on ${BANDED.how}`, () => {
  it('counts the 4 reps of each leg, all scored, with each leg calibrated on one leg', () => {
    expect(plain.legs.left.repCount).toBe(4);
    expect(plain.legs.right.repCount).toBe(4);
    expect(plain.legs.left.scoredReps + plain.legs.right.scoredReps).toBe(8);
    expect(plain.legs.left.partialReps + plain.legs.right.partialReps).toBe(0);
    expect(plain.calibration.left?.provisional).toBe(false);
    expect(plain.calibration.right?.provisional).toBe(false);
    // Each rep's bottom lies in the window of the leg it was built on.
    for (const s of ['left', 'right'] as const)
      plain.legs[s].reps.forEach((r, i) => {
        const w = BANDED.windows[s][i];
        expect(r.bottomMs).toBeGreaterThan(w?.startMs as number);
        expect(r.bottomMs).toBeLessThan(w?.endMs as number);
      });
  });

  it('reports the stance leg frame by frame, and the other leg in the mirror image', () => {
    const a = new SingleLegAnalyzer();
    const out = BANDED.frames.map((f) => a.push(f));
    const at = (tMs: number): Side | null => out.find((o) => o.tMs === tMs)?.stance ?? null;
    for (const r of plain.legs.left.reps) expect(at(r.bottomMs)).toBe('left');
    for (const r of plain.legs.right.reps) expect(at(r.bottomMs)).toBe('right');
    const m = analyzeSingleLeg(mirror(BANDED.frames));
    expect(m.legs.right.reps.map((r) => r.bottomMs)).toEqual(plain.legs.left.reps.map((r) => r.bottomMs));
    expect(m.legs.left.reps.map((r) => r.bottomMs)).toEqual(plain.legs.right.reps.map((r) => r.bottomMs));
    expect(m.legs.right.fppaMeanDeg).toBe(plain.legs.left.fppaMeanDeg);
  });

  it('speaks no note and rates no leg poor, in the track and its mirror image', () => {
    for (const s of [plain, analyzeSingleLeg(mirror(BANDED.frames))]) {
      expect(s.notes).toEqual([]);
      expect(s.legs.left.rating.grade).not.toBe('poor');
      expect(s.legs.right.rating.grade).not.toBe('poor');
    }
    // ~25° off-axis: rated on the FPPA against the foot line (measured 5.5° left, 6.7° right).
    expect(plain.fppaBasis).toBe('foot-line');
    expect(Math.abs(plain.legs.left.fppaMeanDeg as number)).toBeLessThan(13);
    expect(Math.abs(plain.legs.right.fppaMeanDeg as number)).toBeLessThan(13);
    // No left–right difference past the smallest real difference; off-axis, no trunk lean is reported.
    expect(plain.difference.fppaVerdict).toBe('within-error');
    expect(plain.difference.pelvicDropVerdict).toBe('within-error');
    expect(plain.legs.left.reps.every((r) => r.trunkLeanDeg === null)).toBe(true);
  });

  it('does not score the rep in which the lifted foot touches down', () => {
    // Left leg, rep 2: the free foot on the floor over the deepest half of the rep.
    const frames = touchDownInRep(
      BANDED.frames,
      'left',
      BANDED.windows.left[1] as (typeof BANDED.windows.left)[number],
    );
    const s = analyzeSingleLeg(frames);
    expect(s.legs.left.repCount).toBe(4);
    expect(s.legs.left.reps.map((r) => r.scored)).toEqual([true, false, true, true]);
    expect(s.legs.left.reps[1]?.unscoredReasons).toEqual(['touch-down']);
    expect(s.legs.right.scoredReps).toBe(4);
  });

  for (const D of [10, 20]) {
    it(`an image FPPA of ${D}° injected on the right knee moves its reading by ${D} ± 3°`, () => {
      // Per right-leg rep: the knee rotated about its ankle so the deepest frame's image FPPA rises D.
      const frames = injectStanceFppa(BANDED.frames, 'right', D, BANDED.windows.right);
      for (const w of BANDED.windows.right) {
        const deep = deepestStanceFrame(BANDED.frames, w, 'right');
        const twin = frames.find((f) => f.tMs === deep.tMs);
        expect(twin).toBeDefined();
        if (twin !== undefined)
          expect(kneeImage(twin, 'right').fppaDeg - kneeImage(deep, 'right').fppaDeg).toBeCloseTo(D, 0);
      }
      const s = analyzeSingleLeg(frames);
      for (let i = 0; i < 4; i++) {
        expect(Math.abs(fppaChange(plain, s, 'right', i) - D)).toBeLessThanOrEqual(3);
        expect(fppaChange(plain, s, 'left', i)).toBe(0);
      }
      // The rated foot-line FPPA moves at least as far (measured +11.9° / +25.3°: off-axis the foot
      // line also re-reads the knee's lowered height).
      const footChange = (s.legs.right.fppaMeanDeg as number) - (plain.legs.right.fppaMeanDeg as number);
      expect(footChange).toBeGreaterThan(D - 3);
    });
  }

  it('a 6° pelvic drop on the free side moves the right leg’s drop by 6 ± 2°, not the left’s', () => {
    // Right leg standing: the free (left) hip rotated down about the right hip, fading in with depth.
    const s = analyzeSingleLeg(injectFreeHipDrop(BANDED.frames, 'right', 6, BANDED.windows.right));
    for (let i = 0; i < 4; i++) {
      const change =
        (s.legs.right.reps[i]?.pelvicDropDeg as number) - (plain.legs.right.reps[i]?.pelvicDropDeg as number);
      expect(Math.abs(change - 6)).toBeLessThanOrEqual(2);
      expect(s.legs.left.reps[i]?.pelvicDropDeg).toBe(plain.legs.left.reps[i]?.pelvicDropDeg);
    }
    expect(s.notes.every((n) => n.leg === 'right')).toBe(true);
    expect(s.difference.pelvicDropVerdict).toBe('real');
    expect(s.difference.text).toContain('standing on the right leg');
  });
});

describe('single-leg check on the CDC half-squat clip (front ~30° off-axis, 30 fps)', () => {
  it('counts the reps of each leg', () => {
    // Cut after rep 2 (ends 15.6 s); still pose: the standing frame at 9.6 s, between the reps.
    const d = deriveSingleLegCheck({
      clip: 'front-oblique-half-squats',
      reps: REP_WINDOWS['front-oblique-half-squats'],
      cutMs: 16800,
      refMs: 9600,
      loops: 2,
      order: ['right', 'left'],
    });
    const s = analyzeSingleLeg(d.frames);
    expect(s.legs.left.repCount).toBe(4);
    expect(s.legs.right.repCount).toBe(4);
    expect(s.legs.right.reps.every((r) => r.scored)).toBe(true);
    // Measured limit (not asserted): at this close, ~30–40° off-axis camera the pelvis reads 4–7° of
    // drop at the bottom and the pelvis note speaks; see docs/metrics.md.
  });
});
