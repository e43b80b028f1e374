import { describe, expect, it } from 'vitest';
import {
  FRAME_DUE_GRACE_MS,
  LIVE_LATENCY_BUDGET_MS,
  MAX_FRAME_AGE_MS,
  POSE_DELIVERY_ALLOWANCE_MS,
  waitForFresherMs,
} from '../../src/pose/live-frame-age';

const INTERVAL_MS = 1000 / 30;

describe('waitForFresherMs', () => {
  it('a frame young enough to keep the latency budget, or an unknown camera rate, is taken at once', () => {
    expect(waitForFresherMs(0, INTERVAL_MS)).toBe(0);
    expect(waitForFresherMs(MAX_FRAME_AGE_MS, INTERVAL_MS)).toBe(0);
    expect(waitForFresherMs(45, null)).toBe(0);
  });
  it('the age limit is the budget less what the way back to the page needs', () => {
    expect(MAX_FRAME_AGE_MS + POSE_DELIVERY_ALLOWANCE_MS).toBe(LIVE_LATENCY_BUDGET_MS);
    expect(MAX_FRAME_AGE_MS).toBeGreaterThan(0);
  });
  it('an old frame waits until the next is due, plus a little grace', () => {
    expect(waitForFresherMs(32, INTERVAL_MS)).toBeCloseTo(INTERVAL_MS - 32 + FRAME_DUE_GRACE_MS, 6);
    // A slow camera (15 fps): the next frame is further off, and the wait is until it is due.
    expect(waitForFresherMs(40, 1000 / 15)).toBeCloseTo(1000 / 15 - 40 + FRAME_DUE_GRACE_MS, 6);
    // Past its due time (a dropped or late frame): only the grace.
    expect(waitForFresherMs(50, INTERVAL_MS)).toBe(FRAME_DUE_GRACE_MS);
  });
});
