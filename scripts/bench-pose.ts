/**
 * npm run bench:pose — pose model speed in headless Chromium on the fixture videos: the raw
 * pose-detection call (page main thread) and the full worker round trip, per model × backend.
 * Writes the "Pose model (headless Chromium)" section of docs/benchmarks.md.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BackendId, ModelId } from '../src/pose/models';
import { startAppServer } from './lib/app-server';
import { FIXTURE_VIDEOS, PROJECT_ROOT } from './lib/paths';
import { launchChromium } from './lib/chromium';
import { machineLine, median, quantile, writeBenchmarkSection } from './lib/bench-doc';
import type {} from '../src/harness/bench';

/** Frames decoded per clip (the first N): enough for a stable median, short enough for 2 cores. */
const FRAMES_PER_CLIP = 40;

/** What runs where: every model on wasm; software WebGL and cpu are 10–30× slower here, so fewer frames. */
const PLAN: { backend: BackendId; models: ModelId[]; frames: number }[] = [
  {
    backend: 'wasm',
    models: ['movenet-lightning', 'blazepose-lite', 'blazepose-full', 'movenet-thunder', 'blazepose-heavy'],
    frames: 160,
  },
  { backend: 'webgl', models: ['movenet-lightning', 'blazepose-full'], frames: 24 },
  { backend: 'cpu', models: ['movenet-lightning', 'blazepose-full'], frames: 8 },
];

/** The worker round trip may cost at most this much over the raw call (issue 2's budget). */
const MAX_WORKER_OVERHEAD_RATIO = 0.1;

interface Row {
  model: ModelId;
  backend: BackendId;
  mode: 'raw call' | 'worker round trip' | 'worker, bitmap to tfjs (before)';
  frames: number;
  medianMs: number;
  p95Ms: number;
  loadMs: number;
  /** Median time inside estimatePoses, measured in the worker (worker rows only). */
  inWorkerModelMs: number | null;
}

async function main(): Promise<void> {
  // `--only blazepose-full:wasm,movenet-lightning:wasm` runs a subset (and writes nothing).
  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : null;
  const loadAtStart = loadavg()[0] ?? 0;
  const { url, server } = await startAppServer();
  const browser = await launchChromium();
  const rows: Row[] = [];
  let chromiumVersion = '';
  try {
    const page = await browser.context.newPage();
    chromiumVersion =
      browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    await page.goto(new URL('src/harness/bench.html', url).href);
    await page.waitForFunction(() => 'squatCoachBench' in window);
    await page.setInputFiles(
      '#files',
      FIXTURE_VIDEOS.map((c) => join(PROJECT_ROOT, 'fixtures', c)),
    );
    const decoded = await page.evaluate((n) => window.squatCoachBench.decode(n), FRAMES_PER_CLIP);
    process.stderr.write(`bench:pose: ${decoded} frames decoded from ${FIXTURE_VIDEOS.length} clips\n`);
    for (const { backend, models, frames } of PLAN) {
      for (const model of models.filter((m) => only === null || only.includes(`${m}:${backend}`))) {
        const r = await page.evaluate(([m, b, n]) => window.squatCoachBench.paired(m, b, n), [
          model,
          backend,
          frames,
        ] as const);
        const rawRow: Row = {
          model,
          backend,
          mode: 'raw call',
          frames: r.rawMs.length,
          medianMs: median(r.rawMs),
          p95Ms: quantile(r.rawMs, 0.95),
          loadMs: r.rawLoadMs,
          inWorkerModelMs: null,
        };
        const workerRow: Row = {
          model,
          backend,
          mode: 'worker round trip',
          frames: r.workerMs.length,
          medianMs: median(r.workerMs),
          p95Ms: quantile(r.workerMs, 0.95),
          loadMs: r.workerLoadMs,
          inWorkerModelMs: median(r.inWorkerMs),
        };
        const tfjsRow: Row = {
          model,
          backend,
          mode: 'worker, bitmap to tfjs (before)',
          frames: r.workerTfjsMs.length,
          medianMs: median(r.workerTfjsMs),
          p95Ms: quantile(r.workerTfjsMs, 0.95),
          loadMs: Number.NaN,
          inWorkerModelMs: median(r.inWorkerTfjsMs),
        };
        rows.push(rawRow, workerRow, tfjsRow);
        process.stderr.write(
          `bench:pose: ${model} ${backend}: raw ${rawRow.medianMs.toFixed(1)} ms, worker ${workerRow.medianMs.toFixed(1)} ms (model in worker ${workerRow.inWorkerModelMs?.toFixed(1)} ms)\n`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const lines = [
    machineLine(
      `, Chromium ${chromiumVersion} headless (software WebGL: SwiftShader); 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`,
    ),
    '',
    `Frames: the first ${FRAMES_PER_CLIP} of each fixture clip, downscaled to ≤ 640 px as the app sends them; raw call (this page's main thread, on an ImageBitmap copy of the frame), worker round trip (the page wraps the copy in a VideoFrame and transfers it; the worker copies its pixels out as RGBA: src/pose/client.ts, src/pose/worker/bitmap-pixels.ts), and a second worker on the path before (the ImageBitmap itself transferred, which reached the worker 3.5–5 ms after it was posted, and handed to tfjs as it is: tfjs draws it on an OffscreenCanvas made without willReadFrequently and resized every call) interleaved frame by frame on the same frames, the order rotating, after 3 warm-up calls each. Load time: backend start + model fetch (+ the worker's warm-up trials).`,
    '',
    '"Model in worker": median time to read the frame\'s pixels plus estimatePoses, measured in the worker, so the round trip minus it is the messaging cost (transfer, RPC, result copy).',
    '',
    '| model | backend | measured | frames | median ms/frame | p95 ms/frame | frames/s | load ms | model in worker ms | worker overhead |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const failures: string[] = [];
  for (const r of rows) {
    const rawRow = rows.find((x) => x.model === r.model && x.backend === r.backend && x.mode === 'raw call');
    let overhead = '';
    if (r.mode !== 'raw call' && rawRow) {
      const ratio = r.medianMs / rawRow.medianMs - 1;
      overhead = `${(ratio * 100).toFixed(1)} %`;
      if (r.mode === 'worker round trip' && ratio > MAX_WORKER_OVERHEAD_RATIO)
        failures.push(`${r.model} on ${r.backend}: ${overhead}`);
    }
    lines.push(
      `| ${r.model} | ${r.backend} | ${r.mode} | ${r.frames} | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${(1000 / r.medianMs).toFixed(1)} | ${Number.isNaN(r.loadMs) ? '' : r.loadMs.toFixed(0)} | ${r.inWorkerModelMs?.toFixed(1) ?? ''} | ${overhead} |`,
    );
  }
  lines.push(
    '',
    failures.length === 0
      ? `Worker round trip vs raw call (medians): within the ${MAX_WORKER_OVERHEAD_RATIO * 100} % budget for every model and backend.`
      : `Over the ${MAX_WORKER_OVERHEAD_RATIO * 100} % worker budget: ${failures.join('; ')}.`,
  );
  if (only === null) await writeBenchmarkSection('Pose model (headless Chromium)', lines.join('\n'));
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:pose: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
