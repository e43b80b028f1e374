import { describe, expect, it } from 'vitest';
import { CalibrationDetector } from '../../src/core/metrics/calibration';
import { GatedPose, isUsable } from '../../src/core/pose/gating';
import { kneeAngleDeg } from '../../src/core/pose/body';
import { framesToPoseTrack, parsePoseTrack, poseTrackToFrames } from '../../src/core/pose/pose-track';
import { COCO_KEYPOINT_NAMES, KEYPOINT_NAMES } from '../../src/core/pose/keypoints';
import { analyzeFrames } from '../../src/core/set/session';
import { MIN_KEYPOINT_SCORE } from '../../src/core/thresholds';
import { px } from '../../src/core/math/units';
import { FRAME_H, FRAME_W, frontPose, syntheticSet, toKeypoints, type RawPose } from './poses';

const size = { widthPx: FRAME_W, heightPx: FRAME_H };

describe('confidence gating', () => {
  it('a keypoint below the score threshold or outside the frame is unusable', () => {
    expect(isUsable({ xPx: px(10), yPx: px(20), score: MIN_KEYPOINT_SCORE }, size)).toBe(true);
    expect(isUsable({ xPx: px(10), yPx: px(20), score: MIN_KEYPOINT_SCORE - 0.01 }, size)).toBe(false);
    expect(isUsable({ xPx: px(-3), yPx: px(20), score: 0.99 }, size)).toBe(false);
    expect(isUsable({ xPx: px(10), yPx: px(FRAME_H + 1), score: 0.99 }, size)).toBe(false);
    expect(isUsable(undefined, size)).toBe(false);
  });

  it('metrics read through the gate: one gated ankle makes that knee angle null, not a number', () => {
    const raw = frontPose(0.3);
    const kps = { ...toKeypoints(raw), left_ankle: { xPx: px(422), yPx: px(902), score: 0.2 } };
    const pose = new GatedPose(kps, size);
    expect(kneeAngleDeg(pose, 'left')).toBeNull();
    expect(kneeAngleDeg(pose, 'right')).not.toBeNull();
  });
});

describe('standing calibration', () => {
  const push = (d: CalibrationDetector, t: number, raw: RawPose): void => {
    const pose = new GatedPose(toKeypoints(raw), size);
    d.push(t, pose, { left: kneeAngleDeg(pose, 'left'), right: kneeAngleDeg(pose, 'right') }, 'front', 12);
  };

  it('is taken after one still second of standing', () => {
    const d = new CalibrationDetector();
    for (let t = 0; t < 967; t += 33) push(d, t, frontPose(0));
    expect(d.calibration).toBeNull();
    for (let t = 990; t < 1200; t += 33) push(d, t, frontPose(0));
    expect(d.calibration?.provisional).toBe(false);
    // Ankle midpoint y (902 + 907) / 2 minus hip midpoint y (543 + 547) / 2 (frontPose at q = 0).
    expect(d.calibration?.hipAnkleExtentPx).toBeCloseTo((902 + 907) / 2 - (543 + 547) / 2, 6);
  });

  /** frontPose with everything above the ankles moved sideways by `dx` px (the feet stay put). */
  const swaying = (dx: number): RawPose => {
    const p = frontPose(0);
    for (const [n, k] of Object.entries(p) as [keyof RawPose, readonly [number, number]][])
      if (!/ankle|heel|foot/.test(n)) p[n] = [k[0] + dx, k[1]];
    return p;
  };
  /** frontPose with every keypoint moved by (dx, dy) px: the camera moved, not the person. */
  const shaken = (dx: number, dy: number): RawPose =>
    Object.fromEntries(Object.entries(frontPose(0)).map(([n, k]) => [n, [k[0] + dx, k[1] + dy]])) as RawPose;

  it('is not taken while the person sways over their feet or squats', () => {
    const d = new CalibrationDetector();
    for (let t = 0; t < 3000; t += 33) push(d, t, swaying(40 * Math.sin(t / 150)));
    for (let t = 3000; t < 6000; t += 33) push(d, t, frontPose(0.6 + 0.1 * Math.sin(t / 300)));
    expect(d.calibration).toBeNull();
  });

  it('is taken while a handheld camera shakes (hips and feet move alike in the image)', () => {
    // ±40 px sideways and ±25 px up and down at 1–2 Hz: ~0.11 and 0.07 of her hip→ankle extent.
    const d = new CalibrationDetector();
    for (let t = 0; t < 1200; t += 33) push(d, t, shaken(40 * Math.sin(t / 90), 25 * Math.sin(t / 140)));
    expect(d.calibration?.provisional).toBe(false);
  });

  it('a shorter still run can serve as a provisional calibration', () => {
    const d = new CalibrationDetector();
    for (let t = 0; t <= 400; t += 200) push(d, t, frontPose(0)); // 5 fps, 0.4 s
    push(d, 600, frontPose(0.5));
    expect(d.calibration).toBeNull();
    expect(d.takeProvisional()?.provisional).toBe(true);
  });
});

describe('MoveNet tracks (COCO-17 names)', () => {
  it('round-trip through pose-track/v1 and analyse without heel/foot metrics', () => {
    const frames = syntheticSet({ reps: [{ q: 1 }, { q: 1 }] });
    const track = framesToPoseTrack(frames, {
      width: FRAME_W,
      height: FRAME_H,
      fps: 30,
      model: 'movenet-thunder',
      keypointNames: COCO_KEYPOINT_NAMES,
    });
    const back = poseTrackToFrames(parsePoseTrack(JSON.parse(JSON.stringify(track))));
    expect(back[0]?.keypoints?.left_heel).toBeUndefined();
    const s = analyzeFrames(back);
    expect(s.repCount).toBe(2);
    expect(s.reps.every((r) => r.heelRisePeakRatio === null && r.toeShiftPeakRatio === null)).toBe(true);
  });
});

describe('the model input resolution', () => {
  it('round-trips through pose-track/v1 as the frames’ smallest, and is absent when the frames lack it', () => {
    const frames = syntheticSet({ reps: [{ q: 1 }] });
    const meta = {
      width: FRAME_W,
      height: FRAME_H,
      fps: 30,
      model: 'blazepose-full',
      keypointNames: KEYPOINT_NAMES,
    };
    const scaled = frames.map((f, i) => ({ ...f, modelPxPerSourcePx: i === 3 ? 0.5 : 0.8889 }));
    const track = JSON.parse(JSON.stringify(framesToPoseTrack(scaled, meta))) as unknown;
    const back = poseTrackToFrames(parsePoseTrack(track));
    expect(back.every((f) => f.modelPxPerSourcePx === 0.5)).toBe(true);
    const plain = poseTrackToFrames(
      parsePoseTrack(JSON.parse(JSON.stringify(framesToPoseTrack(frames, meta)))),
    );
    expect(plain.every((f) => f.modelPxPerSourcePx === undefined)).toBe(true);
    expect(() => parsePoseTrack({ ...(track as object), modelPxPerSourcePx: 0 })).toThrow(
      /modelPxPerSourcePx/,
    );
  });
});
