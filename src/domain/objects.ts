/** A JSON value as the API server stores it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Object metadata, as far as the simulator models it. */
export interface ObjectMeta {
  name: string;
  /** Absent for cluster-scoped kinds (Namespace). */
  namespace?: string;
  uid: string;
  /** Whole seconds since the Unix epoch: Kubernetes timestamps have one-second resolution. */
  creationTimestamp: number;
  generation: number;
  resourceVersion: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generateName?: string;
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

/**
 * A stored object. `apiVersion` is the version it was written with; spec and status stay JSON so
 * that `-o yaml|json|jsonpath` print exactly what was stored.
 * WARNING: objects are shared between world snapshots. Never mutate one: build a new object.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: JsonObject;
  status?: JsonObject;
  /** Top-level fields of kinds without a spec (ConfigMap `data`, Secret `type`, Endpoints `subsets`…). */
  fields?: JsonObject;
}

/** Names one object. `namespace` is '' for cluster-scoped kinds. */
export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name);
}

export function refOf(obj: KubeObject): ObjectRef {
  return { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value stored under `key` in a string map (labels, annotations, a selector), or undefined.
 * Only own entries count: `labels['constructor']` would otherwise find Object.prototype's.
 */
export function ownValue<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Reads a nested field by path, e.g. `getPath(obj.spec, 'mtls', 'mode')`; own properties only. */
export function getPath(value: unknown, ...path: (string | number)[]): Json | undefined {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current as Json | undefined;
}

export function getString(value: unknown, ...path: (string | number)[]): string | undefined {
  const found = getPath(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

/**
 * Reads a string map such as `selector.matchLabels`; non-string values are dropped. Built with
 * Object.fromEntries, so a `__proto__` key stays an own entry instead of setting the prototype.
 */
export function getStringMap(value: unknown, ...path: (string | number)[]): Record<string, string> {
  const found = getPath(value, ...path);
  if (!isJsonObject(found)) return {};
  return Object.fromEntries(Object.entries(found).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** True when every key/value of `selector` is in `labels`; an empty selector matches everything. */
export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const k in selector) {
    if (Object.hasOwn(selector, k) && ownValue(labels, k) !== selector[k]) return false;
  }
  return true;
}

/** Deep equality of two JSON values, ignoring the order of object keys. */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  // Pairs still to compare, on a list rather than the call stack: a value may nest 10,000 deep.
  const pairs: [Json | undefined, Json | undefined][] = [[a, b]];
  for (let pair = pairs.pop(); pair; pair = pairs.pop()) {
    const [x, y] = pair;
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      x.forEach((v, i) => pairs.push([v, y[i]]));
    } else if (isJsonObject(x) && isJsonObject(y)) {
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length) return false;
      for (const k of keys) {
        if (!Object.hasOwn(y, k)) return false;
        pairs.push([x[k], y[k]]);
      }
    } else return false;
  }
  return true;
}
