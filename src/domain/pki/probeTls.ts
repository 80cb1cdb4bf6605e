import { SIDECAR_CONTAINER, hasSidecar, podContainers } from '../cluster/pods.ts';
import { type ServicePort, resolveTargetPort, serviceEndpoints, servicePorts, serviceSelector } from '../cluster/services.ts';
import { type KubeObject, getPath, getStringMap, isJsonObject, labelsMatch } from '../objects.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import { resolveClientTls } from '../resolution/resolveClientTls.ts';
import { resolveServerMode } from '../resolution/resolveServerMode.ts';
import type { RequestClient } from '../traffic/request.ts';
import { resolveDestination } from '../traffic/resolveDestination.ts';
import type { Reason, ServerMode } from '../traffic/trace.ts';
import { reason } from '../reasons/reason.ts';
import type { World } from '../world.ts';
import type { WorkloadCertificate } from './types.ts';
import { workloadCertificate } from './workloadCertificate.ts';

/**
 * What a TLS client without a client certificate (`openssl s_client`) meets at host:port. Every
 * kind is what the client's socket sees; `why` says which part of the mesh made it so, and
 * `reason`, where a sidecar or the application answered the handshake, says it in the engine's
 * phrases (in every language, with the policies behind a sidecar's mode as causes).
 */
export type TlsProbe = (
  /** DNS found no such name. */
  | { kind: 'unresolved'; why: string }
  /** Nothing accepts the connection (ECONNREFUSED). */
  | { kind: 'refused'; why: string }
  /** No route answers: connect() times out. */
  | { kind: 'timeout'; why: string }
  /** The peer resets the connection after reading part of the ClientHello (RST). */
  | { kind: 'reset'; why: string }
  /** The peer closes the connection without answering (FIN). */
  | { kind: 'closed'; why: string }
  /** A plaintext server answers the ClientHello with something that is not TLS (an HTTP 400). */
  | { kind: 'plaintext'; why: string }
  /**
   * An Istio sidecar terminates TLS: it sends its workload certificate chain and the mesh root's
   * name as the acceptable CA, requires a client certificate, and alerts `certificate_required`
   * when none comes. `alpn` is the protocol it selected, if any.
   */
  | { kind: 'mtls'; why: string; mode: ServerMode; certificate: WorkloadCertificate; alpn?: string }
) & { reason?: Reason };

/** Every ALPN value an Istio mTLS filter chain matches on (istio pilot/pkg/networking/core/listener.go allIstioMtlsALPNs). */
const ISTIO_ALPNS = ['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
/** Chains for HTTP advertise util.ALPNHttp; TCP chains util.ALPNDownstreamWithMxc (authn/utils BuildInboundTLS). */
const HTTP_CHAIN_ALPN = ['h2', 'http/1.1'];
const TCP_CHAIN_ALPN = ['istio-peer-exchange', 'h2', 'http/1.1'];
/** The sidecar's own ports that answer plain HTTP on the pod IP (Prometheus, health). */
const SIDECAR_HTTP_PORTS = [15020, 15021, 15090];

type ListenerProtocol = 'HTTP' | 'TCP' | 'Auto';

/**
 * The listener protocol Istio gives a Service port, from appProtocol or the name's prefix before
 * `-` (istio pkg/config/protocol: HTTP, HTTP2, GRPC, GRPC-Web are HTTP; HTTPS, TLS, TCP and the
 * database protocols are TCP; anything else is sniffed).
 */
function listenerProtocol(port: Pick<ServicePort, 'name' | 'appProtocol'> | undefined): ListenerProtocol {
  const name = (port?.appProtocol ?? port?.name ?? '').toLowerCase();
  const prefix = name === 'grpc-web' || name.startsWith('grpc-web-') ? 'grpc-web' : name.split('-')[0] ?? '';
  if (['http', 'http2', 'grpc', 'grpc-web', 'h2c'].includes(prefix)) return 'HTTP';
  if (['https', 'tls', 'tcp', 'mongo', 'mysql', 'redis', 'thrift'].includes(prefix)) return 'TCP';
  return 'Auto';
}

/** The Service ports of the Services selecting `pod` that target `containerPort`. */
function servicePortsFor(world: World, pod: KubeObject, containerPort: number): ServicePort[] {
  return world.list('Service', pod.metadata.namespace ?? '').flatMap((svc) => {
    const selector = serviceSelector(svc);
    if (Object.keys(selector).length === 0 || !labelsMatch(selector, pod.metadata.labels)) return [];
    return servicePorts(svc).filter((p) => resolveTargetPort(p, pod) === containerPort);
  });
}

/** The Service port Istio's inbound listener takes the protocol from (the first that targets the port). */
function servicePortFor(world: World, pod: KubeObject, containerPort: number): ServicePort | undefined {
  return servicePortsFor(world, pod, containerPort)[0];
}

/**
 * What the application on `port` does with a ClientHello: nothing listens (refused), an HTTP/1
 * server answers 400 Bad Request, a gRPC (HTTP/2) server (a Service names the port grpc) drops the
 * connection when the client preface is wrong, leaving the rest of the ClientHello unread, which
 * resets it.
 */
function applicationAnswer(world: World, pod: KubeObject, port: number): TlsProbe {
  const container = podContainers(pod).find((c) => c.name !== SIDECAR_CONTAINER && c.ports.includes(port));
  if (!container) return { kind: 'refused', why: `nothing in ${podName(pod)} listens on port ${port}` };
  const grpc = servicePortsFor(world, pod, port).some((p) => /^grpc/.test((p.appProtocol ?? p.name ?? '').toLowerCase()));
  return grpc
    ? { kind: 'reset', why: `the gRPC server in ${podName(pod)} reads the ClientHello as a bad HTTP/2 preface and drops the connection`, reason: reason('tls.probe.app-grpc', { pod: podName(pod), port }) }
    : { kind: 'plaintext', why: `the application in ${podName(pod)} speaks plain HTTP and answers 400 Bad Request`, reason: reason('tls.probe.app-http', { pod: podName(pod), port }) };
}

const podName = (pod: KubeObject) => `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;

/**
 * The inbound side of a pod: its sidecar's filter chains for the port's mTLS mode (the
 * simulator's own decision, resolveServerMode), or the application itself. Chains follow istio
 * pilot/pkg/networking/core/filterchain_options.go getFilterChainMatchOptions (1.26):
 * - STRICT: every chain is TLS with require_client_certificate, whatever the ALPN;
 * - PERMISSIVE: TLS with an Istio ALPN gets the mTLS chain; other TLS gets no chain on an HTTP
 *   port (Envoy closes it, filter_chain_not_found) and a plain TCP proxy to the app otherwise;
 * - DISABLE: plaintext chains only: the HTTP connection manager answers 400 on an HTTP port, and
 *   TCP/sniffed ports pass the bytes to the app.
 */
function inbound(world: World, pod: KubeObject, port: number, servicePort: ServicePort | undefined, alpn: readonly string[]): TlsProbe {
  if (isGatewayPod(pod)) return gatewayAnswer(world, pod, port, servicePort);
  if (!hasSidecar(pod)) {
    if (SIDECAR_HTTP_PORTS.includes(port)) return { kind: 'refused', why: `${podName(pod)} has no sidecar` };
    return applicationAnswer(world, pod, port);
  }
  if (SIDECAR_HTTP_PORTS.includes(port)) return { kind: 'plaintext', why: `port ${port} is the sidecar's own plain HTTP endpoint` };
  const serverDecision = resolveServerMode(world, pod, port);
  const mode = serverDecision.mode;
  const decided = (code: 'tls.probe.certificate' | 'tls.probe.no-chain' | 'tls.probe.disabled'): Reason =>
    reason(code, { pod: podName(pod), port, decision: serverDecision.reason }, serverDecision.reason.causes);
  const protocol = listenerProtocol(servicePort ?? servicePortFor(world, pod, port));
  const istioAlpn = alpn.some((a) => ISTIO_ALPNS.includes(a));
  const declared = podContainers(pod).some((c) => c.name !== SIDECAR_CONTAINER && c.ports.includes(port));
  const terminate = (why: string): TlsProbe => {
    const httpChain = protocol === 'HTTP' || (protocol === 'Auto' && alpn.some((a) => a.startsWith('istio-h')));
    const offered = httpChain ? HTTP_CHAIN_ALPN : TCP_CHAIN_ALPN;
    const selected = offered.find((a) => alpn.includes(a));
    return { kind: 'mtls', why, mode, certificate: workloadCertificate(world, pod), ...(selected ? { alpn: selected } : {}), reason: decided('tls.probe.certificate') };
  };
  if (mode === 'STRICT') return terminate(`${podName(pod)}'s sidecar is STRICT on port ${port}: it answers TLS with its workload certificate and requires a client certificate`);
  if (mode === 'PERMISSIVE' && istioAlpn) return terminate(`${podName(pod)}'s sidecar is PERMISSIVE on port ${port}: the Istio ALPN picks its mTLS filter chain, which requires a client certificate`);
  if (protocol === 'HTTP') {
    return mode === 'PERMISSIVE'
      ? { kind: 'reset', why: `${podName(pod)}'s sidecar is PERMISSIVE on HTTP port ${port}: TLS without an Istio ALPN matches no filter chain, so Envoy closes the connection`, reason: decided('tls.probe.no-chain') }
      : { kind: 'plaintext', why: `${podName(pod)}'s sidecar has mTLS DISABLE on HTTP port ${port}: its HTTP connection manager answers the TLS bytes with 400 Bad Request`, reason: decided('tls.probe.disabled') };
  }
  if (!declared) return { kind: 'closed', why: `${podName(pod)}'s sidecar passes the connection to port ${port}, where nothing listens, and closes it` };
  return applicationAnswer(world, pod, port);
}

/** A gateway listens only where a Gateway server selects it; plain HTTP servers answer 400. */
function gatewayAnswer(world: World, pod: KubeObject, port: number, servicePort: ServicePort | undefined): TlsProbe {
  const servers = world.list('Gateway').flatMap((gw) => {
    const list = getPath(gw.spec, 'servers');
    return labelsMatch(getStringMap(gw.spec, 'selector'), pod.metadata.labels) && Array.isArray(list) ? list.filter(isJsonObject) : [];
  });
  const listening = (servicePort ?? servicePortFor(world, pod, port))?.port ?? port;
  const server = servers.find((s) => getPath(s, 'port', 'number') === listening);
  if (!server) return { kind: 'refused', why: `no Gateway server opens port ${port} on ${podName(pod)}` };
  if (getPath(server, 'tls') !== undefined) return { kind: 'closed', why: `TLS on Gateway servers is not simulated: ${podName(pod)} closes the connection` };
  return { kind: 'plaintext', why: `${podName(pod)} serves plain HTTP on port ${port} (Gateway server) and answers 400 Bad Request`, reason: reason('tls.probe.gateway-http', { pod: podName(pod), port }) };
}

/**
 * What `openssl s_client` (no client certificate, ALPN `alpn`) meets at host:port from `client`,
 * decided by the simulator's own rules: DNS and Services as resolveDestination finds them, the
 * server's mTLS mode as resolveServerMode decides it, the client sidecar's TLS as resolveClientTls
 * decides it. A process whose traffic its own sidecar captures never sees the server's
 * certificate: on an HTTP port the sidecar's HTTP listener rejects the TLS bytes, elsewhere they
 * travel inside the sidecars' own mTLS to the server application.
 */
export function probeTls(world: World, client: RequestClient, host: string, port: number, alpn: readonly string[]): TlsProbe {
  if (client.kind === 'external' && ['localhost', '127.0.0.1', '::1'].includes(host.toLowerCase())) {
    return { kind: 'refused', why: `nothing in ${client.name === 'cloudshell' ? 'Cloud Shell' : 'the browser’s machine'} listens on port ${port}` };
  }
  const dest = resolveDestination(world, client, { scheme: 'https', host: host.toLowerCase(), port, path: '/', explicitPort: true });
  switch (dest.kind) {
    case 'unresolved':
      return { kind: 'unresolved', why: `${host} is not a name the cluster DNS knows` };
    case 'unreachable':
      return { kind: 'timeout', why: `nothing answers at ${dest.ip}` };
    case 'pod': {
      if (dest.loopback) {
        if (hasSidecar(dest.pod) && [15000, ...SIDECAR_HTTP_PORTS].includes(port)) return { kind: 'plaintext', why: `port ${port} is the sidecar's own plain HTTP endpoint` };
        return applicationAnswer(world, dest.pod, port);
      }
      // A pod IP is no service a client sidecar knows: it forwards the bytes unchanged (PassthroughCluster).
      return inbound(world, dest.pod, port, undefined, alpn);
    }
    case 'load-balancer':
    case 'service': {
      if (!dest.port) return dest.kind === 'service' ? { kind: 'refused', why: `${dest.service.metadata.name} has no port ${port}` } : { kind: 'timeout', why: `the load balancer ${dest.ip} forwards no port ${port}` };
      const endpoint = serviceEndpoints(world, dest.service)[0];
      if (!endpoint) return { kind: 'refused', why: `${dest.service.metadata.name} has no ready endpoints` };
      const target = resolveTargetPort(dest.port, endpoint) ?? dest.port.port;
      const self = client.kind === 'pod' ? world.get('Pod', client.namespace, client.pod) : undefined;
      if (dest.kind === 'service' && client.kind === 'pod' && client.captured && self && hasSidecar(self)) {
        return throughClientSidecar(world, self, dest.service, dest.port, endpoint, target, alpn);
      }
      return inbound(world, endpoint, target, dest.port, alpn);
    }
  }
}

/** The client's own sidecar captured the connection to a Service port. */
function throughClientSidecar(world: World, self: KubeObject, service: KubeObject, port: ServicePort, endpoint: KubeObject, target: number, alpn: readonly string[]): TlsProbe {
  if (listenerProtocol(port) === 'HTTP') {
    return { kind: 'plaintext', why: `${podName(self)}'s own sidecar captures the connection: its outbound HTTP listener for port ${port.port} rejects the TLS bytes with 400 Bad Request`, reason: reason('tls.probe.own-sidecar', { pod: podName(self), port: port.port }) };
  }
  const decision = resolveClientTls(world, { namespace: self.metadata.namespace ?? '', kind: 'sidecar' }, service, port.port, endpoint, target);
  const serverMode = hasSidecar(endpoint) && !isGatewayPod(endpoint) ? resolveServerMode(world, endpoint, target).mode : 'NO_SIDECAR';
  if (decision.sends === 'PLAINTEXT') return inbound(world, endpoint, target, port, alpn);
  if (decision.sends === 'ISTIO_MUTUAL' && (serverMode === 'STRICT' || serverMode === 'PERMISSIVE')) {
    return { ...applicationAnswer(world, endpoint, target), why: `the two sidecars carry the TLS bytes inside their own mTLS to the application in ${podName(endpoint)}` };
  }
  return { kind: 'closed', why: `${podName(self)}'s sidecar originates TLS that ${podName(endpoint)} does not terminate; the upstream handshake fails and the sidecar closes the connection` };
}
