import { type KubeObject, getPath, getString, getStringMap, isJsonObject, labelsMatch } from '../objects.ts';
import { hasSidecar, podContainers, podIP, SIDECAR_CONTAINER } from '../cluster/pods.ts';
import { type ServicePort, clusterIP, resolveTargetPort, serviceEndpoints, servicePorts, serviceSelector } from '../cluster/services.ts';
import { perObject } from '../perObject.ts';
import type { World } from '../world.ts';
import { inboundLogLine, outboundLogLine } from './accessLog.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import { type HopClient, type HopResult, evaluateHop, podLabel } from './evaluateHop.ts';
import { NOT_FOUND_BODY, errorPageHtml, storefrontHtml } from './pages.ts';
import { type RequestSpec, parseUrl } from './request.ts';
import { resolveDestination } from './resolveDestination.ts';
import type { AccessLogEntry, Hop, PageView, PhraseParams, Reason, Trace } from './trace.ts';

/** What an application (or a proxy answering for it) sent back. */
interface Response {
  code: number;
  body: string;
  headers: [string, string][];
  /** Set when no HTTP response arrived at all. */
  connectionError?: { curlExit: number; message: string; page: PageView };
}

interface Ctx {
  world: World;
  hops: Hop[];
  logs: AccessLogEntry[];
  method: string;
  path: string;
  userAgent: string;
  requestId: string;
  time: Date;
  depth: number;
}

const reason = (code: string, text: string, params?: PhraseParams): Reason => ({ code, text, ...(params ? { params } : {}), causes: [] });

/** FNV-1a over `text`, continued from `h` (its state after the text before). */
function hash(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

function requestIdFor(seed: string): string {
  // Each part hashes `${seed}:${n}`: the seed's share is hashed once.
  const prefix = hash(seed);
  const hex = (n: number, len: number) => ((hash(`:${n}`, prefix) >>> 0).toString(16) + '00000000').slice(0, len);
  return `${hex(1, 8)}-${hex(2, 4)}-4${hex(3, 3)}-a${hex(4, 3)}-${hex(5, 8)}${hex(6, 4)}`;
}

function pickEndpoint(endpoints: readonly KubeObject[]): KubeObject | undefined {
  return endpoints[0];
}

/** Records both sides' access-log lines for a hop, as the proxies would write them. */
function logHop(ctx: Ctx, hop: Hop, client: HopClient, endpoint: KubeObject, code: number, bytes: number, authority: string, serviceIp?: string): void {
  const clientPod = client.type === 'proxy' ? client.pod : undefined;
  // A bare process in a pod connects from the pod's IP; only traffic from outside the cluster
  // arrives from the node (GKE's L4 load balancer SNATs it with externalTrafficPolicy: Cluster).
  const sourcePod = client.pod;
  const entry = {
    time: ctx.time,
    hop,
    method: ctx.method,
    path: ctx.path,
    protocol: hop.protocol === 'grpc' ? 'HTTP/2' : 'HTTP/1.1',
    code,
    flags: '-',
    details: 'via_upstream',
    bytesSent: bytes,
    durationMs: 3 + ctx.hops.length * 2,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
    authority,
    serverIp: podIP(endpoint) ?? '0.0.0.0',
    clientIp: sourcePod ? (podIP(sourcePod) ?? '0.0.0.0') : '10.128.0.1',
    sni: `outbound_.${hop.servicePort ?? hop.port}_._.${hop.service ?? ''}`,
    ...(serviceIp ? { serviceIp } : {}),
  };
  if (hasSidecar(endpoint)) {
    ctx.logs.push({ namespace: endpoint.metadata.namespace ?? '', pod: endpoint.metadata.name, container: SIDECAR_CONTAINER, text: inboundLogLine(entry) });
  }
  if (clientPod) {
    const cluster = hop.service ? `outbound|${hop.servicePort}||${hop.service}` : 'PassthroughCluster';
    ctx.logs.push({ namespace: clientPod.metadata.namespace ?? '', pod: clientPod.metadata.name, container: SIDECAR_CONTAINER, text: outboundLogLine(entry, cluster) });
  }
}

function envoyHeaders(code: number, contentType: string, upstreamMs: number): [string, string][] {
  return [
    ['content-type', contentType],
    ['date', ''],
    ...(code < 500 || upstreamMs > 0 ? ([['x-envoy-upstream-service-time', String(upstreamMs)]] as [string, string][]) : []),
    ['server', 'istio-envoy'],
  ];
}

/** Turns a hop result that did not reach the application into what the client sees. */
function failedResponse(result: HopResult): Response | undefined {
  const obs = result.observation;
  if (obs.kind === 'delivered') return undefined;
  if (obs.kind === 'local-reply') {
    return { code: obs.code, body: obs.body, headers: [['content-length', String(obs.body.length)], ['content-type', 'text/plain'], ['date', ''], ['server', 'envoy']] };
  }
  return { code: 0, body: '', headers: [], connectionError: { curlExit: 56, message: 'Recv failure: Connection reset by peer', page: 'connection-reset' } };
}

/** One connection from a client through a Service to one of its endpoints, then the app's answer. */
function callThroughService(ctx: Ctx, client: HopClient, svc: KubeObject, port: ServicePort, parent: number, authority: string, via?: string): Response {
  const endpoint = pickEndpoint(serviceEndpoints(ctx.world, svc));
  if (!endpoint) {
    if (client.type === 'proxy') return { code: 503, body: 'no healthy upstream', headers: [['content-length', '19'], ['content-type', 'text/plain'], ['date', ''], ['server', 'envoy']] };
    return { code: 0, body: '', headers: [], connectionError: { curlExit: 7, message: `Failed to connect to ${authority.split(':')[0]} port ${port.port} after 2 ms: Could not connect to server`, page: 'connection-refused' } };
  }
  const target = resolveTargetPort(port, endpoint) ?? port.port;
  const protocol = port.name?.startsWith('grpc') || port.appProtocol === 'grpc' ? 'grpc' : 'http';
  const result = evaluateHop(ctx.world, { client, endpoint, port: target, service: svc, servicePort: port, ...(via ? { via } : {}), protocol, parent });
  const index = ctx.hops.push(result.hop) - 1;
  const failed = failedResponse(result);
  const response = failed ?? serve(ctx, index, endpoint, target, authority);
  result.hop.httpCode = response.code;
  logHop(ctx, result.hop, client, endpoint, response.code, response.body.length, authority, via ? undefined : clusterIP(svc));
  return response;
}

/** A direct connection to a pod IP (no Service): a client sidecar forwards it as-is. */
function callPod(ctx: Ctx, client: HopClient, pod: KubeObject, port: number, authority: string, loopback: boolean): Response {
  const open = podContainers(pod).some((c) => c.ports.includes(port));
  if (!open) {
    return { code: 0, body: '', headers: [], connectionError: { curlExit: 7, message: `Failed to connect to ${authority.split(':')[0]} port ${port} after 1 ms: Could not connect to server`, page: 'connection-refused' } };
  }
  const effectiveClient: HopClient = loopback
    ? { type: 'plain', label: client.label, reason: reason('client.loopback', 'localhost traffic stays inside the pod: iptables does not redirect it, so no sidecar is involved', {}), pod }
    : client;
  const passthrough = client.type === 'proxy' ? reason('client.passthrough', `${podLabel(pod)} is addressed by pod IP, not through a Service: the client sidecar has no cluster for it and forwards plaintext (PassthroughCluster)`, { pod: podLabel(pod) }) : undefined;
  const result = loopback
    ? {
        hop: {
          from: client.label, to: podLabel(pod), port, protocol: 'http' as const,
          clientSends: 'PLAINTEXT' as const, clientReason: effectiveClient.type === 'plain' ? effectiveClient.reason : reason('', ''),
          serverMode: 'NO_SIDECAR' as const, serverReason: reason('server.loopback', 'the connection never leaves the pod, so the inbound sidecar does not see it', {}),
          outcome: 'ok' as const, httpCode: 0, outcomeReason: reason('accepted.loopback', 'the application answers on localhost', {}),
          handshake: [{ kind: 'tcp_connect' as const, actor: 'client' as const, ok: true, text: `TCP connect to 127.0.0.1 port ${port}` }], parent: -1,
        },
        observation: { kind: 'delivered' as const },
      }
    : evaluateHop(ctx.world, { client, endpoint: pod, port, ...(passthrough ? { passthrough } : {}), protocol: 'http', parent: -1 });
  const index = ctx.hops.push(result.hop) - 1;
  const failed = failedResponse(result);
  const response = failed ?? serve(ctx, index, pod, port, authority);
  result.hop.httpCode = response.code;
  if (!loopback) logHop(ctx, result.hop, client, pod, response.code, response.body.length, authority);
  return response;
}

/** The ingress gateway: Gateway server on the port → VirtualService → destination Service. */
function serveGateway(ctx: Ctx, hopIndex: number, gatewayPod: KubeObject, authority: string): Response {
  const hop = ctx.hops[hopIndex];
  const servicePort = hop?.servicePort ?? 80;
  const gateways = ctx.world.list('Gateway').filter((gw) => {
    const selector = getStringMap(gw.spec, 'selector');
    const servers = getPath(gw.spec, 'servers');
    return labelsMatch(selector, gatewayPod.metadata.labels) && Array.isArray(servers) &&
      servers.some((s) => isJsonObject(s) && getPath(s, 'port', 'number') === servicePort);
  });
  const hostOnly = authority.split(':')[0] ?? '';
  const refs = new Set(gateways.flatMap((gw) => [`${gw.metadata.namespace}/${gw.metadata.name}`]));
  const vs = ctx.world.list('VirtualService').find((v) => {
    const gws = getPath(v.spec, 'gateways');
    const hosts = getPath(v.spec, 'hosts');
    const bound = Array.isArray(gws) && gws.some((g) => typeof g === 'string' && refs.has(g.includes('/') ? g : `${v.metadata.namespace}/${g}`));
    const hostOk = Array.isArray(hosts) && hosts.some((h) => h === '*' || h === hostOnly || (typeof h === 'string' && h.startsWith('*.') && hostOnly.endsWith(h.slice(1))));
    return bound && hostOk;
  });
  if (!vs) return { code: 404, body: '', headers: [['date', ''], ['server', 'istio-envoy']] };
  const http = getPath(vs.spec, 'http', 0, 'route', 0, 'destination');
  const destHost = getString(http, 'host') ?? '';
  const destPort = getPath(http, 'port', 'number');
  const fqdn = destHost.includes('.') ? destHost : `${destHost}.${vs.metadata.namespace}.svc.cluster.local`;
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(fqdn);
  const svc = m && m[1] && m[2] ? ctx.world.get('Service', m[2], m[1]) : undefined;
  const port = svc ? servicePorts(svc).find((p) => p.port === destPort) ?? (destPort === undefined ? servicePorts(svc)[0] : undefined) : undefined;
  if (!svc || !port) return { code: 503, body: 'no healthy upstream', headers: [['content-length', '19'], ['content-type', 'text/plain'], ['date', ''], ['server', 'istio-envoy']] };
  const gatewayClient: HopClient = { type: 'proxy', proxyKind: 'gateway', label: podLabel(gatewayPod), pod: gatewayPod };
  const inner = callThroughService(ctx, gatewayClient, svc, port, hopIndex, authority);
  if (inner.connectionError) return { code: 503, body: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination', headers: [['content-type', 'text/plain'], ['date', ''], ['server', 'istio-envoy']] };
  const contentType = inner.headers.find(([k]) => k === 'content-type')?.[1] ?? 'text/plain';
  return { code: inner.code, body: inner.body, headers: inner.code === 503 && inner.body.startsWith('upstream') ? inner.headers : envoyHeaders(inner.code, contentType, 12) };
}

interface BackendCall {
  service: string;
  namespace: string;
  port: number;
  /** The frontend's error text when this call fails (handlers.go). Undefined: not fatal. */
  failure?: string;
}

const backend = (service: string, namespace: string, port: number, failure?: string): BackendCall => ({ service, namespace, port, ...(failure ? { failure } : {}) });
const CURRENCY = backend('currencyservice', 'currency', 7000, 'could not retrieve currencies');
const CATALOG = backend('productcatalogservice', 'product-catalog', 3550, 'could not retrieve products');
const CART = backend('cartservice', 'cart', 7070, 'could not retrieve cart');
const RECOMMEND = backend('recommendationservice', 'recommendation', 8080, 'failed to get product recommendations');
const SHIPPING = backend('shippingservice', 'shipping', 50051, 'failed to get shipping quote');
const CHECKOUT = backend('checkoutservice', 'checkout', 5050, 'failed to complete the order');
const AD = backend('adservice', 'ad', 9555);

/** The backends each frontend page calls, in order (microservices-demo src/frontend/handlers.go). */
function frontendCalls(method: string, path: string): BackendCall[] | undefined {
  if (path === '/' || path.startsWith('/?')) return [CURRENCY, CATALOG, CART, AD];
  if (path.startsWith('/product/')) return [{ ...CATALOG, failure: 'could not retrieve product' }, CURRENCY, CART, RECOMMEND, AD];
  if (path === '/cart' && method !== 'POST') return [CURRENCY, CART, RECOMMEND, SHIPPING, CATALOG];
  if (path === '/cart/checkout') return [CHECKOUT, RECOMMEND, CURRENCY];
  if (path === '/_healthz' || path === '/setCurrency' || path === '/logout' || path === '/cart') return [];
  return undefined;
}

/** The calls a backend makes while serving (checkout's order flow; recommendations read the catalog). */
function backendCalls(app: string): BackendCall[] {
  if (app === 'recommendationservice') return [CATALOG];
  if (app === 'checkoutservice') return [CART, CATALOG, CURRENCY, SHIPPING, backend('paymentservice', 'payment', 50051, 'failed to charge card'), backend('emailservice', 'email', 5000)];
  return [];
}

/** A gRPC call from the app in `fromPod`, captured by its sidecar. */
function grpcCall(ctx: Ctx, fromPod: KubeObject, parent: number, call: BackendCall): { ok: boolean; error?: string } {
  const svc = ctx.world.get('Service', call.namespace, call.service);
  const host = `${call.service}.${call.namespace}.svc.cluster.local`;
  const port = svc ? servicePorts(svc).find((p) => p.port === call.port) : undefined;
  if (!svc || !port) return { ok: false, error: `rpc error: code = Unavailable desc = name resolver error: produced zero addresses` };
  const client = appClient(fromPod);
  const saved = { method: ctx.method, path: ctx.path };
  ctx.method = 'POST';
  ctx.path = grpcPath(call.service);
  const response = callThroughService(ctx, client, svc, port, parent, `${host}:${call.port}`);
  Object.assign(ctx, saved);
  if (response.connectionError) return { ok: false, error: `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: read tcp: connection reset by peer"` };
  if (response.code >= 500) return { ok: false, error: `rpc error: code = Unavailable desc = ${response.body}` };
  return { ok: true };
}

/** The app in a pod as a client: through its sidecar, or plaintext without one. One per pod object. */
const appClient = perObject((pod: KubeObject): HopClient => {
  const label = podLabel(pod);
  return hasSidecar(pod)
    ? { type: 'proxy', proxyKind: 'sidecar', label, pod }
    : { type: 'plain', label, reason: reason('client.no-sidecar', `${label} has no sidecar: it sends plaintext`, { client: label, via: 'app' }), pod };
});

/** `/hipstershop.CartService/Call` for `cartservice`. */
function grpcPath(service: string): string {
  let path = grpcPaths.get(service);
  if (path === undefined) {
    path = `/hipstershop.${service.replace('service', 'Service').replace(/^./, (c) => c.toUpperCase())}/Call`;
    grpcPaths.set(service, path);
  }
  return path;
}

const grpcPaths = new Map<string, string>();

/** What the application on `pod` answers once a hop has delivered the request to it. */
function serve(ctx: Ctx, hopIndex: number, pod: KubeObject, port: number, authority: string): Response {
  if (ctx.depth > 6) return { code: 508, body: '', headers: [] };
  ctx.depth++;
  try {
    if (isGatewayPod(pod)) return serveGateway(ctx, hopIndex, pod, authority);
    const app = pod.metadata.labels.app ?? '';
    const viaSidecar = hasSidecar(pod);
    const hop = ctx.hops[hopIndex];
    if (app === 'frontend') {
      const calls = frontendCalls(ctx.method, ctx.path.split('?')[0] ?? '/');
      const headers = (code: number): [string, string][] => viaSidecar
        ? envoyHeaders(code, code === 404 ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8', 20)
        : [['content-type', code === 404 ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8'], ['date', '']];
      if (!calls) return { code: 404, body: NOT_FOUND_BODY, headers: headers(404) };
      for (const call of calls) {
        const result = grpcCall(ctx, pod, hopIndex, call);
        if (!result.ok && call.failure) {
          return { code: 500, body: errorPageHtml(`${call.failure}: ${result.error ?? ''}`), headers: headers(500) };
        }
      }
      if (ctx.path === '/_healthz') return { code: 200, body: 'ok', headers: headers(200) };
      return { code: 200, body: storefrontHtml(ctx.requestId), headers: [...headers(200), ['set-cookie', `shop_session-id=${ctx.requestId}; Max-Age=172800`]] };
    }
    if (hop?.protocol === 'grpc' || servicePortsIsGrpc(ctx, pod, port)) {
      for (const call of backendCalls(app)) {
        const result = grpcCall(ctx, pod, hopIndex, call);
        if (!result.ok && call.failure) return { code: 503, body: result.error ?? '', headers: [['content-type', 'application/grpc'], ['grpc-status', '14']] };
      }
      if (ctx.method === 'POST' && ctx.path.startsWith('/hipstershop.')) return { code: 200, body: '', headers: [['content-type', 'application/grpc'], ['grpc-status', '0']] };
      // A gRPC server answers a plain HTTP/1.1 request with 415 once Envoy speaks HTTP/2 to it.
      return viaSidecar
        ? { code: 415, body: 'invalid gRPC request content-type ""\n', headers: envoyHeaders(415, 'text/plain; charset=utf-8', 1) }
        : { code: 0, body: '', headers: [], connectionError: { curlExit: 1, message: 'Received HTTP/0.9 when not allowed', page: 'plain' } };
    }
    return { code: 404, body: NOT_FOUND_BODY, headers: [['content-type', 'text/plain; charset=utf-8'], ['date', '']] };
  } finally {
    ctx.depth--;
  }
}

function servicePortsIsGrpc(ctx: Ctx, pod: KubeObject, port: number): boolean {
  return ctx.world.list('Service', pod.metadata.namespace ?? '').some((svc) =>
    labelsMatch(serviceSelector(svc), pod.metadata.labels) &&
    servicePorts(svc).some((p) => (resolveTargetPort(p, pod) ?? p.port) === port && (p.name ?? '').startsWith('grpc')));
}

/**
 * curl run in a pod whose traffic no sidecar captures (none injected, or opted out): plaintext
 * straight to the server. Also what the request matrix probes with, so both explain it alike.
 */
export function curlWithoutSidecar(pod: KubeObject, label: string): HopClient {
  let byLabel = curlClients.get(pod);
  if (!byLabel) curlClients.set(pod, (byLabel = new Map()));
  let client = byLabel.get(label);
  if (!client) {
    const optOut = pod.metadata.annotations['sidecar.istio.io/inject'] === 'false';
    const text = `${label} has no sidecar${optOut ? ' (sidecar.istio.io/inject: "false")' : ''}: curl's plaintext goes straight to the server`;
    client = { type: 'plain', label, reason: reason('client.no-sidecar', text, { client: label, via: 'curl', optOut: optOut ? 1 : 0 }), pod };
    byLabel.set(label, client);
  }
  return client;
}

/** By pod object and label: shared by the traces (and their handshakes) of every such request. */
const curlClients = new WeakMap<KubeObject, Map<string, HopClient>>();

function clientLabel(spec: RequestSpec): string {
  return spec.client.kind === 'external' ? `external/${spec.client.name}` : `${spec.client.namespace}/${spec.client.pod}`;
}

function connectionFailure(spec: RequestSpec, ctx: Ctx, curlExit: number, curlError: string, page: PageView): Trace {
  return {
    from: clientLabel(spec), url: spec.url, method: ctx.method, httpCode: 0, curlExit, curlError,
    hops: ctx.hops, body: '', responseHeaders: [], page, origin: spec.origin ?? 'command', accessLogs: ctx.logs,
  };
}

/**
 * Simulates one request end to end and returns its trace: every hop with both sides' decisions,
 * the handshake, and what the client finally saw. It reads the world and never changes it; use
 * `recordAccessLogs` to keep the proxies' log lines.
 */
export function simulateRequest(world: World, spec: RequestSpec): Trace {
  const url = parseUrl(spec.url);
  const method = (spec.method ?? 'GET').toUpperCase();
  const time = new Date(world.clock.now());
  const ctx: Ctx = {
    world, hops: [], logs: [], method, path: url?.path ?? '/',
    userAgent: spec.userAgent ?? 'curl/8.11.1',
    requestId: requestIdFor(`${spec.url}|${clientLabel(spec)}|${world.clock.now()}`),
    time, depth: 0,
  };
  if (!url || (url.scheme !== 'http' && url.scheme !== 'https')) {
    return url
      ? connectionFailure(spec, ctx, 1, `Protocol "${url.scheme}" not supported`, 'plain')
      : connectionFailure(spec, ctx, 3, 'URL rejected: Malformed input to a URL function', 'plain');
  }
  if (!url.host) return connectionFailure(spec, ctx, 3, 'URL rejected: No host part in the URL', 'plain');
  const authority = url.explicitPort ? `${url.host}:${url.port}` : url.host;
  const dest = resolveDestination(world, spec.client, url);

  let client: HopClient;
  if (spec.client.kind === 'external') {
    const who = spec.client.name === 'browser' ? 'the browser' : 'Cloud Shell';
    client = { type: 'plain', label: clientLabel(spec), reason: reason('client.external', `${who} is outside the mesh and has no sidecar: it sends plaintext HTTP`, { who: spec.client.name }) };
  } else {
    const pod = world.get('Pod', spec.client.namespace, spec.client.pod);
    if (!pod) return connectionFailure(spec, ctx, 7, `Failed to connect to ${url.host} port ${url.port}`, 'connection-refused');
    if (spec.client.captured && hasSidecar(pod)) {
      client = { type: 'proxy', proxyKind: 'sidecar', label: clientLabel(spec), pod };
    } else if (hasSidecar(pod) && spec.client.container === SIDECAR_CONTAINER) {
      client = { type: 'plain', label: clientLabel(spec), reason: reason('client.proxy-uid', `curl runs in the istio-proxy container as UID 1337; iptables never captures the proxy's own traffic, so it leaves in plaintext`, {}), pod };
    } else {
      client = curlWithoutSidecar(pod, clientLabel(spec));
    }
  }

  if (url.scheme === 'https') {
    // No application or Gateway server here serves TLS on its own.
    if (dest.kind === 'unresolved') return connectionFailure(spec, ctx, 6, `Could not resolve host: ${dest.host}`, 'plain');
    return connectionFailure(spec, ctx, 7, `Failed to connect to ${url.host} port ${url.port} after 3 ms: Could not connect to server`, 'connection-refused');
  }

  let response: Response;
  switch (dest.kind) {
    case 'unresolved':
      return connectionFailure(spec, ctx, 6, `Could not resolve host: ${dest.host}`, 'plain');
    case 'unreachable':
      return connectionFailure(spec, ctx, 28, `Failed to connect to ${dest.ip} port ${url.port} after 135007 ms: Could not connect to server`, 'timed-out');
    case 'load-balancer': {
      if (!dest.port) return connectionFailure(spec, ctx, 28, `Failed to connect to ${dest.ip} port ${url.port} after 135007 ms: Could not connect to server`, 'timed-out');
      const via = `${dest.service.metadata.namespace}/${dest.service.metadata.name}`;
      // In-cluster clients reach an LB IP through kube-proxy; a sidecar knows no service for it.
      const lbClient: HopClient = client.type === 'proxy'
        ? { type: 'plain', label: client.label, reason: reason('client.passthrough', `${dest.ip} is a load-balancer IP, not a service host the sidecar knows: it forwards plaintext (PassthroughCluster)`, { ip: dest.ip }), pod: client.pod }
        : client;
      response = callThroughService(ctx, lbClient, dest.service, dest.port, -1, authority, via);
      break;
    }
    case 'service': {
      if (!dest.port) {
        if (client.type === 'proxy') {
          const body = 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: Connection refused';
          response = { code: 503, body, headers: [['content-length', String(body.length)], ['content-type', 'text/plain'], ['date', ''], ['server', 'envoy']] };
        } else {
          return connectionFailure(spec, ctx, 7, `Failed to connect to ${url.host} port ${url.port} after 2 ms: Could not connect to server`, 'connection-refused');
        }
        break;
      }
      response = callThroughService(ctx, client, dest.service, dest.port, -1, authority);
      break;
    }
    case 'pod':
      response = callPod(ctx, client, dest.pod, url.port, authority, dest.loopback);
      break;
  }
  if (response.connectionError) {
    return connectionFailure(spec, ctx, response.connectionError.curlExit, response.connectionError.message, response.connectionError.page);
  }
  const frontendAnswered = ctx.hops.some((h) => h.to.startsWith('frontend/frontend-') && h.outcome === 'ok');
  const page: PageView = response.code === 200 && frontendAnswered && response.body.includes('Hot Products') ? 'storefront' : response.code === 500 && frontendAnswered ? 'error-page' : 'plain';
  return {
    from: clientLabel(spec), url: spec.url, method, httpCode: response.code, curlExit: 0,
    hops: ctx.hops, body: response.body, responseHeaders: response.headers.map(([k, v]) => [k, k === 'date' ? time.toUTCString() : v]),
    page, origin: spec.origin ?? 'command', accessLogs: ctx.logs,
  };
}

/** Stores a trace's access-log lines in the pods' logs (what `kubectl logs -c istio-proxy` shows). */
export function recordAccessLogs(world: World, trace: Trace): void {
  for (const entry of trace.accessLogs) world.appendLog(entry.namespace, entry.pod, entry.container, entry.text);
}
