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

/** Kinds whose controller puts an object back the moment it is deleted (same name, same contents). */
const RECREATED = new Set(['ConfigMap', 'Endpoints', 'EndpointSlice']);

/**
 * `kubectl delete` of a controller-kept object: for ConfigMaps and Endpoints(Slices) the real
 * delete succeeds and the controller writes the object again at once (istiod's namespace
 * controller, kube-controller-manager's root-CA publisher and endpoint controllers), which is what
 * the learner then sees; deleting events, nodes or istiod's CA secret would need state the
 * simulator does not keep, so it says so. Returns the exit status.
 */
export function deleteKept(io: { out(text: string): void; err(text: string): void }, obj: KubeObject, line: string): number {
  if (RECREATED.has(obj.kind)) {
    io.out(line);
    return 0;
  }
  io.err(`mtls-playground: deleting ${obj.kind === 'Event' ? 'events' : obj.kind === 'Node' ? 'nodes' : "istiod's CA secret"} is not simulated; ${obj.kind.toLowerCase()} "${obj.metadata.name}" stays\n`);
  return 1;
}

/** The controller-kept object of that kind and name, when the world stores none. */
export function controllerObject(world: World, kind: string, namespace: string, name: string): KubeObject | undefined {
  if (!CONTROLLER_KINDS.has(kind)) return undefined;
  return controllerObjects(world, kind, kind === 'Node' ? undefined : namespace, context).find((o) => o.metadata.name === name);
}
