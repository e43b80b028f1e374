/**
 * npm run eval [-- --no-fail]
 *
 * Replays every committed fixture track and every constructed case (tests/constructed/cases.ts)
 * through the analysis core, in Node: no model, no browser. Prints one table (case, how it was made,
 * what is true, what the app says, pass or fail) and writes the same table to docs/accuracy.md.
 * Exits 1 when a case fails, unless --no-fail is given.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { CASES } from '../tests/constructed/cases';
import { OPEN_CASES } from '../tests/constructed/open-cases';
import { runCase, type CaseOutcome } from '../tests/constructed/check';

const DOC_PATH = resolve(import.meta.dirname, '../docs/accuracy.md');
/** Column widths of the printed table, characters. */
const COLUMNS = [
  { title: 'case', width: 30 },
  { title: 'how it was made', width: 44 },
  { title: 'what is true', width: 44 },
  { title: 'what the app says', width: 60 },
  { title: 'result', width: 6 },
] as const;

const truthCell = (o: CaseOutcome): string[] => o.checks.map((c) => c.truth);
const saidCell = (o: CaseOutcome): string[] => o.checks.map((c) => `${c.pass ? '✓' : '✗'} ${c.said}`);
const result = (o: CaseOutcome): string => (o.pass ? 'PASS' : OPEN_CASES[o.id] ? 'FAIL (open)' : 'FAIL');

/** Greedy word wrap to `width` characters; a word longer than the width is cut. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function textTable(outcomes: readonly CaseOutcome[]): string {
  const rule = COLUMNS.map((c) => '-'.repeat(c.width)).join('-+-');
  const row = (cells: readonly (readonly string[])[]): string => {
    const wrapped = cells.map((paras, i) =>
      paras.flatMap((p) => wrap(p, (COLUMNS[i] as { width: number }).width)),
    );
    const height = Math.max(...wrapped.map((w) => w.length));
    const lines: string[] = [];
    for (let j = 0; j < height; j++)
      lines.push(
        wrapped.map((w, i) => (w[j] ?? '').padEnd((COLUMNS[i] as { width: number }).width)).join(' | '),
      );
    return lines.join('\n');
  };
  const out = [row(COLUMNS.map((c) => [c.title])), rule];
  for (const o of outcomes) out.push(row([[o.id], [o.how], truthCell(o), saidCell(o), [result(o)]]), rule);
  return out.join('\n');
}

const md = (s: string): string => s.replace(/\|/g, '\\|');

function markdown(outcomes: readonly CaseOutcome[]): string {
  const passed = outcomes.filter((o) => o.pass).length;
  const lines = [
    '# Accuracy on constructed cases',
    '',
    'Written by `npm run eval` (scripts/eval.ts); do not edit by hand. It replays every committed',
    'fixture track (`fixtures/tracks/`) and every constructed case (`tests/constructed/cases.ts`)',
    'through the analysis core in Node. It needs no model and no browser: the cases are pose tracks,',
    'made from the fixture tracks by the generators in `tests/constructed/` (each says exactly how).',
    'A case the app does not meet yet is listed in `tests/constructed/open-cases.ts` with its reason',
    '(below); every other case must pass: `npm run eval` exits 1 when one fails (`--no-fail`: always 0),',
    'and the same checks run as Vitest tests in `tests/golden/constructed.test.ts`.',
    '',
    `**${passed} of ${outcomes.length} cases pass.** In "what the app says", ✓ / ✗ mark each truth.`,
    '',
    '## Open cases',
    '',
    ...Object.entries(OPEN_CASES).map(([id, why]) => `- \`${id}\`: ${md(why)}`),
    '',
    '## All cases',
    '',
    '| case | how it was made | what is true | what the app says | result |',
    '| --- | --- | --- | --- | --- |',
    ...outcomes.map(
      (o) =>
        `| \`${o.id}\` | ${md(o.how)} | ${truthCell(o).map(md).join('<br>')} | ${saidCell(o).map(md).join('<br>')} | **${result(o)}** |`,
    ),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'no-fail': { type: 'boolean', default: false } } });
  const t0 = performance.now();
  const outcomes = CASES.map(runCase);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${textTable(outcomes)}\n`);
  // Formatted as `prettier --check .` (npm run lint) expects it.
  const config = (await resolveConfig(DOC_PATH)) ?? {};
  writeFileSync(DOC_PATH, await format(markdown(outcomes), { ...config, parser: 'markdown' }));
  const failed = outcomes.filter((o) => !o.pass);
  const unexpected = failed.filter((o) => OPEN_CASES[o.id] === undefined);
  process.stdout.write(
    `\n${outcomes.length - failed.length} of ${outcomes.length} cases pass, ${failed.length - unexpected.length} open, ${unexpected.length} failing unexpectedly (${seconds.toFixed(1)} s); wrote ${DOC_PATH}\n`,
  );
  if (unexpected.length > 0 && values['no-fail'] !== true) process.exitCode = 1;
}

await main();
