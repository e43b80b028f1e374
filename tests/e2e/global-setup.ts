/**
 * Before the browser tests: Chromium's fake camera reads .y4m files, so each fixture clip is
 * converted once with ffmpeg (cached in .cache/y4m), at its own frame rate, scaled so its long side
 * is at most Y4M_MAX_SIDE_PX (an uncompressed 1080×2048 clip would be 1 GB).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_CLIPS, Y4M_DIR, toY4m, y4mPathFor } from './clips';
import { assertChromium } from '../../scripts/lib/chromium';

/** Long side of the fake-camera video, px: a typical webcam's 640×480 class. */
const Y4M_MAX_SIDE_PX = 640;

export default function globalSetup(): void {
  assertChromium();
  mkdirSync(Y4M_DIR, { recursive: true });
  for (const clip of FIXTURE_CLIPS) {
    toY4m(
      join('fixtures', clip.file),
      y4mPathFor(clip.file),
      `scale='if(gt(iw,ih),min(${Y4M_MAX_SIDE_PX},iw),-2)':'if(gt(iw,ih),-2,min(${Y4M_MAX_SIDE_PX},ih))'`,
    );
  }
}
