import { podServiceAccount, spiffeId } from '../cluster/pods.ts';
import { serviceEndpoints, serviceHost } from '../cluster/services.ts';
import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';

/** What an ISTIO_MUTUAL client puts in its ClientHello and what it accepts back. */
export interface SecureNaming {
  /** `outbound_.<port>_.<subset>_.<host>` */
  sni: string;
  /** The SPIFFE IDs of the service's workloads, sorted. */
  subjectAltNames: string[];
}

/**
 * The default SNI and SANs for Istio mTLS to one service port: the SNI is the cluster name
 * (BuildDNSSrvSubsetKey) and the SANs are the service accounts of the service's endpoints as SPIFFE IDs
 * (push_context.go addServiceAccounts; cluster_tls.go ISTIO_MUTUAL branch). A DestinationRule's `sni`
 * and `subjectAltNames` replace them.
 */
export function secureNaming(world: World, service: KubeObject, servicePort: number, subset = ''): SecureNaming {
  const ns = service.metadata.namespace ?? '';
  const accounts = new Set(serviceEndpoints(world, service).map((pod) => spiffeId(world.trustDomain, ns, podServiceAccount(pod))));
  return { sni: outboundSni(servicePort, subset, serviceHost(service)), subjectAltNames: [...accounts].sort() };
}

/** `outbound_.80_._.frontend.frontend.svc.cluster.local`: an empty subset leaves `_` on its own. */
export function outboundSni(port: number, subset: string, host: string): string {
  return `outbound_.${port}_.${subset}_.${host}`;
}
