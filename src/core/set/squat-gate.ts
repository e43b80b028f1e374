/**
 * Whether a movement is a squat at all. A rep needs both feet planted through it and each measured
 * knee flexing past a quarter squat's start; stepping, walking, walk-outs and re-racks move a foot,
 * and pressing a bar overhead or a push-press dip barely bend the knees. Cues are live only while
 * the feet have been settled for a moment and the knees are bent, so none of those movements cue.
 *
 * A foot is where its least-moved keypoint says (ankle, heel, toe): a step lifts the whole foot and
 * moves all three, while at depth the shank and knee come over the ankle and heel and the model's
 * keypoints there slide (an ankle 0.37 shank lengths, its toe 0.11, on a clip 192 px across). With
 * both feet seen, each foot's move is taken less the other's: a step moves one foot, a handheld
 * camera moves both alike in the picture (docs/metrics.md "Reps").
 */
import type { Vec2 } from '../math/geometry';
import { FOOT_PARTS, type Foot, type FootPart } from '../pose/body';
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
/** Raw positions per foot keypoint whose median is where it stands: one stray frame cannot move it. */
const RETURN_SAMPLES = 3;

type FootAt = Partial<Record<FootPart, Vec2>>;

const seenParts = (f: Foot | null | undefined): FootAt => {
  const out: FootAt = {};
  for (const k of FOOT_PARTS) {
    const p = f?.[k];
    if (p !== null && p !== undefined) out[k] = p;
  }
  return out;
};

/**
 * How far a foot moved from `from` to `to`: the displacement (px) of its least-moved keypoint seen in
 * both, or null when none is.
 */
function leastMove(from: FootAt | undefined, to: FootAt): Vec2 | null {
  let best: Vec2 | null = null;
  for (const k of FOOT_PARTS) {
    const a = from?.[k];
    const b = to[k];
    if (a === undefined || b === undefined) continue;
    const d = { x: b.x - a.x, y: b.y - a.y };
    if (best === null || Math.hypot(d.x, d.y) < Math.hypot(best.x, best.y)) best = d;
  }
  return best;
}

/** A foot's move less the other foot's when both are known (the camera's own motion cancels), else its own. */
const relativeMove = (move: Vec2 | null, other: Vec2 | null): Vec2 | null =>
  move === null || other === null ? move : { x: move.x - other.x, y: move.y - other.y };

const medianPoint = (ps: readonly Vec2[] | undefined): Vec2 | undefined =>
  ps === undefined || ps.length === 0
    ? undefined
    : { x: median(ps.map((p) => p.x)), y: median(ps.map((p) => p.y)) };

export class SquatGate {
  private anchor: Partial<Record<Side, FootAt>> = {};
  /** Where each foot's keypoints were over the last FEET_SETTLE_MS, oldest first. */
  private recent: { tMs: number; feet: Partial<Record<Side, FootAt>> }[] = [];
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
   * Each foot keypoint's last RETURN_SAMPLES raw positions and its smoothed one, with the shank length
   * the foot is judged on; a part is `fresh` when it was seen on the last frame pushed.
   */
  private latest: Partial<
    Record<
      Side,
      {
        parts: Partial<Record<FootPart, { raw: Vec2[]; smoothed: Vec2 | null; fresh: boolean }>>;
        shankPx: number;
      }
    >
  > = {};
  /** Where each foot's keypoints stood as the rep began: the raw medians and the smoothed positions. */
  private startFeet: Partial<Record<Side, { raw: FootAt; smoothed: FootAt }>> = {};

  /**
   * @param feet smoothed foot keypoints, px (null when the leg is not judged)
   * @param shankPx standing shank lengths, px: the scale a foot's movement is judged on
   * @param flexionDeg this frame's knee flexion per side, deg
   * @param rawFeet unsmoothed foot keypoints, px, for where a foot stands at the end of a rep (a
   *   smoother spreads one stray frame over the next several); the smoothed ones when not given
   */
  push(
    tMs: number,
    feet: Sided<Foot | null>,
    shankPx: Sided<number | null>,
    flexionDeg: Sided<number | null>,
    rawFeet: Sided<Foot | null> = feet,
  ): void {
    const now: Sided<FootAt> = { left: seenParts(feet.left), right: seenParts(feet.right) };
    const own: Sided<Vec2 | null> = {
      left: leastMove(this.anchor.left, now.left),
      right: leastMove(this.anchor.right, now.right),
    };
    // With both feet seen, each is judged against the other: a step moves one, while a handheld
    // camera's shake moves both alike in the image.
    const moved: Sided<Vec2 | null> = {
      left: relativeMove(own.left, own.right),
      right: relativeMove(own.right, own.left),
    };
    // One foot's vertical move against the other's (px, + = lower than where it was planted).
    const uneven = own.left === null || own.right === null ? 0 : Math.abs(own.left.y - own.right.y);
    for (const s of SIDES) {
      const len = shankPx[s];
      this.noteLatest(s, rawFeet[s], feet[s], len);
      if (len === null || Object.keys(now[s]).length === 0) continue;
      const m = moved[s];
      const away =
        m !== null &&
        (Math.hypot(m.x, m.y) > FEET_PLANTED_MAX_SHIFT_RATIO * len ||
          uneven > FEET_PLANTED_MAX_UNEVEN_RATIO * len);
      if (this.anchor[s] === undefined || m === null) this.anchor[s] = now[s];
      else if (!away) this.awaySince[s] = undefined;
      else {
        // A foot that stays away is a step; one that is back on the next frames was a keypoint glitch.
        const since = (this.awaySince[s] ??= tMs);
        if (tMs - since >= FOOT_MOVE_CONFIRM_MS) {
          this.anchor[s] = now[s];
          this.lastMoveMs = tMs;
          this.stanceChanged = true;
          this.awaySince[s] = undefined;
        }
      }
      const f = flexionDeg[s];
      if (f !== null) this.repFlexionDeg[s] = Math.max(this.repFlexionDeg[s] ?? -Infinity, f);
    }
    this.recent.push({ tMs, feet: { left: now.left, right: now.right } });
    trimToWindow(this.recent, tMs, FEET_SETTLE_MS);
    // Between reps, with the feet still, the anchors follow where the feet stood a moment ago: where a
    // step ended, and the slow drift of planted feet's keypoints, become the new reference.
    if (!this.inRep && this.settled(tMs)) this.anchorToOldest();
    const measured = SIDES.map((s) => flexionDeg[s]).filter((f): f is number => f !== null);
    // Knees that drop out of view mid-rep keep the last verdict: deep in a squat filmed from behind
    // the thighs point away and the model loses both knees for the whole bottom (the rear fixture:
    // ~1 s a rep), and a knee seen bent that then vanishes at a deeper hip has not straightened.
    if (measured.length > 0) this.kneesNowOk = measured.every((f) => f >= REP_MIN_KNEE_FLEXION_DEG);
    else if (!this.inRep) this.kneesNowOk = false;
  }

  private noteLatest(s: Side, raw: Foot | null, smoothed: Foot | null, shankPx: number | null): void {
    const seen = this.latest[s];
    for (const part of Object.values(seen?.parts ?? {})) part.fresh = false;
    if (shankPx === null) return;
    const parts = { ...(seen?.parts ?? {}) };
    for (const k of FOOT_PARTS) {
      const r = raw?.[k];
      if (r === null || r === undefined) continue;
      parts[k] = {
        raw: [...(parts[k]?.raw ?? []), r].slice(-RETURN_SAMPLES),
        smoothed: smoothed?.[k] ?? null,
        fresh: true,
      };
    }
    this.latest[s] = { parts, shankPx };
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
   * stood FEET_SETTLE_MS ago (keypoints of planted feet drift slowly across a set; a step that starts
   * with the dip still moves the foot away from there).
   */
  startRep(): void {
    this.repFlexionDeg = {};
    this.inRep = true;
    this.startFeet = { left: this.standing('left', false), right: this.standing('right', false) };
    this.anchorToOldest();
    this.awaySince = {};
  }

  /** The rep ended (counted or not): the feet are again judged between reps. */
  endRep(): void {
    this.inRep = false;
  }

  private anchorToOldest(): void {
    for (const s of SIDES) {
      const then = this.recent.find((r) => Object.keys(r.feet[s] ?? {}).length > 0)?.feet[s];
      if (then !== undefined) this.anchor[s] = then;
    }
  }

  /**
   * Both feet stand where they stood when the rep began, within FEET_RETURNED_MAX_SHIFT_RATIO: a
   * planted foot's keypoints drift at depth but come back when the person stands; a foot that ends
   * somewhere else was lifted and put down (a step, a shuffle of a walk-out). A foot's move is its
   * least-moved keypoint's, less the other foot's when both are seen (a handheld camera moves both
   * alike). The feet count as moved only when both the smoothed positions and the medians of the last
   * RETURN_SAMPLES raw ones say so: one stray frame moves neither the median nor, for long, the
   * smoothed point (whose pull it leaves for a few frames). A foot not seen on the last frame does not
   * count against the rep. Feet that ended elsewhere stand in a new stance: takeNewStance() says so
   * once the rep is over.
   */
  feetReturned(): boolean {
    const l = this.moveSinceStart('left');
    const r = this.moveSinceStart('right');
    const one = l ?? r;
    const other = l !== null ? r : null;
    let returned = true;
    if (one !== null) {
      // Judged on the shorter shank when the feet are judged against each other (either may have moved).
      const limit = FEET_RETURNED_MAX_SHIFT_RATIO * Math.min(one.shankPx, other?.shankPx ?? Infinity);
      const past = (v: Vec2 | null): boolean => v === null || Math.hypot(v.x, v.y) > limit;
      const rawAway = past(relativeMove(one.raw, other?.raw ?? null));
      const smoothedAway =
        other !== null && other.smoothed === null
          ? true
          : past(relativeMove(one.smoothed, other?.smoothed ?? null));
      returned = !(rawAway && smoothedAway);
    }
    if (!returned) this.stanceChanged = true;
    return returned;
  }

  /**
   * How far a foot moved since the rep began, px, by its least-moved keypoint seen on the last frame:
   * raw (the median of its last raw positions) and smoothed; null when no such keypoint was also
   * seen as the rep began.
   */
  private moveSinceStart(s: Side): { raw: Vec2; smoothed: Vec2 | null; shankPx: number } | null {
    const start = this.startFeet[s];
    const now = this.latest[s];
    if (start === undefined || now === undefined) return null;
    const { raw, smoothed } = this.standing(s, true);
    const rawMove = leastMove(start.raw, raw);
    return rawMove === null
      ? null
      : { raw: rawMove, smoothed: leastMove(start.smoothed, smoothed), shankPx: now.shankPx };
  }

  /**
   * Where a foot's keypoints stand now: each one's median of its last raw positions, and its smoothed
   * position; only those seen on the last frame when `freshOnly`.
   */
  private standing(s: Side, freshOnly: boolean): { raw: FootAt; smoothed: FootAt } {
    const raw: FootAt = {};
    const smoothed: FootAt = {};
    for (const k of FOOT_PARTS) {
      const p = this.latest[s]?.parts[k];
      if (p === undefined || (freshOnly && !p.fresh)) continue;
      const m = medianPoint(p.raw);
      if (m !== undefined) raw[k] = m;
      if (p.smoothed !== null) smoothed[k] = p.smoothed;
    }
    return { raw, smoothed };
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
    this.startFeet = {};
  }
}
