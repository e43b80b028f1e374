import { describe, expect, it } from 'vitest';
import type { Keypoints, PoseFrame } from '../../src/core/pose/keypoints';
import { ms, px } from '../../src/core/math/units';
import {
  MOVING_HOLD_MS,
  MOVING_INTERVAL_MS,
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

  it('a descent: the rate rises, and the frame held just before it is analysed too', () => {
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
    // 60 px drop = 0.15 of the 400 px extent: moving.
    expect(s.observe(pose(400, 60))).toEqual([300]);
    expect(s.intervalMs).toBe(MOVING_INTERVAL_MS);
    expect(s.offer(500)).toBe('analyse');
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
