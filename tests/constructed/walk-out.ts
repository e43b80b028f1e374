/**
 * A barbell walk-out spliced in before the reps, made from the lifter's own standing pose.
 */
import type { PoseFrame } from '../../src/core/pose/keypoints';
import type { Side, Sided } from '../../src/core/types';
import {
  at,
  bump,
  editPose,
  firstStandingIndex,
  seededRandom,
  shiftTime,
  smoothstep,
  synthFrame,
  type Placement,
  type Spliced,
  spliceBase,
} from './pose-synth';

export interface WalkOutOptions {
  /** Image scale of the lifter at the rack relative to the spot he squats on (the camera is behind him, so walking back brings him closer). Defaults to 0.88 (~0.4 m further from a camera ~3 m away). */
  readonly startScale?: number;
  /** How much narrower each foot stands at the rack, share of the final ankle separation. Defaults to 0.15. */
  readonly narrowRatio?: number;
  /** Peak hip dip in each step, share of the standing hip→ankle extent (the reported walk-out read depth 0.16). Defaults to 0.15. */
  readonly dipRatio?: number;
  /** Peak image knee flexion of both knees in each step, deg (the reported walk-out: knee angle ~151°; with the dip's foreshortening this image reads 145–155°). Defaults to 20. */
  readonly kneeFlexDeg?: number;
  /** Peak lift of the stepping foot, share of the hip→ankle extent (a loaded shuffle, ~3–4 cm). Defaults to 0.04. */
  readonly liftRatio?: number;
  /** Peak pelvic tilt toward the stepping side, deg. Defaults to 6. */
  readonly pelvisTiltDeg?: number;
  /** One step, ms (slow under a bar). Defaults to 1200. */
  readonly stepMs?: number;
  /** Pause between steps, ms. Defaults to 1500. */
  readonly pauseMs?: number;
  /** Standing at the rack with the bar unracked before the first step, ms. Defaults to 1500. */
  readonly standMs?: number;
  /** Settling on the spot after the last step, before the reps, ms. Defaults to 2000. */
  readonly settleMs?: number;
}

/**
 * A barbell walk-out before the reps: ~10 s, three slow steps backward with pauses. The lifter's first
 * standing frame in the track is the pose. He starts at the rack: the whole body at `startScale`
 * about the image centre (further from the camera behind him) and each foot `narrowRatio` of the
 * stance width closer to the midline. He stands `standMs`, then steps: left foot back (its scale
 * grows to 1, half its widening), pause, right foot back (scale 1, full width), pause, left foot out
 * to full width, settle `settleMs`. In each step (`stepMs`) the stepping foot (ankle, heel and toe)
 * lifts liftRatio·extent·sin(πu) and moves smoothly (smoothstep) to its new place; the hips and upper
 * body dip dipRatio·extent·sin(πu) with both knees bending kneeFlexDeg·sin(πu) in the image; the hip
 * line tilts down toward the stepping side by pelvisTiltDeg·sin(πu); the body's scale and lateral
 * place follow the mean of the two feet, so the planted foot does not slide. Every synthesised frame
 * has ±1 px jitter. The original track follows from its first standing frame, shifted in time.
 */
export function spliceWalkOut(frames: readonly PoseFrame[], opts: WalkOutOptions = {}): Spliced {
  const startScale = opts.startScale ?? 0.88;
  const narrowRatio = opts.narrowRatio ?? 0.15;
  const dipRatio = opts.dipRatio ?? 0.15;
  const flexDeg = opts.kneeFlexDeg ?? 20;
  const liftRatio = opts.liftRatio ?? 0.04;
  const tiltDeg = opts.pelvisTiltDeg ?? 6;
  const stepMs = opts.stepMs ?? 1200;
  const pauseMs = opts.pauseMs ?? 1500;
  const standMs = opts.standMs ?? 1500;
  const settleMs = opts.settleMs ?? 2000;

  const i0 = firstStandingIndex(frames);
  const { refFrame, ref, dtMs, extentPx, centre, forwardX } = spliceBase(frames, i0);
  const al = at(ref, 'left_ankle');
  const ar = at(ref, 'right_ankle');
  // Lateral offset that brings each foot toward the midline by narrowRatio of the stance width.
  const inward: Sided<number> = { left: narrowRatio * (ar.x - al.x), right: narrowRatio * (al.x - ar.x) };

  interface FootState {
    dx: number;
    scale: number;
  }
  const feet: Record<Side, FootState> = {
    left: { dx: inward.left, scale: startScale },
    right: { dx: inward.right, scale: startScale },
  };
  const plan: readonly { side: Side; to: FootState }[] = [
    { side: 'left', to: { dx: inward.left / 2, scale: 1 } },
    { side: 'right', to: { dx: 0, scale: 1 } },
    { side: 'left', to: { dx: 0, scale: 1 } },
  ];

  const rnd = seededRandom(0xba5e);
  const out: PoseFrame[] = [];
  let tMs = 0;
  const push = (step: { side: Side; from: FootState; to: FootState } | null, u: number): void => {
    const b = step === null ? 0 : bump(u);
    const e = smoothstep(u);
    const now = (s: Side): FootState =>
      step !== null && step.side === s
        ? {
            dx: step.from.dx + (step.to.dx - step.from.dx) * e,
            scale: step.from.scale + (step.to.scale - step.from.scale) * e,
          }
        : feet[s];
    const l = now('left');
    const r = now('right');
    const foot = (s: Side, f: FootState): Placement => ({
      dx: f.dx,
      dy: step !== null && step.side === s ? -liftRatio * extentPx * b : 0,
      scale: f.scale,
    });
    const pose = editPose(
      ref,
      {
        body: { dx: (l.dx + r.dx) / 2, dy: dipRatio * extentPx * b, scale: (l.scale + r.scale) / 2 },
        feet: { left: foot('left', l), right: foot('right', r) },
        kneeFlexDeg: { left: flexDeg * b, right: flexDeg * b },
        pelvisTiltDeg: step === null ? 0 : (step.side === 'left' ? 1 : -1) * tiltDeg * b,
      },
      centre,
      forwardX,
    );
    out.push(synthFrame(refFrame, tMs, pose, rnd));
    tMs += dtMs;
  };
  const still = (durationMs: number): void => {
    for (let t = 0; t < durationMs; t += dtMs) push(null, 0);
  };

  still(standMs);
  const stepFrames = Math.max(2, Math.round(stepMs / dtMs));
  plan.forEach((p, k) => {
    const from = { ...feet[p.side] };
    for (let j = 0; j <= stepFrames; j++) push({ side: p.side, from, to: p.to }, j / stepFrames);
    feet[p.side] = { ...p.to };
    still(k < plan.length - 1 ? pauseMs : settleMs);
  });
  const shiftMs = tMs - refFrame.tMs;
  return {
    frames: [...out, ...shiftTime(frames.slice(i0), shiftMs)],
    inserted: { fromMs: 0, toMs: tMs - dtMs },
    shiftMs,
  };
}
