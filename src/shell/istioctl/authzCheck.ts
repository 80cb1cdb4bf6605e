import { hasSidecar, podPhase } from '../../domain/cluster/pods.ts';
import { getPath, type Json } from '../../domain/objects.ts';
import { inspectPart } from '../inspect/lazyInspect.ts';
import { tabwrite } from '../kubectl/format/index.ts';
import { stillLoading } from '../lazyPart.ts';
import { podName } from './podArg.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/** An RBAC filter of the pod's listeners: its rules' action and policy names (`ns[N]-policy[P]-rule[i]`), and its shadow rules' names. */
interface RbacFilter {
  action: string;
  policies: string[];
  shadow: string[];
}

/** authz/listener.go: the name istioctl prints for a filter whose rules are empty (`rules: {}`). */
const ANONYMOUS = '_anonymous_match_nothing_';
const POLICY_NAME = /(?:istio-ext-authz-)?ns\[(.+)\]-policy\[(.+)\]-rule\[(.+)\]/;

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
  // getConfigDumpFromPod: exactly one Istio pod by that name, then its Envoy's config_dump, read
  // as from a file: the RBAC filters are the ones src/domain/envoy/rbacFilters.ts builds.
  const pod = ctx.world.get('Pod', found.namespace, found.name);
  if (!ctx.world.credentials || !pod || !hasSidecar(pod) || podPhase(pod) !== 'Running') {
    return { message: `failed to get config dump from pod ${found.name} in ${found.namespace}`, exitCode: 1 };
  }
  const tools = inspectPart.get();
  if (!tools) {
    void inspectPart.load().catch(() => undefined);
    return { message: stillLoading('istioctl experimental authz').trimEnd(), exitCode: 126 };
  }
  const dump = tools.podConfigDump(ctx.world, pod);
  printPolicies(ctx, rbacFiltersInDump(getPath(dump as Json, 'configs') ?? dump));
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
