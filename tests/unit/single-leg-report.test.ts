/**
 * The single-leg report's pure parts: the report model (rows, mean ± spread, the median and worst
 * rep picks, sources, drills, guidance wording), the frame annotation geometry, and the frame ring.
 * Cases: hand-built reps with distinct, asymmetric numbers, and the check on the banded-clip derived
 * track (tests/constructed/single-leg.ts: real keypoints, free leg held up) with a touch-down in left
 * rep 2.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSingleLeg } from '../../src/core/single-leg/analyzer';
import type { SingleLegRep } from '../../src/core/single-leg/types';
import type { Keypoints } from '../../src/core/pose/keypoints';
import { annotateFrame } from '../../src/features/single-leg/annotate';
import { FrameRing } from '../../src/features/single-leg/frame-ring';
import { pickReps, singleLegReport } from '../../src/features/single-leg/report-model';
import { REP_WINDOWS } from '../constructed/inject';
import { deriveSingleLegCheck, touchDownInRep } from '../constructed/single-leg';

const rep = (index: number, fppaDeg: number | null, over: Partial<SingleLegRep> = {}): SingleLegRep => ({
  index,
  leg: 'left',
  startMs: index * 3000,
  bottomMs: index * 3000 + 1300,
  endMs: index * 3000 + 2900,
  scored: true,
  unscoredReasons: [],
  fppaDeg,
  fppaFootLineDeg: fppaDeg === null ? null : fppaDeg - 2.5,
  kneeInsideFoot: false,
  kneeInsideFootRatio: 0.037,
  pelvicDropDeg: 3.2,
  trunkLeanDeg: 4.4,
  kneeFlexionDeg: 71.6,
  maxDepthRatio: 0.31,
  timeToBottomMs: 1300,
  timeBackMs: 1600,
  notes: [],
  ...over,
});

describe('single-leg report model', () => {
  it('picks the median (lower middle by FPPA) and the worst rep among the scored ones', () => {
    const reps = [
      rep(1, 9.1),
      rep(2, 21.7, { scored: false, unscoredReasons: ['hop'] }),
      rep(3, 14.2),
      rep(4, 6.3),
      rep(5, 11.8),
    ];
    const p = pickReps(reps, 'image');
    // Scored, sorted: 6.3 (4), 9.1 (1), 11.8 (5), 14.2 (3); the hop rep (21.7°) is left out.
    expect(p?.median.index).toBe(1);
    expect(p?.worst.index).toBe(3);
    // Foot-line basis: same order here (a constant offset).
    expect(pickReps(reps, 'foot-line')?.worst.index).toBe(3);
    // Two reps: the lower is the median, the higher the worst; one rep: both.
    expect(pickReps([rep(1, 12.4), rep(2, 7.9)], 'image')).toMatchObject({
      median: { index: 2 },
      worst: { index: 1 },
    });
    expect(pickReps([rep(1, 12.4)], 'image')).toMatchObject({ median: { index: 1 }, worst: { index: 1 } });
    // Nothing scored: every rep is a candidate; no rep at all: no picks.
    expect(
      pickReps([rep(1, 5.5, { scored: false }), rep(2, 8.5, { scored: false })], 'image')?.worst.index,
    ).toBe(2);
    expect(pickReps([], 'image')).toBeNull();
  });

  it('builds both legs from the derived check: rows, unscored touch-down rep, means, sources and drills', () => {
    const d = deriveSingleLegCheck({
      clip: 'front-oblique-banded-squats',
      reps: REP_WINDOWS['front-oblique-banded-squats'],
      cutMs: 9600,
      refMs: 4000,
      loops: 2,
      order: ['left', 'right'],
    });
    const frames = touchDownInRep(d.frames, 'left', d.windows.left[1] as (typeof d.windows.left)[number]);
    const s = analyzeSingleLeg(frames);
    const m = singleLegReport(s);
    const [left, right] = m.legs;
    expect(left?.leg).toBe('left');
    expect(left?.rows.map((r) => r.scoredText)).toEqual([
      'yes',
      'not scored (foot touched down)',
      'yes',
      'yes',
    ]);
    expect(right?.rows).toHaveLength(4);
    expect(left?.title).toBe('Left leg standing — 3 of 4 reps scored');
    // Off-axis: FPPA on the foot line, each row's value is the rep's foot-line FPPA, rounded.
    expect(m.fppaHead).toContain('foot line');
    left?.rows.forEach((r, i) =>
      expect(r.fppa).toBe(`${Math.round(s.legs.left.reps[i]?.fppaFootLineDeg as number)}°`),
    );
    const fppaStat = left?.stats.find((x) => x.label === 'FPPA')?.value;
    expect(fppaStat).toBe(
      `${(s.legs.left.fppaMeanDeg as number).toFixed(1)}° ± ${(s.legs.left.fppaSdDeg as number).toFixed(1)}°`,
    );
    // The unscored rep is never the picked frame while scored reps exist.
    expect(left?.frames.map((f) => f.kind)).toEqual(['median', 'worst']);
    expect(left?.frames.every((f) => f.rep.scored)).toBe(true);
    expect(m.sources.join(' ')).toMatch(/Herrington 2014.*Munro 2012.*Piva 2006/);
    expect(m.guidance).toContain('not a diagnosis');
    expect(left?.ratingText).toContain('not a diagnosis');
    expect(m.drills.flatMap((g) => g.items)).toEqual([
      'Clamshells',
      'Banded side walks',
      'Glute bridges',
      'Lateral lunges',
      'Calf stretch',
      'Ankle circles',
      'Dorsiflexion stretch',
    ]);
    expect(m.difference).toContain('Munro 2012');
  });

  it('words knee inside the foot as yes/no with how far, and missing values as a dash', () => {
    const reps = [
      rep(1, 18.3, { kneeInsideFoot: true, kneeInsideFootRatio: 0.163 }),
      rep(2, null, { kneeInsideFoot: null, pelvicDropDeg: null }),
    ];
    const s = analyzeSingleLeg([]);
    const m = singleLegReport({ ...s, legs: { ...s.legs, left: { ...s.legs.left, reps } } });
    expect(m.legs[0]?.rows.map((r) => [r.kneeInsideFoot, r.pelvicDrop, r.fppa])).toEqual([
      ['yes (16% of shank)', '3°', '18°'],
      ['—', '—', '—'],
    ]);
  });
});

describe('frame annotation', () => {
  const k = (x: number, y: number): { xPx: number; yPx: number; score: number } =>
    ({ xPx: x, yPx: y, score: 0.93 }) as never;
  // Left leg standing, knee 24 px medial of the hip→ankle line; the pelvis 7 px lower on the right.
  const pose = {
    left_hip: k(412, 300),
    right_hip: k(318, 307),
    left_knee: k(388, 420),
    left_ankle: k(409, 552),
  } as unknown as Keypoints;
  const a = annotateFrame(
    pose,
    'left',
    { fppaDeg: 14.6, fppaFootLineDeg: 9.2, pelvicDropDeg: 4.4, kneeFlexionDeg: 63.1 },
    'image',
    0.5,
  );

  it('draws thigh, shank and pelvis scaled to the image, labelled with their angles', () => {
    expect(a.segments.map((s) => s.id)).toEqual(['thigh', 'shank', 'pelvis']);
    const thigh = a.segments[0];
    expect(thigh?.from).toEqual({ x: 206, y: 150 });
    expect(thigh?.to).toEqual({ x: 194, y: 210 });
    // atan(24/120) = 11.3° from vertical; shank atan(21/132) = 9.0°; pelvis atan(7/94) = 4.3°.
    expect(thigh?.label).toBe('thigh 11° from vertical');
    expect(a.segments[1]?.label).toBe('shank 9° from vertical');
    expect(a.segments[2]?.label).toBe('pelvis tilt 4°, drop 4°');
    expect(a.kneeLabel).toBe('knee FPPA 15° · flexion 63°');
    expect(
      annotateFrame(
        pose,
        'left',
        { fppaDeg: 14.6, fppaFootLineDeg: 9.2, pelvicDropDeg: null, kneeFlexionDeg: null },
        'foot-line',
        1,
      ).kneeLabel,
    ).toBe('knee FPPA 9°');
  });

  it('leaves out a segment whose keypoint is missing or unsure', () => {
    const unsure = { ...pose, left_ankle: { xPx: 409, yPx: 552, score: 0.2 } } as unknown as Keypoints;
    const b = annotateFrame(
      unsure,
      'left',
      { fppaDeg: 1, fppaFootLineDeg: 1, pelvicDropDeg: 1, kneeFlexionDeg: 1 },
      'image',
      1,
    );
    expect(b.segments.map((s) => s.id)).toEqual(['thigh', 'pelvis']);
    expect(
      annotateFrame(
        pose,
        'right',
        { fppaDeg: 1, fppaFootLineDeg: 1, pelvicDropDeg: 1, kneeFlexionDeg: 1 },
        'image',
        1,
      ).knee,
    ).toBeNull();
  });
});

describe('frame ring', () => {
  class Fake {
    closed = false;
    constructor(readonly tMs: number) {}
    close(): void {
      this.closed = true;
    }
  }

  it('keeps the frame nearest a rep’s peak past eviction, and closes the others', () => {
    const ring = new FrameRing<Fake>(3);
    const frames = [0, 210, 390, 610, 820].map((t) => new Fake(t));
    for (const f of frames.slice(0, 3)) ring.push(f.tMs, f);
    expect(ring.keep(250, 100)).toBe(frames[1]);
    expect(ring.keep(5000, 100)).toBeNull();
    for (const f of frames.slice(3)) ring.push(f.tMs, f);
    expect(ring.length).toBe(3);
    expect(frames[0]?.closed).toBe(true);
    expect(frames[1]?.closed).toBe(false);
    ring.clear();
    expect(frames.filter((f) => f.closed).map((f) => f.tMs)).toEqual([0, 390, 610, 820]);
  });
});
