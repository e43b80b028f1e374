/**
 * npm run bench:file — video-file analysis speed as a multiple of real time: every frame of each
 * fixture video through the app's own file pipeline (src/app/extract-track.ts: <video> decoding,
 * pose worker, model) in headless Chromium, per model, on wasm. Writes the "Video-file analysis"
 * section of docs/benchmarks.md.
 *
 * Options: --models a,b (default: all), --clips substring,… (default: all fixtures), --no-write.
 */
import { join } from 'node:path';
import { MODEL_IDS, DEFAULT_MODEL, type ModelId, isModelId } from '../src/pose/models';
import { startAppServer } from './lib/app-server';
import { FIXTURE_VIDEOS, PROJECT_ROOT } from './lib/paths';
import { launchChromium } from './lib/chromium';
import { machineLine, median, writeBenchmarkSection } from './lib/bench-doc';
import { runHarness } from './lib/run-harness';
import { PACE_HEADROOM_RATIO } from '../src/media/frame-pacer';

/** Speed at and above which analysing a file takes no longer than watching it (× real time). */
const REAL_TIME = 1;

interface Row {
  model: ModelId;
  clip: string;
  frames: number;
  fps: number;
  mediaS: number;
  wallS: number;
  speed: number;
  inferenceMs: number;
  /** Frames the player skipped, fetched back by seeking; stalls recovered (src/media/video-frames.ts). */
  fetchedBySeek: number;
  stalls: number;
  /** playbackRate the frame source settled on, ×. */
  finalRate: number;
}

function arg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

async function main(): Promise<void> {
  const models = (arg('models')?.split(',') ?? [...MODEL_IDS]).filter(isModelId);
  const clipFilter = arg('clips')?.split(',') ?? null;
  const clips = FIXTURE_VIDEOS.filter((c) => clipFilter === null || clipFilter.some((f) => c.includes(f)));
  const { url, server } = await startAppServer();
  const browser = await launchChromium();
  const rows: Row[] = [];
  let chromiumVersion = '';
  try {
    const page = await browser.context.newPage();
    chromiumVersion = browser.context.browser()?.version() ?? '';
    for (const model of models) {
      for (const clip of clips) {
        const r = await runHarness(page, url, join(PROJECT_ROOT, 'fixtures', clip), {
          model,
          backend: 'wasm',
        });
        const frames = r.track.frames.length;
        const fps = r.track.fps;
        // Media time covered: first to last frame plus one frame's duration.
        const mediaS =
          ((r.track.frames[frames - 1]?.tMs ?? 0) - (r.track.frames[0]?.tMs ?? 0)) / 1000 + 1 / fps;
        const wallS = r.stats.wallMs / 1000;
        const row: Row = {
          model,
          clip: clip.replace(/\.[^.]+$/, ''),
          frames,
          fps,
          mediaS,
          wallS,
          speed: mediaS / wallS,
          inferenceMs: median(r.stats.inferenceMs),
          fetchedBySeek: r.stats.frameSource.fetchedBySeek,
          stalls: r.stats.frameSource.stalls,
          finalRate: r.stats.frameSource.finalRate,
        };
        rows.push(row);
        process.stderr.write(
          `bench:file: ${model} ${row.clip}: ${frames} frames @ ${fps.toFixed(2)} fps, ${mediaS.toFixed(1)} s of video in ${wallS.toFixed(1)} s → ${row.speed.toFixed(2)}× real time\n`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const lines = [
    machineLine(`, Chromium ${chromiumVersion} headless, wasm backend`),
    '',
    `Every frame of each fixture video through the app's file pipeline (\`extractPoseTrack\`: the browser decodes the file while it plays, each frame is copied, downscaled to ≤ 640 px and sent to the pose worker; the video plays at a rate paced to the model, ${PACE_HEADROOM_RATIO} of its measured frame rate, so the player rarely has to pause and skip; frames it skipped anyway are fetched by seeking, and a stall in playback is recovered the same way). Wall time from the first frame to the last, model already loaded. Speed = seconds of video / seconds of analysis, at the source frame rate (1× = as long as the video).`,
    '',
    '| model | clip | frames | source fps | video s | analysis s | speed (× real time) | median inference ms/frame | playback rate | fetched by seek | stalls |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.model} | ${r.clip} | ${r.frames} | ${r.fps.toFixed(2)} | ${r.mediaS.toFixed(1)} | ${r.wallS.toFixed(1)} | ${r.model === DEFAULT_MODEL ? '**' : ''}${r.speed.toFixed(2)}×${r.model === DEFAULT_MODEL ? '**' : ''} | ${r.inferenceMs.toFixed(1)} | ${r.finalRate.toFixed(2)}× | ${r.fetchedBySeek} | ${r.stalls} |`,
    ),
    '',
  ];
  const verdict: string[] = [];
  for (const model of models) {
    const mine = rows.filter((r) => r.model === model);
    const fast = mine.filter((r) => r.speed >= REAL_TIME);
    verdict.push(
      `- **${model}**${model === DEFAULT_MODEL ? ' (default)' : ''}: ${
        fast.length === mine.length
          ? `≥ 1× real time on every clip (slowest ${Math.min(...mine.map((r) => r.speed)).toFixed(2)}×)`
          : fast.length === 0
            ? `below 1× real time on every clip (best ${Math.max(...mine.map((r) => r.speed)).toFixed(2)}×)`
            : `≥ 1× on ${fast.map((r) => r.clip).join(', ')}; below on ${mine
                .filter((r) => r.speed < REAL_TIME)
                .map((r) => `${r.clip} (${r.speed.toFixed(2)}×)`)
                .join(', ')}`
      }.`,
    );
  }
  lines.push('Which model reaches real time at the source frame rate:', '', ...verdict);
  const body = lines.join('\n');
  if (!process.argv.includes('--no-write'))
    await writeBenchmarkSection('Video-file analysis (headless Chromium)', body);
  process.stdout.write(`${body}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:file: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
