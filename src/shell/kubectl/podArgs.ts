import { type KubeObject, ownValue } from '../../domain/objects.ts';
import { podContainers } from '../../domain/cluster/pods.ts';
import type { VerbContext } from './types.ts';

export type PodLookup = { ok: true; pod: KubeObject } | { ok: false; error: string };

/** Finds the pod named by `POD`, `pod/POD` or `deployment/NAME` (its first pod), as exec and logs accept. */
export function findPod(ctx: VerbContext, arg: string): PodLookup {
  const [type, name] = arg.includes('/') ? (arg.split('/', 2) as [string, string]) : ['pod', arg];
  if (['pod', 'pods', 'po'].includes(type)) {
    const pod = ctx.world.get('Pod', ctx.namespace, name);
    return pod ? { ok: true, pod } : { ok: false, error: `Error from server (NotFound): pods "${name}" not found` };
  }
  if (['deployment', 'deployments', 'deploy', 'deployment.apps'].includes(type)) {
    const deploy = ctx.world.get('Deployment', ctx.namespace, name);
    if (!deploy) return { ok: false, error: `Error from server (NotFound): deployments.apps "${name}" not found` };
    const rsNames = new Set(ctx.world.list('ReplicaSet', ctx.namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === deploy.metadata.uid)).map((rs) => rs.metadata.uid));
    const pod = ctx.world.list('Pod', ctx.namespace).find((p) => p.metadata.ownerReferences?.some((o) => rsNames.has(o.uid)));
    return pod ? { ok: true, pod } : { ok: false, error: `error: no pods found for deployment ${name}` };
  }
  return { ok: false, error: `error: cannot attach to ${type}: selector for ${type} not implemented` };
}

export type ContainerPick = { ok: true; name: string; image: string } | { ok: false; error: string };

/**
 * Picks the container as kubectl's podcmd does: -c wins; else the default-container annotation
 * (which Istio's injector sets), silently; else the first, with a note when there are several.
 */
export function pickContainer(ctx: VerbContext, pod: KubeObject, requested: string | undefined, annotation: string, notFound: (name: string) => string): ContainerPick {
  const containers = podContainers(pod);
  const ephemeral = Array.isArray(pod.spec?.ephemeralContainers) ? (pod.spec.ephemeralContainers as { name?: string; image?: string }[]) : [];
  const all = [...containers, ...ephemeral.map((e) => ({ name: e.name ?? '', image: e.image ?? '', ports: [] }))];
  if (requested) {
    const c = all.find((x) => x.name === requested);
    return c ? { ok: true, name: c.name, image: c.image } : { ok: false, error: notFound(requested) };
  }
  const fromAnnotation = ownValue(pod.metadata.annotations, annotation);
  const annotated = fromAnnotation ? containers.find((c) => c.name === fromAnnotation) : undefined;
  if (annotated) return { ok: true, name: annotated.name, image: annotated.image };
  const first = containers[0];
  if (!first) return { ok: false, error: `error: pod ${pod.metadata.name} has no containers` };
  const initNames = Array.isArray(pod.spec?.initContainers) ? (pod.spec.initContainers as { name?: string }[]).map((c) => c.name ?? '') : [];
  if (containers.length > 1 || initNames.length || ephemeral.length) {
    ctx.err(`Defaulted container "${first.name}" out of: ${[...containers.map((c) => c.name), ...ephemeral.map((e) => `${e.name ?? ''} (ephem)`), ...initNames.map((n) => `${n} (init)`)].join(', ')}\n`);
  }
  return { ok: true, name: first.name, image: first.image };
}
