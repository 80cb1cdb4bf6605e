import { type KubeObject, labelsMatch } from '../objects.ts';
import { reason } from '../reasons/reason.ts';
import type { Cause, Reason } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { perObject } from '../perObject.ts';
import { isGatewayPod } from './isGatewayPod.ts';
import { type PeerAuthenticationLevels, peerAuthenticationLevels } from './peerAuthenticationLevels.ts';
import { type PeerAuthenticationView, declaredPortMode, modeCause, policyPhrase } from './readPeerAuthentication.ts';
import type { ConsideredPolicy, EffectiveMode, PolicyLevel, ServerModeDecision } from './types.ts';

/**
 * The inbound mTLS mode of a workload (no port) or of one of its container ports, with the reason.
 *
 * Candidates are the PeerAuthentications of the pod's namespace and the root namespace
 * (getConfigsForWorkload). Per level only the oldest counts (creation time, then name). Starting from
 * PERMISSIVE, mesh → namespace → workload each override when not UNSET, so the narrowest wins even when
 * weaker. The winning workload policy's portLevelMtls, keyed by container port, then overrides; a port
 * entry that is UNSET inherits the already-resolved mode.
 * (istio pilot/pkg/security/authn/policy_applier.go ComposePeerAuthentication; tests
 * TestComposePeerAuthentication, TestInboundMTLSSettings.)
 *
 * Gateways are not sidecars: PeerAuthentication does not apply, and the decision reports DISABLE
 * (a plain HTTP gateway server terminates no mTLS) with code `pa.gateway`; their Gateway servers decide.
 */
export function resolveServerMode(world: World, pod: KubeObject, containerPort?: number): ServerModeDecision {
  return isGatewayPod(pod) ? decideForGateway(pod) : decisionFor(podDecisions(world, pod), containerPort);
}

/** resolveServerMode for a pod as a whole and on each of `ports`, in one pass. */
export function resolveServerModes(world: World, pod: KubeObject, ports: readonly number[]): { workload: ServerModeDecision; ports: { port: number; decision: ServerModeDecision }[] } {
  if (isGatewayPod(pod)) return { workload: decideForGateway(pod), ports: ports.map((port) => ({ port, decision: decideForGateway(pod) })) };
  const known = podDecisions(world, pod);
  return { workload: decisionFor(known), ports: ports.map((port) => ({ port, decision: decisionFor(known, port) })) };
}

/** The inputs of a sidecar pod's decisions, and the decisions made for them so far. */
interface PodDecisions {
  rootLevels: PeerAuthenticationLevels;
  own: PeerAuthenticationLevels;
  selection: Selection;
  decisions: Decisions;
}

function podDecisions(world: World, pod: KubeObject): PodDecisions {
  const namespace = pod.metadata.namespace ?? '';
  const root = world.rootNamespace;
  const rootLevels = peerAuthenticationLevels(world, root);
  const own = namespace === root ? rootLevels : peerAuthenticationLevels(world, namespace);
  // The decision depends on the pod only through which workload policies select it.
  const selection = selectionOf(pod, own);
  const bySelection = decisionsFor(own, rootLevels);
  let decisions = bySelection.get(selection.key);
  if (decisions === undefined) bySelection.set(selection.key, (decisions = { ports: new Map() }));
  return { rootLevels, own, selection, decisions };
}

function decisionFor({ rootLevels, own, selection, decisions }: PodDecisions, containerPort?: number): ServerModeDecision {
  // The port matters only when the oldest selecting policy lists it in portLevelMtls.
  const { winner } = selection;
  const port = winner !== undefined && containerPort !== undefined && declaredPortMode(winner.object, containerPort) !== undefined ? containerPort : undefined;
  let decision = port === undefined ? decisions.workload : decisions.ports.get(port);
  if (decision === undefined) {
    decision = decide(rootLevels, own, selection.selected, port);
    if (port === undefined) decisions.workload = decision;
    else decisions.ports.set(port, decision);
  }
  return decision;
}

/** Which of a namespace's workload policies select a pod, as a key ('1' selects, '0' not) and flags. */
interface Selection {
  own: PeerAuthenticationLevels;
  key: string;
  selected: boolean[];
  /** The oldest policy that selects the pod. */
  winner?: PeerAuthenticationView;
}

/** By pod object (labels never change), for the latest state of its namespace's policies. */
const selections = new WeakMap<KubeObject, Selection>();

function selectionOf(pod: KubeObject, own: PeerAuthenticationLevels): Selection {
  const known = selections.get(pod);
  if (known && known.own === own) return known;
  const selected = own.workload.map((view) => labelsMatch(view.selector, pod.metadata.labels));
  const winner = own.workload.find((_, i) => selected[i]);
  const selection: Selection = { own, key: selected.map((s) => (s ? '1' : '0')).join(''), selected, ...(winner ? { winner } : {}) };
  selections.set(pod, selection);
  return selection;
}

/** The decisions for one selection: workload-wide, and for the ports the winning policy lists. */
interface Decisions {
  workload?: ServerModeDecision;
  ports: Map<number, ServerModeDecision>;
}

/**
 * Decisions by selection, for one state of the two namespaces' policies. They are shared between
 * pods and calls: treat them as read-only.
 */
const decisionCache = new WeakMap<PeerAuthenticationLevels, { root: PeerAuthenticationLevels; decisions: Map<string, Decisions> }>();

function decisionsFor(own: PeerAuthenticationLevels, rootLevels: PeerAuthenticationLevels): Map<string, Decisions> {
  const hit = decisionCache.get(own);
  if (hit && hit.root === rootLevels) return hit.decisions;
  const decisions = new Map<string, Decisions>();
  decisionCache.set(own, { root: rootLevels, decisions });
  return decisions;
}

function decide(
  rootLevels: PeerAuthenticationLevels,
  own: PeerAuthenticationLevels,
  selected: readonly boolean[],
  containerPort: number | undefined,
): ServerModeDecision {
  const mesh = rootLevels.mesh;
  const rootSelector = rootLevels.ignored;
  const ns = own.namespace;
  const workload = own.workload.filter((_, i) => selected[i]);
  const mismatched = own.workload.filter((_, i) => !selected[i]);

  const chain = [mesh[0], ns[0], workload[0]].filter((v): v is PeerAuthenticationView => v !== undefined);
  const base = composeChain(chain);
  const winner = workload[0];
  const portMode = winner !== undefined && containerPort !== undefined ? declaredPortMode(winner.object, containerPort) : undefined;
  const portDecides = portMode !== undefined && portMode !== 'UNSET';

  const decider = portDecides ? winner : base.decider;
  const portNote = portDecides && containerPort !== undefined ? { port: containerPort, mode: portMode } : undefined;
  const considered: ConsideredPolicy[] = [];
  mesh.forEach((v, i) => considered.push(consider(v, i === 0 ? chainVerdict(v, decider) : ignoredNewer(v, mesh[0]))));
  for (const v of rootSelector) considered.push(rootSelectorEntry(v));
  ns.forEach((v, i) => considered.push(consider(v, i === 0 ? chainVerdict(v, decider) : ignoredNewer(v, ns[0]))));
  workload.forEach((v, i) => considered.push(consider(v, i === 0 ? chainVerdict(v, decider, portNote) : ignoredNewer(v, workload[0]))));
  for (const v of mismatched) considered.push(mismatchEntry(v));
  if (winner !== undefined && containerPort !== undefined && portMode !== undefined) {
    const portCause = modeCause(winner, containerPort);
    const where = policyPhrase(winner, containerPort);
    if (portDecides) {
      return { mode: portMode, level: 'port', considered, reason: reason('pa.port', { policy: where, mode: portMode }, [portCause]) };
    }
    const from = base.decider ? policyPhrase(base.decider) : undefined;
    return {
      mode: base.mode,
      level: base.level,
      considered,
      reason: reason('pa.port.unset', { policy: where, mode: base.mode, ...(from ? { from } : {}) }, [portCause, ...base.reason.causes]),
    };
  }
  return { mode: base.mode, level: base.level, considered, reason: base.reason };
}

interface ChainResult {
  mode: EffectiveMode;
  level: PolicyLevel;
  decider?: PeerAuthenticationView;
  reason: Reason;
}

/** Mesh → namespace → workload, each overriding its parent unless UNSET; PERMISSIVE when nothing decides. */
function composeChain(chain: PeerAuthenticationView[]): ChainResult {
  const narrowest = chain[chain.length - 1];
  if (narrowest === undefined) {
    return { mode: 'PERMISSIVE', level: 'default', reason: reason('pa.default') };
  }
  const index = chain.findLastIndex((v) => v.mode !== 'UNSET');
  const decider = chain[index];
  // The UNSET policies below the decider, narrowest first: they are why the parent's mode shows through.
  const unset = chain.slice(index + 1).reverse().map((v) => modeCause(v));
  if (decider === undefined || decider.mode === 'UNSET') {
    return {
      mode: 'PERMISSIVE',
      level: 'default',
      reason: reason('pa.unset', { policy: policyPhrase(narrowest), mode: 'PERMISSIVE' }, unset),
    };
  }
  const level = decider.level === 'mesh' || decider.level === 'namespace' ? decider.level : 'workload';
  if (decider === narrowest) {
    return { mode: decider.mode, level, decider, reason: reason(`pa.${level}`, { policy: policyPhrase(decider), mode: decider.mode }, [modeCause(decider)]) };
  }
  return {
    mode: decider.mode,
    level,
    decider,
    reason: reason('pa.unset', { policy: policyPhrase(narrowest), mode: decider.mode, from: policyPhrase(decider) }, [...unset, modeCause(decider)]),
  };
}

type Verdict = Pick<ConsideredPolicy, 'verdict' | 'text'>;

function chainVerdict(view: PeerAuthenticationView, decider: PeerAuthenticationView | undefined, port?: { port: number; mode: string }): Verdict {
  if (view === decider) return { verdict: 'applied', text: port === undefined ? `applied: sets ${view.mode}` : `applied: sets ${port.mode} on port ${port.port}` };
  if (view.mode === 'UNSET') return { verdict: 'inherited-unset', text: 'mode UNSET: inherits from the level above' };
  return { verdict: 'overridden', text: `sets ${view.mode}, overridden by ${decider ? `PeerAuthentication ${decider.namespace}/${decider.name} (${decider.level} level)` : 'a narrower policy'}` };
}

function ignoredNewer(view: PeerAuthenticationView, oldest: PeerAuthenticationView | undefined): Verdict {
  if (oldest === undefined) return { verdict: 'ignored-newer', text: 'ignored: an older policy wins' };
  const sameSecond = view.object.metadata.creationTimestamp === oldest.object.metadata.creationTimestamp;
  const why = sameSecond ? `was created in the same second and sorts first by name` : 'is older';
  return { verdict: 'ignored-newer', text: `ignored: ${oldest.namespace}/${oldest.name} ${why}, and only the oldest ${view.level}-level policy counts` };
}

function consider(view: PeerAuthenticationView, verdict: Verdict): ConsideredPolicy {
  return { namespace: view.namespace, name: view.name, level: view.level, declaredMode: view.mode, ...verdict };
}

// Entries whose verdict depends on the policy alone: made once per view, shared by the decisions.
// An ignored (root-selector) policy's namespace is the root namespace.
const rootSelectorEntry = perObject((v: PeerAuthenticationView) => consider(v, { verdict: 'ignored-root-selector', text: `ignored: a PeerAuthentication with a selector in the root namespace ${v.namespace} never applies` }));
const mismatchEntry = perObject((v: PeerAuthenticationView) => consider(v, { verdict: 'selector-mismatch', text: `selector ${formatLabels(v.selector)} does not match the pod's labels` }));

function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

function decideForGateway(pod: KubeObject): ServerModeDecision {
  const cause: Cause = { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name };
  return { mode: 'DISABLE', level: 'default', considered: [], reason: reason('pa.gateway', { pod: `${cause.namespace}/${cause.name}` }, [cause]) };
}
