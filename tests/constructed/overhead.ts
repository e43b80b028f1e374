/**
 * A bar pressed overhead, spliced in after the reps, made from the person's own standing pose.
 */
import type { PoseFrame } from '../../src/core/pose/keypoints';
import type { Side, Sided } from '../../src/core/types';
import { vec, type Vec2 } from '../../src/core/math/geometry';
import {
  at,
  bump,
  editPose,
  lastStandingIndex,
  midOf,
  NO_MOVE,
  seededRandom,
  smoothstep,
  synthFrame,
  type ArmPlacement,
  type Spliced,
  spliceBase,
} from './pose-synth';

export interface OverheadOptions {
  readonly position: 'after';
  /** Where the reps end: the track is cut at its last standing frame at or before this time, ms. Defaults to the end of the track. */
  readonly atMs?: number;
  /** Number of presses. Defaults to 3. */
  readonly presses?: number;
  /** One press, dip to lowered bar, ms. Defaults to 2000 (3 presses ≈ 6 s). */
  readonly pressMs?: number;
  /** Knee dip before each press (a push press), image flexion, deg (≤ 10). Defaults to 8. */
  readonly dipKneeDeg?: number;
  /** Hip dip with it, share of the standing hip→ankle extent. Defaults to 0.02. */
  readonly dipRatio?: number;
}

/**
 * Where the arms are with the bar at the shoulders ("rack") and locked out overhead, from the torso
 * length T (shoulder midpoint → hip midpoint) and the shoulder width W in the image: rack: wrist
 * 0.3 W outside the shoulder and 0.05 T above it, elbow 0.35 W outside and 0.4 T below it; lockout:
 * wrist 0.4 W outside and 1.15 T above the shoulder (upper arm + forearm ≈ 1.15 T), elbow halfway
 * (0.55 T above). Anthropometry: upper arm ≈ 0.19 H, forearm ≈ 0.15 H, torso ≈ 0.29 H
 * (Drillis & Contini 1966).
 */
function armPositions(
  ref: NonNullable<PoseFrame['keypoints']>,
): Record<'rack' | 'lockout', Sided<ArmPlacement>> {
  const sm = midOf(ref, 'left_shoulder', 'right_shoulder');
  const hm = midOf(ref, 'left_hip', 'right_hip');
  const torsoPx = Math.hypot(sm.x - hm.x, sm.y - hm.y);
  const widthPx = Math.abs(at(ref, 'left_shoulder').x - at(ref, 'right_shoulder').x);
  const arm = (
    s: Side,
    wristOut: number,
    wristUp: number,
    elbowOut: number,
    elbowUp: number,
  ): ArmPlacement => {
    const sh = at(ref, `${s}_shoulder`);
    const out = Math.sign(sh.x - sm.x) || (s === 'left' ? 1 : -1);
    return {
      wrist: vec(sh.x + out * wristOut * widthPx, sh.y - wristUp * torsoPx),
      elbow: vec(sh.x + out * elbowOut * widthPx, sh.y - elbowUp * torsoPx),
    };
  };
  return {
    rack: { left: arm('left', 0.3, 0.05, 0.35, -0.4), right: arm('right', 0.3, 0.05, 0.35, -0.4) },
    lockout: { left: arm('left', 0.4, 1.15, 0.4, 0.55), right: arm('right', 0.4, 1.15, 0.4, 0.55) },
  };
}

const lerpV = (a: Vec2, b: Vec2, t: number): Vec2 => vec(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
const lerpArms = (a: Sided<ArmPlacement>, b: Sided<ArmPlacement>, t: number): Sided<ArmPlacement> => ({
  left: { elbow: lerpV(a.left.elbow, b.left.elbow, t), wrist: lerpV(a.left.wrist, b.left.wrist, t) },
  right: { elbow: lerpV(a.right.elbow, b.right.elbow, t), wrist: lerpV(a.right.wrist, b.right.wrist, t) },
});

/**
 * Overhead presses after the reps. The track is cut at its last standing frame at or before `atMs`
 * (dropping a rep that had begun), and that frame is the pose. Legs and feet stay planted. After
 * 0.5 s still, the arms move (0.8 s, smoothstep) from where they were to the rack; then `presses`
 * presses of `pressMs` each: 15 % dip (both knees bend dipKneeDeg·sin, hips and upper body lower
 * dipRatio·extent·sin), 30 % drive the bar to lockout (smoothstep), 15 % hold, 30 % lower to the
 * rack, 10 % rest; then the arms return (0.8 s) and the person stands 1 s. Every synthesised frame
 * has ±1 px jitter; wrists may leave the top of the frame, as they would on camera.
 */
export function spliceOverhead(frames: readonly PoseFrame[], opts: OverheadOptions): Spliced {
  const presses = opts.presses ?? 3;
  const pressMs = opts.pressMs ?? 2000;
  const dipKneeDeg = opts.dipKneeDeg ?? 8;
  const dipRatio = opts.dipRatio ?? 0.02;
  if (dipKneeDeg > 10) throw new Error('spliceOverhead: a push-press dip is ≤ 10°');

  const iRef = lastStandingIndex(frames, opts.atMs ?? Infinity);
  const { refFrame, ref, dtMs, extentPx, centre, forwardX } = spliceBase(frames, iRef);
  const own: Sided<ArmPlacement> = {
    left: { elbow: at(ref, 'left_elbow'), wrist: at(ref, 'left_wrist') },
    right: { elbow: at(ref, 'right_elbow'), wrist: at(ref, 'right_wrist') },
  };
  const { rack, lockout } = armPositions(ref);

  const rnd = seededRandom(0x0ead);
  const out: PoseFrame[] = [];
  const fromMs = refFrame.tMs + dtMs;
  let tMs = fromMs;
  const push = (arms: Sided<ArmPlacement>, dip: number): void => {
    const pose = editPose(
      ref,
      {
        body: { dx: 0, dy: dipRatio * extentPx * dip, scale: 1 },
        feet: { left: NO_MOVE, right: NO_MOVE },
        kneeFlexDeg: { left: dipKneeDeg * dip, right: dipKneeDeg * dip },
        pelvisTiltDeg: 0,
        arms,
      },
      centre,
      forwardX,
    );
    out.push(synthFrame(refFrame, tMs, pose, rnd));
    tMs += dtMs;
  };
  const over = (durationMs: number, f: (u: number) => void): void => {
    const n = Math.max(1, Math.round(durationMs / dtMs));
    for (let j = 0; j < n; j++) f(j / n);
  };

  over(500, () => push(own, 0));
  over(800, (u) => push(lerpArms(own, rack, smoothstep(u)), 0));
  for (let p = 0; p < presses; p++) {
    over(pressMs, (u) => {
      if (u < 0.15) push(rack, bump(u / 0.15));
      else if (u < 0.45) push(lerpArms(rack, lockout, smoothstep((u - 0.15) / 0.3)), 0);
      else if (u < 0.6) push(lockout, 0);
      else if (u < 0.9) push(lerpArms(lockout, rack, smoothstep((u - 0.6) / 0.3)), 0);
      else push(rack, 0);
    });
  }
  over(800, (u) => push(lerpArms(rack, own, smoothstep(u)), 0));
  over(1000, () => push(own, 0));
  return {
    frames: [...frames.slice(0, iRef + 1), ...out],
    inserted: { fromMs, toMs: tMs - dtMs },
    shiftMs: 0,
  };
}
