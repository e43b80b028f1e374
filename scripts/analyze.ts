/**
 * npm run analyze -- <video.mp4|video.webm|track.json> [--track out.json] [--model M] [--backend B]
 *                    [--depth-target parallel|half|any] [--test single-leg-squat]
 *
 * The main job without a camera. A video runs through the real app pipeline — the same page code,
 * worker and model — in headless Chromium, over every frame; a pose-track/v1 JSON skips the model.
 * Prints the analysis as JSON on stdout (the squat set by default; `--test single-leg-squat` prints
 * the single-leg check's per-leg result instead); progress and errors go to stderr.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePoseTrack, type PoseTrack } from '../src/core/pose/pose-track';
import { DEFAULT_MODEL, isBackendChoice, isModelId } from '../src/pose/models';
import { startAppServer } from './lib/app-server';
import { launchChromium } from './lib/chromium';
import { runHarness } from './lib/run-harness';
import { isAnalyzeTest, summarizeSingleLegTrack, summarizeTrack } from './lib/summarize';
import { DEFAULT_DEPTH_TARGET, isDepthTarget } from '../src/core';
import { DECODE_THREAD_WORDS } from '../src/features/file/decode-path';

const USAGE =
  'usage: npm run analyze -- <video|pose-track.json> [--track out.json] [--model MODEL] [--backend auto|wasm|webgl|cpu] [--depth-target parallel|half|any] [--test single-leg-squat]';

async function trackFromVideo(path: string, model: string, backend: string): Promise<PoseTrack> {
  if (!isModelId(model)) throw new Error(`unknown model "${model}"`);
  if (!isBackendChoice(backend)) throw new Error(`unknown backend "${backend}"`);
  const { url, server } = await startAppServer();
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') process.stderr.write(`[page] ${m.text()}\n`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) process.stderr.write(`[page] HTTP ${r.status()} ${r.url()}\n`);
    });
    const r = await runHarness(page, url, path, { model, backend });
    process.stderr.write(
      `analyze: ${r.stats.frames} frames with ${r.init.model} on ${r.init.backend} (${r.init.reason}) in ${(r.stats.wallMs / 1000).toFixed(1)} s\n`,
    );
    const src = r.stats.frameSource;
    const probe = r.stats.probe;
    process.stderr.write(
      r.stats.path === 'webcodecs'
        ? `analyze: decoded with WebCodecs in ${r.stats.decodedIn === null ? '?' : DECODE_THREAD_WORDS[r.stats.decodedIn]} (${probe?.codecString ?? '?'} in ${probe?.container ?? '?'}), ${r.stats.framesDecoded} frames decoded\n`
        : `analyze: played in a video element${r.stats.pathReason === null ? '' : ` (${r.stats.pathReason})`}: frames fetched by seeking ${src.fetchedBySeek}, stalls ${src.stalls}, final playback rate ${src.finalRate.toFixed(2)}×\n`,
    );
    for (const f of r.init.fallbacks)
      process.stderr.write(`analyze: fell back: ${f.model} on ${f.backend}: ${f.error}\n`);
    return r.track;
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      track: { type: 'string' },
      model: { type: 'string', default: DEFAULT_MODEL },
      backend: { type: 'string', default: 'auto' },
      'depth-target': { type: 'string', default: DEFAULT_DEPTH_TARGET },
      test: { type: 'string' },
    },
  });
  const input = positionals[0];
  if (input === undefined || positionals.length > 1) throw new Error(USAGE);
  const depthTarget = values['depth-target'];
  if (!isDepthTarget(depthTarget)) throw new Error(`unknown depth target "${depthTarget}"`);
  const test = values.test;
  if (test !== undefined && !isAnalyzeTest(test)) throw new Error(`unknown test "${test}"`);
  const path = resolve(input);
  if (!existsSync(path)) throw new Error(`no such file: ${input}`);
  const track =
    extname(path).toLowerCase() === '.json'
      ? parsePoseTrack(JSON.parse(readFileSync(path, 'utf8')) as unknown)
      : await trackFromVideo(path, values.model, values.backend);
  if (values.track !== undefined) {
    writeFileSync(values.track, `${JSON.stringify(track)}\n`);
    process.stderr.write(`analyze: pose track written to ${values.track}\n`);
  }
  const result = test === undefined ? summarizeTrack(track, depthTarget) : summarizeSingleLegTrack(track);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`analyze: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
