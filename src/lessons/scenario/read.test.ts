/**
 * The reader's field errors, as an author sees them: `FILE:LINE: FIELD: MESSAGE`, one per problem,
 * for every field of the YAML form. The line is the field's own, or its nearest parent's.
 */
import { describe, expect, it } from 'vitest';
import { formatErrors, loadScenario } from './load.ts';

interface Parts {
  /** Lines added at the root, after `summary:` (line 5 on). */
  root?: string[];
  /** Lines added to the step, after `solution:` (line 11 on), indented 4. */
  step?: string[];
  /** The check's lines, indented 6 under `check:` (line 11 + step lines). */
  check?: string[];
}

/** A one-step scenario with `parts` added; without parts it is valid. */
function scenario({ root = [], step = [], check = ['credentials: true'] }: Parts = {}): string {
  return [
    'scenario: v1',
    'id: demo',
    'title: Demo',
    'summary: A demo.',
    ...root,
    'steps:',
    '  - id: one',
    '    title: One',
    '    body: Do it.',
    '    commands: [kubectl get pa -A]',
    '    solution: kubectl get pa -A',
    ...step.map((l) => `    ${l}`),
    '    check:',
    ...check.map((l) => `      ${l}`),
  ].join('\n');
}

function errorsOf(text: string, name = 'f.yaml'): string {
  const loaded = loadScenario([{ name, text }]);
  return loaded.ok ? '' : formatErrors(loaded.errors);
}

describe('the YAML form is read field by field', () => {
  it('accepts the valid base', () => {
    expect(errorsOf(scenario())).toBe('');
  });

  const root: [string, string, string][] = [
    ['color: red', '', 'f.yaml:5: color: unknown field'],
    ['language: fr', '', 'f.yaml:5: language: Unsupported value: "fr": supported values: "en", "ja"'],
    ['languages: [en, en]', '', 'f.yaml:5: languages[1]: Duplicate value: "en"'],
    ['languages: []', '', 'f.yaml:5: languages: Required value: at least one language'],
    ['languages: [en, ja]', '', 'f.yaml:3: title.ja: Required value: the scenario is in en and ja'],
    ['start: {credentials: maybe}', '', 'f.yaml:5: start.credentials: Invalid value: "maybe": must be true or false'],
    ['start: {manifests: 5}', '', 'f.yaml:5: start.manifests: Invalid value: 5: must be a string'],
    ['start: {teardown: x}', '', 'f.yaml:5: start.teardown: unknown field'],
    ['start: [x]', '', 'f.yaml:5: start: Invalid value: a list: must be an object'],
    ['snippets: {1bad: x}', '', 'f.yaml:5: snippets.1bad: Invalid value: a snippet name is a letter followed by letters, digits, `-` or `_`'],
    ['snippets: {ok: [x]}', '', 'f.yaml:5: snippets.ok: Invalid value: a list: must be a string'],
  ];
  it.each(root)('root field %s', (line, _, expected) => {
    expect(errorsOf(scenario({ root: [line] }))).toContain(expected);
  });

  it('reports the root fields that are missing or malformed', () => {
    expect(errorsOf('id: demo\ntitle: Demo\nsummary: S\nsteps: []\n')).toBe([
      'f.yaml:1: scenario: Required value',
      'f.yaml:4: steps: Required value: a scenario has at least one step',
    ].join('\n'));
    expect(errorsOf('scenario: v1\n')).toBe([
      'f.yaml:1: id: Required value',
      'f.yaml:1: steps: Required value',
    ].join('\n'));
    expect(errorsOf('scenario: v1\nid: Demo_1\ntitle: yes\nsummary: 12\nsteps: {}\n')).toBe([
      'f.yaml:2: id: Invalid value: "Demo_1": must be lower-case letters, digits and dashes, starting and ending with a letter or digit (at most 64)',
      'f.yaml:3: title: Invalid value: true: must be text or {en: …, ja: …} (quote text that YAML would read as a boolean or a number)',
      'f.yaml:4: summary: Invalid value: 12: must be text or {en: …, ja: …} (quote text that YAML would read as a boolean or a number)',
      'f.yaml:5: steps: Invalid value: an object: must be a list',
    ].join('\n'));
    expect(errorsOf('- a\n- b\n')).toBe('f.yaml:1: Invalid value: a list: must be an object');
    expect(errorsOf('')).toContain('f.yaml: scenario: Required value');
    expect(errorsOf('title: {en: A, fr: B}\n')).toContain('f.yaml:1: title.fr: unknown field');
  });

  const step: [string, string][] = [
    ['color: red', 'f.yaml:11: steps[0].color: unknown field'],
    ['hints: [1]', 'f.yaml:11: steps[0].hints[0]: Invalid value: 1: must be text or {en: …, ja: …}'],
    ['hints: [a, b, c, d, e, f, g, h, i]', 'f.yaml:11: steps[0].hints: Too many: 9: must have at most 8 items'],
    ['takeaway: [x]', 'f.yaml:11: steps[0].takeaway: Invalid value: a list: must be text'],
    ['predict: {probes: []}', 'f.yaml:11: steps[0].predict.question: Required value'],
    ['predict: {question: Q, probes: []}', 'f.yaml:11: steps[0].predict.probes: Required value: at least one request to predict'],
    ['predict: {question: Q, probes: [{id: p, label: L, from: nowhere, to: "http://a.b/"}]}', 'f.yaml:11: steps[0].predict.probes[0].from: Invalid value: "nowhere": must be "browser", "cloudshell" or NAMESPACE/APP (e.g. default/testcurl)'],
    ['predict: {question: Q, probes: [{id: p, label: L, from: browser, to: "ftp://a.b/"}]}', 'f.yaml:11: steps[0].predict.probes[0].to: Invalid value: "ftp://a.b/": must be an http:// or https:// URL'],
    ['predict: {question: Q, probes: [{id: p, from: browser, to: "http://a.b/"}]}', 'f.yaml:11: steps[0].predict.probes[0].label: Required value'],
    ['predict: {question: Q, probes: [{id: p, label: L, from: browser, to: "http://a.b/"}, {id: p, label: M, from: cloudshell, to: "http://a.b/"}]}', 'f.yaml:11: steps[0].predict.probes[1].id: Duplicate value: "p"'],
    ['predict: {question: Q, probes: [{label: L, from: browser, to: "http://a.b/", at: 1}]}', 'f.yaml:11: steps[0].predict.probes[0].at: unknown field'],
  ];
  it.each(step)('step field %s', (line, expected) => {
    expect(errorsOf(scenario({ step: [line] }))).toContain(expected);
  });

  it('reports a step\'s missing fields at the step, and duplicate step ids', () => {
    expect(errorsOf('scenario: v1\nid: d\ntitle: T\nsummary: S\nsteps:\n  - id: a\n  - commands: []\n')).toBe([
      'f.yaml:6: steps[0].title: Required value',
      'f.yaml:6: steps[0].body: Required value',
      'f.yaml:6: steps[0].commands: Required value: at least one command to try',
      'f.yaml:6: steps[0].solution: Required value',
      'f.yaml:6: steps[0].check: Required value',
      'f.yaml:7: steps[1].id: Required value',
      'f.yaml:7: steps[1].title: Required value',
      'f.yaml:7: steps[1].body: Required value',
      'f.yaml:7: steps[1].commands: Required value: at least one command to try',
      'f.yaml:7: steps[1].solution: Required value',
      'f.yaml:7: steps[1].check: Required value',
    ].join('\n'));
    const twice = scenario();
    const steps = twice.slice(twice.indexOf('  - id: one'));
    expect(errorsOf(`${twice}\n${steps}`)).toBe('f.yaml:13: steps[1].id: Duplicate value: "one"');
    expect(errorsOf(scenario({ step: ['commands: x'] }))).toBe('f.yaml:11: steps[0].commands: Invalid value: "x": must be a list');
    expect(errorsOf(scenario({ step: ['predict: {question: [Q], probes: 1}'] }))).toBe([
      'f.yaml:11: steps[0].predict.question: Invalid value: a list: must be text or {en: …, ja: …} (quote text that YAML would read as a boolean or a number)',
      'f.yaml:11: steps[0].predict.probes: Invalid value: 1: must be a list',
    ].join('\n'));
    expect(errorsOf(scenario().replace('body: Do it.', `body: ${'x'.repeat(20_001)}`))).toBe('f.yaml:8: steps[0].body: Too long: must have at most 20000 characters');
  });

  const checks: [string, string[], string][] = [
    ['no kind', ['message: hi'], 'f.yaml:11: steps[0].check: Required value: one of "all", "any", "not", "request", "exists", "absent", "mode", "analyze", "sidecar", "authz", "credentials", "custom"'],
    ['two kinds', ['credentials: true', 'custom: x'], 'f.yaml:11: steps[0].check: Invalid value: one check per item; found "credentials" and "custom" (put several under "all")'],
    ['unknown field', ['credentials: true', 'weight: 2'], 'f.yaml:13: steps[0].check.weight: unknown field'],
    ['empty all', ['all: []'], 'f.yaml:12: steps[0].check.all: Required value: at least one check'],
    ['any of a non-list', ['any: {credentials: true}'], 'f.yaml:12: steps[0].check.any: Invalid value: an object: must be a list'],
    ['empty not', ['not:'], 'f.yaml:12: steps[0].check.not: Invalid value: null: must be an object'],
    ['a nested error', ['all:', '  - credentials: true', '  - sidecar: {workload: nope}'], 'f.yaml:14: steps[0].check.all[1].sidecar.workload: Invalid value: "nope": must be NAMESPACE/APP (e.g. legacy/legacy-client)'],
    ['message not text', ['credentials: true', 'message: [a]'], 'f.yaml:13: steps[0].check.message: Invalid value: a list: must be text'],
    ['request without to', ['request: {from: browser, expect: ok}'], 'f.yaml:12: steps[0].check.request.to: Required value'],
    ['request without expect', ['request: {from: browser, to: "http://a.b/"}'], 'f.yaml:12: steps[0].check.request.expect: Required value'],
    ['request now without from', ['request: {to: "http://a.b/", expect: ok}'], 'f.yaml:12: steps[0].check.request.from: Required value'],
    ['request bad expect', ['request: {from: browser, to: "http://a.b/", expect: maybe}'], 'f.yaml:12: steps[0].check.request.expect: Unsupported value: "maybe": supported values: "any", "ok", "reached", "reset", "refused", "denied", or an HTTP status such as 503'],
    ['request expect out of range', ['request: {from: browser, to: "http://a.b/", expect: 600}'], 'f.yaml:12: steps[0].check.request.expect: Invalid value: 600: must be between 100 and 599, inclusive'],
    ['request bad over', ['request: {from: browser, to: "http://a.b/", expect: ok, over: ssl}'], 'f.yaml:12: steps[0].check.request.over: Unsupported value: "ssl": supported values: "mtls", "plaintext", "tls"'],
    ['request bad level', ['request: {from: browser, to: "http://a.b/", expect: ok, level: cluster}'], 'f.yaml:12: steps[0].check.request.level: Unsupported value: "cluster": supported values: "default", "mesh", "namespace", "workload", "port"'],
    ['request bad seen', ['request: {from: browser, to: "http://a.b/", expect: ok, seen: sometimes}'], 'f.yaml:12: steps[0].check.request.seen: Unsupported value: "sometimes": supported values: "now", "step", "lesson", "last"'],
    ['request from without pod', ['request: {from: {bypassSidecar: true}, to: "http://a.b/", expect: ok}'], 'f.yaml:12: steps[0].check.request.from.pod: Required value'],
    ['request from pod bad', ['request: {from: {pod: x, bypassSidecar: 1}, to: "http://a.b/", expect: ok}'], 'f.yaml:12: steps[0].check.request.from.bypassSidecar: Invalid value: 1: must be true or false'],
    ['request to without service', ['request: {from: browser, to: {port: 80}, expect: ok}'], 'f.yaml:12: steps[0].check.request.to.service: Required value'],
    ['request to bad service', ['request: {from: browser, to: {service: frontend}, expect: ok}'], 'f.yaml:12: steps[0].check.request.to.service: Invalid value: "frontend": must be NAMESPACE/NAME'],
    ['request to bad port', ['request: {from: browser, to: {service: a/b, port: 0}, expect: ok}'], 'f.yaml:12: steps[0].check.request.to.port: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ['request to bad path', ['request: {from: browser, to: {service: a/b, path: x y}, expect: ok}'], 'f.yaml:12: steps[0].check.request.to.path: Invalid value: "x y": must start with / and have no spaces'],
    ['exists without kind', ['exists: {name: x}'], 'f.yaml:12: steps[0].check.exists.kind: Required value'],
    ['exists bad kind', ['exists: {kind: peerauthentication}'], 'f.yaml:12: steps[0].check.exists.kind: Invalid value: "peerauthentication": must be a kind such as PeerAuthentication'],
    ['exists bad name', ['exists: {kind: Pod, namespace: default, name: Bad_Name}'], 'f.yaml:12: steps[0].check.exists.name: Invalid value: "Bad_Name": must be an object name'],
    ['absent unknown kind', ['absent: {kind: Gizmo}'], 'f.yaml:12: steps[0].check.absent.kind: Invalid value: "Gizmo": the cluster serves no such kind'],
    ['exists named without namespace', ['exists: {kind: PeerAuthentication, name: default}'], 'f.yaml:12: steps[0].check.exists.namespace: Required value'],
    ['exists cluster-scoped in a namespace', ['exists: {kind: Namespace, namespace: default}'], 'f.yaml:12: steps[0].check.exists.namespace: Invalid value: Namespace is not namespaced'],
    ['mode without workload', ['mode: {is: STRICT}'], 'f.yaml:12: steps[0].check.mode.workload: Required value'],
    ['mode bad workload', ['mode: {workload: "*/frontend", is: STRICT}'], 'f.yaml:12: steps[0].check.mode.workload: Invalid value: "*/frontend": must be NAMESPACE/APP (e.g. frontend/frontend), NAMESPACE/* or */*'],
    ['mode bad is', ['mode: {workload: a/b, is: strict}'], 'f.yaml:12: steps[0].check.mode.is: Unsupported value: "strict": supported values: "STRICT", "PERMISSIVE", "DISABLE"'],
    ['mode without is', ['mode: {workload: a/b}'], 'f.yaml:12: steps[0].check.mode.is: Required value'],
    ['mode bad port', ['mode: {workload: a/b, is: STRICT, port: 70000}'], 'f.yaml:12: steps[0].check.mode.port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['analyze bad code', ['analyze: {code: ist0102}'], 'f.yaml:12: steps[0].check.analyze.code: Invalid value: "ist0102": must be an analyzer code such as IST0102'],
    ['analyze without code', ['analyze: {reported: false}'], 'f.yaml:12: steps[0].check.analyze.code: Required value'],
    ['analyze bad namespace', ['analyze: {code: IST0102, namespace: Default}'], 'f.yaml:12: steps[0].check.analyze.namespace: Invalid value: "Default": must be a namespace name'],
    ['sidecar without workload', ['sidecar: {injected: true}'], 'f.yaml:12: steps[0].check.sidecar.workload: Required value'],
    ['sidecar bad injected', ['sidecar: {workload: a/b, injected: maybe}'], 'f.yaml:12: steps[0].check.sidecar.injected: Invalid value: "maybe": must be true or false'],
    ['credentials not a boolean', ['credentials: maybe'], 'f.yaml:12: steps[0].check.credentials: Invalid value: "maybe": must be true or false'],
    ['custom unknown', ['custom: my-check'], 'f.yaml:12: steps[0].check.custom: Invalid value: "my-check": no such check (custom checks exist only for the built-in lessons)'],
    ['nested too deep', ['not: {not: {not: {not: {not: {not: {not: {credentials: true}}}}}}}'], 'f.yaml:12: steps[0].check.not.not.not.not.not.not.not: Invalid value: checks nest at most 6 levels deep'],
    ['too many checks', ['all:', ...Array.from({ length: 64 }, () => '  - credentials: true')], 'f.yaml:76: steps[0].check.all[63]: Too many: a step may have at most 64 checks'],
  ];
  it.each(checks)('check: %s', (_, lines, expected) => {
    expect(errorsOf(scenario({ check: lines }))).toContain(expected);
  });

  it('accepts every check kind in its valid forms', () => {
    const valid = [
      ['request: {from: default/testcurl, to: "http://frontend.frontend.svc.cluster.local/", expect: reset}'],
      ['request: {from: {pod: frontend/frontend, bypassSidecar: true}, to: {service: product-catalog/productcatalogservice, port: 3550}, expect: "200", over: plaintext}'],
      ['request: {to: "http://35.202.118.74/", expect: any, seen: lesson}'],
      ['request: {from: browser, to: "http://34.136.92.187/", expect: ok, over: mtls, level: namespace, seen: step}'],
      ['exists: {kind: AuthorizationPolicy}'],
      ['absent: {kind: PeerAuthentication, namespace: frontend}'],
      ['exists: {kind: Namespace, name: legacy}'],
      ['mode: {workload: "*/*", is: STRICT, level: mesh}'],
      ['mode: {workload: "frontend/*", port: 8080, is: PERMISSIVE}'],
      ['analyze: {code: IST0102, namespace: default, reported: false}'],
      ['sidecar: {workload: default/testcurl, injected: false}'],
      ['any: [{credentials: false}, {not: {credentials: true}}]', 'message: {en: Not yet., ja: まだです。}', 'passed: Done.'],
    ];
    for (const lines of valid) expect(errorsOf(scenario({ check: lines })), lines[0]).toBe('');
  });

  it('lists at most 50 errors and counts the rest', () => {
    const many = scenario({ root: Array.from({ length: 60 }, (_, i) => `extra${i}: 1`) });
    const lines = errorsOf(many).split('\n');
    expect(lines).toHaveLength(51);
    expect(lines.at(-1)).toBe('f.yaml: and 10 more errors');
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorsOf('scenario: v1\nid: [\n')).toBe('f.yaml:2: error converting YAML to JSON: yaml: line 2: did not find expected node content');
    expect(errorsOf(scenario().replace('scenario: v1', 'scenario: v2'))).toBe('f.yaml:1: scenario: Unsupported value: "v2": supported values: "v1"');
    // YAML keeps the last of two equal keys, as kubectl does.
    expect(errorsOf(scenario({ root: ['title: Again'] }))).toBe('');
    expect(errorsOf('scenario: v1\n---\nid: x\n')).toBe('f.yaml:2: Invalid value: a scenario file holds one YAML document (use block scalars `|` for manifests with `---`)');
    expect(errorsOf('---\nscenario: v1\n...\n# the end\n')).not.toContain('one YAML document');
  });
});

describe('an unknown field that is a typo of a known one', () => {
  it('names the field it probably meant, and only a near one', () => {
    expect(errorsOf(scenario({ step: ['hint: [x]'] }))).toContain('steps[0].hint: unknown field (did you mean "hints"?)');
    expect(errorsOf(scenario({ check: ['requets: {}'] }))).toContain('steps[0].check.requets: unknown field (did you mean "request"?)');
    expect(errorsOf(scenario({ root: ['tilte: x'] }))).toContain('tilte: unknown field (did you mean "title"?)');
    expect(errorsOf(scenario({ root: ['color: red'] }))).toBe('f.yaml:5: color: unknown field');
  });
});
