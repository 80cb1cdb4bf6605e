import { OPTIONS_TIP, commandTable } from './rootHelp.ts';

/**
 * `kubectl rollout`, `kubectl config` and `kubectl auth` run with no subcommand, or with `--help`:
 * the group's help, as kubectl 1.33 prints it. Sources (kubernetes/kubectl v0.33.13): each group's
 * command (pkg/cmd/rollout/rollout.go, config/config.go, auth/auth.go) and its subcommands'
 * `Short`; pkg/util/templates (LongDesc's markdown rendering: a paragraph's text after a space, a
 * list item as `  *  ` or `  1.  `; rollout's first line, indented in the source, becomes a code
 * block, hence the line of eight spaces after it; Examples indented by two spaces, blank lines
 * included; cmdGroupsString under "Available Commands:", cobra sorting the subcommands by name and
 * padding them to the longest, at least 11; the usage line with ` [options]`; the tips). Long lines
 * wrap at 120 columns, as kubectl's ResponsiveWriter wraps them on a terminal that wide.
 */
interface Group {
  long: string;
  examples?: string;
  commands: readonly (readonly [string, string])[];
  usage: string;
  /** Where DefaultSubCommandRun prints the help when the group runs with no subcommand. */
  stream: 'stdout' | 'stderr';
}

const GROUPS: Readonly<Record<string, Group>> = {
  rollout: {
    long:
      'Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets',
    examples: [
      '# Rollback to the previous deployment',
      'kubectl rollout undo deployment/abc',
      '',
      '# Check the rollout status of a daemonset',
      'kubectl rollout status daemonset/foo',
      '',
      '# Restart a deployment',
      'kubectl rollout restart deployment/abc',
      '',
      "# Restart deployments with the 'app=nginx' label",
      'kubectl rollout restart deployment --selector=app=nginx',
    ].map((line) => `  ${line}`).join('\n'),
    commands: [
      ['history', 'View rollout history'],
      ['pause', 'Mark the provided resource as paused'],
      ['restart', 'Restart a resource'],
      ['resume', 'Resume a paused resource'],
      ['status', 'Show the status of the rollout'],
      ['undo', 'Undo a previous rollout'],
    ],
    usage: 'kubectl rollout SUBCOMMAND [options]',
    stream: 'stdout',
  },
  config: {
    long: [
      'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".',
      '',
      ' The loading order follows these rules:',
      '',
      '  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes',
      'place.',
      '  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for',
      'your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When',
      'a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the',
      'last file in the list.',
      '  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.',
    ].join('\n'),
    commands: [
      ['current-context', 'Display the current-context'],
      ['delete-cluster', 'Delete the specified cluster from the kubeconfig'],
      ['delete-context', 'Delete the specified context from the kubeconfig'],
      ['delete-user', 'Delete the specified user from the kubeconfig'],
      ['get-clusters', 'Display clusters defined in the kubeconfig'],
      ['get-contexts', 'Describe one or many contexts'],
      ['get-users', 'Display users defined in the kubeconfig'],
      ['rename-context', 'Rename a context from the kubeconfig file'],
      ['set', 'Set an individual value in a kubeconfig file'],
      ['set-cluster', 'Set a cluster entry in kubeconfig'],
      ['set-context', 'Set a context entry in kubeconfig'],
      ['set-credentials', 'Set a user entry in kubeconfig'],
      ['unset', 'Unset an individual value in a kubeconfig file'],
      ['use-context', 'Set the current-context in a kubeconfig file'],
      ['view', 'Display merged kubeconfig settings or a specified kubeconfig file'],
    ],
    usage: 'kubectl config SUBCOMMAND [options]',
    stream: 'stderr',
  },
  auth: {
    long: 'Inspect authorization.',
    commands: [
      ['can-i', 'Check whether an action is allowed'],
      ['reconcile', 'Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects'],
      ['whoami', 'Experimental: Check self subject attributes'],
    ],
    usage: 'kubectl auth [flags] [options]',
    stream: 'stderr',
  },
};

/** The groups with help here, and each one's subcommands (real kubectl's, simulated or not). */
export const GROUP_COMMANDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(GROUPS).map(([name, group]) => [name, group.commands.map(([command]) => command)]),
);

/** The group's help text, or undefined for a command that is no group here. */
export function groupHelp(name: string): { text: string; stream: Group['stream'] } | undefined {
  const group = Object.hasOwn(GROUPS, name) ? GROUPS[name] : undefined;
  if (!group) return undefined;
  const text =
    `${group.long}\n\n` +
    (group.examples ? `Examples:\n${group.examples}\n\n` : '') +
    `Available Commands:\n${commandTable(group.commands).join('\n')}\n\n` +
    `Usage:\n  ${group.usage}\n\n` +
    `Use "kubectl ${name} <command> --help" for more information about a given command.\n` +
    OPTIONS_TIP;
  return { text, stream: group.stream };
}

/** What a group prints for arguments that name none of its subcommands (cmdutil.RequireNoArguments, UsageErrorf). */
export function unknownSubcommand(group: string, args: readonly string[]): string {
  return `error: unknown command ${JSON.stringify(args.join(' '))}\nSee 'kubectl ${group} -h' for help and examples\n`;
}
