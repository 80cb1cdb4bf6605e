import { afterEach, describe, expect, it, vi } from 'vitest';
import { getPath } from '../domain/objects.ts';
import { Simulator } from './simulator.svelte.ts';

const POLICY = 'kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: PERMISSIVE\nEOF';

/** The output printed under the terminal's last command. */
const lastOutput = (sim: Simulator) => sim.terminal.entries.at(-1)?.output.map((c) => c.text).join('') ?? '';
const outputOf = (sim: Simulator, input: string) => sim.terminal.entries.find((e) => e.input === input)?.output.map((c) => c.text).join('') ?? '';

describe('kubectl edit in the app: the editor panel holds the terminal', () => {
  afterEach(() => vi.useRealTimers());

  it('opens the panel, holds typed lines until the save, prints `edited` under the command and records the change', async () => {
    vi.useFakeTimers();
    const sim = new Simulator();
    const ended: string[] = [];
    sim.observe({ afterCommand: (command, result, changed) => ended.push(`${command} ${result.exitCode} ${changed}`) });
    sim.terminal.submit(POLICY);
    sim.terminal.submit('kubectl edit pa default -n istio-system');
    expect(sim.editor.open).toBe(true);
    expect(sim.editor.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(sim.terminal.busy).toBe(true);
    expect(sim.terminal.foregroundLabel).toBe('kubectl edit');
    // A line typed meanwhile waits, as it would behind vi.
    sim.terminal.submit('echo after');
    expect(sim.terminal.entries.some((e) => e.input === 'echo after')).toBe(false);
    expect(ended).toHaveLength(1);

    sim.editor.text = sim.editor.text.replace('mode: PERMISSIVE', 'mode: STRICT');
    sim.editor.save();
    await vi.runAllTimersAsync();
    expect(sim.editor.open).toBe(false);
    expect(outputOf(sim, 'kubectl edit pa default -n istio-system')).toBe('peerauthentication.security.istio.io/default edited\n');
    expect(getPath(sim.session.world.get('PeerAuthentication', 'istio-system', 'default')?.spec, 'mtls', 'mode')).toBe('STRICT');
    expect(ended[1]).toBe('kubectl edit pa default -n istio-system 0 true');
    expect(sim.events.some((e) => e.kind === 'config' && e.command === 'kubectl edit pa default -n istio-system')).toBe(true);
    expect(outputOf(sim, 'echo after')).toBe('after\n');
    expect(sim.terminal.busy).toBe(false);
    sim.dispose();
  });

  it('keeps the panel open with kubectl\'s reasons after an invalid save; Ctrl+C cancels', async () => {
    vi.useFakeTimers();
    const sim = new Simulator();
    sim.terminal.submit(POLICY);
    sim.terminal.submit('kubectl edit pa/default -n istio-system');
    sim.editor.text = sim.editor.text.replace('mode: PERMISSIVE', 'mode: Strict');
    sim.editor.save();
    expect(sim.editor.open).toBe(true);
    expect(sim.editor.reopened).toBe(1);
    expect(sim.editor.text).toContain('# peerauthentications.security.istio.io "default" was not valid:\n');
    expect(lastOutput(sim)).toBe('error: peerauthentications.security.istio.io "default" is invalid\n');
    sim.terminal.interrupt('');
    await vi.runAllTimersAsync();
    expect(sim.editor.open).toBe(false);
    expect(lastOutput(sim)).toMatch(/\^C\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
    expect(sim.terminal.busy).toBe(false);
    sim.dispose();
  });
});

describe('kubectl port-forward in the app: the browser tab reaches localhost', () => {
  afterEach(() => vi.useRealTimers());

  it('runs until Ctrl+C; meanwhile the tab opens the frontend on localhost and kubectl prints each connection', async () => {
    vi.useFakeTimers();
    const sim = new Simulator();
    sim.terminal.submit('kubectl port-forward svc/frontend 8080:80 -n frontend');
    expect(sim.terminal.foregroundLabel).toBe('kubectl port-forward');
    expect(sim.forwards).toHaveLength(1);
    sim.browse('http://localhost:8080/');
    expect(sim.browserTrace?.page).toBe('storefront');
    expect(sim.browserTrace?.from).toBe('external/browser');
    // Straight to the pod: no gateway, no inbound sidecar, even though the mesh is there.
    expect(sim.browserTrace?.hops[0]?.serverMode).toBe('NO_SIDECAR');
    expect(lastOutput(sim)).toBe('Forwarding from 127.0.0.1:8080 -> 8080\nForwarding from [::1]:8080 -> 8080\nHandling connection for 8080\n');
    sim.browse('http://localhost:9090/');
    expect(sim.browserTrace?.page).toBe('connection-refused');
    sim.terminal.interrupt('');
    await vi.runAllTimersAsync();
    expect(sim.forwards).toHaveLength(0);
    expect(sim.terminal.busy).toBe(false);
    expect(lastOutput(sim).endsWith('Handling connection for 8080\n^C\n')).toBe(true);
    sim.browse('http://localhost:8080/');
    expect(sim.browserTrace?.page).toBe('connection-refused');
    sim.dispose();
  });
});
