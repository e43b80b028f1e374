/**
 * Pose benchmark page: times the raw pose-detection call on this page's main thread and the full
 * worker round trip (copy → transfer → estimate → result) on the same decoded frames.
 */
import { createDetector, ESTIMATE_CONFIG, switchBackend } from '../pose/worker/detector';
import { LANDMARK_FILTER_FRAME_MS } from '../pose/worker/landmark-filter-clock';
import type { BackendId, ModelId } from '../pose/models';
import { openVideo, videoFrames } from '../media/video-frames';
import { DEFAULT_MAX_INPUT_SIDE_PX, PoseClient } from '../pose/client';
import { isKeypointName } from '../core/pose/keypoints';

interface Frame {
  bitmap: ImageBitmap;
  source: { width: number; height: number };
}

/** Untimed calls before timing starts: the first compiles kernels, the next settle caches. */
const WARMUP_FRAMES = 3;

const input = document.querySelector<HTMLInputElement>('#files');
let frames: Frame[] = [];

async function decode(framesPerClip: number): Promise<number> {
  for (const f of frames) f.bitmap.close();
  frames = [];
  for (const file of Array.from(input?.files ?? [])) {
    const video = await openVideo(URL.createObjectURL(file));
    const source = { width: video.videoWidth, height: video.videoHeight };
    const stop = new AbortController();
    let n = 0;
    for await (const f of videoFrames(video, { maxSidePx: DEFAULT_MAX_INPUT_SIDE_PX, signal: stop.signal })) {
      frames.push({ bitmap: f.bitmap, source });
      if (++n >= framesPerClip) stop.abort();
    }
  }
  return frames.length;
}

export interface PairedResult {
  /** Backend start + model fetch (+ warm-up trials in the worker), ms. */
  rawLoadMs: number;
  workerLoadMs: number;
  /** Per frame: the raw pose-detection call on this page, ms. */
  rawMs: number[];
  /** Per frame: the worker round trip (transfer → estimate → result back), ms. */
  workerMs: number[];
  /** Per frame: time inside estimatePoses as measured in the worker, ms. */
  inWorkerMs: number[];
  /** The same two for a second worker that hands the bitmap to tfjs as it is (InitOptions.bitmapsToTfjs). */
  workerTfjsMs: number[];
  inWorkerTfjsMs: number[];
}

/**
 * Times the raw call and the worker round trip on the same frames, interleaved frame by frame (the
 * order rotating; a second worker handing the bitmap to tfjs as it is rides along), so a change in
 * machine load hits each alike: two runs of the same model differ by up to ±30 % on this shared
 * 2-core machine, far more than the overhead being measured.
 */
async function paired(model: ModelId, backend: BackendId, limit: number): Promise<PairedResult> {
  const r0 = performance.now();
  await switchBackend(backend);
  const detector = await createDetector(model, '/models/');
  const rawLoadMs = performance.now() - r0;
  const client = new PoseClient();
  const tfjsClient = new PoseClient();
  try {
    const w0 = performance.now();
    await client.init({ model, backend, modelBaseUrl: '/models/' });
    const workerLoadMs = performance.now() - w0;
    await tfjsClient.init({ model, backend, modelBaseUrl: '/models/', bitmapsToTfjs: true });
    const use = frames.slice(0, limit);
    let tick = 0;
    const runRaw = async (f: Frame): Promise<number> => {
      // The same fresh copy the worker gets, so both time the model on identical input.
      const copy = await createImageBitmap(f.bitmap);
      const s = performance.now();
      await detector.estimatePoses(copy, ESTIMATE_CONFIG, tick * LANDMARK_FILTER_FRAME_MS);
      const ms = performance.now() - s;
      copy.close();
      return ms;
    };
    const runWorker = async (c: PoseClient, f: Frame): Promise<[number, number]> => {
      const copy = await createImageBitmap(f.bitmap);
      const s = performance.now();
      const result = await c.estimate(copy, tick * LANDMARK_FILTER_FRAME_MS, f.source);
      return [performance.now() - s, result?.inferenceMs ?? Number.NaN];
    };
    for (const f of use.slice(0, WARMUP_FRAMES)) {
      await runRaw(f);
      await runWorker(client, f);
      await runWorker(tfjsClient, f);
    }
    detector.reset();
    await client.reset();
    await tfjsClient.reset();
    const out: PairedResult = {
      rawLoadMs,
      workerLoadMs,
      rawMs: [],
      workerMs: [],
      inWorkerMs: [],
      workerTfjsMs: [],
      inWorkerTfjsMs: [],
    };
    type Which = 'raw' | 'worker' | 'tfjs';
    const record = async (which: Which, f: Frame): Promise<void> => {
      if (which === 'raw') out.rawMs.push(await runRaw(f));
      else if (which === 'worker') {
        const [ms, inWorker] = await runWorker(client, f);
        out.workerMs.push(ms);
        out.inWorkerMs.push(inWorker);
      } else {
        const [ms, inWorker] = await runWorker(tfjsClient, f);
        out.workerTfjsMs.push(ms);
        out.inWorkerTfjsMs.push(inWorker);
      }
    };
    // Each frame through all three, the order rotating, so machine load hits each alike.
    const ORDERS: readonly (readonly Which[])[] = [
      ['raw', 'worker', 'tfjs'],
      ['worker', 'tfjs', 'raw'],
      ['tfjs', 'raw', 'worker'],
    ];
    for (const [i, f] of use.entries()) {
      for (const which of ORDERS[i % ORDERS.length] ?? []) await record(which, f);
      tick++;
    }
    return out;
  } finally {
    detector.dispose();
    client.dispose();
    tfjsClient.dispose();
  }
}

/**
 * The page's model and the worker on the same frames, in lockstep (same landmark-filter clock): the
 * largest keypoint difference, px of the frames sent, and how many frames had a person in both. The
 * worker reads the pixels its own way (src/pose/worker/bitmap-pixels.ts); the page hands tfjs the
 * bitmap, so a wrong channel order or alpha there shows up here as keypoints that disagree.
 */
async function agreement(model: ModelId, limit: number): Promise<{ maxDiffPx: number; bothFound: number }> {
  await switchBackend('wasm');
  const detector = await createDetector(model, '/models/');
  const client = new PoseClient();
  try {
    await client.init({ model, backend: 'wasm', modelBaseUrl: '/models/' });
    let maxDiffPx = 0;
    let bothFound = 0;
    for (const [i, f] of frames.slice(0, limit).entries()) {
      const clockMs = i * LANDMARK_FILTER_FRAME_MS;
      const mine = await createImageBitmap(f.bitmap);
      const poses = await detector.estimatePoses(mine, ESTIMATE_CONFIG, clockMs);
      mine.close();
      const theirs = await createImageBitmap(f.bitmap);
      const size = { width: f.bitmap.width, height: f.bitmap.height };
      const result = await client.estimate(theirs, clockMs, size);
      const a = poses[0]?.keypoints ?? [];
      const b = result?.pose.keypoints ?? null;
      if (a.length === 0 || b === null) continue;
      bothFound++;
      for (const k of a) {
        const o = k.name !== undefined && isKeypointName(k.name) ? b[k.name] : undefined;
        if (o !== undefined) maxDiffPx = Math.max(maxDiffPx, Math.abs(o.xPx - k.x), Math.abs(o.yPx - k.y));
      }
    }
    return { maxDiffPx, bothFound };
  } finally {
    detector.dispose();
    client.dispose();
  }
}

const bench = { decode, paired, agreement };
declare global {
  interface Window {
    squatCoachBench: typeof bench;
  }
}
window.squatCoachBench = bench;
