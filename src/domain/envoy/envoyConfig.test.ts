import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { destinationRule, peerAuthentication, pod, service, worldWith } from '../testing/fixtures.ts';
import type { World } from '../world.ts';
import { configDump } from './configDump.ts';
import { type EnvoyConfig, envoyConfig } from './envoyConfig.ts';
import { type ProtoObject, ProtoMap, envoyJson, istioctlJson } from './protoJson.ts';

function configOf(world: World, ns: string, name: string): EnvoyConfig {
  const p = world.get('Pod', ns, name);
  const config = p ? envoyConfig(world, p) : undefined;
  if (!config) throw new Error(`no Envoy in ${ns}/${name}`);
  return config;
}

/** The virtualInbound chains of one port: [transport, ALPN] each. */
function inboundChains(config: EnvoyConfig, port: number): [string, string[] | undefined][] {
  const inbound = config.listeners.find((l) => l.name === 'virtualInbound');
  const chains = (inbound?.filter_chains ?? []) as ProtoObject[];
  return chains
    .map((c) => c.filter_chain_match as ProtoObject)
    .filter((m) => m.destination_port === port)
    .map((m) => [String(m.transport_protocol), m.application_protocols as string[] | undefined]);
}

function cluster(config: EnvoyConfig, name: string): ProtoObject {
  const found = config.clusters.find((c) => c.name === name);
  if (!found) throw new Error(`no cluster ${name}`);
  return found;
}

const ISTIO_ALPNS = ['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'];

function meshWith(mode?: string) {
  return worldWith({
    pods: [pod('shop', 'web'), pod('shop', 'client', { ports: [9000] })],
    services: [service('shop', 'web')],
    policies: mode ? [peerAuthentication('shop', 'default', { mtls: { mode } })] : [],
  });
}

describe('envoyConfig: virtualInbound', () => {
  // Istio 1.26 pilot/pkg/networking/core/filterchain_options.go: the chains an HTTP port gets per mode.
  it('gives a PERMISSIVE HTTP port a TLS chain matching Istio ALPN and a plaintext chain', () => {
    expect(inboundChains(configOf(meshWith(), 'shop', 'web'), 8080)).toEqual([['tls', ISTIO_ALPNS], ['raw_buffer', undefined]]);
  });

  it('gives a STRICT port only the TLS chain, so plaintext matches nothing', () => {
    expect(inboundChains(configOf(meshWith('STRICT'), 'shop', 'web'), 8080)).toEqual([['tls', undefined]]);
  });

  it('gives a DISABLE port only the plaintext chain', () => {
    expect(inboundChains(configOf(meshWith('DISABLE'), 'shop', 'web'), 8080)).toEqual([['raw_buffer', undefined]]);
  });

  it('terminates mTLS on the TLS chain: the workload certificate and ROOTCA from SDS, client certificates required', () => {
    const inbound = configOf(meshWith('STRICT'), 'shop', 'web').listeners.find((l) => l.name === 'virtualInbound');
    const chain = ((inbound?.filter_chains ?? []) as ProtoObject[]).find((c) => (c.filter_chain_match as ProtoObject).destination_port === 8080);
    const context = ((chain?.transport_socket as ProtoObject).typed_config as ProtoObject);
    expect(context['@type']).toBe('type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext');
    expect(context.require_client_certificate).toBe(true);
    const common = context.common_tls_context as ProtoObject;
    expect((common.tls_certificate_sds_secret_configs as ProtoObject[])[0]?.name).toBe('default');
    expect(((common.combined_validation_context as ProtoObject).validation_context_sds_secret_config as ProtoObject).name).toBe('ROOTCA');
  });

  it('follows a port-level override of the workload policy', () => {
    const world = worldWith({
      pods: [pod('shop', 'web')],
      services: [service('shop', 'web')],
      policies: [peerAuthentication('shop', 'web', { selector: { matchLabels: { app: 'web' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'PERMISSIVE' } } })],
    });
    expect(inboundChains(configOf(world, 'shop', 'web'), 8080)).toEqual([['tls', ISTIO_ALPNS], ['raw_buffer', undefined]]);
  });
});

describe('envoyConfig: clusters', () => {
  it('turns auto mTLS into transport socket matches on the endpoints tlsMode', () => {
    const c = cluster(configOf(meshWith(), 'shop', 'client'), 'outbound|80||web.shop.svc.cluster.local');
    const matches = c.transport_socket_matches as ProtoObject[];
    expect(matches.map((m) => m.name)).toEqual(['tlsMode-istio', 'tlsMode-disabled']);
    const tls = ((matches[0]?.transport_socket as ProtoObject).typed_config as ProtoObject);
    expect(tls.sni).toBe('outbound_.80_._.web.shop.svc.cluster.local');
    expect(c.transport_socket).toBeUndefined();
  });

  it('uses the DestinationRule tls as the cluster transport socket and names the rule in its metadata', () => {
    const world = meshWith();
    world.put(destinationRule('shop', 'web', { host: 'web', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }));
    const c = cluster(configOf(world, 'shop', 'client'), 'outbound|80||web.shop.svc.cluster.local');
    expect(c.transport_socket_matches).toBeUndefined();
    expect(((c.transport_socket as ProtoObject).typed_config as ProtoObject)['@type']).toBe('type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext');
    const istio = ((c.metadata as ProtoObject).filter_metadata as ProtoMap).entries.istio as ProtoMap;
    expect(istio.entries.config).toBe('/apis/networking.istio.io/v1/namespaces/shop/destination-rule/web');
  });

  it('sends plaintext for a DestinationRule with tls DISABLE: no TLS at all', () => {
    const world = meshWith();
    world.put(destinationRule('shop', 'web', { host: 'web', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    const c = cluster(configOf(world, 'shop', 'client'), 'outbound|80||web.shop.svc.cluster.local');
    expect(c.transport_socket).toBeUndefined();
    expect(c.transport_socket_matches).toBeUndefined();
  });

  it('drops auto mTLS for a service whose namespace is DISABLE (BestEffortInferServiceMTLSMode)', () => {
    const c = cluster(configOf(meshWith('DISABLE'), 'shop', 'client'), 'outbound|80||web.shop.svc.cluster.local');
    expect(c.transport_socket_matches).toBeUndefined();
  });

  it('adds a subset cluster for each DestinationRule subset', () => {
    const world = meshWith();
    world.put(destinationRule('shop', 'web', { host: 'web', subsets: [{ name: 'v1', labels: { app: 'web' } }] }));
    const config = configOf(world, 'shop', 'client');
    expect(config.clusters.map((c) => c.name)).toContain('outbound|80|v1|web.shop.svc.cluster.local');
    expect(config.endpoints.find((e) => e.cluster === 'outbound|80|v1|web.shop.svc.cluster.local')?.hosts).toHaveLength(1);
  });

  it('tags an endpoint tlsMode istio only where auto mTLS sends mTLS', () => {
    const world = worldWith({ pods: [pod('shop', 'web'), pod('shop', 'legacy', { sidecar: false, labels: { app: 'web' } }), pod('shop', 'client')], services: [service('shop', 'web')] });
    const hosts = configOf(world, 'shop', 'client').endpoints.find((e) => e.cluster === 'outbound|80||web.shop.svc.cluster.local')?.hosts ?? [];
    expect(hosts.map((h) => [h.endpoint.pod.metadata.name, h.tlsMode])).toEqual([['legacy', undefined], ['web', 'istio']]);
  });
});

describe('configDump', () => {
  it("lists the dumps in Envoy's order, endpoints only with include_eds", () => {
    const config = configOf(createDefaultWorld(), 'frontend', createDefaultWorld().list('Pod', 'frontend')[0]?.metadata.name ?? '');
    const types = (q: { includeEds?: boolean }) => ((configDump(config, q).body as ProtoObject).configs as ProtoObject[]).map((c) => String(c['@type']).replace('type.googleapis.com/envoy.admin.v3.', ''));
    expect(types({})).toEqual(['BootstrapConfigDump', 'ClustersConfigDump', 'ListenersConfigDump', 'ScopedRoutesConfigDump', 'RoutesConfigDump', 'SecretsConfigDump']);
    expect(types({ includeEds: true })).toContain('EndpointsConfigDump');
  });

  it('keeps only the masked fields, as istioctl asks for secrets', () => {
    const world = createDefaultWorld();
    const config = configOf(world, 'frontend', world.list('Pod', 'frontend')[0]?.metadata.name ?? '');
    const configs = (configDump(config, { mask: ['dynamic_active_secrets', 'dynamic_warming_secrets'] }).body as ProtoObject).configs as ProtoObject[];
    expect(configs[0]).toEqual({ '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump' });
    expect((configs.at(-1)?.dynamic_active_secrets as ProtoObject[]).map((s) => s.name)).toEqual(['default', 'ROOTCA']);
  });

  it('dumps one kind of resource per entry with ?resource=', () => {
    const world = createDefaultWorld();
    const config = configOf(world, 'frontend', world.list('Pod', 'frontend')[0]?.metadata.name ?? '');
    const body = configDump(config, { resource: 'dynamic_listeners' }).body as ProtoObject;
    const first = (body.configs as ProtoObject[])[0];
    expect(first?.['@type']).toBe('type.googleapis.com/envoy.admin.v3.ListenersConfigDump.DynamicListener');
    expect(first?.name).toBe('virtualOutbound');
    expect(configDump(config, { resource: 'nope' }).status).toBe(404);
  });

  it('prints proto names with one-space indentation for Envoy, lowerCamelCase with four for istioctl', () => {
    const message: ProtoObject = { cluster_name: 'x', filter_metadata: new ProtoMap({ 'envoy.transport_socket_match': { tlsMode: 'istio' } }) };
    expect(envoyJson(message)).toBe('{\n "cluster_name": "x",\n "filter_metadata": {\n  "envoy.transport_socket_match": {\n   "tlsMode": "istio"\n  }\n }\n}');
    expect(istioctlJson(message)).toBe('{\n    "clusterName": "x",\n    "filterMetadata": {\n        "envoy.transport_socket_match": {\n            "tlsMode": "istio"\n        }\n    }\n}');
  });
});
