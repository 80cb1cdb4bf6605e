import { type KubeObject, getPath } from '../../../domain/objects.ts';
import { SELECTOR_FLAG, selectResources } from '../printers/selectResources.ts';
import type { Verb } from '../types.ts';

const num = (obj: KubeObject, ...path: string[]): number => {
  const value = getPath(obj, ...path);
  return typeof value === 'number' ? value : 0;
};

/**
 * KCTL:pkg/polymorphichelpers/rollout_status.go `DeploymentStatusViewer.Status`: the line for the
 * Deployment's status now, and whether the rollout is done.
 */
export function deploymentRolloutStatus(deploy: KubeObject): { text: string; done: boolean } {
  const name = JSON.stringify(deploy.metadata.name);
  if (deploy.metadata.generation > num(deploy, 'status', 'observedGeneration')) return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
  const wanted = getPath(deploy.spec, 'replicas');
  const updated = num(deploy, 'status', 'updatedReplicas');
  const replicas = num(deploy, 'status', 'replicas');
  const available = num(deploy, 'status', 'availableReplicas');
  if (typeof wanted === 'number' && updated < wanted) return { text: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${wanted} new replicas have been updated...\n`, done: false };
  if (replicas > updated) return { text: `Waiting for deployment ${name} rollout to finish: ${replicas - updated} old replicas are pending termination...\n`, done: false };
  if (available < updated) return { text: `Waiting for deployment ${name} rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
  return { text: `deployment ${name} successfully rolled out\n`, done: true };
}

/** apimachinery GroupKind.String(): `Pod`, `ReplicaSet.apps`. */
function groupKind(obj: KubeObject): string {
  const slash = obj.apiVersion.indexOf('/');
  return slash === -1 ? obj.kind : `${obj.kind}.${obj.apiVersion.slice(0, slash)}`;
}

/**
 * `kubectl rollout status TYPE/NAME` (KCTL:pkg/cmd/rollout/rollout_status.go): the simulated
 * controllers finish a rollout within the command that starts it, so the first status read is the
 * final one and `--watch` has nothing more to wait for.
 */
export const rolloutStatusVerb: Verb = {
  name: 'status',
  path: ['rollout', 'status'],
  short: 'Show the status of the rollout',
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [
    { long: 'watch', short: 'w', type: 'bool', description: "Watch the status of the rollout until it's done." },
    { long: 'revision', type: 'int', description: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    { long: 'timeout', type: 'string', description: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    SELECTOR_FLAG,
  ],
  run(ctx) {
    const args = ctx.args.positionals;
    if (args.length === 0) {
      ctx.err('error: required resource not specified\n');
      return 1;
    }
    const revision = ctx.flag<number>('revision') ?? 0;
    if (revision < 0) {
      ctx.err(`error: revision must be a positive integer: ${revision}\n`);
      return 1;
    }
    // ResourceTypeOrNameArgs(true, …): a bare TYPE means every object of it.
    const selected = selectResources(ctx, args, { all: true });
    if (!selected.ok) {
      ctx.err(`${selected.error}\n`);
      return 1;
    }
    const { objects, errors } = selected.selected;
    if (errors.length > 0) {
      ctx.err(`${errors[0] ?? ''}\n`);
      return 1;
    }
    for (const obj of objects) {
      if (obj.kind !== 'Deployment') {
        ctx.err(`error: no status viewer has been implemented for ${groupKind(obj)}\n`);
        return 1;
      }
      if (revision > 0) {
        const current = Number(obj.metadata.annotations['deployment.kubernetes.io/revision'] ?? '0');
        if (current !== revision) {
          ctx.err(`error: desired revision (${revision}) is different from the running revision (${current})\n`);
          return 1;
        }
      }
      ctx.out(deploymentRolloutStatus(obj).text);
    }
    if (objects.length === 0) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
    return 0;
  },
};
