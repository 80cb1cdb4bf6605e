import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from './load.ts';
import type { ScenarioDoc } from './format.ts';
import { markdownBlock, writeScenario } from './write.ts';

function load(text: string): ScenarioDoc {
  const result = loadScenario([{ name: 'written.md', text }]);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.field}: ${e.message}`).join('\n'));
  return result.doc;
}

const rich: ScenarioDoc = {
  id: 'written-back',
  languages: ['en'],
  title: { en: 'Yes: a title with "quotes" and a colon' },
  summary: { en: 'A summary.\n\nWith two paragraphs and `code`.' },
  start: {
    credentials: false,
    manifests: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: frontend\nspec:\n  mtls:\n    mode: STRICT\n',
    setup: 'kubectl delete pod testcurl -n default\n',
  },
  steps: [
    {
      id: 'first',
      title: { en: 'true' },
      body: { en: 'Run this:\n\n```\n---\n```\n\nDone.' },
      commands: ['kubectl get pa -A', "kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' http://frontend.frontend/"],
      hints: [{ en: 'no' }, { en: '80' }],
      solution: 'kubectl get pa -A\n',
      check: {
        kind: 'all',
        checks: [
          { kind: 'request', from: { kind: 'pod', namespace: 'default', app: 'testcurl', bypass: true }, url: 'http://frontend.frontend.svc.cluster.local/', expect: 'reset', seen: 'step', message: { en: 'Curl it.' } },
          { kind: 'request', url: 'http://34.136.92.187/', expect: 503, over: 'mtls', level: 'namespace', seen: 'lesson' },
          { kind: 'request', from: { kind: 'browser' }, url: 'http://35.202.118.74/', expect: 'ok', seen: 'now' },
          { kind: 'not', check: { kind: 'exists', object: { kind: 'PeerAuthentication', namespace: 'frontend', name: 'default' } } },
          { kind: 'any', checks: [{ kind: 'absent', object: { kind: 'AuthorizationPolicy' } }, { kind: 'credentials', present: true, passed: { en: 'Good.' } }] },
          { kind: 'mode', namespace: 'frontend', app: 'frontend', port: 8080, is: 'STRICT', level: 'namespace' },
          { kind: 'mode', namespace: '*', app: '*', is: 'PERMISSIVE' },
          { kind: 'analyze', code: 'IST0102', namespace: 'default', reported: false },
          { kind: 'sidecar', namespace: 'default', app: 'testcurl', injected: false },
        ],
      },
      predict: { question: { en: 'What happens?' }, probes: [{ id: 'one', label: { en: 'testcurl → frontend' }, from: { kind: 'pod', namespace: 'default', app: 'testcurl', bypass: false }, url: 'http://frontend.frontend.svc.cluster.local/' }] },
      takeaway: { en: 'A takeaway.' },
    },
    {
      id: 'second',
      title: { en: 'Second' },
      body: { en: 'Only text.' },
      commands: ['echo hi'],
      hints: [],
      solution: 'echo hi',
      check: { kind: 'credentials', present: true },
    },
  ],
};

describe('writeScenario', () => {
  it('writes a doc that loads back equal', () => {
    const text = writeScenario(rich);
    expect(text.startsWith('---\nscenario: v1\nid: written-back\n')).toBe(true);
    const back = load(text);
    const fixedBody = { ...rich.steps[0]!, body: { en: 'Run this:\n\n```\n---\n```\n\nDone.' } };
    expect(back).toEqual({ ...rich, steps: [fixedBody, rich.steps[1]] });
  });

  it('writes a bilingual doc with its texts in the frontmatter', () => {
    const doc: ScenarioDoc = { ...rich, languages: ['ja', 'en'], title: { en: 'T', ja: 'タイトル' }, summary: { en: 'S', ja: '概要' }, steps: [{ ...rich.steps[1]!, body: { ja: '本文' }, title: { en: 'Second', ja: '二つ目' } }] };
    expect(() => writeScenario(doc)).not.toThrow();
    const back = loadScenario([{ name: 'x.md', text: writeScenario(doc) }]);
    // The body is in Japanese only: the loader asks for its English too (a translation's job).
    expect(back.ok).toBe(false);
  });

  it('reads the example scenario and writes it back to the same doc', () => {
    const doc = load(readFileSync('examples/scenarios/strict-frontend.md', 'utf8'));
    expect(load(writeScenario(doc))).toEqual(doc);
  });

  it('keeps a --- line in the text from ending it', () => {
    expect(markdownBlock('a\n---\nb\n```\n---\n```\n')).toBe('a\n***\nb\n```\n---\n```');
  });
});
