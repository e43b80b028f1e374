/**
 * The standing hip line each rep's pelvic drop is measured against: the median over the last
 * CALIBRATION_STILL_MS of straight-knee frames before the rep starts. "Relative to standing" then
 * means the standing just before this rep, so a person who re-settles their stance between reps (or a
 * keypoint bias that drifts over a set) does not carry an offset into every later rep; before the
 * first such window, and between reps, the set's standing calibration is the reference.
 */
import { median } from '../math/stats';
import { CALIBRATION_STILL_MS, HIP_LINE_REF_MIN_FRAMES } from '../thresholds';

export class HipLineReference {
  private standing: { tMs: number; deg: number }[] = [];
  private repRefDeg: number | null = null;

  /** Every frame, before the rep state machine sees it: the hip line when the knees are straight. */
  push(tMs: number, hipLineDeg: number | null, standingPose: boolean): void {
    if (standingPose && hipLineDeg !== null) this.standing.push({ tMs, deg: hipLineDeg });
    while (this.standing.length > 0 && tMs - (this.standing[0] as { tMs: number }).tMs > CALIBRATION_STILL_MS)
      this.standing.shift();
  }

  /** A rep starts: its reference is the standing just before it, when enough of it was seen. */
  startRep(): void {
    this.repRefDeg =
      this.standing.length >= HIP_LINE_REF_MIN_FRAMES ? median(this.standing.map((s) => s.deg)) : null;
  }

  endRep(): void {
    this.repRefDeg = null;
  }

  /** The reference for this frame: the rep's own, else the calibration's (deg, + = left hip lower). */
  refDeg(calibrationDeg: number | null): number | null {
    return this.repRefDeg ?? calibrationDeg;
  }

  reset(): void {
    this.standing = [];
    this.repRefDeg = null;
  }
}
