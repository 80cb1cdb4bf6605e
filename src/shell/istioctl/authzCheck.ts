import { hasSidecar, podPhase } from '../../domain/cluster/pods.ts';
import { getPath, getStringMap, type KubeObject, labelsMatch } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import { tabwrite } from '../kubectl/format/index.ts';
import { podName } from './podArg.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/** An RBAC filter of the pod's inbound listener: its action and its named policies (`ns[N]-policy[P]-rule[i]`). */
interface RbacFilter {
  action: string;
  policies: string[];
  shadow: string[];
}

/** authz/listener.go: the name of the policy Envoy gets when an action has no rule at all. */
const ANONYMOUS = '_anonymous_match_nothing_';
const POLICY_NAME = /(?:istio-ext-authz-)?ns\[(.+)\]-policy\[(.+)\]-rule\[(.+)\]/;

/** The AuthorizationPolicy action as the RBAC filter carries it (AUDIT is Envoy's LOG). */
const ENVOY_ACTION: Readonly<Record<string, string>> = { ALLOW: 'ALLOW', DENY: 'DENY', AUDIT: 'LOG', CUSTOM: 'CUSTOM' };

/**
 * The RBAC filters istiod builds for a workload (pilot/pkg/security/authz/builder): one per action
 * among the policies that select it (the root namespace's and its own namespace's, without a
 * selector or with one its labels match), each rule named `ns[N]-policy[P]-rule[i]`; CUSTOM rules
 * go to the shadow rules with the `istio-ext-authz-` prefix.
 */
function rbacFilters(world: World, pod: KubeObject): RbacFilter[] {
  const ns = pod.metadata.namespace ?? '';
  const namespaces = ns === world.rootNamespace ? [ns] : [world.rootNamespace, ns];
  const byAction = new Map<string, RbacFilter>();
  for (const policyNs of namespaces) {
    for (const policy of world.list('AuthorizationPolicy', policyNs)) {
      const selector = getStringMap(policy.spec, 'selector', 'matchLabels');
      if (Object.keys(selector).length > 0 && !labelsMatch(selector, pod.metadata.labels)) continue;
      const action = ENVOY_ACTION[String(getPath(policy.spec, 'action') ?? 'ALLOW')] ?? 'ALLOW';
      const filter = byAction.get(action) ?? { action: action === 'CUSTOM' ? 'ALLOW' : action, policies: [], shadow: [] };
      byAction.set(action, filter);
      const rules = getPath(policy.spec, 'rules');
      const count = Array.isArray(rules) ? rules.length : 0;
      for (let i = 0; i < count; i++) {
        const name = `ns[${policyNs}]-policy[${policy.metadata.name}]-rule[${String(i)}]`;
        if (action === 'CUSTOM') filter.shadow.push(`istio-ext-authz-${name}`);
        else filter.policies.push(name);
      }
    }
  }
  return [...byAction.values()];
}

/** RBAC filters found anywhere in a saved config dump (`typed_config` of type …rbac.v3.RBAC). */
function rbacFiltersInDump(value: unknown, out: RbacFilter[] = [], depth = 0): RbacFilter[] {
  if (depth > 64 || !value || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) rbacFiltersInDump(v, out, depth + 1);
    return out;
  }
  const o = value as Record<string, unknown>;
  if (typeof o['@type'] === 'string' && /\.rbac\.v3\.RBAC$/.test(o['@type'])) {
    const keys = (v: unknown) => (v && typeof v === 'object' ? Object.keys((v as Record<string, unknown>).policies ?? {}) : []);
    const action = typeof getPath(o.rules, 'action') === 'string' ? String(getPath(o.rules, 'action')) : 'ALLOW';
    out.push({ action, policies: keys(o.rules), shadow: keys(o.shadow_rules) });
    return out;
  }
  for (const v of Object.values(o)) rbacFiltersInDump(v, out, depth + 1);
  return out;
}

/** authz/listener.go `Print`: DENY, ALLOW, LOG, CUSTOM; names sorted; distinct rules counted; tabwriter padding 3. */
function printPolicies(ctx: IstioctlContext, filters: RbacFilter[]): void {
  const byAction = new Map<string, Map<string, Set<string>>>();
  const add = (action: string, name: string, rule: string) => {
    const names = byAction.get(action) ?? new Map<string, Set<string>>();
    byAction.set(action, names);
    names.set(name, (names.get(name) ?? new Set()).add(rule));
  };
  const split = (full: string): [string, string] => {
    const m = POLICY_NAME.exec(full);
    return m ? [`${m[2] ?? ''}.${m[1] ?? ''}`, m[3] ?? ''] : ['', ''];
  };
  for (const f of filters) {
    for (const p of f.policies) add(f.action, ...split(p));
    for (const p of f.shadow) if (p.startsWith('istio-ext-authz-')) add('CUSTOM', ...split(p));
    if (f.policies.length === 0) add(f.action, ANONYMOUS, '0');
  }
  let text = 'ACTION\tAuthorizationPolicy\tRULES\n';
  for (const action of ['DENY', 'ALLOW', 'LOG', 'CUSTOM']) {
    const names = byAction.get(action);
    if (!names) continue;
    for (const name of [...names.keys()].sort()) text += `${action}\t${name}\t${String(names.get(name)?.size ?? 0)}\n`;
  }
  ctx.out(tabwrite(text, { minwidth: 0, padding: 3, padchar: ' ', rememberWidths: false }));
}

function authzCheck(ctx: IstioctlContext): number | CommandError {
  const args = ctx.args.positionals;
  if (args.length > 1) return { message: 'check requires only <pod-name>[.<pod-namespace>]', exitCode: 1 };
  const file = ctx.flag<string>('file') ?? '';
  if (file !== '') {
    const text = ctx.services.fs.readFile(file);
    if (text === undefined) return { message: `failed to get config dump from file ${file}: open ${file}: no such file or directory`, exitCode: 1 };
    let dump: unknown;
    try {
      dump = JSON.parse(text);
    } catch {
      return { message: `failed to get config dump from file ${file}: failed to unmarshal proxy config: unexpected end of JSON input`, exitCode: 1 };
    }
    printPolicies(ctx, rbacFiltersInDump(getPath(dump, 'configs') ?? dump));
    return 0;
  }
  if (args.length === 0) return { message: 'expecting pod name or config dump, found: 0', exitCode: 1 };
  const found = podName(ctx, args[0] ?? '');
  if (!found.ok) return found.error;
  // getConfigDumpFromPod: exactly one Istio pod by that name, then its Envoy's config_dump.
  const pod = ctx.world.get('Pod', found.namespace, found.name);
  if (!ctx.world.credentials || !pod || !hasSidecar(pod) || podPhase(pod) !== 'Running') {
    return { message: `failed to get config dump from pod ${found.name} in ${found.namespace}`, exitCode: 1 };
  }
  printPolicies(ctx, rbacFilters(ctx.world, pod));
  return 0;
}

const checkCommand: IstioctlCommand = {
  name: 'check',
  short: 'Check AuthorizationPolicy applied in the pod.',
  usage: 'istioctl experimental authz check [<type>/]<name>[.<namespace>] [flags]',
  flags: [{ long: 'file', short: 'f', type: 'string', description: 'The json file with Envoy config dump to be checked' }],
  run: authzCheck,
};

/** `istioctl experimental authz` (istioctl/pkg/authz): only `check`, which lists the policies a pod's Envoy enforces. */
export const authzCommand: IstioctlCommand = {
  name: 'authz',
  short: 'Inspect Istio AuthorizationPolicy',
  children: [checkCommand],
};
