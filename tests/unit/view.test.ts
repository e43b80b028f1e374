import { describe, expect, it } from 'vitest';
import { GatedPose } from '../../src/core/pose/gating';
import { estimateFrameView, VIEW_METRICS, ViewTracker, viewSupports } from '../../src/core/metrics/view';
import { FRAME_H, FRAME_W, frontPose, sidePose, toKeypoints, type RawPose } from './poses';

const size = { widthPx: FRAME_W, heightPx: FRAME_H };
const est = (raw: RawPose) => estimateFrameView(new GatedPose(toKeypoints(raw), size));

/** A rear view: mirror the x of a front pose (the person's left is now on image −x) and point the toes away. */
function rearPose(q = 0): RawPose {
  const f = frontPose(q);
  const out: RawPose = {};
  for (const [k, p] of Object.entries(f)) out[k as keyof RawPose] = [2 * 361 - p[0], p[1]];
  // Seen from behind, toes are farther than heels: higher in the image.
  out.left_foot_index = [out.left_foot_index?.[0] as number, 897];
  out.right_foot_index = [out.right_foot_index?.[0] as number, 901];
  return out;
}

describe('camera view', () => {
  it('front, square on and up to ~30° turned', () => {
    expect(est(frontPose(0)).view).toBe('front');
    expect(est(frontPose(0, { yawDeg: 25 })).view).toBe('front');
    expect(est(frontPose(0, { yawDeg: 30 })).view).toBe('front');
    expect(est(frontPose(0.8, { yawDeg: 25 })).view).toBe('front');
  });

  it('yaw estimate tracks the turn', () => {
    const y0 = est(frontPose(0)).yawDeg as number;
    const y25 = est(frontPose(0, { yawDeg: 25 })).yawDeg as number;
    expect(y25).toBeGreaterThan(y0 + 10);
  });

  it('oblique beyond the front range, side when the shoulders and hips overlap', () => {
    expect(est(frontPose(0, { yawDeg: 55 })).view).toBe('oblique');
    expect(est(sidePose(0)).view).toBe('side');
    expect(est(sidePose(0.7)).view).toBe('side');
  });

  it('rear when the toes point away from the camera', () => {
    expect(est(rearPose(0)).view).toBe('rear');
  });

  it('unknown without shoulders and hips', () => {
    const raw = frontPose(0);
    delete raw.left_shoulder;
    delete raw.right_shoulder;
    expect(est(raw).view).toBe('unknown');
  });

  it('the tracker needs a clear majority to switch (hysteresis)', () => {
    const t = new ViewTracker();
    let v = t.push(0, { view: 'front', yawDeg: 20 });
    for (let i = 1; i < 60; i++) v = t.push(i * 33, { view: i % 3 === 0 ? 'oblique' : 'front', yawDeg: 30 });
    expect(v).toBe('front');
    for (let i = 60; i < 200; i++) v = t.push(i * 33, { view: 'side', yawDeg: 80 });
    expect(v).toBe('side');
    expect(t.overall()).toBe('side');
  });

  it('frontal-plane metrics only front/rear, sagittal ones only side', () => {
    expect(viewSupports('front', 'kneeValgus')).toBe(true);
    expect(viewSupports('rear', 'hipDrop')).toBe(true);
    expect(viewSupports('side', 'kneeValgus')).toBe(false);
    expect(viewSupports('side', 'toeShift')).toBe(true);
    expect(viewSupports('front', 'toeShift')).toBe(false);
    expect(VIEW_METRICS.unknown).toHaveLength(0);
    expect(viewSupports('oblique', 'kneeValgus')).toBe(false);
  });
});
