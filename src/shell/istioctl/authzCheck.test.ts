/**
 * `istioctl x authz check` against what istiod 1.26 builds: istio/istio 1.26.4
 * pilot/pkg/security/authz/builder/builder.go (`build`, `buildHTTP`, `buildTCP`,
 * `getBadCustomDenyRules`, `policyName`), pilot/pkg/security/authz/model/model.go (`checkError`: an
 * ALLOW rule with an HTTP-only field is skipped on a TCP filter chain) and istioctl/pkg/authz/listener.go
 * (`Print`: an RBAC filter without rules is `_anonymous_match_nothing_` under its action, ALLOW when
 * the rules are absent; shadow rules count only with the `istio-ext-authz-` prefix).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { newMeta } from '../../domain/cluster/newMeta.ts';
import type { JsonObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import { argvOf, runHandler, servicesFor } from '../testing/runHandler.ts';
import { createIstioctl } from './istioctl.ts';

function check(world: World, target: string): string {
  const { stdout, stderr } = runHandler(createIstioctl(servicesFor(world)), argvOf(`istioctl x authz check ${target}`));
  expect(stderr).toBe('');
  return stdout;
}

function addPolicy(world: World, namespace: string, name: string, spec: JsonObject, annotations: Record<string, string> = {}): void {
  world.put({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: newMeta(world, name, namespace, { annotations }), spec });
}

const DRY_RUN = { 'istio.io/dry-run': 'true' };

describe('istioctl x authz check', () => {
  it('shows CUSTOM without a provider as the DENY istiod falls back to, AUDIT as LOG, and root-namespace selectors that match', () => {
    const world = createDefaultWorld();
    addPolicy(world, 'istio-system', 'mesh-audit', { action: 'AUDIT', selector: { matchLabels: { app: 'frontend' } }, rules: [{ to: [{ operation: { paths: ['/cart*'] } }] }] });
    addPolicy(world, 'istio-system', 'cart-only', { selector: { matchLabels: { app: 'cartservice' } }, rules: [{}] });
    addPolicy(world, 'frontend', 'ext', { action: 'CUSTOM', provider: { name: 'my-authz' }, rules: [{ to: [{ operation: { paths: ['/admin*'] } }] }, { from: [{ source: { namespaces: ['x'] } }] }] });
    addPolicy(world, 'frontend', 'gateway-only', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shop' }], rules: [{}] });
    addPolicy(world, 'frontend', 'principals', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/loadgenerator/sa/loadgenerator'] } }] }] });
    expect(check(world, 'deployment/frontend.frontend')).toBe(
      'ACTION   AuthorizationPolicy       RULES\n' +
      'DENY     ext.frontend              2\n' +
      'ALLOW    principals.frontend       1\n' +
      'LOG      mesh-audit.istio-system   1\n',
    );
  });

  it('adds the anonymous ALLOW when every ALLOW rule needs HTTP: the sidecar\'s TCP chains get none', () => {
    const world = createDefaultWorld();
    addPolicy(world, 'frontend', 'get-only', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    expect(check(world, 'deployment/frontend -n frontend')).toBe(
      'ACTION   AuthorizationPolicy         RULES\n' +
      'ALLOW    _anonymous_match_nothing_   1\n' +
      'ALLOW    get-only.frontend           1\n',
    );
    // The ingress gateway has HTTP listeners only.
    addPolicy(world, 'istio-system', 'gw-get', { selector: { matchLabels: { istio: 'ingressgateway' } }, rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    expect(check(world, 'deployment/istio-ingressgateway.istio-system')).toBe(
      'ACTION   AuthorizationPolicy   RULES\n' +
      'ALLOW    gw-get.istio-system   1\n',
    );
  });

  it('leaves dry-run policies out (shadow rules), so an action with only dry-run policies reads as the anonymous ALLOW', () => {
    const world = createDefaultWorld();
    addPolicy(world, 'frontend', 'deny-all-dry', { action: 'DENY', rules: [{}] }, DRY_RUN);
    expect(check(world, 'deployment/frontend.frontend')).toBe('ACTION   AuthorizationPolicy         RULES\nALLOW    _anonymous_match_nothing_   1\n');
    addPolicy(world, 'frontend', 'deny-post', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['POST'] } }] }] });
    addPolicy(world, 'frontend', 'allow-dry', { rules: [{}] }, { 'istio.io/dry-run': 'True' });
    addPolicy(world, 'frontend', 'not-dry', { rules: [{}] }, { 'istio.io/dry-run': 'yes' });
    expect(check(world, 'deployment/frontend.frontend')).toBe(
      'ACTION   AuthorizationPolicy   RULES\n' +
      'DENY     deny-post.frontend    1\n' +
      'ALLOW    not-dry.frontend      1\n',
    );
  });
});
