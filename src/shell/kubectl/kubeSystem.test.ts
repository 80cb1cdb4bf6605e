/**
 * The cluster's own workloads. kube-dns's ports follow GKE's kube-dns Service (53/UDP `dns`,
 * 53/TCP `dns-tcp`); the pods are the add-ons a GKE Standard cluster runs in kube-system.
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { runHandler, servicesFor } from '../testing/runHandler.ts';
import { createKubectl } from './kubectl.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';

describe('kube-system', () => {
  it('serves DNS on 53/UDP and 53/TCP', () => {
    const world = createDefaultWorld();
    const { stdout } = runHandler(createKubectl(servicesFor(world)), ['kubectl', 'get', 'svc', '-n', 'kube-system']);
    expect(stdout).toContain('kube-dns   ClusterIP   34.118.224.10   <none>        53/UDP,53/TCP   3h14m\n');
  });

  it('runs GKE\'s add-ons, Running and ready, without a sidecar and without drawing from the random source', () => {
    const world = createDefaultWorld();
    const pods = world.list('Pod', 'kube-system');
    const names = pods.map((p) => p.metadata.name);
    expect(names).toContain('kube-dns-7f58d9c8f6-9xk2p');
    expect(names.filter((n) => n.startsWith('kube-proxy-gke-boutique-default-pool-'))).toHaveLength(3);
    expect(names.some((n) => n.startsWith('konnectivity-agent-'))).toBe(true);
    expect(names.some((n) => n.startsWith('metrics-server-v1.33.0-'))).toBe(true);
    expect(names.filter((n) => n.startsWith('gke-metadata-server-'))).toHaveLength(3);
    const { stdout } = runHandler(createKubectl(servicesFor(world)), ['kubectl', 'get', 'pods', '-n', 'kube-system']);
    expect(stdout).toMatch(/^kube-dns-7f58d9c8f6-9xk2p +4\/4 +Running +0 +3h14m$/m);
    expect(pods.every((p) => !JSON.stringify(p.spec).includes('istio-proxy'))).toBe(true);
    // The boutique pods keep the names the seeded generator gave them before kube-system existed.
    expect(world.list('Pod', 'frontend').map((p) => p.metadata.name)).toEqual(['frontend-5bb4cb8587-hwc42']);
    // The pod IPs on the pod network are all distinct.
    const ips = world.list('Pod').filter((p) => !p.spec?.hostNetwork).map((p) => p.status?.podIP);
    expect(new Set(ips).size).toBe(ips.length);
  });

  it('keeps kube-system out of the mesh summary', () => {
    expect(summarizeMesh(createDefaultWorld()).some((w) => w.namespace === 'kube-system')).toBe(false);
  });
});

describe('istio-init as kubectl shows it', () => {
  it('is Completed in describe and in the pod\'s status', () => {
    const world = createDefaultWorld();
    const name = world.list('Pod', 'frontend')[0]?.metadata.name ?? '';
    const kubectl = (...argv: string[]) => runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv]).stdout;
    expect(kubectl('describe', 'pod', name, '-n', 'frontend')).toMatch(/Init Containers:\n {2}istio-init:\n {4}Container ID: {2}containerd:\/\/[0-9a-f]{64}\n[\s\S]*? {4}State: {10}Terminated\n {6}Reason: {7}Completed\n {6}Exit Code: {4}0\n/);
    expect(kubectl('get', 'pod', name, '-n', 'frontend', '-o', 'jsonpath={.status.initContainerStatuses[0].state.terminated.reason}')).toBe('Completed');
    expect(kubectl('get', 'pod', name, '-n', 'frontend')).toMatch(/ 2\/2 +Running /);
  });
});
