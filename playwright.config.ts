import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium';

/** Port of the dev server the browser tests run against (loopback only). */
export const E2E_PORT = 5199;

// Worker-contract and end-to-end tests: the real app, real worker and real model in Debian's
// Chromium. Two cores: one test at a time, so timings and the model's CPU share stay sane.
export default defineConfig({
  testDir: 'tests',
  testMatch: ['worker/**/*.spec.ts', 'e2e/**/*.spec.ts'],
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 800 },
  },
  webServer: {
    command: `npx vite --port ${E2E_PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    reuseExistingServer: !process.env['CI'],
    timeout: 120_000,
  },
});
