/**
 * History in IndexedDB, in the real app: export → delete all → import restores an identical history;
 * a malformed import changes nothing; a database written by the previous schema (v1) is migrated
 * when the app opens it; CSV has one row per rep.
 */
import { test, expect, type Page } from '@playwright/test';
import type {} from '../../src/app/main';
import type * as analysisCore from '../../src/core';

type AnalysisModule = typeof analysisCore;
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The analysis core as the dev server serves it, imported inside the page. */
const ANALYSIS_URL = '/src/core/index.ts';

const CLIPS = ['front-oblique-banded-squats', 'side-bodyweight-squat', 'rear-barbell-squats'] as const;

/** Saves one set per fixture track through the end-of-set contract (no video, like an imported set). */
async function seed(page: Page): Promise<void> {
  await page.goto('/#/live');
  await page.waitForFunction(() => 'squatCoachApp' in window);
  for (const [i, clip] of CLIPS.entries()) {
    const track = JSON.parse(
      readFileSync(resolve(`fixtures/tracks/${clip}.blazepose-full.pose-track.json`), 'utf8'),
    ) as unknown;
    await page.evaluate(
      async ({ track, i, analysisUrl }) => {
        const a = (await import(analysisUrl)) as AnalysisModule;
        const parsed = a.parsePoseTrack(track);
        await window.squatCoachApp.onSetEnded({
          id: `set-${i}`,
          startedAtMs: Date.UTC(2026, 0, 10 + i, 18, 30),
          source: i === 1 ? 'file' : 'camera',
          fileName: i === 1 ? 'side, "quoted".mp4' : null,
          summary: a.analyzeFrames(a.poseTrackToFrames(parsed)),
          track: parsed,
          video: null,
          videoOffsetMs: 0,
        });
      },
      { track, i, analysisUrl: ANALYSIS_URL },
    );
  }
}

async function download(page: Page, testid: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).first().click()]);
  const path = await dl.path();
  return readFileSync(path, 'utf8');
}

const withoutStamp = (json: string): unknown => {
  const o = JSON.parse(json) as { exportedAtMs?: number };
  delete o.exportedAtMs;
  return o;
};

test('export all → delete all → import restores an identical history; a malformed import changes nothing', async ({
  page,
}) => {
  await seed(page);
  await page.goto('/#/history');
  await expect(page.getByTestId('history-item')).toHaveCount(CLIPS.length);
  const exported = await download(page, 'export-all-json');
  const csv = await download(page, 'export-all-csv');
  const lines = csv.trim().split(/\r\n/);
  const parsed = JSON.parse(exported) as { sets: { summary: { reps: unknown[]; partials: unknown[] } }[] };
  const repsTotal = parsed.sets.reduce((n, s) => n + s.summary.reps.length + s.summary.partials.length, 0);
  expect(lines).toHaveLength(1 + repsTotal);
  expect(lines[0]).toMatch(/^set_id,started_at,source,file_name,/);
  expect(csv).toContain('"side, ""quoted"".mp4"');
  const one = await download(page, 'export-one-json');
  expect((JSON.parse(one) as { sets: unknown[] }).sets).toHaveLength(1);

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('delete-all').click();
  await expect(page.getByTestId('history-item')).toHaveCount(0);
  await expect(page.getByTestId('history-count')).toHaveText('(0)');

  const dir = mkdtempSync(join(tmpdir(), 'squat-coach-import-'));
  const file = join(dir, 'history.json');
  writeFileSync(file, exported);
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('history-message')).toHaveText(`Imported ${CLIPS.length} sets.`);
  await expect(page.getByTestId('history-item')).toHaveCount(CLIPS.length);
  await page.reload();
  await expect(page.getByTestId('history-item')).toHaveCount(CLIPS.length);
  const again = await download(page, 'export-all-json');
  expect(withoutStamp(again)).toEqual(withoutStamp(exported));

  // Malformed imports: not JSON, wrong format, a set with a broken track, a summary missing fields.
  const bad = (o: unknown): string => JSON.stringify(o);
  const good = JSON.parse(exported) as { sets: Record<string, unknown>[] };
  const brokenTrack = structuredClone(good);
  (brokenTrack.sets[1] as { track: { frames: unknown[] } }).track.frames[3] = { tMs: 'soon', keypoints: [] };
  const brokenSummary = structuredClone(good);
  delete (brokenSummary.sets[2] as { summary: Record<string, unknown> }).summary['reps'];
  const cases: [string, string, RegExp][] = [
    ['not-json.json', '{"format": "squat-coach-history/v1", "sets": [', /not a JSON file/],
    ['wrong.json', bad({ format: 'something-else', sets: [] }), /"format" must be/],
    ['track.json', bad(brokenTrack), /set 2: Not a valid pose-track\/v1 file/],
    ['summary.json', bad(brokenSummary), /set 3: summary.reps must be a list/],
  ];
  for (const [name, text, message] of cases) {
    const p = join(dir, name);
    writeFileSync(p, text);
    await page.getByTestId('import-input').setInputFiles(p);
    await expect(page.getByTestId('history-message')).toHaveAttribute('data-kind', 'error');
    await expect(page.getByTestId('history-message')).toContainText(message);
    await expect(page.getByTestId('history-message')).toContainText('Nothing was imported');
  }
  await page.reload();
  expect(withoutStamp(await download(page, 'export-all-json'))).toEqual(withoutStamp(exported));

  // Delete one: dismissing the confirmation keeps it, accepting deletes it.
  page.once('dialog', (d) => void d.dismiss());
  await page.getByTestId('history-delete').first().click();
  await expect(page.getByTestId('history-item')).toHaveCount(CLIPS.length);
  page.once('dialog', (d) => {
    expect(d.message()).toContain('and its video');
    void d.accept();
  });
  await page.getByTestId('history-delete').first().click();
  await expect(page.getByTestId('history-item')).toHaveCount(CLIPS.length - 1);
});

test('a database written by schema v1 is migrated when the app opens it', async ({ page }) => {
  const track = JSON.parse(
    readFileSync(
      resolve('fixtures/tracks/front-oblique-banded-squats.blazepose-full.pose-track.json'),
      'utf8',
    ),
  ) as unknown;
  // Write a v1 database with raw IndexedDB before the app loads (an empty page on the same origin).
  await page.goto('/src/harness/analyze.html');
  await page.evaluate(
    async ({ track, analysisUrl }) => {
      const a = (await import(analysisUrl)) as AnalysisModule;
      const parsed = a.parsePoseTrack(track);
      const summary = a.analyzeFrames(a.poseTrackToFrames(parsed));
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const req = indexedDB.open('squat-coach-history', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('sets', { keyPath: 'id' });
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error ?? new Error('open failed'));
      });
      const tx = db.transaction('sets', 'readwrite');
      const store = tx.objectStore('sets');
      store.put({
        id: 'old-1',
        startedAtMs: 1_700_000_000_000,
        source: 'camera',
        summary,
        track: parsed,
        video: null,
      });
      store.put({
        id: 'old-2',
        startedAtMs: 1_700_000_100_000,
        source: 'camera',
        summary,
        track: parsed,
        video: new Blob([new Uint8Array(1234)], { type: 'video/webm' }),
      });
      await new Promise<void>((res, rej) => {
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error ?? new Error('write failed'));
      });
      db.close();
    },
    { track, analysisUrl: ANALYSIS_URL },
  );

  await page.goto('/#/history');
  await expect(page.getByTestId('history-item')).toHaveCount(2);
  await expect(page.getByTestId('history-item').first()).toContainText('video 0.0 MB');
  await expect(page.getByTestId('history-item').last()).toContainText('no video');
  const state = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open('squat-coach-history');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error ?? new Error('open failed'));
    });
    const get = <T>(store: string, key: string): Promise<T> =>
      new Promise((res) => {
        const r = db.transaction(store).objectStore(store).get(key);
        r.onsuccess = () => res(r.result as T);
      });
    const s2 = await get<Record<string, unknown>>('sets', 'old-2');
    const v2 = await get<{ video: Blob }>('videos', 'old-2');
    const out = {
      version: db.version,
      stores: [...db.objectStoreNames],
      indexes: [...db.transaction('sets').objectStore('sets').indexNames],
      keys: Object.keys(s2).sort(),
      videoBytes: s2['videoBytes'],
      fileName: s2['fileName'],
      movedVideoSize: v2.video.size,
    };
    db.close();
    return out;
  });
  expect(state).toEqual({
    // v3 added the single-leg checks' stores (empty here); the sets migrate as in v2.
    version: 3,
    stores: ['checkFrames', 'checks', 'sets', 'videos'],
    indexes: ['startedAtMs'],
    keys: ['fileName', 'id', 'source', 'startedAtMs', 'summary', 'track', 'videoBytes', 'videoOffsetMs'],
    videoBytes: 1234,
    fileName: null,
    movedVideoSize: 1234,
  });
  // The migrated set opens in the review screen.
  await page.getByTestId('history-review').last().click();
  await expect(page.getByTestId('summary-rep-count')).toHaveText('2');
});

test('progress over time: a workout’s sets are one session; charts on a date axis; a report for the dates', async ({
  page,
}) => {
  await page.goto('/#/live');
  await page.waitForFunction(() => 'squatCoachApp' in window);
  const track = JSON.parse(
    readFileSync(
      resolve('fixtures/tracks/front-oblique-banded-squats.blazepose-full.pose-track.json'),
      'utf8',
    ),
  ) as unknown;
  // A lone set on Jan 10 and a workout of two sets on Jan 17 (local times).
  const sets = [
    { id: 'lone', at: [2026, 0, 10, 18, 30], workout: null },
    { id: 'w-1', at: [2026, 0, 17, 7, 0], workout: { id: 'W', setIndex: 0, setsPlanned: 2, repTarget: 2 } },
    { id: 'w-2', at: [2026, 0, 17, 7, 4], workout: { id: 'W', setIndex: 1, setsPlanned: 2, repTarget: 2 } },
  ];
  for (const s of sets)
    await page.evaluate(
      async ({ track, s, analysisUrl }) => {
        const a = (await import(analysisUrl)) as AnalysisModule;
        const parsed = a.parsePoseTrack(track);
        const [y, mo, d, hh, mm] = s.at;
        await window.squatCoachApp.onSetEnded({
          id: s.id,
          startedAtMs: new Date(y ?? 0, mo ?? 0, d, hh, mm).getTime(),
          source: 'camera',
          fileName: null,
          summary: a.analyzeFrames(a.poseTrackToFrames(parsed)),
          track: parsed,
          video: null,
          videoOffsetMs: 0,
          ...(s.workout ? { workout: s.workout } : {}),
        });
      },
      { track, s, analysisUrl: ANALYSIS_URL },
    );
  await page.goto('/#/history');
  const sessions = page.getByTestId('history-session');
  await expect(sessions).toHaveCount(2);
  await expect(sessions.first()).toContainText('Workout · 2 sets · 4 reps');
  await expect(sessions.first().getByTestId('history-item')).toHaveCount(2);
  await expect(sessions.last()).toContainText('Set · 2 reps');
  const charts = page.getByTestId('history-trends').getByTestId('chart');
  await expect(charts).toHaveCount(4);
  await expect(page.getByTestId('history-trends-note')).toBeHidden();
  // The x axis is dates: days (the sessions are a week apart), in order, within the sessions' span.
  const xLabels = await charts.first().locator('.chart-xlabel').allTextContents();
  const jan = (d: number): string =>
    new Date(2026, 0, d).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  const days = [10, 11, 12, 13, 14, 15, 16, 17, 18];
  expect(xLabels.length).toBeGreaterThanOrEqual(3);
  const at = xLabels.map((l) => days.findIndex((d) => jan(d) === l));
  expect(at, xLabels.join(', ')).not.toContain(-1);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  // Two dots per line: one per session, not one per set.
  await expect(charts.first().locator('.chart-dot')).toHaveCount(2);
  await page.screenshot({ path: 'docs/screenshot-history-progress.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'docs/screenshot-history-phone.png', fullPage: true });

  // The date range's report holds all three sets and the progress charts.
  await page.getByTestId('report-from').fill('2026-01-01');
  await page.getByTestId('report-to').fill('2026-01-31');
  await page.getByTestId('report-range').click();
  await expect(page).toHaveURL(/#\/report\/range\/2026-01-01\/2026-01-31$/);
  await expect(page.getByTestId('report-set')).toHaveCount(3);
  await expect(page.getByTestId('report').getByTestId('chart').first()).toContainText('Reps per session');
});
