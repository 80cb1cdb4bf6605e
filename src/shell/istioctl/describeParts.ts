/**
 * The blocks `istioctl experimental describe` prints, in its exact layout
 * (istio/istio istioctl/pkg/describe/describe.go: printPod, printService, printDestinationRule,
 * printVirtualService, describePeerAuthentication, printIngressInfo).
 *
 * Real istioctl reads the pod's Envoy config_dump to learn which DestinationRule and VirtualService
 * its sidecar (or the ingress gateway) uses for a service. The simulator has no Envoy, so it asks the
 * domain the same question (findDestinationRule, resolveServerMode): one source of truth.
 */
import { hasSidecar, podPhase, SIDECAR_CONTAINER } from '../../domain/cluster/pods.ts';
import { externalIP, resolveTargetPort, serviceHost, servicePorts, serviceSelector, type ServicePort } from '../../domain/cluster/services.ts';
import { type Json, type JsonObject, type KubeObject, getPath, getString, getStringMap, isJsonObject, labelsMatch } from '../../domain/objects.ts';
import { type FoundDestinationRule, findDestinationRule } from '../../domain/resolution/findDestinationRule.ts';
import { CLUSTER_DOMAIN, expandHost, hostMatches } from '../../domain/resolution/hostMatch.ts';
import { isGatewayPod } from '../../domain/resolution/isGatewayPod.ts';
import { declaredPortMode } from '../../domain/resolution/readPeerAuthentication.ts';
import { resolveServerMode } from '../../domain/resolution/resolveServerMode.ts';
import type { World } from '../../domain/world.ts';

export const SEPARATOR = '--------------------\n';
const PRINT_LEVEL1 = 3;
const PRINT_LEVEL2 = 6;
/** url.DeploymentRequirements for a 1.26 build. */
const DEPLOYMENT_REQUIREMENTS = 'https://istio.io/v1.26/docs/ops/deployment/application-requirements/';

const spaces = (n: number) => ' '.repeat(n);

/** The writer all blocks print to, and the namespace names are relative to. */
export interface DescribeOutput {
  out(text: string): void;
  /** `ctx.NamespaceOrDefault(ctx.Namespace())`: objects in it are named `name`, others `name.namespace`. */
  describeNamespace: string;
}

/** `name`, or `name.namespace` outside the describe namespace (describe.go kname). */
export function kname(w: DescribeOutput, obj: KubeObject): string {
  const ns = obj.metadata.namespace ?? '';
  return ns === w.describeNamespace ? obj.metadata.name : `${obj.metadata.name}.${ns}`;
}

/** `istio.io/rev` annotation, else the revision in `sidecar.istio.io/status` (GetRevisionFromPodAnnotation). */
export function podRevision(pod: KubeObject): string {
  const rev = pod.metadata.annotations['istio.io/rev'];
  if (rev !== undefined) return rev;
  try {
    const status = JSON.parse(pod.metadata.annotations['sidecar.istio.io/status'] ?? '') as { revision?: unknown };
    return typeof status.revision === 'string' ? status.revision : '';
  } catch {
    return '';
  }
}

function objects(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/** printPod: ports, readiness, mesh membership and telemetry-label suggestions. */
export function printPod(w: DescribeOutput, pod: KubeObject): void {
  const ports: string[] = [];
  for (const c of objects(getPath(pod.spec, 'containers'))) {
    const name = typeof c.name === 'string' ? c.name : '';
    for (const p of objects(c.ports)) {
      const protocol = typeof p.protocol === 'string' && p.protocol !== 'TCP' ? `/${p.protocol}` : '';
      ports.push(`${String(p.containerPort)}${protocol} (${name})`);
    }
    if (name !== SIDECAR_CONTAINER && name !== 'istio-operator' && getPath(c, 'securityContext', 'runAsUser') === 1337) {
      w.out('WARNING: User ID (UID) 1337 is reserved for the sidecar proxy.\n');
    }
  }
  w.out(`Pod: ${kname(w, pod)}\n`);
  w.out(`   Pod Revision: ${podRevision(pod)}\n`);
  w.out(ports.length > 0 ? `   Pod Ports: ${ports.join(', ')}\n` : '   Pod does not expose ports\n');
  const phase = podPhase(pod);
  if (phase !== 'Running') {
    w.out(`   Pod is not Running (${phase})\n`);
    return;
  }
  for (const key of ['containerStatuses', 'initContainerStatuses'] as const) {
    for (const s of objects(getPath(pod.status, key))) {
      if (s.ready !== true) w.out(`WARNING: Pod ${kname(w, pod)} ${key === 'containerStatuses' ? 'Container' : 'Init Container'} ${String(s.name)} NOT READY\n`);
    }
  }
  if (!hasSidecar(pod)) {
    w.out(`WARNING: ${kname(w, pod)} is not part of mesh; no Istio sidecar\n`);
    return;
  }
  if (getPath(pod.spec, 'securityContext', 'runAsUser') === 1337) w.out('   WARNING: User ID (UID) 1337 is reserved for the sidecar proxy.\n');
  const labels = pod.metadata.labels;
  if (!['service.istio.io/canonical-name', 'app.kubernetes.io/name', 'app'].some((l) => l in labels)) {
    w.out(`Suggestion: add required service name label for Istio telemetry. See ${DEPLOYMENT_REQUIREMENTS}.\n`);
  }
  if (!['service.istio.io/canonical-revision', 'app.kubernetes.io/version', 'version'].some((l) => l in labels)) {
    w.out(`Suggestion: add required service revision label for Istio telemetry. See ${DEPLOYMENT_REQUIREMENTS}.\n`);
  }
}

/** Services of the pod's namespace whose (non-empty) selector matches the pod, sorted by name as the API lists them. */
export function matchingServices(world: World, pod: KubeObject): KubeObject[] {
  return world.list('Service', pod.metadata.namespace ?? '').filter((svc) => {
    const selector = serviceSelector(svc);
    return Object.keys(selector).length > 0 && labelsMatch(selector, pod.metadata.labels);
  });
}

const PROTOCOLS: Record<string, string> = {
  tcp: 'TCP', udp: 'UDP', grpc: 'GRPC', 'grpc-web': 'GRPC-Web', http: 'HTTP', http_proxy: 'HTTP_PROXY', http2: 'HTTP2',
  https: 'HTTPS', tls: 'TLS', mongo: 'Mongo', redis: 'Redis', mysql: 'MySQL', hbone: 'HBONE',
};

/**
 * The protocol Istio infers for a Service port from appProtocol or the name prefix
 * (pkg/config/kube ConvertProtocol); `UnsupportedProtocol` when neither says.
 */
export function convertProtocol(port: ServicePort): string {
  if (port.protocol === 'UDP') return 'UDP';
  let name = port.appProtocol ?? port.name ?? '';
  if (port.appProtocol === 'kubernetes.io/h2c') return 'HTTP2';
  if (port.appProtocol === 'kubernetes.io/ws') return 'HTTP';
  if (port.appProtocol === 'kubernetes.io/wss') return 'HTTPS';
  if (name.toLowerCase().startsWith('grpc-web')) return 'GRPC-Web';
  const dash = name.indexOf('-');
  if (dash >= 0) name = name.slice(0, dash);
  return PROTOCOLS[name.toLowerCase()] ?? 'UnsupportedProtocol';
}

/** describe.go findProtocolForPort: an unnamed port without appProtocol is `auto-detect`. */
function protocolForPort(port: ServicePort): string {
  if ((port.name ?? '') === '' && port.appProtocol === undefined && port.protocol !== 'UDP') return 'auto-detect';
  return convertProtocol(port);
}

/** printService: each TCP port and the pod port it targets. */
export function printService(w: DescribeOutput, svc: KubeObject, pod: KubeObject): void {
  w.out(`Service: ${kname(w, svc)}\n`);
  for (const port of servicePorts(svc)) {
    if (port.protocol !== 'TCP') continue;
    const target = resolveTargetPort(port, pod);
    if (target === undefined) w.out(`   no suitable port for manifest: ${pod.metadata.uid}\n`);
    else w.out(`   Port: ${port.name ?? ''} ${port.port}/${protocolForPort(port)} targets pod port ${target}\n`);
  }
}

interface SubsetMatch {
  matching: string[];
  nonmatching: string[];
}

function subsetMatch(dr: KubeObject | undefined, podsLabels: Record<string, string>[]): SubsetMatch {
  const result: SubsetMatch = { matching: [], nonmatching: [] };
  for (const subset of objects(getPath(dr?.spec, 'subsets'))) {
    const selector = getStringMap(subset, 'labels');
    const name = typeof subset.name === 'string' ? subset.name : '';
    (podsLabels.some((labels) => labelsMatch(selector, labels)) ? result.matching : result.nonmatching).push(name);
  }
  return result;
}

function shortPolicies(policy: Json | undefined): string {
  const extra = [
    ['loadBalancer', 'load balancer'],
    ['connectionPool', 'connection pool'],
    ['outlierDetection', 'outlier detection'],
  ].filter(([field]) => getPath(policy, field ?? '') !== undefined).map(([, label]) => label);
  return extra.length > 0 ? `Policies: ${extra.join('/')}\n` : '';
}

/** `Tls.Mode.String()`: a `tls` block without a mode is the enum's zero value, DISABLE. */
function tlsModeName(tls: Json | undefined): string {
  return getString(tls, 'mode') ?? 'DISABLE';
}

/** printDestinationRule: host as written, subsets, TLS mode and other policies. */
export function printDestinationRule(w: DescribeOutput, indent: number, dr: KubeObject, podsLabels: Record<string, string>[]): void {
  w.out(`${spaces(indent)}DestinationRule: ${kname(w, dr)} for ${JSON.stringify(getString(dr.spec, 'host') ?? '')}\n`);
  const { matching, nonmatching } = subsetMatch(dr, podsLabels);
  if (matching.length > 0 || nonmatching.length > 0) {
    if (matching.length === 0) w.out(`${spaces(indent + PRINT_LEVEL1)}WARNING POD DOES NOT MATCH ANY SUBSETS.  (Non matching subsets ${nonmatching.join(',')})\n`);
    w.out(`${spaces(indent + PRINT_LEVEL1)}Matching subsets: ${matching.join(',')}\n`);
    if (nonmatching.length > 0) w.out(`${spaces(indent + PRINT_LEVEL2)}(Non-matching subsets ${nonmatching.join(',')})\n`);
  }
  const policy = getPath(dr.spec, 'trafficPolicy');
  if (!isJsonObject(policy)) {
    w.out(`${spaces(indent + PRINT_LEVEL1)}No Traffic Policy\n`);
    return;
  }
  if (policy.tls !== undefined) w.out(`${spaces(indent + PRINT_LEVEL1)}Traffic Policy TLS Mode: ${tlsModeName(policy.tls)}\n`);
  const short = shortPolicies(policy);
  if (short) w.out(`${spaces(indent + PRINT_LEVEL1)}${short}`);
  if (policy.portLevelSettings !== undefined) {
    w.out(`${spaces(indent + PRINT_LEVEL1)}Port Level Settings:\n`);
    for (const ps of objects(policy.portLevelSettings)) {
      // describe.go hard-codes four spaces before the port number.
      w.out(`${spaces(4)}${String(getPath(ps, 'port', 'number') ?? 0)}:\n`);
      if (ps.tls !== undefined) w.out(`${spaces(indent + PRINT_LEVEL2)}TLS Mode: ${tlsModeName(ps.tls)}\n`);
      const sp = shortPolicies(ps);
      if (sp) w.out(`${spaces(indent + PRINT_LEVEL2)}${sp}`);
    }
  }
}

/** describe.go extendFQDN: append `.svc.cluster.local` unless a wildcard or already there. */
function extendFqdn(host: string): string {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (host.startsWith('*') || host.endsWith(suffix)) return host;
  return host + suffix;
}

function renderStringMatch(sm: Json | undefined): string {
  if (!isJsonObject(sm)) return '';
  if (typeof sm.exact === 'string') return sm.exact;
  if (typeof sm.prefix === 'string') return `${sm.prefix}*`;
  return JSON.stringify(sm);
}

function renderMatch(match: JsonObject): string {
  let text = 'Match: ';
  if (match.uri !== undefined) {
    text += renderStringMatch(match.uri);
    if (match.ignoreUriCase === true) text += ' uncased';
  }
  if (isJsonObject(match.headers) && Object.keys(match.headers).length > 0) {
    text += ` when headers are ${Object.entries(match.headers).map(([k, v]) => `${k}=${renderStringMatch(v)}`).join('; ')}`;
  }
  return text.trim();
}

function renderMatches(matches: JsonObject[]): string {
  return matches.length === 0 ? 'everything' : matches.map(renderMatch).join(', ');
}

/** httpRouteMatchSvc: whether a route sends to this Service, with the facts describe prints about it. */
function httpRouteMatchSvc(w: DescribeOutput, vs: KubeObject, route: JsonObject, svc: KubeObject, subsets: SubsetMatch, dr: KubeObject | undefined): { match: boolean; facts: string[] } {
  const svcHost = extendFqdn(`${svc.metadata.name}.${svc.metadata.namespace ?? ''}`);
  const facts: string[] = [];
  const mismatchNotes: string[] = [];
  let match = false;
  const matches = objects(route.match);
  for (const dest of objects(route.route)) {
    const host = getString(dest, 'destination', 'host') ?? '';
    const subset = getString(dest, 'destination', 'subset') ?? '';
    const weight = typeof dest.weight === 'number' ? dest.weight : 0;
    if (extendFqdn(expandHost(host, vs.metadata.namespace ?? '')) === svcHost) {
      if (subset !== '') {
        if (subsets.nonmatching.includes(subset)) {
          mismatchNotes.push(`Route to non-matching subset ${subset} for (${renderMatches(matches)})`);
          continue;
        }
        if (!subsets.matching.includes(subset)) {
          mismatchNotes.push(dr
            ? `Warning: Route to UNKNOWN subset ${subset}; check DestinationRule ${kname(w, dr)}`
            : `Warning: Route to subset ${subset} but NO DESTINATION RULE defining subsets!`);
          continue;
        }
      }
      match = true;
      if (weight > 0) facts.push(`Route to host "${host}"${subset ? ` subset "${subset}"` : ''} with weight ${weight}%`);
    } else if (subset === '') {
      facts.push(`Route to host "${host}" with weight ${weight}%`);
    } else {
      facts.push(`Route to ${host} with invalid config`);
    }
  }
  if (match) {
    const reqMatchFacts: string[] = [];
    if (route.fault !== undefined) reqMatchFacts.push(`Fault injection ${JSON.stringify(route.fault)}`);
    reqMatchFacts.push(...matches.map(renderMatch));
    if (reqMatchFacts.length > 0) facts.push(reqMatchFacts.join(', '));
  }
  if (!match && mismatchNotes.length > 0) facts.push(...mismatchNotes);
  return { match, facts };
}

function tcpRouteMatchSvc(vs: KubeObject, route: JsonObject, svc: KubeObject): boolean {
  const svcHost = extendFqdn(`${svc.metadata.name}.${svc.metadata.namespace ?? ''}`);
  return objects(route.route).some((dest) => extendFqdn(expandHost(getString(dest, 'destination', 'host') ?? '', vs.metadata.namespace ?? '')) === svcHost);
}

/** printVirtualService: the routes that reach this Service, or why none do. */
export function printVirtualService(w: DescribeOutput, indent: number, vs: KubeObject, svc: KubeObject, subsets: SubsetMatch, dr: KubeObject | undefined): void {
  w.out(`${spaces(indent)}VirtualService: ${kname(w, vs)}\n`);
  const http = objects(getPath(vs.spec, 'http'));
  const tcp = objects(getPath(vs.spec, 'tcp'));
  const tls = objects(getPath(vs.spec, 'tls'));
  let matches = 0;
  let facts = 0;
  const mismatchNotes: string[] = [];
  for (const route of http) {
    const r = httpRouteMatchSvc(w, vs, route, svc, subsets, dr);
    if (r.match) {
      matches++;
      for (const fact of r.facts) {
        w.out(`${spaces(indent + PRINT_LEVEL1)}${fact}\n`);
        facts++;
      }
    } else {
      mismatchNotes.push(...r.facts);
    }
  }
  for (const route of tcp) if (tcpRouteMatchSvc(vs, route, svc)) matches++;
  if (matches === 0) {
    if (http.length > 0) w.out(`${spaces(indent + PRINT_LEVEL1)}WARNING: No destinations match pod subsets (checked ${http.length} HTTP routes)\n`);
    if (tcp.length > 0) w.out(`${spaces(indent + PRINT_LEVEL1)}WARNING: No destinations match pod subsets (checked ${tcp.length} TCP routes)\n`);
    for (const note of mismatchNotes) w.out(`${spaces(indent + PRINT_LEVEL2)}${note}\n`);
    return;
  }
  const possible = http.length + tls.length + tcp.length;
  if (matches < possible) {
    w.out(`${spaces(indent + PRINT_LEVEL1)}${possible - matches} additional destination(s) that will not reach this pod\n`);
    if (facts === 0) for (const note of mismatchNotes) w.out(`${spaces(indent + PRINT_LEVEL2)}${note}\n`);
    return;
  }
  if (facts === 0) {
    if (http.length > 0) w.out(`${spaces(indent + PRINT_LEVEL1)}${http.length} HTTP route(s)\n`);
    if (tcp.length > 0) w.out(`${spaces(indent + PRINT_LEVEL1)}${tcp.length} TCP route(s)\n`);
  }
}

function stringList(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A VirtualService's gateways as `namespace/name`, `mesh` kept as is. */
function vsGateways(vs: KubeObject): string[] {
  const gateways = stringList(getPath(vs.spec, 'gateways'));
  return gateways.length === 0 ? ['mesh'] : gateways;
}

function qualifiedGateway(vs: KubeObject, name: string): { namespace: string; name: string } {
  const slash = name.indexOf('/');
  return slash === -1 ? { namespace: vs.metadata.namespace ?? '', name } : { namespace: name.slice(0, slash), name: name.slice(slash + 1) };
}

/** Whether a VirtualService's host (short names resolved in its namespace) covers a Service host. */
function vsCoversHost(vs: KubeObject, fqdn: string): boolean {
  return stringList(getPath(vs.spec, 'hosts')).some((h) => {
    const host = expandHost(h, vs.metadata.namespace ?? '');
    return hostMatches(host, fqdn) || hostMatches(fqdn, host);
  });
}

/** Whether any route of the VirtualService sends to the Service on this port (the Envoy cluster `outbound|port||host`). */
function vsRoutesTo(vs: KubeObject, svc: KubeObject, port: number): boolean {
  const fqdn = serviceHost(svc);
  const single = servicePorts(svc).length === 1 ? servicePorts(svc)[0]?.port : undefined;
  return ['http', 'tcp', 'tls'].some((kind) => objects(getPath(vs.spec, kind)).some((route) => objects(route.route).some((dest) => {
    const host = expandHost(getString(dest, 'destination', 'host') ?? '', vs.metadata.namespace ?? '');
    const destPort = getPath(dest, 'destination', 'port', 'number');
    return host === fqdn && (destPort === port || (destPort === undefined && single === port));
  })));
}

/** The mesh-bound VirtualService a sidecar's route for this Service carries in its metadata, if any. */
function meshVirtualService(world: World, svc: KubeObject): KubeObject | undefined {
  const fqdn = serviceHost(svc);
  return world.list('VirtualService').find((vs) => vsGateways(vs).includes('mesh') && vsCoversHost(vs, fqdn));
}

/**
 * describePodServices for one pod (its own sidecar's view): each Service, then per port the
 * DestinationRule and mesh VirtualService its sidecar would use as a client of that Service.
 */
export function printPodServices(w: DescribeOutput, world: World, pod: KubeObject, services: KubeObject[], podsLabels: Record<string, string>[]): void {
  services.forEach((svc, row) => {
    if (row !== 0) w.out(SEPARATOR);
    printService(w, svc, pod);
    const ports = servicePorts(svc);
    const indent = ports.length > 1 ? PRINT_LEVEL1 : 0;
    for (const port of ports) {
      if (ports.length > 1) w.out(`${port.port}:\n`);
      const found = findDestinationRule(world, pod.metadata.namespace ?? '', serviceHost(svc), pod.metadata.labels);
      const subsets = subsetMatch(found?.rule, podsLabels);
      if (found) printDestinationRule(w, indent, found.rule, podsLabels);
      const vs = meshVirtualService(world, svc);
      if (vs) printVirtualService(w, indent, vs, svc, subsets, found?.rule);
    }
  });
}

/**
 * A pod as PeerAuthentication composition sees it. istioctl composes policies for any pod, gateway or
 * not; the domain's resolveServerMode short-circuits gateways (PeerAuthentication never reaches a
 * gateway's listeners), so the gateway markers are dropped to get the number istioctl prints.
 */
function asComposedWorkload(pod: KubeObject): KubeObject {
  if (!isGatewayPod(pod)) return pod;
  const annotations = { ...pod.metadata.annotations };
  delete annotations['inject.istio.io/templates'];
  const containers = objects(getPath(pod.spec, 'containers')).map((c) => (c.name === SIDECAR_CONTAINER ? { ...c, args: ['proxy', 'sidecar'] } : c));
  return { ...pod, metadata: { ...pod.metadata, annotations }, spec: { ...pod.spec, containers } };
}

/**
 * describePeerAuthentication: the composed workload mode (ComposePeerAuthentication via the domain's
 * resolveServerMode), the winning workload policy's port-level modes, and every policy of the root and
 * pod namespaces whose selector matches the pod (findMatchedConfigs lists ignored ones too).
 */
export function printPeerAuthentication(w: DescribeOutput, world: World, pod: KubeObject): void {
  const subject = asComposedWorkload(pod);
  const decision = resolveServerMode(world, subject);
  w.out('Effective PeerAuthentication:\n');
  w.out(`   Workload mTLS mode: ${decision.mode}\n`);
  const winner = decision.considered.find((c) => c.level === 'workload' && c.verdict !== 'ignored-newer' && c.verdict !== 'selector-mismatch');
  const winnerObject = winner ? world.get('PeerAuthentication', winner.namespace, winner.name) : undefined;
  const portLevel = getPath(winnerObject?.spec, 'portLevelMtls');
  const ports = isJsonObject(portLevel) ? Object.keys(portLevel).map(Number).filter((p) => Number.isInteger(p)).sort((a, b) => a - b) : [];
  if (winnerObject && ports.length > 0) {
    w.out('   Port Level mTLS mode:\n');
    for (const port of ports) {
      if (declaredPortMode(winnerObject, port) === undefined) continue;
      w.out(`      ${port}: ${resolveServerMode(world, subject, port).mode}\n`);
    }
  }
  const ns = pod.metadata.namespace ?? '';
  // Root-namespace policies first, then the pod's namespace; when they are the same namespace istioctl lists it twice.
  const candidates = [...world.list('PeerAuthentication', world.rootNamespace), ...world.list('PeerAuthentication', ns)];
  const applied = candidates.filter((pa) => labelsMatch(getStringMap(pa.spec, 'selector', 'matchLabels'), pod.metadata.labels));
  if (applied.length > 0) {
    w.out('Applied PeerAuthentication:\n');
    w.out(`   ${applied.map((pa) => `${pa.metadata.name}.${pa.metadata.namespace ?? ''}`).join(', ')}\n`);
  }
}

interface Ingress {
  service: KubeObject;
  pods: KubeObject[];
}

function ingressIp(ingress: Ingress): string {
  if (ingress.pods.length === 0) return 'unknown';
  return externalIP(ingress.service) ?? getString(ingress.pods[0]?.status, 'hostIP') ?? 'unknown';
}

/** printIngressService: `Exposed on Ingress Gateway http://IP` for the gateway Service's http/http2 ports. */
function printIngressService(w: DescribeOutput, ingress: Ingress): void {
  for (const port of servicePorts(ingress.service)) {
    if (port.protocol !== 'TCP' || (port.name !== 'http2' && port.name !== 'http')) continue;
    const scheme = ({ HTTP2: 'http', HTTP: 'http' } as Record<string, string>)[convertProtocol(port)] ?? '';
    const suffix = scheme === 'http' && port.port === 80 ? '' : `:${port.port}`;
    w.out(`Exposed on Ingress Gateway ${scheme}://${ingressIp(ingress)}${suffix}\n`);
  }
}

/** The ingress-gateway VirtualService routing to this Service port, as the gateway's route metadata would name it. */
function gatewayVirtualService(world: World, gatewayPod: KubeObject, svc: KubeObject, port: number): KubeObject | undefined {
  return world.list('VirtualService').find((vs) => vsRoutesTo(vs, svc, port) && vsGateways(vs).some((g) => {
    if (g === 'mesh') return false;
    const ref = qualifiedGateway(vs, g);
    const gw = world.get('Gateway', ref.namespace, ref.name);
    const selector = getStringMap(gw?.spec, 'selector');
    return gw !== undefined && labelsMatch(selector, gatewayPod.metadata.labels);
  }));
}

/**
 * printIngressInfo: for Services that select the pod, the ingress gateways exposing them through a
 * Gateway + VirtualService. Gateway pods are found by `istio=ingressgateway`.
 */
export function printIngressInfo(w: DescribeOutput, world: World, services: KubeObject[], podsLabels: Record<string, string>[]): void {
  const gatewayPods = world.list('Pod').filter((p) => p.metadata.labels.istio === 'ingressgateway' && podPhase(p) === 'Running');
  if (gatewayPods.length === 0) {
    w.out('Skipping Gateway information (no ingress gateway pods)\n');
    return;
  }
  const ingresses: Ingress[] = [];
  for (const ns of [...new Set(gatewayPods.map((p) => p.metadata.namespace ?? ''))]) {
    for (const service of world.list('Service', ns)) {
      const selector = serviceSelector(service);
      const pods = gatewayPods.filter((p) => p.metadata.namespace === ns && labelsMatch(selector, p.metadata.labels));
      if (pods.length > 0) ingresses.push({ service, pods });
    }
  }
  if (ingresses.length === 0) w.out('Skipping Gateway information (no ingress gateway service)\n');
  const recordedGateways = new Set<string>();
  for (const gatewayPod of gatewayPods) {
    for (const svc of services) {
      for (const port of servicePorts(svc)) {
        const dr: FoundDestinationRule | undefined = findDestinationRule(world, gatewayPod.metadata.namespace ?? '', serviceHost(svc), gatewayPod.metadata.labels);
        const subsets = subsetMatch(dr?.rule, podsLabels);
        const vs = gatewayVirtualService(world, gatewayPod, svc, port.port);
        if (!vs) continue;
        for (const gatewayName of vsGateways(vs)) {
          if (gatewayName === '' || gatewayName === 'mesh') continue;
          const ref = qualifiedGateway(vs, gatewayName);
          const id = `${ref.namespace}/${ref.name}`;
          if (recordedGateways.has(id)) continue;
          const gw = world.get('Gateway', ref.namespace, ref.name);
          if (!gw) {
            w.out(`WARNING: Proxy is stale; it references to non-existent gateway ${id}\n`);
            continue;
          }
          recordedGateways.add(id);
          if (getPath(gw.spec, 'selector') === undefined) {
            // describe.go prints this without a newline.
            w.out(`Ingress Gateway ${id} be applyed all workloads`);
            continue;
          }
          const selector = getStringMap(gw.spec, 'selector');
          const matched = ingresses.filter((i) => i.pods.some((p) => labelsMatch(selector, p.metadata.labels))).sort((a, b) => (ingressIp(a) < ingressIp(b) ? -1 : ingressIp(a) > ingressIp(b) ? 1 : 0));
          if (matched.length === 0) continue;
          w.out(SEPARATOR);
          for (const ingress of matched) printIngressService(w, ingress);
          printVirtualService(w, 0, vs, svc, subsets, dr?.rule);
        }
      }
    }
  }
}
