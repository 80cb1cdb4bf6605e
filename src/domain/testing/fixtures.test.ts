import { describe, expect, it } from 'vitest';
import { hasSidecar, podServiceAccount, podTlsMode } from '../cluster/pods.ts';
import { resolveTargetPort, serviceEndpoints, servicePorts } from '../cluster/services.ts';
import { FIXTURE_EPOCH, destinationRule, gatewayPod, peerAuthentication, pod, service, worldWith } from './fixtures.ts';

describe('fixtures', () => {
  it('builds a sidecar pod with the istio-proxy container and tlsMode=istio', () => {
    const p = pod('frontend', 'frontend-1', { serviceAccount: 'frontend' });
    expect({ sidecar: hasSidecar(p), tlsMode: podTlsMode(p), sa: podServiceAccount(p), app: p.metadata.labels.app }).toEqual({ sidecar: true, tlsMode: 'istio', sa: 'frontend', app: 'frontend-1' });
  });

  it('builds a pod without a sidecar, whose tlsMode reads as disabled', () => {
    const p = pod('legacy', 'sleep', { sidecar: false });
    expect({ sidecar: hasSidecar(p), tlsMode: podTlsMode(p) }).toEqual({ sidecar: false, tlsMode: 'disabled' });
  });

  it('builds a service whose endpoints and target ports resolve', () => {
    const p = pod('email', 'emailservice-1', { labels: { app: 'emailservice' }, ports: [{ containerPort: 8080, name: 'grpc' }] });
    const svc = service('email', 'emailservice', { ports: [{ port: 5000, targetPort: 'grpc', name: 'grpc' }] });
    const world = worldWith({ pods: [p], services: [svc] });
    const [port] = servicePorts(svc);
    expect(serviceEndpoints(world, svc)).toEqual([p]);
    expect(port && resolveTargetPort(port, p)).toBe(8080);
  });

  it('adds the namespaces objects live in, and the root namespace', () => {
    const world = worldWith({ policies: [peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } })], namespaces: ['empty'] });
    expect(world.list('Namespace').map((n) => n.metadata.name)).toEqual(['empty', 'frontend', 'istio-system']);
  });

  it('stamps createdAt in seconds after FIXTURE_EPOCH, with deterministic uids', () => {
    const a = destinationRule('frontend', 'frontend', { host: 'frontend' }, { createdAt: 5 });
    const b = destinationRule('frontend', 'frontend', { host: 'frontend' }, { createdAt: 5 });
    expect(a.metadata.creationTimestamp).toBe(FIXTURE_EPOCH + 5);
    expect(a.metadata.uid).toBe(b.metadata.uid);
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('builds a gateway pod that runs the proxy as a router', () => {
    expect(gatewayPod('istio-system', 'istio-ingressgateway-1').spec?.containers).toMatchObject([{ name: 'istio-proxy', args: ['proxy', 'router'] }]);
  });
});
