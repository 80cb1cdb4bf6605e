import { appContainerPorts, hasSidecar } from '../cluster/pods.ts';
import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import { isGatewayPod } from './isGatewayPod.ts';
import { resolveServerModes } from './resolveServerMode.ts';
import type { ServerModeDecision } from './types.ts';

/** One workload's inbound mTLS, as the mesh diagram and the console's mTLS column show it. */
export interface WorkloadMtls {
  namespace: string;
  /** The Deployment name, or the pod name for a bare pod. */
  workload: string;
  kind: 'Deployment' | 'Pod';
  /** A representative pod (all pods of a workload share labels, hence policies). */
  pod: string;
  sidecar: boolean;
  gateway: boolean;
  /** Undefined without a sidecar: nothing enforces mTLS there. */
  workloadMode?: ServerModeDecision;
  ports: { port: number; decision: ServerModeDecision }[];
}

function ownerDeployment(world: World, pod: KubeObject): string | undefined {
  const rsName = pod.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet')?.name;
  const rs = rsName ? world.get('ReplicaSet', pod.metadata.namespace ?? '', rsName) : undefined;
  return rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment')?.name;
}

/** A workload as its first pod (by name) shows it: what the decisions are made for. */
interface Workload {
  pod: KubeObject;
  workload: string;
  kind: 'Deployment' | 'Pod';
  sidecar: boolean;
  gateway: boolean;
  ports: number[];
}

/**
 * Per namespace: its workloads, valid while its pods and ReplicaSets keep their change stamps, and
 * their entries, valid while the PeerAuthentications of the namespace and of the root namespace
 * keep theirs (the only inputs of resolveServerMode besides the pod). Stamps are unique across
 * worlds (World.version), so one entry per namespace serves a world and its clones alike.
 */
const byNamespace = new Map<string, { pods: number; replicaSets: number; workloads: Workload[]; policies: number; rootPolicies: number; root: string; entries: WorkloadMtls[] }>();

/**
 * Every workload's effective inbound mode, workload-wide and per container port. Re-evaluating
 * after a change only recomputes the namespaces that change can affect.
 */
export function summarizeMesh(world: World): WorkloadMtls[] {
  const out: WorkloadMtls[] = [];
  const pods = world.list('Pod');
  // Pods come sorted by namespace, then name.
  for (let start = 0; start < pods.length; ) {
    const ns = pods[start]?.metadata.namespace ?? '';
    let end = start + 1;
    while (end < pods.length && (pods[end]?.metadata.namespace ?? '') === ns) end++;
    // GKE's own add-ons (kube-system) are never injected and take no part in the mesh.
    if (ns !== 'kube-system') out.push(...namespaceEntries(world, ns, () => pods.slice(start, end)));
    start = end;
  }
  return out;
}

function namespaceEntries(world: World, ns: string, pods: () => readonly KubeObject[]): WorkloadMtls[] {
  const podStamp = world.version('Pod', ns);
  const rsStamp = world.version('ReplicaSet', ns);
  const root = world.rootNamespace;
  const policies = world.version('PeerAuthentication', ns);
  const rootPolicies = world.version('PeerAuthentication', root);
  let cached = byNamespace.get(ns);
  if (!cached || cached.pods !== podStamp || cached.replicaSets !== rsStamp) {
    cached = { pods: podStamp, replicaSets: rsStamp, workloads: workloadsOf(world, pods()), policies: -1, rootPolicies: -1, root, entries: [] };
    byNamespace.set(ns, cached);
  }
  if (cached.policies !== policies || cached.rootPolicies !== rootPolicies || cached.root !== root) {
    Object.assign(cached, { policies, rootPolicies, root, entries: cached.workloads.map((w) => evaluateWorkload(world, ns, w)) });
  }
  return cached.entries;
}

/** One per workload: the first of its pods. */
function workloadsOf(world: World, pods: readonly KubeObject[]): Workload[] {
  const seen = new Set<string>();
  const out: Workload[] = [];
  for (const pod of pods) {
    const deploy = ownerDeployment(world, pod);
    const workload = deploy ?? pod.metadata.name;
    if (seen.has(workload)) continue;
    seen.add(workload);
    const gateway = isGatewayPod(pod);
    const sidecar = hasSidecar(pod) && !gateway;
    out.push({ pod, workload, kind: deploy ? 'Deployment' : 'Pod', sidecar, gateway, ports: sidecar ? appContainerPorts(pod) : [] });
  }
  return out;
}

function evaluateWorkload(world: World, namespace: string, { pod, workload, kind, sidecar, gateway, ports }: Workload): WorkloadMtls {
  if (!sidecar) return { namespace, workload, kind, pod: pod.metadata.name, sidecar, gateway, ports: [] };
  const decisions = resolveServerModes(world, pod, ports);
  return { namespace, workload, kind, pod: pod.metadata.name, sidecar, gateway, workloadMode: decisions.workload, ports: decisions.ports };
}
