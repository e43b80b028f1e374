/**
 * The single-leg check's report: draws the report model (report-model.ts) and, per leg, the frames
 * at peak knee flexion of the median and the worst rep with the thigh, shank and pelvis lines and
 * their angles. Printable (single-leg.css has the print rules).
 */
import { poseTrackToFrames, type PoseFrame, type Side } from '../../core';
import { repFrameOf, type SingleLegRecord } from '../../domain/single-leg-record';
import { h } from '../../ui-kit/dom';
import { annotateFrame, type FrameAnnotation, type SegmentId } from './annotate';
import { singleLegReport, type FramePick, type LegReport, type ReportRow } from './report-model';

/** Line colours per segment: the stance thigh and shank in one hue pair, the pelvis apart. */
const SEGMENT_COLOR: Readonly<Record<SegmentId, string>> = {
  thigh: '#ffb000',
  shank: '#ff5a36',
  pelvis: '#35c4ff',
};
/** The knee marker and its FPPA line in the legend. */
const KNEE_COLOR = '#ffffff';
/** Line width as a share of the image width: visible at print size without hiding the leg. */
const LINE_WIDTH_RATIO = 0.012;
/** Legend text size as a share of the image width. */
const FONT_RATIO = 0.042;
/** A track frame within this of the rep's bottom is the one drawn, ms (a frame at 10 fps is 100 ms). */
const KEYPOINT_MATCH_MS = 250;

const COLUMNS: readonly { key: keyof ReportRow; head: string }[] = [
  { key: 'fppa', head: 'FPPA' },
  { key: 'kneeInsideFoot', head: 'Knee inside foot' },
  { key: 'pelvicDrop', head: 'Pelvic drop' },
  { key: 'trunkLean', head: 'Trunk lean' },
  { key: 'kneeFlexion', head: 'Knee flexion' },
  { key: 'timeDown', head: 'Time down' },
  { key: 'timeUp', head: 'Time up' },
  { key: 'scoredText', head: 'Scored' },
];

function table(leg: LegReport, fppaHead: string): HTMLTableElement {
  const head = h('tr', {}, h('th', { text: 'Rep' }));
  for (const c of COLUMNS) head.append(h('th', { text: c.head, title: c.key === 'fppa' ? fppaHead : '' }));
  const body = h('tbody');
  for (const r of leg.rows) {
    const tr = h('tr', { testid: 'single-leg-rep-row', className: r.scored ? '' : 'unscored' });
    tr.dataset['leg'] = leg.leg;
    tr.dataset['scored'] = String(r.scored);
    tr.append(h('th', { text: String(r.index) }));
    for (const c of COLUMNS) tr.append(h('td', { text: String(r[c.key]) }));
    body.append(tr);
  }
  const t = h(
    'table',
    { className: 'single-leg-table', testid: 'single-leg-table' },
    h('thead', {}, head),
    body,
  );
  t.dataset['leg'] = leg.leg;
  return t;
}

/**
 * Lines on the image, and their angles in a legend box in the top-left corner: on a small frame,
 * labels beside the lines would cover each other and the knee.
 */
function drawAnnotation(ctx: CanvasRenderingContext2D, a: FrameAnnotation, widthPx: number): void {
  const lw = Math.max(2, widthPx * LINE_WIDTH_RATIO);
  const font = Math.max(10, Math.round(widthPx * FONT_RATIO));
  ctx.lineCap = 'round';
  for (const s of a.segments) {
    ctx.strokeStyle = SEGMENT_COLOR[s.id];
    ctx.lineWidth = lw;
    ctx.beginPath();
    ctx.moveTo(s.from.x, s.from.y);
    ctx.lineTo(s.to.x, s.to.y);
    ctx.stroke();
  }
  if (a.knee !== null) {
    ctx.fillStyle = KNEE_COLOR;
    ctx.beginPath();
    ctx.arc(a.knee.x, a.knee.y, lw * 1.3, 0, Math.PI * 2);
    ctx.fill();
  }
  const lines: { text: string; color: string }[] = [
    ...a.segments.map((s) => ({ text: s.label, color: SEGMENT_COLOR[s.id] })),
    ...(a.kneeLabel === null ? [] : [{ text: a.kneeLabel, color: KNEE_COLOR }]),
  ];
  ctx.font = `bold ${font}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  const pad = font * 0.4;
  const boxW = Math.max(...lines.map((l) => ctx.measureText(l.text).width), 0) + pad * 2;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.65)';
  ctx.fillRect(0, 0, boxW, lines.length * font * 1.25 + pad * 2);
  lines.forEach((l, i) => {
    ctx.fillStyle = l.color;
    ctx.fillText(l.text, pad, pad + i * font * 1.25);
  });
}

const nearestFrame = (frames: readonly PoseFrame[], tMs: number): PoseFrame | null => {
  let best: PoseFrame | null = null;
  for (const f of frames)
    if (f.keypoints !== null && (best === null || Math.abs(f.tMs - tMs) < Math.abs(best.tMs - tMs))) best = f;
  return best !== null && Math.abs(best.tMs - tMs) <= KEYPOINT_MATCH_MS ? best : null;
};

/** One annotated frame: the rep's picture with its lines, or a note when the picture is missing. */
function frameFigure(
  record: SingleLegRecord,
  frames: readonly PoseFrame[],
  leg: Side,
  pick: FramePick,
): HTMLElement {
  const fig = h('figure', { className: 'single-leg-frame' });
  const canvas = h('canvas', { testid: 'single-leg-frame' });
  canvas.dataset['leg'] = leg;
  canvas.dataset['kind'] = pick.kind;
  canvas.dataset['rep'] = String(pick.rep.index);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', pick.caption);
  fig.append(canvas, h('figcaption', { text: pick.caption }));
  const stored = repFrameOf(record, leg, pick.rep.index);
  if (stored === null) {
    fig.append(h('p', { className: 'muted', text: 'No picture was kept for this rep.' }));
    return fig;
  }
  void createImageBitmap(stored.image).then((bmp) => {
    canvas.width = bmp.width;
    canvas.height = bmp.height;
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    ctx.drawImage(bmp, 0, 0);
    bmp.close();
    const pose = nearestFrame(frames, pick.rep.bottomMs);
    if (pose?.keypoints) {
      const scale = canvas.width / (pose.widthPx as number);
      drawAnnotation(
        ctx,
        annotateFrame(pose.keypoints, leg, pick.rep, record.summary.fppaBasis, scale),
        canvas.width,
      );
    }
    canvas.dataset['drawn'] = 'true';
  });
  return fig;
}

/** Renders the report of `record` into `container`. */
export function renderSingleLegReport(
  container: HTMLElement,
  record: SingleLegRecord,
  onNewCheck: () => void,
): void {
  const again = h('button', { text: 'New check', testid: 'single-leg-new', className: 'no-print' });
  again.type = 'button';
  again.addEventListener('click', onNewCheck);
  const print = h('button', { text: 'Print', testid: 'single-leg-print', className: 'no-print' });
  print.type = 'button';
  print.addEventListener('click', () => window.print());
  const m = singleLegReport(record.summary);
  const frames = poseTrackToFrames(record.track);
  const legSection = (leg: LegReport): HTMLElement => {
    const sec = h('section', { className: 'single-leg-leg', testid: 'single-leg-leg' });
    sec.dataset['leg'] = leg.leg;
    sec.dataset['grade'] = leg.grade;
    sec.append(
      h('h3', { text: leg.title }),
      h('p', { className: `rating grade-${leg.grade}`, testid: 'single-leg-rating', text: leg.ratingText }),
      h('ul', { className: 'rating-items' }, ...leg.ratingItems.map((t) => h('li', { text: t }))),
      table(leg, m.fppaHead),
      h(
        'dl',
        { className: 'single-leg-stats' },
        ...leg.stats.flatMap((s) => [
          h('dt', { text: `${s.label} (mean ± spread)` }),
          h('dd', { text: s.value }),
        ]),
      ),
      h(
        'div',
        { className: 'single-leg-frames' },
        ...leg.frames.map((p) => frameFigure(record, frames, leg.leg, p)),
      ),
    );
    return sec;
  };
  const when = new Date(record.startedAtMs).toLocaleString();
  container.replaceChildren(
    h(
      'article',
      { className: 'single-leg-report', testid: 'single-leg-report' },
      h('h2', { text: 'Single-leg check — report' }),
      h('div', { className: 'controls no-print' }, again, print),
      h('p', {
        className: 'muted',
        text: `${when} · ${record.source === 'file' ? (record.fileName ?? 'video file') : 'camera'}`,
      }),
      h('p', { className: 'guidance', testid: 'single-leg-guidance', text: `${m.guidance} ${m.disclaimer}` }),
      ...m.legs.map(legSection),
      h('h3', { text: 'Left–right difference' }),
      h('p', { testid: 'single-leg-difference', text: m.difference }),
      h('h3', { text: 'Drills' }),
      h('p', { text: m.drillsLead }),
      ...m.drills.map((d) =>
        h('div', {}, h('h4', { text: d.group }), h('ul', {}, ...d.items.map((i) => h('li', { text: i })))),
      ),
      h('h3', { text: 'Sources of the rating' }),
      h('ul', { className: 'sources' }, ...m.sources.map((s) => h('li', { text: s }))),
      h('p', {
        className: 'muted',
        text: 'Print this page (or save it as PDF) to take it to a physiotherapist.',
      }),
    ),
  );
}
