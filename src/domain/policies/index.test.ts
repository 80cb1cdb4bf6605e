/**
 * The policy kind registry: every module's kind is served (KINDS, the CRDs), checked (KIND_SCHEMAS,
 * the validation stages) and, when it is mesh configuration, counted in the world's configVersion
 * and in configSnapshot, with nothing listed a second time elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { configSnapshot } from '../cluster/configSnapshot.ts';
import { ISTIO_CRDS } from '../cluster/istioCrds.ts';
import { KINDS, kindInfo, preferredApiVersion, resolveResourceName } from '../kinds.ts';
import { validateObject } from '../manifests/validateObject.ts';
import { KIND_SCHEMAS } from '../manifests/schemas.ts';
import { isMeshConfigKind, MESH_CONFIG_KINDS } from '../meshConfigKinds.ts';
import type { KubeObject } from '../objects.ts';
import { PHRASES_EN } from '../reasons/phrases.en.ts';
import { FIXTURE_EPOCH, worldWith } from '../testing/fixtures.ts';
import { POLICY_KINDS, policyKindModule } from './index.ts';

const kinds = POLICY_KINDS.map((m) => m.info.kind);

function objectOf(kind: string, name: string): KubeObject {
  const info = kindInfo(kind);
  if (!info) throw new Error(`${kind} is not served`);
  return { apiVersion: preferredApiVersion(info), kind, metadata: { name, namespace: 'shop', uid: name, creationTimestamp: FIXTURE_EPOCH, generation: 1, resourceVersion: '1', labels: {}, annotations: {} }, spec: {} };
}

describe('POLICY_KINDS', () => {
  it('holds each kind once, and policyKindModule finds it by kind', () => {
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const m of POLICY_KINDS) expect(policyKindModule(m.info.kind)).toBe(m);
    expect(policyKindModule('Service')).toBeUndefined();
  });

  it.each(POLICY_KINDS.map((m) => [m.info.kind, m] as const))('serves %s: its KINDS entry is the module\'s, found by every name kubectl accepts', (kind, m) => {
    expect(KINDS.filter((k) => k.kind === kind)).toEqual([m.info]);
    for (const name of [m.info.plural, m.info.singular, ...m.info.shortNames, `${m.info.plural}.${m.info.group}`]) expect(resolveResourceName(name)).toBe(m.info);
  });

  it.each(POLICY_KINDS.map((m) => [m.info.kind, m] as const))('installs %s as the CRD Istio ships (group, plural, short names, versions)', (kind, m) => {
    const crd = ISTIO_CRDS.find((c) => c.kind === kind);
    expect(crd).toBeDefined();
    expect({ group: crd?.group, plural: crd?.plural, shortNames: crd?.shortNames }).toEqual({ group: m.info.group, plural: m.info.plural, shortNames: m.info.shortNames });
    expect(crd?.versions.map(([v]) => v).sort()).toEqual([...m.info.versions].sort());
  });

  it.each(POLICY_KINDS.map((m) => [m.info.kind, m] as const))('checks %s with its schema: KIND_SCHEMAS holds it, and strict decoding refuses an unknown field', (kind, m) => {
    expect(KIND_SCHEMAS[kind]).toBe(m.schema);
    expect(m.schema.source).toBe('crd');
    const raw = { ...objectOf(kind, 'x'), spec: { notAField: true } };
    expect(validateObject(JSON.parse(JSON.stringify(raw)), { source: 'STDIN', operation: 'creating' })?.message).toContain('unknown field "spec.notAField"');
  });

  it('lists as mesh configuration exactly the modules marked so, and only those move configVersion', () => {
    expect(MESH_CONFIG_KINDS).toEqual(POLICY_KINDS.filter((m) => m.meshConfig).map((m) => m.info.kind));
    for (const kind of kinds) expect(isMeshConfigKind(kind)).toBe(policyKindModule(kind)?.meshConfig);
    expect(isMeshConfigKind('Service')).toBe(false);
    for (const kind of MESH_CONFIG_KINDS) {
      const world = worldWith();
      const before = world.configVersion;
      world.put(objectOf(kind, 'p'));
      expect(world.configVersion, kind).toBe(before + 1);
      expect([...configSnapshot(world).keys()]).toEqual([`${kind}/shop/p`]);
    }
  });

  it('gives each kind printer columns that end in the CRD\'s Age (or none, the API server\'s default), and evaluation references', () => {
    for (const m of POLICY_KINDS) {
      const last = m.printerColumns.at(-1);
      if (last) expect(last, m.info.kind).toEqual({ name: 'Age', jsonPath: '.metadata.creationTimestamp', type: 'date' });
      for (const c of m.printerColumns) expect(c.jsonPath).toMatch(/^\.(spec|metadata)\./);
      for (const f of Object.values(m.evaluation.functions)) expect(typeof f).toBe('function');
    }
  });

  it('claims each reason code for one kind, and every code of the catalog under a claimed prefix', () => {
    const claimed = POLICY_KINDS.flatMap((m) => m.evaluation.reasonCodes);
    expect(new Set(claimed).size).toBe(claimed.length);
    const prefixes = new Set(claimed.map((code) => code.split('.')[0]));
    const underPrefixes = Object.keys(PHRASES_EN).filter((code) => prefixes.has(code.split('.')[0]));
    expect([...claimed].sort()).toEqual(underPrefixes.sort());
  });
});
