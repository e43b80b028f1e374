/**
 * The set summary / review screen: rep count and the set in one line, the per-rep table with every
 * limit written under it, plots over the set's time line (one cursor shared by all; a click seeks
 * the replay), "what the pattern suggests", and a replay of the set's video with the skeleton and
 * cues overlaid. Draws the review model (review-model.ts); owns no state beyond it.
 */
import type { SetRecord } from '../../domain/set-record';
import { lineChart, setChartCursor } from '../../ui-kit/chart';
import { VERDICT_MARK, VERDICT_WORD } from '../../ui-kit/cue-presentation';
import { h } from '../../ui-kit/dom';
import '../../ui-kit/screens.css';
import {
  COLUMN_CUE,
  COLUMN_LABELS,
  analysesOf,
  levelOf,
  reviewModel,
  type ReviewCell,
  type ReviewModel,
  type ReviewRow,
} from './review-model';
import { replay } from './review-replay';
import './review.css';

/** Why a cell can be empty: the view does not show it (a side view hides the knees' inward travel), or the person was too small in the picture (HIP_LINE_MIN_APART_MODEL_PX). */
const NOT_MEASURED_WORD = 'not measured: not shown from this camera angle, or too small in the picture';

function cell({ text, verdict, threshold }: ReviewCell): HTMLTableCellElement {
  const level = levelOf(verdict);
  const td = h('td', {
    className: `lvl-${level}`,
    title: verdict === null ? NOT_MEASURED_WORD : `${VERDICT_WORD[verdict]}: ${threshold}`,
  });
  td.dataset['level'] = level;
  if (verdict !== null)
    td.append(
      h('span', { className: 'mark', text: VERDICT_MARK[verdict], title: VERDICT_WORD[verdict] }),
      ' ',
    );
  td.append(text);
  return td;
}

/** One rep's row; `onWatch` is absent in the print report (no replay there). */
export function repRowElement(
  model: Pick<ReviewModel, 'columns'>,
  row: ReviewRow,
  onWatch?: () => void,
): HTMLTableRowElement {
  const tr = h('tr', { testid: 'summary-rep-row', className: row.worst ? 'worst' : '' });
  tr.dataset['rep'] = String(row.rep.index);
  tr.dataset['cues'] = row.rep.cues.join(' ');
  const idx = h('th', { text: `${row.rep.index}` });
  idx.scope = 'row';
  if (row.worst) idx.append(' ', h('span', { className: 'worst-badge', text: 'worst' }));
  tr.append(idx);
  for (const c of model.columns) {
    const td = cell(row.cells[c]);
    td.dataset['cue'] = COLUMN_CUE[c];
    tr.append(td);
  }
  tr.append(h('td', { text: row.tempoText }));
  tr.append(h('td', { text: row.cuesText, className: 'cues-cell' }));
  if (onWatch) {
    const watch = h('button', { text: 'Watch', className: 'small' });
    watch.type = 'button';
    watch.setAttribute('aria-label', `Watch rep ${row.rep.index}`);
    watch.addEventListener('click', onWatch);
    tr.append(h('td', { className: 'watch-cell' }, watch));
  }
  return tr;
}

/** The per-rep table and, under it, every column's limit in words (never only in a tooltip). */
export function repTableElement(model: ReviewModel, onWatch?: (row: ReviewRow) => void): HTMLElement {
  const table = h('table', { className: 'rep-table', testid: 'rep-table' });
  table.append(
    h(
      'caption',
      { className: 'visually-hidden' },
      'Each rep, judged against the cue limits listed under the table',
    ),
  );
  const head = h('tr');
  const heads = [
    'Rep',
    ...model.columns.map((c) => COLUMN_LABELS[c]),
    'Tempo (down · bottom · up)',
    'Cues',
    ...(onWatch ? [''] : []),
  ];
  for (const label of heads) {
    const th = h('th', { text: label });
    th.scope = 'col';
    head.append(th);
  }
  table.append(h('thead', {}, head));
  const body = h('tbody');
  for (const row of model.rows)
    body.append(repRowElement(model, row, onWatch ? () => onWatch(row) : undefined));
  table.append(body);
  const limits = h('dl', { className: 'limits', testid: 'review-limits' });
  for (const l of model.limits) limits.append(h('dt', { text: l.label }), h('dd', { text: l.text }));
  const legend = h('p', {
    className: 'legend',
    text: `${VERDICT_MARK.within} ${VERDICT_WORD.within} · ${VERDICT_MARK.near} ${VERDICT_WORD.near} · ${VERDICT_MARK.past} ${VERDICT_WORD.past} · — ${NOT_MEASURED_WORD}.`,
  });
  return h('div', { className: 'table-block' }, h('div', { className: 'table-wrap' }, table), legend, limits);
}

export function patternElement({ pattern: report }: Pick<ReviewModel, 'pattern'>): HTMLElement {
  const sec = h('section', { className: `pattern verdict-${report.verdict}`, testid: 'pattern' });
  sec.append(
    h('h3', { text: 'What the pattern suggests' }),
    h('p', { className: 'headline', text: report.headline }),
  );
  for (const f of report.findings) {
    const drills = h('ul');
    for (const d of f.drills) drills.append(h('li', {}, h('strong', { text: d.name }), ` — ${d.howTo}`));
    const art = h('article', { className: 'finding' });
    art.dataset['pattern'] = f.id;
    art.dataset['reps'] = f.reps.join(' ');
    art.dataset['cues'] = f.cues.join(' ');
    art.append(h('h4', { text: `${f.title} ${f.evidence}` }), h('p', { text: f.cause }), drills);
    sec.append(art);
  }
  sec.append(h('p', { className: 'note', text: report.note }));
  return sec;
}

/** The verdict line: what a person reads first. */
export const verdictElement = (model: Pick<ReviewModel, 'verdict'>): HTMLElement =>
  h('p', {
    className: `set-verdict ${model.verdict.cleanReps === model.verdict.repCount ? 'clean' : 'faults'}`,
    testid: 'review-verdict',
    text: model.verdict.line,
  });

export interface ReviewOptions {
  /** A line under the heading (e.g. "Saved to history" or a storage error). */
  readonly status?: { text: string; kind: 'info' | 'warn' | 'error' };
  /** Where the "Print report" link goes (the app's print route for this set), if any. */
  readonly reportHref?: string;
}

/**
 * Renders the review of one set into `container` (replacing its content); returns a disposer. The
 * set is analysed here only when the record does not carry its analyses (a set read from history).
 */
export function renderReview(
  container: HTMLElement,
  record: SetRecord,
  options: ReviewOptions = {},
): () => void {
  const model = reviewModel(record, analysesOf(record));
  const when = new Date(record.startedAtMs).toLocaleString();
  const count = h('span', {
    className: 'big-number',
    testid: 'summary-rep-count',
    text: String(model.repCount),
  });
  const header = h(
    'header',
    { className: 'review-head' },
    h('h2', {}, count, ` ${model.repNoun}`),
    verdictElement(model),
    h('p', { className: 'muted', testid: 'review-details', text: `${when} · ${model.details}` }),
  );
  if (options.reportHref) {
    const a = h('a', {
      className: 'report-link',
      testid: 'report-link',
      text: 'Report for a physiotherapist',
    });
    a.href = options.reportHref;
    header.append(a);
  }
  if (options.status) {
    const st = h('p', {
      className: `status ${options.status.kind}`,
      testid: 'review-status',
      text: options.status.text,
    });
    st.setAttribute('role', 'status');
    header.append(st);
  }
  const figures: HTMLElement[] = [];
  const cursorAll = (tMs: number | null): void => {
    for (const f of figures) setChartCursor(f, tMs);
  };
  let replayMs: number | null = null;
  const rp = replay(record, model.analyses, {
    complete: record.summary.reps,
    all: model.allReps,
    onTime: (tMs) => {
      replayMs = tMs;
      cursorAll(tMs);
    },
  });
  const table = repTableElement(model, (row) => {
    rp.seekMs(row.rep.startMs);
    rp.el.scrollIntoView({ block: 'nearest' });
  });
  const charts = h('div', { className: 'charts', testid: 'charts' });
  for (const spec of model.charts)
    figures.push(
      lineChart(spec, {
        onHover: (x) => cursorAll(x ?? replayMs),
        onPick: (x) => rp.seekMs(x),
      }),
    );
  charts.append(...figures);
  if (model.missingPlots)
    charts.append(h('p', { className: 'muted', testid: 'missing-plots', text: model.missingPlots }));
  charts.append(h('p', { className: 'muted', text: 'Click a plot to show that moment in the replay.' }));
  cursorAll(replayMs);
  const body = h('div', { className: 'review-body' }, table, rp.el, charts, patternElement(model));
  // The replay's column is sized from the video's shape (review.css), so the video fills its width.
  const { width, height } = record.track;
  body.style.setProperty('--replay-aspect', String(width / Math.max(1, height)));
  container.replaceChildren(h('div', { className: 'review' }, header, body));
  return rp.dispose;
}
