import { reconcileDeployment } from '../../../domain/cluster/reconcileDeployment.ts';
import { type KubeObject, isJsonObject } from '../../../domain/objects.ts';
import { matchesSelector, notFoundError, parseSelector, resolveKind } from '../resources.ts';
import type { Verb } from '../types.ts';

export const rolloutRestartVerb: Verb = {
  name: 'restart',
  path: ['rollout', 'restart'],
  short: 'Restart a resource',
  usage: 'kubectl rollout restart RESOURCE',
  flags: [{ long: 'selector', short: 'l', type: 'string' }],
  run(ctx) {
    const args = ctx.args.positionals;
    if (!args.length) {
      ctx.err(`error: required resource not specified\n`);
      return 1;
    }
    const targets: { type: string; name?: string }[] = args[0]?.includes('/')
      ? args.map((a) => ({ type: a.split('/')[0] ?? '', name: a.split('/')[1] ?? '' }))
      : args.length === 1 ? [{ type: args[0] ?? '' }] : args.slice(1).map((n) => ({ type: args[0] ?? '', name: n }));
    const selector = parseSelector(ctx.flag<string>('selector') ?? '');
    if (!selector.ok) {
      ctx.err(`${selector.error}\n`);
      return 1;
    }
    let status = 0;
    for (const t of targets) {
      const kind = resolveKind(t.type);
      if (!kind.ok) {
        ctx.err(`${kind.error}\n`);
        return 1;
      }
      if (kind.info.kind !== 'Deployment') {
        ctx.err(`error: ${kind.info.plural} "${t.name ?? ''}" restarting is not supported\n`);
        return 1;
      }
      let list: readonly KubeObject[];
      if (t.name) {
        const one = ctx.world.get('Deployment', ctx.namespace, t.name);
        if (!one) {
          ctx.err(`${notFoundError(kind.info, t.name)}\n`);
          status = 1;
          continue;
        }
        list = [one];
      } else {
        list = ctx.world.list('Deployment', ctx.namespace).filter((d) => matchesSelector(selector.requirements, d.metadata.labels));
        if (!list.length) {
          ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
          continue;
        }
      }
      const stamp = new Date(ctx.world.nowSeconds() * 1000).toISOString().replace('.000Z', 'Z');
      for (const deploy of list) {
        const template = isJsonObject(deploy.spec?.template) ? deploy.spec.template : {};
        const meta = isJsonObject(template.metadata) ? template.metadata : {};
        const annotations = isJsonObject(meta.annotations) ? meta.annotations : {};
        const updated: KubeObject = {
          ...deploy,
          metadata: { ...deploy.metadata, generation: deploy.metadata.generation + 1, resourceVersion: ctx.world.nextResourceVersion() },
          spec: { ...deploy.spec, template: { ...template, metadata: { ...meta, annotations: { ...annotations, 'kubectl.kubernetes.io/restartedAt': stamp } } } },
        };
        ctx.world.put(updated);
        reconcileDeployment(ctx.world, updated);
        ctx.out(`deployment.apps/${deploy.metadata.name} restarted\n`);
      }
    }
    return status;
  },
};
