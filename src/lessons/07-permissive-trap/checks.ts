import { enforcedPolicies, fromPod, principalOf } from '../checks.ts';
import { findProbePod } from '../probe.ts';
import { getPath } from '../../domain/objects.ts';
import type { AppliedPolicy } from '../../domain/policies/authorizationTypes.ts';
import { resolveServerMode } from '../../domain/resolution/resolveServerMode.ts';
import type { World } from '../../domain/world.ts';
import type { CustomChecks } from '../scenario/evaluate.ts';
import type { CheckResult, ProbeSpec } from '../types.ts';

/** cartservice's gRPC port: the Service port and the container port are both 7070. */
const CART_PORT = 7070;
export const CART_URL = `http://cartservice.cart.svc.cluster.local:${CART_PORT}/`;

/** The two workloads that call the cart in Online Boutique's call graph. */
export const CART_CALLERS: readonly { name: string; from: ProbeSpec['from']; principal: string }[] = [
  { name: 'frontend', from: fromPod('frontend', 'frontend'), principal: principalOf('frontend', 'frontend') },
  { name: 'checkoutservice', from: fromPod('checkout', 'checkoutservice'), principal: principalOf('checkout', 'checkout') },
];

/** The cart's inbound mode on its port, or undefined without a pod. */
export function cartMode(world: World): string | undefined {
  const pod = findProbePod(world, 'cart', 'cartservice');
  return pod ? resolveServerMode(world, pod, CART_PORT).mode : undefined;
}

/** The policies of this action the cart's sidecar enforces. */
function cartPolicies(world: World, action: 'ALLOW' | 'DENY'): AppliedPolicy[] {
  return enforcedPolicies(world, 'cart', 'cartservice', action);
}

/** Whether a policy's rules name callers by `principals` (the positive form) somewhere. */
function namesPrincipals(world: World, policy: AppliedPolicy): boolean {
  const rules = getPath(world.get('AuthorizationPolicy', policy.namespace, policy.name)?.spec, 'rules');
  return Array.isArray(rules) && rules.some((rule) => {
    const from = getPath(rule, 'from');
    return Array.isArray(from) && from.some((f) => Array.isArray(getPath(f, 'source', 'principals')));
  });
}

/** Passes when some of these policies apply to the cart, naming them; `what` names the kind of policy (Japanese: as it follows `される`). */
function applied(policies: readonly AppliedPolicy[], what: { en: string; ja: string }): CheckResult {
  const names = policies.map((p) => `${p.namespace}/${p.name}`).join(', ');
  return policies.length > 0
    ? { pass: true, detail: { en: `The cart enforces ${names}.`, ja: `cart には ${names} が適用されています。` } }
    : { pass: false, detail: { en: `No ${what.en} applies to the cart.`, ja: `cart に適用される${what.ja}はありません。` } };
}

/** What the lesson's checks cannot say declaratively: whether a DENY the cart enforces names callers by `principals`. */
export const customChecks: CustomChecks = {
  'cart-deny-by-principals': (ctx) =>
    applied(cartPolicies(ctx.world, 'DENY').filter((p) => namesPrincipals(ctx.world, p)), { en: 'DENY policy that names principals', ja: 'プリンシパルを指定した DENY ポリシー' }),
};
