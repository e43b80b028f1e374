/**
 * Which camera frame the worker's live loop (src/pose/worker/live-frames.ts) analyses when the model
 * comes free. Pure: the loop measures, this decides.
 *
 * The live screen's latency budget is the model's own time plus LIVE_LATENCY_BUDGET_MS, from the
 * camera's capture to the keypoints drawn on the overlay (p95). Beyond the model, that time is the
 * frame's age when the model takes it, plus the pose's way back to the page, its analysis and its
 * drawing. So the newest frame is taken as long as its age leaves that way back its share of the
 * budget; only an older one waits for the next, which at 30 fps is then due within a few ms.
 *
 * Waiting costs rate: each wait is time the model stands idle. Measured in bench:live (BlazePose full,
 * 30 fps camera, rounds alternated on one machine): taking any frame reached 0.92–0.97 of the
 * model-bound rate with 40–41 ms over the model at p95, past the budget; a 30 ms age limit 0.90 with
 * 33–35 ms; half the frame interval (17 ms) 0.84–0.85 with 27–30 ms.
 */

/** Capture → overlay time allowed beyond the frame's own model time, ms, at p95 (issue 12's budget). */
export const LIVE_LATENCY_BUDGET_MS = 40;
/**
 * The part of that budget kept for the pose's way back: the worker's message to the page, the
 * page's analysis and the overlay's drawing, ms. It took about 5 ms at p95 in bench:live (33–35 ms
 * over the model with frames at most 30 ms old); 10 leaves room for a busier page.
 */
export const POSE_DELIVERY_ALLOWANCE_MS = 10;
/** Age past which a frame waits for the next, ms: what the budget leaves once delivery is paid. */
export const MAX_FRAME_AGE_MS = LIVE_LATENCY_BUDGET_MS - POSE_DELIVERY_ALLOWANCE_MS;
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
  if (intervalMs === null || ageMs <= MAX_FRAME_AGE_MS) return 0;
  return Math.max(0, intervalMs - ageMs) + FRAME_DUE_GRACE_MS;
}
