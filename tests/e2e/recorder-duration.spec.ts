/**
 * The recorder's remux on a real MediaRecorder WebM (Chromium records a canvas for ~2.5 s): the raw
 * recording has no duration (a <video> reports Infinity), the remuxed one has a finite duration
 * close to the recording's length, keeps the first frame's timestamp, and seeks to a time.
 */
import { test, expect } from '@playwright/test';
import type * as recorderModule from '../../src/media/recorder';

const RECORDER_URL = '/src/media/recorder.ts';
/** How long the canvas is recorded, ms. */
const RECORD_MS = 2500;

test('a MediaRecorder WebM gets a finite duration and seeks after withDuration', async ({ page }) => {
  await page.goto('/#/history');
  const result = await page.evaluate(
    async ({ url, recordMs }) => {
      const { withDuration } = (await import(url)) as typeof recorderModule;
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const ctx = canvas.getContext('2d');
      let frame = 0;
      const timer = setInterval(() => {
        if (!ctx) return;
        ctx.fillStyle = `hsl(${(frame * 37) % 360} 70% 50%)`;
        ctx.fillRect(0, 0, 320, 240);
        frame++;
      }, 33);
      const chunks: Blob[] = [];
      const rec = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm;codecs=vp8' });
      rec.addEventListener('dataavailable', (e) => chunks.push(e.data));
      const stopped = new Promise((r) => rec.addEventListener('stop', r, { once: true }));
      rec.start(1000);
      await new Promise((r) => setTimeout(r, recordMs));
      rec.stop();
      await stopped;
      clearInterval(timer);
      const raw = new Blob(chunks, { type: 'video/webm' });
      const fixed = await withDuration(raw);
      const durationOf = (b: Blob): Promise<{ duration: number; seekedTo: number }> =>
        new Promise((resolve, reject) => {
          const v = document.createElement('video');
          v.muted = true;
          v.src = URL.createObjectURL(b);
          v.addEventListener('error', () => reject(new Error('video error')));
          v.addEventListener('loadedmetadata', () => {
            const duration = v.duration;
            v.addEventListener('seeked', () => resolve({ duration, seekedTo: v.currentTime }), {
              once: true,
            });
            v.currentTime = 1.2;
          });
        });
      return {
        rawSize: raw.size,
        fixedSize: fixed.size,
        same: fixed === raw,
        raw: await durationOf(raw),
        fixed: await durationOf(fixed),
      };
    },
    { url: RECORDER_URL, recordMs: RECORD_MS },
  );
  console.log(
    `recorded ${result.rawSize} B: raw duration ${result.raw.duration}, remuxed ${result.fixed.duration.toFixed(3)} s (${result.fixedSize} B), seek to 1.2 s → ${result.fixed.seekedTo.toFixed(3)} s`,
  );
  expect(result.rawSize).toBeGreaterThan(1000);
  // Without the fix the browser cannot tell the length.
  expect(result.raw.duration).toBe(Infinity);
  expect(result.same).toBe(false);
  expect(Number.isFinite(result.fixed.duration)).toBe(true);
  // The recording runs for RECORD_MS; the first chunk's frames start within ~0.3 s of start().
  expect(result.fixed.duration).toBeGreaterThan(RECORD_MS / 1000 - 0.6);
  expect(result.fixed.duration).toBeLessThan(RECORD_MS / 1000 + 0.4);
  expect(result.fixed.seekedTo).toBeCloseTo(1.2, 1);
  // Packets copied, not re-encoded: the size stays within a few kB of container overhead.
  expect(Math.abs(result.fixedSize - result.rawSize)).toBeLessThan(result.rawSize * 0.1 + 4096);
});
