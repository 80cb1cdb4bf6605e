/**
 * Load spread over a Service's endpoints, the ingress gateway without a Gateway, and the access
 * logs of gateways and gRPC calls. Sources:
 * - ISTIO  istio/istio pilot/pkg/networking/core/cluster_traffic_policy.go: defaultLBAlgorithm is
 *          LEAST_REQUEST (ROUND_ROBIN only with the legacy flag); Envoy's least request with equal
 *          weights picks the better of two random hosts, which without requests in flight is a
 *          uniform random pick. kube-proxy (iptables mode) picks with `-m statistic --mode random`.
 * - LOG    Istio's default access-log TEXT format (see accessLog.ts); a gateway has no inbound
 *          listener and logs `route_not_found` (response flag NR) when no route matches.
 * - DEMO   GoogleCloudPlatform/microservices-demo protos/demo.proto (the gRPC paths) and
 *          src/frontend/handlers.go (which calls each page makes).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { peerAuthentication, pod } from '../testing/fixtures.ts';
import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import type { RequestClient } from './request.ts';
import { recordAccessLogs, simulateRequest } from './simulateRequest.ts';

const FRONTEND = 'http://frontend.frontend.svc.cluster.local/';
const GATEWAY = 'http://34.136.92.187/';
const testcurl: RequestClient = { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false };
const browser: RequestClient = { kind: 'external', name: 'browser' };

/** The default world plus a second frontend pod behind the same Service, STRICT where the first is PERMISSIVE. */
function twoFrontends(): World {
  const world = createDefaultWorld();
  world.put(pod('frontend', 'frontend-v2-6d9f7c5b8-k2x4p', { labels: { app: 'frontend', version: 'v2' }, podIP: '10.52.2.77' }));
  world.put(peerAuthentication('frontend', 'v2-strict', { selector: { matchLabels: { version: 'v2' } }, mtls: { mode: 'STRICT' } }));
  return world;
}

/** `n` requests as curl makes them: each simulated, then recorded (which spends its draws). */
function codes(world: World, client: RequestClient, url: string, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const trace = simulateRequest(world, { client, url });
    recordAccessLogs(world, trace);
    out.push(trace.httpCode);
  }
  return out;
}

function logOf(world: World, p: KubeObject | undefined, container = 'istio-proxy'): string[] {
  if (!p) throw new Error('no pod');
  return (world.logs.get(`${p.metadata.namespace}/${p.metadata.name}`) ?? []).filter((l) => l.container === container).map((l) => l.text);
}

describe('a Service with two endpoints', () => {
  it('spreads plaintext requests over both: 200 from the PERMISSIVE pod, 000 from the STRICT one', () => {
    const seen = codes(twoFrontends(), testcurl, FRONTEND, 40);
    const ok = seen.filter((c) => c === 200).length;
    const reset = seen.filter((c) => c === 0).length;
    expect(ok + reset).toBe(40);
    // A uniform pick over two endpoints: both are hit often (P(either < 8 of 40) is about 1e-5).
    expect(ok).toBeGreaterThanOrEqual(8);
    expect(reset).toBeGreaterThanOrEqual(8);
  });

  it('spreads the same way every time from the same world (reproducible transcripts)', () => {
    expect(codes(twoFrontends(), testcurl, FRONTEND, 30)).toEqual(codes(twoFrontends(), testcurl, FRONTEND, 30));
  });

  it('draws nothing while only simulating: probes and predictions see what the next request will do', () => {
    const world = twoFrontends();
    const before = world.rng.state;
    const first = simulateRequest(world, { client: testcurl, url: FRONTEND });
    expect(simulateRequest(world, { client: testcurl, url: FRONTEND }).hops[0]?.to).toBe(first.hops[0]?.to);
    expect(world.rng.state).toBe(before);
    recordAccessLogs(world, first);
    expect(world.rng.state).not.toBe(before);
  });

  it('leaves the generator alone with a single endpoint, so existing transcripts keep their names', () => {
    const world = createDefaultWorld();
    const before = world.rng.state;
    codes(world, testcurl, FRONTEND, 5);
    expect(world.rng.state).toBe(before);
  });
});

describe('the ingress gateway without a Gateway', () => {
  it('refuses the connection: no listener on 8080, curl exit 7 and 000', () => {
    const world = createDefaultWorld();
    const gw = world.get('Gateway', 'frontend', 'frontend-gateway');
    if (gw) world.remove(gw);
    const trace = simulateRequest(world, { client: browser, url: GATEWAY });
    expect(trace).toMatchObject({ httpCode: 0, curlExit: 7, curlError: 'Failed to connect to 34.136.92.187 port 80 after 1 ms: Could not connect to server', page: 'connection-refused' });
    expect(trace.hops).toHaveLength(1);
    expect(trace.hops[0]).toMatchObject({ outcome: 'refused', port: 8080 });
    expect(trace.hops[0]?.outcomeReason.code).toBe('refused.no-gateway-server');
    expect(trace.accessLogs).toEqual([]);
  });

  it('answers 404 with a route_not_found line when a Gateway exists but no VirtualService binds it', () => {
    const world = createDefaultWorld();
    const vs = world.get('VirtualService', 'frontend', 'frontend-ingress');
    if (vs) world.remove(vs);
    const trace = simulateRequest(world, { client: browser, url: GATEWAY });
    expect(trace.httpCode).toBe(404);
    recordAccessLogs(world, trace);
    const lines = logOf(world, world.list('Pod', 'istio-system').find((p) => p.metadata.name.startsWith('istio-ingressgateway')));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[2026-11-28T09:00:00\.000Z\] "GET \/ HTTP\/1\.1" 404 NR route_not_found - "-" 0 0 0 - "10\.128\.0\.1" "curl\/8\.11\.1" "[0-9a-f-]{36}" "34\.136\.92\.187" "-" - - 10\.\d+\.\d+\.\d+:8080 10\.128\.0\.1:\d+ - -$/);
  });
});

describe('access logs', () => {
  it('gives the gateway one outbound line per request and no sidecar-style inbound line', () => {
    const world = createDefaultWorld();
    recordAccessLogs(world, simulateRequest(world, { client: browser, url: GATEWAY }));
    const gateway = world.list('Pod', 'istio-system').find((p) => p.metadata.name.startsWith('istio-ingressgateway'));
    const lines = logOf(world, gateway);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('inbound|');
    expect(lines[0]).toMatch(/"GET \/ HTTP\/1\.1" 200 - via_upstream - "-" 0 \d+ \d+ \d+ "10\.128\.0\.1" "curl\/8\.11\.1" .* outbound\|80\|\|frontend\.frontend\.svc\.cluster\.local (10\.[\d.]+):\d+ \1:8080 10\.128\.0\.1:\d+ - -$/);
    // The gateway sets X-Forwarded-For, which the frontend's sidecar then logs on its inbound line.
    const inbound = logOf(world, world.list('Pod', 'frontend')[0]).find((l) => l.includes('"GET / HTTP/1.1"'));
    expect(inbound).toMatch(/ 200 - via_upstream - "-" 0 \d+ \d+ \d+ "10\.128\.0\.1" "curl\/8\.11\.1" .* inbound\|8080\|\| /);
  });

  it("logs the frontend's gRPC calls with their real paths and grpc-go's user agent", () => {
    const world = createDefaultWorld();
    recordAccessLogs(world, simulateRequest(world, { client: browser, url: GATEWAY }));
    const frontend = logOf(world, world.list('Pod', 'frontend')[0]);
    const calls = frontend.filter((l) => l.includes('"POST ')).map((l) => /"POST (\S+) HTTP\/2"/.exec(l)?.[1]);
    expect(calls).toEqual(['/hipstershop.CurrencyService/GetSupportedCurrencies', '/hipstershop.ProductCatalogService/ListProducts', '/hipstershop.CartService/GetCart', '/hipstershop.AdService/GetAds']);
    expect(frontend.filter((l) => l.includes('"POST ')).every((l) => l.includes('"grpc-go/1.59.0"'))).toBe(true);
    const catalog = logOf(world, world.list('Pod', 'product-catalog')[0]);
    expect(catalog[0]).toContain('"POST /hipstershop.ProductCatalogService/ListProducts HTTP/2" 200');
    expect(catalog[0]).toContain('inbound|3550||');
  });

  it("writes the frontend's own JSON request log in its app container", () => {
    const world = createDefaultWorld();
    recordAccessLogs(world, simulateRequest(world, { client: testcurl, url: `${FRONTEND}product/OLJCESPC7Z` }));
    const lines = logOf(world, world.list('Pod', 'frontend')[0], 'server');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ 'http.req.method': 'GET', 'http.req.path': '/product/OLJCESPC7Z', message: 'request started', severity: 'debug' });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ 'http.resp.status': 200, message: 'request complete' });
    expect(Object.keys(JSON.parse(lines[1] ?? '') as object)).toEqual([...Object.keys(JSON.parse(lines[1] ?? '') as object)].sort());
  });
});
