import { resolveTargetPort, serviceEndpoints, serviceHost, servicePorts } from '../cluster/services.ts';
import type { KubeObject } from '../objects.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import { evaluateHop, podLabel } from '../traffic/evaluateHop.ts';
import type { Hop } from '../traffic/trace.ts';
import type { World } from '../world.ts';

/** One connection the engine evaluated for a lint finding's "what actually happens". */
export interface Probe {
  client: string;
  host: string;
  port: number;
  hop: Hop;
}

/**
 * Asks the engine what happens when a sidecar client (or the ingress gateway) connects to a service:
 * the same `evaluateHop` that request traces use, so the answer is the simulator's truth.
 * Undefined when the service has no running endpoint or no port.
 */
export function probeFlow(world: World, client: KubeObject, service: KubeObject): Probe | undefined {
  const endpoint = serviceEndpoints(world, service)[0];
  const port = servicePorts(service)[0];
  if (!endpoint || !port) return undefined;
  const target = resolveTargetPort(port, endpoint) ?? port.port;
  const protocol = port.name?.startsWith('grpc') || port.appProtocol === 'grpc' ? 'grpc' : 'http';
  const { hop } = evaluateHop(world, {
    client: { type: 'proxy', proxyKind: isGatewayPod(client) ? 'gateway' : 'sidecar', label: podLabel(client), pod: client },
    endpoint,
    port: target,
    service,
    servicePort: port,
    protocol,
    parent: -1,
  });
  return { client: podLabel(client), host: serviceHost(service), port: port.port, hop };
}

/** Services with at least one running endpoint, in the API server's order. */
export function servedServices(world: World, namespace?: string): KubeObject[] {
  return world.list('Service', namespace).filter((svc) => serviceEndpoints(world, svc).length > 0 && servicePorts(svc).length > 0);
}

/** The short outcome key the message catalog knows (`reset.plaintext.503`, `tls.secure-naming`…). */
export function outcomeKey(hop: Hop): string {
  switch (hop.outcome) {
    case 'ok':
      return 'ok';
    case 'reset':
      if (hop.outcomeReason.code === 'reset.strict') return hop.httpCode === 503 ? 'reset.plaintext.503' : 'reset.plaintext';
      return 'reset.tls';
    case 'tls_error':
      return ['tls.secure-naming', 'tls.server-disabled', 'tls.no-sidecar', 'tls.user-tls'].includes(hop.outcomeReason.code) ? hop.outcomeReason.code : 'tls.user-tls';
    default:
      return hop.outcome;
  }
}
