import { describe, expect, it } from 'vitest';
import type { Keypoints, PoseFrame } from '../../src/core/pose/keypoints';
import { ms, px } from '../../src/core/math/units';
import {
  MOVING_HOLD_MS,
  MOVING_INTERVAL_MS,
  MOVING_SPEED_MIN_DEPTH_RATIO,
  MOVING_SPEED_PER_S,
  STILL_INTERVAL_MS,
  createAdaptiveSampler,
  sampleFramesAdaptive,
} from '../../src/pose/adaptive-sampling';

const SOURCE_FRAME_MS = 1000 / 30;

/** A person whose hip is `dropPx` below its standing height (hip→ankle extent 400 px standing). */
function pose(tMs: number, dropPx: number | null): PoseFrame {
  if (dropPx === null) return { tMs: ms(tMs), widthPx: px(720), heightPx: px(1280), keypoints: null };
  const kp = (x: number, y: number) => ({ xPx: px(x), yPx: px(y), score: 0.9 });
  const keypoints: Keypoints = {
    left_hip: kp(330, 600 + dropPx),
    right_hip: kp(391, 603 + dropPx),
    left_ankle: kp(322, 1001),
    right_ankle: kp(405, 999),
  };
  return { tMs: ms(tMs), widthPx: px(720), heightPx: px(1280), keypoints };
}

/** 30 fps frames from a hip-drop curve (px below standing, or null: nobody in view). */
const track = (seconds: number, dropAt: (tMs: number) => number | null): PoseFrame[] =>
  Array.from({ length: Math.round(seconds * 30) }, (_, i) =>
    pose(i * SOURCE_FRAME_MS, dropAt(i * SOURCE_FRAME_MS)),
  );

const gaps = (frames: readonly PoseFrame[]): number[] =>
  frames.slice(1).map((f, i) => Math.round(f.tMs - (frames[i]?.tMs ?? 0)));

describe('adaptive sampling', () => {
  it('standing still: one frame per still interval; the held ones are let go', () => {
    const taken = sampleFramesAdaptive(track(4, () => 0));
    // The first frames go at the moving rate until a pose says the person is still.
    expect(new Set(gaps(taken).slice(2))).toEqual(new Set([Math.round(STILL_INTERVAL_MS)]));
  });

  it('a descent: the rate rises, and the frames held since the last still one are analysed too', () => {
    // Still until 2.05 s, then a 1 s descent of 160 px (0.4 of the extent), 1 s up, then still.
    const drop = (t: number) =>
      t < 2050 ? 0 : t < 3050 ? 0.16 * (t - 2050) : t < 4050 ? 160 - 0.16 * (t - 3050) : 0;
    const taken = sampleFramesAdaptive(track(6, drop)).map((f) => Math.round(f.tMs));
    const during = taken.filter((t) => t >= 2000 && t <= 4050);
    expect(gaps(during.map((t) => pose(t, 0)))).toEqual(during.slice(1).map(() => MOVING_INTERVAL_MS));
    // The still frame before the descent (2000), the frame held while still (2100, the descent's
    // first moments) and the frame that showed the descent (2200) are all analysed.
    expect(taken).toEqual(expect.arrayContaining([1800, 2000, 2100, 2200]));
    expect(taken).not.toContain(1900);
    // Back to still after the hold.
    const after = taken.filter((t) => t > 4050 + MOVING_HOLD_MS + STILL_INTERVAL_MS);
    expect(new Set(gaps(after.map((t) => pose(t, 0))))).toEqual(new Set([STILL_INTERVAL_MS]));
  });

  it('observe returns held frames only when the rate rises', () => {
    const s = createAdaptiveSampler();
    expect(s.offer(0)).toBe('analyse');
    expect(s.observe(pose(0, 0))).toEqual([]);
    expect(s.intervalMs).toBe(STILL_INTERVAL_MS);
    expect(s.offer(100)).toBe('hold');
    expect(s.offer(200)).toBe('analyse');
    expect(s.observe(pose(200, 0))).toEqual([]);
    expect(s.offer(300)).toBe('hold');
    expect(s.offer(400)).toBe('analyse');
    // 60 px drop = 0.15 of the 400 px extent: moving, to be confirmed by the next analysed frame.
    expect(s.observe(pose(400, 60))).toEqual([]);
    expect(s.intervalMs).toBe(STILL_INTERVAL_MS);
    expect(s.holds(300)).toBe(true);
    expect(s.offer(500)).toBe('hold');
    expect(s.offer(600)).toBe('analyse');
    // Still moving: the rate rises, and both frames held since the last still one are analysed.
    expect(s.observe(pose(600, 90))).toEqual([300, 500]);
    expect(s.intervalMs).toBe(MOVING_INTERVAL_MS);
    expect(s.holds(300)).toBe(false);
    expect(s.offer(700)).toBe('analyse');
  });

  it('a one-frame glitch while still is not movement: the rate stays, the held frames are let go', () => {
    const s = createAdaptiveSampler();
    s.offer(0);
    s.observe(pose(0, 0));
    expect(s.offer(100)).toBe('hold');
    s.offer(200);
    // One frame reads the hip 0.1 of the extent low (a keypoint glitch), the next is back.
    expect(s.observe(pose(200, 40))).toEqual([]);
    expect(s.offer(300)).toBe('hold');
    s.offer(400);
    expect(s.observe(pose(400, 0))).toEqual([]);
    expect(s.intervalMs).toBe(STILL_INTERVAL_MS);
    expect(s.holds(100)).toBe(false);
    expect(s.holds(300)).toBe(false);
  });

  it('jitter inside the standing band is not movement, however fast it reads', () => {
    // The hip alternates between standing and 12 px (0.03 of the extent) low every 200 ms: a speed
    // of 0.15 per second, over MOVING_SPEED_PER_S, but inside MOVING_SPEED_MIN_DEPTH_RATIO.
    expect(12 / 400 / 0.2).toBeGreaterThan(MOVING_SPEED_PER_S);
    expect(12 / 400).toBeLessThan(MOVING_SPEED_MIN_DEPTH_RATIO);
    const taken = sampleFramesAdaptive(track(4, (t) => (Math.floor(t / 200) % 2 === 0 ? 0 : 12)));
    expect(new Set(gaps(taken).slice(2))).toEqual(new Set([Math.round(STILL_INTERVAL_MS)]));
  });

  it('a start below the descent edge is caught by its speed once it leaves the standing band', () => {
    const s = createAdaptiveSampler();
    for (const t of [0, 200, 400]) {
      s.offer(t);
      s.observe(pose(t, 0));
      s.offer(t + 100);
    }
    // 18 px = 0.045 of the extent, under MOVING_DEPTH_RATIO (0.055), reached in 200 ms: 0.225/s.
    s.offer(600);
    s.observe(pose(600, 18));
    s.offer(700);
    s.offer(800);
    expect(s.observe(pose(800, 36))).toEqual([500, 700]);
    expect(s.intervalMs).toBe(MOVING_INTERVAL_MS);
  });

  it('nobody in view is still; a person whose legs cannot be measured is not', () => {
    const s = createAdaptiveSampler();
    s.offer(0);
    s.observe(pose(0, null));
    expect(s.intervalMs).toBe(STILL_INTERVAL_MS);
    s.offer(200);
    s.observe({ ...pose(200, 0), keypoints: { left_hip: { xPx: px(1), yPx: px(1), score: 0.9 } } });
    expect(s.intervalMs).toBe(MOVING_INTERVAL_MS);
  });
});
