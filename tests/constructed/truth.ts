/** What a constructed case is, and the kinds of truth it can assert. */
import type { AnalyzerOptions, CueId, PoseFrame, Side } from '../../src/core';
import type { RepWindow, ValgusTruth } from './inject';

/** A time range in the case's own track, ms (inclusive). */
export interface Range {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The cues that flag a form fault (issue 8); go-lower is a depth target, not a fault. */
export const FAULT_CUES: readonly CueId[] = [
  'knees-out',
  'hips-back',
  'hips-level',
  'chest-up',
  'heels-down',
];

export type Truth =
  /** Exactly this many complete reps. */
  | { readonly kind: 'rep-count'; readonly count: number }
  /** None of these cues fires (in `range`, or anywhere); 'fault' = FAULT_CUES, 'any' = every cue. */
  | {
      readonly kind: 'no-cue';
      readonly cues: 'fault' | 'any' | readonly CueId[];
      readonly range?: Range;
      readonly where?: string;
    }
  /** No complete rep has its bottom in the range. */
  | { readonly kind: 'no-rep-in'; readonly range: Range; readonly where: string }
  /** The complete rep holding each of these bottom times records cue `id`. */
  | { readonly kind: 'cue-in-reps'; readonly id: CueId; readonly bottomsMs: readonly number[] }
  /** Cue `id` fires nowhere outside these windows. */
  | { readonly kind: 'cue-only-in'; readonly id: CueId; readonly windows: readonly RepWindow[] }
  /** Every complete rep of good form: each knee the view supports reads in the good-form band. */
  | { readonly kind: 'good-knees' }
  /** The injected knee's value, against the untouched run, rises by what the injection made in the image. */
  | { readonly kind: 'knee-change'; readonly side: Side; readonly expected: readonly ValgusTruth[] }
  /** The other knee's value, against the untouched run, barely moves. */
  | { readonly kind: 'other-knee-still'; readonly side: Side; readonly bottomsMs: readonly number[] }
  /** Against the unmirrored run: same count, left and right values swapped. */
  | { readonly kind: 'mirror-swap' };

export interface Case {
  readonly id: string;
  /** One sentence: how the case was made. */
  readonly how: string;
  readonly frames: () => readonly PoseFrame[];
  /** Analyser options; null when the core does not yet offer what the case needs. Defaults to {}. */
  readonly options?: () => Partial<AnalyzerOptions> | null;
  /** The untouched track that relative truths compare against, with a key to share its run. */
  readonly baseline?: { readonly key: string; readonly frames: () => readonly PoseFrame[] };
  readonly truth: () => readonly Truth[];
}

/** Memoises a builder, so frames and truths computed from the same frames are made once. */
export function once<T>(f: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value as T;
  };
}
