import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderLine } from '../domain/explain/messages.ts';
import { narrationLine } from '../domain/explain/narrate.ts';
import { Simulator } from './simulator.svelte.ts';

describe('Simulator', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('records requests and config pushes as events, and selects the failing hop', () => {
    const sim = new Simulator();
    // Each command within the call that submits it, however busy the machine.
    sim.terminal.sliceMs = Infinity;
    sim.terminal.submit('kubectl apply -n frontend -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: strict\nspec:\n  mtls:\n    mode: STRICT\nEOF');
    sim.browse('http://35.202.118.74/');
    const [config, request] = sim.events;
    expect(config).toMatchObject({ kind: 'config', changes: [{ action: 'created', kind: 'PeerAuthentication', namespace: 'frontend', name: 'strict' }] });
    expect(request).toMatchObject({ kind: 'request', origin: 'browser' });
    expect(sim.selectedEventId).toBe(request?.id);
    expect(sim.selectedHop).toBe(0);
    expect(sim.browserTrace?.page).toBe('connection-reset');
    expect(sim.narrationTrace).toBe(request?.kind === 'request' ? request.trace : undefined);
    expect(renderLine(narrationLine(sim.narrationTrace!))).toContain('Recv failure: Connection reset by peer');
    expect(sim.mesh.find((w) => w.workload === 'frontend')?.workloadMode?.mode).toBe('STRICT');
    sim.dispose();
  });

  it('keeps a connection open on each proxy a request crosses until the request has played', () => {
    vi.useFakeTimers();
    const sim = new Simulator();
    // Each command within the call that submits it, however busy the machine.
    sim.terminal.sliceMs = Infinity;
    sim.browse('http://34.136.92.187/');
    const open = sim.connections();
    const gateway = Object.keys(open).find((id) => id.startsWith('istio-system/istio-ingressgateway-')) ?? '';
    const frontend = Object.keys(open).find((id) => id.startsWith('frontend/')) ?? '';
    expect(open[gateway]).toBe(2); // browser → gateway, and gateway → frontend
    expect(open[frontend]).toBeGreaterThan(1); // gateway → frontend, and frontend → its backends
    vi.advanceTimersByTime(60_000);
    const after = sim.connections();
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    sim.dispose();
  });

  it('tells observers about commands and requests, and restores snapshots as a new config push', () => {
    vi.useFakeTimers();
    const sim = new Simulator();
    // Each command within the call that submits it, however busy the machine.
    sim.terminal.sliceMs = Infinity;
    const seen: string[] = [];
    const stop = sim.observe({
      beforeCommand: (c) => seen.push(`before ${c}`),
      afterCommand: (c, r, changed) => seen.push(`after ${c} ${r.exitCode} ${changed}`),
      onTrace: (t) => seen.push(`trace ${t.url}`),
    });
    const start = sim.session.snapshot();
    sim.terminal.submit('kubectl create namespace demo');
    sim.terminal.submit('kubectl apply -n cart -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  mtls:\n    mode: STRICT\nEOF');
    sim.browse('http://34.136.92.187/');
    expect(seen).toEqual([
      'before kubectl create namespace demo',
      'after kubectl create namespace demo 0 false',
      expect.stringMatching(/^before kubectl apply/),
      expect.stringMatching(/^after kubectl apply [^]*EOF 0 true$/),
      'trace http://34.136.92.187/',
    ]);
    vi.advanceTimersByTime(1000);
    const pushed = sim.push.version;
    sim.restore(start, 'undo');
    expect(sim.session.world.get('Namespace', '', 'demo')).toBeUndefined();
    expect(sim.mesh.find((w) => w.workload === 'cartservice')?.workloadMode?.mode).toBe('PERMISSIVE');
    expect(sim.events.at(-1)).toMatchObject({ kind: 'config', command: 'undo', changes: [{ action: 'deleted', kind: 'PeerAuthentication', namespace: 'cart', name: 'p' }] });
    vi.advanceTimersByTime(1000);
    expect(sim.push.version).toBeGreaterThan(pushed);
    stop();
    sim.terminal.submit('kubectl get ns');
    expect(seen).toHaveLength(5);
    sim.dispose();
  });

  it('redraws nothing for a command that changes nothing (a read), and does for one that changes the world', () => {
    const sim = new Simulator();
    // Each command within the call that submits it, however busy the machine.
    sim.terminal.sliceMs = Infinity;
    const before = sim.version;
    sim.terminal.submit('kubectl get ns');
    sim.terminal.submit('echo hello');
    expect(sim.version).toBe(before);
    sim.terminal.submit('kubectl create namespace demo');
    expect(sim.version).toBe(before + 1);
    sim.terminal.submit('kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/');
    expect(sim.version).toBe(before + 2);
    sim.dispose();
  });
});
