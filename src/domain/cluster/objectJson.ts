import type { JsonObject, KubeObject } from '../objects.ts';

/** Kinds whose objects carry no metadata.generation (their API strategies never set one). */
const WITHOUT_GENERATION = new Set(['Namespace', 'Service', 'ServiceAccount', 'ConfigMap', 'Secret', 'Endpoints', 'Event', 'Node']);

/** A Kubernetes timestamp (whole seconds) as RFC 3339: `2026-11-28T08:32:55Z`. */
function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A stored object as the API server serializes it, at the version it was written with:
 * creationTimestamp as an RFC 3339 string, labels/annotations/ownerReferences only when set,
 * generation only for kinds that have one (Pods have one since 1.33, kubernetes/kubernetes#130181),
 * and no managedFields. What `kubectl get -o yaml` prints and what `kubectl apply` diffs against.
 */
export function objectJson(obj: KubeObject): JsonObject {
  const m = obj.metadata;
  const metadata: JsonObject = {};
  if (Object.keys(m.annotations).length > 0) metadata.annotations = { ...m.annotations };
  metadata.creationTimestamp = rfc3339(m.creationTimestamp);
  if (m.generateName) metadata.generateName = m.generateName;
  if (!WITHOUT_GENERATION.has(obj.kind)) metadata.generation = m.generation;
  if (Object.keys(m.labels).length > 0) metadata.labels = { ...m.labels };
  metadata.name = m.name;
  if (m.namespace !== undefined) metadata.namespace = m.namespace;
  if (m.ownerReferences && m.ownerReferences.length > 0) {
    metadata.ownerReferences = m.ownerReferences.map((o) => ({
      apiVersion: o.apiVersion,
      blockOwnerDeletion: o.blockOwnerDeletion,
      controller: o.controller,
      kind: o.kind,
      name: o.name,
      uid: o.uid,
    }));
  }
  metadata.resourceVersion = m.resourceVersion;
  metadata.uid = m.uid;
  const out: JsonObject = { apiVersion: obj.apiVersion, ...obj.fields, kind: obj.kind, metadata };
  if (obj.spec !== undefined) out.spec = obj.spec;
  if (obj.status !== undefined) out.status = obj.status;
  return out;
}
