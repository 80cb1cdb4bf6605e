import { type KubeObject, getString } from '../../../domain/objects.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './describeFields.ts';
import { tabbedString } from './tabbedString.ts';

/** `kubectl describe namespace` (describe.go describeNamespace); the simulator has no quotas or limit ranges. */
export function describeNamespace(ns: KubeObject): string {
  return tabbedString((w) => {
    w.write(0, `Name:\t${ns.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(0, `Status:\t${getString(ns.status, 'phase') ?? 'Active'}\n`);
    w.write(0, '\n');
    w.write(0, 'No resource quota.\n');
    w.write(0, '\n');
    w.write(0, 'No LimitRange resource.\n');
  });
}
