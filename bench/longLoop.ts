/**
 * A long input run in slices, as the terminal runs it: 9,999 requests from the testcurl pod in one
 * `for` loop, resumed with a predicate that pauses once a slice has taken more than 12 ms. Reports
 * the total time, the number of slices and the longest slice (the product rule: no main-thread task
 * over 200 ms), in wall-clock time and in this process's CPU time (which also counts the garbage
 * collector's helper threads; a wall time far above it means the machine was busy elsewhere).
 * Prints figures; asserts nothing.
 *   npx tsx bench/longLoop.ts            (RUNS=n repeats the measurement, default 3)
 */
import '../src/shell/installParts.ts';
import { performance } from 'node:perf_hooks';
import { SimSession } from '../src/shell/session.ts';

const LOOP = 'for i in $(seq 9999); do kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/; done';
const SLICE_MS = 12;
const runs = Number(process.env.RUNS ?? 3);

for (let run = 1; run <= runs; run++) {
  const session = new SimSession();
  const started = performance.now();
  const job = session.start(LOOP);
  let slices = 0;
  let longest = 0;
  let longestCpu = 0;
  let traces = 0;
  for (;;) {
    const sliceStart = performance.now();
    const cpuStart = process.cpuUsage();
    const result = job.resume(() => performance.now() - sliceStart > SLICE_MS);
    traces += job.takeTraces().length;
    job.takeOutput();
    slices += 1;
    longest = Math.max(longest, performance.now() - sliceStart);
    const cpu = process.cpuUsage(cpuStart);
    longestCpu = Math.max(longestCpu, (cpu.user + cpu.system) / 1000);
    if (result) {
      if (result.exitCode !== 0) throw new Error(`the loop failed with status ${result.exitCode}`);
      break;
    }
  }
  const total = performance.now() - started;
  process.stdout.write(
    `run ${run}: ${traces} requests in ${total.toFixed(0)} ms, ${slices} slices, longest ${longest.toFixed(1)} ms ` +
      `(CPU ${longestCpu.toFixed(1)} ms), ` +
      `${((total / traces) * 1000).toFixed(0)} µs per request\n`,
  );
}
