/**
 * npx tsx scripts/measure-warped.ts
 *
 * What the pose model saw in the warped half-squat videos (fixtures/warped/): for each rep and each
 * knee, the image FPPA from the committed pose tracks, averaged over the frames within ±2 of the
 * rep's deepest frame, in the control and in the two warped videos; the change (warped − control)
 * next to the change the warp injected (the truth's `reps[].<side>.fppa_change_at_deepest`).
 * A second table gives the per-frame change over the whole bottom hold (the truth's bottom_frames,
 * where the injected amount is ≥ 0.9 of its full value), mean ± SD, next to the mean injected change.
 * Prints both as Markdown (the tables in fixtures/warped/README.md).
 *
 * FPPA here is the warp tool's own definition, so that it compares with its truth: 180° minus the
 * hip–knee–ankle angle in the image, + when the knee lies on the medial side of the hip→ankle line
 * (medial = toward the midpoint of both hips and both ankles). Deepest frame: the largest hip-midpoint
 * y (image y grows downward) within the rep's frames, in each video's own track.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePoseTrack, poseTrackToFrames, type PoseFrame } from '../src/core';
import { PROJECT_ROOT } from './lib/paths';

const DIR = join(PROJECT_ROOT, 'fixtures', 'warped');
/** Frames on each side of the deepest one that are averaged: single frames spread ±4° (tool README). */
const HALF_WINDOW_FRAMES = 2;
const SIDES = ['left', 'right'] as const;
type Side = (typeof SIDES)[number];

/** The control (D0) and the two warped videos (D20L, D20R), by file name. */
const VIDEOS = [{ id: 'd0' }, { id: 'd20-left' }, { id: 'd20-right' }] as const;
type VideoId = (typeof VIDEOS)[number]['id'];

/** The parts of the warp tool's truth file (valgus-warp v1) that this script reads. */
interface TruthRep {
  readonly index: number;
  readonly start_frame: number;
  readonly end_frame: number;
  readonly deepest_frame: number;
  readonly complete: boolean;
  readonly bottom_frames: readonly number[];
  readonly left: { readonly fppa_change_at_deepest: number };
  readonly right: { readonly fppa_change_at_deepest: number };
}
interface TruthFrame {
  readonly left: { readonly fppa_change_target_deg: number };
  readonly right: { readonly fppa_change_target_deg: number };
}
interface Truth {
  readonly fps: number;
  readonly n_frames: number;
  readonly reps: readonly TruthRep[];
  readonly frames: readonly TruthFrame[];
}

function readTruth(id: VideoId): Truth {
  const t = JSON.parse(readFileSync(join(DIR, `half-squats-${id}.truth.json`), 'utf8')) as Truth;
  if (!Array.isArray(t.reps) || !Array.isArray(t.frames) || typeof t.fps !== 'number')
    throw new Error(`${id}: not a valgus-warp truth file`);
  return t;
}

/** Track frames by video frame index (from tMs, so a dropped frame cannot shift the rest). */
function readFrames(id: VideoId, fps: number, frameCount: number): (PoseFrame | undefined)[] {
  const path = join(DIR, `half-squats-${id}.blazepose-full.pose-track.json`);
  const frames = poseTrackToFrames(parsePoseTrack(JSON.parse(readFileSync(path, 'utf8')) as unknown));
  const byIndex = new Array<PoseFrame | undefined>(frameCount).fill(undefined);
  for (const f of frames) {
    const i = Math.round((f.tMs / 1000) * fps);
    if (i >= 0 && i < frameCount) byIndex[i] = f;
  }
  return byIndex;
}

interface Pt {
  readonly x: number;
  readonly y: number;
}
const sub = (a: Pt, b: Pt): Pt => ({ x: a.x - b.x, y: a.y - b.y });
const dot = (a: Pt, b: Pt): number => a.x * b.x + a.y * b.y;
const RAD_TO_DEG = 180 / Math.PI;

function point(f: PoseFrame | undefined, name: `${Side}_${'hip' | 'knee' | 'ankle'}`): Pt | null {
  const k = f?.keypoints?.[name];
  return k ? { x: k.xPx, y: k.yPx } : null;
}

/** Image FPPA of one knee in one frame, deg (+ medial), or null without its keypoints. */
function imageFppaDeg(f: PoseFrame | undefined, side: Side): number | null {
  const pts = SIDES.flatMap((s) => [point(f, `${s}_hip`), point(f, `${s}_ankle`)]);
  const hip = point(f, `${side}_hip`);
  const knee = point(f, `${side}_knee`);
  const ankle = point(f, `${side}_ankle`);
  if (hip === null || knee === null || ankle === null || pts.some((p) => p === null)) return null;
  const mid = (pts as Pt[]).reduce((m, p) => ({ x: m.x + p.x / 4, y: m.y + p.y / 4 }), { x: 0, y: 0 });
  const legPx = Math.hypot(ankle.x - hip.x, ankle.y - hip.y);
  const along = { x: (ankle.x - hip.x) / legPx, y: (ankle.y - hip.y) / legPx };
  let medial = { x: -along.y, y: along.x };
  const legMid = { x: (hip.x + ankle.x) / 2, y: (hip.y + ankle.y) / 2 };
  if (dot(sub(mid, legMid), medial) < 0) medial = { x: -medial.x, y: -medial.y };
  const alongPx = dot(sub(knee, hip), along);
  const medialPx = dot(sub(knee, hip), medial);
  // The two base angles of the hip–knee–ankle triangle sum to 180° minus the angle at the knee.
  return (Math.atan2(medialPx, alongPx) + Math.atan2(medialPx, legPx - alongPx)) * RAD_TO_DEG;
}

function hipMidYPx(f: PoseFrame | undefined): number | null {
  const l = point(f, 'left_hip');
  const r = point(f, 'right_hip');
  return l === null || r === null ? null : (l.y + r.y) / 2;
}

const meanOf = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const sdOf = (values: readonly number[]): number => {
  const m = meanOf(values);
  return Math.sqrt(meanOf(values.map((v) => (v - m) ** 2)));
};

interface RepReading {
  readonly deepestFrame: number;
  readonly fppaDeg: Record<Side, number>;
}

function readRep(frames: readonly (PoseFrame | undefined)[], rep: TruthRep): RepReading {
  let deepestFrame = -1;
  let deepestYPx = -Infinity;
  for (let i = rep.start_frame; i <= rep.end_frame; i++) {
    const y = hipMidYPx(frames[i]);
    if (y !== null && y > deepestYPx) [deepestFrame, deepestYPx] = [i, y];
  }
  if (deepestFrame < 0) throw new Error(`rep ${rep.index + 1}: no frame with both hips`);
  const mean = (side: Side): number => {
    const values: number[] = [];
    for (let i = deepestFrame - HALF_WINDOW_FRAMES; i <= deepestFrame + HALF_WINDOW_FRAMES; i++) {
      const v = imageFppaDeg(frames[i], side);
      if (v !== null) values.push(v);
    }
    if (values.length === 0) throw new Error(`rep ${rep.index + 1}: no ${side} knee near the bottom`);
    return meanOf(values);
  };
  return { deepestFrame, fppaDeg: { left: mean('left'), right: mean('right') } };
}

/** Per-frame change (warped − control) of one knee over a rep's bottom hold: mean and SD, deg. */
function bottomHoldChange(
  control: readonly (PoseFrame | undefined)[],
  warped: readonly (PoseFrame | undefined)[],
  rep: TruthRep,
  side: Side,
): { meanDeg: number; sdDeg: number } {
  const changes: number[] = [];
  for (const i of rep.bottom_frames) {
    const c = imageFppaDeg(control[i], side);
    const w = imageFppaDeg(warped[i], side);
    if (c !== null && w !== null) changes.push(w - c);
  }
  return { meanDeg: meanOf(changes), sdDeg: sdOf(changes) };
}

function main(): void {
  const truths = Object.fromEntries(VIDEOS.map((v) => [v.id, readTruth(v.id)])) as Record<VideoId, Truth>;
  const reps = truths.d0.reps;
  for (const v of VIDEOS) {
    const repFrames = (rs: readonly TruthRep[]): string =>
      rs.map((r) => `${r.start_frame}-${r.deepest_frame}-${r.end_frame}`).join();
    if (repFrames(truths[v.id].reps) !== repFrames(reps))
      throw new Error(`${v.id}: its reps differ from the control's; were they made from the same keypoints?`);
  }
  const frames = Object.fromEntries(
    VIDEOS.map((v) => [v.id, readFrames(v.id, truths[v.id].fps, truths[v.id].n_frames)]),
  ) as Record<VideoId, (PoseFrame | undefined)[]>;
  const readings = Object.fromEntries(
    VIDEOS.map((v) => [v.id, reps.map((r) => readRep(frames[v.id], r))]),
  ) as Record<VideoId, RepReading[]>;

  const f1 = (v: number): string => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(1);
  const rows = [
    '| rep (deepest frame: truth / control, D20L, D20R) | knee | control FPPA ° | D20L FPPA ° | D20L change ° | D20L truth ° | D20R FPPA ° | D20R change ° | D20R truth ° |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  reps.forEach((rep, k) => {
    const c = readings.d0[k];
    const l = readings['d20-left'][k];
    const r = readings['d20-right'][k];
    if (c === undefined || l === undefined || r === undefined) return;
    const repLabel = `${rep.index + 1}${rep.complete ? '' : ' (incomplete)'} (${rep.deepest_frame} / ${c.deepestFrame}, ${l.deepestFrame}, ${r.deepestFrame})`;
    for (const side of SIDES) {
      const truthL = truths['d20-left'].reps[k]?.[side].fppa_change_at_deepest ?? NaN;
      const truthR = truths['d20-right'].reps[k]?.[side].fppa_change_at_deepest ?? NaN;
      rows.push(
        `| ${repLabel} | ${side} | ${f1(c.fppaDeg[side])} | ${f1(l.fppaDeg[side])} | ${f1(l.fppaDeg[side] - c.fppaDeg[side])} | ${f1(truthL)} | ${f1(r.fppaDeg[side])} | ${f1(r.fppaDeg[side] - c.fppaDeg[side])} | ${f1(truthR)} |`,
      );
    }
  });
  const hold = [
    '| rep (bottom frames) | knee | D20L change °, mean ± SD | D20L injected ° | D20R change °, mean ± SD | D20R injected ° |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const rep of reps) {
    const first = rep.bottom_frames[0] ?? NaN;
    const last = rep.bottom_frames[rep.bottom_frames.length - 1] ?? NaN;
    for (const side of SIDES) {
      const cells = (['d20-left', 'd20-right'] as const).map((id) => {
        const c = bottomHoldChange(frames.d0, frames[id], rep, side);
        const injected = meanOf(
          rep.bottom_frames.map((i) => truths[id].frames[i]?.[side].fppa_change_target_deg ?? NaN),
        );
        return `${f1(c.meanDeg)} ± ${c.sdDeg.toFixed(1)} | ${f1(injected)}`;
      });
      hold.push(`| ${rep.index + 1} (${first}–${last}) | ${side} | ${cells.join(' | ')} |`);
    }
  }
  process.stdout.write(`${rows.join('\n')}\n\n${hold.join('\n')}\n`);
}

main();
