import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { destinationRule, peerAuthentication } from '../testing/fixtures.ts';
import { simulateRequest } from '../traffic/simulateRequest.ts';
import type { World } from '../world.ts';
import { diagnoseHandshake } from './diagnoseHandshake.ts';

function hops(setup: (w: World) => void, url: string, client: 'browser' | 'testcurl') {
  const world = createDefaultWorld();
  setup(world);
  return simulateRequest(world, {
    client: client === 'browser' ? { kind: 'external', name: 'browser' } : { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false },
    url,
  }).hops;
}

describe('diagnoseHandshake', () => {
  it('lays out the full mTLS handshake from the gateway to frontend, with SNI, ALPN and both SPIFFE IDs', () => {
    const hop = hops(() => {}, 'http://34.136.92.187/', 'browser')[1];
    if (!hop) throw new Error('no hop');
    const rows = diagnoseHandshake(hop);
    expect(rows.map((r) => `${r.from} ${r.label}`)).toEqual([
      'client TCP connect',
      'client ClientHello',
      'server ServerHello + Certificate',
      'server CertificateRequest',
      'client Certificate + CertificateVerify',
      'client Secure naming check',
      'client Finished',
      'client HTTP request',
      'server HTTP response',
    ]);
    expect(rows[1]?.detail).toBe('SNI outbound_.80_._.frontend.frontend.svc.cluster.local; ALPN istio-peer-exchange, istio');
    expect(rows[2]?.detail).toContain('spiffe://cluster.local/ns/frontend/sa/frontend');
    expect(rows[4]?.detail).toContain('spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway');
    expect(rows[8]).toMatchObject({ detail: '200', ok: true });
    expect(rows.some((r) => r.failure)).toBe(false);
  });

  it('marks the reset as the failure of a plaintext hop to a STRICT server', () => {
    const [hop] = hops((w) => w.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } })), 'http://frontend.frontend.svc.cluster.local/', 'testcurl');
    if (!hop) throw new Error('no hop');
    const rows = diagnoseHandshake(hop);
    expect(rows.map((r) => r.code)).toEqual(['tcp', 'plaintext', 'reset']);
    expect(rows[2]).toMatchObject({ from: 'server', label: 'RST: no filter chain', ok: false, failure: true });
    expect(rows.filter((r) => r.failure)).toHaveLength(1);
  });

  it("adds the client sidecar's local 503 after the reset when a DestinationRule sends plaintext", () => {
    const trace = hops((w) => {
      w.put(peerAuthentication('currency', 'default', { mtls: { mode: 'STRICT' } }));
      w.put(destinationRule('frontend', 'plain', { host: 'currencyservice.currency.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    }, 'http://34.136.92.187/', 'browser');
    const hop = trace.find((h) => h.outcome !== 'ok');
    if (!hop) throw new Error('no failing hop');
    const rows = diagnoseHandshake(hop);
    expect(rows.map((r) => r.code)).toEqual(['tcp', 'plaintext', 'reset', 'local-reply']);
    expect(rows[3]).toMatchObject({ label: 'Client sidecar answers 503', local: true });
    expect(rows[2]?.failure).toBe(true);
    expect(rows[3]?.failure).toBeUndefined();
  });

  it('marks the failed secure-naming check', () => {
    const hop = hops((w) => {
      w.put(destinationRule('istio-system', 'pinned', { host: 'frontend.frontend.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL', subjectAltNames: ['spiffe://cluster.local/ns/frontend/sa/other'] } } }));
    }, 'http://34.136.92.187/', 'browser')[1];
    if (!hop) throw new Error('no hop');
    const failure = diagnoseHandshake(hop).find((r) => r.failure);
    expect(failure).toMatchObject({ code: 'secure-naming', from: 'client' });
    expect(failure?.detail).toContain('spiffe://cluster.local/ns/frontend/sa/other');
  });
});
