import type { AppliedPolicy, AuthzDecision, AuthzDecisionCode, AuthzNote, RuleMatch } from '../policies/authorizationTypes.ts';

/**
 * A trace is the engine's account of one request: every hop, what each side decided and why, and
 * how it ended. Views and machines only play traces; they never decide anything themselves.
 * The `#trace` JSON printed by `sim --trace` is a stable subset of this (see toTraceJson).
 */

/** What a client sends on a hop. */
export type ClientSends = 'ISTIO_MUTUAL' | 'PLAINTEXT' | 'SIMPLE_TLS' | 'MUTUAL_TLS';

/** The server's effective inbound mode on the hop's port, or NO_SIDECAR when no proxy listens. */
export type ServerMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'NO_SIDECAR';

/**
 * How a hop ended.
 * - ok: the server accepted the connection and answered (see httpCode for its status).
 * - reset: the server sidecar found no filter chain and reset the TCP connection.
 * - 503: the client's own sidecar answered 503 because the upstream connection failed.
 * - tls_error: a TLS handshake failed (e.g. secure naming), reported as 503 by a client sidecar.
 * - refused: nothing listens on that port.
 * - timeout: no route to the address; the connection never completes.
 * - protocol_error: TLS bytes reached a plaintext HTTP listener.
 * - denied: the server's proxy (sidecar or ingress gateway) refused the request by
 *   AuthorizationPolicy: `403 RBAC: access denied` over HTTP, a closed connection over TCP.
 */
export type HopOutcome = 'ok' | 'reset' | '503' | 'tls_error' | 'refused' | 'timeout' | 'protocol_error' | 'denied';

export type HandshakeStepKind =
  | 'tcp_connect'
  | 'client_hello'
  | 'server_certificate'
  | 'certificate_request'
  | 'client_certificate'
  | 'secure_naming'
  | 'established'
  | 'plaintext'
  | 'reset'
  | 'http_request'
  | 'http_response'
  | 'authorization';

/** One step of a connection, in wire order. */
export interface HandshakeStep {
  kind: HandshakeStepKind;
  /** Who acts in this step. */
  actor: 'client' | 'server';
  ok: boolean;
  /** One sentence for the handshake view, e.g. `ClientHello SNI outbound_.80_._.frontend.frontend.svc.cluster.local`. */
  text: string;
  /** Machine-readable details: sni, alpn, spiffe, expected, code… */
  data?: Record<string, string | number | string[]>;
}

/** Names the object and field that made a decision, so the UI can open the YAML at that field. */
export interface Cause {
  kind: 'PeerAuthentication' | 'DestinationRule' | 'AuthorizationPolicy' | 'Service' | 'Pod' | 'VirtualService' | 'Gateway' | 'Namespace' | 'MeshConfig';
  namespace: string;
  name: string;
  /** JSON path of the deciding field, e.g. `spec.mtls.mode` or `spec.portLevelMtls.8080.mode`. */
  field?: string;
}

/**
 * A sentence of the engine: a stable code and its parameters, from which each language's catalog
 * renders it (domain/reasons/). `text` is the English one, rendered once by `phrase`/`reason`
 * (domain/reasons/reason.ts) and never written by hand. A parameter that is a sentence itself is a
 * nested phrase. Without `params` only the English text exists (a handshake step the explainer
 * shows as the engine wrote it).
 */
export interface Phrase {
  code: string;
  text: string;
  params?: PhraseParams;
}

/** Plain values are facts (names, ports) or codes (modes, levels); nested phrases are sentences. */
export type PhraseParams = Readonly<Record<string, string | number | Phrase>>;

/** A decision with its reason: a code with parameters, its English sentence, and what decided it. */
export interface Reason extends Phrase {
  params: PhraseParams;
  causes: Cause[];
}

export interface Hop {
  /** `<ns>/<pod>`, or `external/browser`, `external/cloudshell` for clients outside the cluster. */
  from: string;
  /** `<ns>/<pod>` of the server endpoint. */
  to: string;
  /** The target container port on the server pod. */
  port: number;
  /** Service hostname and port the client addressed, when it went through a Service. */
  service?: string;
  servicePort?: number;
  /** A LoadBalancer or gateway Service the hop entered through, e.g. `frontend/frontend-external`. */
  via?: string;
  /** `http` or `grpc`, what the application speaks on this hop. */
  protocol: 'http' | 'grpc';
  clientSends: ClientSends;
  clientReason: Reason;
  serverMode: ServerMode;
  serverReason: Reason;
  outcome: HopOutcome;
  /** The HTTP status the client side of this hop observed; 0 when no response arrived. */
  httpCode: number;
  /** Why the hop ended as it did (e.g. `NR filter_chain_not_found`). */
  outcomeReason: Reason;
  handshake: HandshakeStep[];
  /** Index of the hop whose server made this call (page fan-out), or -1 for the first hop. */
  parent: number;
  /**
   * The AuthorizationPolicy decision of the server's proxy, when the request reached one (a sidecar
   * or the ingress gateway) and at least one policy applies to it.
   */
  authz?: HopAuthz;
}

/** What the enforcing proxy decided about a request, and who it took the caller to be. */
export interface HopAuthz {
  allowed: boolean;
  code: AuthzDecisionCode;
  /** The caller's principal as the proxy saw it (from its mTLS certificate); absent over plaintext. */
  principal?: string;
  /** The rule that allowed or denied, when one did. */
  match?: RuleMatch;
  /** `rbac_access_denied_matched_policy[...]`'s content when denied. */
  deniedBy?: string;
  applied: AppliedPolicy[];
  dryRun?: AuthzDecision['dryRun'];
  /** Per action with dry-run policies, what its RBAC filter's shadow rules matched. */
  shadow?: AuthzDecision['shadow'];
  notes: AuthzNote[];
}

/** What a browser tab shows for a page request. */
/**
 * What the browser tab shows: the shop, its error page, plain text, or one of Chrome's network and
 * TLS error pages (ERR_CONNECTION_RESET, _REFUSED, _TIMED_OUT, _CLOSED, ERR_SSL_PROTOCOL_ERROR,
 * ERR_BAD_SSL_CLIENT_AUTH_CERT, NET::ERR_CERT_AUTHORITY_INVALID).
 */
export type PageView = 'storefront' | 'error-page' | 'connection-reset' | 'connection-refused' | 'timed-out' | 'connection-closed' | 'ssl-protocol-error' | 'ssl-client-auth' | 'cert-invalid' | 'plain';

export interface Trace {
  /** Who sent it: `external/browser`, `external/cloudshell`, or `<ns>/<pod>[/<container>]`. */
  from: string;
  url: string;
  method: string;
  /** What the originating client received; 0 when no HTTP response arrived (curl prints 000). */
  httpCode: number;
  /** The exit status curl would return (0, 6, 7, 28, 52, 56…). */
  curlExit: number;
  /** curl's error text for a non-zero exit, e.g. `Recv failure: Connection reset by peer`. */
  curlError?: string;
  /** An https:// request whose TLS handshake a sidecar or an application ended: who, and why (probeTls). */
  tlsReason?: Reason;
  hops: Hop[];
  /** The response body the client received. */
  body: string;
  responseHeaders: [string, string][];
  page: PageView;
  /** Where the request came from in the product: a command, a browser tab, or background traffic. */
  origin: 'command' | 'browser' | 'background';
  /** Envoy access-log lines the request left behind, per pod (`recordAccessLogs` stores them). */
  accessLogs: AccessLogEntry[];
  /**
   * The world's generator state before and after the request chose among a Service's endpoints;
   * absent when no choice was made. Simulating never changes the world; recording the request
   * moves the generator on (`recordAccessLogs`), so probes and predictions draw what the next
   * real request will.
   */
  spread?: { from: number; to: number };
}

export interface AccessLogEntry {
  namespace: string;
  pod: string;
  container: string;
  text: string;
}

/** The index of the first hop that did not end `ok`, or -1 when every hop succeeded. */
export function failingHopIndex(trace: Pick<Trace, 'hops'>): number {
  return trace.hops.findIndex((h) => h.outcome !== 'ok');
}

/** A hop's authorization in `#trace`: allowed or not, the decision's code, and the deciding rule. */
function authzJson(authz: HopAuthz): Record<string, string | number | boolean> {
  const m = authz.match;
  return {
    allowed: authz.allowed,
    code: authz.code,
    ...(m ? { policy: `${m.policy.namespace}/${m.policy.name}`, ...(m.rule === undefined ? {} : { rule: m.rule }) } : {}),
    ...(authz.principal ? { principal: authz.principal } : {}),
  };
}

/** The stable JSON of one trace, as `sim --trace` prints it after `#trace `. */
export function toTraceJson(trace: Trace): string {
  return JSON.stringify({
    from: trace.from,
    url: trace.url,
    httpCode: trace.httpCode,
    curlExit: trace.curlExit,
    hops: trace.hops.map((h) => ({
      from: h.from,
      to: h.to,
      port: h.port,
      ...(h.service ? { service: h.service } : {}),
      clientSends: h.clientSends,
      clientSendsBecause: h.clientReason.text,
      serverMode: h.serverMode,
      serverModeBecause: h.serverReason.text,
      outcome: h.outcome,
      httpCode: h.httpCode,
      ...(h.authz ? { authz: authzJson(h.authz) } : {}),
    })),
  });
}
