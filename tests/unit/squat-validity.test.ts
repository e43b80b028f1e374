/**
 * What counts as a squat and how deep it went, on hand-built sets (tests/unit/poses.ts: a front-view
 * person at depth q, 0 standing → 1 ≈ parallel, thigh ≈ 82° from vertical at q = 1, ≈ 55° at 0.5,
 * ≈ 30° at 0.15 with ≈ 40° of knee flexion: a quarter squat).
 */
import { describe, expect, it } from 'vitest';
import { analyzeFrames, SetAnalyzer } from '../../src/core/set/session';
import { SquatGate } from '../../src/core/set/squat-gate';
import type { Foot } from '../../src/core/pose/body';
import type { DepthTarget } from '../../src/core/coaching/cues';
import { FEET_SETTLE_MS, REP_MIN_KNEE_FLEXION_DEG } from '../../src/core/thresholds';
import { frameAt, frontPose, syntheticSet, type RawPose } from './poses';

const PARALLEL_Q = 1;
const HALF_Q = 0.5;
const QUARTER_Q = 0.15;

const goLowerReps = (target: DepthTarget, q: number): { count: number; withCue: number } => {
  const s = analyzeFrames(syntheticSet({ reps: [{ q }, { q }] }), { depthTarget: target });
  return { count: s.repCount, withCue: s.reps.filter((r) => r.cues.includes('go-lower')).length };
};

describe('depth verdict', () => {
  it('parallel target: a parallel rep is left alone; half and quarter reps get go-lower', () => {
    expect(goLowerReps('parallel', PARALLEL_Q)).toEqual({ count: 2, withCue: 0 });
    expect(goLowerReps('parallel', HALF_Q)).toEqual({ count: 2, withCue: 2 });
    expect(goLowerReps('parallel', QUARTER_Q)).toEqual({ count: 2, withCue: 2 });
  });

  it('half target: half reps are fine, quarter reps still get go-lower; "any" never cues', () => {
    expect(goLowerReps('half', HALF_Q)).toEqual({ count: 2, withCue: 0 });
    expect(goLowerReps('half', QUARTER_Q)).toEqual({ count: 2, withCue: 2 });
    expect(goLowerReps('any', QUARTER_Q)).toEqual({ count: 2, withCue: 0 });
  });

  it('fires at the turn of a quick rep with no hold at the bottom, and is spoken on that frame', () => {
    const frames = syntheticSet({ reps: [{ q: HALF_Q, durMs: 1600, holdMs: 0 }] });
    const a = new SetAnalyzer();
    const events = frames.map((f) => a.push(f)).filter((r) => r.cueEvent?.id === 'go-lower');
    const rep = a.summary().reps[0];
    expect(events).toHaveLength(1);
    expect(rep?.cues).toContain('go-lower');
    // Spoken as the rep turns: once the hip has risen REP_ASCENT_BAND_RATIO above its lowest point,
    // a few frames after the deepest one, and long before the rep ends.
    const spokenMs = events[0]?.tMs as number;
    expect(spokenMs - (rep?.bottomMs as number)).toBeLessThan(400);
    expect(rep?.endMs as number).toBeGreaterThan(spokenMs + 300);
    expect(rep?.faults['go-lower']?.verdict).toBe('past');
  });
  it('knees hidden at the bottom (as from behind): a deep rep gets no go-lower from the knees seen higher up', () => {
    // Made from parallel-depth reps whose knee keypoints are dropped below depth q = 0.3: the only
    // knee angles seen are from the top of the descent and ascent, where the thigh is ~50° from
    // vertical. The bottom is where the hip is lowest, not where the deepest knee was seen.
    const hidden = (q: number): RawPose => {
      const p = frontPose(q);
      if (q > 0.3) {
        delete p.left_knee;
        delete p.right_knee;
      }
      return p;
    };
    const s = analyzeFrames(syntheticSet({ reps: [{ q: PARALLEL_Q }, { q: PARALLEL_Q }], pose: hidden }));
    expect(s.repCount).toBe(2);
    expect(s.cues.filter((c) => c.id === 'go-lower')).toEqual([]);
    expect(s.reps.every((r) => !r.cues.includes('go-lower'))).toBe(true);
  });
});

describe('only squats count', () => {
  it('a quarter squat (≈ 40° of knee flexion) counts', () => {
    const s = analyzeFrames(syntheticSet({ reps: [{ q: QUARTER_Q }] }));
    expect(s.repCount).toBe(1);
    expect(s.reps[0]?.depth.kneeFlexionDeg as number).toBeGreaterThan(REP_MIN_KNEE_FLEXION_DEG);
    expect(s.reps[0]?.depth.kneeFlexionDeg as number).toBeLessThan(45);
  });

  it('a dip with a step (one foot moves a shank length and stays) is no rep and cues nothing', () => {
    // Made by taking a half-depth rep and, from its start, moving the left ankle, heel and toe 200 px
    // sideways (≈ 1.1 standing shank lengths): a step.
    const stepped = (q: number): RawPose => {
      const p = frontPose(q);
      if (q < 0.05) return p;
      const move = (n: keyof RawPose): void => {
        const k = p[n];
        if (k) p[n] = [k[0] + 200, k[1]];
      };
      move('left_ankle');
      move('left_heel');
      move('left_foot_index');
      return p;
    };
    const s = analyzeFrames(syntheticSet({ reps: [{ q: HALF_Q }], pose: stepped }));
    expect(s.repCount).toBe(0);
    expect(s.cues).toEqual([]);
  });

  it('a dip whose foot ends elsewhere (a shuffle under the shift limit) is not a rep; drift that returns is', () => {
    // Made from one parallel rep (1.5–3.9 s): the left ankle, heel and toe move `px` sideways, ramped
    // in over the rep's second quarter (a foot lifted and put down during the dip) and kept there
    // (`stays`), or ramped back out over its third quarter (keypoint drift at depth that returns).
    const SHANK_PX = 181; // frontPose's standing shank
    const shuffle = (px: number, stays: boolean) =>
      syntheticSet({ reps: [{ q: PARALLEL_Q }], tailMs: 1500 }).map((f) => {
        const u = (f.tMs - 1500) / 2400;
        const w = Math.min(1, Math.max(0, (u - 0.25) * 4));
        const back = stays ? 0 : Math.min(1, Math.max(0, (u - 0.5) * 4));
        const shift = px * (w - back);
        if (f.keypoints === null || shift === 0) return f;
        const raw = frontPose(0);
        for (const [n, k] of Object.entries(f.keypoints)) raw[n as keyof RawPose] = [k.xPx, k.yPx];
        for (const n of ['left_ankle', 'left_heel', 'left_foot_index'] as const) {
          const k = raw[n] as readonly [number, number];
          raw[n] = [k[0] + shift, k[1]];
        }
        return frameAt(f.tMs, raw);
      });
    // 0.25 shank lengths: under FEET_PLANTED_MAX_SHIFT_RATIO (0.35), over FEET_RETURNED_MAX_SHIFT_RATIO (0.15).
    expect(analyzeFrames(shuffle(0.25 * SHANK_PX, true)).repCount).toBe(0);
    expect(analyzeFrames(shuffle(0.25 * SHANK_PX, false)).repCount).toBe(1);
    // The standing reference follows the feet: a shuffle gives a new one, taken after the dip (which
    // ends by 3.9 s) from the new stance; drift that returns keeps the first.
    const calibratedAtMs = (stays: boolean): number | undefined => {
      const a = new SetAnalyzer();
      for (const f of shuffle(0.25 * SHANK_PX, stays)) a.push(f);
      return a.summary().calibration?.tMs;
    };
    expect(calibratedAtMs(true)).toBeGreaterThan(3900);
    expect(calibratedAtMs(false)).toBeLessThan(1500);
  });

  it('a one-frame ankle glitch does not count as a step', () => {
    const frames = syntheticSet({ reps: [{ q: PARALLEL_Q }] }).map((f, i) => {
      if (i !== 70 || f.keypoints === null) return f;
      const raw = frontPose(0.5);
      const a = raw.left_ankle as readonly [number, number];
      raw.left_ankle = [a[0] + 180, a[1] - 120];
      return frameAt(f.tMs, raw);
    });
    expect(analyzeFrames(frames).repCount).toBe(1);
  });
});

describe('SquatGate', () => {
  /** A foot whose ankle is at (x, y): heel 20 px behind and below, toe 70 px ahead (image px). */
  const foot = (x: number, y: number): Foot => ({
    ankle: { x, y },
    heel: { x: x + 5, y: y + 20 },
    toe: { x: x - 10, y: y + 70 },
  });
  const still = { left: foot(400, 900), right: foot(300, 905) };
  const shank = { left: 180, right: 182 };
  const bent = { left: 60, right: 58 };

  it('settled until a foot stays away; settled again FEET_SETTLE_MS after the step', () => {
    const g = new SquatGate();
    g.push(0, still, shank, bent);
    expect(g.settled(0)).toBe(true);
    const moved = { ...still, left: foot(600, 900) };
    g.push(100, moved, shank, bent);
    g.push(300, moved, shank, bent); // stayed away ≥ FOOT_MOVE_CONFIRM_MS: a step, confirmed at 300
    expect(g.settled(300)).toBe(false);
    expect(g.settled(299 + FEET_SETTLE_MS)).toBe(false);
    expect(g.settled(300 + FEET_SETTLE_MS)).toBe(true);
  });

  it('a rep that ends with a foot elsewhere is a new stance, said once the rep is over', () => {
    const g = new SquatGate();
    g.push(0, still, shank, bent);
    g.startRep();
    const shuffled = { ...still, left: foot(460, 900) }; // 0.33 shank: under the step limit
    for (const t of [100, 200, 300]) g.push(t, shuffled, shank, bent);
    expect(g.feetReturned()).toBe(false);
    expect(g.takeNewStance()).toBe(false); // not while the rep runs
    g.endRep();
    expect(g.takeNewStance()).toBe(true);
    expect(g.takeNewStance()).toBe(false);
  });

  it('a foot is where its least-moved keypoint is: ankle and heel drifting at depth are no step', () => {
    // Made like the drift seen on low-resolution clips: at depth the ankle and heel keypoints slide
    // 0.45 shank lengths (81 px, past both the step and the return limits) toward the other foot and
    // stay there past FOOT_MOVE_CONFIRM_MS, while the toe stays put. Then the whole foot moves as far.
    const drift = (px: number) => ({
      ...still,
      left: { ...still.left, ankle: { x: 400 - px, y: 900 }, heel: { x: 405 - px, y: 920 } },
    });
    const g = new SquatGate();
    g.push(0, still, shank, bent);
    g.startRep();
    for (const t of [100, 200, 300, 400]) g.push(t, drift(81), shank, bent);
    expect(g.settled(400)).toBe(true);
    expect(g.feetReturned()).toBe(true);
    g.endRep();
    const h = new SquatGate();
    h.push(0, still, shank, bent);
    h.startRep();
    for (const t of [100, 200, 300, 400]) h.push(t, { ...still, left: foot(400 - 81, 900) }, shank, bent);
    expect(h.settled(400)).toBe(false);
    expect(h.feetReturned()).toBe(false);
  });

  it('a handheld camera that moves both feet alike in the image is no step', () => {
    // Made by moving both feet by the same 0.45 shank lengths (81 px) and keeping them there, as a
    // camera's shake or pan moves the whole picture; then only the left foot, as a step does.
    const shift = (f: Foot, dx: number, dy: number): Foot =>
      Object.fromEntries(Object.entries(f).map(([k, p]) => [k, p && { x: p.x + dx, y: p.y + dy }])) as Foot;
    const g = new SquatGate();
    g.push(0, still, shank, bent);
    g.startRep();
    const panned = { left: shift(still.left, 60, 55), right: shift(still.right, 60, 55) };
    for (const t of [100, 200, 300, 400]) g.push(t, panned, shank, bent);
    expect(g.settled(400)).toBe(true);
    expect(g.feetReturned()).toBe(true);
    const h = new SquatGate();
    h.push(0, still, shank, bent);
    h.startRep();
    for (const t of [100, 200, 300, 400])
      h.push(t, { ...still, left: shift(still.left, 60, 55) }, shank, bent);
    expect(h.settled(400)).toBe(false);
    expect(h.feetReturned()).toBe(false);
  });

  it('knees: a rep needs every measured knee past REP_MIN_KNEE_FLEXION_DEG', () => {
    const g = new SquatGate();
    g.startRep();
    g.push(0, still, shank, { left: 70, right: REP_MIN_KNEE_FLEXION_DEG - 6 });
    expect(g.repKneesFlexed()).toBe(false);
    g.push(33, still, shank, { left: 72, right: REP_MIN_KNEE_FLEXION_DEG + 3 });
    expect(g.repKneesFlexed()).toBe(true);
    expect(g.cuesLive(33)).toBe(true);
    g.push(66, still, shank, { left: 12, right: 15 }); // nearly straight: no cues now
    expect(g.cuesLive(66)).toBe(false);
  });

  it('knees out of view mid-rep keep their last verdict; out of view between reps, no cues', () => {
    const hidden = { left: null, right: null };
    const g = new SquatGate();
    g.startRep();
    g.push(0, still, shank, bent);
    g.push(33, still, shank, hidden); // deep, thighs pointing away: both knees lost
    expect(g.cuesLive(33)).toBe(true);
    g.push(66, still, shank, { left: 12, right: null }); // one knee back, nearly straight
    g.push(99, still, shank, hidden);
    expect(g.cuesLive(99)).toBe(false);
    g.endRep();
    const h = new SquatGate();
    h.push(0, still, shank, bent);
    h.push(33, still, shank, hidden);
    expect(h.cuesLive(33)).toBe(false);
  });
});
