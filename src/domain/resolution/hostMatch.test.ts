import { describe, expect, it } from 'vitest';
import { expandHost, hostMatches, mostSpecificHostMatch, namespaceOfHost } from './hostMatch.ts';

describe('expandHost', () => {
  // pilot/pkg/model/config_test.go TestResolveShortnameToFQDN
  it.each([
    { test: 'TestResolveShortnameToFQDN "foo"@default', host: 'foo', ns: 'default', want: 'foo.default.svc.cluster.local' },
    { test: 'TestResolveShortnameToFQDN "foo.bar" stays (a dot means fully qualified)', host: 'foo.bar', ns: 'default', want: 'foo.bar' },
    { test: 'httpbin.bar is not expanded to httpbin.bar.svc.cluster.local', host: 'httpbin.bar', ns: 'foo', want: 'httpbin.bar' },
    { test: 'TestResolveShortnameToFQDN "*" stays', host: '*', ns: 'default', want: '*' },
    { test: 'TestResolveShortnameToFQDN "*.foo" stays', host: '*.foo', ns: 'default', want: '*.foo' },
    { test: 'TestResolveShortnameToFQDN IPv4 stays', host: '10.10.10.10', ns: 'default', want: '10.10.10.10' },
    { test: 'TestResolveShortnameToFQDN IPv6 stays', host: '2001:db8::1', ns: 'default', want: '2001:db8::1' },
    { test: 'TestResolveShortnameToFQDN "" stays', host: '', ns: 'default', want: '' },
  ])('$test', ({ host, ns, want }) => {
    expect(expandHost(host, ns)).toBe(want);
  });
});

describe('hostMatches', () => {
  // pkg/config/host/name_test.go TestNameMatches
  it.each([
    { pattern: 'frontend.frontend.svc.cluster.local', host: 'frontend.frontend.svc.cluster.local', want: true },
    { pattern: '*.frontend.svc.cluster.local', host: 'frontend.frontend.svc.cluster.local', want: true },
    { pattern: '*.svc.cluster.local', host: 'frontend.frontend.svc.cluster.local', want: true },
    { pattern: '*.local', host: 'frontend.frontend.svc.cluster.local', want: true },
    { pattern: '*', host: 'frontend.frontend.svc.cluster.local', want: true },
    { pattern: '*.cart.svc.cluster.local', host: 'frontend.frontend.svc.cluster.local', want: false },
    { pattern: 'frontend.demo.svc.cluster.local', host: 'frontend.frontend.svc.cluster.local', want: false },
    { pattern: 'httpbin.bar', host: 'httpbin.bar.svc.cluster.local', want: false },
  ])('$pattern matches $host: $want', ({ pattern, host, want }) => {
    expect(hostMatches(pattern, host)).toBe(want);
  });
});

describe('mostSpecificHostMatch', () => {
  // pkg/config/host MostSpecificHostMatch: exact first, then the longest wildcard.
  it.each([
    { patterns: ['*.local', 'frontend.frontend.svc.cluster.local', '*'], want: 'frontend.frontend.svc.cluster.local' },
    { patterns: ['*', '*.local', '*.frontend.svc.cluster.local'], want: '*.frontend.svc.cluster.local' },
    { patterns: ['*.cart.svc.cluster.local'], want: undefined },
  ])('$patterns → $want', ({ patterns, want }) => {
    expect(mostSpecificHostMatch('frontend.frontend.svc.cluster.local', patterns)).toBe(want);
  });
});

describe('namespaceOfHost', () => {
  it.each([
    { host: 'frontend.frontend.svc.cluster.local', want: 'frontend' },
    { host: 'productcatalogservice.product-catalog.svc.cluster.local', want: 'product-catalog' },
    { host: 'www.example.com', want: undefined },
  ])('$host → $want', ({ host, want }) => {
    expect(namespaceOfHost(host)).toBe(want);
  });
});
