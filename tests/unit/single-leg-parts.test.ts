/**
 * The single-leg check's parts on their own: the stance tracker and hop watch on hand-placed ankle
 * points, the lateral trunk lean on hand-built frontal poses, the notes' dwell and cooldown on value
 * sequences, and the rating on hand-written reps (each case states the numbers it was made from).
 */
import { describe, expect, it } from 'vitest';
import { StanceTracker, HopWatch } from '../../src/core/single-leg/stance';
import { lateralTrunkLeanDeg } from '../../src/core/single-leg/measures';
import { NoteEngine } from '../../src/core/single-leg/notes';
import { leftRightDifference, summarizeLeg } from '../../src/core/single-leg/rating';
import type { SingleLegRep } from '../../src/core/single-leg/types';
import { GatedPose } from '../../src/core/pose/gating';
import { vec } from '../../src/core/math/geometry';
import {
  CUE_COOLDOWN_MS,
  CUE_DWELL_MS,
  FOOT_MOVE_CONFIRM_MS,
  HIPS_LEVEL_FIRE_DEG,
  KNEE_INSIDE_FOOT_FIRE_RATIO,
  SINGLE_LEG_FREE_FOOT_LIFT_RATIO,
  SINGLE_LEG_FREE_FOOT_TOUCH_RATIO,
} from '../../src/core/thresholds';
import { FRAME_H, FRAME_W, toKeypoints } from './poses';
import { singleLegPose } from './single-leg-poses';

const SHANK = 200;
/** Ankles with the right one `liftRatio` shank lengths above the left one (the left on the floor at y 1000). */
const ankles = (liftRatio: number): { left: ReturnType<typeof vec>; right: ReturnType<typeof vec> } => ({
  left: vec(420, 1000),
  right: vec(300, 1000 - liftRatio * SHANK),
});

describe('StanceTracker', () => {
  it('names the lower leg once the other ankle is clearly up, and holds it in the hysteresis band', () => {
    const t = new StanceTracker();
    expect(t.push(0, ankles(0), SHANK)).toEqual({ stance: null, lifted: false });
    // Just under the lift level: nothing yet.
    expect(t.push(33, ankles(SINGLE_LEG_FREE_FOOT_LIFT_RATIO - 0.01), SHANK).stance).toBeNull();
    expect(t.push(66, ankles(SINGLE_LEG_FREE_FOOT_LIFT_RATIO + 0.01), SHANK)).toEqual({
      stance: 'left',
      lifted: true,
    });
    // Between touch and lift levels: still lifted.
    expect(t.push(99, ankles(0.3), SHANK).lifted).toBe(true);
  });

  it('puts the foot down only after it stays at floor level for the confirm time', () => {
    const t = new StanceTracker();
    t.push(0, ankles(0.6), SHANK);
    const low = SINGLE_LEG_FREE_FOOT_TOUCH_RATIO - 0.05;
    expect(t.push(100, ankles(low), SHANK).lifted).toBe(true);
    // A one-frame dip, then up again: no touch-down.
    expect(t.push(133, ankles(0.6), SHANK).lifted).toBe(true);
    expect(t.push(200, ankles(low), SHANK).lifted).toBe(true);
    expect(t.push(200 + FOOT_MOVE_CONFIRM_MS, ankles(low), SHANK)).toEqual({ stance: 'left', lifted: false });
  });

  it('switches stance when the other foot goes up (the mirror case: right ankle lower)', () => {
    const t = new StanceTracker();
    t.push(0, ankles(0.6), SHANK);
    expect(t.push(50, { left: vec(420, 1000 - 0.6 * SHANK), right: vec(300, 1000) }, SHANK).stance).toBe(
      'right',
    );
  });
});

describe('HopWatch', () => {
  it('flags a stance ankle that stays off its spot for the confirm time, not a one-frame jump', () => {
    const h = new HopWatch();
    h.start(vec(400, 1000));
    expect(h.push(0, vec(400, 1000 - 0.5 * SHANK), SHANK)).toBe(false); // jumps for a frame
    expect(h.push(33, vec(401, 1000), SHANK)).toBe(false);
    expect(h.push(66, vec(400, 1000 - 0.3 * SHANK), SHANK)).toBe(false);
    expect(h.push(66 + FOOT_MOVE_CONFIRM_MS, vec(400, 1000 - 0.3 * SHANK), SHANK)).toBe(true);
    h.start(vec(400, 1000));
    expect(h.happened).toBe(false);
  });
});

describe('lateralTrunkLeanDeg', () => {
  const gated = (raw: ReturnType<typeof singleLegPose>): GatedPose =>
    new GatedPose(toKeypoints(raw), { widthPx: FRAME_W, heightPx: FRAME_H });
  it('is + toward the stance leg for either stance, and reads the built angle', () => {
    // Shoulder midpoint rotated 12° about the hip midpoint toward the stance side.
    expect(
      lateralTrunkLeanDeg(gated(singleLegPose({ stance: 'left', trunkLeanDeg: 12 })), 'left'),
    ).toBeCloseTo(12, 0);
    expect(
      lateralTrunkLeanDeg(gated(singleLegPose({ stance: 'right', trunkLeanDeg: 12 })), 'right'),
    ).toBeCloseTo(12, 0);
    // Leaning away from the stance leg reads negative.
    expect(
      lateralTrunkLeanDeg(gated(singleLegPose({ stance: 'left', trunkLeanDeg: -8 })), 'left'),
    ).toBeCloseTo(-8, 0);
  });
});

describe('NoteEngine', () => {
  const vals = (
    knee: number | null,
    pelvis: number | null,
  ): Record<'knee-inside-foot' | 'pelvis-drop', number | null> => ({
    'knee-inside-foot': knee,
    'pelvis-drop': pelvis,
  });
  it('speaks after the dwell, once per rep, and not again within the cooldown', () => {
    const n = new NoteEngine();
    n.startRep();
    expect(n.push(0, true, vals(0.2, null), 'left', 1)).toBeNull();
    expect(n.push(CUE_DWELL_MS, true, vals(0.2, null), 'left', 1)?.id).toBe('knee-inside-foot');
    // Same rep, still past: silent.
    expect(n.push(CUE_DWELL_MS + 500, true, vals(0.2, 9), 'left', 1)).toBeNull();
    expect(n.push(CUE_DWELL_MS + 700, true, vals(0.2, 9), 'left', 1)).toBeNull(); // pelvis within cooldown
    n.startRep();
    expect(n.push(1000, true, vals(0.2, null), 'left', 2)).toBeNull();
    expect(n.push(CUE_DWELL_MS + CUE_COOLDOWN_MS, true, vals(0.2, null), 'left', 2)?.rep).toBe(2);
  });
  it('is silent when not live (outside a scored rep) and below the fire level', () => {
    const n = new NoteEngine();
    n.startRep();
    expect(n.push(0, false, vals(0.5, 20), 'right', 1)).toBeNull();
    expect(n.push(1000, false, vals(0.5, 20), 'right', 1)).toBeNull();
    // Just under both fire levels.
    const under = vals(KNEE_INSIDE_FOOT_FIRE_RATIO - 0.01, HIPS_LEVEL_FIRE_DEG - 0.1);
    expect(n.push(2000, true, under, 'right', 1)).toBeNull();
    expect(n.push(3000, true, under, 'right', 1)).toBeNull();
  });
});

/** A scored rep with the given bottom values (the rest neutral). */
const rep = (i: number, v: Partial<SingleLegRep>): SingleLegRep => ({
  index: i,
  leg: 'left',
  startMs: i * 3000,
  bottomMs: i * 3000 + 1200,
  endMs: i * 3000 + 2400,
  scored: true,
  unscoredReasons: [],
  fppaDeg: 0,
  fppaFootLineDeg: 0,
  kneeInsideFoot: false,
  kneeInsideFootRatio: 0,
  pelvicDropDeg: 0,
  trunkLeanDeg: 0,
  kneeFlexionDeg: 60,
  maxDepthRatio: 0.15,
  timeToBottomMs: 1200,
  timeBackMs: 1200,
  notes: [],
  ...v,
});

describe('summarizeLeg and the rating', () => {
  it('takes mean and sample SD of the scored reps only', () => {
    // FPPA 6, 8, 10 scored (mean 8, SD 2) and an unscored 40 that must not count.
    const reps = [
      rep(1, { fppaDeg: 6 }),
      rep(2, { fppaDeg: 8 }),
      rep(3, { fppaDeg: 10 }),
      rep(4, { fppaDeg: 40, scored: false, unscoredReasons: ['hop'] }),
    ];
    const s = summarizeLeg('left', reps, 0, true, 'image');
    expect(s.fppaMeanDeg).toBe(8);
    expect(s.fppaSdDeg).toBe(2);
    expect(s.scoredReps).toBe(3);
  });

  it('scores the knee item from Herrington 2014 anchors: > 13° one point, ≥ 17° two', () => {
    const knee = (fppa: number): number | null =>
      summarizeLeg(
        'left',
        [1, 2, 3].map((i) => rep(i, { fppaDeg: fppa })),
        0,
        true,
        'image',
      ).rating.items.find((it) => it.item === 'knee')?.points ?? null;
    expect(knee(13)).toBe(0);
    expect(knee(13.5)).toBe(1);
    expect(knee(16.9)).toBe(1);
    expect(knee(17)).toBe(2);
  });

  it('uses the foot-line FPPA and skips the trunk item when filmed off-axis', () => {
    // Image FPPA 80° (flexion seen off-axis), foot-line 5°, trunk lean 20° (forward lean seen sideways).
    const reps = [1, 2, 3].map((i) => rep(i, { fppaDeg: 80, fppaFootLineDeg: 5, trunkLeanDeg: 20 }));
    const s = summarizeLeg('left', reps, 0, true, 'foot-line');
    expect(s.fppaMeanDeg).toBe(5);
    expect(s.rating.items.find((i) => i.item === 'trunk-lean')?.points).toBeNull();
    expect(s.rating.maxPoints).toBe(4);
    expect(s.rating.grade).toBe('good');
  });

  it('judges the left–right difference against 7.5–9° (Munro 2012)', () => {
    const leg = (fppa: number): ReturnType<typeof summarizeLeg> =>
      summarizeLeg(
        'left',
        [1, 2, 3].map((i) => rep(i, { fppaDeg: fppa })),
        0,
        true,
        'image',
      );
    expect(leftRightDifference(leg(10), leg(3)).fppaVerdict).toBe('within-error');
    expect(leftRightDifference(leg(11), leg(3)).fppaVerdict).toBe('borderline');
    expect(leftRightDifference(leg(3), leg(12.5)).fppaVerdict).toBe('real');
    expect(leftRightDifference(leg(3), leg(12.5)).text).toContain('right knee');
  });
});
