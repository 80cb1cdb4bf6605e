import { AUTHORIZATION_POLICY } from './authorizationPolicyKind.ts';
import { DESTINATION_RULE } from './destinationRule.ts';
import { GATEWAY } from './gateway.ts';
import { PEER_AUTHENTICATION } from './peerAuthentication.ts';
import type { PolicyKindModule } from './policyKind.ts';
import { VIRTUAL_SERVICE } from './virtualService.ts';

/**
 * The Istio policy kinds, one module each. KINDS, the schema tables, the validation stages, the
 * mesh configuration list, `kubectl get`'s columns and `istioctl analyze` read them from here:
 * adding a kind is its module and one line below.
 */
export const POLICY_KINDS: readonly PolicyKindModule[] = [
  PEER_AUTHENTICATION,
  DESTINATION_RULE,
  AUTHORIZATION_POLICY,
  VIRTUAL_SERVICE,
  GATEWAY,
];

const byKind = new Map(POLICY_KINDS.map((m) => [m.info.kind, m]));

/** The module of a policy kind, or undefined for any other kind. */
export function policyKindModule(kind: string): PolicyKindModule | undefined {
  return byKind.get(kind);
}
