/**
 * The banded fixture's model track with a constructed fault applied (tests/constructed/inject.ts),
 * as the pose-track/v1 the app's test hooks replay: the review and report specs feed sets with known
 * faults through it.
 */
import type { PoseFrame } from '../../src/core/pose/keypoints';
import { KEYPOINT_NAMES } from '../../src/core/pose/keypoints';
import { framesToPoseTrack, type PoseTrack } from '../../src/core/pose/pose-track';
import { REP_WINDOWS, type RepWindow } from '../constructed/inject';
import { loadFrames } from '../golden/tracks';

export const BANDED_CLIP = 'front-oblique-banded-squats';
/** The banded track's frame rate (the clip is sampled at 5 fps). */
const BANDED_TRACK_FPS = 5;

export function editedBandedTrack(
  edit: (frames: readonly PoseFrame[], reps: readonly RepWindow[]) => readonly PoseFrame[],
): PoseTrack {
  const frames = loadFrames(BANDED_CLIP);
  return framesToPoseTrack(edit(frames, REP_WINDOWS[BANDED_CLIP]), {
    width: frames[0]?.widthPx ?? 0,
    height: frames[0]?.heightPx ?? 0,
    fps: BANDED_TRACK_FPS,
    model: 'blazepose-full',
    keypointNames: KEYPOINT_NAMES,
  });
}
