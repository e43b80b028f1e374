import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
    // The analysis core is pure: no DOM, no tfjs, no comlink, no clock. Time arrives as tMs.
    files: ['src/analysis/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['@tensorflow/*', '@tensorflow-models/*', 'comlink', '../app/*', '../ui/*', '../media/*'],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'performance', 'navigator', 'self'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now' }],
    },
  },
);
