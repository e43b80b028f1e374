/**
 * "What the pattern suggests": maps a set's pattern of faults to likely causes and drills, in plain
 * language, the way the seed articles do (knee pain that starts at the hips and ankles). Pure.
 *
 * A pattern is read from each rep's cues: the ones spoken, and every fault the rep's sustained value
 * put past its limit (the core's one verdict), so the pattern, the per-rep table and the plots cannot
 * disagree. The fixture clips of good form have no fault.
 */
import { countOf } from '../format';
import { cueRule, FAULT_CUE_IDS } from './cues';
import type { CueId, RepSummary, SetSummary } from '../types';

/** Share of the set's reps (complete and partial) that must show a fault for it to count as a pattern; 0.3 ≈ "one rep in three or more", so a single slip in a long set does not prescribe drills. */
export const PATTERN_MIN_REP_SHARE = 0.3;

export type PatternId = 'knees-cave' | 'hip-drop' | 'weight-forward' | 'forward-lean';

export interface Drill {
  readonly name: string;
  /** One line: how to do it. */
  readonly howTo: string;
}

export interface PatternFinding {
  readonly id: PatternId;
  /** Short heading, e.g. "Knees caving in". */
  readonly title: string;
  /** What was seen, e.g. "on 2 of 3 reps (2, 3)". */
  readonly evidence: string;
  /** Reps (1-based) that showed it. */
  readonly reps: readonly number[];
  /** The cues whose presence in a rep counts as this fault. */
  readonly cues: readonly CueId[];
  /** Likely cause, plain language. */
  readonly cause: string;
  readonly drills: readonly Drill[];
}

export interface PatternReport {
  /** 'good': reps seen, no pattern; 'corrective': at least one finding; 'no-reps': nothing to judge. */
  readonly verdict: 'good' | 'corrective' | 'no-reps';
  readonly headline: string;
  readonly findings: readonly PatternFinding[];
  /** Always shown: this is guidance, not a diagnosis. */
  readonly note: string;
}

export const PATTERN_NOTE =
  'This is guidance, not a diagnosis. If you have pain that persists, see a physiotherapist.';

interface PatternRule {
  readonly id: PatternId;
  readonly title: string;
  /** Cues whose firing in a rep counts as this fault. */
  readonly cues: readonly CueId[];
  readonly cause: string;
  readonly drills: readonly Drill[];
}

export const PATTERN_RULES: readonly PatternRule[] = [
  {
    id: 'knees-cave',
    title: 'Knees caving in',
    cues: ['knees-out'],
    cause:
      'Knees that drift inward usually point to weak or under-used hip external rotators and glutes, which should hold the thigh out over the foot.',
    drills: [
      {
        name: 'Clamshells',
        howTo:
          'Lie on your side, knees bent, feet together; lift the top knee without rolling the pelvis back. 2 × 15 each side.',
      },
      {
        name: 'Banded walks / crab walks',
        howTo:
          'Band just above the knees, sit into a half squat and step sideways 10 steps each way, keeping the band taut.',
      },
      {
        name: 'Glute bridges',
        howTo:
          'On your back, knees bent, squeeze the glutes and lift the hips until shoulders, hips and knees line up; hold 2 s. 2 × 12.',
      },
      {
        name: 'Lateral lunges',
        howTo:
          'Step wide to one side and sit back into that hip, knee tracking over the toes; push back to standing. 2 × 8 each side.',
      },
      {
        name: '"Drive the knees out" against a band',
        howTo:
          'Squat with a light band above the knees and press the knees out against it all the way down and up.',
      },
    ],
  },
  {
    id: 'hip-drop',
    title: 'Hip dropping or shifting to one side',
    cues: ['hips-level'],
    cause:
      'A pelvis that drops or shifts sideways usually points to a weak glute medius on the high side, or to one leg doing more of the work.',
    drills: [
      {
        name: 'Side-lying hip abduction',
        howTo:
          'Lie on your side, bottom knee bent; lift the straight top leg slightly behind you, toes forward, and lower slowly. 2 × 15 each side.',
      },
      {
        name: 'Single-leg balance',
        howTo:
          'Stand on one leg with the pelvis level and a soft knee for 30 s each side; close your eyes to make it harder.',
      },
      {
        name: 'Glute medius wall press',
        howTo:
          'Stand side-on to a wall on the outside leg, press the inside knee (bent to 90°) into the wall and hold 10 s; 5 each side.',
      },
    ],
  },
  {
    id: 'weight-forward',
    title: 'Weight drifting to the toes / heels rising',
    cues: ['hips-back', 'heels-down'],
    cause:
      'Weight that moves onto the toes, or heels that lift, usually points to limited ankle mobility (the shin cannot travel forward, so the body tips instead) or to a squat that starts at the knees.',
    drills: [
      {
        name: 'Calf stretch',
        howTo:
          'Hands on a wall, back leg straight with the heel down, lean in for 30 s; then bend the back knee for another 30 s. Each side.',
      },
      { name: 'Ankle circles', howTo: 'Seated, draw slow, big circles with each foot: 10 each direction.' },
      {
        name: 'Dorsiflexion stretch',
        howTo:
          'Half-kneeling facing a wall, drive the front knee toward the wall over the toes while the heel stays down. 10 reps each side.',
      },
      {
        name: '"Sit the hips back"',
        howTo:
          'Start every rep by pushing the hips back as if to a chair, keeping the weight over the mid-foot and heels.',
      },
    ],
  },
  {
    id: 'forward-lean',
    title: 'Leaning far forward',
    cues: ['chest-up'],
    cause:
      'A large forward lean often comes with tight hip flexors (and stiff ankles), which pull the trunk over.',
    drills: [
      {
        name: 'Hip flexor stretch',
        howTo:
          'Half-kneeling, tuck the pelvis under and shift forward until the front of the back hip stretches; 30 s each side.',
      },
    ],
  },
];

const allReps = (s: SetSummary): RepSummary[] => [...s.reps, ...s.partials].sort((a, b) => a.index - b.index);

/** The pattern counts partial reps too; the set's own count does not, so the evidence says which they are. */
const partialNote = (s: SetSummary): string =>
  s.partials.length === 0
    ? ''
    : `, counting ${s.partials.length === 1 ? 'partial rep' : 'partial reps'} ${s.partials.map((r) => r.index).join(', ')}`;

/** Maps a set summary to findings (in PATTERN_RULES order) and a headline. */
export function patternReport(summary: SetSummary): PatternReport {
  const reps = allReps(summary);
  if (reps.length === 0) {
    return {
      verdict: 'no-reps',
      headline: 'No reps were recorded, so there is no pattern to read.',
      findings: [],
      note: PATTERN_NOTE,
    };
  }
  const findings: PatternFinding[] = [];
  for (const rule of PATTERN_RULES) {
    const hit = reps.filter((r) => r.cues.some((c) => rule.cues.includes(c))).map((r) => r.index);
    if (hit.length === 0 || hit.length / reps.length < PATTERN_MIN_REP_SHARE) continue;
    findings.push({
      id: rule.id,
      title: rule.title,
      evidence: `on ${hit.length} of ${countOf(reps.length, 'rep')} (rep ${hit.join(', ')})${partialNote(summary)}`,
      reps: hit,
      cues: rule.cues,
      cause: rule.cause,
      drills: rule.drills,
    });
  }
  return {
    verdict: findings.length === 0 ? 'good' : 'corrective',
    headline:
      findings.length === 0
        ? 'Form looked good: no fault showed up across the set. Nothing corrective to suggest.'
        : `The set shows ${findings.length === 1 ? 'one pattern' : `${findings.length} patterns`} worth working on.`,
    findings,
    note: PATTERN_NOTE,
  };
}

/**
 * How far a rep went past the cue thresholds, for "worst rep": the number of its cues, then the
 * largest of its fault values as a multiple of that cue's fire level. Higher is worse.
 */
export function repSeverity(rep: RepSummary): number {
  let worst = 0;
  for (const id of FAULT_CUE_IDS) {
    const f = rep.faults[id];
    const fireAt = cueRule(id).fireAt;
    if (f !== undefined && fireAt > 0) worst = Math.max(worst, f.value / fireAt);
  }
  // Values stay below ~3× their fire level, so /10 keeps them a tie-break under the cue count.
  return rep.cues.length + worst / 10;
}

/** 1-based index of the worst complete rep, or null when there are none. */
export function worstRepIndex(summary: SetSummary): number | null {
  let best: { index: number; s: number } | null = null;
  for (const r of summary.reps) {
    const s = repSeverity(r);
    if (best === null || s > best.s) best = { index: r.index, s };
  }
  return best?.index ?? null;
}
