/**
 * Sparse live notes during the single-leg check. The check measures; it does not coach mid-rep, so a
 * note is a short observation ("knee drifting inside the foot"), each at most once per rep and never
 * two within CUE_COOLDOWN_MS. Faults are judged by the shared verdict (coaching/verdict.ts) against
 * the squat's own limits, so the two tests cannot disagree about the same knee or pelvis.
 */
import { verdictOf, type Limit } from '../coaching/verdict';
import {
  CUE_COOLDOWN_MS,
  CUE_DWELL_MS,
  HIPS_LEVEL_CLEAR_DEG,
  HIPS_LEVEL_FIRE_DEG,
  KNEE_INSIDE_FOOT_CLEAR_RATIO,
  KNEE_INSIDE_FOOT_FIRE_RATIO,
} from '../thresholds';
import type { Side } from '../types';
import type { SingleLegNote, SingleLegNoteId } from './types';

export const SINGLE_LEG_NOTE_TEXTS: Readonly<Record<SingleLegNoteId, string>> = {
  'knee-inside-foot': 'Knee drifting inside the foot',
  'pelvis-drop': 'Pelvis dropping on the lifted side',
};

/** Knee inside its foot line (share of shank length): the squat's `knees-out` limits (the knee past the foot's medial border; Piva 2006). */
export const SINGLE_LEG_KNEE_INSIDE_LIMIT: Limit = {
  direction: 'above',
  fireAt: KNEE_INSIDE_FOOT_FIRE_RATIO,
  clearAt: KNEE_INSIDE_FOOT_CLEAR_RATIO,
};

/** Contralateral pelvic drop (deg, + = free side lower): the squat's `hips-level` limits (past Munro 2012's smallest real change). */
export const SINGLE_LEG_PELVIC_DROP_LIMIT: Limit = {
  direction: 'above',
  fireAt: HIPS_LEVEL_FIRE_DEG,
  clearAt: HIPS_LEVEL_CLEAR_DEG,
};

const RULES: readonly { readonly id: SingleLegNoteId; readonly limit: Limit }[] = [
  { id: 'knee-inside-foot', limit: SINGLE_LEG_KNEE_INSIDE_LIMIT },
  { id: 'pelvis-drop', limit: SINGLE_LEG_PELVIC_DROP_LIMIT },
];

export class NoteEngine {
  private readonly pastSinceMs = new Map<SingleLegNoteId, number>();
  private spokenThisRep: SingleLegNoteId[] = [];
  private lastNoteMs: number | null = null;

  /** A new rep: each note may be spoken once more. */
  startRep(): void {
    this.pastSinceMs.clear();
    this.spokenThisRep = [];
  }

  get spoken(): readonly SingleLegNoteId[] {
    return this.spokenThisRep;
  }

  /**
   * @param live a scored rep is in its loaded phases (no note outside a rep or after a touch-down)
   * @param values this frame's knee-inside-foot ratio and contralateral pelvic drop, deg
   */
  push(
    tMs: number,
    live: boolean,
    values: Readonly<Record<SingleLegNoteId, number | null>>,
    leg: Side,
    rep: number,
  ): SingleLegNote | null {
    let fired: SingleLegNote | null = null;
    for (const { id, limit } of RULES) {
      const v = live ? values[id] : null;
      if (verdictOf(limit, v) !== 'past') {
        this.pastSinceMs.delete(id);
        continue;
      }
      const since = this.pastSinceMs.get(id) ?? tMs;
      this.pastSinceMs.set(id, since);
      const cooled = this.lastNoteMs === null || tMs - this.lastNoteMs >= CUE_COOLDOWN_MS;
      if (fired === null && tMs - since >= CUE_DWELL_MS && cooled && !this.spokenThisRep.includes(id)) {
        fired = {
          tMs,
          id,
          text: SINGLE_LEG_NOTE_TEXTS[id],
          leg,
          rep,
          value: Number((v as number).toFixed(3)),
        };
        this.spokenThisRep.push(id);
        this.lastNoteMs = tMs;
      }
    }
    return fired;
  }

  reset(): void {
    this.pastSinceMs.clear();
    this.spokenThisRep = [];
    this.lastNoteMs = null;
  }
}
