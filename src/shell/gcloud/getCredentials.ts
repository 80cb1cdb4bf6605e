import { isLocationShaped, isZone, projectLookupError, responseError } from './cloudShell.ts';
import { LOCATION_FLAGS, missingLocation, readLocation } from './location.ts';
import type { GcloudCommand, GcloudContext } from './types.ts';

/**
 * `gcloud container clusters get-credentials NAME --zone …`. All output goes to stderr.
 * A wrong name or location is the API's 404 followed by gcloud's hint from listing the project's
 * clusters (api_adapter.py CheckClusterOtherZones: WRONG_ZONE_ERROR_MSG / NO_SUCH_CLUSTER_ERROR_MSG);
 * an unknown project fails earlier with 403 and a malformed location with 400.
 */
function getCredentials(ctx: GcloudContext): number {
  const name = ctx.args.positionals[0] ?? '';
  const loc = readLocation(ctx, getCredentialsCommand);
  if (!loc.ok) return loc.exitCode;
  if (loc.location === undefined) return missingLocation(ctx);
  const location = loc.location;
  const cluster = ctx.world.cluster;
  ctx.err('Fetching cluster endpoint and auth data.\n');
  const error = (message: string) => {
    ctx.err(`ERROR: (${ctx.commandId}) ${message}\n`);
    return 1;
  };
  if (ctx.project !== cluster.project) return error(projectLookupError(ctx.project));
  if (!isLocationShaped(location)) return error(responseError(400, `Location ${JSON.stringify(location)} does not exist.`));
  if (name === cluster.name && location === cluster.zone) {
    ctx.world.credentials = true;
    ctx.err(`kubeconfig entry generated for ${name}.\n`);
    return 0;
  }
  const notFound = responseError(404, `Not found: projects/${ctx.project}/${isZone(location) ? 'zones' : 'locations'}/${location}/clusters/${name}.`);
  const hint = name === cluster.name
    ? `Could not find [${name}] in [${location}].\nDid you mean [${name}] in [${cluster.zone}]?`
    : `No cluster named '${name}' in ${ctx.project}.`;
  return error(`${notFound}\n${hint}`);
}

/** `gcloud container clusters get-credentials NAME [--location=L | --region=R | --zone=Z]` */
export const getCredentialsCommand: GcloudCommand = {
  name: 'get-credentials',
  short: 'Fetch credentials for a running cluster.',
  positionals: [{ name: 'NAME', required: true }],
  flags: [
    { long: 'dns-endpoint', type: 'bool', description: 'Whether to use the DNS-based endpoint for the cluster address.' },
    { long: 'internal-ip', type: 'bool', description: 'Whether to use the internal IP address of the cluster endpoint.' },
    ...LOCATION_FLAGS,
  ],
  run: getCredentials,
};
