/**
 * ESLint rule `layers/only-down`: an import may only point at its own layer or a layer below it.
 * Layers are folders (README "Layout"); LAYER_RULES is the whole policy in one table.
 */
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = dirname(dirname(dirname(new URL(import.meta.url).pathname)));

/** Layer of a repo-relative path, or null for files outside the layered tree (tests, scripts). */
export function layerOf(repoPath) {
  const p = repoPath.split(sep).join('/');
  const feature = /^src\/features\/([^/]+)\//.exec(p);
  if (feature) return `features/${feature[1]}`;
  if (p.startsWith('src/pose/worker/')) return 'pose/worker';
  for (const layer of ['core', 'domain', 'pose', 'media', 'storage', 'ui-kit', 'app', 'harness'])
    if (p.startsWith(`src/${layer}/`)) return layer;
  if (p.startsWith('workers/')) return 'workers';
  return null;
}

const BELOW_FEATURES = ['core', 'domain', 'pose', 'media', 'storage', 'ui-kit'];

/** What each layer may import, besides itself. A feature may not import another feature. */
export const LAYER_RULES = {
  core: [],
  domain: ['core'],
  pose: ['core'],
  'pose/worker': ['core', 'pose'],
  media: ['core'],
  storage: ['core', 'domain', 'pose'],
  'ui-kit': ['core'],
  features: BELOW_FEATURES,
  app: [...BELOW_FEATURES, 'features'],
  harness: [...BELOW_FEATURES, 'features', 'pose/worker'],
  workers: ['core', 'pose', 'pose/worker'],
};

function allowed(from, to) {
  if (from === to) return true;
  const rules = LAYER_RULES[from.startsWith('features/') ? 'features' : from] ?? [];
  return rules.includes(to.startsWith('features/') && !from.startsWith('features/') ? 'features' : to);
}

const onlyDown = {
  meta: {
    type: 'problem',
    docs: { description: 'imports point only down the layers (README "Layout")' },
    messages: { wrongWay: '{{from}} may not import {{to}} ({{spec}}): imports point only down the layers.' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(relative(ROOT, file));
    if (from === null) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = layerOf(relative(ROOT, resolve(dirname(file), spec)) + '/');
      if (to === null || allowed(from, to)) return;
      context.report({ node, messageId: 'wrongWay', data: { from, to, spec } });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};

export default { rules: { 'only-down': onlyDown } };
