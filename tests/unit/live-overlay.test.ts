/**
 * The live overlay's fault highlights and the live gauges (src/features/live/live-overlay.ts,
 * live-gauges.ts) judge through the core's verdict (src/core/coaching/verdict.ts): a value past a
 * cue's fire level is flagged; one between its clear and fire levels only while that cue shows; the
 * fire level itself is not past it. Each knee is judged on its own knee-inside-foot value; the hips
 * on the pelvic drop the core reports (perspective already taken out); the gauges mark each cue's own
 * fire level and speak plain words.
 */
import { describe, expect, it } from 'vitest';
import { faultFlags, faultFlagsOf } from '../../src/features/live/live-overlay';
import { GAUGES } from '../../src/features/live/live-gauges';
import { cueRule } from '../../src/core/coaching/cues';
import { EMPTY_METRICS } from '../../src/core/metrics/metrics';
import type { CueId, FrameAnalysis, FrameMetrics } from '../../src/core/types';

const KNEES = cueRule('knees-out');
const HIPS = cueRule('hips-level');
const TOES = cueRule('hips-back');
/** Halfway between a rule's clear and fire levels: near, not past. */
const near = (r: { fireAt: number; clearAt: number }): number => (r.fireAt + r.clearAt) / 2;
/** A little past a rule's fire level, in its own unit. */
const past = (r: { fireAt: number; clearAt: number }): number => r.fireAt + (r.fireAt - r.clearAt) / 4;

const metrics = (patch: Partial<FrameMetrics>): FrameMetrics => ({ ...EMPTY_METRICS, ...patch });

describe('faultFlags', () => {
  it('nothing measured, nothing flagged', () => {
    expect(faultFlags(EMPTY_METRICS, null)).toEqual({
      knee: { left: false, right: false },
      hip: false,
      toes: false,
    });
  });

  it('each knee on its own value: past the fire level is flagged, the other knee is not', () => {
    const m = metrics({ kneeMedialDisplacementRatio: { left: past(KNEES), right: KNEES.clearAt - 0.013 } });
    expect(faultFlags(m, null).knee).toEqual({ left: true, right: false });
  });

  it.each<
    [
      CueId,
      (v: number) => Partial<FrameMetrics>,
      { fireAt: number; clearAt: number },
      'knee' | 'hip' | 'toes',
    ]
  >([
    ['knees-out', (v) => ({ kneeMedialDisplacementRatio: { left: null, right: v } }), KNEES, 'knee'],
    ['hips-level', (v) => ({ pelvicDropDeg: -v }), HIPS, 'hip'],
    ['hips-back', (v) => ({ toeShiftRatio: v }), TOES, 'toes'],
  ])('%s: near its limit it stays flagged only while the cue shows', (cue, at, rule, part) => {
    const flag = (v: number, showing: CueId | null): boolean => {
      const f = faultFlags(metrics(at(v)), showing);
      return part === 'knee' ? f.knee.right : f[part];
    };
    expect(flag(past(rule), null)).toBe(true);
    expect(flag(near(rule), null)).toBe(false);
    expect(flag(near(rule), cue)).toBe(true);
    expect(flag(near(rule), cue === 'knees-out' ? 'hips-level' : 'knees-out')).toBe(false);
    expect(flag(rule.clearAt, cue)).toBe(false);
    // The fire level itself is not past it (the core's verdict is strict).
    expect(flag(rule.fireAt, null)).toBe(false);
  });

  it('hips: the pelvic drop on either side; the raw hip-line tilt alone never flags', () => {
    const hip = (patch: Partial<FrameMetrics>): boolean => faultFlags(metrics(patch), null).hip;
    expect(hip({ pelvicDropDeg: past(HIPS) })).toBe(true);
    expect(hip({ pelvicDropDeg: -past(HIPS) })).toBe(true);
    expect(hip({ hipDropDeg: past(HIPS) * 2, hipDropPerspectiveDeg: past(HIPS) * 2, pelvicDropDeg: 0 })).toBe(
      false,
    );
  });

  it('faultFlagsOf: null for no analysis or a frame without a person; the showing cue counts', () => {
    expect(faultFlagsOf(null)).toBeNull();
    const m = metrics({ toeShiftRatio: near(TOES) });
    const base = { keypoints: {}, metrics: m, cue: { id: 'hips-back', text: 'Sit your hips back' } };
    expect(faultFlagsOf({ ...base, keypoints: null } as unknown as FrameAnalysis)).toBeNull();
    expect(faultFlagsOf(base as unknown as FrameAnalysis)?.toes).toBe(true);
  });
});

describe('GAUGES', () => {
  it('read the cue rules’ values: the hip-drop and toe-shift gauges show what their cue judges', () => {
    const m = metrics({ pelvicDropDeg: -6.75, toeShiftRatio: 0.63 });
    const byId = new Map(GAUGES.map((g) => [g.id, g]));
    expect(byId.get('hip-drop')?.value(m)).toBe(HIPS.value(m));
    expect(byId.get('toe-shift')?.value(m)).toBe(TOES.value(m));
    const knees = metrics({ kneeMedialDisplacementRatio: { left: 0.045, right: 0.1375 } });
    expect(byId.get('valgus-left')?.value(knees)).toBe(0.045);
    expect(byId.get('valgus-right')?.value(knees)).toBe(0.1375);
  });

  it('speak plain words by the core verdict, with the side of a dropping hip', () => {
    const byId = new Map(GAUGES.map((g) => [g.id, g]));
    const knee = byId.get('valgus-right');
    expect(knee?.words(EMPTY_METRICS, 'within')).toBe('over the foot');
    expect(knee?.words(EMPTY_METRICS, 'past')).toBe('inside the foot');
    const hips = byId.get('hip-drop');
    expect(hips?.words(metrics({ pelvicDropDeg: -7.5 }), 'past')).toBe('right hip dropping');
    expect(hips?.words(metrics({ pelvicDropDeg: 4.5 }), 'near')).toBe('left side dipping');
    expect(hips?.words(metrics({ pelvicDropDeg: 0.5 }), 'within')).toBe('level');
  });

  it('each gauge belongs to a cue and spans more than its fire level', () => {
    for (const g of GAUGES) expect(g.max).toBeGreaterThan(cueRule(g.cue).fireAt);
  });
});
