/**
 * The pose worker's contract, in the real browser with the real model: one frame in flight (others
 * dropped, not queued), dispose rejects pending calls, no tensor leak, and load failures fall back.
 */
import { test, expect, type Page } from '@playwright/test';

const BANDED_CLIP = 'fixtures/front-oblique-banded-squats.mp4';
/** Time in the banded clip where the person stands in full view, s. */
const PERSON_IN_VIEW_S = 1;

async function openHarness(page: Page): Promise<void> {
  await page.goto('/src/harness/analyze.html');
  await page.waitForFunction(() => 'squatCoachHarness' in window);
  await page.setInputFiles('#file', BANDED_CLIP);
}

test('frames sent while the worker is busy are dropped and closed, never queued', async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async (t) => {
    const h = window.squatCoachHarness;
    const client = await h.fullModelClient();
    const frames = await Promise.all([0, 1, 2].map(() => h.frameFromFile(t)));
    const calls = frames.map((f, i) => client.estimate(f, i * 33));
    const results = await Promise.all(calls);
    const out = {
      first: results[0]?.pose.keypoints !== null && results[0] !== null,
      dropped: results.slice(1).map((x) => x === null),
      droppedCount: client.droppedFrames,
      sent: client.sentFrames,
      // A closed ImageBitmap reports 0×0: transferred (first) and dropped (others) alike.
      widths: frames.map((f) => f.width),
      busyAfter: client.busy,
    };
    client.dispose();
    return out;
  }, PERSON_IN_VIEW_S);
  expect(r.first).toBe(true);
  expect(r.dropped).toEqual([true, true]);
  expect(r.droppedCount).toBe(2);
  expect(r.sent).toBe(1);
  expect(r.widths).toEqual([0, 0, 0]);
  expect(r.busyAfter).toBe(false);
});

test('dispose rejects the pending call and every later one', async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async (t) => {
    const h = window.squatCoachHarness;
    const client = await h.fullModelClient();
    const pending = client.estimate(await h.frameFromFile(t), 0);
    client.dispose();
    const outcome = await pending.then(
      () => 'resolved',
      (e: Error) => e.name,
    );
    const later = await client.memory().then(
      () => 'resolved',
      (e: Error) => e.name,
    );
    return { outcome, later };
  }, PERSON_IN_VIEW_S);
  expect(r.outcome).toBe('PoseClientDisposedError');
  expect(r.later).toBe('PoseClientDisposedError');
});

test('200 estimates leave tf.memory().numTensors unchanged', async ({ page }) => {
  test.setTimeout(300_000);
  await openHarness(page);
  const r = await page.evaluate(async (t) => {
    const h = window.squatCoachHarness;
    const client = await h.fullModelClient();
    const source = await h.frameFromFile(t);
    // One estimate first: the detector allocates its lasting state on first use.
    await client.estimate(await createImageBitmap(source), 0);
    const before = (await client.memory()).numTensors;
    let withPerson = 0;
    for (let i = 1; i <= 200; i++) {
      const res = await client.estimate(await createImageBitmap(source), i * 33);
      if (res?.pose.keypoints) withPerson++;
    }
    const after = (await client.memory()).numTensors;
    client.dispose();
    return { before, after, withPerson };
  }, PERSON_IN_VIEW_S);
  expect(r.withPerson).toBe(200);
  expect(r.after).toBe(r.before);
});

test('a model that fails to load falls back to the next model, with a visible message', async ({ page }) => {
  await page.route('**/models/blazepose-full.bin', (route) => route.abort('failed'));
  await page.goto('/?model=blazepose-full&backend=wasm');
  await expect(page.getByTestId('status')).toContainText(
    'blazepose-full could not be loaded, using blazepose-lite',
    {
      timeout: 120_000,
    },
  );
  await expect(page.getByTestId('engine')).toHaveAttribute('data-model', 'blazepose-lite');
});

test('a backend that fails to start falls back to the next backend, with a visible message', async ({
  page,
}) => {
  // The wasm binaries themselves (not the dev server's `?url` modules that name them) are unreachable.
  await page.route(
    (url) => url.pathname.endsWith('.wasm') && url.search === '',
    (route) => route.abort('failed'),
  );
  await page.goto('/?model=movenet-lightning&backend=wasm');
  await expect(page.getByTestId('status')).toContainText('wasm did not work, using', { timeout: 150_000 });
  await expect(page.getByTestId('engine')).toHaveAttribute('data-backend', /webgl|cpu/);
});

test('the worker reads a frame the page sends (a VideoFrame) as the page does: the same keypoints as the model on the page', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // What the page posts to the worker: each frame goes as a VideoFrame (client.ts asVideoFrame).
  await page.addInitScript(() => {
    const w = window as unknown as { __posted: string[] };
    w.__posted = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const args = (message as { argumentList?: { value?: unknown }[] } | null)?.argumentList ?? [];
      for (const a of args) {
        if (a.value instanceof VideoFrame) w.__posted.push('VideoFrame');
        else if (a.value instanceof ImageBitmap) w.__posted.push('ImageBitmap');
      }
      return (post as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof post;
  });
  await page.goto('/src/harness/bench.html');
  await page.waitForFunction(() => 'squatCoachBench' in window);
  await page.setInputFiles('#files', BANDED_CLIP);
  await page.evaluate(() => window.squatCoachBench.decode(6));
  const r = await page.evaluate(() => window.squatCoachBench.agreement('blazepose-full', 6));
  // A person in every frame; the pixels read the worker's way (bitmap-pixels.ts) give the model the
  // same input, so the keypoints agree to well under a pixel (a swapped channel or lost alpha moves
  // them by many).
  expect(r.bothFound).toBe(6);
  expect(r.maxDiffPx).toBeLessThan(0.5);
  const posted = await page.evaluate(() => (window as unknown as { __posted: string[] }).__posted);
  expect(posted.length).toBeGreaterThanOrEqual(6);
  expect(new Set(posted)).toEqual(new Set(['VideoFrame']));
});
