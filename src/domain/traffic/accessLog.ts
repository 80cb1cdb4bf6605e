import type { Hop } from './trace.ts';

/**
 * Envoy access-log lines in Istio's default TEXT format (meshConfig.accessLogFormat unset):
 * [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
 * "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
 * %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 * "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW%
 * %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS%
 * %REQUESTED_SERVER_NAME% %ROUTE_NAME%
 */
export interface AccessLogInput {
  time: Date;
  hop: Hop;
  method: string;
  path: string;
  protocol: string;
  code: number;
  flags: string;
  details: string;
  bytesSent: number;
  durationMs: number;
  userAgent: string;
  requestId: string;
  authority: string;
  serverIp: string;
  clientIp: string;
  sni: string;
  /** The service VIP the client dialled, when it dialled one. */
  serviceIp?: string;
  /** X-Forwarded-For as the request arrives: set by an ingress gateway (use_remote_address). */
  forwardedFor?: string;
}

let lastTime = Number.NaN;
let lastStamp = '';

/** `[2026-11-28T09:00:00.000Z]`; the lines of one request (and often of many) share one time. */
function stamp(time: Date): string {
  const ms = time.getTime();
  if (ms !== lastTime) {
    lastTime = ms;
    lastStamp = `[${time.toISOString()}]`;
  }
  return lastStamp;
}

/**
 * A template's text as one flat string. A template literal builds a rope of its pieces, about
 * four times the text's size, and log lines are kept long: 2,000 per pod, and in the traces.
 */
function line(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  const parts: (string | number)[] = [strings[0] ?? ''];
  for (let i = 0; i < values.length; i++) parts.push(values[i] ?? '', strings[i + 1] ?? '');
  return parts.join('');
}

/** The server sidecar's inbound line; a reset before any HTTP is parsed logs `"- - -" 0 NR filter_chain_not_found`. */
export function inboundLogLine(e: AccessLogInput): string {
  const remotePort = 40000 + (e.requestId.charCodeAt(0) * 97 + e.requestId.charCodeAt(1) * 13) % 20000;
  if (e.hop.outcome === 'reset' && e.hop.serverMode === 'STRICT') {
    return line`${stamp(e.time)} "- - -" 0 NR filter_chain_not_found - "-" 0 0 0 - "-" "-" "-" "-" "-" - - ${e.serverIp}:${e.hop.port} ${e.clientIp}:${remotePort} - -`;
  }
  const sni = e.hop.clientSends === 'ISTIO_MUTUAL' ? e.sni : '-';
  const denied = rbacDenial(e.hop);
  if (denied && e.hop.httpCode === 0) {
    // The RBAC network filter closed a TCP connection: its reason is the connection termination details.
    return line`${stamp(e.time)} "- - -" 0 - - ${denied} "-" 0 0 0 - "-" "-" "-" "-" "-" inbound|${e.hop.port}|| - ${e.serverIp}:${e.hop.port} ${e.clientIp}:${remotePort} ${sni} -`;
  }
  if (denied) {
    // The RBAC HTTP filter answered itself: no upstream, no upstream time, no route.
    return line`${stamp(e.time)} "${e.method} ${e.path} ${e.protocol}" ${e.code} - ${denied} - "-" 0 ${e.bytesSent} 0 - "${e.forwardedFor ?? '-'}" "${e.userAgent}" "${e.requestId}" "${e.authority}" "-" inbound|${e.hop.port}|| - ${e.serverIp}:${e.hop.port} ${e.clientIp}:${remotePort} ${sni} -`;
  }
  return line`${stamp(e.time)} "${e.method} ${e.path} ${e.protocol}" ${e.code} ${e.flags} ${e.details} - "-" 0 ${e.bytesSent} ${e.durationMs} ${Math.max(0, e.durationMs - 1)} "${e.forwardedFor ?? '-'}" "${e.userAgent}" "${e.requestId}" "${e.authority}" "${e.serverIp}:${e.hop.port}" inbound|${e.hop.port}|| 127.0.0.6:${remotePort} ${e.serverIp}:${e.hop.port} ${e.clientIp}:${remotePort} ${sni} default`;
}

/**
 * `rbac_access_denied_matched_policy[<policy>]` when the hop's server proxy denied the request
 * (Envoy's RBAC filters, http/rbac/rbac_filter.cc and network/rbac/rbac_filter.cc).
 */
function rbacDenial(hop: Hop): string | undefined {
  return hop.outcome === 'denied' ? `rbac_access_denied_matched_policy[${hop.authz?.deniedBy ?? 'none'}]` : undefined;
}

/** Whether the client's proxy saw the upstream fail (a denial over HTTP is an upstream answer like any other). */
function upstreamFailed(hop: Hop): boolean {
  return hop.outcome !== 'ok' && !(hop.outcome === 'denied' && hop.httpCode > 0);
}

/** The client sidecar's (or gateway's) outbound line. */
export function outboundLogLine(e: AccessLogInput, cluster: string): string {
  const fail = upstreamFailed(e.hop);
  const transport = e.hop.outcome === 'tls_error' ? 'TLS_error:_268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER' : '-';
  const closed = e.hop.outcome === 'reset' || e.hop.outcome === 'denied';
  const details = fail ? (closed ? 'upstream_reset_before_response_started{connection_termination}' : 'upstream_reset_before_response_started{connection_failure}') : 'via_upstream';
  const flags = fail ? (closed ? 'UC' : 'UF,URX') : '-';
  return line`${stamp(e.time)} "${e.method} ${e.path} ${e.protocol}" ${e.code} ${flags} ${details} - "${fail ? transport : '-'}" 0 ${e.bytesSent} ${e.durationMs} ${fail ? '-' : Math.max(0, e.durationMs - 1)} "-" "${e.userAgent}" "${e.requestId}" "${e.authority}" "${e.serverIp}:${e.hop.port}" ${cluster} ${e.clientIp}:${41000 + e.durationMs} ${e.serviceIp ?? e.serverIp}:${e.hop.servicePort ?? e.hop.port} ${e.clientIp}:${42000 + e.durationMs} - default`;
}

/** Where a gateway's downstream connection came from and arrived. */
export interface GatewayDownstream {
  /** The client's address (the node's, for traffic SNATed by the cloud load balancer). */
  remoteIp: string;
  /** The gateway pod's address and the container port its listener is on. */
  localIp: string;
  localPort: number;
}

/**
 * The ingress gateway's one line per request. A gateway has no inbound sidecar listener: it logs
 * the downstream request with the upstream it chose (or `route_not_found` when no VirtualService
 * route matches), the client's address in X-Forwarded-For (gateways set use_remote_address), and
 * an empty route name for unnamed VirtualService routes.
 */
export function gatewayLogLine(e: AccessLogInput, down: GatewayDownstream, cluster: string | undefined): string {
  const remotePort = 40000 + (e.requestId.charCodeAt(2) * 97 + e.requestId.charCodeAt(3) * 13) % 20000;
  const local = `${down.localIp}:${down.localPort}`;
  const remote = `${down.remoteIp}:${remotePort}`;
  if (cluster === undefined) {
    // No upstream: the gateway's own RBAC filter denied the request, or no route matched it.
    const denied = rbacDenial(e.hop);
    return denied
      ? line`${stamp(e.time)} "${e.method} ${e.path} ${e.protocol}" ${e.code} - ${denied} - "-" 0 ${e.bytesSent} 0 - "${down.remoteIp}" "${e.userAgent}" "${e.requestId}" "${e.authority}" "-" - - ${local} ${remote} - -`
      : line`${stamp(e.time)} "${e.method} ${e.path} ${e.protocol}" ${e.code} NR route_not_found - "-" 0 0 0 - "${down.remoteIp}" "${e.userAgent}" "${e.requestId}" "${e.authority}" "-" - - ${local} ${remote} - -`;
  }
  const fail = upstreamFailed(e.hop);
  const closed = e.hop.outcome === 'reset' || e.hop.outcome === 'denied';
  const flags = fail ? (closed ? 'UC' : 'UF,URX') : '-';
  const details = fail ? (closed ? 'upstream_reset_before_response_started{connection_termination}' : 'upstream_reset_before_response_started{connection_failure}') : 'via_upstream';
  return line`${stamp(e.time)} "${e.method} ${e.path} ${e.protocol}" ${e.code} ${flags} ${details} - "-" 0 ${e.bytesSent} ${e.durationMs} ${fail ? '-' : Math.max(0, e.durationMs - 1)} "${down.remoteIp}" "${e.userAgent}" "${e.requestId}" "${e.authority}" "${e.serverIp}:${e.hop.port}" ${cluster} ${down.localIp}:${41000 + e.durationMs} ${local} ${remote} - -`;
}

/**
 * The frontend's own request log (microservices-demo src/frontend/middleware.go, logHandler):
 * logrus JSON with sorted keys, one line when the request starts and one when it completes.
 */
export function frontendRequestLines(time: Date, method: string, path: string, requestId: string, session: string, status: number, bytes: number, tookMs: number): [string, string] {
  const stampText = time.toISOString().replace(/\.(\d{3})Z$/, '.$1093312Z');
  const req = `"http.req.id":"${requestId}","http.req.method":"${method}","http.req.path":"${path.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return [
    line`{${req},"message":"request started","session":"${session}","severity":"debug","timestamp":"${stampText}"}`,
    line`{${req},"http.resp.bytes":${bytes},"http.resp.status":${status},"http.resp.took_ms":${tookMs},"message":"request complete","session":"${session}","severity":"debug","timestamp":"${stampText}"}`,
  ];
}
