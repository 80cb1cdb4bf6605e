import { objectJson } from '../../../domain/cluster/objectJson.ts';
import { kindInfo, preferredApiVersion } from '../../../domain/kinds.ts';
import type { JsonObject, KubeObject } from '../../../domain/objects.ts';
import { livePodStatus } from './livePodStatus.ts';

export interface ApiJsonOptions {
  /** When given (seconds), a Pod's container statuses are reported as the kubelet sees them now. */
  now?: number;
}

/**
 * The object as the API server returns it to `kubectl get -o yaml|json|jsonpath` (`objectJson`),
 * at the kind's preferred version, as `kubectl get` reads it whatever version wrote it.
 */
export function toApiJson(obj: KubeObject, options: ApiJsonOptions = {}): JsonObject {
  const info = kindInfo(obj.kind);
  const out: JsonObject = { ...objectJson(obj), apiVersion: info ? preferredApiVersion(info) : obj.apiVersion };
  if (obj.kind === 'Pod' && options.now !== undefined) out.status = livePodStatus(obj, options.now);
  return out;
}
