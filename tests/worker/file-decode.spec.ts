/**
 * File decoding in the pose worker (PoseClient.analyseFile), real browser, real model: the first of
 * two video streams, every frame decoded once and in order, 15 of each second analysed (and the
 * adaptive rate's frames in order), no tensor left behind, and Cancel stops it without losing the
 * loaded model; a file decoded in the decode worker gives exactly the poses it gives when decoded in
 * the pose worker's own thread, and passing over the H.264 frames that are off the grid and predict
 * nothing gives exactly the poses of decoding them.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TWO_STREAMS = 'fixtures/formats/two-video-streams.mp4';
/** Frames in that file's first stream (7.1 s at 30 fps; fixtures/formats/README.md). */
const FIRST_STREAM_FRAMES = 213;
/**
 * Of them, H.264 non-reference pictures (nal_ref_idc 0 in every slice): 100, counted with ffmpeg's
 * h264_mp4toannexb and the NAL headers (docs/file-analysis.md).
 */
const FIRST_STREAM_NON_REFERENCE = 100;

test('two-stream MP4: first stream, each frame read once in order (decoded or passed over), 15 fps analysed, no leak, cancel', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/src/harness/analyze.html');
  await page.waitForFunction(() => 'squatCoachHarness' in window);
  await page.setInputFiles('#file', TWO_STREAMS);
  const r = await page.evaluate(async () => {
    const h = window.squatCoachHarness;
    const file = h.chosenFile();
    const client = await h.fullModelClient();
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
      framesSkipped: done.framesSkipped,
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
              skipped: adaptive.framesSkipped,
              timing: adaptive.timing,
            }
          : adaptive.kind,
      tensorsAfterAdaptive,
    };
  });
  expect(r.probe).toMatchObject({ container: 'MP4', codec: 'avc', videoStreams: 2 });
  // Every frame read once: decoded, or passed over (off the 15 fps grid, nothing predicted from it).
  expect(r.framesDecoded + r.framesSkipped).toBe(FIRST_STREAM_FRAMES);
  expect(r.framesSkipped).toBeGreaterThan(0);
  expect(r.framesSkipped).toBeLessThanOrEqual(FIRST_STREAM_NON_REFERENCE);
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
  // Adaptive: every frame read, frames in media order and each once, between the still rate
  // (5 fps) and the moving rate (10 fps) of the 7.1 s stream, held frames analysed only when wanted.
  if (typeof r.adaptive === 'string') throw new Error(`adaptive: ${r.adaptive}`);
  expect(r.adaptive.decoded + r.adaptive.skipped).toBe(FIRST_STREAM_FRAMES);
  // On its 10 fps grid 2 of 3 frames are off it: about that share of the non-reference ones is passed over.
  expect(r.adaptive.skipped).toBeGreaterThan(FIRST_STREAM_NON_REFERENCE * 0.5);
  expect(r.adaptive.skipped).toBeLessThanOrEqual(FIRST_STREAM_NON_REFERENCE);
  expect(r.adaptive.tMs).toEqual([...new Set(r.adaptive.tMs)].sort((a, b) => a - b));
  expect(r.adaptive.tMs.length).toBeGreaterThanOrEqual(Math.floor((FIRST_STREAM_FRAMES / 30) * 5));
  expect(r.adaptive.tMs.length).toBeLessThanOrEqual(Math.ceil((FIRST_STREAM_FRAMES / 30) * 10));
  expect(r.adaptive.timing.framesBackfilled).toBeLessThanOrEqual(r.adaptive.timing.framesHeld);
  expect(r.adaptive.timing.modelMs).toBeGreaterThan(0);
  expect(r.tensorsAfterAdaptive).toBe(r.tensorsAfterFirst);
});

test('a decode worker (converting there, or not) gives the same frames and poses as decoding in the pose worker, rotated files too', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // The two-stream file's first stream with a 90° display rotation (ffmpeg's rotate tag becomes the
  // MP4 display matrix): the decode worker must send the rotation with each frame.
  const rotated = join(mkdtempSync(join(tmpdir(), 'squat-coach-rotated-')), 'rotated.mp4');
  execFileSync(
    'ffmpeg',
    ['-v', 'error', '-y', '-i', TWO_STREAMS, '-map', '0:v:0', '-c', 'copy'].concat([
      '-metadata:s:v:0',
      'rotate=90',
      rotated,
    ]),
  );
  await page.goto('/src/harness/analyze.html');
  await page.waitForFunction(() => 'squatCoachHarness' in window);
  for (const [file, size] of [
    [TWO_STREAMS, [640, 360]],
    [rotated, [360, 640]],
  ] as const) {
    await page.setInputFiles('#file', file);
    const r = await page.evaluate(async () => {
      const h = window.squatCoachHarness;
      const video = h.chosenFile();
      const client = await h.fullModelClient();
      type Thread = 'decode-worker' | 'pose-worker';
      const run = async (decodeIn: Thread, convertIn: Thread = decodeIn, decodeUnneeded = false) => {
        const sampling = { kind: 'adaptive' } as const;
        const done = await client.analyseFile(
          video,
          { maxInputSidePx: 640, sampling, decodeIn, convertIn, decodeUnneeded },
          () => undefined,
        );
        if (done.kind !== 'done') throw new Error(`${decodeIn}: ${done.kind}`);
        return {
          decodedIn: done.decodedIn,
          framesDecoded: done.framesDecoded,
          framesSkipped: done.framesSkipped,
          // Where the frames were converted: > 1 ms a frame spent there (a conversion takes 3–12 ms).
          convertedBeside: done.timing.decoderConvertMs > done.frames.length,
          convertedHere: done.timing.convertMs > done.frames.length,
          size: [done.widthPx, done.heightPx],
          frames: done.frames.map((f) => ({
            tMs: f.tMs,
            size: [f.widthPx, f.heightPx],
            keypoints: f.keypoints,
          })),
        };
      };
      const worker = await run('decode-worker');
      const unconverted = await run('decode-worker', 'pose-worker');
      const here = await run('pose-worker');
      const everyFrame = await run('decode-worker', 'decode-worker', true);
      client.dispose();
      return { worker, unconverted, here, everyFrame };
    });
    // The decode worker converted every frame it sent (the model's thread none), unless told not to.
    expect([r.worker.convertedBeside, r.worker.convertedHere]).toEqual([true, false]);
    expect([r.unconverted.convertedBeside, r.unconverted.convertedHere]).toEqual([false, true]);
    expect([r.here.convertedBeside, r.here.convertedHere]).toEqual([false, true]);
    expect(r.unconverted.frames).toEqual(r.here.frames);
    expect(r.worker.decodedIn).toBe('decode-worker');
    expect(r.here.decodedIn).toBe('pose-worker');
    for (const run of [r.worker, r.here]) {
      expect(run.framesDecoded + run.framesSkipped).toBe(FIRST_STREAM_FRAMES);
      expect(run.framesSkipped).toBeGreaterThan(FIRST_STREAM_NON_REFERENCE * 0.5);
    }
    expect([r.everyFrame.framesDecoded, r.everyFrame.framesSkipped]).toEqual([FIRST_STREAM_FRAMES, 0]);
    expect(r.worker.size).toEqual(size);
    expect(r.here.size).toEqual(size);
    expect(r.worker.frames.length).toBeGreaterThan(30);
    expect(r.worker.frames.filter((f) => f.keypoints !== null).length).toBeGreaterThan(
      r.worker.frames.length * 0.9,
    );
    // The same frames through the same model: identical to the last digit. Passing frames over
    // changes no pixel of the frames decoded, nor the landmark filter's clock.
    expect(r.worker.frames).toEqual(r.here.frames);
    expect(r.worker.frames).toEqual(r.everyFrame.frames);
  }
});
