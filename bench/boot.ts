/**
 * How responsive a page is while it boots, measured in Chromium (used by bench/ui.ts and
 * bench/boot-compare.ts): when its terminal input appears, the longest main-thread task in the
 * first 2 s, and the input delay of keys pressed on a fixed schedule from 100 ms to 2 s after
 * navigation (from each key's timestamp to its first keydown listener), plus whether every key
 * typed into the terminal was kept across the swap from the boot terminal to the workspace.
 */
import type { Browser, CDPSession, Page } from '@playwright/test';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/**
 * Milliseconds from navigation start until #terminal-input exists and is enabled, as the page
 * reads its clock once Playwright has seen it. Playwright looks for the selector again after 0,
 * 20, 50, 100, 100, then every 500 ms, so this moves in steps; `readyInPage` and the probe's
 * `input` are exact.
 */
export async function timeToInput(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  // Checked on every animation frame, in the page, and timed there: waitForSelector re-polls at
  // 0, 20, 50, 100, 100, then 500 ms, which rounds the figure up to those steps.
  const seen = await page.waitForFunction(
    () => {
      const el = document.querySelector('#terminal-input');
      const usable = (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) && !el.disabled && el.getClientRects().length > 0;
      return usable ? performance.now() : false;
    },
    undefined,
    { polling: 'raf' },
  );
  return (await seen.jsonValue()) as number;
}

/** Milliseconds from navigation start to the frame in which the page was first whole (the probe's `ready`), in a fresh context. */
export async function readyInPage(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(url, { waitUntil: 'commit' });
  // A function, not a string: the page's CSP forbids eval.
  const handle = await page.waitForFunction(() => (window as unknown as { __probe: Probe }).__probe.ready, undefined, { polling: 'raf', timeout: 20_000 });
  const ready = (await handle.jsonValue()) as number;
  await context.close();
  return ready;
}

/**
 * Installed before the page's own scripts: records long tasks, long animation frames (with the
 * scripts they ran), slow events (Event Timing) and, for every keydown, its input delay: the time
 * from the key's timestamp until the first listener runs (a capture listener on window).
 * A string, not a function: tsx would wrap a named function with a helper the page lacks.
 */
const READY = '[role="toolbar"], #app > #terminal-input';
const PROBE = `(() => {
  const probe = { longtasks: [], frames: [], events: [], keys: [], input: 0, ready: 0, measures: [] };
  window.__probe = probe;
  const shown = (selector) => {
    const el = document.querySelector(selector);
    return !!el && el.checkVisibility({ visibilityProperty: true });
  };
  const poll = () => {
    if (!probe.input && shown('#terminal-input:not([disabled])')) probe.input = performance.now();
    if (shown(${JSON.stringify(READY)})) probe.ready = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  const observe = (type, fn, extra) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true, ...extra }); } catch {}
  };
  observe('longtask', (e) => probe.longtasks.push({ start: e.startTime, duration: e.duration }));
  observe('long-animation-frame', (e) => probe.frames.push({
    start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
    scripts: e.scripts.map((s) => ({ invoker: s.invoker, source: (s.sourceURL || '').replace(/^.*\\//, ''), fn: s.sourceFunctionName, duration: s.duration, forcedLayout: s.forcedStyleAndLayoutDuration })),
  }));
  observe('event', (e) => probe.events.push({ name: e.name, start: e.startTime, delay: e.processingStart - e.startTime, duration: e.duration }), { durationThreshold: 16 });
  addEventListener('keydown', (e) => {
    const t = e.target;
    probe.keys.push({ start: e.timeStamp, delay: performance.now() - e.timeStamp, target: (t && (t.id || t.nodeName)) || '' });
  }, { capture: true });
})();`;

export interface Probe {
  longtasks: { start: number; duration: number }[];
  frames: { start: number; duration: number; blocking: number; scripts: { invoker: string; source: string; fn: string; duration: number; forcedLayout: number }[] }[];
  events: { name: string; start: number; delay: number; duration: number }[];
  keys: { start: number; delay: number; target: string }[];
  /** The frame in which the terminal input was first shown, enabled (checked at each animation frame). */
  input: number;
  /** The frame in which the whole page was shown (the app's playback toolbar; the empty page's input). */
  ready: number;
  measures: { name: string; start: number; duration: number }[];
}

/** The moments (ms after navigation) at which a key is pressed during a cold load. */
const KEY_TIMES = Array.from({ length: 39 }, (_, i) => 100 + 50 * i);

export interface Responsiveness {
  longest: number;
  blocking: number;
  keys: { start: number; delay: number }[];
  maxEvent: number;
  typed: number;
  kept: number;
  input: number;
  ready: number;
  /** Main-thread busy time until the page was whole, ms. */
  cpu: number;
  /**
   * Main-thread busy time until the engine answers (the app's `workspace: answer` step: the
   * playground takes the terminal's lines), ms; the empty page's is its `cpu`.
   */
  cpuAnswering: number;
  probe: Probe;
}

/** One cold load with keys pressed at KEY_TIMES; what blocked the main thread in the first 2 s. */
export async function responsiveness(browser: Browser, url: string): Promise<Responsiveness> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  const cdp: CDPSession = await context.newCDPSession(page);
  const key = (type: 'keyDown' | 'keyUp') => cdp.send('Input.dispatchKeyEvent', { type, key: 'x', code: 'KeyX', windowsVirtualKeyCode: 88, ...(type === 'keyDown' ? { text: 'x' } : {}) });
  await cdp.send('Performance.enable');
  const t0 = Date.now();
  const sent: Promise<unknown>[] = [];
  await page.goto(url, { waitUntil: 'commit' });
  // Keys are sent on schedule without waiting for the page to acknowledge the previous one, while
  // the page loads (the busy time below is read in the meantime).
  const pressing = (async () => {
    for (const at of KEY_TIMES) {
      const wait = t0 + at - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sent.push(key('keyDown').then(() => key('keyUp')));
    }
  })();
  // The main thread's busy time (CDP TaskDuration) from navigation until the page is whole, read
  // as soon as it is (the keys pressed until then are part of it, for both pages alike). It was
  // read once every key had been sent, two seconds in, which counted all the app does once whole
  // (the shell's later parts loading, the idle work) and the empty page's idle time. The probe marks
  // the frame the page is whole in, and the wait checks that mark at every frame: a cheap read,
  // where Playwright's waitForSelector would look again only every 500 ms after the first few
  // tries (counting up to half a second of what the page does once whole) and lay the page out
  // each time it looks.
  const busy = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  const whole = () => (window as unknown as { __probe: Probe }).__probe.ready > 0;
  // First, read the same way, until the engine answers (the playground has the terminal's lines).
  await page.waitForFunction(() => performance.getEntriesByName('workspace: answer').length > 0 || (window as unknown as { __probe: Probe }).__probe.ready > 0, undefined, { polling: 'raf', timeout: 20_000 });
  const cpuAnswering = await busy();
  await page.waitForFunction(whole, undefined, { polling: 'raf', timeout: 20_000 });
  const cpu = await busy();
  await pressing;
  await Promise.all(sent);
  await page.waitForTimeout(300);
  const probe = await page.evaluate<Probe>(`({ ...window.__probe, measures: performance.getEntriesByType('measure').map((m) => ({ name: m.name, start: m.startTime, duration: m.duration })) })`);
  const value = await page.locator('#terminal-input').inputValue();
  await context.close();
  const early = probe.longtasks.filter((t) => t.start < 2000);
  // Keys typed into a terminal's input line (the boot terminal's loses its id while the workspace's is mounted).
  const typed = probe.keys.filter((k) => k.target === 'terminal-input' || k.target === 'TEXTAREA').length;
  return {
    longest: Math.max(0, ...early.map((t) => t.duration)),
    blocking: early.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    keys: probe.keys.map(({ start, delay }) => ({ start, delay })),
    maxEvent: Math.max(0, ...probe.events.filter((e) => e.start < 2000 && e.name.startsWith('key')).map((e) => e.duration)),
    typed,
    kept: [...value].filter((c) => c === 'x').length,
    input: probe.input,
    ready: probe.ready,
    cpu,
    cpuAnswering,
    probe,
  };
}

export function printLoad(name: string, r: Responsiveness): void {
  const f = (n: number) => n.toFixed(0);
  process.stdout.write(`  ${name}: long tasks ${r.probe.longtasks.map((t) => `${f(t.start)}+${f(t.duration)}`).join(', ') || 'none'}; ready ${f(r.ready)} ms\n`);
  if (r.probe.measures.length) process.stdout.write(`    ${r.probe.measures.map((m) => `${m.name} ${f(m.start)}+${f(m.duration)}`).join(', ')}\n`);
  for (const frame of r.probe.frames.filter((fr) => fr.blocking > 0 && fr.start < 2000)) {
    process.stdout.write(`    frame at ${f(frame.start)} ms, ${f(frame.duration)} ms (blocking ${f(frame.blocking)}): ${frame.scripts.map((s) => `${s.invoker}${s.fn ? ` ${s.fn}` : ''} ${f(s.duration)} ms${s.forcedLayout ? ` (forced layout ${f(s.forcedLayout)})` : ''}`).join('; ')}\n`);
  }
  const slow = r.keys.filter((k) => k.delay > 16);
  process.stdout.write(`    keys delayed > 16 ms: ${slow.map((k) => `${f(k.start)}:${f(k.delay)}`).join(', ') || 'none'}\n`);
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** The figures over several loads: medians, and the worst and the tail where they matter. */
export function summarize(loads: Responsiveness[]) {
  const delays = loads.flatMap((l) => l.keys.map((k) => k.delay));
  return {
    longest: median(loads.map((l) => l.longest)),
    longestMax: Math.max(...loads.map((l) => l.longest)),
    blocking: median(loads.map((l) => l.blocking)),
    delayMedian: median(delays),
    delayP95: percentile(delays, 95),
    delayMax: Math.max(0, ...delays),
    maxEvent: median(loads.map((l) => l.maxEvent)),
    input: median(loads.map((l) => l.input)),
    ready: median(loads.map((l) => l.ready)),
    cpu: median(loads.map((l) => l.cpu)),
    cpuAnswering: median(loads.map((l) => l.cpuAnswering)),
    kept: loads.every((l) => l.kept === l.typed),
  };
}

/**
 * "First command's output printed" (issue #10's headline figure): installed before the page's own
 * scripts, it waits (checking at every animation frame) until the terminal input is shown and
 * enabled, types the lesson's first command (`gcloud container clusters get-credentials boutique
 * --zone=us-central1-c`) into it and presses Enter (a keydown, as the boot terminal and the
 * workspace's terminal both read), then records the first frame in which the command's output
 * (`kubeconfig entry generated`) is on the page. The empty page
 * has no engine: its figure is the frame its input was shown in, the baseline of the ratio.
 */
const FIRST_ANSWER = `(() => {
  const probe = { input: 0, answered: 0 };
  window.__first = probe;
  const shown = (el) => !!el && el.checkVisibility({ visibilityProperty: true });
  const waitInput = () => {
    const el = document.querySelector('#terminal-input');
    // The boot terminal's keyboard (boot.js) must be listening: a frame can come before it has run.
    const listening = window.__emptyPage || window.mtlsBoot || document.readyState !== 'loading';
    if (!(el instanceof HTMLTextAreaElement) || el.disabled || !shown(el) || !listening) return requestAnimationFrame(waitInput);
    probe.input = performance.now();
    if (window.__emptyPage) return;
    el.value = 'gcloud container clusters get-credentials boutique --zone=us-central1-c';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
    const waitAnswer = () => {
      if ((document.body.textContent || '').includes('kubeconfig entry generated')) probe.answered = performance.now();
      else requestAnimationFrame(waitAnswer);
    };
    requestAnimationFrame(waitAnswer);
  };
  requestAnimationFrame(waitInput);
})();`;

/** Milliseconds from navigation to the frame the first command's output shows in (the empty page: its input), in a fresh context. */
export async function firstAnswer(browser: Browser, url: string, empty: boolean, throttle = 1): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  if (throttle !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  if (empty) await page.addInitScript('window.__emptyPage = true;');
  await page.addInitScript(FIRST_ANSWER);
  await page.goto(url, { waitUntil: 'commit' });
  const key = empty ? 'input' : 'answered';
  const handle = await page.waitForFunction((k) => (window as unknown as { __first: Record<string, number> }).__first[k], key, { polling: 100, timeout: 30_000 });
  const value = (await handle.jsonValue()) as number;
  await context.close();
  return value;
}
