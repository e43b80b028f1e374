/**
 * Which camera frame the worker's live loop (src/pose/worker/live-frames.ts) analyses when the model
 * comes free. Pure: the loop measures, this decides.
 *
 * Taking whatever frame is newest puts its age at the model's start anywhere from 0 to a whole frame
 * interval (33 ms at 30 fps): for BlazePose full that measured 48 ms at p95 from capture to overlay
 * beyond the model's own time in bench:live, past the 40 ms budget (24 ms with this rule). A frame older
 * than MAX_FRAME_AGE_SHARE of the interval is passed over when the next is due soon, which keeps a
 * fresh frame for a small share of the rate and leaves the page's thread a moment on 2 cores.
 */

/** Age, as a share of the camera's frame interval, past which the next frame is awaited, ratio. */
export const MAX_FRAME_AGE_SHARE = 0.5;
/**
 * Grace past a frame's due time, ms, before the old frame is taken after all (a camera that paused
 * or dropped a frame): a few ms of scheduling jitter.
 */
export const FRAME_DUE_GRACE_MS = 5;

/**
 * How long to wait for the next frame before analysing the newest one, ms: 0 to take it now. `ageMs`:
 * the newest frame's age; `intervalMs`: the camera's mean frame interval, null while unknown.
 */
export function waitForFresherMs(ageMs: number, intervalMs: number | null): number {
  if (intervalMs === null || ageMs <= MAX_FRAME_AGE_SHARE * intervalMs) return 0;
  return Math.max(0, intervalMs - ageMs) + FRAME_DUE_GRACE_MS;
}
