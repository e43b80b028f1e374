/**
 * Which leg stands, and whether the other foot is off the floor. From the front or the back the free
 * foot shows as an ankle clearly higher in the image than the stance ankle; the labels are the pose
 * model's anatomical sides, so a mirror image (which swaps them) reads the other leg, as it should.
 */
import { dist, type Vec2 } from '../math/geometry';
import {
  FOOT_MOVE_CONFIRM_MS,
  SINGLE_LEG_FREE_FOOT_LIFT_RATIO,
  SINGLE_LEG_FREE_FOOT_TOUCH_RATIO,
  SINGLE_LEG_HOP_RATIO,
} from '../thresholds';
import type { Side, Sided } from '../types';

export const otherSide = (s: Side): Side => (s === 'left' ? 'right' : 'left');

export interface StanceState {
  /** The leg standing, or null before one foot has been clearly lifted. */
  readonly stance: Side | null;
  /** The free foot is off the floor (lifted and not confirmed back down). */
  readonly lifted: boolean;
}

/**
 * Stance from the two ankles' heights, in units of the shank length: the free ankle above the stance
 * ankle by more than SINGLE_LEG_FREE_FOOT_LIFT_RATIO lifts it (and names the lower leg the stance
 * leg); back within SINGLE_LEG_FREE_FOOT_TOUCH_RATIO for FOOT_MOVE_CONFIRM_MS puts it down. Between
 * the two the last state holds, so a foot hovering low does not flicker.
 */
export class StanceTracker {
  private stance: Side | null = null;
  private lifted = false;
  private downSinceMs: number | null = null;

  get state(): StanceState {
    return { stance: this.stance, lifted: this.lifted };
  }

  /**
   * @param ankles ankle positions, px (null when gated)
   * @param shankPx the scale: the stance shank's standing length, else its image length, px
   */
  push(tMs: number, ankles: Sided<Vec2 | null>, shankPx: number | null): StanceState {
    const l = ankles.left;
    const r = ankles.right;
    if (l === null || r === null || shankPx === null || !(shankPx > 0)) return this.state;
    // + = the left ankle lower in the image (y down): the left leg is the one on the floor.
    const liftRatio = (l.y - r.y) / shankPx;
    if (Math.abs(liftRatio) > SINGLE_LEG_FREE_FOOT_LIFT_RATIO) {
      this.stance = liftRatio > 0 ? 'left' : 'right';
      this.lifted = true;
      this.downSinceMs = null;
    } else if (Math.abs(liftRatio) < SINGLE_LEG_FREE_FOOT_TOUCH_RATIO) {
      this.downSinceMs ??= tMs;
      if (tMs - this.downSinceMs >= FOOT_MOVE_CONFIRM_MS) this.lifted = false;
    } else {
      this.downSinceMs = null;
    }
    return this.state;
  }

  reset(): void {
    this.stance = null;
    this.lifted = false;
    this.downSinceMs = null;
  }
}

/**
 * Whether the stance foot hopped during a rep: its ankle away from where it stood at the rep's start
 * by more than SINGLE_LEG_HOP_RATIO of the shank for FOOT_MOVE_CONFIRM_MS (a one-frame keypoint jump
 * is not a hop; a hop keeps the foot off its spot for its flight, and a re-placed foot stays away).
 */
export class HopWatch {
  private anchor: Vec2 | null = null;
  private awaySinceMs: number | null = null;
  private hopped = false;

  start(ankle: Vec2 | null): void {
    this.anchor = ankle;
    this.awaySinceMs = null;
    this.hopped = false;
  }

  push(tMs: number, ankle: Vec2 | null, shankPx: number | null): boolean {
    if (ankle === null || shankPx === null) return this.hopped;
    if (this.anchor === null) {
      this.anchor = ankle;
      return this.hopped;
    }
    if (dist(ankle, this.anchor) > SINGLE_LEG_HOP_RATIO * shankPx) {
      this.awaySinceMs ??= tMs;
      if (tMs - this.awaySinceMs >= FOOT_MOVE_CONFIRM_MS) this.hopped = true;
    } else {
      this.awaySinceMs = null;
    }
    return this.hopped;
  }

  get happened(): boolean {
    return this.hopped;
  }
}
