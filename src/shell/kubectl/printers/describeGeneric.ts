import type { KubeObject } from '../../../domain/objects.ts';
import { describeNoEvents, printAnnotationsMultiline, printLabelsMultiline, printUnstructuredContent } from './describeFields.ts';
import { tabbedString } from './tabbedString.ts';
import { toApiJson } from './toApiJson.ts';

/** What the generic describer leaves out of the object dump: it prints these itself, or never. */
const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

/**
 * describe.go genericDescriber, used for kinds without a dedicated describer (Istio's CRDs):
 * Name, Namespace, Labels, Annotations, then every other field of the object as returned by the
 * API server, sorted and indented two spaces per level. No events are recorded.
 */
export function describeGeneric(obj: KubeObject): string {
  return tabbedString((w) => {
    w.write(0, `Name:\t${obj.metadata.name}\n`);
    w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, 0, toApiJson(obj), '', SKIP);
    describeNoEvents(w);
  });
}
