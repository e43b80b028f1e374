/**
 * The installed app offline, on the production build (`vite build` + `vite preview`, built once for
 * this file): after one online visit the service worker controls the page and has precached the
 * shell, the wasm binaries and the default model. A new version announces itself and reloads only
 * on the person's click. Then the network goes (Playwright's offline mode,
 * and the preview server is stopped too, so nothing can be fetched behind the emulation's back) and
 * the page is reloaded: a live set runs from the fake camera to its review, and a fixture file is
 * analysed, with no failed request throughout.
 */
import { test, expect, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium, fakeCameraArgs } from '../../scripts/lib/chromium';
import { FIXTURE_CLIPS } from './clips';
import { PAD_AFTER_S, PAD_BEFORE_S, clipDurationS, paddedY4m } from './live-helpers';

/** Where this spec builds the app: not dist/, which a developer may be previewing. */
const BUILD_DIR = '.cache/e2e-dist';
/** Port of this spec's preview server (the dev server for the other specs is on 5199). */
const PREVIEW_PORT = 4198;
const ORIGIN = `http://127.0.0.1:${PREVIEW_PORT}`;
/** The model and backend the other live tests use; the query also exercises the navigation fallback. */
const APP_URL = `${ORIGIN}/?model=blazepose-full&backend=wasm`;
/** The 5 fps clip: the shortest live set and the quickest file to analyse (docs/benchmarks.md). */
const CLIP = 'front-oblique-banded-squats.mp4';
const CLIP_REPS = FIXTURE_CLIPS.find((c) => c.file === CLIP)?.completeReps ?? NaN;
/** Slack for a set to end by itself after the padded clip, ms (model start-up, slow frames). */
const END_SLACK_MS = 20_000;

let server: ChildProcess | null = null;

function stopServer(): void {
  // Detached into its own process group: end npx and the vite it started together.
  if (server?.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  server = null;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  execFileSync('npx', ['vite', 'build', '--outDir', BUILD_DIR, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  await startServer();
});

async function startServer(): Promise<void> {
  server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', BUILD_DIR, '--port', String(PREVIEW_PORT), '--strictPort'],
    { detached: true, stdio: 'ignore' },
  );
  await expect
    .poll(async () => (await fetch(`${ORIGIN}/`).catch(() => null))?.status ?? 0, { timeout: 30_000 })
    .toBe(200);
}

test.afterAll(stopServer);

/**
 * Publishes "a new version": one hex digit of a precache revision in sw.js changes, so the browser's
 * byte-for-byte update check finds a new worker. The file keeps its length: the preview server
 * computed its headers at start-up.
 */
function publishNewVersion(): void {
  const file = `${BUILD_DIR}/sw.js`;
  const sw = readFileSync(file, 'utf8');
  const at = sw.search(/revision:"[0-9a-f]/) + 'revision:"'.length;
  writeFileSync(file, sw.slice(0, at) + (sw[at] === '0' ? '1' : '0') + sw.slice(at + 1));
}

const engineReady = (page: Page): Promise<void> =>
  page
    .getByTestId('engine')
    .filter({ hasText: 'blazepose' })
    .waitFor({ state: 'attached', timeout: 120_000 });

test('offline after one visit: a live set to its review and a file analysed, no request fails', async () => {
  test.setTimeout(170_000);
  const browser = await launchChromium(fakeCameraArgs(resolve(paddedY4m(CLIP))));
  try {
    const { context } = browser;
    const page = await context.newPage();
    await page.goto(APP_URL);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
    // Activation follows installation, which is the precache: a controlled page has everything.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    await expect(page.locator('html')).toHaveAttribute('data-offline-ready', 'true');
    await engineReady(page);

    const failed: string[] = [];
    // blob: and data: URLs never touch the network (a replay video's blob is aborted when its review
    // is replaced); every other failed request would be something the offline app could not load.
    context.on('requestfailed', (r) => {
      if (!/^(blob|data):/.test(r.url())) failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    stopServer();
    await context.setOffline(true);
    await expect.poll(async () => (await fetch(`${ORIGIN}/`).catch(() => null)) === null).toBe(true);
    await page.reload();
    await expect(page).toHaveTitle('Live coaching — squat-coach');
    await engineReady(page);

    await page.getByRole('button', { name: 'Start camera' }).click();
    const durationS = clipDurationS(CLIP);
    await expect(page).toHaveURL(/#\/review\//, {
      timeout: (PAD_BEFORE_S + durationS + PAD_AFTER_S) * 1000 + END_SLACK_MS,
    });
    // At least one rep and no more than the clip holds: live, a slow start on a busy machine can
    // miss the clip's first rep before the hands-free set begins (the file below counts exactly).
    const liveReps = Number(await page.getByTestId('summary-rep-count').textContent());
    expect(liveReps).toBeGreaterThanOrEqual(1);
    expect(liveReps).toBeLessThanOrEqual(CLIP_REPS);

    await page.getByRole('link', { name: 'Analyse a video' }).click();
    await page.getByTestId('file-input').setInputFiles(resolve('fixtures', CLIP));
    await expect(page).toHaveURL(/#\/review\//, { timeout: 60_000 });
    await expect(page.getByTestId('review-status')).toContainText('Saved to history');
    await expect(page.getByTestId('summary-rep-count')).toHaveText(String(CLIP_REPS));
    expect(failed).toEqual([]);

    // Back online, a new version announces itself and waits: no reload until the person clicks.
    await context.setOffline(false);
    publishNewVersion();
    await startServer();
    await page.evaluate(() => Object.assign(window, { firstLoad: true }));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByText('Update ready — reload to use the new version.')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-sw-update', 'ready');
    expect(await page.evaluate(() => 'firstLoad' in window)).toBe(true);
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(() => !('firstLoad' in window), null, { timeout: 30_000 });
  } finally {
    await browser.close();
  }
});
