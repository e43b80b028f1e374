/**
 * Invariances on the real tracks: mirroring the image swaps left and right and nothing else;
 * translating or scaling the whole track changes no angle or ratio; half the frame rate keeps the
 * rep count.
 */
import { describe, expect, it } from 'vitest';
import { SetAnalyzer } from '../../src/core/set/session';
import type { FrameAnalysis } from '../../src/core/types';
import type { PoseFrame } from '../../src/core/pose/keypoints';
import { analyzeFrames } from '../../src/core/set/session';
import { halfRate, loadFrames, mirror, translateScale, type ClipId } from './tracks';

/** Float noise allowed between transformed runs (the maths is the same up to rounding), deg or ratio. */
const TRANSFORM_EPS = 1e-6;
const CLIPS: readonly ClipId[] = [
  'front-oblique-banded-squats',
  'front-oblique-half-squats',
  'rear-barbell-squats',
  'side-bodyweight-squat',
];

const analyse = (frames: readonly PoseFrame[]): FrameAnalysis[] => {
  const a = new SetAnalyzer();
  return frames.map((f) => a.push(f));
};

const close = (a: number | null, b: number | null): boolean =>
  (a === null && b === null) || (a !== null && b !== null && Math.abs(a - b) <= TRANSFORM_EPS);

describe.each(CLIPS)('invariance: %s', (clip) => {
  it('mirror (x → W − x, left ↔ right names): sided metrics swap, everything else identical', () => {
    const frames = loadFrames(clip);
    const a = analyse(frames);
    const b = analyse(mirror(frames));
    a.forEach((fa, i) => {
      const fb = b[i] as FrameAnalysis;
      const ma = fa.metrics;
      const mb = fb.metrics;
      expect(fb.view).toBe(fa.view);
      expect(fb.phase).toBe(fa.phase);
      expect(fb.repCount).toBe(fa.repCount);
      expect(close(mb.kneeValgusDeg.left, ma.kneeValgusDeg.right)).toBe(true);
      expect(close(mb.kneeValgusDeg.right, ma.kneeValgusDeg.left)).toBe(true);
      expect(close(mb.kneeAngleDeg.left, ma.kneeAngleDeg.right)).toBe(true);
      // Hip drop is signed by side (+ = left lower): the sign flips.
      expect(close(mb.hipDropDeg, ma.hipDropDeg === null ? null : -ma.hipDropDeg)).toBe(true);
      expect(close(mb.pelvisShiftRatio, ma.pelvisShiftRatio === null ? null : -ma.pelvisShiftRatio)).toBe(
        true,
      );
      expect(close(mb.depthRatio, ma.depthRatio)).toBe(true);
      expect(close(mb.trunkLeanDeg, ma.trunkLeanDeg)).toBe(true);
      expect(close(mb.toeShiftRatio, ma.toeShiftRatio)).toBe(true);
      expect(close(mb.heelRiseRatio, ma.heelRiseRatio)).toBe(true);
      expect(close(mb.kneeAnkleSeparationRatio, ma.kneeAnkleSeparationRatio)).toBe(true);
      expect(fb.cueEvent?.id ?? null).toBe(fa.cueEvent?.id ?? null);
    });
    const sa = analyzeFrames(frames);
    const sb = analyzeFrames(mirror(frames));
    expect(sb.repCount).toBe(sa.repCount);
    sa.reps.forEach((ra, i) => {
      const rb = sb.reps[i];
      if (ra.hipDropPeakDeg === null) expect(rb?.hipDropPeakDeg).toBeNull();
      else {
        expect(rb?.hipDropPeakDeg?.value).toBeCloseTo(ra.hipDropPeakDeg.value, 6);
        expect(rb?.hipDropPeakDeg?.lowerSide).toBe(ra.hipDropPeakDeg.lowerSide === 'left' ? 'right' : 'left');
      }
      expect(rb?.kneeValgusPeakDeg?.left ?? null).toBe(ra.kneeValgusPeakDeg?.right ?? null);
    });
  });

  it('translation and scaling of the whole track change no angle or ratio', () => {
    const frames = loadFrames(clip);
    const a = analyse(frames);
    const b = analyse(translateScale(frames, 137, 61, 1.6));
    // Not below ~0.6: the hip line needs its hips HIP_LINE_MIN_APART_MODEL_PX apart (rear: ~48 px).
    const c = analyse(translateScale(frames, 0, 0, 0.75));
    for (const other of [b, c]) {
      a.forEach((fa, i) => {
        const fb = other[i] as FrameAnalysis;
        expect(fb.phase).toBe(fa.phase);
        expect(fb.view).toBe(fa.view);
        for (const k of [
          'depthRatio',
          'hipDropDeg',
          'trunkLeanDeg',
          'toeShiftRatio',
          'heelRiseRatio',
        ] as const) {
          expect(close(fb.metrics[k], fa.metrics[k])).toBe(true);
        }
        expect(close(fb.metrics.kneeValgusDeg.left, fa.metrics.kneeValgusDeg.left)).toBe(true);
        expect(close(fb.metrics.kneeAngleDeg.right, fa.metrics.kneeAngleDeg.right)).toBe(true);
      });
    }
  });

  it('half the frame rate keeps the rep count', () => {
    const frames = loadFrames(clip);
    const full = analyzeFrames(frames);
    const half = analyzeFrames(halfRate(frames));
    expect(half.repCount).toBe(full.repCount);
    expect(half.partialReps).toBe(full.partialReps);
    expect(half.view).toBe(full.view);
  });
});
