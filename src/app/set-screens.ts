/**
 * What happens when a set ends (live or file): save it to history, then show its review at
 * `#/review/<id>` — so a reload or a link from history shows the same set again, read back from
 * IndexedDB. A set that could not be saved (storage full) is still shown, with the reason.
 */
import { HistoryStore, StorageFullError, loadVideoCapMb } from '../storage/history-db';
import { renderReview, type ReviewOptions } from '../features/review/review-view';
import { renderReport } from '../features/review/report-view';
import {
  parseReportHash,
  rangeBoundsMs,
  reportHash,
  type ReportRequest,
  type ReportSection,
} from '../features/review/report-model';
import { analysesOf } from '../features/review/review-model';
import { FileScreen } from '../features/file/file-screen';
import { HistoryScreen } from '../features/history/history-screen';
import { sessionsOf, trendCharts, type HistorySet } from '../features/history/history-model';
import { safeLocalStorage } from '../storage/settings';
import type { Screen } from './router';
import type { SetRecord } from '../domain/set-record';
import type { PoseTrack } from '../core/pose/pose-track';

/** Bytes per MB for the video size setting (decimal, as file sizes are shown). */
const BYTES_PER_MB = 1e6;

export interface SetScreens {
  /**
   * The contract with the live screen and the file screen: a set has ended. `endNote`: why, when it
   * was not the person's choice (camera lost, model failed); shown with the review.
   */
  onSetEnded: (record: SetRecord, endNote?: string | null, show?: boolean) => Promise<void>;
  /** Router callback. */
  onShow: (screen: Screen) => void;
}

const reviewIdFromHash = (hash: string): string | null => {
  const m = /^#\/?review\/(.+)$/.exec(hash);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
};

/**
 * Sections other features add to the print report for a set of records (the single-leg check
 * fills this in when it was done in the report's period); none yet.
 */
const reportSections = (_records: readonly SetRecord[]): ReportSection[] => [];

const shortDate = (ms: number): string =>
  new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

export function startSetScreens(
  el: {
    review: HTMLElement;
    file: HTMLElement;
    history: HTMLElement;
    report: HTMLElement;
  },
  /** A video analysed as a single-leg check (file screen mode choice): its track goes to that check. */
  onSingleLegTrack?: (track: PoseTrack, file: File, startedAtMs: number) => void,
): SetScreens {
  const store: Promise<HistoryStore | null> = HistoryStore.open().catch((e: unknown) => {
    console.warn(`history unavailable: ${String(e)}`);
    return null;
  });
  let shownId: string | null = null;
  let dispose: () => void = () => undefined;

  const show = (record: SetRecord, options: ReviewOptions): void => {
    dispose();
    shownId = record.id;
    dispose = renderReview(el.review, record, {
      ...options,
      // A set's report covers its whole workout.
      reportHref: reportHash(
        record.workout ? { kind: 'workout', id: record.workout.id } : { kind: 'sets', ids: [record.id] },
      ),
    });
    const hash = `#/review/${encodeURIComponent(record.id)}`;
    if (location.hash !== hash) location.hash = hash;
  };

  const onSetEnded = async (
    record: SetRecord,
    endNote: string | null = null,
    shown = true,
  ): Promise<void> => {
    const s = await store;
    let status: ReviewOptions['status'];
    if (s === null) {
      status = { text: 'History is unavailable in this browser, so this set was not saved.', kind: 'warn' };
    } else {
      try {
        const capBytes = loadVideoCapMb(safeLocalStorage()) * BYTES_PER_MB;
        const { videoKept } = await s.save(record, capBytes);
        status = {
          text:
            videoKept || record.video === null
              ? 'Saved to history.'
              : 'Saved to history without its video (over the video size limit set in History).',
          kind: 'info',
        };
      } catch (e) {
        status = {
          text: e instanceof StorageFullError ? e.message : `This set could not be saved: ${String(e)}`,
          kind: 'error',
        };
      }
    }
    if (endNote !== null && status !== undefined) {
      status = { text: `${endNote} ${status.text}`, kind: status.kind === 'info' ? 'warn' : status.kind };
    }
    if (shown) show(record, { status });
  };

  const openFromHistory = async (id: string): Promise<void> => {
    const s = await store;
    const record = s === null ? null : await s.get(id);
    if (record === null) {
      dispose();
      shownId = null;
      el.review.replaceChildren();
      const p = document.createElement('p');
      p.className = 'status warn';
      p.textContent = 'This set is not in history (deleted, or saved in another browser).';
      el.review.append(p);
      return;
    }
    show(record, {});
  };

  const showReport = async (req: ReportRequest | null): Promise<void> => {
    const s = await store;
    const say = (text: string): void => {
      const p = document.createElement('p');
      p.className = 'status warn';
      p.textContent = text;
      el.report.replaceChildren(p);
    };
    if (req === null)
      return say('This report address is not valid. Open a report from a review or from History.');
    if (s === null) return say('History is unavailable in this browser, so there is nothing to report.');
    const all = await s.list();
    let ids: readonly string[];
    let scope: string;
    if (req.kind !== 'range') {
      const workoutOf = (x: HistorySet): string | undefined => x.workout?.id;
      ids = req.kind === 'sets' ? req.ids : all.filter((x) => workoutOf(x) === req.id).map((x) => x.id);
      const first = all.find((x) => x.id === ids[0]);
      const noun = req.kind === 'workout' || ids.length > 1 ? 'Workout' : 'Set';
      scope = first ? `${noun} of ${shortDate(first.startedAtMs)}` : noun;
    } else {
      const [fromMs, toMs] = rangeBoundsMs(req);
      ids = all.filter((x) => x.startedAtMs >= fromMs && x.startedAtMs < toMs).map((x) => x.id);
      scope = `${shortDate(fromMs)} – ${shortDate(toMs - 1)}`;
    }
    const records = (await Promise.all(ids.map((id) => s.get(id)))).filter((r): r is SetRecord => r !== null);
    if (req.kind !== 'range' && records.length === 0)
      return say('These sets are not in history (deleted, or saved in another browser).');
    const inRange = new Set(records.map((r) => r.id));
    const trends =
      req.kind === 'range'
        ? trendCharts(sessionsOf(all.filter((x) => inRange.has(x.id))), (ms) =>
            new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }),
          )
        : [];
    const model = renderReport(el.report, {
      scope,
      records,
      analysesOf,
      trends,
      sections: reportSections(records),
      when: (ms) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    });
    document.title = `${model.title} · ${scope}`;
  };

  new FileScreen(el.file, (record) => void onSetEnded(record), onSingleLegTrack);
  const history = new HistoryScreen(
    el.history,
    store,
    (id) => void openFromHistory(id),
    (what) => reportHash('setIds' in what ? { kind: 'sets', ids: what.setIds } : { kind: 'range', ...what }),
  );

  return {
    onSetEnded,
    onShow: (screen) => {
      if (screen === 'history') void history.refresh();
      if (screen === 'report') void showReport(parseReportHash(location.hash));
      if (screen === 'review') {
        const id = reviewIdFromHash(location.hash);
        if (id !== null && id !== shownId) void openFromHistory(id);
        else if (id === null && shownId === null) {
          el.review.replaceChildren();
          const p = document.createElement('p');
          p.className = 'muted';
          p.textContent = 'Finish a set, analyse a video, or pick a set in History to review it here.';
          el.review.append(p);
        }
      }
    },
  };
}
