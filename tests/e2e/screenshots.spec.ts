/**
 * Every screen a person meets, photographed for docs/screens/ at 1280 × 800 and 390 × 844, in the
 * light and the dark theme (issue 10), from one real run: Chromium's fake camera plays a fixture
 * clip through the real worker and model as a workout of 2 sets of 2 reps with a rest; then the
 * review, history and the print view; then the single-leg report (constructed track through the
 * check's documented test seam, as in single-leg.spec.ts).
 *
 * At each screen it also checks what the pictures are for: the screen's heading or main element is
 * visible, and on the phone nothing is wider than the viewport (no sideways scrolling).
 */
import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeCameraArgs, launchChromium } from '../../scripts/lib/chromium';
import { openLive, paddedY4m, repCount } from './live-helpers';
import { replaySingleLegCheck } from './single-leg-track';

const OUT_DIR = 'docs/screens';
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const THEMES = ['light', 'dark'] as const;
const CLIP = 'front-oblique-banded-squats';

/** The four pictures of the screen as it is now; the page is left at desktop size, dark. */
async function shoot(page: Page, screen: string, media: 'screen' | 'print' = 'screen'): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme, media });
      await page.waitForTimeout(150);
      await page.screenshot({
        path: `${OUT_DIR}/${screen}-${size.name}-${theme}.png`,
        fullPage: media === 'print',
      });
    }
    if (size.name === 'phone' && media === 'screen') {
      const overflowPx = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflowPx, `${screen}: wider than the phone`).toBeLessThanOrEqual(1);
    }
  }
  await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
  await page.emulateMedia({ colorScheme: 'dark', media: 'screen' });
}

test('screenshots of every screen, desktop and phone, light and dark', async () => {
  test.setTimeout(420_000);
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await launchChromium(fakeCameraArgs(resolve(paddedY4m(`${CLIP}.mp4`))));
  try {
    const page = await browser.context.newPage();
    await openLive(page, '?model=blazepose-full&backend=wasm&reps=2&rest=45');
    await page.locator('#sets').selectOption('2');
    const live = page.locator('#screen-live');
    await shoot(page, 'setup');

    await page.getByRole('button', { name: 'Start camera' }).click();
    await expect(live).toHaveAttribute('data-workout', 'countdown', { timeout: 90_000 });
    await shoot(page, 'countdown');
    await expect.poll(() => repCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await shoot(page, 'live-set');
    await expect(live).toHaveAttribute('data-workout', 'rest', { timeout: 60_000 });
    await shoot(page, 'rest');
    await page.getByRole('button', { name: 'End workout' }).click();

    await expect(page).toHaveURL(/#\/review\//, { timeout: 30_000 });
    await expect(page.getByTestId('summary-rep-count')).toBeVisible();
    await shoot(page, 'review');

    await page.goto(page.url().replace(/#.*$/, '#/history'));
    await expect(page.locator('#screen-history')).toBeVisible();
    await page.waitForTimeout(500);
    await shoot(page, 'history');

    const report = page.getByTestId('session-report').first();
    await expect(report).toBeVisible();
    await report.click();
    await expect(page).toHaveURL(/#\/report\//);
    await page.waitForTimeout(500);
    await shoot(page, 'print-view', 'print');

    await page.goto(page.url().replace(/#.*$/, '#/live'));
    await page.getByTestId('mode-choice').getByRole('link', { name: 'Single-leg check' }).click();
    await replaySingleLegCheck(page);
    await page.waitForTimeout(500);
    await shoot(page, 'single-leg-report');
  } finally {
    await browser.close();
  }
});
