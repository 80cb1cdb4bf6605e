/**
 * The subset of `istioctl analyze`'s analyzers that can fire in this simulator's world, with the
 * codes, levels and templates of istio/istio pkg/config/analysis/msg/messages.yaml. The analyzers
 * of the policy kinds are their modules' (src/domain/policies).
 *
 * There is no PeerAuthentication-conflict analyzer in current Istio (IST0113 MTLSPolicyConflict was
 * retired with the old Policy API), so none is simulated.
 */
import { SIDECAR_CONTAINER } from '../../domain/cluster/pods.ts';
import { servicePorts } from '../../domain/cluster/services.ts';
import { type KubeObject, getPath, isJsonObject } from '../../domain/objects.ts';
import { POLICY_KINDS } from '../../domain/policies/index.ts';
import type { AnalysisLevel } from '../../domain/policies/policyKind.ts';
import type { World } from '../../domain/world.ts';
import { convertProtocol } from './describeParts.ts';

export type { AnalysisLevel };

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

/** Runs every simulated analyzer over the whole world (the policy kinds' last); callers filter by namespace and sort. */
export function analyzeWorld(world: World): AnalysisMessage[] {
  return [
    ...analyzeInjection(world),
    ...analyzePortNames(world),
    ...POLICY_KINDS.flatMap((m) => (m.analyze?.(world) ?? []).map((f) => message(f.level, f.code, f.object, f.text))),
  ];
}
