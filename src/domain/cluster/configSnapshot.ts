import type { World } from '../world.ts';
import { compareText } from '../compareText.ts';

import { MESH_CONFIG_KINDS } from '../meshConfigKinds.ts';

/** resourceVersion by `kind/namespace/name`, for the mesh configuration kinds. */
export type ConfigSnapshot = Map<string, string>;

export function configSnapshot(world: World): ConfigSnapshot {
  const snap: ConfigSnapshot = new Map();
  for (const kind of MESH_CONFIG_KINDS) {
    for (const obj of world.list(kind)) snap.set(`${kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, obj.metadata.resourceVersion);
  }
  return snap;
}

export interface ConfigDiffEntry {
  action: 'created' | 'configured' | 'deleted';
  kind: string;
  namespace: string;
  name: string;
}

/** What changed between two snapshots, in a stable order (kind, namespace, name). */
export function diffConfig(before: ConfigSnapshot, after: ConfigSnapshot): ConfigDiffEntry[] {
  const out: ConfigDiffEntry[] = [];
  const split = (key: string) => {
    const [kind = '', namespace = '', name = ''] = key.split('/');
    return { kind, namespace, name };
  };
  for (const [key, version] of after) {
    const prev = before.get(key);
    if (prev === undefined) out.push({ action: 'created', ...split(key) });
    else if (prev !== version) out.push({ action: 'configured', ...split(key) });
  }
  for (const key of before.keys()) if (!after.has(key)) out.push({ action: 'deleted', ...split(key) });
  return out.sort((a, b) => compareText(`${a.kind}/${a.namespace}/${a.name}`, `${b.kind}/${b.namespace}/${b.name}`));
}
