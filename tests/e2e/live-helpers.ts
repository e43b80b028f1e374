/**
 * Shared set-up of the live-screen browser tests: padded fake-camera clips, page spies, and the
 * clip durations the tests reason about.
 */
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import type { Page } from '@playwright/test';
import { framesToPoseTrack } from '../../src/core/pose/pose-track';
import { KEYPOINT_NAMES, type PoseFrame } from '../../src/core/pose/keypoints';
import { FIXTURE_CLIPS, toY4m, y4mPathFor } from './clips';

/** Black lead-in before the clip, s: the live loop is running before the person appears. */
export const PAD_BEFORE_S = 2;
/**
 * Black tail after the clip, s: longer than the app's walk-away time (3 s), so a set ends hands-free
 * before Chromium's fake camera loops the clip and starts a second pass.
 */
export const PAD_AFTER_S = 6;

/**
 * The clip's y4m with black padding before and after (cached next to the plain one); a fixture clip
 * with `holdFirstFrameS` has its first frame held that long after the black lead-in.
 */
export function paddedY4m(clipFile: string): string {
  const src = y4mPathFor(clipFile);
  const holdS = FIXTURE_CLIPS.find((c) => c.file === basename(clipFile))?.holdFirstFrameS ?? 0;
  const hold = holdS > 0 ? `tpad=start_duration=${holdS}:start_mode=clone,` : '';
  return toY4m(
    src,
    src.replace(/\.y4m$/, holdS > 0 ? `.padded-hold${holdS}s.y4m` : '.padded.y4m'),
    `${hold}tpad=start_duration=${PAD_BEFORE_S}:stop_duration=${PAD_AFTER_S}:color=black`,
  );
}

export function clipDurationS(clipFile: string): number {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    `fixtures/${clipFile}`,
  ]);
  return Number(out.toString().trim());
}

/**
 * Spies installed before the page's scripts: every `speechSynthesis.speak` text, and every cue id
 * the cue element ever showed (a cue may show for only a second).
 */
export async function installSpies(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __spoken: string[]; __cues: string[] };
    w.__spoken = [];
    w.__cues = [];
    const synth = window.speechSynthesis;
    const speak = synth.speak.bind(synth);
    synth.speak = (u: SpeechSynthesisUtterance): void => {
      w.__spoken.push(u.text);
      speak(u);
    };
    document.addEventListener('DOMContentLoaded', () => {
      const cue = document.querySelector('[data-testid="cue"]');
      if (cue === null) return;
      new MutationObserver(() => {
        const id = cue.getAttribute('data-cue-id');
        if (id !== null && w.__cues[w.__cues.length - 1] !== id) w.__cues.push(id);
      }).observe(cue, { attributes: true, attributeFilter: ['data-cue-id'] });
    });
  });
}

export const spoken = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
export const cuesSeen = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __cues: string[] }).__cues);

export const repCount = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('rep-count').textContent());

/** Opens the live screen and waits until the model is loaded (so Start only waits for the camera). */
export async function openLive(page: Page, query = '?model=blazepose-full&backend=wasm'): Promise<void> {
  await page.goto(`/${query}#/live`);
  // 'attached': the engine line sits in the collapsed "Advanced" section, so it is never visible here.
  await page
    .getByTestId('engine')
    .filter({ hasText: 'blazepose' })
    .waitFor({ state: 'attached', timeout: 120_000 });
}

/**
 * Replays BlazePose frames (a fixture track, possibly with a constructed fault) through the live
 * pipeline after the worker (`squatCoachTest.replayTrack`), at `speed` × real time (cues are timed by
 * the track's own clock); resolves to the reps counted.
 */
export async function replayLive(
  page: Page,
  frames: readonly PoseFrame[],
  fps: number,
  speed: number,
): Promise<number> {
  const first = frames[0] as PoseFrame;
  const track = framesToPoseTrack(frames, {
    width: first.widthPx,
    height: first.heightPx,
    fps,
    model: 'blazepose-full',
    keypointNames: KEYPOINT_NAMES,
  });
  return page.evaluate(
    async ([t, s]) =>
      (
        window as unknown as { squatCoachTest: { replayTrack: (t: unknown, s: number) => Promise<number> } }
      ).squatCoachTest.replayTrack(t, s as number),
    [track, speed] as const,
  );
}
