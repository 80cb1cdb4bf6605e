/**
 * Compares how several builds of the page boot, interleaved with the empty Svelte page so that
 * a busy machine slows them all alike (a tool for trying changes; bench/ui.ts prints the figures).
 * Run:  BUILDS=before=/tmp/a,after=/tmp/b EMPTY_DIST=dist-bench-empty RUNS=9 npx tsx bench/boot-compare.ts
 * VERBOSE=1 prints each load.
 */
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { median, printLoad, type Responsiveness, responsiveness, summarize, timeToInput } from './boot.ts';
import { serve } from './serve.ts';

const root = new URL('..', import.meta.url).pathname;
const builds = (process.env.BUILDS ?? `app=${join(root, 'dist')}`).split(',').map((b) => {
  const [name = '', dir = ''] = b.includes('=') ? b.split('=') : [b, b];
  return { name, dir };
});
const RUNS = Number(process.env.RUNS ?? 7);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const pages = [
  // A build named empty… is another empty page (whole when its input shows: the probe's READY).
  ...(await Promise.all(builds.map(async (b) => ({ name: b.name, ...(await serve(b.dir)) })))),
  { name: 'empty', ...(await serve(process.env.EMPTY_DIST ?? join(root, 'dist-bench-empty'))) },
];
const tti = new Map<string, number[]>(pages.map((p) => [p.name, []]));
const loads = new Map<string, Responsiveness[]>(pages.map((p) => [p.name, []]));
try {
  for (let i = 0; i < RUNS; i++) {
    for (const p of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      tti.get(p.name)?.push(await timeToInput(page, p.url));
      await context.close();
      const load = await responsiveness(browser, p.url);
      loads.get(p.name)?.push(load);
      if (process.env.VERBOSE === '1') printLoad(`${p.name} ${i + 1}`, load);
    }
  }
  const emptyTti = median(tti.get('empty') ?? []);
  const emptyInput = summarize(loads.get('empty') ?? []).input;
  const r0 = (n: number) => n.toFixed(0);
  process.stdout.write(`Boot (Chromium, ${RUNS} cold loads each, interleaved)\n`);
  for (const p of pages) {
    const s = summarize(loads.get(p.name) ?? []);
    const t = median(tti.get(p.name) ?? []);
    const steps = new Map<string, number[]>();
    for (const l of loads.get(p.name) ?? []) {
      for (const m of l.probe.measures) steps.set(m.name, [...(steps.get(m.name) ?? []), m.duration]);
      // Evaluating the lazy chunk (top-level code) is no measure of ours: long animation frames tell it.
      const evaluation = l.probe.frames.flatMap((f) => f.scripts).filter((sc) => /workspaceChunk|Workspace-/.test(sc.invoker) && sc.invoker.endsWith('.js'));
      if (evaluation.length) steps.set('evaluate chunk', [...(steps.get('evaluate chunk') ?? []), Math.max(...evaluation.map((sc) => sc.duration))]);
    }
    const own = tti.get(p.name) ?? [];
    const pairs = median(own.map((x, j) => x / (tti.get('empty')?.[j] ?? x)));
    const quartile = [...own].sort((a, b) => a - b)[Math.floor(own.length / 4)] ?? 0;
    process.stdout.write(`  ${p.name.padEnd(10)} input ${r0(t)} ms (${(t / emptyTti).toFixed(2)}×; paired ${pairs.toFixed(2)}×; q1 ${r0(quartile)}) | in-page ${r0(s.input)} ms (${(s.input / emptyInput).toFixed(2)}×) | longest task ${r0(s.longest)} median, ${r0(s.longestMax)} worst | blocking ${r0(s.blocking)} | key delay median ${s.delayMedian.toFixed(1)}, p95 ${r0(s.delayP95)}, max ${r0(s.delayMax)} | slowest key event ${r0(s.maxEvent)} | ready ${r0(s.ready)} ms | keys kept ${s.kept ? 'yes' : 'NO'}\n`);
    if (process.env.VERBOSE === '1') {
      process.stdout.write(`  ${''.padEnd(10)} input samples: ${(tti.get(p.name) ?? []).map(r0).join(', ')}\n`);
      process.stdout.write(`  ${''.padEnd(10)} in-page samples: ${(loads.get(p.name) ?? []).map((l) => r0(l.input)).join(', ')}\n`);
      process.stdout.write(`  ${''.padEnd(10)} ready samples: ${(loads.get(p.name) ?? []).map((l) => r0(l.ready)).join(', ')}\n`);
    }
    if (steps.size) process.stdout.write(`  ${''.padEnd(10)} steps (median ms): ${[...steps].map(([k, v]) => `${k.replace('workspace: ', '')} ${r0(median(v))}`).join(', ')}\n`);
  }
} finally {
  await browser.close();
  for (const p of pages) p.server.close();
}
