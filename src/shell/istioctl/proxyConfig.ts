import { podPhase } from '../../domain/cluster/pods.ts';
import { type ClusterStatus, clusterStatuses } from '../../domain/envoy/clusterStatuses.ts';
import { configDump, configDumpParts, staticAssignments } from '../../domain/envoy/configDump.ts';
import { type EnvoyConfig, envoyConfig } from '../../domain/envoy/envoyConfig.ts';
import { type ProtoObject, envoyJson } from '../../domain/envoy/protoJson.ts';
import { proxyHostCounters } from '../../domain/envoy/proxyStats.ts';
import type { KubeObject } from '../../domain/objects.ts';
import type { FlagSpec } from '../kubectl/types.ts';
import { formatYaml } from '../kubectl/format/index.ts';
import type { Json } from '../../domain/objects.ts';
import { sidecarUnreachable } from './describePod.ts';
import { connectionRefused } from './meshInfo.ts';
import { readClusterStatuses, readConfigDump, readEndpointAssignments } from './proxyConfigFile.ts';
import { podName } from './podArg.ts';
import { logCommand } from './proxyConfigLog.ts';
import {
  type ProxyDump, type WriterResult, bootstrapSummary, clusterDump, clusterSummary, edsEndpointSummary, endpointDump, endpointSummary,
  listenerDump, listenerSummary, routeDump, routeSummary, secretSummary, secretsMessage, singleMessage,
} from './proxyConfigWriters.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/** The admin paths istioctl asks Envoy for (istioctl/pkg/proxyconfig/proxyconfig.go, Istio 1.26.4). */
const PATHS = {
  eds: '?include_eds=true',
  secret: '?mask=dynamic_active_secrets,dynamic_warming_secrets',
  cluster: '?mask=dynamic_active_clusters,dynamic_warming_clusters,static_clusters',
  listener: '?mask=dynamic_listeners,static_listeners',
  route: '?mask=dynamic_route_configs,static_route_configs',
  bootstrap: '?mask=bootstrap',
};

const OUTPUT: FlagSpec = { long: 'output', short: 'o', type: 'string', description: 'Output format: one of json|yaml|short (default "short")' };
const ADMIN_PORT: FlagSpec = { long: 'proxy-admin-port', type: 'int', description: 'Envoy proxy admin port (default 15000)' };
const FILE: FlagSpec = { long: 'file', short: 'f', type: 'string', description: 'Envoy config dump JSON file' };
const VERBOSE: FlagSpec = { long: 'verbose', type: 'bool', description: 'Output more information (default true)' };

/** klog's `--vklog` and friends, as `istioctl` lists them under Global Flags. */
const GLOBAL_USAGE = [
  '      --context string            Kubernetes configuration context',
  '  -i, --istioNamespace string     Istio system namespace (default "istio-system")',
  '  -c, --kubeconfig string         Kubernetes configuration file',
  '  -n, --namespace string          Kubernetes namespace',
  '      --proxy-admin-port int      Envoy proxy admin port (default 15000)',
  '      --vklog Level               number for the log level verbosity. Like -v flag. ex: --vklog=9',
];

/** pflag FlagUsages for a command's own flags (sorted, aligned three spaces after the longest). */
function flagUsages(flags: readonly FlagSpec[]): string {
  const sorted = [...flags].sort((a, b) => (a.long < b.long ? -1 : 1));
  const lefts = sorted.map((f) => `${f.short ? `  -${f.short}, --${f.long}` : `      --${f.long}`}${f.type === 'bool' ? '' : ` ${f.type}`}`);
  const max = Math.max(0, ...lefts.map((l) => l.length));
  return sorted.map((f, i) => `${(lefts[i] ?? '').padEnd(max)}   ${f.description ?? ''}\n`).join('');
}

interface PcSpec {
  name: string;
  aliases: string[];
  short: string;
  example: string;
  flags: FlagSpec[];
}

/** cobra's UsageString for a proxy-config subcommand. */
function usageString(spec: PcSpec): string {
  const local = [...spec.flags, { long: 'help', short: 'h', type: 'bool' as const, description: `help for ${spec.name}` }];
  return `Usage:\n  istioctl proxy-config ${spec.name} [<type>/]<name>[.<namespace>] [flags]\n\nAliases:\n  ${[spec.name, ...spec.aliases].join(', ')}\n\nExamples:\n${spec.example}\n\nFlags:\n${flagUsages(local)}\nGlobal Flags:\n${GLOBAL_USAGE.join('\n')}\n`;
}

const num = (ctx: IstioctlContext, name: string): number => ctx.flag<number>(name) ?? 0;
const text = (ctx: IstioctlContext, name: string): string => ctx.flag<string>(name) ?? '';

/**
 * What `EnvoyDoWithPort` gets when it port-forwards to the pod's admin port: the proxy's
 * configuration, or the error istioctl prints (`failed to execute command on <pod>.<ns> sidecar: …`).
 */
function reachEnvoy(ctx: IstioctlContext, name: string, namespace: string, path: string, wrap: (err: string) => string): { ok: true; pod: KubeObject; config: EnvoyConfig } | { ok: false; error: CommandError } {
  const port = ctx.flag<number>('proxy-admin-port') ?? 15000;
  const building = 'failure running port forward process: failure running port forward process: building port forwarded: ';
  const error = (message: string) => ({ ok: false as const, error: { message: wrap(message), exitCode: 1 } });
  if (!ctx.world.credentials) return error(`${building}failed retrieving: ${connectionRefused(`/api/v1/namespaces/${namespace}/pods/${name}`)} in the "${namespace}" namespace`);
  const pod = ctx.world.get('Pod', namespace, name);
  if (!pod) return error(`${building}failed retrieving: pods "${name}" not found in the "${namespace}" namespace`);
  if (podPhase(pod) !== 'Running') return error(`${building}pod is not running. Status=${podPhase(pod)}`);
  const config = port === 15000 ? envoyConfig(ctx.world, pod) : undefined;
  if (!config) {
    // Nothing listens on that port in the pod: client-go logs the failure, the GET ends in EOF.
    const unreachable = sidecarUnreachable(ctx.world, pod);
    const localPort = /localhost:(\d+)/.exec(unreachable.error)?.[1] ?? '0';
    ctx.err(unreachable.log.replace('-> 15000', `-> ${port}`).replace(/port 15000 to pod/, `port ${port} to pod`).replace(/localhost:15000 inside/, `localhost:${port} inside`).replace(/127\.0\.0\.1:15000/, `127.0.0.1:${port}`).replace(/\[::1\]:15000/, `[::1]:${port}`));
    return error(`failure running port forward process: Get "http://localhost:${localPort}/${path}": EOF`);
  }
  return { ok: true, pod, config };
}

/** Where a subcommand's data comes from: the pod's Envoy, or a saved dump (`--file`). */
interface Source {
  dump: ProxyDump;
  config?: EnvoyConfig;
  /** The file's text, with `--file`. */
  text?: string;
}

/** readFile (proxyconfig.go): `-` is stdin. */
function readDumpFile(ctx: IstioctlContext, name: string): { ok: true; text: string } | { ok: false; error: CommandError } {
  const content = name === '-' ? ctx.io.stdin : ctx.io.fs.readFile(ctx.io.fs.resolve(name));
  return content === undefined ? { ok: false, error: { message: `open ${name}: no such file or directory`, exitCode: 1 } } : { ok: true, text: content };
}

/** The steps every config-dump subcommand shares: argument check, pod (or file), Envoy, output format. */
function withConfig(ctx: IstioctlContext, spec: PcSpec, adminPath: string, print: (source: Source, output: string) => WriterResult | undefined): number | CommandError {
  const args = ctx.args.positionals;
  const file = text(ctx, 'file');
  if ((args.length === 1) === (file !== '') || args.length > 1) {
    ctx.err(`${usageString(spec)}\n`);
    return { message: `${spec.name === 'endpoint' ? 'endpoints' : spec.name} requires pod name or --file parameter`, exitCode: 1 };
  }
  const output = ctx.flag<string>('output') ?? (spec.name === 'bootstrap' ? 'json' : 'short');
  let source: Source;
  if (file !== '') {
    const read = readDumpFile(ctx, file);
    if (!read.ok) return read.error;
    const dump = spec.name === 'endpoint' ? { ok: true as const, dump: EMPTY_DUMP } : readConfigDump(read.text);
    if (!dump.ok) return { message: dump.error, exitCode: 1 };
    source = { dump: dump.dump, text: read.text };
  } else {
    const target = podName(ctx, args[0] ?? '');
    if (!target.ok) return target.error;
    const reached = reachEnvoy(ctx, target.name, target.namespace, adminPath, (err) =>
      spec.name === 'endpoint' ? `failed to execute command on Envoy: ${err}` : `failed to execute command on ${target.name}.${target.namespace} sidecar: ${err}`);
    if (!reached.ok) return reached.error;
    source = { dump: reached.config, config: reached.config };
  }
  const result = print(source, output);
  if (result === undefined) return { message: `output format ${JSON.stringify(output)} not supported`, exitCode: 1 };
  if (!result.ok) return { message: result.error, exitCode: 1 };
  ctx.out(result.text);
  return 0;
}

const EMPTY_DUMP: ProxyDump = { bootstrap: {}, clusters: [], staticClusters: [], listeners: [], staticListeners: [], routes: [], inlineRoutes: [], secrets: [] };

const jsonOrYaml = (output: string): 'json' | 'yaml' | undefined => (output === 'json' || output === 'yaml' ? output : undefined);

// ---------------------------------------------------------------- subcommands

const clusterSpec: PcSpec = {
  name: 'cluster',
  aliases: ['clusters', 'c'],
  short: 'Retrieves cluster configuration for the Envoy in the specified pod',
  example: `  # Retrieve summary about cluster configuration for a given pod from Envoy.
  istioctl proxy-config clusters <pod-name[.namespace]>

  # Retrieve summary about cluster configuration for a pod under a deployment from Envoy.
  istioctl proxy-config clusters deployment/<deployment-name[.namespace]>

  # Retrieve cluster summary for clusters with port 9080.
  istioctl proxy-config clusters <pod-name[.namespace]> --port 9080

  # Retrieve full cluster dump for clusters that are inbound with a FQDN of details.default.svc.cluster.local.
  istioctl proxy-config clusters <pod-name[.namespace]> --fqdn details.default.svc.cluster.local --direction inbound -o json

  # Retrieve cluster summary without using Kubernetes API
  ssh <user@hostname> 'curl localhost:15000/config_dump' > envoy-config.json
  istioctl proxy-config clusters --file envoy-config.json
`,
  flags: [
    { long: 'direction', type: 'string', description: 'Filter clusters by Direction field' },
    FILE,
    { long: 'fqdn', type: 'string', description: 'Filter clusters by substring of Service FQDN field' },
    OUTPUT,
    { long: 'port', type: 'int', description: 'Filter clusters by Port field' },
    { long: 'subset', type: 'string', description: 'Filter clusters by substring of Subset field' },
  ],
};

function clusterFilter(ctx: IstioctlContext) {
  return { fqdn: text(ctx, 'fqdn'), port: num(ctx, 'port'), subset: text(ctx, 'subset'), direction: text(ctx, 'direction') };
}

const listenerSpec: PcSpec = {
  name: 'listener',
  aliases: ['listeners', 'l'],
  short: 'Retrieves listener configuration for the Envoy in the specified pod',
  example: `  # Retrieve summary about listener configuration for a given pod from Envoy.
  istioctl proxy-config listeners <pod-name[.namespace]>

  # Retrieve summary about listener configuration a pod under a deployment from Envoy.
  istioctl proxy-config deployment/<deployment-name[.namespace]>

  # Retrieve listener summary for listeners with port 9080.
  istioctl proxy-config listeners <pod-name[.namespace]> --port 9080

  # Retrieve full listener dump for HTTP listeners with a wildcard address (0.0.0.0).
  istioctl proxy-config listeners <pod-name[.namespace]> --type HTTP --address 0.0.0.0 -o json

  # Retrieve listener summary without using Kubernetes API
  ssh <user@hostname> 'curl localhost:15000/config_dump' > envoy-config.json
  istioctl proxy-config listeners --file envoy-config.json
`,
  flags: [
    { long: 'address', type: 'string', description: 'Filter listeners by address field' },
    FILE,
    OUTPUT,
    { long: 'port', type: 'int', description: 'Filter listeners by Port field' },
    { long: 'type', type: 'string', description: 'Filter listeners by type field' },
    VERBOSE,
    { long: 'waypoint', type: 'bool', description: 'Output waypoint information' },
  ],
};

function listenerFilter(ctx: IstioctlContext) {
  return { address: text(ctx, 'address'), port: num(ctx, 'port'), type: text(ctx, 'type'), verbose: ctx.flag<boolean>('verbose') ?? true };
}

const routeSpec: PcSpec = {
  name: 'route',
  aliases: ['routes', 'r'],
  short: 'Retrieves route configuration for the Envoy in the specified pod',
  example: `  # Retrieve summary about route configuration for a given pod from Envoy.
  istioctl proxy-config routes <pod-name[.namespace]>

  # Retrieve summary about route configuration for a pod under a deployment from Envoy.
  istioctl proxy-config routes deployment/<deployment-name[.namespace]>

  # Retrieve route summary for route 9080.
  istioctl proxy-config route <pod-name[.namespace]> --name 9080

  # Retrieve full route dump for route 9080
  istioctl proxy-config route <pod-name[.namespace]> --name 9080 -o json

  # Retrieve route summary without using Kubernetes API
  ssh <user@hostname> 'curl localhost:15000/config_dump' > envoy-config.json
  istioctl proxy-config routes --file envoy-config.json
`,
  flags: [FILE, { long: 'name', type: 'string', description: 'Filter listeners by route name field' }, OUTPUT, VERBOSE],
};

function routeFilter(ctx: IstioctlContext) {
  return { name: text(ctx, 'name'), verbose: ctx.flag<boolean>('verbose') ?? true };
}

const endpointSpec: PcSpec = {
  name: 'endpoint',
  aliases: ['endpoints', 'ep'],
  short: 'Retrieves endpoint configuration for the Envoy in the specified pod',
  example: `  # Retrieve full endpoint configuration for a given pod from Envoy.
  istioctl proxy-config endpoint <pod-name[.namespace]>

  # Retrieve full endpoint configuration for a pod under a deployment from Envoy.
  istioctl proxy-config endpoint deployment/<deployment-name[.namespace]>

  # Retrieve endpoint summary for endpoint with port 9080.
  istioctl proxy-config endpoint <pod-name[.namespace]> --port 9080

  # Retrieve full endpoint with a address (172.17.0.2).
  istioctl proxy-config endpoint <pod-name[.namespace]> --address 172.17.0.2 -o json

  # Retrieve full endpoint with a cluster name (outbound|9411||zipkin.istio-system.svc.cluster.local).
  istioctl proxy-config endpoint <pod-name[.namespace]> --cluster "outbound|9411||zipkin.istio-system.svc.cluster.local" -o json
  # Retrieve full endpoint with the status (healthy).
  istioctl proxy-config endpoint <pod-name[.namespace]> --status healthy -ojson

  # Retrieve endpoint summary without using Kubernetes API
  ssh <user@hostname> 'curl localhost:15000/clusters?format=json' > envoy-clusters.json
  istioctl proxy-config endpoints --file envoy-clusters.json
`,
  flags: [
    { long: 'address', type: 'string', description: 'Filter endpoints by address field' },
    { long: 'cluster', type: 'string', description: 'Filter endpoints by cluster name field' },
    FILE,
    OUTPUT,
    { long: 'port', type: 'int', description: 'Filter endpoints by Port field' },
    { long: 'status', type: 'string', description: 'Filter endpoints by status field' },
  ],
};

function endpointFilter(ctx: IstioctlContext) {
  return { address: text(ctx, 'address'), port: num(ctx, 'port'), cluster: text(ctx, 'cluster'), status: text(ctx, 'status') };
}

const secretSpec: PcSpec = {
  name: 'secret',
  aliases: ['secrets', 's'],
  short: 'Retrieves secret configuration for the Envoy in the specified pod',
  example: `  # Retrieve full secret configuration for a given pod from Envoy.
  istioctl proxy-config secret <pod-name[.namespace]>

  # Retrieve full secret configuration for a pod under a deployment from Envoy.
  istioctl proxy-config secret deployment/<deployment-name[.namespace]>

  # Retrieve full bootstrap without using Kubernetes API
  ssh <user@hostname> 'curl localhost:15000/config_dump' > envoy-config.json
  istioctl proxy-config secret --file envoy-config.json`,
  flags: [FILE, OUTPUT],
};

const bootstrapSpec: PcSpec = {
  name: 'bootstrap',
  aliases: ['b'],
  short: 'Retrieves bootstrap configuration for the Envoy in the specified pod',
  example: `  # Retrieve full bootstrap configuration for a given pod from Envoy.
  istioctl proxy-config bootstrap <pod-name[.namespace]>

  # Retrieve full bootstrap configuration for a pod under a deployment from Envoy.
  istioctl proxy-config bootstrap deployment/<deployment-name[.namespace]>

  # Retrieve full bootstrap without using Kubernetes API
  ssh <user@hostname> 'curl localhost:15000/config_dump' > envoy-config.json
  istioctl proxy-config bootstrap --file envoy-config.json

  # Show a human-readable Istio and Envoy version summary
  istioctl proxy-config bootstrap <pod-name[.namespace]> -o short
`,
  flags: [FILE, { ...OUTPUT, description: 'Output format: one of json|yaml|short (default "json")' }],
};

const allSpec: PcSpec = {
  name: 'all',
  aliases: ['a'],
  short: 'Retrieves all configuration for the Envoy in the specified pod',
  example: `  # Retrieve summary about all configuration for a given pod from Envoy.
  istioctl proxy-config all <pod-name[.namespace]>

  # Retrieve summary about all configuration for a pod under a deployment from Envoy.
  istioctl proxy-config all deployment/<deployment-name[.namespace]>

  # Retrieve full cluster dump as JSON
  istioctl proxy-config all <pod-name[.namespace]> -o json

  # Retrieve full cluster dump with short syntax
  istioctl pc a <pod-name[.namespace]>

  # Retrieve cluster summary without using Kubernetes API
  ssh <user@hostname> 'curl localhost:15000/config_dump' > envoy-config.json
  istioctl proxy-config all --file envoy-config.json
`,
  flags: [
    { long: 'address', type: 'string', description: 'Filter listeners by address field' },
    { long: 'direction', type: 'string', description: 'Filter clusters by Direction field' },
    { ...FILE, description: 'Envoy config dump file' },
    { long: 'fqdn', type: 'string', description: 'Filter clusters by substring of Service FQDN field' },
    { long: 'name', type: 'string', description: 'Filter routes by route name field' },
    OUTPUT,
    { long: 'port', type: 'int', description: 'Filter clusters and listeners by Port field' },
    { long: 'subset', type: 'string', description: 'Filter clusters by substring of Subset field' },
    { long: 'type', type: 'string', description: 'Filter listeners by type field' },
    VERBOSE,
  ],
};

function command(spec: PcSpec, adminPath: string, print: (ctx: IstioctlContext, source: Source, output: string) => WriterResult | undefined): IstioctlCommand {
  return {
    name: spec.name,
    aliases: spec.aliases,
    short: spec.short,
    usage: `istioctl proxy-config ${spec.name} [<type>/]<name>[.<namespace>] [flags]`,
    flags: [...spec.flags, ADMIN_PORT],
    run: (ctx) => withConfig(ctx, spec, `config_dump${adminPath}`, (source, output) => print(ctx, source, output)),
  };
}

/** The full config dump as Envoy prints it (or as the file holds it), for `all -o json|yaml`. */
function rawDump(source: Source, format: 'json' | 'yaml'): WriterResult {
  const json = source.config ? envoyJson(configDump(source.config, { includeEds: true }).body as ProtoObject) : (source.text ?? '');
  if (format === 'json') return { ok: true, text: `${json}\n` };
  try {
    return { ok: true, text: formatYaml(JSON.parse(json) as Json) };
  } catch {
    return { ok: false, error: 'error converting YAML to JSON: yaml: invalid JSON' };
  }
}

/** PrintFullSummary: bootstrap, clusters, listeners, routes, secrets and EDS endpoints, each typed. */
function fullSummary(ctx: IstioctlContext, source: Source): WriterResult {
  const config = source.dump;
  const assignments = source.config ? [...staticAssignments(source.config), ...source.config.endpoints.map((e) => e.assignment)] : readEndpointAssignments(source.text ?? '');
  const port = num(ctx, 'port');
  const parts = [
    bootstrapSummary(config),
    clusterSummary(config, { ...clusterFilter(ctx), port }, true),
    listenerSummary(config, { address: text(ctx, 'address'), port, type: text(ctx, 'type'), verbose: ctx.flag<boolean>('verbose') ?? true }, true),
    routeSummary(config, routeFilter(ctx), true),
    secretSummary(config, ctx.world.clock.now(), true),
    edsEndpointSummary(assignments, { address: text(ctx, 'address'), port, cluster: '', status: '' }, true),
  ];
  let out = '';
  for (const [i, part] of parts.entries()) {
    if (!part.ok) return part;
    out += part.text + (i < parts.length - 1 ? '\n' : '');
  }
  return { ok: true, text: out };
}

/**
 * `rootca-compare POD1 POD2`: whether two proxies hold the same ROOTCA, hence could talk mTLS
 * (proxyconfig.go rootCACompareConfigCmd; cobra's Println writes the report to stderr).
 */
const rootCaCompareCommand: IstioctlCommand = {
  name: 'rootca-compare',
  aliases: ['rc'],
  short: 'Compare ROOTCA values for the two given pods',
  usage: 'istioctl proxy-config rootca-compare [pod/]<name-1>[.<namespace-1>] [pod/]<name-2>[.<namespace-2>] [flags]',
  flags: [OUTPUT, ADMIN_PORT],
  run: (ctx) => {
    const args = ctx.args.positionals;
    if (args.length !== 2) return { message: 'rootca-compare requires 2 pods as an argument', exitCode: 1 };
    const roots: { name: string; pem: string }[] = [];
    for (const arg of args) {
      const target = podName(ctx, arg);
      if (!target.ok) return target.error;
      const reached = reachEnvoy(ctx, target.name, target.namespace, `config_dump${PATHS.secret}`, (err) => `failed to execute command on ${target.name}.${target.namespace} sidecar: ${err}`);
      if (!reached.ok) return reached.error;
      const root = reached.config.secrets.find((s) => s.name === 'ROOTCA');
      if (!root) return { message: 'cannot find ROOTCA from secret', exitCode: 1 };
      roots.push({ name: `${target.name}.${target.namespace}`, pem: root.pem });
    }
    const [a, b] = roots;
    if (a && b && a.pem === b.pem) {
      ctx.err(`Both [${a.name}] and [${b.name}] have the identical ROOTCA, theoretically the connectivity between them is available\n`);
      return 0;
    }
    return { message: `Both [${a?.name ?? ''}] and [${b?.name ?? ''}] have the non identical ROOTCA, theoretically the connectivity between them is unavailable`, exitCode: 1 };
  },
};

export const proxyConfigCommand: IstioctlCommand = {
  name: 'proxy-config',
  aliases: ['pc'],
  short: 'Retrieve information about proxy configuration from Envoy [kube only]',
  flags: [OUTPUT, ADMIN_PORT],
  children: [
    command(allSpec, PATHS.eds, (ctx, source, output) => {
      if (output === 'short') return fullSummary(ctx, source);
      const format = jsonOrYaml(output);
      return format ? rawDump(source, format) : undefined;
    }),
    command(bootstrapSpec, PATHS.bootstrap, (_ctx, source, output) => {
      if (output === 'short') return bootstrapSummary(source.dump);
      const format = jsonOrYaml(output);
      const dump = source.config ? (configDumpParts(source.config)[0] ?? {}) : { bootstrap: source.dump.bootstrap };
      const { '@type': _type, ...message } = dump;
      void _type;
      return format ? { ok: true, text: singleMessage(message, format) } : undefined;
    }),
    command(clusterSpec, PATHS.cluster, (ctx, { dump }, output) => {
      if (output === 'short') return clusterSummary(dump, clusterFilter(ctx));
      const format = jsonOrYaml(output);
      return format ? clusterDump(dump, clusterFilter(ctx), format) : undefined;
    }),
    command(endpointSpec, 'clusters?format=json', (ctx, { config, text: file }, output) => {
      let statuses: ClusterStatus[];
      if (config) statuses = clusterStatuses(ctx.world, config, proxyHostCounters(ctx.world, config));
      else {
        const read = readClusterStatuses(file ?? '');
        if (!read.ok) return { ok: false, error: read.error };
        statuses = read.statuses;
      }
      if (output === 'short') return endpointSummary(statuses, endpointFilter(ctx));
      const format = jsonOrYaml(output);
      return format ? endpointDump(statuses, endpointFilter(ctx), format) : undefined;
    }),
    command(listenerSpec, PATHS.listener, (ctx, { dump }, output) => {
      if (output === 'short') return listenerSummary(dump, listenerFilter(ctx));
      const format = jsonOrYaml(output);
      return format ? listenerDump(dump, listenerFilter(ctx), format) : undefined;
    }),
    command(routeSpec, PATHS.route, (ctx, { dump }, output) => {
      if (output === 'short') return routeSummary(dump, routeFilter(ctx));
      const format = jsonOrYaml(output);
      return format ? routeDump(dump, routeFilter(ctx), format) : undefined;
    }),
    logCommand({ reachEnvoy, usage: (spec, extra) => usageString({ ...spec, short: '', flags: [...spec.flags, ...extra] }) }, OUTPUT, ADMIN_PORT),
    rootCaCompareCommand,
    command(secretSpec, PATHS.secret, (ctx, { dump }, output) => {
      if (output === 'short') return secretSummary(dump, ctx.world.clock.now());
      const format = jsonOrYaml(output);
      return format ? { ok: true, text: singleMessage(secretsMessage(dump), format) } : undefined;
    }),
  ],
};
