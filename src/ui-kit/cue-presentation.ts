/**
 * How each cue's fault looks on every screen: one table, mapped over by the live overlay, the gauges,
 * the review table and plots, and history. What counts as a fault is not decided here: that is the
 * core's verdict (src/core/coaching/verdict.ts); this table only says how a verdict is drawn.
 */
import type { CueId, Verdict } from '../core';

/** Colour of a body part or value that is fine. Also --accent in the stylesheet. */
export const OK_COLOR = '#3ddc97';
/** Colour of a fault, on the video and in the review. Also --fault in the stylesheet. */
export const FAULT_COLOR = '#ff5d5d';
/** Colour of a value near its limit. Also --warn in the stylesheet. */
export const NEAR_COLOR = '#ffb347';

/** A mark per verdict, so no screen signals a verdict by colour alone. */
export const VERDICT_MARK: Readonly<Record<Verdict, string>> = { within: '✓', near: '△', past: '✗' };

/** Words per verdict, for screen readers and tooltips. */
export const VERDICT_WORD: Readonly<Record<Verdict, string>> = {
  within: 'within range',
  near: 'near the cue threshold',
  past: 'past the cue threshold',
};

export interface CuePresentation {
  /** Short label on the video next to the body part, upper case for legibility from a distance. */
  readonly overlayLabel: string;
  /** Lower-case name in the review's cue column and plot markers, a word or two so markers fit. */
  readonly shortLabel: string;
}

export const CUE_PRESENTATION: Readonly<Record<CueId, CuePresentation>> = {
  'knees-out': { overlayLabel: 'KNEE IN', shortLabel: 'knees' },
  'hips-level': { overlayLabel: 'HIP DROP', shortLabel: 'level' },
  'hips-back': { overlayLabel: 'ON TOES', shortLabel: 'hips back' },
  'heels-down': { overlayLabel: 'HEELS UP', shortLabel: 'heels' },
  'chest-up': { overlayLabel: 'LEAN', shortLabel: 'chest' },
  'go-lower': { overlayLabel: 'DEPTH', shortLabel: 'lower' },
};
