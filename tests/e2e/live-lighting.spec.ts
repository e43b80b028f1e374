/**
 * The live screen's "too dark" check on both ways camera frames reach the model (?liveFrames=),
 * through the real app, worker and model. Made with ffmpeg: the banded fixture clip with its luma
 * scaled to a fifth (`lutyuv=y=val*0.2`, mean luma ~20 against TOO_DARK_LUMA 45), fed to Chromium's
 * fake camera; the plain clip is the control. Where the worker reads the frames it measures their
 * luma itself, so the page never draws the <video> for it (drawing a 640 × 480 frame cost the page's
 * thread 9 ms at the median): a spy counts the page's drawImage calls on a <video>.
 */
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { launchChromium, fakeCameraArgs } from '../../scripts/lib/chromium';
import { toY4m, y4mPathFor } from './clips';
import { openLive } from './live-helpers';

const CLIP = 'front-oblique-banded-squats.mp4';
const DARK_TEXT = /too dark to see you/;
/** Long enough for several 500 ms housekeeping ticks after the first pose. */
const WATCH_MS = 4000;

const darkY4m = (): string => {
  const src = y4mPathFor(CLIP);
  return toY4m(src, src.replace(/\.y4m$/, '.dark.y4m'), 'lutyuv=y=val*0.2');
};

async function spyVideoDraws(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __videoDraws: number };
    w.__videoDraws = 0;
    const draw = CanvasRenderingContext2D.prototype.drawImage;
    CanvasRenderingContext2D.prototype.drawImage = function (
      this: CanvasRenderingContext2D,
      ...a: unknown[]
    ) {
      if (a[0] instanceof HTMLVideoElement) w.__videoDraws++;
      return (draw as (...args: unknown[]) => void).apply(this, a);
    } as typeof draw;
  });
}

for (const path of ['worker', 'page'] as const) {
  for (const dark of [true, false]) {
    test(`frames read by the ${path}: a ${dark ? 'dark' : 'lit'} room ${dark ? 'gets' : 'does not get'} "too dark"`, async () => {
      const browser = await launchChromium(fakeCameraArgs(resolve(dark ? darkY4m() : y4mPathFor(CLIP))));
      try {
        const page = await browser.context.newPage();
        await spyVideoDraws(page);
        await openLive(page, `?model=blazepose-lite&backend=wasm&liveFrames=${path}`);
        await page.getByRole('button', { name: 'Start camera' }).click();
        const overlay = page.getByTestId('overlay');
        await expect(overlay).toHaveAttribute('data-frame-path', path, { timeout: 60_000 });
        const status = page.getByTestId('status');
        if (dark) await expect(status).toHaveText(DARK_TEXT, { timeout: 30_000 });
        else {
          await expect
            .poll(async () => Number(await overlay.getAttribute('data-keypoints-drawn')), { timeout: 60_000 })
            .toBeGreaterThan(0);
          await page.waitForTimeout(WATCH_MS);
          await expect(status).not.toHaveText(DARK_TEXT);
        }
        const draws = await page.evaluate(() => (window as unknown as { __videoDraws: number }).__videoDraws);
        if (path === 'worker') expect(draws).toBe(0);
        else expect(draws).toBeGreaterThan(0);
      } finally {
        await browser.close();
      }
    });
  }
}
