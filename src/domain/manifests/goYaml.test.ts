import { describe, expect, it } from 'vitest';
import type { Json } from '../objects.ts';
import { yamlToJson } from './goYaml.ts';
import { parseManifests } from './parseManifests.ts';

const EXCESSIVE = 'error converting YAML to JSON: yaml: document contains excessive aliasing';

const messageOf = (text: string) => {
  const r = yamlToJson(text);
  return r.ok ? undefined : r.message;
};

/** The classic "billion laughs": each level holds nine aliases of the level before (9^levels strings). */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/** The same amplification through merge keys: each map merges nine copies of the one before. */
function mergeBomb(levels: number): string {
  const lines = ['m0: &m0 {k0: v}'];
  for (let i = 1; i < levels; i++) lines.push(`m${i}: &m${i} {<<: [${Array.from({ length: 9 }, () => `*m${i - 1}`).join(',')}], k${i}: v}`);
  return `${lines.join('\n')}\n`;
}

/** A top-level sequence: an anchored list of `k` scalars, then `m` aliases of it. */
const repeatedList = (k: number, m: number) => `- &a [${Array.from({ length: k }, () => 'x').join(', ')}]\n${'- *a\n'.repeat(m)}`;
/** A top-level sequence: an anchored map of `k` keys, then `m` maps that merge it. */
const repeatedMerge = (k: number, m: number) => `- &a {${Array.from({ length: k }, (_, i) => `k${i}: v`).join(', ')}}\n${'- {<<: *a}\n'.repeat(m)}`;

describe('yamlToJson alias budget (go-yaml v2.4.0 decode.go `unmarshal`, `allowedAliasRatio`)', () => {
  it.each([8, 11])('rejects a %i-level billion-laughs document', (levels) => {
    expect(messageOf(aliasBomb(levels))).toBe(EXCESSIVE);
  });

  it.each([8, 11])('rejects a %i-level merge-key bomb', (levels) => {
    expect(messageOf(mergeBomb(levels))).toBe(EXCESSIVE);
  });

  it('prints the error as kubectl does', () => {
    expect(parseManifests(aliasBomb(8), 'STDIN')).toEqual({ ok: false, docs: [], error: `error: error parsing STDIN: ${EXCESSIVE}` });
  });

  // Counting as decode.go does: the document node, every node decoded, aliased ones while under an
  // alias (not the alias node itself), and merge keys through their alias. With 198 scalars per copy
  // the aliased share first passes 99% after the 199th copy (39601 of 40001 decodes); with 149 merged
  // keys, after the 296th merge (88504 of 89397).
  it('fails exactly where go-yaml does, for aliases and for merges', () => {
    expect(messageOf(repeatedList(198, 198))).toBeUndefined();
    expect(messageOf(repeatedList(198, 199))).toBe(EXCESSIVE);
    expect(messageOf(repeatedMerge(149, 295))).toBeUndefined();
    expect(messageOf(repeatedMerge(149, 296))).toBe(EXCESSIVE);
  });

  it('decodes ordinary anchors, aliases and merges as before', () => {
    const text = [
      'defaults: &defaults',
      '  mode: STRICT',
      '  labels: &labels {app: frontend, tier: web}',
      'ports: &ports [80, 443]',
      'first:',
      '  <<: *defaults',
      '  mode: PERMISSIVE',
      'second:',
      '  <<: [*defaults, {extra: true}]',
      '  ports: *ports',
      '  selector: *labels',
      '',
    ].join('\n');
    const labels = { app: 'frontend', tier: 'web' };
    const expected: Json = {
      defaults: { labels, mode: 'STRICT' },
      first: { labels, mode: 'PERMISSIVE' },
      ports: [80, 443],
      second: { extra: true, labels, mode: 'STRICT', ports: [80, 443], selector: labels },
    };
    expect(yamlToJson(text)).toEqual({ ok: true, value: expected });
  });

  it('rejects an anchor that merges itself instead of recursing forever', () => {
    expect(messageOf('a: &a {<<: *a}\n')).toBe("error converting YAML to JSON: yaml: anchor 'a' value contains itself");
    expect(messageOf('a: &a {<<: [{x: 1}, *a]}\n')).toBe("error converting YAML to JSON: yaml: anchor 'a' value contains itself");
  });
});

describe('yamlToJson nesting limits', () => {
  it('gives go-yaml\'s scanner error past 10000 flow levels or indents (scannerc.go max_flow_level, max_indents)', () => {
    const flow = `apiVersion: v1\nkind: X\nspec: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(messageOf(flow)).toBe('error converting YAML to JSON: yaml: line 3: exceeded max depth of 10000');
    const block = `apiVersion: v1\nkind: X\nspec:\n${'- '.repeat(100_000)}x\n`;
    expect(messageOf(block)).toBe('error converting YAML to JSON: yaml: line 4: exceeded max depth of 10000');
  });

  it('decodes 9,999 levels without overflowing the JS stack', () => {
    const r = yamlToJson(`spec: ${'['.repeat(9_999)}${']'.repeat(9_999)}\n`);
    expect(r.ok).toBe(true);
    let depth = 0;
    for (let v = r.ok ? r.value : null; v !== null && typeof v === 'object'; v = Array.isArray(v) ? (v[0] ?? null) : (v.spec ?? null)) depth++;
    expect(depth).toBe(10_000);
  });

  // sigs.k8s.io/yaml v1.4.0 `unmarshal` decodes the converted JSON again with encoding/json, whose
  // scanner stops at maxNestingDepth (10000): YAML that is legal at each level can still nest deeper.
  it('gives encoding/json\'s error when the converted JSON nests deeper than 10000', () => {
    expect(messageOf(`spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)).toBe("error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth");
    const chain = ['a0: &a0 x'];
    for (let i = 1; i < 4; i++) chain.push(`a${i}: &a${i} ${'{k: '.repeat(4_000)}*a${i - 1}${'}'.repeat(4_000)}`);
    expect(messageOf(`${chain.join('\n')}\n`)).toBe("error unmarshaling JSON: while decoding JSON: invalid character '{' exceeded max depth");
  });

  it('prints deep invalid keys and values in errors without overflowing', () => {
    const deep = `${'['.repeat(9_000)}${']'.repeat(9_000)}`;
    expect(messageOf(`? ${deep}\n: x\n`)).toMatch(/^error converting YAML to JSON: yaml: invalid map key: \[\]interface \{\}\{\[\]interface \{\}\{/);
    expect(messageOf(`~: ${deep}\n`)).toMatch(/^error converting YAML to JSON: Unsupported map key of type: %!s\(<nil>\), key: <nil>, value: \[\]interface \{\}\{/);
  });
});

describe('yamlToJson prototype keys', () => {
  it('keeps __proto__, constructor and toString as ordinary own keys', () => {
    const r = yamlToJson('spec:\n  __proto__: {mtls: {mode: STRICT}}\n  constructor: {prototype: {polluted: yes}}\n  toString: 1\n');
    expect(r.ok).toBe(true);
    const spec = (r.ok ? r.value : null) as { spec: Record<string, Json> };
    expect(Object.keys(spec.spec)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(spec.spec)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(spec.spec, '__proto__')?.value).toEqual({ mtls: { mode: 'STRICT' } });
    expect((spec.spec as { mtls?: unknown }).mtls).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
