import type { ObjectMeta } from '../objects.ts';
import type { World } from '../world.ts';

/** Metadata for a new object, stamped with the world's clock (or `createdAt`, in seconds). */
export function newMeta(
  world: World,
  name: string,
  namespace: string | undefined,
  extra: Partial<Pick<ObjectMeta, 'labels' | 'annotations' | 'generateName' | 'ownerReferences'>> & { createdAt?: number } = {},
): ObjectMeta {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    uid: world.nextUid(),
    creationTimestamp: extra.createdAt ?? world.nowSeconds(),
    generation: 1,
    resourceVersion: world.nextResourceVersion(),
    labels: { ...(extra.labels ?? {}) },
    annotations: { ...(extra.annotations ?? {}) },
    ...(extra.generateName ? { generateName: extra.generateName } : {}),
    ...(extra.ownerReferences ? { ownerReferences: extra.ownerReferences } : {}),
  };
}
