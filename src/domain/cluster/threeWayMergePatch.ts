import { type Json, type JsonObject, isJsonObject, jsonEqual } from '../objects.ts';
import { type Walk, trampoline } from '../trampoline.ts';

/**
 * How a kind is patched. Built-in kinds take a strategic merge patch: some lists merge element by
 * element, matched on a key (`patchMergeKey` in k8s.io/api). Custom resources (Istio's CRDs) take a
 * JSON merge patch (RFC 7386), where every list is replaced whole. (kubectl pkg/cmd/apply/patcher.go
 * `patchSimple`: strategic for types in kubectl's scheme, `buildMergePatch` otherwise.)
 */
export interface PatchSchema {
  /** The merge key of the list at `path` (map keys from the object's root), or undefined for a list replaced whole. */
  mergeKey(path: readonly string[]): string | undefined;
}

/** Lists of a PodSpec that merge by key (k8s.io/api core/v1 types.go `patchMergeKey`), relative to the PodSpec. */
const POD_SPEC_LISTS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  'containers/ports': 'containerPort',
  'containers/env': 'name',
  'containers/volumeMounts': 'mountPath',
  'initContainers/ports': 'containerPort',
  'initContainers/env': 'name',
  'initContainers/volumeMounts': 'mountPath',
};

/** Where each built-in kind keeps its merge-keyed lists. */
const STRATEGIC_LISTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Pod: prefixed('spec', POD_SPEC_LISTS),
  Deployment: prefixed('spec/template/spec', POD_SPEC_LISTS),
  ReplicaSet: prefixed('spec/template/spec', POD_SPEC_LISTS),
  Service: { 'spec/ports': 'port' },
  ServiceAccount: { secrets: 'name', imagePullSecrets: 'name' },
  Namespace: {},
};

function prefixed(prefix: string, lists: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(lists).map(([path, key]) => [`${prefix}/${path}`, key]));
}

/** The patch schema of a kind: strategic for the built-in kinds, undefined (JSON merge patch) for custom resources. */
export function patchSchemaFor(kind: string): PatchSchema | undefined {
  if (!Object.hasOwn(STRATEGIC_LISTS, kind)) return undefined;
  const lists = new Map(Object.entries(STRATEGIC_LISTS[kind] ?? {}));
  const common = new Map([['metadata/ownerReferences', 'uid']]);
  return { mergeKey: (path) => lists.get(path.join('/')) ?? common.get(path.join('/')) };
}

/** A deletion directive in a strategic merge patch list: `{"$patch": "delete", "<key>": <value>}`. */
const DELETE_DIRECTIVE = '$patch';
/** `$setElementOrder/<list>`: the merge keys of the list in the manifest's order. */
const SET_ELEMENT_ORDER = '$setElementOrder';

/** Defines `key` as an own entry (a plain assignment of `__proto__` would set the prototype). */
function setOwn(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Go's reflect.TypeOf on decoded JSON: a change of type replaces the value. */
function typeOf(value: Json | undefined): string {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return 'slice';
  return typeof value === 'object' ? 'map' : typeof value;
}

/** The elements of a list that merges on `key`, or undefined when one is not a map holding the key. */
function keyedElements(list: readonly Json[], key: string): JsonObject[] | undefined {
  return list.every((e) => isJsonObject(e) && Object.hasOwn(e, key)) ? (list as JsonObject[]) : undefined;
}

type DiffMode = 'delta' | 'deletions';

/** Where a value stands: its map key and the path of the map holding it, or undefined at the root. */
type Path = { readonly parent: Path; readonly key: string } | undefined;

/** The map keys of `path` from the root (built only where a schema asks for a list's merge key). */
function pathKeys(path: Path): string[] {
  const keys: string[] = [];
  for (let at = path; at; at = at.parent) keys.push(at.key);
  return keys.reverse();
}

/** Two maps to diff, at `path`. */
interface DiffNode {
  from: JsonObject;
  to: JsonObject;
  path: Path;
}

/**
 * apimachinery strategicpatch `diffMaps`. `delta` (IgnoreDeletions) keeps the additions and changes
 * from `from` to `to`; `deletions` (IgnoreChangesAndAdditions) keeps only what `to` dropped, as null
 * or as a `$patch: delete` list element. Without a schema, lists are atomic (JSON merge patch).
 */
function diffMaps(from: JsonObject, to: JsonObject, mode: DiffMode, schema: PatchSchema | undefined): JsonObject {
  return trampoline(function* visit({ from, to, path }: DiffNode): Walk<DiffNode, JsonObject> {
    const patch: JsonObject = {};
    for (const [key, toValue] of Object.entries(to)) {
      if (!Object.hasOwn(from, key)) {
        if (mode === 'delta') setOwn(patch, key, toValue);
        continue;
      }
      const fromValue = from[key] as Json;
      if (typeOf(fromValue) !== typeOf(toValue)) {
        if (mode === 'delta') setOwn(patch, key, toValue);
        continue;
      }
      const here = { parent: path, key };
      if (isJsonObject(fromValue) && isJsonObject(toValue)) {
        const sub = yield { from: fromValue, to: toValue, path: here };
        if (Object.keys(sub).length > 0) setOwn(patch, key, sub);
      } else if (Array.isArray(fromValue) && Array.isArray(toValue)) {
        const mergeKey = schema?.mergeKey(pathKeys(here));
        const fromKeyed = mergeKey === undefined ? undefined : keyedElements(fromValue, mergeKey);
        const toKeyed = mergeKey === undefined ? undefined : keyedElements(toValue, mergeKey);
        if (mergeKey !== undefined && fromKeyed && toKeyed) {
          const sub = yield* diffKeyedLists(fromKeyed, toKeyed, mergeKey, here, mode);
          if (sub.length > 0) setOwn(patch, key, sub);
          // `diffLists`: the order directive comes with any change, and in the delta also with a new order.
          const reordered = mode === 'delta' && !sameOrder(fromKeyed, toKeyed, mergeKey);
          if (fromKeyed.length > 0 && (sub.length > 0 || reordered)) {
            setOwn(patch, `${SET_ELEMENT_ORDER}/${key}`, toKeyed.map((e) => ({ [mergeKey]: e[mergeKey] as Json })));
          }
        } else if (mode === 'delta' && !jsonEqual(fromValue, toValue)) setOwn(patch, key, toValue);
      } else if (mode === 'delta' && !jsonEqual(fromValue, toValue)) setOwn(patch, key, toValue);
    }
    if (mode === 'deletions') {
      for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) setOwn(patch, key, null);
    }
    return patch;
  }, { from, to, path: undefined });
}

/** strategicpatch `isOrderSame`: the same merge keys at the same positions. */
function sameOrder(from: JsonObject[], to: JsonObject[], key: string): boolean {
  return from.length === to.length && to.every((e, i) => jsonEqual(from[i]?.[key], e[key]));
}

/** strategicpatch `diffListsOfMaps`: elements matched on the merge key, each diffed as a map (a step of `diffMaps`' walk). */
function* diffKeyedLists(from: JsonObject[], to: JsonObject[], key: string, path: Path, mode: DiffMode): Walk<DiffNode, JsonObject[], JsonObject> {
  const patch: JsonObject[] = [];
  const find = (list: JsonObject[], element: JsonObject) => list.find((e) => jsonEqual(e[key], element[key]));
  for (const element of to) {
    const match = find(from, element);
    if (!match) {
      if (mode === 'delta') patch.push(element);
      continue;
    }
    const sub = yield { from: match, to: element, path };
    if (Object.keys(sub).length > 0) patch.push({ ...sub, [key]: element[key] as Json });
  }
  if (mode === 'deletions') {
    for (const element of from) if (!find(to, element)) patch.push({ [DELETE_DIRECTIVE]: 'delete', [key]: element[key] as Json });
  }
  return patch;
}

/** A JSON merge patch carries no nulls for additions and changes (jsonmergepatch `keepOrDeleteNullInObj`). */
function withoutNulls(patch: JsonObject): JsonObject {
  return trampoline(function* visit(patch: JsonObject): Walk<JsonObject, JsonObject> {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) continue;
      if (!isJsonObject(value)) setOwn(out, key, value);
      else {
        const sub = yield value;
        if (Object.keys(sub).length > 0) setOwn(out, key, sub);
      }
    }
    return out;
  }, patch);
}

/** The two halves of a three-way patch: what `modified` removed from `original`, and what it adds to or changes in `current`. */
export interface ThreeWayPatch {
  deletions: JsonObject;
  delta: JsonObject;
}

/**
 * kubectl apply's patch: the difference from `current` (the live object) to `modified` (the new
 * manifest with its last-applied annotation), ignoring what only the live object has, plus the
 * fields `original` (the previous last-applied configuration) had and `modified` dropped.
 * (apimachinery pkg/util/strategicpatch/patch.go `CreateThreeWayMergePatch`;
 * pkg/util/jsonmergepatch/patch.go `CreateThreeWayJSONMergePatch` without a schema.)
 */
export function threeWayMergePatch(original: JsonObject | undefined, modified: JsonObject, current: JsonObject, schema: PatchSchema | undefined): ThreeWayPatch {
  const delta = diffMaps(current, modified, 'delta', schema);
  return {
    deletions: original ? diffMaps(original, modified, 'deletions', schema) : {},
    delta: schema ? delta : withoutNulls(delta),
  };
}

/** kubectl apply sends no request for an empty patch (`{}`) and prints `unchanged`. */
export function isEmptyPatch(patch: ThreeWayPatch): boolean {
  return Object.keys(patch.deletions).length === 0 && Object.keys(patch.delta).length === 0;
}

/** A patch map to apply to `target`, at `path`. */
interface ApplyNode {
  target: JsonObject;
  patch: JsonObject;
  path: Path;
}

/** Applies one patch map: null deletes, maps merge, merge-keyed lists merge by element, other lists are replaced. */
function applyMap(target: JsonObject, patch: JsonObject, schema: PatchSchema | undefined): JsonObject {
  return trampoline(function* visit({ target, patch, path }: ApplyNode): Walk<ApplyNode, JsonObject> {
    const out: JsonObject = Object.fromEntries(Object.entries(target));
    for (const [key, value] of Object.entries(patch)) {
      // The server also reorders by `$setElementOrder`; the order of list elements is not modelled.
      if (key.startsWith(`${SET_ELEMENT_ORDER}/`)) continue;
      const here = { parent: path, key };
      const existing = Object.hasOwn(out, key) ? out[key] : undefined;
      const mergeKey = Array.isArray(value) && Array.isArray(existing) ? schema?.mergeKey(pathKeys(here)) : undefined;
      if (value === null) delete out[key];
      else if (isJsonObject(value)) setOwn(out, key, yield { target: isJsonObject(existing) ? existing : {}, patch: value, path: here });
      else if (Array.isArray(value) && Array.isArray(existing) && mergeKey !== undefined) {
        setOwn(out, key, yield* applyKeyedList(existing, value, mergeKey, here));
      } else setOwn(out, key, value);
    }
    return out;
  }, { target, patch, path: undefined });
}

/** Merges a merge-keyed list element by element (a step of `applyMap`'s walk). */
function* applyKeyedList(target: readonly Json[], patch: readonly Json[], key: string, path: Path): Walk<ApplyNode, Json[], JsonObject> {
  const out = [...target];
  for (const element of patch) {
    if (!isJsonObject(element)) continue;
    const index = out.findIndex((e) => isJsonObject(e) && jsonEqual(e[key], element[key]));
    if (element[DELETE_DIRECTIVE] === 'delete') {
      if (index !== -1) out.splice(index, 1);
    } else if (index !== -1) out[index] = yield { target: out[index] as JsonObject, patch: element, path };
    else out.push(yield { target: {}, patch: element, path });
  }
  return out;
}

/** The object the API server stores after the patch: the deletions, then the additions and changes. */
export function applyThreeWayPatch(current: JsonObject, patch: ThreeWayPatch, schema: PatchSchema | undefined): JsonObject {
  return applyMap(applyMap(current, patch.deletions, schema), patch.delta, schema);
}

/**
 * The patch as one map, as kubectl sends it: the deletions merged with the additions and changes
 * (jsonpatch.MergePatch(deletePatch, addAndChangePatch)); exact for JSON merge patches.
 */
export function patchBody(patch: ThreeWayPatch): JsonObject {
  return mergeMaps(patch.deletions, patch.delta);
}

function mergeMaps(base: JsonObject, over: JsonObject): JsonObject {
  return trampoline(function* visit([base, over]: readonly [JsonObject, JsonObject]): Walk<readonly [JsonObject, JsonObject], JsonObject> {
    const out: JsonObject = Object.fromEntries(Object.entries(base));
    for (const [key, value] of Object.entries(over)) {
      const existing = Object.hasOwn(out, key) ? out[key] : undefined;
      setOwn(out, key, isJsonObject(existing) && isJsonObject(value) ? yield [existing, value] : value);
    }
    return out;
  }, [base, over]);
}
