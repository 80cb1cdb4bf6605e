import { describe, expect, it } from 'vitest';
import { toTraceJson } from '../domain/traffic/trace.ts';
import { runScript } from '../shell/runScript.ts';
import { SimSession } from '../shell/session.ts';
import { breaks, brokenProbes, failsWith, findProbePod, outcomeOf, probe, resets, succeeds, succeedsOverMtls, targetHop } from './probe.ts';
import type { ProbeSpec } from './types.ts';

const FRONTEND = 'http://frontend.frontend.svc.cluster.local:80/';
const LB = 'http://35.202.118.74/';
const GATEWAY = 'http://34.136.92.187/';
const BROWSER: ProbeSpec['from'] = { kind: 'browser' };
const TESTCURL: ProbeSpec['from'] = { kind: 'pod', namespace: 'default', app: 'testcurl' };
const CATALOG: ProbeSpec['from'] = { kind: 'pod', namespace: 'product-catalog', app: 'productcatalogservice' };
const CATALOG_PROXY: ProbeSpec['from'] = { ...CATALOG, captured: false };

function sessionWith(script: string): SimSession {
  const { session } = runScript(script);
  return session;
}

const STRICT_FRONTEND = `kubectl apply -n frontend -f - <<END
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT
END`;

describe('probe', () => {
  it('opens both doors to the shop in the default world: plaintext through the load balancer, mTLS behind the gateway', () => {
    const { world } = new SimSession();
    expect(outcomeOf(probe(world, BROWSER, LB))).toEqual({ kind: 'ok', code: 200, tls: 'plaintext' });
    expect(outcomeOf(probe(world, BROWSER, GATEWAY))).toEqual({ kind: 'ok', code: 200, tls: 'mtls' });
    expect(probe(world, BROWSER, LB).page).toBe('storefront');
  });

  it('finds a pod by its app label, or by name when it has none (testcurl)', () => {
    const { world } = new SimSession();
    expect(findProbePod(world, 'product-catalog', 'productcatalogservice')?.metadata.name).toMatch(/^productcatalogservice-/);
    expect(findProbePod(world, 'default', 'testcurl')?.metadata.name).toBe('testcurl');
    expect(findProbePod(world, 'default', 'nothing')).toBeUndefined();
  });

  it('sends from a meshed pod through its sidecar, or past it with captured: false (the istio-proxy container)', () => {
    const session = sessionWith(STRICT_FRONTEND);
    const viaSidecar = probe(session.world, CATALOG, FRONTEND);
    expect(succeedsOverMtls(viaSidecar)).toBe(true);
    const pastSidecar = probe(session.world, CATALOG_PROXY, FRONTEND);
    expect(resets(pastSidecar)).toBe(true);
    expect(pastSidecar.hops[0]?.clientReason.code).toBe('client.proxy-uid');
  });

  it('gives the same trace as the terminal command it stands for', () => {
    const session = sessionWith(STRICT_FRONTEND);
    const predicted = probe(session.world, TESTCURL, FRONTEND);
    const result = session.run(`kubectl exec testcurl -n default -- curl ${FRONTEND} -o /dev/null -s -w '%{http_code}\\n'`);
    expect(result.traces).toHaveLength(1);
    expect(toTraceJson(predicted)).toBe(toTraceJson(result.traces[0]!));
    expect(outcomeOf(predicted)).toEqual({ kind: 'reset' });
  });

  it('never changes the world: no access logs, same clock and random state', () => {
    const { world } = new SimSession();
    const logs = JSON.stringify([...world.logs]);
    const now = world.clock.now();
    const random = world.rng.clone().next();
    const objects = [...world.objects.values()];
    for (const from of [BROWSER, TESTCURL, CATALOG, CATALOG_PROXY]) probe(world, from, FRONTEND);
    probe(world, BROWSER, GATEWAY);
    expect(JSON.stringify([...world.logs])).toBe(logs);
    expect(world.clock.now()).toBe(now);
    expect(world.rng.clone().next()).toBe(random);
    expect([...world.objects.values()]).toEqual(objects);
  });

  it('reports a pod that does not exist, or a host that does not resolve, as a curl failure', () => {
    const { world } = new SimSession();
    expect(outcomeOf(probe(world, { kind: 'pod', namespace: 'default', app: 'ghost' }, FRONTEND))).toMatchObject({ kind: 'curl-error', exit: 7 });
    expect(outcomeOf(probe(world, { kind: 'cloudshell' }, 'http://frontend.frontend.svc.cluster.local/'))).toMatchObject({ kind: 'curl-error', exit: 6 });
  });
});

describe('outcomeOf', () => {
  it('tells a reset from a sidecar\'s 503: DestinationRule DISABLE toward a STRICT server', () => {
    const session = sessionWith(`${STRICT_FRONTEND}
kubectl apply -n frontend -f - <<END
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: frontend
spec:
  host: frontend.frontend.svc.cluster.local
  trafficPolicy:
    tls:
      mode: DISABLE
END`);
    const meshed = probe(session.world, CATALOG, FRONTEND);
    expect(outcomeOf(meshed)).toEqual({ kind: 'http-error', code: 503 });
    expect(failsWith(meshed, 503)).toBe(true);
    expect(succeeds(meshed)).toBe(false);
    expect(resets(meshed)).toBe(false);
    const gateway = probe(session.world, BROWSER, GATEWAY);
    expect(failsWith(gateway, 503)).toBe(true);
    expect(targetHop(gateway)?.to).toMatch(/^frontend\/frontend-/);
    expect(resets(probe(session.world, TESTCURL, FRONTEND))).toBe(true);
  });
});

describe('breaks and brokenProbes', () => {
  it('counts a change into a failure, not an answer that stays the same', () => {
    expect(breaks({ kind: 'ok', code: 200, tls: 'plaintext' }, { kind: 'reset' })).toBe(true);
    expect(breaks({ kind: 'http-error', code: 415 }, { kind: 'reset' })).toBe(true);
    expect(breaks({ kind: 'http-error', code: 415 }, { kind: 'http-error', code: 415 })).toBe(false);
    expect(breaks({ kind: 'reset' }, { kind: 'ok', code: 200, tls: 'mtls' })).toBe(false);
  });

  it('lists the probes a change broke', () => {
    const session = new SimSession();
    const before = session.world.clone();
    session.run("kubectl apply -n cart -f - <<'Y'\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  mtls:\n    mode: STRICT\nY");
    const probes: ProbeSpec[] = [
      { id: 'testcurl-cart', label: { en: '', ja: '' }, from: { kind: 'pod', namespace: 'default', app: 'testcurl', captured: false }, url: 'http://cartservice.cart.svc.cluster.local:7070/' },
      { id: 'gateway', label: { en: '', ja: '' }, from: { kind: 'browser' }, url: 'http://34.136.92.187/' },
    ];
    expect(brokenProbes(probes, before, session.world)).toEqual(['testcurl-cart']);
  });
});
