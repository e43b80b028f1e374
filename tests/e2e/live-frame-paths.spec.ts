/**
 * Both ways the live screen gets camera frames to the model (src/features/live/live-loop.ts), forced
 * with ?liveFrames=, through the real app, worker and model with Chromium's fake camera: the screen
 * reports the path that ran, keypoints are drawn, the hands-free set counts the clip's reps, and
 * each pose's capture time lies before its drawing by at least the model's own time (the worker
 * path maps VideoFrame timestamps onto the page's clock: src/pose/capture-clock.ts).
 */
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { launchChromium, fakeCameraArgs } from '../../scripts/lib/chromium';
import type { LiveStats } from '../../src/features/live/live-test-hooks';
import { FIXTURE_CLIPS } from './clips';
import { PAD_AFTER_S, PAD_BEFORE_S, clipDurationS, openLive, paddedY4m, repCount } from './live-helpers';

const CLIP = FIXTURE_CLIPS.find((c) => c.file === 'front-oblique-banded-squats.mp4');
/** Slack after the padded clip's end for the set to have ended by itself, ms (model start-up, slow frames). */
const END_SLACK_MS = 20_000;
/** Longest plausible capture → drawn time beyond the model's own, ms: far past the 40 ms budget, far under a wrong pairing's seconds. */
const MAX_OVERHEAD_MS = 250;

for (const path of ['worker', 'page'] as const) {
  test(`live frames read by the ${path}: path reported, keypoints drawn, reps counted, capture times sane`, async () => {
    if (CLIP === undefined) throw new Error('fixture clip missing');
    const durationS = clipDurationS(CLIP.file);
    const browser = await launchChromium(fakeCameraArgs(resolve(paddedY4m(CLIP.file))));
    try {
      const page = await browser.context.newPage();
      await openLive(page, `?model=blazepose-full&backend=wasm&liveFrames=${path}`);
      await page.getByRole('button', { name: 'Start camera' }).click();
      const overlay = page.getByTestId('overlay');
      await expect(overlay).toHaveAttribute('data-frame-path', path, { timeout: 60_000 });
      await expect
        .poll(async () => Number(await overlay.getAttribute('data-keypoints-drawn')), { timeout: 60_000 })
        .toBeGreaterThanOrEqual(15);
      await expect(page.locator('#screen-live')).toHaveAttribute('data-set', 'ended', {
        timeout: (PAD_BEFORE_S + durationS + PAD_AFTER_S) * 1000 + END_SLACK_MS,
      });
      expect(await repCount(page)).toBe(CLIP.completeReps);
      const stats = await page.evaluate(() =>
        (window as unknown as { squatCoachTest: { stats: () => LiveStats } }).squatCoachTest.stats(),
      );
      expect(stats.poses).toBeGreaterThan(durationS * 5);
      const overhead = stats.latencyMs
        .map((l, i) => l - (stats.inferenceMs[i] ?? Number.NaN))
        .sort((a, b) => a - b);
      const median = overhead[Math.floor(overhead.length / 2)] ?? Number.NaN;
      expect(median).toBeGreaterThanOrEqual(0);
      expect(median).toBeLessThan(MAX_OVERHEAD_MS);
    } finally {
      await browser.close();
    }
  });
}
