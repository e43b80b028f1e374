/**
 * The live screen when things go wrong, in the real browser: camera permission denied or missing,
 * the camera track ending mid-set, the page hidden and shown, the pose worker killed mid-set. Each
 * shows its message in the status line and the reps so far survive.
 */
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { launchChromium, fakeCameraArgs } from '../../scripts/lib/chromium';
import { y4mPathFor } from './clips';
import { openLive, repCount } from './live-helpers';

/** The banded clip loops in the fake camera: a rep every few seconds, no long still standing. */
const LOOPING_CLIP = 'front-oblique-banded-squats.mp4';

async function rejectGetUserMedia(page: Page, name: string): Promise<void> {
  await page.addInitScript((errorName) => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('blocked by test', errorName));
  }, name);
}

/** Opens the live screen on the looping fake camera and waits for the first rep of the set. */
async function inASetWithARep(run: (page: Page) => Promise<void>): Promise<void> {
  const browser = await launchChromium(fakeCameraArgs(resolve(y4mPathFor(LOOPING_CLIP))));
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await openLive(page);
    await page.getByRole('button', { name: 'Start camera' }).click();
    await expect.poll(() => repCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await run(page);
  } finally {
    await browser.close();
  }
}

const keypointsDrawn = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('overlay').getAttribute('data-keypoints-drawn'));

test('camera permission denied: a plain message on how to allow it', async ({ page }) => {
  await rejectGetUserMedia(page, 'NotAllowedError');
  for (const [width, height, file] of [
    [1280, 800, 'docs/screenshot-error-denied.png'],
    [390, 844, 'docs/screenshot-error-denied-phone.png'],
  ] as const) {
    await page.setViewportSize({ width, height });
    await openLive(page);
    await page.getByRole('button', { name: 'Start camera' }).click();
    await expect(page.getByTestId('status')).toContainText('Camera access was blocked');
    await expect(page.getByTestId('status')).toHaveAttribute('data-kind', 'error');
    await page.screenshot({ path: file });
  }
});

test('no camera: says so and offers the video-file route', async ({ page }) => {
  await rejectGetUserMedia(page, 'NotFoundError');
  await openLive(page);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('status')).toContainText('No camera was found');
});

test('camera track ends mid-set: message, the set so far is kept and ends cleanly', async () => {
  await inASetWithARep(async (page) => {
    const before = await repCount(page);
    await page.evaluate(() => {
      const stream = document.querySelector('video')?.srcObject;
      if (stream instanceof MediaStream) for (const t of stream.getTracks()) t.stop();
    });
    await expect(page.getByTestId('status')).toContainText('The camera stopped', { timeout: 5_000 });
    await expect(page.locator('#screen-live')).toHaveAttribute('data-set', 'ended');
    expect(await repCount(page)).toBeGreaterThanOrEqual(before);
    await expect(page.getByTestId('status')).toContainText(`${await repCount(page)} rep`);
    // The finished set opens on the review screen; the live screen keeps the message for when they return.
    await page.evaluate(() => (location.hash = '#/live'));
    await expect(page.getByTestId('status')).toBeVisible();
    await page.screenshot({ path: 'docs/screenshot-error-camera-stopped.png' });
  });
});

test('page hidden then shown: pauses, keeps the reps, resumes', async () => {
  await inASetWithARep(async (page) => {
    const setVisibility = (state: 'hidden' | 'visible'): Promise<void> =>
      page.evaluate((s) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    const before = await repCount(page);
    await expect(page.getByTestId('status')).toContainText('Paused while this page is in the background');
    await page.waitForTimeout(2_000);
    expect(await repCount(page)).toBe(before);
    await setVisibility('visible');
    await expect(page.getByTestId('status')).toContainText('Welcome back');
    const drawnBefore = Number(await page.getByTestId('overlay').getAttribute('data-frames-drawn'));
    await expect
      .poll(async () => Number(await page.getByTestId('overlay').getAttribute('data-frames-drawn')))
      .toBeGreaterThan(drawnBefore + 5);
    expect(await repCount(page)).toBeGreaterThanOrEqual(before);
    await expect(page.locator('#screen-live')).toHaveAttribute('data-set', 'active');
  });
});

test('pose worker terminated mid-set: restarted, reps kept, keypoints drawn again', async () => {
  await inASetWithARep(async (page) => {
    const before = await repCount(page);
    await page.evaluate(() =>
      (
        window as unknown as { squatCoachTest: { terminateWorker: () => void } }
      ).squatCoachTest.terminateWorker(),
    );
    const status = page.getByTestId('status');
    await expect(status).toContainText('The pose model stopped', { timeout: 20_000 });
    expect(await repCount(page)).toBeGreaterThanOrEqual(before);
    await expect(status).not.toContainText('The pose model stopped', { timeout: 90_000 });
    await expect.poll(() => keypointsDrawn(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(15);
    expect(await repCount(page)).toBeGreaterThanOrEqual(before);
    await expect(page.locator('#screen-live')).toHaveAttribute('data-set', 'active');
    const restarts = await page.evaluate(
      () =>
        (
          window as unknown as { squatCoachTest: { stats: () => { workerRestarts: number } } }
        ).squatCoachTest.stats().workerRestarts,
    );
    expect(restarts).toBe(1);
  });
});
