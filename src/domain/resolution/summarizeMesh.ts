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

/** What a pod object says of itself, whatever the policies. */
interface PodFacts {
  sidecar: boolean;
  gateway: boolean;
  ports: number[];
}

/**
 * Facts and decisions by pod object. Objects are immutable, so the facts never change, and the
 * entry stays valid while `key` does: the PeerAuthentications of the pod's namespace and of the
 * root namespace are unchanged (the only inputs of resolveServerMode besides the pod) and the
 * pod's ReplicaSet still exists.
 */
const cache = new WeakMap<KubeObject, { facts: PodFacts; key: string; entry: WorkloadMtls }>();

function decisionKey(world: World, ns: string): string {
  return `${world.version('PeerAuthentication', ns)}|${world.version('PeerAuthentication', world.rootNamespace)}|${world.version('ReplicaSet', ns)}|${world.rootNamespace}`;
}

/**
 * Every workload's effective inbound mode, workload-wide and per container port. Re-evaluating
 * after a change only recomputes the workloads that change can affect.
 */
export function summarizeMesh(world: World): WorkloadMtls[] {
  const out: WorkloadMtls[] = [];
  // Pods come sorted by namespace: the key and the workloads seen change only with it.
  let namespace: string | undefined;
  let key = '';
  const seen = new Set<string>();
  for (const pod of world.list('Pod')) {
    const ns = pod.metadata.namespace ?? '';
    if (ns !== namespace) {
      namespace = ns;
      key = decisionKey(world, ns);
      seen.clear();
    }
    let cached = cache.get(pod);
    if (cached === undefined) {
      const facts = factsOf(pod);
      cached = { facts, key, entry: evaluateWorkload(world, pod, facts) };
      cache.set(pod, cached);
    } else if (cached.key !== key) {
      cached.key = key;
      cached.entry = evaluateWorkload(world, pod, cached.facts);
    }
    const { entry } = cached;
    if (seen.has(entry.workload)) continue;
    seen.add(entry.workload);
    out.push(entry);
  }
  return out;
}

function factsOf(pod: KubeObject): PodFacts {
  const gateway = isGatewayPod(pod);
  const sidecar = hasSidecar(pod) && !gateway;
  return { sidecar, gateway, ports: sidecar ? appContainerPorts(pod) : [] };
}

function evaluateWorkload(world: World, pod: KubeObject, { sidecar, gateway, ports }: PodFacts): WorkloadMtls {
  const deploy = ownerDeployment(world, pod);
  const namespace = pod.metadata.namespace ?? '';
  const workload = deploy ?? pod.metadata.name;
  const kind = deploy ? 'Deployment' : 'Pod';
  if (!sidecar) return { namespace, workload, kind, pod: pod.metadata.name, sidecar, gateway, ports: [] };
  const workloadMode = resolveServerMode(world, pod);
  return { namespace, workload, kind, pod: pod.metadata.name, sidecar, gateway, workloadMode, ports: ports.map((port) => ({ port, decision: resolveServerMode(world, pod, port) })) };
}
