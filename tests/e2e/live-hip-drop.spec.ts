/**
 * An 8° pelvic drop injected into the banded clip's real track against the perspective tilt (the
 * right hip lowered while the camera angle lowers the left: tests/constructed/inject.ts, the eval's
 * hip-drop/banded/right-8 case), replayed through the live pipeline after the worker
 * (`squatCoachTest.replayTrack`): hips-level is shown and spoken. (The per-rep outcome, both sides
 * and all three clips, is the eval's: docs/accuracy.md.)
 */
import { test, expect } from '@playwright/test';
import { CUE_TEXTS } from '../../src/core/coaching/cues';
import { loadFrames } from '../golden/tracks';
import { injectHipDrop, REP_WINDOWS } from '../constructed/inject';
import { cuesSeen, installSpies, openLive, replayLive, spoken } from './live-helpers';

/** The injected pelvic drop, deg. */
const DROP_DEG = 8;
/** The banded track's frame rate, frames/s. */
const TRACK_FPS = 5;
/** Replay speed (× real time): cues are timed by the track's own clock. */
const REPLAY_SPEED = 2;

test('an 8° pelvic drop against the perspective tilt, replayed live: hips-level shown and spoken', async ({
  page,
}) => {
  const clip = 'front-oblique-banded-squats';
  const frames = injectHipDrop(loadFrames(clip), DROP_DEG, 'right', 'bottom', REP_WINDOWS[clip]);
  await installSpies(page);
  await openLive(page);
  const reps = await replayLive(page, frames, TRACK_FPS, REPLAY_SPEED);
  expect(reps).toBeGreaterThanOrEqual(2);
  expect(await cuesSeen(page)).toContain('hips-level');
  expect(await spoken(page)).toContain(CUE_TEXTS['hips-level']);
});
