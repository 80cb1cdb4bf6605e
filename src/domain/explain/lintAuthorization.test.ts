import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import type { JsonObject } from '../objects.ts';
import { authorizationPolicy, peerAuthentication } from '../testing/fixtures.ts';
import type { World } from '../world.ts';
import { lintMesh } from './lintMesh.ts';
import { renderLine } from './messages.ts';

// kiali business/checkers/authorization_policies_checker.go, checkers/authorization/*.go and
// models/istio_validation.go (codes, texts, severities).
function lint(setup: (w: World) => void) {
  const world = createDefaultWorld();
  setup(world);
  return lintMesh(world);
}

const rows = (findings: ReturnType<typeof lintMesh>) => findings.map((f) => `${f.code} ${f.severity} ${f.object.namespace}/${f.object.name} ${f.path}`);
const policy = (ns: string, name: string, spec: JsonObject) => (w: World) => w.put(authorizationPolicy(ns, name, spec));

describe('lintMesh: AuthorizationPolicy', () => {
  it('finds nothing for the policies the zero-trust lesson writes', () => {
    expect(lint((w) => {
      w.put(authorizationPolicy('cart', 'allow-nothing', {}));
      w.put(authorizationPolicy('cart', 'allow-checkout', {
        selector: { matchLabels: { app: 'cartservice' } },
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/checkout/sa/checkout', 'cluster.local/ns/frontend/sa/*'], namespaces: ['checkout', 'front*'] } }], to: [{ operation: { methods: ['POST', 'GE*'], hosts: ['cartservice', 'cartservice.cart.svc.cluster.local:7070'] } }] }],
      }));
    })).toEqual([]);
  });

  it('flags each field Kiali flags, with its code, path and severity', () => {
    const findings = lint(policy('cart', 'typos', {
      selector: { matchLabels: { app: 'cart' } },
      rules: [{
        from: [{ source: { namespaces: ['checkout', 'chekout'], principals: ['cluster.local/ns/checkout/sa/default', 'spiffe://cluster.local/ns/checkout/sa/checkout'] } }],
        to: [{ operation: { methods: ['GET', 'FETCH', '/hipstershop.CartService/GetCart'], hosts: ['cart', 'cartservice.cart'] } }],
      }],
    }));
    expect(rows(findings)).toEqual([
      'KIA0004 warning cart/typos spec/selector/matchLabels',
      'KIA0101 warning cart/typos spec/rules[0]/from[0]/source/namespaces[1]',
      'KIA0106 error cart/typos spec/rules[0]/from[0]/source/principals[0]',
      'KIA0108 warning cart/typos spec/rules[0]/from[0]/source/principals[1]',
      'KIA0102 warning cart/typos spec/rules[0]/to[0]/operation/methods[1]',
      'KIA0102 warning cart/typos spec/rules[0]/to[0]/operation/methods[2]',
      'KIA0104 warning cart/typos spec/rules[0]/to[0]/operation/hosts[0]',
    ]);
    expect(findings.map((f) => f.message.text)).toEqual([
      'No matching workload found for the selector in this namespace',
      'Namespace not found for this rule',
      'Service Account not found for this principal',
      'Unable to verify principal, trust domain is not known to Kiali',
      'Only HTTP methods and Istio wildcards are allowed',
      'Only HTTP methods and Istio wildcards are allowed',
      'This host has no matching entry in the service registry',
    ]);
    expect(findings[0]?.actualEffect.text).toBe('It applies to no pod: nothing in cart has the labels app=cart. It changes nothing.');
    expect(findings[4]?.actualEffect.text).toContain('no request is sent with FETCH');
    expect(findings[6]?.actualEffect.text).toContain('no Service is cart.cart.svc.cluster.local');
    for (const f of findings) expect(renderLine(f.actualEffect, 'ja')).not.toBe('');
  });

  it('says a root-namespace selector is mesh-wide although Kiali looks only in its namespace (KIA0004)', () => {
    const findings = lint(policy('istio-system', 'frontend-only', { selector: { matchLabels: { app: 'frontend' } }, rules: [{}] }));
    expect(rows(findings)).toEqual(['KIA0004 warning istio-system/frontend-only spec/selector/matchLabels']);
    expect(findings[0]?.actualEffect.text).toMatch(/^Istio applies a root-namespace policy with a selector in every namespace: the labels app=frontend select 1 pod \(frontend\/frontend-/);
  });

  it('reports KIA0105 on identity fields only where mTLS is off for the policy (auto mTLS counts PERMISSIVE as on)', () => {
    const rule = { from: [{ source: { principals: ['cluster.local/ns/frontend/sa/frontend'], notNamespaces: ['default'] } }], when: [{ key: 'source.namespace', values: ['frontend'] }, { key: 'request.headers[x-user]', values: ['a'] }] };
    expect(lint((w) => {
      w.put(peerAuthentication('cart', 'default', { mtls: { mode: 'PERMISSIVE' } }));
      w.put(authorizationPolicy('cart', 'by-identity', { rules: [rule] }));
    })).toEqual([]);
    const findings = lint((w) => {
      w.put(peerAuthentication('cart', 'default', { mtls: { mode: 'DISABLE' } }));
      w.put(authorizationPolicy('cart', 'by-identity', { rules: [rule] }));
    });
    expect(rows(findings)).toEqual([
      'KIA0105 error cart/by-identity spec/rules[0]/from[0]/source/principals',
      'KIA0105 error cart/by-identity spec/rules[0]/from[0]/source/notNamespaces',
      'KIA0105 error cart/by-identity spec/rules[0]/when[0]',
    ]);
    expect(findings[0]?.message.text).toBe('This field requires mTLS to be enabled');
    // A workload policy that is STRICT for the selected labels wins over the namespace's DISABLE.
    expect(lint((w) => {
      w.put(peerAuthentication('cart', 'default', { mtls: { mode: 'DISABLE' } }));
      w.put(peerAuthentication('cart', 'cart-strict', { selector: { matchLabels: { app: 'cartservice' } }, mtls: { mode: 'STRICT' } }));
      w.put(authorizationPolicy('cart', 'by-identity', { selector: { matchLabels: { app: 'cartservice' } }, rules: [rule] }));
    })).toEqual([]);
    // A mesh-wide DISABLE reaches every namespace without its own policy.
    expect(rows(lint((w) => {
      w.put(peerAuthentication('istio-system', 'default', { mtls: { mode: 'DISABLE' } }));
      w.put(authorizationPolicy('cart', 'by-identity', { rules: [{ from: [{ source: { namespaces: ['frontend'] } }] }] }));
    }))).toEqual(['KIA0105 error cart/by-identity spec/rules[0]/from[0]/source/namespaces']);
  });
});
