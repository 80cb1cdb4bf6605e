import type { Cause, ClientSends, Reason } from '../traffic/trace.ts';

/** A PeerAuthentication mode after UNSET has been resolved. */
export type EffectiveMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** The level a server-side decision came from. */
export type PolicyLevel = 'default' | 'mesh' | 'namespace' | 'workload' | 'port';

/** Why one candidate PeerAuthentication did or did not decide. */
export interface ConsideredPolicy {
  namespace: string;
  name: string;
  /** The level the policy would have by its namespace and selector. */
  level: 'mesh' | 'namespace' | 'workload' | 'ignored';
  /** What happened to it. */
  verdict: 'applied' | 'inherited-unset' | 'overridden' | 'ignored-newer' | 'ignored-root-selector' | 'selector-mismatch';
  /** The mode it declares (UNSET when absent). */
  declaredMode: 'UNSET' | EffectiveMode;
  text: string;
}

/** The server side: the inbound mode for one workload, on one container port or for the workload. */
export interface ServerModeDecision {
  mode: EffectiveMode;
  level: PolicyLevel;
  reason: Reason;
  /** Every candidate policy, mesh first, with what happened to it. */
  considered: ConsideredPolicy[];
}

/** The client side: what a sidecar or gateway sends to one endpoint of a service. */
export interface ClientTlsDecision {
  sends: ClientSends;
  /** How it was decided. */
  source: 'destination-rule' | 'auto-mtls' | 'auto-mtls-no-sidecar' | 'auto-mtls-disabled-port' | 'auto-mtls-service-disabled';
  reason: Reason;
  /** The DestinationRule that decided, or that was found but had no tls for this port. */
  destinationRule?: Cause;
  /** SNI for ISTIO_MUTUAL: `outbound_.<port>_.<subset>_.<host>`. */
  sni?: string;
  /** The SPIFFE IDs the client accepts from the server (secure naming). */
  subjectAltNames: string[];
}

/** A DestinationRule that applies to a service host for a client, and how it was found. */
export interface DestinationRuleMatch {
  namespace: string;
  name: string;
  /** The host as written in the rule, and expanded to an FQDN. */
  host: string;
  fqdn: string;
  /** Where it was found: the client's namespace, the service's, or the root namespace. */
  foundIn: 'client-namespace' | 'service-namespace' | 'root-namespace';
}
