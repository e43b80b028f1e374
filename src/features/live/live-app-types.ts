/** What the live controller (live-app.ts) is given and what it reports, apart from its elements. */
import type { SetRecord } from '../../domain/set-record';

export interface LiveAppOptions {
  /**
   * Called once per finished set (hands-free, Space/button, or cleanly after an error). `endNote`:
   * why the set ended when it was not the person's choice (camera lost, model failed), else null.
   */
  onSetEnded: (record: SetRecord, endNote: string | null, show: boolean) => void;
  /** A workout ended during a rest: show its last set (already handed over, not shown). */
  showSet: (id: string) => void;
}

/**
 * What the controller reports as it works, for the benchmark counters and test hooks
 * (live-test-hooks.ts); the screen itself never needs it.
 */
export interface LiveObserver {
  /** A pose went through the analysis and was drawn; `captureMs` on the page clock. */
  pose?: (captureMs: number) => void;
  /** The model's own time for a pose, ms, reported by the worker. */
  inference?: (inferenceMs: number) => void;
  /** A camera frame arrived; `hasCaptureTime`: the browser gave its capture time. */
  cameraFrame?: (hasCaptureTime: boolean) => void;
  overlayDrawn?: () => void;
  workerRestarted?: () => void;
}
