import { type JsonObject, getPath, getString, isJsonObject } from '../../../domain/objects.ts';
import { compareByteWise } from '../format/compareByteWise.ts';
import { objectsIn as objects } from './jsonValues.ts';
import type { PrefixWriter } from './tabbedString.ts';

/** describe.go printTolerationsMultilineWithIndent. */
export function printTolerations(w: PrefixWriter, title: string, tolerations: JsonObject[]): void {
  w.write(0, `${title}:\t`);
  if (tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => compareByteWise(String(a.key ?? ''), String(b.key ?? '')));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    const key = typeof t.key === 'string' ? t.key : '';
    const value = typeof t.value === 'string' ? t.value : '';
    let line = key;
    if (value) line += `=${value}`;
    if (typeof t.effect === 'string' && t.effect) line += `:${t.effect}`;
    if (t.operator === 'Exists' && !value) line += key || t.effect ? ' op=Exists' : 'op=Exists';
    if (typeof t.tolerationSeconds === 'number') line += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${line}\n`);
  });
}

/** describe.go describeVolumes, for the volume sources pods in this simulator use. */
export function describeVolumes(w: PrefixWriter, volumes: JsonObject[], space: string): void {
  if (volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${String(v.name ?? '')}:\n`);
    const emptyDir = getPath(v, 'emptyDir');
    const configMap = getPath(v, 'configMap');
    const secret = getPath(v, 'secret');
    const projected = getPath(v, 'projected');
    const downward = getPath(v, 'downwardAPI');
    if (isJsonObject(emptyDir)) {
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${typeof emptyDir.medium === 'string' ? emptyDir.medium : ''}\n    SizeLimit:\t${typeof emptyDir.sizeLimit === 'string' ? emptyDir.sizeLimit : '<unset>'}\n`);
    } else if (isJsonObject(configMap)) {
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${String(configMap.name ?? '')}\n    Optional:\t${configMap.optional === true}\n`);
    } else if (isJsonObject(secret)) {
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${String(secret.secretName ?? '')}\n    Optional:\t${secret.optional === true}\n`);
    } else if (isJsonObject(projected)) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const source of objects(projected.sources)) {
        const s = getPath(source, 'secret');
        const cm = getPath(source, 'configMap');
        const token = getPath(source, 'serviceAccountToken');
        if (isJsonObject(s)) w.write(2, `SecretName:\t${String(s.name ?? '')}\n    Optional:\t${s.optional === true}\n`);
        else if (isJsonObject(getPath(source, 'downwardAPI'))) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (isJsonObject(cm)) w.write(2, `ConfigMapName:\t${String(cm.name ?? '')}\n    Optional:\t${cm.optional === true}\n`);
        else if (isJsonObject(token)) w.write(2, `TokenExpirationSeconds:\t${String(token.expirationSeconds ?? 3607)}\n`);
      }
    } else if (isJsonObject(downward)) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of objects(downward.items)) {
        const field = getString(item, 'fieldRef', 'fieldPath') ?? getString(item, 'resourceFieldRef', 'resource') ?? '';
        w.write(3, `${field} -> ${String(item.path ?? '')}\n`);
      }
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}
