import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../lessons/scenario/load.ts';
import { LessonRun, checkStep, feed } from '../lessons/run.ts';
import { Course } from './course.svelte.ts';
import { ScenarioBuilder, slug } from './scenarioBuilder.svelte.ts';
import { Simulator } from './simulator.svelte.ts';

/** `kubectl apply` of a PeerAuthentication, as one JSON line (kubectl reads JSON as YAML). */
const policy = (namespace: string, name: string, mode: string, app?: string) =>
  `kubectl apply -f - <<EOF\n${JSON.stringify({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name, namespace }, spec: { ...(app ? { selector: { matchLabels: { app } } } : {}), mtls: { mode } } })}\nEOF`;
const STRICT = policy('frontend', 'default', 'STRICT');
const CURL = "kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' http://frontend.frontend.svc.cluster.local/";

let sim: Simulator | undefined;
afterEach(() => sim?.dispose());

function setup() {
  sim = new Simulator();
  sim.terminal.sliceMs = Infinity;
  const course = new Course();
  course.attach(sim);
  const builder = new ScenarioBuilder(sim, course);
  return { sim, builder };
}

describe('ScenarioBuilder', () => {
  it('turns a reset request into a check that fails at the start and passes once the solution ran', async () => {
    const { sim, builder } = setup();
    builder.capture();
    expect(builder.start?.objects).toEqual([]);
    builder.title = 'Lock the frontend';
    builder.summary = 'Make it STRICT.';
    const step = builder.addStep();
    step.title = 'Make frontend STRICT';
    step.body = 'Apply a policy, then curl from **testcurl**.';
    sim.terminal.submit(STRICT);
    sim.terminal.submit(CURL);
    expect(builder.stepCommands(0)).toEqual([STRICT, CURL]);
    const requests = builder.requests(0);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ expect: 'reset', from: { kind: 'pod', namespace: 'default', app: 'testcurl', bypass: false } });
    expect(requests[0]?.outcome.en).toMatch(/reset/);
    expect(builder.requireRequest(0, requests[0]!, 'step')).toBe(true);
    // The same check twice is one check.
    expect(builder.requireRequest(0, requests[0]!, 'step')).toBe(false);
    expect(builder.createdPolicies(0).map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['PeerAuthentication frontend/default']);
    builder.steps[0]!.commands = [CURL];

    const loaded = loadScenario([{ name: 'x.md', text: builder.text() }]);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.doc.steps[0]).toMatchObject({ id: 'make-frontend-strict', solution: `${STRICT}\n${CURL}`, check: { kind: 'request', expect: 'reset', seen: 'step', url: 'http://frontend.frontend.svc.cluster.local/' } });
    const lesson = loaded.lesson;
    const atStart = new LessonRun(lesson);
    expect(checkStep(lesson.steps[0]!, atStart.context()).pass).toBe(false);
    feed(atStart, lesson.steps[0]!.solution);
    expect(atStart.completed).toEqual(['make-frontend-strict']);

    const proof = await builder.prove();
    expect(proof).toMatchObject({ phase: 'done', ok: true, problems: [] });
  });

  it('captures the world as the start and offers the policies a step created as checks', async () => {
    const { sim, builder } = setup();
    sim.terminal.submit(STRICT);
    builder.capture();
    expect(builder.start?.objects).toEqual([{ action: 'apply', kind: 'PeerAuthentication', namespace: 'frontend', name: 'default' }]);
    builder.title = 'Open it again';
    builder.summary = 'Undo STRICT.';
    builder.addStep();
    builder.steps[0]!.title = 'Allow plaintext';
    builder.steps[0]!.body = 'Make the frontend PERMISSIVE.';
    sim.terminal.submit(policy('frontend', 'open', 'PERMISSIVE', 'frontend'));
    const created = builder.createdPolicies(0);
    expect(created.map((o) => o.metadata.name)).toEqual(['open']);
    builder.requireObject(0, created[0]!);
    sim.terminal.submit(CURL);
    builder.requireRequest(0, builder.requests(0)[0]!, 'now');
    expect(builder.steps[0]!.checks).toEqual([
      { kind: 'exists', object: { kind: 'PeerAuthentication', name: 'open', namespace: 'frontend' } },
      { kind: 'request', url: 'http://frontend.frontend.svc.cluster.local/', expect: 'ok', seen: 'now', from: { kind: 'pod', namespace: 'default', app: 'testcurl', bypass: false }, over: 'plaintext' },
    ]);
    // No command to offer yet: the loader says so, and the proof lists it.
    expect(await builder.prove()).toMatchObject({ phase: 'invalid', errors: expect.stringContaining('steps[0].commands') });
    builder.steps[0]!.commands = ['kubectl get peerauthentication -A'];
    expect(await builder.prove()).toMatchObject({ phase: 'done', ok: true });
    expect(await builder.link('http://example.test/index.html?lang=ja&mode=sandbox#x')).toMatchObject({ ok: true, url: expect.stringMatching(/^http:\/\/example\.test\/index\.html\?lang=ja#scenario=[A-Za-z0-9_-]+$/) });
  });

  it('derives ids from titles', () => {
    expect(slug('Make the Frontend STRICT!', 'x')).toBe('make-the-frontend-strict');
    expect(slug('フロントエンド', 'step-1')).toBe('step-1');
  });
});
