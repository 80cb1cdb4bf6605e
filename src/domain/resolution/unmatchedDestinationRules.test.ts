import { describe, expect, it } from 'vitest';
import { destinationRule, service, worldWith } from '../testing/fixtures.ts';
import { unmatchedDestinationRules } from './unmatchedDestinationRules.ts';

describe('unmatchedDestinationRules', () => {
  const services = [service('frontend', 'frontend'), service('cart', 'cartservice')];

  it.each([
    { test: 'the tutorial mistake: frontend.demo.svc.cluster.local names no service', host: 'frontend.demo.svc.cluster.local', unmatched: true },
    { test: 'TestResolveShortnameToFQDN: "frontend.frontend" is not expanded, so it names nothing', host: 'frontend.frontend', unmatched: true },
    { test: 'ep_filters_test "mtls-off-ineffective": another host', host: 'other.frontend.svc.cluster.local', unmatched: true },
    { test: 'the right FQDN', host: 'frontend.frontend.svc.cluster.local', unmatched: false },
    { test: 'a short host expanded in the rule\'s namespace', host: 'frontend', unmatched: false },
    { test: 'a wildcard that matches a service', host: '*.local', unmatched: false },
    { test: 'a wildcard that matches none', host: '*.payment.svc.cluster.local', unmatched: true },
  ])('$test', ({ host, unmatched }) => {
    const world = worldWith({ services, policies: [destinationRule('frontend', 'frontend', { host, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } })] });
    expect(unmatchedDestinationRules(world).length > 0).toBe(unmatched);
  });

  it('reports the host as written and as Istio expands it', () => {
    const world = worldWith({ services, policies: [destinationRule('cart', 'typo', { host: 'cartservce' })] });
    expect(unmatchedDestinationRules(world)).toEqual([{ namespace: 'cart', name: 'typo', host: 'cartservce', fqdn: 'cartservce.cart.svc.cluster.local' }]);
  });
});
