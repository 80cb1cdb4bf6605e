/**
 * Embedding benchmark (issue #4), printed as figures, never asserted:
 *   1. the JS heap of one page with five `<mtls-playground>` elements, once all five are ready and
 *      after a forced GC (budget ≤ 80 MB), next to the same page with none and with one; both as
 *      `performance.memory.usedJSHeapSize` and as CDP `Runtime.getHeapUsage`. Twice: five compact
 *      embeds (four panels, as a documentation page would show them) and five with every panel;
 *   2. the gzip size of the element's entry, of the simulator chunk it loads, and of the lazily
 *      loaded lesson chunks (the app's in dist/assets and the element's in dist/embed).
 * It builds nothing: run `npm run build` first (the app, then the element), then
 *   npx tsx bench/embed.ts        (or `npm run bench:embed`)
 * CHROMIUM_PATH selects the browser (default /usr/bin/chromium); APP_DIST the built files (default dist/).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { serve } from './serve.ts';

const root = new URL('..', import.meta.url).pathname;
const dist = process.env.APP_DIST ?? join(root, 'dist');
const entry = join(dist, 'embed', 'mtls-playground.js');
if (!existsSync(entry)) {
  process.stderr.write('bench/embed: dist/embed/mtls-playground.js is missing: run `npm run build` first\n');
  process.exit(2);
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The five scenarios: different lessons, steps, languages and themes, as docs pages would pick. */
const SCENARIOS = [
  'lesson="1" step="4" lang="en" theme="light"',
  'lesson="1" step="2" lang="ja" theme="dark"',
  'lesson="2" step="3" lang="en"',
  'lesson="3" lang="ja" readonly',
  'lesson="4" step="2" lang="en" theme="dark"',
];

/** A page with `count` elements (0 loads the element's entry only), built here, served from dist's origin. */
function benchPage(count: number, panels: string | undefined): string {
  const elements = SCENARIOS.slice(0, count)
    .map((attributes) => `<mtls-playground ${attributes}${panels ? ` panels="${panels}"` : ''}></mtls-playground>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<script>window.readyCount = 0; document.addEventListener('ready', () => window.readyCount++);</script>
${elements}
<script type="module" src="./embed/mtls-playground.js"></script>
</body></html>`;
}

interface Heap {
  count: number;
  used: number;
  cdpUsed: number;
  cdpTotal: number;
  readyMs: number;
}

async function measure(browser: Browser, baseUrl: string, count: number, panels: string | undefined): Promise<Heap> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const url = `${baseUrl}bench-embed-${count}.html`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: benchPage(count, panels) }));
  await page.goto(url);
  await page.waitForFunction((n) => (window as unknown as { readyCount: number }).readyCount >= n && customElements.get('mtls-playground') !== undefined, count, { timeout: 60_000 });
  const readyMs = await page.evaluate(() => performance.now());
  // Let the first animations and istiod pushes settle, then collect garbage until the heap is stable.
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.());
    await cdp.send('HeapProfiler.collectGarbage');
  }
  const used = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  await context.close();
  return { count, used, cdpUsed: usedSize, cdpTotal: totalSize, readyMs };
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const jsFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => join(dir, f)) : []);
const isLesson = (file: string) => /(^|\/)\d\d-[a-z0-9-]+-[\w-]+\.js$/.test(file);

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const { server, url } = await serve(dist);
try {
  process.stdout.write('Embedding (Chromium)\n');
  for (const [name, panels] of [['compact: lesson,terminal,mesh,details', 'lesson,terminal,mesh,details'], ['every panel', undefined]] as const) {
    const rows: Heap[] = [];
    for (const count of [0, 1, 5]) rows.push(await measure(browser, url, count, panels));
    process.stdout.write(`  JS heap after GC, ${name}\n`);
    for (const r of rows) {
      const ready = r.count ? `, all ready at ${r.readyMs.toFixed(0)} ms` : '';
      process.stdout.write(`    ${String(r.count)} element${r.count === 1 ? ' ' : 's'}  usedJSHeapSize ${mb(r.used).padStart(8)}   Runtime.getHeapUsage used ${mb(r.cdpUsed).padStart(8)} of ${mb(r.cdpTotal)}${ready}\n`);
    }
    const [none, one, five] = rows as [Heap, Heap, Heap];
    process.stdout.write(`    five elements: ${mb(five.cdpUsed)} (budget ≤ 80 MB: ${five.cdpUsed <= 80 * MB ? 'within' : 'OVER'}); each one after the first adds ${mb((five.cdpUsed - one.cdpUsed) / 4)}; the page without any: ${mb(none.cdpUsed)}\n`);
  }

  process.stdout.write('Sizes (gzip -9)\n');
  const embedDir = join(dist, 'embed');
  const embedFiles = jsFiles(embedDir);
  process.stdout.write(`  element entry      ${relative(dist, entry).padEnd(52)} ${kb(gz(entry)).padStart(9)}\n`);
  for (const file of embedFiles.filter((f) => f !== entry && !isLesson(f))) {
    process.stdout.write(`  element, lazy      ${relative(dist, file).padEnd(52)} ${kb(gz(file)).padStart(9)}\n`);
  }
  for (const [label, dir] of [['app', join(dist, 'assets')], ['element', embedDir]] as const) {
    const lessons = jsFiles(dir).filter(isLesson).sort();
    for (const file of lessons) process.stdout.write(`  ${`lesson (${label})`.padEnd(18)} ${relative(dist, file).padEnd(52)} ${kb(gz(file)).padStart(9)}\n`);
    process.stdout.write(`  ${`lessons (${label})`.padEnd(18)} ${`${lessons.length} chunks, total`.padEnd(52)} ${kb(lessons.reduce((sum, f) => sum + gz(f), 0)).padStart(9)}\n`);
  }
} finally {
  await browser.close();
  server.close();
}
