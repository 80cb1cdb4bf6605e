/**
 * kubectl apply's three-way patch (apimachinery v0.33.13 pkg/util/strategicpatch/patch.go
 * `CreateThreeWayMergePatch`, pkg/util/jsonmergepatch/patch.go `CreateThreeWayJSONMergePatch`).
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../objects.ts';
import { applyThreeWayPatch, isEmptyPatch, patchBody, patchSchemaFor, threeWayMergePatch } from './threeWayMergePatch.ts';
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
