import { describe, expect, it } from 'vitest';
import { RepStateMachine, type RepTransition } from '../../src/core/set/reps';
import type { RepPhase } from '../../src/core/types';
import { repDepth } from './poses';

interface Run {
  count: number;
  phases: RepPhase[];
  transitions: RepTransition[];
}

/** Feeds depth samples d(t) at `fps` for `durMs` into a fresh machine. */
function run(d: (tMs: number) => number | null, durMs: number, fps = 30, m = new RepStateMachine()): Run {
  const phases: RepPhase[] = [];
  const transitions: RepTransition[] = [];
  for (let t = 0; t <= durMs; t += 1000 / fps) {
    const v = d(t);
    const tr = m.push(t, v, v !== null && v < 0.03);
    if (tr) transitions.push(tr);
    if (phases[phases.length - 1] !== m.phase) phases.push(m.phase);
  }
  return { count: m.count, phases, transitions };
}

/** Reps of depth q, 2.4 s (+ hold) each, 1.2 s apart, after 1 s of standing. */
const reps =
  (qs: readonly number[], holdMs = 0) =>
  (t: number): number => {
    const period = 3600 + holdMs;
    const i = Math.floor((t - 1000) / period);
    if (t < 1000 || i >= qs.length) return 0;
    return repDepth(t - 1000 - i * period, 2400 + holdMs, qs[i] as number, holdMs);
  };

describe('rep state machine', () => {
  it('counts a rep on the return to standing, through every phase', () => {
    const r = run(reps([0.45]), 4000);
    expect(r.count).toBe(1);
    // The first sample is already standing (depth 0, straight knees).
    expect(r.phases).toEqual(['standing', 'descending', 'bottom', 'ascending', 'standing']);
    expect(r.transitions.map((t) => t.type)).toEqual(['start', 'turn', 'complete']);
  });

  it('does not count before the return to standing', () => {
    const m = new RepStateMachine();
    run((t) => (t < 1000 ? 0 : Math.min(0.45, (t - 1000) / 2000)), 3000, 30, m);
    expect(m.count).toBe(0);
    expect(m.current).not.toBeNull();
  });

  it('a long pause at the bottom is one rep', () => {
    const r = run(reps([0.41], 3100), 9000);
    expect(r.count).toBe(1);
    const done = r.transitions.find((t) => t.type === 'complete');
    expect((done?.rep.bottomExitMs as number) - (done?.rep.bottomEnterMs as number)).toBeGreaterThan(2500);
  });

  it('half and quarter reps count, shallow bobs do not', () => {
    expect(run(reps([0.22, 0.23]), 8500).count).toBe(2);
    // ≈ 30° of knee flexion lowers the hip by ~0.06–0.07 of the hip→ankle extent.
    expect(run(reps([0.07, 0.068]), 8500).count).toBe(2);
    const bob = run(reps([0.058, 0.057]), 8500);
    expect(bob.count).toBe(0);
    expect(bob.transitions.filter((t) => t.type === 'cancel')).toHaveLength(2);
  });

  it('noise around the standing threshold does not start reps (hysteresis)', () => {
    const r = run((t) => 0.04 + 0.012 * Math.sin(t / 90), 6000);
    expect(r.transitions).toHaveLength(0);
  });

  it('a bounce while rising stays the same rep', () => {
    const d = (t: number): number => {
      if (t < 1000) return 0;
      const s = (t - 1000) / 1000;
      if (s < 1) return 0.44 * s; // down
      if (s < 1.5) return 0.44 - 0.3 * (s - 1); // up to 0.29
      if (s < 1.8) return 0.29 + 0.4 * (s - 1.5); // sink again to 0.41
      if (s < 3) return Math.max(0, 0.41 - 0.4 * (s - 1.8)); // up
      return 0;
    };
    const r = run(d, 5000);
    expect(r.count).toBe(1);
  });

  it('walking out of frame mid-rep abandons it; the next full rep counts', () => {
    const d = (t: number): number | null => {
      if (t < 1000) return 0;
      if (t < 2000) return (0.4 * (t - 1000)) / 1000;
      if (t < 4000) return null; // gone for 2 s
      if (t < 5000) return 0;
      return reps([0.4])(t - 4000);
    };
    const r = run(d, 9000);
    expect(r.transitions.map((t) => t.type)).toEqual(['start', 'abandon', 'start', 'turn', 'complete']);
    expect(r.count).toBe(1);
  });

  it('a short dropout (< timeout) mid-rep does not break it', () => {
    const base = reps([0.43]);
    const r = run((t) => (t > 1800 && t < 2300 ? null : base(t)), 4000);
    expect(r.count).toBe(1);
  });

  it('starting at the bottom does not count the first rise (needs a standing start)', () => {
    const d = (t: number): number =>
      t < 1500 ? Math.max(0, 0.45 - (0.45 * t) / 1500) : reps([0.44])(t - 1500);
    // The machine only sees the rise from an unknown state (not standing, e.g. knees bent).
    const m = new RepStateMachine();
    for (let t = 0; t <= 6000; t += 33.3) {
      const v = d(t);
      m.push(t, v, t > 1500 && v < 0.03);
    }
    expect(m.count).toBe(1);
  });

  it('a rep marked as no squat (feet moved) ends as cancel and does not count', () => {
    const m = new RepStateMachine();
    const types: string[] = [];
    for (let t = 0; t <= 4000; t += 1000 / 30) {
      if (t > 1500) m.invalidate(); // a step during the rep
      const d = reps([0.4])(t);
      const tr = m.push(t, d, d < 0.03);
      if (tr) types.push(tr.type);
    }
    expect(m.count).toBe(0);
    expect(types).toEqual(['start', 'turn', 'cancel']);
  });

  it('the squat check is asked on the return to standing: a failed check cancels the rep', () => {
    const m = new RepStateMachine();
    m.setSquatCheck(() => false);
    const r = run(reps([0.4]), 4000, 30, m);
    expect(r.count).toBe(0);
    expect(r.transitions.map((t) => t.type)).toEqual(['start', 'turn', 'cancel']);
  });

  it('turn fires once per rep, even with a bounce on the way up', () => {
    const d = (t: number): number => {
      if (t < 1000) return 0;
      const s = (t - 1000) / 1000;
      if (s < 1) return 0.44 * s;
      if (s < 1.5) return 0.44 - 0.3 * (s - 1);
      if (s < 1.8) return 0.29 + 0.4 * (s - 1.5);
      if (s < 3) return Math.max(0, 0.41 - 0.4 * (s - 1.8));
      return 0;
    };
    expect(run(d, 5000).transitions.filter((t) => t.type === 'turn')).toHaveLength(1);
  });
});
