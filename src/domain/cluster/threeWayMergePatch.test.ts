/**
 * kubectl apply's three-way patch (apimachinery v0.33.13 pkg/util/strategicpatch/patch.go
 * `CreateThreeWayMergePatch`, pkg/util/jsonmergepatch/patch.go `CreateThreeWayJSONMergePatch`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports
import { outputText, runScript } from '../../shell/runScript.ts';
// eslint-disable-next-line no-restricted-imports
import { SimSession } from '../../shell/session.ts';
import { type Json, type JsonObject, isJsonObject, jsonEqual } from '../objects.ts';
import {
  type PatchSchema,
  type ThreeWayPatch,
  applyThreeWayPatch,
  isEmptyPatch,
  patchBody,
  patchSchemaFor,
  threeWayMergePatch,
} from './threeWayMergePatch.ts';
import { validatePodUpdate } from './validatePodUpdate.ts';

const POD = patchSchemaFor('Pod');

describe('threeWayMergePatch', () => {
  it('ignores what only the live object has, and deletes what the previous configuration had', () => {
    const original = { spec: { a: 1, b: 2 } };
    const modified = { spec: { a: 1 } };
    const current = { spec: { a: 1, b: 2, defaulted: true } };
    const patch = threeWayMergePatch(original, modified, current, undefined);
    expect(patch).toEqual({ deletions: { spec: { b: null } }, delta: {} });
    expect(applyThreeWayPatch(current, patch, undefined)).toEqual({ spec: { a: 1, defaulted: true } });
    expect(isEmptyPatch(threeWayMergePatch(modified, modified, { spec: { a: 1, defaulted: true } }, undefined))).toBe(true);
  });

  it('replaces a custom resource\'s lists whole, and drops nulls from its additions (JSON merge patch)', () => {
    const current = { spec: { hosts: ['a', 'b'], keep: 1 } };
    const patch = threeWayMergePatch(undefined, { spec: { hosts: ['a'], gone: null } }, current, undefined);
    expect(patchBody(patch)).toEqual({ spec: { hosts: ['a'] } });
  });

  it('merges a built-in kind\'s containers by name, and orders them with $setElementOrder', () => {
    const current: JsonObject = { spec: { containers: [{ name: 'app', image: 'a:1', imagePullPolicy: 'Always' }, { name: 'istio-proxy', image: 'proxy' }] } };
    const modified = { spec: { containers: [{ name: 'app', image: 'a:2' }] } };
    const patch = threeWayMergePatch(modified, modified, current, POD);
    expect(patch.delta).toEqual({ spec: { containers: [{ name: 'app', image: 'a:2' }], '$setElementOrder/containers': [{ name: 'app' }] } });
    expect(applyThreeWayPatch(current, patch, POD)).toEqual({
      spec: { containers: [{ name: 'app', image: 'a:2', imagePullPolicy: 'Always' }, { name: 'istio-proxy', image: 'proxy' }] },
    });
  });

  it('deletes a list element the previous configuration had with a $patch directive', () => {
    const original = { spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
    const modified = { spec: { containers: [{ name: 'a' }] } };
    const patch = threeWayMergePatch(original, modified, original, POD);
    expect(patch.deletions).toEqual({ spec: { containers: [{ $patch: 'delete', name: 'b' }], '$setElementOrder/containers': [{ name: 'a' }] } });
    expect(applyThreeWayPatch(original, patch, POD)).toEqual(modified);
  });

  it('keeps a __proto__ key an own entry in the patch and in the result', () => {
    const modified = JSON.parse('{"spec":{"__proto__":{"x":1}}}') as JsonObject;
    const patch = threeWayMergePatch(undefined, modified, { spec: {} }, undefined);
    const result = applyThreeWayPatch({ spec: {} }, patch, undefined);
    expect(Object.keys(result.spec as JsonObject)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(result.spec)).toBe(Object.prototype);
  });
});

describe('validatePodUpdate', () => {
  const spec = { containers: [{ name: 'curl', image: 'curlimages/curl', command: ['sleep', '600'] }], nodeName: 'n1' };

  it('allows an image change and an unchanged spec', () => {
    expect(validatePodUpdate(spec, spec)).toEqual([]);
    expect(validatePodUpdate(spec, { ...spec, containers: [{ ...spec.containers[0], image: 'curlimages/curl:8' }] })).toEqual([]);
  });

  it('forbids other changes, and adding or removing containers', () => {
    expect(validatePodUpdate(spec, { ...spec, containers: [{ ...spec.containers[0], command: ['sleep', '1'] }] }).map((e) => `${e.field}: ${e.body}`)).toEqual([
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ]);
    expect(validatePodUpdate(spec, { ...spec, containers: [] }).map((e) => `${e.field}: ${e.body}`)).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  it('lets activeDeadlineSeconds only go down', () => {
    expect(validatePodUpdate({ ...spec, activeDeadlineSeconds: 30 }, { ...spec, activeDeadlineSeconds: 10 })).toEqual([]);
    expect(validatePodUpdate({ ...spec, activeDeadlineSeconds: 10 }, { ...spec, activeDeadlineSeconds: 30 }).map((e) => `${e.field}: ${e.body}`)).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 30: must be less than or equal to previous value',
    ]);
  });
});

describe('threeWayMergePatch on deeply nested values', () => {
  /** DestinationRule `deep` whose connectionPool nests `depth` maps around `leaf` (flow YAML). */
  const manifest = (depth: number, leaf: string) =>
    [
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      'metadata:',
      '  name: deep',
      '  namespace: default',
      'spec:',
      '  host: frontend',
      '  trafficPolicy:',
      `    connectionPool: ${'{a: '.repeat(depth)}${leaf}${'}'.repeat(depth)}`,
    ].join('\n');

  it('applies a map nested 9,000 deep again: unchanged, then configured', () => {
    const depth = 9_000;
    const session = new SimSession();
    const run = (line: string) => outputText(runScript(line, { session }));
    const apply = (leaf: string) => run(`kubectl apply -f - <<EOF\n${manifest(depth, leaf)}\nEOF`);
    expect(apply('1')).toBe('destinationrule.networking.istio.io/deep created\n');
    expect(apply('1')).toBe('destinationrule.networking.istio.io/deep unchanged\n');
    expect(apply('2')).toBe('destinationrule.networking.istio.io/deep configured\n');
    expect(run("kubectl get dr deep -o jsonpath='{.spec.trafficPolicy.connectionPool}'")).toBe(`${'{"a":'.repeat(depth)}2${'}'.repeat(depth)}`);
  });

  it('diffs, merges and applies maps and lists nested 10,000 deep', () => {
    const nest = (depth: number, leaf: Json, list: boolean): Json => {
      let value = leaf;
      for (let i = 0; i < depth; i++) value = list ? [value] : { a: value };
      return value;
    };
    for (const list of [false, true]) {
      const before = { spec: { deep: nest(10_000, 1, list), gone: nest(10_000, 1, list) } };
      const after = { spec: { deep: nest(10_000, 2, list) } };
      const patch = threeWayMergePatch(before, after, before, undefined);
      expect(jsonEqual(patch.delta, after)).toBe(true);
      expect(jsonEqual(patch.deletions, { spec: { gone: null } })).toBe(true);
      expect(jsonEqual(patchBody(patch), { spec: { deep: after.spec.deep, gone: null } })).toBe(true);
      expect(jsonEqual(applyThreeWayPatch(before, patch, undefined), after)).toBe(true);
      expect(isEmptyPatch(threeWayMergePatch(after, after, after, undefined))).toBe(true);
    }
  });
});

describe('threeWayMergePatch against its recursive form', () => {
  const key = fc.constantFrom('a', 'b', 'name', 'containers', '__proto__');
  const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: 0, max: 2 }), fc.constantFrom('p', 'q'));
  const { map } = fc.letrec<{ value: Json; map: JsonObject; list: Json[] }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('map'), tie('list')),
    map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    list: fc.array(tie('value'), { maxLength: 3 }),
  }));
  /** Containers merge on `name` in a Pod: the strategic walk's keyed lists. */
  const container = fc.tuple(fc.constantFrom('p', 'q', 'r'), map).map(([name, rest]): JsonObject => ({ ...rest, name }));
  const object = fc
    .tuple(map, map, fc.option(fc.array(container, { maxLength: 3 }), { nil: undefined }))
    .map(([top, spec, containers]): JsonObject => ({ ...top, spec: containers === undefined ? spec : { ...spec, containers } }));
  const text = (value: unknown) => JSON.stringify(value);

  it('gives the same patch, body and result, key for key and in the same order', () => {
    fc.assert(
      fc.property(fc.option(object, { nil: undefined }), object, object, fc.boolean(), (original, modified, current, strategic) => {
        const schema = strategic ? patchSchemaFor('Pod') : undefined;
        const patch = threeWayMergePatch(original, modified, current, schema);
        expect(text(patch)).toBe(text(referencePatch(original, modified, current, schema)));
        expect(text(patchBody(patch))).toBe(text(referenceBody(patch)));
        expect(text(applyThreeWayPatch(current, patch, schema))).toBe(text(referenceApply(current, patch, schema)));
      }),
      { numRuns: 500 },
    );
  });

  it('jsonEqual (which walks on a list, not the stack) answers as the recursive comparison did', () => {
    fc.assert(
      fc.property(object, object, (a, b) => {
        const copy = JSON.parse(text(a)) as JsonObject;
        expect(jsonEqual(a, b)).toBe(referenceJsonEqual(a, b));
        expect(jsonEqual(a, copy)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

// The recursive walks this file replaced, kept as the reference the property compares with.

const DELETE_DIRECTIVE = '$patch';
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

/**
 * apimachinery strategicpatch `diffMaps`. `delta` (IgnoreDeletions) keeps the additions and changes
 * from `from` to `to`; `deletions` (IgnoreChangesAndAdditions) keeps only what `to` dropped, as null
 * or as a `$patch: delete` list element. Without a schema, lists are atomic (JSON merge patch).
 */
function diffMaps(from: JsonObject, to: JsonObject, path: readonly string[], mode: DiffMode, schema: PatchSchema | undefined): JsonObject {
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
    const here = [...path, key];
    if (isJsonObject(fromValue) && isJsonObject(toValue)) {
      const sub = diffMaps(fromValue, toValue, here, mode, schema);
      if (Object.keys(sub).length > 0) setOwn(patch, key, sub);
    } else if (Array.isArray(fromValue) && Array.isArray(toValue)) {
      const mergeKey = schema?.mergeKey(here);
      const fromKeyed = mergeKey === undefined ? undefined : keyedElements(fromValue, mergeKey);
      const toKeyed = mergeKey === undefined ? undefined : keyedElements(toValue, mergeKey);
      if (mergeKey !== undefined && fromKeyed && toKeyed) {
        const sub = diffKeyedLists(fromKeyed, toKeyed, mergeKey, here, mode, schema);
        if (sub.length > 0) setOwn(patch, key, sub);
        // `diffLists`: the order directive comes with any change, and in the delta also with a new order.
        const reordered = mode === 'delta' && !sameOrder(fromKeyed, toKeyed, mergeKey);
        if (fromKeyed.length > 0 && (sub.length > 0 || reordered)) {
          setOwn(patch, `${SET_ELEMENT_ORDER}/${key}`, toKeyed.map((e) => ({ [mergeKey]: e[mergeKey] as Json })));
        }
      } else if (mode === 'delta' && !referenceJsonEqual(fromValue, toValue)) setOwn(patch, key, toValue);
    } else if (mode === 'delta' && !referenceJsonEqual(fromValue, toValue)) setOwn(patch, key, toValue);
  }
  if (mode === 'deletions') {
    for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) setOwn(patch, key, null);
  }
  return patch;
}

/** strategicpatch `isOrderSame`: the same merge keys at the same positions. */
function sameOrder(from: JsonObject[], to: JsonObject[], key: string): boolean {
  return from.length === to.length && to.every((e, i) => referenceJsonEqual(from[i]?.[key], e[key]));
}

/** strategicpatch `diffListsOfMaps`: elements matched on the merge key, each diffed as a map. */
function diffKeyedLists(from: JsonObject[], to: JsonObject[], key: string, path: readonly string[], mode: DiffMode, schema: PatchSchema | undefined): JsonObject[] {
  const patch: JsonObject[] = [];
  const find = (list: JsonObject[], element: JsonObject) => list.find((e) => referenceJsonEqual(e[key], element[key]));
  for (const element of to) {
    const match = find(from, element);
    if (!match) {
      if (mode === 'delta') patch.push(element);
      continue;
    }
    const sub = diffMaps(match, element, path, mode, schema);
    if (Object.keys(sub).length > 0) patch.push({ ...sub, [key]: element[key] as Json });
  }
  if (mode === 'deletions') {
    for (const element of from) if (!find(to, element)) patch.push({ [DELETE_DIRECTIVE]: 'delete', [key]: element[key] as Json });
  }
  return patch;
}

/** A JSON merge patch carries no nulls for additions and changes (jsonmergepatch `keepOrDeleteNullInObj`). */
function withoutNulls(patch: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) continue;
    if (!isJsonObject(value)) setOwn(out, key, value);
    else {
      const sub = withoutNulls(value);
      if (Object.keys(sub).length > 0) setOwn(out, key, sub);
    }
  }
  return out;
}

/**
 * kubectl apply's patch: the difference from `current` (the live object) to `modified` (the new
 * manifest with its last-applied annotation), ignoring what only the live object has, plus the
 * fields `original` (the previous last-applied configuration) had and `modified` dropped.
 * (apimachinery pkg/util/strategicpatch/patch.go `CreateThreeWayMergePatch`;
 * pkg/util/jsonmergepatch/patch.go `CreateThreeWayJSONMergePatch` without a schema.)
 */
function referencePatch(original: JsonObject | undefined, modified: JsonObject, current: JsonObject, schema: PatchSchema | undefined): ThreeWayPatch {
  const delta = diffMaps(current, modified, [], 'delta', schema);
  return {
    deletions: original ? diffMaps(original, modified, [], 'deletions', schema) : {},
    delta: schema ? delta : withoutNulls(delta),
  };
}

/** Applies one patch map: null deletes, maps merge, merge-keyed lists merge by element, other lists are replaced. */
function applyMap(target: JsonObject, patch: JsonObject, path: readonly string[], schema: PatchSchema | undefined): JsonObject {
  const out: JsonObject = Object.fromEntries(Object.entries(target));
  for (const [key, value] of Object.entries(patch)) {
    // The server also reorders by `$setElementOrder`; the order of list elements is not modelled.
    if (key.startsWith(`${SET_ELEMENT_ORDER}/`)) continue;
    const here = [...path, key];
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    if (value === null) delete out[key];
    else if (isJsonObject(value)) setOwn(out, key, applyMap(isJsonObject(existing) ? existing : {}, value, here, schema));
    else if (Array.isArray(value) && Array.isArray(existing) && schema?.mergeKey(here) !== undefined) {
      setOwn(out, key, applyKeyedList(existing, value, schema.mergeKey(here) ?? '', here, schema));
    } else setOwn(out, key, value);
  }
  return out;
}

function applyKeyedList(target: readonly Json[], patch: readonly Json[], key: string, path: readonly string[], schema: PatchSchema): Json[] {
  const out = [...target];
  for (const element of patch) {
    if (!isJsonObject(element)) continue;
    const index = out.findIndex((e) => isJsonObject(e) && referenceJsonEqual(e[key], element[key]));
    if (element[DELETE_DIRECTIVE] === 'delete') {
      if (index !== -1) out.splice(index, 1);
    } else if (index !== -1) out[index] = applyMap(out[index] as JsonObject, element, path, schema);
    else out.push(applyMap({}, element, path, schema));
  }
  return out;
}

/** The object the API server stores after the patch: the deletions, then the additions and changes. */
function referenceApply(current: JsonObject, patch: ThreeWayPatch, schema: PatchSchema | undefined): JsonObject {
  return applyMap(applyMap(current, patch.deletions, [], schema), patch.delta, [], schema);
}

/**
 * The patch as one map, as kubectl sends it: the deletions merged with the additions and changes
 * (jsonpatch.MergePatch(deletePatch, addAndChangePatch)); exact for JSON merge patches.
 */
function referenceBody(patch: ThreeWayPatch): JsonObject {
  return mergeMaps(patch.deletions, patch.delta);
}

function mergeMaps(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = Object.fromEntries(Object.entries(base));
  for (const [key, value] of Object.entries(over)) {
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    setOwn(out, key, isJsonObject(existing) && isJsonObject(value) ? mergeMaps(existing, value) : value);
  }
  return out;
}

/** objects.ts `jsonEqual` as it recurses. */
function referenceJsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => referenceJsonEqual(v, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && referenceJsonEqual(a[k], b[k]));
  }
  return false;
}

