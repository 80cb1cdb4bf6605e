import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import type { KubeObject } from '../../domain/objects.ts';
import { authorizationPolicy, destinationRule, peerAuthentication, pod } from '../../domain/testing/fixtures.ts';
import type { World } from '../../domain/world.ts';
import { MemoryFs } from '../bash/memoryFs.ts';
import type { VirtualFs } from '../types.ts';
import { createIstioctl } from './istioctl.ts';
import { argvOf, runHandler, servicesFor } from '../testing/runHandler.ts';

function run(world: World, line: string | string[], fs: VirtualFs = undefined as never) {
  const { stdout, stderr, exitCode } = runHandler(createIstioctl(servicesFor(world, fs)), argvOf(line), fs ? { fs } : {});
  return { stdout, stderr, exitCode };
}

const IST0102_DEFAULT = "Info [IST0102] (Namespace default) The namespace is not enabled for Istio injection. Run 'kubectl label namespace default istio-injection=enabled' to enable it, or 'kubectl label namespace default istio-injection=disabled' to explicitly mark it as not needing injection.";

function brokenVirtualService(): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: destinationRule('frontend', 'broken', {}).metadata,
    spec: { hosts: ['*'], gateways: ['missing-gateway'], http: [{ route: [{ destination: { host: 'frontend', port: { number: 8080 } } }] }] },
  };
}

describe('istioctl analyze', () => {
  it('prints an empty line and the clean verdict on stderr for a clean namespace', () => {
    expect(run(createDefaultWorld(), 'istioctl analyze -n frontend')).toEqual({
      stdout: '\n',
      stderr: '\u2714 No validation issues found when analyzing namespace: frontend.\n',
      exitCode: 0,
    });
  });

  it('analyzes the default namespace, whose injection label is missing (Info: exit 0)', () => {
    expect(run(createDefaultWorld(), 'istioctl analyze')).toEqual({ stdout: `${IST0102_DEFAULT}\n`, stderr: '', exitCode: 0 });
  });

  it('flags the tutorial DestinationRule for frontend.demo.svc.cluster.local (IST0174, a warning)', () => {
    const world = createDefaultWorld();
    world.put(peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' } }));
    world.put(destinationRule('frontend', 'frontend', { host: 'frontend.demo.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }));
    expect(run(world, 'istioctl analyze -n frontend')).toEqual({
      stdout: 'Warning [IST0174] (DestinationRule frontend/frontend) The host frontend.demo.svc.cluster.local defined in the DestinationRule does not match any services in the mesh.\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('does not flag a DestinationRule whose short host names a real service', () => {
    const world = createDefaultWorld();
    world.put(destinationRule('frontend', 'frontend', { host: 'frontend' }));
    expect(run(world, 'istioctl analyze -n frontend').stdout).toBe('\n');
  });

  it('fails with exit 79 and the closing lines when an error is found, errors sorted first', () => {
    const world = createDefaultWorld();
    world.put(brokenVirtualService());
    world.put(destinationRule('frontend', 'frontend', { host: 'frontend.demo.svc.cluster.local' }));
    expect(run(world, 'istioctl analyze -n frontend')).toEqual({
      stdout: [
        'Error [IST0101] (VirtualService frontend/broken) Referenced gateway not found: "missing-gateway"',
        'Error [IST0101] (VirtualService frontend/broken) Referenced host:port not found: "frontend:8080"',
        'Warning [IST0174] (DestinationRule frontend/frontend) The host frontend.demo.svc.cluster.local defined in the DestinationRule does not match any services in the mesh.',
        '',
      ].join('\n'),
      stderr: 'Error: Analyzers found issues when analyzing namespace: frontend.\nSee https://istio.io/v1.26/docs/reference/config/analysis for more information about causes and resolutions.\n',
      exitCode: 79,
    });
  });

  it('fails on warnings too with --failure-threshold Warning', () => {
    const world = createDefaultWorld();
    world.put(destinationRule('frontend', 'frontend', { host: 'frontend.demo.svc.cluster.local' }));
    expect(run(world, 'istioctl analyze -n frontend --failure-threshold Warning').exitCode).toBe(79);
  });

  it('reports a pod without sidecar in an injected namespace (IST0103), not the opted-out testcurl', () => {
    const world = createDefaultWorld();
    world.put(pod('frontend', 'debug-shell', { sidecar: false }));
    expect(run(world, 'istioctl analyze -A')).toEqual({
      stdout: `Warning [IST0103] (Pod frontend/debug-shell) The pod frontend/debug-shell is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.\n${IST0102_DEFAULT}\n`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('analyzes all namespaces with -A and names the target in the verdict', () => {
    const world = createDefaultWorld();
    world.put({ ...world.get('Namespace', '', 'default')!, metadata: { ...world.get('Namespace', '', 'default')!.metadata, labels: { 'istio-injection': 'disabled' } } });
    expect(run(world, 'istioctl analyze --all-namespaces')).toEqual({
      stdout: '\n',
      stderr: '\u2714 No validation issues found when analyzing all namespaces.\n',
      exitCode: 0,
    });
  });

  it('suppresses a message with -S', () => {
    expect(run(createDefaultWorld(), ['istioctl', 'analyze', '-S', 'IST0102=Namespace default']).stdout).toBe('\n');
  });

  it('says so on stderr for a namespace that does not exist, exit 0', () => {
    expect(run(createDefaultWorld(), 'istioctl analyze -n nope')).toEqual({ stdout: '', stderr: 'namespace "nope" not found\n', exitCode: 0 });
  });

  it('cannot reach the cluster without credentials', () => {
    const r = run(createDefaultWorld({ credentials: false }), 'istioctl analyze');
    expect(r.stderr).toBe('Error: Get "http://localhost:8080/api/v1/namespaces/default": dial tcp [::1]:8080: connect: connection refused\n');
    expect(r.exitCode).toBe(1);
  });

  it('analyzes a manifest file as if applied, before it reaches the cluster', () => {
    const fs = new MemoryFs({ files: { '/home/learner/dr.yaml': 'apiVersion: networking.istio.io/v1alpha3\nkind: DestinationRule\nmetadata:\n  name: frontend\nspec:\n  host: frontend.demo.svc.cluster.local\n' } });
    const world = createDefaultWorld();
    const r = run(world, 'istioctl analyze -n frontend dr.yaml', fs);
    expect(r.stdout).toBe('Warning [IST0174] (DestinationRule frontend/frontend) The host frontend.demo.svc.cluster.local defined in the DestinationRule does not match any services in the mesh.\n');
    expect(world.list('DestinationRule')).toEqual([]);
    expect(run(world, 'istioctl analyze -n frontend missing.yaml', fs)).toEqual({ stdout: '', stderr: 'Error: stat missing.yaml: no such file or directory\n', exitCode: 1 });
  });
});

// istio 1.26.4 pkg/config/analysis/analyzers/authz/authorizationpolicies.go with msg/messages.yaml IST0127 and IST0101.
describe('istioctl analyze: AuthorizationPolicy', () => {
  it('warns of a selector no in-mesh pod matches (IST0127) and errors on a source namespace that does not exist (IST0101)', () => {
    const world = createDefaultWorld();
    world.put(authorizationPolicy('frontend', 'old-app', { selector: { matchLabels: { version: 'v2', app: 'frontend' } }, rules: [{ from: [{ source: { namespaces: ['loadgenerator', 'shop-*', 'ghost'], notNamespaces: ['*-system', 'gone'] } }] }] }));
    world.put(authorizationPolicy('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } } }));
    expect(run(world, 'istioctl analyze -n frontend')).toEqual({
      stdout:
        'Error [IST0101] (AuthorizationPolicy frontend/old-app) Referenced namespace not found: "ghost"\n' +
        'Error [IST0101] (AuthorizationPolicy frontend/old-app) Referenced namespace not found: "gone"\n' +
        'Error [IST0101] (AuthorizationPolicy frontend/old-app) Referenced namespace not found: "shop-*"\n' +
        'Warning [IST0127] (AuthorizationPolicy frontend/old-app) No matching workloads for this resource with the following labels: app=frontend,version=v2\n',
      stderr: 'Error: Analyzers found issues when analyzing namespace: frontend.\nSee https://istio.io/v1.26/docs/reference/config/analysis for more information about causes and resolutions.\n',
      exitCode: 79,
    });
  });

  it('looks mesh-wide for a root-namespace selector, skips a selectorless root policy, and needs in-mesh pods for a namespace-wide one', () => {
    const world = createDefaultWorld();
    world.put(authorizationPolicy('istio-system', 'mesh-frontend', { selector: { matchLabels: { app: 'frontend' } } }));
    world.put(authorizationPolicy('istio-system', 'mesh-nobody', { selector: { matchLabels: { app: 'nobody' } } }));
    world.put(authorizationPolicy('istio-system', 'mesh-wide', {}));
    // testcurl runs without a sidecar in a namespace without injection: not in the mesh.
    world.put(authorizationPolicy('default', 'allow-nothing', {}));
    expect(run(world, 'istioctl analyze -A').stdout).toContain(
      'Warning [IST0127] (AuthorizationPolicy default/allow-nothing) No matching workloads for this resource with the following labels: \n' +
      'Warning [IST0127] (AuthorizationPolicy istio-system/mesh-nobody) No matching workloads for this resource with the following labels: app=nobody\n',
    );
    expect(run(world, 'istioctl analyze -A').stdout).not.toMatch(/mesh-frontend|mesh-wide/);
  });
});
