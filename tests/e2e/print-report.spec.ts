/**
 * The report for a physiotherapist, end to end: two sets of one workout are saved through the
 * end-of-set contract, the review links to the workout's report, and the report printed to PDF by
 * Chromium (`page.pdf()` under print media, as "Save as PDF" does) holds each set's verdict line and
 * every value of its per-rep table, the limits and the "guidance, not a diagnosis" note, without the
 * app's navigation or controls and without video frames unless the box is ticked.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import type {} from '../../src/app/main';
import type * as analysisCore from '../../src/core';
import { injectShankValgus } from '../constructed/inject';
import { editedBandedTrack } from './banded-track';

type AnalysisModule = typeof analysisCore;
const CLIP = 'front-oblique-banded-squats';
const ANALYSIS_URL = '/src/core/index.ts';

/** Saves one set of workout `workoutId` from `track` and the fixture's video; returns its id. */
async function saveSet(page: Page, track: unknown, workoutId: string, setIndex: number): Promise<string> {
  const videoB64 = readFileSync(resolve('fixtures', `${CLIP}.mp4`)).toString('base64');
  return page.evaluate(
    async ({ track, videoB64, analysisUrl, workoutId, setIndex }) => {
      const analysis = (await import(analysisUrl)) as AnalysisModule;
      const parsed = analysis.parsePoseTrack(track);
      const id = crypto.randomUUID();
      await window.squatCoachApp.onSetEnded({
        id,
        startedAtMs: Date.now() + setIndex * 60_000,
        source: 'camera',
        fileName: null,
        summary: analysis.analyzeFrames(analysis.poseTrackToFrames(parsed)),
        track: parsed,
        video: new Blob([Uint8Array.from(atob(videoB64), (c) => c.charCodeAt(0))], { type: 'video/mp4' }),
        videoOffsetMs: 0,
        workout: { id: workoutId, setIndex, setsPlanned: 2, repTarget: 2 },
      });
      return id;
    },
    { track, videoB64, analysisUrl: ANALYSIS_URL, workoutId, setIndex },
  );
}

/** Text without any white space: PDF text runs split and join words differently from the DOM. */
const squash = (s: string): string => s.replace(/\s+/g, '');

test('print report: the PDF holds each set’s verdict, its per-rep table and the note; no frames unless asked', async ({
  page,
}) => {
  const good = JSON.parse(
    readFileSync(resolve(`fixtures/tracks/${CLIP}.blazepose-full.pose-track.json`), 'utf8'),
  ) as unknown;
  // The second set: the left shank rotated 18° inside its ankle over every rep (knees caving).
  const caved = editedBandedTrack((frames, reps) => injectShankValgus(frames, 'left', 18, reps));
  await page.goto('/#/live');
  await page.waitForFunction(() => 'squatCoachApp' in window);
  const workoutId = `w-${Date.now()}`;
  await saveSet(page, good, workoutId, 0);
  await saveSet(page, caved, workoutId, 1);
  await expect(page.getByTestId('review-verdict')).toContainText('knees caved');

  await page.getByTestId('report-link').click();
  await expect(page).toHaveURL(new RegExp(`#/report/workout/${workoutId}$`));
  const sets = page.getByTestId('report-set');
  await expect(sets).toHaveCount(2);
  await expect(page.getByTestId('report-overview')).toContainText('2 sets');
  await expect(page.locator('[data-testid="report"] img')).toHaveCount(0);

  // What the PDF must hold, read from the report as drawn: verdicts and every table cell.
  const shown = await sets.evaluateAll((els) =>
    els.map((el) => ({
      verdict: el.querySelector('[data-testid="review-verdict"]')?.textContent ?? '',
      cells: [
        ...el.querySelectorAll('[data-testid="summary-rep-row"] th, [data-testid="summary-rep-row"] td'),
      ]
        .map((c) => c.textContent ?? '')
        .filter((t) => t.trim() !== ''),
    })),
  );
  expect(shown.map((s) => s.verdict)).toEqual([
    'All 2 reps clean.',
    expect.stringMatching(/^\d of 2 reps clean; knees caved on reps? [\d and]+\.$/),
  ]);
  expect(shown[1]?.cells.some((c) => c.includes('inside foot'))).toBe(true);

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('report-print')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  const pdfText = squash(text);
  for (const s of shown) {
    expect(pdfText, `verdict "${s.verdict}"`).toContain(squash(s.verdict));
    for (const c of s.cells) expect(pdfText, `table cell "${c}"`).toContain(squash(c));
  }
  expect(pdfText).toContain(squash('guidance, not a diagnosis'));
  expect(pdfText).toContain(squash('“drive your knees out” when a knee stays more than'));
  expect(pdfText).toContain(squash('What the pattern suggests'));
  // The app's chrome and the report's controls are not printed.
  expect(pdfText).not.toContain(squash('Analyse a video'));
  expect(pdfText).not.toContain(squash('Print / Save as PDF'));
  await page.screenshot({ path: 'docs/screenshot-print-report.png', fullPage: true });

  // Frames only when asked: ticking the box adds one decoded frame per set.
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('report-frames').check();
  const img = page.getByTestId('report-frame');
  await expect(img).toHaveCount(2);
  expect(await img.first().evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(100);
});
