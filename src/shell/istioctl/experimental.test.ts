/**
 * istioctl experimental check-inject, authz check and precheck, as istioctl 1.26 prints them. Sources:
 * - ISTIO  istio/istio 1.26.4 istioctl/pkg/checkinject/checkinject.go (`analyzeWebhooksMatchStatus`,
 *          `extractMatchedSelectorInfo`, `printCheckInjectorResults`), istioctl/pkg/writer/table/writer.go
 *          (`Flush`: widths in bytes of the coloured cell, padding in runes, two spaces apart),
 *          manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml (the four
 *          webhooks of the default revision), istioctl/pkg/authz/authz.go and listener.go (`Print`:
 *          DENY, ALLOW, LOG, CUSTOM; `_anonymous_match_nothing_`; tabwriter padding 3),
 *          istioctl/pkg/precheck/precheck.go (the healthy-cluster line on stderr).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { newMeta } from '../../domain/cluster/newMeta.ts';
import type { JsonObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import { MemoryFs } from '../bash/memoryFs.ts';
import { complete } from '../complete.ts';
import { argvOf, runHandler, servicesFor } from '../testing/runHandler.ts';
import { createIstioctl } from './istioctl.ts';

function run(world: World, line: string) {
  const { stdout, stderr, exitCode } = runHandler(createIstioctl(servicesFor(world)), argvOf(line));
  return { stdout, stderr, exitCode };
}

const HEADER = 'WEBHOOK                 REVISION  INJECTED      REASON\n';
const row = (mark: string, reason: string) => `istio-sidecar-injector  default   ${mark}             ${reason}\n`;

function addPolicy(world: World, namespace: string, name: string, spec: JsonObject): void {
  world.put({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: newMeta(world, name, namespace), spec });
}

describe('istioctl x check-inject', () => {
  it('says why a pod of an injection-enabled namespace is injected', () => {
    expect(run(createDefaultWorld(), 'istioctl x check-inject deployment/frontend -n frontend')).toEqual({
      stdout: HEADER + row('\u2714', 'Namespace label istio-injection=enabled matches'),
      stderr: '',
      exitCode: 0,
    });
  });

  it('lists the labels that would select the webhook when nothing matches', () => {
    expect(run(createDefaultWorld(), 'istioctl experimental check-inject testcurl').stdout).toBe(
      HEADER + row('\u2718', 'No matching namespace labels (istio.io/rev=default, istio-injection=enabled) or pod labels (istio.io/rev=default, sidecar.istio.io/inject=true)'),
    );
  });

  it('checks label pairs before a pod exists, and names the label that prevents injection', () => {
    const world = createDefaultWorld();
    expect(run(world, 'istioctl x check-inject -n frontend -l app=web,sidecar.istio.io/inject=false').stdout).toBe(HEADER + row('\u2718', 'Pod has sidecar.istio.io/inject=false label, preventing injection'));
    expect(run(world, 'istioctl x check-inject -n default -l sidecar.istio.io/inject=true').stdout).toBe(HEADER + row('\u2714', 'Pod label sidecar.istio.io/inject=true matches'));
    const cart = world.get('Namespace', '', 'cart');
    if (cart) world.put({ ...cart, metadata: { ...cart.metadata, labels: { ...cart.metadata.labels, 'istio-injection': 'disabled' } } });
    expect(run(world, 'istioctl x check-inject -n cart -l app=cartservice').stdout).toBe(HEADER + row('\u2718', 'Namespace has istio-injection=disabled label, preventing injection'));
  });

  it('needs a resource or labels, and reports a missing pod', () => {
    const world = createDefaultWorld();
    expect(run(world, 'istioctl x check-inject')).toEqual({ stdout: '', stderr: 'Error: check-inject requires only [<resource-type>/]<resource-name>[.<namespace>], or specify labels flag\n', exitCode: 1 });
    expect(run(world, 'istioctl x check-inject nope')).toEqual({ stdout: '', stderr: 'Error: pods "nope" not found\n', exitCode: 1 });
  });
});

describe('istioctl x authz check', () => {
  it('prints only the header when no AuthorizationPolicy applies', () => {
    expect(run(createDefaultWorld(), 'istioctl x authz check deployment/frontend -n frontend')).toEqual({ stdout: 'ACTION   AuthorizationPolicy   RULES\n', stderr: '', exitCode: 0 });
  });

  it('lists the policies that select the pod: DENY first, rules counted, allow-nothing under its own name', () => {
    const world = createDefaultWorld();
    addPolicy(world, 'istio-system', 'deny-delete', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['DELETE'] } }] }, { from: [{ source: { namespaces: ['x'] } }] }] });
    addPolicy(world, 'frontend', 'allow-nothing', {});
    addPolicy(world, 'frontend', 'other-app', { selector: { matchLabels: { app: 'other' } }, rules: [{}] });
    addPolicy(world, 'cart', 'elsewhere', { rules: [{}] });
    expect(run(world, 'istioctl x authz check deployment/frontend.frontend').stdout).toBe(
      'ACTION   AuthorizationPolicy        RULES\n' +
      'DENY     deny-delete.istio-system   2\n' +
      'ALLOW    allow-nothing.frontend     1\n',
    );
    addPolicy(world, 'frontend', 'allow-get', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }], action: 'ALLOW' });
    expect(run(world, 'istioctl x authz check deployment/frontend -n frontend').stdout).toContain('ALLOW    allow-get.frontend         1\n');
  });

  it('fails for a pod without an Envoy', () => {
    expect(run(createDefaultWorld(), 'istioctl x authz check testcurl')).toEqual({ stdout: '', stderr: 'Error: failed to get config dump from pod testcurl in default\n', exitCode: 1 });
  });
});

describe('istioctl x precheck', () => {
  it('prints the healthy-cluster line on stderr and exits 0', () => {
    expect(run(createDefaultWorld(), 'istioctl x precheck')).toEqual({
      stdout: '',
      stderr: '\u2714 No issues found when checking the cluster. Istio is safe to install or upgrade!\n  To get started, check out https://istio.io/latest/docs/setup/getting-started/.\n',
      exitCode: 0,
    });
  });

  it('cannot reach the cluster without credentials', () => {
    const r = run(createDefaultWorld({ credentials: false }), 'istioctl x precheck');
    expect(r.stderr).toBe('Error: failed to get the Kubernetes version: Get "http://localhost:8080/version": dial tcp [::1]:8080: connect: connection refused\n');
    expect(r.exitCode).toBe(1);
  });
});

describe('Tab completion of the experimental commands', () => {
  it('offers authz, check-inject, describe and precheck after x, check after authz, then the pods', () => {
    const world = createDefaultWorld();
    const fs = new MemoryFs();
    expect(complete(world, fs, 'istioctl x ').options).toEqual(['authz', 'check-inject', 'describe', 'precheck']);
    expect(complete(world, fs, 'istioctl experimental ch').insert).toBe('eck-inject ');
    expect(complete(world, fs, 'istioctl x authz ').options).toEqual(['check']);
    expect(complete(world, fs, 'istioctl x check-inject -n frontend fr').insert).toBe(`${(world.list('Pod', 'frontend')[0]?.metadata.name ?? '').slice(2)} `);
    expect(complete(world, fs, 'istioctl x authz check test').options).toEqual(['testcurl']);
  });
});
