/** The fixture clips and what a person counted in them (fixtures/README.md). */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface FixtureClip {
  file: string;
  view: 'front' | 'rear' | 'side';
  completeReps: number;
  /**
   * Seconds the live tests' fake camera holds the clip's first frame, so the person stands still
   * before the first rep as people do when a set starts. The banded clip's first descent starts
   * 0.4 s in: at 5 fps the core's provisional calibration (≥ 350 ms still) then needs the first 3
   * frames of each pass, and a busy machine that drops one misses rep 1. 1.5 s covers the full 1 s
   * calibration. The other clips stand ≥ 1 s first (rear, half) or start mid-rep (side).
   */
  holdFirstFrameS?: number;
}

export const FIXTURE_CLIPS: readonly FixtureClip[] = [
  { file: 'front-oblique-banded-squats.mp4', view: 'front', completeReps: 2, holdFirstFrameS: 1.5 },
  { file: 'front-oblique-half-squats.mp4', view: 'front', completeReps: 2 },
  { file: 'rear-barbell-squats.webm', view: 'rear', completeReps: 2 },
  { file: 'side-bodyweight-squat.mp4', view: 'side', completeReps: 1 },
];

export const Y4M_DIR = join('.cache', 'y4m');
export const y4mPathFor = (clipFile: string): string =>
  join(Y4M_DIR, `${basename(clipFile).replace(/\.[^.]+$/, '')}.y4m`);

/**
 * Writes `out` as a .y4m (yuv420p, what Chromium's fake camera reads) from `src` through the ffmpeg
 * filter `vf`, unless `out` is newer than `src` already. Written beside, then renamed: a cancelled
 * run never leaves a half file under the real name.
 */
export function toY4m(src: string, out: string, vf: string): string {
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) return out;
  const tmp = `${out}.tmp.y4m`;
  execFileSync(
    'ffmpeg',
    ['-loglevel', 'error', '-y', '-i', src, '-vf', vf, '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', tmp],
    { stdio: 'inherit' },
  );
  renameSync(tmp, out);
  return out;
}
