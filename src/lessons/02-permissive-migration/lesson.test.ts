import { describe, expect, it } from 'vitest';
import { hasSidecar } from '../../domain/cluster/pods.ts';
import { outcomeOf, probe } from '../probe.ts';
import { LessonRun, startSession } from '../run.ts';
import type { Lesson } from '../types.ts';
import { feed, runUpTo } from '../testing.ts';
import type { KubeObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import lesson from './index.ts';

const FRONTEND_URL = 'http://frontend.frontend.svc.cluster.local/';
const LEGACY = { kind: 'pod', namespace: 'legacy', app: 'legacy-client' } as const;

/** The legacy client's pods (those of the Deployment `legacy-client`). */
const legacyPods = (world: World): KubeObject[] => world.list('Pod', 'legacy').filter((p) => p.metadata.labels.app === 'legacy-client');

/** A run that has completed the first `count` steps with their own solutions. */
function runThrough(count: number, of: Lesson = lesson): LessonRun {
  const run = runUpTo(of, count);
  expect(run.completed).toEqual(of.steps.slice(0, count).map((s) => s.id));
  return run;
}

/** Feeds a script to the run as the terminal does; returns what it showed. */
const runAll = feed;

const stepIndex = (id: string) => lesson.steps.findIndex((s) => s.id === id);

/** What each predict probe does in the run's world now, by probe id. */
function predicted(run: LessonRun, stepId: string): Record<string, string> {
  const step = lesson.steps[stepIndex(stepId)];
  return Object.fromEntries((step?.predict?.probes ?? []).map((p) => [p.id, outcomeOf(probe(run.session.world, p.from, p.url)).kind]));
}

describe('lesson 02-permissive-migration', () => {
  it('starts with a legacy client that has no sidecar, in a namespace without the injection label', () => {
    const session = startSession(lesson);
    const pods = legacyPods(session.world);
    expect(pods).toHaveLength(1);
    expect(pods.every(hasSidecar)).toBe(false);
    expect(session.world.get('Namespace', '', 'legacy')?.metadata.labels['istio-injection']).toBeUndefined();
    expect(session.world.get('Service', 'frontend', 'frontend-external')).toBeUndefined();
    const podName = pods[0]?.metadata.name ?? '';
    const byName = session.run(`kubectl exec -n legacy ${podName} -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND_URL}`);
    expect(byName.chunks.map((c) => c.text).join('')).toBe('200');
    const byDeployment = session.run(`kubectl exec -n legacy deploy/legacy-client -- curl -s ${FRONTEND_URL}`);
    expect(byDeployment.traces[0]?.hops[0]?.clientSends).toBe('PLAINTEXT');
  });

  it('fails the final check at the start', () => {
    const run = new LessonRun(lesson);
    const last = lesson.steps[lesson.steps.length - 1];
    expect(last?.check(run.context()).pass).toBe(false);
  });

  it('predicts the first STRICT: the two sidecar-less clients break, the gateway and the loadgenerator do not', () => {
    const run = runThrough(stepIndex('strict-breaks-legacy'));
    expect(predicted(run, 'strict-breaks-legacy')).toEqual({ legacy: 'ok', testcurl: 'ok', gateway: 'ok', loadgenerator: 'ok' });
    runAll(run, lesson.steps[stepIndex('strict-breaks-legacy')]?.solution ?? '');
    expect(predicted(run, 'strict-breaks-legacy')).toEqual({ legacy: 'reset', testcurl: 'reset', gateway: 'ok', loadgenerator: 'ok' });
  });

  it('predicts the second STRICT: only testcurl breaks once the legacy client is meshed', () => {
    const run = runThrough(lesson.steps.length);
    expect(predicted(run, 'strict-for-good')).toEqual({ legacy: 'ok', testcurl: 'reset', gateway: 'ok', loadgenerator: 'ok' });
  });

  describe('alternative solutions', () => {
    it('accepts a workload-level STRICT policy and a curl by pod name for the first STRICT', () => {
      const run = runThrough(stepIndex('strict-breaks-legacy'));
      runAll(run, `kubectl apply -f - <<END
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: frontend-strict
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  mtls:
    mode: STRICT
END
kubectl exec -n legacy $(kubectl get pod -n legacy -l app=legacy-client -o jsonpath='{.items[0].metadata.name}') -- curl -sS http://frontend.frontend:80/`);
      expect(run.completed).toContain('strict-breaks-legacy');
    });

    it('does not count the reset seen before STRICT was applied, only one seen in the step', () => {
      const run = runThrough(stepIndex('strict-breaks-legacy'));
      runAll(run, 'kubectl apply -f - <<END\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: frontend\nspec:\n  mtls:\n    mode: STRICT\nEND');
      expect(run.completed).not.toContain('strict-breaks-legacy');
    });

    it('accepts a rollback to PERMISSIVE instead of a delete, once the legacy client is seen working again', () => {
      const run = runThrough(stepIndex('roll-back'));
      runAll(run, 'kubectl apply -f - <<END\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: frontend\nspec:\n  mtls:\n    mode: PERMISSIVE\nEND');
      expect(run.completed).not.toContain('roll-back');
      expect(lesson.steps[stepIndex('roll-back')]?.check(run.context()).detail.en).toMatch(/Confirm it/);
      runAll(run, `kubectl exec -n legacy deploy/legacy-client -- curl -s ${FRONTEND_URL}`);
      expect(run.completed).toContain('roll-back');
    });

    it('accepts deleting the pods instead of a rollout restart, and not the label alone', () => {
      const run = runThrough(stepIndex('migrate-client'));
      runAll(run, 'kubectl label ns legacy istio-injection=enabled --overwrite');
      expect(run.completed).not.toContain('migrate-client');
      expect(lesson.steps[stepIndex('migrate-client')]?.check(run.context()).detail.en).toMatch(/recreate them/);
      runAll(run, 'kubectl delete pod -n legacy -l app=legacy-client');
      expect(run.completed).toContain('migrate-client');
      expect(outcomeOf(probe(run.session.world, LEGACY, FRONTEND_URL))).toEqual({ kind: 'ok', code: 200, tls: 'mtls' });
    });

    it('accepts a mesh-wide STRICT policy at the end', () => {
      const run = runThrough(stepIndex('strict-for-good'));
      runAll(run, `kubectl apply -f - <<END
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
END
kubectl exec -n legacy deploy/legacy-client -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local/`);
      expect(run.completed).toContain('strict-for-good');
    });

    it('does not finish while the legacy client is still outside the mesh', () => {
      const run = runThrough(stepIndex('migrate-client'));
      const final = lesson.steps[stepIndex('strict-for-good')];
      runAll(run, final?.solution ?? '');
      expect(final?.check(run.context()).pass).toBe(false);
    });
  });
});
