import { ownValue } from '../../domain/objects.ts';

/**
 * The note for a real command the simulator lacks (exit status 1), in the simulator's own voice: a
 * plain `unknown command` would tell a learner the command does not exist. Real kubectl's commands
 * are rootHelp.ts's KUBECTL_COMMANDS, and the subcommands of its groups groupHelp.ts's GROUP_COMMANDS.
 */
export function notSimulatedMessage(command: string): string {
  return `mtls-playground: "kubectl ${command}" exists in real kubectl but is not simulated here\n`;
}

/**
 * Istio kinds the API server stores and validates here, but whose effect on traffic the simulator
 * does not model: requests are decided by PeerAuthentication, DestinationRule, AuthorizationPolicy,
 * Gateway and VirtualService only. Writing one prints a note, so a learner does not read an unchanged curl
 * result as Istio's verdict.
 */
const EFFECT_NOT_SIMULATED: Readonly<Record<string, string>> = {
  RequestAuthentication: 'RequestAuthentication is stored and validated, but JWTs are not checked',
  ServiceEntry: 'ServiceEntry is stored and validated, but it adds nothing to the mesh registry: traffic to its hosts is not simulated',
  Sidecar: 'Sidecar is stored and validated, but it does not narrow what the proxies see or capture',
  EnvoyFilter: 'EnvoyFilter is stored, but its patches are not applied to the simulated Envoy configuration',
  Telemetry: 'Telemetry is stored, but it does not change the simulated logs or metrics',
  WasmPlugin: 'WasmPlugin is stored, but no plugin runs in the simulated proxies',
  WorkloadEntry: 'WorkloadEntry is stored, but it adds no endpoint to the simulated mesh',
  WorkloadGroup: 'WorkloadGroup is stored, but it adds no endpoint to the simulated mesh',
  ProxyConfig: 'ProxyConfig is stored, but the simulated proxies keep their configuration',
};

/** A writer of those notes for one command: each kind's note once, on stderr, after its first write. */
export function effectNotes(io: { err(text: string): void }): (kind: string) => void {
  const noted = new Set<string>();
  return (kind) => {
    const note = ownValue(EFFECT_NOT_SIMULATED, kind);
    if (note === undefined || noted.has(kind)) return;
    noted.add(kind);
    io.err(`mtls-playground: ${note}\n`);
  };
}

/** A resource type a GKE 1.33 cluster serves that the simulated cluster does not model: plural, short names, group. */
type Unmodeled = readonly [plural: string, shortNames: readonly string[], group: string];

/**
 * Resource types `kubectl api-resources` lists on GKE that learners type and the simulator does
 * not model (its kube-system pods are owned by DaemonSets it does not keep, for example). They get
 * a plain note instead of `the server doesn't have a resource type`, which would be false.
 */
const UNMODELED: readonly Unmodeled[] = [
  ['daemonsets', ['ds'], 'apps'], ['statefulsets', ['sts'], 'apps'], ['controllerrevisions', [], 'apps'],
  ['jobs', [], 'batch'], ['cronjobs', ['cj'], 'batch'],
  ['persistentvolumeclaims', ['pvc'], ''], ['persistentvolumes', ['pv'], ''], ['replicationcontrollers', ['rc'], ''],
  ['resourcequotas', ['quota'], ''], ['limitranges', ['limits'], ''], ['podtemplates', [], ''],
  ['ingresses', ['ing'], 'networking.k8s.io'], ['networkpolicies', ['netpol'], 'networking.k8s.io'], ['ingressclasses', [], 'networking.k8s.io'],
  ['storageclasses', ['sc'], 'storage.k8s.io'], ['csidrivers', [], 'storage.k8s.io'], ['csinodes', [], 'storage.k8s.io'],
  ['horizontalpodautoscalers', ['hpa'], 'autoscaling'], ['poddisruptionbudgets', ['pdb'], 'policy'],
  ['roles', [], 'rbac.authorization.k8s.io'], ['rolebindings', [], 'rbac.authorization.k8s.io'],
  ['clusterroles', [], 'rbac.authorization.k8s.io'], ['clusterrolebindings', [], 'rbac.authorization.k8s.io'],
  ['leases', [], 'coordination.k8s.io'], ['priorityclasses', ['pc'], 'scheduling.k8s.io'],
  ['mutatingwebhookconfigurations', [], 'admissionregistration.k8s.io'], ['validatingwebhookconfigurations', [], 'admissionregistration.k8s.io'],
  ['apiservices', [], 'apiregistration.k8s.io'], ['certificatesigningrequests', ['csr'], 'certificates.k8s.io'],
];

/** The singular of the plurals above: policies → policy, ingresses → ingress, leases → lease. */
function singularOf(plural: string): string {
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  return plural.endsWith('sses') ? plural.slice(0, -2) : plural.slice(0, -1);
}

/** The note for a typed resource type a real cluster serves but the simulator does not model, if it is one. */
export function unmodeledResource(typed: string): string | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot === -1 ? lower : lower.slice(0, dot);
  const group = dot === -1 ? undefined : lower.slice(dot + 1);
  const found = UNMODELED.find(([plural, shortNames, g]) => {
    if (group !== undefined && group !== g && !group.endsWith(`.${g}`) && !(g === '' && /^v\d/.test(group))) return false;
    return plural === name || singularOf(plural) === name || shortNames.includes(name);
  });
  if (!found) return undefined;
  const [plural, , g] = found;
  return `mtls-playground: ${g ? `${plural}.${g}` : plural} exist on a real cluster, but the simulator does not model them`;
}
