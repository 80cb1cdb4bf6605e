import type { KubeObject } from '../../../domain/objects.ts';
import { getString } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';

/** describe.go getPodStatusForController: `1 Running / 0 Waiting / 0 Succeeded / 0 Failed` for the pods an owner controls. */
export function podCounts(world: World, owner: KubeObject): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const pod of world.list('Pod', owner.metadata.namespace ?? '')) {
    if (!pod.metadata.ownerReferences?.some((o) => o.controller && o.uid === owner.metadata.uid)) continue;
    const phase = getString(pod.status, 'phase') ?? 'Pending';
    if (phase in counts) counts[phase as keyof typeof counts]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}
