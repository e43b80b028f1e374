/** The fixture clips and what a person counted in them (fixtures/README.md). */
import { basename, join } from 'node:path';

export interface FixtureClip {
  file: string;
  view: 'front' | 'rear' | 'side';
  completeReps: number;
}

export const FIXTURE_CLIPS: readonly FixtureClip[] = [
  { file: 'front-oblique-banded-squats.mp4', view: 'front', completeReps: 2 },
  { file: 'front-oblique-half-squats.mp4', view: 'front', completeReps: 2 },
  { file: 'rear-barbell-squats.webm', view: 'rear', completeReps: 2 },
  { file: 'side-bodyweight-squat.mp4', view: 'side', completeReps: 1 },
];

export const Y4M_DIR = join('.cache', 'y4m');
export const y4mPathFor = (clipFile: string): string =>
  join(Y4M_DIR, `${basename(clipFile).replace(/\.[^.]+$/, '')}.y4m`);
