/**
 * The capture clock on hand-built timings: camera frames every 33.3 ms, stamped on a clock whose
 * origin is 73 787 383.5 ms before the page's, the page seeing each capture ~7 ms later and the
 * worker taking each frame ~1 ms after capture.
 */
import { describe, expect, it } from 'vitest';
import { CaptureClock } from '../../src/pose/capture-clock';

const OFFSET_MS = 73_787_383.5;
const FRAME_MS = 1000 / 30;

describe('CaptureClock', () => {
  it('stands in the receipt time until pairings agree, then maps timestamps exactly', () => {
    const clock = new CaptureClock();
    const mapped: number[] = [];
    for (let i = 0; i < 12; i++) {
      const captureMs = 1000 + i * FRAME_MS;
      // The page's captureTime is coarsened to 0.1 ms.
      clock.addCapture(Math.round(captureMs * 10) / 10);
      mapped.push(clock.captureMsOf(captureMs + OFFSET_MS, captureMs + 1));
    }
    expect(clock.paired).toBe(true);
    expect(mapped[0]).toBeCloseTo(1000 + 1, 6);
    expect(Math.abs((mapped[11] ?? 0) - (1000 + 11 * FRAME_MS))).toBeLessThan(0.1);
  });

  it('a capture the page has not seen yet (the next frame) never pairs; skipped frames do not mislead', () => {
    const clock = new CaptureClock();
    for (let i = 0; i < 40; i++) {
      const captureMs = 1000 + i * FRAME_MS;
      // Every third frame never reaches the page's <video>; the next frame's capture is already known.
      if (i % 3 !== 2) clock.addCapture(captureMs);
      clock.addCapture(captureMs + FRAME_MS);
      clock.captureMsOf(captureMs + OFFSET_MS, captureMs + 1);
    }
    expect(clock.paired).toBe(true);
    expect(clock.captureMsOf(5000 + OFFSET_MS, 5001)).toBeCloseTo(5000, 3);
  });

  it('without captureTimes, the receipt time stands in', () => {
    const clock = new CaptureClock();
    expect(clock.captureMsOf(OFFSET_MS + 10, 12)).toBe(12);
    expect(clock.paired).toBe(false);
  });
});
