/**
 * The production build served as users get it: `vite build` into a temporary folder, then
 * `vite preview` of it on a free loopback port (same COOP/COEP headers as the dev server). For
 * scripts and tests whose subject is the built bundle: its size, its minified worker, its start-up.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { PROJECT_ROOT } from './paths';

export interface ProdServer {
  url: string;
  outDir: string;
  close: () => Promise<void>;
}

export async function buildAndPreview(): Promise<ProdServer> {
  const outDir = mkdtempSync(join(tmpdir(), 'squat-coach-dist-'));
  const configFile = `${PROJECT_ROOT}vite.config.ts`;
  await build({ root: PROJECT_ROOT, configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root: PROJECT_ROOT,
    configFile,
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
  });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('vite preview did not report its URL');
  return {
    url,
    outDir,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** The pose worker's bundle in a build: its file name, bytes and gzip bytes. */
export function workerBundleOf(outDir: string): { file: string; bytes: number; gzipBytes: number } {
  const file = readdirSync(join(outDir, 'assets')).find((f) => /^pose\.worker-.*\.js$/.test(f));
  if (file === undefined) throw new Error(`no pose worker bundle in ${outDir}/assets`);
  const code = readFileSync(join(outDir, 'assets', file));
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length };
}
