/**
 * A set in one line: "6 of 8 reps clean; knees caved on reps 5 and 7". Read from each complete rep's
 * cues, which hold every cue spoken in the rep and every fault the core's verdict (verdict.ts) put
 * past its limit, so the line, the per-rep table, the plots and the pattern name the same reps.
 * Pure; the review, the print report and a spoken set summary word a set the same way.
 */
import { countOf, nounFor } from '../format';
import type { CueId, SetSummary } from '../types';

/**
 * What each cue's fault looked like, in plain words, in the order a line lists them: `phrase` for the
 * written verdict, `spoken` for the short form said aloud at the end of a set (heard once, from 3 m).
 */
export const FAULT_PHRASES: readonly {
  readonly id: CueId;
  readonly phrase: string;
  readonly spoken: string;
}[] = [
  { id: 'knees-out', phrase: 'knees caved', spoken: 'knees caved' },
  { id: 'hips-level', phrase: 'hips dropped', spoken: 'hips dropped' },
  { id: 'hips-back', phrase: 'weight went onto the toes', spoken: 'weight went to the toes' },
  { id: 'heels-down', phrase: 'heels lifted', spoken: 'heels lifted' },
  { id: 'chest-up', phrase: 'chest fell forward', spoken: 'chest dropped' },
  { id: 'go-lower', phrase: 'stopped short of the depth target', spoken: 'not deep enough' },
];

export interface SetVerdictFault {
  readonly id: CueId;
  readonly phrase: string;
  /** 1-based indices of the complete reps that showed it. */
  readonly reps: readonly number[];
}

export interface SetVerdict {
  /** Complete reps. */
  readonly repCount: number;
  /** Complete reps with no cue. */
  readonly cleanReps: number;
  /** One entry per fault seen, in FAULT_PHRASES order. */
  readonly faults: readonly SetVerdictFault[];
  /** The line shown at the top of the review and the report. */
  readonly line: string;
}

/** "5", "5 and 7", "1, 2 and 3". */
export function listOf(items: readonly (string | number)[]): string {
  const s = items.map(String);
  if (s.length <= 1) return s.join('');
  return `${s.slice(0, -1).join(', ')} and ${s[s.length - 1] ?? ''}`;
}

/** "on rep 5", "on reps 5 and 7". */
export const onReps = (reps: readonly number[]): string =>
  `on ${nounFor(reps.length, 'rep')} ${listOf(reps)}`;

export function setVerdict(summary: Pick<SetSummary, 'reps'>): SetVerdict {
  const reps = summary.reps;
  const faults = FAULT_PHRASES.map(({ id, phrase }) => ({
    id,
    phrase,
    reps: reps.filter((r) => r.cues.includes(id)).map((r) => r.index),
  })).filter((f) => f.reps.length > 0);
  const cleanReps = reps.filter((r) => r.cues.length === 0).length;
  const n = reps.length;
  let line: string;
  if (n === 0) line = 'No complete reps to judge.';
  else if (cleanReps === n) line = n === 1 ? '1 rep, clean.' : `All ${countOf(n, 'rep')} clean.`;
  else {
    const head = `${cleanReps} of ${countOf(n, 'rep')} clean`;
    line = `${[head, ...faults.map((f) => `${f.phrase} ${onReps(f.reps)}`)].join('; ')}.`;
  }
  return { repCount: n, cleanReps, faults, line };
}
