import { describe, expect, it } from 'vitest';
import type { Trace } from '../domain/traffic/trace.ts';
import { SimSession } from '../shell/session.ts';
import { TerminalState, type TerminalEntry } from './terminal.svelte.ts';

const LOOP = 'for i in $(seq 25); do kubectl exec testcurl -n default -- curl -s -o /dev/null -w "%{http_code} $i\\n" http://frontend.frontend.svc.cluster.local:80/; done';

const text = (entries: readonly TerminalEntry[]) => entries.map((e) => `${e.prompt}${e.input}\n${e.output.map((c) => c.text).join('')}`).join('');

/** A terminal whose every step is a slice of its own (the slicing is what is under test). */
function sliced(hooks = {}) {
  const terminal = new TerminalState(new SimSession(), hooks);
  terminal.sliceMs = -1;
  return terminal;
}

describe('TerminalState', () => {
  it('keeps what another terminal printed for the same lines where only digits differ, up to the first line that differs', async () => {
    const first = new TerminalState(new SimSession({ pace: false }));
    const second = new TerminalState(new SimSession({ pace: false }));
    for (const line of ['echo one', 'echo at 09:00:00.037512', 'echo same', 'echo two']) first.submit(line);
    for (const line of ['echo one', 'echo at 09:00:00.037512', 'echo same', 'echo three', 'echo at 09:00:00.037512']) second.submit(line);
    await Promise.all([first.idle(), second.idle()]);
    // The first terminal printed other digits for the timestamp, as a run a moment earlier would;
    // and a different answer altogether for `echo same`.
    const printed = first.entries.map((e, i) => (i === 1 ? { ...e, output: [{ stream: 'stdout' as const, text: 'at 09:00:00.002512\n' }] } : i === 2 ? { ...e, output: [{ stream: 'stdout' as const, text: 'other\n' }] } : e));
    const before = second.entries;
    second.keepPrinted(printed);
    expect(second.entries[0]).toBe(before[0]);
    expect(second.entries[1]?.output).toEqual([{ stream: 'stdout', text: 'at 09:00:00.002512\n' }]);
    expect(second.entries[1]?.id).toBe(before[1]?.id);
    // Not the same answer: its own stays. From the first line that differs on, nothing is taken.
    expect(second.entries[2]).toBe(before[2]);
    expect(second.entries.slice(3)).toEqual(before.slice(3));
    const same = second.entries;
    second.keepPrinted(same);
    expect(second.entries).toBe(same);
  });

  it('runs a long command in slices, showing its output as it comes, with the same result as one run', async () => {
    const traces: Trace[] = [];
    const ended: number[] = [];
    const terminal = sliced({ traces: (t: Trace[]) => traces.push(...t), end: (_: string, r: { exitCode: number }) => ended.push(r.exitCode) });
    terminal.submit(LOOP);
    expect(terminal.busy).toBe(true);
    expect(terminal.prompt).toMatch(/\$ $/);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const partial = text(terminal.entries);
    await terminal.idle();
    expect(terminal.busy).toBe(false);
    const whole = text(terminal.entries);
    expect(whole.startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(whole.length);

    const direct = new TerminalState(new SimSession());
    direct.sliceMs = Infinity;
    direct.submit(LOOP);
    expect(direct.busy).toBe(false);
    expect(whole).toBe(text(direct.entries));
    expect(traces).toHaveLength(25);
    expect(ended).toEqual([0]);
    // The loop's 25 lines are one output node, not 25.
    expect(terminal.entries[0]?.output).toHaveLength(1);
  });

  it('a typed line shows at once and runs after the next frame; behind a running command it waits its turn', async () => {
    const terminal = new TerminalState(new SimSession());
    terminal.sliceMs = Infinity;
    const requests: Trace[] = [];
    const withHooks = new TerminalState(new SimSession(), { traces: (t: Trace[]) => requests.push(...t) });
    withHooks.sliceMs = Infinity;
    for (const t of [terminal, withHooks]) t.submitTyped(LOOP);
    // Echoed with its prompt, nothing run yet (not one request).
    expect(text(terminal.entries)).toBe(`learner@cloudshell:~ (mtls-playground)$ ${LOOP}\n`);
    expect(terminal.busy).toBe(true);
    expect(requests).toHaveLength(0);
    terminal.submitTyped('echo next');
    expect(terminal.entries).toHaveLength(1);
    await Promise.all([terminal.idle(), withHooks.idle()]);
    expect(requests).toHaveLength(25);
    expect(terminal.entries.map((e) => e.input)).toEqual([LOOP, 'echo next']);
    const direct = new TerminalState(new SimSession());
    direct.sliceMs = Infinity;
    direct.submit(LOOP);
    direct.submit('echo next');
    expect(text(terminal.entries)).toBe(text(direct.entries));
    // A heredoc's lines echo as they are typed; its command runs once it is complete.
    terminal.submitTyped('cat <<EOF');
    await terminal.idle();
    expect(terminal.continuing).toBe(true);
    terminal.submitTyped('hello');
    expect(text(terminal.entries)).toMatch(/\$ cat <<EOF\n> hello\n$/);
    await terminal.idle();
    terminal.submitTyped('EOF');
    await terminal.idle();
    expect(text(terminal.entries)).toMatch(/> EOF\nhello\n$/);
    // Ctrl+C before a shown line has started stops it (its command never runs); Ctrl+L keeps it.
    terminal.submitTyped('kubectl create namespace never');
    terminal.interrupt('');
    await terminal.idle();
    expect(text(terminal.entries)).toMatch(/\$ kubectl create namespace never\n\^C\n$/);
    expect(terminal.session.world.get('Namespace', '', 'never')).toBeUndefined();
    terminal.submitTyped('echo after-clear');
    terminal.clear();
    await terminal.idle();
    expect(text(terminal.entries)).toBe('learner@cloudshell:~ (mtls-playground)$ echo after-clear\nafter-clear\n');
  });

  it('runs lines submitted meanwhile after the running command, in order', async () => {
    const terminal = sliced();
    terminal.submit(LOOP);
    terminal.submit('echo second');
    terminal.submit('echo third');
    expect(terminal.waiting).toBeGreaterThan(0);
    await terminal.idle();
    expect(terminal.entries.map((e) => e.input)).toEqual([LOOP, 'echo second', 'echo third']);
    expect(terminal.waiting).toBe(0);
  });

  it('Ctrl+C stops the running command (status 130) and drops the lines waiting behind it', async () => {
    const terminal = sliced();
    terminal.submit(LOOP);
    terminal.submit('kubectl create namespace typed-ahead');
    await new Promise((resolve) => setTimeout(resolve, 0));
    terminal.interrupt('');
    await terminal.idle();
    const out = text(terminal.entries);
    expect(out).toContain('^C\n');
    expect(out.match(/^200 \d+$/gm)?.length ?? 0).toBeLessThan(25);
    expect(terminal.session.world.get('Namespace', '', 'typed-ahead')).toBeUndefined();
    terminal.sliceMs = Infinity;
    terminal.submit('echo $?');
    expect(terminal.entries.at(-1)?.output[0]?.text).toBe('130\n');
  });

  it('holds input until released, then runs it in order', async () => {
    const terminal = sliced();
    const release = terminal.hold();
    terminal.submit('echo one');
    terminal.submit('echo two');
    expect(terminal.held).toBe(true);
    expect(terminal.waiting).toBe(2);
    expect(terminal.entries).toEqual([]);
    release();
    await terminal.idle();
    expect(terminal.entries.map((e) => e.output[0]?.text)).toEqual(['one\n', 'two\n']);
    expect(terminal.held).toBe(false);
  });

  it('a paste of thousands of lines runs each as typed, a slice at a time, keeping the last 500 entries', async () => {
    const terminal = new TerminalState(new SimSession());
    terminal.sliceMs = 5;
    const lines = Array.from({ length: 3000 }, (_, i) => `echo ${i}`);
    terminal.submit(lines.join('\n'));
    await terminal.idle();
    expect(terminal.entries).toHaveLength(500);
    expect(terminal.entries.at(-1)?.output[0]?.text).toBe('2999\n');
    expect(terminal.session.shell.history.at(-1)).toBe('echo 2999');
  });

  it("shows all of a command's output when it ends in a slice that goes on to the next command", async () => {
    // The loop starts in one slice and yields; the next slice finishes it and runs `echo next`.
    // Both printed in that slice, and both entries must show all they printed (a loaded machine
    // cut the lesson's eleven-namespace loop to its first four lines this way).
    const terminal = sliced();
    terminal.submit('for i in 1 2 3 4 5; do echo x$i; done\necho next');
    const first = text(terminal.entries);
    expect(first).not.toContain('x5');
    terminal.sliceMs = Infinity;
    await terminal.idle();
    expect(text(terminal.entries)).toBe('learner@cloudshell:~ (mtls-playground)$ for i in 1 2 3 4 5; do echo x$i; done\nx1\nx2\nx3\nx4\nx5\nlearner@cloudshell:~ (mtls-playground)$ echo next\nnext\n');
  });

  it('clear empties the screen even in the middle of a sliced run', async () => {
    const terminal = sliced();
    terminal.submit('echo before');
    await terminal.idle();
    terminal.submit('for i in 1 2; do echo x$i; done; clear; echo after');
    await terminal.idle();
    expect(text(terminal.entries)).toBe('\nafter\n');
  });

  it('keeps what a command prints after clear, when both come in one piece of output', async () => {
    // The shell joins `two`, clear's sequence and `three` into one chunk: only `three` stays, as on a real screen.
    const terminal = new TerminalState();
    terminal.submit('echo one');
    terminal.submit('echo two; clear; echo three');
    await terminal.idle();
    expect(text(terminal.entries)).toBe('\nthree\n');
  });
});
