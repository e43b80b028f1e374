/**
 * `npm run analyze` on a real clip runs the real browser pipeline (page, worker, model); its track
 * must match the upstream BlazePose-full reference of the same video.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePoseTrack } from '../../src/core/pose/pose-track';

/** Mean absolute deviation per coordinate allowed, px (measured here: ~2.7 px). */
const MEAN_TOLERANCE_PX = 6;
/** Worst single coordinate allowed, px: the upstream project's own EPSILON_VIDEO for BlazePose. */
const MAX_TOLERANCE_PX = 28;

test('analyze: BlazePose full track of the banded clip matches the upstream reference', async () => {
  test.setTimeout(240_000);
  const out = join(mkdtempSync(join(tmpdir(), 'squat-coach-golden-')), 'track.json');
  const stdout = execFileSync(
    'npx',
    [
      'tsx',
      'scripts/analyze.ts',
      'fixtures/front-oblique-banded-squats.mp4',
      '--model',
      'blazepose-full',
      '--track',
      out,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 220_000 },
  );
  expect(() => JSON.parse(stdout) as unknown).not.toThrow();
  const track = parsePoseTrack(JSON.parse(readFileSync(out, 'utf8')) as unknown);
  const reference = JSON.parse(
    readFileSync('fixtures/front-oblique-banded-squats.blazepose-full.json', 'utf8'),
  ) as number[][][];

  expect(track.model).toBe('blazepose-full');
  expect(track.keypointNames).toHaveLength(33);
  expect(track.frames).toHaveLength(reference.length);
  let sum = 0;
  let count = 0;
  let worst = 0;
  track.frames.forEach((frame, i) => {
    expect(frame.tMs).toBeCloseTo(i * 200, 0);
    expect(frame.keypoints).not.toBeNull();
    frame.keypoints?.forEach(([x, y], j) => {
      const ref = reference[i]?.[j];
      if (ref === undefined) throw new Error(`reference lacks frame ${i} keypoint ${j}`);
      for (const d of [Math.abs(x - (ref[0] ?? NaN)), Math.abs(y - (ref[1] ?? NaN))]) {
        sum += d;
        count++;
        worst = Math.max(worst, d);
      }
    });
  });
  expect(count).toBe(65 * 33 * 2);
  expect(sum / count).toBeLessThanOrEqual(MEAN_TOLERANCE_PX);
  expect(worst).toBeLessThanOrEqual(MAX_TOLERANCE_PX);
});
