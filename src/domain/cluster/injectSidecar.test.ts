/**
 * What the injector adds. Sources:
 * - ISTIO  istio/istio 1.26.4 manifests/charts/istio-control/istio-discovery/files/injection-template.yaml
 *          (`istio-init` without the CNI plugin, `istio-validation` with it; istio-iptables'
 *          arguments; `istio.io/rev: {{ .Revision | default "default" }}`) and
 *          pkg/kube/inject/webhook.go `reorderPod` (the init container moves first).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from './defaultWorld.ts';
import { INIT_CONTAINER, MESH_REVISION, shouldInject } from './injectSidecar.ts';
import { addNamespace } from './defaultWorld.ts';

describe('sidecar injection (in-cluster istiod, default revision, no CNI)', () => {
  it('adds istio-init before the pod\'s own init containers, with NET_ADMIN and NET_RAW, and marks the default revision', () => {
    const world = createDefaultWorld();
    const loadgen = world.list('Pod', 'loadgenerator')[0];
    const inits = (loadgen?.spec?.initContainers ?? []) as { name: string; args?: string[]; securityContext?: { capabilities?: { add?: string[] } } }[];
    expect(inits.map((c) => c.name)).toEqual([INIT_CONTAINER, 'frontend-check']);
    expect(inits[0]?.args).toEqual(['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info']);
    expect(inits[0]?.securityContext?.capabilities?.add).toEqual(['NET_ADMIN', 'NET_RAW']);
    expect(MESH_REVISION).toBe('default');
    expect(loadgen?.metadata.annotations['istio.io/rev']).toBe('default');
    expect(loadgen?.metadata.annotations['sidecar.istio.io/status']).toContain('"initContainers":["istio-init"]');
    expect(loadgen?.metadata.annotations['sidecar.istio.io/status']).toContain('"revision":"default"');
  });

  it('leaves READY counting the app containers and the proxy, and a sidecar-less pod without init containers', () => {
    const world = createDefaultWorld();
    const pod = world.list('Pod', 'frontend')[0];
    expect((pod?.status?.containerStatuses as unknown[]).length).toBe(2);
    expect(world.get('Pod', 'default', 'testcurl')?.spec?.initContainers).toBeUndefined();
  });

  it('selects pods as the default revision\'s four webhooks do, and no other revision', () => {
    const world = createDefaultWorld();
    addNamespace(world, 'rev-default', { 'istio.io/rev': 'default' });
    addNamespace(world, 'rev-managed', { 'istio.io/rev': 'asm-managed-rapid' });
    addNamespace(world, 'both', { 'istio.io/rev': 'default', 'istio-injection': 'disabled' });
    addNamespace(world, 'plain');
    const pod = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({ metadata: { name: 'p', uid: 'u', creationTimestamp: 0, generation: 1, resourceVersion: '1', labels, annotations } });
    expect(shouldInject(world, 'frontend', pod())).toBe(true);
    expect(shouldInject(world, 'frontend', pod({ 'sidecar.istio.io/inject': 'false' }))).toBe(false);
    expect(shouldInject(world, 'frontend', pod({}, { 'sidecar.istio.io/inject': 'false' }))).toBe(false);
    expect(shouldInject(world, 'rev-default', pod())).toBe(true);
    expect(shouldInject(world, 'rev-managed', pod())).toBe(false);
    expect(shouldInject(world, 'both', pod())).toBe(false);
    expect(shouldInject(world, 'plain', pod())).toBe(false);
    expect(shouldInject(world, 'plain', pod({ 'sidecar.istio.io/inject': 'true' }))).toBe(true);
    expect(shouldInject(world, 'plain', pod({ 'istio.io/rev': 'default' }))).toBe(true);
    expect(shouldInject(world, 'plain', pod({ 'istio.io/rev': 'canary', 'sidecar.istio.io/inject': 'true' }))).toBe(false);
  });
});
