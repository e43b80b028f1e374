/**
 * Walking spliced in before the reps, made from the person's own standing pose in the track.
 */
import type { PoseFrame } from '../../src/core/pose/keypoints';
import type { Side, Sided } from '../../src/core/types';
import {
  at,
  bump,
  editPose,
  firstStandingIndex,
  otherSide,
  seededRandom,
  shiftTime,
  SIDES,
  smoothstep,
  synthFrame,
  type Placement,
  type PoseEdit,
  type Spliced,
  spliceBase,
} from './pose-synth';

export interface WalkingOptions {
  /** Number of steps, ≥ 3. */
  readonly steps: number;
  readonly position: 'before';
  /** Duration of one step, ms (a relaxed walk: ~0.5–0.6 s per step). Defaults to 550. */
  readonly stepMs?: number;
  /** How far the body travels per step, share of the standing hip→ankle extent (~0.25 m on a 0.85 m leg). Defaults to 0.3. */
  readonly strideRatio?: number;
  /**
   * Peak rise of the swinging ankle, share of the hip→ankle extent. Defaults to 0.15: at mid-swing the
   * thigh is ~20° forward and the knee ~60° bent, so the shank hangs ~40° back and the ankle rises
   * 0.45 m·(1 − cos 20°) + 0.43 m·(1 − cos 40°) ≈ 0.13 m on a 0.85 m hip→ankle leg.
   */
  readonly liftRatio?: number;
  /** Peak image knee flexion of the swinging leg, deg (swing-phase knee flexion is ~60° in the sagittal plane, less as seen off-axis). Defaults to 50. */
  readonly swingFlexDeg?: number;
  /** Peak pelvic tilt toward the swing side in single support, deg (normal gait: ~5–8°). Defaults to 7. */
  readonly pelvisTiltDeg?: number;
  /** Peak hip dip per step, share of the hip→ankle extent (~2–4 %). Defaults to 0.03. */
  readonly hipDipRatio?: number;
  /** Standing still at the start position before the first step, ms. Defaults to 500. */
  readonly stillBeforeMs?: number;
  /** Standing still at the original spot after the last step, ms (≥ 1.5 s). Defaults to 2000. */
  readonly stillAfterMs?: number;
}

/**
 * Walking in before the reps. The person's first standing frame in the track is the pose; she starts
 * `steps` × stride to one side of her spot (the side with more room in the frame), stands for
 * `stillBeforeMs`, then side-steps back to her spot, one foot per step, alternating and leading with
 * the foot on the side she walks toward. In each step (`stepMs` long, at the track's own frame
 * interval) the swinging foot (ankle, heel and toe together) lifts by liftRatio·extent·sin(πu) and
 * moves its share of the way smoothly (smoothstep(u)); its knee bends by swingFlexDeg·sin(πu) in the
 * image (pushed toward the side she faces); the hip line tilts down toward the swing side by
 * pelvisTiltDeg·sin(πu) about its midpoint; hips and upper body dip by hipDipRatio·extent·sin(πu)
 * and travel with the midpoint of the feet, so the stance foot stays planted. Then she stands still
 * on her spot for `stillAfterMs` (a copy of the standing frame with ±1 px jitter), and the original
 * track continues from its first standing frame, shifted in time to follow. Frames before that
 * standing frame (a scene cut, a half-entered person) are dropped.
 */
export function spliceWalking(frames: readonly PoseFrame[], opts: WalkingOptions): Spliced {
  if (opts.steps < 3) throw new Error('spliceWalking: at least 3 steps');
  const stepMs = opts.stepMs ?? 550;
  const strideRatio = opts.strideRatio ?? 0.3;
  const liftRatio = opts.liftRatio ?? 0.15;
  const swingFlexDeg = opts.swingFlexDeg ?? 50;
  const tiltDeg = opts.pelvisTiltDeg ?? 7;
  const dipRatio = opts.hipDipRatio ?? 0.03;
  const stillBeforeMs = opts.stillBeforeMs ?? 500;
  const stillAfterMs = opts.stillAfterMs ?? 2000;

  const i0 = firstStandingIndex(frames);
  const { refFrame, ref, dtMs, extentPx, centre, forwardX } = spliceBase(frames, i0);

  // Start on the side with more room; walk back toward the spot.
  const xs = Object.values(ref).map((k) => k.xPx as number);
  const bodyX = (Math.min(...xs) + Math.max(...xs)) / 2;
  const startSide = bodyX < refFrame.widthPx / 2 ? 1 : -1;
  const roomPx = startSide > 0 ? refFrame.widthPx - Math.max(...xs) : Math.min(...xs);
  const travelPx = Math.min((strideRatio * extentPx * opts.steps) / 2, 0.9 * roomPx);
  const walkDir = -startSide;
  const lead: Side = walkDir * (at(ref, 'left_ankle').x - at(ref, 'right_ankle').x) > 0 ? 'left' : 'right';
  const swingOf = (k: number): Side => (k % 2 === 0 ? lead : otherSide(lead));
  const stepsOf = (s: Side): number =>
    Array.from({ length: opts.steps }, (_v, k) => swingOf(k)).filter((x) => x === s).length;
  const strideOf: Sided<number> = {
    left: (walkDir * travelPx) / stepsOf('left'),
    right: (walkDir * travelPx) / stepsOf('right'),
  };

  const rnd = seededRandom(0x5eed + opts.steps);
  const out: PoseFrame[] = [];
  let tMs = 0;
  const feetX: Record<Side, number> = { left: startSide * travelPx, right: startSide * travelPx };
  const push = (swing: Side | null, u: number, swingFromX: number): void => {
    const x: Sided<number> = {
      left: swing === 'left' ? swingFromX + strideOf.left * smoothstep(u) : feetX.left,
      right: swing === 'right' ? swingFromX + strideOf.right * smoothstep(u) : feetX.right,
    };
    const b = swing === null ? 0 : bump(u);
    const foot = (s: Side): Placement => ({
      dx: x[s],
      dy: s === swing ? -liftRatio * extentPx * b : 0,
      scale: 1,
    });
    const edit: PoseEdit = {
      body: { dx: (x.left + x.right) / 2, dy: dipRatio * extentPx * b, scale: 1 },
      feet: { left: foot('left'), right: foot('right') },
      kneeFlexDeg: {
        left: swing === 'left' ? swingFlexDeg * b : 0,
        right: swing === 'right' ? swingFlexDeg * b : 0,
      },
      // The hip on the swing side drops: + tilt = left hip lower.
      pelvisTiltDeg: swing === null ? 0 : (swing === 'left' ? 1 : -1) * tiltDeg * b,
    };
    out.push(synthFrame(refFrame, tMs, editPose(ref, edit, centre, forwardX), rnd));
    tMs += dtMs;
  };

  for (let t = 0; t < stillBeforeMs; t += dtMs) push(null, 0, 0);
  const stepFrames = Math.max(2, Math.round(stepMs / dtMs));
  for (let k = 0; k < opts.steps; k++) {
    const s = swingOf(k);
    const from = feetX[s];
    for (let j = 0; j < stepFrames; j++) push(s, j / stepFrames, from);
    feetX[s] = from + strideOf[s];
  }
  // Back on the spot (the strides add up to the travel exactly; clear float residue).
  for (const s of SIDES) feetX[s] = 0;
  for (let t = 0; t < stillAfterMs; t += dtMs) push(null, 0, 0);
  const insertedToMs = tMs - dtMs;
  const shiftMs = tMs - refFrame.tMs;
  return {
    frames: [...out, ...shiftTime(frames.slice(i0), shiftMs)],
    inserted: { fromMs: 0, toMs: insertedToMs },
    shiftMs,
  };
}
