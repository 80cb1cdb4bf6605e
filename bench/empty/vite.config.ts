import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

/** The baseline for bench/ui.ts: an empty Svelte page with one input, built like the app. */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  plugins: [svelte()],
  build: { outDir: new URL('../../dist-bench-empty/', import.meta.url).pathname, emptyOutDir: true, target: 'es2022' },
});
