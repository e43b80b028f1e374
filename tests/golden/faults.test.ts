/**
 * Fault injection on the real tracks: each case takes a clip's BlazePose track, moves keypoints by a
 * known amount in chosen reps only, and checks that the reported metric moves by that amount, on
 * that side and in those reps only, and that the matching cue fires in the injected reps only.
 */
import { describe, expect, it } from 'vitest';
import { SetAnalyzer } from '../../src/core/set/session';
import { clamp01, rotateAboutDeg, vec } from '../../src/core/math/geometry';
import type { Keypoint, KeypointName, PoseFrame } from '../../src/core/pose/keypoints';
import type { FrameAnalysis, RepSummary, SetSummary, Side } from '../../src/core/types';
import { rotateTrack } from '../constructed/transforms';
import { loadFrames, mapKeypoints, shiftUpperBodyForward } from './tracks';

/** How much a metric of the non-injected side or rep may move (knock-on effects through smoothing are nil; this is float noise), deg or ratio. */
const UNTOUCHED_EPS = 1e-6;
/** The tolerance for the recovered hip-line tilt, deg. */
const HIP_DROP_TOLERANCE_DEG = 1;

interface Run {
  frames: FrameAnalysis[];
  summary: SetSummary;
}
const analyse = (frames: readonly PoseFrame[]): Run => {
  const a = new SetAnalyzer();
  const out = frames.map((f) => a.push(f));
  return { frames: out, summary: a.summary() };
};

const allReps = (s: SetSummary): RepSummary[] => [...s.reps, ...s.partials].sort((a, b) => a.index - b.index);

const get = (f: PoseFrame, n: KeypointName): Keypoint | undefined => f.keypoints?.[n];
const midY = (f: PoseFrame, a: KeypointName, b: KeypointName): number | null => {
  const ka = get(f, a);
  const kb = get(f, b);
  return ka && kb ? (ka.yPx + kb.yPx) / 2 : null;
};

/**
 * Fade-in with depth, 0 at standing, 1 at the rep's deepest frame: the raw hip midpoint's descent
 * below its standing height over the rep's maximum descent, inside [startMs, endMs] of the rep only.
 */
function fadeFor(frames: readonly PoseFrame[], rep: RepSummary): (f: PoseFrame) => number {
  const end = rep.endMs ?? Infinity;
  const inRep = frames.filter((f) => f.tMs >= rep.startMs && f.tMs <= end);
  const ys = inRep.map((f) => midY(f, 'left_hip', 'right_hip')).filter((y): y is number => y !== null);
  const top = midY(inRep[0] as PoseFrame, 'left_hip', 'right_hip') ?? Math.min(...ys);
  const bottom = Math.max(...ys);
  return (f) => {
    if (f.tMs < rep.startMs || f.tMs > end) return 0;
    const y = midY(f, 'left_hip', 'right_hip');
    return y === null ? 0 : clamp01((y - top) / (bottom - top));
  };
}

const BANDED = 'front-oblique-banded-squats' as const;
const SIDE_CLIP = 'side-bodyweight-squat' as const;

describe('knee valgus injection (banded clip, front ~25° off-axis)', () => {
  // Case: in rep 2 only, rotate the LEFT shank about the left ankle toward the midline by D·fade
  // (D = 5, 10, 15°, fade 0 at standing → 1 at the deepest frame). The person faces the camera, so
  // the midline is toward the other ankle, image −x for the left leg: a counter-clockwise rotation.
  const base = loadFrames(BANDED);
  const baseRun = analyse(base);
  const rep2 = allReps(baseRun.summary)[1] as RepSummary;
  const fade = fadeFor(base, rep2);
  const inject = (D: number, side: Side): PoseFrame[] =>
    mapKeypoints(base, (name, k, f) => {
      const knee = `${side}_knee` as const;
      if (name !== knee) return { x: k.xPx, y: k.yPx };
      const ankle = get(f, `${side}_ankle`) as Keypoint;
      const other = get(f, side === 'left' ? 'right_ankle' : 'left_ankle') as Keypoint;
      const towardMidline = Math.sign(other.xPx - ankle.xPx); // image x direction of the midline
      // rotateAboutDeg: + = clockwise on screen, which moves an upward shank toward +x.
      return rotateAboutDeg(vec(k.xPx, k.yPx), vec(ankle.xPx, ankle.yPx), towardMidline * D * fade(f));
    });

  const runs = [5, 10, 15].map((D) => ({ D, run: analyse(inject(D, 'left')) }));

  it('the injected side’s peak valgus in rep 2 grows with D; the right side and reps 1, 3 do not move', () => {
    const peak = (r: Run, i: number, s: Side): number =>
      allReps(r.summary)[i]?.kneeValgusPeakDeg?.[s] as number;
    let prev = peak(baseRun, 1, 'left');
    for (const { D, run } of runs) {
      const p = peak(run, 1, 'left');
      expect(p).toBeGreaterThan(prev);
      // The foot-plane tilt recovers ~0.7–0.75 of a shank rotation (the rotation also shortens the
      // shank's visible height, which the measure reads as forward knee travel); ask for 0.6.
      expect(p - peak(baseRun, 1, 'left')).toBeGreaterThan(0.6 * D);
      prev = p;
      expect(Math.abs(peak(run, 1, 'right') - peak(baseRun, 1, 'right'))).toBeLessThan(UNTOUCHED_EPS);
      for (const i of [0, 2]) {
        expect(Math.abs(peak(run, i, 'left') - peak(baseRun, i, 'left'))).toBeLessThan(UNTOUCHED_EPS);
        expect(Math.abs(peak(run, i, 'right') - peak(baseRun, i, 'right'))).toBeLessThan(UNTOUCHED_EPS);
      }
    }
  });

  it('knees-out fires in the injected rep only (D = 15°), and never without injection', () => {
    expect(baseRun.summary.cues.filter((c) => c.id === 'knees-out')).toEqual([]);
    const big = runs.find((r) => r.D === 15)?.run as Run;
    const ko = big.summary.cues.filter((c) => c.id === 'knees-out');
    expect(ko.length).toBeGreaterThan(0);
    expect(ko.every((c) => c.rep === 2 && c.metric === 'kneeValgus')).toBe(true);
    expect(allReps(big.summary)[1]?.cues).toContain('knees-out');
  });
});

describe('hip drop injection (banded clip)', () => {
  // Case: in rep 2 only, rotate the hip line about its midpoint by θ·fade so that the LEFT hip goes
  // down (θ = 4, 8, 12°). The left hip is on image +x (facing the camera): clockwise on screen.
  const base = loadFrames(BANDED);
  const baseRun = analyse(base);
  const rep2 = allReps(baseRun.summary)[1] as RepSummary;
  const fade = fadeFor(base, rep2);
  const inject = (theta: number): PoseFrame[] =>
    mapKeypoints(base, (name, k, f) => {
      if (name !== 'left_hip' && name !== 'right_hip') return { x: k.xPx, y: k.yPx };
      const l = get(f, 'left_hip') as Keypoint;
      const r = get(f, 'right_hip') as Keypoint;
      const c = vec((l.xPx + r.xPx) / 2, (l.yPx + r.yPx) / 2);
      const dir = Math.sign(l.xPx - r.xPx); // + when the left hip is on image +x
      return rotateAboutDeg(vec(k.xPx, k.yPx), c, dir * theta * fade(f));
    });
  const thetas = [4, 8, 12];
  const runs = thetas.map((theta) => ({ theta, run: analyse(inject(theta)) }));

  it('reported hip drop moves by θ (±1°) at full injection, toward the left; rep 1 and 3 untouched', () => {
    for (const { theta, run } of runs) {
      // Frames at full injection (fade = 1, the deepest frames of rep 2):
      const full = base.map((f, i) => ({ f, i })).filter(({ f }) => fade(f) > 0.999);
      expect(full.length).toBeGreaterThan(0);
      for (const { i } of full) {
        const d =
          (run.frames[i]?.metrics.hipDropDeg as number) - (baseRun.frames[i]?.metrics.hipDropDeg as number);
        expect(Math.abs(d - theta)).toBeLessThanOrEqual(HIP_DROP_TOLERANCE_DEG);
      }
      const peak = allReps(run.summary)[1]?.hipDropPeakDeg;
      expect(peak?.lowerSide).toBe('left');
      // The peak is θ on top of the clip's own hip-line wobble at that frame.
      const peakFrame = run.frames.reduce(
        (best, fr, i) =>
          Math.abs(fr.metrics.hipDropDeg ?? 0) > Math.abs(run.frames[best]?.metrics.hipDropDeg ?? 0)
            ? i
            : best,
        0,
      );
      const injectedThere = theta * fade(base[peakFrame] as PoseFrame);
      const baseThere = baseRun.frames[peakFrame]?.metrics.hipDropDeg as number;
      expect(Math.abs((peak?.value as number) - (baseThere + injectedThere))).toBeLessThanOrEqual(
        HIP_DROP_TOLERANCE_DEG,
      );
      for (const i of [0, 2]) {
        expect(allReps(run.summary)[i]?.hipDropPeakDeg).toEqual(allReps(baseRun.summary)[i]?.hipDropPeakDeg);
      }
    }
    const peaks = runs.map(({ run }) => allReps(run.summary)[1]?.hipDropPeakDeg?.value as number);
    expect(peaks[0] as number).toBeLessThan(peaks[1] as number);
    expect(peaks[1] as number).toBeLessThan(peaks[2] as number);
  });

  it('hips-level fires in the injected rep only (θ = 12°), and never without injection', () => {
    expect(baseRun.summary.cues.filter((c) => c.id === 'hips-level')).toEqual([]);
    const big = runs.find((r) => r.theta === 12)?.run as Run;
    const hl = big.summary.cues.filter((c) => c.id === 'hips-level');
    expect(hl.length).toBeGreaterThan(0);
    expect(hl.every((c) => c.rep === 2 && c.metric === 'hipDrop')).toBe(true);
  });
});

describe('weight to the toes injection (side clip)', () => {
  // Case: in rep 1 (the only complete rep) only, shift every keypoint above the knees (head, arms,
  // shoulders, hips) forward — toward the toes, image +x as she faces right — by s·foot length·fade,
  // s = 0.1, 0.25, 0.4; foot length = standing |foot_index − heel| x distance, averaged over both feet.
  const base = loadFrames(SIDE_CLIP);
  const baseRun = analyse(base);
  const rep1 = allReps(baseRun.summary)[0] as RepSummary;
  const fade = fadeFor(base, rep1);
  const f0 = base.find((f) => f.tMs >= rep1.startMs) as PoseFrame;
  const inject = (share: number): PoseFrame[] => shiftUpperBodyForward(base, f0, share, fade);
  const runs = [0.1, 0.25, 0.4].map((share) => ({ share, run: analyse(inject(share)) }));

  it('toe-shift peak of rep 1 grows with the shift; the partial rep does not move', () => {
    let prev = allReps(baseRun.summary)[0]?.toeShiftPeakRatio as number;
    for (const { run } of runs) {
      const p = allReps(run.summary)[0]?.toeShiftPeakRatio as number;
      expect(p).toBeGreaterThan(prev);
      prev = p;
      expect(allReps(run.summary)[1]?.toeShiftPeakRatio).toBe(allReps(baseRun.summary)[1]?.toeShiftPeakRatio);
    }
  });

  it('hips-back fires in the injected rep only (s = 0.4), and never without injection', () => {
    expect(baseRun.summary.cues.filter((c) => c.id === 'hips-back')).toEqual([]);
    const big = runs.find((r) => r.share === 0.4)?.run as Run;
    const hb = big.summary.cues.filter((c) => c.id === 'hips-back');
    expect(hb.length).toBeGreaterThan(0);
    expect(hb.every((c) => c.rep === 1 && c.metric === 'toeShift')).toBe(true);
  });

  // Case: the injection above with s = 0.5, then every keypoint of the track rotated ±5° about the
  // frame centre (a phone tilted on the floor), and the same roll without the injection. Measured
  // against standing, a roll ρ still moves the bottom by ≈ sin ρ × the COM's drop ÷ foot length,
  // −0.11 here at +5°: s = 0.4 (+0.24 level, peak 0.91) then peaks at 0.795, under the 0.8 limit;
  // s = 0.5 is past it both ways round (docs/metrics.md).
  it.each([5, -5])(
    'rolled %i°: hips-back fires in the injected rep only (s = 0.5), and never without injection',
    (rollDeg) => {
      const plain = analyse(rotateTrack(base, rollDeg)).summary;
      expect(plain.cues.filter((c) => c.id === 'hips-back')).toEqual([]);
      const injected = analyse(rotateTrack(inject(0.5), rollDeg)).summary;
      const hb = injected.cues.filter((c) => c.id === 'hips-back');
      expect(hb.length).toBeGreaterThan(0);
      expect(hb.every((c) => c.rep === 1 && c.metric === 'toeShift')).toBe(true);
    },
  );
});
