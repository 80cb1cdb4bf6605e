import { CLOUD_SHELL } from './cloudShell.ts';
import type { GcloudCommand, GcloudContext } from './types.ts';

/** The Cloud Shell configuration's properties, by section. */
function properties(ctx: GcloudContext): Record<string, Record<string, string>> {
  return {
    accessibility: { screen_reader: 'True' },
    component_manager: { disable_update_check: 'True' },
    compute: { gce_metadata_read_timeout_sec: '30' },
    core: { account: CLOUD_SHELL.account, disable_usage_reporting: 'True', project: ctx.world.cluster.project },
    metrics: { environment: 'devshell' },
  };
}

function activeConfiguration(ctx: GcloudContext): void {
  ctx.err(`Your active configuration is: [${CLOUD_SHELL.configuration}]\n`);
}

/** `gcloud config get-value SECTION/PROPERTY` (core/ may be omitted); an unset property prints `(unset)` on stderr. */
function getValue(ctx: GcloudContext): number {
  const property = ctx.args.positionals[0] ?? '';
  const slash = property.indexOf('/');
  const [section, key] = slash === -1 ? ['core', property] : [property.slice(0, slash), property.slice(slash + 1)];
  const known: Record<string, string[]> = {
    core: ['account', 'project', 'disable_usage_reporting', 'log_http', 'user_output_enabled', 'verbosity'],
    compute: ['zone', 'region', 'gce_metadata_read_timeout_sec'],
    container: ['cluster', 'use_application_default_credentials'],
    accessibility: ['screen_reader'],
    metrics: ['environment'],
  };
  if (!known[section]?.includes(key)) {
    ctx.err(`ERROR: (${ctx.commandId}) Section [${section}] has no property [${key}].\n`);
    return 1;
  }
  activeConfiguration(ctx);
  const value = section === 'core' && key === 'project' ? ctx.project : properties(ctx)[section]?.[key];
  if (value === undefined) ctx.err('(unset)\n');
  else ctx.out(`${value}\n`);
  return 0;
}

/** `gcloud config list`: the configuration's set properties, then the active configuration on stderr. */
function list(ctx: GcloudContext): number {
  const text = Object.entries(properties(ctx))
    .map(([section, values]) => `[${section}]\n${Object.entries(values).map(([k, v]) => `${k} = ${section === 'core' && k === 'project' ? ctx.project : v}\n`).join('')}`)
    .join('');
  ctx.out(text);
  ctx.err('\n');
  activeConfiguration(ctx);
  return 0;
}

export const configGetValueCommand: GcloudCommand = {
  name: 'get-value',
  short: 'Print the value of a Google Cloud CLI property.',
  positionals: [{ name: 'SECTION/PROPERTY', required: true }],
  run: getValue,
};

export const configListCommand: GcloudCommand = {
  name: 'list',
  short: 'List Google Cloud CLI properties for the currently active configuration.',
  flags: [{ long: 'all', type: 'bool', description: 'List all set and unset properties that match the arguments.' }],
  run: list,
};
