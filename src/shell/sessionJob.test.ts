import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EPOCH_MS, PinnedClock, RealtimeClock } from '../domain/clock.ts';
import { toTraceJson } from '../domain/traffic/trace.ts';
import { forEachInput } from './runScript.ts';
import { SimSession, type SessionSnapshot } from './session.ts';
import type { OutputChunk, RunResult, ShellJob } from './types.ts';

const SEED_SCRIPT = readFileSync(new URL('../../examples/seed-tutorial.sh', import.meta.url), 'utf8');

/** Resumes a job until it is done, pausing at every yield point; `between` runs while it is paused. */
function driveSliced(job: ShellJob, between: () => void = () => {}): { result: RunResult; output: OutputChunk[]; slices: number } {
  const output: OutputChunk[] = [];
  let slices = 0;
  for (;;) {
    const result = job.resume(() => true);
    slices += 1;
    output.push(...job.takeOutput());
    if (result) return { result, output, slices };
    between();
  }
}

/** A session whose loop creating namespaces ns1 to ns3 has paused after creating ns1. */
function pausedLoop() {
  const session = new SimSession();
  const base = session.world.clock;
  const job = session.start('for i in 1 2 3; do kubectl create namespace ns$i; done');
  expect(job.resume(() => true)).toBeUndefined();
  return { session, base, job };
}

/** What a session printed and traced for each input, comparable across sessions. */
function transcript(results: RunResult[]) {
  return results.map((r) => ({ text: r.chunks.map((c) => c.text).join(''), chunks: r.chunks, exitCode: r.exitCode, traces: r.traces.map(toTraceJson) }));
}

describe('SimSession.start', () => {
  it('runs the seed tutorial in slices exactly as run does', () => {
    const whole = new SimSession();
    const sliced = new SimSession();
    const wholeResults: RunResult[] = [];
    const slicedResults: RunResult[] = [];
    let slices = 0;
    forEachInput(SEED_SCRIPT, (text) => {
      wholeResults.push(whole.run(text));
      const run = driveSliced(sliced.start(text));
      expect(run.output.map((c) => c.text).join('')).toBe(run.result.chunks.map((c) => c.text).join(''));
      slicedResults.push(run.result);
      slices += run.slices;
    });
    expect(transcript(slicedResults)).toEqual(transcript(wholeResults));
    expect(slices).toBeGreaterThan(wholeResults.length * 2);
    expect(sliced.world.list('PeerAuthentication')).toEqual(whole.world.list('PeerAuthentication'));
    expect(sliced.world.clock).not.toBeInstanceOf(PinnedClock);
  });

  it('keeps the clock pinned across slices and gives it back when done', () => {
    // A clock that moves 700 ms every time anything reads it.
    let fake = 0;
    const session = new SimSession({ clock: new RealtimeClock(DEFAULT_EPOCH_MS, () => (fake += 700)) });
    const base = session.world.clock;
    const job = session.start('for ns in one two three; do kubectl create namespace $ns; done');
    const seen = new Set<number>();
    const { result, slices } = driveSliced(job, () => {
      expect(session.world.clock).toBeInstanceOf(PinnedClock);
      seen.add(session.world.clock.now());
    });
    expect(result.exitCode).toBe(0);
    expect(slices).toBeGreaterThan(3);
    expect(seen.size).toBe(1);
    expect(session.world.clock).toBe(base);
    const stamps = ['one', 'two', 'three'].map((ns) => session.world.get('Namespace', '', ns)?.metadata.creationTimestamp);
    expect(new Set(stamps).size).toBe(1);
  });

  it('gives the clock back when a command replaced the world mid-run', () => {
    const box: { saved?: SessionSnapshot } = {};
    const session: SimSession = new SimSession({
      commands: {
        undo: () => {
          if (box.saved) session.restore(box.saved);
          return 0;
        },
      },
    });
    const base = session.world.clock;
    box.saved = session.snapshot();
    const { result } = driveSliced(session.start('for i in 1 2; do kubectl create namespace extra$i; undo; done'));
    expect(result.exitCode).toBe(0);
    expect(session.world.get('Namespace', '', 'extra1')).toBeUndefined();
    expect(session.world.clock).toBe(base);
  });

  it('gives the clock back after an interrupt, and after a syntax error at once', () => {
    const { session, base, job } = pausedLoop();
    job.interrupt();
    expect(session.world.clock).toBeInstanceOf(PinnedClock);
    expect(job.resume(() => true)?.exitCode).toBe(130);
    expect(session.world.clock).toBe(base);
    expect(session.world.get('Namespace', '', 'ns1')).toBeDefined();
    expect(session.world.get('Namespace', '', 'ns2')).toBeUndefined();
    expect(session.run('echo $?').chunks).toEqual([{ stream: 'stdout', text: '130\n' }]);
    const broken = session.start('for i in');
    expect(broken.done).toBe(true);
    expect(session.world.clock).toBe(base);
  });

  it('finishes a job left unfinished before the next input, so the clock is never pinned twice', () => {
    const { session, base, job: abandoned } = pausedLoop();
    expect(session.run('kubectl get ns ns1 -o name').chunks).toEqual([{ stream: 'stdout', text: 'namespace/ns1\n' }]);
    expect(abandoned.done).toBe(true);
    expect(abandoned.resume(() => true)?.exitCode).toBe(130);
    expect(session.world.clock).toBe(base);
    expect(session.world.get('Namespace', '', 'ns2')).toBeUndefined();
  });

  it('lets a command of a running job run another input, nested, without ending the job', () => {
    const session: SimSession = new SimSession({
      commands: {
        nested: (ctx) => {
          ctx.stdout(session.run(`kubectl create namespace inner${ctx.argv[1]}`).chunks.map((c) => c.text).join(''));
          return 0;
        },
      },
    });
    const base = session.world.clock;
    const { result } = driveSliced(session.start('for i in 1 2; do nested $i; done; echo after'));
    expect(result).toMatchObject({ exitCode: 0, chunks: [{ stream: 'stdout', text: 'namespace/inner1 created\nnamespace/inner2 created\nafter\n' }] });
    expect(session.world.clock).toBe(base);
  });

  it('gives the clock back when the shell itself finished the input', () => {
    const { session, base, job } = pausedLoop();
    session.shell.run('true');
    expect(job.done).toBe(false);
    expect(job.resume(() => true)?.exitCode).toBe(130);
    expect(job.done).toBe(true);
    expect(session.world.clock).toBe(base);
  });
});
