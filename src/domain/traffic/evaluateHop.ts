import type { KubeObject } from '../objects.ts';
import { perObject } from '../perObject.ts';
import { hasSidecar, podServiceAccount, spiffeId } from '../cluster/pods.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import { type ServicePort, serviceHost } from '../cluster/services.ts';
import { resolveClientTls } from '../resolution/resolveClientTls.ts';
import { resolveServerMode } from '../resolution/resolveServerMode.ts';
import type { ClientTlsDecision } from '../resolution/types.ts';
import type { World } from '../world.ts';
import type { Cause, ClientSends, HandshakeStep, Hop, HopOutcome, PhraseParams, Reason, ServerMode } from './trace.ts';

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
}

/** What the client side of the hop observed. */
export type ClientObservation =
  | { kind: 'delivered' }
  | { kind: 'reset' }
  | { kind: 'local-reply'; code: number; body: string; flags: string };

export interface HopResult {
  hop: Hop;
  observation: ClientObservation;
}

const reason = (code: string, text: string, causes: Cause[] = [], params?: PhraseParams): Reason => ({ code, text, ...(params ? { params } : {}), causes });

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
    return { sends: 'PLAINTEXT', reason: req.passthrough ?? reason('passthrough', `${client.label} has no cluster for this address and forwards the bytes unchanged (PassthroughCluster): plaintext`, [], { client: client.label }) };
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
      ? { mode: 'NO_SIDECAR', reason: reason('gateway.listener', `${podLabel(pod)} is an ingress gateway: its listener on port ${port} comes from a Gateway resource, and PeerAuthentication never applies to gateways`, [cause], { pod: podLabel(pod), port }) }
      : { mode: 'NO_SIDECAR', reason: reason('server.no-sidecar', `${podLabel(pod)} has no sidecar: its application accepts the connection directly, whatever the policies say`, [cause], { pod: podLabel(pod) }) };
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
  const { steps, outcome, outcomeReason, observation } = connect(conn);
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
    handshake: steps,
    parent: req.parent,
  };
  return { hop, observation };
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
    { kind: 'tcp_connect', actor: 'client', ok: true, text: `TCP connect to ${to} port ${port}${via ? ` (through ${via})` : ''}`, data: { port } },
  ];
  let outcome: HopOutcome = 'ok';
  let outcomeReason: Reason;
  let observation: ClientObservation = { kind: 'delivered' };
  const serverHasProxy = server.mode !== 'NO_SIDECAR';

  if (client.sends === 'PLAINTEXT') {
    steps.push({ kind: 'plaintext', actor: 'client', ok: true, text: 'The client sends the HTTP request in plaintext: no TLS at all' });
    if (server.mode === 'STRICT') {
      outcome = 'reset';
      steps.push({ kind: 'reset', actor: 'server', ok: false, text: `The server sidecar has only mTLS filter chains on port ${port}: no filter chain matches plaintext (NR filter_chain_not_found), so Envoy resets the connection`, data: { flags: 'NR', details: 'filter_chain_not_found' } });
      outcomeReason = reason('reset.strict', `plaintext reached a STRICT port: ${to}'s sidecar found no filter chain and reset the connection`, server.reason.causes, { to });
      observation = sidecarClient ? { kind: 'local-reply', code: 503, body: UPSTREAM_RESET, flags: 'UC' } : { kind: 'reset' };
    } else {
      outcomeReason = reason('accepted.plaintext', serverHasProxy ? `${server.mode} accepts plaintext` : 'no sidecar on the server: the application reads plaintext', [], { mode: server.mode });
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
        outcomeReason = reason('accepted.mtls', `${server.mode} accepts mutual TLS`, [], { mode: server.mode });
      } else {
        outcome = 'tls_error';
        outcomeReason = reason('tls.secure-naming', `the server's identity ${serverId} is not one the client expects (${expected.join(', ')})`, client.reason.causes, { got: serverId, expected: expected.join(', ') });
        observation = { kind: 'local-reply', code: 503, body: VERIFY_FAILED, flags: 'UF' };
      }
    } else {
      // DISABLE or no sidecar: nobody terminates TLS, and the app speaks plaintext.
      outcome = 'tls_error';
      steps.push({ kind: 'reset', actor: 'server', ok: false, text: serverHasProxy ? `Port ${port} is DISABLE: the server sidecar has no TLS filter chain and hands the TLS bytes to a plaintext listener, which fails` : 'No sidecar on the server: the application does not speak TLS and the handshake fails', data: { details: 'WRONG_VERSION_NUMBER' } });
      outcomeReason = reason(serverHasProxy ? 'tls.server-disabled' : 'tls.no-sidecar', serverHasProxy ? `the client sent mTLS but ${to} has mTLS DISABLE on port ${port}` : `the client sent mTLS but ${to} has no sidecar to terminate it`, [...client.reason.causes, ...server.reason.causes], { to, port: port });
      observation = { kind: 'local-reply', code: 503, body: WRONG_VERSION, flags: 'UF' };
    }
  } else {
    // SIMPLE or MUTUAL TLS with user certificates: nothing in this mesh serves them.
    const sni = host ?? to;
    steps.push({ kind: 'client_hello', actor: 'client', ok: true, text: `ClientHello with SNI ${sni}, no Istio ALPN`, data: { sni } });
    outcome = server.mode === 'PERMISSIVE' ? 'reset' : 'tls_error';
    const body = server.mode === 'STRICT' ? CERT_REQUIRED : server.mode === 'PERMISSIVE' ? UPSTREAM_RESET : WRONG_VERSION;
    steps.push({ kind: 'reset', actor: 'server', ok: false, text: server.mode === 'STRICT' ? 'The server requires an Istio client certificate; the client has none from the mesh CA' : server.mode === 'PERMISSIVE' ? 'TLS without Istio ALPN matches no filter chain on this HTTP port' : 'Nobody on the server side terminates this TLS' });
    outcomeReason = reason('tls.user-tls', `the client originates ${client.sends === 'SIMPLE_TLS' ? 'one-way TLS' : 'TLS with its own certificate'}, which ${to} cannot accept`, client.reason.causes, { sends: client.sends, to });
    observation = { kind: 'local-reply', code: 503, body, flags: 'UF' };
  }

  if (observation.kind === 'delivered') {
    steps.push({ kind: 'http_request', actor: 'client', ok: true, text: `HTTP request to ${host ?? to}` });
  }
  return { steps, outcome, outcomeReason, observation };
}
