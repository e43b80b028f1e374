/**
 * "Analyse a recorded video" in the real app (page, worker, model): each fixture video → progress
 * with frames and time left → summary with the clip's rep count, saved to history; broken files →
 * a clear error and history unchanged.
 */
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIXTURE_CLIPS } from './clips';

/** Share of a fixture's bytes kept when making a truncated copy: cuts it well inside the video data. */
const TRUNCATE_SHARE = 0.4;

const historyCount = async (page: Page): Promise<number> => {
  await page.goto('/#/history');
  await expect(page.getByTestId('history-count')).toHaveText(/\(\d+\)/);
  return Number(/\d+/.exec((await page.getByTestId('history-count').textContent()) ?? '')?.[0]);
};

for (const clip of FIXTURE_CLIPS) {
  test(`upload ${clip.file} → progress → summary with ${clip.completeReps} rep(s), saved to history`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.goto('/?model=blazepose-full&backend=wasm#/file');
    await page.getByTestId('file-input').setInputFiles(resolve('fixtures', clip.file));
    const progress = page.getByTestId('progress');
    await expect(progress).toBeVisible();
    await expect(page.getByTestId('progress-text')).toContainText(/\d+ \/ \d+ frames · about \d+ s left/, {
      timeout: 90_000,
    });
    await expect(page).toHaveURL(/#\/review\//, { timeout: 200_000 });
    await expect(page.getByTestId('summary-rep-count')).toHaveText(String(clip.completeReps));
    await expect(page.getByTestId('summary-rep-row')).toHaveCount(clip.completeReps);
    await expect(page.getByTestId('review-status')).toContainText('Saved to history');
    await expect(page.getByTestId('pattern')).toContainText('Form looked good');
    await expect(page.getByTestId('replay-video')).toBeVisible();
    if (clip.file.startsWith('side'))
      await page.screenshot({ path: 'docs/screenshot-file-review.png', fullPage: true });
    expect(await historyCount(page)).toBe(1);
  });
}

test('a 192 px clip (fixtures/variants): both half squats counted, no hip cue the image cannot resolve', async ({
  page,
}) => {
  // The half-squat clip scaled to 192 × 144 (scripts/make-variants.sh): she is ~100 px tall, her hips
  // ~12 px apart. The ankle keypoints slide ~0.35 shank lengths at depth there, and one pixel of a
  // hip tilts the hip line ~5°: her good reps must still count, with no "hips dropped" verdict.
  test.setTimeout(240_000);
  await page.goto('/?model=blazepose-full&backend=wasm#/file');
  await page
    .getByTestId('file-input')
    .setInputFiles(resolve('fixtures/variants/front-oblique-half-squats-192px.mp4'));
  await expect(page).toHaveURL(/#\/review\//, { timeout: 200_000 });
  await expect(page.getByTestId('summary-rep-count')).toHaveText('2');
  await expect(page.getByTestId('pattern')).toContainText('Form looked good');
});

test('cancel stops the analysis: no summary, nothing saved', async ({ page }) => {
  await page.goto('/?model=blazepose-full&backend=wasm#/file');
  await page.getByTestId('file-input').setInputFiles(resolve('fixtures', 'front-oblique-half-squats.mp4'));
  await expect(page.getByTestId('progress-text')).toContainText('frames', { timeout: 90_000 });
  await page.getByTestId('file-cancel').click();
  await expect(page.getByTestId('file-message')).toHaveText('Cancelled. Nothing was saved.');
  await expect(page.getByTestId('progress')).toBeHidden();
  expect(await historyCount(page)).toBe(0);
});

test('truncated, corrupt, non-video and person-less files → a clear error, history unchanged', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'squat-coach-bad-'));
  const cut = (file: string): string => {
    const bytes = readFileSync(resolve('fixtures', file));
    const out = join(dir, `truncated-${file}`);
    writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * TRUNCATE_SHARE)));
    return out;
  };
  const text = join(dir, 'notes.mp4');
  writeFileSync(text, 'These are my squat notes, not a video.\n'.repeat(50));
  // A playable video with nobody in it: ffmpeg's test pattern, 2 s at 10 fps.
  const empty = join(dir, 'empty-room.mp4');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=10',
    '-t',
    '2',
    '-pix_fmt',
    'yuv420p',
    empty,
  ]);
  const cases = [
    // Index at the end of the file: the cut copy cannot even be opened.
    { path: cut('front-oblique-banded-squats.mp4'), expect: /can't be read/ },
    // Index at the start: the cut copy opens, then the data runs out part-way.
    { path: cut('side-bodyweight-squat.mp4'), expect: /stopped decoding: the file is corrupt/ },
    { path: text, expect: /can't be read: the file format is not supported/ },
    { path: empty, expect: /No person was found in empty-room.mp4/ },
  ];
  // Seed history with one set so "unchanged" is not just "still empty".
  await page.goto('/?model=blazepose-full&backend=wasm#/file');
  await page.getByTestId('file-input').setInputFiles(resolve('fixtures', 'front-oblique-banded-squats.mp4'));
  await expect(page).toHaveURL(/#\/review\//, { timeout: 120_000 });
  const before = await historyCount(page);
  expect(before).toBe(1);
  for (const c of cases) {
    await page.goto('/?model=blazepose-full&backend=wasm#/file');
    await page.getByTestId('file-input').setInputFiles(c.path);
    const msg = page.getByTestId('file-message');
    await expect(msg).toHaveAttribute('data-kind', 'error', { timeout: 60_000 });
    await expect(msg).toContainText(c.expect);
    await expect(page.getByTestId('progress')).toBeHidden();
    expect(page.url()).toContain('#/file');
    expect(await historyCount(page)).toBe(before);
  }
});
