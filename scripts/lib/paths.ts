import { fileURLToPath } from 'node:url';

/** The project's root folder, with a trailing slash. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The fixture videos the benchmarks run on (files in fixtures/, attribution in its README). */
export const FIXTURE_VIDEOS = [
  'front-oblique-banded-squats.mp4',
  'front-oblique-half-squats.mp4',
  'rear-barbell-squats.webm',
  'side-bodyweight-squat.mp4',
] as const;
