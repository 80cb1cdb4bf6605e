import type { Json } from '../../../domain/objects.ts';
import { marshalGoJson } from './marshalGoJson.ts';
import { wrapInList } from './wrapInList.ts';

/**
 * `kubectl get -o json` for one object: CLIR:pkg/printers/json.go does
 * `json.MarshalIndent(obj, "", "    ")` plus '\n'. kubectl holds fetched objects as unstructured
 * maps, and Go writes map keys sorted, so the output is sorted too (`"image"` before `"name"`),
 * whatever order the object was built in.
 */
export function formatJson(value: Json): string {
  return `${marshalGoJson(value, '    ')}\n`;
}

/** `kubectl get -o json` for zero or several objects: KCTL:pkg/cmd/get/get.go wraps them in a v1 List. */
export function formatJsonList(items: readonly Json[]): string {
  return formatJson(wrapInList(items));
}
