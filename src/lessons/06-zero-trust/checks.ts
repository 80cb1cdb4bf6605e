import { principalOf } from '../checks.ts';

/** productcatalogservice's gRPC port, addressed as its callers do (online-boutique-topology.json). */
export const CATALOG_URL = 'http://productcatalogservice.product-catalog.svc.cluster.local:3550/';

/** The three workloads that call the product catalog in Online Boutique's call graph, with the principal each one proves. */
export const CATALOG_CALLERS: readonly { name: string; principal: string }[] = [
  { name: 'frontend', principal: principalOf('frontend', 'frontend') },
  { name: 'checkoutservice', principal: principalOf('checkout', 'checkout') },
  { name: 'recommendationservice', principal: principalOf('recommendation', 'recommendation') },
];
