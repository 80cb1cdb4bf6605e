import { POLICY_KINDS } from './policies/index.ts';

/**
 * The kinds whose changes istiod pushes to the proxies: a change to one of them moves the world's
 * `configVersion`, which the resolution caches, the request matrix and the diagram key on. The
 * policy kind modules say which they are (`meshConfig`).
 */
export const MESH_CONFIG_KINDS: readonly string[] = POLICY_KINDS.filter((m) => m.meshConfig).map((m) => m.info.kind);

const meshConfig = new Set(MESH_CONFIG_KINDS);

export function isMeshConfigKind(kind: string): boolean {
  return meshConfig.has(kind);
}
