import { addressesService, fromPod, isDeniedByPolicy, isFromNamespace, principalOf, reachesApp } from '../checks.ts';
import { probe } from '../probe.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import type { ProbeSpec } from '../types.ts';

/** productcatalogservice's gRPC port, addressed as its callers do (online-boutique-topology.json). */
export const CATALOG_URL = 'http://productcatalogservice.product-catalog.svc.cluster.local:3550/';

/** The three workloads that call the product catalog in Online Boutique's call graph, with the principal each one proves. */
export const CATALOG_CALLERS: readonly { name: string; from: ProbeSpec['from']; principal: string }[] = [
  { name: 'frontend', from: fromPod('frontend', 'frontend'), principal: principalOf('frontend', 'frontend') },
  { name: 'checkoutservice', from: fromPod('checkout', 'checkoutservice'), principal: principalOf('checkout', 'checkout') },
  { name: 'recommendationservice', from: fromPod('recommendation', 'recommendationservice'), principal: principalOf('recommendation', 'recommendation') },
];

/** The callers whose request the catalog's sidecar refuses now. */
export function refusedCallers(world: World): string[] {
  return CATALOG_CALLERS.filter((c) => !reachesCatalog(world, c.from)).map((c) => c.name);
}

/** Whether a request from `from` to the catalog is refused by a policy now. */
export function catalogRefuses(world: World, from: ProbeSpec['from']): boolean {
  return isDeniedByPolicy(probe(world, from, CATALOG_URL));
}

/** Whether a request from `from` reaches the catalog's application now. */
export function reachesCatalog(world: World, from: ProbeSpec['from']): boolean {
  return reachesApp(probe(world, from, CATALOG_URL));
}

/** A request testcurl sent to the product catalog. */
export function isTestcurlToCatalog(trace: Trace): boolean {
  return isFromNamespace(trace, 'default') && addressesService(trace, 'product-catalog', 'productcatalogservice');
}
