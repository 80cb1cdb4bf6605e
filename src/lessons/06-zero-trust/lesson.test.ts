import { describe, expect, it } from 'vitest';
import { FROM_TESTCURL, enforcedPolicies, isDeniedByPolicy } from '../checks.ts';
import { outcomeOf, probe } from '../probe.ts';
import { LessonRun } from '../run.ts';
import { lessonSteps } from '../lessonTesting.ts';
import { feed } from '../testing.ts';
import lesson from './index.ts';
import { CATALOG_CALLERS, CATALOG_URL } from './checks.ts';

const { step: stepById, runBefore, detail, predicted } = lessonSteps(lesson);

/** An AuthorizationPolicy in product-catalog, applied from a heredoc. */
function policy(name: string, spec: string): string {
  return `kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: ${name}\n  namespace: product-catalog\nspec:${spec}\nEOF`;
}

const STOREFRONT = 'curl -s -o /dev/null http://35.202.118.74/';

describe('lesson 06-zero-trust', () => {
  it('starts with no policy at the catalog: testcurl reaches the catalog\'s gRPC server, which answers 415', () => {
    const run = new LessonRun(lesson);
    expect(enforcedPolicies(run.session.world, 'product-catalog', 'productcatalogservice', 'ALLOW')).toEqual([]);
    expect(outcomeOf(probe(run.session.world, FROM_TESTCURL, CATALOG_URL))).toEqual({ kind: 'http-error', code: 415 });
  });

  it('allow-nothing: the prediction has an answer: the three storefront requests fail with 500, and the catalog refuses testcurl with 403', () => {
    const run = runBefore('allow-nothing');
    expect(predicted(run, 'allow-nothing')).toEqual({ browser: 'ok', gateway: 'ok', loadgenerator: 'ok', testcurl: '415' });
    feed(run, stepById('allow-nothing').solution);
    const { testcurl, ...storefront } = predicted(run, 'allow-nothing');
    expect(storefront).toEqual({ browser: '500', gateway: '500', loadgenerator: '500' });
    expect(testcurl).toBe('403');
    expect(isDeniedByPolicy(probe(run.session.world, FROM_TESTCURL, CATALOG_URL))).toBe(true);
  });

  it('allow-nothing: the storefront names the gRPC status the catalog\'s sidecar returned', () => {
    const run = runBefore('allow-nothing');
    const out = feed(run, stepById('allow-nothing').solution);
    expect(out).toContain('rpc error: code = PermissionDenied desc = RBAC: access denied');
    expect(run.completed).toContain('allow-nothing');
  });

  it('allow-nothing: the policy alone is not the step; the learner sees the shop break', () => {
    const run = runBefore('allow-nothing');
    feed(run, policy('deny-all', ' {}'));
    expect(run.completed).not.toContain('allow-nothing');
    expect(detail(run, 'allow-nothing')).toMatch(/Reload the storefront/);
    run.observe([run.session.browse('http://34.136.92.187/')]);
    expect(run.completed).toContain('allow-nothing');
  });

  it('allow-nothing: `rules: [{}]` allows everything, so the shop does not break', () => {
    const run = runBefore('allow-nothing');
    feed(run, `${policy('allow-all', '\n  rules:\n  - {}')}\n${STOREFRONT}`);
    expect(run.completed).not.toContain('allow-nothing');
    expect(detail(run, 'allow-nothing')).toMatch(/Nothing refuses the frontend/);
  });

  it('allow-callers: one namespace-wide policy with a rule per caller, and no allow-nothing, passes too', () => {
    const run = runBefore('allow-callers');
    const rules = CATALOG_CALLERS.map((c) => `\n  - from:\n    - source:\n        principals: ["${c.principal}"]`).join('');
    feed(run, `kubectl delete authorizationpolicy allow-nothing -n product-catalog\n${policy('callers', `\n  rules:${rules}`)}\n${STOREFRONT}`);
    expect(run.completed).toContain('allow-callers');
  });

  it('allow-callers: `rules: [{}]` brings the shop back but lets testcurl in, and is not done', () => {
    const run = runBefore('allow-callers');
    feed(run, `${policy('allow-all', '\n  rules:\n  - {}')}\n${STOREFRONT}`);
    expect(run.completed).not.toContain('allow-callers');
    expect(detail(run, 'allow-callers')).toMatch(/testcurl still reaches the catalog.*rules: \[\{\}\]/s);
  });

  it('allow-callers: forgetting the recommendation service breaks the product pages, and names it', () => {
    const run = runBefore('allow-callers');
    const principals = CATALOG_CALLERS.filter((c) => c.name !== 'recommendationservice').map((c) => `"${c.principal}"`).join(', ');
    feed(run, `${policy('callers', `\n  rules:\n  - from:\n    - source:\n        principals: [${principals}]`)}\n${STOREFRONT}`);
    expect(run.completed).not.toContain('allow-callers');
    expect(detail(run, 'allow-callers')).toMatch(/still refuses recommendationservice/);
  });

  it('prove-refused: the catalog\'s sidecar refuses testcurl because no ALLOW rule matches a caller without a principal', () => {
    const run = runBefore('prove-refused');
    feed(run, stepById('prove-refused').solution);
    expect(run.completed).toContain('prove-refused');
    const hop = run.traces.at(-1)?.hops[0];
    expect(hop).toMatchObject({ clientSends: 'PLAINTEXT', outcome: 'denied', authz: { allowed: false, code: 'deny.no-allow-match', deniedBy: 'none' } });
    expect(hop?.authz?.principal).toBeUndefined();
  });

  it('prove-refused: a STRICT catalog resets testcurl before any policy, which is not the 403 the step asks for', () => {
    const run = runBefore('prove-refused');
    feed(run, `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: product-catalog
spec:
  mtls:
    mode: STRICT
EOF
kubectl exec testcurl -n default -- curl -s ${CATALOG_URL}`);
    expect(run.completed).not.toContain('prove-refused');
    expect(detail(run, 'prove-refused')).toMatch(/denied by an AuthorizationPolicy \(the last one ended in a reset over plaintext\)/);
  });
});
