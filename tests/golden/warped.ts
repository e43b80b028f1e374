/**
 * The warped half-squat clips (fixtures/warped/): each rep's reported knee value on the control and
 * on a clip with +20° of image FPPA added to one knee at the bottom of every rep (valgus-warp, truth
 * in the clip's .truth.json). Shared by the track-level test and the e2e test through the model.
 */
import type { RepSummary, SetSummary, Side } from '../../src/core';

/** The injected change of image FPPA at each rep's deepest frame, deg (the truth files' target). */
export const WARP_D_DEG = 20;
/** The tolerance on the reported change: max(4°, 0.3 · D). */
export const WARP_TOLERANCE_DEG = Math.max(4, 0.3 * WARP_D_DEG);
/** How far the untouched knee may move, deg (the figure). */
export const OTHER_KNEE_MAX_DEG = 3;

export const WARPED = 'fixtures/warped';
/** The control and the two warped clips, in that order. */
export const WARPED_CLIPS = ['d0', 'd20-left', 'd20-right'] as const;
export type WarpedClip = (typeof WARPED_CLIPS)[number];
/** The models whose tracks of the warped clips are committed. */
export type WarpedTrackModel = 'blazepose-full' | 'blazepose-heavy';
export const warpedVideo = (v: WarpedClip): string => `${WARPED}/half-squats-${v}.mp4`;
export const warpedTrack = (v: WarpedClip, model: WarpedTrackModel = 'blazepose-full'): string =>
  `${WARPED}/half-squats-${v}.${model}.pose-track.json`;

/** Per complete rep: the change of each knee's FPPA (at peak knee flexion) from control to warped. */
export function kneeChanges(control: SetSummary, warped: SetSummary): Record<Side, number | null>[] {
  const fppa = (r: RepSummary | undefined, s: Side): number | null => r?.kneeValgusDeg?.[s] ?? null;
  return control.reps.map((c, i) => {
    const w = warped.reps[i];
    const change = (s: Side): number | null => {
      const a = fppa(c, s);
      const b = fppa(w, s);
      return a === null || b === null ? null : b - a;
    };
    return { left: change('left'), right: change('right') };
  });
}
