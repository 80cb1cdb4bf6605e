import { type Json, type JsonObject, type KubeObject, getPath, isJsonObject } from '../objects.ts';
import { toYaml } from './toYaml.ts';

/** Splits a cause field (`spec.portLevelMtls.8080.mode`, `spec.trafficPolicy.portLevelSettings[0].tls`) into keys. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').flatMap((part) => {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [part];
    const indexes = [...(m[2] ?? '').matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    return [...(m[1] ? [m[1]] : []), ...indexes];
  });
}

/** The value at a cause field of an object. */
export function valueAt(obj: KubeObject, field: string): Json | undefined {
  return getPath(obj, ...fieldPath(field));
}

function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A copy of `root` with `value` at `path` (missing objects created); `undefined` removes the key. */
export function withValue(root: JsonObject, path: (string | number)[], value: Json | undefined): JsonObject {
  const copy = clone(root);
  let node: Json = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i] as string | number;
    const container = node as Record<string | number, Json>;
    const next: Json | undefined = container[k];
    if (typeof next !== 'object' || next === null) container[k] = typeof path[i + 1] === 'number' ? [] : {};
    node = container[k] as Json;
  }
  const last = path[path.length - 1];
  if (last === undefined) return copy;
  const container = node as Record<string | number, Json>;
  if (value === undefined) {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else delete container[last];
  } else {
    container[last] = value;
  }
  return copy;
}

/** Drops empty objects left behind after a removal (`trafficPolicy: {}` is invalid for a DestinationRule). */
export function pruneEmpty(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (isJsonObject(v)) {
      const pruned = pruneEmpty(v);
      if (Object.keys(pruned).length > 0) out[k] = pruned;
    } else if (v !== undefined) {
      out[k] = v;
    }
  }
  return out;
}

/** The manifest to apply for an object with a new spec: identity, labels, and the spec. */
export function manifestWithSpec(obj: KubeObject, spec: JsonObject): JsonObject {
  const labels = obj.metadata.labels;
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: {
      name: obj.metadata.name,
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      ...(Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
    },
    spec,
  };
}

/** `kubectl apply -f - <<EOF … EOF` for a manifest: runs as is in a terminal and in the simulator. */
export function applyCommand(manifest: JsonObject): string {
  return `kubectl apply -f - <<EOF\n${toYaml(manifest)}EOF`;
}
