/**
 * The production build, served by `vite preview`: the pose worker's bundle is minified (issue 12
 * asks for ≥ 40 % below the 2.7 MB bundle that kept its licence headers and the tfjs umbrella), and
 * the threaded wasm build still runs inside it. This machine has 2 cores, where the app would not
 * start threads by itself, so the page forces 2 with `?threads=2` (src/pose/pose-engine.ts).
 */
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { fakeCameraArgs, launchChromium } from '../../scripts/lib/chromium';
import { buildAndPreview, workerBundleOf, type ProdServer } from '../../scripts/lib/prod-server';
import { y4mPathFor } from './clips';

/** Bytes of the worker bundle before it was minified properly (build of commit fdabfc1). */
const WORKER_BYTES_BEFORE = 2_720_053;
/** The target: at least 40 % smaller. */
const MAX_WORKER_SHARE_OF_BEFORE = 0.6;

let server: ProdServer;
test.beforeAll(async () => {
  server = await buildAndPreview();
});
test.afterAll(async () => {
  await server?.close();
});

test('the built worker bundle is at least 40 % smaller than before', () => {
  const { file, bytes } = workerBundleOf(server.outDir);
  test.info().annotations.push({ type: 'worker bundle', description: `${file}: ${bytes} bytes` });
  expect(bytes).toBeLessThanOrEqual(WORKER_BYTES_BEFORE * MAX_WORKER_SHARE_OF_BEFORE);
});

test('the minified build runs the threaded wasm backend with 2 threads and draws keypoints', async () => {
  const browser = await launchChromium(
    fakeCameraArgs(resolve(y4mPathFor('front-oblique-banded-squats.mp4'))),
  );
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(new URL('?model=blazepose-full&backend=wasm&threads=2#/live', server.url).href);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('engine')).toContainText('2 threads', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    const overlay = page.getByTestId('overlay');
    await expect
      .poll(async () => Number(await overlay.getAttribute('data-keypoints-drawn')), { timeout: 90_000 })
      .toBeGreaterThanOrEqual(20);
    // A thread that died on a rewritten guard shows up as a ReferenceError in the console.
    expect(errors.filter((e) => /ReferenceError|is not defined/.test(e))).toEqual([]);
  } finally {
    await browser.close();
  }
});
