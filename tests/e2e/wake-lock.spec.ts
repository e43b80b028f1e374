/**
 * The screen wake lock (src/media/wake-lock.ts) on the live screen, with Chromium's fake camera and
 * the real model: `navigator.wakeLock.request('screen')` is called once the set runs, called again
 * after the page is hidden and shown (the browser drops the lock while hidden), and the lock is let
 * go when the set ends. Visibility is emulated: a headless tab cannot really be hidden.
 */
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { launchChromium, fakeCameraArgs } from '../../scripts/lib/chromium';
import { installSpies, openLive, paddedY4m } from './live-helpers';

interface WakeSpy {
  __wakeRequests: string[];
  __wakeReleases: number;
  __setVisibility: (state: DocumentVisibilityState) => void;
}

/** Records every wake-lock request and release, passing them on to the real API. */
async function installWakeSpy(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as WakeSpy;
    w.__wakeRequests = [];
    w.__wakeReleases = 0;
    const api = navigator.wakeLock;
    const request = api.request.bind(api);
    api.request = async (type: WakeLockType = 'screen'): Promise<WakeLockSentinel> => {
      w.__wakeRequests.push(type);
      const sentinel = await request(type);
      const release = sentinel.release.bind(sentinel);
      sentinel.release = (): Promise<void> => {
        w.__wakeReleases++;
        return release();
      };
      return sentinel;
    };
    w.__setVisibility = (state) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    };
  });
}

const requests = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as WakeSpy).__wakeRequests);
const releases = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as WakeSpy).__wakeReleases);
const setVisibility = (page: Page, state: DocumentVisibilityState): Promise<void> =>
  page.evaluate((s) => (window as unknown as WakeSpy).__setVisibility(s), state);

test('wake lock: requested during a set, again after hidden → shown, released at the end', async () => {
  const browser = await launchChromium(fakeCameraArgs(resolve(paddedY4m('front-oblique-banded-squats.mp4'))));
  try {
    const page = await browser.context.newPage();
    await installWakeSpy(page);
    await installSpies(page);
    await openLive(page);
    expect(await requests(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start camera' }).click();
    const screen = page.locator('#screen-live');
    // The set starts hands-free once the person in the clip stands in view.
    await expect(screen).toHaveAttribute('data-set', 'active', { timeout: 60_000 });
    await expect.poll(() => requests(page)).toEqual(['screen']);

    await setVisibility(page, 'hidden');
    await expect(screen).toHaveAttribute('data-paused', 'true');
    expect(await requests(page)).toEqual(['screen']);
    await setVisibility(page, 'visible');
    await expect.poll(() => requests(page)).toEqual(['screen', 'screen']);
    await expect(screen).toHaveAttribute('data-paused', 'false');

    const releasedBefore = await releases(page);
    await page.getByRole('button', { name: 'End set' }).click();
    await expect(screen).toHaveAttribute('data-set', 'ended');
    await expect.poll(() => releases(page)).toBe(releasedBefore + 1);
    expect(await requests(page)).toEqual(['screen', 'screen']);
  } finally {
    await browser.close();
  }
});
