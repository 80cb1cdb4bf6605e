import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from './objects.ts';
import { authorizationPolicy, destinationRule, peerAuthentication, pod } from './testing/fixtures.ts';
import { World } from './world.ts';

function textsOf(world: World, key = 'cart/cart-1'): string[] | undefined {
  return world.logs.get(key)?.map((l) => l.text);
}

describe('World logs', () => {
  it('a clone shares what was logged, and later lines go to one world only', () => {
    const world = new World();
    world.appendLog('cart', 'cart-1', 'istio-proxy', 'before');
    const clone = world.clone();
    world.appendLog('cart', 'cart-1', 'istio-proxy', 'original only');
    clone.appendLog('cart', 'cart-1', 'istio-proxy', 'clone only');
    expect(textsOf(world)).toEqual(['before', 'original only']);
    expect(textsOf(clone)).toEqual(['before', 'clone only']);
  });

  it('keeps a clone as it was however much either world logs afterwards, past rotation too', () => {
    const world = new World();
    for (let i = 0; i < 1_500; i++) world.appendLog('cart', 'cart-1', 'istio-proxy', `line ${i}`);
    const snapshot = world.clone();
    const before = textsOf(world);
    for (let i = 1_500; i < 4_000; i++) world.appendLog('cart', 'cart-1', 'istio-proxy', `line ${i}`);
    world.appendLog('other', 'pod', 'istio-proxy', 'new pod');
    expect(textsOf(snapshot)).toEqual(before);
    expect(snapshot.logs.has('other/pod')).toBe(false);

    const later = world.clone();
    snapshot.appendLog('cart', 'cart-1', 'istio-proxy', 'snapshot only');
    later.appendLog('cart', 'cart-1', 'istio-proxy', 'later only');
    expect(textsOf(world)?.at(-1)).toBe('line 3999');
    expect(textsOf(snapshot)?.slice(-2)).toEqual(['line 1499', 'snapshot only']);
    expect(textsOf(later)?.slice(-2)).toEqual(['line 3999', 'later only']);
  });

  it('keeps the last 2,000 lines of a pod', () => {
    const world = new World();
    for (let i = 0; i < 2_100; i++) world.appendLog('cart', 'cart-1', 'istio-proxy', `line ${i}`);
    const lines = world.logs.get('cart/cart-1') ?? [];
    expect(lines).toHaveLength(2_000);
    expect(lines[0]?.text).toBe('line 100');
    expect(lines.at(-1)?.text).toBe('line 2099');
  });

  it('logs as if every append copied the whole log, whatever the clones and appends', () => {
    type Step = { clone: number } | { world: number; pod: number; lines: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ clone: fc.nat(7) }),
      fc.record({ world: fc.nat(7), pod: fc.nat(1), lines: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1_000, max: 2_500 })) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const worlds = [new World()];
        // The model: each world's logs as arrays that are never shared, trimmed to 2,000 lines.
        const models = [new Map<string, string[]>()];
        let written = 0;
        for (const s of steps) {
          const i = ('clone' in s ? s.clone : s.world) % worlds.length;
          if ('clone' in s) {
            worlds.push(worlds[i]!.clone());
            models.push(new Map([...models[i]!].map(([key, lines]) => [key, [...lines]])));
            continue;
          }
          const key = `ns/pod-${s.pod}`;
          const model = models[i]!.get(key) ?? [];
          for (let n = 0; n < s.lines; n++) {
            const text = `line ${written++}`;
            worlds[i]!.appendLog('ns', `pod-${s.pod}`, 'istio-proxy', text);
            model.push(text);
          }
          models[i]!.set(key, model.slice(-2_000));
        }
        worlds.forEach((world, i) => {
          const logs = new Map([...world.logs].map(([key, lines]) => [key, lines.map((l) => l.text)]));
          expect(logs).toEqual(models[i]);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('World logs shared with snapshots', () => {
  it('a clone that shares the logs sees every line written later, by either world', () => {
    const world = new World();
    world.appendLog('cart', 'cart-1', 'istio-proxy', 'before');
    const snapshot = world.clone({ logs: 'shared' });
    world.appendLog('cart', 'cart-1', 'istio-proxy', 'after');
    const restored = snapshot.clone({ logs: 'shared' });
    restored.appendLog('cart', 'cart-1', 'istio-proxy', 'after restore');
    for (const w of [world, snapshot, restored]) expect(textsOf(w)).toEqual(['before', 'after', 'after restore']);
  });

  it('an own clone of a shared one goes its own way, and leaves the others alone', () => {
    const world = new World();
    world.appendLog('cart', 'cart-1', 'istio-proxy', 'before');
    const copy = world.clone({ logs: 'shared' }).clone();
    copy.appendLog('cart', 'cart-1', 'istio-proxy', 'copy only');
    world.appendLog('cart', 'cart-1', 'istio-proxy', 'world only');
    expect(textsOf(copy)).toEqual(['before', 'copy only']);
    expect(textsOf(world)).toEqual(['before', 'world only']);
  });
});

describe('World objects after a clone', () => {
  const policy = (name: string, namespace = 'cart'): KubeObject => ({
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name, namespace, uid: name, creationTimestamp: 0, generation: 1, resourceVersion: '1', labels: {}, annotations: {} },
    spec: {},
  });
  const names = (world: World) => world.list('PeerAuthentication', 'cart').map((o) => o.metadata.name);

  it('lists, gets and stamps each world’s own changes only, whichever changes first', () => {
    const world = new World();
    world.put(policy('shared'));
    const clone = world.clone();
    const stamp = world.version('PeerAuthentication', 'cart');
    clone.put(policy('clone-only'));
    world.put(policy('world-only'));
    world.remove(policy('shared'));
    expect(names(world)).toEqual(['world-only']);
    expect(names(clone)).toEqual(['clone-only', 'shared']);
    expect(clone.get('PeerAuthentication', 'cart', 'shared')).toBeDefined();
    expect(world.get('PeerAuthentication', 'cart', 'clone-only')).toBeUndefined();
    expect(new Set([stamp, world.version('PeerAuthentication', 'cart'), clone.version('PeerAuthentication', 'cart')]).size).toBe(3);
  });
});

describe('World configVersion', () => {
  it('moves with the policy kinds istiod pushes to the proxies, AuthorizationPolicy included, and not with a Pod', () => {
    const world = new World();
    let version = world.configVersion;
    for (const object of [peerAuthentication('default', 'x'), destinationRule('default', 'x', { host: 'x' }), authorizationPolicy('default', 'x', {})]) {
      world.put(object);
      expect(world.configVersion, object.kind).toBeGreaterThan(version);
      version = world.configVersion;
    }
    world.put(pod('default', 'x'));
    expect(world.configVersion).toBe(version);
  });
});
