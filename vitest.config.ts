import { defineConfig } from 'vitest/config';

// Unit, invariant and golden-replay tests of the pure core run in Node. Browser, worker and e2e
// tests run under Playwright (playwright.config.ts) against the real app in Chromium.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/golden/**/*.test.ts'],
    environment: 'node',
  },
});
