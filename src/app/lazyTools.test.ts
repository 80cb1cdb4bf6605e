import { describe, expect, it, vi } from 'vitest';

/**
 * The text tools arrive after the engine in the browser (shell/bash/builtins/lazyUtilities.ts).
 * tests/setup.ts installs them up front; here fresh copies of the modules start without them.
 */
async function fresh() {
  vi.resetModules();
  const lazy = await import('../shell/bash/builtins/lazyUtilities.ts');
  const { SimSession } = await import('../shell/session.ts');
  const { TerminalState } = await import('./terminal.svelte.ts');
  return { lazy, SimSession, TerminalState };
}

const JQ = `echo '{"mode":"STRICT"}' | jq -r .mode`;

describe('text tools loaded after the engine', () => {
  it('a line that calls one waits for its code, then runs; the lines behind it wait too', async () => {
    const { SimSession, TerminalState } = await fresh();
    const session = new SimSession();
    expect(session.toolsFor('kubectl get ns')).toBeUndefined();
    expect(session.toolsFor('echo sorted')).toBeUndefined();
    const terminal = new TerminalState(session);
    terminal.sliceMs = Infinity;
    terminal.submit('echo before');
    terminal.submit(JQ);
    terminal.submit('echo after');
    // `echo before` ran at once; the jq line waits, held, with the one behind it.
    expect(terminal.entries.map((e) => e.input)).toEqual(['echo before']);
    expect(terminal.held).toBe(true);
    expect(terminal.waiting).toBe(2);
    await vi.waitFor(() => expect(terminal.held).toBe(false), { timeout: 10_000 });
    await terminal.idle();
    expect(terminal.entries.map((e) => [e.input, e.output.map((c) => c.text).join('')])).toEqual([
      ['echo before', 'before\n'],
      [JQ, 'STRICT\n'],
      ['echo after', 'after\n'],
    ]);
    expect(session.toolsFor(JQ)).toBeUndefined();
  });

  it('a call it could not see coming says the tool is still loading, and loads it', async () => {
    const { lazy, SimSession } = await fresh();
    const session = new SimSession();
    const result = session.run(`t=j; \${t}q --version`);
    expect(result.exitCode).toBe(126);
    expect(result.chunks.map((c) => c.text).join('')).toBe('mtls-playground: jq is still loading; run the command again in a moment\n');
    await lazy.loadTextTools();
    expect(session.run(`t=j; \${t}q --version`).chunks.map((c) => c.text).join('')).toBe('jq-1.7.1\n');
  });

  it('a replay of saved commands waits for the tools too', async () => {
    const { lazy, SimSession } = await fresh();
    // What Course.begin does before each replayed command.
    const scratch = new SimSession();
    const loading = scratch.toolsFor(JQ);
    expect(loading).toBeInstanceOf(Promise);
    await loading;
    expect(scratch.run(JQ).chunks.map((c) => c.text).join('')).toBe('STRICT\n');
    expect(lazy.LAZY_UTILITY_NAMES).toContain('jq');
  });
});
