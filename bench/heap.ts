/**
 * Memory over a long session: the JS heap after a forced GC once the learner has sent 100, 500,
 * 1,000, 2,000, 5,000 and 10,000 requests (target: a plateau, ≤ 40 MiB at 5,000 and at most 5 %
 * more at 10,000). Prints figures; asserts nothing.
 *
 * In Node (default) the session is driven as the app drives it, without the Svelte classes: before
 * every command a snapshot for undo (the latest 200 are kept, as CommandHistory keeps them), the
 * latest 500 traces (the course's checks and the event list keep as many), and a policy change
 * every 100 commands (a point of the time machine, 200 kept).
 *   npx tsx bench/heap.ts              (PER_COMMAND=n requests per command, default 1; --json)
 *
 * With --browser, the built page in Chromium: loops of 50 requests typed into the terminal, as
 * `npm run bench:ui` types them, the heap read over CDP after the flows have finished.
 *   npm run build && npx tsx bench/heap.ts --browser   (APP_DIST, CHROMIUM_PATH as for bench/ui.ts)
 */
import '../src/shell/installParts.ts';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SimSession, type SessionSnapshot } from '../src/shell/session.ts';
import type { Trace } from '../src/domain/traffic/trace.ts';

const MAX_UNDO = 200;
const MAX_POINTS = 200;
const MAX_TRACES = 500;
/** Where the heap is read; CHECKPOINTS=100,1000,… replaces them (say, to follow it past 10,000). */
const CHECKPOINTS = process.env.CHECKPOINTS ? process.env.CHECKPOINTS.split(',').map(Number) : [100, 500, 1_000, 2_000, 5_000, 10_000];
const MiB = 1024 * 1024;

interface Row {
  requests: number;
  heapMiB: number;
}

/** Runs `send(n)` (which sends n requests) up to each checkpoint and reads the heap there. */
async function measure(perCommand: number, send: () => Promise<void> | void, heap: () => Promise<number> | number): Promise<Row[]> {
  const rows: Row[] = [];
  let requests = 0;
  for (const target of CHECKPOINTS) {
    while (requests < target) {
      await send();
      requests += perCommand;
    }
    rows.push({ requests, heapMiB: (await heap()) / MiB });
  }
  return rows;
}

async function inNode(perCommand: number): Promise<{ baseline: number; rows: Row[] }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const curl = 'kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/';
  const command = perCommand === 1 ? curl : `for i in $(seq ${perCommand}); do ${curl}; done`;
  const policy = (mode: string) => `kubectl apply -f - <<'EOF'
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: heap-bench
  namespace: cart
spec:
  mtls:
    mode: ${mode}
EOF`;
  const session = new SimSession();
  const undo: SessionSnapshot[] = [];
  const points: SessionSnapshot[] = [session.snapshot()];
  const traces: Trace[] = [];
  let commands = 0;
  const run = (line: string) => {
    undo.push(session.snapshot());
    if (undo.length > MAX_UNDO) undo.shift();
    const result = session.run(line);
    if (result.exitCode !== 0) throw new Error(`${line}: exit ${result.exitCode}`);
    traces.push(...result.traces);
    if (traces.length > MAX_TRACES) traces.splice(0, traces.length - MAX_TRACES);
    commands++;
  };
  const baseline = heap() / MiB;
  const rows = await measure(perCommand, () => {
    run(command);
    if (commands % 100 === 0) {
      run(policy(commands % 200 === 0 ? 'STRICT' : 'PERMISSIVE'));
      points.push(session.snapshot());
      if (points.length > MAX_POINTS + 1) points.splice(1, 1);
    }
  }, heap);
  return { baseline, rows };
}

async function inBrowser(): Promise<{ baseline: number; rows: Row[] }> {
  // Loaded only here: in Node, Playwright's own modules would be part of the heap measured.
  const { chromium } = await import('@playwright/test');
  const { serve } = await import('./serve.ts');
  const { heapAfterGc } = await import('./pageHeap.ts');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const app = await serve(process.env.APP_DIST ?? join(new URL('..', import.meta.url).pathname, 'dist'));
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.waitForSelector('[role="toolbar"]');
    const cdp = await context.newCDPSession(page);
    const heap = () => heapAfterGc(page, cdp);
    const baseline = (await heap()) / MiB;
    let commands = 0;
    const rows = await measure(50, async () => {
      // A marker after the loop tells when the command has finished.
      const marker = `heap-${String(++commands).padStart(5, '0')}`;
      const input = page.locator('#terminal-input');
      await input.fill(`for i in $(seq 50); do curl -s -o /dev/null http://34.136.92.187/; done; echo ${marker}`);
      await input.press('Enter');
      await page.locator('.output', { hasText: marker }).waitFor({ timeout: 120_000 });
    }, heap);
    return { baseline, rows };
  } finally {
    await browser.close();
    app.server.close();
  }
}

const browser = process.argv.includes('--browser');
const perCommand = browser ? 50 : Number(process.env.PER_COMMAND ?? 1);
const started = performance.now();
const { baseline, rows } = browser ? await inBrowser() : await inNode(perCommand);
const seconds = (performance.now() - started) / 1000;

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ where: browser ? 'chromium' : 'node', perCommand, baselineMiB: baseline, rows }, null, 2)}\n`);
} else {
  const where = browser ? 'Chromium, the built page' : `Node ${process.version}, a snapshot per command`;
  process.stdout.write(`Heap after forced GC (${where}; ${perCommand} request(s) per command; ${seconds.toFixed(0)} s)\n`);
  process.stdout.write(`  before any request ${baseline.toFixed(1)} MiB\n`);
  for (const r of rows) process.stdout.write(`  ${r.requests.toLocaleString('en-US').padStart(6)} requests  ${r.heapMiB.toFixed(1).padStart(6)} MiB\n`);
  const at5k = rows.find((r) => r.requests === 5_000)?.heapMiB ?? Number.NaN;
  const at10k = rows.find((r) => r.requests === 10_000)?.heapMiB ?? Number.NaN;
  process.stdout.write(`  5,000 → 10,000: ${(((at10k - at5k) / at5k) * 100).toFixed(1)} % (target: ≤ 40 MiB at 5,000, ≤ +5 % to 10,000)\n`);
}
