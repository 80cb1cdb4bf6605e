import { kindInfo } from '../kinds.ts';
import { type Json, type JsonObject, type KubeObject, getPath, getStringMap, isJsonObject } from '../objects.ts';
import type { World } from '../world.ts';
import { allocateClusterIP, allocateExternalIP, allocateNodePort } from './addresses.ts';
import { createPod } from './createPod.ts';
import { newMeta } from './newMeta.ts';
import { reconcileDeployment } from './reconcileDeployment.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type AdmitResult =
  | { ok: true; action: 'created' | 'configured' | 'unchanged'; object: KubeObject }
  | { ok: false; error: string };

/** Fields of a manifest's body other than apiVersion, kind and metadata (spec, data, …). */
function bodyOf(raw: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(raw)) if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata' && k !== 'status') out[k] = v;
  return out;
}

function stable(value: Json | undefined): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isJsonObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`).join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** kubectl's last-applied annotation: the applied object as compact JSON, namespace filled in. */
function lastApplied(raw: JsonObject, namespace: string | undefined): string {
  const meta = isJsonObject(raw.metadata) ? { ...raw.metadata } : {};
  const annotations = isJsonObject(meta.annotations) ? { ...meta.annotations } : undefined;
  if (annotations) delete annotations[LAST_APPLIED];
  const cleanMeta: JsonObject = { ...(annotations && Object.keys(annotations).length ? { annotations } : {}), ...meta };
  if (annotations && Object.keys(annotations).length) cleanMeta.annotations = annotations;
  else delete cleanMeta.annotations;
  if (namespace !== undefined) cleanMeta.namespace = namespace;
  const ordered: JsonObject = { apiVersion: raw.apiVersion ?? null, kind: raw.kind ?? null, metadata: sortKeys(cleanMeta) };
  for (const [k, v] of Object.entries(bodyOf(raw))) ordered[k] = v;
  return `${JSON.stringify(sortKeys(ordered))}\n`;
}

function sortKeys(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(value).sort()) {
    const v = value[k] as Json;
    out[k] = isJsonObject(v) ? sortKeys(v) : v;
  }
  return out;
}

function serviceWithAddresses(world: World, spec: JsonObject, previous?: KubeObject): { spec: JsonObject; status: JsonObject } {
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
 * Writes a validated manifest into the world as the API server and the controllers would:
 * create or update, with sidecar injection for pods, addresses for Services, and pods for
 * Deployments. `namespace` is the effective namespace (undefined for cluster-scoped kinds).
 * `applied` stores kubectl apply's last-applied annotation.
 */
export function admitObject(world: World, raw: JsonObject, namespace: string | undefined, opts: { applied: boolean }): AdmitResult {
  const kind = typeof raw.kind === 'string' ? raw.kind : '';
  const info = kindInfo(kind);
  const meta = isJsonObject(raw.metadata) ? raw.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (!info) return { ok: false, error: `unknown kind ${kind}` };
  const ns = info.namespaced ? namespace : undefined;
  const existing = world.get(kind, ns ?? '', name);
  const labels = getStringMap(meta, 'labels');
  const annotations = getStringMap(meta, 'annotations');
  if (opts.applied) annotations[LAST_APPLIED] = lastApplied(raw, ns);
  const body = bodyOf(raw);
  const apiVersion = typeof raw.apiVersion === 'string' ? raw.apiVersion : 'v1';

  if (existing) {
    const prevBody = bodyOf(existing as unknown as JsonObject);
    delete prevBody.status;
    const sameBody = stable(body.spec ?? null) === stable(prevBody.spec ?? null) && stable({ ...body, spec: null }) === stable({ ...prevBody, spec: null });
    const sameMeta = stable(labels) === stable(existing.metadata.labels) && stable(annotations) === stable(existing.metadata.annotations);
    if (sameBody && sameMeta) return { ok: true, action: 'unchanged', object: existing };
    if (kind === 'Pod' && !sameBody) {
      return { ok: false, error: `The Pod "${name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)` };
    }
    let updated: KubeObject = {
      ...existing,
      apiVersion,
      metadata: {
        ...existing.metadata,
        labels,
        annotations: kind === 'Pod' ? { ...existing.metadata.annotations, ...annotations } : annotations,
        resourceVersion: world.nextResourceVersion(),
        generation: existing.metadata.generation + (sameBody ? 0 : 1),
      },
      ...(kind === 'Pod' ? {} : { spec: (body.spec as JsonObject | undefined) ?? {} }),
    };
    if (kind === 'Service') {
      const addressed = serviceWithAddresses(world, (body.spec as JsonObject | undefined) ?? {}, existing);
      updated = { ...updated, spec: addressed.spec, status: addressed.status };
    }
    world.put(updated);
    if (kind === 'Deployment') reconcileDeployment(world, updated);
    return { ok: true, action: 'configured', object: world.get(kind, ns ?? '', name) ?? updated };
  }

  if (kind === 'Pod') {
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
  };
  let stored = created;
  if (kind === 'Service') {
    const addressed = serviceWithAddresses(world, (body.spec as JsonObject | undefined) ?? {});
    stored = { ...created, spec: addressed.spec, status: addressed.status };
  }
  if (kind === 'Deployment') {
    stored = { ...created, metadata: { ...created.metadata, annotations: { ...created.metadata.annotations, 'deployment.kubernetes.io/revision': '1' } } };
  }
  world.put(stored);
  if (kind === 'Deployment') reconcileDeployment(world, stored);
  if (kind === 'Namespace' && !world.get('ServiceAccount', name, 'default')) {
    // The ServiceAccount controller gives every namespace a `default` account.
    world.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: newMeta(world, 'default', name) });
  }
  return { ok: true, action: 'created', object: world.get(kind, ns ?? '', name) ?? stored };
}
