/**
 * Commands real kubectl 1.33 has (KCTL:pkg/cmd/cmd.go NewKubectlCommand's groups and the
 * subcommands of rollout, config and auth) that this simulator does not implement. They get a
 * plain note instead of `unknown command`, which would tell a learner the command does not exist.
 */
export const NOT_SIMULATED_COMMANDS: readonly string[] = [
  'expose', 'set', 'autoscale', 'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint',
  'attach', 'cp', 'proxy', 'events', 'diff', 'replace', 'kustomize', 'completion', 'alpha', 'api-versions',
  'plugin', 'options',
];

/** Subcommands of commands the simulator has in part, by parent. */
export const NOT_SIMULATED_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  rollout: ['history', 'pause', 'resume', 'undo'],
  config: ['set-cluster', 'set-credentials', 'set-context', 'set', 'unset', 'get-clusters', 'get-users', 'delete-cluster', 'delete-context', 'delete-user', 'rename-context'],
  auth: ['reconcile', 'whoami'],
};

/** The note for a real command the simulator lacks (exit status 1). */
export function notSimulatedMessage(command: string): string {
  return `error: "kubectl ${command}" is a real kubectl command, but it is not simulated in this playground\n`;
}
