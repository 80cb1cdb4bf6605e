import { type Json, type KubeObject, getPath, getString, isJsonObject } from '../../../domain/objects.ts';
import { base64Decode } from '../../../domain/pki/pem.ts';
import { describeNoEvents, printAnnotationsMultiline, printLabelsMultiline } from './describeFields.ts';
import { type PrefixWriter, tabbedString } from './tabbedString.ts';

const entries = (v: Json | undefined): [string, Json][] => (isJsonObject(v ?? null) ? Object.entries(v as Record<string, Json>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : []);
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

function header(w: PrefixWriter, obj: KubeObject): void {
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
}

/**
 * KCTL:pkg/describe/describe.go ConfigMapDescriber: each value in full under its key, then BinaryData
 * sizes. kubectl 1.33 ranges over the Go map (a random key order per run); later versions sort the
 * keys, which is the order chosen here and for Secrets.
 */
function describeConfigMap(cm: KubeObject): string {
  return tabbedString((w) => {
    header(w, cm);
    w.write(0, '\nData\n====\n');
    for (const [k, v] of entries(getPath(cm.fields, 'data'))) w.write(0, `${k}:\n----\n${typeof v === 'string' ? v : ''}\n\n`);
    w.write(0, '\nBinaryData\n====\n');
    for (const [k, v] of entries(getPath(cm.fields, 'binaryData'))) w.write(0, `${k}: ${typeof v === 'string' ? (base64Decode(v)?.length ?? 0) : 0} bytes\n`);
    w.write(0, '\n');
    describeNoEvents(w);
  });
}

/** KCTL:pkg/describe/describe.go describeSecret: the type, and each value's size in bytes (never the value). */
function describeSecret(secret: KubeObject): string {
  return tabbedString((w) => {
    header(w, secret);
    w.write(0, `\nType:\t${getString(secret.fields, 'type') ?? ''}\n`);
    w.write(0, '\nData\n====\n');
    for (const [k, v] of entries(getPath(secret.fields, 'data'))) w.write(0, `${k}:\t${typeof v === 'string' ? (base64Decode(v)?.length ?? 0) : 0} bytes\n`);
  });
}

/** KCTL:pkg/describe/describe.go describeEndpoints: per subset, the ready and not-ready addresses and the ports. */
function describeEndpoints(ep: KubeObject): string {
  return tabbedString((w) => {
    header(w, ep);
    w.write(0, 'Subsets:\n');
    for (const subset of list(getPath(ep.fields, 'subsets'))) {
      const ips = (key: string) => list(getPath(subset, key)).map((a) => getString(a, 'ip') ?? '').join(',') || '<none>';
      w.write(1, `Addresses:\t${ips('addresses')}\n`);
      w.write(1, `NotReadyAddresses:\t${ips('notReadyAddresses')}\n`);
      const ports = list(getPath(subset, 'ports'));
      if (ports.length > 0) {
        w.write(1, 'Ports:\n');
        w.write(2, 'Name\tPort\tProtocol\n');
        w.write(2, '----\t----\t--------\n');
        for (const p of ports) w.write(2, `${getString(p, 'name') || '<unset>'}\t${Number(getPath(p, 'port') ?? 0)}\t${getString(p, 'protocol') ?? ''}\n`);
      }
      w.write(0, '\n');
    }
    describeNoEvents(w);
  });
}

/** The describers of learnerKinds.ts kinds kubectl has its own layout for; others use the generic one. */
export const LEARNER_DESCRIBERS: Readonly<Record<string, (obj: KubeObject) => string>> = {
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  Endpoints: describeEndpoints,
};
