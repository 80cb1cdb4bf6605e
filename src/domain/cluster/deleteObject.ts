import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import { deleteDeploymentChildren, reconcileDeployment } from './reconcileDeployment.ts';

/**
 * Deletes an object with Kubernetes' cascading rules: a Namespace takes everything in it, a
 * Deployment its ReplicaSets and pods, and a pod owned by a ReplicaSet is replaced by a new one
 * (which is how `kubectl delete pod` picks up a new sidecar injection decision).
 */
export function deleteObject(world: World, obj: KubeObject): void {
  if (obj.kind === 'Namespace') {
    const name = obj.metadata.name;
    for (const other of [...world.objects.values()]) if (other.metadata.namespace === name) world.remove(other);
    world.remove(obj);
    return;
  }
  if (obj.kind === 'Deployment') {
    deleteDeploymentChildren(world, obj);
    world.remove(obj);
    return;
  }
  world.remove(obj);
  if (obj.kind === 'Pod') {
    const rsRef = obj.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet');
    const rs = rsRef ? world.get('ReplicaSet', obj.metadata.namespace ?? '', rsRef.name) : undefined;
    const deployRef = rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment');
    const deploy = deployRef ? world.get('Deployment', obj.metadata.namespace ?? '', deployRef.name) : undefined;
    if (deploy) reconcileDeployment(world, deploy);
  }
}
