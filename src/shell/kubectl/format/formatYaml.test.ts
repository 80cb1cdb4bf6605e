import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../domain/objects.ts';
import { formatYaml, formatYamlList } from './formatYaml.ts';
import { nestedJson } from './testing/nestedJson.ts';

/** The expected output as kubectl prints it: one string per line, each ending in '\n'. */
function printed(...lines: string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

/** How `value` prints under a key, e.g. `key: "80"`, without the trailing newline. */
function underKey(value: Json): string {
  return formatYaml({ key: value }).slice(0, -1);
}

function frontendPod(): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'frontend-5c7b6f9d4b-q8v2n',
      namespace: 'frontend',
      creationTimestamp: '2026-11-28T08:33:00Z',
      labels: { app: 'frontend', 'pod-template-hash': '5c7b6f9d4b', 'security.istio.io/tlsMode': 'istio' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"frontend"}}\n',
        'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"]}',
      },
      resourceVersion: '12345',
      uid: '6f1c2a34-1b2c-4d5e-8f90-123456789abc',
    },
    spec: {
      containers: [
        {
          name: 'server',
          image: 'gcr.io/google-samples/microservices-demo/frontend:v0.10.1',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: [
            { name: 'PORT', value: '8080' },
            { name: 'ENABLE_PROFILER', value: '0' },
            { name: 'DEBUG', value: 'false' },
          ],
          resources: {},
        },
      ],
      securityContext: { runAsUser: 1000, runAsNonRoot: true },
    },
    status: { phase: 'Running', podIP: '10.8.0.14', conditions: [] },
  };
}

describe('formatYaml', () => {
  it('prints a pod the way kubectl -o yaml does', () => {
    expect(formatYaml(frontendPod())).toBe(
      printed(
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  annotations:',
        '    kubectl.kubernetes.io/last-applied-configuration: |',
        '      {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"frontend"}}',
        `    sidecar.istio.io/status: '{"initContainers":["istio-init"],"containers":["istio-proxy"]}'`,
        '  creationTimestamp: "2026-11-28T08:33:00Z"',
        '  labels:',
        '    app: frontend',
        '    pod-template-hash: 5c7b6f9d4b',
        '    security.istio.io/tlsMode: istio',
        '  name: frontend-5c7b6f9d4b-q8v2n',
        '  namespace: frontend',
        '  resourceVersion: "12345"',
        '  uid: 6f1c2a34-1b2c-4d5e-8f90-123456789abc',
        'spec:',
        '  containers:',
        '  - env:',
        '    - name: PORT',
        '      value: "8080"',
        '    - name: ENABLE_PROFILER',
        '      value: "0"',
        '    - name: DEBUG',
        '      value: "false"',
        '    image: gcr.io/google-samples/microservices-demo/frontend:v0.10.1',
        '    name: server',
        '    ports:',
        '    - containerPort: 8080',
        '      protocol: TCP',
        '    resources: {}',
        '  securityContext:',
        '    runAsNonRoot: true',
        '    runAsUser: 1000',
        'status:',
        '  conditions: []',
        '  phase: Running',
        '  podIP: 10.8.0.14',
      ),
    );
  });

  it.each<[Json, string]>([
    ['frontend', 'key: frontend'],
    ['', 'key: ""'],
    ['true', 'key: "true"'],
    ['yes', 'key: "yes"'],
    ['null', 'key: "null"'],
    ['80', 'key: "80"'],
    ['1.5', 'key: "1.5"'],
    ['2026-11-28T08:33:00Z', 'key: "2026-11-28T08:33:00Z"'],
    ['12:30', 'key: "12:30"'],
    ['*', "key: '*'"],
    ['a: b', "key: 'a: b'"],
    ['- a', "key: '- a'"],
    ['#comment', "key: '#comment'"],
    ['a #b', "key: 'a #b'"],
    ['a#b', 'key: a#b'],
    ['a:b', 'key: a:b'],
    ["it's", "key: it's"],
    ["'quoted'", "key: '''quoted'''"],
    ['"quoted"', `key: '"quoted"'`],
    ['{"a":1}', `key: '{"a":1}'`],
    ['[x]', "key: '[x]'"],
    [' leading', "key: ' leading'"],
    ['trailing ', "key: 'trailing '"],
    ['---', "key: '---'"],
    ['@ann', "key: '@ann'"],
    ['%x', "key: '%x'"],
    ['a\tb', 'key: "a\\tb"'],
    ['bell\u0007', 'key: "bell\\a"'],
    ['smile 😀', 'key: "smile \\U0001F600"'],
    ['café ✓', 'key: café ✓'],
    ['nbsp\u00a0', 'key: nbsp\u00a0'],
    ['next\u0085line', 'key: "next\\Nline"'],
    [null, 'key: null'],
    [true, 'key: true'],
    [0, 'key: 0'],
    [-0, 'key: 0'],
    [-12, 'key: -12'],
    [0.5, 'key: 0.5'],
    [1.5e-7, 'key: 1.5e-07'],
    [123456.75, 'key: 123456.75'],
    [1234567.5, 'key: 1.2345675e+06'],
    [1e21, 'key: 1e+21'],
    [9007199254740991, 'key: 9007199254740991'],
    [{}, 'key: {}'],
    [[], 'key: []'],
  ])('prints %j as `%s`', (value, expected) => {
    expect(underKey(value)).toBe(expected);
  });

  it('writes text with newlines as a literal block with the right chomping indicator', () => {
    expect(formatYaml({ a: 'one\ntwo\n', b: 'one\ntwo', c: 'one\n\n', d: '\n', e: 'x' })).toBe(
      printed('a: |', '  one', '  two', 'b: |-', '  one', '  two', 'c: |+', '  one', '', 'd: |2+', '', 'e: x'),
    );
  });

  it('keeps blank lines inside a block unindented and adds an indent hint for a leading space', () => {
    expect(formatYaml({ script: ' set -e\n\necho hi\n' })).toBe(printed('script: |2', '   set -e', '', '  echo hi'));
  });

  it('indents literal blocks inside sequences under their dash', () => {
    expect(formatYaml({ args: ['-c', 'echo a\necho b\n'] })).toBe(printed('args:', '- -c', '- |', '  echo a', '  echo b'));
  });

  it('falls back to double quotes for multi-line text with trailing spaces or tabs', () => {
    expect(underKey('line one \nline two')).toBe('key: "line one \\nline two"');
    expect(underKey('a\tb\nc')).toBe('key: "a\\tb\\nc"');
  });

  it('folds long plain text at a space once the line passes 80 columns', () => {
    const crd = {
      spec: {
        versions: [
          {
            schema: {
              openAPIV3Schema: {
                properties: {
                  apiVersion: {
                    description:
                      'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
                    type: 'string',
                  },
                },
              },
            },
          },
        ],
      },
    };
    // The same three lines kubectl prints for an Istio CRD.
    expect(formatYaml(crd)).toBe(
      printed(
        'spec:',
        '  versions:',
        '  - schema:',
        '      openAPIV3Schema:',
        '        properties:',
        '          apiVersion:',
        "            description: 'APIVersion defines the versioned schema of this representation",
        '              of an object. Servers should convert recognized schemas to the latest',
        "              internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources'",
        '            type: string',
      ),
    );
  });

  it('folds plain and double-quoted text too, escaping a space that starts a continuation line', () => {
    const words = 'word '.repeat(20).trim();
    expect(underKey(words)).toBe(
      ['key: word word word word word word word word word word word word word word word word', '  word word word word'].join('\n'),
    );
    const quoted = `${'x'.repeat(78)}  tail\u0007`;
    expect(underKey(quoted)).toBe(`key: "${'x'.repeat(78)}\n  \\ tail\\a"`);
  });

  it('never folds keys', () => {
    const key = 'k '.repeat(60).trim();
    expect(formatYaml({ [key]: 1 })).toBe(printed(`${key}: 1`));
  });

  it('quotes keys the way it quotes values', () => {
    expect(formatYaml({ '': 1, '80': 2, '*': 3, 'a: b': 4, true: 5 })).toBe(
      printed('"": 1', "'*': 3", '"80": 2', "'a: b': 4", '"true": 5'),
    );
  });

  it('writes keys longer than 128 bytes, and multi-line keys, as complex keys', () => {
    const long = 'k'.repeat(129);
    expect(formatYaml({ [long]: 'v' })).toBe(printed(`? ${long}`, ': v'));
    expect(formatYaml({ 'a\nb': 'v' })).toBe(printed('? |-', '  a', '  b', ': v'));
  });

  it('prints nested sequences and mappings inside sequences', () => {
    expect(formatYaml({ matrix: [[1, 2], [], [{ a: 1, b: [] }]] })).toBe(
      printed('matrix:', '- - 1', '  - 2', '- []', '- - a: 1', '    b: []'),
    );
  });

  it('prints a bare value as a one-line document', () => {
    expect(formatYaml('hello')).toBe('hello\n');
    expect(formatYaml('80')).toBe('"80"\n');
    expect(formatYaml(null)).toBe('null\n');
    expect(formatYaml({})).toBe('{}\n');
    expect(formatYaml([])).toBe('[]\n');
    expect(formatYaml(['a', { b: 'c' }])).toBe(printed('- a', '- b: c'));
  });

  it('skips members that are undefined, as JSON would', () => {
    const withHole = { name: 'x', namespace: undefined } as unknown as Json;
    expect(formatYaml(withHole)).toBe(printed('name: x'));
  });

  it('reads back as the same data under YAML 1.1', () => {
    // YAML 1.1 reads "." or "1._" as floats where go-yaml (and so kubectl) keeps them strings.
    const yaml11Float = /^[-+]?([0-9][0-9_]*)?\.[0-9._]*([eE][-+][0-9]+)?$/;
    const text = fc
      .string({ unit: fc.constantFrom(...'ab Z09 :#-_.,*&!|>\'"%@`{}[]?\n\t\\/=+~yéñ✓😀'.split(/(?:)/u)), maxLength: 120 })
      .filter((t) => !yaml11Float.test(t));
    const key = text.filter((k) => k !== '<<' && k !== '__proto__');
    const scalar = fc.oneof(text, fc.boolean(), fc.constant(null), fc.integer(), fc.integer().map((n) => n / 8));
    const value = fc.letrec<{ json: Json }>((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('json'), { maxLength: 4 }),
        fc.dictionary(key, tie('json'), { maxKeys: 4 }),
      ),
    })).json;
    fc.assert(
      fc.property(value, (json) => {
        expect(parse(formatYaml(json), { version: '1.1' })).toEqual(json);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatYamlList', () => {
  it('wraps objects in the List kubectl prints for several objects', () => {
    expect(formatYamlList([{ kind: 'Namespace', metadata: { name: 'a' } }, { kind: 'Namespace', metadata: { name: 'b' } }])).toBe(
      printed(
        'apiVersion: v1',
        'items:',
        '- kind: Namespace',
        '  metadata:',
        '    name: a',
        '- kind: Namespace',
        '  metadata:',
        '    name: b',
        'kind: List',
        'metadata:',
        '  resourceVersion: ""',
      ),
    );
  });

  it('prints an empty List with `items: []`', () => {
    expect(formatYamlList([])).toBe(printed('apiVersion: v1', 'items: []', 'kind: List', 'metadata:', '  resourceVersion: ""'));
  });
});

describe('formatYaml on deeply nested values', () => {
  it('prints lists nested 10,000 deep on one line, as go-yaml does', () => {
    expect(formatYaml(nestedJson(10_000, (item) => [item]))).toBe(`${'- '.repeat(10_000)}1\n`);
  });

  it('prints maps nested 10,000 deep, each key two spaces further in', () => {
    const lines = formatYaml(nestedJson(10_000, (a) => ({ a }))).split('\n');
    expect(lines).toHaveLength(10_001);
    expect(lines.pop()).toBe('');
    expect(lines.pop()).toBe(`${'  '.repeat(9_999)}a: 1`);
    expect(lines.every((line, i) => line.length === 2 * i + 2 && line.endsWith('a:') && line.trim() === 'a:')).toBe(true);
  });
});
