import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { peerAuthentication, pod } from '../testing/fixtures.ts';
import { summarizeMesh } from './summarizeMesh.ts';

const modeOf = (world: ReturnType<typeof createDefaultWorld>, ns: string) =>
  summarizeMesh(world).find((w) => w.namespace === ns && w.sidecar)?.workloadMode?.mode;

describe('summarizeMesh', () => {
  it('lists one entry per workload, with sidecar, gateway and bare pods told apart', () => {
    const summary = summarizeMesh(createDefaultWorld());
    expect(summary.find((w) => w.workload === 'frontend')).toMatchObject({ kind: 'Deployment', sidecar: true, gateway: false, ports: [{ port: 8080 }] });
    expect(summary.find((w) => w.workload === 'istio-ingressgateway')).toMatchObject({ sidecar: false, gateway: true });
    expect(summary.find((w) => w.workload === 'testcurl')).toMatchObject({ kind: 'Pod', sidecar: false, gateway: false, ports: [] });
    expect(summary.filter((w) => w.sidecar)).toHaveLength(11);
  });

  it('re-evaluates a namespace when one of its policies changes, and nothing else', () => {
    const world = createDefaultWorld();
    const before = summarizeMesh(world);
    world.put(peerAuthentication('cart', 'namespace-policy', { mtls: { mode: 'STRICT' } }));
    const after = summarizeMesh(world);
    expect(modeOf(world, 'cart')).toBe('STRICT');
    expect(modeOf(world, 'frontend')).toBe('PERMISSIVE');
    const unchanged = after.filter((w, i) => w === before[i]).map((w) => w.namespace);
    expect(unchanged).not.toContain('cart');
    expect(unchanged).toContain('frontend');
  });

  it('stays right when two clones of one snapshot take different paths (undo, then another apply)', () => {
    const start = createDefaultWorld();
    summarizeMesh(start);
    const a = start.clone();
    a.put(peerAuthentication('cart', 'p', { mtls: { mode: 'STRICT' } }));
    expect(modeOf(a, 'cart')).toBe('STRICT');
    // Undo: back to the snapshot, then a different change of the same namespace.
    const b = start.clone();
    b.put(peerAuthentication('cart', 'p', { mtls: { mode: 'DISABLE' } }));
    expect(modeOf(b, 'cart')).toBe('DISABLE');
    expect(modeOf(a, 'cart')).toBe('STRICT');
    expect(b.version('PeerAuthentication', 'cart')).not.toBe(a.version('PeerAuthentication', 'cart'));
  });

  it('re-evaluates every workload when a mesh-wide policy changes, in a clone too', () => {
    const world = createDefaultWorld();
    summarizeMesh(world);
    const clone = world.clone();
    clone.put(peerAuthentication('istio-system', 'mesh-wide', { mtls: { mode: 'STRICT' } }));
    expect(summarizeMesh(clone).filter((w) => w.sidecar).every((w) => w.workloadMode?.mode === 'STRICT')).toBe(true);
    // The original world is untouched by its clone's change.
    expect(summarizeMesh(world).filter((w) => w.sidecar).every((w) => w.workloadMode?.mode === 'PERMISSIVE')).toBe(true);
    clone.remove(clone.get('PeerAuthentication', 'istio-system', 'mesh-wide') ?? peerAuthentication('x', 'y'));
    expect(modeOf(clone, 'payment')).toBe('PERMISSIVE');
  });

  it('re-evaluates a namespace when its pods change, and serves each clone its own pods', () => {
    const world = createDefaultWorld();
    summarizeMesh(world);
    const clone = world.clone();
    clone.put(pod('cart', 'extra', { labels: { app: 'extra' }, ports: [9090] }));
    clone.put(peerAuthentication('cart', 'extra-strict', { selector: { matchLabels: { app: 'extra' } }, mtls: { mode: 'STRICT' } }));
    expect(summarizeMesh(clone).find((w) => w.workload === 'extra')).toMatchObject({ kind: 'Pod', ports: [{ port: 9090 }], workloadMode: { mode: 'STRICT', level: 'workload' } });
    expect(summarizeMesh(world).find((w) => w.workload === 'extra')).toBeUndefined();
    clone.remove(clone.get('Pod', 'cart', 'extra') ?? pod('x', 'y'));
    expect(summarizeMesh(clone).find((w) => w.workload === 'extra')).toBeUndefined();
  });
});
