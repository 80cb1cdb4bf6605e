import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const noSvelte = { group: ['svelte', 'svelte/*', '*.svelte', '@xstate/svelte'], message: 'This layer is pure TS: no Svelte.' };
const noD3 = { group: ['d3', 'd3-*'], message: 'Drawing lives in diagrams/.' };
const noXState = { group: ['xstate', '@xstate/*'], message: 'domain/ never imports machines.' };
const upward = (layers) => ({ group: layers.map((l) => `**/${l}/**`), message: 'Layers only import downwards.' });

export default defineConfig(
  { ignores: ['dist/', 'dist-lib/', 'dist-bench-empty/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [noSvelte, noD3, noXState, upward(['shell', 'machines', 'app', 'components', 'diagrams', 'lessons'])] }],
      // The domain runs in Node and in the browser alike: no DOM.
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'HTMLElement', 'location'],
    },
  },
  {
    files: ['src/shell/**/*.ts', 'src/machines/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noSvelte, noD3, upward(['app', 'components', 'diagrams'])] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'HTMLElement', 'location'],
    },
  },
  {
    // Lessons are data over the engine: they run headlessly in `sim` and in Node tests.
    files: ['src/lessons/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noSvelte, noD3, noXState, upward(['machines', 'app', 'components', 'diagrams'])] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'HTMLElement', 'location'],
    },
  },
);
