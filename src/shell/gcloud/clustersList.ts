import { CLOUD_SHELL, projectLookupError } from './cloudShell.ts';
import { LOCATION_FLAGS, readLocation } from './location.ts';
import type { GcloudCommand, GcloudContext } from './types.ts';

/** A gcloud table: columns left-aligned, two spaces apart, the last one unpadded. */
export function formatGcloudTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}\n`).join('');
}

/** Fields of the cluster resource that `--format="value(…)"` may name. */
function clusterFields(ctx: GcloudContext): Record<string, string> {
  const c = ctx.world.cluster;
  return {
    name: c.name,
    location: c.zone,
    zone: c.zone,
    endpoint: CLOUD_SHELL.masterIp,
    currentMasterVersion: CLOUD_SHELL.masterVersion,
    currentNodeVersion: CLOUD_SHELL.masterVersion,
    currentNodeCount: String(CLOUD_SHELL.numNodes),
    status: 'RUNNING',
    selfLink: `https://container.googleapis.com/v1/projects/${ctx.project}/zones/${c.zone}/clusters/${c.name}`,
  };
}

/** `gcloud container clusters list`: the world's one cluster, RUNNING. */
function listClusters(ctx: GcloudContext): number {
  const loc = readLocation(ctx, clustersListCommand);
  if (!loc.ok) return loc.exitCode;
  if (ctx.project !== ctx.world.cluster.project) {
    ctx.err(`ERROR: (${ctx.commandId}) ${projectLookupError(ctx.project)}\n`);
    return 1;
  }
  const c = ctx.world.cluster;
  if (loc.location !== undefined && loc.location !== c.zone) {
    ctx.err('Listed 0 items.\n');
    return 0;
  }
  const format = ctx.flag<string>('format');
  const value = format ? /^value\((.*)\)$/.exec(format.trim()) : null;
  if (value) {
    const fields = clusterFields(ctx);
    ctx.out(`${(value[1] ?? '').split(',').map((f) => fields[f.trim()] ?? '').join('\t')}\n`);
    return 0;
  }
  ctx.out(formatGcloudTable([
    ['NAME', 'LOCATION', 'MASTER_VERSION', 'MASTER_IP', 'MACHINE_TYPE', 'NODE_VERSION', 'NUM_NODES', 'STATUS'],
    [c.name, c.zone, CLOUD_SHELL.masterVersion, CLOUD_SHELL.masterIp, CLOUD_SHELL.machineType, CLOUD_SHELL.masterVersion, String(CLOUD_SHELL.numNodes), 'RUNNING'],
  ]));
  return 0;
}

/** `gcloud container clusters list [--location=L | --region=R | --zone=Z]` */
export const clustersListCommand: GcloudCommand = {
  name: 'list',
  short: 'List existing clusters for running containers.',
  flags: [
    ...LOCATION_FLAGS,
    { long: 'filter', type: 'string', description: 'Apply a Boolean filter EXPRESSION to each resource item to be listed.' },
    { long: 'limit', type: 'string', description: 'Maximum number of resources to list.' },
    { long: 'page-size', type: 'string', description: 'Some services group resource list output into pages.' },
    { long: 'sort-by', type: 'string', description: 'Comma-separated list of resource field key names to sort by.' },
    { long: 'uri', type: 'bool', description: 'Print a list of resource URIs instead of the default output.' },
  ],
  run: listClusters,
};
