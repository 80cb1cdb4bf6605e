import { describe, expect, it } from 'vitest';
import { outcomeOf, probe } from '../probe.ts';
import { LessonRun, checkStep } from '../run.ts';
import { feed, runUpTo } from '../testing.ts';
import lesson from './index.ts';
import { frontendIdentity, frontendMode, loadgeneratorMeshed } from './checks.ts';

const stepIndex = (id: string) => lesson.steps.findIndex((s) => s.id === id);
const stepById = (id: string) => {
  const step = lesson.steps[stepIndex(id)];
  if (!step) throw new Error(id);
  return step;
};

/** A run that has completed every step before `id` with their own solutions. */
function runBefore(id: string): LessonRun {
  const run = runUpTo(lesson, stepIndex(id));
  expect(run.completed).toEqual(lesson.steps.slice(0, stepIndex(id)).map((s) => s.id));
  return run;
}

const detail = (run: LessonRun, id: string) => checkStep(stepById(id), run.context()).detail.en;

/** What each predict probe of a step does in the run's world now, by probe id. */
function predicted(run: LessonRun, stepId: string): Record<string, string> {
  return Object.fromEntries((stepById(stepId).predict?.probes ?? []).map((p) => [p.id, outcomeOf(probe(run.session.world, p.from, p.url)).kind]));
}

const FRONTEND_POD = "$(kubectl get pod -n frontend -l app=frontend -o jsonpath='{.items[0].metadata.name}')";
const capture = (flags: string) => `kubectl debug -it ${FRONTEND_POD} -n frontend --image=nicolaka/netshoot -- tcpdump ${flags}`;

/** A STRICT PeerAuthentication, applied from a heredoc; with `app`, for that workload only. */
function strict(namespace: string, name: string, app?: string): string {
  const selector = app ? `\n  selector:\n    matchLabels:\n      app: ${app}` : '';
  return `kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:${selector}\n  mtls:\n    mode: STRICT\nEOF`;
}

describe('lesson 05-prove-encrypted', () => {
  it('starts with the loadgenerator outside the mesh and a PERMISSIVE frontend', () => {
    const run = new LessonRun(lesson);
    expect(loadgeneratorMeshed(run.session.world)).toBe(false);
    expect(frontendMode(run.session.world)?.mode).toBe('PERMISSIVE');
    expect(predicted(run, 'capture-mtls')).toEqual({ loadgenerator: 'ok', testcurl: 'ok', gateway: 'ok' });
  });

  it('reads the SPIFFE ID and the validity the way the docs\' recipe prints them', () => {
    const run = new LessonRun(lesson);
    const id = frontendIdentity(run.session.world);
    expect(id?.spiffeId).toBe('spiffe://cluster.local/ns/frontend/sa/frontend');
    const out = feed(run, stepById('read-identity').commands[1] ?? '');
    expect(out).toContain(`URI:${id?.spiffeId ?? ''}`);
    // The table's NOT AFTER column and the check's detail name the same instant.
    expect(feed(run, stepById('read-identity').commands[0] ?? '')).toContain(id?.notAfter ?? '');
  });

  it('read-identity: reading alone is not the proof; a mutual TLS request to the frontend is', () => {
    const run = new LessonRun(lesson);
    feed(run, stepById('read-identity').commands[0] ?? '');
    expect(run.completed).not.toContain('read-identity');
    // A plaintext request from testcurl reaches the PERMISSIVE frontend, but no certificate is shown.
    feed(run, "kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend:80/");
    expect(run.completed).not.toContain('read-identity');
    // Any page through the gateway works, not only the step's own command.
    feed(run, 'curl -s -o /dev/null http://34.136.92.187/product/OLJCESPC7Z');
    expect(run.completed).toContain('read-identity');
    expect(run.results.at(-1)?.result.detail.en).toContain('spiffe://cluster.local/ns/frontend/sa/frontend');
  });

  it('capture-plaintext: any tcpdump filter that catches the frontend\'s port passes; the capture prints readable HTTP', () => {
    const run = runBefore('capture-plaintext');
    const out = feed(run, capture('-nn -A -c 8 tcp port 8080'));
    expect(out).toMatch(/(?:GET|POST) \/\S* HTTP\/1\.1\r?\nHost: frontend\.frontend\.svc\.cluster\.local/);
    expect(run.completed).toContain('capture-plaintext');
  });

  it('capture-plaintext: a capture in another pod does not count', () => {
    const run = runBefore('capture-plaintext');
    const out = feed(run, 'kubectl debug -it testcurl -n default --image=nicolaka/netshoot -- tcpdump -A -c 3');
    expect(out).not.toMatch(/(?:GET|POST) \//);
    expect(run.completed).not.toContain('capture-plaintext');
    expect(detail(run, 'capture-plaintext')).toMatch(/No capture has run in the frontend pod/);
  });

  it('capture-plaintext: an image without tcpdump captures nothing', () => {
    const run = runBefore('capture-plaintext');
    const out = feed(run, `kubectl debug -it ${FRONTEND_POD} -n frontend --image=busybox -- tcpdump -c 3`);
    expect(out).toMatch(/executable file not found|not found/);
    expect(run.completed).not.toContain('capture-plaintext');
  });

  it('capture-plaintext: a capture of another port shows no HTTP and does not count; the step reads what the capture printed', () => {
    const run = runBefore('capture-plaintext');
    feed(run, capture('-c 4 port 3550'));
    expect(run.completed).not.toContain('capture-plaintext');
    expect(detail(run, 'capture-plaintext')).toMatch(/printed no readable HTTP request/);
    // Without -A the summary line still names the request: `HTTP: GET / HTTP/1.1`.
    feed(run, capture('-c 8 port 8080'));
    expect(run.completed).toContain('capture-plaintext');
  });

  it('capture-plaintext: a request the learner sends is not a capture', () => {
    const run = runBefore('capture-plaintext');
    feed(run, "kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend:80/");
    expect(run.completed).not.toContain('capture-plaintext');
  });

  it('the capture steps read what the capture printed from the world, not the requests (the app keeps background traffic out of a check)', () => {
    for (const id of ['capture-plaintext', 'capture-mtls']) {
      const run = runBefore(id);
      feed(run, stepById(id).solution);
      expect(checkStep(stepById(id), { world: run.session.world, traces: [], stepTraces: [] }).pass, id).toBe(true);
    }
  });

  it('capture-mtls: STRICT before the loadgenerator joins shows its plaintext reset, and is not done', () => {
    const run = runBefore('capture-mtls');
    const out = feed(run, `${strict('frontend', 'frontend', 'frontend')}
${capture('-A -c 6 port 8080')}`);
    expect(out).toMatch(/(?:GET|POST) \/\S* HTTP\/1\.1/);
    expect(out).toMatch(/Flags \[R\.\]/);
    expect(run.completed).not.toContain('capture-mtls');
    expect(detail(run, 'capture-mtls')).toMatch(/still runs without a sidecar/);
    // A workload policy is as good as the namespace one once the client has its sidecar.
    feed(run, `kubectl label namespace loadgenerator istio-injection=enabled
kubectl delete pod -n loadgenerator -l app=loadgenerator
${capture('-c 12 port 8080')}`);
    expect(loadgeneratorMeshed(run.session.world)).toBe(true);
    expect(run.completed).toContain('capture-mtls');
  });

  it('capture-mtls: the prediction has an answer: only the sidecar-less testcurl breaks', () => {
    const run = runBefore('capture-mtls');
    feed(run, stepById('capture-mtls').solution);
    expect(predicted(run, 'capture-mtls')).toEqual({ loadgenerator: 'ok', testcurl: 'reset', gateway: 'ok' });
    expect(outcomeOf(probe(run.session.world, { kind: 'pod', namespace: 'loadgenerator', app: 'loadgenerator' }, 'http://frontend.frontend.svc.cluster.local:80/'))).toMatchObject({ tls: 'mtls' });
  });

  it('capture-mtls: a mesh-wide STRICT policy passes too', () => {
    const run = runBefore('capture-mtls');
    feed(run, `kubectl label namespace loadgenerator istio-injection=enabled
kubectl rollout restart deployment/loadgenerator -n loadgenerator
${strict('istio-system', 'default')}
${capture('-X -c 10 port 8080')}`);
    expect(run.completed).toContain('capture-mtls');
  });

  it('no-certificate: s_client meets the certificate_required alert; the plaintext reset completes the step', () => {
    const run = runBefore('no-certificate');
    const tls = feed(run, stepById('no-certificate').commands[0] ?? '');
    expect(tls).toContain('tlsv13 alert certificate required');
    expect(run.completed).not.toContain('no-certificate');
    feed(run, 'kubectl exec testcurl -- curl -s http://frontend.frontend/');
    expect(run.completed).toContain('no-certificate');
  });

  it('no-certificate: not done once the frontend is no longer STRICT', () => {
    const run = runBefore('no-certificate');
    feed(run, 'kubectl delete peerauthentication default -n frontend\nkubectl exec testcurl -- curl -s -o /dev/null http://frontend.frontend/');
    expect(run.completed).not.toContain('no-certificate');
    expect(detail(run, 'no-certificate')).toMatch(/is PERMISSIVE/);
  });
});
