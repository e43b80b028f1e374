/**
 * Knee valgus injected into a real track (as in tests/golden/faults.test.ts: the left shank rotated
 * about the ankle toward the midline, growing with depth), replayed through the live pipeline after
 * the worker (`squatCoachTest.replayTrack`): the cue element shows knees-out and it is spoken.
 */
import { test, expect } from '@playwright/test';
import { clamp01, rotateAboutDeg, vec } from '../../src/core/math/geometry';
import { CUE_TEXTS } from '../../src/core/coaching/cues';
import type { Keypoint, PoseFrame } from '../../src/core/pose/keypoints';
import { loadFrames, mapKeypoints } from '../golden/tracks';
import { cuesSeen, installSpies, openLive, replayLive, spoken } from './live-helpers';

/** Injected valgus at the deepest frame, deg: the golden test's case that must fire knees-out. */
const INJECTED_VALGUS_DEG = 15;
/** The banded track's frame rate, frames/s. */
const TRACK_FPS = 5;
/** Replay speed (× real time): halves the test's length; cues are timed by the track's own clock. */
const REPLAY_SPEED = 2;

function injectValgus(frames: readonly PoseFrame[], D: number): PoseFrame[] {
  const hipY = (f: PoseFrame): number | null => {
    const l = f.keypoints?.left_hip;
    const r = f.keypoints?.right_hip;
    return l && r ? (l.yPx + r.yPx) / 2 : null;
  };
  const ys = frames.map(hipY).filter((y): y is number => y !== null);
  const top = Math.min(...ys);
  const bottom = Math.max(...ys);
  return mapKeypoints(frames, (name, k, f) => {
    if (name !== 'left_knee') return { x: k.xPx, y: k.yPx };
    const ankle = f.keypoints?.left_ankle as Keypoint;
    const other = f.keypoints?.right_ankle as Keypoint;
    const y = hipY(f);
    const fade = y === null ? 0 : clamp01((y - top) / (bottom - top));
    const towardMidline = Math.sign(other.xPx - ankle.xPx);
    return rotateAboutDeg(vec(k.xPx, k.yPx), vec(ankle.xPx, ankle.yPx), towardMidline * D * fade);
  });
}

test('injected knee valgus replayed through the live pipeline: knees-out shown and spoken', async ({
  page,
}) => {
  const base = loadFrames('front-oblique-banded-squats');
  const frames = injectValgus(base, INJECTED_VALGUS_DEG);
  await installSpies(page);
  await openLive(page);
  const reps = await replayLive(page, frames, TRACK_FPS, REPLAY_SPEED);
  expect(reps).toBeGreaterThanOrEqual(2);
  expect(await cuesSeen(page)).toContain('knees-out');
  expect(await spoken(page)).toContain(CUE_TEXTS['knees-out']);
  await expect(page.getByTestId('overlay')).not.toHaveAttribute('data-keypoints-drawn', '0');
});
