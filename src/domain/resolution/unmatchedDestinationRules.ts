import { serviceHost } from '../cluster/services.ts';
import { getString } from '../objects.ts';
import type { World } from '../world.ts';
import { expandHost, hostMatches } from './hostMatch.ts';

/** A DestinationRule whose host names no Service. */
export interface UnmatchedDestinationRule {
  namespace: string;
  name: string;
  /** As written, and expanded as Istio indexes it. */
  host: string;
  fqdn: string;
}

/**
 * DestinationRules whose host matches no Service in the world: Istio attaches a rule only by host
 * match, so these have no effect at all (ep_filters_test.go mtlsCases "mtls-off-ineffective"). The
 * tutorial's `frontend.demo.svc.cluster.local` is one: the service lives at `frontend.frontend…`.
 */
export function unmatchedDestinationRules(world: World): UnmatchedDestinationRule[] {
  const hosts = world.list('Service').map((svc) => serviceHost(svc));
  return world.list('DestinationRule').flatMap((dr) => {
    const namespace = dr.metadata.namespace ?? '';
    const host = getString(dr.spec, 'host') ?? '';
    const fqdn = expandHost(host, namespace);
    if (host !== '' && hosts.some((h) => hostMatches(fqdn, h))) return [];
    return [{ namespace, name: dr.metadata.name, host, fqdn }];
  });
}
