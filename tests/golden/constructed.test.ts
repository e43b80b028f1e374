/**
 * The constructed cases of issue 8 (tests/constructed/cases.ts), one test each: the same checker as
 * `npm run eval` (tests/constructed/check.ts), so the table in docs/accuracy.md and these tests agree.
 *
 * Valgus cases compare the reported change of the injected knee with the image FPPA change that the
 * injection creates at each rep's deepest frame, computed from the injected frames themselves
 * (tests/constructed/inject.ts `injectedValgusTruth`), within max(4°, 0.3 × that change).
 */
import { describe, expect, it } from 'vitest';
import { CASES } from '../constructed/cases';
import { failureText, runCase } from '../constructed/check';
import { OPEN_CASES } from '../constructed/open-cases';

describe('constructed cases (issue 8)', () => {
  // Cases in OPEN_CASES are known not to meet their truth yet; npm run eval reports them with figures.
  const guarded = CASES.filter((c) => OPEN_CASES[c.id] === undefined);
  it.each(guarded.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const outcome = runCase(c);
    expect(outcome.checks.length).toBeGreaterThan(0);
    expect(outcome.checks.filter((x) => !x.pass).map(failureText)).toEqual([]);
  });
});

describe('open cases', () => {
  it('name real cases, each with its reason', () => {
    for (const [id, why] of Object.entries(OPEN_CASES)) {
      expect(CASES.some((c) => c.id === id)).toBe(true);
      expect(why.length).toBeGreaterThan(10);
    }
  });
});
