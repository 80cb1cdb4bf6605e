/**
 * Where the main thread's time goes while the page boots (a diagnostic, not a budget): records a
 * Chromium performance trace of cold loads and prints, for each task longer than 50 ms in the
 * first seconds, what it was made of (script compile/evaluate, style, layout, paint, GC, …), and
 * the heaviest JS functions by self time from a sampled CPU profile.
 * Run after building:  npx tsx bench/trace.ts   (APP_DIST selects the build, default dist/;
 * RUNS the number of cold loads, default 3; READY the selector that ends a load, default the
 * playback toolbar; CHROMIUM_PATH the browser).
 */
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { serve } from './serve.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; documentLoaderURL?: string } };
}
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }

const root = new URL('..', import.meta.url).pathname;
const dist = process.env.APP_DIST ?? join(root, 'dist');
const runs = Number(process.env.RUNS ?? 3);
/** A sampled CPU profile slows the page down; PROFILE=0 leaves it out. */
const profiling = process.env.PROFILE !== '0';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.compile',
  'blink',
  'blink.user_timing',
  'loading',
  'toplevel',
].join(',');

/** The events that say what a slice of a task was spent on, with a short label. */
function label(e: TraceEvent): string | undefined {
  const url = e.args?.data?.url?.replace(/^.*\//, '') ?? '';
  switch (e.name) {
    case 'v8.compile':
    case 'V8.CompileCode':
    case 'v8.compileModule':
      return `compile ${url}`;
    case 'v8.evaluateModule':
      return `evaluate module ${url}`;
    case 'EvaluateScript':
      return `evaluate script ${url}`;
    case 'FunctionCall':
      return `JS ${e.args?.data?.functionName || '(anonymous)'} ${url}`;
    case 'TimerFire':
    case 'FireIdleCallback':
    case 'FireAnimationFrame':
    case 'EventDispatch':
    case 'V8.GCScavenger':
    case 'MajorGC':
    case 'MinorGC':
    case 'V8.GC_MC_BACKGROUND_MARKING':
    case 'UpdateLayoutTree':
    case 'RecalculateStyles':
    case 'Layout':
    case 'Paint':
    case 'PrePaint':
    case 'Layerize':
    case 'UpdateLayer':
    case 'ParseAuthorStyleSheet':
    case 'ParseHTML':
    case 'HitTest':
    case 'Commit':
    case 'v8.run':
    case 'RunMicrotasks':
    case 'v8.callFunction':
      return e.name;
    default:
      return undefined;
  }
}

const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const app = await serve(dist);
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (m) => void events.push(...(m.value as unknown as TraceEvent[])));
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.SAMPLE_US ?? 250) });
    }
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    if (profiling) await cdp.send('Profiler.start');
    await page.goto(app.url, { waitUntil: 'commit' });
    // The frame in which READY first shows, read in the page at each frame (Playwright's
    // waitForSelector looks again only every 500 ms after its first tries).
    const shown = await page.waitForFunction(
      (selector) => {
        const el = document.querySelector(selector);
        return el?.checkVisibility({ visibilityProperty: true }) ? performance.now() : 0;
      },
      process.env.READY ?? '[role="toolbar"]',
      { polling: 'raf', timeout: 20_000 },
    );
    const readAt = (await shown.jsonValue()) as number;
    process.stdout.write(`\nrun ${run + 1}: the selector first showed at ${readAt.toFixed(1)} ms (performance.now(), in that frame)\n`);
    await page.waitForTimeout(500);
    const { profile } = profiling ? ((await cdp.send('Profiler.stop')) as { profile: Profile }) : { profile: { nodes: [], samples: [], timeDeltas: [], startTime: 0 } };
    await cdp.send('Tracing.end');
    await done;
    await context.close();

    // The renderer's main thread: where the app's document started navigating (the last such event).
    const navs = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(app.url)).sort((a, b) => a.ts - b.ts);
    const navEvent = navs[navs.length - 1];
    if (!navEvent) throw new Error('no navigationStart for the app in the trace');
    const onMain = events.filter((e) => e.pid === navEvent.pid && e.tid === navEvent.tid && e.ph === 'X' && e.dur !== undefined);
    const nav = navEvent.ts;
    // One task per start time (Chromium may report a task as RunTask and as ThreadControllerImpl::RunTask).
    const all = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const tasks: TraceEvent[] = [];
    for (const e of all) {
      const last = tasks[tasks.length - 1];
      if (!last || e.ts >= last.ts + (last.dur ?? 0)) tasks.push(e);
    }
    const ms = (us: number) => (us / 1000).toFixed(1);
    // The main thread's busy time from navigation until the selector matched, by kind (what
    // bench/ui.ts reads as CDP TaskDuration), and the largest scripts' compile and evaluation.
    const readyTs = nav + readAt * 1000;
    const untilReady = tasks.filter((t) => t.ts >= nav && t.ts < readyTs);
    const inTasks = (test: (e: TraceEvent) => boolean) => {
      let covered = 0;
      let until = 0;
      for (const e of onMain.filter((x) => x.ts >= nav && x.ts < readyTs && test(x)).sort((a, b) => a.ts - b.ts)) {
        const eEnd = e.ts + (e.dur ?? 0);
        if (e.ts >= until) covered += e.dur ?? 0;
        else if (eEnd > until) covered += eEnd - until;
        until = Math.max(until, eEnd);
      }
      return covered;
    };
    const busy = untilReady.reduce((sum, t) => sum + (t.dur ?? 0), 0);
    const KINDS: [string, (e: TraceEvent) => boolean][] = [
      ['script (evaluate, calls, microtasks)', (e) => ['v8.evaluateModule', 'EvaluateScript', 'FunctionCall', 'RunMicrotasks', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'EventDispatch'].includes(e.name)],
      ['compile (on the main thread)', (e) => ['v8.compile', 'V8.CompileCode', 'v8.compileModule', 'V8.CompileLazy'].includes(e.name)],
      ['gc', (e) => ['MinorGC', 'MajorGC', 'V8.GCScavenger', 'V8.GCFinalizeMC'].includes(e.name)],
      ['style', (e) => e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles'],
      ['layout', (e) => e.name === 'Layout'],
      ['paint, layerize, commit', (e) => ['Paint', 'PrePaint', 'Layerize', 'Commit'].includes(e.name)],
      ['parse HTML and CSS', (e) => e.name === 'ParseHTML' || e.name === 'ParseAuthorStyleSheet'],
    ];
    process.stdout.write(`\nrun ${run + 1}: main thread until ready: ${ms(busy)} ms in ${untilReady.length} tasks\n`);
    for (const [kind, test] of KINDS) process.stdout.write(`  ${ms(inTasks(test)).padStart(7)} ms  ${kind}\n`);
    const perScript = new Map<string, number>();
    for (const e of onMain.filter((x) => x.ts >= nav && x.ts < readyTs && (x.name === 'v8.evaluateModule' || x.name === 'EvaluateScript' || x.name === 'v8.compileModule' || x.name === 'v8.compile'))) {
      const key = `${e.name} ${e.args?.data?.url?.replace(/^.*\//, '') ?? ''}`;
      perScript.set(key, (perScript.get(key) ?? 0) + (e.dur ?? 0));
    }
    for (const [key, us] of [...perScript].sort((a, b) => b[1] - a[1]).slice(0, 12)) process.stdout.write(`  ${ms(us).padStart(7)} ms  ${key}\n`);
    process.stdout.write(`\nrun ${run + 1}: tasks > ${process.env.MIN_TASK_MS ?? 50} ms on the main thread (time from navigation start)\n`);
    const long = tasks.filter((t) => (t.dur ?? 0) > Number(process.env.MIN_TASK_MS ?? 50) * 1000 && t.ts >= nav);
    const paints = onMain.filter((e) => e.name === 'Paint' || e.name === 'PrePaint').map((e) => e.ts);
    const firstPaint = paints.length ? Math.min(...paints) : nav;
    process.stdout.write(`  first Paint at ${ms(firstPaint - nav)} ms\n`);
    for (const t of long) {
      const end = t.ts + (t.dur ?? 0);
      process.stdout.write(`  task at ${ms(t.ts - nav)} ms, ${ms(t.dur ?? 0)} ms long\n`);
      // Direct-ish breakdown: label every labelled event inside; nested ones are shown indented by depth.
      // Totals by kind (nested events of one kind are counted once: only the outermost).
      const totals = new Map<string, number>();
      const kinds: [string, (e: TraceEvent) => boolean][] = [
        ['compile', (e) => e.name === 'v8.compile' || e.name === 'V8.CompileCode' || e.name === 'v8.compileModule' || e.name === 'V8.CompileLazy'],
        ['gc', (e) => e.name === 'MinorGC' || e.name === 'MajorGC' || e.name === 'V8.GCScavenger' || e.name === 'V8.GCFinalizeMC'],
        ['style', (e) => e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles'],
        ['layout', (e) => e.name === 'Layout'],
        ['paint+commit', (e) => e.name === 'Paint' || e.name === 'PrePaint' || e.name === 'Layerize' || e.name === 'Commit'],
        ['css parse', (e) => e.name === 'ParseAuthorStyleSheet'],
      ];
      for (const [kind, test] of kinds) {
        let covered = 0;
        let until = 0;
        for (const e of onMain.filter((x) => x.ts >= t.ts && x.ts < end && test(x)).sort((a, b) => a.ts - b.ts)) {
          const eEnd = e.ts + (e.dur ?? 0);
          if (e.ts >= until) covered += e.dur ?? 0;
          else if (eEnd > until) covered += eEnd - until;
          until = Math.max(until, eEnd);
        }
        totals.set(kind, covered);
      }
      process.stdout.write(`    totals: ${[...totals].map(([k, v]) => `${k} ${ms(v)}`).join(', ')}\n`);
      const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) >= 2000 && label(e));
      const stack: TraceEvent[] = [];
      for (const e of inside.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
        while (stack.length && (stack[stack.length - 1]?.ts ?? 0) + (stack[stack.length - 1]?.dur ?? 0) <= e.ts) stack.pop();
        if (stack.length < 4) process.stdout.write(`    ${'  '.repeat(stack.length)}${ms(e.ts - t.ts).padStart(6)} +${ms(e.dur ?? 0).padStart(6)}  ${label(e)}\n`);
        stack.push(e);
      }
    }

    // Self time per JS function from the CPU profile, restricted to the long tasks' windows.
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i] ?? 0;
      const n = byId.get(id);
      if (!n || ['(idle)', '(program)', '(root)'].includes(n.callFrame.functionName)) return;
      const name = (node: ProfileNode) => `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.replace(/^.*\//, '')}:${node.callFrame.lineNumber + 1}`;
      self.set(name(n), (self.get(name(n)) ?? 0) + dt);
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const node = byId.get(cur);
        if (!node) break;
        const key = name(node);
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
      }
    });
    // FOCUS=<function name>: a top-down tree of the time spent below that function (app frames only).
    const focus = process.env.FOCUS;
    if (focus) {
      interface TreeNode { name: string; total: number; children: Map<string, TreeNode> }
      const tree: TreeNode = { name: focus, total: 0, children: new Map() };
      // KEEP=<regex on url + function name>: the frames the tree shows (default the workspace's chunk).
      const keep = new RegExp(process.env.KEEP ?? 'workspaceChunk|Workspace|\\(garbage|\\(program');
      const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '.js')}:${node.callFrame.lineNumber + 1}`;
      profile.samples.forEach((id, i) => {
        const dt = profile.timeDeltas[i] ?? 0;
        const path: ProfileNode[] = [];
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
          const node = byId.get(cur);
          if (node) path.unshift(node);
        }
        const at = path.findIndex((n) => n.callFrame.functionName === focus);
        if (at < 0) return;
        tree.total += dt;
        let into = tree;
        for (const n of path.slice(at + 1)) {
          // Only frames from the app's chunks (and native leaves), so the Svelte runtime's plumbing folds away.
          if (!keep.test(n.callFrame.url + n.callFrame.functionName) && n !== path[path.length - 1]) continue;
          const key = label(n);
          let child = into.children.get(key);
          if (!child) into.children.set(key, (child = { name: key, total: 0, children: new Map() }));
          child.total += dt;
          into = child;
        }
      });
      const print = (n: TreeNode, depth: number) => {
        if (n.total < 1000 || depth > Number(process.env.DEPTH ?? 8)) return;
        process.stdout.write(`    ${'  '.repeat(depth)}${ms(n.total).padStart(6)} ms  ${n.name}\n`);
        for (const c of [...n.children.values()].sort((a, b) => b.total - a.total)) print(c, depth + 1);
      };
      print(tree, 0);
    }
    const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
    process.stdout.write(`  heaviest self time while loading (sampled, the profiler slows everything):\n`);
    for (const [k, v] of top(self, 15)) process.stdout.write(`    ${ms(v).padStart(6)} ms  ${k}\n`);
    process.stdout.write(`  heaviest inclusive time while loading:\n`);
    for (const [k, v] of top(inclusive, Number(process.env.TOP ?? 40))) process.stdout.write(`    ${ms(v).padStart(6)} ms  ${k}\n`);
  }
} finally {
  await browser.close();
  app.server.close();
}
