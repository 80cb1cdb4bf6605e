import { hasSidecar, podTlsMode, TLS_MODE_LABEL } from '../cluster/pods.ts';
import { serviceHost } from '../cluster/services.ts';
import { type JsonObject, type KubeObject, getPath, getString, isJsonObject } from '../objects.ts';
import type { PhraseCode } from '../reasons/phrases.en.ts';
import { reason } from '../reasons/reason.ts';
import type { Cause, ClientSends, Phrase, PhraseParams } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { findDestinationRule } from './findDestinationRule.ts';
import { inferServiceMtlsMode } from './inferServiceMtlsMode.ts';
import { resolveServerMode } from './resolveServerMode.ts';
import { secureNaming } from './secureNaming.ts';
import type { ClientTlsDecision } from './types.ts';

/** The client proxy: its namespace picks the DestinationRule; labels only matter for workloadSelector rules. */
export interface TlsClient {
  namespace: string;
  kind: 'sidecar' | 'gateway';
  labels?: Record<string, string>;
}

/** What a client asks: who it is, and which service port and endpoint port it connects to. */
type ClientTlsQuery = [world: World, client: TlsClient, service: KubeObject, servicePort: number, endpoint: KubeObject, endpointPort: number];

const SENDS: Record<string, ClientSends> = { DISABLE: 'PLAINTEXT', SIMPLE: 'SIMPLE_TLS', MUTUAL: 'MUTUAL_TLS', ISTIO_MUTUAL: 'ISTIO_MUTUAL' };
/** The reason's code by DestinationRule tls mode; `dr.other` for a mode the CRD rejects (only tests make one). */
const DR_CODE: Record<string, PhraseCode> = { DISABLE: 'dr.disable', SIMPLE: 'dr.simple', MUTUAL: 'dr.mutual', ISTIO_MUTUAL: 'dr.istio-mutual' };

/**
 * What a sidecar or gateway sends to one endpoint of a service, with the reason.
 *
 * 1. A DestinationRule `tls` for the SERVICE port decides outright: a matching
 *    `portLevelSettings[].port.number` replaces the whole top-level policy for that port; DISABLE → plaintext,
 *    SIMPLE/MUTUAL → user TLS, ISTIO_MUTUAL → Istio mTLS even to a sidecar-less endpoint
 *    (cluster_tls.go buildUpstreamTLSSettings; util.go MergeSubsetTrafficPolicy; TestApplyUpstreamTLSSettings).
 * 2. Otherwise auto mTLS. It is off for the whole service when the namespace/mesh-level mode of the
 *    service's namespace is DISABLE, even if a workload is STRICT (BestEffortInferServiceMTLSMode; the
 *    known limitation istio/istio#56084). Then per endpoint: no `security.istio.io/tlsMode=istio` label →
 *    plaintext; the endpoint's composed mode on its CONTAINER port is DISABLE → plaintext; else mTLS
 *    (mtls_checker.go checkMtlsEnabled; ep_filters_test.go mtlsCases).
 */
export function resolveClientTls(...query: ClientTlsQuery): ClientTlsDecision {
  const [world, client, service, servicePort, endpoint, endpointPort] = query;
  const stamps = inputStamps(world, client.namespace, service, endpoint);
  const labels = client.labels ? JSON.stringify(client.labels) : '';
  let entries = cache.get(service)?.get(endpoint);
  const hit = entries?.find((e) => e.clientNamespace === client.namespace && e.kind === client.kind && e.labels === labels && e.servicePort === servicePort && e.endpointPort === endpointPort);
  if (hit && sameStamps(hit.stamps, stamps)) return hit.decision;
  const decision = decideClientTls(...query);
  if (hit) {
    hit.stamps = stamps;
    hit.decision = decision;
  } else {
    if (!entries) {
      let byEndpoint = cache.get(service);
      if (!byEndpoint) cache.set(service, (byEndpoint = new WeakMap()));
      byEndpoint.set(endpoint, (entries = []));
    }
    entries.push({ clientNamespace: client.namespace, kind: client.kind, labels, servicePort, endpointPort, stamps, decision });
  }
  return decision;
}

interface CachedDecision {
  clientNamespace: string;
  kind: TlsClient['kind'];
  /** The client's labels as JSON, '' without. */
  labels: string;
  servicePort: number;
  endpointPort: number;
  /** The change stamps of everything else the decision read (see inputStamps). */
  stamps: number[];
  decision: ClientTlsDecision;
}

/**
 * Decisions by Service and endpoint object (objects never change), then by the rest of the query,
 * each the latest for the change stamps of what else it reads. Stamps are unique across worlds
 * (World.version). Shared between hops: treat them as read-only.
 */
const cache = new WeakMap<KubeObject, WeakMap<KubeObject, CachedDecision[]>>();

/**
 * DestinationRules of the client's, the service's and the root namespace; PeerAuthentications of
 * the service's, the endpoint's and the root namespace; the pods of the service's namespace (its
 * endpoints).
 */
function inputStamps(world: World, clientNamespace: string, service: KubeObject, endpoint: KubeObject): number[] {
  const root = world.rootNamespace;
  const ns = service.metadata.namespace ?? '';
  return [
    world.version('DestinationRule', clientNamespace),
    world.version('DestinationRule', ns),
    world.version('DestinationRule', root),
    world.version('PeerAuthentication', ns),
    world.version('PeerAuthentication', endpoint.metadata.namespace ?? ''),
    world.version('PeerAuthentication', root),
    world.version('Pod', ns),
  ];
}

function sameStamps(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((stamp, i) => stamp === b[i]);
}

function decideClientTls(...[world, client, service, servicePort, endpoint, endpointPort]: ClientTlsQuery): ClientTlsDecision {
  const host = serviceHost(service);
  const found = findDestinationRule(world, client.namespace, host, client.labels);
  const naming = secureNaming(world, service, servicePort);
  const tls = found ? tlsForPort(found.rule, servicePort) : undefined;

  if (found && tls?.settings) {
    const mode = getString(tls.settings, 'mode') ?? 'DISABLE';
    const field = 'mode' in tls.settings ? `${tls.path}.mode` : tls.path;
    const cause: Cause = { kind: 'DestinationRule', namespace: found.namespace, name: found.name, field };
    const sans = stringList(getPath(tls.settings, 'subjectAltNames'));
    const sni = getString(tls.settings, 'sni');
    const istio = mode === 'ISTIO_MUTUAL';
    const params: PhraseParams = {
      rule: `${found.namespace}/${found.name}`,
      ...(tls.portIndex === undefined ? {} : { port: servicePort }),
      mode,
      ...('mode' in tls.settings ? {} : { noMode: 1 }),
      host,
      ...(mode === 'ISTIO_MUTUAL' && podTlsMode(endpoint) !== 'istio' ? { plainPod: podRef(endpoint) } : {}),
    };
    return {
      sends: SENDS[mode] ?? 'PLAINTEXT',
      source: 'destination-rule',
      reason: reason(DR_CODE[mode] ?? 'dr.other', params, [cause]),
      destinationRule: cause,
      ...(istio || sni ? { sni: sni ?? naming.sni } : {}),
      subjectAltNames: sans.length > 0 ? sans : istio ? naming.subjectAltNames : [],
    };
  }

  const auto = decideAutoMtls(world, service, endpoint, endpointPort);
  const drCause: Cause | undefined = found ? { kind: 'DestinationRule', namespace: found.namespace, name: found.name, field: tls?.path ?? 'spec.trafficPolicy' } : undefined;
  // The phrase's prefix: the rule that set no tls (and its port entry), or none, and the host.
  const prefixParams: PhraseParams = found
    ? { rule: `${found.namespace}/${found.name}`, ...(tls?.portIndex === undefined ? {} : { rulePort: servicePort }), host: found.fqdn }
    : { host };
  const isMtls = auto.sends === 'ISTIO_MUTUAL';
  return {
    sends: auto.sends,
    source: auto.source,
    reason: reason(auto.code, { ...prefixParams, ...auto.params }, [...(drCause ? [drCause] : []), ...auto.causes]),
    ...(drCause ? { destinationRule: drCause } : {}),
    ...(isMtls ? { sni: naming.sni } : {}),
    subjectAltNames: isMtls ? naming.subjectAltNames : [],
  };
}

/** Auto mTLS's part of the reason: the caller adds the DestinationRule (or none) the sentence starts with. */
interface AutoDecision {
  sends: ClientSends;
  source: ClientTlsDecision['source'];
  code: PhraseCode;
  params: PhraseParams;
  causes: Cause[];
}

function decideAutoMtls(world: World, service: KubeObject, endpoint: KubeObject, endpointPort: number): AutoDecision {
  const serviceMode = inferServiceMtlsMode(world, service);
  if (serviceMode.mode === 'DISABLE') {
    const service: Phrase = { code: serviceMode.code, text: serviceMode.text, params: serviceMode.params };
    const server = podTlsMode(endpoint) === 'istio' ? resolveServerMode(world, endpoint, endpointPort) : undefined;
    if (server?.mode === 'STRICT') {
      return {
        sends: 'PLAINTEXT',
        source: 'auto-mtls-service-disabled',
        code: 'auto.service-disabled.56084',
        params: { service, server: server.reason },
        causes: [...serviceMode.causes, ...server.reason.causes],
      };
    }
    return { sends: 'PLAINTEXT', source: 'auto-mtls-service-disabled', code: 'auto.service-disabled', params: { service }, causes: serviceMode.causes };
  }
  const podCause: Cause = { kind: 'Pod', namespace: endpoint.metadata.namespace ?? '', name: endpoint.metadata.name, field: `metadata.labels.${TLS_MODE_LABEL}` };
  if (podTlsMode(endpoint) !== 'istio') {
    const params = { endpoint: podRef(endpoint), ...(hasSidecar(endpoint) ? { label: TLS_MODE_LABEL } : {}) };
    return { sends: 'PLAINTEXT', source: 'auto-mtls-no-sidecar', code: 'auto.no-sidecar', params, causes: [podCause] };
  }
  const server = resolveServerMode(world, endpoint, endpointPort);
  if (server.mode === 'DISABLE') {
    return {
      sends: 'PLAINTEXT',
      source: 'auto-mtls-disabled-port',
      code: 'auto.server-disable',
      params: { endpoint: podRef(endpoint), port: endpointPort, server: server.reason },
      causes: server.reason.causes,
    };
  }
  return { sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls', params: {}, causes: [podCause] };
}

interface PortTls {
  /** The `tls` object that applies, if any. */
  settings?: JsonObject;
  /** JSON path of that `tls`, e.g. `spec.trafficPolicy.portLevelSettings[0].tls`. */
  path: string;
  portIndex?: number;
}

/** A portLevelSettings entry for the service port replaces the whole top-level policy, tls included. */
function tlsForPort(rule: KubeObject, servicePort: number): PortTls {
  const settings = getPath(rule.spec, 'trafficPolicy', 'portLevelSettings');
  const index = Array.isArray(settings) ? settings.findIndex((s) => getPath(s, 'port', 'number') === servicePort) : -1;
  if (Array.isArray(settings) && index >= 0) {
    const tls = getPath(settings[index], 'tls');
    return { path: `spec.trafficPolicy.portLevelSettings[${index}].tls`, portIndex: index, ...(isJsonObject(tls) ? { settings: tls } : {}) };
  }
  const tls = getPath(rule.spec, 'trafficPolicy', 'tls');
  return { path: 'spec.trafficPolicy.tls', ...(isJsonObject(tls) ? { settings: tls } : {}) };
}

function podRef(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
