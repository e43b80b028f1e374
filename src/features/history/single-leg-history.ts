/**
 * The single-leg checks in history: a section of its own under the sets (trends per leg over time,
 * then the list with report, JSON/CSV and delete). The report itself is the single-leg screen's, at
 * `#/single-leg/report/<id>`.
 */
import type { HistoryStore } from '../../storage/history-db';
import { toExportedCheck } from '../../storage/history-db';
import { checksToCsv } from '../../storage/check-export';
import { toHistoryExport } from '../../storage/history-export';
import { lineChart } from '../../ui-kit/chart';
import { h } from '../../ui-kit/dom';
import { dateStamp, download } from './download';
import { checkItemText, checkTrendCharts } from './single-leg-trends';

function button(text: string, testid: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { text, testid, className: 'small' });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

export class SingleLegHistory {
  readonly element: HTMLElement;
  readonly #trends = h('div', { className: 'charts', testid: 'single-leg-trends' });
  readonly #list = h('ul', { className: 'history-list', testid: 'single-leg-history-list' });

  constructor(private readonly store: Promise<HistoryStore | null>) {
    this.element = h(
      'section',
      { className: 'single-leg-history', testid: 'single-leg-history' },
      h('h3', { text: 'Single-leg checks' }),
      h('p', {
        className: 'muted',
        text: 'Each leg’s knee FPPA and pelvic drop over time. A change smaller than 7.5–9° is within what a re-test can differ by (Munro 2012). Guidance, not a diagnosis.',
      }),
      this.#trends,
      h(
        'div',
        { className: 'history-actions' },
        button('Export checks (CSV)', 'export-checks-csv', () => void this.#exportCsv()),
      ),
      this.#list,
    );
  }

  async refresh(): Promise<void> {
    const store = await this.store;
    if (store === null) return;
    const checks = await store.checks.list();
    const dayLabel = (t: number): string =>
      new Date(t).toLocaleString(undefined, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
    this.#trends.replaceChildren(...checkTrendCharts(checks, dayLabel).map((spec) => lineChart(spec)));
    this.#list.replaceChildren(
      ...[...checks].reverse().map((c) => {
        const li = h('li', { testid: 'single-leg-history-item' });
        li.dataset['id'] = c.id;
        const open = h('a', { text: 'Report', className: 'small' });
        open.href = `#/single-leg/report/${encodeURIComponent(c.id)}`;
        li.append(
          h('span', { className: 'when', text: new Date(c.startedAtMs).toLocaleString() }),
          h('span', { text: checkItemText(c) }),
          open,
          button('JSON', 'export-check-json', () =>
            download(
              `single-leg-check-${dateStamp(c.startedAtMs)}.json`,
              'application/json',
              JSON.stringify(toHistoryExport([], Date.now(), [toExportedCheck(c)])),
            ),
          ),
          button('CSV', 'export-check-csv', () =>
            download(`single-leg-check-${dateStamp(c.startedAtMs)}.csv`, 'text/csv', checksToCsv([c])),
          ),
          button('Delete', 'check-delete', () => {
            const when = new Date(c.startedAtMs).toLocaleString();
            if (!confirm(`Delete the single-leg check of ${when} and its pictures?`)) return;
            void store.checks.delete(c.id).then(() => this.refresh());
          }),
        );
        return li;
      }),
    );
    if (checks.length === 0)
      this.#list.append(h('li', { className: 'muted', text: 'No single-leg checks yet.' }));
  }

  async #exportCsv(): Promise<void> {
    const store = await this.store;
    if (store === null) return;
    download(
      `single-leg-checks-${dateStamp(Date.now())}.csv`,
      'text/csv',
      checksToCsv(await store.checks.list()),
    );
  }
}
