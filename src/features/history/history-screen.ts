/**
 * The history screen: progress over time (per session: a workout's sets together, or a lone set),
 * the list of saved sets grouped by session (review, report, export, delete), a report for a date
 * range, export / import of everything, and the video size limit. All data stays in this browser's
 * IndexedDB (src/storage/history-db.ts) unless the user exports it.
 */
import {
  type HistoryStore,
  MAX_VIDEO_CAP_MB,
  StorageFullError,
  loadVideoCapMb,
  saveVideoCapMb,
  toExportedSet,
  type StoredSet,
} from '../../storage/history-db';
import {
  HistoryImportError,
  historyToCsv,
  parseHistoryExport,
  toHistoryExport,
  type ExportedCheck,
  type ExportedSet,
} from '../../storage/history-export';
import { countOf } from '../../core';
import { safeLocalStorage } from '../../storage/settings';
import { lineChart } from '../../ui-kit/chart';
import '../../ui-kit/screens.css';
import {
  itemTexts,
  sessionHeading,
  sessionsOf,
  trendCharts,
  trendsNote,
  type Session,
} from './history-model';
import './history.css';
import { h } from '../../ui-kit/dom';
import { dateStamp, download } from './download';
import { SingleLegHistory } from './single-leg-history';
import { parseCheckExport } from '../../storage/check-export';
import { toExportedCheck } from '../../storage/history-db';

function button(text: string, testid: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { text, testid, className: 'small' });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** Gives a terse button ("Delete") the name of what it acts on, for screen readers. */
function labelled<T extends HTMLElement>(el: T, name: string): T {
  el.setAttribute('aria-label', name);
  return el;
}

export class HistoryScreen {
  readonly #list: HTMLUListElement;
  readonly #trends: HTMLElement;
  readonly #message: HTMLElement;
  readonly #count: HTMLElement;
  /** The single-leg checks: a section of their own below the sets. */
  readonly #checks: SingleLegHistory;

  readonly #trendsNote: HTMLElement;

  /**
   * `reportHref` gives the print report's address for one session (its sets' ids) or for a date
   * range (local dates, YYYY-MM-DD); the app owns the route.
   */
  constructor(
    container: HTMLElement,
    private readonly store: Promise<HistoryStore | null>,
    private readonly onReview: (id: string) => void,
    private readonly reportHref: (
      what: { setIds: readonly string[] } | { from: string; to: string },
    ) => string,
  ) {
    this.#trendsNote = h('p', { className: 'muted', testid: 'history-trends-note' });
    this.#list = h('ul', { className: 'history-list', testid: 'history-list' });
    this.#trends = h('div', { className: 'charts', testid: 'history-trends' });
    this.#message = h('p', { className: 'status', testid: 'history-message' });
    this.#message.setAttribute('role', 'status');
    this.#count = h('span', { testid: 'history-count' });
    this.#checks = new SingleLegHistory(store);

    const importInput = h('input', { testid: 'import-input' });
    importInput.type = 'file';
    importInput.accept = '.json,application/json';
    importInput.addEventListener('change', () => {
      const f = importInput.files?.[0];
      if (f) void this.#import(f).finally(() => (importInput.value = ''));
    });
    const cap = h('input', { testid: 'video-cap' });
    cap.type = 'number';
    cap.min = '0';
    cap.max = String(MAX_VIDEO_CAP_MB);
    cap.step = '1';
    cap.value = String(loadVideoCapMb(safeLocalStorage()));
    cap.addEventListener('change', () => {
      const mb = Number(cap.value);
      if (!Number.isFinite(mb) || mb < 0 || mb > MAX_VIDEO_CAP_MB) {
        this.#say(`The video limit must be between 0 and ${MAX_VIDEO_CAP_MB} MB.`, 'error');
        return;
      }
      if (!saveVideoCapMb(safeLocalStorage(), mb)) this.#say('The setting could not be saved.', 'warn');
      else this.#say(mb === 0 ? 'Videos will not be kept.' : `Videos up to ${mb} MB will be kept.`, 'info');
    });

    container.replaceChildren(
      h(
        'div',
        { className: 'history' },
        h('h2', {}, 'History ', this.#count),
        h('p', {
          className: 'muted',
          text: 'Every set is saved here automatically, in this browser only. Export to keep a copy or move it to another device.',
        }),
        h('h3', { text: 'Progress over time' }),
        this.#trendsNote,
        this.#trends,
        this.#rangeForm(),
        h(
          'div',
          { className: 'history-actions' },
          button('Export all (JSON)', 'export-all-json', () => void this.#exportAll('json')),
          button('Export all (CSV)', 'export-all-csv', () => void this.#exportAll('csv')),
          h('label', {}, 'Import JSON ', importInput),
          button('Delete all', 'delete-all', () => void this.#deleteAll()),
          h(
            'label',
            { title: 'Videos larger than this are not kept (the set is); 0 = never keep videos.' },
            'Keep set videos up to ',
            cap,
            ' MB',
          ),
        ),
        this.#message,
        this.#list,
        this.#checks.element,
      ),
    );
  }

  #say(text: string, kind: 'info' | 'warn' | 'error'): void {
    this.#message.textContent = text;
    this.#message.className = `status ${kind}`;
    this.#message.dataset['kind'] = kind;
  }

  async #storeOrSay(): Promise<HistoryStore | null> {
    const s = await this.store;
    if (s === null)
      this.#say('History is unavailable in this browser (IndexedDB is blocked or broken).', 'error');
    return s;
  }

  async refresh(): Promise<void> {
    const store = await this.#storeOrSay();
    if (store === null) return;
    const sets = await store.list();
    this.#count.textContent = `(${sets.length})`;
    const sessions = sessionsOf(sets);
    this.#renderTrends(sessions);
    const byId = new Map(sets.map((s) => [s.id, s]));
    this.#list.replaceChildren(...[...sessions].reverse().map((s) => this.#session(s, byId)));
    if (sets.length === 0) this.#list.append(h('li', { className: 'muted', text: 'No sets yet.' }));
    await this.#checks.refresh();
  }

  #renderTrends(sessions: readonly Session[]): void {
    const dayLabel = (ms: number): string =>
      new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
    const note = trendsNote(sessions);
    this.#trendsNote.hidden = note === null;
    this.#trendsNote.textContent = note ?? '';
    this.#trends.replaceChildren(...trendCharts(sessions, dayLabel).map((spec) => lineChart(spec)));
  }

  /** A date range and a link to its print report. */
  #rangeForm(): HTMLElement {
    const day = (ms: number): string => {
      const d = new Date(ms);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const from = h('input', { testid: 'report-from' });
    from.type = 'date';
    from.value = day(Date.now() - 28 * 86_400_000);
    const to = h('input', { testid: 'report-to' });
    to.type = 'date';
    to.value = day(Date.now());
    const link = h('a', { testid: 'report-range', text: 'Report for these dates' });
    const update = (): void => {
      link.href = this.reportHref({ from: from.value, to: to.value });
    };
    for (const input of [from, to]) for (const ev of ['input', 'change']) input.addEventListener(ev, update);
    update();
    return h(
      'div',
      { className: 'history-actions report-range' },
      h('label', {}, 'From ', from),
      h('label', {}, 'to ', to),
      link,
    );
  }

  #session(session: Session, byId: ReadonlyMap<string, StoredSet>): HTMLLIElement {
    const li = h('li', { className: 'history-session', testid: 'history-session' });
    li.dataset['key'] = session.key;
    const report = h('a', { className: 'small', text: 'Report', testid: 'session-report' });
    report.href = this.reportHref({ setIds: session.sets.map((s) => s.id) });
    report.setAttribute(
      'aria-label',
      `Report for the ${session.isWorkout ? 'workout' : 'set'} of ${new Date(session.startedAtMs).toLocaleString()}`,
    );
    const items = h('ul', { className: 'history-sets' });
    for (const s of session.sets) {
      const stored = byId.get(s.id);
      if (stored) items.append(this.#item(stored));
    }
    li.append(
      h('div', { className: 'session-head' }, h('strong', { text: sessionHeading(session) }), report),
      items,
    );
    return li;
  }

  #item(s: StoredSet): HTMLLIElement {
    const li = h('li', { testid: 'history-item' });
    li.dataset['id'] = s.id;
    const t = itemTexts(s);
    const when = new Date(s.startedAtMs).toLocaleString();
    li.append(
      h('span', { className: 'when', text: when }),
      h('span', { text: t.reps }),
      h('span', { className: 'muted', text: t.what }),
      h('span', { className: 'muted', text: t.valgus }),
      h('span', { className: 'muted', text: t.video }),
      labelled(
        button('Review', 'history-review', () => this.onReview(s.id)),
        `Review the set of ${when}`,
      ),
      labelled(
        button('JSON', 'export-one-json', () =>
          download(
            `squat-set-${dateStamp(s.startedAtMs)}.json`,
            'application/json',
            JSON.stringify(toHistoryExport([toExportedSet(s)], Date.now())),
          ),
        ),
        `Export the set of ${when} as JSON`,
      ),
      labelled(
        button('CSV', 'export-one-csv', () =>
          download(`squat-set-${dateStamp(s.startedAtMs)}.csv`, 'text/csv', historyToCsv([toExportedSet(s)])),
        ),
        `Export the set of ${when} as CSV`,
      ),
      labelled(
        button('Delete', 'history-delete', () => void this.#delete(s.id, when)),
        `Delete the set of ${when}`,
      ),
    );
    return li;
  }

  async #exportAll(kind: 'json' | 'csv'): Promise<void> {
    const store = await this.#storeOrSay();
    if (store === null) return;
    const sets = (await store.list()).map(toExportedSet);
    const stamp = dateStamp(Date.now());
    if (kind === 'json')
      download(
        `squat-history-${stamp}.json`,
        'application/json',
        JSON.stringify(toHistoryExport(sets, Date.now(), (await store.checks.list()).map(toExportedCheck))),
      );
    else download(`squat-history-${stamp}.csv`, 'text/csv', historyToCsv(sets));
    this.#say(`Exported ${countOf(sets.length, 'set')} as ${kind.toUpperCase()}.`, 'info');
  }

  async #delete(id: string, when: string): Promise<void> {
    const store = await this.#storeOrSay();
    if (store === null) return;
    // A set and its video cannot be brought back once deleted.
    if (!confirm(`Delete the set of ${when} and its video?`)) return;
    await store.delete(id);
    this.#say('Set deleted.', 'info');
    await this.refresh();
  }

  async #deleteAll(): Promise<void> {
    const store = await this.#storeOrSay();
    if (store === null) return;
    if (!confirm('Delete every saved set and its video? Export first if you want a copy.')) return;
    await store.clear();
    this.#say('History cleared.', 'info');
    await this.refresh();
  }

  async #import(file: File): Promise<void> {
    const store = await this.#storeOrSay();
    if (store === null) return;
    let sets: ExportedSet[];
    let checks: ExportedCheck[] = [];
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new HistoryImportError(`${file.name} is not a JSON file. Nothing was imported.`);
      }
      sets = parseHistoryExport(json);
      checks = parseCheckExport(json);
    } catch (e) {
      this.#say(e instanceof HistoryImportError ? e.message : `Import failed: ${String(e)}`, 'error');
      return;
    }
    try {
      await store.importSets(sets);
      await store.checks.importChecks(checks);
    } catch (e) {
      this.#say(e instanceof StorageFullError ? e.message : `Import failed: ${String(e)}`, 'error');
      return;
    }
    this.#say(`Imported ${countOf(sets.length, 'set')}.`, 'info');
    await this.refresh();
  }
}
