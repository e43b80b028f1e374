/**
 * The single-leg check's report as plain data (pure): per leg the per-rep table, the mean and spread
 * of the scored reps, the rating worded as a screening result with its sources, which reps' frames
 * to show (the median and the worst by FPPA), the left–right difference, and the drills the pattern
 * points to. The view (report-view.ts) only lays this out.
 */
import type { Side, SingleLegLegSummary, SingleLegRep, SingleLegSummary } from '../../core';
import { thresholds } from '../../core';

export const GUIDANCE_NOTE =
  'Guidance, not a diagnosis: this is a screening measure from one camera, not a clinical assessment.';

/** The studies behind the rating, as shown with it. */
export const RATING_SOURCES: readonly string[] = [
  `Herrington 2014: knee FPPA in single-leg squats about ${thresholds.SINGLE_LEG_FPPA_PAIN_FREE_MEAN_DEG} ± 5° without knee pain, about ${thresholds.SINGLE_LEG_FPPA_PFP_MEAN_DEG} ± 5° with patellofemoral (kneecap) pain.`,
  `Munro 2012: the smallest real change between sessions is ${thresholds.SINGLE_LEG_FPPA_REAL_CHANGE_MIN_DEG}–${thresholds.SINGLE_LEG_FPPA_REAL_CHANGE_MAX_DEG}°; smaller left–right or session-to-session differences are within measurement error.`,
  'Piva 2006: lateral step-down score (arm strategy, trunk lean, pelvis not level, knee inside the 2nd toe or the foot, unsteadiness; 0–1 good, 2–3 moderate, 4 or more poor) — the model for the overall rating.',
];

/** The drills the pattern points to (the knee-pain material the app is built on). */
export const DRILLS: readonly { readonly group: string; readonly items: readonly string[] }[] = [
  { group: 'Hip control', items: ['Clamshells', 'Banded side walks', 'Glute bridges', 'Lateral lunges'] },
  { group: 'Stiff ankles', items: ['Calf stretch', 'Ankle circles', 'Dorsiflexion stretch'] },
];

export interface ReportRow {
  readonly index: number;
  readonly scored: boolean;
  readonly fppa: string;
  readonly kneeInsideFoot: string;
  readonly pelvicDrop: string;
  readonly trunkLean: string;
  readonly kneeFlexion: string;
  readonly timeDown: string;
  readonly timeUp: string;
  readonly scoredText: string;
  /** This row's frame is shown as the median or worst rep. */
  readonly pick: 'median' | 'worst' | 'median-worst' | null;
}

export interface FramePick {
  readonly kind: 'median' | 'worst';
  readonly rep: SingleLegRep;
  readonly caption: string;
}

export interface LegReport {
  readonly leg: Side;
  readonly title: string;
  readonly rows: readonly ReportRow[];
  /** "mean ± spread" lines for the scored reps. */
  readonly stats: readonly { readonly label: string; readonly value: string }[];
  readonly grade: SingleLegLegSummary['rating']['grade'];
  readonly ratingText: string;
  readonly ratingItems: readonly string[];
  readonly frames: readonly FramePick[];
}

export interface SingleLegReport {
  readonly fppaHead: string;
  readonly legs: readonly LegReport[];
  readonly difference: string;
  readonly guidance: string;
  readonly disclaimer: string;
  readonly sources: readonly string[];
  /** Drills shown first when a leg was flagged for the knee or the pelvis. */
  readonly drillsLead: string;
  readonly drills: typeof DRILLS;
}

const DASH = '—';
const deg = (v: number | null): string => (v === null ? DASH : `${Math.round(v)}°`);
const sec = (vMs: number): string => `${(vMs / 1000).toFixed(1)} s`;
const meanSd = (m: number | null, sd: number | null): string =>
  m === null ? DASH : sd === null ? `${m.toFixed(1)}°` : `${m.toFixed(1)}° ± ${sd.toFixed(1)}°`;

/** The FPPA the check rates on: the image angle when filmed square-on, else the foot-line one. */
export const fppaOf = (r: SingleLegRep, basis: SingleLegSummary['fppaBasis']): number | null =>
  basis === 'image' ? r.fppaDeg : r.fppaFootLineDeg;

/**
 * The reps whose frames the report shows: the median rep (lower middle of the scored reps sorted by
 * FPPA) and the worst (highest FPPA, then the larger pelvic drop). With one measured rep both are
 * that rep; with none, the picks fall back to every rep (an all-unscored leg still gets its pictures).
 */
export function pickReps(
  reps: readonly SingleLegRep[],
  basis: SingleLegSummary['fppaBasis'],
): { median: SingleLegRep; worst: SingleLegRep } | null {
  const measuredReps = (rs: readonly SingleLegRep[]): SingleLegRep[] =>
    rs.filter((r) => fppaOf(r, basis) !== null);
  let pool = measuredReps(reps.filter((r) => r.scored));
  if (pool.length === 0) pool = measuredReps(reps);
  if (pool.length === 0) pool = [...reps];
  if (pool.length === 0) return null;
  const key = (r: SingleLegRep): number => fppaOf(r, basis) ?? -Infinity;
  const sorted = [...pool].sort(
    (a, b) => key(a) - key(b) || (a.pelvicDropDeg ?? 0) - (b.pelvicDropDeg ?? 0) || a.index - b.index,
  );
  return {
    median: sorted[Math.floor((sorted.length - 1) / 2)] as SingleLegRep,
    worst: sorted[sorted.length - 1] as SingleLegRep,
  };
}

function kneeInsideText(r: SingleLegRep): string {
  if (r.kneeInsideFoot === null) return DASH;
  const by = r.kneeInsideFootRatio === null ? '' : ` (${Math.round(r.kneeInsideFootRatio * 100)}% of shank)`;
  return `${r.kneeInsideFoot ? 'yes' : 'no'}${by}`;
}

const REASON_WORD: Readonly<Record<string, string>> = { 'touch-down': 'foot touched down', hop: 'hopped' };

function legReport(leg: SingleLegLegSummary, basis: SingleLegSummary['fppaBasis']): LegReport {
  const picks = pickReps(leg.reps, basis);
  const pickOf = (r: SingleLegRep): ReportRow['pick'] => {
    const m = picks?.median === r;
    const w = picks?.worst === r;
    return m && w ? 'median-worst' : m ? 'median' : w ? 'worst' : null;
  };
  const rows = leg.reps.map((r): ReportRow => ({
    index: r.index,
    scored: r.scored,
    fppa: deg(fppaOf(r, basis)),
    kneeInsideFoot: kneeInsideText(r),
    pelvicDrop: deg(r.pelvicDropDeg),
    trunkLean: deg(r.trunkLeanDeg),
    kneeFlexion: deg(r.kneeFlexionDeg),
    timeDown: sec(r.timeToBottomMs),
    timeUp: sec(r.timeBackMs),
    scoredText: r.scored
      ? 'yes'
      : `not scored (${r.unscoredReasons.map((x) => REASON_WORD[x] ?? x).join(', ')})`,
    pick: pickOf(r),
  }));
  const name = leg.leg === 'left' ? 'Left' : 'Right';
  const caption = (kind: 'median' | 'worst', r: SingleLegRep): string =>
    `${name} leg, ${kind === 'median' ? 'median' : 'worst'} rep (rep ${r.index}): FPPA ${deg(fppaOf(r, basis))}, pelvic drop ${deg(r.pelvicDropDeg)}, knee flexion ${deg(r.kneeFlexionDeg)}`;
  return {
    leg: leg.leg,
    title: `${name} leg standing — ${leg.scoredReps} of ${leg.repCount} reps scored${
      leg.partialReps > 0 ? `, ${leg.partialReps} unfinished` : ''
    }`,
    rows,
    stats: [
      { label: 'FPPA', value: meanSd(leg.fppaMeanDeg, leg.fppaSdDeg) },
      { label: 'Pelvic drop', value: meanSd(leg.pelvicDropMeanDeg, leg.pelvicDropSdDeg) },
      { label: 'Trunk lean', value: meanSd(leg.trunkLeanMeanDeg, null) },
      { label: 'Knee flexion', value: meanSd(leg.kneeFlexionMeanDeg, null) },
    ],
    grade: leg.rating.grade,
    ratingText: leg.rating.text,
    ratingItems: leg.rating.items.map((i) => i.text),
    frames:
      picks === null
        ? []
        : [
            { kind: 'median', rep: picks.median, caption: caption('median', picks.median) },
            { kind: 'worst', rep: picks.worst, caption: caption('worst', picks.worst) },
          ],
  };
}

export function singleLegReport(s: SingleLegSummary): SingleLegReport {
  const flagged = (['left', 'right'] as const).filter((l) =>
    s.legs[l].rating.items.some((i) => (i.item === 'knee' || i.item === 'pelvis') && (i.points ?? 0) > 0),
  );
  return {
    fppaHead:
      s.fppaBasis === 'image'
        ? 'FPPA (knee angle seen from the front, + = knee inward)'
        : 'FPPA against the foot line (filmed off-axis; + = knee inward)',
    legs: (['left', 'right'] as const).map((l) => legReport(s.legs[l], s.fppaBasis)),
    difference: s.difference.text,
    guidance: GUIDANCE_NOTE,
    disclaimer: s.disclaimer,
    sources: RATING_SOURCES,
    drillsLead:
      flagged.length === 0
        ? 'Nothing was flagged. These drills keep hip and ankle control in shape:'
        : `The ${flagged.join(' and ')} leg's knee or pelvis was flagged. The hip drills below target that pattern:`,
    drills: DRILLS,
  };
}
