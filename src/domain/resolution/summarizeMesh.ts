import { appContainerPorts, hasSidecar } from '../cluster/pods.ts';
import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import { isGatewayPod } from './isGatewayPod.ts';
import { resolveServerMode } from './resolveServerMode.ts';
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

/**
 * Decisions by pod object. Objects are immutable, so an entry stays valid while the
 * PeerAuthentications of the pod's namespace and of the root namespace are unchanged (the only
 * inputs of resolveServerMode besides the pod) and the pod's ReplicaSet still exists.
 */
const cache = new WeakMap<KubeObject, { key: string; entry: WorkloadMtls }>();

function decisionKey(world: World, ns: string): string {
  return `${world.version('PeerAuthentication', ns)}|${world.version('PeerAuthentication', world.rootNamespace)}|${world.version('ReplicaSet', ns)}|${world.rootNamespace}`;
}

/**
 * Every workload's effective inbound mode, workload-wide and per container port. Re-evaluating
 * after a change only recomputes the workloads that change can affect.
 */
export function summarizeMesh(world: World): WorkloadMtls[] {
  const seen = new Set<string>();
  const out: WorkloadMtls[] = [];
  for (const pod of world.list('Pod')) {
    const ns = pod.metadata.namespace ?? '';
    const key = decisionKey(world, ns);
    const hit = cache.get(pod);
    const entry = hit && hit.key === key ? hit.entry : evaluateWorkload(world, pod);
    if (!hit || hit.key !== key) cache.set(pod, { key, entry });
    const id = `${ns}/${entry.workload}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(entry);
  }
  return out;
}

function evaluateWorkload(world: World, pod: KubeObject): WorkloadMtls {
  const ns = pod.metadata.namespace ?? '';
  const deploy = ownerDeployment(world, pod);
  const sidecar = hasSidecar(pod) && !isGatewayPod(pod);
  return {
    namespace: ns,
    workload: deploy ?? pod.metadata.name,
    kind: deploy ? 'Deployment' : 'Pod',
    pod: pod.metadata.name,
    sidecar,
    gateway: isGatewayPod(pod),
    ...(sidecar ? { workloadMode: resolveServerMode(world, pod) } : {}),
    ports: sidecar ? appContainerPorts(pod).map((port) => ({ port, decision: resolveServerMode(world, pod, port) })) : [],
  };
}
