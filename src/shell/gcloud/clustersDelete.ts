import { isLocationShaped, isZone, projectLookupError, responseError } from './cloudShell.ts';
import { LOCATION_FLAGS, missingLocation, readLocation } from './location.ts';
import type { GcloudCommand, GcloudContext } from './types.ts';

/**
 * `gcloud container clusters delete NAME …` never deletes the simulated cluster.
 * It asks as gcloud does (console_io.PromptContinue); the simulated terminal cannot answer a prompt,
 * so an interactive run aborts as if the learner said no, a piped run fails as unattended, and a
 * `--quiet` run is refused by the API as for a learner without `container.clusters.delete`.
 */
function deleteClusters(ctx: GcloudContext): number {
  const names = ctx.args.positionals;
  const loc = readLocation(ctx, clustersDeleteCommand);
  if (!loc.ok) return loc.exitCode;
  if (loc.location === undefined) return missingLocation(ctx);
  const location = loc.location;
  if (ctx.flag<boolean>('quiet') !== true) {
    // console_io.PromptContinue(throw_if_unattended=True) refuses before printing anything when stdin is no terminal.
    if (!ctx.io.stdinIsTerminal) {
      ctx.err(`ERROR: (${ctx.commandId}) This prompt could not be answered because you are not in an interactive session.  You can re-run the command with the --quiet flag to accept default answers for all prompts.\n`);
      return 1;
    }
    ctx.err(`The following clusters will be deleted.\n${names.map((n) => ` - [${n}] in [${location}]\n`).join('')}\nDo you want to continue (Y/n)?  \n`);
    ctx.err(`ERROR: (${ctx.commandId}) Aborted by user.\n`);
    return 1;
  }
  const cluster = ctx.world.cluster;
  const errors = names.map((name) => {
    if (ctx.project !== cluster.project) return projectLookupError(ctx.project);
    if (!isLocationShaped(location)) return responseError(400, `Location ${JSON.stringify(location)} does not exist.`);
    const path = `projects/${ctx.project}/${isZone(location) ? 'zones' : 'locations'}/${location}/clusters/${name}`;
    if (name !== cluster.name || location !== cluster.zone) return responseError(404, `Not found: ${path}.`);
    return responseError(403, `Required "container.clusters.delete" permission(s) for "${path}".`);
  });
  ctx.err(`ERROR: (${ctx.commandId}) Some requests did not succeed:\n${errors.map((e) => ` - ${e}\n`).join('')}`);
  return 1;
}

/** `gcloud container clusters delete NAME [NAME …] [--location=L | --region=R | --zone=Z]` */
export const clustersDeleteCommand: GcloudCommand = {
  name: 'delete',
  short: 'Delete an existing cluster for running containers.',
  positionals: [{ name: 'NAME [NAME ...]', required: true }],
  flags: [{ long: 'async', type: 'bool', description: 'Return immediately, without waiting for the operation in progress to complete.' }, ...LOCATION_FLAGS],
  run: deleteClusters,
};
