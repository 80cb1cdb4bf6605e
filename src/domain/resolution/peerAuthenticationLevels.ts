import type { World } from '../world.ts';
import { compareByCreationTime } from './compareByCreationTime.ts';
import { type PeerAuthenticationView, readPeerAuthentication } from './readPeerAuthentication.ts';

/** One namespace's PeerAuthentications by level, each list oldest first (creation time, then name). */
export interface PeerAuthenticationLevels {
  /** Empty selector in the root namespace. */
  readonly mesh: readonly PeerAuthenticationView[];
  /** Empty selector in any other namespace. */
  readonly namespace: readonly PeerAuthenticationView[];
  /** A selector, outside the root namespace. */
  readonly workload: readonly PeerAuthenticationView[];
  /** A selector in the root namespace: never applies. */
  readonly ignored: readonly PeerAuthenticationView[];
}

/**
 * Read once per change: an entry stays valid while the namespace's PeerAuthentications keep their
 * change stamp. Stamps are unique across worlds (see World.version), so one entry per namespace
 * serves a world, its clones and its snapshots alike.
 */
const cache = new Map<string, { stamp: number; root: string; levels: PeerAuthenticationLevels }>();

/**
 * The PeerAuthentications of `namespace` sorted and classified as the composer reads them. The
 * same object comes back until they change, so callers may key their own caches on it.
 */
export function peerAuthenticationLevels(world: World, namespace: string): PeerAuthenticationLevels {
  const stamp = world.version('PeerAuthentication', namespace);
  const root = world.rootNamespace;
  const hit = cache.get(namespace);
  if (hit && hit.stamp === stamp && hit.root === root) return hit.levels;
  const levels: { [K in keyof PeerAuthenticationLevels]: PeerAuthenticationView[] } = { mesh: [], namespace: [], workload: [], ignored: [] };
  const sorted = [...world.list('PeerAuthentication', namespace)].sort(compareByCreationTime);
  for (const pa of sorted) {
    const view = readPeerAuthentication(pa, root);
    levels[view.level].push(view);
  }
  cache.set(namespace, { stamp, root, levels });
  return levels;
}
