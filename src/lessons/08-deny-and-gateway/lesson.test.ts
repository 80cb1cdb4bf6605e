import { describe, expect, it } from 'vitest';
import { FRONTEND_EXTERNAL_URL } from '../checks.ts';
import { outcomeOf, probe } from '../probe.ts';
import { LessonRun } from '../run.ts';
import { lessonSteps } from '../lessonTesting.ts';
import { feed } from '../testing.ts';
import lesson from './index.ts';
import { GATEWAY_PRINCIPAL, frontendPolicies } from './checks.ts';

const { step: stepById, runBefore, detail, predicted } = lessonSteps(lesson);

function policy(name: string, spec: string): string {
  return `kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: ${name}\n  namespace: frontend\nspec:\n  selector:\n    matchLabels:\n      app: frontend${spec}\nEOF`;
}

const CHECKOUT = "curl -s -o /dev/null -w '%{http_code}' -X POST http://34.136.92.187/cart/checkout";
const GATEWAY = 'curl -s -o /dev/null http://34.136.92.187/';
const IN_MESH = "kubectl debug --image istio/base --target istio-proxy -it $(kubectl get pod -l app=productcatalogservice -n product-catalog -o jsonpath={.items..metadata.name}) -n product-catalog -- curl -s -o /dev/null -w '%{http_code}' http://frontend.frontend:80/";

describe('lesson 08-deny-and-gateway', () => {
  it('starts with the shop team\'s ALLOW, which admits a POST to the checkout', () => {
    const run = new LessonRun(lesson);
    expect(frontendPolicies(run.session.world, 'ALLOW').map((p) => p.name)).toEqual(['frontend-allow']);
    expect(feed(run, CHECKOUT)).toBe('200');
  });

  it('deny-wins: the checkout gets 403 and the home page still loads', () => {
    const run = runBefore('deny-wins');
    expect(feed(run, stepById('deny-wins').solution)).toContain('RBAC: access denied\n403\n');
    expect(run.completed).toContain('deny-wins');
    expect(outcomeOf(probe(run.session.world, { kind: 'browser' }, 'http://34.136.92.187/'))).toMatchObject({ kind: 'ok', code: 200 });
  });

  it('deny-wins: a DENY on POST to any /cart/ path passes too', () => {
    const run = runBefore('deny-wins');
    feed(run, `${policy('no-orders', '\n  action: DENY\n  rules:\n  - to:\n    - operation:\n        methods: ["POST"]\n        paths: ["/cart/*"]')}\n${CHECKOUT}`);
    expect(run.completed).toContain('deny-wins');
  });

  it('deny-wins: deleting the ALLOW is not the lesson', () => {
    const run = runBefore('deny-wins');
    feed(run, `kubectl delete authorizationpolicy frontend-allow -n frontend\n${stepById('deny-wins').solution}`);
    expect(run.completed).not.toContain('deny-wins');
    expect(detail(run, 'deny-wins')).toMatch(/put `frontend-allow` back/);
  });

  it('deny-wins: narrowing the ALLOW instead (`notPaths`) refuses the checkout too, and is not the lesson', () => {
    const run = runBefore('deny-wins');
    expect(feed(run, `${policy('frontend-allow', '\n  rules:\n  - to:\n    - operation:\n        notPaths: ["/cart/checkout"]')}\n${CHECKOUT}`)).toContain('403');
    expect(run.completed).not.toContain('deny-wins');
    expect(detail(run, 'deny-wins')).toMatch(/No DENY policy applies to the frontend yet/);
  });

  it('gateway-principal: the prediction has an answer: everything but the gateway breaks', () => {
    const run = runBefore('gateway-principal');
    expect(predicted(run, 'gateway-principal')).toEqual({ gateway: 'ok', external: 'ok', loadgenerator: 'ok', testcurl: 'ok' });
    feed(run, stepById('gateway-principal').solution);
    expect(predicted(run, 'gateway-principal')).toEqual({ gateway: 'ok', external: '403', loadgenerator: '403', testcurl: '403' });
  });

  it('gateway-principal: keeping the loadgenerator in the rule passes too', () => {
    const run = runBefore('gateway-principal');
    feed(run, `${policy('frontend-allow', `\n  rules:\n  - from:\n    - source:\n        principals: ["${GATEWAY_PRINCIPAL}", "cluster.local/ns/loadgenerator/sa/loadgenerator"]`)}\n${GATEWAY}\n${IN_MESH}`);
    expect(run.completed).toContain('gateway-principal');
  });

  it('gateway-principal: any principal (`principals: ["*"]`) lets every meshed pod in, and is not done', () => {
    const run = runBefore('gateway-principal');
    const out = feed(run, `${policy('frontend-allow', '\n  rules:\n  - from:\n    - source:\n        principals: ["*"]')}\n${GATEWAY}\n${IN_MESH}`);
    expect(out).toContain('200');
    expect(run.completed).not.toContain('gateway-principal');
    expect(detail(run, 'gateway-principal')).toMatch(/A meshed pod that calls the frontend directly still gets through/);
  });

  it('browser-not-principal: the browser tab, straight at frontend-external, gets the 403', () => {
    const run = runBefore('browser-not-principal');
    const trace = run.session.browse(FRONTEND_EXTERNAL_URL);
    expect(trace.httpCode).toBe(403);
    expect(trace.body).toBe('RBAC: access denied');
    run.observe([trace]);
    expect(run.completed).toContain('browser-not-principal');
  });
});
