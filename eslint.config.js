import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './scripts/lint/layers.js';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'public/models', 'test-results', 'playwright-report', '.cache'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Arrows point only down: core ← domain, pose, media, storage, ui-kit ← features ← app.
    files: ['src/**/*.ts', 'workers/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/only-down': 'error' },
  },
  {
    // The analysis core is pure: no DOM, no tfjs, no comlink, no clock. Time arrives as tMs.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['@tensorflow/*', '@tensorflow-models/*', 'comlink', 'idb'],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'performance', 'navigator', 'self'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now' }],
    },
  },
);
