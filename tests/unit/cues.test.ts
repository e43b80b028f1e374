import { describe, expect, it } from 'vitest';
import { CUE_IDS, CUE_TEXTS, CueEngine } from '../../src/core/coaching/cues';
import { EMPTY_METRICS } from '../../src/core/metrics/metrics';
import {
  CUE_COOLDOWN_MS,
  CUE_DWELL_MS,
  CUE_MIN_SHOW_MS,
  HIPS_BACK_FIRE_RATIO,
  KNEE_INSIDE_FOOT_CLEAR_RATIO,
  KNEE_INSIDE_FOOT_FIRE_RATIO,
} from '../../src/core/thresholds';
import type { FrameMetrics } from '../../src/core/types';

// knees-out is driven by the knee-inside-foot ratio. The cases below are written in units of a
// twelfth of its fire level, so their numbers read like degrees of a 12°-limit measure.
const UNIT = KNEE_INSIDE_FOOT_FIRE_RATIO / 12;
const KNEES_OUT_FIRE_DEG = KNEE_INSIDE_FOOT_FIRE_RATIO / UNIT;
const KNEES_OUT_CLEAR_DEG = KNEE_INSIDE_FOOT_CLEAR_RATIO / UNIT;
const scaled = (v: number | null): number | null => (v === null ? null : v * UNIT);
const valgus = (left: number | null, right: number | null): FrameMetrics => ({
  ...EMPTY_METRICS,
  kneeMedialDisplacementRatio: { left: scaled(left), right: scaled(right) },
});
const FRAME_MS = 33;

describe('cue engine', () => {
  it('has the fixed vocabulary and default texts', () => {
    expect(CUE_IDS).toEqual(['knees-out', 'hips-back', 'hips-level', 'go-lower', 'chest-up', 'heels-down']);
    expect(CUE_TEXTS['knees-out']).toBe('Drive your knees out');
    expect(CUE_TEXTS['hips-back']).toBe('Sit your hips back');
    expect(CUE_TEXTS['hips-level']).toBe('Keep your hips level');
  });

  it('a one-frame spike does not fire; a sustained fault fires after the dwell, recording what fired it', () => {
    const e = new CueEngine();
    expect(e.push(0, 'descending', valgus(KNEES_OUT_FIRE_DEG + 9, 1.3), 1).fired).toBeNull();
    expect(e.push(FRAME_MS, 'descending', valgus(2.1, 1.3), 1).fired).toBeNull();
    let fired = null;
    let t = 100;
    for (; t < 1000 && fired === null; t += FRAME_MS) {
      fired = e.push(t, 'bottom', valgus(1.7, KNEES_OUT_FIRE_DEG + 3.4), 2).fired;
    }
    expect(fired).not.toBeNull();
    expect(fired?.id).toBe('knees-out');
    expect(fired?.rep).toBe(2);
    expect(fired?.metric).toBe('kneeValgus');
    expect(fired?.value).toBeCloseTo((KNEES_OUT_FIRE_DEG + 3.4) * UNIT, 9);
    expect((fired?.tMs as number) - 100).toBeGreaterThanOrEqual(CUE_DWELL_MS);
  });

  it('never fires while standing, or on a null (gated / unsupported view) metric', () => {
    const e = new CueEngine();
    for (let t = 0; t < 3000; t += FRAME_MS) {
      expect(e.push(t, 'standing', valgus(25, 25), null).fired).toBeNull();
      expect(e.push(t + 1, 'bottom', valgus(null, null), 1).fired).toBeNull();
    }
  });

  it('one cue at a time, by priority', () => {
    const e = new CueEngine();
    const both: FrameMetrics = {
      ...valgus(KNEES_OUT_FIRE_DEG + 5, 0),
      toeShiftRatio: HIPS_BACK_FIRE_RATIO + 0.1,
    };
    const fired = [];
    for (let t = 0; t < 800; t += FRAME_MS) {
      const u = e.push(t, 'bottom', both, 1);
      if (u.fired) fired.push(u.fired.id);
      if (u.active) expect(u.active.id).toBe('knees-out');
    }
    expect(fired).toEqual(['knees-out']);
  });

  it('clears with hysteresis, and the same cue does not refire within the cooldown', () => {
    const e = new CueEngine();
    const ids: { t: number; id: string }[] = [];
    let t = 0;
    const feed = (v: number, until: number): void => {
      for (; t < until; t += FRAME_MS) {
        const u = e.push(t, 'bottom', valgus(v, 0.4), 1);
        if (u.fired) ids.push({ t, id: u.fired.id });
      }
    };
    feed(KNEES_OUT_FIRE_DEG + 4, 500); // fires
    const between = (KNEES_OUT_FIRE_DEG + KNEES_OUT_CLEAR_DEG) / 2;
    feed(between, 2500); // between clear and fire: stays on
    expect(e.push(t, 'bottom', valgus(between, 0.4), 1).active?.id).toBe('knees-out');
    t += FRAME_MS;
    feed(KNEES_OUT_CLEAR_DEG - 3, 3000); // cleared (shown > CUE_MIN_SHOW_MS)
    expect(e.push(t, 'bottom', valgus(KNEES_OUT_CLEAR_DEG - 3, 0.4), 1).active).toBeNull();
    t += FRAME_MS;
    feed(KNEES_OUT_FIRE_DEG + 4, 3600); // bad again, but within the cooldown of the first firing
    expect(ids).toHaveLength(1);
    feed(KNEES_OUT_FIRE_DEG + 4, 300 + CUE_COOLDOWN_MS + 500); // after the cooldown
    expect(ids).toHaveLength(2);
    expect((ids[1]?.t as number) - (ids[0]?.t as number)).toBeGreaterThanOrEqual(CUE_COOLDOWN_MS);
  });

  it('a cue stays up for at least CUE_MIN_SHOW_MS even if the fault clears at once', () => {
    const e = new CueEngine();
    let t = 0;
    for (; t < 300; t += FRAME_MS) e.push(t, 'bottom', valgus(KNEES_OUT_FIRE_DEG + 6, 0), 1);
    const firedAt = t;
    expect(e.push(t + 1, 'ascending', valgus(0, 0), 1).active).not.toBeNull();
    expect(e.push(firedAt + CUE_MIN_SHOW_MS + 50, 'standing', valgus(0, 0), null).active).toBeNull();
  });
});
