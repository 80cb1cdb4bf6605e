/**
 * `static/scenario.schema.json` (what editors check a scenario against) and the reader (what the
 * simulator accepts) say the same thing: the same fields, words, patterns and limits, and the
 * example scenarios are valid for both. The schema is checked by a small validator of the part of
 * JSON Schema 2020-12 it uses.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { yamlToJson } from '../../domain/manifests/goYaml.ts';
import type { Json } from '../../domain/objects.ts';
import { EXPECT_WORDS, FORMAT_VERSION, LEVELS, LIMITS, MODES, SCENARIO_LANGUAGES } from './format.ts';
import { loadScenario } from './load.ts';
import { convertMarkdown } from './markdown.ts';
import {
  CHECK_KEYS,
  CHECK_KINDS,
  CHECK_TEXT_KEYS,
  FROM_KEYS,
  MAX_SNIPPETS,
  OVER,
  PATTERNS,
  PREDICT_KEYS,
  PROBE_KEYS,
  ROOT_KEYS,
  SEEN,
  START_KEYS,
  STEP_KEYS,
  TO_KEYS,
  TRANSLATED_PROBE_KEYS,
  TRANSLATED_STEP_KEYS,
  TRANSLATION_KEYS,
} from './read.ts';

type Schema = { [key: string]: unknown };

const root = new URL('../../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('static/scenario.schema.json', root), 'utf8')) as Schema;

/** The keywords this validator understands; the schema may use no others. */
const KEYWORDS = new Set([
  '$schema', '$ref', '$defs', 'title', 'description', 'default',
  'type', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'properties', 'required', 'additionalProperties', 'propertyNames', 'maxProperties',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'anyOf', 'oneOf', 'if', 'then', 'else',
]);

function resolve(ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local references: ${ref}`);
  let node: unknown = schema;
  for (const part of ref.slice(2).split('/')) node = (node as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`unresolved reference ${ref}`);
  return node as Schema;
}

function typeOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const length = (s: string) => [...s].length;

/** The problems of `value` against `s`, as `path: keyword` strings (empty when valid). */
function validate(value: Json, s: Schema, path = ''): string[] {
  const out: string[] = [];
  const fail = (what: string) => out.push(`${path || '/'}: ${what}`);
  for (const key of Object.keys(s)) if (!KEYWORDS.has(key)) throw new Error(`unsupported keyword ${key} at ${path}`);
  if (typeof s.$ref === 'string') out.push(...validate(value, resolve(s.$ref), path));
  if (s.type !== undefined) {
    const t = typeOf(value);
    if (!(s.type === t || (s.type === 'number' && t === 'integer'))) fail(`type ${String(s.type)}`);
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) fail('enum');
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(value)) fail('const');
  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) fail('pattern');
    if (typeof s.maxLength === 'number' && length(value) > s.maxLength) fail('maxLength');
    if (typeof s.minLength === 'number' && length(value) < s.minLength) fail('minLength');
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) fail('minimum');
    if (typeof s.maximum === 'number' && value > s.maximum) fail('maximum');
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) fail('minItems');
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) fail('maxItems');
    if (s.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) fail('uniqueItems');
    if (s.items !== undefined) value.forEach((v, i) => out.push(...validate(v, s.items as Schema, `${path}/${i}`)));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of (s.required ?? []) as string[]) if (!Object.hasOwn(value, key)) fail(`required ${key}`);
    if (typeof s.maxProperties === 'number' && Object.keys(value).length > s.maxProperties) fail('maxProperties');
    for (const [key, v] of Object.entries(value)) {
      if (s.propertyNames !== undefined) out.push(...validate(key, s.propertyNames as Schema, `${path}/${key}`));
      if (Object.hasOwn(properties, key)) out.push(...validate(v, properties[key]!, `${path}/${key}`));
      else if (s.additionalProperties === false) fail(`additionalProperties ${key}`);
      else if (typeof s.additionalProperties === 'object') out.push(...validate(v, s.additionalProperties as Schema, `${path}/${key}`));
    }
  }
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((sub) => validate(value, sub, path).length === 0)) fail('anyOf');
  if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter((sub) => validate(value, sub, path).length === 0).length !== 1) fail('oneOf');
  if (s.if !== undefined) {
    const branch = validate(value, s.if as Schema, path).length === 0 ? s.then : s.else;
    if (branch !== undefined) out.push(...validate(value, branch as Schema, path));
  }
  return out;
}

const def = (name: string): Schema => resolve(`#/$defs/${name}`);
const keysOf = (s: Schema): string[] => Object.keys(s.properties as Schema).sort();
const sorted = (list: readonly string[]): string[] => [...list].sort();
const enumOf = (s: Schema): unknown[] => s.enum as unknown[];
const prop = (s: Schema, name: string): Schema => (s.properties as Record<string, Schema>)[name]!;

describe('scenario.schema.json and the reader', () => {
  it('is draft 2020-12 and uses only the keywords the validator knows', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // Every reference resolves and every keyword is known: validating anything walks them all.
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(walk);
      const s = node as Schema;
      if (typeof s.$ref === 'string') resolve(s.$ref);
      for (const [key, child] of Object.entries(s)) {
        if (key === 'properties' || key === '$defs') Object.values(child as Schema).forEach(walk);
        else if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'required') walk(child);
      }
      for (const key of Object.keys(s)) if (!KEYWORDS.has(key) && !/^[a-z][A-Za-z]*$/.test(key)) throw new Error(key);
    };
    walk(schema);
  });

  it('names the same fields as the reader, object by object', () => {
    expect(keysOf(def('scenario'))).toEqual(sorted(ROOT_KEYS));
    expect(keysOf(def('translation'))).toEqual(sorted(TRANSLATION_KEYS));
    expect(keysOf(def('start'))).toEqual(sorted(START_KEYS));
    expect(keysOf(def('step'))).toEqual(sorted(STEP_KEYS));
    expect(keysOf(def('translatedStep'))).toEqual(sorted(TRANSLATED_STEP_KEYS));
    expect(keysOf(def('predict'))).toEqual(sorted(PREDICT_KEYS));
    expect(keysOf(prop(def('translatedStep'), 'predict'))).toEqual(sorted(PREDICT_KEYS));
    expect(keysOf(def('probe'))).toEqual(sorted(PROBE_KEYS));
    expect(keysOf(prop(prop(def('translatedStep'), 'predict'), 'probes').items as Schema)).toEqual(sorted(TRANSLATED_PROBE_KEYS));
    const anyOf = (name: string) => def(name).anyOf as Schema[];
    expect(keysOf(anyOf('from').find((s) => s.type === 'object')!)).toEqual(sorted(FROM_KEYS));
    expect(keysOf(anyOf('to').find((s) => s.type === 'object')!)).toEqual(sorted(TO_KEYS));
    expect(keysOf(def('check'))).toEqual(sorted([...CHECK_KINDS, ...CHECK_TEXT_KEYS]));
    expect((def('check').oneOf as Schema[]).map((s) => (s.required as string[])[0])).toEqual([...CHECK_KINDS]);
    for (const [kind, keys] of Object.entries(CHECK_KEYS)) {
      const s = prop(def('check'), kind);
      expect(keysOf(s.$ref ? resolve(s.$ref as string) : s), kind).toEqual(sorted(keys));
    }
    // The Markdown frontmatter: the YAML form's fields, with `step:` for the id and the text as the body.
    expect(keysOf(def('markdownScenario'))).toEqual(sorted(ROOT_KEYS.filter((k) => k !== 'steps')));
    expect(keysOf(def('markdownStep'))).toEqual(sorted(['step', ...STEP_KEYS.filter((k) => k !== 'id' && k !== 'body')]));
    expect(keysOf(def('markdownTranslation'))).toEqual(sorted(TRANSLATION_KEYS.filter((k) => k !== 'steps')));
    expect(keysOf(def('markdownTranslatedStep'))).toEqual(sorted(['step', ...TRANSLATED_STEP_KEYS.filter((k) => k !== 'id' && k !== 'body')]));
  });

  it('has the same words, patterns and limits', () => {
    expect(prop(def('scenario'), 'scenario').const).toBe(FORMAT_VERSION);
    expect(enumOf(def('language'))).toEqual([...SCENARIO_LANGUAGES]);
    expect(prop(def('scenario'), 'languages').maxItems).toBe(SCENARIO_LANGUAGES.length);
    expect(enumOf((def('expect').anyOf as Schema[])[0]!)).toEqual([...EXPECT_WORDS]);
    expect(enumOf(prop(def('mode'), 'is'))).toEqual([...MODES]);
    expect(enumOf(def('level'))).toEqual([...LEVELS]);
    expect(enumOf(prop(def('request'), 'seen'))).toEqual([...SEEN]);
    expect(enumOf(prop(def('request'), 'over'))).toEqual([...OVER]);

    expect(def('id').pattern).toBe(PATTERNS.id.source);
    expect(prop(def('objectRef'), 'kind').pattern).toBe(PATTERNS.kind.source);
    expect(prop(def('objectRef'), 'namespace').pattern).toBe(PATTERNS.id.source);
    expect(prop(def('objectRef'), 'name').pattern).toBe(PATTERNS.objectName.source);
    expect(prop(def('mode'), 'workload').pattern).toBe(PATTERNS.workload.source);
    expect(prop(def('sidecar'), 'workload').pattern).toBe(PATTERNS.namespaced.source);
    expect(prop(def('analyze'), 'code').pattern).toBe(PATTERNS.code.source);
    expect(prop(def('check'), 'custom').pattern).toBe(PATTERNS.snippet.source);
    expect((prop(def('scenario'), 'snippets').propertyNames as Schema).pattern).toBe(PATTERNS.snippet.source);

    expect(prop(def('scenario'), 'steps').maxItems).toBe(LIMITS.steps);
    expect(prop(def('translation'), 'steps').maxItems).toBe(LIMITS.steps);
    expect(prop(def('step'), 'commands').maxItems).toBe(LIMITS.commandsPerStep);
    expect(prop(def('step'), 'hints').maxItems).toBe(LIMITS.hintsPerStep);
    expect(prop(def('translatedStep'), 'hints').maxItems).toBe(LIMITS.hintsPerStep);
    expect(prop(def('predict'), 'probes').maxItems).toBe(LIMITS.probesPerStep);
    expect(prop(def('check'), 'all').maxItems).toBe(LIMITS.checksPerStep);
    expect(prop(def('check'), 'any').maxItems).toBe(LIMITS.checksPerStep);
    expect(def('text').maxLength).toBe(LIMITS.textChars);
    expect(prop(def('step'), 'solution').maxLength).toBe(LIMITS.textChars);
    expect(prop(def('start'), 'manifests').maxLength).toBe(LIMITS.startChars);
    expect(prop(def('start'), 'setup').maxLength).toBe(LIMITS.startChars);
    expect(prop(def('scenario'), 'snippets').maxProperties).toBe(MAX_SNIPPETS);
    expect(String(def('check').description)).toContain(`nest at most ${LIMITS.checkDepth} levels`);
    expect(String(def('check').description)).toContain(`at most ${LIMITS.checksPerStep} check nodes`);
  });

  it('accepts what the reader accepts and refuses what it refuses, on small cases', () => {
    const step = { id: 'a', title: 't', body: 'b', commands: ['x'], solution: 'x', check: { credentials: true } };
    const scenario = (extra: Record<string, Json> = {}, stepExtra: Record<string, Json> = {}): Json => ({ scenario: 'v1', id: 's', title: 'T', summary: 'S', steps: [{ ...step, ...stepExtra }], ...extra });
    const cases: [string, Json][] = [
      ['minimal', scenario()],
      ['unknown root field', scenario({ nope: 1 })],
      ['bad id', scenario({ id: 'Bad_Id' })],
      ['two kinds in one check', scenario({}, { check: { credentials: true, custom: 'x' } })],
      ['request without from, seen now', scenario({}, { check: { request: { to: 'http://a.b/', expect: 'ok' } } })],
      ['request without from, seen step', scenario({}, { check: { request: { to: 'http://a.b/', expect: 'ok', seen: 'step' } } })],
      ['expect as a string status', scenario({}, { check: { request: { from: 'browser', to: 'http://a.b/', expect: '503' } } })],
      ['expect out of range', scenario({}, { check: { request: { from: 'browser', to: 'http://a.b/', expect: 99 } } })],
      ['javascript: URL', scenario({}, { check: { request: { from: 'browser', to: 'javascript:alert(1)', expect: 'ok' } } })],
      ['to as a Service', scenario({}, { check: { request: { from: 'default/testcurl', to: { service: 'frontend/frontend', port: 80, path: '/cart' }, expect: 'ok' } } })],
      ['mode wildcard', scenario({}, { check: { mode: { workload: '*/*', is: 'STRICT', level: 'mesh' } } })],
      ['mode bad level', scenario({}, { check: { mode: { workload: 'a/b', is: 'STRICT', level: 'cluster' } } })],
      ['exists without name', scenario({}, { check: { exists: { kind: 'AuthorizationPolicy' } } })],
      ['empty all', scenario({}, { check: { all: [] } })],
      ['two languages', scenario({ languages: ['en', 'ja'], title: { en: 'T', ja: 'T' }, summary: { en: 'S', ja: 'S' } }, { title: { en: 't', ja: 't' }, body: { en: 'b', ja: 'b' } })],
      ['duplicate language', scenario({ languages: ['en', 'en'] })],
      ['no commands', scenario({}, { commands: [] })],
      ['translation', { scenario: 'v1', translates: 's', language: 'ja', steps: [{ id: 'a', title: 'て' }] }],
      ['translation with a check', { scenario: 'v1', translates: 's', language: 'ja', steps: [{ id: 'a', check: { credentials: true } }] }],
    ];
    for (const [name, value] of cases) {
      const loaded = loadScenario([{ name: 'f.yaml', text: JSON.stringify(value) }]);
      // A translation alone is refused as a scenario (no base), but not for its fields.
      const readerOk = loaded.ok || loaded.errors.every((e) => e.message.startsWith('Required value: no file is a scenario'));
      expect(validate(value, schema).length === 0, name).toBe(readerOk);
    }
  });

  const examples = readdirSync(new URL('examples/scenarios/', root)).filter((f) => /\.(md|ya?ml)$/.test(f));

  it.each(examples)('examples/scenarios/%s is valid for the schema and the reader', (file) => {
    const text = readFileSync(new URL(`examples/scenarios/${file}`, root), 'utf8');
    const files = [{ name: file, text }];
    if (file.endsWith('.md')) {
      const converted = convertMarkdown(text);
      if (!converted.ok) throw new Error(converted.message);
      expect(validate(converted.file.value, schema)).toEqual([]);
      // Each frontmatter block against its own definition.
      const blocks = text.split(/^---[ \t]*$/m).filter((_, i) => i % 2 === 1);
      const translation = /^translates:/m.test(blocks[0] ?? '');
      blocks.forEach((block, i) => {
        const value = yamlToJson(block);
        if (!value.ok) throw new Error(value.message);
        const name = i === 0 ? (translation ? 'markdownTranslation' : 'markdownScenario') : translation ? 'markdownTranslatedStep' : 'markdownStep';
        expect(validate(value.value, def(name)), `${file} block ${i}`).toEqual([]);
      });
    } else {
      const value = yamlToJson(text);
      if (!value.ok) throw new Error(value.message);
      expect(validate(value.value, schema)).toEqual([]);
    }
    if (!/\.[a-z]{2}\.(md|ya?ml)$/.test(file)) expect(loadScenario(files).ok).toBe(true);
  });
});
