/**
 * The import rule (scripts/lint/layers.js, in eslint.config.js): arrows only point down. Linted with
 * the project's own ESLint config on text placed at real paths, so a wrong-way import is caught
 * exactly as `npm run lint` would catch it.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(import.meta.dirname, '../..', filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/only-down').map((m) => m.message);
}

describe('layers/only-down', () => {
  it('the core may not import a view, a feature or the pose client', async () => {
    expect(
      await layerErrors(
        'src/core/math/zz.ts',
        "import { h } from '../../ui-kit/dom';\nexport const x = h;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        'src/core/zz.ts',
        "import { LiveApp } from '../features/live/live-app';\nexport const x = LiveApp;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        'src/core/zz.ts',
        "import { PoseClient } from '../pose/client';\nexport const x = PoseClient;\n",
      ),
    ).toHaveLength(1);
  });

  it('features may not import each other; ui-kit and storage may not import features or app', async () => {
    expect(
      await layerErrors(
        'src/features/review/zz.ts',
        "import { LiveApp } from '../live/live-app';\nexport const x = LiveApp;\n",
      ),
    ).toEqual([
      'features/review may not import features/live (../live/live-app): imports point only down the layers.',
    ]);
    expect(
      await layerErrors(
        'src/ui-kit/zz.ts',
        "import { reviewModel } from '../features/review/review-model';\nexport const x = reviewModel;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        'src/storage/zz.ts',
        "import { startRouter } from '../app/router';\nexport const x = startRouter;\n",
      ),
    ).toHaveLength(1);
  });

  it('downward imports are fine', async () => {
    expect(
      await layerErrors(
        'src/features/live/zz.ts',
        "import { cueRule } from '../../core';\nexport const x = cueRule;\n",
      ),
    ).toEqual([]);
    expect(
      await layerErrors(
        'src/app/zz.ts',
        "import { reviewModel } from '../features/review/review-model';\nexport const x = reviewModel;\n",
      ),
    ).toEqual([]);
    expect(
      await layerErrors(
        'src/storage/zz.ts',
        "import { analyseTrack } from '../domain/set-record';\nexport const x = analyseTrack;\n",
      ),
    ).toEqual([]);
  });
});
