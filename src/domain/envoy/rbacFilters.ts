/**
 * The RBAC filters istiod 1.26 puts in front of a proxy's inbound traffic for the
 * AuthorizationPolicies that select it (pilot/pkg/security/authz/builder/builder.go, model/*.go,
 * matcher/*.go): one `envoy.filters.http.rbac` per action in each inbound HTTP connection manager
 * (and the gateway's), one `envoy.filters.network.rbac` per action on each inbound TCP chain.
 *
 * The policies and their order come from the evaluator's own selection (`policiesFor`), so the
 * configuration an operator reads and the decision the traffic engine makes never disagree on
 * which policies apply. istiod's sidecar builder uses `authenticated.principal_name` (only the
 * HBONE and waypoint builders use the `io.istio.peer_principal` filter state), and this mesh has
 * one trust domain without aliases, so principals are written as the policy says.
 */
import { getPath, getString, isJsonObject, type Json, type JsonObject, type KubeObject } from '../objects.ts';
import { policiesFor } from '../policies/authorizationPolicy.ts';
import type { AppliedPolicy } from '../policies/authorizationTypes.ts';
import { parseIpPrefix } from '../policies/ipPrefix.ts';
import type { World } from '../world.ts';
import { any } from './envoyPieces.ts';
import { type ProtoObject, protoMap } from './protoJson.ts';

/** model.go: the stat prefixes istiod writes. */
const TCP_STAT_PREFIX = 'tcp.';
const DRY_RUN_ALLOW_PREFIX = 'istio_dry_run_allow_';
const DRY_RUN_DENY_PREFIX = 'istio_dry_run_deny_';
/** builder/extauthz.go: the CUSTOM builder's policy-name prefix, and the suffix when no provider can serve it. */
const EXT_AUTHZ_PREFIX = 'istio-ext-authz-';
const BAD_CUSTOM_SUFFIX = '-deny-due-to-bad-CUSTOM-action';
const JWT_FILTER = 'envoy.filters.http.jwt_authn';
const JWT_PAYLOAD = 'payload';

type Chain = 'http' | 'tcp';
type EnvoyAction = 'ALLOW' | 'DENY' | 'LOG';

/** One policy as the builder reads it: how it applies, and its spec. */
export interface RbacInput {
  applied: AppliedPolicy;
  spec: JsonObject | undefined;
}

// ---------------------------------------------------------------------------------------------
// The filters of one proxy

const cache = new WeakMap<readonly AppliedPolicy[], Partial<Record<Chain, ProtoObject[]>>>();

/** The HTTP RBAC filters of a sidecar's inbound connection managers, or of a gateway's (empty without policies). */
export function rbacHttpFilters(world: World, pod: KubeObject): ProtoObject[] {
  return filtersOf(world, pod, 'http');
}

/** The network RBAC filters of a sidecar's inbound TCP chains, between metadata exchange and stats. */
export function rbacNetworkFilters(world: World, pod: KubeObject): ProtoObject[] {
  return filtersOf(world, pod, 'tcp');
}

function filtersOf(world: World, pod: KubeObject, chain: Chain): ProtoObject[] {
  // policiesFor's array is shared until an AuthorizationPolicy the pod can see changes.
  const applied = policiesFor(world, pod);
  if (applied.length === 0) return [];
  let entry = cache.get(applied);
  if (!entry) cache.set(applied, (entry = {}));
  return (entry[chain] ??= buildRbacFilters(applied.map((p) => ({ applied: p, spec: world.get('AuthorizationPolicy', p.namespace, p.name)?.spec })), chain));
}

/**
 * builder.go `build`: the CUSTOM builder first (no extension provider here, so `getExtAuthz` fails
 * and its enforced rules become a DENY filter named `…-deny-due-to-bad-CUSTOM-action`), then AUDIT
 * (Envoy's LOG), DENY and ALLOW, each a filter whose rules are the enforced policies' and whose
 * shadow rules the dry-run ones'.
 */
export function buildRbacFilters(policies: readonly RbacInput[], chain: Chain): ProtoObject[] {
  const forTcp = chain === 'tcp';
  const filters: ProtoObject[] = [];
  // Dry-run CUSTOM policies never reach the bad-CUSTOM filter (it takes the enforced rules only);
  // with none enforced, there is nothing to deny.
  const custom = policies.filter((p) => p.applied.action === 'CUSTOM' && !p.applied.dryRun);
  if (custom.length > 0) {
    const built = buildRules(custom, 'DENY', forTcp);
    const renamed: ProtoObject = {};
    for (const [name, policy] of Object.entries(built.rules.policies)) renamed[`${EXT_AUTHZ_PREFIX}${name}${BAD_CUSTOM_SUFFIX}`] = policy;
    filters.push(rbacFilter(chain, { rules: rbacRules('DENY', renamed) }));
  }
  for (const [action, envoy] of [['AUDIT', 'LOG'], ['DENY', 'DENY'], ['ALLOW', 'ALLOW']] as const) {
    const selected = policies.filter((p) => p.applied.action === action);
    if (selected.length === 0) continue;
    const enforced = selected.filter((p) => !p.applied.dryRun);
    const dryRun = selected.filter((p) => p.applied.dryRun);
    const rules = enforced.length > 0 ? rbacRules(envoy, buildRules(enforced, envoy, forTcp).rules.policies) : undefined;
    const shadow = dryRun.length > 0 ? rbacRules(envoy, buildRules(dryRun, envoy, forTcp).rules.policies) : undefined;
    filters.push(rbacFilter(chain, {
      rules,
      shadow_rules: shadow,
      // shadowRuleStatPrefix reads the action of nil shadow rules as ALLOW (the proto default).
      shadow_rules_stat_prefix: dryRun.length === 0 || envoy === 'ALLOW' ? DRY_RUN_ALLOW_PREFIX : envoy === 'DENY' ? DRY_RUN_DENY_PREFIX : undefined,
    }));
  }
  return filters;
}

/** envoy.config.rbac.v3.RBAC: the action (ALLOW is the default, left out) and the policies by name. */
function rbacRules(action: EnvoyAction, policies: ProtoObject): ProtoObject {
  return { action: action === 'ALLOW' ? undefined : action, policies: Object.keys(policies).length > 0 ? protoMap(policies) : undefined };
}

/** The HTTP filter (http/rbac/v3: rules, shadow_rules, shadow_rules_stat_prefix) or the network one (with stat_prefix `tcp.`). */
function rbacFilter(chain: Chain, fields: { rules?: ProtoObject; shadow_rules?: ProtoObject; shadow_rules_stat_prefix?: string }): ProtoObject {
  if (chain === 'http') {
    return { name: 'envoy.filters.http.rbac', typed_config: any('envoy.extensions.filters.http.rbac.v3.RBAC', { ...fields }) };
  }
  return { name: 'envoy.filters.network.rbac', typed_config: any('envoy.extensions.filters.network.rbac.v3.RBAC', { ...fields, stat_prefix: TCP_STAT_PREFIX }) };
}

/** builder.go `Builder.build`: every rule of every policy, named `ns[N]-policy[P]-rule[i]`. */
function buildRules(policies: readonly RbacInput[], action: EnvoyAction, forTcp: boolean): { rules: { policies: ProtoObject } } {
  const out: ProtoObject = {};
  for (const { applied, spec } of policies) {
    const name = (i: number) => `ns[${applied.namespace}]-policy[${applied.name}]-rule[${String(i)}]`;
    const rules = getPath(spec, 'rules');
    if (!Array.isArray(rules) || rules.length === 0) {
      // An explicit policy that never matches.
      out[name(0)] = matchNever();
      continue;
    }
    rules.forEach((rule, i) => {
      // A nil rule is skipped; so is a rule istiod cannot model or (ALLOW) generate.
      if (!isJsonObject(rule)) return;
      const generated = generateRule(rule, applied.namespace, forTcp, action);
      if (generated) out[name(i)] = generated;
    });
  }
  return { rules: { policies: out } };
}

function matchNever(): ProtoObject {
  return { permissions: [{ not_rule: { any: true } }], principals: [{ not_id: { any: true } }] };
}

// ---------------------------------------------------------------------------------------------
// One rule (model.go New and Generate)

type Side = 'permission' | 'principal';

interface Generated {
  proto?: ProtoObject;
  error?: 'http-only' | 'invalid';
}

/** A generator: one value (or, extended, all of them) to one Envoy matcher. */
interface Generator {
  side: Side;
  extended: boolean;
  generate: (key: string, values: string[], ctx: RuleContext) => Generated;
}

interface RuleContext {
  policyNs: string;
  forTcp: boolean;
}

interface ModelRule {
  key: string;
  values: string[];
  notValues: string[];
  g: Generator;
}

class SkipRule extends Error {}

function generateRule(rule: JsonObject, policyNs: string, forTcp: boolean, action: EnvoyAction): ProtoObject | undefined {
  const basePermission: ModelRule[] = [];
  const basePrincipal: ModelRule[] = [];
  for (const when of list(rule.when)) {
    const key = getString(when, 'key') ?? '';
    const g = whenGenerator(key);
    // An unknown attribute makes the rule invalid, whatever the action.
    if (!g) return undefined;
    const entry = modelRule(key, strings(getPath(when, 'values')), strings(getPath(when, 'notValues')), g);
    if (entry) (g.side === 'permission' ? basePermission : basePrincipal).push(entry);
  }
  const merged = (entries: Json | undefined, holderKey: string, fields: readonly FieldName[], base: ModelRule[]): ModelRule[][] => {
    const out = list(entries).map((entry) => {
      const holder = getPath(entry, holderKey);
      const own = isJsonObject(holder ?? null)
        ? fields.flatMap(([key, valuesKey, notKey, g]) => {
          const r = modelRule(key, strings(getPath(holder, valuesKey)), strings(getPath(holder, notKey)), g);
          return r ? [r] : [];
        })
        : [];
      return [...own, ...base];
    });
    return out.length > 0 ? out : [base];
  };
  const ctx: RuleContext = { policyNs, forTcp };
  try {
    const permissions = merged(rule.to, 'operation', OPERATION_FIELDS, basePermission).map((rl) => ({ and_rules: { rules: generateList(rl, ctx, action, 'permission') } }));
    const principals = merged(rule.from, 'source', SOURCE_FIELDS, basePrincipal).map((rl) => ({ and_ids: { ids: generateList(rl, ctx, action, 'principal') } }));
    return { permissions, principals };
  } catch (e) {
    if (e instanceof SkipRule) return undefined;
    throw e;
  }
}

function modelRule(key: string, values: string[], notValues: string[], g: Generator): ModelRule | undefined {
  return values.length === 0 && notValues.length === 0 ? undefined : { key, values, notValues, g };
}

/** generatePermission / generatePrincipal: the rules AND-ed, `any` when there are none. */
function generateList(rl: ModelRule[], ctx: RuleContext, action: EnvoyAction, side: Side): ProtoObject[] {
  const and: ProtoObject[] = [];
  for (const r of rl) and.push(...generateOne(r, ctx, action, side));
  return and.length > 0 ? and : [{ any: true }];
}

/**
 * rule.permission / rule.principal: the values OR-ed, the not-values OR-ed under a NOT (an extended
 * generator makes one matcher of the whole list). checkError: an error skips the rule of an ALLOW
 * policy and drops the value from any other.
 */
function generateOne(r: ModelRule, ctx: RuleContext, action: EnvoyAction, side: Side): ProtoObject[] {
  const out: ProtoObject[] = [];
  const orKey = side === 'permission' ? 'or_rules' : 'or_ids';
  const listKey = side === 'permission' ? 'rules' : 'ids';
  const notKey = side === 'permission' ? 'not_rule' : 'not_id';
  for (const [values, negate] of [[r.values, false], [r.notValues, true]] as const) {
    if (values.length === 0) continue;
    const batches = r.g.extended ? [values] : values.map((v) => [v]);
    const or: ProtoObject[] = [];
    for (const batch of batches) {
      const { proto, error } = r.g.generate(r.key, batch, ctx);
      if (error) {
        if (action === 'ALLOW') throw new SkipRule();
        continue;
      }
      if (proto) or.push(proto);
    }
    if (or.length === 0) continue;
    const matcher = r.g.extended ? (or[0] as ProtoObject) : { [orKey]: { [listKey]: or } };
    out.push(negate ? { [notKey]: matcher } : matcher);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Generators (generator.go)

const ok = (proto: ProtoObject): Generated => ({ proto });
const HTTP_ONLY: Generated = { error: 'http-only' };
const INVALID: Generated = { error: 'invalid' };

const gen = (side: Side, generate: (key: string, value: string, ctx: RuleContext) => Generated): Generator =>
  ({ side, extended: false, generate: (key, values, ctx) => generate(key, values[0] ?? '', ctx) });
const extended = (side: Side, generate: Generator['generate']): Generator => ({ side, extended: true, generate });

const authenticated = (m: ProtoObject): ProtoObject => ({ authenticated: { principal_name: m } });

const destIp = gen('permission', (_k, v) => cidrOf(v, (c) => ({ destination_ip: c })));
const destPort = gen('permission', (_k, v) => {
  // util.go convertToPort: ParseUint base 10, at most 65535.
  if (!/^\d+$/.test(v) || Number(v) > 65535) return INVALID;
  return ok({ destination_port: Number(v) });
});
const connSni = gen('permission', (_k, v) => ok({ requested_server_name: stringMatcher(v) }));
const srcIp = gen('principal', (_k, v) => cidrOf(v, (c) => ({ direct_remote_ip: c })));
const remoteIp = gen('principal', (_k, v) => cidrOf(v, (c) => ({ remote_ip: c })));
const srcNamespace = gen('principal', (_k, v) => ok(authenticated(regexMatcher(`.*/ns/${v.replaceAll('*', '.*')}/.*`))));
const srcServiceAccount = gen('principal', (_k, v, ctx) => {
  // serviceAccountRegex: `ns/sa`, or `sa` in the policy's namespace.
  const slash = v.indexOf('/');
  const [ns, sa] = slash < 0 ? [ctx.policyNs, v] : [v.slice(0, slash), v.slice(slash + 1)];
  return ok(authenticated(regexMatcher(`spiffe://.+/ns/${ns}/(.+/|)sa/${sa}(/.+)?`)));
});
const srcPrincipal = gen('principal', (_k, v) => ok(authenticated(stringMatcher(v, 'spiffe://'))));
const requestHeader = gen('principal', (key, v, ctx) => {
  if (ctx.forTcp) return HTTP_ONLY;
  const name = nameInBrackets(key.slice('request.headers'.length));
  return name === undefined ? INVALID : ok({ header: headerMatcher(name, v, false) });
});
const host = gen('permission', (_k, v, ctx) => (ctx.forTcp ? HTTP_ONLY : ok({ header: headerMatcher(':authority', v, true) })));
const method = gen('permission', (_k, v, ctx) => (ctx.forTcp ? HTTP_ONLY : ok({ header: headerMatcher(':method', v, false) })));
const path = gen('permission', (_k, v, ctx) => {
  if (ctx.forTcp) return HTTP_ONLY;
  if (v.includes('{*}') || v.includes('{**}')) {
    // matcher/template.go: `{*}` → `*`, `{**}` → `**` in an Envoy URI template.
    const template = v.replaceAll('{**}', '**').replaceAll('{*}', '*');
    return ok({ uri_template: { name: 'uri-template', typed_config: any('envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig', { path_template: template }) } });
  }
  return ok({ url_path: { path: stringMatcher(v) } });
});

const MATCH_ANY = (): ProtoObject => regexMatcher('.+');

const requestPrincipal = extended('principal', (_key, values, ctx) => {
  if (ctx.forTcp) return HTTP_ONLY;
  const or = values.map((value) => {
    // The last `/` splits issuer and subject (an issuer may be a URL).
    const idx = value.lastIndexOf('/');
    const found = idx >= 0;
    const iss = found ? value.slice(0, idx) : value;
    const sub = found ? value.slice(idx + 1) : '';
    let matchIss: ProtoObject;
    let matchSub: ProtoObject;
    if (value === '*') {
      matchIss = MATCH_ANY();
      matchSub = MATCH_ANY();
    } else if (value.startsWith('*')) {
      if (found) {
        matchIss = iss === '*' ? MATCH_ANY() : { suffix: iss.slice(1) };
        matchSub = { exact: sub };
      } else {
        matchIss = MATCH_ANY();
        matchSub = { suffix: value.slice(1) };
      }
    } else if (value.endsWith('*')) {
      if (found) {
        matchIss = { exact: iss };
        matchSub = sub === '*' ? MATCH_ANY() : { prefix: sub.slice(0, -1) };
      } else {
        matchIss = { prefix: value.slice(0, -1) };
        matchSub = MATCH_ANY();
      }
    } else {
      matchSub = { exact: sub };
      matchIss = { exact: iss };
    }
    return { and_ids: { ids: [{ metadata: jwtClaimMatcher('iss', matchIss) }, { metadata: jwtClaimMatcher('sub', matchSub) }] } };
  });
  if (or.length === 0) return {};
  return ok(or.length === 1 ? (or[0] as ProtoObject) : { or_ids: { ids: or } });
});
const requestAudiences = extended('principal', (_k, values, ctx) => (ctx.forTcp ? HTTP_ONLY : ok({ metadata: jwtListMatcher(['aud'], stringOrMatcher(values)) })));
const requestPresenter = extended('principal', (_k, values, ctx) => (ctx.forTcp ? HTTP_ONLY : ok({ metadata: jwtListMatcher(['azp'], stringOrMatcher(values)) })));
const requestClaims = extended('principal', (key, values, ctx) => {
  if (ctx.forTcp) return HTTP_ONLY;
  const claims = namesInNestedBrackets(key.slice('request.auth.claims'.length));
  return claims === undefined ? INVALID : ok({ metadata: jwtListMatcher(claims, stringOrMatcher(values)) });
});
const envoyFilter = extended('permission', (key, values) => {
  // `experimental.envoy.filters.a.b[c]` → filter `envoy.filters.a.b`, key `c`.
  const trimmed = key.slice('experimental.'.length).replace(/\]$/, '');
  const bracket = trimmed.indexOf('[');
  if (bracket < 0) return INVALID;
  const matchers = values.map((v): ProtoObject => (v.startsWith('[') && v.endsWith(']')
    ? { list_match: { one_of: { string_match: stringMatcher(v.replace(/^[[\]]+|[[\]]+$/g, '')) } } }
    : { string_match: stringMatcher(v) }));
  return ok({ metadata: { filter: trimmed.slice(0, bracket), path: [{ key: trimmed.slice(bracket + 1) }], value: orMatcher(matchers) } });
});

/** model.go New inserts each at the front, so Envoy gets them in this order: [key, values, not-values, generator]. */
type FieldName = readonly [string, string, string, Generator];

const SOURCE_FIELDS: readonly FieldName[] = [
  ['source.principal', 'principals', 'notPrincipals', srcPrincipal],
  ['request.auth.principal', 'requestPrincipals', 'notRequestPrincipals', requestPrincipal],
  ['source.serviceAccount', 'serviceAccounts', 'notServiceAccounts', srcServiceAccount],
  ['source.namespace', 'namespaces', 'notNamespaces', srcNamespace],
  ['remote.ip', 'remoteIpBlocks', 'notRemoteIpBlocks', remoteIp],
  ['source.ip', 'ipBlocks', 'notIpBlocks', srcIp],
];

const OPERATION_FIELDS: readonly FieldName[] = [
  [':authority', 'hosts', 'notHosts', host],
  [':method', 'methods', 'notMethods', method],
  ['path-matcher', 'paths', 'notPaths', path],
  ['destination.port', 'ports', 'notPorts', destPort],
];

const WHEN_KEYS: Readonly<Record<string, Generator>> = {
  'destination.ip': destIp,
  'destination.port': destPort,
  'connection.sni': connSni,
  'source.ip': srcIp,
  'remote.ip': remoteIp,
  'source.namespace': srcNamespace,
  'source.serviceAccount': srcServiceAccount,
  'source.principal': srcPrincipal,
  'request.auth.principal': requestPrincipal,
  'request.auth.audiences': requestAudiences,
  'request.auth.presenter': requestPresenter,
};

function whenGenerator(key: string): Generator | undefined {
  if (Object.hasOwn(WHEN_KEYS, key)) return WHEN_KEYS[key];
  if (key.startsWith('experimental.envoy.filters.')) return envoyFilter;
  if (key.startsWith('request.headers')) return requestHeader;
  if (key.startsWith('request.auth.claims')) return requestClaims;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Matchers (matcher/string.go, header.go, metadata.go)

/** StringMatcherWithPrefix: `*` is the regex `.+` (the prefix dropped), then suffix, prefix, exact. */
function stringMatcher(v: string, prefix = ''): ProtoObject {
  if (v === '*') return regexMatcher('.+');
  if (v.startsWith('*')) return prefix === '' ? { suffix: v.slice(1) } : regexMatcher(`${prefix}.*${v.slice(1)}`);
  if (v.endsWith('*')) return { prefix: prefix + v.slice(0, -1) };
  return { exact: prefix + v };
}

function regexMatcher(regex: string): ProtoObject {
  return { safe_regex: { regex } };
}

/** HeaderMatcher / HostMatcher (case-insensitive): presence for `*`, then suffix, prefix, exact. */
function headerMatcher(name: string, v: string, ignoreCase: boolean): ProtoObject {
  if (v === '*') return { name, present_match: true };
  const ic = ignoreCase ? true : undefined;
  if (v.startsWith('*')) return { name, string_match: { suffix: v.slice(1), ignore_case: ic } };
  if (v.endsWith('*')) return { name, string_match: { prefix: v.slice(0, -1), ignore_case: ic } };
  return { name, string_match: { exact: v, ignore_case: ic } };
}

function orMatcher(matchers: ProtoObject[]): ProtoObject {
  return matchers.length === 1 ? (matchers[0] as ProtoObject) : { or_match: { value_matchers: matchers } };
}

function stringOrMatcher(values: string[]): ProtoObject {
  return orMatcher(values.map((v) => ({ string_match: stringMatcher(v) })));
}

/** MetadataStringMatcherForJWTClaim: the JWT filter's `payload.<claim>`. */
function jwtClaimMatcher(claim: string, m: ProtoObject): ProtoObject {
  return { filter: JWT_FILTER, path: [{ key: JWT_PAYLOAD }, { key: claim }], value: { string_match: m } };
}

/** MetadataListValueMatcherForJWTClaims (useExtendedJwt): a list holding the value, or the value itself. */
function jwtListMatcher(claims: string[], value: ProtoObject): ProtoObject {
  return {
    filter: JWT_FILTER,
    path: [JWT_PAYLOAD, ...claims].map((key) => ({ key })),
    value: { or_match: { value_matchers: [{ list_match: { one_of: value } }, value] } },
  };
}

/** util.go extractNameInBrackets: `[name]`. */
function nameInBrackets(s: string): string | undefined {
  return s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : undefined;
}

/** util.go extractNameInNestedBrackets: `[a][b]…`, else one `[name]`. */
function namesInNestedBrackets(s: string): string[] | undefined {
  const claims: string[] = [];
  for (let begin = 0; begin < s.length;) {
    let end = -1;
    if (s[begin] === '[') {
      for (let i = begin + 1; i < s.length; i++) {
        if (s[i] === '[') break;
        if (s[i] === ']') {
          end = i;
          break;
        }
      }
    }
    if (end < 0) {
      const one = nameInBrackets(s);
      return one === undefined ? undefined : [one];
    }
    claims.push(s.slice(begin + 1, end));
    begin = end + 1;
  }
  return claims;
}

// ---------------------------------------------------------------------------------------------
// Addresses (util.go AddrStrToCidrRange)

function cidrOf(value: string, wrap: (cidr: ProtoObject) => ProtoObject): Generated {
  const prefix = parseIpPrefix(value);
  if (!prefix) return INVALID;
  return ok(wrap({ address_prefix: formatAddress(prefix.bits, prefix.value), prefix_len: prefix.length }));
}

/** netip.Addr.String: dotted IPv4; IPv6 in RFC 5952 form, an IPv4-mapped one as `::ffff:a.b.c.d`. */
export function formatAddress(bits: 32 | 128, value: bigint): string {
  const v4 = (v: bigint) => [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
  if (bits === 32) return v4(value);
  if (value >> 32n === 0xffffn) return `::ffff:${v4(value & 0xffffffffn)}`;
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - i * 16)) & 0xffffn));
  // The longest run of two or more zero groups (the first of equals) becomes `::`.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

// ---------------------------------------------------------------------------------------------

function list(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: Json | undefined): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}
