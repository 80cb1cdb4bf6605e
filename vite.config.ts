/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vite';
import { bootScript } from './scripts/bootScript.ts';
import { compileHints } from './scripts/compileHints.ts';
import { lessonDocs } from './scripts/lessonDocs.ts';
import { strictCsp } from './scripts/strictCsp.ts';

export default defineConfig({
  publicDir: 'static',
  base: './',
  // Most of the workspace chunk's functions run while it mounts: Chromium compiles them all in
  // the background as it downloads (scripts/compileHints.ts). Not the boot chunk: that would hold
  // the first paint until all of it is compiled. The engine's chunk is not preloaded: fetching and
  // compiling it while the page parses answers the first command about 10 % sooner, but holds the
  // first paint back by a quarter or more (bench/boot-compare.ts; see the README's benchmarks).
  // The built-in lessons' documents are read here, at build time (scripts/lessonDocs.ts). The page's
  // first script, boot.js, is built from src/boot.ts (scripts/bootScript.ts).
  plugins: [bootScript(), lessonDocs(), svelte(), svelteTesting(), compileHints((chunk) => chunk.name === 'workspaceChunk'), strictCsp()],
  // svelteTesting() empties resolve.conditions when none are set; keep Vite's defaults under Vitest.
  resolve: process.env.VITEST
    ? { conditions: ['module', 'browser', 'development|production'] }
    : undefined,
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    setupFiles: ['./tests/setup.ts'],
    testTimeout: 30_000,
  },
});
