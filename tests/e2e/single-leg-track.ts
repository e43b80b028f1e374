/**
 * The constructed single-leg check that screens are driven with where no single-leg footage exists:
 * the banded fixture clip's real BlazePose keypoints for the stance leg, pelvis and trunk, the other
 * leg held up from the real free hip (tests/constructed/single-leg.ts); left leg first, the clip's 2
 * reps played 3 times per leg. Fed through the check's test seam (single-leg-test-hooks.ts).
 */
import { expect, type Page } from '@playwright/test';
import { framesToPoseTrack } from '../../src/core/pose/pose-track';
import { KEYPOINT_NAMES } from '../../src/core/pose/keypoints';
import { REP_WINDOWS } from '../constructed/inject';
import { deriveSingleLegCheck } from '../constructed/single-leg';
import type { SingleLegTestHooks } from '../../src/features/single-leg/single-leg-test-hooks';

export const SINGLE_LEG_CLIP = 'front-oblique-banded-squats';

export function constructedSingleLegTrack(): unknown {
  const d = deriveSingleLegCheck({
    clip: SINGLE_LEG_CLIP,
    reps: REP_WINDOWS[SINGLE_LEG_CLIP],
    cutMs: 9600,
    refMs: 4000,
    loops: 3,
    order: ['left', 'right'],
  });
  const first = d.frames.find((f) => f.keypoints !== null);
  return framesToPoseTrack(d.frames, {
    width: first?.widthPx ?? 0,
    height: first?.heightPx ?? 0,
    fps: 5,
    model: 'constructed',
    keypointNames: KEYPOINT_NAMES,
  });
}

/** Replay speed: the ~66 s track in ~11 s (the analysis runs on the track's own clock). */
const REPLAY_SPEED = 6;

/** On the single-leg screen: runs the constructed check through the seam and waits for its report. */
export async function replaySingleLegCheck(page: Page): Promise<void> {
  await page.waitForFunction(() => 'squatCoachSingleLeg' in window);
  const track = constructedSingleLegTrack();
  await page.evaluate(
    async ({ track, speed }) => {
      const hooks = (window as unknown as { squatCoachSingleLeg: SingleLegTestHooks }).squatCoachSingleLeg;
      return hooks.replayTrack(track, speed);
    },
    { track, speed: REPLAY_SPEED },
  );
  await expect(page.getByText('Single-leg check — report')).toBeVisible({ timeout: 60_000 });
}
