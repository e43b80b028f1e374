/** Segment-weighted centre of mass from image keypoints (de Leva 1996 segment parameters). */
import { pairMid, pt, SIDE_NAMES, SIDES } from '../pose/body';
import type { GatedPose } from '../pose/gating';
import { lerp, type Vec2 } from '../math/geometry';
import type { Side } from '../types';

/** Segment mass fractions and centre-of-mass positions, after de Leva (1996), male/female averaged. */
const SEGMENTS = {
  head: 0.068,
  trunk: { mass: 0.43, fromShoulder: 0.45 },
  upperArm: { mass: 0.026, fromProximal: 0.577 },
  forearmHand: { mass: 0.021, fromProximal: 0.6 },
  thigh: { mass: 0.145, fromProximal: 0.41 },
  shank: { mass: 0.046, fromProximal: 0.44 },
  foot: { mass: 0.013, fromHeel: 0.44 },
} as const;

/**
 * Segment-weighted centre of mass in the image. Bilateral segments: one visible side stands for both
 * (in a side view they overlap); missing arms put their mass at the shoulders; a missing trunk or legs
 * give null.
 */
export function centreOfMass(pose: GatedPose): Vec2 | null {
  const sMid = pairMid(pose, 'left_shoulder', 'right_shoulder');
  const hMid = pairMid(pose, 'left_hip', 'right_hip');
  if (!sMid || !hMid) return null;
  let mx = 0;
  let my = 0;
  let m = 0;
  const addMass = (p: Vec2, mass: number): void => {
    mx += p.x * mass;
    my += p.y * mass;
    m += mass;
  };
  addMass(lerp(sMid, hMid, SEGMENTS.trunk.fromShoulder), SEGMENTS.trunk.mass);
  const head = pairMid(pose, 'left_ear', 'right_ear') ?? pt(pose, 'nose');
  if (head) addMass(head, SEGMENTS.head);
  const bilateral = (seg: (side: Side) => Vec2 | null, mass: number, fallback: Vec2 | null): boolean => {
    const pts = SIDES.map(seg).filter((p): p is Vec2 => p !== null);
    if (pts.length === 0) {
      if (fallback === null) return false;
      addMass(fallback, 2 * mass);
      return true;
    }
    for (const p of pts) addMass(p, (2 * mass) / pts.length);
    return true;
  };
  const segPoint = (a: Vec2 | null, b: Vec2 | null, t: number): Vec2 | null =>
    a && b ? lerp(a, b, t) : null;
  const P = (s: Side, k: keyof (typeof SIDE_NAMES)['left']): Vec2 | null => pt(pose, SIDE_NAMES[s][k]);
  bilateral(
    (s) => segPoint(P(s, 'shoulder'), P(s, 'elbow'), SEGMENTS.upperArm.fromProximal),
    SEGMENTS.upperArm.mass,
    sMid,
  );
  bilateral(
    (s) => segPoint(P(s, 'elbow'), P(s, 'wrist'), SEGMENTS.forearmHand.fromProximal),
    SEGMENTS.forearmHand.mass,
    sMid,
  );
  if (
    !bilateral(
      (s) => segPoint(P(s, 'hip'), P(s, 'knee'), SEGMENTS.thigh.fromProximal),
      SEGMENTS.thigh.mass,
      null,
    )
  )
    return null;
  if (
    !bilateral(
      (s) => segPoint(P(s, 'knee'), P(s, 'ankle'), SEGMENTS.shank.fromProximal),
      SEGMENTS.shank.mass,
      null,
    )
  )
    return null;
  bilateral(
    (s) => segPoint(P(s, 'heel'), P(s, 'toe'), SEGMENTS.foot.fromHeel) ?? P(s, 'ankle'),
    SEGMENTS.foot.mass,
    null,
  );
  return { x: mx / m, y: my / m };
}
