/**
 * Marks on the page's performance timeline for the steps of a start (model load, camera, first
 * pose, first drawn keypoints), named `start:<step>`. `npm run bench:start` reads them to show where
 * the time to the first skeleton goes; they cost nothing a user would notice.
 */
export const START_MARK_PREFIX = 'start:';

/** Marks `step` now, or at `epochMs` (a time from another thread's clock, e.g. the pose worker's). */
export function markStart(step: string, epochMs?: number): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  const startTime = epochMs === undefined ? performance.now() : epochMs - performance.timeOrigin;
  try {
    performance.mark(`${START_MARK_PREFIX}${step}`, { startTime: Math.max(0, startTime) });
  } catch {
    // A timeline that refuses marks only loses the breakdown.
  }
}

/** Marks `step` the first time only (e.g. the first pose of the page's life). */
export function markStartOnce(step: string): void {
  if (performance.getEntriesByName(`${START_MARK_PREFIX}${step}`, 'mark').length === 0) markStart(step);
}
