import { afterEach, describe, expect, it, vi } from 'vitest';
import { Simulator } from './simulator.svelte.ts';

describe('Simulator', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('records requests and config pushes as events, and selects the failing hop', () => {
    const sim = new Simulator();
    sim.terminal.submit('kubectl apply -n frontend -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: strict\nspec:\n  mtls:\n    mode: STRICT\nEOF');
    sim.browse('http://35.202.118.74/');
    const [config, request] = sim.events;
    expect(config).toMatchObject({ kind: 'config', changes: [{ action: 'created', kind: 'PeerAuthentication', namespace: 'frontend', name: 'strict' }] });
    expect(request).toMatchObject({ kind: 'request', origin: 'browser' });
    expect(sim.selectedEventId).toBe(request?.id);
    expect(sim.selectedHop).toBe(0);
    expect(sim.browserTrace?.page).toBe('connection-reset');
    expect(sim.narration).toContain('Recv failure: Connection reset by peer');
    expect(sim.mesh.find((w) => w.workload === 'frontend')?.workloadMode?.mode).toBe('STRICT');
    sim.dispose();
  });

  it('keeps a connection open on each proxy a request crosses until the request has played', () => {
    vi.useFakeTimers();
    const sim = new Simulator();
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
});
