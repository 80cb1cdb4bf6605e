/**
 * `kubectl` and `kubectl --help`: kubectl 1.33's root help, every real command in its group,
 * whether the simulator runs it or not (one it does not names itself when run: notSimulated.ts).
 * Sources (kubernetes/kubectl v0.33.13): pkg/cmd/cmd.go (the root's Long text, the groups and
 * their order, `options` and the empty `alpha` filtered out, the plugin group appended, here
 * empty: Cloud Shell has no kubectl-* plugin on its PATH), each command's `Short`, and
 * pkg/util/templates (templater.go `cmdGroupsString`: two spaces, the name padded to cobra's
 * NamePadding, three spaces, the Short; groups joined by a blank line; MainUsageTemplate's Usage
 * and tips). The kustomize Short is sigs.k8s.io/kustomize/kustomize/v5 v5.6.0's.
 */

const GROUPS: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
  ['Basic Commands (Beginner):', [
    ['create', 'Create a resource from a file or from stdin'],
    ['expose', 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service'],
    ['run', 'Run a particular image on the cluster'],
    ['set', 'Set specific features on objects'],
  ]],
  ['Basic Commands (Intermediate):', [
    ['explain', 'Get documentation for a resource'],
    ['get', 'Display one or many resources'],
    ['edit', 'Edit a resource on the server'],
    ['delete', 'Delete resources by file names, stdin, resources and names, or by resources and label selector'],
  ]],
  ['Deploy Commands:', [
    ['rollout', 'Manage the rollout of a resource'],
    ['scale', 'Set a new size for a deployment, replica set, or replication controller'],
    ['autoscale', 'Auto-scale a deployment, replica set, stateful set, or replication controller'],
  ]],
  ['Cluster Management Commands:', [
    ['certificate', 'Modify certificate resources'],
    ['cluster-info', 'Display cluster information'],
    ['top', 'Display resource (CPU/memory) usage'],
    ['cordon', 'Mark node as unschedulable'],
    ['uncordon', 'Mark node as schedulable'],
    ['drain', 'Drain node in preparation for maintenance'],
    ['taint', 'Update the taints on one or more nodes'],
  ]],
  ['Troubleshooting and Debugging Commands:', [
    ['describe', 'Show details of a specific resource or group of resources'],
    ['logs', 'Print the logs for a container in a pod'],
    ['attach', 'Attach to a running container'],
    ['exec', 'Execute a command in a container'],
    ['port-forward', 'Forward one or more local ports to a pod'],
    ['proxy', 'Run a proxy to the Kubernetes API server'],
    ['cp', 'Copy files and directories to and from containers'],
    ['auth', 'Inspect authorization'],
    ['debug', 'Create debugging sessions for troubleshooting workloads and nodes'],
    ['events', 'List events'],
  ]],
  ['Advanced Commands:', [
    ['diff', 'Diff the live version against a would-be applied version'],
    ['apply', 'Apply a configuration to a resource by file name or stdin'],
    ['patch', 'Update fields of a resource'],
    ['replace', 'Replace a resource by file name or stdin'],
    ['wait', 'Experimental: Wait for a specific condition on one or many resources'],
    ['kustomize', 'Build a kustomization target from a directory or URL'],
  ]],
  ['Settings Commands:', [
    ['label', 'Update the labels on a resource'],
    ['annotate', 'Update the annotations on a resource'],
    ['completion', 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'],
  ]],
  ['Subcommands provided by plugins:', []],
  // The commands in no group, sorted by name (cobra's EnableCommandSorting).
  ['Other Commands:', [
    ['api-resources', 'Print the supported API resources on the server'],
    ['api-versions', 'Print the supported API versions on the server, in the form of "group/version"'],
    ['config', 'Modify kubeconfig files'],
    ['plugin', 'Provides utilities for interacting with plugins'],
    ['version', 'Print the client and server version information'],
  ]],
];

/** Every command name the root help lists. */
export const ROOT_COMMANDS: readonly string[] = GROUPS.flatMap(([, commands]) => commands.map(([name]) => name));

/**
 * Every top-level command real kubectl 1.33 has: those the help lists, and the two it leaves out
 * (`options`, and `alpha`, which has no subcommands in this release). The ones the simulator has no
 * verb for say so when run (notSimulated.ts), instead of `unknown command`.
 */
export const KUBECTL_COMMANDS: readonly string[] = [...ROOT_COMMANDS, 'alpha', 'options'];

/** cobra's NamePadding: the longest name added to the root, at least 11. */
const PADDING = Math.max(11, ...KUBECTL_COMMANDS.map((name) => name.length));

/**
 * cmdGroupsString's lines for one group of commands: two spaces, the name padded to cobra's
 * NamePadding (the longest name among its siblings, at least 11; the root's also counts the
 * commands the help leaves out), three spaces, the Short.
 */
export function commandTable(commands: readonly (readonly [string, string])[], padding = Math.max(11, ...commands.map(([name]) => name.length))): string[] {
  return commands.map(([name, short]) => `  ${name.padEnd(padding)}   ${short}`);
}

/** The last line of a command's help (MainUsageTemplate's SectionTipsGlobalOptions). */
export const OPTIONS_TIP = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

export const ROOT_HELP =
  'kubectl controls the Kubernetes cluster manager.\n\n' +
  // templates.LongDesc renders the indented address as part of its paragraph, after a space.
  ' Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n' +
  GROUPS.map(([message, commands]) => [message, ...commandTable(commands, PADDING)].join('\n')).join('\n\n') +
  '\n\nUsage:\n  kubectl [flags] [options]\n\n' +
  'Use "kubectl <command> --help" for more information about a given command.\n' +
  OPTIONS_TIP;
