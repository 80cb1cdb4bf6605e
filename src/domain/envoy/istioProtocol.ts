import type { ServicePort } from '../cluster/services.ts';

/** Istio's protocol of a Service port (istio pkg/config/protocol/instance.go). */
export type IstioProtocol =
  | 'GRPC' | 'GRPC-Web' | 'HTTP' | 'HTTP_PROXY' | 'HTTP2' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP'
  | 'Mongo' | 'Redis' | 'MySQL' | 'UnsupportedProtocol';

/** How a listener treats a port: HTTP (an HTTP connection manager), TCP (a TCP proxy), or sniffed. */
export type ListenerProtocol = 'HTTP' | 'TCP' | 'Auto' | 'None';

const BY_NAME: Record<string, IstioProtocol> = {
  tcp: 'TCP', udp: 'UDP', grpc: 'GRPC', 'grpc-web': 'GRPC-Web', http: 'HTTP', http_proxy: 'HTTP_PROXY',
  http2: 'HTTP2', https: 'HTTPS', tls: 'TLS', mongo: 'Mongo', redis: 'Redis', mysql: 'MySQL',
};

/** SMTP, DNS, MySQL and MongoDB default to TCP: protocol sniffing would break them. */
const WELL_KNOWN_PORTS = new Set([25, 53, 3306, 27017]);

/**
 * The protocol Istio gives a Kubernetes Service port: UDP ports are UDP; otherwise the appProtocol,
 * else the port name's prefix before the first `-` (istio pkg/config/kube/conversion.go
 * ConvertProtocol).
 */
export function servicePortProtocol(port: Pick<ServicePort, 'name' | 'port' | 'protocol' | 'appProtocol'>): IstioProtocol {
  if (port.protocol === 'UDP') return 'UDP';
  let name = port.appProtocol ?? port.name ?? '';
  if (port.appProtocol === 'kubernetes.io/h2c') return 'HTTP2';
  if (port.appProtocol === 'kubernetes.io/ws') return 'HTTP';
  if (port.appProtocol === 'kubernetes.io/wss') return 'HTTPS';
  if (name.toLowerCase().startsWith('grpc-web')) return 'GRPC-Web';
  const dash = name.indexOf('-');
  if (dash >= 0) name = name.slice(0, dash);
  const parsed = BY_NAME[name.toLowerCase()] ?? 'UnsupportedProtocol';
  return parsed === 'UnsupportedProtocol' && WELL_KNOWN_PORTS.has(port.port) ? 'TCP' : parsed;
}

/** istio pilot/pkg/networking ModelProtocolToListenerProtocol. */
export function listenerProtocol(protocol: IstioProtocol): ListenerProtocol {
  switch (protocol) {
    case 'HTTP': case 'HTTP2': case 'HTTP_PROXY': case 'GRPC': case 'GRPC-Web':
      return 'HTTP';
    case 'TCP': case 'HTTPS': case 'TLS': case 'Mongo': case 'Redis': case 'MySQL':
      return 'TCP';
    case 'UnsupportedProtocol':
      return 'Auto';
    default:
      return 'None';
  }
}

/** HTTP/2 upstreams (gRPC, HTTP2): their clusters speak h2 and advertise it in ALPN. */
export function isHttp2(protocol: IstioProtocol): boolean {
  return protocol === 'HTTP2' || protocol === 'GRPC' || protocol === 'GRPC-Web';
}
