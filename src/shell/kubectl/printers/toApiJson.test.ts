import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import type { KubeObject } from '../../../domain/objects.ts';
import { toApiJson } from './toApiJson.ts';

describe('toApiJson', () => {
  it('writes metadata as the API server does: RFC 3339 time, no empty maps, no generation for Services', () => {
    const world = createDefaultWorld();
    const svc = world.get('Service', 'frontend', 'frontend') as KubeObject;
    expect(toApiJson(svc).metadata).toEqual({
      creationTimestamp: '2026-11-28T08:32:55Z',
      name: 'frontend',
      namespace: 'frontend',
      resourceVersion: svc.metadata.resourceVersion,
      uid: svc.metadata.uid,
    });
  });

  it('keeps ownerReferences and reads Istio objects at the preferred version', () => {
    const world = createDefaultWorld();
    const rs = world.list('ReplicaSet', 'frontend')[0] as KubeObject;
    const json = toApiJson(rs);
    expect(json.apiVersion).toBe('apps/v1');
    expect(json.metadata).toMatchObject({ generation: 1, ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: 'frontend' }] });
    const vs = world.get('VirtualService', 'frontend', 'frontend-ingress') as KubeObject;
    // Written as v1alpha3; kubectl reads the preferred version from discovery (v1).
    expect(toApiJson(vs).apiVersion).toBe('networking.istio.io/v1');
  });

  it('reports a pod\'s live restarts only when given the time', () => {
    const world = createDefaultWorld();
    const pod = world.get('Pod', 'default', 'testcurl') as KubeObject;
    expect(JSON.stringify(toApiJson(pod).status)).toContain('"restartCount":0');
    expect(JSON.stringify(toApiJson(pod, { now: world.nowSeconds() }).status)).toContain('"restartCount":2');
  });
});
