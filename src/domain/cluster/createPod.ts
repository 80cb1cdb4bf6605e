import { type Json, type JsonObject, type KubeObject, type OwnerReference, isJsonObject } from '../objects.ts';
import type { World } from '../world.ts';
import { allocatePodAddress } from './addresses.ts';
import { injectSidecar, shouldInject } from './injectSidecar.ts';
import { newMeta } from './newMeta.ts';

/** The pod's QoS class: BestEffort without requests or limits, Guaranteed when limits equal requests everywhere. */
function qosClass(containers: Json[]): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const resources = isJsonObject(c) && isJsonObject(c.resources) ? c.resources : {};
    const requests = isJsonObject(resources.requests) ? resources.requests : {};
    const limits = isJsonObject(resources.limits) ? resources.limits : {};
    if (Object.keys(requests).length || Object.keys(limits).length) any = true;
    for (const r of ['cpu', 'memory']) if (limits[r] === undefined || (requests[r] !== undefined && requests[r] !== limits[r])) guaranteed = false;
  }
  return !any ? 'BestEffort' : guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * The ServiceAccount admission plugin's refusal of a pod whose account does not exist
 * (kubernetes plugin/pkg/admission/serviceaccount/admission.go `Admit`: NewForbidden wrapping
 * "error looking up service account NS/SA: serviceaccount "SA" not found"). The pod is named by its
 * name, or its generateName when the server has not generated one yet (admission.extractResourceName).
 * Undefined when the account exists.
 */
export function serviceAccountForbidden(world: World, namespace: string, podName: string, spec: JsonObject): string | undefined {
  const account = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? spec.serviceAccountName : 'default';
  // The ServiceAccount controller recreates a namespace's `default` account as soon as it is gone.
  if (account === 'default' || world.get('ServiceAccount', namespace, account)) return undefined;
  return `pods "${podName}" is forbidden: error looking up service account ${namespace}/${account}: serviceaccount "${account}" not found`;
}

/**
 * Admits a new pod as the API server and kubelet would: sidecar injection, a node, an IP, and a
 * Running status with every container ready. Returns the stored object (the caller puts it).
 */
export function createPod(
  world: World,
  input: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string>; spec: JsonObject; ownerReferences?: OwnerReference[]; generateName?: string; createdAt?: number; apiVersion?: string },
): KubeObject {
  const meta = newMeta(world, input.name, input.namespace, {
    labels: input.labels ?? {},
    annotations: input.annotations ?? {},
    ...(input.ownerReferences ? { ownerReferences: input.ownerReferences } : {}),
    ...(input.generateName ? { generateName: input.generateName } : {}),
    ...(input.createdAt !== undefined ? { createdAt: input.createdAt } : {}),
  });
  let pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta,
    spec: { restartPolicy: 'Always', serviceAccountName: 'default', ...input.spec },
  };
  if (shouldInject(world, input.namespace, pod)) pod = injectSidecar(pod);
  const address = allocatePodAddress(world);
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const started = new Date(meta.creationTimestamp * 1000).toISOString().replace('.000Z', 'Z');
  return {
    ...pod,
    spec: { ...pod.spec, nodeName: address.nodeName },
    status: {
      phase: 'Running',
      podIP: address.podIP,
      podIPs: [{ ip: address.podIP }],
      hostIP: address.hostIP,
      startTime: started,
      qosClass: qosClass(containers),
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: started })),
      containerStatuses: containers.map((c) => {
        const name = c && typeof c === 'object' && !Array.isArray(c) ? (c.name ?? '') : '';
        const image = c && typeof c === 'object' && !Array.isArray(c) ? (c.image ?? '') : '';
        return { name, image, ready: true, started: true, restartCount: 0, state: { running: { startedAt: started } } };
      }),
    },
  };
}
