import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { lessonDocs } from './scripts/lessonDocs.ts';

/**
 * The `<mtls-playground>` custom element, as an ES module library: `dist/embed/mtls-playground.js`
 * (small: it defines the element), the simulator chunk it imports when the first element
 * connects, and one chunk per lesson. Runs after the app's build (`npm run build`), next to it.
 *
 * Components are compiled with injected CSS: each component adds its own `<style>` when it mounts,
 * into the shadow root it mounts in (Svelte looks up the root node of the mount point), so the
 * page's styles never reach it and its styles never reach the page.
 */
export default defineConfig({
  publicDir: false,
  base: './',
  plugins: [lessonDocs(), svelte({ emitCss: false, compilerOptions: { css: 'injected' } })],
  build: {
    target: 'es2022',
    // Keep light-dark() as written: lowered, the colours would be fixed where the tokens are declared
    // (the shadow root's host), so a theme set on the instance's root (`data-theme`) would not apply.
    cssTarget: ['chrome123', 'edge123', 'firefox120', 'safari17.5'],
    outDir: 'dist/embed',
    emptyOutDir: false,
    sourcemap: true,
    copyPublicDir: false,
    lib: {
      entry: 'src/embed/element.ts',
      formats: ['es'],
      fileName: () => 'mtls-playground.js',
    },
    rolldownOptions: {
      output: {
        // Pages load these files as they are (no bundler after us): minify fully, whitespace too,
        // which library mode leaves out by default.
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
