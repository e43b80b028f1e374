/** Runs the real browser pipeline (harness page → pose worker → model) over a video file. */
import type { Page } from 'playwright';
import type { PoseTrack } from '../../src/core/pose/pose-track';
import type { DecodePath, ExtractStats } from '../../src/features/file/extract-track';
import type { FileDecodeThread, FileSampling, InitReport } from '../../src/pose/contract';
import type { BackendChoice, ModelId } from '../../src/pose/models';
import type {} from '../../src/harness/analyze';

export interface HarnessResult {
  track: PoseTrack;
  stats: ExtractStats;
  init: InitReport;
}

export async function runHarness(
  page: Page,
  appUrl: string,
  videoPath: string,
  options: {
    model: ModelId;
    backend: BackendChoice;
    /** Decode path ('auto': WebCodecs, else <video>) and which frames are analysed (absent: all). */
    path?: 'auto' | DecodePath;
    sampling?: FileSampling;
    engine?: 'file-screen';
    wasmThreads?: number;
    /** Where a frame decoded in the decode worker is converted (absent: there, as the app does). */
    convertIn?: FileDecodeThread;
    /** Decode the frames that could be passed over too (absent: passed over, as the app does). */
    decodeUnneeded?: boolean;
  },
): Promise<HarnessResult> {
  await page.goto(new URL('src/harness/analyze.html', appUrl).href);
  await page.waitForFunction(() => 'squatCoachHarness' in window);
  await page.setInputFiles('#file', videoPath);
  return page.evaluate((o) => window.squatCoachHarness.run(o), options);
}
