import { type Json, type KubeObject, getPath, getStringMap, isJsonObject } from '../objects.ts';
import { perObject } from '../perObject.ts';
import { phrase } from '../reasons/reason.ts';
import type { Cause, Phrase } from '../traffic/trace.ts';
import type { EffectiveMode } from './types.ts';

/** A mode as written in a PeerAuthentication: absent, `{}` and `UNSET` all read as UNSET. */
export type DeclaredMode = 'UNSET' | EffectiveMode;

/** A PeerAuthentication as the composer sees it. */
export interface PeerAuthenticationView {
  object: KubeObject;
  namespace: string;
  name: string;
  /** By namespace and selector: root+empty → mesh, other+empty → namespace, other+labels → workload, root+labels → ignored. */
  level: 'mesh' | 'namespace' | 'workload' | 'ignored';
  /** `selector.matchLabels`; `selector: null` and `matchLabels: {}` are both empty. */
  selector: Record<string, string>;
  mode: DeclaredMode;
}

/**
 * Classifies one PeerAuthentication. A selector in the root namespace makes it `ignored`: the code
 * only accepts selector-bearing policies outside the root namespace, whatever the API comment says.
 * (istio pilot/pkg/security/authn/policy_applier.go ComposePeerAuthentication;
 * test TestComposePeerAuthentication/"ignore non-emptypb selector in root namespace".)
 */
export function readPeerAuthentication(pa: KubeObject, rootNamespace: string): PeerAuthenticationView {
  const namespace = pa.metadata.namespace ?? '';
  const selector = getStringMap(pa.spec, 'selector', 'matchLabels');
  const empty = Object.keys(selector).length === 0;
  const inRoot = namespace === rootNamespace;
  const level = empty ? (inRoot ? 'mesh' : 'namespace') : inRoot ? 'ignored' : 'workload';
  return { object: pa, namespace, name: pa.metadata.name, level, selector, mode: toDeclaredMode(getPath(pa.spec, 'mtls', 'mode')) };
}

/** The mode a PeerAuthentication declares for one workload port, or undefined when the port is not listed. */
export function declaredPortMode(pa: KubeObject, port: number): DeclaredMode | undefined {
  const entries = getPath(pa.spec, 'portLevelMtls');
  if (!isJsonObject(entries) || !(String(port) in entries)) return undefined;
  return toDeclaredMode(getPath(entries, String(port), 'mode'));
}

/** Names the field that carries a policy's mode, for the UI to open the YAML there. Shared: read-only. */
export function modeCause(view: PeerAuthenticationView, port?: number): Cause {
  return port === undefined ? policyModeCause(view) : readModeCause(view, port);
}

/** Once per view: a view stands for one policy object, which never changes. */
const policyModeCause = perObject((view: PeerAuthenticationView) => readModeCause(view));

function readModeCause(view: PeerAuthenticationView, port?: number): Cause {
  const base = port === undefined ? ['spec', 'mtls'] : ['spec', 'portLevelMtls', String(port)];
  const container = getPath(view.object, ...base);
  let field = base;
  if (isJsonObject(container) && 'mode' in container) field = [...base, 'mode'];
  else if (container === undefined && port === undefined) field = ['spec'];
  return { kind: 'PeerAuthentication', namespace: view.namespace, name: view.name, field: field.join('.') };
}

/**
 * A policy as a phrase (code `pa.policy`), in English `PeerAuthentication frontend/default (namespace
 * level)` or `(workload level, port 8080)`, for the reasons that name it. Shared: read-only.
 */
export function policyPhrase(view: PeerAuthenticationView, port?: number): Phrase {
  return port === undefined ? wholePolicyPhrase(view) : makePolicyPhrase(view, port);
}

/** Once per view: a view stands for one policy object, which never changes. */
const wholePolicyPhrase = perObject((view: PeerAuthenticationView) => makePolicyPhrase(view));

function makePolicyPhrase(view: PeerAuthenticationView, port?: number): Phrase {
  return phrase('pa.policy', { ref: `${view.namespace}/${view.name}`, level: view.level, ...(port === undefined ? {} : { port }) });
}

function toDeclaredMode(value: Json | undefined): DeclaredMode {
  // The CRD enum rejects anything else (case-sensitive), so other values can only come from tests.
  return value === 'STRICT' || value === 'PERMISSIVE' || value === 'DISABLE' ? value : 'UNSET';
}
