/**
 * The subset of `istioctl analyze`'s analyzers that can fire in this simulator's world, with the
 * codes, levels and templates of istio/istio pkg/config/analysis/msg/messages.yaml.
 *
 * There is no PeerAuthentication-conflict analyzer in current Istio (IST0113 MTLSPolicyConflict was
 * retired with the old Policy API), so none is simulated.
 */
import { SIDECAR_CONTAINER } from '../../domain/cluster/pods.ts';
import { serviceHost, servicePorts } from '../../domain/cluster/services.ts';
import { type Json, type KubeObject, getPath, getString, getStringMap, isJsonObject, labelsMatch } from '../../domain/objects.ts';
import { expandHost, hostMatches } from '../../domain/resolution/hostMatch.ts';
import { unmatchedDestinationRules } from '../../domain/resolution/unmatchedDestinationRules.ts';
import type { World } from '../../domain/world.ts';
import { convertProtocol } from './describeParts.ts';

/** diag.Level, in sort order. */
export type AnalysisLevel = 'Error' | 'Warning' | 'Info';

const LEVEL_ORDER: Record<AnalysisLevel, number> = { Error: 0, Warning: 1, Info: 2 };

/** One analysis message, tied to the resource it is about. */
export interface AnalysisMessage {
  level: AnalysisLevel;
  /** `IST0102` */
  code: string;
  kind: string;
  /** '' for cluster-scoped kinds. */
  namespace: string;
  name: string;
  /** The filled-in template. */
  text: string;
}

/** `Info [IST0102] (Namespace default) The namespace …` (diag.Message.String with kube Origin.FriendlyName). */
export function formatMessage(m: AnalysisMessage): string {
  const origin = m.namespace === '' ? `${m.kind} ${m.name}` : `${m.kind} ${m.namespace}/${m.name}`;
  return `${m.level} [${m.code}] (${origin}) ${m.text}`;
}

/**
 * The namespace a message belongs to when analyzing one namespace: a Namespace resource belongs to
 * itself (kube Origin.Namespace special case).
 */
export function messageNamespace(m: AnalysisMessage): string {
  return m.kind === 'Namespace' ? m.name : m.namespace;
}

/** diag.Messages.Sort: level, code, then `kind/name/namespace` (Origin.Comparator), then the text. */
export function sortMessages(messages: AnalysisMessage[]): AnalysisMessage[] {
  const comparator = (m: AnalysisMessage) => `${m.kind}/${m.name}/${m.namespace}`;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...messages].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || cmp(a.code, b.code) || cmp(comparator(a), comparator(b)) || cmp(formatMessage(a), formatMessage(b)));
  return sorted.filter((m, i) => i === 0 || formatMessage(m) !== formatMessage(sorted[i - 1] as AnalysisMessage));
}

/** inject.IgnoredNamespaces, which analyzers treat as system namespaces. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

function message(level: AnalysisLevel, code: string, obj: KubeObject, text: string): AnalysisMessage {
  return { level, code, kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name, text };
}

function stringList(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * injection.Analyzer: IST0102 for namespaces with neither injection label, IST0123 for both, and
 * IST0103 for pods of injected namespaces that run without istio-proxy and did not opt out.
 */
function analyzeInjection(world: World): AnalysisMessage[] {
  const out: AnalysisMessage[] = [];
  const injected = new Set<string>();
  for (const ns of world.list('Namespace')) {
    const name = ns.metadata.name;
    if (name === world.rootNamespace || SYSTEM_NAMESPACES.has(name)) continue;
    const injection = ns.metadata.labels['istio-injection'];
    const revision = ns.metadata.labels['istio.io/rev'];
    if ((injection ?? '') === '' && revision === undefined) {
      out.push(message('Info', 'IST0102', ns, `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${name} istio-injection=enabled' to enable it, or 'kubectl label namespace ${name} istio-injection=disabled' to explicitly mark it as not needing injection.`));
      continue;
    }
    if (revision !== undefined && (injection ?? '') !== '') {
      out.push(message('Warning', 'IST0123', ns, 'The namespace has more than one type of injection labels [istio-injection istio.io/rev], which may lead to undefined behavior. Make sure only one injection label exists.'));
      continue;
    }
    if (revision === undefined && injection !== 'enabled') continue;
    injected.add(name);
  }
  for (const pod of world.list('Pod')) {
    const ns = pod.metadata.namespace ?? '';
    if (!injected.has(ns)) continue;
    const inject = pod.metadata.labels['sidecar.istio.io/inject'] ?? pod.metadata.annotations['sidecar.istio.io/inject'] ?? '';
    if (inject.toLowerCase() === 'false' || getPath(pod.spec, 'hostNetwork') === true) continue;
    const containers = getPath(pod.spec, 'containers');
    const hasProxy = Array.isArray(containers) && containers.filter(isJsonObject).some((c) => c.name === SIDECAR_CONTAINER);
    if (!hasProxy) out.push(message('Warning', 'IST0103', pod, `The pod ${ns}/${pod.metadata.name} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.`));
  }
  return out;
}

/**
 * destinationrule.PodNotSelectedAnalyzer: IST0174 UnknownDestinationRuleHost, a DestinationRule
 * whose host matches no service. Which rules match nothing comes from the domain.
 */
function analyzeDestinationRuleHosts(world: World): AnalysisMessage[] {
  return unmatchedDestinationRules(world).flatMap((u) => {
    const dr = world.get('DestinationRule', u.namespace, u.name);
    return dr ? [message('Warning', 'IST0174', dr, `The host ${u.host} defined in the DestinationRule does not match any services in the mesh.`)] : [];
  });
}

/** The Service a destination host names, short names resolved in the referring namespace. */
function findService(world: World, host: string, namespace: string): KubeObject | undefined {
  const fqdn = expandHost(host, namespace);
  return world.list('Service').find((svc) => hostMatches(fqdn, serviceHost(svc)));
}

/**
 * virtualservice.DestinationHostAnalyzer and GatewayAnalyzer: IST0101 for a route destination or a
 * gateway that does not exist, IST0101 `host:port` for a port the Service lacks, and IST0112 when a
 * multi-port Service is routed to without a port.
 */
function analyzeVirtualServices(world: World): AnalysisMessage[] {
  const out: AnalysisMessage[] = [];
  for (const vs of world.list('VirtualService')) {
    const ns = vs.metadata.namespace ?? '';
    for (const kind of ['http', 'tcp', 'tls']) {
      const routes = getPath(vs.spec, kind);
      if (!Array.isArray(routes)) continue;
      for (const route of routes.filter(isJsonObject)) {
        const dests = Array.isArray(route.route) ? route.route.filter(isJsonObject) : [];
        for (const dest of dests) {
          const host = getString(dest, 'destination', 'host') ?? '';
          const svc = findService(world, host, ns);
          if (!svc) {
            out.push(message('Error', 'IST0101', vs, `Referenced host not found: ${JSON.stringify(host)}`));
            continue;
          }
          const ports = servicePorts(svc).map((p) => p.port);
          const port = getPath(dest, 'destination', 'port', 'number');
          if (port === undefined) {
            if (ports.length > 1) out.push(message('Error', 'IST0112', vs, `This VirtualService routes to a service ${JSON.stringify(host)} that exposes multiple ports [${ports.join(' ')}]. Specifying a port in the destination is required to disambiguate.`));
          } else if (!ports.includes(Number(port))) {
            out.push(message('Error', 'IST0101', vs, `Referenced host:port not found: ${JSON.stringify(`${host}:${String(port)}`)}`));
          }
        }
      }
    }
    for (const gateway of stringList(getPath(vs.spec, 'gateways'))) {
      if (gateway === 'mesh') continue;
      const slash = gateway.indexOf('/');
      const ref = slash === -1 ? { namespace: ns, name: gateway } : { namespace: gateway.slice(0, slash), name: gateway.slice(slash + 1) };
      if (!world.get('Gateway', ref.namespace, ref.name)) out.push(message('Error', 'IST0101', vs, `Referenced gateway not found: ${JSON.stringify(gateway)}`));
    }
  }
  return out;
}

/** gateway.IngressGatewayPortAnalyzer: IST0101 when no pod in the mesh matches a Gateway's selector. */
function analyzeGatewaySelectors(world: World): AnalysisMessage[] {
  const pods = world.list('Pod');
  return world.list('Gateway').flatMap((gw) => {
    const selector = getStringMap(gw.spec, 'selector');
    if (pods.some((p) => labelsMatch(selector, p.metadata.labels))) return [];
    const text = Object.keys(selector).sort().map((k) => `${k}=${selector[k] ?? ''}`).join(',');
    return [message('Error', 'IST0101', gw, `Referenced selector not found: ${JSON.stringify(text)}`)];
  });
}

/** service.PortNameAnalyzer: IST0118 for ports whose protocol Istio cannot tell from name or appProtocol. */
function analyzePortNames(world: World): AnalysisMessage[] {
  return world.list('Service').flatMap((svc) => {
    const ns = svc.metadata.namespace ?? '';
    if (SYSTEM_NAMESPACES.has(ns) || 'istio' in svc.metadata.labels || svc.metadata.labels.release === 'istio') return [];
    return servicePorts(svc)
      .filter((p) => convertProtocol(p) === 'UnsupportedProtocol')
      .map((p) => message('Info', 'IST0118', svc, `Port name ${p.name ?? ''} (port: ${p.port}, targetPort: ${String(p.targetPort)}) doesn't follow the naming convention of Istio port.`));
  });
}

/**
 * util.PodInMesh: the pod runs istio-proxy, or its `sidecar.istio.io/inject` label (then annotation)
 * says "true", or, without either, its namespace's `istio-injection` label says "enabled".
 */
function podInMesh(world: World, pod: KubeObject): boolean {
  const containers = getPath(pod.spec, 'containers');
  if (Array.isArray(containers) && containers.filter(isJsonObject).some((c) => c.name === SIDECAR_CONTAINER && typeof c.image === 'string' && c.image !== '')) return true;
  const inject = pod.metadata.labels['sidecar.istio.io/inject'] ?? pod.metadata.annotations['sidecar.istio.io/inject'];
  if (inject !== undefined) return inject === 'true';
  return world.get('Namespace', '', pod.metadata.namespace ?? '')?.metadata.labels['istio-injection'] === 'enabled';
}

/** authz.namespaceMatch: `*`, a `*suffix`, a `prefix*`, or the name (case-insensitive). */
function namespaceMatch(ns: string, exp: string): boolean {
  if (exp === '*') return true;
  if (exp.startsWith('*')) return ns.endsWith(exp.slice(1));
  if (exp.endsWith('*')) return ns.startsWith(exp.slice(0, -1));
  return ns.toLowerCase() === exp.toLowerCase();
}

/**
 * authz.AuthorizationPoliciesAnalyzer (pkg/config/analysis/analyzers/authz/authorizationpolicies.go):
 * IST0127 NoMatchingWorkloadsFound when no in-mesh pod matches the selector (anywhere in the mesh
 * for a root-namespace policy, else in its namespace; a namespace-wide policy in a namespace without
 * in-mesh pods, with empty labels); IST0101 for each `namespaces`/`notNamespaces` entry of a source
 * that matches no namespace.
 */
function analyzeAuthorizationPolicies(world: World): AnalysisMessage[] {
  const inMesh = world.list('Pod').filter((pod) => podInMesh(world, pod));
  const namespaces = world.list('Namespace').map((ns) => ns.metadata.name);
  const out: AnalysisMessage[] = [];
  for (const ap of world.list('AuthorizationPolicy')) {
    const ns = ap.metadata.namespace ?? '';
    const hasSelector = isJsonObject(getPath(ap.spec, 'selector') ?? null);
    const selector = getStringMap(ap.spec, 'selector', 'matchLabels');
    // klabels.SelectorFromSet(...).String(): sorted `key=value`, comma-separated.
    const labels = Object.keys(selector).sort().map((k) => `${k}=${selector[k] ?? ''}`).join(',');
    const candidates = ns === world.rootNamespace ? inMesh : inMesh.filter((pod) => pod.metadata.namespace === ns);
    if (ns === world.rootNamespace && !hasSelector) {
      // A selectorless root-namespace policy applies mesh-wide: nothing to report.
    } else if (!hasSelector) {
      if (candidates.length === 0) out.push(message('Warning', 'IST0127', ap, 'No matching workloads for this resource with the following labels: '));
    } else if (!candidates.some((pod) => labelsMatch(selector, pod.metadata.labels))) {
      out.push(message('Warning', 'IST0127', ap, `No matching workloads for this resource with the following labels: ${labels}`));
    }
    const rules = getPath(ap.spec, 'rules');
    for (const rule of Array.isArray(rules) ? rules : []) {
      const froms = getPath(rule, 'from');
      for (const from of Array.isArray(froms) ? froms : []) {
        for (const exp of [...stringList(getPath(from, 'source', 'namespaces')), ...stringList(getPath(from, 'source', 'notNamespaces'))]) {
          if (!namespaces.some((name) => namespaceMatch(name, exp))) out.push(message('Error', 'IST0101', ap, `Referenced namespace not found: ${JSON.stringify(exp)}`));
        }
      }
    }
  }
  return out;
}

/** Runs every simulated analyzer over the whole world; callers filter by namespace and sort. */
export function analyzeWorld(world: World): AnalysisMessage[] {
  return [
    ...analyzeInjection(world),
    ...analyzeDestinationRuleHosts(world),
    ...analyzeVirtualServices(world),
    ...analyzeGatewaySelectors(world),
    ...analyzePortNames(world),
    ...analyzeAuthorizationPolicies(world),
  ];
}
