/**
 * Hostile input and long sessions in Chromium (issue #8), printed as figures, never asserted:
 *   1. the alias bomb (nine levels of nine aliases) pasted into the terminal: time until go-yaml's
 *      error shows;
 *   2. a 10,000-line paste (10,000 commands): time until the last one has run;
 *   3. a link carrying thirty 9,999-request loops: time until its replay has stopped at the link
 *      budget;
 *   4. hostile scenario files (issue #13) at `?scenario=`, each as large as a scenario may be: a list
 *      of 24,000 hints, 9,500 levels of nested `{`, and 2,600 Markdown sections: time until the
 *      lesson panel lists the errors;
 * each with the longest main-thread task while it ran (PerformanceObserver `longtask`: tasks of
 * 50 ms and more), the number of long tasks, and the input delay of a key pressed every 100 ms
 * meanwhile. Every scenario also runs with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate).
 * Runs are interleaved with a plain empty page load as a control for this shared, noisy machine.
 * Run after `npm run build`:  npm run bench:hostile   (CHROMIUM_PATH selects the browser; RUNS the
 * number of runs per figure, default 3).
 */
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { encodeShare } from '../src/app/share/hashState.ts';
import { median } from './boot.ts';
import { serve } from './serve.ts';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS ?? 3);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return `kubectl apply -f - <<EOF\n${lines.join('\n')}\nEOF`;
}
const SCENARIO_HEAD = 'scenario: v1\nid: h\ntitle: T\nsummary: S\n';
/** Hostile scenario files, each just under the loader's size limit (LIMITS.totalChars, 49,152). */
const HOSTILE_SCENARIOS: Record<string, { file: string; text: string }> = {
  'scenario: 24k hints': { file: 's.yaml', text: `${SCENARIO_HEAD}steps:\n  - id: a\n    title: t\n    body: b\n    commands: [x]\n    solution: x\n    check: {credentials: true}\n    hints: [${Array(24_000).fill('h').join(',')}]\n` },
  'scenario: 9.5k {': { file: 's.yaml', text: `${SCENARIO_HEAD}steps: ${'{a: '.repeat(9_500)}1${'}'.repeat(9_500)}` },
  'scenario: 2.6k sections': { file: 's.md', text: `---\nscenario: v1\nid: m\ntitle: T\n---\nS\n${'---\nstep: a\n---\nB\n'.repeat(2_600)}` },
};
const LOOP = 'for i in $(seq 9999); do kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/; done';

/** Installs, in every document of the page, a record of long tasks and key delays (`watch` empties it). */
async function observe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[]; keyDelays: number[] };
    w.longTasks = [];
    w.keyDelays = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    addEventListener('keydown', (e) => {
      if (e.key === 'Shift') w.keyDelays.push(performance.now() - e.timeStamp);
    }, { capture: true });
  });
}

/** Measures from now on in this document. */
async function watch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; keyDelays: number[] };
    w.longTasks = [];
    w.keyDelays = [];
  });
}

async function pressKeysWhile(page: Page, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!(await done()) && Date.now() < deadline) {
    await page.keyboard.press('Shift');
    await page.waitForTimeout(100);
  }
}

async function collect(page: Page): Promise<{ longest: number; count: number; keyP95: number }> {
  const { longTasks, keyDelays } = await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; keyDelays: number[] };
    return { longTasks: w.longTasks, keyDelays: w.keyDelays };
  });
  const sorted = [...keyDelays].sort((a, b) => a - b);
  return { longest: Math.max(0, ...longTasks), count: longTasks.length, keyP95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
}

/** Pastes `text` into the terminal as a clipboard paste would. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.getElementById('terminal-input')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

interface Figure { ms: number; longest: number; count: number; keyP95: number }

async function scenario(page: Page, base: string, name: string): Promise<Figure> {
  const ready = () => page.getByRole('toolbar', { name: 'Playback' }).waitFor();
  const scrollback = page.locator('.scrollback');
  if (name === 'alias bomb') {
    await page.goto(`${base}?lang=en&mode=sandbox`);
    await ready();
    await watch(page);
    const start = Date.now();
    await paste(page, `${aliasBomb(9)}\n`);
    await pressKeysWhile(page, async () => (await scrollback.textContent())?.includes('excessive aliasing') ?? false);
    return { ms: Date.now() - start, ...(await collect(page)) };
  }
  if (name === '10,000-line paste') {
    await page.goto(`${base}?lang=en&mode=sandbox`);
    await ready();
    await page.evaluate(() => localStorage.clear());
    await watch(page);
    const start = Date.now();
    await paste(page, `${Array.from({ length: 10_000 }, (_, i) => `echo line-${i}`).join('\n')}\n`);
    await pressKeysWhile(page, async () => (await scrollback.textContent())?.includes('line-9999') ?? false);
    return { ms: Date.now() - start, ...(await collect(page)) };
  }
  const hostile = HOSTILE_SCENARIOS[name];
  if (hostile) {
    await page.route(`${base}${hostile.file}`, (route) => route.fulfill({ contentType: hostile.file.endsWith('.md') ? 'text/markdown' : 'text/yaml', body: hostile.text }));
    await page.goto(`${base}?lang=en&mode=sandbox`);
    await ready();
    await watch(page);
    const start = Date.now();
    // A fresh document: its long tasks are recorded from its start (observe's init script).
    await page.goto(`${base}?lang=en&scenario=/${hostile.file}`);
    const problems = page.locator('.scenario-errors');
    await pressKeysWhile(page, async () => (await problems.count()) > 0);
    return { ms: Date.now() - start, ...(await collect(page)) };
  }
  const hash = await encodeShare({ v: 1, mode: 'sandbox', commands: Array.from({ length: 30 }, () => LOOP) });
  await page.goto(`${base}?lang=en&mode=sandbox`);
  await ready();
  await page.evaluate(() => localStorage.clear());
  await watch(page);
  const start = Date.now();
  // A fresh document: its long tasks are recorded from its start (observe's init script).
  await page.goto(`${base}?lang=en${hash}`);
  const notices = page.getByRole('region', { name: 'Notices' });
  await pressKeysWhile(page, async () => (await notices.textContent().catch(() => ''))?.includes('may simulate at most') ?? false);
  return { ms: Date.now() - start, ...(await collect(page)) };
}

const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const app = await serve(process.env.APP_DIST ?? join(root, 'dist'));
const empty = await serve(process.env.EMPTY_DIST ?? join(root, 'dist-bench-empty'));
try {
  for (const throttle of [1, 4]) {
    for (const name of ['alias bomb', '10,000-line paste', '30-loop link', ...Object.keys(HOSTILE_SCENARIOS)]) {
      const figures: Figure[] = [];
      const control: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        const page = await context.newPage();
        await observe(page);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        // The control: an empty page's load on the same machine at the same moment.
        const t0 = Date.now();
        await page.goto(empty.url).catch(() => undefined);
        control.push(Date.now() - t0);
        figures.push(await scenario(page, app.url, name));
        await context.close();
      }
      const m = (pick: (f: Figure) => number) => median(figures.map(pick)).toFixed(0);
      const worst = Math.max(...figures.map((f) => f.longest));
      console.log(
        `${throttle}× CPU  ${name.padEnd(18)} done in ${m((f) => f.ms)} ms (median of ${RUNS}); longest task ${m((f) => f.longest)} ms median, ${worst.toFixed(0)} ms worst; ` +
          `${m((f) => f.count)} long tasks; key delay p95 ${m((f) => f.keyP95)} ms; empty-page load ${median(control).toFixed(0)} ms`,
      );
    }
  }
} finally {
  await browser.close();
  app.server.close();
  empty.server.close();
}
