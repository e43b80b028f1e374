/**
 * The single-leg check in the real page, from the mode choice to the report, then history.
 *
 * How the case was made: no single-leg footage exists, so the poses are a constructed track
 * (tests/constructed/single-leg.ts): the banded fixture clip's real BlazePose keypoints for the stance
 * leg, pelvis and trunk, the other leg held up from the real free hip; left leg first, the clip's 2
 * reps played 3 times per leg (6 reps a leg), and in left rep 2 the lifted foot touches down.
 *
 * The test seam (src/features/single-leg/single-leg-test-hooks.ts, `window.squatCoachSingleLeg`):
 * `replayTrack(track, speed)` starts the check with the real camera (Chromium's fake camera playing
 * the same clip supplies the pictures) and feeds each track frame to the check where the pose worker's
 * answer would arrive. Everything after the worker is the real app: the core's analyser, the protocol
 * reducer, speech, the frame ring and rep pictures, saving to IndexedDB, the report and history.
 * The fake camera plays the clip at its own pace, so a kept picture is the clip at that moment, not
 * necessarily the replayed pose: the test checks that pictures are kept, drawn and annotated, not
 * that the lines fall on the knee (tests/unit/single-leg-report.test.ts checks the geometry).
 */
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { fakeCameraArgs, launchChromium } from '../../scripts/lib/chromium';
import { framesToPoseTrack } from '../../src/core/pose/pose-track';
import { KEYPOINT_NAMES } from '../../src/core/pose/keypoints';
import { REP_WINDOWS } from '../constructed/inject';
import { deriveSingleLegCheck, touchDownInRep } from '../constructed/single-leg';
import { y4mPathFor } from './clips';
import { installSpies, spoken } from './live-helpers';
import type { SingleLegTestHooks } from '../../src/features/single-leg/single-leg-test-hooks';

const CLIP = 'front-oblique-banded-squats';
/** Replay speed: the 66 s track in ~11 s (the analysis runs on the track's own clock). */
const SPEED = 6;

function constructedTrack(): unknown {
  const d = deriveSingleLegCheck({
    clip: CLIP,
    reps: REP_WINDOWS[CLIP],
    cutMs: 9600,
    refMs: 4000,
    loops: 3,
    order: ['left', 'right'],
  });
  const frames = touchDownInRep(d.frames, 'left', d.windows.left[1] as (typeof d.windows.left)[number]);
  const first = frames.find((f) => f.keypoints !== null);
  return framesToPoseTrack(frames, {
    width: first?.widthPx ?? 0,
    height: first?.heightPx ?? 0,
    fps: 5,
    model: 'constructed',
    keypointNames: KEYPOINT_NAMES,
  });
}

test('single-leg check: mode choice → guided check → report with per-leg tables and annotated frames → history', async ({
  baseURL,
}) => {
  const track = constructedTrack();
  const browser = await launchChromium(fakeCameraArgs(resolve(y4mPathFor(`${CLIP}.mp4`))));
  try {
    const page = await browser.context.newPage();
    await installSpies(page);
    // The lightest model: the seam replaces its answers, but the screens still load one.
    await page.goto(new URL('/?model=movenet-lightning&backend=wasm#/live', baseURL).href);
    await page.getByTestId('mode-choice').getByRole('link', { name: 'Single-leg check' }).click();
    await expect(page.getByTestId('single-leg-start')).toBeVisible();
    await page.waitForFunction(() => 'squatCoachSingleLeg' in window);

    const replay = page.evaluate(
      async ({ track, speed }) => {
        const hooks = (window as unknown as { squatCoachSingleLeg: SingleLegTestHooks }).squatCoachSingleLeg;
        return hooks.replayTrack(track, speed);
      },
      { track, speed: SPEED },
    );
    // Mid-check: the prompt names the standing leg and the lifted foot, and counts reps per leg.
    const prompt = page.getByTestId('single-leg-prompt');
    await expect(prompt).toHaveAttribute('data-phase', 'reps', { timeout: 30_000 });
    await expect(prompt).toHaveText('LEFT leg standing — right foot off the floor');
    await expect(prompt).toHaveText('RIGHT leg standing — left foot off the floor', { timeout: 30_000 });
    // Left: 5 scored of 6 counted (rep 2 touched down).
    await expect(page.getByTestId('single-leg-reps-left')).toHaveText('5');
    await expect(page.getByTestId('single-leg-reps-left')).toHaveAttribute('data-counted', '6');
    await expect(page.getByText('(+1 not scored)')).toBeVisible();
    await page.screenshot({ path: 'docs/screenshot-single-leg-check.png' });
    const result = await replay;
    // Left: 6 reps (5 scored + the touch-down one); right stops once it has 5 scored.
    expect(result).toEqual({ left: 6, right: 5, phase: 'done' });
    const said = (await spoken(page)).join(' | ');
    expect(said).toContain('Stand on your LEFT leg');
    expect(said).toContain('not scored');
    expect(said).toContain('Switch legs');

    const report = page.getByTestId('single-leg-report');
    await expect(report).toBeVisible();
    await expect(page).toHaveURL(/#\/single-leg\/report\//);
    for (const leg of ['left', 'right'] as const) {
      await expect(page.locator(`[data-testid="single-leg-table"][data-leg="${leg}"]`)).toBeVisible();
    }
    await expect(page.locator('[data-testid="single-leg-rep-row"][data-leg="left"]')).toHaveCount(6);
    await expect(page.locator('[data-testid="single-leg-rep-row"][data-leg="right"]')).toHaveCount(5);
    const unscored = page.locator('[data-testid="single-leg-rep-row"][data-scored="false"]');
    await expect(unscored).toHaveCount(1);
    await expect(unscored).toHaveAttribute('data-leg', 'left');
    await expect(unscored).toContainText('not scored (foot touched down)');
    await expect(report).toContainText('Herrington 2014');
    await expect(report).toContainText('Munro 2012');
    await expect(report).toContainText('Piva 2006');
    await expect(page.getByTestId('single-leg-guidance')).toContainText('not a diagnosis');
    await expect(report).toContainText('Clamshells');

    // Two annotated frames per leg (median and worst rep), drawn, with non-blank pixels.
    const frames = page.locator('canvas[data-testid="single-leg-frame"]');
    await expect(frames).toHaveCount(4);
    await expect(page.locator('canvas[data-testid="single-leg-frame"][data-drawn="true"]')).toHaveCount(4);
    const stats = await frames.evaluateAll((els) =>
      els.map((el) => {
        const c = el as HTMLCanvasElement;
        const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let lit = 0;
        let annotated = 0;
        for (let i = 0; i < d.length; i += 4) {
          const [r, g, b] = [d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0];
          if (r + g + b > 60) lit++;
          // The thigh line's amber (#ffb000) — only the annotation draws it.
          if (r > 230 && g > 150 && g < 200 && b < 40) annotated++;
        }
        return {
          leg: c.dataset['leg'],
          kind: c.dataset['kind'],
          width: c.width,
          lit: lit / (d.length / 4),
          annotated,
        };
      }),
    );
    for (const leg of ['left', 'right']) {
      expect(stats.filter((s) => s.leg === leg).map((s) => s.kind)).toEqual(['median', 'worst']);
    }
    for (const s of stats) {
      expect(s.width).toBeGreaterThan(100);
      expect(s.lit).toBeGreaterThan(0.2);
      expect(s.annotated).toBeGreaterThan(50);
    }

    await page.screenshot({ path: 'docs/screenshot-single-leg-report.png', fullPage: true });
    await expect(page.getByTestId('single-leg-start')).toBeHidden();

    // Printable: the report alone, without the app's chrome.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.topbar')).toBeHidden();
    await expect(report).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    // Saved: history lists it with both legs' FPPA and pelvic drop, and its trend plots.
    await page.goto(new URL('/#/history', baseURL).href);
    const item = page.getByTestId('single-leg-history-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('L: FPPA');
    await expect(item).toContainText('R: FPPA');
    await expect(page.getByTestId('single-leg-trends').locator('svg')).toHaveCount(2);
    // …and reopens the same report, pictures included, from the database.
    await item.getByRole('link', { name: 'Report' }).click();
    await expect(page.locator('canvas[data-testid="single-leg-frame"][data-drawn="true"]')).toHaveCount(4);
    // "New check" leaves the report for a fresh set-up.
    await page.getByTestId('single-leg-new').click();
    await expect(page.getByTestId('single-leg-start')).toBeVisible();
    await expect(page.getByTestId('single-leg-report')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

test('single-leg check from a file: the file screen’s mode choice hands the track to the check (a two-leg squat clip → no single-leg rep, nothing saved)', async ({
  page,
}) => {
  // The real model on the banded clip (5 fps, ~10 s). It shows a two-leg squat: the check must find
  // no lifted foot, say so on its own screen and save nothing.
  await page.goto('/?model=blazepose-full&backend=wasm#/file');
  await page.getByTestId('file-mode').selectOption('single-leg');
  await page.getByTestId('file-input').setInputFiles(resolve('fixtures', `${CLIP}.mp4`));
  await expect(page).toHaveURL(/#\/single-leg$/, { timeout: 120_000 });
  await expect(page.getByTestId('single-leg-status')).toContainText(
    `No single-leg rep was found in ${CLIP}.mp4`,
    {
      timeout: 30_000,
    },
  );
  await page.goto('/#/history');
  await expect(page.getByTestId('single-leg-history-list')).toContainText('No single-leg checks yet.');
});
