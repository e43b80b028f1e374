/** The live screen's housekeeping tick (src/features/live/live-housekeeping.ts): what it dispatches, in order. */
import { describe, expect, it } from 'vitest';
import { WORKER_STALL_MS, tickEvents, type TickProbe } from '../../src/features/live/live-housekeeping';
import { INITIAL_LIVE_STATE, type LiveState } from '../../src/features/live/live-session';
import { TOO_DARK_LUMA } from '../../src/media/luminance';

const CAMERA: LiveState = { ...INITIAL_LIVE_STATE, mode: 'camera' };
const probe = (p: Partial<TickProbe> = {}): TickProbe => ({
  trackEnded: false,
  luma: () => TOO_DARK_LUMA + 40,
  inFlightMs: 120,
  ...p,
});

describe('housekeeping tick', () => {
  it('in a camera session: lighting, then the tick', () => {
    expect(tickEvents(CAMERA, probe(), 5000)).toEqual([
      { type: 'lighting', dark: false },
      { type: 'tick', nowMs: 5000 },
    ]);
    expect(tickEvents(CAMERA, probe({ luma: () => TOO_DARK_LUMA - 1 }), 5000)[0]).toEqual({
      type: 'lighting',
      dark: true,
    });
  });

  it('a camera whose track ended is lost, and nothing else happens on that tick', () => {
    expect(tickEvents(CAMERA, probe({ trackEnded: true }), 5000)).toEqual([{ type: 'camera-lost' }]);
  });

  it('a worker holding a frame longer than WORKER_STALL_MS is restarted; just under is not', () => {
    const hung = tickEvents(CAMERA, probe({ inFlightMs: WORKER_STALL_MS + 1 }), 5000);
    expect(hung.map((e) => e.type)).toEqual(['lighting', 'worker-restarting', 'tick']);
    const slow = tickEvents(CAMERA, probe({ inFlightMs: WORKER_STALL_MS }), 5000);
    expect(slow.map((e) => e.type)).toEqual(['lighting', 'tick']);
  });

  it('paused, replaying or idle: no camera checks, no luma measured', () => {
    const never = (): number => {
      throw new Error('luma measured');
    };
    for (const s of [
      { ...CAMERA, paused: true },
      { ...CAMERA, mode: 'replay' as const },
      INITIAL_LIVE_STATE,
    ]) {
      expect(
        tickEvents(s, probe({ luma: never, trackEnded: s.mode !== 'camera', inFlightMs: 1e6 }), 7),
      ).toEqual([{ type: 'tick', nowMs: 7 }]);
    }
  });
});
