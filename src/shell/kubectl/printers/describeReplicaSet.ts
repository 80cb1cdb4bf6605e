import { type KubeObject, getPath } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { describeNoEvents, printAnnotationsMultiline, printLabelsMultiline } from './describeFields.ts';
import { describePodTemplate } from './describePodTemplate.ts';
import { podCounts } from './podCounts.ts';
import { numberOf as num } from './jsonValues.ts';
import { formatSelector } from './labelText.ts';
import { tabbedString } from './tabbedString.ts';

/** `kubectl describe replicaset` (describe.go describeReplicaSet); no events are recorded. */
export function describeReplicaSet(world: World, rs: KubeObject): string {
  return tabbedString((w) => {
    w.write(0, `Name:\t${rs.metadata.name}\n`);
    w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
    w.write(0, `Selector:\t${formatSelector(getPath(rs.spec, 'selector'))}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const controller = rs.metadata.ownerReferences?.find((o) => o.controller);
    if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
    w.write(0, `Replicas:\t${num(getPath(rs.status, 'replicas'))} current / ${num(getPath(rs.spec, 'replicas'))} desired\n`);
    w.write(0, `Pods Status:\t${podCounts(world, rs)}\n`);
    describePodTemplate(w, getPath(rs.spec, 'template'));
    describeNoEvents(w);
  });
}
