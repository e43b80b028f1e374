/**
 * The standing value a rep's measure is taken against — the hip line for pelvic drop, the centre of
 * mass along the foot for the weight shift to the toes: the median over the last
 * CALIBRATION_STILL_MS of upright frames before the rep starts. "Relative to standing" then means
 * the standing just before this rep, so a person who re-settles their stance between reps (or a
 * keypoint bias that drifts over a set) does not carry an offset into every later rep; before the
 * first such window, and between reps, the set's standing calibration is the reference.
 */
import { median } from '../math/stats';
import { CALIBRATION_STILL_MS, REP_STANDING_REF_MIN_FRAMES } from '../thresholds';

export class RepStandingReference {
  private standing: { tMs: number; value: number }[] = [];
  private repRef: number | null = null;

  /** Every frame, before the rep state machine sees it: the value when the person stands upright. */
  push(tMs: number, value: number | null, upright: boolean): void {
    if (upright && value !== null) this.standing.push({ tMs, value });
    while (this.standing.length > 0 && tMs - (this.standing[0] as { tMs: number }).tMs > CALIBRATION_STILL_MS)
      this.standing.shift();
  }

  /** A rep starts: its reference is the standing just before it, when enough of it was seen. */
  startRep(): void {
    this.repRef =
      this.standing.length >= REP_STANDING_REF_MIN_FRAMES ? median(this.standing.map((s) => s.value)) : null;
  }

  endRep(): void {
    this.repRef = null;
  }

  /** The reference for this frame: the rep's own, else the calibration's (same unit as pushed). */
  ref(calibrationValue: number | null): number | null {
    return this.repRef ?? calibrationValue;
  }

  reset(): void {
    this.standing = [];
    this.repRef = null;
  }
}
