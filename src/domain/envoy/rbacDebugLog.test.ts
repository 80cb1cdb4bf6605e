import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { authorizationPolicy } from '../testing/fixtures.ts';
import type { RequestClient } from '../traffic/request.ts';
import { recordAccessLogs, simulateRequest } from '../traffic/simulateRequest.ts';
import type { World } from '../world.ts';
import { ENVOY_LOGGERS, envoyLogging, envoyLogs } from './envoyLogLevels.ts';

/*
 * Envoy's RBAC debug lines (envoy source/extensions/filters/http/rbac/rbac_filter.cc decodeHeaders)
 * and its admin `/logging` handler (source/server/admin/logs_handler.cc), as istio-proxy prints them
 * with Istio's log format (istio tools/packaging/common/envoy_bootstrap.json:
 * `%Y-%m-%dT%T.%fZ\t%l\tenvoy %n %g:%#\t%v\tthread=%t`).
 */

const browser: RequestClient = { kind: 'external', name: 'browser' };
const GATEWAY = 'http://34.136.92.187';

function frontendPod(world: World) {
  const pod = world.list('Pod', 'frontend')[0];
  if (!pod) throw new Error('no frontend pod');
  return pod;
}

function frontendProxyLines(world: World): string[] {
  const pod = frontendPod(world);
  return (world.logs.get(`frontend/${pod.metadata.name}`) ?? []).filter((l) => l.container === 'istio-proxy').map((l) => l.text);
}

function request(world: World, path: string): void {
  recordAccessLogs(world, simulateRequest(world, { client: browser, url: `${GATEWAY}${path}` }));
}

function withPolicies(world: World, ...specs: [string, Record<string, unknown>, boolean][]): void {
  for (const [name, spec, dryRun] of specs) {
    world.put(authorizationPolicy('frontend', name, { selector: { matchLabels: { app: 'frontend' } }, ...spec } as never, dryRun ? { annotations: { 'istio.io/dry-run': 'true' } } : {}));
  }
}

const DENY_CART = { action: 'DENY', rules: [{ to: [{ operation: { paths: ['/cart'] } }] }] };
const ALLOW_GATEWAY = { action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway'] } }] }] };

/** The messages of the rbac lines (the fourth tab-separated field), and their source lines. */
function rbac(lines: string[]): string[] {
  return lines.filter((l) => l.includes('\tenvoy rbac ')).map((l) => {
    const [, , where = '', message = ''] = l.split('\t');
    return `${where.replace(/^envoy rbac external\/envoy\/source\/extensions\/filters\/http\/rbac\/rbac_filter\.cc:/, '')} ${message.split(',')[0] ?? ''}${message.startsWith('checking') ? '' : message.slice(message.indexOf(',')) }`;
  });
}

describe('Envoy logger levels (logs_handler.cc)', () => {
  it('starts at --log-level warning with misc:error, lists every logger of logger.h in order, and changes one', () => {
    const world = createDefaultWorld();
    const pod = frontendPod(world);
    const listed = envoyLogging(world, pod, new Map());
    expect(listed.status).toBe(200);
    expect(listed.body.startsWith('active loggers:\n  admin: warning\n  alternate_protocols_cache: warning\n')).toBe(true);
    expect(listed.body).toContain('  misc: error\n');
    expect(listed.body.endsWith('  golang: warning\n\n')).toBe(true);
    expect(listed.body.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(ENVOY_LOGGERS.length);
    expect(envoyLogs(world, pod, 'rbac', 'debug')).toBe(false);
    expect(envoyLogging(world, pod, new Map([['rbac', 'debug']])).body).toContain('  rbac: debug\n');
    expect(envoyLogs(world, pod, 'rbac', 'debug')).toBe(true);
    // paths=name:level,… and level=<l>
    expect(envoyLogging(world, pod, new Map([['paths', 'jwt:trace,http:info']])).body).toMatch(/ {2}http: info\n[^]* {2}jwt: trace\n/);
    expect(envoyLogging(world, pod, new Map([['level', 'off']])).body).not.toMatch(/: (?!off)/);
  });

  it('answers a bad query 400 with the usage, the levels unchanged', () => {
    const world = createDefaultWorld();
    const pod = frontendPod(world);
    const bad = envoyLogging(world, pod, new Map([['nosuch', 'debug']]));
    expect(bad.status).toBe(400);
    expect(bad.body.startsWith('error: unknown logger name\n\nusage: /logging?<name>=<level> (change single level)\n')).toBe(true);
    expect(bad.body).toContain('levels: trace debug info warning error critical off \nactive loggers:\n');
    expect(envoyLogging(world, pod, new Map([['rbac', 'loud']])).body.startsWith('error: unknown logger level\n')).toBe(true);
    expect(world.envoyLogLevelsOf('frontend', pod.metadata.name)).toBeUndefined();
  });

  it('is the running Envoy\'s: a recreated pod starts at the defaults again', () => {
    const world = createDefaultWorld();
    const pod = frontendPod(world);
    envoyLogging(world, pod, new Map([['rbac', 'debug']]));
    const snapshot = world.clone();
    world.remove(pod);
    world.put(pod);
    expect(envoyLogs(world, pod, 'rbac', 'debug')).toBe(false);
    expect(envoyLogs(snapshot, pod, 'rbac', 'debug')).toBe(true);
  });
});

describe('the RBAC filter\'s debug lines (rbac_filter.cc decodeHeaders)', () => {
  it('writes nothing while rbac is at its default level', () => {
    const world = createDefaultWorld();
    withPolicies(world, ['deny-path-cart', DENY_CART, true]);
    request(world, '/cart');
    expect(rbac(frontendProxyLines(world))).toEqual([]);
  });

  it('a dry-run DENY alone: checking request, shadow denied with the rule, no engine (the Dry Run task), before the access-log line', () => {
    const world = createDefaultWorld();
    withPolicies(world, ['deny-path-cart', DENY_CART, true]);
    envoyLogging(world, frontendPod(world), new Map([['rbac', 'debug']]));
    request(world, '/cart');
    const lines = frontendProxyLines(world);
    expect(rbac(lines)).toEqual([
      '98 checking request: requestedServerName: outbound_.80_._.frontend.frontend.svc.cluster.local',
      '130 shadow denied, matched policy ns[frontend]-policy[deny-path-cart]-rule[0]',
      '167 no engine, allowed by default',
    ]);
    const last = lines[lines.length - 1] ?? '';
    expect(last).toMatch(/^\[[^\]]+\] "GET \/cart HTTP\/1\.1" 200 /);
    const checking = lines.find((l) => l.includes('checking request')) ?? '';
    // Istio's log format: time with microseconds, level, `envoy <logger> <file>:<line>`, message, thread.
    expect(checking).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\tdebug\tenvoy rbac external\/envoy\/source\/extensions\/filters\/http\/rbac\/rbac_filter\.cc:98\tchecking request: /);
    expect(checking).toContain(', ssl: uriSanPeerCertificate: spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway, dnsSanPeerCertificate: , subjectPeerCertificate: , headers: \':authority\', \'34.136.92.187\'\n\':path\', \'/cart\'\n\':method\', \'GET\'\n');
    expect(checking).toMatch(/\n, dynamicMetadata: \tthread=30$/);
    // The addresses are the access log's downstream ones.
    const words = last.split(' ');
    expect(checking).toContain(`sourceIP: ${words[words.length - 3] ?? ''}, directRemoteIP: `);
    expect(checking).toContain(`,localAddress: ${words[words.length - 4] ?? ''}, ssl: `);
  });

  it('a request the dry-run rule does not match: shadow allowed, matched policy none', () => {
    const world = createDefaultWorld();
    withPolicies(world, ['deny-path-cart', DENY_CART, true]);
    envoyLogging(world, frontendPod(world), new Map([['level', 'debug']]));
    request(world, '/');
    expect(rbac(frontendProxyLines(world))).toEqual([
      '98 checking request: requestedServerName: outbound_.80_._.frontend.frontend.svc.cluster.local',
      '126 shadow allowed, matched policy none',
      '167 no engine, allowed by default',
    ]);
  });

  it('an enforced ALLOW next to the dry-run DENY: each filter logs its own lines, DENY first', () => {
    const world = createDefaultWorld();
    withPolicies(world, ['deny-path-cart', DENY_CART, true], ['frontend-allow', ALLOW_GATEWAY, false]);
    envoyLogging(world, frontendPod(world), new Map([['rbac', 'debug']]));
    request(world, '/cart');
    expect(rbac(frontendProxyLines(world))).toEqual([
      '98 checking request: requestedServerName: outbound_.80_._.frontend.frontend.svc.cluster.local',
      '130 shadow denied, matched policy ns[frontend]-policy[deny-path-cart]-rule[0]',
      '167 no engine, allowed by default',
      '98 checking request: requestedServerName: outbound_.80_._.frontend.frontend.svc.cluster.local',
      '154 enforced allowed, matched policy ns[frontend]-policy[frontend-allow]-rule[0]',
    ]);
  });

  it('an enforced DENY: enforced denied with the rule, and the chain stops', () => {
    const world = createDefaultWorld();
    withPolicies(world, ['deny-path-cart', DENY_CART, false], ['frontend-allow', ALLOW_GATEWAY, false]);
    envoyLogging(world, frontendPod(world), new Map([['rbac', 'debug']]));
    request(world, '/cart');
    const lines = frontendProxyLines(world);
    expect(rbac(lines)).toEqual([
      '98 checking request: requestedServerName: outbound_.80_._.frontend.frontend.svc.cluster.local',
      '158 enforced denied, matched policy ns[frontend]-policy[deny-path-cart]-rule[0]',
    ]);
    expect(lines[lines.length - 1]).toContain(' 403 - rbac_access_denied_matched_policy[ns[frontend]-policy[deny-path-cart]-rule[0]] ');
  });

  it('an enforced DENY and a dry-run DENY that both match: the filter logs its shadow result, then the enforced one', () => {
    const world = createDefaultWorld();
    // Envoy names the rules, and evaluates them, in name order: the enforced a-deny-cart matches first.
    withPolicies(world, ['a-deny-cart', DENY_CART, false], ['b-dry-deny-cart', DENY_CART, true]);
    envoyLogging(world, frontendPod(world), new Map([['rbac', 'debug']]));
    request(world, '/cart');
    expect(rbac(frontendProxyLines(world))).toEqual([
      '98 checking request: requestedServerName: outbound_.80_._.frontend.frontend.svc.cluster.local',
      '130 shadow denied, matched policy ns[frontend]-policy[b-dry-deny-cart]-rule[0]',
      '158 enforced denied, matched policy ns[frontend]-policy[a-deny-cart]-rule[0]',
    ]);
  });

  it('an ALLOW no rule matches denies with matched policy none', () => {
    const world = createDefaultWorld();
    withPolicies(world, ['frontend-allow', { action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/x/sa/y'] } }] }] }, false]);
    envoyLogging(world, frontendPod(world), new Map([['rbac', 'debug']]));
    request(world, '/');
    expect(rbac(frontendProxyLines(world)).slice(1)).toEqual(['158 enforced denied, matched policy none']);
  });
});
