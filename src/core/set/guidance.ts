/**
 * Set-up guidance for one frame: what keeps the person from being judged, most basic first (cut off
 * by the frame, joints not seen, turned too far, too small in the model's image for the hips).
 */
import type { GatedPose } from '../pose/gating';
import type { KeypointName } from '../pose/keypoints';
import { hipLineDeg } from '../metrics/metrics';
import type { Guidance, View } from '../types';

/** Joints without which neither reps nor form can be judged. */
const ESSENTIAL: readonly KeypointName[] = [
  'left_shoulder',
  'right_shoulder',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
];

/** The guidance for a frame's pose seen from `view`, or null when the person is well placed. */
export function guidanceFor(pose: GatedPose, view: View): Guidance {
  if (ESSENTIAL.some((n) => pose.isOutOfFrame(n))) return 'step-back';
  if (ESSENTIAL.some((n) => pose.get(n) === null)) {
    // In a side view the far limbs are hidden by the near ones: one of each pair is enough.
    const pairs: readonly (readonly [KeypointName, KeypointName])[] = [
      ['left_shoulder', 'right_shoulder'],
      ['left_hip', 'right_hip'],
      ['left_knee', 'right_knee'],
      ['left_ankle', 'right_ankle'],
    ];
    const each = pairs.every(([a, b]) => pose.get(a) !== null || pose.get(b) !== null);
    if (!(view === 'side' && each)) return 'low-confidence';
  }
  if (view === 'oblique') return 'turn';
  // Hips seen but too few of the model's pixels apart for their level to be judged.
  if ((view === 'front' || view === 'rear') && pose.has('left_hip', 'right_hip') && hipLineDeg(pose) === null)
    return 'move-closer';
  return null;
}
