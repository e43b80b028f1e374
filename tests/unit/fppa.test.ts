/**
 * FPPA against the foot line on a leg built in 3D and projected: a knee that tracks over its foot
 * reads ~0° from any camera angle and toe-out, and a knee moved toward the midline reads what that
 * move adds to the image angle (the quantity Munro 2012 measures), however far off-axis the camera is.
 */
import { describe, expect, it } from 'vitest';
import { footAlignedFppaDeg, fppaDeg } from '../../src/core/metrics/metrics';
import type { Vec2 } from '../../src/core/math/geometry';

const THIGH = 212;
const SHANK = 207;
const DEG = Math.PI / 180;

/**
 * The left leg of a person facing the camera (their left on image +x), body turned by `yawDeg`,
 * foot turned out by `toeOutDeg`, thigh and shank at `thighDeg` / `shankDeg` from vertical in the
 * foot's plane, knee moved `medialPx` toward the midline (frontal plane). Orthographic projection.
 */
function leftLeg(o: {
  yawDeg: number;
  toeOutDeg: number;
  thighDeg: number;
  shankDeg: number;
  medialPx?: number;
}) {
  const f = { x: Math.sin(o.toeOutDeg * DEG), z: Math.cos(o.toeOutDeg * DEG) }; // foot direction
  const ankle = { x: 97, y: 0, z: 0 };
  const knee = {
    x: ankle.x + SHANK * Math.sin(o.shankDeg * DEG) * f.x - (o.medialPx ?? 0),
    y: SHANK * Math.cos(o.shankDeg * DEG),
    z: ankle.z + SHANK * Math.sin(o.shankDeg * DEG) * f.z,
  };
  const hip = {
    x: knee.x + (o.medialPx ?? 0) - THIGH * Math.sin(o.thighDeg * DEG) * f.x,
    y: knee.y + THIGH * Math.cos(o.thighDeg * DEG),
    z: knee.z - THIGH * Math.sin(o.thighDeg * DEG) * f.z,
  };
  const toe = { x: ankle.x + 0.46 * SHANK * f.x, y: 0, z: ankle.z + 0.46 * SHANK * f.z };
  // Turn the body by yaw about the vertical axis, then project: image x = X, image y = 1000 − Y.
  const c = Math.cos(o.yawDeg * DEG);
  const s = Math.sin(o.yawDeg * DEG);
  const img = (p: { x: number; y: number; z: number }): Vec2 => ({
    x: 400 + p.x * c + p.z * s,
    y: 1000 - p.y,
  });
  return { hip: img(hip), knee: img(knee), ankle: img(ankle), toe: img(toe) };
}

/** The left leg's medial direction is image −x (the person faces the camera, their left on +x). */
const MEDIAL_SIGN = -1;

const vsFoot = (leg: ReturnType<typeof leftLeg>): number =>
  (fppaDeg(leg.hip, leg.knee, leg.ankle, MEDIAL_SIGN) as number) -
  (footAlignedFppaDeg(leg.hip, leg.knee, leg.ankle, leg.toe, THIGH, SHANK, MEDIAL_SIGN) as number);

describe('FPPA against the foot line', () => {
  it('reads ~0° for a knee over its foot, whatever the camera angle and toe-out', () => {
    for (const yawDeg of [-30, -12, 0, 17, 30])
      for (const toeOutDeg of [0, 9, 18])
        for (const [thighDeg, shankDeg] of [
          [40, 20],
          [58, 33],
        ] as const) {
          const leg = leftLeg({ yawDeg, toeOutDeg, thighDeg, shankDeg });
          const raw = fppaDeg(leg.hip, leg.knee, leg.ankle, MEDIAL_SIGN) as number;
          expect(Math.abs(vsFoot(leg))).toBeLessThan(0.5);
          // The raw image angle is far from 0 off-axis: what the correction removes.
          if (Math.abs(yawDeg) >= 17) expect(Math.abs(raw)).toBeGreaterThan(10);
        }
  });

  it('a knee moved toward the midline reads the image angle that move adds, on and off axis', () => {
    for (const yawDeg of [0, 25]) {
      const base = { yawDeg, toeOutDeg: 11, thighDeg: 55, shankDeg: 31 };
      const good = leftLeg(base);
      const caved = leftLeg({ ...base, medialPx: 40 });
      const imageChange =
        (fppaDeg(caved.hip, caved.knee, caved.ankle, MEDIAL_SIGN) as number) -
        (fppaDeg(good.hip, good.knee, good.ankle, MEDIAL_SIGN) as number);
      expect(imageChange).toBeGreaterThan(10);
      expect(Math.abs(vsFoot(caved) - vsFoot(good) - imageChange)).toBeLessThan(1);
    }
  });
});
