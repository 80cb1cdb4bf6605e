import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { OutputChunk, RunResult, ShellJob } from '../types.ts';
import type { Shell } from './shell.ts';
import { createTestShell } from './testShell.ts';

/** A job driven to its end the way the terminal drives it, collecting what it hands out on the way. */
function drive(job: ShellJob, shouldYield: () => boolean = () => true) {
  const output: OutputChunk[] = [];
  const traces: Trace[] = [];
  let slices = 0;
  let result: RunResult | undefined;
  do {
    result = job.resume(shouldYield);
    slices += 1;
    output.push(...job.takeOutput());
    traces.push(...job.takeTraces());
  } while (!result);
  return { result, output, traces, slices };
}

/** Neighbouring chunks of one stream joined, as the terminal shows them. */
function merged(chunks: OutputChunk[]): OutputChunk[] {
  const out: OutputChunk[] = [];
  for (const { stream, text } of chunks) {
    const last = out[out.length - 1];
    if (last?.stream === stream) last.text += text;
    else out.push({ stream, text });
  }
  return out;
}

/** What a shell leaves behind after its inputs: everything a later input could see. */
function shellState(shell: Shell) {
  return { lastExitCode: shell.lastExitCode, vars: [...shell.env], history: [...shell.history], cwd: shell.fs.cwd };
}

/** Runs `inputs` on a fresh test shell, each to its end (`run`) or in slices (`start` + `resume`). */
function runAll(inputs: string[], mode: 'run' | { shouldYield: () => boolean }) {
  const { shell, fs } = createTestShell();
  const results = inputs.map((text) => {
    if (mode === 'run') {
      const result = shell.run(text);
      return { result, output: result.chunks, traces: result.traces, slices: 1 };
    }
    return drive(shell.start(text), mode.shouldYield);
  });
  return { results, state: shellState(shell), file: fs.readFile('out.txt') };
}

/** Runs `inputs` both ways and expects the sliced run to give exactly what the run to the end gives. */
function expectSlicingChangesNothing(inputs: string[], shouldYield: () => boolean): void {
  const whole = runAll(inputs, 'run');
  const sliced = runAll(inputs, { shouldYield });
  expect(sliced.state).toEqual(whole.state);
  expect(sliced.file).toEqual(whole.file);
  sliced.results.forEach((s, i) => {
    const w = whole.results[i]!.result;
    // Traces are handed over as they are taken: the sliced result keeps none of them.
    expect(s.result).toEqual({ ...w, traces: [] });
    // Handed out piece by piece: everything exactly once, in order.
    expect(merged(s.output)).toEqual(w.chunks);
    expect(s.traces).toEqual(w.traces);
  });
}

/** Scripts (each a list of inputs) whose sliced runs must match their runs to the end byte for byte. */
const CORPUS: { name: string; inputs: string[] }[] = [
  { name: 'a list with both streams', inputs: ['echo a; echo b; fail; echo c'] },
  {
    name: 'a loop with continue and break',
    inputs: ['for i in 1 2 3 4 5; do if [ $i = 2 ]; then continue; fi; echo $i; if [ $i = 4 ]; then break; fi; done; echo after $?'],
  },
  { name: 'nested loops and break 2', inputs: ['for i in 1 2 3; do for j in a b c; do echo $i$j; [ $j = b ] && break 2; done; done; echo out'] },
  { name: 'nested loops and continue 2', inputs: ['for i in 1 2; do for j in a b; do echo $i$j; continue 2; echo never; done; done'] },
  { name: 'while read over a file', inputs: ['printf "x\\ny\\nz\\n" > f.txt', 'while read line; do echo "got $line"; done < f.txt'] },
  { name: 'until with arithmetic', inputs: ['n=0; until [ $n -ge 3 ]; do n=$((n+1)); echo $n; done; echo $n'] },
  { name: 'heredocs in and out of loops', inputs: ['cat <<EOF\nhello $HOME\nEOF\nfor i in 1 2; do cat <<X\nline $i\nX\ndone'] },
  { name: 'pipelines, with loops on either side', inputs: ['for i in 1 2 3; do echo $i; done | grep 2; echo x | stdin | cat; seq 3 | while read n; do echo n=$n; done'] },
  { name: 'exit inside a loop', inputs: ['for i in 1 2 3; do echo $i; [ $i = 2 ] && exit 7; done; echo never', 'echo $?'] },
  { name: 'a subshell keeps its variables and exit', inputs: ['(for i in 1 2; do echo $i; X=$i; done; exit 3); echo $? "[$X]"'] },
  { name: 'a group redirected to a file', inputs: ['{ for i in 1 2; do echo $i; done; fail; } > out.txt 2>&1; cat out.txt'] },
  { name: 'traces from loops and pipelines', inputs: ['for i in 1 2 3; do trace t$i; done; trace p1 | trace p2; echo $(trace sub)'] },
  { name: 'command substitution feeding a loop', inputs: ['for i in $(seq 3); do echo $(echo in $i) $?; done'] },
  { name: 'if, elif and else in a loop', inputs: ['for i in 1 2 3; do if [ $i = 1 ]; then echo one; elif [ $i = 2 ]; then echo two; else echo other; fi; done'] },
  { name: 'an alias that loops', inputs: ["alias twice='for k in 1 2; do echo hi $k; done'", 'twice; twice'] },
  { name: '&& and || chains', inputs: ['true && echo yes || echo no; false && echo yes || echo no; fail || fail && echo end'] },
  { name: 'an expansion error drops the rest of the input', inputs: ['for i in 1 2; do echo $i; echo ${i:?gone}; unset i; echo ${i:?gone}; echo never; done; echo never'] },
  { name: 'a syntax error', inputs: ['for i in 1 2; do echo $i', 'echo $?'] },
  { name: 'the loop limit hit mid-run', inputs: ['for i in $(seq 20000); do :; done; echo never', 'echo $?'] },
  { name: 'the command limit hit mid-run', inputs: ['for i in $(seq 9000); do : ; : ; : ; : ; : ; : ; : ; : ; : ; : ; : ; : ; done'] },
  { name: 'the output limit hit mid-run', inputs: ['x=$(seq 1000); for i in $(seq 1000); do echo $x; done; echo never'] },
  { name: 'a throwing command', inputs: ['for i in 1 2; do boom; done; echo after'] },
];

describe('ShellJob', () => {
  describe('resumed at every yield point, it gives exactly what a run to the end gives', () => {
    it.each(CORPUS)('$name', ({ inputs }) => {
      expectSlicingChangesNothing(inputs, () => true);
    });

    it('pauses in loops, and hands out output and traces while it runs', () => {
      const { shell } = createTestShell();
      const job = shell.start('for i in 1 2 3; do echo $i; trace t$i; done');
      const seen: unknown[] = [];
      while (!job.resume(() => true)) seen.push(...job.takeOutput().map((c) => c.text), ...job.takeTraces());
      expect(seen).toEqual(['1\n', { id: 't1' }, '2\n', { id: 't2' }, '3\n', { id: 't3' }]);
      expect(job.done).toBe(true);
      expect(job.takeOutput()).toEqual([]);
      expect(job.takeTraces()).toEqual([]);
    });

    it('runs a multi-command pipeline and a command substitution without pausing inside them', () => {
      const { shell } = createTestShell();
      const inPipeline = drive(shell.start('for i in 1 2 3; do echo $i; done | cat'));
      const inSubstitution = drive(shell.start('echo $(for i in 1 2 3; do echo $i; done)'));
      const alone = drive(shell.start('echo one'));
      expect(inPipeline.slices).toBeLessThanOrEqual(alone.slices);
      expect(inSubstitution.slices).toBeLessThanOrEqual(alone.slices);
      expect(drive(shell.start('for i in 1 2 3; do echo $i; done')).slices).toBeGreaterThan(alone.slices + 3);
    });

    it('keeps returning the same result once done', () => {
      const { shell } = createTestShell();
      const job = shell.start('echo a');
      const result = drive(job).result;
      expect(job.resume(() => true)).toBe(result);
      expect(job.resume(() => false)).toBe(result);
    });

    it('adds the input to the history when it starts and sets $? when it finishes', () => {
      const { shell } = createTestShell();
      shell.run('fail');
      const job = shell.start('true; fail; echo done');
      expect(shell.history).toEqual(['fail', 'true; fail; echo done']);
      expect(shell.lastExitCode).toBe(3);
      expect(drive(job).result.exitCode).toBe(0);
      expect(shell.lastExitCode).toBe(0);
    });
  });

  describe('interrupt', () => {
    it('stops a loop at its next yield point with status 130, which $? then shows', () => {
      const { shell, calls } = createTestShell();
      const job = shell.start('for i in 1 2 3 4 5; do kubectl $i; done; echo after');
      while (calls.length < 2) expect(job.resume(() => true)).toBeUndefined();
      job.interrupt();
      const result = job.resume(() => true);
      expect(result).toEqual({ chunks: [{ stream: 'stdout', text: '["kubectl","1"]\n["kubectl","2"]\n' }], exitCode: 130, traces: [] });
      expect(calls).toEqual([['kubectl', '1'], ['kubectl', '2']]);
      expect(job.done).toBe(true);
      expect(shell.lastExitCode).toBe(130);
      expect(shell.run('echo $?').chunks).toEqual([{ stream: 'stdout', text: '130\n' }]);
    });

    it.each([
      { name: 'a subshell', text: '(for i in 1 2 3; do kubectl $i; done); kubectl after' },
      { name: 'a while loop', text: 'n=0; while true; do n=$((n+1)); kubectl $n; done; kubectl after' },
      { name: 'an if inside a group', text: '{ for i in 1 2 3; do if kubectl $i; then :; fi; done; }; kubectl after' },
      { name: 'an alias', text: "alias many='for i in 1 2 3; do kubectl $i; done'\nmany; kubectl after" },
      { name: 'an && chain', text: 'kubectl 1 && kubectl 2 && kubectl 3 && kubectl after' },
    ])('abandons the whole input from inside $name', ({ text }) => {
      const { shell, calls } = createTestShell();
      const job = shell.start(text);
      while (calls.length < 2) job.resume(() => true);
      job.interrupt();
      expect(job.resume(() => true)?.exitCode).toBe(130);
      expect(calls.map((argv) => argv[1])).toEqual(['1', '2']);
    });

    it('before the first slice runs nothing; after the job is done changes nothing', () => {
      const { shell, calls } = createTestShell();
      const early = shell.start('kubectl 1');
      early.interrupt();
      expect(early.resume(() => false)).toEqual({ chunks: [], exitCode: 130, traces: [] });
      expect(calls).toEqual([]);
      const late = shell.start('kubectl 1');
      const result = late.resume(() => false);
      late.interrupt();
      expect(late.resume(() => false)).toBe(result);
      expect(result?.exitCode).toBe(0);
      expect(shell.lastExitCode).toBe(0);
    });

    it('is how a new input ends one left unfinished', () => {
      const { shell, calls } = createTestShell();
      const first = shell.start('for i in 1 2 3; do kubectl $i; done');
      first.resume(() => true);
      const second = shell.start('kubectl next');
      expect(first.done).toBe(true);
      expect(first.resume(() => false)?.exitCode).toBe(130);
      expect(drive(second).result.exitCode).toBe(0);
      expect(calls.map((argv) => argv[1])).toEqual(['1', 'next']);
    });
  });

  describe('on random scripts', () => {
    const simple = fc.constantFrom(
      'echo a',
      'echo "$i$j"',
      'fail',
      'trace t',
      'true',
      'false',
      'break',
      'continue',
      'break 2',
      'exit 4',
      'x=$((x+1))',
      'echo $x $?',
      'echo z | stdin',
      'echo $(echo sub; trace s)',
      'cd /tmp',
      'X=1 kubectl',
    );
    const { list } = fc.letrec<{ statement: string; list: string }>((tie) => ({
      statement: fc.oneof(
        { depthSize: 'small' },
        simple,
        fc
          .tuple(fc.constantFrom('i', 'j'), fc.array(fc.constantFrom('1', '2', '3'), { maxLength: 3 }), tie('list'))
          .map(([name, items, body]) => `for ${name} in ${items.join(' ')}; do ${body}; done`),
        tie('list').map((body) => `n=0; while [ $n -lt 3 ]; do n=$((n+1)); ${body}; done`),
        fc.tuple(tie('list'), tie('list'), tie('list')).map(([c, a, b]) => `if ${c}; then ${a}; else ${b}; fi`),
        fc.tuple(tie('statement'), tie('statement')).map(([a, b]) => `${a} | ${b}`),
        fc.tuple(tie('statement'), fc.constantFrom('&&', '||'), tie('statement')).map(([a, op, b]) => `${a} ${op} ${b}`),
        tie('list').map((body) => `( ${body} )`),
        tie('list').map((body) => `{ ${body}; }`),
      ),
      list: fc.array(tie('statement'), { minLength: 1, maxLength: 4 }).map((items) => items.join('; ')),
    }));

    it('slicing never changes the result, wherever the job pauses', () => {
      fc.assert(
        fc.property(fc.array(list, { minLength: 1, maxLength: 3 }), fc.array(fc.boolean(), { minLength: 1 }), (inputs, pauses) => {
          let k = 0;
          expectSlicingChangesNothing(inputs, () => pauses[k++ % pauses.length]!);
        }),
        { numRuns: 200 },
      );
    });
  });
});
