import type { World } from '../world.ts';
import { getString } from '../objects.ts';

/**
 * Address allocation, seeded: Service IPs from GKE's default 34.118.224.0/20, pod IPs from the
 * node pod ranges, NodePorts from 30000-32767, and load-balancer IPs that look like Google's.
 */
export function allocateClusterIP(world: World): string {
  const used = new Set(world.list('Service').map((s) => getString(s.spec, 'clusterIP')));
  for (;;) {
    const n = world.rng.int(2, 16 * 256 - 2);
    const ip = `34.118.${224 + (n >> 8)}.${n & 255}`;
    if (!used.has(ip) && ip !== '34.118.224.10') return ip;
  }
}

export function allocateNodePort(world: World): number {
  const used = new Set<number>();
  for (const svc of world.list('Service')) {
    const ports = svc.spec?.ports;
    if (Array.isArray(ports)) for (const p of ports) if (p && typeof p === 'object' && !Array.isArray(p) && typeof p.nodePort === 'number') used.add(p.nodePort);
  }
  for (;;) {
    const port = world.rng.int(30000, 32767);
    if (!used.has(port)) return port;
  }
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

export function allocatePodAddress(world: World): { podIP: string; nodeName: string; hostIP: string } {
  const used = new Set(world.list('Pod').map((p) => getString(p.status, 'podIP')));
  for (;;) {
    const node = NODES[world.rng.int(0, NODES.length - 1)] ?? NODES[0];
    const ip = `${node.podRange}.${world.rng.int(2, 254)}`;
    if (!used.has(ip)) return { podIP: ip, nodeName: node.name, hostIP: node.ip };
  }
}
