/**
 * The file screen loads the model the person chose and saved (the same settings source as the live
 * screen), not the default. Made by saving BlazePose lite in localStorage before the page loads, with
 * no model in the URL, then analysing the shortest fixture clip; the model files the page fetched
 * tell which model ran.
 */
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';

const SETTINGS_KEY = 'squat-coach.settings.v1';

test('the file screen uses the saved model choice', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [
    SETTINGS_KEY,
    JSON.stringify({ model: 'blazepose-lite', backend: 'wasm' }),
  ] as const);
  const modelFiles: string[] = [];
  page.on('request', (r) => {
    const m = /\/models\/([\w-]+)\.json$/.exec(new URL(r.url()).pathname);
    if (m?.[1] !== undefined) modelFiles.push(m[1]);
  });
  await page.goto('/#/file');
  await page.getByTestId('file-input').setInputFiles(resolve('fixtures', 'front-oblique-banded-squats.mp4'));
  await expect(page).toHaveURL(/#\/review\//, { timeout: 150_000 });
  expect(modelFiles).toContain('blazepose-lite');
  expect(modelFiles).not.toContain('blazepose-full');
});
