import type { Json } from '../../../domain/objects.ts';

/**
 * The v1 List that `kubectl get` prints when it did not get exactly one named object
 * (KCTL:pkg/cmd/get/get.go `printGeneric`). Its resourceVersion prints as "".
 */
export function wrapInList(items: readonly Json[]): Json {
  return { apiVersion: 'v1', items: [...items], kind: 'List', metadata: { resourceVersion: '' } };
}
