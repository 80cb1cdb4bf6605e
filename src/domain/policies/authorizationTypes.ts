import type { KubeObject } from '../objects.ts';

/*
 * What an AuthorizationPolicy decision reads and returns. The evaluation lives in
 * authorizationPolicy.ts; the traffic engine calls it on the server side of every hop a proxy
 * terminates (a sidecar's inbound listener, or the ingress gateway's), after the handshake.
 */

/** The request (or connection) as the enforcing proxy's RBAC filter sees it. */
export interface AuthzRequest {
  /** The pod whose proxy enforces: the server's sidecar, or the ingress gateway pod. */
  pod: KubeObject;
  /** The port the proxy received on (`destination.port`, `to.operation.ports`). */
  port: number;
  /**
   * `http` when the proxy's filter chain for this port parses HTTP (HTTP and gRPC ports, and
   * sniffed HTTP); `tcp` when it only sees a TCP stream (HTTP-only fields cannot be evaluated).
   */
  protocol: 'http' | 'tcp';
  /**
   * The peer's principal from its mTLS certificate, without `spiffe://`
   * (`cluster.local/ns/frontend/sa/frontend`); undefined when the connection is plaintext.
   */
  principal?: string;
  /** The direct peer's address (`source.ip`, `ipBlocks`). */
  sourceIp: string;
  /** The original client's address (`remote.ip`, `remoteIpBlocks`); the direct peer's unless a trusted proxy said otherwise. */
  remoteIp: string;
  /** HTTP only: the method (`POST` for gRPC). */
  method: string;
  /** HTTP only: the path with its query string (Istio matches the path without the query). */
  path: string;
  /** HTTP only: the Host / :authority header, with its port when the client sent one. */
  host: string;
  /** HTTP only: request headers, names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** The SNI of the TLS connection, when there is one (`connection.sni`). */
  sni?: string;
}

/** One policy that applies to the enforcing workload. */
export interface AppliedPolicy {
  namespace: string;
  name: string;
  action: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';
  /** `istio.io/dry-run: "true"`: evaluated, logged, and never enforced. */
  dryRun: boolean;
  /** How it came to apply: its namespace's policy for every workload, a selector that matches, or the root namespace's. */
  scope: 'namespace' | 'selector' | 'root' | 'root-selector';
}

/** Where a rule matched, or why the decisive rule did not. */
export interface RuleMatch {
  policy: AppliedPolicy;
  /** Index in `spec.rules`; undefined when the policy has no rules at all. */
  rule?: number;
  /** Envoy's policy name, as in `rbac_access_denied_matched_policy[...]`: `ns[N]-policy[P]-rule[i]`. */
  envoyName: string;
  /** JSON path of the field that decided (e.g. `spec.rules[0].from[0].source.principals`). */
  field?: string;
}

/** The code of a decision: what made the proxy allow or deny. */
export type AuthzDecisionCode =
  /** No ALLOW, DENY or CUSTOM policy applies: everything is allowed. */
  | 'allow.no-policy'
  /** A rule of an ALLOW policy matched, and nothing denied first. */
  | 'allow.matched'
  /** DENY (or CUSTOM) policies apply, none of their rules matched, and no ALLOW policy applies. */
  | 'allow.no-deny-match'
  /** A DENY (or CUSTOM without its provider) rule matched. */
  | 'deny.matched'
  /** ALLOW policies apply and none of their rules matched (this includes allow-nothing, `spec: {}`). */
  | 'deny.no-allow-match';

export interface AuthzDecision {
  allowed: boolean;
  code: AuthzDecisionCode;
  /** The matching rule for `allow.matched` and `deny.matched`. */
  match?: RuleMatch;
  /** Every policy that applies to the workload, enforced or dry-run, in evaluation order. */
  applied: AppliedPolicy[];
  /**
   * `rbac_access_denied_matched_policy[...]`'s content when denied: the DENY rule's Envoy name, or
   * `none` when no ALLOW rule matched.
   */
  deniedBy?: string;
  /** What the dry-run policies would have decided, when any applies. */
  dryRun?: { allowed: boolean; code: AuthzDecisionCode; match?: RuleMatch };
  /**
   * Per action that has dry-run policies, what its RBAC filter's shadow engine matched: its rules are
   * that action's dry-run policies alone (the first matching rule by Envoy name, or null).
   */
  shadow?: Partial<Record<'CUSTOM' | 'DENY' | 'ALLOW', RuleMatch | null>>;
  /**
   * Facts a learner needs to read the decision: the caller has no principal (plaintext), HTTP-only
   * fields were dropped on a TCP port, a CUSTOM policy has no provider…; stable codes with parameters.
   */
  notes: AuthzNote[];
}

export interface AuthzNote {
  code:
    | 'no-principal'
    | 'http-fields-on-tcp'
    | 'custom-no-provider'
    | 'target-ref-ignored'
    | 'audit-only';
  policy?: { namespace: string; name: string };
  /** JSON path of the field concerned, when one is. */
  field?: string;
}
