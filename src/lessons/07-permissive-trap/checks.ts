import { addressesService, enforcedPolicies, fromPod, isDeniedByPolicy, isFromNamespace, principalOf, reachesApp } from '../checks.ts';
import { findProbePod, probe } from '../probe.ts';
import { getPath } from '../../domain/objects.ts';
import type { AppliedPolicy } from '../../domain/policies/authorizationTypes.ts';
import { resolveServerMode } from '../../domain/resolution/resolveServerMode.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import type { ProbeSpec } from '../types.ts';

/** cartservice's gRPC port: the Service port and the container port are both 7070. */
export const CART_PORT = 7070;
export const CART_URL = `http://cartservice.cart.svc.cluster.local:${CART_PORT}/`;

/** The two workloads that call the cart in Online Boutique's call graph. */
export const CART_CALLERS: readonly { name: string; from: ProbeSpec['from']; principal: string }[] = [
  { name: 'frontend', from: fromPod('frontend', 'frontend'), principal: principalOf('frontend', 'frontend') },
  { name: 'checkoutservice', from: fromPod('checkout', 'checkoutservice'), principal: principalOf('checkout', 'checkout') },
];

/** testcurl's identity, had it one: the `default` service account of the `default` namespace. */
export const TESTCURL_PRINCIPAL = principalOf('default', 'default');

/** The cart's inbound mode on its port, or undefined without a pod. */
export function cartMode(world: World): string | undefined {
  const pod = findProbePod(world, 'cart', 'cartservice');
  return pod ? resolveServerMode(world, pod, CART_PORT).mode : undefined;
}

/** The callers the cart refuses now (by policy, or by anything else that keeps them from the app). */
export function refusedCallers(world: World): string[] {
  return CART_CALLERS.filter((c) => !reachesApp(probe(world, c.from, CART_URL))).map((c) => c.name);
}

/** A request testcurl sent to the cart. */
export function isTestcurlToCart(trace: Trace): boolean {
  return isFromNamespace(trace, 'default') && addressesService(trace, 'cart', 'cartservice');
}

/** Whether a request from `from` to the cart is refused by a policy now. */
export function cartRefuses(world: World, from: ProbeSpec['from']): boolean {
  return isDeniedByPolicy(probe(world, from, CART_URL));
}

/** The policies of this action the cart's sidecar enforces. */
export function cartPolicies(world: World, action: 'ALLOW' | 'DENY'): AppliedPolicy[] {
  return enforcedPolicies(world, 'cart', 'cartservice', action);
}

/** Whether a policy's rules name callers by `principals` (the positive form) somewhere. */
export function namesPrincipals(world: World, policy: AppliedPolicy): boolean {
  const rules = getPath(world.get('AuthorizationPolicy', policy.namespace, policy.name)?.spec, 'rules');
  return Array.isArray(rules) && rules.some((rule) => {
    const from = getPath(rule, 'from');
    return Array.isArray(from) && from.some((f) => Array.isArray(getPath(f, 'source', 'principals')));
  });
}
