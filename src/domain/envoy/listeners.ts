import type { KubeObject } from '../objects.ts';
import { resolveServerModes } from '../resolution/resolveServerMode.ts';
import type { EffectiveMode } from '../resolution/types.ts';
import type { World } from '../world.ts';
import {
  ORIGINAL_DST_FILTER, downstreamMtlsContext, httpInspector, metadataExchangeNetworkFilter, portsPredicate,
  socketAddress, statsNetworkFilter, tcpProxyFilter, tlsInspector, tlsTransportSocket,
} from './envoyPieces.ts';
import { httpConnectionManager, stdoutAccessLog } from './httpFilters.ts';
import { type IstioProtocol, type ListenerProtocol, listenerProtocol } from './istioProtocol.ts';
import type { MeshService } from './meshServices.ts';
import { serviceTargets } from './meshServices.ts';
import type { ProtoObject } from './protoJson.ts';
import { rbacHttpFilters, rbacNetworkFilters } from './rbacFilters.ts';
import { inboundRouteConfig } from './routes.ts';

/** meshConfig.proxyInboundListenPort and proxyListenPort. */
export const INBOUND_PORT = 15006;
export const OUTBOUND_PORT = 15001;

const PLAINTEXT_HTTP_ALPNS = ['http/1.1', 'h2c'];
const MTLS_HTTP_ALPNS = ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
const ALL_ISTIO_MTLS_ALPNS = ['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
const MTLS_TCP_WITH_MXC_ALPNS = ['istio-peer-exchange', 'istio'];

/** One filter chain to build: what it matches and whether it terminates mTLS (filterchain_options.go). */
interface ChainOption {
  alpn?: string[];
  transport: 'tls' | 'raw_buffer';
  protocol: 'HTTP' | 'TCP';
  tls?: boolean;
}

const opt = (transport: ChainOption['transport'], protocol: ChainOption['protocol'], alpn?: string[], tls?: boolean): ChainOption => ({ transport, protocol, ...(alpn ? { alpn } : {}), ...(tls ? { tls } : {}) });

/** getFilterChainMatchOptions: the chains a port gets for its mode and listener protocol. */
function chainOptions(mode: EffectiveMode, protocol: ListenerProtocol): ChainOption[] {
  if (protocol === 'HTTP') {
    if (mode === 'STRICT') return [opt('tls', 'HTTP', undefined, true)];
    if (mode === 'PERMISSIVE') return [opt('tls', 'HTTP', ALL_ISTIO_MTLS_ALPNS, true), opt('raw_buffer', 'HTTP')];
    return [opt('raw_buffer', 'HTTP')];
  }
  if (protocol === 'Auto') {
    if (mode === 'STRICT') return [opt('tls', 'HTTP', MTLS_HTTP_ALPNS, true), opt('tls', 'TCP', undefined, true)];
    if (mode === 'PERMISSIVE') {
      return [opt('tls', 'HTTP', MTLS_HTTP_ALPNS, true), opt('raw_buffer', 'HTTP', PLAINTEXT_HTTP_ALPNS), opt('tls', 'TCP', MTLS_TCP_WITH_MXC_ALPNS, true), opt('raw_buffer', 'TCP'), opt('tls', 'TCP')];
    }
    return [opt('raw_buffer', 'HTTP', PLAINTEXT_HTTP_ALPNS), opt('raw_buffer', 'TCP')];
  }
  if (mode === 'STRICT') return [opt('tls', 'TCP', undefined, true)];
  if (mode === 'PERMISSIVE') return [opt('tls', 'TCP', ALL_ISTIO_MTLS_ALPNS, true), opt('tls', 'TCP'), opt('raw_buffer', 'TCP')];
  return [opt('raw_buffer', 'TCP')];
}

/** What one inbound chain serves: a service port's target port, or the passthrough. */
interface InboundChainConfig {
  cluster: string;
  /** The container port; 0 for the passthrough chains. */
  targetPort: number;
  servicePort: number;
  hostname: string;
  protocol: IstioProtocol;
  passthrough: boolean;
}

/** The proxy's RBAC filters (rbacFilters.ts): HTTP ones in the connection managers, network ones on TCP chains. */
interface InboundRbac {
  http: readonly ProtoObject[];
  tcp: readonly ProtoObject[];
}

function inboundChains(cc: InboundChainConfig, mode: EffectiveMode, rbac: InboundRbac): ProtoObject[] {
  return chainOptions(mode, listenerProtocol(cc.protocol)).map((o): ProtoObject => {
    const name = cc.passthrough ? (o.protocol === 'HTTP' ? 'virtualInbound-catchall-http' : 'virtualInbound') : `0.0.0.0_${cc.targetPort}`;
    const filters: ProtoObject[] = o.protocol === 'HTTP'
      ? [metadataExchangeNetworkFilter(), httpConnectionManager({
        statPrefix: cc.passthrough ? `${cc.cluster};` : `inbound_0.0.0.0_${cc.targetPort};`,
        routeConfig: inboundRouteConfig(cc.cluster, cc.servicePort, cc.passthrough ? '' : cc.hostname),
        inbound: true,
        http2: cc.protocol === 'GRPC' || cc.protocol === 'HTTP2' || cc.protocol === 'GRPC-Web',
        rbac: rbac.http,
      })]
      // buildCompleteNetworkFilters: metadata exchange, RBAC, stats, then the TCP proxy.
      : [metadataExchangeNetworkFilter(), ...rbac.tcp, statsNetworkFilter(false), tcpProxyFilter(cc.cluster)];
    return {
      filter_chain_match: {
        destination_port: cc.targetPort > 0 ? cc.targetPort : undefined,
        transport_protocol: o.transport,
        application_protocols: o.alpn ? [...o.alpn] : undefined,
      },
      filters,
      transport_socket: o.tls ? tlsTransportSocket(downstreamMtlsContext(o.protocol === 'TCP'), true) : undefined,
      name,
    };
  });
}

/** populateListenerFilters: original_dst, then TLS and HTTP inspectors only on the ports that need them. */
function inboundListenerFilters(chains: readonly ProtoObject[]): ProtoObject[] {
  const inspectors = new Map<number, { tls: boolean; http: boolean }>();
  for (const chain of chains) {
    const match = (chain.filter_chain_match ?? {}) as ProtoObject;
    const port = typeof match.destination_port === 'number' ? match.destination_port : 0;
    const alpn = Array.isArray(match.application_protocols) ? match.application_protocols : [];
    const seen = inspectors.get(port) ?? { tls: false, http: false };
    inspectors.set(port, { tls: seen.tls || match.transport_protocol === 'tls', http: seen.http || alpn.includes('http/1.1') || alpn.includes('h2c') });
  }
  const filters = [ORIGINAL_DST_FILTER];
  const all = [...inspectors.entries()];
  if (all.some(([, i]) => i.tls)) {
    const defaultEnabled = inspectors.get(0)?.tls === true;
    const ports = all.filter(([p, i]) => p !== 0 && i.tls !== defaultEnabled).map(([p]) => p).sort((a, b) => a - b);
    filters.push(tlsInspector(ports.length === 0 ? undefined : defaultEnabled ? portsPredicate(ports) : { not_match: portsPredicate(ports) }));
  }
  if (all.some(([, i]) => i.http)) {
    const ports = all.filter(([, i]) => !i.http).map(([p]) => p).sort((a, b) => a - b);
    filters.push(httpInspector(ports.length === 0 ? undefined : portsPredicate(ports)));
  }
  return filters;
}

/**
 * `virtualInbound` (0.0.0.0:15006): a blackhole chain for the port itself, the passthrough chains
 * for ports no Service declares (the workload-level mode), then each service target port's chains
 * for its own mode (listener_inbound.go buildInboundListeners, inboundVirtualListener).
 */
export function virtualInboundListener(world: World, pod: KubeObject): ProtoObject {
  const targets = serviceTargets(world, pod);
  const modes = resolveServerModes(world, pod, targets.map((t) => t.targetPort));
  // The blackhole chain gets none (buildInboundBlackhole).
  const rbac: InboundRbac = { http: rbacHttpFilters(world, pod), tcp: rbacNetworkFilters(world, pod) };
  const blackhole: ProtoObject = {
    filter_chain_match: { destination_port: INBOUND_PORT },
    filters: [metadataExchangeNetworkFilter(), statsNetworkFilter(false), tcpProxyFilter('BlackHoleCluster')],
    name: 'virtualInbound-blackhole',
  };
  const passthrough = inboundChains({ cluster: 'InboundPassthroughCluster', targetPort: 0, servicePort: 0, hostname: '', protocol: 'UnsupportedProtocol', passthrough: true }, modes.workload.mode, rbac);
  const ports = targets.flatMap((t, i) => inboundChains({
    cluster: `inbound|${t.targetPort}||`,
    targetPort: t.targetPort,
    servicePort: t.port.port,
    hostname: t.service.hostname,
    protocol: t.port.protocol,
    passthrough: false,
  }, modes.ports[i]?.decision.mode ?? modes.workload.mode, rbac));
  const chains = [blackhole, ...passthrough, ...ports];
  return {
    name: 'virtualInbound',
    address: socketAddress('0.0.0.0', INBOUND_PORT),
    filter_chains: chains,
    listener_filters: inboundListenerFilters(chains),
    listener_filters_timeout: '0s',
    continue_on_listener_filters_timeout: true,
    traffic_direction: 'INBOUND',
    access_log: [stdoutAccessLog(['NR'])],
  };
}

/** `virtualOutbound` (0.0.0.0:15001): where iptables sends outbound traffic; unknown destinations pass through. */
export function virtualOutboundListener(): ProtoObject {
  return {
    name: 'virtualOutbound',
    address: socketAddress('0.0.0.0', OUTBOUND_PORT),
    filter_chains: [
      { filter_chain_match: { destination_port: OUTBOUND_PORT }, filters: [tcpProxyFilter('BlackHoleCluster')], name: 'virtualOutbound-blackhole' },
      { filters: [statsNetworkFilter(true), tcpProxyFilter('PassthroughCluster')], name: 'virtualOutbound-catchall-tcp' },
    ],
    use_original_dst: true,
    traffic_direction: 'OUTBOUND',
    access_log: [stdoutAccessLog(['NR'])],
  };
}

/** What an outbound listener holds: its HTTP chain (RDS) and its TCP chain (a cluster). */
interface OutboundEntry {
  address: string;
  port: number;
  protocol: ListenerProtocol;
  /** RDS route name of the HTTP chain. */
  rds?: string;
  /** Cluster of the TCP chain. */
  tcpCluster?: string;
}

function passthroughFilterChain(): ProtoObject {
  return { filter_chain_match: {}, filters: [statsNetworkFilter(true), tcpProxyFilter('PassthroughCluster')], name: 'PassthroughFilterChain' };
}

function httpChain(entry: OutboundEntry): ProtoObject {
  return {
    filter_chain_match: { transport_protocol: 'raw_buffer', application_protocols: [...PLAINTEXT_HTTP_ALPNS] },
    filters: [httpConnectionManager({ statPrefix: `outbound_${entry.address}_${entry.port}`, rds: entry.rds ?? '', inbound: false })],
  };
}

function buildOutbound(entry: OutboundEntry): ProtoObject {
  const base = { name: `${entry.address}_${entry.port}`, address: socketAddress(entry.address, entry.port) };
  const tail = { continue_on_listener_filters_timeout: true, traffic_direction: 'OUTBOUND', bind_to_port: false };
  if (entry.protocol === 'TCP') {
    return { ...base, filter_chains: [{ filters: [statsNetworkFilter(true), tcpProxyFilter(entry.tcpCluster ?? '')] }], listener_filters_timeout: '0s', ...tail };
  }
  const defaultChain = entry.protocol === 'Auto'
    ? { filters: [statsNetworkFilter(true), tcpProxyFilter(entry.tcpCluster ?? '')] }
    : passthroughFilterChain();
  return { ...base, filter_chains: [httpChain(entry)], default_filter_chain: defaultChain, listener_filters: [httpInspector()], listener_filters_timeout: '0s', ...tail };
}

/**
 * The outbound listeners of a sidecar that sees `services` (listener.go buildSidecarOutboundListeners):
 * HTTP ports share one `0.0.0.0_<port>` listener whose routes (RDS `<port>`) hold every service on
 * that port; TCP ports get a listener on the service VIP; ports of unknown protocol get a VIP
 * listener that sniffs HTTP (RDS `<host>:<port>`) and proxies the rest as TCP. UDP is skipped.
 */
export function outboundListeners(services: readonly MeshService[]): ProtoObject[] {
  const entries = new Map<string, OutboundEntry>();
  for (const svc of services) {
    for (const port of svc.ports) {
      const protocol = listenerProtocol(port.protocol);
      if (protocol === 'None') continue;
      const cluster = `outbound|${port.port}||${svc.hostname}`;
      if (protocol === 'HTTP') {
        const key = `0.0.0.0:${port.port}`;
        if (!entries.has(key)) entries.set(key, { address: '0.0.0.0', port: port.port, protocol, rds: String(port.port) });
        continue;
      }
      if (svc.vip === undefined) continue;
      const key = `${svc.vip}:${port.port}`;
      // A second TCP chain on the same VIP and port matches the same traffic: the first one stays (mergeTCPFilterChains).
      if (entries.has(key)) continue;
      entries.set(key, { address: svc.vip, port: port.port, protocol, tcpCluster: cluster, ...(protocol === 'Auto' ? { rds: `${svc.hostname}:${port.port}` } : {}) });
    }
  }
  return [...entries.values()].map(buildOutbound);
}

/** The RDS names the outbound listeners refer to, in listener order. */
export function referencedRouteNames(listeners: readonly ProtoObject[]): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      if (typeof obj.route_config_name === 'string' && !names.includes(obj.route_config_name)) names.push(obj.route_config_name);
      Object.values(obj).forEach(visit);
    }
  };
  visit(listeners);
  return names;
}

/**
 * A gateway listener for each port its Gateway servers use (gateway.go buildGatewayListeners): RDS
 * `http.<port>`, with the RBAC filters of the AuthorizationPolicies that select the gateway pod.
 */
export function gatewayListener(port: number, rbac: readonly ProtoObject[] = []): ProtoObject {
  return {
    name: `0.0.0.0_${port}`,
    address: socketAddress('0.0.0.0', port),
    filter_chains: [{ filters: [httpConnectionManager({ statPrefix: `outbound_0.0.0.0_${port}`, rds: `http.${port}`, inbound: false, rbac })] }],
    traffic_direction: 'OUTBOUND',
  };
}
