import { describe, expect, it } from 'vitest';
import { FROM_TESTCURL } from '../checks.ts';
import { outcomeOf, probe } from '../probe.ts';
import { LessonRun } from '../run.ts';
import { lessonSteps } from '../lessonTesting.ts';
import { feed } from '../testing.ts';
import lesson from './index.ts';
import { CART_CALLERS, CART_URL, cartMode } from './checks.ts';

const { step: stepById, runBefore, detail, predicted } = lessonSteps(lesson);

/** An AuthorizationPolicy or PeerAuthentication in cart, applied from a heredoc. */
function apply(kind: string, name: string, spec: string): string {
  return `kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: cart\nspec:${spec}\nEOF`;
}

const TESTCURL = `kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}' ${CART_URL}`;
const CALLERS = CART_CALLERS.map((c) => `"${c.principal}"`).join(', ');

describe('lesson 07-permissive-trap', () => {
  it('starts PERMISSIVE, with testcurl reaching the cart\'s gRPC server', () => {
    const run = new LessonRun(lesson);
    expect(cartMode(run.session.world)).toBe('PERMISSIVE');
    expect(outcomeOf(probe(run.session.world, FROM_TESTCURL, CART_URL))).toEqual({ kind: 'http-error', code: 415 });
  });

  it('allow-in-permissive: the prediction has an answer: only testcurl changes, refused by the cart\'s sidecar', () => {
    const run = runBefore('allow-in-permissive');
    expect(predicted(run, 'allow-in-permissive')).toEqual({ testcurl: '415', 'cart-page': 'ok', gateway: 'ok', loadgenerator: 'ok' });
    feed(run, stepById('allow-in-permissive').solution);
    const { testcurl, ...others } = predicted(run, 'allow-in-permissive');
    expect(others).toEqual({ 'cart-page': 'ok', gateway: 'ok', loadgenerator: 'ok' });
    expect(testcurl).toBe('403');
    expect(probe(run.session.world, FROM_TESTCURL, CART_URL).hops[0]).toMatchObject({ serverMode: 'PERMISSIVE', outcome: 'denied', authz: { code: 'deny.no-allow-match' } });
  });

  it('allow-in-permissive: not while the cart is STRICT, where testcurl is reset instead', () => {
    const run = runBefore('allow-in-permissive');
    const out = feed(run, `${apply('PeerAuthentication', 'default', '\n  mtls:\n    mode: STRICT')}\n${stepById('allow-in-permissive').solution}`);
    expect(out).toContain('000');
    expect(run.completed).not.toContain('allow-in-permissive');
    expect(detail(run, 'allow-in-permissive')).toMatch(/The cart is STRICT/);
  });

  it('deny-misses-plaintext: the DENY on testcurl\'s principal lets its plaintext through to the server', () => {
    const run = runBefore('deny-misses-plaintext');
    const out = feed(run, stepById('deny-misses-plaintext').solution);
    expect(out).toContain('invalid gRPC request content-type ""\n\n415\n');
    expect(run.completed).toContain('deny-misses-plaintext');
  });

  it('deny-misses-plaintext: with the ALLOW still in place the step says to delete it', () => {
    const run = runBefore('deny-misses-plaintext');
    feed(run, `${apply('AuthorizationPolicy', 'block', `\n  action: DENY\n  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/default/sa/default"]`)}\n${TESTCURL}`);
    expect(run.completed).not.toContain('deny-misses-plaintext');
    expect(detail(run, 'deny-misses-plaintext')).toMatch(/delete it/);
  });

  it('deny-misses-plaintext: a DENY with `notPrincipals` catches testcurl, and is the next step, not this one', () => {
    const run = runBefore('deny-misses-plaintext');
    feed(run, `kubectl delete authorizationpolicy cart-callers -n cart
${apply('AuthorizationPolicy', 'deny-testcurl', `\n  action: DENY\n  rules:\n  - from:\n    - source:\n        notPrincipals: [${CALLERS}]`)}
${TESTCURL}`);
    expect(run.completed).not.toContain('deny-misses-plaintext');
    expect(detail(run, 'deny-misses-plaintext')).toMatch(/No DENY policy that names principals applies to the cart yet/);
  });

  it('deny-not-principals: `notPrincipals: ["*"]` (require any identity) passes too', () => {
    const run = runBefore('deny-not-principals');
    feed(run, `kubectl delete authorizationpolicy deny-testcurl -n cart
${apply('AuthorizationPolicy', 'require-mtls', '\n  action: DENY\n  rules:\n  - from:\n    - source:\n        notPrincipals: ["*"]')}
${TESTCURL}`);
    expect(run.completed).toContain('deny-not-principals');
  });

  it('strict-plus-allow: workload STRICT and a namespace-wide ALLOW pass; testcurl is reset', () => {
    const run = runBefore('strict-plus-allow');
    const out = feed(run, `kubectl delete authorizationpolicy deny-testcurl -n cart
${apply('PeerAuthentication', 'cart', '\n  selector:\n    matchLabels:\n      app: cartservice\n  mtls:\n    mode: STRICT')}
${apply('AuthorizationPolicy', 'callers', `\n  rules:\n  - from:\n    - source:\n        principals: [${CALLERS}]`)}
${TESTCURL}`);
    expect(out).toMatch(/000command terminated with exit code 56\n$/);
    expect(run.completed).toContain('strict-plus-allow');
  });

  it('strict-plus-allow: STRICT with only the DENY is not the fix', () => {
    const run = runBefore('strict-plus-allow');
    feed(run, `${apply('PeerAuthentication', 'default', '\n  mtls:\n    mode: STRICT')}\n${TESTCURL}`);
    expect(run.completed).not.toContain('strict-plus-allow');
    expect(detail(run, 'strict-plus-allow')).toMatch(/No ALLOW policy applies to the cart/);
  });
});
