/**
 * The one judgement of "is this a fault": where a metric's value stands against its cue's limits.
 * The cue engine, the live overlay and gauges, the review table, the plots and history all ask this
 * module, so no two of them can disagree about the same value.
 */
import type { CueId } from '../types';

/**
 * - `within`: on the good side of the clear level;
 * - `near`: past the clear level but not the fire level (the cue would stay on, not start);
 * - `past`: past the fire level (the cue starts once this holds for its dwell).
 */
export type Verdict = 'within' | 'near' | 'past';

export const VERDICTS: readonly Verdict[] = ['within', 'near', 'past'];

/** A cue's limits in its metric's own unit. */
export interface Limit {
  /** 'above': higher values are worse; 'below': lower values are worse (depth). */
  readonly direction: 'above' | 'below';
  /** The value a cue fires past. */
  readonly fireAt: number;
  /** The looser value a showing cue clears at (hysteresis). */
  readonly clearAt: number;
}

/** Whether `value` lies past `edge` on the bad side of `limit` (strictly: the edge itself is fine). */
export const isPast = (limit: Limit, value: number, edge: number): boolean =>
  limit.direction === 'above' ? value > edge : value < edge;

/** The verdict on one value; null when the value was not measured. */
export function verdictOf(limit: Limit, value: number | null | undefined): Verdict | null {
  if (value === null || value === undefined) return null;
  if (isPast(limit, value, limit.fireAt)) return 'past';
  if (isPast(limit, value, limit.clearAt)) return 'near';
  return 'within';
}

/**
 * The live verdict with hysteresis: a fault that is showing stays a fault until its value is back
 * within the clear level, so a highlight does not flicker about the fire level.
 */
export function isFaultLive(limit: Limit, value: number | null, showing: boolean): boolean {
  const v = verdictOf(limit, value);
  return v === 'past' || (showing && v === 'near');
}

/** A set of cues, each judged: used by views that show several at once. */
export type Verdicts = Partial<Record<CueId, Verdict | null>>;
