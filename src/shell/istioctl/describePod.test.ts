import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import type { KubeObject } from '../../domain/objects.ts';
import { destinationRule, peerAuthentication, pod } from '../../domain/testing/fixtures.ts';
import type { World } from '../../domain/world.ts';
import { createIstioctl } from './istioctl.ts';
import { argvOf, runHandler, servicesFor } from '../testing/runHandler.ts';

function run(world: World, line: string | string[]) {
  const { stdout, stderr, exitCode } = runHandler(createIstioctl(servicesFor(world)), argvOf(line));
  return { stdout, stderr, exitCode };
}

function frontendPod(world: World): string {
  const [fe] = world.list('Pod', 'frontend');
  if (!fe) throw new Error('no frontend pod');
  return fe.metadata.name;
}

/** The tutorial's objects, as kubectl apply would store them. */
const tutorial = {
  namespacePolicy: (ns: string): KubeObject => ({ ...peerAuthentication(ns, 'namespace-policy', { mtls: { mode: 'STRICT' } }), apiVersion: 'security.istio.io/v1beta1' }),
  workloadPolicy: (): KubeObject => ({ ...peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' } }), apiVersion: 'security.istio.io/v1beta1' }),
  demoDestinationRule: (): KubeObject => ({ ...destinationRule('frontend', 'frontend', { host: 'frontend.demo.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }), apiVersion: 'networking.istio.io/v1alpha3' }),
  meshWide: (): KubeObject => peerAuthentication('istio-system', 'mesh-wide', { mtls: { mode: 'STRICT' } }),
};

const gatewayTail = `--------------------
Exposed on Ingress Gateway http://34.136.92.187
VirtualService: frontend-ingress
   1 HTTP route(s)
`;

function frontendHead(name: string): string {
  return `Pod: ${name}
   Pod Revision: default
   Pod Ports: 8080 (server), 15090 (istio-proxy)
--------------------
Service: frontend
   Port: http 80/HTTP targets pod port 8080
--------------------
Service: frontend-external
   Port: http 80/HTTP targets pod port 8080
--------------------
`;
}

describe('istioctl experimental describe pod', () => {
  it('shows PERMISSIVE, no applied policy, and the ingress exposure when no policy exists', () => {
    const world = createDefaultWorld();
    const name = frontendPod(world);
    const r = run(world, `istioctl x describe pod ${name} -n frontend`);
    expect(r).toEqual({
      stdout: `${frontendHead(name)}Effective PeerAuthentication:\n   Workload mTLS mode: PERMISSIVE\n${gatewayTail}`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('shows the tutorial namespace policy as STRICT and applied', () => {
    const world = createDefaultWorld();
    world.put(tutorial.namespacePolicy('frontend'));
    const name = frontendPod(world);
    const r = run(world, `istioctl experimental describe pod ${name} -n frontend`);
    expect(r.stdout).toBe(`${frontendHead(name)}Effective PeerAuthentication:\n   Workload mTLS mode: STRICT\nApplied PeerAuthentication:\n   namespace-policy.frontend\n${gatewayTail}`);
  });

  it('does not show the tutorial DestinationRule for frontend.demo, which matches no service', () => {
    const world = createDefaultWorld();
    world.put(tutorial.workloadPolicy());
    world.put(tutorial.demoDestinationRule());
    const name = frontendPod(world);
    const r = run(world, `istioctl x describe pod ${name} -n frontend`);
    expect(r.stdout).not.toContain('DestinationRule');
    expect(r.stdout).toContain('   Workload mTLS mode: STRICT\nApplied PeerAuthentication:\n   frontend.frontend\n');
  });

  it('shows a DestinationRule whose host does match, with its TLS mode', () => {
    const world = createDefaultWorld();
    world.put(destinationRule('frontend', 'frontend', { host: 'frontend.frontend.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }));
    const name = frontendPod(world);
    const r = run(world, `istioctl x describe pod ${name} -n frontend`);
    expect(r.stdout).toContain('Service: frontend\n   Port: http 80/HTTP targets pod port 8080\nDestinationRule: frontend for "frontend.frontend.svc.cluster.local"\n   Traffic Policy TLS Mode: ISTIO_MUTUAL\n--------------------\n');
  });

  it('shows a mesh-wide policy from the root namespace', () => {
    const world = createDefaultWorld();
    world.put(tutorial.meshWide());
    const name = frontendPod(world);
    const r = run(world, `istioctl x describe pod ${name} -n frontend`);
    expect(r.stdout).toContain('   Workload mTLS mode: STRICT\nApplied PeerAuthentication:\n   mesh-wide.istio-system\n');
  });

  it('lists every matching policy but reports the narrowest mode (workload DISABLE beats mesh STRICT)', () => {
    const world = createDefaultWorld();
    world.put(tutorial.meshWide());
    world.put(peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'DISABLE' } }));
    const r = run(world, `istioctl x describe pod ${frontendPod(world)} -n frontend`);
    expect(r.stdout).toContain('   Workload mTLS mode: DISABLE\nApplied PeerAuthentication:\n   mesh-wide.istio-system, frontend.frontend\n');
  });

  it('prints port-level modes of the winning workload policy, sorted by port', () => {
    const world = createDefaultWorld();
    world.put(peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 9000: { mode: 'DISABLE' }, 8080: {} } }));
    const r = run(world, `istioctl x describe pod ${frontendPod(world)} -n frontend`);
    expect(r.stdout).toContain('   Workload mTLS mode: STRICT\n   Port Level mTLS mode:\n      8080: STRICT\n      9000: DISABLE\n');
  });

  it('names objects `name.namespace` when the pod is given as POD.NS', () => {
    const world = createDefaultWorld();
    const name = frontendPod(world);
    const r = run(world, `istioctl x describe pod ${name}.frontend`);
    expect(r.stdout).toMatch(new RegExp(`^Pod: ${name}\\.frontend\n`));
    expect(r.stdout).toContain('Service: frontend.frontend\n');
    expect(r.stdout).toContain('VirtualService: frontend-ingress.frontend\n');
  });

  it('fails like istioctl on the sidecar-less testcurl pod', () => {
    const world = createDefaultWorld();
    const r = run(world, 'istioctl x describe pod testcurl');
    expect(r.stdout).toBe(`Pod: testcurl
   Pod Revision: 
   Pod does not expose ports
WARNING: testcurl is not part of mesh; no Istio sidecar
Warning: No Kubernetes Services select pod testcurl (see https://istio.io/docs/setup/kubernetes/additional-setup/requirements/ )
--------------------
`);
    expect(r.stderr).toMatch(/\terror\tklog\tan error occurred forwarding (\d+) -> 15000: .*connect: connection refused \n/);
    expect(r.stderr).toMatch(/\nError: failed to execute command on sidecar: failure running port forward process: Get "http:\/\/localhost:\d+\/config_dump": EOF\n$/);
    expect(r.exitCode).toBe(1);
  });

  it('with --ignoreUnmeshed, skips the mesh warnings and the config dump', () => {
    const world = createDefaultWorld();
    const r = run(world, 'istioctl x describe pod testcurl --ignoreUnmeshed');
    expect(r.stdout).toBe('Pod: testcurl\n   Pod Revision: \n   Pod does not expose ports\n--------------------\n--------------------\nEffective PeerAuthentication:\n   Workload mTLS mode: PERMISSIVE\n');
    expect(r.exitCode).toBe(0);
  });

  it('reports an unknown pod as the API server does', () => {
    const r = run(createDefaultWorld(), 'istioctl x describe pod nope -n frontend');
    expect(r).toEqual({ stdout: '', stderr: 'Error: pods "nope" not found\n', exitCode: 1 });
  });

  it('looks the pod up in the default namespace without -n', () => {
    const world = createDefaultWorld();
    const r = run(world, `istioctl x describe pod ${frontendPod(world)}`);
    expect(r.stderr).toBe(`Error: pods "${frontendPod(world)}" not found\n`);
  });

  it('requires a pod name', () => {
    expect(run(createDefaultWorld(), 'istioctl x describe pod')).toEqual({ stdout: '', stderr: 'Error: expecting pod name\n', exitCode: 1 });
  });

  it('cannot reach the cluster without credentials', () => {
    const world = createDefaultWorld({ credentials: false });
    const r = run(world, 'istioctl x describe pod frontend-abc -n frontend');
    expect(r.stderr).toBe('Error: Get "http://localhost:8080/api/v1/namespaces/frontend/pods/frontend-abc": dial tcp [::1]:8080: connect: connection refused\n');
    expect(r.exitCode).toBe(1);
  });

  it('describes a pod with no Service and a missing telemetry label', () => {
    const world = createDefaultWorld();
    world.put(pod('frontend', 'lonely', { labels: { run: 'lonely' } }));
    const r = run(world, 'istioctl x describe pod lonely -n frontend');
    expect(r.stdout).toContain('Pod Ports: 8080 (server), 15090 (istio-proxy)\nSuggestion: add required service name label for Istio telemetry.');
    expect(r.stdout).toContain('Warning: No Kubernetes Services select pod lonely');
  });
});

describe('istioctl experimental describe service', () => {
  it('describes the Service from its first meshed pod, with the gateway exposure', () => {
    const r = run(createDefaultWorld(), 'istioctl x describe svc frontend -n frontend');
    expect(r.stdout).toBe(`Service: frontend\n   Port: http 80/HTTP targets pod port 8080\n${gatewayTail}`);
  });

  it('says when a Service has no pods', () => {
    const world = createDefaultWorld();
    const r = run(world, 'istioctl x describe service kubernetes');
    expect(r.stdout).toBe('Service "kubernetes" has no pods.\n');
  });
});
