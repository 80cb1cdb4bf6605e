import { connectionRefused } from './meshInfo.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/**
 * `istioctl experimental precheck` (istioctl/pkg/precheck/precheck.go, Istio 1.26): the Kubernetes
 * version (1.33 is supported), install permissions (the learner is a cluster admin), Gateway API
 * CRDs (none installed) and the alpha-annotation analyzer, whose messages are Info, below the
 * default Warning threshold. So the healthy cluster gets the green line, on stderr; fatih/color's
 * codes around the mark are left out, as the terminal shows no colours.
 */
function precheck(ctx: IstioctlContext): number | CommandError {
  if (ctx.flag<boolean>('skip-controlplane') !== true && !ctx.world.credentials) {
    return { message: `failed to get the Kubernetes version: ${connectionRefused('/version')}`, exitCode: 1 };
  }
  const output = ctx.flag<string>('output') ?? 'log';
  if (!['log', 'json', 'yaml'].includes(output)) return { message: `invalid output format: ${output}`, exitCode: 1 };
  ctx.err('\u2714 No issues found when checking the cluster. Istio is safe to install or upgrade!\n  To get started, check out https://istio.io/latest/docs/setup/getting-started/.\n');
  return 0;
}

export const precheckCommand: IstioctlCommand = {
  name: 'precheck',
  short: 'Check whether Istio can safely be installed or upgraded',
  usage: 'istioctl experimental precheck [flags]',
  flags: [
    { long: 'skip-controlplane', type: 'bool', description: 'skip checking the control plane' },
    { long: 'output-threshold', type: 'string', description: 'The severity level of precheck at which to display messages. Valid values: [Info Warning Error]' },
    { long: 'output', short: 'o', type: 'string', description: 'Output format: one of [json log yaml]' },
    { long: 'from-version', short: 'f', type: 'string', description: 'check changes since the provided version' },
    { long: 'revision', short: 'r', type: 'string', description: 'Control plane revision' },
  ],
  run: precheck,
};
