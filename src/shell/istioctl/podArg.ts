import { podPhase } from '../../domain/cluster/pods.ts';
import { getStringMap, labelsMatch } from '../../domain/objects.ts';
import { connectionRefused } from './meshInfo.ts';
import type { CommandError, IstioctlContext } from './types.ts';

/*
 * The `[<type>/]<name>[.<namespace>]` argument of istioctl's pod commands (proxy-config,
 * x check-inject, x authz check), resolved to a pod as istioctl's handlers do.
 */

/** inferNsInfo (istioctl/pkg/util/handlers): `[type/]name[.namespace]`. */
function inferNsInfo(arg: string, namespace: string): [string, string] {
  const slash = arg.lastIndexOf('/');
  if (slash > 0) {
    const dot = arg.slice(slash).lastIndexOf('.');
    return dot < 0 ? [arg, namespace] : [arg.slice(0, slash + dot), arg.slice(slash + dot + 1)];
  }
  const dot = arg.lastIndexOf('.');
  return dot < 0 ? [arg, namespace] : [arg.slice(0, dot), arg.slice(dot + 1)];
}

const WORKLOAD_KINDS: Record<string, { kind: string; resource: string }> = {
  deployment: { kind: 'Deployment', resource: 'deployments.apps' },
  deployments: { kind: 'Deployment', resource: 'deployments.apps' },
  deploy: { kind: 'Deployment', resource: 'deployments.apps' },
  'deployment.apps': { kind: 'Deployment', resource: 'deployments.apps' },
  replicaset: { kind: 'ReplicaSet', resource: 'replicasets.apps' },
  replicasets: { kind: 'ReplicaSet', resource: 'replicasets.apps' },
  rs: { kind: 'ReplicaSet', resource: 'replicasets.apps' },
  service: { kind: 'Service', resource: 'services' },
  services: { kind: 'Service', resource: 'services' },
  svc: { kind: 'Service', resource: 'services' },
};

/**
 * handlers.InferPodInfoFromTypedResource: a bare name is taken as it is (the pod is only looked
 * up when the port-forward starts); `type/name` is resolved to the first pod it selects.
 */
export function podName(ctx: IstioctlContext, arg: string): { ok: true; name: string; namespace: string } | { ok: false; error: CommandError } {
  const [resname, ns] = inferNsInfo(arg, ctx.namespaceOrDefault);
  if (!resname.includes('/')) return { ok: true, name: resname, namespace: ns };
  const [type = '', name = ''] = resname.split('/', 2);
  const fail = (why: string): { ok: false; error: CommandError } => ({ ok: false, error: { message: `failed retrieving: ${why} in the "${ns}" namespace`, exitCode: 1 } });
  if (!ctx.world.credentials) return fail(connectionRefused(`/api/v1/namespaces/${ns}/pods/${name}`));
  if (['pod', 'pods', 'po'].includes(type.toLowerCase())) {
    return ctx.world.get('Pod', ns, name) ? { ok: true, name, namespace: ns } : fail(`pods "${name}" not found`);
  }
  const workload = WORKLOAD_KINDS[type.toLowerCase()];
  if (!workload) return fail(`the server doesn't have a resource type "${type}"`);
  const object = ctx.world.get(workload.kind, ns, name);
  if (!object) return fail(`${workload.resource} "${name}" not found`);
  const selector = workload.kind === 'Service' ? getStringMap(object.spec, 'selector') : getStringMap(object.spec, 'selector', 'matchLabels');
  // podutils.ByLogging puts running pods first, then the newest.
  const pods = ctx.world.list('Pod', ns).filter((p) => Object.keys(selector).length > 0 && labelsMatch(selector, p.metadata.labels))
    .sort((a, b) => Number(podPhase(b) === 'Running') - Number(podPhase(a) === 'Running') || b.metadata.creationTimestamp - a.metadata.creationTimestamp);
  const first = pods[0];
  if (!first) return { ok: false, error: { message: `no pods match "${resname}"`, exitCode: 1 } };
  return { ok: true, name: first.metadata.name, namespace: ns };
}
