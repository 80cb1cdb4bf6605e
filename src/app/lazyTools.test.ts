import { describe, expect, it, vi } from 'vitest';

/**
 * The text and inspection tools arrive after the engine in the browser (shell/lazyPart.ts).
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

  it('the inspection tools and kubectl explain too: they wait for their code, then answer as usual', async () => {
    const { SimSession, TerminalState } = await fresh();
    const session = new SimSession();
    const terminal = new TerminalState(session);
    terminal.sliceMs = Infinity;
    const lines = [
      'gcloud container clusters get-credentials boutique --zone=us-central1-c',
      'istioctl pc secret deploy/frontend -n frontend | head -2',
      'openssl version',
      'kubectl exec deploy/frontend -n frontend -c istio-proxy -- curl -s localhost:15000/ready',
      'kubectl explain peerauthentication.spec.mtls.mode | head -2',
      'istioctl x authz check deploy/frontend -n frontend',
    ];
    for (const line of lines) terminal.submit(line);
    expect(terminal.held).toBe(true);
    await vi.waitFor(() => expect(terminal.held).toBe(false), { timeout: 20_000 });
    await terminal.idle();
    const out = terminal.entries.map((e) => e.output.map((c) => c.text).join(''));
    expect(out[1]).toMatch(/^RESOURCE NAME +TYPE +STATUS +VALID CERT +SERIAL NUMBER +NOT AFTER +NOT BEFORE\ndefault +Cert Chain +ACTIVE +true /);
    expect(out[2]).toBe('OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)\n');
    expect(out[3]).toBe('LIVE\n');
    expect(out[4]).toBe('GROUP:      security.istio.io\nKIND:       PeerAuthentication\n');
    // No policy applies: the config dump it reads has no RBAC filter, so only the header prints.
    expect(out[5]).toBe('ACTION   AuthorizationPolicy   RULES\n');
  }, 30_000);
});
