/**
 * Renders the app's PNG icons from its SVGs (public/icon.svg, public/icon-maskable.svg) with headless
 * Chromium, so the PNGs in public/ always match the drawing. Run after editing an SVG:
 * `npx tsx scripts/make-icons.ts`; the PNGs are committed (the build does not run this).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './lib/chromium';

interface IconPng {
  svg: string;
  png: string;
  sizePx: number;
}

/** The sizes the web app manifest and iOS ask for: 192 and 512 px, maskable 512 px, apple-touch 180 px. */
const ICONS: readonly IconPng[] = [
  { svg: 'icon.svg', png: 'icon-192.png', sizePx: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', sizePx: 512 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', sizePx: 512 },
  // iOS masks its own rounded corners onto an opaque square: the full-bleed drawing fits.
  { svg: 'icon-maskable.svg', png: 'apple-touch-icon-180.png', sizePx: 180 },
];

const publicDir = join(import.meta.dirname, '..', 'public');
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  for (const icon of ICONS) {
    const svg = readFileSync(join(publicDir, icon.svg), 'utf8');
    await page.setViewportSize({ width: icon.sizePx, height: icon.sizePx });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style>` +
        `<img src="${src}" width="${icon.sizePx}" height="${icon.sizePx}" style="display:block">`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: join(publicDir, icon.png), omitBackground: true });
    console.log(`icons: public/${icon.png} (${icon.sizePx} px)`);
  }
} finally {
  await browser.close();
}
