import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { authorizationPolicy, peerAuthentication, pod } from '../testing/fixtures.ts';
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

  describe('authorization facts', () => {
    const authzOf = (world: ReturnType<typeof createDefaultWorld>, workload: string) => summarizeMesh(world).find((w) => w.workload === workload)?.authz;

    it('has none where no AuthorizationPolicy applies (the default world)', () => {
      expect(summarizeMesh(createDefaultWorld()).filter((w) => w.authz)).toEqual([]);
    });

    it('counts an allow-nothing policy on the workloads of its namespace only', () => {
      const world = createDefaultWorld();
      world.put(authorizationPolicy('frontend', 'allow-nothing', {}));
      expect(authzOf(world, 'frontend')).toMatchObject({ allow: 1, deny: 0, audit: 0, custom: 0, dryRun: 0, allowNothing: true, policies: [{ name: 'allow-nothing', action: 'ALLOW', scope: 'namespace' }] });
      expect(summarizeMesh(world).filter((w) => w.authz).map((w) => w.workload)).toEqual(['frontend']);
    });

    it('is not allow-nothing when an ALLOW policy has a rule, and counts DENY, AUDIT and dry-run apart', () => {
      const world = createDefaultWorld();
      world.put(authorizationPolicy('cart', 'allow-nothing', {}));
      world.put(authorizationPolicy('cart', 'allow-frontend', { rules: [{ from: [{ source: { namespaces: ['frontend'] } }] }] }));
      world.put(authorizationPolicy('cart', 'deny-delete', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['DELETE'] } }] }] }));
      world.put(authorizationPolicy('cart', 'audit', { action: 'AUDIT', rules: [{}] }));
      world.put(authorizationPolicy('cart', 'try-deny', { action: 'DENY', rules: [{}] }, { annotations: { 'istio.io/dry-run': 'true' } }));
      expect(authzOf(world, 'cartservice')).toMatchObject({ allow: 2, deny: 1, audit: 1, custom: 0, dryRun: 1, allowNothing: false });
    });

    it('is allow-nothing while the only ALLOW policy with rules is a dry run', () => {
      const world = createDefaultWorld();
      world.put(authorizationPolicy('cart', 'allow-nothing', {}));
      world.put(authorizationPolicy('cart', 'allow-frontend', { rules: [{}] }, { annotations: { 'istio.io/dry-run': 'true' } }));
      expect(authzOf(world, 'cartservice')).toMatchObject({ allow: 1, dryRun: 1, allowNothing: true });
    });

    it('puts a root-namespace policy on every proxy, the ingress gateway included, and none on sidecar-less pods', () => {
      const world = createDefaultWorld();
      world.put(authorizationPolicy('istio-system', 'deny-all-delete', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['DELETE'] } }] }] }));
      const summary = summarizeMesh(world);
      expect(summary.filter((w) => w.sidecar || w.gateway).every((w) => w.authz?.deny === 1 && w.authz.policies[0]?.scope === 'root')).toBe(true);
      expect(summary.find((w) => w.workload === 'testcurl')?.authz).toBeUndefined();
    });

    it('follows AuthorizationPolicy changes in a clone, keeping the mTLS decisions and the original world', () => {
      const world = createDefaultWorld();
      const before = summarizeMesh(world);
      const clone = world.clone();
      clone.put(authorizationPolicy('frontend', 'allow-nothing', {}));
      const after = summarizeMesh(clone);
      const frontend = after.find((w) => w.workload === 'frontend');
      expect(frontend?.authz?.allowNothing).toBe(true);
      expect(frontend?.workloadMode).toBe(before.find((w) => w.workload === 'frontend')?.workloadMode);
      expect(after.find((w) => w.workload === 'cartservice')).toBe(before.find((w) => w.workload === 'cartservice'));
      expect(summarizeMesh(world).find((w) => w.workload === 'frontend')?.authz).toBeUndefined();
      clone.remove(clone.get('AuthorizationPolicy', 'frontend', 'allow-nothing') ?? pod('x', 'y'));
      expect(summarizeMesh(clone).find((w) => w.workload === 'frontend')?.authz).toBeUndefined();
    });
  });
});
