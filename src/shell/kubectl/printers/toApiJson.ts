import type { JsonObject, KubeObject } from '../../../domain/objects.ts';
import { livePodStatus } from './livePodStatus.ts';
import { rfc3339 } from './timestamps.ts';
import { kindInfo, preferredApiVersion } from '../../../domain/kinds.ts';

/** Kinds whose objects carry no metadata.generation (their API strategies never set one). */
const WITHOUT_GENERATION = new Set(['Namespace', 'Service', 'ServiceAccount']);

export interface ApiJsonOptions {
  /** When given (seconds), a Pod's container statuses are reported as the kubelet sees them now. */
  now?: number;
}

/**
 * The object as the API server returns it to `kubectl get -o yaml|json|jsonpath`: creationTimestamp
 * as an RFC 3339 string, labels/annotations/ownerReferences only when set, generation only for
 * kinds that have one (Pods have one since 1.33, kubernetes/kubernetes#130181), and no
 * managedFields (kubectl hides them by default). apiVersion is the kind's preferred version, as `kubectl get` reads it.
 */
export function toApiJson(obj: KubeObject, options: ApiJsonOptions = {}): JsonObject {
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

  // kubectl reads objects at the preferred version from discovery, whatever version wrote them.
  const info = kindInfo(obj.kind);
  const out: JsonObject = { apiVersion: info ? preferredApiVersion(info) : obj.apiVersion, kind: obj.kind, metadata };
  if (obj.spec !== undefined) out.spec = obj.spec;
  const status = obj.kind === 'Pod' && options.now !== undefined ? livePodStatus(obj, options.now) : obj.status;
  if (status !== undefined) out.status = status;
  return out;
}
