/** The charts' tick steps: 1, 2 or 5 × 10^n, never finer than asked, robust to floating point. */
import { describe, expect, it } from 'vitest';
import { niceStep, niceTicks } from '../../src/ui-kit/chart';

describe('chart ticks', () => {
  it('nice steps of at least span / count, so at most count + 1 ticks', () => {
    expect(niceStep(0.6, 4)).toBeCloseTo(0.2, 12);
    expect(niceStep(20, 4)).toBe(5);
    expect(niceStep(100, 3)).toBe(50);
    expect(niceStep(1, 8)).toBeCloseTo(0.2, 12);
    // Exactly 2 × 10^n stays 2 even when floating point lands a hair above it (0.6 / 3 = 0.2000…04).
    expect(niceStep(0.6, 3)).toBeCloseTo(0.2, 12);
    for (const [span, count] of [
      [0.6, 4],
      [13_000, 5],
      [100, 3],
      [7.3, 4],
    ] as const)
      expect(span / niceStep(span, count)).toBeLessThanOrEqual(count + 1e-9);
  });

  it('ticks are the multiples of the step inside the range, without float noise', () => {
    expect(niceTicks(-0.3, 0.3, 4)).toEqual([-0.2, 0, 0.2]);
    expect(niceTicks(-10, 10, 4)).toEqual([-10, -5, 0, 5, 10]);
    expect(niceTicks(0, 100, 3)).toEqual([0, 50, 100]);
  });
});
