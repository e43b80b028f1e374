/**
 * The review's plots over the set's time line, as chart specs (pure). One plot per measure the set's
 * camera view can give (the core's VIEW_METRICS): a front-view set has no weight-position plot and a
 * side-view set no knee or hip plot, so no empty full-size chart is drawn. Every threshold is in the
 * caption, in words, next to the plot.
 */
import {
  bottomThighDeg,
  cueRule,
  depthLimit,
  VIEW_METRICS,
  type FrameAnalysis,
  type MetricId,
  type RepSummary,
  type SetSummary,
  type View,
} from '../../core';
import type { Band, ChartSpec, Marker } from '../../ui-kit/chart';
import { CUE_PRESENTATION } from '../../ui-kit/cue-presentation';

/** Plot height, CSS px: tall enough for four y labels 12 px high, short enough for four plots on a phone. */
const PLOT_HEIGHT_PX = 120;

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Complete and partial reps in index order. */
export const allRepsOf = (summary: Pick<SetSummary, 'reps' | 'partials'>): RepSummary[] =>
  [...summary.reps, ...summary.partials].sort((a, b) => a.index - b.index);

/** The plots a review can draw, each with the metric its view must measure. */
export type ReviewPlotId = 'knees' | 'hips' | 'weight' | 'depth';
const PLOT_METRIC: Readonly<Record<ReviewPlotId, MetricId>> = {
  knees: 'kneeValgus',
  hips: 'hipDrop',
  weight: 'toeShift',
  depth: 'depth',
};
export const PLOT_NAMES: Readonly<Record<ReviewPlotId, string>> = {
  knees: 'knees against the feet',
  hips: 'hip level',
  weight: 'weight over the foot',
  depth: 'depth',
};
const PLOT_ORDER: readonly ReviewPlotId[] = ['knees', 'hips', 'weight', 'depth'];

/** The plots the view can give, in order. */
export const plotsFor = (view: View): ReviewPlotId[] =>
  PLOT_ORDER.filter((id) => VIEW_METRICS[view].includes(PLOT_METRIC[id]));

/** "Not shown from a front view: weight over the foot (film from the side)". */
export function missingPlotsNote(view: View): string | null {
  const shown = plotsFor(view);
  const missing = PLOT_ORDER.filter((id) => !shown.includes(id));
  if (missing.length === 0) return null;
  const hint =
    view === 'front' || view === 'rear'
      ? 'film from the side to see it'
      : view === 'side'
        ? 'film from the front to see them'
        : 'film from straight in front or from the side';
  return `Not shown from ${view === 'unknown' ? 'an unclear' : `a ${view}`} view: ${missing.map((id) => PLOT_NAMES[id]).join(', ')} (${hint}).`;
}

/** The review's plots: a band per rep, a marker per cue of each rep, a dashed line per cue limit. */
export function reviewCharts(
  summary: SetSummary,
  analyses: readonly FrameAnalysis[],
  worst: number | null,
): ChartSpec[] {
  const t0 = analyses[0]?.tMs ?? 0;
  const t1 = Math.max(t0 + 1, analyses[analyses.length - 1]?.tMs ?? 1);
  const reps = allRepsOf(summary);
  const bands: Band[] = reps.map((r) => {
    const note = r.index === worst ? 'worst' : r.complete ? undefined : 'partial';
    return {
      fromX: r.startMs,
      toX: r.endMs ?? t1,
      label: String(r.index),
      ...(note === undefined ? {} : { note }),
      title: `rep ${r.index}${note === undefined ? '' : ` (${note})`}`,
      className: r.index === worst ? 'band-worst' : r.complete ? 'band-rep' : 'band-partial',
    };
  });
  // One marker per cue of each rep (the rep's `cues`): where it was spoken, or at the rep's bottom
  // when its value was past the limit but the cue stayed quiet (another cue showing, cooldown).
  const markers: Marker[] = reps.flatMap((r) =>
    r.cues.map((id) => {
      const spoken = summary.cues.find((c) => c.rep === r.index && c.id === id);
      return {
        x: spoken?.tMs ?? r.bottomMs,
        data: { rep: String(r.index), cue: id },
        title: spoken
          ? `${seconds(spoken.tMs - t0)}: “${spoken.text}” (rep ${r.index})`
          : `rep ${r.index}: ${CUE_PRESENTATION[id].shortLabel} (past its limit; not spoken)`,
      };
    }),
  );
  const base = {
    xRange: [t0, t1] as const,
    xFormat: (x: number) => `${((x - t0) / 1000).toFixed(0)} s`,
    bandHeading: 'rep',
    heightPx: PLOT_HEIGHT_PX,
    bands,
    markers,
  };
  const pts = (f: (a: FrameAnalysis) => number | null): [number, number | null][] =>
    analyses.map((a) => [a.tMs, f(a)]);
  const noData = 'No values: the knees, hips or feet were not seen well enough in this set.';
  const knees = cueRule('knees-out');
  const hips = cueRule('hips-level');
  const back = cueRule('hips-back');
  const specs: Record<ReviewPlotId, ChartSpec> = {
    knees: {
      ...base,
      title: 'Knees against the feet',
      yUnit: 'share of shin length inside the foot line; above 0 = inside',
      yMin: -0.3,
      yMax: 0.3,
      series: [
        {
          label: 'left',
          className: 's-left',
          points: pts((a) => a.metrics.kneeMedialDisplacementRatio.left),
        },
        {
          label: 'right',
          className: 's-right',
          points: pts((a) => a.metrics.kneeMedialDisplacementRatio.right),
        },
      ],
      thresholds: [{ y: knees.fireAt, label: 'knees out' }],
      caption: `Dashed line: “knees out” is cued when a knee stays more than ${knees.fireAt} of a shin length inside its foot line.`,
      emptyText: noData,
    },
    hips: {
      ...base,
      title: 'Hip level',
      yUnit: 'degrees of tilt; above 0 = left hip lower',
      yMin: -10,
      yMax: 10,
      series: [{ label: 'hip tilt', className: 's-hip', points: pts((a) => a.metrics.pelvicDropDeg) }],
      thresholds: [
        { y: hips.fireAt, label: 'hips level' },
        { y: -hips.fireAt, label: 'hips level' },
      ],
      caption: `Dashed lines: “hips level” is cued when one hip stays more than ${hips.fireAt}° lower than the other (beyond what the camera angle alone gives).`,
      emptyText: noData,
    },
    weight: {
      ...base,
      title: 'Weight over the foot',
      yUnit: '0 = over the heel, 1 = over the toes',
      yMin: 0,
      yMax: 1,
      series: [{ label: 'weight', className: 's-toe', points: pts((a) => a.metrics.toeShiftRatio) }],
      thresholds: [{ y: back.fireAt, label: 'hips back' }],
      caption: `Dashed line: “sit your hips back” is cued when the weight stays past ${Math.round(back.fireAt * 100)} % of the way to the toes.`,
      emptyText: noData,
    },
    depth: {
      ...base,
      title: 'Depth',
      yUnit: 'thigh angle from upright; 90° = thigh level with the floor',
      yMin: 0,
      yMax: 100,
      series: [{ label: 'thigh', className: 's-depth', points: pts((a) => bottomThighDeg(a.metrics)) }],
      thresholds:
        summary.depthTarget === 'any'
          ? []
          : [{ y: depthLimit(summary.depthTarget).fireAt, label: 'go lower' }],
      caption:
        summary.depthTarget === 'any'
          ? 'No depth target was set, so depth is not judged.'
          : `Dashed line: “go a little lower” is cued when the thigh stops short of ${depthLimit(summary.depthTarget).fireAt}° (depth target: ${summary.depthTarget}).`,
      emptyText: noData,
    },
  };
  return plotsFor(summary.view).map((id) => specs[id]);
}
