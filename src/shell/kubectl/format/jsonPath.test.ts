import { describe, expect, it } from 'vitest';
import type { Json } from '../../../domain/objects.ts';
import { evaluateJsonPath, type JsonPathOptions } from './jsonPath.ts';
import { nestedJson } from './testing/nestedJson.ts';
import { wrapInList } from './wrapInList.ts';

/** A small pod as the API server would store it. */
function pod(name: string, extra: { phase?: string; ready?: boolean; restarts?: number; annotations?: Record<string, string> } = {}): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'frontend', labels: { app: name, 'kubernetes.io/hostname': `${name}-node` }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: { containers: [{ name: 'server', image: `${name}:v1` }, { name: 'istio-proxy', image: 'proxyv2:1.22' }] },
    status: { phase: extra.phase ?? 'Running', ready: extra.ready ?? true, restartCount: extra.restarts ?? 0 },
  };
}

const pods = wrapInList([pod('frontend', { restarts: 2 }), pod('cart', { phase: 'Pending', ready: false, annotations: { color: 'blue' } })]);

/** The text printed, failing the test with kubectl's message when there is none. */
function textOf(template: string, data: Json = pods, options?: JsonPathOptions): string {
  const result = evaluateJsonPath(template, data, options);
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

/** The first line of kubectl's error message. */
function errorOf(template: string, data: Json = pods, options?: JsonPathOptions): string {
  const result = evaluateJsonPath(template, data, options);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.text)}`);
  return result.error.split('\n')[0] ?? '';
}

describe('evaluateJsonPath', () => {
  describe('paths', () => {
    it.each([
      ['{.kind}', 'List'],
      ['{$.kind}', 'List'],
      ['{@.kind}', 'List'],
      ['{.items[0].metadata.name}', 'frontend'],
      ['{.items[1].spec.containers[0].image}', 'cart:v1'],
      ['{.items[*].metadata.name}', 'frontend cart'],
      ['{.items..metadata.name}', 'frontend cart'],
      ['{..phase}', 'Running Pending'],
      ['{.items[-1].metadata.name}', 'cart'],
      ['{.items[0:1].metadata.name}', 'frontend'],
      ['{.items[-1:].metadata.name}', 'cart'],
      ['{.items[:2].metadata.name}', 'frontend cart'],
      ['{.items[::2].metadata.name}', 'frontend'],
      ['{.items[1::2].metadata.name}', 'cart'],
      ['{.items[0:0].metadata.name}', ''],
      ['{.items[*].spec.containers[*].name}', 'server istio-proxy server istio-proxy'],
      ['{.items[0].metadata.labels.kubernetes\\.io/hostname}', 'frontend-node'],
      ["{.items[0]['kind']}", 'Pod'],
      ['{.items[0].metadata.labels.*}', 'frontend frontend-node'],
      ["{.items[*]['metadata.name', 'status.phase']}", 'frontend cart Running Pending'],
      ['{.items[0,1].metadata.name}', 'frontend cart'],
    ])('%s prints %j', (template, expected) => {
      expect(textOf(template)).toBe(expected);
    });

    it('prints maps and lists as compact JSON with sorted keys, and scalars as Go prints them', () => {
      const data = { obj: { b: 1, a: '<x>' }, list: [1, 'two', null], n: 3, f: 2.5, big: 1.5e-7, t: true, nothing: null };
      expect(textOf('{.obj}', data)).toBe('{"a":"\\u003cx\\u003e","b":1}');
      expect(textOf('{.list}', data)).toBe('[1,"two",null]');
      expect(textOf('{.n} {.f} {.big} {.t} {.nothing}', data)).toBe('3 2.5 1.5e-07 true <nil>');
      expect(textOf('{.list[*]}', data)).toBe('1 two <nil>');
    });
  });

  describe('text, literals and ranges', () => {
    it('prints text outside braces as is, and a template without braces is only text', () => {
      expect(textOf('name: {.items[0].metadata.name}!')).toBe('name: frontend!');
      expect(textOf('.items[0].metadata.name')).toBe('.items[0].metadata.name');
    });

    it('prints quoted literals with Go escapes', () => {
      expect(textOf('{.kind}{"\\t"}{.apiVersion}{"\\n"}')).toBe('List\tv1\n');
      expect(textOf(`{"{"}{'single'}{"say \\"hi\\""}`)).toBe('{singlesay "hi"');
    });

    it('loops with range … end', () => {
      expect(textOf('{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}')).toBe('frontend\tRunning\ncart\tPending\n');
      expect(textOf('{range .items[*]}{.metadata.name}, {end}{.kind}')).toBe('frontend, cart, List');
    });

    it('nests ranges', () => {
      expect(textOf('{range .items[*]}{.metadata.name}{":"}{range .spec.containers[*]}{.name}{","}{end}{"+"}{end}')).toBe(
        'frontend:server,istio-proxy,+cart:server,istio-proxy,+',
      );
    });

    it('prints nothing for a range over an empty list', () => {
      expect(textOf('{range .items[*]}{.metadata.name}{"\\n"}{end}', wrapInList([]))).toBe('');
    });
  });

  describe('filters', () => {
    it.each([
      ['{.items[?(@.metadata.name=="cart")].status.phase}', 'Pending'],
      ["{.items[?(@.metadata.name!='cart')].metadata.name}", 'frontend'],
      ['{.items[?(@.status.ready==true)].metadata.name}', 'frontend'],
      ['{.items[?(@.status.restartCount>1)].metadata.name}', 'frontend'],
      ['{.items[?(@.status.restartCount <= 0)].metadata.name}', 'cart'],
      ['{.items[?(@.metadata.annotations)].metadata.name}', 'cart'],
      ['{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', 'cart'],
      ['{.items[*].spec.containers[?(@.name=="istio-proxy")].image}', 'proxyv2:1.22 proxyv2:1.22'],
      ['{range .items[?(@.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', 'frontend is Running\n'],
    ])('%s prints %j', (template, expected) => {
      expect(textOf(template)).toBe(expected);
    });
  });

  describe('missing keys', () => {
    it('prints nothing for a missing field, as kubectl does by default', () => {
      expect(textOf('{.items[0].foo}')).toBe('');
      expect(textOf('before-{.hello}after')).toBe('before-after');
    });

    it('fails with --allow-missing-template-keys=false, printing the template and the object', () => {
      const data = { kind: 'Pod', metadata: { name: 'a' }, spec: { ports: [80, 8.5], x: null } };
      const result = evaluateJsonPath('{.metadata.foo}', data, { allowMissingKeys: false });
      expect(result).toEqual({
        ok: false,
        error: [
          'error: error executing jsonpath "{.metadata.foo}": Error executing template: foo is not found. Printing more information for debugging the template:',
          '\ttemplate was:',
          '\t\t{.metadata.foo}',
          '\tobject given to jsonpath engine was:',
          '\t\tmap[string]interface {}{"kind":"Pod", "metadata":map[string]interface {}{"name":"a"}, "spec":map[string]interface {}{"ports":[]interface {}{80, 8.5}, "x":interface {}(nil)}}',
          '',
          '',
        ].join('\n'),
      });
    });
  });

  describe('errors', () => {
    it.each([
      ['{.items[}', 'error: error parsing jsonpath {.items[}, unterminated array'],
      ['{.items[?(@.a=="b")}', 'error: error parsing jsonpath {.items[?(@.a=="b")}, unclosed array expect ]'],
      ['{.kind', 'error: error parsing jsonpath {.kind, unclosed action'],
      ['{.items[x]}', 'error: error parsing jsonpath {.items[x]}, invalid array index x'],
      ['{....name}', 'error: error parsing jsonpath {....name}, invalid multiple recursive descent'],
      ['{"abc}', 'error: error parsing jsonpath {"abc}, unterminated quoted string'],
      ['{"\\q"}', 'error: error parsing jsonpath {"\\q"}, unquote string "\\q" error invalid syntax'],
      ['{#}', "error: error parsing jsonpath {#}, unrecognized character in action: U+0023 '#'"],
      ['{1.2.3}', 'error: error parsing jsonpath {1.2.3}, cannot parse number 1.2.3'],
      ['', 'error: template format specified but no template given'],
    ])('rejects %j while parsing', (template, expected) => {
      expect(errorOf(template)).toBe(expected);
    });

    it.each([
      ['{hello}', 'unrecognized identifier hello'],
      ['{end}', 'not in range, nothing to end'],
      ['{.items[5]}', 'array index out of bounds: index 5, length 2'],
      ['{.items[-3]}', 'array index out of bounds: index -1, length 2'],
      ['{.items[1:0]}', 'starting index 1 is greater than ending index 0'],
      ['{.items[0:2:0]}', 'step must be > 0'],
      ['{.metadata[0]}', 'map[string]interface {} is not array or slice'],
      ['{.kind[0]}', 'string is not array or slice'],
      ['{.metadata[?(@.x)]}', 'map[resourceVersion:] is not array or slice and cannot be filtered'],
      ['{.items[?(@.status.restartCount<>1)]}', 'unrecognized filter operator <>'],
      ['{.items[?(@.status.restartCount==1.5)]}', 'incompatible types for comparison'],
      ['{.items[?(@.spec==1)]}', 'invalid type for comparison'],
      ['{.items[?(@.status.ready<true)]}', 'invalid type for comparison'],
      ['{.items[?(@.spec.containers[*].name=="server")]}', 'can only compare one element at a time'],
    ])('fails %j while executing: %s', (template, message) => {
      expect(errorOf(template)).toBe(
        `error: error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${message}. Printing more information for debugging the template:`,
      );
    });
  });

  describe('jsonpath-as-json', () => {
    it('prints each result group as an indented JSON array', () => {
      expect(textOf('{.items[*].metadata.name}', pods, { outputJson: true })).toBe('[\n    "frontend",\n    "cart"\n]\n');
      expect(textOf('{.nothing}', pods, { outputJson: true })).toBe('[]\n');
    });
  });

  describe('large data', () => {
    it('descends with `..` through maps nested 10,000 deep, outermost first', () => {
      let level = 10_000;
      const data = nestedJson(10_000, (a) => ({ a, level: --level }), { level: 10_000 });
      expect(textOf('{..level}', data)).toBe(Array.from({ length: 10_001 }, (_, i) => i).join(' '));
    });

    it('unions 200,000 values', () => {
      const items = Array.from({ length: 100_000 }, (_, i) => ({ x: i, y: -i }));
      const words = textOf("{.items[*]['x','y']}", { items }).split(' ');
      expect(words).toHaveLength(200_000);
      expect(words.slice(0, 3)).toEqual(['0', '1', '2']);
      expect(words.slice(100_000, 100_003)).toEqual(['0', '-1', '-2']);
    });
  });
});
