import { enforcedPolicies, principalOf } from '../checks.ts';
import type { AppliedPolicy } from '../../domain/policies/authorizationTypes.ts';
import type { World } from '../../domain/world.ts';

/** The ingress gateway's principal: its pods run as the `istio-ingressgateway` service account of `istio-system`. */
export const GATEWAY_PRINCIPAL = principalOf('istio-system', 'istio-ingressgateway');

/** The policies of this action the frontend's sidecar enforces. */
export function frontendPolicies(world: World, action: 'ALLOW' | 'DENY'): AppliedPolicy[] {
  return enforcedPolicies(world, 'frontend', 'frontend', action);
}
