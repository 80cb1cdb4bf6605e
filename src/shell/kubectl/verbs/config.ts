import type { JsonObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { CLOUD_SHELL } from '../../gcloud/cloudShell.ts';
import { formatJson, formatTable, formatYaml } from '../format/index.ts';
import type { Verb } from '../types.ts';

/** The context `gcloud container clusters get-credentials` writes: `gke_PROJECT_LOCATION_CLUSTER`. */
export function contextName(world: World): string {
  return `gke_${world.cluster.project}_${world.cluster.zone}_${world.cluster.name}`;
}

/**
 * Cloud Shell's ~/.kube/config as `kubectl config view` shows it (secrets redacted, byte data
 * shortened to DATA+OMITTED): empty until get-credentials, then GKE's cluster, context and the
 * gke-gcloud-auth-plugin exec user (KCTL:pkg/cmd/config/view.go; client-go clientcmd/api).
 */
function kubeconfig(world: World): JsonObject {
  if (!world.credentials) return { apiVersion: 'v1', clusters: null, contexts: null, 'current-context': '', kind: 'Config', preferences: {}, users: null };
  const name = contextName(world);
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: `https://${CLOUD_SHELL.masterIp}` }, name }],
    contexts: [{ context: { cluster: name, user: name }, name }],
    'current-context': name,
    kind: 'Config',
    preferences: {},
    users: [{
      name,
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          args: null,
          command: 'gke-gcloud-auth-plugin',
          env: null,
          installHint: 'Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin',
          interactiveMode: 'IfAvailable',
          provideClusterInfo: true,
        },
      },
    }],
  };
}

/** `error: unexpected arguments: [a b]` with the usage hint (KCTL cmdutil.UsageErrorf). */
function unexpected(args: readonly string[], command: string): string {
  return `error: unexpected arguments: [${args.join(' ')}]\nSee 'kubectl config ${command} -h' for help and examples\n`;
}

export const configCurrentContextVerb: Verb = {
  name: 'current-context',
  path: ['config', 'current-context'],
  short: 'Display the current-context',
  usage: 'kubectl config current-context [options]',
  flags: [],
  needsServer: false,
  run(ctx) {
    if (!ctx.world.credentials) {
      ctx.err('error: current-context is not set\n');
      return 1;
    }
    ctx.out(`${contextName(ctx.world)}\n`);
    return 0;
  },
};

/** KCTL:pkg/cmd/config/get_contexts.go `RunGetContexts`: sorted names, `*` for the current one. */
export const configGetContextsVerb: Verb = {
  name: 'get-contexts',
  path: ['config', 'get-contexts'],
  short: 'Describe one or many contexts',
  usage: 'kubectl config get-contexts [(-o|--output=)name)] [options]',
  flags: [
    { long: 'no-headers', type: 'bool', description: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { long: 'output', short: 'o', type: 'string', description: 'Output format. One of: (name).' },
  ],
  needsServer: false,
  run(ctx) {
    const output = ctx.flag<string>('output') ?? '';
    if (output !== '' && output !== 'name') {
      ctx.err(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format\n`);
      return 1;
    }
    const names = ctx.world.credentials ? [contextName(ctx.world)] : [];
    const missing = ctx.args.positionals.filter((n) => !names.includes(n));
    const shown = ctx.args.positionals.length ? ctx.args.positionals.filter((n) => names.includes(n)) : names;
    const nameOnly = output === 'name';
    // Names only (-o name) print one per line, without the header and the tabwriter.
    if (nameOnly) for (const name of shown) ctx.out(`${name}\n`);
    else ctx.out(formatTable([...(ctx.flag<boolean>('no-headers') === true ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']]), ...shown.map((name) => ['*', name, name, name, ''])]));
    if (missing.length === 0) return 0;
    const errors = missing.map((n) => `context ${n} not found`);
    ctx.err(errors.length === 1 ? `error: ${errors[0] ?? ''}\n` : `error: [${errors.join(', ')}]\n`);
    return 1;
  },
};

export const configUseContextVerb: Verb = {
  name: 'use-context',
  path: ['config', 'use-context'],
  short: 'Set the current-context in a kubeconfig file',
  usage: 'kubectl config use-context CONTEXT_NAME [options]',
  flags: [],
  needsServer: false,
  run(ctx) {
    const args = ctx.args.positionals;
    if (args.length > 1) {
      ctx.err(`error: Unexpected args: [${args.slice(1).join(' ')}]\n`);
      return 1;
    }
    const name = args[0] ?? '';
    if (name === '') {
      ctx.err('error: empty context names are not allowed\n');
      return 1;
    }
    if (!ctx.world.credentials || name !== contextName(ctx.world)) {
      ctx.err(`error: no context exists with the name: ${JSON.stringify(name)}\n`);
      return 1;
    }
    ctx.out(`Switched to context ${JSON.stringify(name)}.\n`);
    return 0;
  },
};

export const configViewVerb: Verb = {
  name: 'view',
  path: ['config', 'view'],
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  usage: 'kubectl config view [flags] [options]',
  flags: [
    { long: 'minify', type: 'bool', description: 'Remove all information not used by current-context from the output' },
    { long: 'flatten', type: 'bool', description: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
    { long: 'raw', type: 'bool', description: 'Display raw byte data and sensitive data' },
    { long: 'output', short: 'o', type: 'string', description: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  ],
  needsServer: false,
  run(ctx) {
    if (ctx.args.positionals.length > 0) {
      ctx.err(unexpected(ctx.args.positionals, 'view'));
      return 1;
    }
    if (ctx.flag<boolean>('raw') === true || ctx.flag<boolean>('flatten') === true) {
      ctx.err('error: the simulator keeps no certificate data: kubectl config view shows it redacted (DATA+OMITTED)\n');
      return 1;
    }
    if (ctx.flag<boolean>('minify') === true && !ctx.world.credentials) {
      ctx.err('error: current-context must exist in order to minify\n');
      return 1;
    }
    const output = ctx.flag<string>('output') ?? 'yaml';
    if (output !== 'yaml' && output !== 'json') {
      ctx.err(`error: the simulator prints kubectl config view as yaml or json only\n`);
      return 1;
    }
    const config = kubeconfig(ctx.world);
    ctx.out(output === 'json' ? formatJson(config) : formatYaml(config));
    return 0;
  },
};
