/**
 * Browser benchmarks in Chromium (issues #3 and #10), printed as figures, never asserted:
 *   0. the headline: the first command's output on screen, from navigation, next to the frame the
 *      empty page's input shows in (paired ratios, median and p95), at 1× and 4× CPU throttling
 *      (bench/boot.ts `firstAnswer`);
 *   1. time until the terminal accepts input, next to an empty Svelte page built the same way
 *      (budget ≤ 1.3×), median of several cold loads;
 *   2. animation and redraw (bench/animation.ts): frames while 50 requests animate, from before the
 *      Enter that launches them, at 1× and 4× CPU throttling (median, p95, dropped frames); that
 *      Enter → next frame; and the diagram's DOM mutations and main-thread time per command on
 *      the default world and on a 107-node world;
 *   3. the JS heap over a long session is bench/heap.ts --browser (100 to 10,000 requests, after a
 *      forced GC once the flows have finished), which `npm run bench:ui` runs after this script;
 * and, because a page can show an input long before it can answer one, how responsive the page is
 * while it boots, next to the empty page: the longest main-thread task in the first 2 s, and the
 * input delay of a key pressed every 50 ms from 100 ms to 2 s after navigation (from the key's
 * timestamp to its first keydown listener), plus whether every key typed into the terminal was kept.
 * The first figure is timed in the page on the first animation frame in which Playwright finds the
 * input usable (bench/boot.ts). "input shown, in the page" is the frame the input first shows in,
 * seen from the page itself (no selector engine injected while booting).
 * Run:  npm run build && npx vite build --config bench/empty/vite.config.ts && npx tsx bench/ui.ts
 * (`npm run bench:ui` does all three). CHROMIUM_PATH selects the browser (default /usr/bin/chromium);
 * APP_DIST and EMPTY_DIST the built pages (default dist/ and dist-bench-empty/); RUNS the number of
 * cold loads per figure (default 7); VERBOSE=1 prints each load's long tasks and what they ran.
 */
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { benchAnimation } from './animation.ts';
import { firstAnswer, median, percentile, printLoad, readyInPage, type Responsiveness, responsiveness, summarize, timeToInput } from './boot.ts';
import { serve } from './serve.ts';

const root = new URL('..', import.meta.url).pathname;

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const app = await serve(process.env.APP_DIST ?? join(root, 'dist'));
const empty = await serve(process.env.EMPTY_DIST ?? join(root, 'dist-bench-empty'));
const RUNS = Number(process.env.RUNS ?? 7);
const verbose = process.env.VERBOSE === '1';
try {
  // 1. Time to input: fresh context each time, so nothing is cached.
  const appTimes: number[] = [];
  const emptyTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [url, into] of [[app.url, appTimes], [empty.url, emptyTimes]] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      into.push(await timeToInput(page, url));
      await context.close();
    }
  }
  const appTti = median(appTimes);
  // When the whole simulator is shown (the playback toolbar), seen from the page at each frame:
  // the workspace is mounted hidden first, and Playwright, which backs off to polling every 500 ms
  // once an element exists but is hidden, would see it late.
  const readyTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) readyTimes.push(await readyInPage(browser, app.url));
  const appReady = median(readyTimes);
  const emptyTti = median(emptyTimes);

  // 1b. Responsiveness while booting: keys pressed on a schedule, the app and the empty page interleaved.
  const appLoads: Responsiveness[] = [];
  const emptyLoads: Responsiveness[] = [];
  for (let i = 0; i < RUNS; i++) {
    appLoads.push(await responsiveness(browser, app.url));
    emptyLoads.push(await responsiveness(browser, empty.url));
    if (verbose) {
      printLoad(`app load ${i + 1}`, appLoads[i] as Responsiveness);
      printLoad(`empty load ${i + 1}`, emptyLoads[i] as Responsiveness);
    }
  }
  const ra = summarize(appLoads);
  const re = summarize(emptyLoads);

  process.stdout.write(`Browser benchmarks (Chromium, median)\n`);
  // Paired run by run (each app load next to the empty page's), as the other load figures are.
  const ttiRatios = appTimes.map((t, i) => t / (emptyTimes[i] as number));
  process.stdout.write(
    `  terminal accepts input   ${appTti.toFixed(0)} ms vs empty Svelte page ${emptyTti.toFixed(0)} ms: paired ratio ${median(ttiRatios).toFixed(2)}× (p95 ${percentile(ttiRatios, 95).toFixed(2)}×) (budget ≤ 1.3×)\n`,
  );
  process.stdout.write(`  whole simulator ready    ${appReady.toFixed(0)} ms (the frame the playback toolbar first shows in; the boot terminal queues what is typed until then)\n`);
  process.stdout.write(`  input shown, in the page ${ra.input.toFixed(0)} ms vs empty Svelte page ${re.input.toFixed(0)} ms = ${(ra.input / re.input).toFixed(2)}× (the frame it first shows in, seen from the page: no selector engine injected while booting)\n`);
  const r0 = (n: number) => n.toFixed(0);
  process.stdout.write(`  longest task in first 2 s ${r0(ra.longest)} ms median, ${r0(ra.longestMax)} ms worst of ${RUNS} (empty page ${r0(re.longest)} ms, ${r0(re.longestMax)} ms); total blocking ${r0(ra.blocking)} ms (empty ${r0(re.blocking)} ms)\n`);
  process.stdout.write(`  key input delay, 0.1-2 s  median ${ra.delayMedian.toFixed(1)} ms, p95 ${r0(ra.delayP95)} ms, max ${r0(ra.delayMax)} ms (empty page ${re.delayMedian.toFixed(1)}, ${r0(re.delayP95)}, ${r0(re.delayMax)} ms); slowest key event ${r0(ra.maxEvent)} ms median (empty ${r0(re.maxEvent)} ms)\n`);
  const cpuRatios = appLoads.map((l, i) => l.cpu / Math.max(1, emptyLoads[i]?.cpu ?? 1));
  process.stdout.write(`  main-thread CPU until whole ${r0(ra.cpu)} ms vs empty page ${r0(re.cpu)} ms: paired ratio ${median(cpuRatios).toFixed(2)}× (p95 ${percentile(cpuRatios, 95).toFixed(2)}×) (budget ≤ 2×)\n`);
  const answeringRatios = appLoads.map((l, i) => l.cpuAnswering / Math.max(1, emptyLoads[i]?.cpu ?? 1));
  process.stdout.write(`  main-thread CPU until the engine answers ${r0(ra.cpuAnswering)} ms vs the empty page's until whole: paired ratio ${median(answeringRatios).toFixed(2)}× (p95 ${percentile(answeringRatios, 95).toFixed(2)}×)\n`);
  process.stdout.write(`  while typing              whole simulator ready ${r0(ra.ready)} ms (empty page ${r0(re.ready)} ms); every key typed into the terminal kept: ${ra.kept ? 'yes' : 'NO'}\n`);
  // 1c. The headline: the first command's output on screen, from navigation, next to the frame the
  // empty page's input shows in (paired run by run), at 1× and with the CPU throttled 4×.
  for (const rate of [1, 4]) {
    const answered: number[] = [];
    const baseline: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const e = await firstAnswer(browser, empty.url, true, rate);
      const a = await firstAnswer(browser, app.url, false, rate);
      baseline.push(e);
      answered.push(a);
      ratios.push(a / e);
    }
    process.stdout.write(`  first command's output, ${rate}× ${r0(median(answered))} ms (p95 ${r0(percentile(answered, 95))} ms) vs empty page's input ${r0(median(baseline))} ms (p95 ${r0(percentile(baseline, 95))} ms): paired ratio ${median(ratios).toFixed(2)}× (p95 ${percentile(ratios, 95).toFixed(2)}×) (budget ≤ 1.5×)\n`);
  }
  // BOOT_ONLY=1 stops here (the figures above are the ones about loading).
  if (process.env.BOOT_ONLY !== '1') {
    // 2. Animation and redraw. (3. The heap over a long session is bench/heap.ts --browser, which
    // `npm run bench:ui` runs next: 100 to 10,000 requests, after the flows have finished.)
    await benchAnimation(browser, app.url, empty.url, RUNS);
  }
} finally {
  await browser.close();
  app.server.close();
  empty.server.close();
}
