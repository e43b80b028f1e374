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
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAndPreview, workerBundleOf } from './lib/prod-server';
import { liveStats, startLiveCamera } from './lib/live-page';
import { fakeCameraArgs, launchChromium } from './lib/chromium';
import { machineLine, median, writeBenchmarkSection } from './lib/bench-doc';
import globalSetup from '../tests/e2e/global-setup';
import { y4mPathFor } from '../tests/e2e/clips';
import { START_MARK_PREFIX } from '../src/pose/start-marks';

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

/** One start: ms from navigation to the first drawn keypoints, and the page's start marks (ms). */
interface StartRun {
  firstKeypointsMs: number;
  steps: Map<string, number>;
  /** The Advanced engine line once the skeleton shows (backend, threads and why). */
  engine: string;
}

async function timeToFirstSkeleton(
  context: Awaited<ReturnType<typeof launchChromium>>['context'],
  url: string,
): Promise<StartRun> {
  const page = await context.newPage();
  try {
    await page.addInitScript(watchFirstKeypoints);
    await page.goto(new URL('?model=blazepose-full&backend=auto#/live', url).href);
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForFunction(() => (window as unknown as Hooks).__firstKeypointsMs !== null, undefined, {
      timeout: 120_000,
    });
    const { first, marks } = await page.evaluate((prefix) => {
      // The model may still be timing threads when the first skeleton shows (a cold start): the
      // breakdown waits for nothing more, so a step that ends later is simply absent.
      const marks = performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith(prefix))
        .map((m) => [m.name.slice(prefix.length), m.startTime] as const);
      return { first: (window as unknown as Hooks).__firstKeypointsMs ?? Number.NaN, marks };
    }, START_MARK_PREFIX);
    const steps = new Map<string, number>();
    for (const [name, ms] of marks) if (!steps.has(name)) steps.set(name, ms);
    const engine = (await page.getByTestId('engine').textContent()) ?? '';
    return { firstKeypointsMs: first, steps, engine };
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
  const cold: StartRun[] = [];
  const warm: StartRun[] = [];
  const loadAtStart = loadavg()[0] ?? 0;
  const runs: Record<number, { poseFps: number; modelMs: number }[]> = { 1: [], 2: [] };
  const bundle = workerBundleOf(server.outDir);
  const chunks = workerChunksOf(server.outDir, bundle.file);
  const eagerBytes = chunks.eager.reduce((a, c) => a + c.bytes, 0);
  const eagerGzipBytes = chunks.eager.reduce((a, c) => a + c.gzipBytes, 0);
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
        `bench:start: cold ${cold.at(-1)?.firstKeypointsMs.toFixed(0)} ms, warm ${warm
          .slice(-WARM_RUNS_PER_COLD)
          .map((x) => x.firstKeypointsMs.toFixed(0))
          .join(', ')} ms`,
      );
      for (const run of [cold.at(-1), ...warm.slice(-WARM_RUNS_PER_COLD)])
        console.log(
          [...(run?.steps ?? [])]
            .sort((a, b) => a[1] - b[1])
            .map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ${k}`)
            .join('\n'),
        );
    }
    for (let r = 0; r < (process.env['BENCH_START_NO_THREADS'] === '1' ? 0 : THREAD_ROUNDS); r++) {
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
  const loadAtEnd = loadavg()[0] ?? 0;
  const firsts = (rs: StartRun[]): number[] => rs.map((r) => r.firstKeypointsMs);
  const s = (rs: StartRun[]): string => (median(firsts(rs)) / 1000).toFixed(2);
  const t = (n: number, k: 'poseFps' | 'modelMs'): number => median((runs[n] ?? []).map((x) => x[k]));
  const ratio = t(2, 'poseFps') / t(1, 'poseFps');
  writeBenchmarkSection(
    'Start-up and threads (bench:start)',
    `${machineLine(`; 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end`)}

The production build (\`vite build\`, served by \`vite preview\` with the same cross-origin isolation headers),
headless Chromium, fake camera fed by \`${CLIP}\`, default model (BlazePose full) on the backend chosen by warm-up.

| pose worker bundle | bytes | gzip bytes | share of before |
|---|---|---|---|
| before (fdabfc1: licence headers kept, tfjs umbrella) | ${WORKER_BYTES_BEFORE} | | 100 % |
| now, loaded at start (${chunks.eager.map((c) => `\`${c.file}\``).join(' + ')}) | ${eagerBytes} | ${eagerGzipBytes} | ${((eagerBytes / WORKER_BYTES_BEFORE) * 100).toFixed(0)} % |

Loaded by the worker only when needed (dynamic imports: the WebGL and CPU backends when tried, mediabunny for a
video file): ${chunks.lazy.map((c) => `\`${c.file}\` ${c.bytes} bytes`).join(', ')}.

Time from navigation to the first keypoints drawn on the live video, the user clicking "Start camera" as soon
as it shows (model download, wasm compile, warm-up trials, camera start and the first pose all included).
Cold: a fresh browser profile, nothing cached (${COLD_RUNS} runs). Warm: the same profile, the page opened again (${COLD_RUNS * WARM_RUNS_PER_COLD} runs).

| start | median s | runs, s |
|---|---|---|
| cold | ${s(cold)} | ${firsts(cold)
      .map((x) => (x / 1000).toFixed(2))
      .join(', ')} |
| warm | ${s(warm)} | ${firsts(warm)
      .map((x) => (x / 1000).toFixed(2))
      .join(', ')} |

Where the time goes: when each step ended, ms after navigation (median over the runs that had it; \`start:\` marks
on the page's performance timeline, src/pose/start-marks.ts; the worker's steps on its own clock, placed on the
page's). A cold start times wasm against WebGL (skipped: software WebGL here) and then wasm with 2 threads in a second
worker, and remembers the choice (src/pose/engine-decision.ts); a warm start loads the remembered choice with a
single warm-up call (nothing to rank; the engine line shows its time). "—": the step did not happen in that kind of start (or not before the first skeleton).

${breakdownTable(cold, warm)}
${outliers('cold', cold)}${outliers('warm', warm)}

The Advanced engine line, first cold run: "${cold[0]?.engine ?? '?'}"; first warm run: "${warm[0]?.engine ?? '?'}".

Wasm threads on this machine (${THREAD_ROUNDS} alternating runs each, ${THREAD_MEASURE_MS / 1000} s measured after ${THREAD_SETTLE_MS / 1000} s of settling; \`?threads=N\` forces the count):

| wasm threads | poses/s (median) | model ms/frame (median) |
|---|---|---|
| 1 | ${t(1, 'poseFps').toFixed(1)} | ${t(1, 'modelMs').toFixed(1)} |
| 2 | ${t(2, 'poseFps').toFixed(1)} | ${t(2, 'modelMs').toFixed(1)} |

2 threads ÷ 1 thread, poses/s: ${ratio.toFixed(2)}.
`,
  );
}

/**
 * The worker's code split by when it loads: `eager`, the bundle and the chunks it imports statically
 * (all fetched and evaluated before the model can load); `lazy`, the chunks it imports dynamically.
 */
function workerChunksOf(
  outDir: string,
  workerFile: string,
): { eager: { file: string; bytes: number; gzipBytes: number }[]; lazy: { file: string; bytes: number }[] } {
  const read = (f: string): Buffer => readFileSync(join(outDir, 'assets', f));
  const refs = (code: string, re: RegExp): string[] =>
    [...code.matchAll(re)].map((m) => m[1] ?? '').filter(Boolean);
  const staticRe = /from\s*["'`]\.\/([^"'`]+\.js)["'`]/g;
  const dynamicRe = /import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g;
  const eager = [workerFile];
  for (let i = 0; i < eager.length; i++)
    for (const f of refs(read(eager[i] ?? '').toString('utf8'), staticRe))
      if (!eager.includes(f)) eager.push(f);
  const lazy = [...new Set(eager.flatMap((f) => refs(read(f).toString('utf8'), dynamicRe)))].filter(
    (f) => !eager.includes(f),
  );
  return {
    eager: eager.map((file) => ({ file, bytes: read(file).length, gzipBytes: gzipSync(read(file)).length })),
    lazy: lazy.map((file) => ({ file, bytes: statSync(join(outDir, 'assets', file)).size })),
  };
}

/** A start slower than this many times its kind's median is written out step by step. */
const OUTLIER_TIMES_MEDIAN = 2;

/** Every step of each outlying start, so a slow one can be explained from the doc alone. */
function outliers(kind: 'cold' | 'warm', runs: StartRun[]): string {
  const limit = OUTLIER_TIMES_MEDIAN * median(runs.map((r) => r.firstKeypointsMs));
  return runs
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.firstKeypointsMs > limit)
    .map(({ r, i }) => {
      const steps = [...r.steps].sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`);
      return `\nOutlier: ${kind} run ${i + 1} took ${(r.firstKeypointsMs / 1000).toFixed(2)} s (> ${OUTLIER_TIMES_MEDIAN}× the median). Its steps, ms after navigation: ${steps.join('; ')}. Engine: "${r.engine}".\n`;
    })
    .join('');
}

/** Each start step's median time (ms after navigation) in cold and warm starts, in the order they happen. */
function breakdownTable(cold: StartRun[], warm: StartRun[]): string {
  const med = (rs: StartRun[], step: string): number | null => {
    const xs = rs.map((r) => r.steps.get(step)).filter((x): x is number => x !== undefined);
    return xs.length === 0 ? null : median(xs);
  };
  const names = [...new Set([...cold, ...warm].flatMap((r) => [...r.steps.keys()]))];
  const order = (n: string): number => med(cold, n) ?? med(warm, n) ?? Number.POSITIVE_INFINITY;
  names.sort((a, b) => order(a) - order(b));
  const cell = (x: number | null): string => (x === null ? '—' : x.toFixed(0));
  const rows = names.map((n) => `| ${n} | ${cell(med(cold, n))} | ${cell(med(warm, n))} |`);
  return ['| step | cold, ms | warm, ms |', '|---|--:|--:|', ...rows].join('\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
