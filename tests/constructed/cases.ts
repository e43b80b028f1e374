/**
 * The constructed cases with known truth (issue 8): every committed fixture track as it is, and
 * tracks made from them — walking, a walk-out and overhead presses spliced in, the image mirrored,
 * rolled and resampled, knee valgus and pelvic drop injected. Each case says how it was made and
 * what is true of it; tests/constructed/check.ts holds the app to it.
 */
import type { PoseFrame, Side } from '../../src/core';
import { loadFrames, loadVariantFrames, type ClipId, type VideoVariant } from '../golden/tracks';
import { deepestFrame, injectedValgusTruth, injectHipDrop, injectShankValgus, REP_WINDOWS } from './inject';
import { spliceOverhead } from './overhead';
import { depthTargetOptions } from './read-summary';
import type { Spliced } from './pose-synth';
import { mirrorTrack, resample, rotateTrack } from './transforms';
import { once, type Case, type Truth } from './truth';
import { spliceWalkOut } from './walk-out';
import { spliceWalking } from './walking';

interface Clip {
  readonly short: string;
  readonly clip: ClipId;
  /** Complete reps, read off the video by eye (fixtures/README.md). */
  readonly reps: number;
  readonly what: string;
}
const BANDED: Clip = {
  short: 'banded',
  clip: 'front-oblique-banded-squats',
  reps: 2,
  what: 'banded bodyweight squats, front ~25° off-axis, 5 fps',
};
const HALF: Clip = {
  short: 'half',
  clip: 'front-oblique-half-squats',
  reps: 2,
  what: 'slow half squats, front ~30° off-axis, 30 fps',
};
const REAR: Clip = {
  short: 'rear',
  clip: 'rear-barbell-squats',
  reps: 2,
  what: 'deep barbell back squats, rear view, 30 fps',
};
const SIDE_CLIP: Clip = {
  short: 'side',
  clip: 'side-bodyweight-squat',
  reps: 1,
  what: 'bodyweight squat, side view, 30 fps (starts and ends mid-rep)',
};
const CLIPS: readonly Clip[] = [BANDED, HALF, REAR, SIDE_CLIP];

const fixtureFrames = new Map<ClipId, () => PoseFrame[]>();
const framesOf = (c: Clip): (() => PoseFrame[]) => {
  let f = fixtureFrames.get(c.clip);
  if (f === undefined) {
    f = once(() => loadFrames(c.clip));
    fixtureFrames.set(c.clip, f);
  }
  return f;
};
const baselineOf = (c: Clip): Case['baseline'] => ({ key: `fixture/${c.short}`, frames: framesOf(c) });
/** The deepest frame of each listed rep, ms: where a per-rep truth finds its rep. */
const bottomsOf = (c: Clip): number[] => REP_WINDOWS[c.clip].map((w) => deepestFrame(framesOf(c)(), w).tMs);

/** Good form, as recorded: the count, no fault cue, knees in the good band. */
const goodForm = (c: Clip): Truth[] => [
  { kind: 'rep-count', count: c.reps },
  { kind: 'no-cue', cues: 'fault' },
  { kind: 'good-knees' },
];

/** How each image-level variant of a clip was made (ffmpeg; scripts/make-variants.sh). */
const VIDEO_VARIANTS: Readonly<Record<VideoVariant, string>> = {
  '192px': 'scaled to 192 px on its long side (H.264 crf 28: the person ~100 px tall)',
  mirrored: 'flipped left to right (a front camera’s mirror image)',
  small: 'placed in the middle of a black frame twice its size (the person half as big in it)',
  dim: 'darkened (brightness −0.18, contrast 0.8) with film grain added',
  shaky:
    'moved about as by a handheld camera (up to ±3 % of the frame, sideways at 1.7 Hz and up and down at 1.1 Hz; black where it moved away)',
};

/** A fixture clip's truth: good form; the half squats are shallow under the default target, the rear ones deep. */
const fixtureTruth = (c: Clip): Truth[] => [
  ...goodForm(c),
  ...(c === HALF ? [{ kind: 'cue-in-reps', id: 'go-lower', bottomsMs: bottomsOf(c) } as const] : []),
  ...(c === REAR ? [{ kind: 'no-cue', cues: ['go-lower'] } as const] : []),
];

function fixtureCases(): Case[] {
  const cases: Case[] = CLIPS.map((c) => ({
    id: `fixture/${c.short}`,
    how: `The committed BlazePose-full track of ${c.clip} (${c.what}), as it is.`,
    frames: framesOf(c),
    truth: () => fixtureTruth(c),
  }));
  cases.push({
    id: 'fixture/banded-reference',
    how: 'The upstream MediaPipe BlazePose-full reference track of the banded clip (scores set to 1), as it is.',
    frames: once(() => loadFrames(BANDED.clip, 'reference')),
    truth: () => goodForm(BANDED),
  });
  cases.push({
    id: 'depth-target/half-under-half',
    how: 'The half-squat track analysed with the depth target set to "half squat".',
    frames: framesOf(HALF),
    options: () => depthTargetOptions('half'),
    truth: () => [
      { kind: 'rep-count', count: HALF.reps },
      { kind: 'no-cue', cues: ['go-lower'] },
    ],
  });
  for (const [variant, how] of Object.entries(VIDEO_VARIANTS) as [VideoVariant, string][])
    for (const c of CLIPS)
      cases.push({
        id: `video-${variant}/${c.short}`,
        how: `The ${c.clip} video ${how}, run through BlazePose full in the app's file pipeline (scripts/make-variants.sh, fixtures/variants/).`,
        frames: once(() => loadVariantFrames(c.clip, variant)),
        truth: () => fixtureTruth(c),
      });
  return cases;
}

/** A splice: good form throughout, nothing counted or cued in the synthesised part. */
function spliceCase(id: string, how: string, c: Clip, make: () => Spliced): Case {
  const made = once(make);
  return {
    id,
    how,
    frames: () => made().frames,
    truth: () => [
      ...goodForm(c),
      { kind: 'no-cue', cues: 'any', range: made().inserted, where: 'spliced part' },
      { kind: 'no-rep-in', range: made().inserted, where: 'spliced part' },
    ],
  };
}

function spliceCases(): Case[] {
  return [
    spliceCase(
      'walking-before/banded',
      'Four side-steps (0.6 s each: foot lifted and replanted, ankle raised 0.15 of the leg, swing knee bent 50°, pelvis tilted 7° to the swing side, hips dipped 3 %) made from her standing pose, 2 s standing, then the banded reps.',
      BANDED,
      () => spliceWalking(framesOf(BANDED)(), { steps: 4, position: 'before' }),
    ),
    spliceCase(
      'walking-before/half',
      '1.5 s standing, then three side-steps (0.55 s each: foot lifted and replanted, ankle raised 0.15 of the leg, swing knee bent 50°, pelvis tilted 7° to the swing side, hips dipped 3 %) made from her standing pose, 2 s standing, then the half squats.',
      HALF,
      () => spliceWalking(framesOf(HALF)(), { steps: 3, position: 'before', stillBeforeMs: 1500 }),
    ),
    spliceCase(
      'walk-out/rear',
      'A 10 s barbell walk-out before the reps: three slow steps back toward the camera, feet replanted wider, hips dipping 0.15 of the leg with knees bent 20° and the pelvis tilting 6° in each step.',
      REAR,
      () => spliceWalkOut(framesOf(REAR)()),
    ),
    spliceCase(
      'overhead-after/rear',
      'After the reps, three push presses (8° knee dip, bar from the shoulders to locked out overhead and back, 2 s each) made from his standing pose.',
      REAR,
      () => spliceOverhead(framesOf(REAR)(), { position: 'after' }),
    ),
    spliceCase(
      'overhead-after/banded',
      'The banded track cut at 9.8 s (before her third rep starts), then three push presses (8° knee dip, arms from the shoulders to overhead and back, 2 s each).',
      BANDED,
      () => spliceOverhead(framesOf(BANDED)(), { position: 'after', atMs: 9800 }),
    ),
  ];
}

function viewCases(): Case[] {
  const out: Case[] = [];
  for (const c of CLIPS) {
    out.push({
      id: `mirror/${c.short}`,
      how: `The ${c.short} track mirrored (x → W − x, left/right labels swapped, as a model labels a mirrored person).`,
      frames: once(() => mirrorTrack(framesOf(c)())),
      baseline: baselineOf(c),
      truth: () => [...goodForm(c), { kind: 'mirror-swap' }],
    });
    for (const rollDeg of [5, -5]) {
      out.push({
        id: `roll${rollDeg > 0 ? '+' : ''}${rollDeg}/${c.short}`,
        how: `The ${c.short} track with the image rolled ${rollDeg}° about its centre (a tilted phone; frame size kept).`,
        frames: once(() => rotateTrack(framesOf(c)(), rollDeg)),
        truth: () => goodForm(c),
      });
    }
  }
  for (const c of [HALF, REAR, SIDE_CLIP]) {
    for (const fps of [15, 10]) {
      out.push({
        id: `fps${fps}/${c.short}`,
        how: `The 30 fps ${c.short} track resampled to ${fps} fps (nearest frame to each tick).`,
        frames: once(() => resample(framesOf(c)(), fps)),
        truth: () => goodForm(c),
      });
    }
  }
  return out;
}

function valgusCase(c: Clip, side: Side, D: number): Case {
  const windows = REP_WINDOWS[c.clip];
  const injected = once(() => injectShankValgus(framesOf(c)(), side, D, windows));
  return {
    id: `valgus/${c.short}/${side}-${D}`,
    how: `In every rep of the ${c.short} track, the ${side} shank rotated about its ankle toward the midline by ${D}° × depth (0 standing, full at the deepest frame).`,
    frames: injected,
    baseline: baselineOf(c),
    truth: () => {
      const expected = injectedValgusTruth(framesOf(c)(), injected(), side, windows);
      const bottomsMs = expected.map((x) => x.bottomMs);
      return [
        { kind: 'rep-count', count: c.reps },
        { kind: 'cue-in-reps', id: 'knees-out', bottomsMs },
        { kind: 'cue-only-in', id: 'knees-out', windows },
        { kind: 'knee-change', side, expected },
        { kind: 'other-knee-still', side, bottomsMs },
      ];
    },
  };
}

function hipDropCase(c: Clip, side: Side): Case {
  const windows = REP_WINDOWS[c.clip];
  return {
    id: `hip-drop/${c.short}/${side}-8`,
    how: `In every rep of the ${c.short} track, the hip line rotated about its midpoint so the ${side} hip is 8° lower, held through the bottom phase (depth ≥ 0.8 of the rep's) and ramped over 150 ms either side.`,
    frames: once(() => injectHipDrop(framesOf(c)(), 8, side, 'bottom', windows)),
    truth: () => [
      { kind: 'rep-count', count: c.reps },
      { kind: 'cue-in-reps', id: 'hips-level', bottomsMs: bottomsOf(c) },
      { kind: 'cue-only-in', id: 'hips-level', windows },
    ],
  };
}

function faultCases(): Case[] {
  const out: Case[] = [];
  for (const c of [HALF, BANDED])
    for (const side of ['left', 'right'] as const)
      for (const D of [10, 15, 20]) out.push(valgusCase(c, side, D));
  for (const c of [BANDED, HALF, REAR])
    for (const side of ['left', 'right'] as const) out.push(hipDropCase(c, side));
  return out;
}

/** Every constructed case, in the order of the table in docs/accuracy.md. */
export const CASES: readonly Case[] = [...fixtureCases(), ...spliceCases(), ...viewCases(), ...faultCases()];
