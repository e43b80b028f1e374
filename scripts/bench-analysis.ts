/**
 * `npm run bench:analysis`: per-frame cost of the whole analysis core (smoothing + gating + view +
 * calibration + metrics + reps + cues + per-rep recording) in Node, over the fixture tracks replayed
 * many times. Writes the `## Analysis core (Node)` section of docs/benchmarks.md (other sections
 * belong to other benchmarks and are left untouched).
 *
 * Usage: tsx scripts/bench-analysis.ts [--rounds N] [--no-write]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { machineLine, quantile, writeBenchmarkSection } from './lib/bench-doc';
import { parsePoseTrack, poseTrackToFrames } from '../src/core/pose/pose-track';
import { SetAnalyzer } from '../src/core/set/session';
import type { PoseFrame } from '../src/core/pose/keypoints';

/** Budget from issue 3: median per-frame cost, ms. */
const BUDGET_MS_PER_FRAME = 0.05;
const SECTION = 'Analysis core (Node)';

const root = resolve(import.meta.dirname, '..');
const trackDir = resolve(root, 'fixtures/tracks');
const args = process.argv.slice(2);
const roundsArg = args.indexOf('--rounds');
const ROUNDS = roundsArg >= 0 ? Number(args[roundsArg + 1]) : 30;
const WRITE = !args.includes('--no-write');

const files = existsSync(trackDir)
  ? readdirSync(trackDir)
      .filter((f) => f.endsWith('.pose-track.json'))
      .sort()
  : [];
if (files.length === 0) {
  console.error(`no pose tracks in ${trackDir}`);
  process.exit(1);
}

interface Row {
  track: string;
  frames: number;
  medianMs: number;
  p95Ms: number;
}

/** One replay of a track through a fresh analyser; returns ms per frame. */
function replay(frames: readonly PoseFrame[]): number {
  const a = new SetAnalyzer();
  const t0 = performance.now();
  for (const f of frames) a.push(f);
  a.summary();
  return (performance.now() - t0) / frames.length;
}

const rows: Row[] = [];
const all: number[] = [];
for (const file of files) {
  const frames = poseTrackToFrames(parsePoseTrack(JSON.parse(readFileSync(resolve(trackDir, file), 'utf8'))));
  for (let i = 0; i < 5; i++) replay(frames); // warm-up (JIT)
  const perRound: number[] = [];
  for (let r = 0; r < ROUNDS; r++) perRound.push(replay(frames));
  all.push(...perRound);
  rows.push({
    track: file.replace('.pose-track.json', ''),
    frames: frames.length,
    medianMs: quantile(perRound, 0.5),
    p95Ms: quantile(perRound, 0.95),
  });
}

const overall = quantile(all, 0.5);
const fmt = (v: number): string => v.toFixed(4);
const table = [
  '| track | frames | median ms/frame | p95 ms/frame |',
  '|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.track} | ${r.frames} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} |`),
  `| **all** | ${rows.reduce((a, r) => a + r.frames, 0)} | **${fmt(overall)}** | ${fmt(quantile(all, 0.95))} |`,
].join('\n');

const section = `Per-frame cost of the whole pure core (\`SetAnalyzer.push\`: One Euro smoothing, gating, view, calibration,
metrics, rep state machine, cues, per-rep recording; plus one \`summary()\` per replay), each track replayed
${ROUNDS} times after 5 warm-up replays; a round's cost is its total time / frames. Budget: median ≤
${BUDGET_MS_PER_FRAME} ms/frame. Measured by \`npm run bench:analysis\` (scripts/bench-analysis.ts).

${machineLine()}

${table}

Result: median ${fmt(overall)} ms/frame — ${overall <= BUDGET_MS_PER_FRAME ? 'within' : 'OVER'} the ${BUDGET_MS_PER_FRAME} ms budget.
`;

console.log(section);

if (WRITE) {
  await writeBenchmarkSection(SECTION, section);
  console.log('wrote docs/benchmarks.md');
}

if (overall > BUDGET_MS_PER_FRAME) process.exitCode = 1;
