/**
 * Headless Chromium for scripts and tests: Debian's /usr/bin/chromium driven by Playwright (its own
 * browser download does not work here), with the flags that keep it off the network.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags that work headless here; without the networking ones Chromium keeps dialling Google. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Headless tabs are "hidden"; without these, rAF and video frame callbacks are throttled.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--autoplay-policy=no-user-gesture-required',
];

/** Flags for Chromium's fake camera, fed by a .y4m file (it loops at the file's frame rate). */
export const fakeCameraArgs = (y4mPath: string): string[] => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${y4mPath}`,
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
}

/** A persistent context in a fresh, temporary profile (Playwright refuses --user-data-dir in args). */
export async function launchChromium(
  extraArgs: string[] = [],
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), 'squat-coach-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
