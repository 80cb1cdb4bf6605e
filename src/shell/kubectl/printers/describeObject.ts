import { type KubeObject, ownValue } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { describeDeployment } from './describeDeployment.ts';
import { describeGeneric } from './describeGeneric.ts';
import { LEARNER_DESCRIBERS } from './describeLearnerKinds.ts';
import { describeNamespace } from './describeNamespace.ts';
import { describeNode } from './describeNode.ts';
import { describePod } from './describePod.ts';
import { describeReplicaSet } from './describeReplicaSet.ts';
import { describeService } from './describeService.ts';
import { describeServiceAccount } from './describeServiceAccount.ts';

/** The describe text of one object, by kind (describe.go describerMap, else the generic describer). */
export function describeObject(world: World, obj: KubeObject): string {
  const now = world.nowSeconds();
  switch (obj.kind) {
    case 'Pod': return describePod(obj, now);
    case 'Service': return describeService(world, obj);
    case 'Namespace': return describeNamespace(obj);
    case 'Deployment': return describeDeployment(world, obj);
    case 'ReplicaSet': return describeReplicaSet(world, obj);
    case 'ServiceAccount': return describeServiceAccount(obj);
    case 'Node': return describeNode(world, obj);
    default: return (ownValue(LEARNER_DESCRIBERS, obj.kind) ?? describeGeneric)(obj);
  }
}
