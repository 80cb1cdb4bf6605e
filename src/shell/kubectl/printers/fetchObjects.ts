import type { KubeObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { controllerObject, withControllerObjects } from './controllerView.ts';
import { type Requirement, matchesSelector, notFoundError } from '../resources.ts';
import type { ResourceRequest } from './resourceArgs.ts';

/** Where to look: the -n namespace, or every namespace with -A; and the -l requirements. */
export interface FetchScope {
  namespace: string;
  allNamespaces: boolean;
  selector: Requirement[];
}

/** The objects found, in request order, and a NotFound error per missing name. */
export interface Fetched {
  objects: KubeObject[];
  errors: string[];
}

/** Gets named objects or lists objects, as the API server answers kubectl's builder. */
export function fetchObjects(world: World, requests: readonly ResourceRequest[], scope: FetchScope): Fetched {
  const objects: KubeObject[] = [];
  const errors: string[] = [];
  for (const { info, names } of requests) {
    const ns = info.namespaced ? scope.namespace : '';
    if (names) {
      for (const name of names) {
        const obj = world.get(info.kind, ns, name) ?? controllerObject(world, info.kind, ns, name);
        if (obj) objects.push(obj);
        else errors.push(notFoundError(info, name));
      }
      continue;
    }
    const listed = withControllerObjects(world, info.kind, info.namespaced && !scope.allNamespaces ? ns : undefined);
    objects.push(...listed.filter((obj) => matchesSelector(scope.selector, obj.metadata.labels)));
  }
  return { objects, errors };
}
