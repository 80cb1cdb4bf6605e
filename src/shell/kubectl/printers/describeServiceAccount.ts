import type { KubeObject } from '../../../domain/objects.ts';
import { describeNoEvents, printAnnotationsMultiline, printLabelsMultiline } from './describeFields.ts';
import { tabbedString } from './tabbedString.ts';

/**
 * `kubectl describe serviceaccount` (describe.go describeServiceAccount). Its headers are padded
 * to 19 characters in the source, which is why the values sit two columns further right.
 */
export function describeServiceAccount(sa: KubeObject): string {
  return tabbedString((w) => {
    w.write(0, `Name:\t${sa.metadata.name}\n`);
    w.write(0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    for (const header of ['Image pull secrets:', 'Mountable secrets: ', 'Tokens:            ']) w.write(0, `${header}\t<none>\n`);
    describeNoEvents(w);
  });
}
