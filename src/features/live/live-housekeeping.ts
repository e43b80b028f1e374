/**
 * What the live screen's housekeeping tick finds, as events for the session reducer: the camera gone,
 * the lighting, a hung pose worker, then the tick itself. Pure: the controller measures (track state,
 * luma, the worker's time in flight) and dispatches what this returns, in order.
 */
import { TOO_DARK_LUMA } from '../../media/luminance';
import type { LiveEvent, LiveState } from './live-session';

/**
 * A frame with the worker this long, ms, means the worker hung: BlazePose heavy on wasm takes
 * ~0.14 s a frame here and even the cpu fallback ~4 s, so 6 s is no slow frame.
 */
export const WORKER_STALL_MS = 6000;

export interface TickProbe {
  /** The camera's video track has ended, or there is none. */
  readonly trackEnded: boolean;
  /** The camera image's mean luma (0–255), or null when it cannot be measured; called only when needed. */
  readonly luma: () => number | null;
  /** How long the pose worker has had the current frame, ms, or null when no loop runs. */
  readonly inFlightMs: number | null;
}

export function tickEvents(s: LiveState, probe: TickProbe, nowMs: number): LiveEvent[] {
  const events: LiveEvent[] = [];
  if (s.mode === 'camera') {
    // `track.stop()` from the page does not fire `ended`, and some drivers never do: poll too.
    if (probe.trackEnded) return [{ type: 'camera-lost' }];
    if (!s.paused) {
      const luma = probe.luma();
      events.push({ type: 'lighting', dark: luma !== null && luma < TOO_DARK_LUMA });
      if (probe.inFlightMs !== null && probe.inFlightMs > WORKER_STALL_MS) {
        events.push({ type: 'worker-restarting', reason: `no answer for ${WORKER_STALL_MS / 1000} s` });
      }
    }
  }
  events.push({ type: 'tick', nowMs });
  return events;
}
