/**
 * Memory over a long session, in Node: the JS heap after a forced GC once the learner has sent 100,
 * 500, 1,000, 2,000, 5,000 and 10,000 requests (target: a plateau, ≤ 40 MiB at 5,000 and at most
 * 5 % more at 10,000). The session is driven as the app drives it, without the Svelte classes:
 * before every command a snapshot for undo (the latest 200 are kept, as CommandHistory keeps them),
 * the latest 500 traces (the course's checks and the event list keep as many), and a policy change
 * every 100 commands (a point of the time machine, 200 kept). Prints figures; asserts nothing.
 *   npx tsx bench/heap.ts              (PER_COMMAND=n requests per command, default 1; --json)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SimSession, type SessionSnapshot } from '../src/shell/session.ts';
import type { Trace } from '../src/domain/traffic/trace.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MAX_UNDO = 200;
const MAX_POINTS = 200;
const MAX_TRACES = 500;
const CHECKPOINTS = [100, 500, 1_000, 2_000, 5_000, 10_000];
const perCommand = Number(process.env.PER_COMMAND ?? 1);
const json = process.argv.includes('--json');

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

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const session = new SimSession();
const undo: SessionSnapshot[] = [];
const points: SessionSnapshot[] = [session.snapshot()];
const traces: Trace[] = [];
let commands = 0;

function run(line: string): void {
  undo.push(session.snapshot());
  if (undo.length > MAX_UNDO) undo.shift();
  const result = session.run(line);
  if (result.exitCode !== 0) throw new Error(`${line}: exit ${result.exitCode}`);
  traces.push(...result.traces);
  if (traces.length > MAX_TRACES) traces.splice(0, traces.length - MAX_TRACES);
  commands++;
}

const baseline = heapMiB();
const rows: { requests: number; heapMiB: number }[] = [];
let requests = 0;
const started = performance.now();
for (const target of CHECKPOINTS) {
  while (requests < target) {
    run(command);
    requests += perCommand;
    if (commands % 100 === 0) {
      run(policy(commands % 200 === 0 ? 'STRICT' : 'PERMISSIVE'));
      points.push(session.snapshot());
      if (points.length > MAX_POINTS + 1) points.splice(1, 1);
    }
  }
  rows.push({ requests, heapMiB: heapMiB() });
}
const seconds = (performance.now() - started) / 1000;

if (json) {
  process.stdout.write(`${JSON.stringify({ perCommand, baselineMiB: baseline, rows }, null, 2)}\n`);
} else {
  process.stdout.write(`Heap after forced GC (Node ${process.version}; ${perCommand} request(s) per command, a snapshot per command; ${seconds.toFixed(1)} s)\n`);
  process.stdout.write(`  before any request ${baseline.toFixed(1)} MiB\n`);
  for (const r of rows) process.stdout.write(`  ${r.requests.toLocaleString('en-US').padStart(6)} requests  ${r.heapMiB.toFixed(1).padStart(6)} MiB\n`);
  const at5k = rows.find((r) => r.requests === 5_000)?.heapMiB ?? Number.NaN;
  const at10k = rows.find((r) => r.requests === 10_000)?.heapMiB ?? Number.NaN;
  process.stdout.write(`  5,000 → 10,000: ${(((at10k - at5k) / at5k) * 100).toFixed(1)} % (target: ≤ 40 MiB at 5,000, ≤ +5 % to 10,000)\n`);
}
