import type { KindInfo } from '../../../domain/kinds.ts';
import { resolveKind } from '../resources.ts';

/** One kind, and either the names asked for or (names undefined) every object that matches. */
export interface ResourceRequest {
  info: KindInfo;
  names?: string[];
}

export type ResourceArgs =
  | {
      ok: true;
      requests: ResourceRequest[];
      /** Exactly one object was named: `-o yaml|json|jsonpath` print it bare, not in a List. */
      singleItemImplied: boolean;
      /** Objects were named (TYPE NAME… or TYPE/NAME…). */
      byName: boolean;
    }
  | { ok: false; error: string };

const ACROSS_NAMESPACES = 'error: a resource cannot be retrieved by name across all namespaces';

/** kubectl's `all` category, in discovery order, as far as this cluster serves its kinds. */
const ALL_CATEGORY = ['pods', 'services', 'deployments.apps', 'replicasets.apps'];

/** `pods,svc` → kinds; `all` expands to its category; unknown types fail like the RESTMapper. */
function resolveTypes(text: string): { ok: true; infos: KindInfo[] } | { ok: false; error: string } {
  const infos: KindInfo[] = [];
  for (const typed of text.split(',').filter((t) => t !== '')) {
    for (const name of typed === 'all' ? ALL_CATEGORY : [typed]) {
      const kind = resolveKind(name);
      if (!kind.ok) return kind;
      if (!infos.includes(kind.info)) infos.push(kind.info);
    }
  }
  return { ok: true, infos };
}

/**
 * CLIR:pkg/resource/builder.go `ResourceTypeOrNameArgs`: `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`,
 * with the builder's errors for mixed forms, several types with names, and names with -l or -A
 * (`visitBySelector`, and `visitByName`/`visitByResource`, which refuse -A for namespaced kinds only).
 */
export function parseResourceArgs(args: readonly string[], options: { selector: boolean; allNamespaces: boolean }): ResourceArgs {
  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0 && slashed !== args.length) {
    return { ok: false, error: "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'" };
  }
  if (slashed > 0) {
    const requests: ResourceRequest[] = [];
    for (const arg of args) {
      const parts = arg.split('/');
      if (parts.length !== 2) return { ok: false, error: 'error: arguments in resource/name form may not have more than one slash' };
      const [type = '', name = ''] = parts;
      if (type === '' || name === '' || type.includes(',') || type === 'all') {
        return { ok: false, error: 'error: arguments in resource/name form must have a single resource and name' };
      }
      const kind = resolveKind(type);
      if (!kind.ok) return kind;
      requests.push({ info: kind.info, names: [name] });
    }
    if (options.selector) return { ok: false, error: 'error: selectors and the all flag cannot be used when passing resource/name arguments' };
    if (options.allNamespaces && requests.some((r) => r.info.namespaced)) return { ok: false, error: ACROSS_NAMESPACES };
    return { ok: true, requests, singleItemImplied: requests.length === 1, byName: true };
  }
  const [types = '', ...names] = args;
  const resolved = resolveTypes(types);
  if (!resolved.ok) return resolved;
  if (names.length === 0) return { ok: true, requests: resolved.infos.map((info) => ({ info })), singleItemImplied: false, byName: false };
  if (resolved.infos.length !== 1) return { ok: false, error: 'error: you must specify only one resource' };
  if (options.selector) return { ok: false, error: 'error: name cannot be provided when a selector is specified' };
  const info = resolved.infos[0] as KindInfo;
  if (options.allNamespaces && info.namespaced) return { ok: false, error: ACROSS_NAMESPACES };
  return { ok: true, requests: [{ info, names }], singleItemImplied: names.length === 1, byName: true };
}
