import type { Hop } from '../../domain/traffic/trace.ts';
import type { MeshLayout } from './types.ts';

/** The nodes a hop passes: client, an optional distinct entry node (the LoadBalancer), server. */
export interface HopNodes {
  from: string;
  via?: string;
  to: string;
}

/** `<workload>-<ReplicaSet hash>-<pod hash>`: what is left after the Deployment's name. */
const POD_SUFFIX = /^[a-z0-9]+-[a-z0-9]+$/;

const memo = new WeakMap<object, Map<string, string | undefined>>();

function resolve(layout: MeshLayout, endpoint: string): string | undefined {
  // `<ns>/<pod>/<container>` (a trace's `from`) names the same pod as `<ns>/<pod>`.
  const [ns = '', name = ''] = endpoint.split('/');
  const direct = `${ns}/${name}`;
  if (layout.byId.has(direct)) return direct;
  let best: { id: string; len: number } | undefined;
  for (const node of layout.nodes) {
    if (node.namespace !== ns) continue;
    if (node.pod === name) return node.id;
    const workload = node.label;
    if (node.deployment && name.startsWith(`${workload}-`) && POD_SUFFIX.test(name.slice(workload.length + 1)) && (!best || workload.length > best.len)) {
      best = { id: node.id, len: workload.length };
    }
  }
  return best?.id;
}

/**
 * The node id of a trace endpoint: `external/browser` and Services such as
 * `frontend/frontend-external` map directly, a pod `frontend/frontend-5bb4cb8587-hwc42` maps to
 * its workload's node (by the layout's representative pod, or by stripping the ReplicaSet and pod
 * suffixes). Undefined when the layout has no such node. Memoised per layout geometry (its key
 * includes every node's id and representative pod).
 */
export function endpointNodeId(layout: MeshLayout, endpoint: string): string | undefined {
  let cache = memo.get(layout.geometry);
  if (!cache) memo.set(layout.geometry, (cache = new Map()));
  if (cache.has(endpoint)) return cache.get(endpoint);
  const id = resolve(layout, endpoint);
  cache.set(endpoint, id);
  return id;
}

/** The nodes of one hop; `via` only when it is a node other than both ends. Undefined when an end has no node. */
export function hopNodeIds(layout: MeshLayout, hop: Pick<Hop, 'from' | 'to' | 'via'>): HopNodes | undefined {
  const from = endpointNodeId(layout, hop.from);
  const to = endpointNodeId(layout, hop.to);
  if (from === undefined || to === undefined) return undefined;
  const via = hop.via !== undefined ? endpointNodeId(layout, hop.via) : undefined;
  return via !== undefined && via !== from && via !== to ? { from, via, to } : { from, to };
}
