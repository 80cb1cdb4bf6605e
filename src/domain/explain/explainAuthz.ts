import { getStringMap } from '../objects.ts';
import type { Hop } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { applyCommand } from './editManifest.ts';
import { line } from './messages.ts';
import type { Line, MessageParams } from './types.ts';

/** A fix draft, as suggestFixes collects them. */
export interface AuthzFixDraft {
  code: string;
  params: MessageParams;
  command: string;
  target?: { kind: 'AuthorizationPolicy'; namespace: string; name: string; field?: string };
}

/** Who the caller is to the enforcing proxy: a plaintext caller, the gateway (for the browser), or another principal. */
function callerKind(hop: Hop, fromGateway: boolean): 'plaintext' | 'gateway' | 'principal' {
  if (!hop.authz?.principal) return 'plaintext';
  return fromGateway ? 'gateway' : 'principal';
}

/**
 * The Why panel's authorization line for a hop whose server proxy evaluated AuthorizationPolicy:
 * which policy and rule decided (and on which field), who the caller was to the proxy, and what a
 * dry-run policy would have done. Read from the hop's decision; nothing is evaluated again.
 * `fromGateway`: the hop's client is an ingress gateway (explainTrace's client actor).
 */
export function authzLine(hop: Hop, fromGateway: boolean): Line | undefined {
  const authz = hop.authz;
  if (!authz) return undefined;
  const m = authz.match;
  const params: Record<string, string | number> = {
    decision: authz.code,
    caller: callerKind(hop, fromGateway),
    principal: authz.principal ?? '',
    allow: authz.applied.filter((p) => p.action === 'ALLOW' && !p.dryRun).map((p) => `${p.namespace}/${p.name}`).join(', '),
  };
  if (m) {
    params.policy = `${m.policy.namespace}/${m.policy.name}`;
    if (m.rule !== undefined) params.rule = m.rule;
    if (m.field) params.field = m.field;
  }
  if (authz.dryRun) params.dryRun = authz.dryRun.allowed ? 'allowed' : 'denied';
  const notes = new Set(authz.notes.map((n) => n.code));
  if (notes.has('http-fields-on-tcp')) params.tcp = 1;
  if (notes.has('custom-no-provider')) params.custom = 1;
  return line('hop.authz', params);
}

/** The labels an ALLOW policy for the server's workload selects it by: its `app` label when it has one. */
function serverSelector(world: World, hop: Hop): Record<string, string> | undefined {
  const slash = hop.to.indexOf('/');
  const pod = world.get('Pod', hop.to.slice(0, slash), hop.to.slice(slash + 1));
  const app = pod ? getStringMap(pod.metadata, 'labels').app : undefined;
  return app ? { app } : undefined;
}

/**
 * Changes that let a denied request through, each a command that runs here and on a real cluster:
 * - a DENY rule matched: dry-run the policy first (`istio.io/dry-run`), or delete it;
 * - no ALLOW rule matched a caller with a principal: an ALLOW policy for exactly that principal;
 * - no ALLOW rule matched a plaintext caller: nothing here; the caller needs a sidecar first (a
 *   principal is what the rules match), which suggestFixes' client-sidecar fixes give.
 */
export function authzFixes(world: World, hop: Hop): AuthzFixDraft[] {
  const authz = hop.authz;
  if (!authz || authz.allowed) return [];
  const slash = hop.to.indexOf('/');
  const namespace = hop.to.slice(0, slash);
  const m = authz.match;
  if (authz.code === 'deny.matched' && m) {
    const ref = `${m.policy.namespace}/${m.policy.name}`;
    const target = { kind: 'AuthorizationPolicy' as const, namespace: m.policy.namespace, name: m.policy.name, ...(m.field ? { field: m.field } : {}) };
    return [
      { code: 'fix.authz-dry-run', params: { policy: ref }, command: `kubectl annotate authorizationpolicy ${m.policy.name} -n ${m.policy.namespace} istio.io/dry-run=true --overwrite`, target },
      { code: 'fix.authz-delete', params: { policy: ref }, command: `kubectl delete authorizationpolicy ${m.policy.name} -n ${m.policy.namespace}`, target },
    ];
  }
  if (!authz.principal) return [];
  const selector = serverSelector(world, hop);
  const name = `allow-${authz.principal.split('/sa/')[1] ?? 'caller'}`.slice(0, 63);
  const manifest = {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name, namespace },
    spec: {
      ...(selector ? { selector: { matchLabels: selector } } : {}),
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: [authz.principal] } }] }],
    },
  };
  return [{ code: 'fix.authz-allow-principal', params: { principal: authz.principal, namespace, name }, command: applyCommand(manifest) }];
}
