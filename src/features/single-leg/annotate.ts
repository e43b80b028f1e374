/**
 * What is drawn on a rep's frame, as plain geometry (pure): the stance leg's thigh (hip → knee) and
 * shank (knee → ankle), the pelvis (hip → hip), and their angles — each segment's angle from the
 * image vertical, the knee's FPPA, the pelvis line's tilt from level — so the picture shows what the
 * numbers measured. Coordinates are scaled to the image the frame is drawn on.
 */
import { angleFromVerticalDeg, fromKeypoint, signedSlopeDeg, sub, type Vec2 } from '../../core/math/geometry';
import type { Keypoints, Side, SingleLegRep } from '../../core';

/** Keypoints below this score are not drawn (same as the overlay): a wrong line is worse than none. */
export const ANNOTATE_MIN_SCORE = 0.5;

export type SegmentId = 'thigh' | 'shank' | 'pelvis';

export interface AnnotatedSegment {
  readonly id: SegmentId;
  readonly from: Vec2;
  readonly to: Vec2;
  /** The segment's line in the legend. */
  readonly label: string;
}

export interface FrameAnnotation {
  readonly segments: readonly AnnotatedSegment[];
  /** The knee, where the FPPA label goes, or null when the knee was not seen. */
  readonly knee: Vec2 | null;
  readonly kneeLabel: string | null;
}

const point = (k: Keypoints, name: keyof Keypoints, scale: number): Vec2 | null => {
  const p = k[name];
  if (p === undefined || p.score < ANNOTATE_MIN_SCORE) return null;
  const v = fromKeypoint(p);
  return { x: v.x * scale, y: v.y * scale };
};

const r0 = (v: number): string => `${Math.round(v)}°`;

/**
 * The annotation of one rep's frame. `scale`: image px per source px (the frame may be downscaled).
 * The labels give the segment's own image angle; the FPPA, pelvic drop and flexion of the rep (as
 * measured against single-leg standing) go in the knee label and the pelvis label.
 */
export function annotateFrame(
  keypoints: Keypoints,
  stance: Side,
  rep: Pick<SingleLegRep, 'fppaDeg' | 'fppaFootLineDeg' | 'pelvicDropDeg' | 'kneeFlexionDeg'>,
  fppaBasis: 'image' | 'foot-line',
  scale: number,
): FrameAnnotation {
  const hip = point(keypoints, `${stance}_hip`, scale);
  const knee = point(keypoints, `${stance}_knee`, scale);
  const ankle = point(keypoints, `${stance}_ankle`, scale);
  const lHip = point(keypoints, 'left_hip', scale);
  const rHip = point(keypoints, 'right_hip', scale);
  const segments: AnnotatedSegment[] = [];
  if (hip !== null && knee !== null)
    segments.push({
      id: 'thigh',
      from: hip,
      to: knee,
      label: `thigh ${r0(angleFromVerticalDeg(knee, hip))} from vertical`,
    });
  if (knee !== null && ankle !== null)
    segments.push({
      id: 'shank',
      from: knee,
      to: ankle,
      label: `shank ${r0(angleFromVerticalDeg(ankle, knee))} from vertical`,
    });
  if (lHip !== null && rHip !== null) {
    const tilt = signedSlopeDeg(sub(rHip, lHip));
    const drop = rep.pelvicDropDeg === null ? '' : `, drop ${r0(rep.pelvicDropDeg)}`;
    segments.push({ id: 'pelvis', from: lHip, to: rHip, label: `pelvis tilt ${r0(Math.abs(tilt))}${drop}` });
  }
  const fppa = fppaBasis === 'image' ? rep.fppaDeg : rep.fppaFootLineDeg;
  const flex = rep.kneeFlexionDeg === null ? '' : ` · flexion ${r0(rep.kneeFlexionDeg)}`;
  return {
    segments,
    knee,
    kneeLabel: knee === null ? null : `knee FPPA ${fppa === null ? '—' : r0(fppa)}${flex}`,
  };
}
