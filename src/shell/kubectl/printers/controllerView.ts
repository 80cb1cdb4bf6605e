import { CONTROLLER_KINDS, controllerObjects } from '../../../domain/cluster/controllerObjects.ts';
import type { KubeObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { CLOUD_SHELL } from '../../gcloud/cloudShell.ts';

const context = { apiServerIp: CLOUD_SHELL.masterIp };

/**
 * `world.list`, plus the objects controllers keep (controllerObjects) that the world does not
 * store itself; a stored object of the same name wins. Sorted by namespace, then name.
 */
export function withControllerObjects(world: World, kind: string, namespace: string | undefined): readonly KubeObject[] {
  const stored = world.list(kind, namespace);
  if (!CONTROLLER_KINDS.has(kind)) return stored;
  const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;
  const storedKeys = new Set(stored.map(key));
  const merged = [...stored, ...controllerObjects(world, kind, namespace, context).filter((o) => !storedKeys.has(key(o)))];
  return merged.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * The API server's deprecation warning for a request on a deprecated kind (apiserver
 * endpoints/deprecation/deprecation.go WarningMessage; core/v1 Endpoints since 1.33, replaced by
 * discovery.k8s.io/v1 EndpointSlice), as kubectl prints it once per run (its deduplicating handler).
 */
export function deprecationWarnings(kinds: readonly string[]): string {
  return kinds.includes('Endpoints') ? 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n' : '';
}

/** The controller-kept object of that kind and name, when the world stores none. */
export function controllerObject(world: World, kind: string, namespace: string, name: string): KubeObject | undefined {
  if (!CONTROLLER_KINDS.has(kind)) return undefined;
  return controllerObjects(world, kind, kind === 'Node' ? undefined : namespace, context).find((o) => o.metadata.name === name);
}
