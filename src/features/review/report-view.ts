/**
 * The print report's view: the report model drawn as a plain document with a print stylesheet
 * (report.css), a "Print / Save as PDF" button, and a box to include one video frame per set (off by
 * default: a report holds no video frames unless the user asks).
 */
import { lineChart } from '../../ui-kit/chart';
import { h } from '../../ui-kit/dom';
import '../../ui-kit/screens.css';
import {
  reportModel,
  type ReportInput,
  type ReportModel,
  type ReportSection,
  type ReportSet,
} from './report-model';
import { patternElement, repTableElement, verdictElement } from './review-view';
import { seconds } from './review-model';
import './review.css';
import './report.css';

/** Width of a printed video frame, px: enough to see the knees over the feet on A4. */
const FRAME_WIDTH_PX = 480;
/** Give up on a frame after this long, ms (a video that cannot seek leaves the report without it). */
const FRAME_TIMEOUT_MS = 5000;

function sectionElement(s: ReportSection): HTMLElement {
  const sec = h(
    'section',
    { className: 'report-extra', testid: 'report-section' },
    h('h3', { text: s.title }),
  );
  for (const line of s.lines) sec.append(h('p', { text: line }));
  if (s.table) {
    const table = h('table', { className: 'rep-table' });
    const head = h('tr');
    for (const c of s.table.head) {
      const th = h('th', { text: c });
      th.scope = 'col';
      head.append(th);
    }
    table.append(h('thead', {}, head));
    const body = h('tbody');
    for (const row of s.table.rows) body.append(h('tr', {}, ...row.map((c) => h('td', { text: c }))));
    table.append(body);
    sec.append(table);
  }
  if (s.note) sec.append(h('p', { className: 'note', text: s.note }));
  return sec;
}

function setElement(set: ReportSet): HTMLElement {
  const { review } = set;
  const sec = h('section', { className: 'report-set', testid: 'report-set' });
  sec.dataset['id'] = set.record.id;
  sec.append(
    h('h3', { text: set.heading }),
    verdictElement(review),
    h('p', { className: 'muted', text: review.details }),
    repTableElement(review),
  );
  const frame = h('div', { className: 'report-frame' });
  sec.append(frame);
  if (set.withPlots) {
    const charts = h('div', { className: 'charts' }, ...review.charts.map((spec) => lineChart(spec)));
    if (review.missingPlots) charts.append(h('p', { className: 'muted', text: review.missingPlots }));
    sec.append(charts);
  }
  sec.append(patternElement(review));
  return sec;
}

/** The moment a set's frame shows: the bottom of its worst rep, or of its first rep. */
function frameMs(set: ReportSet): number | null {
  const reps = set.record.summary.reps;
  const rep = reps.find((r) => r.index === set.review.worstRep) ?? reps[0];
  return rep?.bottomMs ?? null;
}

/** One frame of the set's video at track time tMs, as an image, or null when it cannot be had. */
async function videoFrame(set: ReportSet, tMs: number): Promise<HTMLImageElement | null> {
  const blob = set.record.video;
  if (blob === null) return null;
  const url = URL.createObjectURL(blob);
  const v = document.createElement('video');
  v.muted = true;
  v.preload = 'auto';
  v.src = url;
  try {
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), FRAME_TIMEOUT_MS);
      v.addEventListener('seeked', () => (clearTimeout(timer), resolve(true)), { once: true });
      v.addEventListener('error', () => (clearTimeout(timer), resolve(false)), { once: true });
      v.addEventListener('loadedmetadata', () => {
        v.currentTime = Math.max(0, (tMs + set.record.videoOffsetMs) / 1000);
      });
    });
    if (!(await ready) || v.videoWidth === 0) return null;
    const c = document.createElement('canvas');
    c.width = FRAME_WIDTH_PX;
    c.height = Math.round((FRAME_WIDTH_PX * v.videoHeight) / v.videoWidth);
    c.getContext('2d')?.drawImage(v, 0, 0, c.width, c.height);
    const img = h('img', { testid: 'report-frame' });
    img.src = c.toDataURL('image/jpeg', 0.85);
    img.alt = `Video frame at ${seconds(Math.max(0, tMs - (set.review.analyses[0]?.tMs ?? 0)))}, bottom of rep ${set.review.worstRep ?? 1}`;
    return img;
  } finally {
    v.removeAttribute('src');
    v.load();
    URL.revokeObjectURL(url);
  }
}

/** Renders a report into `container`; returns its model (for tests and the page title). */
export function renderReport(container: HTMLElement, input: ReportInput): ReportModel {
  const model = reportModel(input);
  const frames = h('input', { testid: 'report-frames' });
  frames.type = 'checkbox';
  const print = h('button', { text: 'Print / Save as PDF', testid: 'report-print' });
  print.type = 'button';
  print.addEventListener('click', () => window.print());
  const controls = h(
    'div',
    { className: 'report-controls' },
    print,
    h('label', {}, frames, ' Include one video frame per set (the bottom of its worst rep)'),
    h('p', {
      className: 'muted',
      text: 'Use your browser’s print dialog and choose “Save as PDF” to keep or share the report. Without the box ticked, the report holds no video frames.',
    }),
  );
  const setEls = model.sets.map(setElement);
  frames.addEventListener('change', () => {
    model.sets.forEach((set, i) => {
      const slot = setEls[i]?.querySelector<HTMLElement>('.report-frame');
      if (!slot) return;
      slot.replaceChildren();
      const t = frameMs(set);
      if (!frames.checked || t === null) return;
      void videoFrame(set, t).then((img) => {
        if (frames.checked)
          slot.replaceChildren(img ?? h('p', { className: 'muted', text: 'No video kept for this set.' }));
      });
    });
  });
  const doc = h(
    'article',
    { className: 'report', testid: 'report' },
    h('h2', { text: model.title }),
    h('p', { className: 'report-scope', text: model.scope }),
    h('p', { className: 'report-overview', testid: 'report-overview', text: model.overview }),
  );
  if (model.trends.length > 0) {
    doc.append(
      h(
        'section',
        { className: 'report-trends' },
        h('h3', { text: 'Progress over time' }),
        h('div', { className: 'charts' }, ...model.trends.map((s) => lineChart(s))),
      ),
    );
  }
  doc.append(...setEls);
  // Other features' sections (the single-leg check) go after the sets, before the closing note.
  doc.append(...model.sections.map(sectionElement));
  doc.append(h('p', { className: 'report-note', testid: 'report-note', text: model.note }));
  container.replaceChildren(controls, doc);
  return model;
}
