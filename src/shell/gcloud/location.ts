import type { FlagSpec } from '../kubectl/types.ts';
import { usageBlock } from './usage.ts';
import type { GcloudCommand, GcloudContext } from './types.ts';

/** The mutually exclusive location flags of `gcloud container clusters …`. */
export const LOCATION_FLAGS: FlagSpec[] = [
  { long: 'location', type: 'string', description: 'Compute zone or region (e.g. us-central1-a or us-central1) for the cluster.' },
  { long: 'region', type: 'string', description: 'Compute region (e.g. us-central1) for a regional cluster.' },
  { long: 'zone', short: 'z', type: 'string', description: 'Compute zone (e.g. us-central1-a) for a zonal cluster.' },
];

export type LocationResult = { ok: true; location: string | undefined } | { ok: false; exitCode: number };

/**
 * The location a cluster command was given: at most one of --location, --region, --zone. Cloud Shell
 * sets no compute/zone, so none given is `undefined`; the caller decides whether that is an error.
 */
export function readLocation(ctx: GcloudContext, command: GcloudCommand): LocationResult {
  const given = LOCATION_FLAGS.filter((f) => ctx.args.flags.get(f.long) !== undefined);
  if (given.length > 1) {
    const second = given[1];
    ctx.err(`ERROR: (${ctx.commandId}) argument --${second?.long ?? ''}${second?.short ? ` -${second.short}` : ''}: At most one of --location | --region | --zone | -z may be specified.\n${usageBlock(ctx.commandId, command)}`);
    return { ok: false, exitCode: 2 };
  }
  const first = given[0];
  return { ok: true, location: first ? ctx.flag<string>(first.long) : undefined };
}

/** calliope MinimumArgumentException for a cluster command without a location (note the doubled period). */
export function missingLocation(ctx: GcloudContext): number {
  ctx.err(`ERROR: (${ctx.commandId}) One of [--location, --region, --zone] must be supplied: Please specify location..\n`);
  return 1;
}
