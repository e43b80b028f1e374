/**
 * Whether a movement is a squat at all. A rep needs both feet planted through it and each measured
 * knee flexing past a quarter squat's start; stepping, walking, walk-outs and re-racks move a foot,
 * and pressing a bar overhead or a push-press dip barely bend the knees. Cues are live only while
 * the feet have been settled for a moment and the knees are bent, so none of those movements cue.
 */
import { dist, type Vec2 } from '../math/geometry';
import { median, trimToWindow } from '../math/stats';
import {
  FEET_PLANTED_MAX_SHIFT_RATIO,
  FEET_PLANTED_MAX_UNEVEN_RATIO,
  FEET_RETURNED_MAX_SHIFT_RATIO,
  FEET_SETTLE_MS,
  FOOT_MOVE_CONFIRM_MS,
  REP_MIN_KNEE_FLEXION_DEG,
} from '../thresholds';
import type { Side, Sided } from '../types';

const SIDES: readonly Side[] = ['left', 'right'];
/** Raw positions per ankle whose median is where the foot stands: one stray frame cannot move it. */
const RETURN_SAMPLES = 3;

const medianPoint = (ps: readonly Vec2[] | undefined): Vec2 | undefined =>
  ps === undefined || ps.length === 0
    ? undefined
    : { x: median(ps.map((p) => p.x)), y: median(ps.map((p) => p.y)) };

export class SquatGate {
  private anchor: Partial<Record<Side, Vec2>> = {};
  /** Where each ankle was over the last FEET_SETTLE_MS, oldest first. */
  private recent: { tMs: number; ankles: Partial<Record<Side, Vec2>> }[] = [];
  /** Since when each foot has been away from its anchor (a move not yet confirmed), ms. */
  private awaySince: Partial<Record<Side, number>> = {};
  private lastMoveMs: number | null = null;
  /**
   * The feet stand somewhere new (a confirmed step, or a rep that ended with a foot elsewhere) and
   * no new standing reference has been taken for it yet.
   */
  private stanceChanged = false;
  private repFlexionDeg: Partial<Record<Side, number>> = {};
  private inRep = false;
  private kneesNowOk = false;
  /**
   * Each ankle's last RETURN_SAMPLES raw positions, its smoothed one and the shank length it is judged
   * on; `fresh` when it was seen on the last frame pushed.
   */
  private latest: Partial<
    Record<Side, { raw: Vec2[]; smoothed: Vec2 | null; shankPx: number; fresh: boolean }>
  > = {};
  /** Where each ankle stood as the rep began: the raw median and the smoothed position. */
  private startAnkles: Partial<Record<Side, { raw: Vec2; smoothed: Vec2 | null }>> = {};

  /**
   * @param ankles smoothed ankle positions, px (null when gated)
   * @param shankPx standing shank lengths, px: the scale a foot's movement is judged on
   * @param flexionDeg this frame's knee flexion per side, deg
   * @param rawAnkles unsmoothed ankle positions, px, for where a foot stands at the end of a rep (a
   *   smoother spreads one stray frame over the next several); the smoothed ones when not given
   */
  push(
    tMs: number,
    ankles: Sided<Vec2 | null>,
    shankPx: Sided<number | null>,
    flexionDeg: Sided<number | null>,
    rawAnkles: Sided<Vec2 | null> = ankles,
  ): void {
    // One foot's vertical move against the other's (px, + = lower than where it was planted).
    const dy = (s: Side): number | null => {
      const p = ankles[s];
      const a = this.anchor[s];
      return p === null || a === undefined ? null : p.y - a.y;
    };
    const dyL = dy('left');
    const dyR = dy('right');
    const uneven = dyL === null || dyR === null ? 0 : Math.abs(dyL - dyR);
    for (const s of SIDES) {
      const p = ankles[s];
      const len = shankPx[s];
      const seen = this.latest[s];
      const r = rawAnkles[s];
      if (seen !== undefined) seen.fresh = false;
      if (r !== null && len !== null) {
        const raw = [...(seen?.raw ?? []), r].slice(-RETURN_SAMPLES);
        this.latest[s] = { raw, smoothed: p, shankPx: len, fresh: true };
      }
      if (p === null || len === null) continue;
      const a = this.anchor[s];
      const away =
        a !== undefined &&
        (dist(a, p) > FEET_PLANTED_MAX_SHIFT_RATIO * len || uneven > FEET_PLANTED_MAX_UNEVEN_RATIO * len);
      if (a === undefined) this.anchor[s] = p;
      else if (!away) this.awaySince[s] = undefined;
      else {
        // A foot that stays away is a step; one that is back on the next frames was a keypoint glitch.
        const since = (this.awaySince[s] ??= tMs);
        if (tMs - since >= FOOT_MOVE_CONFIRM_MS) {
          this.anchor[s] = p;
          this.lastMoveMs = tMs;
          this.stanceChanged = true;
          this.awaySince[s] = undefined;
        }
      }
      const f = flexionDeg[s];
      if (f !== null) this.repFlexionDeg[s] = Math.max(this.repFlexionDeg[s] ?? -Infinity, f);
    }
    this.recent.push({ tMs, ankles: { left: ankles.left ?? undefined, right: ankles.right ?? undefined } });
    trimToWindow(this.recent, tMs, FEET_SETTLE_MS);
    // Between reps, with the feet still, the anchors follow where the feet stood a moment ago: where a
    // step ended, and the slow drift of planted ankles' keypoints, become the new reference.
    if (!this.inRep && this.settled(tMs)) this.anchorToOldest();
    const measured = SIDES.map((s) => flexionDeg[s]).filter((f): f is number => f !== null);
    // Knees that drop out of view mid-rep keep the last verdict: deep in a squat filmed from behind
    // the thighs point away and the model loses both knees for the whole bottom (the rear fixture:
    // ~1 s a rep), and a knee seen bent that then vanishes at a deeper hip has not straightened.
    if (measured.length > 0) this.kneesNowOk = measured.every((f) => f >= REP_MIN_KNEE_FLEXION_DEG);
    else if (!this.inRep) this.kneesNowOk = false;
  }

  /**
   * True once after the feet stood somewhere new, as soon as no rep is running: the caller takes a
   * new standing reference then. A step taken inside a dip (a walk-out's loaded shuffle starts a
   * descent) waits for that movement to end, so the reference is never the stance the person left.
   */
  takeNewStance(): boolean {
    if (!this.stanceChanged || this.inRep) return false;
    this.stanceChanged = false;
    return true;
  }

  /** Both feet have stayed where they are for FEET_SETTLE_MS (or have not moved since first seen). */
  settled(tMs: number): boolean {
    return this.lastMoveMs === null || tMs - this.lastMoveMs >= FEET_SETTLE_MS;
  }

  /** Cues may speak now: feet settled and every measured knee bent past a quarter squat's start. */
  cuesLive(tMs: number): boolean {
    return this.settled(tMs) && this.kneesNowOk;
  }

  /**
   * A new rep starts: knee flexion is tracked from here, and the feet are judged against where they
   * stood FEET_SETTLE_MS ago (ankle keypoints of planted feet drift slowly across a set; a step that
   * starts with the dip still moves the foot away from there).
   */
  startRep(): void {
    this.repFlexionDeg = {};
    this.inRep = true;
    const startOf = (s: Side): { raw: Vec2; smoothed: Vec2 | null } | undefined => {
      const now = this.latest[s];
      const raw = medianPoint(now?.raw);
      return now === undefined || raw === undefined ? undefined : { raw, smoothed: now.smoothed };
    };
    this.startAnkles = { left: startOf('left'), right: startOf('right') };
    this.anchorToOldest();
    this.awaySince = {};
  }

  /** The rep ended (counted or not): the feet are again judged between reps. */
  endRep(): void {
    this.inRep = false;
  }

  private anchorToOldest(): void {
    for (const s of SIDES) {
      const then = this.recent.find((r) => r.ankles[s] !== undefined)?.ankles[s];
      if (then !== undefined) this.anchor[s] = then;
    }
  }

  /**
   * Both feet stand where they stood when the rep began, within FEET_RETURNED_MAX_SHIFT_RATIO: a
   * planted foot's keypoint drifts at depth but comes back when the person stands; a foot that ends
   * somewhere else was lifted and put down (a step, a shuffle of a walk-out). A foot counts as moved
   * only when both its smoothed position and the median of its last RETURN_SAMPLES raw ones are away:
   * one stray frame moves neither the median nor, for long, the smoothed point (whose pull it leaves
   * for a few frames). A foot not seen on the last frame does not count against the rep. Feet that
   * ended elsewhere stand in a new stance: takeNewStance() says so once the rep is over.
   */
  feetReturned(): boolean {
    const returned = SIDES.every((s) => {
      const start = this.startAnkles[s];
      const now = this.latest[s];
      if (start === undefined || now === undefined || !now.fresh) return true;
      const limit = FEET_RETURNED_MAX_SHIFT_RATIO * now.shankPx;
      const raw = medianPoint(now.raw);
      const rawAway = raw !== undefined && dist(start.raw, raw) > limit;
      const smoothedAway =
        start.smoothed === null || now.smoothed === null || dist(start.smoothed, now.smoothed) > limit;
      return !(rawAway && smoothedAway);
    });
    if (!returned) this.stanceChanged = true;
    return returned;
  }

  /** Every knee measured during the rep flexed at least REP_MIN_KNEE_FLEXION_DEG. */
  repKneesFlexed(): boolean {
    const peaks = SIDES.map((s) => this.repFlexionDeg[s]).filter((f): f is number => f !== undefined);
    return peaks.length > 0 && peaks.every((f) => f >= REP_MIN_KNEE_FLEXION_DEG);
  }

  reset(): void {
    this.anchor = {};
    this.recent = [];
    this.inRep = false;
    this.awaySince = {};
    this.lastMoveMs = null;
    this.stanceChanged = false;
    this.repFlexionDeg = {};
    this.kneesNowOk = false;
    this.latest = {};
    this.startAnkles = {};
  }
}
