/**
 * npm run cross-model [-- --models blazepose-lite,blazepose-full,blazepose-heavy]
 *
 * How far a change of pose model alone moves what the app says. Every fixture video, and the warped
 * half-squat clips (fixtures/warped/), run through the real pipeline (the harness page, the pose
 * worker, the model on wasm, every frame) once per model; the analysis is the same code for all.
 * Prints two Markdown tables: per good-form clip and model, the reps and the cues with each rep's
 * sustained pelvic drop and knee FPPA; per model, the change of each knee's FPPA from the control
 * to each warped clip (the line: the warped knee 20 ± 6°, the other < 3°). The figures in
 * docs/metrics.md ("Across BlazePose variants") come from it. Takes ~15 min on 2 cores.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeFrames, poseTrackToFrames, type SetSummary } from '../src/core';
import { isModelId, type ModelId } from '../src/pose/models';
import { deg } from '../tests/constructed/check';
import { kneeChanges, WARPED_CLIPS, warpedVideo } from '../tests/golden/warped';
import { startAppServer } from './lib/app-server';
import { launchChromium } from './lib/chromium';
import { FIXTURE_VIDEOS, PROJECT_ROOT } from './lib/paths';
import { runHarness } from './lib/run-harness';

const DEFAULT_MODELS: readonly ModelId[] = ['blazepose-lite', 'blazepose-full', 'blazepose-heavy'];

const degOrDash = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : deg(v));

function clipRow(clip: string, model: ModelId, s: SetSummary): string {
  const cues = s.cues.map((c) => `${c.id} (rep ${c.rep ?? '—'})`).join(', ') || 'none';
  const drops = s.reps.map((r) => (r.pelvicDropDeg === null ? '—' : `${r.pelvicDropDeg.value.toFixed(1)}°`));
  const knees = s.reps.map(
    (r) => `L ${degOrDash(r.kneeValgusDeg?.left)} R ${degOrDash(r.kneeValgusDeg?.right)}`,
  );
  return `| ${clip} | ${model} | ${s.repCount} (+${s.partialReps} partial) | ${cues} | ${drops.join(', ')} | ${knees.join('; ')} |`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { models: { type: 'string' } } });
  const models = values.models === undefined ? DEFAULT_MODELS : values.models.split(',');
  for (const m of models) if (!isModelId(m)) throw new Error(`unknown model "${m}"`);
  const { url, server } = await startAppServer();
  const browser = await launchChromium();
  const summarize = async (path: string, model: ModelId): Promise<SetSummary> => {
    const page = await browser.context.newPage();
    try {
      const r = await runHarness(page, url, path, { model, backend: 'wasm' });
      process.stderr.write(`cross-model: ${path.slice(PROJECT_ROOT.length)} with ${r.init.model}\n`);
      return analyzeFrames(poseTrackToFrames(r.track));
    } finally {
      await page.close();
    }
  };
  try {
    const clipRows: string[] = [];
    const warpRows: string[] = [];
    for (const model of models as ModelId[]) {
      for (const clip of FIXTURE_VIDEOS)
        clipRows.push(clipRow(clip, model, await summarize(join(PROJECT_ROOT, 'fixtures', clip), model)));
      // One at a time: each page runs its own model, and two would share the cores.
      const summaries: SetSummary[] = [];
      for (const v of WARPED_CLIPS)
        summaries.push(await summarize(join(PROJECT_ROOT, warpedVideo(v)), model));
      const [control, ...warped] = summaries;
      if (control === undefined) throw new Error('internal: no control summary');
      warped.forEach((w, i) => {
        const changes = kneeChanges(control, w).map((c) => `L ${degOrDash(c.left)} R ${degOrDash(c.right)}`);
        warpRows.push(`| ${WARPED_CLIPS[i + 1]} | ${model} | ${changes.join('; ')} |`);
      });
    }
    process.stdout.write(
      [
        '| good-form clip | model | reps | cues | pelvic drop per rep | knee FPPA per rep |',
        '| --- | --- | --- | --- | --- | --- |',
        ...clipRows,
        '',
        '| warped clip | model | knee FPPA change from the control, per rep |',
        '| --- | --- | --- |',
        ...warpRows,
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`cross-model: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
