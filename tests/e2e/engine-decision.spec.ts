/**
 * The engine choice on "auto" is measured at the first start on a device and remembered
 * (src/pose/engine-decision.ts): the first visit times the backends and, with cross-origin isolation
 * and 2+ cores (this machine), wasm with 2 threads against 1; the next visit loads the remembered
 * choice without trials; "Measure again" times everything again. The engine line says which.
 */
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';

const AUTO = '/?model=blazepose-full&backend=auto#/live';

/** The engine line once it names `text` (it sits in the collapsed Advanced section: attached only). */
async function engineLine(page: Page, text: string | RegExp): Promise<string> {
  const engine = page.getByTestId('engine');
  await engine.filter({ hasText: text }).waitFor({ state: 'attached', timeout: 150_000 });
  return (await engine.textContent()) ?? '';
}

test('auto: the first start measures backends and threads, the next remembers, "Measure again" measures', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(AUTO);
  const first = await engineLine(page, 'threads measured');
  expect(first).toMatch(/Model blazepose-full on wasm, [12] threads? — /);
  expect(first).toMatch(/1 thread \d+ ms vs 2 threads \d+ ms per frame/);
  const threads = await page.getByTestId('engine').getAttribute('data-wasm-threads');
  expect(['1', '2']).toContain(threads);

  await page.reload();
  const second = await engineLine(page, 'earlier start');
  // The same choice, loaded directly, with the first visit's measurement quoted.
  expect(second).toContain(first.slice(first.indexOf('threads measured')));
  await expect(page.getByTestId('engine')).toHaveAttribute('data-wasm-threads', threads ?? '');

  await page.getByText('Advanced: pose model and speed').click();
  await page.getByRole('button', { name: 'Measure again' }).click();
  const third = await engineLine(page, /^(?!.*earlier start).*threads measured/);
  expect(third).not.toContain('earlier start');
});

/**
 * A remembered decision (as a first start writes it) with different thread counts for the live
 * camera and for files: the file screen loads the file count, without a trial.
 */
for (const [live, file] of [
  [1, 2],
  [2, 1],
] as const) {
  test(`a video file runs on the remembered file thread count (${file}), not the live one (${live})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.goto('/#/history');
    await page.evaluate(
      ([wasmThreads, fileWasmThreads]) => {
        const key = ['blazepose-full', navigator.hardwareConcurrency, 'coi', navigator.userAgent].join('|');
        const decision = {
          backend: 'wasm',
          wasmThreads,
          fileWasmThreads,
          msPerFrame: 60,
          threadsNote: 'threads measured: 1 thread 60 ms vs 2 threads 55 ms per frame',
          measuredAtMs: Date.now(),
        };
        localStorage.setItem('squat-coach.engine-decisions.v3', JSON.stringify({ [key]: decision }));
      },
      [live, file],
    );
    await page.goto('/?model=blazepose-full&backend=auto#/file');
    await page.getByTestId('file-input').setInputFiles(resolve('fixtures', 'rear-barbell-squats.webm'));
    await expect(page.getByTestId('file-message')).toHaveAttribute(
      'data-engine',
      `wasm, ${file} thread${file === 1 ? '' : 's'}`,
      { timeout: 120_000 },
    );
    await expect(page).toHaveURL(/#\/review\//, { timeout: 150_000 });
    await expect(page.getByTestId('summary-rep-count')).toHaveText('2');
  });
}
