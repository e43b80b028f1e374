/**
 * npm run bench:file — video-file analysis speed as a multiple of real time, both decode paths side
 * by side in one run: the old one (a <video> plays the file paced to the model, every frame) and the
 * new one (WebCodecs decoding in the pose worker, sampled at the rate the movement needs:
 * src/pose/adaptive-sampling.ts), through the app's own
 * file pipeline (src/features/file/extract-track.ts) in headless Chromium, on wasm. Clips: each
 * 30 fps fixture and a 1080×1920 phone-sized clip made from one with ffmpeg (into .cache/bench/).
 * Checks that each clip's summary from the new path matches the old (full-rate) one. Writes the
 * "Video-file analysis" section of docs/benchmarks.md, with where the new path's time went per
 * analysed frame (the worker's own timing).
 *
 * The new path runs NEW_PATH_RUNS times per clip, right after the old one, and its row is the run
 * with the median wall time (every run's speed is listed, and every run's summary is checked): single
 * runs on this 2-core machine differ by up to 40 % from minute to minute (docs/file-analysis.md).
 *
 * Options: --models a,b (default: the default model), --clips substring,… (default: all),
 * --runs N (new-path runs per clip, default NEW_PATH_RUNS), --new-only (skip the old path; no
 * agreement check, implies --no-write), --no-write.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { DEFAULT_MODEL, type ModelId, isModelId } from '../src/pose/models';
import { MOVING_INTERVAL_MS } from '../src/pose/adaptive-sampling';
import type { FileAnalysisTiming, FileDecodeThread } from '../src/pose/contract';
import { analyzeFrames } from '../src/core/set/session';
import { poseTrackToFrames } from '../src/core/pose/pose-track';
import type { SetSummary } from '../src/core/types';
import type { DecodePath } from '../src/features/file/extract-track';
import { DECODE_THREAD_WORDS } from '../src/features/file/decode-path';
import { startAppServer } from './lib/app-server';
import { PROJECT_ROOT } from './lib/paths';
import { launchChromium } from './lib/chromium';
import { machineLine, median, writeBenchmarkSection } from './lib/bench-doc';
import { runHarness } from './lib/run-harness';
import { DECODER_CREDIT } from '../src/pose/worker/decode-client';
import { FILE_THREADS_WIN_RATIO, threadTrialCount } from '../src/pose/engine-decision';

/** The new path's target on this machine with the default model (issue 12), × real time. */
const TARGET_SPEED = 1.5;
/**
 * Rep bottoms of the two paths may differ by one analysis interval around a rep plus one source
 * frame, ms (the golden test's tolerance, tests/golden/sampling.test.ts).
 */
const BOTTOM_TOLERANCE_MS = MOVING_INTERVAL_MS + 1000 / 30;

/** New-path runs per clip (odd, so one run is the median). */
const NEW_PATH_RUNS = 3;

const PHONE_CLIP = join(PROJECT_ROOT, '.cache', 'bench', 'phone-1080x1920.mp4');

/** The 30 fps fixtures (the 5 fps banded clip is left out: it has no frames to skip). */
const CLIPS: readonly { name: string; path: () => string }[] = [
  {
    name: 'front-oblique-half-squats',
    path: () => join(PROJECT_ROOT, 'fixtures/front-oblique-half-squats.mp4'),
  },
  { name: 'rear-barbell-squats', path: () => join(PROJECT_ROOT, 'fixtures/rear-barbell-squats.webm') },
  { name: 'side-bodyweight-squat', path: () => join(PROJECT_ROOT, 'fixtures/side-bodyweight-squat.mp4') },
  { name: 'phone 1080×1920 (side clip)', path: phoneClip },
];

/** The side clip (1080×2048, 30 fps) cropped to a phone's 1080×1920 and re-encoded as H.264 High. */
function phoneClip(): string {
  if (existsSync(PHONE_CLIP)) return PHONE_CLIP;
  mkdirSync(join(PROJECT_ROOT, '.cache', 'bench'), { recursive: true });
  const tmp = `${PHONE_CLIP}.tmp.mp4`;
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-i',
    join(PROJECT_ROOT, 'fixtures/side-bodyweight-squat.mp4'),
    '-vf',
    'crop=1080:1920',
    '-c:v',
    'libx264',
    '-profile:v',
    'high',
    '-crf',
    '20',
    '-pix_fmt',
    'yuv420p',
    '-an',
    tmp,
  ]);
  renameSync(tmp, PHONE_CLIP);
  return PHONE_CLIP;
}

interface Row {
  model: ModelId;
  clip: string;
  path: DecodePath;
  framesDecoded: number;
  /** Frames the new path passed over undecoded (H.264 off the grid, nothing predicted from them). */
  framesSkipped: number;
  framesAnalysed: number;
  mediaS: number;
  wallS: number;
  speed: number;
  inferenceMs: number;
  summary: SetSummary;
  timing: FileAnalysisTiming | null;
  /** The engine that ran ("wasm, 2 threads") and the load's reason (its thread trial). */
  engine: string;
  engineReason: string;
  /** Where the new path decoded the file, or null on the old path. */
  decodedIn: FileDecodeThread | null;
  /** The speed of every run of this path on this clip, in run order (× real time). */
  runSpeeds: number[];
  /** Whether every run's summary matched the old path's (true on the old path). */
  allRunsAgree: boolean;
}

function arg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

/** How the new path's summary compares with the old path's full-rate one. */
function agreement(old: SetSummary, fresh: SetSummary): { ok: boolean; text: string } {
  const bottoms = (s: SetSummary): number[] => [...s.reps, ...s.partials].map((r) => r.bottomMs);
  const a = bottoms(old);
  const b = bottoms(fresh);
  const sameCount = old.repCount === fresh.repCount && old.partialReps === fresh.partialReps;
  const worstMs =
    a.length === b.length ? Math.max(0, ...a.map((t, i) => Math.abs(t - (b[i] ?? Infinity)))) : Infinity;
  const sameCues = old.cues.map((c) => c.id).join() === fresh.cues.map((c) => c.id).join();
  const ok = sameCount && worstMs <= BOTTOM_TOLERANCE_MS && sameCues;
  return {
    ok,
    text: `${ok ? 'yes' : '**no**'}: reps ${old.repCount}+${old.partialReps} / ${fresh.repCount}+${fresh.partialReps}, bottoms Δ ≤ ${Number.isFinite(worstMs) ? worstMs.toFixed(0) : '—'} ms, cues ${sameCues ? 'same' : 'differ'}`,
  };
}

/** The new path's time per analysed frame: decode wait, convert, tensor, model, other (ms, 1 decimal). */
function breakdown(r: Row): string[] {
  const t = r.timing;
  if (t === null) return [];
  const n = Math.max(1, r.framesAnalysed);
  const parts = [t.decodeWaitMs, t.convertMs, t.tensorMs, t.modelMs];
  const other = r.wallS * 1000 - parts.reduce((a, b) => a + b, 0);
  const [wait = 0, convert = 0, tensor = 0, model = 0] = parts.map((ms) => ms / n);
  return [
    wait.toFixed(1),
    `${convert.toFixed(1)} / ${(t.decoderConvertMs / n).toFixed(1)} (copy ${(t.copyMs / n).toFixed(1)})`,
    tensor.toFixed(1),
    model.toFixed(1),
    (other / n).toFixed(1),
  ];
}

async function main(): Promise<void> {
  const models = (arg('models')?.split(',') ?? [DEFAULT_MODEL]).filter(isModelId);
  const clipFilter = arg('clips')?.split(',') ?? null;
  const clips = CLIPS.filter((c) => clipFilter === null || clipFilter.some((f) => c.name.includes(f)));
  const newOnly = process.argv.includes('--new-only');
  const runCount = Math.max(1, Number(arg('runs') ?? NEW_PATH_RUNS));
  // --threads N: the new path on N wasm threads, not the file screen's measured choice (comparisons).
  const forcedThreads = arg('threads') === null ? null : Number(arg('threads'));
  // Other work on the machine slows both paths alike; the figure goes into the doc with the results.
  const loadAtStart = loadavg()[0] ?? 0;
  const { url, server } = await startAppServer();
  const browser = await launchChromium();
  const rows: Row[] = [];
  let chromiumVersion = '';
  try {
    const page = await browser.context.newPage();
    chromiumVersion = browser.context.browser()?.version() ?? '';
    for (const model of models) {
      for (const clip of clips) {
        const file = clip.path();
        // Old then new, back to back, so both rows see the same machine load. The video's length
        // comes from the old path's full-rate track (first to last frame plus one frame).
        let mediaS = 0;
        const paths = newOnly ? (['webcodecs'] as const) : (['video-element', 'webcodecs'] as const);
        const runs: Row[] = [];
        for (const path of paths.flatMap((p) => Array<typeof p>(p === 'webcodecs' ? runCount : 1).fill(p))) {
          // The new path loads the model as the file screen does (its backend and thread trials); the
          // old one as the file screen did, a plain worker on wasm.
          const r = await runHarness(page, url, file, {
            model,
            path,
            ...(path === 'webcodecs'
              ? forcedThreads === null
                ? { backend: 'auto', engine: 'file-screen', sampling: { kind: 'adaptive' } }
                : { backend: 'wasm', wasmThreads: forcedThreads, sampling: { kind: 'adaptive' } }
              : { backend: 'wasm', sampling: { kind: 'every-frame' } }),
          });
          if (r.stats.path !== path) throw new Error(`${clip.name}: asked for ${path}, ran ${r.stats.path}`);
          const frames = r.track.frames;
          if (path === 'video-element')
            mediaS = ((frames.at(-1)?.tMs ?? 0) - (frames[0]?.tMs ?? 0)) / 1000 + 1 / r.track.fps;
          // Without the old path, the length comes from the decoded frame count at 30 fps.
          if (newOnly) mediaS = (r.stats.framesDecoded + r.stats.framesSkipped) / 30;
          const wallS = r.stats.wallMs / 1000;
          const row: Row = {
            model,
            clip: clip.name,
            path,
            framesDecoded: r.stats.framesDecoded,
            framesSkipped: r.stats.framesSkipped,
            framesAnalysed: frames.length,
            mediaS,
            wallS,
            speed: mediaS / wallS,
            inferenceMs: median(r.stats.inferenceMs),
            summary: analyzeFrames(poseTrackToFrames(r.track)),
            timing: r.stats.timing,
            engine:
              r.init.backend === 'wasm'
                ? `${r.init.backend}, ${r.init.wasmThreads} thread${r.init.wasmThreads === 1 ? '' : 's'}`
                : r.init.backend,
            engineReason: r.init.reason,
            decodedIn: r.stats.decodedIn,
            runSpeeds: [],
            allRunsAgree: true,
          };
          runs.push(row);
          process.stderr.write(
            `bench:file: ${model} ${row.clip} [${path}]: ${row.framesAnalysed}/${row.framesDecoded}+${row.framesSkipped} frames, ${mediaS.toFixed(1)} s of video in ${wallS.toFixed(1)} s → ${row.speed.toFixed(2)}× real time${row.timing === null ? '' : ` (${breakdown(row).join(', ')})`}; load ${(loadavg()[0] ?? 0).toFixed(1)}\n`,
          );
        }
        // One row per path: the old path's run, and the new path's median run with every run's speed.
        for (const path of paths) {
          const ofPath = runs.filter((r) => r.path === path);
          const byWall = ofPath.slice().sort((a, b) => a.wallS - b.wallS);
          const mid = byWall[(byWall.length - 1) >> 1];
          if (mid === undefined) continue;
          const old = runs.find((r) => r.path === 'video-element');
          rows.push({
            ...mid,
            runSpeeds: ofPath.map((r) => r.speed),
            allRunsAgree:
              old === undefined || path === 'video-element'
                ? true
                : ofPath.every((r) => agreement(old.summary, r.summary).ok),
          });
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const label: Record<DecodePath, string> = {
    'video-element': 'old: `<video>` played, every frame',
    webcodecs: 'new: WebCodecs beside the pose worker, adaptive rate',
  };
  const lines = [
    machineLine(
      `, Chromium ${chromiumVersion} headless, wasm backend; 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`,
    ),
    '',
    `Each clip through the app's file pipeline (\`extractPoseTrack\`), back to back: once by the old path (a \`<video>\` plays the file paced to the model; each frame is copied on the page, downscaled to ≤ 640 px and sent to the pose worker; skipped frames are fetched by seeking) and the new one (a decode worker started by the pose worker demuxes the file with mediabunny and decodes it with WebCodecs, in order and each frame at most once — an H.264 frame off the 10 fps candidate grid that no other frame is predicted from (nal_ref_idc 0) is passed over undecoded, src/pose/worker/avc-reference.ts — copies each candidate frame out of the decoder as YUV, downscales it to ≤ 640 px and converts it to RGB in one pass, src/pose/worker/yuv-downscale.ts, and sends the RGB values to the pose worker, transferred, up to ${DECODER_CREDIT} ahead, so decoding and converting run while the model does, src/pose/worker/decode-client.ts; the pose worker analyses the frames the adaptive sampler takes — 5 fps while the person stands still, 10 fps from a descent (seen on two analysed frames running; the frames held in between are analysed too) until they stand still again, src/pose/adaptive-sampling.ts — and hands each image's array back for the next conversion). The new path's model is loaded as the file screen loads it (src/pose/engine-loader.ts, for files): a warm-up of one wasm thread against ${threadTrialCount(cpus().length, true) ?? 2} threads, kept when at most ${FILE_THREADS_WIN_RATIO}× one thread's time (FILE_THREADS_WIN_RATIO, src/pose/engine-decision.ts); the old path's as the file screen did, in a plain worker (one thread on this machine). Wall time from the call to the last pose, model already loaded. Speed = seconds of video / seconds of analysis (1× = as long as the video). "Same result" compares the new path's summary with the old full-rate one (the median run's figures; every run is checked): rep and partial counts exact, rep bottoms within ${BOTTOM_TOLERANCE_MS.toFixed(0)} ms, the same cues.`,
    '',
    '| model | clip | path | frames analysed / decoded (+ passed over) | video s | analysis s | speed (× real time; new path: median run) | median inference ms | same result as full rate |',
    '|---|---|---|--:|--:|--:|--:|--:|---|',
  ];
  const verdict: string[] = [];
  for (const model of models) {
    for (const clip of clips) {
      const old = rows.find((r) => r.model === model && r.clip === clip.name && r.path === 'video-element');
      const fresh = rows.find((r) => r.model === model && r.clip === clip.name && r.path === 'webcodecs');
      for (const r of [old, fresh]) {
        if (r === undefined) continue;
        const match =
          r === fresh && old !== undefined
            ? `${agreement(old.summary, r.summary).text}${r.runSpeeds.length > 1 ? (r.allRunsAgree ? `; all ${r.runSpeeds.length} runs` : '; **not every run**') : ''}`
            : '(reference)';
        const runs =
          r.runSpeeds.length > 1 ? ` (runs ${r.runSpeeds.map((x) => x.toFixed(2)).join(', ')})` : '';
        lines.push(
          `| ${r.model} | ${r.clip} | ${label[r.path]} (${r.engine}${r.decodedIn === null ? '' : `; decoded in ${DECODE_THREAD_WORDS[r.decodedIn]}`}) | ${r.framesAnalysed} / ${r.framesDecoded}${r.framesSkipped > 0 ? ` (+ ${r.framesSkipped})` : ''} | ${r.mediaS.toFixed(1)} | ${r.wallS.toFixed(1)} | ${r.path === 'webcodecs' ? '**' : ''}${r.speed.toFixed(2)}×${r.path === 'webcodecs' ? '**' : ''}${runs} | ${r.inferenceMs.toFixed(1)} | ${match} |`,
        );
      }
      if (old !== undefined && fresh !== undefined)
        verdict.push(
          `- ${model} ${clip.name}: ${(fresh.speed / old.speed).toFixed(1)}× faster (${old.speed.toFixed(2)}× → ${fresh.speed.toFixed(3)}× real time), ${fresh.speed >= TARGET_SPEED ? 'meets' : '**misses**'} the ${TARGET_SPEED}× target${fresh.runSpeeds.length > 1 ? ` (median of ${fresh.runSpeeds.length} runs, slowest ${Math.min(...fresh.runSpeeds).toFixed(2)}×)` : ''}${fresh.allRunsAgree ? '' : '; **result differs from full rate**'}.`,
        );
    }
  }
  const trialNote = rows.find((r) => r.path === 'webcodecs')?.engineReason;
  lines.push(
    '',
    ...verdict,
    ...(trialNote === undefined ? [] : ['', `The new path's engine, first clip: "${trialNote}".`]),
    '',
    "Where the new path's time went, per analysed frame (ms; the worker's own timing in the median run, summed over the run and divided by the frames analysed). Decode wait: waiting for the next candidate frame from the decode worker (decoding and converting not hidden behind the model). Convert: decoded frame → ≤ 640 px RGB (YUV copy, 2×2-tap box scale, colour conversion), on the model's thread / in the decode worker beside the model (planar YUV frames are converted there, src/pose/worker/decode-worker-api.ts; the model's thread converts the others, and all of them when the file is decoded in its own thread, where the wall time also takes in the demuxer's and decoder's callbacks); copy: taking the planes out of the decoder's frame, in either thread. Tensor: the RGB values into an int32 tensor (`tf.browser.fromPixels` for the bitmaps of the fallback conversion). Model: `estimatePoses`. Other: the rest of the wall time (messages to the page, the decoder's iterator, closing frames). Held / used: frames kept while still / analysed after a descent was seen.",
    '',
    '| model | clip | frames analysed | wall ms / frame | decode wait | convert | tensor | model | other | held / used |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const r of rows) {
    if (r.timing === null) continue;
    const [wait, convert, tensor, model, other] = breakdown(r);
    lines.push(
      `| ${r.model} | ${r.clip} | ${r.framesAnalysed} | ${((r.wallS * 1000) / r.framesAnalysed).toFixed(1)} | ${wait} | ${convert} | ${tensor} | ${model} | ${other} | ${r.timing.framesHeld} / ${r.timing.framesBackfilled} |`,
    );
  }
  lines.push('');
  const body = lines.join('\n');
  if (!process.argv.includes('--no-write') && !newOnly)
    await writeBenchmarkSection('Video-file analysis (headless Chromium)', body);
  process.stdout.write(`${body}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:file: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
