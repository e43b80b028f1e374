import { describe, expect, it } from 'vitest';
import {
  angleAtDeg,
  angleFromVerticalDeg,
  rotateAboutDeg,
  signedSlopeDeg,
  vec,
} from '../../src/core/math/geometry';
import { median } from '../../src/core/math/stats';

/** Float comparisons of angles computed in double precision, deg. */
const ANGLE_EPS_DEG = 1e-9;
const COORD_EPS_PX = 1e-9;

describe('geometry', () => {
  it('angleAtDeg gives the interior angle at the vertex', () => {
    expect(angleAtDeg(vec(7, 2), vec(7, 9), vec(13, 9))).toBeCloseTo(90, 9);
    // 3-4-5 triangle: angle at (0,0) between (4,0) and (4,3) is atan(3/4).
    expect(
      Math.abs(angleAtDeg(vec(4, 0), vec(0, 0), vec(4, 3)) - (Math.atan(3 / 4) * 180) / Math.PI),
    ).toBeLessThan(ANGLE_EPS_DEG);
    expect(angleAtDeg(vec(-3, 11), vec(2, 5), vec(7, -1))).toBeCloseTo(180, 9);
  });

  it('angleFromVerticalDeg reads 0 upright, 90 horizontal, symmetric left/right', () => {
    expect(angleFromVerticalDeg(vec(10, 100), vec(10, 20))).toBeCloseTo(0, 9);
    expect(angleFromVerticalDeg(vec(10, 100), vec(70, 100))).toBeCloseTo(90, 9);
    const a = angleFromVerticalDeg(vec(10, 100), vec(40, 60));
    const b = angleFromVerticalDeg(vec(10, 100), vec(-20, 60));
    expect(a).toBeCloseTo((Math.atan2(30, 40) * 180) / Math.PI, 9);
    expect(Math.abs(a - b)).toBeLessThan(ANGLE_EPS_DEG);
  });

  it('signedSlopeDeg is positive when the vector points down the image, independent of x direction', () => {
    expect(signedSlopeDeg(vec(100, 10))).toBeCloseTo((Math.atan(0.1) * 180) / Math.PI, 9);
    expect(signedSlopeDeg(vec(-100, 10))).toBeCloseTo((Math.atan(0.1) * 180) / Math.PI, 9);
    expect(signedSlopeDeg(vec(-100, -10))).toBeCloseTo((-Math.atan(0.1) * 180) / Math.PI, 9);
  });

  it('rotateAboutDeg turns clockwise on screen for positive angles (y down)', () => {
    const p = rotateAboutDeg(vec(13, 40), vec(13, 90), 90); // straight up → to the right
    expect(Math.abs(p.x - 63)).toBeLessThan(COORD_EPS_PX);
    expect(Math.abs(p.y - 90)).toBeLessThan(COORD_EPS_PX);
  });

  it('median', () => {
    expect(median([7, 1, 4])).toBe(4);
    expect(median([9, 2, 5, 3])).toBe(4);
  });
});
