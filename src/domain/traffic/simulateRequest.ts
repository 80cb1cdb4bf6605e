import { type KubeObject, getPath, getString, getStringMap, isJsonObject, labelsMatch } from '../objects.ts';
import { hasSidecar, podContainers, podIP, SIDECAR_CONTAINER } from '../cluster/pods.ts';
import { type ServicePort, clusterIP, resolveTargetPort, serviceEndpoints, servicePorts, serviceSelector } from '../cluster/services.ts';
import { perObject } from '../perObject.ts';
import type { SeededRandom } from '../random.ts';
import type { World } from '../world.ts';
import { type AccessLogInput, type GatewayDownstream, frontendRequestLines, gatewayLogLine, inboundLogLine, outboundLogLine } from './accessLog.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import { type HopClient, type HopHttp, type HopResult, evaluateHop, podLabel, sourceIp } from './evaluateHop.ts';
import { NOT_FOUND_BODY, errorPageHtml, storefrontHtml } from './pages.ts';
import { type RequestSpec, parseUrl } from './request.ts';
import { resolveDestination } from './resolveDestination.ts';
import { type TlsProbe, probeTls } from '../pki/probeTls.ts';
import { englishText, reason } from '../reasons/reason.ts';
import { withRbacDebugLines } from '../envoy/rbacDebugLog.ts';
import type { AccessLogEntry, Hop, PageView, Reason, Trace } from './trace.ts';

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
  /** The request's own headers (curl's `-H`), names in lower case. */
  headers: Readonly<Record<string, string>>;
  requestId: string;
  time: Date;
  depth: number;
  /** Spreads connections over a Service's endpoints: a copy of the world's generator (see `pickEndpoint`). */
  spread: SeededRandom;
  /** Whether `spread` made a choice, so that recording the request spends it (see recordAccessLogs). */
  spreadUsed: boolean;
  /** The connection the ingress gateway is serving, for its access-log line. */
  gatewayDownstream?: GatewayDownstream;
}

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

/**
 * The endpoint one connection goes to. A model, honest about being one: a sidecar's Envoy balances
 * with LEAST_REQUEST by default (Istio's pilot/pkg/networking/core/cluster_traffic_policy.go,
 * defaultLBAlgorithm), which with equal weights and no requests in flight is a uniform random pick
 * of two choices; kube-proxy's iptables rules pick an endpoint at random (`-m statistic --mode
 * random`). Both become one uniform choice from the world's seeded generator, so the same commands
 * spread the same way every time. With one endpoint nothing is drawn.
 */
function pickEndpoint(ctx: Ctx, endpoints: readonly KubeObject[]): KubeObject | undefined {
  if (endpoints.length < 2) return endpoints[0];
  ctx.spreadUsed = true;
  return endpoints[ctx.spread.int(0, endpoints.length - 1)];
}

/** The HTTP request as the hop's server proxy reads it, for AuthorizationPolicy. */
function hopHttp(ctx: Ctx, authority: string): HopHttp {
  return { method: ctx.method, path: ctx.path, authority, headers: { ...ctx.headers, 'user-agent': ctx.userAgent, 'x-request-id': ctx.requestId } };
}

/** The original client a gateway forwards for: the address it puts in X-Forwarded-For. */
function remoteIpFor(ctx: Ctx, client: HopClient): string | undefined {
  return client.type === 'proxy' && client.proxyKind === 'gateway' ? ctx.gatewayDownstream?.remoteIp : undefined;
}

function logEntry(ctx: Ctx, hop: Hop, client: HopClient, endpoint: KubeObject, code: number, bytes: number, authority: string, serviceIp?: string): AccessLogInput {
  return {
    time: ctx.time,
    hop,
    method: ctx.method,
    path: ctx.path,
    // What the client itself spoke: gRPC is HTTP/2, curl and browsers HTTP/1.1 (%PROTOCOL% is downstream's).
    protocol: (ctx.headers['content-type'] ?? '').startsWith('application/grpc') ? 'HTTP/2' : 'HTTP/1.1',
    code,
    flags: '-',
    details: 'via_upstream',
    bytesSent: bytes,
    durationMs: 3 + ctx.hops.length * 2,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
    authority,
    serverIp: podIP(endpoint) ?? '0.0.0.0',
    clientIp: sourceIp(client),
    sni: `outbound_.${hop.servicePort ?? hop.port}_._.${hop.service ?? ''}`,
    ...(serviceIp ? { serviceIp } : {}),
    ...(client.type === 'proxy' && client.proxyKind === 'gateway' && ctx.gatewayDownstream ? { forwardedFor: ctx.gatewayDownstream.remoteIp } : {}),
  };
}

/**
 * Records both sides' access-log lines for a hop, as the proxies would write them. An ingress
 * gateway writes no inbound line: its one line per request names the upstream it forwarded to.
 */
function logHop(ctx: Ctx, hop: Hop, client: HopClient, endpoint: KubeObject, code: number, bytes: number, authority: string, serviceIp?: string): void {
  const clientPod = client.type === 'proxy' ? client.pod : undefined;
  const entry = logEntry(ctx, hop, client, endpoint, code, bytes, authority, serviceIp);
  if (hasSidecar(endpoint) && !isGatewayPod(endpoint)) {
    // A client proxy speaks HTTP/2 upstream on a gRPC port, whatever its application sent it.
    const inbound = clientPod && hop.protocol === 'grpc' ? { ...entry, protocol: 'HTTP/2' } : entry;
    ctx.logs.push({ namespace: endpoint.metadata.namespace ?? '', pod: endpoint.metadata.name, container: SIDECAR_CONTAINER, text: inboundLogLine(inbound) });
  }
  if (clientPod) {
    const cluster = hop.service ? `outbound|${hop.servicePort}||${hop.service}` : 'PassthroughCluster';
    const gateway = client.type === 'proxy' && client.proxyKind === 'gateway' ? ctx.gatewayDownstream : undefined;
    const text = gateway ? gatewayLogLine(entry, gateway, cluster) : outboundLogLine(entry, cluster);
    ctx.logs.push({ namespace: clientPod.metadata.namespace ?? '', pod: clientPod.metadata.name, container: SIDECAR_CONTAINER, text });
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
    if (obs.grpcStatus !== undefined) {
      // Envoy answers a gRPC request's local reply as gRPC: status 200 with grpc-status and grpc-message.
      return { code: obs.code, body: '', headers: [['content-type', 'application/grpc'], ['grpc-status', String(obs.grpcStatus)], ['grpc-message', obs.body], ['date', ''], ['server', 'istio-envoy']] };
    }
    // The server's proxy answered (RBAC) as `istio-envoy`; a client sidecar's own replies say `envoy`.
    return { code: obs.code, body: obs.body, headers: [['content-length', String(obs.body.length)], ['content-type', 'text/plain'], ['date', ''], ['server', obs.details ? 'istio-envoy' : 'envoy']] };
  }
  return { code: 0, body: '', headers: [], connectionError: { curlExit: 56, message: 'Recv failure: Connection reset by peer', page: 'connection-reset' } };
}

/** One connection from a client through a Service to one of its endpoints, then the app's answer. */
function callThroughService(ctx: Ctx, client: HopClient, svc: KubeObject, port: ServicePort, parent: number, authority: string, via?: string): Response {
  const endpoint = pickEndpoint(ctx, serviceEndpoints(ctx.world, svc));
  if (!endpoint) {
    if (client.type === 'proxy') return { code: 503, body: 'no healthy upstream', headers: [['content-length', '19'], ['content-type', 'text/plain'], ['date', ''], ['server', 'envoy']] };
    return { code: 0, body: '', headers: [], connectionError: { curlExit: 7, message: couldNotConnect(authority.split(':')[0] ?? authority, port.port, 2), page: 'connection-refused' } };
  }
  const target = resolveTargetPort(port, endpoint) ?? port.port;
  const protocol = port.name?.startsWith('grpc') || port.appProtocol === 'grpc' ? 'grpc' : 'http';
  const remoteIp = remoteIpFor(ctx, client);
  const result = evaluateHop(ctx.world, { client, endpoint, port: target, service: svc, servicePort: port, ...(via ? { via } : {}), protocol, parent, http: hopHttp(ctx, authority), ...(remoteIp ? { remoteIp } : {}) });
  const gateway = isGatewayPod(endpoint);
  if (gateway && gatewaysOn(ctx.world, endpoint, port.port).length === 0) return gatewayRefused(ctx, result.hop, client, authority, port.port, target);
  if (gateway) ctx.gatewayDownstream = { remoteIp: sourceIp(client), localIp: podIP(endpoint) ?? '0.0.0.0', localPort: target };
  const index = ctx.hops.push(result.hop) - 1;
  const failed = failedResponse(result);
  const response = failed ?? serve(ctx, index, endpoint, target, authority);
  result.hop.httpCode = response.code;
  if (gateway && result.hop.outcome === 'denied') logGatewayDenial(ctx, result.hop, client, endpoint, response, authority);
  logHop(ctx, result.hop, client, endpoint, response.code, response.body.length, authority, via ? undefined : clusterIP(svc));
  return response;
}

/** The gateway's own line for a request its RBAC filter refused: no upstream, the denial's details. */
function logGatewayDenial(ctx: Ctx, hop: Hop, client: HopClient, gatewayPod: KubeObject, response: Response, authority: string): void {
  const down = ctx.gatewayDownstream;
  if (!down) return;
  const text = gatewayLogLine(logEntry(ctx, hop, client, gatewayPod, response.code, response.body.length, authority), down, undefined);
  ctx.logs.push({ namespace: gatewayPod.metadata.namespace ?? '', pod: gatewayPod.metadata.name, container: SIDECAR_CONTAINER, text });
}

/** A direct connection to a pod IP (no Service): a client sidecar forwards it as-is. */
function callPod(ctx: Ctx, client: HopClient, pod: KubeObject, port: number, authority: string, loopback: boolean): Response {
  const open = podContainers(pod).some((c) => c.ports.includes(port));
  if (!open) {
    return { code: 0, body: '', headers: [], connectionError: { curlExit: 7, message: couldNotConnect(authority.split(':')[0] ?? authority, port, 1), page: 'connection-refused' } };
  }
  const passthrough = client.type === 'proxy' ? reason('client.passthrough', { pod: podLabel(pod) }) : undefined;
  const result = loopback
    ? {
        hop: {
          from: client.label, to: podLabel(pod), port, protocol: 'http' as const,
          clientSends: 'PLAINTEXT' as const, clientReason: reason('client.loopback'),
          serverMode: 'NO_SIDECAR' as const, serverReason: reason('server.loopback'),
          outcome: 'ok' as const, httpCode: 0, outcomeReason: reason('accepted.loopback'),
          handshake: [{ kind: 'tcp_connect' as const, actor: 'client' as const, ok: true, text: englishText('step.tcp', { to: '127.0.0.1', port }) }], parent: -1,
        },
        observation: { kind: 'delivered' as const },
      }
    : evaluateHop(ctx.world, { client, endpoint: pod, port, ...(passthrough ? { passthrough } : {}), protocol: 'http', parent: -1, http: hopHttp(ctx, authority) });
  const index = ctx.hops.push(result.hop) - 1;
  const failed = failedResponse(result);
  const response = failed ?? serve(ctx, index, pod, port, authority);
  result.hop.httpCode = response.code;
  if (!loopback) logHop(ctx, result.hop, client, pod, response.code, response.body.length, authority);
  return response;
}

/** The Gateway resources that give this gateway pod a server on `servicePort`. */
function gatewaysOn(world: World, gatewayPod: KubeObject, servicePort: number): KubeObject[] {
  return world.list('Gateway').filter((gw) => {
    const selector = getStringMap(gw.spec, 'selector');
    const servers = getPath(gw.spec, 'servers');
    return labelsMatch(selector, gatewayPod.metadata.labels) && Array.isArray(servers) &&
      servers.some((s) => isJsonObject(s) && getPath(s, 'port', 'number') === servicePort);
  });
}

/**
 * A gateway pod with no Gateway server on the port has no Envoy listener there: the kernel
 * answers the SYN with a reset, and the client's connect fails (curl exit 7). A client sidecar
 * retries, then answers 503 itself.
 */
function gatewayRefused(ctx: Ctx, hop: Hop, client: HopClient, authority: string, servicePort: number, target: number): Response {
  hop.outcome = 'refused';
  hop.httpCode = 0;
  delete hop.authz;
  hop.outcomeReason = reason('refused.no-gateway-server', { to: hop.to, port: servicePort, target });
  // The SYN is answered with a reset: the connect step fails, and nothing follows it.
  const connect = hop.handshake.find((step) => step.kind === 'tcp_connect');
  hop.handshake = connect ? [{ ...connect, ok: false }] : [];
  ctx.hops.push(hop);
  if (client.type === 'proxy') {
    const body = 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: Connection refused';
    return { code: 503, body, headers: [['content-length', String(body.length)], ['content-type', 'text/plain'], ['date', ''], ['server', 'envoy']] };
  }
  return { code: 0, body: '', headers: [], connectionError: { curlExit: 7, message: couldNotConnect(authority.split(':')[0] ?? authority, servicePort, 1), page: 'connection-refused' } };
}

/** The ingress gateway: Gateway server on the port → VirtualService → destination Service. */
function serveGateway(ctx: Ctx, hopIndex: number, gatewayPod: KubeObject, authority: string): Response {
  const hop = ctx.hops[hopIndex];
  const servicePort = hop?.servicePort ?? 80;
  const gateways = gatewaysOn(ctx.world, gatewayPod, servicePort);
  const hostOnly = authority.split(':')[0] ?? '';
  const refs = new Set(gateways.flatMap((gw) => [`${gw.metadata.namespace}/${gw.metadata.name}`]));
  const vs = ctx.world.list('VirtualService').find((v) => {
    const gws = getPath(v.spec, 'gateways');
    const hosts = getPath(v.spec, 'hosts');
    const bound = Array.isArray(gws) && gws.some((g) => typeof g === 'string' && refs.has(g.includes('/') ? g : `${v.metadata.namespace}/${g}`));
    const hostOk = Array.isArray(hosts) && hosts.some((h) => h === '*' || h === hostOnly || (typeof h === 'string' && h.startsWith('*.') && hostOnly.endsWith(h.slice(1))));
    return bound && hostOk;
  });
  if (!vs) {
    const down = ctx.gatewayDownstream;
    if (hop && down) {
      const text = gatewayLogLine(logEntry(ctx, hop, { type: 'proxy', proxyKind: 'gateway', label: podLabel(gatewayPod), pod: gatewayPod }, gatewayPod, 404, 0, authority), down, undefined);
      ctx.logs.push({ namespace: gatewayPod.metadata.namespace ?? '', pod: gatewayPod.metadata.name, container: SIDECAR_CONTAINER, text });
    }
    return { code: 404, body: '', headers: [['date', ''], ['server', 'istio-envoy']] };
  }
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
  /** The gRPC path, `/hipstershop.<Service>/<Method>` (microservices-demo protos/demo.proto). */
  path: string;
  /** The frontend's error text when this call fails (handlers.go). Undefined: not fatal. */
  failure?: string;
}

/** A service's calls, by method: `CATALOG('ListProducts')`. */
const backend = (service: string, namespace: string, port: number, grpcService: string, failure?: string) =>
  (method: string, failureText = failure): BackendCall => ({ service, namespace, port, path: `/hipstershop.${grpcService}/${method}`, ...(failureText ? { failure: failureText } : {}) });
const CURRENCY = backend('currencyservice', 'currency', 7000, 'CurrencyService', 'could not retrieve currencies');
const CATALOG = backend('productcatalogservice', 'product-catalog', 3550, 'ProductCatalogService', 'could not retrieve products');
const CART = backend('cartservice', 'cart', 7070, 'CartService', 'could not retrieve cart');
const RECOMMEND = backend('recommendationservice', 'recommendation', 8080, 'RecommendationService', 'failed to get product recommendations');
const SHIPPING = backend('shippingservice', 'shipping', 50051, 'ShippingService', 'failed to get shipping quote');
const CHECKOUT = backend('checkoutservice', 'checkout', 5050, 'CheckoutService', 'failed to complete the order');
const AD = backend('adservice', 'ad', 9555, 'AdService');
const PAYMENT = backend('paymentservice', 'payment', 50051, 'PaymentService', 'failed to charge card');
const EMAIL = backend('emailservice', 'email', 5000, 'EmailService');

/** The backends each frontend page calls, in order (microservices-demo src/frontend/handlers.go). */
function frontendCalls(method: string, path: string): BackendCall[] | undefined {
  if (path === '/' || path.startsWith('/?')) return [CURRENCY('GetSupportedCurrencies'), CATALOG('ListProducts'), CART('GetCart'), AD('GetAds')];
  if (path.startsWith('/product/')) return [CATALOG('GetProduct', 'could not retrieve product'), CURRENCY('GetSupportedCurrencies'), CART('GetCart'), RECOMMEND('ListRecommendations'), AD('GetAds')];
  if (path === '/cart' && method !== 'POST') return [CURRENCY('GetSupportedCurrencies'), CART('GetCart'), RECOMMEND('ListRecommendations'), SHIPPING('GetQuote'), CATALOG('GetProduct')];
  if (path === '/cart/checkout') return [CHECKOUT('PlaceOrder'), RECOMMEND('ListRecommendations'), CURRENCY('GetSupportedCurrencies')];
  if (path === '/_healthz' || path === '/setCurrency' || path === '/logout' || path === '/cart') return [];
  return undefined;
}

/** The calls a backend makes while serving (checkout's order flow; recommendations read the catalog). */
function backendCalls(app: string): BackendCall[] {
  if (app === 'recommendationservice') return [CATALOG('ListProducts')];
  if (app === 'checkoutservice') return [CART('GetCart'), CATALOG('GetProduct'), CURRENCY('Convert'), SHIPPING('GetQuote'), PAYMENT('Charge'), EMAIL('SendOrderConfirmation')];
  return [];
}

/**
 * The User-Agent a workload's gRPC client sends: grpc-go in the Go services (frontend, checkout),
 * grpcio in the Python recommendation service (microservices-demo v0.9.0's go.mod and requirements.txt).
 */
function grpcUserAgent(app: string): string {
  return app === 'recommendationservice' ? 'grpc-python/1.59.3 grpc-c/36.0.0 (linux; chttp2)' : 'grpc-go/1.59.0';
}

/** A gRPC call from the app in `fromPod`, captured by its sidecar. */
function grpcCall(ctx: Ctx, fromPod: KubeObject, parent: number, call: BackendCall): { ok: boolean; error?: string } {
  const svc = ctx.world.get('Service', call.namespace, call.service);
  const host = `${call.service}.${call.namespace}.svc.cluster.local`;
  const port = svc ? servicePorts(svc).find((p) => p.port === call.port) : undefined;
  if (!svc || !port) return { ok: false, error: `rpc error: code = Unavailable desc = name resolver error: produced zero addresses` };
  const client = appClient(fromPod);
  const saved = { method: ctx.method, path: ctx.path, userAgent: ctx.userAgent, headers: ctx.headers };
  ctx.method = 'POST';
  ctx.path = call.path;
  ctx.userAgent = grpcUserAgent(fromPod.metadata.labels.app ?? '');
  ctx.headers = { 'content-type': 'application/grpc' };
  const response = callThroughService(ctx, client, svc, port, parent, `${host}:${call.port}`);
  Object.assign(ctx, saved);
  if (response.connectionError) return { ok: false, error: `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: read tcp: connection reset by peer"` };
  const grpcStatus = response.headers.find(([k]) => k === 'grpc-status')?.[1];
  if (grpcStatus === '7') {
    const message = response.headers.find(([k]) => k === 'grpc-message')?.[1] ?? '';
    return { ok: false, error: `rpc error: code = PermissionDenied desc = ${message}` };
  }
  if (response.code >= 500) return { ok: false, error: `rpc error: code = Unavailable desc = ${response.body}` };
  return { ok: true };
}

/** The app in a pod as a client: through its sidecar, or plaintext without one. One per pod object. */
const appClient = perObject((pod: KubeObject): HopClient => {
  const label = podLabel(pod);
  return hasSidecar(pod)
    ? { type: 'proxy', proxyKind: 'sidecar', label, pod }
    : { type: 'plain', label, reason: reason('client.no-sidecar', { client: label, via: 'app' }), pod };
});


/** The frontend's page handlers: the backend calls of the page, then the page or the error page. */
function serveFrontend(ctx: Ctx, hopIndex: number, pod: KubeObject, viaSidecar: boolean): Response {
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
      const response = serveFrontend(ctx, hopIndex, pod, viaSidecar);
      // The frontend's middleware logs each request it serves, in the app container.
      const lines = frontendRequestLines(ctx.time, ctx.method, ctx.path.split('?')[0] ?? '/', ctx.requestId, ctx.requestId, response.code, response.body.length, 3 + ctx.hops.length * 2);
      for (const text of lines) ctx.logs.push({ namespace: pod.metadata.namespace ?? '', pod: pod.metadata.name, container: 'server', text });
      return response;
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
    client = { type: 'plain', label, reason: reason('client.no-sidecar', { client: label, via: 'curl', optOut: optOut ? 1 : 0 }), pod };
    byLabel.set(label, client);
  }
  return client;
}

/** By pod object and label: shared by the traces (and their handshakes) of every such request. */
const curlClients = new WeakMap<KubeObject, Map<string, HopClient>>();

function clientLabel(spec: RequestSpec): string {
  return spec.client.kind === 'external' ? `external/${spec.client.name}` : `${spec.client.namespace}/${spec.client.pod}`;
}

/** The generator states before and after the request's endpoint choices, when it made any. */
function spent(ctx: Ctx): Pick<Trace, 'spread'> {
  return ctx.spreadUsed ? { spread: { from: ctx.world.rng.state, to: ctx.spread.state } } : {};
}

function connectionFailure(spec: RequestSpec, ctx: Ctx, curlExit: number, curlError: string, page: PageView, tlsReason?: Reason): Trace {
  return {
    from: clientLabel(spec), url: spec.url, method: ctx.method, httpCode: 0, curlExit, curlError,
    ...(tlsReason ? { tlsReason } : {}),
    hops: ctx.hops, body: '', responseHeaders: [], page, origin: spec.origin ?? 'command', accessLogs: ctx.logs, ...spent(ctx),
  };
}

/** curl's text when connect() fails (lib/connect.c): refused after a few ms, or timed out after Linux's SYN retries. */
function couldNotConnect(host: string, port: number, afterMs: number): string {
  return `Failed to connect to ${host} port ${port} after ${afterMs} ms: Could not connect to server`;
}

/** What curl 8.11.1 offers in the ClientHello (built with nghttp2). */
const CURL_ALPN = ['h2', 'http/1.1'];
/** The TLS library curlimages/curl 8.11.1 is built with, as curl names it in its errors (ossl_version). */
const CURL_OPENSSL = 'OpenSSL/3.3.2';

/**
 * How curl's https request ends when the TLS handshake meets `probe` (probeTls: the simulator's
 * decision about what answers the ClientHello). The texts are curl 8.11.1's (lib/vtls/openssl.c
 * ossl_connect_step2 and ossl_recv, with OpenSSL 3's `error:CODE:SSL routines::REASON` strings):
 * a reset while connecting has no OpenSSL error and names the peer (`SSL_connect: … in connection
 * to HOST:PORT `, trailing space included); a plain-HTTP answer is `wrong version number`; a
 * connection closed without an answer is `unexpected eof while reading`; a sidecar's certificate,
 * whose chain ends in the mesh's self-signed root, fails verification (60) unless `-k`, and then
 * the sidecar's `certificate_required` alert ends the first read (56).
 */
function tlsFailure(spec: RequestSpec, ctx: Ctx, host: string, port: number, probe: TlsProbe): Trace {
  switch (probe.kind) {
    case 'unresolved':
      return connectionFailure(spec, ctx, 6, `Could not resolve host: ${host}`, 'plain');
    case 'refused':
      return connectionFailure(spec, ctx, 7, couldNotConnect(host, port, 3), 'connection-refused');
    case 'timeout':
      return connectionFailure(spec, ctx, 28, couldNotConnect(host, port, 135007), 'timed-out');
    case 'reset':
      return connectionFailure(spec, ctx, 35, `OpenSSL SSL_connect: Connection reset by peer in connection to ${host}:${port} `, 'connection-reset', probe.reason);
    case 'closed':
      return connectionFailure(spec, ctx, 35, `TLS connect error: ${CURL_OPENSSL}: error:0A000126:SSL routines::unexpected eof while reading`, 'connection-closed', probe.reason);
    case 'plaintext':
      return connectionFailure(spec, ctx, 35, `TLS connect error: ${CURL_OPENSSL}: error:0A00010B:SSL routines::wrong version number`, 'ssl-protocol-error', probe.reason);
    case 'mtls':
      return spec.insecure
        ? connectionFailure(spec, ctx, 56, `OpenSSL SSL_read: ${CURL_OPENSSL}: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0`, 'ssl-client-auth', probe.reason)
        : connectionFailure(spec, ctx, 60, 'SSL certificate problem: self-signed certificate in certificate chain', 'cert-invalid', probe.reason);
  }
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
    headers: Object.fromEntries(Object.entries(spec.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    requestId: requestIdFor(`${spec.url}|${clientLabel(spec)}|${world.clock.now()}`),
    time, depth: 0, spread: world.rng.clone(), spreadUsed: false,
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
    client = { type: 'plain', label: clientLabel(spec), reason: reason('client.external', { who: spec.client.name }) };
  } else {
    const pod = world.get('Pod', spec.client.namespace, spec.client.pod);
    if (!pod) return connectionFailure(spec, ctx, 7, `Failed to connect to ${url.host} port ${url.port}`, 'connection-refused');
    if (spec.client.captured && hasSidecar(pod)) {
      client = { type: 'proxy', proxyKind: 'sidecar', label: clientLabel(spec), pod };
    } else if (hasSidecar(pod) && spec.client.container === SIDECAR_CONTAINER) {
      client = { type: 'plain', label: clientLabel(spec), reason: reason('client.proxy-uid'), pod };
    } else {
      client = curlWithoutSidecar(pod, clientLabel(spec));
    }
  }

  if (url.scheme === 'https') {
    // No application or Gateway server here serves TLS of its own: the connection gets as far as
    // the TLS handshake, and what answers the ClientHello decides how it fails.
    return tlsFailure(spec, ctx, url.host, url.port, probeTls(world, spec.client, url.host, url.port, CURL_ALPN));
  }

  let response: Response;
  switch (dest.kind) {
    case 'unresolved':
      return connectionFailure(spec, ctx, 6, `Could not resolve host: ${dest.host}`, 'plain');
    case 'unreachable':
      return connectionFailure(spec, ctx, 28, couldNotConnect(dest.ip, url.port, 135007), 'timed-out');
    case 'load-balancer': {
      if (!dest.port) return connectionFailure(spec, ctx, 28, couldNotConnect(dest.ip, url.port, 135007), 'timed-out');
      const via = `${dest.service.metadata.namespace}/${dest.service.metadata.name}`;
      // In-cluster clients reach an LB IP through kube-proxy; a sidecar knows no service for it.
      const lbClient: HopClient = client.type === 'proxy'
        ? { type: 'plain', label: client.label, reason: reason('client.passthrough', { ip: dest.ip }), pod: client.pod }
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
          return connectionFailure(spec, ctx, 7, couldNotConnect(url.host, url.port, 2), 'connection-refused');
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
    page, origin: spec.origin ?? 'command', accessLogs: ctx.logs, ...spent(ctx),
  };
}

/** Stores a trace's access-log lines in the pods' logs (what `kubectl logs -c istio-proxy` shows). */
export function recordAccessLogs(world: World, trace: Trace): void {
  // The request was made: the endpoint choices it drew are spent, so the next request draws anew.
  // (Unless something else drew from the generator meanwhile: then the trace is stale, and the
  // generator is left alone.)
  if (trace.spread && world.rng.state === trace.spread.from) world.rng.state = trace.spread.to;
  // A proxy at `rbac:debug` logs its RBAC filters' decisions before the request's access-log line.
  for (const entry of withRbacDebugLines(world, trace)) world.appendLog(entry.namespace, entry.pod, entry.container, entry.text);
}
