/**
 * docs/benchmarks.md is shared by several benchmark scripts: each owns one `## ` section and
 * replaces only that one, leaving the others as they were.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { format, resolveConfig } from 'prettier';
import { PROJECT_ROOT } from './paths';

const DOC = `${PROJECT_ROOT}docs/benchmarks.md`;
const HEADER =
  '# Benchmarks\n\nWritten by the benchmark scripts (`npm run bench:*`); each section is replaced when its script runs again.\n';

export function machineLine(extra = ''): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${extra}; run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
}

/**
 * Replaces (or appends) the section `## title` with `body`, formatted as the project's Prettier
 * would, so `prettier --check .` stays clean; other sections are left byte for byte.
 */
export async function writeBenchmarkSection(title: string, body: string): Promise<void> {
  const text = existsSync(DOC) ? readFileSync(DOC, 'utf8') : HEADER;
  const heading = `## ${title}`;
  const config = (await resolveConfig(DOC)) ?? {};
  const fresh = `${(await format(`${heading}\n\n${body.trim()}\n`, { ...config, parser: 'markdown' })).trimEnd()}\n\n`;
  const sections = text.split(/^(?=## )/m);
  const i = sections.findIndex((s) => s.startsWith(`${heading}\n`));
  if (i >= 0) sections[i] = fresh;
  else sections.push(fresh);
  writeFileSync(DOC, `${sections.join('').trimEnd()}\n`);
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

/** Nearest-rank quantile, q in [0, 1]. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}
