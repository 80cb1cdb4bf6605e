import { describe, expect, it } from 'vitest';
import type { JsonObject, KubeObject } from '../objects.ts';
import { destinationRule, worldWith } from '../testing/fixtures.ts';
import { findDestinationRule } from './findDestinationRule.ts';

const FRONTEND = 'frontend.frontend.svc.cluster.local';
const dr = (ns: string, name: string, host: string, extra: JsonObject = {}, createdAt = 0): KubeObject =>
  destinationRule(ns, name, { host, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } }, ...extra }, { createdAt });

interface Row {
  test: string;
  rules: KubeObject[];
  client?: string;
  host?: string;
  labels?: Record<string, string>;
  /** `<ns>/<name> <foundIn>`, or undefined when nothing applies. */
  want: string | undefined;
}

const rows: Row[] = [
  { test: 'TestResolveShortnameToFQDN: a short host is expanded in the rule\'s namespace', rules: [dr('frontend', 'frontend', 'frontend')], want: 'frontend/frontend service-namespace' },
  { test: 'TestResolveShortnameToFQDN: a short host in another namespace names a different service', rules: [dr('loadgenerator', 'frontend', 'frontend')], want: undefined },
  { test: 'TestResolveShortnameToFQDN: "frontend.frontend" has a dot and is not expanded', rules: [dr('frontend', 'frontend', 'frontend.frontend')], want: undefined },
  { test: 'MostSpecificHostMatch: *.frontend.svc.cluster.local', rules: [dr('frontend', 'wild', '*.frontend.svc.cluster.local')], want: 'frontend/wild service-namespace' },
  { test: 'MostSpecificHostMatch: *.local in the root namespace', rules: [dr('istio-system', 'mesh-wide', '*.local')], want: 'istio-system/mesh-wide root-namespace' },
  { test: 'MostSpecificHostMatch: * in the root namespace', rules: [dr('istio-system', 'everything', '*')], want: 'istio-system/everything root-namespace' },
  { test: 'MostSpecificHostMatch: exact beats wildcard in one namespace', rules: [dr('frontend', 'wild', '*.local'), dr('frontend', 'exact', FRONTEND)], want: 'frontend/exact service-namespace' },
  { test: 'MostSpecificHostMatch: the longest wildcard wins', rules: [dr('frontend', 'a-wide', '*.local'), dr('frontend', 'b-narrow', '*.frontend.svc.cluster.local')], want: 'frontend/b-narrow service-namespace' },
  { test: 'ep_filters_test mtlsCases "mtls-off-ineffective": a rule for another host is not found', rules: [dr('frontend', 'other', 'other.frontend.svc.cluster.local')], want: undefined },
  { test: 'the tutorial\'s frontend.demo.svc.cluster.local matches nothing', rules: [dr('frontend', 'frontend', 'frontend.demo.svc.cluster.local')], want: undefined },
  {
    test: 'push_context.go destinationRule: the client namespace first',
    rules: [dr('istio-system', 'root', FRONTEND), dr('frontend', 'svc', FRONTEND), dr('loadgenerator', 'client', FRONTEND)],
    want: 'loadgenerator/client client-namespace',
  },
  { test: 'push_context.go destinationRule: then the service namespace', rules: [dr('istio-system', 'root', FRONTEND), dr('frontend', 'svc', FRONTEND)], want: 'frontend/svc service-namespace' },
  { test: 'push_context.go destinationRule: then the root namespace', rules: [dr('istio-system', 'root', FRONTEND)], want: 'istio-system/root root-namespace' },
  { test: 'a namespace with a matching rule wins even if its host is a wildcard', rules: [dr('loadgenerator', 'wild', '*.local'), dr('frontend', 'exact', FRONTEND)], want: 'loadgenerator/wild client-namespace' },
  { test: 'a rule in a third namespace is never consulted', rules: [dr('cart', 'cart', FRONTEND)], want: undefined },
  { test: 'exportTo ["."] in the service namespace hides it from other namespaces', rules: [dr('frontend', 'private', FRONTEND, { exportTo: ['.'] })], want: undefined },
  { test: 'exportTo ["."] is visible to clients in its own namespace', rules: [dr('frontend', 'private', FRONTEND, { exportTo: ['.'] })], client: 'frontend', want: 'frontend/private client-namespace' },
  { test: 'exportTo naming the client namespace', rules: [dr('frontend', 'to-lg', FRONTEND, { exportTo: ['loadgenerator'] })], want: 'frontend/to-lg service-namespace' },
  { test: 'exportTo naming another namespace', rules: [dr('frontend', 'to-cart', FRONTEND, { exportTo: ['cart'] })], want: undefined },
  { test: 'exportTo ["*"]', rules: [dr('frontend', 'public', FRONTEND, { exportTo: ['*'] })], want: 'frontend/public service-namespace' },
  { test: 'root-namespace exportTo ["."] is invisible to other namespaces', rules: [dr('istio-system', 'private', FRONTEND, { exportTo: ['.'] })], want: undefined },
  { test: 'push_context.go destinationRule: a root-namespace client checks root exportTo ["."] first', rules: [dr('frontend', 'svc', FRONTEND), dr('istio-system', 'private', FRONTEND, { exportTo: ['.'] })], client: 'istio-system', want: 'istio-system/private client-namespace' },
  { test: 'a root-namespace client (gateway) then uses the service namespace', rules: [dr('frontend', 'svc', FRONTEND), dr('istio-system', 'public', FRONTEND)], client: 'istio-system', want: 'frontend/svc service-namespace' },
  {
    test: 'mergeDestinationRule: same host, the oldest top-level trafficPolicy wins',
    rules: [dr('frontend', 'newer', FRONTEND, {}, 10), dr('frontend', 'older', FRONTEND, {}, 5)],
    want: 'frontend/older service-namespace',
  },
  {
    test: 'mergeDestinationRule: same second, the name breaks the tie',
    rules: [dr('frontend', 'b', FRONTEND, {}, 5), dr('frontend', 'a', FRONTEND, {}, 5)],
    want: 'frontend/a service-namespace',
  },
  {
    test: 'mergeDestinationRule: an older rule without trafficPolicy takes the newer one\'s',
    rules: [destinationRule('frontend', 'subsets-only', { host: FRONTEND, subsets: [{ name: 'v1', labels: { version: 'v1' } }] }), dr('frontend', 'tls', FRONTEND, {}, 10)],
    want: 'frontend/tls service-namespace',
  },
  {
    test: 'workloadSelector rules apply only to matching clients of their namespace',
    rules: [dr('loadgenerator', 'selected', FRONTEND, { workloadSelector: { matchLabels: { app: 'loadgenerator' } } })],
    labels: { app: 'loadgenerator' },
    want: 'loadgenerator/selected client-namespace',
  },
  {
    test: 'workloadSelector rules do not apply to other clients',
    rules: [dr('loadgenerator', 'selected', FRONTEND, { workloadSelector: { matchLabels: { app: 'other' } } }), dr('frontend', 'svc', FRONTEND)],
    labels: { app: 'loadgenerator' },
    want: 'frontend/svc service-namespace',
  },
];

describe('findDestinationRule', () => {
  it.each(rows)('$test', ({ rules, client = 'loadgenerator', host = FRONTEND, labels, want }) => {
    const found = findDestinationRule(worldWith({ policies: rules }), client, host, labels);
    expect(found ? `${found.namespace}/${found.name} ${found.foundIn}` : undefined).toBe(want);
  });

  it('reports the host as written and expanded, and the rule', () => {
    const rule = dr('frontend', 'frontend', 'frontend');
    const found = findDestinationRule(worldWith({ policies: [rule] }), 'frontend', FRONTEND);
    expect(found).toEqual({ namespace: 'frontend', name: 'frontend', host: 'frontend', fqdn: FRONTEND, foundIn: 'client-namespace', rule });
  });
});
