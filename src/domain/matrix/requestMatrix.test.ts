import { describe, expect, it } from 'vitest';
import { BOUTIQUE_NAMESPACES } from '../cluster/boutique.ts';
import { authorizationPolicy } from '../testing/fixtures.ts';
// The worlds are built from real kubectl commands, as a learner types them; only this test reaches up to the shell.
// eslint-disable-next-line no-restricted-imports
import { runScript } from '../../shell/runScript.ts';
import type { World } from '../world.ts';
import {
  type MatrixCell,
  type RequestMatrix,
  cellId,
  cellLabel,
  computeMatrix,
  diffMatrix,
  scorePrediction,
} from './requestMatrix.ts';

/** Runs a script in a fresh default world (or in `world`) and returns the world it left. */
function worldAfter(script: string, world?: World): World {
  const { session, exitCode } = runScript(script, world ? { world } : {});
  expect(exitCode).toBe(0);
  return session.world;
}

const NAMESPACE_STRICT = `cat <<END > mtls-namespace.yaml
apiVersion: "security.istio.io/v1beta1"
kind: "PeerAuthentication"
metadata:
  name: "namespace-policy"
spec:
  mtls:
    mode: STRICT
END
for ns in ${BOUTIQUE_NAMESPACES.join(' ')}; do
kubectl apply -n $ns -f mtls-namespace.yaml
done
`;

const applyYaml = (yaml: string) => `kubectl apply -f - <<END\n${yaml.trim()}\nEND\n`;

const FRONTEND_STRICT = applyYaml(`
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: frontend
  namespace: frontend
spec:
  mtls:
    mode: STRICT
`);

const CURRENCY_STRICT_AND_DISABLE = applyYaml(`
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: namespace-policy
  namespace: currency
spec:
  mtls:
    mode: STRICT
`) + applyYaml(`
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: plain
  namespace: currency
spec:
  host: currencyservice.currency.svc.cluster.local
  trafficPolicy:
    tls:
      mode: DISABLE
`);

const LEGACY_CLIENT = `kubectl create namespace legacy
${applyYaml(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sleep
  namespace: legacy
spec:
  replicas: 1
  selector:
    matchLabels:
      app: sleep
  template:
    metadata:
      labels:
        app: sleep
    spec:
      containers:
      - name: sleep
        image: curlimages/curl
        command: ["sleep", "infinity"]
`)}`;

const BROWSER = 'external/browser';
const TESTCURL = 'default/testcurl';
const GATEWAY = 'istio-system/istio-ingressgateway';
const LB = 'frontend/frontend-external';
const FRONTEND = 'frontend/frontend';
const CURRENCY = 'currency/currencyservice';
const CATALOG = 'product-catalog/productcatalogservice';
const CART = 'cart/cartservice';

/** A fresh default world with these AuthorizationPolicies put into it (after `script`, if any). */
function withPolicies(policies: ReturnType<typeof authorizationPolicy>[], script = ''): World {
  const world = worldAfter(script);
  for (const policy of policies) world.put(policy);
  return world;
}

const ALLOW_NOTHING_CATALOG = authorizationPolicy('product-catalog', 'allow-nothing', {});
const ALLOW_FRONTEND_CATALOG = authorizationPolicy('product-catalog', 'allow-frontend', {
  selector: { matchLabels: { app: 'productcatalogservice' } },
  rules: [{ from: [{ source: { principals: ['cluster.local/ns/frontend/sa/frontend'] } }] }],
});
const authzView = (c: MatrixCell) => ({ outcome: c.outcome, authz: c.authz, authzBy: c.authzBy });

function cell(matrix: RequestMatrix, from: string, to: string): MatrixCell {
  const found = matrix.cells.find((c) => c.id === cellId(from, to));
  if (!found) throw new Error(`no cell ${from} → ${to}`);
  return found;
}

const rowCells = (matrix: RequestMatrix, from: string) => matrix.cells.filter((c) => c.from === from);
const result = (c: MatrixCell) => ({ ok: c.ok, transport: c.transport, outcome: c.outcome, httpCode: c.httpCode });

describe('computeMatrix', () => {
  it('probes the browser toward both entry points and every in-cluster client toward every Service', () => {
    const matrix = computeMatrix(worldAfter(''));
    expect(matrix.rows.map((r) => r.id).slice(0, 4)).toEqual([BROWSER, GATEWAY, TESTCURL, 'ad/adservice']);
    expect(matrix.rows.map((r) => r.id)).not.toContain('istio-system/istiod');
    expect(matrix.columns.filter((c) => c.kind === 'entry').map((c) => c.url)).toEqual(['http://35.202.118.74/_healthz', 'http://34.136.92.187/_healthz']);
    const services = matrix.columns.filter((c) => c.kind === 'service');
    expect(services.map((c) => c.id)).toEqual([
      'ad/adservice', 'cart/cartservice', 'checkout/checkoutservice', 'currency/currencyservice', 'email/emailservice', FRONTEND,
      'payment/paymentservice', 'product-catalog/productcatalogservice', 'recommendation/recommendationservice', 'shipping/shippingservice',
    ]);
    expect(cell(matrix, TESTCURL, FRONTEND).trace.url).toBe('http://frontend.frontend.svc.cluster.local:80/');
    // 2 entry probes + 13 in-cluster clients (gateway, testcurl, 11 meshed workloads) × 10 Services.
    expect(matrix.cells).toHaveLength(2 + 13 * 10);
    expect(matrix.cells.find((c) => c.id === cellId(BROWSER, FRONTEND))).toBeUndefined();
    expect(matrix.cells.find((c) => c.id === cellId(TESTCURL, LB))).toBeUndefined();
  });

  it('starts all green: meshed clients use mTLS, testcurl and the LB path plaintext', () => {
    const matrix = computeMatrix(worldAfter(''));
    expect(matrix.cells.every((c) => c.ok)).toBe(true);
    for (const c of matrix.cells.filter((c) => c.from !== BROWSER && c.from !== TESTCURL)) expect(c.transport, c.id).toBe('mtls');
    for (const c of rowCells(matrix, TESTCURL)) expect(c.transport, c.id).toBe('plaintext');
    expect(result(cell(matrix, BROWSER, LB))).toEqual({ ok: true, transport: 'plaintext', outcome: 'ok', httpCode: 200 });
    // Through the gateway, the deciding hop is gateway → frontend, which auto mTLS secures.
    const viaGateway = cell(matrix, BROWSER, GATEWAY);
    expect(result(viaGateway)).toEqual({ ok: true, transport: 'mtls', outcome: 'ok', httpCode: 200 });
    expect(viaGateway.trace.hops.map((h) => h.to.split('/')[0])).toEqual(['istio-system', 'frontend']);
    expect(viaGateway.hopIndex).toBe(1);
    expect(cell(matrix, TESTCURL, FRONTEND).reason).toBe('PERMISSIVE accepts plaintext');
  });

  it('keeps each cell to its own hop: a checkout probe does not fan out to checkout’s backends', () => {
    const matrix = computeMatrix(worldAfter(''));
    expect(cell(matrix, FRONTEND, 'checkout/checkoutservice').trace.hops).toHaveLength(1);
    expect(cell(matrix, FRONTEND, 'recommendation/recommendationservice').trace.hops).toHaveLength(1);
  });

  it('after namespace-wide STRICT, testcurl and the LB path reset while the gateway path keeps working', () => {
    const matrix = computeMatrix(worldAfter(NAMESPACE_STRICT));
    for (const c of rowCells(matrix, TESTCURL)) {
      expect(result(c), c.id).toEqual({ ok: false, transport: 'none', outcome: 'reset', httpCode: 0 });
      expect(c.reason).toMatch(/^plaintext reached a STRICT port/);
    }
    expect(result(cell(matrix, BROWSER, LB))).toEqual({ ok: false, transport: 'none', outcome: 'reset', httpCode: 0 });
    expect(cell(matrix, BROWSER, LB).trace.curlExit).toBe(56);
    expect(result(cell(matrix, BROWSER, GATEWAY))).toEqual({ ok: true, transport: 'mtls', outcome: 'ok', httpCode: 200 });
    for (const c of rowCells(matrix, GATEWAY)) expect(result(c), c.id).toEqual({ ok: true, transport: 'mtls', outcome: 'ok', httpCode: 200 });
    expect(matrix.cells.filter((c) => !c.ok)).toHaveLength(11);
  });

  it('a DestinationRule DISABLE toward a STRICT server makes every meshed client’s sidecar answer 503', () => {
    const matrix = computeMatrix(worldAfter(CURRENCY_STRICT_AND_DISABLE));
    const toCurrency = matrix.cells.filter((c) => c.to === CURRENCY);
    for (const c of toCurrency.filter((c) => c.from !== TESTCURL)) {
      expect(result(c), c.id).toEqual({ ok: false, transport: 'none', outcome: 'http-503', httpCode: 503 });
      expect(c.clientSends).toBe('PLAINTEXT');
      expect(c.serverMode).toBe('STRICT');
      expect(c.hopOutcome).toBe('reset');
    }
    expect(result(cell(matrix, TESTCURL, CURRENCY)).outcome).toBe('reset');
    expect(matrix.cells.filter((c) => c.to !== CURRENCY).every((c) => c.ok)).toBe(true);
  });

  it('adds a row for any workload in another namespace, such as a sidecar-less legacy client', () => {
    const matrix = computeMatrix(worldAfter(LEGACY_CLIENT + NAMESPACE_STRICT));
    const legacy = matrix.rows.find((r) => r.id === 'legacy/sleep');
    expect(legacy).toMatchObject({ kind: 'plain', namespace: 'legacy', label: 'sleep' });
    expect(rowCells(matrix, 'legacy/sleep').every((c) => c.outcome === 'reset')).toBe(true);
    expect(matrix.rows.map((r) => r.id).slice(0, 4)).toEqual([BROWSER, GATEWAY, TESTCURL, 'legacy/sleep']);
  });

  it('caches the matrix per world state and recomputes after a change', () => {
    const world = worldAfter('');
    const first = computeMatrix(world);
    expect(computeMatrix(world)).toBe(first);
    worldAfter(FRONTEND_STRICT, world);
    const second = computeMatrix(world);
    expect(second).not.toBe(first);
    expect(cell(second, TESTCURL, FRONTEND).ok).toBe(false);
    // A clone has its own cache entry, even with equal version numbers.
    expect(computeMatrix(world.clone())).not.toBe(second);
  });
});

describe('computeMatrix and AuthorizationPolicy', () => {
  it('starts open everywhere: no policy applies to any server', () => {
    const matrix = computeMatrix(worldAfter(''));
    expect(matrix.cells.every((c) => c.authz === 'open' && c.authzBy === undefined && c.authzCode === undefined)).toBe(true);
  });

  it('allow-nothing in product-catalog denies every row to that column, as gRPC status 7 inside a 200', () => {
    const matrix = computeMatrix(withPolicies([ALLOW_NOTHING_CATALOG]));
    const toCatalog = matrix.cells.filter((c) => c.to === CATALOG);
    expect(toCatalog).toHaveLength(13);
    for (const c of toCatalog) {
      expect(result(c), c.id).toEqual({ ok: false, transport: 'none', outcome: 'denied', httpCode: 200 });
      expect(c.grpcStatus, c.id).toBe(7);
      expect(c.hopOutcome, c.id).toBe('denied');
      expect(authzView(c), c.id).toEqual({ outcome: 'denied', authz: 'denied', authzBy: 'product-catalog/allow-nothing' });
      expect(c.authzCode, c.id).toBe('deny.no-allow-match');
    }
    const others = matrix.cells.filter((c) => c.to !== CATALOG);
    expect(others.every((c) => c.ok && c.authz === 'open')).toBe(true);
  });

  it('an ALLOW for frontend’s principal allows frontend and denies testcurl, which has no principal over plaintext', () => {
    const matrix = computeMatrix(withPolicies([ALLOW_FRONTEND_CATALOG]));
    const frontend = cell(matrix, FRONTEND, CATALOG);
    expect(result(frontend)).toEqual({ ok: true, transport: 'mtls', outcome: 'ok', httpCode: 200 });
    expect(authzView(frontend)).toEqual({ outcome: 'ok', authz: 'allowed', authzBy: 'product-catalog/allow-frontend rules[0]' });
    expect(frontend.authzCode).toBe('allow.matched');
    expect(frontend.grpcStatus).toBeUndefined();
    const testcurl = cell(matrix, TESTCURL, CATALOG);
    expect(authzView(testcurl)).toEqual({ outcome: 'denied', authz: 'denied', authzBy: 'product-catalog/allow-frontend' });
    expect(testcurl.reason).toMatch(/the caller is plaintext/);
    // Every other meshed client has a principal, and it is not frontend's.
    expect(cell(matrix, 'checkout/checkoutservice', CATALOG).authz).toBe('denied');
    expect(matrix.cells.filter((c) => c.to === CATALOG && c.authz === 'allowed').map((c) => c.from)).toEqual([FRONTEND]);
  });

  it('a matching DENY rule names its rule; HTTP gets 403, and the browser’s paths through the gateway and the load balancer are denied too', () => {
    const matrix = computeMatrix(withPolicies([authorizationPolicy('frontend', 'deny-get', {
      action: 'DENY',
      rules: [{ to: [{ operation: { methods: ['POST'] } }] }, { to: [{ operation: { methods: ['GET'] } }] }],
    })]));
    const testcurl = cell(matrix, TESTCURL, FRONTEND);
    expect(result(testcurl)).toEqual({ ok: false, transport: 'none', outcome: 'denied', httpCode: 403 });
    expect(testcurl.grpcStatus).toBeUndefined();
    expect(authzView(testcurl)).toEqual({ outcome: 'denied', authz: 'denied', authzBy: 'frontend/deny-get rules[1]' });
    expect(testcurl.authzCode).toBe('deny.matched');
    expect(authzView(cell(matrix, BROWSER, LB))).toEqual({ outcome: 'denied', authz: 'denied', authzBy: 'frontend/deny-get rules[1]' });
    expect(cell(matrix, BROWSER, LB).httpCode).toBe(403);
    expect(authzView(cell(matrix, BROWSER, GATEWAY))).toMatchObject({ outcome: 'denied', authz: 'denied' });
    // A DENY that matches nothing leaves the other columns open: the policy is frontend's alone.
    expect(cell(matrix, TESTCURL, CART).authz).toBe('open');
  });

  it('a denial on a TCP port is a reset, still told apart from an mTLS reset', () => {
    const tcpPort = applyYaml(`
apiVersion: v1
kind: Service
metadata:
  name: cart-tcp
  namespace: cart
spec:
  selector:
    app: cartservice
  ports:
  - name: tcp
    port: 7070
    targetPort: 7070
`);
    const matrix = computeMatrix(withPolicies([authorizationPolicy('cart', 'allow-nothing', {})], tcpPort));
    const tcp = cell(matrix, FRONTEND, 'cart/cart-tcp');
    expect(result(tcp)).toEqual({ ok: false, transport: 'none', outcome: 'denied', httpCode: 0 });
    expect(tcp.trace.curlExit).toBe(56);
    expect(authzView(tcp)).toEqual({ outcome: 'denied', authz: 'denied', authzBy: 'cart/allow-nothing' });
  });

  it('a request reset by a STRICT port never reaches a deciding proxy: unreached, not denied', () => {
    const matrix = computeMatrix(withPolicies([ALLOW_FRONTEND_CATALOG], NAMESPACE_STRICT));
    const testcurl = cell(matrix, TESTCURL, CATALOG);
    expect(authzView(testcurl)).toEqual({ outcome: 'reset', authz: 'unreached', authzBy: undefined });
    expect(cell(matrix, TESTCURL, FRONTEND).authz).toBe('unreached');
    expect(cell(matrix, FRONTEND, CATALOG).authz).toBe('allowed');
  });

  it('a policy on the ingress gateway that allows counts for the browser’s path through it', () => {
    const matrix = computeMatrix(withPolicies([authorizationPolicy('istio-system', 'gateway-get', {
      selector: { matchLabels: { istio: 'ingressgateway' } },
      rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
    })]));
    expect(authzView(cell(matrix, BROWSER, GATEWAY))).toEqual({ outcome: 'ok', authz: 'allowed', authzBy: 'istio-system/gateway-get rules[0]' });
    expect(cell(matrix, BROWSER, LB).authz).toBe('open');
  });
});

describe('diffMatrix', () => {
  it('lists exactly the cells whose result changed', () => {
    const world = worldAfter('');
    const before = computeMatrix(world);
    const after = computeMatrix(worldAfter(FRONTEND_STRICT, world.clone()));
    const changes = diffMatrix(before, after);
    expect(changes.map((c) => [c.kind, c.id])).toEqual([
      ['broke', cellId(BROWSER, LB)],
      ['broke', cellId(TESTCURL, FRONTEND)],
    ]);
    expect(changes[1]?.before?.outcome).toBe('ok');
    expect(changes[1]?.after?.outcome).toBe('reset');
    expect(cellLabel(after, changes[1] ?? { from: '', to: '' })).toBe('testcurl → frontend');
    expect(diffMatrix(after, before).map((c) => c.kind)).toEqual(['fixed', 'fixed']);
    expect(diffMatrix(before, before)).toEqual([]);
  });

  it('counts a newly denied request as broke, and a newly allowed one as changed', () => {
    const world = worldAfter('');
    const before = computeMatrix(world);
    const copy = world.clone();
    copy.put(ALLOW_FRONTEND_CATALOG);
    const changes = diffMatrix(before, computeMatrix(copy));
    const brokenIds = (list: typeof changes) => list.filter((c) => c.kind === 'broke').map((c) => c.id);
    const toCatalog = before.cells.filter((c) => c.to === CATALOG).map((c) => c.id);
    expect(brokenIds(changes)).toEqual(toCatalog.filter((id) => id !== cellId(FRONTEND, CATALOG)));
    expect(changes.find((c) => c.id === cellId(FRONTEND, CATALOG))).toMatchObject({ kind: 'changed', before: { authz: 'open' }, after: { authz: 'allowed' } });
    expect(changes).toHaveLength(13);
    const score = scorePrediction([cellId(TESTCURL, CATALOG)], brokenIds(changes));
    expect(score).toMatchObject({ hits: [cellId(TESTCURL, CATALOG)], falseAlarms: [], exact: false });
    expect(score.misses).toHaveLength(11);
  });

  it('reports pairs that appear or vanish', () => {
    const world = worldAfter('');
    const before = computeMatrix(world);
    const after = computeMatrix(worldAfter(LEGACY_CLIENT, world.clone()));
    const changes = diffMatrix(before, after);
    expect(changes).toHaveLength(10);
    expect(changes.every((c) => c.kind === 'added' && c.from === 'legacy/sleep')).toBe(true);
    expect(diffMatrix(after, before).every((c) => c.kind === 'removed' && c.before !== undefined)).toBe(true);
  });
});

describe('scorePrediction', () => {
  it.each([
    ['exactly right', ['a', 'b'], ['a', 'b'], { hits: ['a', 'b'], misses: [], falseAlarms: [], score: 100, exact: true }],
    ['nothing breaks and nothing guessed', [], [], { hits: [], misses: [], falseAlarms: [], score: 100, exact: true }],
    ['one missed', ['a'], ['a', 'b'], { hits: ['a'], misses: ['b'], falseAlarms: [], score: 50, exact: false }],
    ['one false alarm', ['a', 'c'], ['a'], { hits: ['a'], misses: [], falseAlarms: ['c'], score: 50, exact: false }],
    ['a miss and a false alarm', ['a', 'c'], ['a', 'b'], { hits: ['a'], misses: ['b'], falseAlarms: ['c'], score: 33, exact: false }],
    ['all wrong', ['c'], ['a'], { hits: [], misses: ['a'], falseAlarms: ['c'], score: 0, exact: false }],
    ['guessed a break when nothing broke', ['c'], [], { hits: [], misses: [], falseAlarms: ['c'], score: 0, exact: false }],
    ['duplicates count once', ['a', 'a'], ['a'], { hits: ['a'], misses: [], falseAlarms: [], score: 100, exact: true }],
  ] as const)('%s', (_name, guess, actual, want) => {
    expect(scorePrediction(guess, actual)).toEqual(want);
  });
});
