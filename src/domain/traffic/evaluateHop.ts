import type { KubeObject } from '../objects.ts';
import { perObject } from '../perObject.ts';
import { hasSidecar, podIP, podServiceAccount, spiffeId } from '../cluster/pods.ts';
import { listenerProtocol, servicePortProtocol } from '../envoy/istioProtocol.ts';
import { evaluateAuthorization } from '../policies/authorizationPolicy.ts';
import type { AuthzDecision } from '../policies/authorizationTypes.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import { type ServicePort, serviceHost } from '../cluster/services.ts';
import { resolveClientTls } from '../resolution/resolveClientTls.ts';
import { resolveServerMode } from '../resolution/resolveServerMode.ts';
import type { ClientTlsDecision } from '../resolution/types.ts';
import type { World } from '../world.ts';
import { englishText, reason } from '../reasons/reason.ts';
import type { Cause, ClientSends, HandshakeStep, Hop, HopAuthz, HopOutcome, Reason, ServerMode } from './trace.ts';

/** The client end of a hop: a bare process (no proxy on its path), or a sidecar or gateway proxy. */
export type HopClient =
  /** `pod`: the pod a bare in-cluster process runs in (its IP is the server's downstream address). */
  | { type: 'plain'; label: string; reason: Reason; identity?: undefined; pod?: KubeObject }
  | { type: 'proxy'; proxyKind: 'sidecar' | 'gateway'; label: string; pod: KubeObject };

export interface HopRequest {
  client: HopClient;
  endpoint: KubeObject;
  /** Target container port on the endpoint. */
  port: number;
  service?: KubeObject;
  servicePort?: ServicePort;
  via?: string;
  /** Set when the client proxy has no service cluster for the address and forwards it as-is. */
  passthrough?: Reason;
  protocol: 'http' | 'grpc';
  parent: number;
  /** The HTTP request on this hop, for the server's AuthorizationPolicy (`GET /` to the host when absent). */
  http?: HopHttp;
  /** The original client's address when a proxy forwarded for it (`X-Forwarded-For`, `remote.ip`). */
  remoteIp?: string;
}

/** What an enforcing proxy reads of the HTTP request. */
export interface HopHttp {
  method: string;
  path: string;
  authority: string;
  /** Request headers, names in lower case. */
  headers: Readonly<Record<string, string>>;
}

/** What the client side of the hop observed. */
export type ClientObservation =
  | { kind: 'delivered' }
  | { kind: 'reset' }
  /** `details`: Envoy's %RESPONSE_CODE_DETAILS% when the server's proxy answered (`rbac_access_denied_matched_policy[…]`). */
  | { kind: 'local-reply'; code: number; body: string; flags: string; details?: string; grpcStatus?: number };

export interface HopResult {
  hop: Hop;
  observation: ClientObservation;
}

/** The address a client connects from, as the server sees it. */
export function sourceIp(client: HopClient): string {
  // A bare process in a pod connects from the pod's IP; only traffic from outside the cluster
  // arrives from the node (GKE's L4 load balancer SNATs it with externalTrafficPolicy: Cluster).
  return client.pod ? (podIP(client.pod) ?? '0.0.0.0') : '10.128.0.1';
}

/** `<ns>/<pod>`: one string per pod object, shared by the hops and traces that name it. */
export function podLabel(pod: KubeObject): string {
  return labelByPod(pod);
}

const labelByPod = perObject((pod: KubeObject) => `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`);

/** The SPIFFE ID in a pod's certificate, one string per pod object. */
function identityOf(trustDomain: string, pod: KubeObject): string {
  let id = identities.get(pod);
  if (id === undefined || id.trustDomain !== trustDomain) {
    id = { trustDomain, spiffe: spiffeId(trustDomain, pod.metadata.namespace ?? '', podServiceAccount(pod)) };
    identities.set(pod, id);
  }
  return id.spiffe;
}

const identities = new WeakMap<KubeObject, { trustDomain: string; spiffe: string }>();

const UPSTREAM_RESET = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';
const WRONG_VERSION = 'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: 268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER';
const VERIFY_FAILED = 'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: 268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED';
const CERT_REQUIRED = 'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: 268436648:SSL routines:OPENSSL_internal:TLSV1_ALERT_CERTIFICATE_REQUIRED';

function decideClient(world: World, req: HopRequest): { sends: ClientSends; reason: Reason; decision?: ClientTlsDecision } {
  const { client } = req;
  if (client.type === 'plain') return { sends: 'PLAINTEXT', reason: client.reason };
  if (req.passthrough || !req.service || !req.servicePort) {
    return { sends: 'PLAINTEXT', reason: req.passthrough ?? reason('passthrough', { client: client.label }) };
  }
  const decision = resolveClientTls(
    world,
    { namespace: client.pod.metadata.namespace ?? '', kind: client.proxyKind },
    req.service,
    req.servicePort.port,
    req.endpoint,
    req.port,
  );
  return { sends: decision.sends, reason: decision.reason, decision };
}

function decideServer(world: World, req: HopRequest): { mode: ServerMode; reason: Reason } {
  const pod = req.endpoint;
  if (isGatewayPod(pod) || !hasSidecar(pod)) return noSidecar(pod, req.port);
  const decision = resolveServerMode(world, pod, req.port);
  return { mode: decision.mode, reason: decision.reason };
}

/** By pod object and port: what a server without a sidecar decides never changes. */
const withoutSidecar = new WeakMap<KubeObject, Map<number, { mode: ServerMode; reason: Reason }>>();

function noSidecar(pod: KubeObject, port: number): { mode: ServerMode; reason: Reason } {
  let byPort = withoutSidecar.get(pod);
  if (!byPort) withoutSidecar.set(pod, (byPort = new Map()));
  let decision = byPort.get(port);
  if (!decision) {
    const cause: Cause = { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name };
    decision = isGatewayPod(pod)
      ? { mode: 'NO_SIDECAR', reason: reason('gateway.listener', { pod: podLabel(pod), port }, [cause]) }
      : { mode: 'NO_SIDECAR', reason: reason('server.no-sidecar', { pod: podLabel(pod) }, [cause]) };
    byPort.set(port, decision);
  }
  return decision;
}

/**
 * Evaluates one connection from a client to a server pod: what the client sends and why, what the
 * server requires and why, the handshake, and the result (istio-mtls-semantics.md §3).
 */
export function evaluateHop(world: World, req: HopRequest): HopResult {
  const client = decideClient(world, req);
  const server = decideServer(world, req);
  const host = req.service ? serviceHost(req.service) : undefined;
  const to = podLabel(req.endpoint);
  const serverId = identityOf(world.trustDomain, req.endpoint);
  const clientId = req.client.type === 'proxy' ? identityOf(world.trustDomain, req.client.pod) : undefined;
  const conn: Connection = { client, server, host, to, serverId, clientId, port: req.port, servicePort: req.servicePort?.port, via: req.via, sidecarClient: req.client.type === 'proxy' };
  const handshake = connect(conn);
  const authz = handshake.observation.kind === 'delivered' ? authorize(world, req, handshake, clientId) : undefined;
  const { outcome, outcomeReason, observation } = authz?.denial ?? handshake;
  // A denied request never reaches the application: the handshake's last step (the HTTP request) goes.
  const steps = authz?.denial ? handshake.steps.filter((step) => step.kind !== 'http_request') : handshake.steps;
  const hop: Hop = {
    from: req.client.label,
    to,
    port: req.port,
    ...(host ? { service: host, servicePort: req.servicePort?.port ?? req.port } : {}),
    ...(req.via ? { via: req.via } : {}),
    protocol: req.protocol,
    clientSends: client.sends,
    clientReason: client.reason,
    serverMode: server.mode,
    serverReason: server.reason,
    outcome,
    httpCode: observation.kind === 'local-reply' ? observation.code : 0,
    outcomeReason,
    handshake: authz ? [...steps, authorizationStep(authz.decision)] : steps,
    parent: req.parent,
    ...(authz ? { authz: authz.decision } : {}),
  };
  return { hop, observation };
}

/**
 * Whether the enforcing proxy parses HTTP on this hop: the inbound filter chain is a TCP proxy for a
 * port Istio declares TCP (by name or appProtocol), an HTTP connection manager otherwise (declared
 * or sniffed HTTP, which is what every request here sends).
 */
function authzProtocol(req: HopRequest): 'http' | 'tcp' {
  return req.servicePort && listenerProtocol(servicePortProtocol(req.servicePort)) === 'TCP' ? 'tcp' : 'http';
}

/** The proxy that enforces AuthorizationPolicy for the hop's server: its sidecar, or the gateway itself. */
function enforces(pod: KubeObject): boolean {
  return isGatewayPod(pod) || hasSidecar(pod);
}

/**
 * The server proxy's RBAC filter, after the handshake delivered the request: the principal is the
 * client's certificate identity when the hop is mutual TLS, and absent over plaintext
 * (Istio security best practices, "Use mTLS STRICT with authorization policies").
 */
function authorize(world: World, req: HopRequest, shaken: Handshake, clientId: string | undefined): { decision: HopAuthz; denial?: Omit<Handshake, 'steps'> } | undefined {
  if (!enforces(req.endpoint)) return undefined;
  const mtls = shaken.steps.some((step) => step.kind === 'established');
  const principal = mtls && clientId ? clientId.replace(/^spiffe:\/\//, '') : undefined;
  const host = req.service ? serviceHost(req.service) : podLabel(req.endpoint);
  const http = req.http ?? { method: 'GET', path: '/', authority: host, headers: {} };
  const protocol = authzProtocol(req);
  const decision = evaluateAuthorization(world, {
    pod: req.endpoint,
    port: req.port,
    protocol,
    ...(principal ? { principal } : {}),
    sourceIp: sourceIp(req.client),
    remoteIp: req.remoteIp ?? sourceIp(req.client),
    method: http.method,
    path: http.path,
    host: http.authority,
    headers: http.headers,
    ...(mtls ? { sni: `outbound_.${req.servicePort?.port ?? req.port}_._.${host}` } : {}),
  });
  if (decision.applied.length === 0) return undefined;
  const authz = hopAuthz(decision, principal);
  if (decision.allowed) return { decision: authz };
  const to = podLabel(req.endpoint);
  const causes = authzCauses(decision);
  const outcomeReason = decision.code === 'deny.matched' && decision.match
    ? reason('authz.denied', { to, action: decision.match.policy.action, policy: `${decision.match.policy.namespace}/${decision.match.policy.name}` }, causes)
    : reason('authz.no-allow-match', { to, principal: principal ? 1 : 0 }, causes);
  const details = `rbac_access_denied_matched_policy[${decision.deniedBy ?? 'none'}]`;
  const observation: ClientObservation = protocol === 'tcp'
    ? { kind: 'reset' }
    // Envoy answers in gRPC form only to a gRPC request (content-type application/grpc), whatever the port.
    : (http.headers['content-type'] ?? '').startsWith('application/grpc')
      ? { kind: 'local-reply', code: 200, body: 'RBAC: access denied', flags: '-', details, grpcStatus: 7 }
      : { kind: 'local-reply', code: 403, body: 'RBAC: access denied', flags: '-', details };
  return { decision: authz, denial: { outcome: 'denied', outcomeReason, observation } };
}

function hopAuthz(decision: AuthzDecision, principal: string | undefined): HopAuthz {
  return {
    allowed: decision.allowed,
    code: decision.code,
    ...(principal ? { principal } : {}),
    ...(decision.match ? { match: decision.match } : {}),
    ...(decision.deniedBy ? { deniedBy: decision.deniedBy } : {}),
    applied: decision.applied,
    ...(decision.dryRun ? { dryRun: decision.dryRun } : {}),
    ...(decision.shadow ? { shadow: decision.shadow } : {}),
    notes: decision.notes,
  };
}

/** The policies behind a decision: the matching rule's, or every enforced ALLOW policy when none matched. */
function authzCauses(decision: AuthzDecision): Cause[] {
  if (decision.match) {
    const { policy, rule, field } = decision.match;
    return [{ kind: 'AuthorizationPolicy', namespace: policy.namespace, name: policy.name, field: field ?? (rule === undefined ? 'spec' : `spec.rules[${rule}]`) }];
  }
  return decision.applied
    .filter((p) => p.action === 'ALLOW' && !p.dryRun)
    .map((p) => ({ kind: 'AuthorizationPolicy' as const, namespace: p.namespace, name: p.name, field: 'spec.rules' }));
}

/** The handshake view's last step: what the server's proxy decided about the request. */
function authorizationStep(authz: HopAuthz): HandshakeStep {
  const who = authz.principal ?? 'no principal (plaintext)';
  const rule = authz.match ? `${authz.match.policy.namespace}/${authz.match.policy.name}${authz.match.rule === undefined ? '' : ` rule ${authz.match.rule}`}` : undefined;
  const text = authz.allowed
    ? `Authorization: ${rule ? `allowed by ${rule}` : 'allowed'} for ${who}`
    : `Authorization: denied${rule ? ` by ${rule}` : ' (no ALLOW rule matches)'} for ${who}`;
  return {
    kind: 'authorization', actor: 'server', ok: authz.allowed, text,
    data: { code: authz.code, principal: authz.principal ?? '', ...(authz.deniedBy ? { policy: authz.deniedBy } : {}) },
  };
}

/** Everything the handshake and the outcome of a hop depend on. */
interface Connection {
  client: { sends: ClientSends; reason: Reason; decision?: ClientTlsDecision };
  server: { mode: ServerMode; reason: Reason };
  host: string | undefined;
  to: string;
  serverId: string;
  clientId: string | undefined;
  port: number;
  servicePort: number | undefined;
  via: string | undefined;
  sidecarClient: boolean;
}

interface Handshake {
  steps: HandshakeStep[];
  outcome: HopOutcome;
  outcomeReason: Reason;
  observation: ClientObservation;
}

/**
 * Handshakes by the client's and the server's reasons (which the resolution caches share between
 * hops while the configuration stands), then by the rest of the connection. Hops, and the traces
 * that keep them, share them: treat them as read-only.
 */
const handshakes = new WeakMap<Reason, WeakMap<Reason, { conn: Connection; handshake: Handshake }[]>>();

function connect(conn: Connection): Handshake {
  let byServer = handshakes.get(conn.client.reason);
  if (!byServer) handshakes.set(conn.client.reason, (byServer = new WeakMap()));
  let known = byServer.get(conn.server.reason);
  if (!known) byServer.set(conn.server.reason, (known = []));
  const hit = known.find((k) => sameConnection(k.conn, conn));
  if (hit) return hit.handshake;
  const handshake = shakeHands(conn);
  known.push({ conn, handshake });
  return handshake;
}

/** The two reasons are compared by the caller; here the rest of the connection. */
function sameConnection(a: Connection, b: Connection): boolean {
  return a.to === b.to && a.port === b.port && a.servicePort === b.servicePort && a.via === b.via && a.host === b.host &&
    a.serverId === b.serverId && a.clientId === b.clientId && a.sidecarClient === b.sidecarClient;
}

/** The handshake of one connection and how it ends (istio-mtls-semantics.md §3). */
function shakeHands({ client, server, host, to, serverId, clientId, port, servicePort, via, sidecarClient }: Connection): Handshake {
  const steps: HandshakeStep[] = [
    { kind: 'tcp_connect', actor: 'client', ok: true, text: englishText('step.tcp', { to, port, ...(via ? { via } : {}) }), data: { port } },
  ];
  let outcome: HopOutcome = 'ok';
  let outcomeReason: Reason;
  let observation: ClientObservation = { kind: 'delivered' };
  const serverHasProxy = server.mode !== 'NO_SIDECAR';

  if (client.sends === 'PLAINTEXT') {
    steps.push({ kind: 'plaintext', actor: 'client', ok: true, text: 'The client sends the HTTP request in plaintext: no TLS at all' });
    if (server.mode === 'STRICT') {
      outcome = 'reset';
      steps.push({ kind: 'reset', actor: 'server', ok: false, text: englishText('step.reset.no-filter-chain', { port }), data: { flags: 'NR', details: 'filter_chain_not_found' } });
      outcomeReason = reason('reset.strict', { to }, server.reason.causes);
      observation = sidecarClient ? { kind: 'local-reply', code: 503, body: UPSTREAM_RESET, flags: 'UC' } : { kind: 'reset' };
    } else {
      outcomeReason = reason('accepted.plaintext', { mode: server.mode });
    }
  } else if (client.sends === 'ISTIO_MUTUAL') {
    const sni = client.decision?.sni ?? `outbound_.${servicePort ?? port}_._.${host ?? to}`;
    steps.push({ kind: 'client_hello', actor: 'client', ok: true, text: `ClientHello with SNI ${sni} and ALPN istio-peer-exchange, istio`, data: { sni, alpn: ['istio-peer-exchange', 'istio'] } });
    if (server.mode === 'STRICT' || server.mode === 'PERMISSIVE') {
      const expected = client.decision?.subjectAltNames ?? [];
      const namingOk = expected.length === 0 || expected.includes(serverId);
      steps.push({ kind: 'server_certificate', actor: 'server', ok: true, text: `Server certificate for ${serverId}`, data: { spiffe: serverId } });
      steps.push({ kind: 'certificate_request', actor: 'server', ok: true, text: 'CertificateRequest: the server asks the client for its certificate' });
      if (clientId) steps.push({ kind: 'client_certificate', actor: 'client', ok: true, text: `Client certificate for ${clientId}`, data: { spiffe: clientId } });
      steps.push({ kind: 'secure_naming', actor: 'client', ok: namingOk, text: namingOk ? `Secure naming: ${serverId} is allowed to run ${host ?? to}` : `Secure naming failed: ${serverId} is not among ${expected.join(', ')}`, data: { expected, got: serverId } });
      if (namingOk) {
        steps.push({ kind: 'established', actor: 'client', ok: true, text: 'Mutual TLS established: both sides verified each other' });
        outcomeReason = reason('accepted.mtls', { mode: server.mode });
      } else {
        outcome = 'tls_error';
        outcomeReason = reason('tls.secure-naming', { got: serverId, expected: expected.join(', ') }, client.reason.causes);
        observation = { kind: 'local-reply', code: 503, body: VERIFY_FAILED, flags: 'UF' };
      }
    } else {
      // DISABLE or no sidecar: nobody terminates TLS, and the app speaks plaintext.
      outcome = 'tls_error';
      steps.push({ kind: 'reset', actor: 'server', ok: false, text: serverHasProxy ? englishText('step.reset.disabled', { port }) : englishText('step.reset.no-sidecar'), data: { details: 'WRONG_VERSION_NUMBER' } });
      outcomeReason = reason(serverHasProxy ? 'tls.server-disabled' : 'tls.no-sidecar', { to, port }, [...client.reason.causes, ...server.reason.causes]);
      observation = { kind: 'local-reply', code: 503, body: WRONG_VERSION, flags: 'UF' };
    }
  } else {
    // SIMPLE or MUTUAL TLS with user certificates: nothing in this mesh serves them.
    const sni = host ?? to;
    steps.push({ kind: 'client_hello', actor: 'client', ok: true, text: `ClientHello with SNI ${sni}, no Istio ALPN`, data: { sni } });
    outcome = server.mode === 'PERMISSIVE' ? 'reset' : 'tls_error';
    const body = server.mode === 'STRICT' ? CERT_REQUIRED : server.mode === 'PERMISSIVE' ? UPSTREAM_RESET : WRONG_VERSION;
    steps.push({ kind: 'reset', actor: 'server', ok: false, text: englishText(server.mode === 'STRICT' ? 'step.reset.cert-required' : server.mode === 'PERMISSIVE' ? 'step.reset.no-alpn' : 'step.reset.no-terminator') });
    outcomeReason = reason('tls.user-tls', { sends: client.sends, to }, client.reason.causes);
    observation = { kind: 'local-reply', code: 503, body, flags: 'UF' };
  }

  if (observation.kind === 'delivered') {
    steps.push({ kind: 'http_request', actor: 'client', ok: true, text: englishText('step.http-request', { host: host ?? to }) });
  }
  return { steps, outcome, outcomeReason, observation };
}
