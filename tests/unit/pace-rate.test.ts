/** The file frame source's playback pacing: frames arrive a little slower than the model takes them. */
import { describe, expect, it } from 'vitest';
import {
  GAP_BACKOFF_RATIO,
  INITIAL_PLAYBACK_RATE,
  MAX_PLAYBACK_RATE,
  MIN_PLAYBACK_RATE,
  PACE_HEADROOM_RATIO,
  paceRate,
} from '../../src/media/frame-pacer';

/** Rates are plain arithmetic; compare to 1e-9 ×. */
const RATE_TOLERANCE_DIGITS = 9;

describe('paceRate', () => {
  it('plays a 30 fps file at the headroom share of a 45 ms/frame model', () => {
    // 45 ms → 22.2 frames/s; × headroom; / 30 fps of content.
    expect(paceRate(30, 45)).toBeCloseTo((1000 / 45) * (PACE_HEADROOM_RATIO / 30), RATE_TOLERANCE_DIGITS);
    expect(paceRate(30, 45)).toBeLessThan(1);
  });

  it('speeds a low-rate file up, up to the cap', () => {
    expect(paceRate(5, 45)).toBeGreaterThan(3);
    expect(paceRate(5, 1)).toBe(MAX_PLAYBACK_RATE);
  });

  it('a skip back-off scales the pace, it does not pin the rate', () => {
    expect(paceRate(30, 45, GAP_BACKOFF_RATIO)).toBeCloseTo(
      paceRate(30, 45) * GAP_BACKOFF_RATIO,
      RATE_TOLERANCE_DIGITS,
    );
    // A slow first frame followed by a fast model: the rate follows the model again.
    expect(paceRate(30, 45, GAP_BACKOFF_RATIO)).toBeGreaterThan(paceRate(30, 400));
  });

  it('never goes below the lowest rate the browser accepts', () => {
    expect(paceRate(60, 5_000)).toBe(MIN_PLAYBACK_RATE);
  });

  it('falls back to the initial rate without a frame rate or a consumer time', () => {
    expect(paceRate(0, 45)).toBe(INITIAL_PLAYBACK_RATE);
    expect(paceRate(30, Number.NaN)).toBe(INITIAL_PLAYBACK_RATE);
  });
});
