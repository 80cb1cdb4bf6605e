import { ownValue } from '../../domain/objects.ts';

/**
 * Commands real kubectl 1.33 has (KCTL:pkg/cmd/cmd.go NewKubectlCommand's groups and the
 * subcommands of rollout, config and auth) that this simulator does not implement. They get a
 * plain note instead of `unknown command`, which would tell a learner the command does not exist.
 */
export const NOT_SIMULATED_COMMANDS: readonly string[] = [
  'expose', 'set', 'autoscale', 'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint',
  'attach', 'cp', 'proxy', 'diff', 'replace', 'kustomize', 'completion', 'alpha', 'api-versions',
  'plugin', 'options',
];

/** Subcommands of commands the simulator has in part, by parent. */
export const NOT_SIMULATED_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  rollout: ['history', 'pause', 'resume', 'undo'],
  config: ['set-cluster', 'set-credentials', 'set-context', 'set', 'unset', 'get-clusters', 'get-users', 'delete-cluster', 'delete-context', 'delete-user', 'rename-context'],
  auth: ['reconcile', 'whoami'],
};

/** The note for a real command the simulator lacks (exit status 1), in the simulator's own voice. */
export function notSimulatedMessage(command: string): string {
  return `mtls-playground: "kubectl ${command}" exists in real kubectl but is not simulated here\n`;
}

/**
 * Istio kinds the API server stores and validates here, but whose effect on traffic the simulator
 * does not model: requests are decided by PeerAuthentication, DestinationRule, Gateway and
 * VirtualService only. Writing one prints a note, so a learner does not read an unchanged curl
 * result as Istio's verdict.
 */
const EFFECT_NOT_SIMULATED: Readonly<Record<string, string>> = {
  AuthorizationPolicy: 'AuthorizationPolicy is stored and validated, but not enforced: requests are allowed or denied as if it did not exist',
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
