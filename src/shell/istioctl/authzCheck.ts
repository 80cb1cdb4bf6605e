import { hasSidecar, podPhase } from '../../domain/cluster/pods.ts';
import { getPath, type Json, type KubeObject } from '../../domain/objects.ts';
import { policiesFor } from '../../domain/policies/authorizationPolicy.ts';
import type { AppliedPolicy } from '../../domain/policies/authorizationTypes.ts';
import { isGatewayPod } from '../../domain/resolution/isGatewayPod.ts';
import type { World } from '../../domain/world.ts';
import { tabwrite } from '../kubectl/format/index.ts';
import { podName } from './podArg.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/** An RBAC filter of the pod's listeners: its rules' action and policy names (`ns[N]-policy[P]-rule[i]`), and its shadow rules' names. */
interface RbacFilter {
  action: string;
  policies: string[];
  shadow: string[];
}

/** authz/listener.go: the name of the policy Envoy gets when an action has no rule at all. */
const ANONYMOUS = '_anonymous_match_nothing_';
const POLICY_NAME = /(?:istio-ext-authz-)?ns\[(.+)\]-policy\[(.+)\]-rule\[(.+)\]/;

/** The AuthorizationPolicy actions as istiod builds them, in its order (builder.go `build`), with Envoy's name (AUDIT is LOG). */
const BUILT_ACTIONS: readonly (readonly [string, string])[] = [['AUDIT', 'LOG'], ['DENY', 'DENY'], ['ALLOW', 'ALLOW']];

/** Fields of a rule only an HTTP filter can read (authz/model/generator.go: the generators that fail `forTCP`). */
const HTTP_SOURCE = ['requestPrincipals', 'notRequestPrincipals'];
const HTTP_OPERATION = ['hosts', 'notHosts', 'paths', 'notPaths', 'methods', 'notMethods'];
const HTTP_WHEN = /^(request\.headers|request\.auth\.)/;

/** Whether a rule reads an HTTP-only field: on a TCP filter chain an ALLOW rule like it is skipped (model.go `checkError`). */
function readsHttp(rule: Json): boolean {
  const has = (clauses: Json | undefined, key: string, fields: string[]) =>
    (Array.isArray(clauses) ? clauses : []).some((c) => fields.some((f) => getPath(c, key, f) !== undefined));
  const when = getPath(rule, 'when');
  return has(getPath(rule, 'from'), 'source', HTTP_SOURCE) || has(getPath(rule, 'to'), 'operation', HTTP_OPERATION) ||
    (Array.isArray(when) ? when : []).some((w) => HTTP_WHEN.test(String(getPath(w, 'key') ?? '')));
}

/** The Envoy policy names of some policies' rules on one kind of filter chain (builder.go `build` and `policyName`). */
function ruleNames(world: World, policies: AppliedPolicy[], chain: 'http' | 'tcp', action: string, prefix = ''): string[] {
  return policies.flatMap((policy) => {
    const name = (i: number) => `${prefix}ns[${policy.namespace}]-policy[${policy.name}]-rule[${String(i)}]`;
    const rules = getPath(world.get('AuthorizationPolicy', policy.namespace, policy.name)?.spec, 'rules');
    // A policy without rules gets one that never matches, so `spec: {}` still names itself.
    if (!Array.isArray(rules) || rules.length === 0) return [name(0)];
    return rules.flatMap((rule, i) => (chain === 'tcp' && action === 'ALLOW' && readsHttp(rule) ? [] : [name(i)]));
  });
}

/**
 * The RBAC filters istiod builds for a pod (pilot/pkg/security/authz/builder/builder.go, Istio
 * 1.26), on its HTTP filter chains and, for a sidecar, on its TCP ones (the inbound passthrough
 * chains are TCP whatever the ports). CUSTOM first: this mesh has no extension provider, so
 * `getExtAuthz` fails and the enforced CUSTOM rules become a DENY filter (`getBadCustomDenyRules`,
 * `-deny-due-to-bad-CUSTOM-action`). Then AUDIT (Envoy's LOG), DENY and ALLOW, each one filter whose
 * rules are the enforced policies' and whose shadow rules the dry-run ones'; an action with only
 * dry-run policies has no rules at all, which Envoy reads as ALLOW.
 */
function rbacFilters(world: World, pod: KubeObject): RbacFilter[] {
  // policiesFor: the root namespace's and the pod's namespace's, selector-less or matching; never targetRef(s) ones.
  const policies = policiesFor(world, pod);
  const filters: RbacFilter[] = [];
  for (const chain of isGatewayPod(pod) ? (['http'] as const) : (['http', 'tcp'] as const)) {
    const custom = policies.filter((p) => p.action === 'CUSTOM' && !p.dryRun);
    if (custom.length > 0) {
      filters.push({ action: 'DENY', policies: ruleNames(world, custom, chain, 'CUSTOM', 'istio-ext-authz-').map((n) => `${n}-deny-due-to-bad-CUSTOM-action`), shadow: [] });
    }
    for (const [action, envoy] of BUILT_ACTIONS) {
      const selected = policies.filter((p) => p.action === action);
      if (selected.length === 0) continue;
      const enforced = selected.filter((p) => !p.dryRun);
      filters.push({
        action: enforced.length > 0 ? envoy : 'ALLOW',
        policies: ruleNames(world, enforced, chain, action),
        shadow: ruleNames(world, selected.filter((p) => p.dryRun), chain, action),
      });
    }
  }
  return filters;
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
  const byAction = new Map<string, Set<string>>();
  const rulesOf = new Map<string, Set<string>>();
  const add = (action: string, name: string, rule: string) => {
    byAction.set(action, (byAction.get(action) ?? new Set()).add(name));
    rulesOf.set(name, (rulesOf.get(name) ?? new Set()).add(rule));
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
    for (const name of [...names].sort()) text += `${action}\t${name}\t${String(rulesOf.get(name)?.size ?? 0)}\n`;
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
