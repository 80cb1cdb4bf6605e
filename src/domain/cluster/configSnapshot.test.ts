import { describe, expect, it } from 'vitest';
import { peerAuthentication } from '../testing/fixtures.ts';
import { createDefaultWorld } from './defaultWorld.ts';
import { configSnapshot, diffConfig } from './configSnapshot.ts';

describe('diffConfig', () => {
  it('reports created, configured and deleted mesh config objects, and ignores other kinds', () => {
    const world = createDefaultWorld();
    world.put(peerAuthentication('cart', 'old', { mtls: { mode: 'STRICT' } }));
    const before = configSnapshot(world);
    world.put(peerAuthentication('frontend', 'new', { mtls: { mode: 'STRICT' } }));
    const old = world.get('PeerAuthentication', 'cart', 'old');
    if (old) world.remove(old);
    const vs = world.get('VirtualService', 'frontend', 'frontend-ingress');
    if (vs) world.put({ ...vs, metadata: { ...vs.metadata, resourceVersion: world.nextResourceVersion() } });
    world.put({ ...world.list('Pod', 'default')[0]!, metadata: { ...world.list('Pod', 'default')[0]!.metadata, resourceVersion: 'x' } });
    expect(diffConfig(before, configSnapshot(world))).toEqual([
      { action: 'deleted', kind: 'PeerAuthentication', namespace: 'cart', name: 'old' },
      { action: 'created', kind: 'PeerAuthentication', namespace: 'frontend', name: 'new' },
      { action: 'configured', kind: 'VirtualService', namespace: 'frontend', name: 'frontend-ingress' },
    ]);
  });
});
