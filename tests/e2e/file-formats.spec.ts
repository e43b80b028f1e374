/**
 * Files that the <video>-element path failed on now analyse on the file screen (real page, worker,
 * model, decoded with WebCodecs in a decode worker): an MP4 with two video streams, an H.264 .mov
 * with a 1/600 time base and a non-integer average frame rate, and a variable-frame-rate clip, each
 * made from the rear barbell clip (2 complete reps; fixtures/formats/README.md). An HEVC file, in a
 * browser that cannot decode HEVC, ends in an error that names the codec and the container.
 */
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';

const FORMATS = [
  { file: 'two-video-streams.mp4', reps: 2 },
  { file: 'h264-timebase-600.mov', reps: 2 },
  { file: 'vfr-phone.mp4', reps: 2 },
] as const;

const historyCount = async (page: Page): Promise<number> => {
  await page.goto('/?model=blazepose-full&backend=wasm#/history');
  await expect(page.getByTestId('history-count')).toHaveText(/\(\d+\)/);
  return Number(/\d+/.exec((await page.getByTestId('history-count').textContent()) ?? '')?.[0]);
};

test('two video streams, a 1/600 time-base .mov and a VFR clip analyse to their rep count', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/?model=blazepose-full&backend=wasm#/file');
  for (const f of FORMATS) {
    // Same page, hash navigation only: the file screen keeps its loaded model between files.
    await page.evaluate(() => (location.hash = '#/file'));
    await page.getByTestId('file-input').setInputFiles(resolve('fixtures', 'formats', f.file));
    await expect(page.getByTestId('file-message')).toContainText('decoded with WebCodecs', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('progress-text')).toContainText(/\d+ \/ \d+ frames/);
    await expect(page).toHaveURL(/#\/review\//, { timeout: 90_000 });
    await expect(page.getByTestId('summary-rep-count'), f.file).toHaveText(String(f.reps));
  }
  expect(await historyCount(page)).toBe(FORMATS.length);
});

test('HEVC where the browser cannot decode it: an error naming codec and container, nothing saved', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?model=blazepose-full&backend=wasm#/file');
  const canDecodeHevc = await page.evaluate(async () => {
    const codec = 'hvc1.1.6.L93.B0';
    const webCodecs =
      typeof VideoDecoder !== 'undefined' &&
      (await VideoDecoder.isConfigSupported({ codec, codedWidth: 640, codedHeight: 360 })).supported === true;
    return webCodecs || document.createElement('video').canPlayType(`video/mp4; codecs="${codec}"`) !== '';
  });
  test.info().annotations.push({ type: 'browser decodes HEVC', description: String(canDecodeHevc) });
  await page.getByTestId('file-input').setInputFiles(resolve('fixtures', 'formats', 'hevc.mp4'));
  if (canDecodeHevc) {
    await expect(page).toHaveURL(/#\/review\//, { timeout: 90_000 });
    await expect(page.getByTestId('summary-rep-count')).toHaveText('2');
    return;
  }
  const msg = page.getByTestId('file-message');
  await expect(msg).toHaveAttribute('data-kind', 'error', { timeout: 60_000 });
  await expect(msg).toContainText('HEVC (H.265) video in an MP4 container cannot be decoded by this browser');
  await expect(page.getByTestId('progress')).toBeHidden();
  // The screen is ready for the next file, and the history is untouched.
  await expect(page.getByTestId('file-input')).toBeEnabled();
  expect(page.url()).toContain('#/file');
  expect(await historyCount(page)).toBe(0);
});
