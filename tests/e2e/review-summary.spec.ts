/**
 * The review screen and history, end to end in the real app:
 * 1. a fake-camera set on a fixture clip → summary with the clip's rep count and a row per rep,
 *    plots, a replay that plays, and the set in history after a reload;
 * 2. the same screens fed through the end-of-set contract (`window.squatCoachApp.onSetEnded`) with a
 *    SetRecord built from a fixture track and its video (deterministic: exact rep count, the docs
 *    screenshot), and a storage-full save that still shows the set.
 */
import { test, expect, type Page } from '@playwright/test';
import type {} from '../../src/app/main';
import type * as analysisCore from '../../src/core';

type AnalysisModule = typeof analysisCore;
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeCameraArgs, launchChromium } from '../../scripts/lib/chromium';
import { FIXTURE_CLIPS, y4mPathFor } from './clips';
import { injectHipDrop, injectShankValgus } from '../constructed/inject';
import { editedBandedTrack } from './banded-track';

const CLIP = 'front-oblique-banded-squats';
/** The analysis core as the dev server serves it, imported inside the page. */
const ANALYSIS_URL = '/src/core/index.ts';

/**
 * Builds a SetRecord in the page from a fixture track (or a track made from it) and the fixture's
 * video, and hands it over as the live screen does.
 */
async function endSetFromFixture(page: Page, clip: string, trackOverride?: unknown): Promise<string> {
  const track =
    trackOverride ??
    (JSON.parse(
      readFileSync(resolve(`fixtures/tracks/${clip}.blazepose-full.pose-track.json`), 'utf8'),
    ) as unknown);
  const file = FIXTURE_CLIPS.find((c) => c.file.startsWith(clip))?.file ?? '';
  const videoB64 = readFileSync(resolve('fixtures', file)).toString('base64');
  return page.evaluate(
    async ({ track, videoB64, type, analysisUrl }) => {
      const analysis = (await import(analysisUrl)) as AnalysisModule;
      const parsed = analysis.parsePoseTrack(track);
      const bytes = Uint8Array.from(atob(videoB64), (c) => c.charCodeAt(0));
      const id = crypto.randomUUID();
      await window.squatCoachApp.onSetEnded({
        id,
        startedAtMs: Date.now(),
        source: 'camera',
        fileName: null,
        summary: analysis.analyzeFrames(analysis.poseTrackToFrames(parsed)),
        track: parsed,
        video: new Blob([bytes], { type }),
        videoOffsetMs: 0,
      });
      return id;
    },
    { track, videoB64, type: file.endsWith('.webm') ? 'video/webm' : 'video/mp4', analysisUrl: ANALYSIS_URL },
  );
}

/** What the review shows of each rep: the row's cues, its cells past their limit, and its plot markers. */
interface ShownRep {
  rep: string;
  cues: string[];
  pastCells: string[];
  markers: string[];
}

/**
 * The table, the plots' markers and the pattern text agree rep by rep (issue 8): a cell is marked
 * past its limit only when that rep carries the same rule's cue; every plot marks exactly the rep's
 * cues; and the pattern names a rep only for a cue that rep carries. Returns the reps as shown.
 */
async function expectReviewAgrees(page: Page): Promise<ShownRep[]> {
  const shown = await page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="summary-rep-row"]')];
    const charts = [...document.querySelectorAll('[data-testid="chart"]')];
    return {
      reps: rows.map((tr) => {
        const rep = tr.dataset['rep'] ?? '';
        return {
          rep,
          cues: (tr.dataset['cues'] ?? '').split(' ').filter(Boolean).sort(),
          pastCells: [...tr.querySelectorAll<HTMLElement>('td[data-level="bad"]')]
            .map((td) => td.dataset['cue'] ?? '?')
            .sort(),
          markers: charts.map((c) =>
            [...c.querySelectorAll<SVGGElement>(`g.chart-marker[data-rep="${rep}"]`)]
              .map((g) => g.dataset['cue'] ?? '?')
              .sort()
              .join(' '),
          ),
        };
      }),
      findings: [...document.querySelectorAll<HTMLElement>('[data-testid="pattern"] [data-pattern]')].map(
        (a) => ({
          reps: (a.dataset['reps'] ?? '').split(' ').filter(Boolean),
          cues: (a.dataset['cues'] ?? '').split(' ').filter(Boolean),
        }),
      ),
    };
  });
  for (const r of shown.reps) {
    for (const cue of r.pastCells)
      expect(r.cues, `rep ${r.rep}: cell past "${cue}" without its cue`).toContain(cue);
    for (const m of r.markers) expect(m, `rep ${r.rep}: plot markers`).toBe(r.cues.join(' '));
  }
  for (const f of shown.findings)
    for (const rep of f.reps) {
      const row = shown.reps.find((r) => r.rep === rep);
      if (row === undefined) continue; // a partial rep: in the pattern, not in the table
      expect(
        row.cues.some((c) => f.cues.includes(c)),
        `pattern names rep ${rep}`,
      ).toBe(true);
    }
  return shown.reps.map(({ rep, cues, pastCells, markers }) => ({ rep, cues, pastCells, markers }));
}

async function expectReplayPlays(page: Page): Promise<void> {
  const video = page.getByTestId('replay-video');
  await expect(video).toBeVisible();
  const overlay = page.getByTestId('replay-overlay');
  const drawnBefore = Number((await overlay.getAttribute('data-drawn')) ?? 0);
  await video.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(1);
  await expect
    .poll(async () => Number((await overlay.getAttribute('data-drawn')) ?? 0))
    .toBeGreaterThan(drawnBefore + 3);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  // Jump to a rep and step one frame: the frame counter moves by one.
  await page.getByTestId('replay-rep').first().click();
  const time = page.getByTestId('replay-time');
  await expect(time).toContainText('frame');
  const frameNo = async (): Promise<number> =>
    Number(/frame (\d+)/.exec((await time.textContent()) ?? '')?.[1]);
  const at = await frameNo();
  await page.getByTestId('replay-next').click();
  await expect.poll(frameNo).toBe(at + 1);
}

test('review via the end-of-set contract: table, plots, pattern, replay, history after reload', async ({
  page,
}) => {
  await page.goto('/?model=blazepose-full#/live');
  await page.waitForFunction(() => 'squatCoachApp' in window);
  const id = await endSetFromFixture(page, CLIP);
  await expect(page).toHaveURL(new RegExp(`#/review/${id}$`));
  await expect(page.getByTestId('summary-rep-count')).toHaveText('2');
  await expect(page.getByTestId('summary-rep-row')).toHaveCount(2);
  await expect(page.getByTestId('review-status')).toHaveText('Saved to history.');
  await expect(page.getByTestId('pattern')).toContainText('Form looked good');
  await expect(page.getByTestId('pattern')).toContainText('physiotherapist');
  await expect(page.getByTestId('review-verdict')).toHaveText('All 2 reps clean.');
  // A front-view set: no plot for weight over the foot (a side-view measure), and the page says why.
  const charts = page.getByTestId('charts').getByTestId('chart');
  await expect(charts).toHaveCount(3);
  await expect(page.getByTestId('missing-plots')).toContainText('weight over the foot');
  // Each plot drew its lines, rep bands and threshold.
  for (const chart of await charts.all()) {
    await expect(chart.locator('rect.band-rep, rect.band-worst')).toHaveCount(2);
  }
  await expect(charts.first().locator('path.chart-line')).toHaveCount(2);
  await expectReviewAgrees(page);
  await expect(page.locator('tr.worst')).toHaveCount(1);
  await page.getByTestId('replay-rep').first().click();
  await page.screenshot({ path: 'docs/screenshot-review.png', fullPage: true });
  await expectReplayPlays(page);

  await page.reload();
  await expect(page.getByTestId('summary-rep-count')).toHaveText('2');
  await page.goto('/#/history');
  await expect(page.getByTestId('history-item')).toHaveCount(1);
  await expect(page.getByTestId('history-item')).toContainText('2 reps');
  // One session: no progress chart of a single dot, a note instead.
  await expect(page.getByTestId('history-trends').getByTestId('chart')).toHaveCount(0);
  await expect(page.getByTestId('history-trends-note')).toContainText('two sessions');
  await page.screenshot({ path: 'docs/screenshot-history.png', fullPage: true });
});

test('a set with faults: every cell past its limit is one of its rep’s cues, on the plots and in the pattern', async ({
  page,
}) => {
  // Made from the banded track: both knees' shanks rotated 18° inside their ankles and the left hip
  // dropped 10° over the bottom of every rep (tests/constructed/inject.ts).
  const track = editedBandedTrack((frames, reps) =>
    injectHipDrop(
      injectShankValgus(injectShankValgus(frames, 'left', 18, reps), 'right', 18, reps),
      10,
      'left',
      'bottom',
      reps,
    ),
  );
  await page.goto('/#/live');
  await page.waitForFunction(() => 'squatCoachApp' in window);
  await endSetFromFixture(page, CLIP, track);
  await expect(page.getByTestId('summary-rep-count')).toHaveText('2');
  const shown = await expectReviewAgrees(page);
  // The check above is not vacuous: faults are shown, in the table and on the plots.
  expect(shown.flatMap((r) => r.pastCells)).toContain('knees-out');
  expect(shown.flatMap((r) => r.cues)).toContain('knees-out');
  await expect(page.getByTestId('pattern')).toContainText('Knees caving in');
});

test('storage full: the set is still shown with a clear message, and nothing is saved', async ({ page }) => {
  // Every IndexedDB write fails as a full disk does.
  await page.addInitScript(() => {
    const quota = (): never => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = quota;
  });
  await page.goto('/#/live');
  await page.waitForFunction(() => 'squatCoachApp' in window);
  await endSetFromFixture(page, 'side-bodyweight-squat');
  await expect(page.getByTestId('summary-rep-count')).toHaveText('1');
  await expect(page.getByTestId('summary-rep-row')).toHaveCount(1);
  await expect(page.getByTestId('review-status')).toContainText('Storage on this device is full');
  await expect(page.getByTestId('review-status')).toContainText('still shown');
  await page.goto('/#/history');
  await expect(page.getByTestId('history-item')).toHaveCount(0);
});

test('fake-camera set: the live screen hands the set over; summary, plots, replay, history after reload', async ({
  baseURL,
}) => {
  test.setTimeout(240_000);
  const clip = FIXTURE_CLIPS.find((c) => c.file.startsWith(CLIP));
  if (clip === undefined) throw new Error('fixture clip missing');
  const browser = await launchChromium(fakeCameraArgs(resolve(y4mPathFor(clip.file))));
  try {
    const page = await browser.context.newPage();
    await page.goto(new URL('/?model=blazepose-full&backend=wasm#/live', baseURL).href);
    await page.getByRole('button', { name: 'Start camera' }).click();
    // The fake camera loops the clip: end the set once the live counter shows the clip's reps.
    await expect(page.getByTestId('rep-count')).toHaveText(String(clip.completeReps), { timeout: 150_000 });
    await page.keyboard.press('Space');
    await expect(page).toHaveURL(/#\/review\//, { timeout: 30_000 });
    const count = Number(await page.getByTestId('summary-rep-count').textContent());
    expect(count).toBe(clip.completeReps);
    await expect(page.getByTestId('summary-rep-row')).toHaveCount(count);
    await expect(page.getByTestId('charts').getByTestId('chart')).toHaveCount(3);
    // The recording is seekable: its WebM carries a duration close to the set's length.
    const setS = Number(
      /· (\d+\.\d) s/.exec((await page.getByTestId('review-details').textContent()) ?? '')?.[1],
    );
    const videoS = await page
      .getByTestId('replay-video')
      .evaluate(
        (v: HTMLVideoElement) =>
          new Promise<number>((resolve) =>
            v.readyState >= 1
              ? resolve(v.duration)
              : v.addEventListener('loadedmetadata', () => resolve(v.duration)),
          ),
      );
    expect(Number.isFinite(videoS), `video duration ${videoS}`).toBe(true);
    // The recorder starts before the first analysed frame and stops after the last: ≤ 3 s more.
    expect(videoS).toBeGreaterThanOrEqual(setS - 0.5);
    expect(videoS).toBeLessThan(setS + 3);
    await expect(page.getByTestId('review-status')).toContainText('Saved to history');
    // Good form: the table, the plots and the pattern agree rep by rep, and none marks a fault.
    const reps = await expectReviewAgrees(page);
    const faults = ['knees-out', 'hips-level', 'hips-back', 'chest-up', 'heels-down'];
    for (const r of reps)
      expect(
        r.pastCells.filter((c) => faults.includes(c)),
        `rep ${r.rep}`,
      ).toEqual([]);
    await expect(page.getByTestId('pattern')).toContainText('Form looked good');
    await page.screenshot({ path: 'docs/screenshot-review-camera.png', fullPage: true });
    await expectReplayPlays(page);
    await page.reload();
    await expect(page.getByTestId('summary-rep-count')).toHaveText(String(count));
    await page.goto(new URL('/#/history', baseURL).href);
    await expect(page.getByTestId('history-item')).toHaveCount(1);
  } finally {
    await browser.close();
  }
});

/** Every chart's text and label boxes, as laid out: for the readability checks below. */
async function chartLayout(page: Page): Promise<
  {
    fontPx: number[];
    svgTexts: number;
    labels: { cls: string; text: string; box: [number, number, number, number] }[];
    plot: [number, number, number, number];
    figure: [number, number, number, number];
    caption: string;
  }[]
> {
  return page.evaluate(() => {
    const box = (e: Element): [number, number, number, number] => {
      const r = e.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    };
    return [...document.querySelectorAll('[data-testid="charts"] figure.chart')].map((fig) => {
      const texty = [...fig.querySelectorAll<HTMLElement>('*')].filter((e) =>
        [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== ''),
      );
      return {
        fontPx: texty.map((e) => parseFloat(getComputedStyle(e).fontSize)),
        svgTexts: fig.querySelectorAll('svg text').length,
        labels: [
          ...fig.querySelectorAll(
            '.chart-band-label, .chart-xlabel, .chart-ylabel, .chart-threshold-label, .chart-head, .chart-strip-head',
          ),
        ].map((e) => ({ cls: e.className, text: e.textContent ?? '', box: box(e) })),
        plot: box(fig.querySelector('.chart-plot svg') ?? fig),
        figure: box(fig),
        caption: fig.querySelector('.chart-caption')?.textContent ?? '',
      };
    });
  });
}

const overlaps = (a: number[], b: number[]): boolean =>
  (a[0] ?? 0) < (b[2] ?? 0) - 0.5 &&
  (b[0] ?? 0) < (a[2] ?? 0) - 0.5 &&
  (a[1] ?? 0) < (b[3] ?? 0) - 0.5 &&
  (b[1] ?? 0) < (a[3] ?? 0) - 0.5;

test('charts read at every width: 11–14 px text, no label crossed or overlapped, thresholds written, one cursor, click seeks', async ({
  page,
}) => {
  // A faulted set (the left shank 18° inside its ankle, the left hip dropped 10°): cue markers and a
  // worst rep on every plot.
  const track = editedBandedTrack((frames, reps) =>
    injectHipDrop(injectShankValgus(frames, 'left', 18, reps), 10, 'left', 'bottom', reps),
  );
  await page.goto('/#/live');
  await page.waitForFunction(() => 'squatCoachApp' in window);
  await endSetFromFixture(page, CLIP, track);
  await expect(page.getByTestId('review-verdict')).toContainText('knees caved on rep');
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    const charts = await chartLayout(page);
    expect(charts.length).toBe(3);
    for (const c of charts) {
      const where = `${viewport.width} px, ${c.labels[0]?.text ?? '?'}`;
      expect(c.svgTexts, where).toBe(0);
      for (const px of c.fontPx) {
        expect(px, where).toBeGreaterThanOrEqual(11);
        expect(px, where).toBeLessThanOrEqual(14);
      }
      expect(c.caption, where).toMatch(/Dashed line.*\d/);
      expect(
        c.labels.some((l) => l.text.includes('worst')),
        where,
      ).toBe(true);
      for (const [i, a] of c.labels.entries()) {
        // No label sits on the plot, so no line can cross it ("rep 1 — worst" was crossed before).
        expect(overlaps(a.box, c.plot), `${where}: "${a.text}" on the plot`).toBe(false);
        expect(a.box[0], `${where}: "${a.text}" left of the chart`).toBeGreaterThanOrEqual(c.figure[0] - 0.5);
        expect(a.box[2], `${where}: "${a.text}" right of the chart`).toBeLessThanOrEqual(c.figure[2] + 0.5);
        for (const b of c.labels.slice(i + 1))
          expect(overlaps(a.box, b.box), `${where}: "${a.text}" over "${b.text}"`).toBe(false);
      }
    }
    // The replay is as wide as its column.
    const widths = await page.getByTestId('replay').evaluate((sec) => ({
      section: sec.getBoundingClientRect().width,
      video: sec.querySelector('video')?.getBoundingClientRect().width ?? 0,
    }));
    expect(widths.video).toBeGreaterThan(widths.section - 2);
    expect(widths.video).toBeGreaterThan(Math.min(300, viewport.width - 60));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // Hover one plot: every plot's cursor shows at that moment. Click: the replay seeks there.
  const plot = page.locator('.chart-plot').first();
  await plot.scrollIntoViewIfNeeded();
  const b = await plot.boundingBox();
  if (b === null) throw new Error('no plot');
  const [t0, t1] = await page
    .locator('figure.chart')
    .first()
    .evaluate((f) => [Number((f as HTMLElement).dataset['x0']), Number((f as HTMLElement).dataset['x1'])]);
  const wantMs = (t0 ?? 0) + 0.6 * ((t1 ?? 0) - (t0 ?? 0));
  await page.mouse.move(b.x + b.width * 0.6, b.y + b.height / 2);
  const cursors = page.getByTestId('chart-cursor');
  await expect(cursors).toHaveCount(3);
  const xs = await cursors.evaluateAll((els) =>
    els.map((e) => (e instanceof HTMLElement && !e.hidden ? Number(e.dataset['x']) : NaN)),
  );
  for (const x of xs) expect(Math.abs(x - wantMs)).toBeLessThan(0.01 * ((t1 ?? 0) - (t0 ?? 0)));
  await page.mouse.click(b.x + b.width * 0.6, b.y + b.height / 2);
  await expect
    .poll(() => page.getByTestId('replay-video').evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeCloseTo(wantMs / 1000, 0);
  await page.screenshot({ path: 'docs/screenshot-review-faults.png', fullPage: true });
});
