/**
 * Stepping down to the lite model on a slow device (src/pose/model-step-down.ts), real browser,
 * worker and models. The project's machines time BlazePose full at ~45–110 ms/frame, around the
 * default budget (105 ms), so `?stepDownMs=20` makes it "slow" whatever the machine: the app then
 * times lite too, uses it, says so on the live screen and in the engine line, and keeps coaching
 * (keypoints, reps from Chromium's fake camera). A second visit applies the remembered timings
 * without timing anything and loads lite alone; "Measure again" times both and decides afresh. With
 * a budget the default model meets it keeps BlazePose full.
 */
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { launchChromium, fakeCameraArgs } from '../../scripts/lib/chromium';
import { LITE_WIN_RATIO } from '../../src/pose/model-step-down';
import { clipDurationS, paddedY4m, repCount, PAD_BEFORE_S } from './live-helpers';

const CLIP = 'front-oblique-banded-squats.mp4';
/** A budget both models miss here, ms/frame: lite (~35–60 ms) is still the faster. */
const FORCED = '?stepDownMs=20';
/** A step-down budget, ms/frame, that any device running the model at all meets. */
const MET_BUDGET_MS = 1000;

/** The engine line once it names `text` (it sits in the collapsed Advanced section: attached only). */
async function engineLine(page: Page, text: string | RegExp): Promise<string> {
  const engine = page.getByTestId('engine');
  await engine.filter({ hasText: text }).waitFor({ state: 'attached', timeout: 240_000 });
  return (await engine.textContent()) ?? '';
}

/** Either decision of the rule, with both models' timings, from a fresh measurement. */
const DECIDED = /^(?!.*earlier start).*blazepose-full (\d+) ms vs blazepose-lite (\d+) ms per frame/;
/** Measurements tried before the test gives up on seeing lite timed faster here. */
const MAX_MEASUREMENTS = 3;

/** "Measure again" in the Advanced section (opened first if closed). */
async function measureAgain(page: Page): Promise<void> {
  const advanced = page.locator('details.advanced');
  if (!(await advanced.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.getByText('Advanced: pose model and speed').click();
  }
  await page.getByRole('button', { name: 'Measure again' }).click();
}

/**
 * The engine line once the rule has stepped down. One warm-up per model on 2 shared cores can time
 * lite within `LITE_WIN_RATIO` of full (a busy moment during lite's run); then full rightly stays,
 * which is checked, and "Measure again" times both afresh.
 */
async function steppedDownByMeasuring(page: Page): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const line = await engineLine(page, DECIDED);
    if (line.includes('stepped down')) return line;
    const [, fullMs, liteMs] = DECIDED.exec(line) ?? [];
    expect(line, 'the rule keeps full only when lite was not clearly faster').toContain(
      'was not clearly faster',
    );
    expect(Number(liteMs)).toBeGreaterThanOrEqual(Number(fullMs) * LITE_WIN_RATIO - 1);
    expect(attempt, `lite never timed faster than full here: ${line}`).toBeLessThan(MAX_MEASUREMENTS);
    // The line changes only when the new measurement is decided: blank it so the next read is that.
    await page.getByTestId('engine').evaluate((e) => {
      e.textContent = '';
    });
    await measureAgain(page);
  }
}

/** The page's start marks (src/pose/start-marks.ts): which models this visit loaded. */
const startMarks = (page: Page): Promise<string[]> =>
  page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));

test('a budget this machine misses: steps down to lite, says so, coaches on, and a reload reuses it', async () => {
  test.setTimeout(420_000);
  const durationS = clipDurationS(CLIP);
  const browser = await launchChromium(fakeCameraArgs(resolve(paddedY4m(CLIP))));
  try {
    const page = await browser.context.newPage();
    // No ?model=: the app's default model, which may step down.
    await page.goto(`/${FORCED}#/live`);
    const first = await steppedDownByMeasuring(page);
    expect(first).toMatch(/^Model blazepose-lite on wasm/);
    expect(first).toMatch(/blazepose-full \d+ ms vs blazepose-lite \d+ ms per frame, budget 20\.0 ms/);
    const engine = page.getByTestId('engine');
    await expect(engine).toHaveAttribute('data-model', 'blazepose-lite');
    await expect(engine).toHaveAttribute('data-step-down', /^stepped-down/);
    const notice = page.getByTestId('model-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('the Fast model (BlazePose lite)');
    await expect(notice).toContainText('Choose a model in Advanced to change it.');
    // The Quality list shows the model in use.
    await expect(page.locator('#model')).toHaveValue('blazepose-lite');

    // Lite coaches: keypoints over the video, frame after frame, and the reps counted.
    await page.getByRole('button', { name: 'Start camera' }).click();
    const overlay = page.getByTestId('overlay');
    await expect
      .poll(async () => Number(await overlay.getAttribute('data-keypoints-drawn')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(15);
    const drawn = Number(await overlay.getAttribute('data-frames-drawn'));
    await expect
      .poll(async () => Number(await overlay.getAttribute('data-frames-drawn')))
      .toBeGreaterThan(drawn + 5);
    await expect
      .poll(() => repCount(page), { timeout: (PAD_BEFORE_S + durationS) * 1000 + 20_000 })
      .toBeGreaterThanOrEqual(1);

    // A second visit: the remembered timings pick lite again, loaded alone, nothing timed. (Via a
    // blank page: the same URL with a fragment would be a same-document navigation, no reload.)
    await page.goto('about:blank');
    await page.goto(`/${FORCED}#/live`);
    const second = await engineLine(page, 'stepped down');
    expect(second).toMatch(/^Model blazepose-lite on wasm, \d threads? — measured at an earlier start/);
    await expect(notice).toBeVisible();
    const marks = await startMarks(page);
    expect(marks).toContain('start:blazepose-lite loaded on wasm');
    expect(marks.filter((m) => m.includes('blazepose-full'))).toEqual([]);

    // "Measure again" times both models afresh and decides again, by the same rule on the new
    // figures (one warm-up each: on shared cores lite can time within 0.9× of full, and then full
    // rightly stays).
    await measureAgain(page);
    const third = await engineLine(page, DECIDED);
    const [, fullMs, liteMs] = DECIDED.exec(third) ?? [];
    const boundaryMs = Number(fullMs) * LITE_WIN_RATIO;
    // The line rounds to whole ms: within a ms of the boundary either outcome is the rule's.
    if (Math.abs(Number(liteMs) - boundaryMs) > 1) {
      const steppedDown = Number(liteMs) < boundaryMs;
      expect(third).toContain(steppedDown ? 'stepped down' : 'was not clearly faster');
      if (steppedDown) await expect(engine).toHaveAttribute('data-model', 'blazepose-lite');
    }
  } finally {
    await browser.close();
  }
});

test('a budget the default model meets: it keeps BlazePose full, and says nothing', async ({ page }) => {
  test.setTimeout(300_000);
  // 1000 ms/frame: met by any device that runs at all, so the outcome does not hang on this machine's
  // load (here full times 45–110 ms/frame against the default 105 ms budget; the rule's boundaries
  // are unit-tested in tests/unit/model-step-down.test.ts).
  await page.goto(`/?stepDownMs=${MET_BUDGET_MS}#/live`);
  const line = await engineLine(page, 'threads measured');
  expect(line).toMatch(/^Model blazepose-full on /);
  const engine = page.getByTestId('engine');
  await expect(engine).toHaveAttribute('data-step-down', 'none');
  await expect(page.getByTestId('model-notice')).toBeHidden();
  // The figure the rule read: full's remembered warm-up, within that budget.
  const msPerFrame = await page.evaluate(() => {
    const all = JSON.parse(localStorage.getItem('squat-coach.engine-decisions.v3') ?? '{}') as Record<
      string,
      { msPerFrame: number }
    >;
    return Object.entries(all).find(([key]) => key.startsWith('blazepose-full|'))?.[1].msPerFrame;
  });
  expect(msPerFrame).toBeLessThanOrEqual(MET_BUDGET_MS);
  await expect(page.locator('#model')).toHaveValue('blazepose-full');
});
