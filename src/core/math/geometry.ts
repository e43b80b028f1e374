import type { Keypoint } from '../pose/keypoints';
import { degrees, radians, radiansToDegrees, type Degrees } from './units';

/** A point or vector in image pixels (x right, y down). */
export interface Vec2 {
  readonly x: number;
  readonly y: number;
}

export const vec = (x: number, y: number): Vec2 => ({ x, y });
export const fromKeypoint = (k: Keypoint): Vec2 => ({ x: k.xPx, y: k.yPx });
export const sub = (a: Vec2, b: Vec2): Vec2 => ({ x: a.x - b.x, y: a.y - b.y });
export const add = (a: Vec2, b: Vec2): Vec2 => ({ x: a.x + b.x, y: a.y + b.y });
export const scale = (a: Vec2, s: number): Vec2 => ({ x: a.x * s, y: a.y * s });
export const mid = (a: Vec2, b: Vec2): Vec2 => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
export const lerp = (a: Vec2, b: Vec2, t: number): Vec2 => ({
  x: a.x + (b.x - a.x) * t,
  y: a.y + (b.y - a.y) * t,
});
export const dot = (a: Vec2, b: Vec2): number => a.x * b.x + a.y * b.y;
export const cross = (a: Vec2, b: Vec2): number => a.x * b.y - a.y * b.x;
export const norm = (a: Vec2): number => Math.hypot(a.x, a.y);
export const dist = (a: Vec2, b: Vec2): number => Math.hypot(a.x - b.x, a.y - b.y);

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
export const clamp01 = (v: number): number => clamp(v, 0, 1);

/** Interior angle a–b–c at vertex b, 0–180°. */
export function angleAtDeg(a: Vec2, b: Vec2, c: Vec2): Degrees {
  const u = sub(a, b);
  const v = sub(c, b);
  return radiansToDegrees(radians(Math.atan2(Math.abs(cross(u, v)), dot(u, v))));
}

/**
 * Angle of the vector from→to against the image vertical pointing up, 0–180°. A segment standing
 * straight up reads 0; lying horizontal reads 90.
 */
export function angleFromVerticalDeg(from: Vec2, to: Vec2): Degrees {
  const d = sub(to, from);
  return radiansToDegrees(radians(Math.atan2(Math.abs(d.x), -d.y)));
}

/** Signed angle (deg) of a vector against the horizontal, positive when `v` points down in the image. */
export function signedSlopeDeg(v: Vec2): Degrees {
  return radiansToDegrees(radians(Math.atan2(v.y, Math.abs(v.x))));
}

/** Rotates p about centre c by `deg` (positive = clockwise on screen, since y points down). */
export function rotateAboutDeg(p: Vec2, c: Vec2, deg: number): Vec2 {
  const r = (deg * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const d = sub(p, c);
  return { x: c.x + d.x * cos - d.y * sin, y: c.y + d.x * sin + d.y * cos };
}

export const toDegrees = (rad: number): Degrees => degrees((rad * 180) / Math.PI);

/** Linear ramp: 0 at or below `lo`, 1 at or above `hi`. */
export const ramp = (v: number, lo: number, hi: number): number => clamp01((v - lo) / (hi - lo));
