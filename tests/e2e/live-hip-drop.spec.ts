/**
 * An 8° pelvic drop injected into the banded clip's real track against the perspective tilt (the
 * right hip lowered while the camera angle lowers the left: tests/constructed/inject.ts, the eval's
 * hip-drop/banded/right-8 case), replayed through the live pipeline after the worker
 * (`squatCoachTest.replayTrack`): hips-level is shown and spoken. (The per-rep outcome, both sides
 * and all three clips, is the eval's: docs/accuracy.md.)
 */
import { test, expect } from '@playwright/test';
import { CUE_TEXTS } from '../../src/core/coaching/cues';
import { framesToPoseTrack } from '../../src/core/pose/pose-track';
import { KEYPOINT_NAMES, type PoseFrame } from '../../src/core/pose/keypoints';
import { loadFrames } from '../golden/tracks';
import { injectHipDrop, REP_WINDOWS } from '../constructed/inject';
import { cuesSeen, installSpies, openLive, spoken } from './live-helpers';

/** The injected pelvic drop, deg. */
const DROP_DEG = 8;
/** Replay speed (× real time): cues are timed by the track's own clock. */
const REPLAY_SPEED = 2;

test('an 8° pelvic drop against the perspective tilt, replayed live: hips-level shown and spoken', async ({
  page,
}) => {
  const clip = 'front-oblique-banded-squats';
  const frames = injectHipDrop(loadFrames(clip), DROP_DEG, 'right', 'bottom', REP_WINDOWS[clip]);
  const first = frames[0] as PoseFrame;
  const track = framesToPoseTrack(frames, {
    width: first.widthPx,
    height: first.heightPx,
    fps: 5,
    model: 'blazepose-full',
    keypointNames: KEYPOINT_NAMES,
  });
  await installSpies(page);
  await openLive(page);
  const reps = await page.evaluate(
    async ([t, speed]) =>
      (
        window as unknown as { squatCoachTest: { replayTrack: (t: unknown, s: number) => Promise<number> } }
      ).squatCoachTest.replayTrack(t, speed as number),
    [track, REPLAY_SPEED] as const,
  );
  expect(reps).toBeGreaterThanOrEqual(2);
  expect(await cuesSeen(page)).toContain('hips-level');
  expect(await spoken(page)).toContain(CUE_TEXTS['hips-level']);
});
