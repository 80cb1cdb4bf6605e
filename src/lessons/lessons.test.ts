/**
 * Every lesson proves itself: from its start world no step is done yet, its solutions complete
 * every step in order, each step's own solution takes that step from fail to pass, and every text
 * exists in both languages. New lessons are picked up from the catalog.
 */
import { describe, expect, it } from 'vitest';
import { SimSession } from '../shell/session.ts';
import { lessonCatalog } from './index.ts';
import { outcomeOf, probe } from './probe.ts';
import { LessonRun, checkStep, runLesson, startSession } from './run.ts';
import { proveLesson } from './scenario/prove.ts';
import { feed, lessonTexts, runUpTo } from './testing.ts';
import type { CheckResult, Lesson, LocalizedText } from './types.ts';

const lessons: Lesson[] = await Promise.all(lessonCatalog.map((entry) => entry.load()));

/**
 * Steps whose check may already pass in the start world, each with its reason. A step that only asks
 * the learner to look at something checks for the request that looking makes, so this stays short.
 */
const TRIVIALLY_TRUE: Record<string, readonly string[]> = {
  // Rolling back undoes the previous step's STRICT policy: its check reads the state only (the
  // frontend is not STRICT and the legacy client gets through), which is also the start state. It
  // only becomes current right after the step that broke the client.
  '02-permissive-migration': ['roll-back'],
};

/** Kana or kanji: a Japanese text that is only a copy of the English one fails. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Both languages present; prose (not a label such as `Cloud Shell → frontend`) must read as Japanese. */
function expectText(text: LocalizedText | undefined, what: string, prose = true): void {
  expect(text, what).toBeDefined();
  expect(text?.en.trim(), `${what} (en)`).not.toBe('');
  expect(text?.ja.trim(), `${what} (ja)`).not.toBe('');
  if (prose) expect(text?.ja, `${what} (ja) is written in Japanese`).toMatch(JAPANESE);
}

describe.each(lessons.map((lesson) => [lesson.id, lesson] as const))('lesson %s', (_id, lesson) => {
  it('matches its catalog entry', () => {
    const entry = lessonCatalog.find((e) => e.id === lesson.id);
    expect(entry).toBeDefined();
    expect(entry?.title).toEqual(lesson.title);
    expect(entry?.summary).toEqual(lesson.summary);
    expect(entry?.steps).toBe(lesson.steps.length);
  });

  it('has every text in both languages, hints in tiers, and a solution per step', () => {
    expectText(lesson.title, 'title');
    expectText(lesson.summary, 'summary');
    expect(lesson.steps.length).toBeGreaterThan(0);
    expect(new Set(lesson.steps.map((s) => s.id)).size, 'step ids are unique').toBe(lesson.steps.length);
    for (const step of lesson.steps) {
      const where = `step ${step.id}`;
      expectText(step.title, `${where} title`);
      expectText(step.body, `${where} body`);
      expect(step.hints.length, `${where} has at least two hint tiers`).toBeGreaterThanOrEqual(2);
      step.hints.forEach((hint, i) => expectText(hint, `${where} hint ${i + 1}`));
      if (step.takeaway) expectText(step.takeaway, `${where} takeaway`);
      expect(step.solution.trim(), `${where} solution`).not.toBe('');
      expect(step.commands.length, `${where} commands`).toBeGreaterThan(0);
      // Each command is one complete input: "show solution" and copy buttons hand it to the prompt whole.
      const shell = new SimSession();
      for (const command of step.commands) expect(shell.isComplete(command), `${where} command ${command}`).toBe(true);
      if (step.predict) {
        expectText(step.predict.question, `${where} prediction`);
        expect(step.predict.probes.length).toBeGreaterThan(0);
        for (const p of step.predict.probes) expectText(p.label, `${where} probe ${p.id}`, false);
      }
    }
  });

  it('speaks of the one browser tab there is, which opens one address at a time', () => {
    for (const text of lessonTexts(lesson)) {
      expect(text.en).not.toMatch(/\btabs\b|\b(?!browser\b|why\b)[\w-]+(?:'s)? tab\b/i);
      expect(text.ja).not.toMatch(/タブを\s*2\s*つ|2\s*つのタブ|両方のタブ|(?<!ブラウザ)のタブ/);
    }
  });

  it('proves itself: a clean start, no step done at the start, the solutions complete every step in order, each one from fail to pass, every command and prediction runs', () => {
    const proof = proveLesson(lesson, { mayPassAtStart: TRIVIALLY_TRUE[lesson.id] ?? [] });
    expect(proof.problems).toEqual([]);
    expect(proof.proved).toContain(`the solutions complete all ${lesson.steps.length} steps in order`);
  });

  it('says what is missing and what was done, in both languages', () => {
    const start = startSession(lesson);
    const ctx = { world: start.world, traces: [], stepTraces: [] };
    for (const step of lesson.steps) expectText(checkStep(step, ctx).detail, `step ${step.id} detail at the start`);
    const result = runLesson(lesson, lesson.steps.map((s) => s.solution).join('\n'));
    for (const r of result.results) expectText(r.result.detail, `detail of ${r.stepId}`);
  });
});

describe('lesson 01-seed-tutorial accepts other correct solutions', () => {
  const lesson = lessons.find((l) => l.id === '01-seed-tutorial')!;
  const stepIndex = (id: string) => lesson.steps.findIndex((s) => s.id === id);
  const NAMESPACES = ['ad', 'cart', 'checkout', 'currency', 'email', 'frontend', 'loadgenerator', 'payment', 'product-catalog', 'recommendation', 'shipping'];
  const OBSERVE = [
    "curl -s -o /dev/null -w '%{http_code}\\n' http://35.202.118.74/",
    "curl -s -o /dev/null -w '%{http_code}\\n' http://34.136.92.187/",
    "kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'",
  ].join('\n');

  function attempt(stepId: string, script: string): { run: LessonRun; last: CheckResult } {
    const index = stepIndex(stepId);
    const run = runUpTo(lesson, index);
    feed(run, script);
    return { run, last: checkStep(lesson.steps[index]!, run.context()) };
  }

  it.each(['namespace-strict', 'workload-strict', 'mesh-strict'])('%s: the prediction has an answer (the step breaks some of its requests)', (stepId) => {
    const index = stepIndex(stepId);
    const step = lesson.steps[index]!;
    const run = runUpTo(lesson, index);
    const before = step.predict!.probes.map((p) => outcomeOf(probe(run.session.world, p.from, p.url)).kind);
    feed(run, step.solution);
    const after = step.predict!.probes.map((p) => outcomeOf(probe(run.session.world, p.from, p.url)).kind);
    expect(before).toEqual(['ok', 'ok', 'ok', 'ok']);
    // The load balancer path and testcurl break; the gateway and the meshed pod keep working.
    expect(after).toEqual(['reset', 'ok', 'reset', 'ok']);
  });

  it('namespace-strict: eleven separate applies of an inline manifest instead of the loop', () => {
    const applies = NAMESPACES.map((ns) => `kubectl apply -f - <<END
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: ${ns}
spec:
  mtls:
    mode: STRICT
END`).join('\n');
    const { run } = attempt('namespace-strict', `${applies}\n${OBSERVE}`);
    expect(run.completed).toContain('namespace-strict');
  });

  it('namespace-strict: not done while only the frontend namespace is STRICT', () => {
    const { run, last } = attempt('namespace-strict', `kubectl apply -n frontend -f - <<END
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT
END
${OBSERVE}`);
    expect(run.completed).not.toContain('namespace-strict');
    expect(last.detail.en).toContain('ad/adservice, cart/cartservice');
  });

  it('find-and-delete: `--all` per namespace instead of deleting by name', () => {
    const deletes = NAMESPACES.map((ns) => `kubectl delete peerauthentication --all -n ${ns}`).join('\n');
    const { run } = attempt('find-and-delete', `kubectl get pa -A\n${deletes}\ncurl http://35.202.118.74/ -o /dev/null -s`);
    expect(run.completed).toContain('find-and-delete');
  });

  it('find-and-delete: one `--all --all-namespaces` delete', () => {
    const { run } = attempt('find-and-delete', 'kubectl delete pa --all --all-namespaces\ncurl -s http://35.202.118.74/ > /dev/null');
    expect(run.completed).toContain('find-and-delete');
  });

  it('find-and-delete: not done before the learner sees the shop come back', () => {
    const { run, last } = attempt('find-and-delete', 'kubectl delete pa --all --all-namespaces');
    expect(run.completed).not.toContain('find-and-delete');
    expect(last.detail.en).toMatch(/open frontend-external again/);
  });

  it('workload-strict: a DestinationRule with the right host passes too, and the namespace policy does not', () => {
    const rightHost = attempt('workload-strict', `kubectl apply -n frontend -f - <<END
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  mtls:
    mode: STRICT
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: frontend
spec:
  host: frontend.frontend.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
END
${OBSERVE}`);
    expect(rightHost.run.completed).toContain('workload-strict');

    const namespaceWide = attempt('workload-strict', `kubectl apply -n frontend -f - <<END
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT
END
${OBSERVE}`);
    expect(namespaceWide.run.completed).not.toContain('workload-strict');
  });

  it('workload-strict: once passed, the detail names auto mTLS and the rule that matches nothing', () => {
    const index = stepIndex('workload-strict');
    const run = runUpTo(lesson, index);
    feed(run, lesson.steps[index]!.solution);
    const passed = run.results.find((r) => r.stepId === 'workload-strict' && r.result.pass);
    expect(passed?.result.detail.en).toContain('auto mTLS');
    expect(passed?.result.detail.en).toContain('frontend.demo.svc.cluster.local');
  });
});

describe('lesson 03-destinationrule-disable accepts other correct fixes and refuses a weaker server', () => {
  const lesson = lessons.find((l) => l.id === '03-destinationrule-disable')!;
  const fixIndex = lesson.steps.findIndex((s) => s.id === 'fix-client');
  const GATEWAY = "curl -s -o /dev/null -w '%{http_code}\\n' http://34.136.92.187/";

  it('ISTIO_MUTUAL instead of deleting the rule', () => {
    const run = runUpTo(lesson, fixIndex);
    feed(run, `kubectl apply -n frontend -f - <<END
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: frontend
spec:
  host: frontend.frontend.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
END
${GATEWAY}`);
    expect(run.completed).toContain('fix-client');
  });

  it('a PERMISSIVE frontend stops the 503 but does not count', () => {
    const run = runUpTo(lesson, fixIndex);
    feed(run, `kubectl apply -n frontend -f - <<END
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: PERMISSIVE
END
${GATEWAY}`);
    expect(run.completed).not.toContain('fix-client');
    expect(checkStep(lesson.steps[fixIndex]!, run.context()).detail.en).toContain('must stay STRICT');
  });
});
