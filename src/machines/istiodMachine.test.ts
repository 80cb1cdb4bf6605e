import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { createDefaultWorld } from '../domain/cluster/defaultWorld.ts';
import { summarizeMesh, type WorkloadMtls } from '../domain/resolution/summarizeMesh.ts';
import { peerAuthentication } from '../domain/testing/fixtures.ts';
import { diffProxies, ISTIOD_DELAYS, istiodMachine, proxiesFromMesh, type IstiodEmitted } from './istiodMachine.ts';
import { PROXY_DELAYS } from './proxyMachine.ts';
import { elapse } from './testing/flows.ts';

const defaultMesh = () => summarizeMesh(createDefaultWorld());

function strictFrontendMesh(): WorkloadMtls[] {
  const world = createDefaultWorld();
  world.put(peerAuthentication('frontend', 'namespace-policy', { mtls: { mode: 'STRICT' } }));
  return summarizeMesh(world);
}

function startIstiod(mesh = defaultMesh(), version = 1) {
  const clock = new SimulatedClock();
  const actor = createActor(istiodMachine, { input: { mesh, version }, clock });
  const cues: IstiodEmitted[] = [];
  actor.on('config.pushed', (c) => cues.push(c));
  actor.start();
  const proxy = (prefix: string) => {
    const entry = Object.entries(actor.getSnapshot().context.proxies).find(([id]) => id.startsWith(prefix));
    if (!entry) throw new Error(`no proxy ${prefix}`);
    return entry[1];
  };
  return { clock, actor, cues, proxy };
}

describe('proxiesFromMesh', () => {
  it('gives the default world 11 sidecars and 1 gateway, keyed <ns>/<pod>', () => {
    const proxies = proxiesFromMesh(defaultMesh());
    expect(proxies.filter((p) => p.kind === 'sidecar')).toHaveLength(11);
    expect(proxies.filter((p) => p.kind === 'gateway')).toEqual([{ id: expect.stringMatching(/^istio-system\/istio-ingressgateway-/), kind: 'gateway', ports: [] }]);
    expect(proxies.find((p) => p.id.startsWith('frontend/frontend-'))).toMatchObject({ kind: 'sidecar', ports: [{ port: 8080, mode: 'PERMISSIVE' }] });
    // testcurl runs without a sidecar: nothing for istiod to serve.
    expect(proxies.some((p) => p.id.includes('testcurl'))).toBe(false);
  });

  it('carries the per-port mode from the mesh summary', () => {
    expect(proxiesFromMesh(strictFrontendMesh()).find((p) => p.id.startsWith('frontend/'))?.ports).toEqual([{ port: 8080, mode: 'STRICT' }]);
  });
});

describe('diffProxies', () => {
  it('tells added proxies from removed ones', () => {
    const next = [{ id: 'a/1', kind: 'sidecar' as const, ports: [] }, { id: 'c/1', kind: 'sidecar' as const, ports: [] }];
    expect(diffProxies(['a/1', 'b/1'], next)).toEqual({ added: [next[1]], removed: ['b/1'] });
  });
});

describe('istiodMachine', () => {
  it('spawns one warming proxy per sidecar and gateway of the default world', () => {
    const { actor, clock } = startIstiod();
    const { proxies, proxyIds, version } = actor.getSnapshot().context;
    expect(version).toBe(1);
    expect(proxyIds).toHaveLength(12);
    expect(Object.keys(proxies).sort()).toEqual([...proxyIds].sort());
    expect(Object.values(proxies).map((p) => p.getSnapshot().value)).toEqual(Array(12).fill('warming'));
    expect(Object.values(proxies).filter((p) => p.getSnapshot().context.kind === 'gateway')).toHaveLength(1);
    elapse(clock, PROXY_DELAYS.warmup);
    expect(Object.values(proxies).every((p) => p.getSnapshot().matches('ready') && p.getSnapshot().context.configVersion === 1)).toBe(true);
  });

  it('pushes a new config after the propagation delay, and proxies update their per-port modes', () => {
    const { actor, clock, cues, proxy } = startIstiod();
    elapse(clock, PROXY_DELAYS.warmup);
    actor.send({ type: 'mesh.updated', mesh: strictFrontendMesh(), version: 2 });
    expect(actor.getSnapshot().value).toBe('pushing');
    expect(actor.getSnapshot().context.version).toBe(2);

    elapse(clock, ISTIOD_DELAYS.propagation - 5);
    expect(proxy('frontend/').getSnapshot().value).toBe('ready');
    expect(cues).toEqual([]);

    elapse(clock, 5);
    expect(actor.getSnapshot().value).toBe('idle');
    expect(cues).toEqual([{ type: 'config.pushed', version: 2, proxyIds: actor.getSnapshot().context.proxyIds }]);
    expect(proxy('frontend/').getSnapshot()).toMatchObject({ value: 'applying', context: { configVersion: 1, ports: [{ port: 8080, mode: 'PERMISSIVE' }] } });

    elapse(clock, PROXY_DELAYS.apply);
    expect(proxy('frontend/').getSnapshot()).toMatchObject({ value: 'ready', context: { configVersion: 2, ports: [{ port: 8080, mode: 'STRICT' }] } });
    expect(proxy('cart/').getSnapshot()).toMatchObject({ value: 'ready', context: { configVersion: 2, ports: [{ port: 7070, mode: 'PERMISSIVE' }] } });
  });

  it('debounces: a newer change during propagation restarts the wait and only the newest is pushed', () => {
    const { actor, clock, cues } = startIstiod();
    actor.send({ type: 'config.changed', version: 2, proxies: [] });
    elapse(clock, ISTIOD_DELAYS.propagation / 2);
    actor.send({ type: 'mesh.updated', mesh: strictFrontendMesh(), version: 3 });
    elapse(clock, ISTIOD_DELAYS.propagation - 5);
    expect(cues).toEqual([]);
    elapse(clock, 5);
    expect(cues.map((c) => c.version)).toEqual([3]);
  });

  it('ignores a mesh update that is not newer', () => {
    const { actor } = startIstiod(defaultMesh(), 5);
    actor.send({ type: 'mesh.updated', mesh: [], version: 5 });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.proxyIds).toHaveLength(12);
  });

  it('stops the proxies of removed workloads and spawns new ones with the new config', () => {
    const { actor, clock, proxy } = startIstiod();
    const ad = proxy('ad/');
    const frontend = defaultMesh().find((w) => w.workload === 'frontend');
    if (!frontend) throw new Error('default world has frontend');
    const mesh = [...defaultMesh().filter((w) => w.workload !== 'adservice'), { ...frontend, pod: 'frontend-new' }];
    actor.send({ type: 'mesh.updated', mesh, version: 2 });

    const { proxies, proxyIds } = actor.getSnapshot().context;
    expect(ad.getSnapshot().status).toBe('stopped');
    expect(proxyIds).not.toContain(ad.id);
    expect(Object.keys(proxies)).toHaveLength(12);
    expect(proxies['frontend/frontend-new']?.getSnapshot()).toMatchObject({ value: 'warming', context: { configVersion: 2 } });
    elapse(clock, ISTIOD_DELAYS.propagation);
    expect(actor.getSnapshot().children).not.toHaveProperty(ad.id);
  });
});
