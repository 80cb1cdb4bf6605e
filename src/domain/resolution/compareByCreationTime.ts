import type { KubeObject } from '../objects.ts';

/**
 * Istio's config order: creationTimestamp ascending, then name, then namespace (byte-wise).
 * Kubernetes timestamps have one-second resolution, so ties on time are common and the name decides.
 * (istio pilot/pkg/model/config.go configCompareByCreationTime.)
 */
export function compareByCreationTime(a: KubeObject, b: KubeObject): number {
  const t = a.metadata.creationTimestamp - b.metadata.creationTimestamp;
  if (t !== 0) return t;
  const byName = compareStrings(a.metadata.name, b.metadata.name);
  return byName !== 0 ? byName : compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '');
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
