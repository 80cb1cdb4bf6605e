import { FRONTEND_SERVICE_URL, addressesService, enforcedPolicies, fromPod, isDeniedByPolicy, isFromOutside, principalOf } from '../checks.ts';
import { probe } from '../probe.ts';
import type { AppliedPolicy } from '../../domain/policies/authorizationTypes.ts';
import { parseUrl } from '../../domain/traffic/request.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import type { ProbeSpec } from '../types.ts';

/** The ingress gateway's principal: its pods run as the `istio-ingressgateway` service account of `istio-system`. */
export const GATEWAY_PRINCIPAL = principalOf('istio-system', 'istio-ingressgateway');

/** A meshed workload that never calls the frontend: a request from its pod is a direct in-mesh caller. */
export const FROM_CATALOG_POD = fromPod('product-catalog', 'productcatalogservice');

/** The page the DENY freezes. */
export const CHECKOUT_PATH = '/cart/checkout';

/** The policies of this action the frontend's sidecar enforces. */
export function frontendPolicies(world: World, action: 'ALLOW' | 'DENY'): AppliedPolicy[] {
  return enforcedPolicies(world, 'frontend', 'frontend', action);
}

/** Whether a request from `from` to the frontend's Service is refused by a policy now. */
export function frontendRefuses(world: World, from: ProbeSpec['from']): boolean {
  return isDeniedByPolicy(probe(world, from, FRONTEND_SERVICE_URL));
}

/** A request for the checkout page, however it reached the frontend. */
export function isCheckoutRequest(trace: Trace): boolean {
  return parseUrl(trace.url)?.path.split('?')[0] === CHECKOUT_PATH;
}

/** A request a meshed pod sent straight to the frontend's Service, over its sidecar's mTLS. */
export function isInMeshToFrontend(trace: Trace): boolean {
  return !isFromOutside(trace) && addressesService(trace, 'frontend', 'frontend') && trace.hops[0]?.clientSends === 'ISTIO_MUTUAL';
}
