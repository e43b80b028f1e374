/**
 * The served app with Chromium's fake camera fed by a real clip: keypoints get drawn over the live
 * video through the real worker and model, and the page talks to no host but its own.
 */
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { launchChromium, fakeCameraArgs } from '../../scripts/lib/chromium';
import { y4mPathFor } from './clips';

test('fake camera: keypoints drawn over the live video, no request leaves the origin', async ({
  baseURL,
}) => {
  const browser = await launchChromium(
    fakeCameraArgs(resolve(y4mPathFor('front-oblique-banded-squats.mp4'))),
  );
  try {
    const page = await browser.context.newPage();
    const origin = new URL(baseURL ?? '').origin;
    const foreign: string[] = [];
    browser.context.on('request', (r) => {
      const url = new URL(r.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) foreign.push(r.url());
    });
    await page.goto('/?model=blazepose-full&backend=auto');
    await page.getByRole('button', { name: 'Start camera' }).click();
    const overlay = page.getByTestId('overlay');
    // The clip shows one whole person: BlazePose's 33 keypoints, most of them confident.
    await expect
      .poll(async () => Number(await overlay.getAttribute('data-keypoints-drawn')), { timeout: 90_000 })
      .toBeGreaterThanOrEqual(20);
    await expect(page.getByTestId('engine')).toContainText('blazepose-full');
    await expect(page.getByTestId('engine')).toHaveAttribute('data-backend', /wasm|webgl|cpu/);
    // The overlay keeps drawing camera frame after camera frame.
    const before = Number(await overlay.getAttribute('data-frames-drawn'));
    await expect
      .poll(async () => Number(await overlay.getAttribute('data-frames-drawn')))
      .toBeGreaterThan(before + 5);
    expect(foreign).toEqual([]);
  } finally {
    await browser.close();
  }
});
