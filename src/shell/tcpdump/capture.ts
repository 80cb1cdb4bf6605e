import { hasSidecar, podIP, podServiceAccount, spiffeId } from '../../domain/cluster/pods.ts';
import type { KubeObject } from '../../domain/objects.ts';
import { isGatewayPod } from '../../domain/resolution/isGatewayPod.ts';
import type { Hop, Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import { type Exchange, type Packet, ascii, concat, connectionPackets, pseudoRandomBytes, tlsApplicationData, tlsClientHello, tlsServerFlight } from './packets.ts';

/** Where traffic from outside the cluster arrives from: the node, after GKE's load balancer SNAT. */
const NODE_IP = '10.128.0.1';

/** The interfaces a capture listens on. */
export type CaptureInterface = 'eth0' | 'lo' | 'any';

function podOf(world: World, label: string): KubeObject | undefined {
  const [ns, name] = label.split('/');
  return ns && name ? world.get('Pod', ns, name) : undefined;
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function ephemeralPort(seed: string): number {
  return 32768 + (fnv(seed) % 28000);
}

function statusText(code: number): string {
  return ({ 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 415: 'Unsupported Media Type', 500: 'Internal Server Error', 503: 'Service Unavailable' } as Record<number, string>)[code] ?? 'OK';
}

/** What one hop asks for and answers, in the protocol the application speaks. */
interface HopMessages {
  /** The request as the client process writes it. */
  appRequest: Uint8Array;
  /** The request as the server's sidecar forwards it to the application (Envoy's headers added). */
  forwardedRequest: Uint8Array;
  response: Uint8Array;
}

/** An HTTP/2 connection preface and frames: readable preface, binary HPACK after it. */
function http2Bytes(seed: string, length: number, preface: boolean): Uint8Array {
  return concat([preface ? ascii('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n') : new Uint8Array(0), Uint8Array.of(0, 0, 18, 4, 0, 0, 0, 0, 0), pseudoRandomBytes(seed, length)]);
}

function messages(world: World, trace: Trace, hop: Hop, index: number): HopMessages {
  const seed = `${trace.url}|${trace.from}|${index}`;
  if (hop.protocol === 'grpc') {
    return { appRequest: http2Bytes(`${seed}/rq`, 120, true), forwardedRequest: http2Bytes(`${seed}/frq`, 180, true), response: http2Bytes(`${seed}/rs`, 60, false) };
  }
  const url = /^[a-z]+:\/\/([^/]+)(\/[^#]*)?/i.exec(trace.url);
  const root = hop.parent === -1 || trace.hops[hop.parent]?.parent === -1;
  const path = root ? (url?.[2] ?? '/') : '/';
  // Clients leave the scheme's default port out of Host.
  const host = root ? (url?.[1] ?? '').replace(/:80$/, '') : `${hop.service ?? ''}${hop.servicePort && hop.servicePort !== 80 ? `:${hop.servicePort}` : ''}`;
  const method = trace.method;
  const agent = trace.origin === 'background' ? 'python-requests/2.32.3' : 'curl/8.11.1';
  const appRequest = trace.origin === 'background'
    ? `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${agent}\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n`
    : `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${agent}\r\nAccept: */*\r\n\r\n`;
  const server = podOf(world, hop.to);
  const client = podOf(world, hop.from);
  const requestId = (fnv(`${seed}/rid`).toString(16) + fnv(`${seed}/rid2`).toString(16)).padEnd(16, '0');
  const xfcc = hop.clientSends === 'ISTIO_MUTUAL' && server && client
    ? `x-forwarded-client-cert: By=${spiffeId(world.trustDomain, server.metadata.namespace ?? '', podServiceAccount(server))};Hash=${Array.from(pseudoRandomBytes(`${seed}/hash`, 32), (b) => b.toString(16).padStart(2, '0')).join('')};Subject="";URI=${spiffeId(world.trustDomain, client.metadata.namespace ?? '', podServiceAccount(client))}\r\n`
    : '';
  const forwarded = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\nuser-agent: ${agent}\r\naccept: */*\r\nx-forwarded-proto: http\r\nx-request-id: ${requestId.slice(0, 8)}-${requestId.slice(8, 12)}-4${requestId.slice(13, 16)}-a${requestId.slice(1, 4)}-${requestId.slice(4, 16)}\r\n${xfcc}x-envoy-attempt-count: 1\r\n\r\n`;
  const code = hop.httpCode || 200;
  const body = root && trace.body ? trace.body : code === 200 ? 'ok' : `${statusText(code)}\n`;
  const contentType = body.startsWith('<!DOCTYPE') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
  const date = new Date(world.clock.now()).toUTCString();
  const response = `HTTP/1.1 ${code} ${statusText(code)}\r\nSet-Cookie: shop_session-id=${requestId}; Max-Age=172800\r\nDate: ${date}\r\nContent-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
  return { appRequest: ascii(appRequest), forwardedRequest: ascii(forwarded), response: ascii(response) };
}

/** The bytes one hop puts on the wire between the two pods, by what the client sends and how it ends. */
function wireExchanges(hop: Hop, m: HopMessages, seed: string, fromSidecar: boolean): Exchange[] {
  const sni = String(hop.handshake.find((s) => s.kind === 'client_hello')?.data?.sni ?? hop.service ?? '');
  if (hop.clientSends === 'PLAINTEXT') {
    // A hop from a client sidecar carries the request as Envoy forwards it; a bare client's as written.
    const request = fromSidecar ? m.forwardedRequest : m.appRequest;
    if (hop.outcome === 'reset') return [{ from: 'client', bytes: request }, { from: 'server', bytes: new Uint8Array(0), reset: true }];
    return [{ from: 'client', bytes: request }, { from: 'server', bytes: m.response }];
  }
  const alpn = hop.clientSends === 'ISTIO_MUTUAL' ? (hop.protocol === 'grpc' ? ['istio-peer-exchange', 'istio', 'h2'] : ['istio-peer-exchange', 'istio']) : ['h2', 'http/1.1'];
  const hello: Exchange = { from: 'client', bytes: tlsClientHello(seed, sni, alpn) };
  if (hop.clientSends !== 'ISTIO_MUTUAL' && hop.serverMode === 'PERMISSIVE') return [hello, { from: 'server', bytes: new Uint8Array(0), reset: true }];
  if (hop.outcome === 'tls_error' && (hop.serverMode === 'DISABLE' || hop.serverMode === 'NO_SIDECAR')) {
    // Nobody terminates TLS: an HTTP server answers the ClientHello as a malformed request.
    return [hello, { from: 'server', bytes: ascii('HTTP/1.1 400 Bad Request\r\ncontent-length: 11\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nBad Request') }];
  }
  const exchanges: Exchange[] = [hello, { from: 'server', bytes: tlsServerFlight(seed, 2580) }];
  if (hop.outcome === 'tls_error') return [...exchanges, { from: 'client', bytes: tlsApplicationData(`${seed}/alert`, 19) }];
  return [...exchanges, { from: 'client', bytes: concat([Uint8Array.of(0x14, 3, 3, 0, 1, 1), tlsApplicationData(`${seed}/cflight`, 1790), tlsApplicationData(`${seed}/req`, m.forwardedRequest.length + 17)]) }, { from: 'server', bytes: tlsApplicationData(`${seed}/rsp`, m.response.length + 17) }];
}

/**
 * The packets of one simulated request that a capture in `pod` sees on `iface`: on eth0 the
 * connections between pods (TLS records when the hop is mutual TLS, readable HTTP when it is
 * plaintext); on lo the legs between the applications and their sidecar, always plaintext
 * (127.0.0.6 → the app for inbound, the app → 127.0.0.1:15001 for outbound).
 */
export function tracePackets(world: World, trace: Trace, pod: KubeObject, iface: CaptureInterface, startUs: number): Packet[] {
  const label = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
  const ip = podIP(pod) ?? '0.0.0.0';
  const wire = iface === 'eth0' || iface === 'any';
  const loop = iface === 'lo' || iface === 'any';
  const out: Packet[] = [];
  const timing = hopTiming(trace.hops, startUs);
  trace.hops.forEach((hop, i) => {
    const client = podOf(world, hop.from);
    const server = podOf(world, hop.to);
    const isClient = hop.from === label;
    const isServer = hop.to === label;
    if (!isClient && !isServer) return;
    const { start, arrive, respond } = timing[i] ?? { start: startUs, arrive: startUs, respond: startUs };
    const seed = `${trace.url}|${trace.from}|${startUs}|${i}`;
    const m = messages(world, trace, hop, i);
    const leg = (legIface: 'eth0' | 'lo', c: { ip: string; port: number }, s: { ip: string; port: number }, capturedIsClient: boolean, at: number, exchanges: Exchange[], tag: string) =>
      connectionPackets({ iface: legIface, client: c, server: s, capturedIsClient, start: at, exchanges, seed: `${seed}/${tag}` });
    const loopback = hop.handshake[0]?.text.includes('127.0.0.1') === true;
    if (loopback) {
      if (loop) out.push(...leg('lo', { ip: '127.0.0.1', port: ephemeralPort(`${seed}/l`) }, { ip: '127.0.0.1', port: hop.port }, true, start, [{ from: 'client', bytes: m.appRequest }, { from: 'server', bytes: m.response, at: respond }], 'loop'));
      return;
    }
    const clientIp = client ? (podIP(client) ?? NODE_IP) : NODE_IP;
    const serverIp = server ? (podIP(server) ?? '0.0.0.0') : '0.0.0.0';
    const fromSidecar = client !== undefined && hasSidecar(client) && hop.clientReason.code !== 'client.proxy-uid' && hop.clientReason.code !== 'client.no-sidecar';
    // The app's leg to its own sidecar opens first and gets the answer last.
    if (isClient && loop && fromSidecar && client && !isGatewayPod(client)) {
      out.push(...leg('lo', { ip, port: ephemeralPort(`${seed}/app`) }, { ip: '127.0.0.1', port: 15001 }, true, start, [{ from: 'client', bytes: m.appRequest }, { from: 'server', bytes: m.response, at: respond + 900 }], 'out'));
    }
    if (wire) {
      const exchanges = wireExchanges(hop, m, seed, fromSidecar);
      const last = exchanges[exchanges.length - 1];
      if (last && last.from === 'server' && !last.reset) last.at = respond;
      out.push(...leg('eth0', { ip: clientIp, port: ephemeralPort(`${seed}/w`) }, { ip: serverIp, port: hop.port }, isClient, start + 500, exchanges, 'wire'));
    }
    // The server's sidecar hands the request to the app once it has it, and relays the answer.
    if (isServer && loop && hop.outcome === 'ok' && server && hasSidecar(server) && !isGatewayPod(server)) {
      out.push(...leg('lo', { ip: '127.0.0.6', port: ephemeralPort(`${seed}/in`) }, { ip, port: hop.port }, false, arrive, [{ from: 'client', bytes: m.forwardedRequest }, { from: 'server', bytes: m.response, at: respond - 2500 }], 'in'));
    }
  });
  return out.sort((a, b) => a.time - b.time);
}

/**
 * When each hop starts, when its request reaches the server's application, and when the answer
 * leaves: a hop's calls to other services (the hops after it whose parent chain leads to it)
 * happen in between, so its answer waits for theirs.
 */
function hopTiming(hops: readonly Hop[], startUs: number): { start: number; arrive: number; respond: number }[] {
  const out: { start: number; arrive: number; respond: number }[] = [];
  const descendsFrom = (i: number, ancestor: number): boolean => {
    for (let p = hops[i]?.parent ?? -1; p >= 0; p = hops[p]?.parent ?? -1) if (p === ancestor) return true;
    return false;
  };
  let cursor = startUs;
  const open: number[] = [];
  const close = (i: number) => {
    const t = out[i];
    if (!t) return;
    t.respond = Math.max(t.arrive + 1500, cursor + 1200);
    cursor = t.respond + 3500;
  };
  hops.forEach((_, i) => {
    while (open.length > 0 && !descendsFrom(i, open[open.length - 1] ?? -1)) close(open.pop() ?? -1);
    const start = cursor;
    const arrive = start + 6000;
    out[i] = { start, arrive, respond: arrive + 1500 };
    cursor = arrive + 600;
    open.push(i);
  });
  while (open.length > 0) close(open.pop() ?? -1);
  return out;
}
