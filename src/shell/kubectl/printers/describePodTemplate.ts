import { type Json, getPath, getString, getStringMap, isJsonObject } from '../../../domain/objects.ts';
import { describeContainers } from './describeContainers.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './describeFields.ts';
import { describeVolumes, printTolerations } from './describePodSpec.ts';
import { objectsIn as objects } from './jsonValues.ts';
import type { PrefixWriter } from './tabbedString.ts';

/** describe.go DescribePodTemplate: the `Pod Template:` section of Deployments and ReplicaSets. */
export function describePodTemplate(w: PrefixWriter, template: Json | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!isJsonObject(template)) {
    w.write(1, '<unset>');
    return;
  }
  const spec = isJsonObject(template.spec) ? template.spec : {};
  printLabelsMultiline(w, '  Labels', getStringMap(template, 'metadata', 'labels'));
  const annotations = getStringMap(template, 'metadata', 'annotations');
  if (Object.keys(annotations).length > 0) printAnnotationsMultiline(w, '  Annotations', annotations);
  const sa = getString(spec, 'serviceAccountName');
  if (sa) w.write(1, `Service Account:\t${sa}\n`);
  const init = objects(spec.initContainers);
  if (init.length > 0) describeContainers(w, { label: 'Init Containers', containers: init, space: '  ' });
  describeContainers(w, { label: 'Containers', containers: objects(spec.containers), space: '  ' });
  describeVolumes(w, objects(spec.volumes), '  ');
  const priorityClass = getPath(spec, 'priorityClassName');
  if (typeof priorityClass === 'string' && priorityClass) w.write(1, `Priority Class Name:\t${priorityClass}\n`);
  printLabelsMultiline(w, '  Node-Selectors', getStringMap(spec, 'nodeSelector'));
  printTolerations(w, '  Tolerations', objects(spec.tolerations));
}
