/**
 * The image-level valgus warp through the whole pipeline: the control and the left-knee warp of the
 * half-squat clip (fixtures/warped/, +20° of image FPPA at the bottom of every rep) go through
 * `npm run analyze` — the real page, worker and BlazePose full in Chromium. The warped knee's
 * reported FPPA rises by D ± max(4°, 0.3·D) in each rep and the other knee moves < 3° (issue 8).
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import type { SetSummary } from '../../src/core';
import {
  kneeChanges,
  OTHER_KNEE_MAX_DEG,
  WARP_D_DEG,
  WARP_TOLERANCE_DEG,
  warpedVideo,
} from '../golden/warped';

const analyse = (video: string): SetSummary =>
  JSON.parse(
    execFileSync(
      'npx',
      ['tsx', 'scripts/analyze.ts', video, '--model', 'blazepose-full', '--backend', 'wasm'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 280_000,
      },
    ),
  ) as SetSummary;

test('+20° of FPPA warped onto the left knee reads +20 ± 6° there and < 3° on the right', async () => {
  test.setTimeout(600_000);
  const control = analyse(warpedVideo('d0'));
  const warped = analyse(warpedVideo('d20-left'));
  expect(control.repCount).toBe(2);
  expect(warped.repCount).toBe(2);
  const changes = kneeChanges(control, warped);
  test.info().annotations.push({ type: 'changes', description: JSON.stringify(changes) });
  for (const c of changes) {
    expect(Math.abs((c.left as number) - WARP_D_DEG)).toBeLessThanOrEqual(WARP_TOLERANCE_DEG);
    expect(Math.abs(c.right as number)).toBeLessThan(OTHER_KNEE_MAX_DEG);
  }
});
