import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { BOUTIQUE_NAMESPACES } from '../cluster/boutique.ts';
import { destinationRule, peerAuthentication } from '../testing/fixtures.ts';
import type { RequestClient } from '../traffic/request.ts';
import { simulateRequest } from '../traffic/simulateRequest.ts';
import type { World } from '../world.ts';
import { explainTrace } from './explainTrace.ts';
import { MESSAGES, renderLine } from './messages.ts';

const FRONTEND = 'http://frontend.frontend.svc.cluster.local:80/';
const LB = 'http://35.202.118.74/';
const GATEWAY = 'http://34.136.92.187/';
const browser: RequestClient = { kind: 'external', name: 'browser' };
const testcurl: RequestClient = { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false };

function namespaceStrict(world: World): void {
  for (const ns of BOUTIQUE_NAMESPACES) world.put(peerAuthentication(ns, 'namespace-policy', { mtls: { mode: 'STRICT' } }));
}

function explain(setup: (w: World) => void, client: RequestClient | ((w: World) => RequestClient), url: string) {
  const world = createDefaultWorld();
  setup(world);
  const trace = simulateRequest(world, { client: typeof client === 'function' ? client(world) : client, url });
  return { world, trace, explanation: explainTrace(world, trace) };
}

const debugIn = (world: World): RequestClient => ({
  kind: 'pod',
  namespace: 'product-catalog',
  pod: world.list('Pod', 'product-catalog')[0]?.metadata.name ?? '',
  container: 'debugger-abcde',
  captured: true,
});

describe('explainTrace', () => {
  it('names frontend/namespace-policy spec.mtls.mode when testcurl hits frontend under namespace STRICT', () => {
    const { explanation } = explain(namespaceStrict, testcurl, FRONTEND);
    const [hop] = explanation.hops;
    expect(explanation.failedHop).toBe(0);
    expect(hop?.failed).toBe(true);
    expect(hop?.client.text).toMatch(/^client \(no sidecar\): .* → sends plaintext$/);
    expect(hop?.server.text).toBe('server sidecar: PeerAuthentication frontend/namespace-policy (namespace level) sets STRICT → requires mTLS');
    expect(hop?.result.code).toBe('result.reset.plaintext');
    expect(hop?.result.text).toContain('resets the connection (no filter chain matches plaintext)');
    expect(hop?.links).toContainEqual({ kind: 'PeerAuthentication', namespace: 'frontend', name: 'namespace-policy', field: 'spec.mtls.mode' });
    expect(explanation.summary).toMatch(/^Hop 1 failed \(default\/testcurl → frontend\.frontend\.svc\.cluster\.local\)/);
    expect(explanation.summary).toContain('curl exits with 56');
  });

  it('offers a sidecar for testcurl first, then PERMISSIVE on the deciding policy as kubectl-ready YAML', () => {
    const { explanation } = explain(namespaceStrict, testcurl, FRONTEND);
    const [minimal, ...alternatives] = explanation.fixes;
    expect(minimal).toMatchObject({ minimal: true, hop: 0, title: { code: 'fix.client-sidecar.pod' } });
    expect(minimal?.command).toContain('kubectl delete pod testcurl -n default');
    expect(minimal?.command).toContain('sidecar.istio.io/inject: "true"');
    const permissive = alternatives.find((f) => f.title.code === 'fix.server-permissive');
    expect(permissive?.target).toEqual({ kind: 'PeerAuthentication', namespace: 'frontend', name: 'namespace-policy', field: 'spec.mtls.mode' });
    expect(permissive?.command).toBe(
      'kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: namespace-policy\n  namespace: frontend\nspec:\n  mtls:\n    mode: PERMISSIVE\nEOF',
    );
    expect(alternatives.some((f) => f.title.code === 'fix.workload-permissive' && f.command.includes('app: frontend'))).toBe(true);
    expect(alternatives.every((f) => !f.minimal)).toBe(true);
  });

  it('suggests the ingress gateway for the browser on frontend-external', () => {
    const { explanation } = explain(namespaceStrict, browser, LB);
    expect(explanation.hops[0]?.client.text.startsWith('browser (no sidecar): ')).toBe(true);
    expect(explanation.fixes[0]).toMatchObject({ minimal: true, title: { code: 'fix.use-gateway' }, command: GATEWAY });
  });

  it('explains an accepted mTLS hop through the gateway without fixes', () => {
    const { explanation } = explain(namespaceStrict, browser, GATEWAY);
    expect(explanation.failedHop).toBe(-1);
    expect(explanation.fixes).toEqual([]);
    expect(explanation.summaryLine.code).toBe('summary.ok');
    const toFrontend = explanation.hops[1];
    expect(toFrontend?.client.text).toBe('ingress gateway: no DestinationRule for frontend.frontend.svc.cluster.local → auto mTLS; the endpoint has a sidecar (tlsMode=istio) → sends mTLS');
    expect(toFrontend?.result.text).toBe('accepts (mutual TLS) → the application answers 200');
  });

  it('blames a DestinationRule DISABLE toward STRICT, fixes it with ISTIO_MUTUAL and shows KIA0207 first', () => {
    const { explanation } = explain((w) => {
      w.put(peerAuthentication('currency', 'namespace-policy', { mtls: { mode: 'STRICT' } }));
      w.put(destinationRule('currency', 'plain', { host: '*.currency.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    }, browser, GATEWAY);
    const failed = explanation.hops[explanation.failedHop];
    expect(failed?.client.text).toBe('client sidecar: DestinationRule currency/plain sets DISABLE for currencyservice.currency.svc.cluster.local → sends plaintext');
    expect(failed?.result.text).toBe('resets the connection (no filter chain matches plaintext) → client sidecar answers 503');
    expect(failed?.links).toContainEqual({ kind: 'DestinationRule', namespace: 'currency', name: 'plain', field: 'spec.trafficPolicy.tls.mode' });
    expect(explanation.summary).toContain("HTTP 500 and the frontend's error page");
    const [minimal] = explanation.fixes;
    expect(minimal?.title.text).toBe('Set the DestinationRule tls.mode to ISTIO_MUTUAL');
    expect(minimal?.command).toContain('host: "*.currency.svc.cluster.local"');
    expect(minimal?.command).toContain('mode: ISTIO_MUTUAL');
    expect(explanation.fixes.map((f) => f.title.code)).toEqual(['fix.dr-istio-mutual', 'fix.dr-delete', 'fix.server-permissive', 'fix.workload-permissive']);
    expect(explanation.lint[0]).toMatchObject({ code: 'KIA0207', object: { kind: 'DestinationRule', name: 'plain' } });
  });

  it('explains the auto-mTLS limitation (istio/istio#56084) with an explicit ISTIO_MUTUAL rule as the fix', () => {
    const { explanation } = explain((w) => {
      w.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'DISABLE' } }));
      w.put(peerAuthentication('frontend', 'frontend-strict', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' } }));
    }, debugIn, FRONTEND);
    expect(explanation.hops[0]?.client.text).toContain('istio/istio#56084');
    expect(explanation.fixes.map((f) => f.title.code)).toEqual(['fix.dr-add-istio-mutual', 'fix.ns-permissive', 'fix.server-permissive']);
    expect(explanation.fixes[0]?.command).toContain('host: frontend.frontend.svc.cluster.local');
  });

  it('repairs a wrong subjectAltNames by removing it or naming the real identity', () => {
    const { explanation } = explain((w) => {
      w.put(destinationRule('frontend', 'currency', { host: 'currencyservice.currency.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL', subjectAltNames: ['spiffe://cluster.local/ns/currency/sa/wrong'] } } }));
    }, browser, GATEWAY);
    expect(explanation.hops[explanation.failedHop]?.result.code).toBe('result.tls.secure-naming');
    expect(explanation.fixes.map((f) => f.title.code)).toEqual(['fix.dr-remove-sans', 'fix.dr-fix-sans']);
    expect(explanation.fixes[1]?.command).toContain('- "spiffe://cluster.local/ns/currency/sa/currency"');
  });

  it('summarises a request that never reached a workload', () => {
    const { explanation } = explain(() => {}, browser, 'http://203.0.113.9/');
    expect(explanation.hops).toEqual([]);
    expect(explanation.summaryLine.code).toBe('summary.no-hop');
  });

  it('explains an https:// request by who ended its TLS handshake, in both languages, with the policy behind the mode', () => {
    const frontendPolicy = (w: World) => w.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } }));
    const { explanation } = explain(frontendPolicy, testcurl, 'https://frontend.frontend.svc.cluster.local:80/');
    expect(explanation.hops).toEqual([]);
    expect(explanation.summaryLine.code).toBe('summary.tls');
    expect(explanation.failed).toBe(true);
    expect(explain(() => {}, testcurl, FRONTEND).explanation.failed).toBe(false);
    const en = renderLine(explanation.summaryLine, 'en');
    expect(en).toMatch(/^The TLS handshake failed: frontend\/frontend-[a-z0-9-]+'s sidecar terminates TLS on port 8080 \(PeerAuthentication frontend\/default .*STRICT.*\): it presents its workload certificate, which chains to the mesh's own root, and requires a client certificate\. The client reported: SSL certificate problem: self-signed certificate in certificate chain\.$/);
    const ja = renderLine(explanation.summaryLine, 'ja');
    expect(ja).toMatch(/^frontend\/frontend-[a-z0-9-]+ のサイドカーがポート 8080 で TLS を終端する（PeerAuthentication frontend\/default.*STRICT.*）: .*クライアント証明書を要求するため、TLS ハンドシェイクが失敗しました。クライアントの報告: SSL certificate problem: self-signed certificate in certificate chain。$/);
    // PERMISSIVE: no filter chain for TLS without Istio's ALPN (curl's trailing space is not part of the sentence).
    const open = explain(() => {}, testcurl, 'https://frontend.frontend.svc.cluster.local:80/').explanation;
    expect(renderLine(open.summaryLine, 'en')).toMatch(/sidecar takes plaintext or Istio mTLS on HTTP port 8080 \(.*PERMISSIVE.*\): .* resets the connection\. The client reported: OpenSSL SSL_connect: Connection reset by peer in connection to frontend\.frontend\.svc\.cluster\.local:80\.$/);
    // The gateway's plain HTTP server, from the browser.
    expect(renderLine(explain(() => {}, browser, 'https://34.136.92.187:80/').explanation.summaryLine, 'en')).toMatch(/^The TLS handshake failed: istio-system\/istio-ingressgateway-[a-z0-9-]+ serves plain HTTP on port 8080 \(a Gateway server\): it answers the ClientHello with 400 Bad Request\. The client reported: TLS connect error: .*wrong version number\.$/);
    // Nothing listens on 443: no handshake to explain.
    expect(explain(() => {}, testcurl, 'https://frontend.frontend.svc.cluster.local/').explanation.summaryLine.code).toBe('summary.no-hop');
  });

  it('gives every line a code that the English catalog knows', () => {
    const { explanation } = explain(namespaceStrict, testcurl, FRONTEND);
    const lines = [
      explanation.summaryLine,
      ...explanation.hops.flatMap((h) => [h.title, h.client, h.server, h.result]),
      ...explanation.fixes.flatMap((f) => [f.title, f.detail]),
      ...explanation.lint.flatMap((l) => [l.message, l.actualEffect, ...(l.note ? [l.note] : [])]),
    ];
    for (const l of lines) expect(MESSAGES[l.code], l.code).toBeTypeOf('function');
  });
});
