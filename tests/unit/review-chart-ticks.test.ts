/** The charts' tick steps: 1, 2 or 5 × 10^n, robust to floating point (0.6 / 4 is 0.15, not 0.1). */
import { describe, expect, it } from 'vitest';
import { niceStep, niceTicks } from '../../src/ui-kit/chart';

describe('chart ticks', () => {
  it('nice steps, with 1.5 rounding up even when floating point lands just under it', () => {
    expect(0.6 / 4 / 0.1).toBeLessThan(1.5); // the floating-point trap itself
    expect(niceStep(0.6, 4)).toBeCloseTo(0.2, 12);
    expect(niceStep(20, 4)).toBe(5);
    expect(niceStep(100, 3)).toBe(20);
    expect(niceStep(1, 8)).toBeCloseTo(0.1, 12);
  });

  it('ticks are the multiples of the step inside the range, without float noise', () => {
    expect(niceTicks(-0.3, 0.3, 4)).toEqual([-0.2, 0, 0.2]);
    expect(niceTicks(-10, 10, 4)).toEqual([-10, -5, 0, 5, 10]);
    expect(niceTicks(0, 100, 3)).toEqual([0, 20, 40, 60, 80, 100]);
  });
});
