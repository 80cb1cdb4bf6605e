import { objectJson } from '../../../domain/cluster/objectJson.ts';
import { updateObject } from '../../../domain/cluster/updateObject.ts';
import { type KubeObject, getPath } from '../../../domain/objects.ts';
import { checkErr } from '../checkErr.ts';
import { MUTATION_FLAGS, checkOutput, parseDryRun, printMutation } from '../printers/printMutation.ts';
import { SELECTOR_FLAG, selectResources } from '../printers/selectResources.ts';
import type { Verb } from '../types.ts';

/** Kinds with a `scale` subresource in this cluster (apps/v1 Deployment and ReplicaSet). */
const SCALABLE = new Set(['Deployment', 'ReplicaSet']);

/** The replicas a scalable object asks for (1 when unset, as the API server defaults it). */
function specReplicas(obj: KubeObject): number {
  const replicas = getPath(obj.spec, 'replicas');
  return typeof replicas === 'number' ? replicas : 1;
}

/**
 * `kubectl scale --replicas=N TYPE NAME`: KCTL:pkg/cmd/scale/scale.go (`Validate`, `RunScale`) and
 * pkg/scale/scale.go (the scale subresource, with the `--current-replicas` precondition). The
 * Deployment controller (reconcileDeployment) then creates or removes pods at once.
 */
export const scaleVerb: Verb = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  usage: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    ...MUTATION_FLAGS,
    { long: 'replicas', type: 'int', description: 'The new desired number of replicas. Required.' },
    { long: 'current-replicas', type: 'int', description: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    { long: 'all', type: 'bool', description: 'Select all resources in the namespace of the specified resource types' },
    SELECTOR_FLAG,
    { long: 'timeout', type: 'string', description: "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)." },
  ],
  run(ctx) {
    const fail = (message: string): number => {
      ctx.err(checkErr({ type: 'plain', message }));
      return 1;
    };
    const replicas = ctx.flag<number>('replicas');
    // cobra's MarkFlagRequired is checked before the command runs.
    if (replicas === undefined) return fail('required flag(s) "replicas" not set');
    const dryRun = parseDryRun(ctx.flag<string>('dry-run'));
    if (!dryRun.ok) return fail(dryRun.error);
    const outputError = checkOutput(ctx.flag<string>('output'));
    if (outputError) return fail(outputError);
    if (replicas < 0) return fail('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const current = ctx.flag<number>('current-replicas') ?? -1;
    if (current < -1) return fail('The --current-replicas must specify an integer of -1 or greater');
    const selected = selectResources(ctx, ctx.args.positionals, { all: ctx.flag<boolean>('all') === true });
    if (!selected.ok) {
      ctx.err(`${selected.error}\n`);
      return 1;
    }
    const { objects, errors } = selected.selected;
    if (objects.length === 0) {
      const first = errors[0];
      return fail(first ? `no objects passed to scale ${first}` : 'no objects passed to scale');
    }
    for (const obj of objects) {
      if (dryRun.dryRun === 'client') {
        printMutation(ctx, obj, 'scaled', 'client');
        continue;
      }
      if (!SCALABLE.has(obj.kind)) {
        ctx.err('Error from server (NotFound): the server could not find the requested resource\n');
        return 1;
      }
      if (current !== -1 && specReplicas(obj) !== current) {
        return fail(`Expected replicas to be ${current}, was ${specReplicas(obj)}`);
      }
      const json = objectJson(obj);
      const updated = updateObject(ctx.world, obj, { ...json, spec: { ...(obj.spec ?? {}), replicas } }, { dryRun: dryRun.dryRun === 'server' });
      if (!updated.ok) {
        ctx.err(`${updated.error}\n`);
        return 1;
      }
      printMutation(ctx, updated.object, 'scaled', dryRun.dryRun);
    }
    for (const e of errors) ctx.err(`${e}\n`);
    return errors.length ? 1 : 0;
  },
};
