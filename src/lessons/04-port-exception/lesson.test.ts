import { describe, expect, it } from 'vitest';
import { outcomeOf, probe } from '../probe.ts';
import { LessonRun } from '../run.ts';
import { feed, runUpTo } from '../testing.ts';
import type { Lesson } from '../types.ts';
import { resolveServerMode } from '../../domain/resolution/resolveServerMode.ts';
import type { ServerModeDecision } from '../../domain/resolution/types.ts';
import type { World } from '../../domain/world.ts';
import { findProbePod } from '../probe.ts';
import lesson from './index.ts';

/** The frontend container's port; its Service maps port 80 to it. */
const CONTAINER_PORT = 8080;

/** The frontend's mode on its container port, or workload-wide without a port (undefined without a pod). */
function frontendMode(world: World, port?: number): ServerModeDecision | undefined {
  const pod = findProbePod(world, 'frontend', 'frontend');
  return pod ? resolveServerMode(world, pod, port) : undefined;
}
const containerPortMode = (world: World) => frontendMode(world, CONTAINER_PORT);
const workloadMode = (world: World) => frontendMode(world);

/** Feeds a script to the run as the terminal does; returns what it showed. */
const runAll = feed;

/** A run that has completed the first `count` steps with their own solutions. */
function runThrough(count: number, of: Lesson = lesson): LessonRun {
  const run = runUpTo(of, count);
  expect(run.completed).toEqual(of.steps.slice(0, count).map((s) => s.id));
  return run;
}

const stepIndex = (id: string) => lesson.steps.findIndex((s) => s.id === id);
const stepById = (id: string) => {
  const step = lesson.steps[stepIndex(id)];
  if (!step) throw new Error(id);
  return step;
};

/** What each predict probe of a step does in the run's world now, by probe id. */
function predicted(run: LessonRun, stepId: string): Record<string, string> {
  return Object.fromEntries((stepById(stepId).predict?.probes ?? []).map((p) => [p.id, outcomeOf(probe(run.session.world, p.from, p.url)).kind]));
}

const apply = (yaml: string) => `kubectl apply -f - <<END\n${yaml.trim()}\nEND`;

describe('lesson 04-port-exception', () => {
  it('starts with mesh-wide STRICT: the load balancer is reset, the gateway serves the shop', () => {
    const run = new LessonRun(lesson);
    expect(containerPortMode(run.session.world)).toMatchObject({ mode: 'STRICT', level: 'mesh' });
    expect(predicted(run, 'container-port')).toEqual({ lb: 'reset', testcurl: 'reset', catalog: 'reset', gateway: 'ok' });
  });

  it('fails the final check at the start', () => {
    const run = new LessonRun(lesson);
    expect(lesson.steps[lesson.steps.length - 1]?.check(run.context()).pass).toBe(false);
  });

  it('shows the selector rule: portLevelMtls without a selector is refused and creates nothing', () => {
    const run = runThrough(stepIndex('service-port'));
    const command = stepById('service-port').commands[0] ?? '';
    expect(runAll(run, command)).toBe('The PeerAuthentication "frontend" is invalid: spec: Invalid value: "object": portLevelMtls requires selector\n');
    expect(run.session.world.list('PeerAuthentication', 'frontend')).toHaveLength(0);
  });

  it('predicts that the Service port changes nothing, and that the container port opens the frontend only', () => {
    const run = runThrough(stepIndex('service-port'));
    runAll(run, stepById('service-port').solution);
    expect(predicted(run, 'service-port')).toEqual({ lb: 'reset', testcurl: 'reset', gateway: 'ok' });
    runAll(run, stepById('container-port').solution);
    expect(predicted(run, 'container-port')).toEqual({ lb: 'ok', testcurl: 'ok', catalog: 'reset', gateway: 'ok' });
    expect(outcomeOf(probe(run.session.world, { kind: 'cloudshell' }, 'http://34.136.92.187/'))).toMatchObject({ tls: 'mtls' });
    expect(workloadMode(run.session.world)?.mode).toBe('STRICT');
  });

  describe('alternative solutions and wrong turns', () => {
    it('accepts an UNSET workload policy with DISABLE on the Service port as the first attempt', () => {
      const run = runThrough(stepIndex('service-port'));
      runAll(run, `${apply(`
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: frontend-lb
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  portLevelMtls:
    80:
      mode: DISABLE
`)}
kubectl exec testcurl -- curl -sS http://frontend.frontend:80/`);
      expect(run.completed).toContain('service-port');
    });

    it('does not count a reset seen before the policy was applied', () => {
      const run = runThrough(stepIndex('service-port'));
      runAll(run, 'curl -s http://35.202.118.74/');
      runAll(run, stepById('service-port').commands[1] ?? '');
      expect(run.completed).not.toContain('service-port');
      expect(stepById('service-port').check(run.context()).detail.en).toMatch(/send plaintext to the frontend again/);
    });

    it('tells a learner who went straight to the container port what this step wants', () => {
      const run = runThrough(stepIndex('service-port'));
      runAll(run, stepById('container-port').solution);
      expect(run.completed).not.toContain('service-port');
      expect(stepById('service-port').check(run.context()).detail.en).toMatch(/straight to the container port/);
    });

    it('accepts DISABLE on the container port, with the workload mode inherited from the mesh', () => {
      const run = runThrough(stepIndex('container-port'));
      runAll(run, `${apply(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: frontend
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  portLevelMtls:
    "8080":
      mode: DISABLE
`)}
kubectl exec testcurl -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local/`);
      expect(run.completed).toContain('container-port');
      expect(containerPortMode(run.session.world)).toMatchObject({ mode: 'DISABLE', level: 'port' });
    });

    it('rejects a second, newer policy (only the oldest counts) until the first one is gone', () => {
      const run = runThrough(stepIndex('container-port'));
      runAll(run, `${apply(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: frontend-lb
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  mtls:
    mode: STRICT
  portLevelMtls:
    8080:
      mode: PERMISSIVE
`)}
curl -s -o /dev/null http://35.202.118.74/`);
      expect(run.completed).not.toContain('container-port');
      expect(stepById('container-port').check(run.context()).detail.en).toMatch(/only the oldest counts/);
      runAll(run, 'kubectl delete peerauthentication frontend -n frontend\ncurl -s -o /dev/null http://35.202.118.74/');
      expect(run.completed).toContain('container-port');
    });

    it('rejects opening the whole workload instead of one port', () => {
      const run = runThrough(stepIndex('container-port'));
      runAll(run, `${apply(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: frontend
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  mtls:
    mode: PERMISSIVE
`)}
curl -s -o /dev/null http://35.202.118.74/`);
      expect(run.completed).not.toContain('container-port');
      expect(stepById('container-port').check(run.context()).detail.en).toMatch(/whole workload/);
      expect(containerPortMode(run.session.world)?.mode).toBe('PERMISSIVE');
    });

    it('rejects dropping the mesh-wide rule', () => {
      const run = runThrough(stepIndex('container-port'));
      runAll(run, 'kubectl delete peerauthentication default -n istio-system\nkubectl delete peerauthentication frontend -n frontend\ncurl -s -o /dev/null http://35.202.118.74/');
      expect(run.completed).not.toContain('container-port');
      expect(containerPortMode(run.session.world)?.mode).not.toBe('STRICT');
    });
  });

  it(`keys the exception by the container port ${CONTAINER_PORT}`, () => {
    const run = runThrough(lesson.steps.length);
    expect(containerPortMode(run.session.world)).toMatchObject({ mode: 'PERMISSIVE', level: 'port' });
  });
});
