/**
 * The kinds whose changes istiod pushes to the proxies: a change to one of them moves the world's
 * `configVersion`, which the resolution caches, the request matrix and the diagram key on.
 */
export const MESH_CONFIG_KINDS = ['PeerAuthentication', 'DestinationRule', 'AuthorizationPolicy', 'VirtualService', 'Gateway'] as const;

export function isMeshConfigKind(kind: string): boolean {
  return (MESH_CONFIG_KINDS as readonly string[]).includes(kind);
}
