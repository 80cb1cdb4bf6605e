import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { podIP } from '../cluster/pods.ts';
import { destinationRule, peerAuthentication } from '../testing/fixtures.ts';
import type { World } from '../world.ts';
import type { RequestClient } from './request.ts';
import { recordAccessLogs, simulateRequest } from './simulateRequest.ts';

const FRONTEND = 'http://frontend.frontend.svc.cluster.local:80/';
const LB = 'http://35.202.118.74/';
const GATEWAY = 'http://34.136.92.187/';
const browser: RequestClient = { kind: 'external', name: 'browser' };
const testcurl: RequestClient = { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false };

function podOf(world: World, ns: string): string {
  const pod = world.list('Pod', ns)[0];
  if (!pod) throw new Error(`no pod in ${ns}`);
  return pod.metadata.name;
}

const debugIn = (world: World): RequestClient => ({ kind: 'pod', namespace: 'product-catalog', pod: podOf(world, 'product-catalog'), container: 'debugger-abcde', captured: true });
const proxyIn = (world: World): RequestClient => ({ kind: 'pod', namespace: 'product-catalog', pod: podOf(world, 'product-catalog'), container: 'istio-proxy', captured: false });

type Setup = (world: World) => void;
const none: Setup = () => {};
const namespaceStrict: Setup = (w) => {
  for (const ns of ['ad', 'cart', 'checkout', 'currency', 'email', 'frontend', 'loadgenerator', 'payment', 'product-catalog', 'recommendation', 'shipping']) {
    w.put(peerAuthentication(ns, 'namespace-policy', { mtls: { mode: 'STRICT' } }));
  }
};
const workloadStrict: Setup = (w) => {
  w.put(peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' } }));
  w.put(destinationRule('frontend', 'frontend', { host: 'frontend.demo.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }));
};
const meshStrict: Setup = (w) => w.put(peerAuthentication('istio-system', 'mesh-wide', { mtls: { mode: 'STRICT' } }));

function run(setup: Setup, client: RequestClient | ((w: World) => RequestClient), url: string) {
  const world = createDefaultWorld();
  setup(world);
  return simulateRequest(world, { client: typeof client === 'function' ? client(world) : client, url });
}

describe('simulateRequest: the tutorial behaviour matrix (tutorial.md)', () => {
  const strictSetups: [string, Setup][] = [['namespace STRICT', namespaceStrict], ['workload STRICT + DR', workloadStrict], ['mesh STRICT', meshStrict]];

  it('serves the storefront to the browser through frontend-external with no policy', () => {
    const trace = run(none, browser, LB);
    expect(trace.httpCode).toBe(200);
    expect(trace.page).toBe('storefront');
    expect(trace.hops[0]).toMatchObject({ from: 'external/browser', port: 8080, clientSends: 'PLAINTEXT', serverMode: 'PERMISSIVE', outcome: 'ok', via: 'frontend/frontend-external' });
  });

  it.each(strictSetups)('resets the browser on frontend-external under %s', (_, setup) => {
    const trace = run(setup, browser, LB);
    expect(trace).toMatchObject({ httpCode: 0, curlExit: 56, page: 'connection-reset' });
    expect(trace.hops).toHaveLength(1);
    expect(trace.hops[0]).toMatchObject({ clientSends: 'PLAINTEXT', serverMode: 'STRICT', outcome: 'reset' });
  });

  it.each([['no policy', none] as [string, Setup], ...strictSetups])('serves the storefront through the ingress gateway under %s', (_, setup) => {
    const trace = run(setup, browser, GATEWAY);
    expect(trace.httpCode).toBe(200);
    expect(trace.page).toBe('storefront');
    const [toGateway, toFrontend] = trace.hops;
    expect(toGateway).toMatchObject({ to: expect.stringMatching(/^istio-system\/istio-ingressgateway-/), clientSends: 'PLAINTEXT', serverMode: 'NO_SIDECAR' });
    expect(toFrontend).toMatchObject({ from: expect.stringMatching(/^istio-system\/istio-ingressgateway-/), port: 8080, clientSends: 'ISTIO_MUTUAL', outcome: 'ok' });
  });

  it('answers testcurl with 200 without a policy and resets it under every STRICT setup', () => {
    expect(run(none, testcurl, FRONTEND)).toMatchObject({ httpCode: 200, curlExit: 0 });
    for (const [, setup] of strictSetups) {
      expect(run(setup, testcurl, FRONTEND)).toMatchObject({ httpCode: 0, curlExit: 56, curlError: 'Recv failure: Connection reset by peer' });
    }
  });

  it('lets kubectl debug (captured by the productcatalog sidecar) through under STRICT', () => {
    for (const [, setup] of [['none', none] as [string, Setup], ...strictSetups]) {
      const trace = run(setup, debugIn, FRONTEND);
      expect(trace.httpCode).toBe(200);
      expect(trace.hops[0]?.clientSends).toBe('ISTIO_MUTUAL');
    }
  });

  it('resets curl in the istio-proxy container (UID 1337 is not captured) under STRICT only', () => {
    expect(run(none, proxyIn, FRONTEND).httpCode).toBe(200);
    expect(run(namespaceStrict, proxyIn, FRONTEND)).toMatchObject({ httpCode: 0, curlExit: 56 });
  });

  it('gives a 503 from the client sidecar when a DestinationRule disables TLS toward a STRICT server', () => {
    const trace = run((w) => {
      namespaceStrict(w);
      w.put(destinationRule('product-catalog', 'frontend-plain', { host: 'frontend.frontend.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    }, debugIn, FRONTEND);
    expect(trace.httpCode).toBe(503);
    expect(trace.body).toBe('upstream connect error or disconnect/reset before headers. reset reason: connection termination');
    expect(trace.hops[0]).toMatchObject({ clientSends: 'PLAINTEXT', serverMode: 'STRICT', outcome: 'reset' });
  });

  it('shows the frontend error page when a backend call fails', () => {
    const trace = run((w) => {
      w.put(peerAuthentication('currency', 'namespace-policy', { mtls: { mode: 'STRICT' } }));
      w.put(destinationRule('frontend', 'currency-plain', { host: 'currencyservice.currency.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    }, browser, GATEWAY);
    expect(trace.httpCode).toBe(500);
    expect(trace.page).toBe('error-page');
    expect(trace.body).toContain('Uh, oh!');
    expect(trace.body).toContain('could not retrieve currencies');
  });

  it('fans a storefront page load out to the backends the home page calls', () => {
    const trace = run(none, browser, LB);
    const services = trace.hops.map((h) => h.service);
    expect(services).toEqual([
      'frontend-external.frontend.svc.cluster.local',
      'currencyservice.currency.svc.cluster.local',
      'productcatalogservice.product-catalog.svc.cluster.local',
      'cartservice.cart.svc.cluster.local',
      'adservice.ad.svc.cluster.local',
    ]);
    expect(trace.hops.slice(1).every((h) => h.parent === 0 && h.clientSends === 'ISTIO_MUTUAL')).toBe(true);
  });

  it('names the handshake steps of an mTLS hop with SNI, ALPN and SPIFFE identities', () => {
    const trace = run(none, debugIn, FRONTEND);
    const steps = trace.hops[0]?.handshake ?? [];
    expect(steps.map((s) => s.kind)).toEqual(['tcp_connect', 'client_hello', 'server_certificate', 'certificate_request', 'client_certificate', 'secure_naming', 'established', 'http_request']);
    expect(steps[1]?.data).toMatchObject({ sni: 'outbound_.80_._.frontend.frontend.svc.cluster.local', alpn: ['istio-peer-exchange', 'istio'] });
    expect(steps[2]?.data).toMatchObject({ spiffe: 'spiffe://cluster.local/ns/frontend/sa/frontend' });
    expect(steps[4]?.data).toMatchObject({ spiffe: 'spiffe://cluster.local/ns/product-catalog/sa/product-catalog' });
  });

  it('cannot resolve cluster names from Cloud Shell, nor reach a cluster IP from outside', () => {
    const cloudshell: RequestClient = { kind: 'external', name: 'cloudshell' };
    expect(run(none, cloudshell, FRONTEND)).toMatchObject({ curlExit: 6, curlError: 'Could not resolve host: frontend.frontend.svc.cluster.local' });
    expect(run(none, cloudshell, 'http://34.118.236.212/')).toMatchObject({ curlExit: 28 });
  });

  it('logs NR filter_chain_not_found in the STRICT server sidecar for a reset', () => {
    const world = createDefaultWorld();
    namespaceStrict(world);
    const trace = simulateRequest(world, { client: testcurl, url: FRONTEND });
    recordAccessLogs(world, trace);
    const frontendPod = podOf(world, 'frontend');
    const lines = world.logs.get(`frontend/${frontendPod}`) ?? [];
    expect(lines.map((l) => l.text).join('\n')).toContain('"- - -" 0 NR filter_chain_not_found');
  });

  it("logs a sidecar-less pod's own IP as the downstream address, and the node IP for the load balancer", () => {
    const world = createDefaultWorld();
    const frontendPod = podOf(world, 'frontend');
    recordAccessLogs(world, simulateRequest(world, { client: testcurl, url: FRONTEND }));
    recordAccessLogs(world, simulateRequest(world, { client: browser, url: LB }));
    const [fromTestcurl, fromLb] = (world.logs.get(`frontend/${frontendPod}`) ?? []).filter((l) => l.text.includes('inbound|8080')).map((l) => l.text);
    const pod = world.get('Pod', 'default', 'testcurl');
    const testcurlIp = pod ? podIP(pod) : undefined;
    expect(testcurlIp).toMatch(/^10\.52\./);
    expect(fromTestcurl).toContain(` ${testcurlIp ?? ''}:`);
    expect(fromLb).toContain(' 10.128.0.1:');
  });

  it('never changes the world', () => {
    const world = createDefaultWorld();
    const before = JSON.stringify([...world.objects.entries()]);
    simulateRequest(world, { client: browser, url: GATEWAY });
    expect(JSON.stringify([...world.objects.entries()])).toBe(before);
  });
});
