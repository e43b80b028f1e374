/**
 * History of sets in IndexedDB (through `idb`), on this device only.
 *
 * Schema versions:
 * - v1: one store `sets` (keyPath `id`) of `{id, startedAtMs, source, summary, track, video}` — the
 *   video Blob inline, so listing the history read every video into memory.
 * - v2: `sets` holds `StoredSet` (adds `fileName`, `videoOffsetMs`, `videoBytes`; no video)
 *   with an index on `startedAtMs`; videos live in their own store `videos` keyed by set id, so the
 *   history list stays light and a video can be dropped alone. Opening a v1 database migrates it.
 * - v3 (current): adds the single-leg checks (issue 9): store `checks` (a SingleLegRecord without its
 *   rep pictures, index on `startedAtMs`) and store `checkFrames` (the pictures, keyed by check id).
 *   Sets are untouched, so v2 data reads as before.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { upgradeSummary, type SetRecord } from '../domain/set-record';
import type { ExportedCheck, ExportedSet } from './history-export';
import type { RepFrame, SingleLegRecord } from '../domain/single-leg-record';

export const HISTORY_DB_NAME = 'squat-coach-history';
export const HISTORY_DB_VERSION = 3;

/** A stored set (v2): the SetRecord without its video, plus the video's size if one was kept. */
export interface StoredSet extends ExportedSet {
  /** Size of the kept video, bytes, or null when none was kept. */
  readonly videoBytes: number | null;
}

/** The v1 record, read only by the migration. */
export interface StoredSetV1 {
  readonly id: string;
  readonly startedAtMs: number;
  readonly source: 'camera' | 'file';
  readonly summary: ExportedSet['summary'];
  readonly track: ExportedSet['track'];
  readonly video: Blob | null;
}

interface HistorySchema extends DBSchema {
  sets: { key: string; value: StoredSet; indexes: { startedAtMs: number } };
  videos: { key: string; value: { id: string; video: Blob } };
  checks: { key: string; value: ExportedCheck; indexes: { startedAtMs: number } };
  checkFrames: { key: string; value: { id: string; frames: readonly RepFrame[] } };
}

/** Storage is full (QuotaExceededError): the set stays on screen but was not saved. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

const isQuotaError = (e: unknown): boolean =>
  e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');

const STORAGE_FULL_TEXT =
  'Storage on this device is full, so this set was not saved to history (it is still shown here). Delete old sets, or lower the video size limit in History, and try again.';

async function migrateV1(
  tx: IDBPTransaction<HistorySchema, ('sets' | 'videos' | 'checks' | 'checkFrames')[], 'versionchange'>,
): Promise<void> {
  const sets = tx.objectStore('sets');
  const videos = tx.objectStore('videos');
  let cursor = await sets.openCursor();
  while (cursor) {
    const old = cursor.value as unknown as StoredSetV1;
    const next: StoredSet = {
      id: old.id,
      startedAtMs: old.startedAtMs,
      source: old.source,
      fileName: null,
      videoOffsetMs: 0,
      summary: old.summary,
      track: old.track,
      videoBytes: old.video ? old.video.size : null,
    };
    if (old.video) await videos.put({ id: old.id, video: old.video });
    await cursor.update(next);
    cursor = await cursor.continue();
  }
}

export class HistoryStore {
  /** The single-leg checks, in the same database. */
  readonly checks: CheckStore;

  private constructor(private readonly db: IDBPDatabase<HistorySchema>) {
    this.checks = new CheckStore(db);
  }

  static async open(name: string = HISTORY_DB_NAME): Promise<HistoryStore> {
    const db = await openDB<HistorySchema>(name, HISTORY_DB_VERSION, {
      async upgrade(database, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) database.createObjectStore('sets', { keyPath: 'id' });
        if (oldVersion < 2) {
          database.createObjectStore('videos', { keyPath: 'id' });
          tx.objectStore('sets').createIndex('startedAtMs', 'startedAtMs');
          if (oldVersion === 1) await migrateV1(tx);
        }
        if (oldVersion < 3) {
          database.createObjectStore('checks', { keyPath: 'id' }).createIndex('startedAtMs', 'startedAtMs');
          database.createObjectStore('checkFrames', { keyPath: 'id' });
        }
      },
    });
    return new HistoryStore(db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Saves a set; its video only if it is at most `videoCapBytes`. Throws StorageFullError when the
   * quota is exceeded even without the video (nothing is half-written: one transaction).
   */
  async save(record: SetRecord, videoCapBytes: number): Promise<{ videoKept: boolean }> {
    const keepVideo = record.video !== null && record.video.size <= videoCapBytes;
    try {
      await this.#put(record, keepVideo);
      return { videoKept: keepVideo };
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      if (keepVideo) {
        try {
          await this.#put(record, false);
          return { videoKept: false };
        } catch (e2) {
          if (!isQuotaError(e2)) throw e2;
        }
      }
      throw new StorageFullError(STORAGE_FULL_TEXT);
    }
  }

  async #put(record: SetRecord, keepVideo: boolean): Promise<void> {
    const stored = toStoredSet(record, keepVideo);
    const tx = this.db.transaction(['sets', 'videos'], 'readwrite');
    const writes: Promise<unknown>[] = [tx.objectStore('sets').put(stored)];
    if (keepVideo && record.video)
      writes.push(tx.objectStore('videos').put({ id: record.id, video: record.video }));
    else writes.push(tx.objectStore('videos').delete(record.id));
    await Promise.all([...writes, tx.done]);
  }

  /** Every set, oldest first, without videos; summaries from an older analysis are re-made from their tracks. */
  async list(): Promise<StoredSet[]> {
    const sets = await this.db.getAllFromIndex('sets', 'startedAtMs');
    return sets.map((s) => ({ ...s, summary: upgradeSummary(s.summary, s.track) }));
  }

  async get(id: string): Promise<SetRecord | null> {
    const stored = await this.db.get('sets', id);
    if (stored === undefined) return null;
    const video = (await this.db.get('videos', id))?.video ?? null;
    return toRecord({ ...stored, summary: upgradeSummary(stored.summary, stored.track) }, video);
  }

  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(['sets', 'videos'], 'readwrite');
    await Promise.all([tx.objectStore('sets').delete(id), tx.objectStore('videos').delete(id), tx.done]);
  }

  async clear(): Promise<void> {
    const stores = ['sets', 'videos', 'checks', 'checkFrames'] as const;
    const tx = this.db.transaction([...stores], 'readwrite');
    await Promise.all([...stores.map((n) => tx.objectStore(n).clear()), tx.done]);
  }

  /** Writes validated, imported sets in one transaction (all or nothing); same ids are replaced. */
  async importSets(sets: readonly ExportedSet[]): Promise<void> {
    const tx = this.db.transaction('sets', 'readwrite');
    const store = tx.objectStore('sets');
    await Promise.all([...sets.map((s) => store.put({ ...s, videoBytes: null })), tx.done]).catch(
      (e: unknown) => {
        if (isQuotaError(e)) throw new StorageFullError(STORAGE_FULL_TEXT);
        throw e;
      },
    );
  }
}

// Single-leg checks ------------------------------------------------------------------------------------

export const toExportedCheck = (r: SingleLegRecord | ExportedCheck): ExportedCheck => ({
  kind: 'single-leg-check',
  id: r.id,
  startedAtMs: r.startedAtMs,
  source: r.source,
  fileName: r.fileName,
  summary: r.summary,
  track: r.track,
});

export class CheckStore {
  constructor(private readonly db: IDBPDatabase<HistorySchema>) {}

  /** Saves a check with its pictures (one transaction); throws StorageFullError when over quota. */
  async save(r: SingleLegRecord): Promise<void> {
    const tx = this.db.transaction(['checks', 'checkFrames'], 'readwrite');
    try {
      await Promise.all([
        tx.objectStore('checks').put(toExportedCheck(r)),
        tx.objectStore('checkFrames').put({ id: r.id, frames: r.repFrames }),
        tx.done,
      ]);
    } catch (e) {
      if (isQuotaError(e)) throw new StorageFullError(STORAGE_FULL_TEXT);
      throw e;
    }
  }

  /** Every check, oldest first, without pictures. */
  list(): Promise<ExportedCheck[]> {
    return this.db.getAllFromIndex('checks', 'startedAtMs');
  }

  async get(id: string): Promise<SingleLegRecord | null> {
    const c = await this.db.get('checks', id);
    if (c === undefined) return null;
    const frames = (await this.db.get('checkFrames', id))?.frames ?? [];
    return { ...c, repFrames: frames };
  }

  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(['checks', 'checkFrames'], 'readwrite');
    await Promise.all([
      tx.objectStore('checks').delete(id),
      tx.objectStore('checkFrames').delete(id),
      tx.done,
    ]);
  }

  /** Writes imported checks (without pictures) in one transaction. */
  async importChecks(checks: readonly ExportedCheck[]): Promise<void> {
    const tx = this.db.transaction('checks', 'readwrite');
    await Promise.all([...checks.map((c) => tx.objectStore('checks').put(c)), tx.done]);
  }
}

export function toExportedSet(s: StoredSet | SetRecord): ExportedSet {
  return {
    id: s.id,
    startedAtMs: s.startedAtMs,
    source: s.source,
    fileName: s.fileName,
    videoOffsetMs: s.videoOffsetMs,
    summary: s.summary,
    track: s.track,
    // Only when present: a lone set keeps no `workout: undefined` key in the store or the export.
    ...(s.workout === undefined ? {} : { workout: s.workout }),
  };
}

/** A record as the `sets` store keeps it: everything but the video, whose size is noted when kept. */
export const toStoredSet = (record: SetRecord, keepVideo: boolean): StoredSet => ({
  ...toExportedSet(record),
  videoBytes: keepVideo && record.video ? record.video.size : null,
});

export const toRecord = (s: StoredSet, video: Blob | null): SetRecord => ({ ...toExportedSet(s), video });

// ---------------------------------------------------------------------------------------------------
// Video size cap (a setting kept in localStorage, read when a set is saved)
// ---------------------------------------------------------------------------------------------------

/** Default largest video kept with a set, MB: ~1 min of 720p WebM; larger videos are dropped, the set kept. */
export const DEFAULT_VIDEO_CAP_MB = 50;
/** Largest cap the setting accepts, MB; browsers give a site a share of free disk, often a few GB. */
export const MAX_VIDEO_CAP_MB = 2000;
const VIDEO_CAP_KEY = 'squat-coach.videoCapMb';

export function loadVideoCapMb(storage: Storage | null): number {
  const raw = Number(storage?.getItem(VIDEO_CAP_KEY) ?? Number.NaN);
  return Number.isFinite(raw) && raw >= 0 && raw <= MAX_VIDEO_CAP_MB ? raw : DEFAULT_VIDEO_CAP_MB;
}

export function saveVideoCapMb(storage: Storage | null, mb: number): boolean {
  try {
    storage?.setItem(VIDEO_CAP_KEY, String(mb));
    return storage !== null;
  } catch {
    return false;
  }
}
