import type { Hop } from '../traffic/trace.ts';

/** Which decision of a hop a command shows: the server's inbound mode, the client's TLS choice, or the certificate presented. */
export type VerdictKind = 'server' | 'client' | 'certificate' | 'authorization';

/** A command that shows one verdict of a hop on a real cluster, ready for the prompt. */
export interface VerifyCommand {
  verdict: VerdictKind;
  command: string;
}

/** `namespace/pod` of a hop end, when it is a pod (not `external/…`). */
function podOf(label: string): { namespace: string; pod: string } | undefined {
  const slash = label.indexOf('/');
  if (slash <= 0 || label.startsWith('external/')) return undefined;
  return { namespace: label.slice(0, slash), pod: label.slice(slash + 1) };
}

/** The client's TLS came from a proxy: a DestinationRule or auto mTLS decided it (the engine's reason codes). */
function isProxyClient(hop: Hop): boolean {
  return /^(dr|auto)\./.test(hop.clientReason.code);
}

/**
 * The istioctl commands that show, on a real cluster, what decided each side of a hop:
 * - the server: the sidecar's inbound listener (`virtualInbound`, port 15006), whose filter chains
 *   per port say whether plaintext is accepted (istio-mtls-semantics.md §1); for the ingress
 *   gateway, its listener on the hop's port;
 * - the client: the outbound cluster of the Service, whose `transportSocket` (or
 *   `transportSocketMatches` under auto mTLS) says whether the proxy originates Istio mTLS (§2);
 * - the certificate: the server proxy's SDS secrets, when the hop's handshake presented one;
 * - the authorization: the server proxy's RBAC filters (`istioctl x authz check`), when a policy applied.
 * Pods without a proxy and clients outside the mesh decide nothing a proxy's config would show.
 */
export function verifyCommands(hop: Hop): VerifyCommand[] {
  const commands: VerifyCommand[] = [];
  const server = podOf(hop.to);
  const client = podOf(hop.from);
  if (server && hop.serverReason.code === 'gateway.listener') {
    commands.push({ verdict: 'server', command: `istioctl proxy-config listener ${server.pod} -n ${server.namespace} --port ${hop.port}` });
  } else if (server && ['STRICT', 'PERMISSIVE', 'DISABLE'].includes(hop.serverMode)) {
    commands.push({ verdict: 'server', command: `istioctl proxy-config listener ${server.pod} -n ${server.namespace} --port 15006` });
  }
  if (client && hop.service && isProxyClient(hop)) {
    const port = hop.servicePort ? ` --port ${hop.servicePort}` : '';
    commands.push({ verdict: 'client', command: `istioctl proxy-config cluster ${client.pod} -n ${client.namespace} --fqdn ${hop.service}${port} -o json` });
  }
  if (server && hop.handshake.some((s) => s.kind === 'server_certificate')) {
    commands.push({ verdict: 'certificate', command: `istioctl proxy-config secret ${server.pod} -n ${server.namespace}` });
  }
  if (server && hop.authz) {
    // The RBAC filters istiod built for the server's proxy, by action, with their rules.
    commands.push({ verdict: 'authorization', command: `istioctl x authz check ${server.pod} -n ${server.namespace}` });
  }
  return commands;
}
