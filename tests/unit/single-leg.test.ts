/**
 * The single-leg squat check on hand-built frontal tracks (tests/unit/single-leg-poses.ts): a person
 * square-on to the camera stands on two legs, lifts one foot, stands still on one leg, does slow
 * single-leg squats to 65° of knee flexion (2.4 s each, 1 s apart), puts the foot down, then the same
 * on the other leg. Every injected fault (FPPA, pelvic drop, trunk lean, touch-down, hop) is built into
 * the keypoints with exactly known image truth; each test says what it injected.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSingleLeg, SingleLegAnalyzer } from '../../src/core/single-leg/analyzer';
import type { SingleLegFrame, SingleLegSummary } from '../../src/core/single-leg/types';
import { vec } from '../../src/core/math/geometry';
import type { PoseFrame } from '../../src/core/pose/keypoints';
import { CUE_COOLDOWN_MS } from '../../src/core/thresholds';
import type { Side } from '../../src/core/types';
import { mirror } from '../golden/tracks';
import { frameNear, imageFppaDeg, SHANK_PX, singleLegTrack, type RepSpec } from './single-leg-poses';

const reps = (n: number, spec: RepSpec = {}): RepSpec[] => Array.from({ length: n }, () => spec);

/** Image FPPA of the stance knee on a raw frame (medial = toward the other hip), deg. */
function truthFppaDeg(f: PoseFrame, stance: Side): number {
  const k = f.keypoints;
  const p = (n: `${Side}_${'hip' | 'knee' | 'ankle'}`): ReturnType<typeof vec> =>
    vec(k?.[n]?.xPx ?? NaN, k?.[n]?.yPx ?? NaN);
  const other: Side = stance === 'left' ? 'right' : 'left';
  const medialX = Math.sign(p(`${other}_hip`).x - p(`${stance}_hip`).x);
  return imageFppaDeg(p(`${stance}_hip`), p(`${stance}_knee`), p(`${stance}_ankle`), medialX);
}

/** Hip-line tilt of a raw frame, deg, + = the `free` side's hip lower. */
function truthHipTiltDeg(f: PoseFrame, free: Side): number {
  const k = f.keypoints;
  const stance: Side = free === 'left' ? 'right' : 'left';
  const dy = (k?.[`${free}_hip`]?.yPx ?? NaN) - (k?.[`${stance}_hip`]?.yPx ?? NaN);
  const dx = Math.abs((k?.[`${free}_hip`]?.xPx ?? NaN) - (k?.[`${stance}_hip`]?.xPx ?? NaN));
  return (Math.atan2(dy, dx) * 180) / Math.PI;
}

const run = (frames: readonly PoseFrame[]): { out: SingleLegFrame[]; summary: SingleLegSummary } => {
  const a = new SingleLegAnalyzer();
  const out = frames.map((f) => a.push(f));
  return { out, summary: a.summary() };
};

describe('single-leg check: stance, calibration, reps per leg (hand-built, square-on)', () => {
  // Left leg standing for 5 reps, then the right leg for 5; nothing injected.
  const frames = singleLegTrack([
    { stance: 'left', reps: reps(5) },
    { stance: 'right', reps: reps(5) },
  ]);
  const { out, summary } = run(frames);

  it('counts the reps of each leg, all scored, and says which leg stands', () => {
    expect(summary.legs.left.repCount).toBe(5);
    expect(summary.legs.right.repCount).toBe(5);
    expect(summary.legs.left.scoredReps).toBe(5);
    expect(summary.legs.right.scoredReps).toBe(5);
    for (const r of summary.legs.left.reps)
      expect(out.find((o) => o.tMs === r.bottomMs)?.stance).toBe('left');
    for (const r of summary.legs.right.reps)
      expect(out.find((o) => o.tMs === r.bottomMs)?.stance).toBe('right');
    // Two-leg standing at the start: no stance yet, the free foot not lifted.
    expect(out[0]?.stance).toBeNull();
    expect(out[0]?.freeFootLifted).toBe(false);
    expect(summary.fppaBasis).toBe('image');
    expect(summary.view).toBe('front');
  });

  it('calibrates each leg on single-leg standing, after the foot is lifted', () => {
    // The first 1 s is two-leg standing: each leg's still window starts once its foot is up.
    const left = summary.calibration.left;
    const right = summary.calibration.right;
    const liftedLeft = out.find((o) => o.stance === 'left' && o.freeFootLifted)?.tMs as number;
    const liftedRight = out.find((o) => o.stance === 'right' && o.freeFootLifted)?.tMs as number;
    expect(liftedLeft).toBeGreaterThan(1000);
    expect(left?.provisional).toBe(false);
    expect(right?.provisional).toBe(false);
    expect((left?.tMs as number) - (left?.stillMs as number)).toBeGreaterThanOrEqual(liftedLeft);
    expect(left?.stillMs as number).toBeGreaterThanOrEqual(1000);
    expect((right?.tMs as number) - (right?.stillMs as number)).toBeGreaterThanOrEqual(liftedRight);
    expect(liftedRight).toBeGreaterThan(summary.legs.left.reps[4]?.endMs as number);
    // The single-leg standing shank is the stance leg's true image length.
    expect(left?.shankLengthPx.left as number).toBeCloseTo(SHANK_PX, 0);
  });

  it('reads no fault, speaks no note and rates both legs good when nothing is injected', () => {
    expect(summary.notes).toEqual([]);
    for (const s of ['left', 'right'] as const) {
      const leg = summary.legs[s];
      expect(leg.rating.grade).toBe('good');
      expect(leg.rating.points).toBe(0);
      expect(Math.abs(leg.fppaMeanDeg as number)).toBeLessThan(1);
      expect(Math.abs(leg.pelvicDropMeanDeg as number)).toBeLessThan(1);
      expect(Math.abs(leg.trunkLeanMeanDeg as number)).toBeLessThan(1);
      // Depth: 65° of knee flexion built in, read at the bottom band (5°).
      expect(leg.kneeFlexionMeanDeg as number).toBeGreaterThan(58);
      expect(leg.kneeFlexionMeanDeg as number).toBeLessThanOrEqual(65.5);
      for (const r of leg.reps) {
        // 2.4 s reps: 1.2 s down and 1.2 s up, standing counted from the hip's 0.055 descent.
        expect(r.timeToBottomMs).toBeGreaterThan(600);
        expect(r.timeBackMs).toBeGreaterThan(600);
        expect(r.kneeInsideFoot).toBe(false);
      }
    }
    expect(summary.difference.fppaVerdict).toBe('within-error');
    expect(summary.legs.left.rating.text).toContain('not a diagnosis');
  });

  it('reads the other leg in the mirror image (labels swap with the image)', () => {
    const m = run(mirror(frames));
    expect(m.summary.legs.left.repCount).toBe(5);
    expect(m.summary.legs.right.repCount).toBe(5);
    // The first block now stands on the right leg.
    const firstBottom = summary.legs.left.reps[0]?.bottomMs as number;
    expect(m.out.find((o) => o.tMs === firstBottom)?.stance).toBe('right');
    expect(m.summary.legs.right.reps.map((r) => r.bottomMs)).toEqual(
      summary.legs.left.reps.map((r) => r.bottomMs),
    );
    expect(m.summary.legs.right.kneeFlexionMeanDeg).toBe(summary.legs.left.kneeFlexionMeanDeg);
  });
});

describe('single-leg check: reps not scored (hand-built)', () => {
  it('does not score a rep in which the lifted foot touches down, nor one with a hop', () => {
    // Left leg, 4 reps: rep 2 puts the free foot on the floor over its deepest half; rep 4 lifts the
    // whole body 0.5 shank lengths (95 px) for 300 ms around its bottom (a hop).
    const frames = singleLegTrack([
      { stance: 'left', reps: [{}, { touchDown: true }, {}, { hopPx: 0.5 * SHANK_PX }] },
    ]);
    const { out, summary } = run(frames);
    const leg = summary.legs.left;
    expect(leg.repCount).toBe(4);
    expect(leg.reps.map((r) => r.scored)).toEqual([true, false, true, false]);
    expect(leg.reps[1]?.unscoredReasons).toEqual(['touch-down']);
    expect(leg.reps[3]?.unscoredReasons).toEqual(['hop']);
    expect(leg.scoredReps).toBe(2);
    // At rep 2's bottom the foot is reported down; the stance leg is still the left one.
    const bottom2 = out.find((o) => o.tMs === leg.reps[1]?.bottomMs);
    expect(bottom2?.freeFootLifted).toBe(false);
    expect(bottom2?.stance).toBe('left');
    // Two scored reps: fewer than the 3 a rating needs.
    expect(leg.rating.grade).toBe('not-rated');
  });

  it('scores unsteadiness: 3 clean reps and a touch-down rep give the steadiness point', () => {
    const frames = singleLegTrack([{ stance: 'right', reps: [{}, {}, { touchDown: true }, {}] }]);
    const s = analyzeSingleLeg(frames);
    const steady = s.legs.right.rating.items.find((i) => i.item === 'steadiness');
    expect(steady?.points).toBe(1);
    expect(steady?.value).toBe(1);
    expect(s.legs.right.rating.points).toBe(1);
  });
});

describe('single-leg check: injected FPPA and pelvic drop (hand-built, square-on)', () => {
  for (const D of [10, 20]) {
    it(`an FPPA of ${D}° injected on the right (stance) knee reads ${D} ± 3°`, () => {
      // Left leg clean, then the right leg with the knee moved medially so that its image FPPA grows
      // to D at the bottom (fading in with flexion).
      const frames = singleLegTrack([
        { stance: 'left', reps: reps(4) },
        { stance: 'right', reps: reps(4, { fppaDeg: D }) },
      ]);
      const s = analyzeSingleLeg(frames);
      for (const r of s.legs.right.reps) {
        const truth = truthFppaDeg(frameNear(frames, r.bottomMs), 'right');
        expect(truth).toBeGreaterThan(D - 1); // the bottom frame carries (nearly) the full injection
        expect(Math.abs((r.fppaDeg as number) - D)).toBeLessThanOrEqual(3);
      }
      for (const r of s.legs.left.reps) expect(Math.abs(r.fppaDeg as number)).toBeLessThan(1);
      expect(Math.abs((s.legs.right.fppaMeanDeg as number) - D)).toBeLessThanOrEqual(3);
    });
  }

  it('rates 20° FPPA as the knee inside the foot (2 points, moderate) and says which knee differs', () => {
    const frames = singleLegTrack([
      { stance: 'left', reps: reps(3) },
      { stance: 'right', reps: reps(3, { fppaDeg: 20 }) },
    ]);
    const s = analyzeSingleLeg(frames);
    const knee = s.legs.right.rating.items.find((i) => i.item === 'knee');
    expect(knee?.points).toBe(2);
    expect(s.legs.right.rating.grade).toBe('moderate');
    expect(s.legs.left.rating.grade).toBe('good');
    expect(s.legs.right.reps.every((r) => r.kneeInsideFoot === true)).toBe(true);
    expect(s.difference.fppaVerdict).toBe('real');
    expect(s.difference.text).toContain('right knee');
    // Notes: only the right knee, at most one per rep, never two within the cooldown.
    expect(s.notes.length).toBeGreaterThan(0);
    expect(s.notes.every((n) => n.id === 'knee-inside-foot' && n.leg === 'right')).toBe(true);
    expect(new Set(s.notes.map((n) => n.rep)).size).toBe(s.notes.length);
    for (let i = 1; i < s.notes.length; i++)
      expect((s.notes[i]?.tMs as number) - (s.notes[i - 1]?.tMs as number)).toBeGreaterThanOrEqual(
        CUE_COOLDOWN_MS,
      );
  });

  it('a 6° pelvic drop on the free side reads 6 ± 2° and is attributed to the right leg', () => {
    // Right leg standing: the free (left) hip rotated down about the right hip by 6° at the bottom.
    const frames = singleLegTrack([
      { stance: 'left', reps: reps(3) },
      { stance: 'right', reps: reps(3, { pelvicDropDeg: 6 }) },
    ]);
    const s = analyzeSingleLeg(frames);
    for (const r of s.legs.right.reps) {
      expect(truthHipTiltDeg(frameNear(frames, r.bottomMs), 'left')).toBeCloseTo(6, 1);
      expect(Math.abs((r.pelvicDropDeg as number) - 6)).toBeLessThanOrEqual(2);
    }
    for (const r of s.legs.left.reps) expect(Math.abs(r.pelvicDropDeg as number)).toBeLessThan(1);
    expect(s.difference.pelvicDropDeg as number).toBeLessThan(-4);
    expect(s.difference.text).toContain('standing on the right leg');
  });

  it('pelvic drop is relative to single-leg standing, not two-leg standing', () => {
    // The pelvis is level on two legs but tilted 4° (free side lower) from the moment the foot is up,
    // and stays so through the reps: no drop beyond single-leg standing.
    const frames = singleLegTrack([{ stance: 'left', reps: reps(3), twoLegDropDeg: 0, habitualDropDeg: 4 }]);
    const s = analyzeSingleLeg(frames);
    for (const r of s.legs.left.reps) expect(Math.abs(r.pelvicDropDeg as number)).toBeLessThan(1);
    // The left-standing calibration holds the 4° tilt: the right (free) hip lower = hip line − 4°.
    expect(s.calibration.left?.hipLineDeg as number).toBeCloseTo(-4, 0);
  });

  it('rates poor when the knee, the pelvis and the trunk all give way', () => {
    // Left leg: FPPA 20°, pelvic drop 11°, trunk lean 14° toward the stance leg at the bottom.
    const frames = singleLegTrack([
      { stance: 'left', reps: reps(3, { fppaDeg: 20, pelvicDropDeg: 11, trunkLeanDeg: 14 }) },
    ]);
    const s = analyzeSingleLeg(frames);
    const leg = s.legs.left;
    expect(leg.trunkLeanMeanDeg as number).toBeGreaterThan(11);
    expect(leg.rating.items.map((i) => [i.item, i.points])).toEqual([
      ['arm-strategy', null],
      ['trunk-lean', 1],
      ['pelvis', 1],
      ['knee', 2],
      ['steadiness', 0],
    ]);
    expect(leg.rating.grade).toBe('poor');
    expect(leg.rating.text).toContain('screen');
    expect(s.notes.some((n) => n.id === 'pelvis-drop')).toBe(true);
  });
});
