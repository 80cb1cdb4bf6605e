import { enforcedPolicies, principalOf } from '../checks.ts';
import type { AppliedPolicy } from '../../domain/policies/authorizationTypes.ts';
import type { World } from '../../domain/world.ts';
import type { CheckContext, CheckResult } from '../types.ts';
import type { CustomChecks } from '../scenario/evaluate.ts';

/** The ingress gateway's principal: its pods run as the `istio-ingressgateway` service account of `istio-system`. */
export const GATEWAY_PRINCIPAL = principalOf('istio-system', 'istio-ingressgateway');

/** The policies of this action the frontend's sidecar enforces. */
export function frontendPolicies(world: World, action: 'ALLOW' | 'DENY'): AppliedPolicy[] {
  return enforcedPolicies(world, 'frontend', 'frontend', action);
}

/** A check that some policy of this action applies to the frontend (dry-run policies decide nothing, so they do not count). */
const enforces = (action: 'ALLOW' | 'DENY') => ({ world }: CheckContext): CheckResult => {
  const names = frontendPolicies(world, action).map((p) => p.name).join(', ');
  if (names === '') return { pass: false, detail: { en: `No ${action} policy applies to the frontend.`, ja: `frontend に適用される ${action} ポリシーはありません。` } };
  return { pass: true, detail: { en: `The frontend enforces ${names}.`, ja: `frontend には ${names} が適用されています。` } };
};

/** What the lesson's checks cannot say declaratively: which AuthorizationPolicies the frontend's sidecar enforces. */
export const customChecks: CustomChecks = { 'frontend-allow': enforces('ALLOW'), 'frontend-deny': enforces('DENY') };
