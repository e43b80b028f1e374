/**
 * npm run bench:start — the production build (vite build + vite preview) in headless Chromium with
 * the fake camera, through the real app, worker and model:
 *   - the pose worker bundle's size against the build before it was minified properly;
 *   - time from navigation to the first drawn keypoints, cold (a fresh profile: nothing cached) and
 *     warm (the same profile, the page opened again), the user clicking "Start camera" at once;
 *   - the wasm backend with 1 thread and with 2 threads on the live screen, alternating runs, side by
 *     side: poses per second and the model's ms per frame.
 * Writes the "Start-up and threads (bench:start)" section of docs/benchmarks.md.
 */
import { resolve } from 'node:path';
import { buildAndPreview, workerBundleOf } from './lib/prod-server';
import { liveStats, startLiveCamera } from './lib/live-page';
import { fakeCameraArgs, launchChromium } from './lib/chromium';
import { machineLine, median, writeBenchmarkSection } from './lib/bench-doc';
import globalSetup from '../tests/e2e/global-setup';
import { y4mPathFor } from '../tests/e2e/clips';

/** A 30 fps clip: the camera outpaces the model, so poses per second is the model's rate. */
const CLIP = 'rear-barbell-squats.webm';
/** Bytes of the worker bundle before (build of commit fdabfc1: licence headers kept, tfjs umbrella). */
const WORKER_BYTES_BEFORE = 2_720_053;
const COLD_RUNS = 3;
const WARM_RUNS_PER_COLD = 2;
/** Alternating runs per thread count. */
const THREAD_ROUNDS = 3;
/** Settling time after the first keypoints before a thread run is measured, ms. */
const THREAD_SETTLE_MS = 3000;
const THREAD_MEASURE_MS = 10_000;

type Hooks = { __firstKeypointsMs: number | null };

/** Records the page time (ms since navigation start) at which keypoints were first drawn. */
function watchFirstKeypoints(): void {
  const w = window as unknown as Hooks;
  w.__firstKeypointsMs = null;
  new MutationObserver((_records, observer) => {
    const drawn = Number(
      document.querySelector('[data-testid="overlay"]')?.getAttribute('data-keypoints-drawn'),
    );
    if (drawn > 0 && w.__firstKeypointsMs === null) {
      w.__firstKeypointsMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-keypoints-drawn'] });
}

async function timeToFirstSkeleton(
  context: Awaited<ReturnType<typeof launchChromium>>['context'],
  url: string,
): Promise<number> {
  const page = await context.newPage();
  try {
    await page.addInitScript(watchFirstKeypoints);
    await page.goto(new URL('?model=blazepose-full&backend=auto#/live', url).href);
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForFunction(() => (window as unknown as Hooks).__firstKeypointsMs !== null, undefined, {
      timeout: 120_000,
    });
    return await page.evaluate(() => (window as unknown as Hooks).__firstKeypointsMs ?? Number.NaN);
  } finally {
    await page.close();
  }
}

async function threadRun(url: string, threads: number): Promise<{ poseFps: number; modelMs: number }> {
  const browser = await launchChromium(fakeCameraArgs(resolve(y4mPathFor(CLIP))));
  try {
    const page = await browser.context.newPage();
    await startLiveCamera(
      page,
      new URL(`?model=blazepose-full&backend=wasm&threads=${threads}&testhooks#/live`, url).href,
      `${threads} thread`,
    );
    await page.waitForTimeout(THREAD_SETTLE_MS);
    const a = await liveStats(page);
    await page.waitForTimeout(THREAD_MEASURE_MS);
    const b = await liveStats(page);
    return {
      poseFps: (b.stats.poses - a.stats.poses) / ((b.nowMs - a.nowMs) / 1000),
      modelMs: median(b.stats.inferenceMs.slice(a.stats.inferenceMs.length)),
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  globalSetup();
  const server = await buildAndPreview();
  const cold: number[] = [];
  const warm: number[] = [];
  const runs: Record<number, { poseFps: number; modelMs: number }[]> = { 1: [], 2: [] };
  const bundle = workerBundleOf(server.outDir);
  try {
    for (let i = 0; i < COLD_RUNS; i++) {
      const browser = await launchChromium(fakeCameraArgs(resolve(y4mPathFor(CLIP))));
      try {
        cold.push(await timeToFirstSkeleton(browser.context, server.url));
        for (let j = 0; j < WARM_RUNS_PER_COLD; j++)
          warm.push(await timeToFirstSkeleton(browser.context, server.url));
      } finally {
        await browser.close();
      }
      console.log(
        `bench:start: cold ${cold.at(-1)?.toFixed(0)} ms, warm ${warm
          .slice(-WARM_RUNS_PER_COLD)
          .map((x) => x.toFixed(0))
          .join(', ')} ms`,
      );
    }
    for (let r = 0; r < THREAD_ROUNDS; r++) {
      for (const threads of [1, 2]) {
        const run = await threadRun(server.url, threads);
        runs[threads]?.push(run);
        console.log(
          `bench:start: ${threads} thread(s): ${run.poseFps.toFixed(1)} poses/s, model ${run.modelMs.toFixed(1)} ms`,
        );
      }
    }
  } finally {
    await server.close();
  }
  const s = (xs: number[]): string => (median(xs) / 1000).toFixed(2);
  const t = (n: number, k: 'poseFps' | 'modelMs'): number => median((runs[n] ?? []).map((x) => x[k]));
  const ratio = t(2, 'poseFps') / t(1, 'poseFps');
  writeBenchmarkSection(
    'Start-up and threads (bench:start)',
    `${machineLine()}

The production build (\`vite build\`, served by \`vite preview\` with the same cross-origin isolation headers),
headless Chromium, fake camera fed by \`${CLIP}\`, default model (BlazePose full) on the backend chosen by warm-up.

| pose worker bundle | bytes | gzip bytes | share of before |
|---|---|---|---|
| before (fdabfc1: licence headers kept, tfjs umbrella) | ${WORKER_BYTES_BEFORE} | | 100 % |
| now (\`${bundle.file}\`) | ${bundle.bytes} | ${bundle.gzipBytes} | ${((bundle.bytes / WORKER_BYTES_BEFORE) * 100).toFixed(0)} % |

Time from navigation to the first keypoints drawn on the live video, the user clicking "Start camera" as soon
as it shows (model download, wasm compile, warm-up trials, camera start and the first pose all included).
Cold: a fresh browser profile, nothing cached (${COLD_RUNS} runs). Warm: the same profile, the page opened again (${COLD_RUNS * WARM_RUNS_PER_COLD} runs).

| start | median s | runs, s |
|---|---|---|
| cold | ${s(cold)} | ${cold.map((x) => (x / 1000).toFixed(2)).join(', ')} |
| warm | ${s(warm)} | ${warm.map((x) => (x / 1000).toFixed(2)).join(', ')} |

Wasm threads on this machine (${THREAD_ROUNDS} alternating runs each, ${THREAD_MEASURE_MS / 1000} s measured after ${THREAD_SETTLE_MS / 1000} s of settling; \`?threads=N\` forces the count):

| wasm threads | poses/s (median) | model ms/frame (median) |
|---|---|---|
| 1 | ${t(1, 'poseFps').toFixed(1)} | ${t(1, 'modelMs').toFixed(1)} |
| 2 | ${t(2, 'poseFps').toFixed(1)} | ${t(2, 'modelMs').toFixed(1)} |

2 threads ÷ 1 thread, poses/s: ${ratio.toFixed(2)}.
`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
