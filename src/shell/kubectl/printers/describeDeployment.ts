import { podTemplateHash } from '../../../domain/cluster/reconcileDeployment.ts';
import { type KubeObject, getPath, getString, isJsonObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { describeNoEvents, printAnnotationsMultiline, printLabelsMultiline } from './describeFields.ts';
import { describePodTemplate } from './describePodTemplate.ts';
import { numberOf as num, objectsIn as objects } from './jsonValues.ts';
import { formatSelector } from './labelText.ts';
import { tabbedString } from './tabbedString.ts';
import { rfc1123z } from './timestamps.ts';

/** describe.go printReplicaSetsByLabels: `name (1/1 replicas created)`, comma separated, or `<none>`. */
function replicaSetList(sets: KubeObject[]): string {
  const text = sets.map((rs) => `${rs.metadata.name} (${num(getPath(rs.status, 'replicas'))}/${num(getPath(rs.spec, 'replicas'))} replicas created)`).join(', ');
  return text || '<none>';
}

/**
 * `kubectl describe deployment` (describe.go describeDeployment). When the simulated controller has
 * recorded no conditions, a finished rollout's two conditions are shown, as the real controller
 * would have set them. No events are recorded.
 */
export function describeDeployment(world: World, deploy: KubeObject): string {
  const spec = deploy.spec ?? {};
  const status = deploy.status ?? {};
  const replicas = num(spec.replicas);
  const template = getPath(spec, 'template');
  const currentHash = isJsonObject(template) ? podTemplateHash(template) : '';
  const owned = world.list('ReplicaSet', deploy.metadata.namespace ?? '')
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === deploy.metadata.uid));
  const newRS = owned.filter((rs) => rs.metadata.labels['pod-template-hash'] === currentHash);
  const oldRSs = owned.filter((rs) => !newRS.includes(rs));
  let conditions = objects(status.conditions);
  if (conditions.length === 0 && num(status.availableReplicas) >= replicas) {
    conditions = [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ];
  }
  return tabbedString((w) => {
    w.write(0, `Name:\t${deploy.metadata.name}\n`);
    w.write(0, `Namespace:\t${deploy.metadata.namespace ?? ''}\n`);
    w.write(0, `CreationTimestamp:\t${rfc1123z(deploy.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', deploy.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', deploy.metadata.annotations);
    w.write(0, `Selector:\t${formatSelector(getPath(spec, 'selector'))}\n`);
    w.write(0, `Replicas:\t${replicas} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | ${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable\n`);
    const strategy = getString(spec, 'strategy', 'type') ?? 'RollingUpdate';
    w.write(0, `StrategyType:\t${strategy}\n`);
    w.write(0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
    const rolling = getPath(spec, 'strategy', 'rollingUpdate');
    if (isJsonObject(rolling)) {
      w.write(0, `RollingUpdateStrategy:\t${String(rolling.maxUnavailable ?? '25%')} max unavailable, ${String(rolling.maxSurge ?? '25%')} max surge\n`);
    }
    describePodTemplate(w, template);
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(1, '----\t------\t------\n');
      for (const c of conditions) w.write(1, `${String(c.type ?? '')} \t${String(c.status ?? '')}\t${String(c.reason ?? '')}\n`);
    }
    if (owned.length > 0) {
      w.write(0, `OldReplicaSets:\t${replicaSetList(oldRSs)}\n`);
      w.write(0, `NewReplicaSet:\t${replicaSetList(newRS)}\n`);
    }
    describeNoEvents(w);
  });
}
