/**
 * Licence notices for the pose worker's bundle. The worker is built without its legal comments
 * (each tfjs module repeats the same Apache-2.0 header), so the notices ship once instead: a plugin
 * in the worker build records which packages went in, and a plugin in the app build writes their
 * names, versions and licence texts to `worker-licenses.md` next to Vite's own `licenses.md`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** The package folder holding a module: the last `node_modules/<name>` or `node_modules/@scope/<name>` in its path. */
function packageDirOf(moduleId: string): string | null {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(moduleId.replace(/\\/g, '/'));
  return m?.[1] ?? null;
}

function noticeOf(dir: string): string {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : '(no licence file in the package)';
  return `## ${pkg.name} ${pkg.version} (${pkg.license ?? 'see text'})\n\n\`\`\`\n${text}\n\`\`\`\n`;
}

/** One collector shared by the two plugins of a build. */
export function workerLicensePlugins(): { collect: Plugin; emit: Plugin } {
  const dirs = new Set<string>();
  return {
    collect: {
      name: 'squat-coach:worker-license-collect',
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk') continue;
          for (const id of chunk.moduleIds) {
            const dir = packageDirOf(id);
            if (dir !== null && existsSync(join(dir, 'package.json'))) dirs.add(dir);
          }
        }
      },
    },
    emit: {
      name: 'squat-coach:worker-license-emit',
      apply: 'build',
      generateBundle() {
        if (dirs.size === 0) return;
        const notices = [...dirs].sort((a, b) => a.localeCompare(b)).map(noticeOf);
        this.emitFile({
          type: 'asset',
          fileName: 'worker-licenses.md',
          source: `# Licences of the packages bundled into the pose worker\n\n${notices.join('\n')}`,
        });
      },
    },
  };
}
