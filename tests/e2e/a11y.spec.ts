/**
 * axe-core scans of every screen, in the light and the dark theme (prefers-color-scheme emulated):
 * live before and during a set (fake camera, real model), the review after it, the file screen and
 * history, the print report, the single-leg check and its report (constructed track through the
 * check's test seam). No serious or critical violation may remain; the message lists any that do. Also checks
 * what axe cannot: each screen change titles the window and moves focus to the screen's heading.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { launchChromium, fakeCameraArgs } from '../../scripts/lib/chromium';
import { openLive, paddedY4m } from './live-helpers';
import { replaySingleLegCheck } from './single-leg-track';

const SCHEMES = ['light', 'dark'] as const;
/** axe's impact levels that fail the test (WCAG A/AA failures that block or badly hinder use). */
const BLOCKING_IMPACTS = ['serious', 'critical'];

/** Scans the page in both themes; returns "screen/theme rule: target …" for each blocking finding. */
async function scan(page: Page, screen: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'])
      .analyze();
    for (const v of result.violations) {
      if (!BLOCKING_IMPACTS.includes(v.impact ?? '')) continue;
      const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' '));
      found.push(`${screen}/${colorScheme} ${v.id} (${v.impact}): ${targets.join(' | ')}`);
    }
  }
  return found;
}

test('axe: no serious or critical violations on any screen, light and dark; titles and focus follow the screen', async () => {
  test.setTimeout(240_000);
  const browser = await launchChromium(fakeCameraArgs(resolve(paddedY4m('front-oblique-banded-squats.mp4'))));
  try {
    const page = await browser.context.newPage();
    await openLive(page);
    // The model, backend and measured speed sit in the collapsed "Advanced" section, not on the screen.
    const engine = page.getByTestId('engine');
    await expect(engine).toBeHidden();
    await expect(page.getByTestId('status')).not.toContainText('ms/frame');
    await page.getByText('Advanced: pose model and speed').click();
    await expect(engine).toBeVisible();
    await expect(engine).toContainText(/Model blazepose-full on wasm.*\d+ ms\/frame/);
    await expect(page.getByLabel('Backend')).toBeVisible();
    const findings = await scan(page, 'live (before a set)');

    await page.getByRole('button', { name: 'Start camera' }).click();
    const live = page.locator('#screen-live');
    await expect(live).toHaveAttribute('data-set', 'active', { timeout: 60_000 });
    findings.push(...(await scan(page, 'live (during a set)')));

    await page.getByRole('button', { name: 'End set' }).click();
    await expect(page).toHaveURL(/#\/review\//);
    await expect(page.getByTestId('summary-rep-count')).toBeVisible();
    await expect(page).toHaveTitle('Set review — squat-coach');
    await expect(page.locator('#screen-review h2').first()).toBeFocused();
    findings.push(...(await scan(page, 'review')));

    await page.getByRole('link', { name: 'Analyse a video' }).click();
    await expect(page).toHaveTitle('Analyse a video — squat-coach');
    await expect(page.getByRole('heading', { name: 'Analyse a recorded video' })).toBeFocused();
    findings.push(...(await scan(page, 'file')));

    await page.getByRole('link', { name: 'History' }).click();
    await expect(page).toHaveTitle('History — squat-coach');
    await expect(page.locator('#screen-history h2').first()).toBeFocused();
    await expect(page.getByTestId('history-count')).toHaveText(/\(1\)/);
    findings.push(...(await scan(page, 'history')));

    await page.getByTestId('session-report').first().click();
    await expect(page).toHaveURL(/#\/report\//);
    findings.push(...(await scan(page, 'report (print view)')));

    await page.getByRole('link', { name: 'Live' }).click();
    await expect(page).toHaveTitle('Live coaching — squat-coach');
    await expect(page.getByRole('heading', { name: 'Live coaching' })).toBeFocused();

    await page.getByTestId('mode-choice').getByRole('link', { name: 'Single-leg check' }).click();
    await expect(page.getByTestId('single-leg-start')).toBeVisible();
    findings.push(...(await scan(page, 'single-leg check (start)')));
    await replaySingleLegCheck(page);
    findings.push(...(await scan(page, 'single-leg report')));

    expect(findings, findings.join('\n')).toEqual([]);
  } finally {
    await browser.close();
  }
});
