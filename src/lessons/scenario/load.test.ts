/**
 * Loading several files: a scenario and its translations merged by step and probe id, with every
 * mismatch reported against the translation's own file and line; and `{{snippet}}` expansion.
 */
import { describe, expect, it } from 'vitest';
import { applyManifests, formatErrors, loadScenario, type ScenarioFile } from './load.ts';

const BASE = `scenario: v1
id: demo
title: Demo
summary: A demo.
steps:
  - id: one
    title: One
    body: Do it.
    commands: [kubectl get pa -A]
    hints: [First hint, Second hint]
    solution: kubectl get pa -A
    check: {credentials: true}
    predict:
      question: What happens?
      probes:
        - {id: direct, label: testcurl to the frontend, from: default/testcurl, to: "http://frontend.frontend.svc.cluster.local/"}
  - id: two
    title: Two
    body: Then this.
    commands: [kubectl get dr -A]
    solution: kubectl get dr -A
    check: {credentials: true}
    takeaway: Remember this.
`;

const JA = `scenario: v1
translates: demo
language: ja
title: デモ
summary: デモです。
steps:
  - id: one
    title: 一
    body: やってみる。
    hints: [最初のヒント, 次のヒント]
    predict:
      question: どうなる？
      probes: [{id: direct, label: testcurl から frontend へ}]
  - id: two
    title: 二
    body: 次はこれ。
    takeaway: 覚えておく。
`;

function load(files: ScenarioFile[]) {
  return loadScenario(files);
}

function errorsOf(files: ScenarioFile[]): string {
  const loaded = load(files);
  return loaded.ok ? '' : formatErrors(loaded.errors);
}

const base: ScenarioFile = { name: 'demo.yaml', text: BASE };
const ja = (text = JA): ScenarioFile => ({ name: 'demo.ja.yaml', text });

describe('translations', () => {
  it('merges a translation by step and probe id, in either form', () => {
    const loaded = load([base, ja()]);
    if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
    expect(loaded.doc.languages).toEqual(['en', 'ja']);
    const { lesson } = loaded;
    expect(lesson.languages).toEqual(['en', 'ja']);
    expect(lesson.title).toEqual({ en: 'Demo', ja: 'デモ' });
    expect(lesson.steps[0]!.hints).toEqual([{ en: 'First hint', ja: '最初のヒント' }, { en: 'Second hint', ja: '次のヒント' }]);
    expect(lesson.steps[0]!.predict?.question).toEqual({ en: 'What happens?', ja: 'どうなる？' });
    expect(lesson.steps[0]!.predict?.probes[0]!.label).toEqual({ en: 'testcurl to the frontend', ja: 'testcurl から frontend へ' });
    expect(lesson.steps[1]!.takeaway).toEqual({ en: 'Remember this.', ja: '覚えておく。' });
    // Commands and checks come from the scenario only.
    expect(lesson.steps[0]!.commands).toEqual(['kubectl get pa -A']);

    const markdown = ['---', 'scenario: v1', 'translates: demo', 'language: ja', 'title: デモ', '---', 'デモです。', '---', 'step: one', 'title: 一', 'hints: [最初のヒント, 次のヒント]', 'predict: {question: どうなる？, probes: [{id: direct, label: ラベル}]}', '---', 'やってみる。', '---', 'step: two', 'title: 二', 'takeaway: 覚えておく。', '---', '次はこれ。', ''].join('\n');
    const fromMarkdown = load([base, { name: 'demo.ja.md', text: markdown }]);
    if (!fromMarkdown.ok) throw new Error(formatErrors(fromMarkdown.errors));
    expect(fromMarkdown.lesson.summary).toEqual({ en: 'A demo.', ja: 'デモです。' });
    expect(fromMarkdown.lesson.steps[0]!.body).toEqual({ en: 'Do it.', ja: 'やってみる。' });
  });

  it('falls back to the first language for a scenario in one language', () => {
    const loaded = load([base]);
    if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
    expect(loaded.doc.languages).toEqual(['en']);
    expect(loaded.lesson.title).toEqual({ en: 'Demo', ja: 'Demo' });
  });

  it('reports a step the scenario does not have, against the translation\'s file and line', () => {
    expect(errorsOf([base, ja(JA.replace('  - id: two', '  - id: three'))])).toBe('demo.ja.yaml:14: steps[1].id: Invalid value: "three": the scenario has no such step');
  });

  it('reports a translation of another scenario', () => {
    expect(errorsOf([base, ja(JA.replace('translates: demo', 'translates: other'))])).toBe('demo.ja.yaml:2: translates: Invalid value: "other": the scenario is "demo"');
  });

  it('reports a different number of hints, and an unknown probe', () => {
    expect(errorsOf([base, ja(JA.replace('hints: [最初のヒント, 次のヒント]', 'hints: [最初のヒント]'))])).toBe('demo.ja.yaml:10: steps[0].hints: Invalid value: 1 hints: the scenario\'s step has 2');
    expect(errorsOf([base, ja(JA.replace('{id: direct,', '{id: sideways,'))])).toBe('demo.ja.yaml:11: steps[0].predict: Invalid value: the step has no probe "sideways"');
  });

  it('reports every text missing in a declared language', () => {
    const declared = { name: 'demo.yaml', text: BASE.replace('title: Demo', 'languages: [en, ja]\ntitle: Demo') };
    const lines = errorsOf([declared]).split('\n');
    expect(lines[0]).toBe('demo.yaml:4: title.ja: Required value: the scenario is in en and ja');
    expect(lines).toContain('demo.yaml:11: steps[0].hints[1].ja: Required value: the scenario is in en and ja');
    expect(lines).toContain('demo.yaml:17: steps[0].predict.probes[0].label.ja: Required value: the scenario is in en and ja');
    expect(lines).toHaveLength(11);
    expect(errorsOf([declared, ja()])).toBe('');
    expect(errorsOf([declared, ja(JA.replace('    takeaway: 覚えておく。\n', ''))])).toBe('demo.yaml:24: steps[1].takeaway.ja: Required value: the scenario is in en and ja');
    const enOnly = { name: 'demo.yaml', text: BASE.replace('title: Demo', 'languages: [en]\ntitle: Demo') };
    expect(errorsOf([enOnly, ja()])).toBe('demo.ja.yaml:3: language: Unsupported value: "ja": the scenario declares languages en');
  });

  it('needs exactly one whole scenario among at most four files', () => {
    expect(errorsOf([ja()])).toBe('demo.ja.yaml: Required value: no file is a scenario (only translations)');
    expect(errorsOf([base, { ...base, name: 'again.yaml' }])).toBe('demo.yaml: Invalid value: more than one file is a whole scenario; the others must be translations (`translates: ID`)');
    expect(errorsOf([base, ja(), ja(), ja(), ja()])).toBe('demo.yaml: Too many: 5 files: a scenario has at most 4');
    expect(errorsOf([])).toBe('scenario: Required value: no scenario file');
    expect(errorsOf([base, ja(JA.replace('    body: 次はこれ。', '    body: 次はこれ。\n    check: {credentials: true}'))])).toBe('demo.ja.yaml:17: steps[1].check: unknown field');
  });
});

describe('snippets', () => {
  const withSnippets = (snippets: string, commands: string, extra = '') =>
    BASE.replace('summary: A demo.', `summary: A demo.\n${snippets}${extra}`).replace('commands: [kubectl get pa -A]', `commands: [${JSON.stringify(commands)}]`);

  it('expands {{name}} in commands, solutions and the start, and nowhere else', () => {
    const text = withSnippets('snippets:\n  ns: frontend\n  strict: |\n    apiVersion: security.istio.io/v1\n    kind: PeerAuthentication\n', 'kubectl get pa -n {{ns}}', 'start:\n  manifests: "{{strict}}"\n  setup: kubectl get ns {{ns}}\n')
      .replace('solution: kubectl get pa -A', 'solution: kubectl get pa -n {{ns}}')
      .replace('body: Do it.', 'body: Look in {{ns}}.');
    const loaded = load([{ name: 'demo.yaml', text }]);
    if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
    const step = loaded.lesson.steps[0]!;
    expect(step.commands).toEqual(['kubectl get pa -n frontend']);
    expect(step.solution).toBe('kubectl get pa -n frontend');
    expect(step.body.en).toBe('Look in {{ns}}.');
    expect(loaded.doc.start.manifests).toBe('apiVersion: security.istio.io/v1\nkind: PeerAuthentication');
    expect(loaded.lesson.setup).toBe(`${applyManifests('apiVersion: security.istio.io/v1\nkind: PeerAuthentication')}\nkubectl get ns frontend`);
  });

  it('leaves unknown names and Go templates as they are', () => {
    const command = "kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}' {{nope}} {{ ns }}";
    const loaded = load([{ name: 'demo.yaml', text: withSnippets('snippets: {ns: frontend}\n', command) }]);
    if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
    expect(loaded.lesson.steps[0]!.commands).toEqual([command]);
  });

  it('uses a library of snippets next to the file\'s own, refuses a file\'s snippet that shadows one, and refuses nested snippets', () => {
    const text = withSnippets('snippets: {ns: cart}\n', '{{ns}} {{verb}}');
    const loaded = loadScenario([{ name: 'demo.yaml', text }], { snippets: { verb: 'get' } });
    if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
    expect(loaded.lesson.steps[0]!.commands).toEqual(['cart get']);
    const shadowed = loadScenario([{ name: 'demo.yaml', text }], { snippets: { ns: 'frontend', verb: 'get' } });
    expect(shadowed.ok ? '' : formatErrors(shadowed.errors)).toBe('demo.yaml:5: snippets.ns: Duplicate value: "ns" is a shared snippet already');
    expect(errorsOf([{ name: 'demo.yaml', text: withSnippets('snippets: {a: "{{b}}", b: x}\n', 'echo {{a}}') }])).toBe('demo.yaml:11: steps[0].commands[0]: Invalid value: snippet "a" uses another snippet; snippets do not nest');
  });

  it('refuses more than 64 snippets', () => {
    const many = `snippets:\n${Array.from({ length: 65 }, (_, i) => `  s${i}: x\n`).join('')}`;
    expect(errorsOf([{ name: 'demo.yaml', text: withSnippets(many, 'echo') }])).toBe('demo.yaml:5: snippets: Too many: 65: must have at most 64 items');
  });
});

describe('named checks', () => {
  const named = (checks: string, stepCheck: string) =>
    `scenario: v1\nid: demo\ntitle: Demo\nsummary: A demo.\nchecks:\n${checks}\nsteps:\n  - id: one\n    title: One\n    body: Do it.\n    commands: [kubectl get pa -A]\n    solution: kubectl get pa -A\n    check: ${stepCheck}\n`;

  it('puts the named check in place of each use, with the use item\'s own message over its own', () => {
    const loaded = loadScenario([{ name: 'demo.yaml', text: named('  creds: {credentials: true, message: Get credentials.}', '{all: [{use: creds}, {use: creds, message: Again.}]}') }]);
    if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
    expect(loaded.doc.steps[0]!.check).toEqual({
      kind: 'all',
      checks: [
        { kind: 'credentials', present: true, message: { en: 'Get credentials.' } },
        { kind: 'credentials', present: true, message: { en: 'Again.' } },
      ],
    });
  });

  it('refuses an unknown name, a named check that uses another, and a step that grows past the bound', () => {
    expect(errorsOf([{ name: 'demo.yaml', text: named('  creds: {credentials: true}', '{use: cred}') }])).toBe('demo.yaml:13: steps[0].check.use: Invalid value: "cred": the scenario has no such check under `checks:`');
    expect(errorsOf([{ name: 'demo.yaml', text: named('  a: {credentials: true}\n  b: {use: a}', '{use: a}') }])).toBe('demo.yaml:7: checks.b: Invalid value: a named check cannot use another one');
    const wide = `{all: [${Array.from({ length: 63 }, () => '{credentials: true}').join(', ')}]}`;
    const many = `{all: [${Array.from({ length: 10 }, () => '{use: wide}').join(', ')}]}`;
    expect(errorsOf([{ name: 'demo.yaml', text: named(`  wide: ${wide}`, many) }])).toBe('demo.yaml:13: steps[0].check: Too many: 641 checks once named checks are in place: a step may have at most 256');
  });
});
