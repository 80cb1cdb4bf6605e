import type { World } from '../world.ts';
import { type KubeObject, getString } from '../objects.ts';

/**
 * Address allocation, seeded: Service IPs from GKE's default 34.118.224.0/20, pod IPs from the
 * node pod ranges, NodePorts from 30000-32767, and load-balancer IPs that look like Google's.
 */
/** Values of one field over all objects of a kind (a scan, not a sorted list: allocation is hot). */
function usedValues(world: World, kind: string, read: (obj: KubeObject) => (string | number | undefined)[]): Set<string | number | undefined> {
  const used = new Set<string | number | undefined>();
  for (const obj of world.ofKind(kind)) for (const v of read(obj)) used.add(v);
  return used;
}

/** A random free slot in [min, max], probing linearly from a random start; undefined when full. */
function pickFree(world: World, min: number, max: number, isUsed: (n: number) => boolean): number | undefined {
  const size = max - min + 1;
  const start = world.rng.int(0, size - 1);
  for (let i = 0; i < size; i++) {
    const n = min + ((start + i) % size);
    if (!isUsed(n)) return n;
  }
  return undefined;
}

export function allocateClusterIP(world: World): string {
  const used = usedValues(world, 'Service', (s) => [getString(s.spec, 'clusterIP')]);
  const toIp = (n: number) => `34.118.${224 + (n >> 8)}.${n & 255}`;
  const n = pickFree(world, 2, 16 * 256 - 2, (k) => used.has(toIp(k)) || toIp(k) === '34.118.224.10');
  if (n === undefined) throw new Error('the service IP range 34.118.224.0/20 is exhausted');
  return toIp(n);
}

export function allocateNodePort(world: World): number {
  const used = usedValues(world, 'Service', (svc) => {
    const ports = svc.spec?.ports;
    return Array.isArray(ports) ? ports.map((p) => (p && typeof p === 'object' && !Array.isArray(p) && typeof p.nodePort === 'number' ? p.nodePort : undefined)) : [];
  });
  const port = pickFree(world, 30000, 32767, (p) => used.has(p));
  if (port === undefined) throw new Error('the node port range 30000-32767 is exhausted');
  return port;
}

export function allocateExternalIP(world: World): string {
  const firsts = [34, 35];
  return `${firsts[world.rng.int(0, 1)]}.${world.rng.int(64, 254)}.${world.rng.int(1, 254)}.${world.rng.int(2, 254)}`;
}

/** The simulated GKE node pool: pods are spread over three nodes, each with a /24 pod range. */
export const NODES = [
  { name: 'gke-boutique-default-pool-3f9b2c1e-7kq2', ip: '10.128.0.21', podRange: '10.52.0' },
  { name: 'gke-boutique-default-pool-3f9b2c1e-m4xd', ip: '10.128.0.22', podRange: '10.52.1' },
  { name: 'gke-boutique-default-pool-3f9b2c1e-vz8h', ip: '10.128.0.23', podRange: '10.52.2' },
] as const;

/**
 * A pod address on a random node. Each node owns the /24 `10.52.<i>` and, once that fills up (a
 * generated world of thousands of pods), the further /24s `10.52.<i + 3k>`.
 */
export function allocatePodAddress(world: World): { podIP: string; nodeName: string; hostIP: string } {
  const used = usedValues(world, 'Pod', (p) => [getString(p.status, 'podIP')]);
  const nodeIndex = world.rng.int(0, NODES.length - 1);
  const node = NODES[nodeIndex] ?? NODES[0];
  for (let block = nodeIndex; block < 1024; block += NODES.length) {
    const prefix = `10.${52 + (block >> 8)}.${block & 255}`;
    const host = pickFree(world, 2, 254, (h) => used.has(`${prefix}.${h}`));
    if (host !== undefined) return { podIP: `${prefix}.${host}`, nodeName: node.name, hostIP: node.ip };
  }
  throw new Error('the pod IP range 10.52.0.0/14 is exhausted');
}
