/**
 * The world as a scenario's start: what a learner must be given on top of the default world
 * (`createDefaultWorld`, where the sandbox and every scenario begin) to stand where the author
 * stands. Objects the author created become manifests, as `kubectl get -o yaml` prints them
 * without what the API server fills in; objects of the default world the author changed become
 * `kubectl patch --type merge` setup commands, and those the author deleted `kubectl delete` ones. What controllers make (ReplicaSets, their Pods, a namespace's `default`
 * ServiceAccount) is left to the controllers of the learner's cluster.
 */
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { isJsonObject, keyOf, type Json, type JsonObject, type KubeObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import { formatYaml } from '../../shell/kubectl/format/formatYaml.ts';
import { toApiJson } from '../../shell/kubectl/printers/toApiJson.ts';
import type { ScenarioDoc } from './format.ts';

/** One object the start differs in. */
export interface CapturedObject {
  /** `apply`: a new object (a manifest); `patch`: one the default world has, changed; `delete`: one it has, gone. */
  action: 'apply' | 'patch' | 'delete';
  kind: string;
  namespace?: string;
  name: string;
}

export interface CapturedStart {
  start: ScenarioDoc['start'];
  /** What the start applies and deletes, in the order it does it (for the builder's summary). */
  objects: CapturedObject[];
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Annotations the API server or a controller writes, never the author. */
const SERVER_ANNOTATIONS = [LAST_APPLIED, 'deployment.kubernetes.io/revision'];
/** Kinds only the cluster itself writes. */
const GENERATED_KINDS = new Set(['Event', 'Endpoints', 'EndpointSlice', 'Node', 'Lease', 'ReplicaSet', 'ControllerRevision']);
/** The order objects are applied in: what others live in or refer to first. */
const KIND_ORDER = ['Namespace', 'CustomResourceDefinition', 'ServiceAccount', 'ConfigMap', 'Secret', 'Service', 'Deployment', 'Pod'];

/** Whether the author (not a controller) owns this object. */
function authored(obj: KubeObject): boolean {
  if (GENERATED_KINDS.has(obj.kind)) return false;
  if (obj.metadata.ownerReferences?.length) return false;
  // The namespace controller makes every namespace's `default` ServiceAccount.
  return !(obj.kind === 'ServiceAccount' && obj.metadata.name === 'default');
}

/** What sidecar injection added to a bare Pod, taken back (the learner's webhook adds it again). */
function withoutSidecar(manifest: JsonObject): JsonObject {
  const metadata = isJsonObject(manifest.metadata) ? manifest.metadata : {};
  const annotations = isJsonObject(metadata.annotations) ? { ...metadata.annotations } : {};
  const status = annotations['sidecar.istio.io/status'];
  if (typeof status !== 'string') return manifest;
  let injected: { initContainers?: unknown; containers?: unknown; volumes?: unknown } = {};
  try {
    injected = JSON.parse(status) as typeof injected;
  } catch {
    return manifest;
  }
  const names = (v: unknown): Set<string> => new Set(Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : []);
  const drop = (list: Json | undefined, gone: Set<string>): Json[] | undefined => {
    const kept = (Array.isArray(list) ? list : []).filter((c) => !(isJsonObject(c) && typeof c.name === 'string' && gone.has(c.name)));
    return kept.length ? kept : undefined;
  };
  for (const a of ['sidecar.istio.io/status', 'istio.io/rev', 'kubectl.kubernetes.io/default-container', 'kubectl.kubernetes.io/default-logs-container', 'prometheus.io/path', 'prometheus.io/port', 'prometheus.io/scrape']) delete annotations[a];
  const labels = isJsonObject(metadata.labels) ? { ...metadata.labels } : {};
  for (const l of ['security.istio.io/tlsMode', 'service.istio.io/canonical-name', 'service.istio.io/canonical-revision']) delete labels[l];
  const spec: JsonObject = isJsonObject(manifest.spec) ? { ...manifest.spec } : {};
  for (const [field, list] of [['containers', injected.containers], ['initContainers', injected.initContainers], ['volumes', injected.volumes]] as const) {
    const kept = drop(spec[field], names(list));
    if (kept) spec[field] = kept;
    else delete spec[field];
  }
  // The scheduler's choice: the learner's cluster schedules the pod itself.
  delete spec.nodeName;
  const meta: JsonObject = { ...metadata };
  if (Object.keys(annotations).length) meta.annotations = annotations;
  else delete meta.annotations;
  if (Object.keys(labels).length) meta.labels = labels;
  else delete meta.labels;
  return { ...manifest, metadata: meta, spec };
}

/**
 * The object as a manifest to apply: `kubectl get -o yaml` without status, uid, resourceVersion,
 * creationTimestamp, generation, managedFields and the server's annotations (last-applied included).
 */
export function manifestOf(obj: KubeObject): JsonObject {
  const json = toApiJson(obj);
  delete json.status;
  const metadata: JsonObject = isJsonObject(json.metadata) ? { ...json.metadata } : {};
  for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields']) delete metadata[field];
  if (isJsonObject(metadata.annotations)) {
    const annotations = { ...metadata.annotations };
    for (const a of SERVER_ANNOTATIONS) delete annotations[a];
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  const manifest = { ...json, metadata };
  return obj.kind === 'Pod' ? withoutSidecar(manifest) : manifest;
}

function rank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

function byApplyOrder(a: KubeObject, b: KubeObject): number {
  return rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind) || (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name);
}

/** `kubectl delete` for one object, as the learner would type it. */
function deleteCommand(obj: KubeObject): string {
  return `kubectl delete ${obj.kind.toLowerCase()} ${obj.metadata.name}${obj.metadata.namespace !== undefined ? ` -n ${obj.metadata.namespace}` : ''}`;
}

/** RFC 7386: what turns `before` into `after` (`null` removes a field; lists are replaced whole). */
export function mergePatch(before: JsonObject, after: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const [key, value] of Object.entries(after)) {
    const old = Object.hasOwn(before, key) ? before[key] : undefined;
    if (isJsonObject(value) && isJsonObject(old)) {
      const inner = mergePatch(old, value);
      if (Object.keys(inner).length) patch[key] = inner;
    } else if (old === undefined || JSON.stringify(old) !== JSON.stringify(value)) patch[key] = value;
  }
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) patch[key] = null;
  return patch;
}

/**
 * `kubectl patch --type merge` for an object the default world has: `kubectl apply` over an object
 * it did not create warns (no last-applied record) and never removes what the author removed.
 */
function patchCommand(before: KubeObject, now: KubeObject): string {
  const patch = JSON.stringify(mergePatch(manifestOf(before), manifestOf(now)));
  return `kubectl patch ${now.kind.toLowerCase()} ${now.metadata.name}${now.metadata.namespace !== undefined ? ` -n ${now.metadata.namespace}` : ''} --type merge -p '${patch.replaceAll("'", "'\\''")}'`;
}

/** The start that rebuilds `world` from the default world (`base`, built afresh when not given). */
export function captureStart(world: World, base: World = createDefaultWorld()): CapturedStart {
  const applied: KubeObject[] = [];
  const setup: string[] = [];
  const objects: CapturedObject[] = [];
  const ref = (action: CapturedObject['action'], obj: KubeObject): CapturedObject => ({ action, kind: obj.kind, name: obj.metadata.name, ...(obj.metadata.namespace !== undefined ? { namespace: obj.metadata.namespace } : {}) });

  const changed: { before: KubeObject; now: KubeObject }[] = [];
  for (const obj of world.objects.values()) {
    if (!authored(obj)) continue;
    const before = base.objects.get(keyOf(obj));
    if (before === obj) continue;
    if (before && formatYaml(manifestOf(before)) === formatYaml(manifestOf(obj))) continue;
    if (before) changed.push({ before, now: obj });
    else applied.push(obj);
  }
  applied.sort(byApplyOrder);
  changed.sort((a, b) => byApplyOrder(a.now, b.now));
  objects.push(...applied.map((o) => ref('apply', o)), ...changed.map((c) => ref('patch', c.now)));
  setup.push(...changed.map((c) => patchCommand(c.before, c.now)));

  const deleted = [...base.objects.values()].filter((o) => authored(o) && !world.objects.has(keyOf(o)));
  const goneNamespaces = new Set(deleted.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
  // Deleting a namespace deletes what is in it: one command says it all.
  const deletes = deleted.filter((o) => o.metadata.namespace === undefined || !goneNamespaces.has(o.metadata.namespace)).sort(byApplyOrder).reverse();
  objects.push(...deletes.map((o) => ref('delete', o)));

  const manifests = applied.map((o) => formatYaml(manifestOf(o))).join('---\n');
  const commands = [...setup, ...deletes.map(deleteCommand)];
  return {
    start: {
      credentials: world.credentials,
      ...(manifests ? { manifests } : {}),
      ...(commands.length ? { setup: `${commands.join('\n')}\n` } : {}),
    },
    objects,
  };
}
