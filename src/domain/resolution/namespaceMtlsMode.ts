import type { World } from '../world.ts';
import type { Cause, PhraseParams } from '../traffic/trace.ts';
import { type PeerAuthenticationLevels, peerAuthenticationLevels } from './peerAuthenticationLevels.ts';
import { type PeerAuthenticationView, modeCause, policyPhrase } from './readPeerAuthentication.ts';
import { reason } from '../reasons/reason.ts';
import type { EffectiveMode } from './types.ts';

/** A namespace's mTLS mode from namespace- and mesh-level policy only, with what decided it. */
export interface NamespaceMtls {
  mode: EffectiveMode | 'UNKNOWN';
  /** The policy the mode came from, when one did. */
  policy?: PeerAuthenticationView;
  /** One sentence, e.g. `PeerAuthentication ad/default (namespace level) sets DISABLE`. */
  text: string;
  /** The sentence's code and parameters (a phrase: `ns.sets`, `ns.unset`, `ns.mesh`, `ns.unknown`). */
  code: string;
  params: PhraseParams;
  causes: Cause[];
}

/**
 * The namespace-level mTLS mode clients use to decide whether auto mTLS is on for a service:
 * the namespace policy's mode (UNSET → the mesh mode, or PERMISSIVE without one), else the mesh
 * mode (UNSET → PERMISSIVE), else UNKNOWN. Workload and port-level policies play no part.
 * (istio pilot/pkg/model/authentication.go addPeerAuthentication + GetNamespaceMutualTLSMode;
 * tests TestGetPoliciesForWorkload, TestGetPoliciesForWorkloadWithoutMeshPeerAuthn.)
 */
export function namespaceMtlsMode(world: World, namespace: string): EffectiveMode | 'UNKNOWN' {
  return resolveNamespaceMtls(world, namespace).mode;
}

/** Results by namespace, for one state of its policies and the root namespace's. Read-only. */
const cache = new Map<string, { own: PeerAuthenticationLevels; root: PeerAuthenticationLevels; result: NamespaceMtls }>();

/** namespaceMtlsMode with its reason. */
export function resolveNamespaceMtls(world: World, namespace: string): NamespaceMtls {
  const root = peerAuthenticationLevels(world, world.rootNamespace);
  const own = peerAuthenticationLevels(world, namespace);
  const hit = cache.get(namespace);
  if (hit && hit.own === own && hit.root === root) return hit.result;
  const result = decideNamespaceMtls(namespace, namespace === world.rootNamespace ? undefined : own, root);
  cache.set(namespace, { own, root, result });
  return result;
}

function decideNamespaceMtls(namespace: string, own: PeerAuthenticationLevels | undefined, root: PeerAuthenticationLevels): NamespaceMtls {
  const mesh = oldestEmptySelector(root);
  const meshMode: EffectiveMode | 'UNKNOWN' = mesh ? (mesh.mode === 'UNSET' ? 'PERMISSIVE' : mesh.mode) : 'UNKNOWN';
  const ns = own && oldestEmptySelector(own);
  if (ns && ns.mode !== 'UNSET') {
    return { mode: ns.mode, policy: ns, ...reason('ns.sets', { policy: policyPhrase(ns), mode: ns.mode }, [modeCause(ns)]) };
  }
  if (ns) {
    const inherited = meshMode === 'UNKNOWN' ? 'PERMISSIVE' : meshMode;
    return {
      mode: inherited,
      policy: mesh && mesh.mode !== 'UNSET' ? mesh : ns,
      ...reason(
        'ns.unset',
        { policy: policyPhrase(ns), mode: inherited, ...(mesh ? { mesh: policyPhrase(mesh), meshMode: mesh.mode } : {}) },
        [modeCause(ns), ...(mesh ? [modeCause(mesh)] : [])],
      ),
    };
  }
  if (mesh) return { mode: meshMode, policy: mesh, ...reason('ns.mesh', { policy: policyPhrase(mesh), mode: mesh.mode }, [modeCause(mesh)]) };
  return { mode: 'UNKNOWN', ...reason('ns.unknown', { namespace }) };
}

/** Only the oldest empty-selector policy per namespace counts; newer ones are dropped at index time. */
function oldestEmptySelector(levels: PeerAuthenticationLevels): PeerAuthenticationView | undefined {
  return levels.mesh[0] ?? levels.namespace[0];
}
