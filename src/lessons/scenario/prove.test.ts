/**
 * The proof of a scenario: what `sim --scenario FILE --prove` and the authoring panel report. A
 * sound scenario proves; each way a scenario can mislead a learner is reported against its step.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../shell/installParts.ts';
import { formatErrors, loadScenario } from './load.ts';
import { type ProofProblem, proveLesson } from './prove.ts';

const STRICT = 'kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: frontend\nspec:\n  mtls:\n    mode: STRICT\nEOF';
const HAS_POLICY = '{exists: {kind: PeerAuthentication}}';

function step(id: string, check: string, solution: string, commands = ['kubectl get pa -A'], extra = ''): string {
  return `  - id: ${id}\n    title: T\n    body: B\n    commands: ${JSON.stringify(commands)}\n    solution: ${JSON.stringify(solution)}\n    check: ${check}\n${extra}`;
}

function prove(steps: string[], start = '') {
  const loaded = loadScenario([{ name: 'p.yaml', text: `scenario: v1\nid: p\ntitle: T\nsummary: S\n${start}steps:\n${steps.join('')}` }]);
  if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
  return proveLesson(loaded.lesson);
}

describe('proveLesson on scenarios', () => {
  /** The problems as `sim --prove` prints them; each one has its Japanese text too. */
  const english = (problems: readonly ProofProblem[]) =>
    problems.map(({ text, ...p }) => {
      expect(text.en).toBe(p.message);
      expect(text.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      return p;
    });

  it('proves the example scenario fact by fact', () => {
    const text = readFileSync(new URL('../../../examples/scenarios/strict-frontend.md', import.meta.url), 'utf8');
    const loaded = loadScenario([{ name: 'strict-frontend.md', text }]);
    if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
    const { provedText, ...proof } = proveLesson(loaded.lesson);
    // Every line is in Japanese too, for the builder's panel.
    expect(provedText.map((t) => t.en)).toEqual(proof.proved);
    expect(provedText.every((t) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(t.ja))).toBe(true);
    expect(proof).toEqual({
      ok: true,
      problems: [],
      proved: [
        'no step is done at the start',
        'the solutions complete all 3 steps in order',
        'step see-plaintext: fails before its solution, passes after it',
        'step make-strict: fails before its solution, passes after it',
        'step gateway-still-works: fails before its solution, passes after it',
      ],
    });
  });

  it('reports a step that passes already at the start, once', () => {
    const proof = prove([step('a', '{exists: {kind: Namespace, name: default}}', 'true')]);
    expect(proof.ok).toBe(false);
    expect(english(proof.problems)).toEqual([{ step: 'a', message: 'passes already at the start: its check does not depend on what the learner does' }]);
  });

  it('reports a step that an earlier step already completes', () => {
    const proof = prove([step('a', HAS_POLICY, STRICT), step('b', HAS_POLICY, 'true')]);
    expect(english(proof.problems)).toEqual([{ step: 'b', message: 'passes before its solution runs: the previous steps already did it' }]);
  });

  it('reports a solution that does not complete its step, with what is still missing', () => {
    const proof = prove([step('a', HAS_POLICY, 'kubectl get pa -A')]);
    expect(english(proof.problems)).toEqual([
      { step: 'a', message: 'the solutions, run in order, stop here: A PeerAuthentication does not exist yet.' },
      { step: 'a', message: 'its solution does not complete it: A PeerAuthentication does not exist yet.' },
    ]);
  });

  it('reports a command with a typo', () => {
    const proof = prove([step('a', HAS_POLICY, STRICT, ['kubectl gett pa -A', 'kubectl get pa --colour', 'kubectl get pa -A'])]);
    expect(english(proof.problems)).toEqual([
      { step: 'a', message: 'command fails with a usage error: kubectl gett pa -A → error: unknown command "gett" for "kubectl"' },
      { step: 'a', message: 'command fails with a usage error: kubectl get pa --colour → error: unknown flag: --colour' },
    ]);
    expect(proof.proved).toContain('step a: fails before its solution, passes after it');
    expect(proof.proved).toContain('the solution completes the step');
  });

  it('reports a start that prints an error', () => {
    const proof = prove([step('a', HAS_POLICY, STRICT)], 'start:\n  setup: kubectl get nope\n');
    expect(english(proof.problems)).toEqual([{ message: 'the start failed (exit 1): error: the server doesn\'t have a resource type "nope"' }]);
    const manifests = prove([step('a', '{absent: {kind: PeerAuthentication}}', 'kubectl delete pa --all -A')], `start:\n  manifests: |\n${STRICT.split('\n').slice(1, -1).map((l) => `    ${l}`).join('\n')}\n`);
    expect(manifests).toMatchObject({ ok: true, proved: ['the start runs cleanly', 'no step is done at the start', 'the solution completes the step', 'step a: fails before its solution, passes after it'] });
  });

  it('reports a prediction about a pod that does not exist', () => {
    const predict = '    predict:\n      question: Q\n      probes:\n        - {id: lost, label: L, from: legacy/client, to: "http://frontend.frontend.svc.cluster.local/"}\n';
    const proof = prove([step('a', HAS_POLICY, STRICT, ['kubectl get pa -A'], predict)]);
    expect(english(proof.problems)).toEqual([{ step: 'a', message: 'prediction lost: no pod legacy/client to send it from' }]);
  });
});
