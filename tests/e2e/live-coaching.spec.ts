/**
 * The live screen with Chromium's fake camera fed by each fixture clip (real worker, real model):
 * the set starts and ends hands-free, the rep counter ends at the clip's complete reps, no fault cue
 * shows on these good-form clips, keypoints are drawn, and nothing is requested from another host.
 * Each clip is padded with black before and after, so the set ends (walked away) before the fake
 * camera loops the clip.
 */
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { launchChromium, fakeCameraArgs } from '../../scripts/lib/chromium';
import { FIXTURE_CLIPS } from './clips';
import { FAULT_CUE_IDS } from '../../src/core/coaching/cues';
import {
  PAD_AFTER_S,
  PAD_BEFORE_S,
  clipDurationS,
  cuesSeen,
  installSpies,
  openLive,
  paddedY4m,
  repCount,
} from './live-helpers';

/** Slack after the padded clip's end for the set to have ended by itself, ms (model start-up, slow frames). */
const END_SLACK_MS = 20_000;

const SCREENSHOT_CLIPS: Record<string, { file: string; width: number; height: number }> = {
  'front-oblique-banded-squats.mp4': { file: 'docs/screenshot-live.png', width: 1280, height: 800 },
  'side-bodyweight-squat.mp4': { file: 'docs/screenshot-live-phone.png', width: 390, height: 844 },
};

function watchForeignRequests(page: Page, baseURL: string | undefined): string[] {
  const origin = new URL(baseURL ?? '').origin;
  const foreign: string[] = [];
  page.context().on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) foreign.push(r.url());
  });
  return foreign;
}

for (const clip of FIXTURE_CLIPS) {
  test(`live ${clip.file}: hands-free set ends at ${clip.completeReps} reps, no fault cue, keypoints drawn`, async ({
    baseURL,
  }) => {
    const durationS = clipDurationS(clip.file);
    const browser = await launchChromium(fakeCameraArgs(resolve(paddedY4m(clip.file))));
    try {
      const page = await browser.context.newPage();
      const shot = SCREENSHOT_CLIPS[clip.file];
      await page.setViewportSize(
        shot ? { width: shot.width, height: shot.height } : { width: 1280, height: 800 },
      );
      const foreign = watchForeignRequests(page, baseURL);
      await installSpies(page);
      await openLive(page);
      if (shot) {
        await page.screenshot({ path: shot.file.replace('live', 'setup') });
      }
      await page.getByRole('button', { name: 'Start camera' }).click();
      const overlay = page.getByTestId('overlay');
      await expect
        .poll(async () => Number(await overlay.getAttribute('data-keypoints-drawn')), { timeout: 60_000 })
        .toBeGreaterThanOrEqual(15);
      if (shot) {
        // Mid-set, once the first rep is in: the counter, the gauges and the skeleton together.
        await expect.poll(() => repCount(page), { timeout: durationS * 1000 }).toBeGreaterThanOrEqual(1);
        await page.screenshot({ path: shot.file });
      }
      const screen = page.locator('#screen-live');
      await expect(screen).toHaveAttribute('data-set', 'ended', {
        timeout: (PAD_BEFORE_S + durationS + PAD_AFTER_S) * 1000 + END_SLACK_MS,
      });
      await expect(page.getByTestId('status')).toContainText(`Set done: ${clip.completeReps} rep`);
      expect(await repCount(page)).toBe(clip.completeReps);
      const faults = (await cuesSeen(page)).filter((id) => (FAULT_CUE_IDS as readonly string[]).includes(id));
      expect(faults).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await browser.close();
    }
  });
}
