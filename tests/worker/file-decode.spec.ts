/**
 * File decoding in the pose worker (PoseClient.analyseFile), real browser, real model: the first of
 * two video streams, every frame decoded once and in order, 15 of each second analysed (and the
 * adaptive rate's frames in order), no tensor left behind, and Cancel stops it without losing the
 * loaded model.
 */
import { test, expect } from '@playwright/test';

const TWO_STREAMS = 'fixtures/formats/two-video-streams.mp4';
/** Frames in that file's first stream (7.1 s at 30 fps; fixtures/formats/README.md). */
const FIRST_STREAM_FRAMES = 213;

test('two-stream MP4: first stream, each frame decoded once in order, 15 fps analysed, no leak, cancel', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/src/harness/analyze.html');
  await page.waitForFunction(() => 'squatCoachHarness' in window);
  await page.setInputFiles('#file', TWO_STREAMS);
  const r = await page.evaluate(async () => {
    const h = window.squatCoachHarness;
    const file = document.querySelector<HTMLInputElement>('#file')?.files?.[0];
    if (file === undefined) throw new Error('no file');
    const client = new h.PoseClient();
    await client.init({ model: 'blazepose-full', backend: 'wasm', modelBaseUrl: '/models/' });
    const options = { maxInputSidePx: 640, sampling: { kind: 'fixed', fps: 15 } } as const;
    const progress: number[] = [];
    let droppedWhileBusy = false;
    const run = client.analyseFile(file, options, (p) => progress.push(p.framesDone));
    // A live frame offered meanwhile is dropped, not queued behind the file.
    droppedWhileBusy = (await client.estimate(await createImageBitmap(new ImageData(8, 8)), 0)) === null;
    const done = await run;
    const tensorsAfterFirst = (await client.memory()).numTensors;
    const again = await client.analyseFile(file, options, () => undefined);
    const tensorsAfterSecond = (await client.memory()).numTensors;
    // Cancel after the first progress report.
    const abort = new AbortController();
    const cancelled = await client.analyseFile(file, options, () => abort.abort(), abort.signal);
    const afterCancel = await client.analyseFile(
      file,
      { maxInputSidePx: 640, sampling: { kind: 'fixed', fps: 5 } },
      () => undefined,
    );
    const adaptive = await client.analyseFile(
      file,
      { maxInputSidePx: 640, sampling: { kind: 'adaptive' } },
      () => undefined,
    );
    const tensorsAfterAdaptive = (await client.memory()).numTensors;
    client.dispose();
    if (done.kind !== 'done' || again.kind !== 'done') throw new Error(`not done: ${done.kind}`);
    return {
      probe: done.probe,
      framesDecoded: done.framesDecoded,
      size: [done.widthPx, done.heightPx],
      tMs: done.frames.map((f) => f.tMs),
      withPerson: done.frames.filter((f) => f.keypoints !== null).length,
      frameSize: [done.frames[0]?.widthPx, done.frames[0]?.heightPx],
      progress,
      droppedWhileBusy,
      tensorsAfterFirst,
      tensorsAfterSecond,
      cancelled: cancelled.kind,
      afterCancel: afterCancel.kind === 'done' ? afterCancel.frames.length : afterCancel.kind,
      adaptive:
        adaptive.kind === 'done'
          ? {
              tMs: adaptive.frames.map((f) => f.tMs),
              decoded: adaptive.framesDecoded,
              timing: adaptive.timing,
            }
          : adaptive.kind,
      tensorsAfterAdaptive,
    };
  });
  expect(r.probe).toMatchObject({ container: 'MP4', codec: 'avc', videoStreams: 2 });
  expect(r.framesDecoded).toBe(FIRST_STREAM_FRAMES);
  // The first stream is 640×360; the second (320×180) is never read.
  expect(r.size).toEqual([640, 360]);
  expect(r.frameSize).toEqual([640, 360]);
  expect(r.tMs).toHaveLength(Math.ceil(FIRST_STREAM_FRAMES / 2));
  r.tMs.forEach((t, i) => expect(t).toBeCloseTo((i * 2000) / 30, 0));
  expect(r.withPerson).toBeGreaterThan(r.tMs.length * 0.9);
  // Reports arrive on their own channel, so the last few may land after the result.
  expect(r.progress).toEqual(r.tMs.slice(0, r.progress.length).map((_t, i) => i + 1));
  expect(r.progress.length).toBeGreaterThan(r.tMs.length / 2);
  expect(r.droppedWhileBusy).toBe(true);
  expect(r.tensorsAfterSecond).toBe(r.tensorsAfterFirst);
  expect(r.cancelled).toBe('cancelled');
  expect(r.afterCancel).toBe(Math.ceil((FIRST_STREAM_FRAMES / 30) * 5));
  // Adaptive: every frame decoded, frames in media order and each once, between the still rate
  // (5 fps) and the moving rate (10 fps) of the 7.1 s stream, held frames analysed only when wanted.
  if (typeof r.adaptive === 'string') throw new Error(`adaptive: ${r.adaptive}`);
  expect(r.adaptive.decoded).toBe(FIRST_STREAM_FRAMES);
  expect(r.adaptive.tMs).toEqual([...new Set(r.adaptive.tMs)].sort((a, b) => a - b));
  expect(r.adaptive.tMs.length).toBeGreaterThanOrEqual(Math.floor((FIRST_STREAM_FRAMES / 30) * 5));
  expect(r.adaptive.tMs.length).toBeLessThanOrEqual(Math.ceil((FIRST_STREAM_FRAMES / 30) * 10));
  expect(r.adaptive.timing.framesBackfilled).toBeLessThanOrEqual(r.adaptive.timing.framesHeld);
  expect(r.adaptive.timing.modelMs).toBeGreaterThan(0);
  expect(r.tensorsAfterAdaptive).toBe(r.tensorsAfterFirst);
});
