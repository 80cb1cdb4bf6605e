import { kindInfo } from '../kinds.ts';
import { type JsonObject, type KubeObject, getPath, getStringMap, isJsonObject } from '../objects.ts';
import type { World } from '../world.ts';
import { allocateClusterIP, allocateExternalIP, allocateNodePort } from './addresses.ts';
import { createPod, serviceAccountForbidden } from './createPod.ts';
import { newMeta } from './newMeta.ts';
import { storedFields } from './storedFields.ts';
import { reconcileDeployment } from './reconcileDeployment.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type AdmitResult = { ok: true; action: 'created'; object: KubeObject } | { ok: false; error: string };

/** Fields of a manifest's body other than apiVersion, kind and metadata (spec, data, …). */
function bodyOf(raw: JsonObject): JsonObject {
  // Object.fromEntries keeps a `__proto__` key an own entry; assigning it would set the prototype.
  return Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata' && k !== 'status'));
}

/**
 * The Service as the API server stores it: a cluster IP, protocol and targetPort defaults, node
 * ports for LoadBalancer and NodePort, and a load-balancer IP; kept from `previous` on an update.
 */
export function serviceWithAddresses(world: World, spec: JsonObject, previous?: KubeObject): { spec: JsonObject; status: JsonObject } {
  const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  const ip = (previous && typeof previous.spec?.clusterIP === 'string' ? previous.spec.clusterIP : undefined) ?? (typeof spec.clusterIP === 'string' ? spec.clusterIP : allocateClusterIP(world));
  const prevPorts = previous && Array.isArray(previous.spec?.ports) ? previous.spec.ports : [];
  const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p, i) => {
    if (!isJsonObject(p)) return p;
    const prevNodePort = getPath(prevPorts[i], 'nodePort');
    return {
      ...p,
      protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
      targetPort: p.targetPort ?? p.port ?? null,
      ...(type === 'LoadBalancer' || type === 'NodePort' ? { nodePort: typeof p.nodePort === 'number' ? p.nodePort : typeof prevNodePort === 'number' ? prevNodePort : allocateNodePort(world) } : {}),
    };
  });
  const prevIngress = previous ? getPath(previous.status, 'loadBalancer', 'ingress', 0, 'ip') : undefined;
  return {
    spec: { ...spec, clusterIP: ip, clusterIPs: [ip], ports, type, sessionAffinity: spec.sessionAffinity ?? 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' },
    status: type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: typeof prevIngress === 'string' ? prevIngress : allocateExternalIP(world), ipMode: 'VIP' }] } } : { loadBalancer: {} },
  };
}

/**
 * Creates the object a validated manifest describes, as the API server and the controllers would:
 * sidecar injection for pods, addresses for Services, and pods for Deployments. `namespace` is the
 * effective namespace (undefined for cluster-scoped kinds); `source` is the file the object came
 * from, which kubectl names in a refusal (`error when creating "pod.yaml": …`). Updates go through
 * updateObject.
 */
export function admitObject(world: World, raw: JsonObject, namespace: string | undefined, source?: string): AdmitResult {
  const kind = typeof raw.kind === 'string' ? raw.kind : '';
  const info = kindInfo(kind);
  const meta = isJsonObject(raw.metadata) ? raw.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (!info) return { ok: false, error: `unknown kind ${kind}` };
  const ns = info.namespaced ? namespace : undefined;
  const labels = getStringMap(meta, 'labels');
  const annotations = getStringMap(meta, 'annotations');
  const body = bodyOf(raw);
  const apiVersion = typeof raw.apiVersion === 'string' ? raw.apiVersion : 'v1';

  if (kind === 'Pod') {
    const forbidden = serviceAccountForbidden(world, ns ?? 'default', name || (typeof meta.generateName === 'string' ? meta.generateName : ''), isJsonObject(body.spec) ? body.spec : {});
    if (forbidden) return { ok: false, error: `Error from server (Forbidden): ${source !== undefined ? `error when creating "${source}": ` : ''}${forbidden}` };
    const pod = createPod(world, { name, namespace: ns ?? 'default', labels, annotations, spec: (body.spec as JsonObject | undefined) ?? {}, apiVersion });
    world.put(pod);
    return { ok: true, action: 'created', object: pod };
  }
  const created: KubeObject = {
    apiVersion,
    kind,
    metadata: newMeta(world, name, ns, { labels: kind === 'Namespace' ? { 'kubernetes.io/metadata.name': name, ...labels } : labels, annotations }),
    ...(body.spec !== undefined || kind === 'Namespace' || kind === 'Service' ? { spec: kind === 'Namespace' ? { finalizers: ['kubernetes'] } : ((body.spec as JsonObject | undefined) ?? {}) } : {}),
    ...(kind === 'Namespace' ? { status: { phase: 'Active' } } : {}),
    ...(Object.keys(body).some((k) => k !== 'spec') || kind === 'Secret' ? { fields: storedFields(kind, Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'spec'))) } : {}),
  };
  let stored = created;
  if (kind === 'Service') {
    const addressed = serviceWithAddresses(world, (body.spec as JsonObject | undefined) ?? {});
    stored = { ...created, spec: addressed.spec, status: addressed.status };
  }
  if (kind === 'Deployment') {
    // apps/v1 SetDefaults_Deployment: a Deployment without replicas asks for one.
    const spec = created.spec ?? {};
    stored = {
      ...created,
      metadata: { ...created.metadata, annotations: { ...created.metadata.annotations, 'deployment.kubernetes.io/revision': '1' } },
      spec: typeof spec.replicas === 'number' ? spec : { ...spec, replicas: 1 },
    };
  }
  world.put(stored);
  if (kind === 'Deployment') reconcileDeployment(world, stored);
  if (kind === 'ServiceAccount') {
    // The ReplicaSet controller retries the pods the missing account held back.
    for (const deploy of world.list('Deployment', ns)) if (getPath(deploy.spec, 'template', 'spec', 'serviceAccountName') === name) reconcileDeployment(world, deploy);
  }
  if (kind === 'Namespace' && !world.get('ServiceAccount', name, 'default')) {
    // The ServiceAccount controller gives every namespace a `default` account.
    world.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: newMeta(world, 'default', name) });
  }
  return { ok: true, action: 'created', object: world.get(kind, ns ?? '', name) ?? stored };
}
