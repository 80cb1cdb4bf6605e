import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects.ts';
import { gatewayPod, peerAuthentication, pod, service, worldWith } from '../testing/fixtures.ts';
import type { RequestClient } from '../traffic/request.ts';
import { probeTls } from './probeTls.ts';

/*
 * What a TLS client without a certificate meets, per the server's mTLS mode (the simulator's own
 * decision), the listener protocol of the port and the ALPN it offers
 * (istio pilot/pkg/networking/core/filterchain_options.go, 1.26; istio-mtls-semantics.md §3).
 */

const uncaptured: RequestClient = { kind: 'pod', namespace: 'client', pod: 'sleep', container: 'istio-proxy', captured: false };
const captured: RequestClient = { ...uncaptured, container: 'sleep', captured: true };

/** A server pod listening on 8080 (HTTP, `http`), 9090 (gRPC, `grpc`), 7070 (`tcp-echo`) and 6060 (unnamed, sniffed). */
function mesh(mode?: string, extra: { pods?: KubeObject[]; services?: KubeObject[]; policies?: KubeObject[] } = {}) {
  return worldWith({
    pods: [pod('server', 'api', { serviceAccount: 'api', ports: [8080, 9090, 7070, 6060] }), pod('client', 'sleep'), ...(extra.pods ?? [])],
    services: [
      service('server', 'api', { ports: [{ port: 80, targetPort: 8080, name: 'http' }, { port: 9090, name: 'grpc' }, { port: 7070, name: 'tcp-echo' }, { port: 6060 }] }),
      service('client', 'sleep'),
      ...(extra.services ?? []),
    ],
    policies: [...(mode ? [peerAuthentication('server', 'default', { mtls: { mode } })] : []), ...(extra.policies ?? [])],
  });
}

const kindOf = (world: ReturnType<typeof mesh>, port: number, alpn: string[] = [], client = uncaptured) => {
  const probe = probeTls(world, client, 'api.server.svc.cluster.local', port, alpn);
  return probe.kind === 'mtls' ? `mtls${probe.alpn ? ` (${probe.alpn})` : ''}` : probe.kind;
};

describe('probeTls', () => {
  it.each([
    // mode, port, ALPN, what the client meets
    ['STRICT', 80, [], 'mtls'],
    ['STRICT', 9090, ['h2'], 'mtls (h2)'],
    ['STRICT', 7070, [], 'mtls'],
    ['STRICT', 7070, ['istio-peer-exchange'], 'mtls (istio-peer-exchange)'],
    ['STRICT', 6060, [], 'mtls'],
    ['PERMISSIVE', 80, [], 'reset'],
    ['PERMISSIVE', 80, ['istio'], 'mtls'],
    ['PERMISSIVE', 9090, ['istio', 'h2'], 'mtls (h2)'],
    ['PERMISSIVE', 7070, [], 'plaintext'],
    ['PERMISSIVE', 6060, [], 'plaintext'],
    ['PERMISSIVE', 6060, ['istio-http/1.1', 'http/1.1'], 'mtls (http/1.1)'],
    ['DISABLE', 80, ['istio'], 'plaintext'],
    ['DISABLE', 9090, ['istio'], 'plaintext'],
    ['DISABLE', 7070, ['istio'], 'plaintext'],
  ])('%s port %i ALPN %j → %s', (mode, port, alpn, expected) => {
    expect(kindOf(mesh(mode), port, alpn)).toBe(expected);
  });

  it('PERMISSIVE is the default, and the certificate is the server pod’s SPIFFE identity', () => {
    const world = mesh();
    expect(kindOf(world, 80)).toBe('reset');
    const probe = probeTls(world, uncaptured, 'api.server', 80, ['istio']);
    expect(probe.kind === 'mtls' && probe.certificate.spiffeId).toBe('spiffe://cluster.local/ns/server/sa/api');
    expect(probe.kind === 'mtls' && probe.mode).toBe('PERMISSIVE');
  });

  it('a pod without a sidecar answers with its application: HTTP says 400, gRPC drops the connection', () => {
    const world = mesh('STRICT', { pods: [pod('plain', 'web', { sidecar: false, ports: [8080, 9090] })], services: [service('plain', 'web', { ports: [{ port: 80, targetPort: 8080, name: 'http' }, { port: 9090, name: 'grpc' }] })] });
    expect(probeTls(world, uncaptured, 'web.plain', 80, ['istio']).kind).toBe('plaintext');
    expect(probeTls(world, uncaptured, 'web.plain', 9090, []).kind).toBe('reset');
  });

  it('a process its sidecar captures meets its own sidecar, never the server’s certificate', () => {
    const world = mesh('STRICT');
    expect(kindOf(world, 80, ['istio'], captured)).toBe('plaintext');
    // On a TCP port the sidecars carry the bytes inside their own mTLS to the application.
    expect(kindOf(world, 7070, [], captured)).toBe('plaintext');
  });

  it('DNS, missing ports, missing endpoints and addresses nobody answers', () => {
    const world = mesh('STRICT', { services: [service('server', 'empty', { selector: { app: 'nobody' } })] });
    expect(probeTls(world, uncaptured, 'nosuch.server', 443, []).kind).toBe('unresolved');
    expect(probeTls(world, uncaptured, 'api.server', 443, []).kind).toBe('refused');
    expect(probeTls(world, uncaptured, 'empty.server', 80, []).kind).toBe('refused');
    expect(probeTls(world, uncaptured, '10.255.255.1', 443, []).kind).toBe('timeout');
    expect(probeTls(world, { kind: 'external', name: 'cloudshell' }, 'api.server', 80, []).kind).toBe('unresolved');
    expect(probeTls(world, { kind: 'external', name: 'cloudshell' }, 'localhost', 8080, []).kind).toBe('refused');
  });

  it('by pod IP: STRICT still terminates mTLS on a port nothing declares; PERMISSIVE passes it to nothing', () => {
    const world = mesh('STRICT');
    const ip = String(world.get('Pod', 'server', 'api')?.status?.podIP);
    expect(probeTls(world, uncaptured, ip, 5555, []).kind).toBe('mtls');
    expect(probeTls(mesh('PERMISSIVE'), uncaptured, ip, 5555, []).kind).toBe('closed');
  });

  it('a gateway listens only where a Gateway server opens the port', () => {
    const gateway = gatewayPod('istio-system', 'istio-ingressgateway-1');
    const gatewayService = service('istio-system', 'istio-ingressgateway', { selector: gateway.metadata.labels, ports: [{ port: 80, targetPort: 8080, name: 'http2' }, { port: 443, targetPort: 8443, name: 'https' }] });
    const gw: KubeObject = { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { ...gateway.metadata, name: 'web', namespace: 'istio-system' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } };
    const world = mesh(undefined, { pods: [gateway], services: [gatewayService], policies: [gw] });
    expect(probeTls(world, uncaptured, 'istio-ingressgateway.istio-system', 80, []).kind).toBe('plaintext');
    expect(probeTls(world, uncaptured, 'istio-ingressgateway.istio-system', 443, []).kind).toBe('refused');
  });
});
