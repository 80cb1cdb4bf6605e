/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: 'static',
  base: './',
  plugins: [svelte(), svelteTesting()],
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
