/**
 * The one place the constructed cases read the analysis summary. When the core renames or adds a
 * field (a rep's knee value becoming FPPA or knee-inside-foot, a depth-target option), only this
 * file changes; the cases and the checker stay as they are.
 */
import type { AnalyzerOptions, CueId, RepSummary, SetSummary, Side } from '../../src/core';

/** A rep's knee reading for one side, in the unit the app reports it in. */
export type KneeReading =
  | { readonly kind: 'fppa-deg'; readonly value: number }
  | { readonly kind: 'inside-foot-ratio'; readonly value: number };

/** The app's knee value for this rep and side, or null when the view does not support it. */
export function kneeValue(rep: RepSummary, side: Side): KneeReading | null {
  // FPPA at peak knee flexion where the view gives it; the knee-inside-foot ratio where it does not.
  const fppa = rep.kneeValgusDeg?.[side] ?? null;
  if (fppa !== null) return { kind: 'fppa-deg', value: fppa };
  const ratio = rep.kneeInsideFootRatio?.[side] ?? null;
  return ratio === null ? null : { kind: 'inside-foot-ratio', value: ratio };
}

/** The knee-inside-foot ratio alone (defined at every depth), or null where the view cannot give it. */
export function kneeInsideFoot(rep: RepSummary, side: Side): KneeReading | null {
  const ratio = rep.kneeInsideFootRatio?.[side] ?? null;
  return ratio === null ? null : { kind: 'inside-foot-ratio', value: ratio };
}

/**
 * Two reps' knee readings in one unit, for a change: FPPA when both have it (FPPA is not given when
 * the thigh points at the camera, and an injection can move a rep across that line), else the ratio.
 */
export function comparableKnees(
  before: RepSummary | undefined,
  after: RepSummary | undefined,
  side: Side,
): readonly [KneeReading | null, KneeReading | null] {
  const was = before === undefined ? null : kneeValue(before, side);
  const now = after === undefined ? null : kneeValue(after, side);
  if (was === null || now === null || was.kind === now.kind) return [was, now];
  return [
    before === undefined ? null : kneeInsideFoot(before, side),
    after === undefined ? null : kneeInsideFoot(after, side),
  ];
}

/** The app's pelvic drop for this rep, deg, and the lower side, or null. */
export function hipDropValue(
  rep: RepSummary,
): { readonly valueDeg: number; readonly lowerSide: Side } | null {
  const d = rep.pelvicDropDeg;
  return d === null ? null : { valueDeg: d.value, lowerSide: d.lowerSide };
}

/** Completed reps, in order. */
export const completeReps = (s: SetSummary): readonly RepSummary[] => s.reps;

/** Number of completed reps. */
export const repCount = (s: SetSummary): number => s.repCount;

/** Cue ids recorded on this rep. */
export const repCues = (rep: RepSummary): readonly CueId[] => rep.cues;

/** A rep's time span, ms (end may be open for a rep the app still considers in progress). */
export const repSpan = (rep: RepSummary): { startMs: number; bottomMs: number; endMs: number } => ({
  startMs: rep.startMs,
  bottomMs: rep.bottomMs,
  endMs: rep.endMs ?? Infinity,
});

/** Every cue that fired, with its time, ms, and the rep it was credited to (1-based, or null). */
export const cueEvents = (
  s: SetSummary,
): readonly {
  readonly tMs: number;
  readonly id: CueId;
  readonly rep: number | null;
  readonly value: number;
}[] => s.cues.map((c) => ({ tMs: c.tMs, id: c.id, rep: c.rep, value: c.value }));

export type DepthTarget = 'parallel' | 'half' | 'any';

/** Analyser options for a depth target (parallel by default; half squat; any). */
export function depthTargetOptions(target: DepthTarget): Partial<AnalyzerOptions> | null {
  return { depthTarget: target };
}

/** A rep's depth at the bottom: smallest image knee angle, deg, and largest depth ratio (hip descent / standing hip→ankle extent). */
export const repDepth = (
  rep: RepSummary,
): { minKneeAngleDeg: number | null; maxDepthRatio: number | null } => ({
  minKneeAngleDeg: rep.depth.minKneeAngleDeg,
  maxDepthRatio: rep.depth.maxDepthRatio,
});
