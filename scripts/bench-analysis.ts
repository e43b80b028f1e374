/**
 * `npm run bench:analysis`: per-frame cost of the whole analysis core (smoothing + gating + view +
 * calibration + metrics + reps + cues + per-rep recording) in Node, over the fixture tracks replayed
 * many times. Writes the `## Analysis core (Node)` section of docs/benchmarks.md (other sections
 * belong to other benchmarks and are left untouched).
 *
 * Usage: tsx scripts/bench-analysis.ts [--rounds N] [--no-write]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { format, resolveConfig } from 'prettier';
import { parsePoseTrack, poseTrackToFrames } from '../src/analysis/pose-track';
import { SetAnalyzer } from '../src/analysis/session';
import type { PoseFrame } from '../src/analysis/keypoints';

/** Budget from issue 3: median per-frame cost, ms. */
const BUDGET_MS_PER_FRAME = 0.05;
const SECTION = '## Analysis core (Node)';

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

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

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
const cpu = cpus();
const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${platform()} ${release()}`;
const fmt = (v: number): string => v.toFixed(4);
const table = [
  '| track | frames | median ms/frame | p95 ms/frame |',
  '|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.track} | ${r.frames} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} |`),
  `| **all** | ${rows.reduce((a, r) => a + r.frames, 0)} | **${fmt(overall)}** | ${fmt(quantile(all, 0.95))} |`,
].join('\n');

const section = `${SECTION}

Per-frame cost of the whole pure core (\`SetAnalyzer.push\`: One Euro smoothing, gating, view, calibration,
metrics, rep state machine, cues, per-rep recording; plus one \`summary()\` per replay), each track replayed
${ROUNDS} times after 5 warm-up replays; a round's cost is its total time / frames. Budget: median ≤
${BUDGET_MS_PER_FRAME} ms/frame. Measured by \`npm run bench:analysis\` (scripts/bench-analysis.ts).

Machine: ${machine}.

${table}

Result: median ${fmt(overall)} ms/frame — ${overall <= BUDGET_MS_PER_FRAME ? 'within' : 'OVER'} the ${BUDGET_MS_PER_FRAME} ms budget.
`;

console.log(section);

if (WRITE) {
  const docPath = resolve(root, 'docs/benchmarks.md');
  // Same header as scripts/lib/bench-doc.ts writes, should this script create the file.
  const header =
    '# Benchmarks\n\nWritten by the benchmark scripts (`npm run bench:*`); each section is replaced when its script runs again.\n';
  const old = existsSync(docPath) ? readFileSync(docPath, 'utf8') : header;
  // Format only this section as the project's prettier would (keeps `prettier --check .` clean) and
  // leave the other sections byte for byte.
  const config = (await resolveConfig(docPath)) ?? {};
  const mine = (await format(section, { ...config, parser: 'markdown' })).trimEnd() + '\n';
  const start = old.indexOf(`${SECTION}\n`);
  let next: string;
  if (start < 0) {
    next = `${old.trimEnd()}\n\n${mine}`;
  } else {
    // Replace up to the next level-2 heading (or the end).
    const after = old.slice(start + SECTION.length);
    const m = /\n## /.exec(after);
    const end = m === null ? old.length : start + SECTION.length + m.index + 1;
    next = `${old.slice(0, start)}${mine}${m === null ? '' : '\n'}${old.slice(end)}`;
  }
  writeFileSync(docPath, next);
  console.log(`wrote ${docPath}`);
}

if (overall > BUDGET_MS_PER_FRAME) process.exitCode = 1;
