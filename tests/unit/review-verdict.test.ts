/**
 * The set in one line (core/coaching/set-verdict.ts): clean reps are reps with no cue, each fault is
 * named with the reps that showed it, in a fixed order, from each rep's cues (which hold every value
 * the core's verdict put past its limit).
 */
import { describe, expect, it } from 'vitest';
import { FAULT_PHRASES, listOf, setVerdict, type CueId, type RepSummary } from '../../src/core';

/** Only index and cues matter to the verdict; the rest is never read. */
const rep = (index: number, cues: CueId[]): RepSummary => ({ index, cues }) as unknown as RepSummary;

describe('set verdict line', () => {
  it('"6 of 8 reps clean; knees caved on reps 5 and 7", as the issue words it', () => {
    const reps = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => rep(i, i === 5 || i === 7 ? ['knees-out'] : []));
    const v = setVerdict({ reps });
    expect(v.line).toBe('6 of 8 reps clean; knees caved on reps 5 and 7.');
    expect(v).toMatchObject({ repCount: 8, cleanReps: 6 });
    expect(v.faults).toEqual([{ id: 'knees-out', phrase: 'knees caved', reps: [5, 7] }]);
  });

  it('several faults, in the fixed order; a rep with two faults counts once as not clean', () => {
    const v = setVerdict({
      reps: [rep(1, ['hips-level', 'knees-out']), rep(2, []), rep(3, ['go-lower']), rep(4, ['knees-out'])],
    });
    expect(v.line).toBe(
      '1 of 4 reps clean; knees caved on reps 1 and 4; hips dropped on rep 1; stopped short of the depth target on rep 3.',
    );
    expect(v.faults.map((f) => f.id)).toEqual(['knees-out', 'hips-level', 'go-lower']);
  });

  it('all clean, one rep, no reps', () => {
    expect(setVerdict({ reps: [rep(1, []), rep(2, [])] }).line).toBe('All 2 reps clean.');
    expect(setVerdict({ reps: [rep(1, [])] }).line).toBe('1 rep, clean.');
    expect(setVerdict({ reps: [rep(1, ['chest-up'])] }).line).toBe(
      '0 of 1 rep clean; chest fell forward on rep 1.',
    );
    expect(setVerdict({ reps: [] })).toEqual({
      repCount: 0,
      cleanReps: 0,
      faults: [],
      line: 'No complete reps to judge.',
    });
  });

  it('every cue has a phrase; lists read naturally', () => {
    expect(new Set(FAULT_PHRASES.map((f) => f.id)).size).toBe(6);
    expect([listOf([]), listOf([5]), listOf([5, 7]), listOf([1, 2, 3])]).toEqual([
      '',
      '5',
      '5 and 7',
      '1, 2 and 3',
    ]);
  });
});
