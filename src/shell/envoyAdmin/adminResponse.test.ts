import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import type { KubeObject } from '../../domain/objects.ts';
import { peerAuthentication, pod, service, worldWith } from '../../domain/testing/fixtures.ts';
import { SimSession } from '../session.ts';

function output(session: SimSession, line: string): { out: string; err: string; code: number } {
  const r = session.run(line);
  return { out: r.chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join(''), err: r.chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join(''), code: r.exitCode };
}

/** A pod whose app container has curl, so that requests leave through its sidecar. */
function curlPod(ns: string, name: string, options: Parameters<typeof pod>[2] = {}): KubeObject {
  const p = pod(ns, name, options);
  const containers = (p.spec?.containers as { name: string; image: string }[]).map((c) => (c.name === 'server' ? { ...c, image: 'curlimages/curl' } : c));
  return { ...p, spec: { ...p.spec, containers } };
}

function shop(annotations: Record<string, string> = {}, policies: KubeObject[] = []): SimSession {
  const world = worldWith({
    pods: [pod('shop', 'web', { annotations }), curlPod('shop', 'client'), curlPod('legacy', 'plain', { sidecar: false })],
    services: [service('shop', 'web')],
    policies,
  });
  return new SimSession({ world });
}

describe('Envoy admin on localhost:15000', () => {
  it('dumps the config as Envoy prints it: proto field names, one-space indentation', () => {
    const session = shop();
    const r = output(session, 'kubectl exec web -n shop -c istio-proxy -- curl -s localhost:15000/config_dump');
    expect(r.out.startsWith('{\n "configs": [\n  {\n   "@type": "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump",\n   "bootstrap": {\n')).toBe(true);
    const dump = JSON.parse(r.out) as { configs: { '@type': string; dynamic_active_clusters?: { cluster: { name: string } }[] }[] };
    const clusters = dump.configs.find((c) => c['@type'].endsWith('ClustersConfigDump'))?.dynamic_active_clusters?.map((c) => c.cluster.name);
    expect(clusters).toContain('outbound|80||web.shop.svc.cluster.local');
  });

  it('answers ?resource= and ?mask= as Envoy does', () => {
    const session = shop();
    const r = output(session, "kubectl exec web -n shop -c istio-proxy -- curl -s 'localhost:15000/config_dump?resource=dynamic_active_secrets&mask=name'");
    expect(JSON.parse(r.out)).toEqual({ configs: [
      { '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump.DynamicSecret', name: 'default' },
      { '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump.DynamicSecret', name: 'ROOTCA' },
    ] });
  });

  it('shows the workload certificate and the root in /certs', () => {
    const r = output(shop(), 'kubectl exec web -n shop -c istio-proxy -- curl -s localhost:15000/certs');
    expect(r.out).toContain('"path": "\\u003cinline\\u003e"');
    expect(r.out).toContain('"uri": "spiffe://cluster.local/ns/shop/sa/default"');
  });

  it('keeps only the stats Istio includes by default, so ssl counters need the inclusion annotation', () => {
    expect(output(shop(), 'kubectl exec web -n shop -c istio-proxy -- curl -s localhost:15000/stats').out).not.toContain('ssl');
    const session = shop({ 'sidecar.istio.io/statsInclusionPrefixes': 'listener' });
    output(session, 'kubectl exec client -n shop -- curl -s http://web.shop');
    expect(output(session, "kubectl exec web -n shop -c istio-proxy -- curl -s 'localhost:15000/stats?filter=ssl.handshake'").out).toBe('listener.0.0.0.0_15006.ssl.handshake: 1\n');
  });

  it('counts the plaintext that no STRICT chain took', () => {
    const session = shop({ 'proxy.istio.io/config': 'proxyStatsMatcher:\n  inclusionPrefixes:\n  - listener\n' }, [peerAuthentication('shop', 'default', { mtls: { mode: 'STRICT' } })]);
    output(session, 'kubectl exec plain -n legacy -- curl -s http://web.shop');
    const stats = output(session, "kubectl exec web -n shop -c istio-proxy -- curl -s 'localhost:15000/stats?filter=^listener'").out;
    expect(stats).toContain('listener.0.0.0.0_15006.no_filter_chain_match: 1\n');
    expect(stats).not.toContain('ssl.handshake');
  });

  it("reports each request's connection_security_policy in Istio's standard metric", () => {
    const session = shop();
    output(session, 'kubectl exec client -n shop -- curl -s http://web.shop');
    output(session, 'kubectl exec plain -n legacy -- curl -s http://web.shop');
    const prom = output(session, 'kubectl exec web -n shop -c istio-proxy -- curl -s localhost:15000/stats/prometheus').out;
    const lines = prom.split('\n').filter((l) => l.startsWith('istio_requests_total{reporter="destination"'));
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.includes('source_workload="client"'))).toContain('connection_security_policy="mutual_tls"} 1');
    expect(lines.find((l) => l.includes('source_workload="unknown"'))).toContain('connection_security_policy="none"} 1');
  });

  it('answers an unknown path with 404 and the list of admin commands', () => {
    const r = output(shop(), 'kubectl exec web -n shop -c istio-proxy -- curl -s -w "%{http_code}" localhost:15000/nope');
    expect(r.out.startsWith('invalid path. admin commands are:\n  /: Admin home page\n  /certs: print certs on machine\n')).toBe(true);
    expect(r.out.endsWith('404')).toBe(true);
  });

  it('is not there in a pod without a sidecar', () => {
    const r = output(shop(), 'kubectl exec plain -n legacy -- curl -sS localhost:15000/stats');
    expect(r.err).toContain('curl: (7) Failed to connect to localhost port 15000');
  });
});

describe('pilot-agent and the status port', () => {
  it('passes `request GET <path>` to Envoy and prints the body and a newline', () => {
    const r = output(shop(), 'kubectl exec web -n shop -c istio-proxy -- pilot-agent request GET ready');
    expect(r).toEqual({ out: 'LIVE\n\n', err: '', code: 0 });
  });

  it("fails the cobra way on a missing path, exiting -1", () => {
    const r = output(shop(), 'kubectl exec web -n shop -c istio-proxy -- pilot-agent request GET');
    expect(r.err).toMatch(/^Error: requires at least 2 arg\(s\), only received 1\n\d{4}-\d\d-\d\dT[\d:.]+Z\terror\trequires at least 2 arg\(s\), only received 1\ncommand terminated with exit code 255\n$/);
    expect(r.code).toBe(255);
  });

  it('reports a POST-only endpoint as an error', () => {
    const r = output(shop(), 'kubectl exec web -n shop -c istio-proxy -- pilot-agent request GET quitquitquit');
    expect(r.err).toContain('Error: received unsuccessful status code 405: Method GET not allowed, POST required.');
  });

  it('is ready on 15020 and 15021', () => {
    const session = new SimSession({ world: createDefaultWorld() });
    const fe = session.world.list('Pod', 'frontend')[0]?.metadata.name ?? '';
    expect(output(session, `kubectl exec ${fe} -n frontend -c istio-proxy -- curl -s -o /dev/null -w %{http_code} localhost:15020/healthz/ready`).out).toBe('200');
    expect(output(session, `kubectl exec ${fe} -n frontend -c istio-proxy -- curl -s -o /dev/null -w %{http_code} localhost:15021/healthz/ready`).out).toBe('200');
  });
});
