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
const viewNoXState = { group: ['xstate', '@xstate/*'], message: 'app/ bridges the machines (flows.svelte.ts); views read its state.' };
const noComponents = { group: ['**/*.svelte'], message: 'app/ holds the state; components/ and diagrams/ render it.' };

/** The folders of src/ that are layers (README, Layout); the files beside them (App.svelte, the chunks) join them up. */
const LAYERS = ['domain', 'shell', 'machines', 'lessons', 'i18n', 'app', 'components', 'diagrams', 'embed'];
/**
 * A dynamic import() loads a later part of its own layer (shell/lazyPart.ts, the lessons); only the
 * files beside the layers (App.svelte loading engineChunk.ts and workspaceChunk.ts) load across
 * them. esquery's regular expressions cannot hold a slash, hence \x2F.
 */
const ownChunks = (layer) => ({
  files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.svelte`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-syntax': ['error', {
      selector: `ImportExpression[source.value=/^(\\.\\.\\x2F)+(${LAYERS.filter((l) => l !== layer).join('|')})\\x2F/]`,
      message: 'A dynamic import() loads a part of its own layer; only the files beside the layers (engineChunk.ts, workspaceChunk.ts) load across them.',
    }],
  },
});

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
      'no-restricted-imports': ['error', { patterns: [noSvelte, noD3, noXState, upward(['shell', 'machines', 'app', 'components', 'diagrams', 'lessons', 'embed'])] }],
      // The domain runs in Node and in the browser alike: no DOM.
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'HTMLElement', 'location'],
    },
  },
  {
    files: ['src/shell/**/*.ts', 'src/machines/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noSvelte, noD3, upward(['app', 'components', 'diagrams', 'lessons', 'embed'])] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'HTMLElement', 'location'],
    },
  },
  {
    // Lessons are data over the engine: they run headlessly in `sim` and in Node tests.
    files: ['src/lessons/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noSvelte, noD3, noXState, upward(['machines', 'app', 'components', 'diagrams', 'embed'])] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'HTMLElement', 'location'],
    },
  },
  {
    // Messages and the glossary: the domain's explanations read the glossary, so i18n/ stays below the app.
    files: ['src/i18n/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noD3, noXState, upward(['shell', 'machines', 'app', 'components', 'diagrams', 'embed'])] }] },
  },
  {
    // The runes state over the engine: it may import domain/, shell/, machines/, lessons/ and i18n/, and no view.
    files: ['src/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noD3, noComponents, upward(['components', 'diagrams', 'embed'])] }] },
  },
  {
    // Thin views: they render app/'s state and host the diagrams' Svelte wrappers (MeshPanel.svelte holds MeshGraph.svelte).
    files: ['src/components/**/*.ts', 'src/components/**/*.svelte'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        noD3,
        viewNoXState,
        upward(['embed']),
      ] }],
    },
  },
  {
    // A diagram draws the view model it is given: domain/ data and app/'s view types (app/flowView.ts), never app/'s state or a component.
    files: ['src/diagrams/**/*.ts', 'src/diagrams/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        viewNoXState,
        upward(['shell', 'machines', 'lessons', 'components', 'embed']),
        { group: ['**/app/**'], allowTypeImports: true, message: 'A diagram imports only types from app/: the app hands it the values.' },
      ] }],
    },
  },
  ...LAYERS.map(ownChunks),
);
