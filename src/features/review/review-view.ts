/**
 * The set summary / review screen: rep count, per-rep table marked against the cue thresholds,
 * "what the pattern suggests", plots over the set's time line, and a replay of the set's video with
 * the skeleton and cues overlaid. Draws the review model (review-model.ts); owns no state beyond it.
 */
import type { SetRecord } from '../../domain/set-record';
import { lineChart } from '../../ui-kit/chart';
import { VERDICT_MARK, VERDICT_WORD } from '../../ui-kit/cue-presentation';
import { h } from '../../ui-kit/dom';
import '../../ui-kit/screens.css';
import {
  COLUMN_CUE,
  MEASURE_COLUMNS,
  analysesOf,
  levelOf,
  reviewModel,
  type MeasureColumn,
  type ReviewCell,
  type ReviewModel,
  type ReviewRow,
} from './review-model';
import { replay } from './review-replay';
import './review.css';

/** Header and tooltip of each measured column. */
const COLUMN_HEADS: Readonly<Record<MeasureColumn, { label: string; title: string }>> = {
  depth: {
    label: 'Depth',
    title: 'deepest hip descent / standing leg length (≈ 0.45 at parallel) and smallest knee angle',
  },
  kneeLeft: { label: 'Knee in L', title: 'peak knee valgus, left knee, deg (+ = toward the midline)' },
  kneeRight: { label: 'Knee in R', title: 'peak knee valgus, right knee, deg' },
  hipDrop: { label: 'Hip drop', title: 'pelvic tilt vs standing at the bottom, deg, and which hip is lower' },
  weight: { label: 'Weight', title: 'peak centre of mass position along the foot (side view only)' },
  trunkLean: { label: 'Trunk lean', title: 'peak trunk angle from vertical (side view only)' },
};

const NOT_MEASURED_WORD = 'not measurable in this view';

function cell({ text, verdict, threshold }: ReviewCell): HTMLTableCellElement {
  const level = levelOf(verdict);
  const td = h('td', {
    className: `lvl-${level}`,
    title: verdict === null ? NOT_MEASURED_WORD : `${VERDICT_WORD[verdict]} — ${threshold}`,
  });
  td.dataset['level'] = level;
  if (verdict !== null) td.append(h('span', { className: 'mark', text: VERDICT_MARK[verdict] }), ' ');
  td.append(text);
  return td;
}

function repRow(row: ReviewRow, onWatch: () => void): HTMLTableRowElement {
  const tr = h('tr', { testid: 'summary-rep-row', className: row.worst ? 'worst' : '' });
  tr.dataset['rep'] = String(row.rep.index);
  tr.dataset['cues'] = row.rep.cues.join(' ');
  const idx = h('th', { text: `${row.rep.index}` });
  idx.scope = 'row';
  if (row.worst) idx.append(' ', h('span', { className: 'worst-badge', text: 'worst' }));
  tr.append(idx);
  for (const c of MEASURE_COLUMNS) {
    const td = cell(row.cells[c]);
    td.dataset['cue'] = COLUMN_CUE[c];
    tr.append(td);
  }
  tr.append(h('td', { text: row.tempoText, title: 'down · at the bottom · up' }));
  tr.append(h('td', { text: row.cuesText }));
  const watch = h('button', { text: 'Watch', className: 'small' });
  watch.type = 'button';
  watch.addEventListener('click', onWatch);
  tr.append(h('td', {}, watch));
  return tr;
}

function repTable(model: ReviewModel, onWatch: (row: ReviewRow) => void): HTMLElement {
  const table = h('table', { className: 'rep-table' });
  const head = h('tr');
  for (const { label, title } of [
    { label: 'Rep', title: '' },
    ...MEASURE_COLUMNS.map((c) => COLUMN_HEADS[c]),
    { label: 'Tempo', title: 'down · at the bottom · up' },
    { label: 'Cues', title: '' },
    { label: '', title: '' },
  ]) {
    const th = h('th', { text: label, title });
    th.scope = 'col';
    head.append(th);
  }
  table.append(h('thead', {}, head));
  const body = h('tbody');
  for (const row of model.rows) body.append(repRow(row, () => onWatch(row)));
  table.append(body);
  const legend = h('p', {
    className: 'legend',
    text: `${VERDICT_MARK.within} ${VERDICT_WORD.within} · ${VERDICT_MARK.near} ${VERDICT_WORD.near} · ${VERDICT_MARK.past} past it · — not measurable from this camera angle. Hover a cell for its threshold.`,
  });
  return h('div', { className: 'table-wrap' }, table, legend);
}

function patternSection({ pattern: report }: ReviewModel): HTMLElement {
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

export interface ReviewOptions {
  /** A line under the heading (e.g. "Saved to history" or a storage error). */
  readonly status?: { text: string; kind: 'info' | 'warn' | 'error' };
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
    h('p', { className: 'muted', text: `${when} · ${model.details}` }),
  );
  if (options.status) {
    const st = h('p', {
      className: `status ${options.status.kind}`,
      testid: 'review-status',
      text: options.status.text,
    });
    st.setAttribute('role', 'status');
    header.append(st);
  }
  const rp = replay(record, model.analyses, { complete: record.summary.reps, all: model.allReps });
  const table = repTable(model, (row) => {
    rp.seekMs(row.rep.startMs);
    rp.el.scrollIntoView({ block: 'nearest' });
  });
  const charts = h('div', { className: 'charts', testid: 'charts' });
  charts.append(...model.charts.map((spec) => lineChart(spec)));
  container.replaceChildren(
    h('div', { className: 'review' }, header, patternSection(model), table, charts, rp.el),
  );
  return rp.dispose;
}
