import { appContainerPorts, hasSidecar } from '../cluster/pods.ts';
import type { KubeObject } from '../objects.ts';
import { hasNoRules, policiesFor } from '../policies/authorizationPolicy.ts';
import type { AppliedPolicy } from '../policies/authorizationTypes.ts';
import type { World } from '../world.ts';
import { isGatewayPod } from './isGatewayPod.ts';
import { resolveServerModes } from './resolveServerMode.ts';
import type { ServerModeDecision } from './types.ts';

/** One workload's inbound mTLS, as the mesh diagram and the console's mTLS column show it. */
export interface WorkloadMtls {
  namespace: string;
  /** The Deployment name, or the pod name for a bare pod. */
  workload: string;
  kind: 'Deployment' | 'Pod';
  /** A representative pod (all pods of a workload share labels, hence policies). */
  pod: string;
  sidecar: boolean;
  gateway: boolean;
  /** Undefined without a sidecar: nothing enforces mTLS there. */
  workloadMode?: ServerModeDecision;
  ports: { port: number; decision: ServerModeDecision }[];
  /** The AuthorizationPolicies its proxy (sidecar or gateway) enforces or dry-runs; absent when none applies. */
  authz?: WorkloadAuthz;
}

/** What AuthorizationPolicy sets on one workload's proxy, counted from `policiesFor` (nothing is decided here). */
export interface WorkloadAuthz {
  /** Enforced ALLOW policies. */
  allow: number;
  /** Enforced DENY policies. */
  deny: number;
  /** Enforced AUDIT policies (they only log). */
  audit: number;
  /** Enforced CUSTOM policies (this mesh has no extension provider, so istiod turns their rules into DENY rules). */
  custom: number;
  /** Policies with `istio.io/dry-run: "true"`, whatever their action: evaluated and logged, never enforced. */
  dryRun: number;
  /**
   * Enforced ALLOW policies apply and none of them has a rule: no request can match one, so the
   * proxy denies every request (Istio's "allow-nothing" policy, security/authorization docs).
   */
  allowNothing: boolean;
  /** The policies themselves, in the order the proxy's filters run (shared: do not mutate). */
  policies: readonly AppliedPolicy[];
}

function ownerDeployment(world: World, pod: KubeObject): string | undefined {
  const rsName = pod.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet')?.name;
  const rs = rsName ? world.get('ReplicaSet', pod.metadata.namespace ?? '', rsName) : undefined;
  return rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment')?.name;
}

/** A workload as its first pod (by name) shows it: what the decisions are made for. */
interface Workload {
  pod: KubeObject;
  workload: string;
  kind: 'Deployment' | 'Pod';
  sidecar: boolean;
  gateway: boolean;
  ports: number[];
}

/**
 * Per namespace: its workloads, valid while its pods and ReplicaSets keep their change stamps, and
 * their entries, valid while the PeerAuthentications of the namespace and of the root namespace
 * keep theirs (the only inputs of resolveServerMode besides the pod), and so do their
 * AuthorizationPolicies (the only inputs of policiesFor besides the pod). Stamps are unique across
 * worlds (World.version), so one entry per namespace serves a world and its clones alike.
 */
const byNamespace = new Map<string, NamespaceEntry>();

interface NamespaceEntry {
  pods: number;
  replicaSets: number;
  workloads: Workload[];
  /** PeerAuthentication stamps, and the entries' mTLS part they give. */
  policies: number;
  rootPolicies: number;
  root: string;
  mtls: WorkloadMtls[];
  /** AuthorizationPolicy stamps (the inputs of `policiesFor` besides the pod). */
  authz: number;
  rootAuthz: number;
  entries: WorkloadMtls[];
}

/**
 * Every workload's effective inbound mode, workload-wide and per container port. Re-evaluating
 * after a change only recomputes the namespaces that change can affect.
 */
export function summarizeMesh(world: World): WorkloadMtls[] {
  const out: WorkloadMtls[] = [];
  const pods = world.list('Pod');
  // Pods come sorted by namespace, then name.
  for (let start = 0; start < pods.length; ) {
    const ns = pods[start]?.metadata.namespace ?? '';
    let end = start + 1;
    while (end < pods.length && (pods[end]?.metadata.namespace ?? '') === ns) end++;
    // GKE's own add-ons (kube-system) are never injected and take no part in the mesh.
    if (ns !== 'kube-system') out.push(...namespaceEntries(world, ns, () => pods.slice(start, end)));
    start = end;
  }
  return out;
}

function namespaceEntries(world: World, ns: string, pods: () => readonly KubeObject[]): WorkloadMtls[] {
  const podStamp = world.version('Pod', ns);
  const rsStamp = world.version('ReplicaSet', ns);
  const root = world.rootNamespace;
  const policies = world.version('PeerAuthentication', ns);
  const rootPolicies = world.version('PeerAuthentication', root);
  const authz = world.version('AuthorizationPolicy', ns);
  const rootAuthz = world.version('AuthorizationPolicy', root);
  let cached = byNamespace.get(ns);
  if (!cached || cached.pods !== podStamp || cached.replicaSets !== rsStamp) {
    cached = { pods: podStamp, replicaSets: rsStamp, workloads: workloadsOf(world, pods()), policies: -1, rootPolicies: -1, root, mtls: [], authz: -1, rootAuthz: -1, entries: [] };
    byNamespace.set(ns, cached);
  }
  const mtlsStale = cached.policies !== policies || cached.rootPolicies !== rootPolicies || cached.root !== root;
  if (mtlsStale) Object.assign(cached, { policies, rootPolicies, root, mtls: cached.workloads.map((w) => evaluateWorkload(world, ns, w)) });
  if (mtlsStale || cached.authz !== authz || cached.rootAuthz !== rootAuthz) {
    const { workloads, mtls } = cached;
    const entries = mtls.map((entry, i) => {
      const w = workloads[i];
      const facts = w && (w.sidecar || w.gateway) ? authzOf(world, w.pod) : undefined;
      return facts ? { ...entry, authz: facts } : entry;
    });
    Object.assign(cached, { authz, rootAuthz, entries });
  }
  return cached.entries;
}

/** One per workload: the first of its pods. */
function workloadsOf(world: World, pods: readonly KubeObject[]): Workload[] {
  const seen = new Set<string>();
  const out: Workload[] = [];
  for (const pod of pods) {
    const deploy = ownerDeployment(world, pod);
    const workload = deploy ?? pod.metadata.name;
    if (seen.has(workload)) continue;
    seen.add(workload);
    const gateway = isGatewayPod(pod);
    const sidecar = hasSidecar(pod) && !gateway;
    out.push({ pod, workload, kind: deploy ? 'Deployment' : 'Pod', sidecar, gateway, ports: sidecar ? appContainerPorts(pod) : [] });
  }
  return out;
}

function evaluateWorkload(world: World, namespace: string, { pod, workload, kind, sidecar, gateway, ports }: Workload): WorkloadMtls {
  if (!sidecar) return { namespace, workload, kind, pod: pod.metadata.name, sidecar, gateway, ports: [] };
  const decisions = resolveServerModes(world, pod, ports);
  return { namespace, workload, kind, pod: pod.metadata.name, sidecar, gateway, workloadMode: decisions.workload, ports: decisions.ports };
}

/** The AuthorizationPolicy facts of a proxy, or undefined when no policy applies to it. */
function authzOf(world: World, pod: KubeObject): WorkloadAuthz | undefined {
  const policies = policiesFor(world, pod);
  if (policies.length === 0) return undefined;
  const facts: WorkloadAuthz = { allow: 0, deny: 0, audit: 0, custom: 0, dryRun: 0, allowNothing: false, policies };
  let ruledAllow = false;
  for (const p of policies) {
    if (p.dryRun) {
      facts.dryRun++;
      continue;
    }
    if (p.action === 'ALLOW') {
      facts.allow++;
      const object = world.get('AuthorizationPolicy', p.namespace, p.name);
      if (object && !hasNoRules(object)) ruledAllow = true;
    } else if (p.action === 'DENY') facts.deny++;
    else if (p.action === 'AUDIT') facts.audit++;
    else facts.custom++;
  }
  facts.allowNothing = facts.allow > 0 && !ruledAllow;
  return facts;
}
