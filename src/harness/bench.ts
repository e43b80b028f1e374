/**
 * Pose benchmark page: times the raw pose-detection call on this page's main thread and the full
 * worker round trip (copy → transfer → estimate → result) on the same decoded frames.
 */
import {
  createDetector,
  ESTIMATE_CONFIG,
  LANDMARK_FILTER_FRAME_MS,
  switchBackend,
} from '../../workers/detector';
import type { BackendId, ModelId } from '../../workers/models';
import { openVideo, videoFrames } from '../media/video-frames';
import { DEFAULT_MAX_INPUT_SIDE_PX, PoseClient } from '../pose-client/pose-client';

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

async function raw(
  model: ModelId,
  backend: BackendId,
  limit: number,
): Promise<{ loadMs: number; ms: number[] }> {
  const t0 = performance.now();
  await switchBackend(backend);
  const detector = await createDetector(model, '/models/');
  const loadMs = performance.now() - t0;
  const use = frames.slice(0, limit);
  const ms: number[] = [];
  let tick = 0;
  for (const f of use.slice(0, WARMUP_FRAMES))
    await detector.estimatePoses(f.bitmap, ESTIMATE_CONFIG, tick++ * LANDMARK_FILTER_FRAME_MS);
  detector.reset();
  tick = 0;
  for (const f of use) {
    // The same fresh copy the worker path gets, so both time the model on identical input.
    const copy = await createImageBitmap(f.bitmap);
    const s = performance.now();
    await detector.estimatePoses(copy, ESTIMATE_CONFIG, tick++ * LANDMARK_FILTER_FRAME_MS);
    ms.push(performance.now() - s);
    copy.close();
  }
  detector.dispose();
  return { loadMs, ms };
}

async function worker(
  model: ModelId,
  backend: BackendId,
  limit: number,
): Promise<{ loadMs: number; ms: number[]; inferenceMs: number[] }> {
  const client = new PoseClient();
  try {
    const t0 = performance.now();
    await client.init({ model, backend, modelBaseUrl: '/models/' });
    const loadMs = performance.now() - t0;
    const use = frames.slice(0, limit);
    for (const f of use.slice(0, WARMUP_FRAMES))
      await client.estimate(await createImageBitmap(f.bitmap), 0, f.source);
    await client.reset();
    const ms: number[] = [];
    const inferenceMs: number[] = [];
    let t = 0;
    for (const f of use) {
      const copy = await createImageBitmap(f.bitmap);
      const s = performance.now();
      const result = await client.estimate(copy, (t += 33), f.source);
      ms.push(performance.now() - s);
      if (result) inferenceMs.push(result.inferenceMs);
    }
    return { loadMs, ms, inferenceMs };
  } finally {
    client.dispose();
  }
}

const bench = { decode, raw, worker };
declare global {
  interface Window {
    squatCoachBench: typeof bench;
  }
}
window.squatCoachBench = bench;
