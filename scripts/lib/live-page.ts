/**
 * The live screen driven by a script, as the benches use it: open it, wait for the model, start the
 * fake camera and wait for the first drawn keypoints; then read the page's live counters.
 */
import type { Page } from 'playwright';
import type { LiveStats } from '../../src/features/live/live-test-hooks';

/**
 * Opens `href` (a live-screen URL), waits until the engine line names `engineText` (the line sits in
 * the collapsed "Advanced" section, so it is attached, not visible), presses "Start camera" and waits
 * for the first keypoints on the overlay. Returns the backend the engine reported.
 */
export async function startLiveCamera(page: Page, href: string, engineText: string): Promise<string> {
  await page.goto(href);
  const engine = page.getByTestId('engine');
  await engine.filter({ hasText: engineText }).waitFor({ state: 'attached', timeout: 180_000 });
  const backend = (await engine.getAttribute('data-backend')) ?? '?';
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="overlay"]')?.getAttribute('data-keypoints-drawn')) > 0,
    undefined,
    { timeout: 60_000 },
  );
  return backend;
}

/** The page's clock and live counters now (the page needs the test hooks: dev server or `?testhooks`). */
export const liveStats = (page: Page): Promise<{ nowMs: number; stats: LiveStats }> =>
  page.evaluate(() => ({
    nowMs: performance.now(),
    stats: (window as unknown as { squatCoachTest: { stats: () => LiveStats } }).squatCoachTest.stats(),
  }));
