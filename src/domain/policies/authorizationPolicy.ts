/**
 * Istio's AuthorizationPolicy decision, as the enforcing proxy's RBAC filters make it. istiod
 * (1.26, pilot/pkg/security/authz/builder and model) turns each rule into a named Envoy policy; Envoy's
 * RBAC filter (source/extensions/filters/common/rbac/engine_impl) keeps them in a std::map, so the
 * first matching name in byte order is the one it reports. Filters run CUSTOM, AUDIT, DENY, ALLOW.
 */
import { getPath, getString, getStringMap, isJsonObject, type Json, type JsonObject, type KubeObject, labelsMatch } from '../objects.ts';
import { compareByCreationTime } from '../resolution/compareByCreationTime.ts';
import type { World } from '../world.ts';
import type { AppliedPolicy, AuthzDecision, AuthzDecisionCode, AuthzNote, AuthzRequest, RuleMatch } from './authorizationTypes.ts';
import { type IpAddress, parseIpAddress, parseIpPrefix, prefixContains } from './ipPrefix.ts';

type Action = AppliedPolicy['action'];

/** What the matchers read from one request, computed once per evaluation. */
interface MatchContext {
  req: AuthzRequest;
  /** The peer certificate's URI SAN (`spiffe://…`); undefined on plaintext. */
  peerUri: string | undefined;
  sourceIp: IpAddress | undefined;
  remoteIp: IpAddress | undefined;
  destinationIp: IpAddress | undefined;
  /** The path without query and fragment (Envoy's url_path matcher). */
  urlPath: string;
  /** Peer-identity conditions that met a plaintext caller, by field. */
  plaintextFields: Set<string>;
}

/** One AND-ed condition of an Envoy policy: a field's values OR-ed, or its not-values OR-ed and negated. */
interface Condition {
  field: string;
  /** Reads the peer certificate (Envoy's `authenticated` principal). */
  identity: boolean;
  test: (ctx: MatchContext) => boolean;
}

/** One rule as Envoy gets it: any permission set and any principal set must match. */
interface CompiledRule {
  index: number | undefined;
  /** Undefined when istiod generated nothing that can match (a skipped ALLOW rule, or a policy without rules). */
  permissions: Condition[][] | undefined;
  principals: Condition[][] | undefined;
  /** HTTP-only fields this rule could not use on a TCP filter chain. */
  httpOnlyFields: string[];
}

/** One named policy of an RBAC filter. */
interface Entry {
  name: string;
  policy: AppliedPolicy;
  rule: CompiledRule;
}

/** The RBAC filters of one proxy for one protocol: CUSTOM (as DENY, no provider), DENY, ALLOW (undefined: no ALLOW filter). */
interface Stage {
  custom: Entry[];
  deny: Entry[];
  allow: Entry[] | undefined;
}

interface Plan {
  enforced: Stage;
  /** Every policy enforced, dry-run ones included; undefined when none is dry-run. */
  dryRun: Stage | undefined;
  /** The dry-run policies alone: each RBAC filter's shadow rules; undefined when none is dry-run. */
  shadow: Stage | undefined;
  notes: AuthzNote[];
}

interface Selection {
  applied: AppliedPolicy[];
  objects: KubeObject[];
  /** targetRef(s) policies in the looked-up namespaces: they never attach to a sidecar or a non Gateway-API gateway. */
  ignored: KubeObject[];
  plans: { http?: Plan; tcp?: Plan };
}

const DRY_RUN = 'istio.io/dry-run';
/** builder/extauthz.go: what istiod names a CUSTOM rule, and the suffix when it turns it into a DENY. */
const EXT_AUTHZ_PREFIX = 'istio-ext-authz-';
const BAD_CUSTOM_SUFFIX = '-deny-due-to-bad-CUSTOM-action';
/** The order of the RBAC filters istiod builds (builder.go `build`: the CUSTOM builder first, then AUDIT, DENY, ALLOW). */
const ACTION_ORDER: readonly Action[] = ['CUSTOM', 'AUDIT', 'DENY', 'ALLOW'];

/**
 * The AuthorizationPolicies that apply to the proxy of `pod`, in the order its filters run: the root
 * namespace's and the pod's namespace's, without a selector or with matchLabels its labels hold
 * (pilot/pkg/model/authorization.go ListAuthorizationPolicies, policyattachment.go isSelected). The
 * array is shared until the policies change: do not mutate it.
 */
export function policiesFor(world: World, pod: KubeObject): AppliedPolicy[] {
  return selectPolicies(world, pod).applied;
}

/** The decision of the RBAC filters of `req.pod`'s proxy for one request (or TCP connection). */
export function evaluateAuthorization(world: World, req: AuthzRequest): AuthzDecision {
  const selection = selectPolicies(world, req.pod);
  const plan = planFor(selection, req.protocol);
  const ctx = contextOf(req);
  const verdict = decide(plan.enforced, ctx);
  const decision: AuthzDecision = { ...verdict, applied: selection.applied, notes: [] };
  if (plan.dryRun) {
    const { allowed, code, match } = decide(plan.dryRun, ctx);
    decision.dryRun = { allowed, code, ...(match ? { match } : {}) };
  }
  if (plan.shadow) decision.shadow = shadowMatches(plan.shadow, ctx);
  const notes = [...plan.notes];
  for (const field of ctx.plaintextFields) {
    const policy = policyOfField(selection, field);
    notes.push({ code: 'no-principal', ...(policy ? { policy } : {}), field: field.slice(field.indexOf(' ') + 1) });
  }
  decision.notes = notes;
  return decision;
}

/** A plaintext field is recorded as `<ns>/<name> <json path>` so that it names its policy. */
function policyOfField(selection: Selection, recorded: string): { namespace: string; name: string } | undefined {
  const key = recorded.slice(0, recorded.indexOf(' '));
  const found = selection.applied.find((p) => `${p.namespace}/${p.name}` === key);
  return found && { namespace: found.namespace, name: found.name };
}

function decide(stage: Stage, ctx: MatchContext): { allowed: boolean; code: AuthzDecisionCode; match?: RuleMatch; deniedBy?: string } {
  for (const entries of [stage.custom, stage.deny]) {
    const hit = firstMatch(entries, ctx);
    if (hit) return { allowed: false, code: 'deny.matched', match: hit, deniedBy: hit.envoyName };
  }
  if (stage.allow) {
    const hit = firstMatch(stage.allow, ctx);
    if (hit) return { allowed: true, code: 'allow.matched', match: hit };
    return { allowed: false, code: 'deny.no-allow-match', deniedBy: 'none' };
  }
  if (stage.custom.length > 0 || stage.deny.length > 0) return { allowed: true, code: 'allow.no-deny-match' };
  return { allowed: true, code: 'allow.no-policy' };
}

/** Each filter's shadow engine on its own: the dry-run rules of one action, first match by name. */
function shadowMatches(stage: Stage, ctx: MatchContext): NonNullable<AuthzDecision['shadow']> {
  const out: NonNullable<AuthzDecision['shadow']> = {};
  if (stage.custom.length > 0) out.CUSTOM = firstMatch(stage.custom, ctx) ?? null;
  if (stage.deny.length > 0) out.DENY = firstMatch(stage.deny, ctx) ?? null;
  if (stage.allow) out.ALLOW = firstMatch(stage.allow, ctx) ?? null;
  return out;
}

/** Envoy's engine: policies in name order, the first that matches decides. */
function firstMatch(entries: readonly Entry[], ctx: MatchContext): RuleMatch | undefined {
  for (const entry of entries) {
    const field = ruleMatch(entry.rule, ctx);
    if (field === undefined) continue;
    return { policy: entry.policy, ...(entry.rule.index !== undefined ? { rule: entry.rule.index } : {}), envoyName: entry.name, field };
  }
  return undefined;
}

/** The field that decided when the rule matches, else undefined. */
function ruleMatch(rule: CompiledRule, ctx: MatchContext): string | undefined {
  if (!rule.permissions || !rule.principals) return undefined;
  // Envoy's PolicyMatcher checks the permissions first, then the principals.
  const permission = rule.permissions.find((set) => set.every((c) => c.test(ctx)));
  if (!permission) return undefined;
  const principal = rule.principals.find((set) => set.every((c) => c.test(ctx)));
  if (!principal) return undefined;
  return principal[0]?.field ?? permission[0]?.field ?? `spec.rules[${String(rule.index ?? 0)}]`;
}

function contextOf(req: AuthzRequest): MatchContext {
  const podIp = getString(req.pod.status, 'podIP');
  return {
    req,
    peerUri: req.principal === undefined ? undefined : `spiffe://${req.principal}`,
    sourceIp: parseIpAddress(req.sourceIp),
    remoteIp: parseIpAddress(req.remoteIp),
    destinationIp: podIp === undefined ? undefined : parseIpAddress(podIp),
    urlPath: req.path.replace(/[?#].*$/s, ''),
    plaintextFields: new Set(),
  };
}

// ---------------------------------------------------------------------------------------------
// Which policies apply

const selections = new WeakMap<KubeObject, { root: number; ns: number; selection: Selection }>();

function selectPolicies(world: World, pod: KubeObject): Selection {
  const root = world.rootNamespace;
  const ns = pod.metadata.namespace ?? '';
  const stamps = { root: world.version('AuthorizationPolicy', root), ns: world.version('AuthorizationPolicy', ns) };
  const hit = selections.get(pod);
  if (hit && hit.root === stamps.root && hit.ns === stamps.ns) return hit.selection;
  const chosen: { applied: AppliedPolicy; object: KubeObject }[] = [];
  const ignored: KubeObject[] = [];
  for (const policyNs of ns === root ? [root] : [root, ns]) {
    for (const object of [...world.list('AuthorizationPolicy', policyNs)].sort(compareByCreationTime)) {
      if (hasTargetRefs(object.spec)) {
        ignored.push(object);
        continue;
      }
      const matchLabels = getStringMap(object.spec, 'selector', 'matchLabels');
      if (!labelsMatch(matchLabels, pod.metadata.labels)) continue;
      const action = actionOf(object);
      if (!action) continue;
      const selected = Object.keys(matchLabels).length > 0;
      const scope = policyNs === root ? (selected ? 'root-selector' : 'root') : selected ? 'selector' : 'namespace';
      chosen.push({ applied: { namespace: policyNs, name: object.metadata.name, action, dryRun: isDryRun(object), scope }, object });
    }
  }
  const ordered = ACTION_ORDER.flatMap((action) => chosen.filter((c) => c.applied.action === action));
  const selection: Selection = { applied: ordered.map((c) => c.applied), objects: ordered.map((c) => c.object), ignored, plans: {} };
  selections.set(pod, { ...stamps, selection });
  return selection;
}

function hasTargetRefs(spec: JsonObject | undefined): boolean {
  const refs = getPath(spec, 'targetRefs');
  return (Array.isArray(refs) && refs.length > 0) || isJsonObject(getPath(spec, 'targetRef') ?? null);
}

/** The action enum; absent is ALLOW (proto3 default). An unknown one is ignored, as istiod logs and skips it. */
function actionOf(policy: KubeObject): Action | undefined {
  const action = getPath(policy.spec, 'action') ?? 'ALLOW';
  return action === 'ALLOW' || action === 'DENY' || action === 'AUDIT' || action === 'CUSTOM' ? action : undefined;
}

/** builder.go isDryRun: strconv.ParseBool of the annotation; anything unparsable is false. */
function isDryRun(policy: KubeObject): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(policy.metadata.annotations[DRY_RUN] ?? '');
}

// ---------------------------------------------------------------------------------------------
// The RBAC filters

function planFor(selection: Selection, protocol: 'http' | 'tcp'): Plan {
  const cached = selection.plans[protocol];
  if (cached) return cached;
  const forTcp = protocol === 'tcp';
  const notes: AuthzNote[] = [];
  for (const object of selection.ignored) {
    const field = Array.isArray(getPath(object.spec, 'targetRefs')) && (getPath(object.spec, 'targetRefs') as Json[]).length > 0 ? 'spec.targetRefs' : 'spec.targetRef';
    notes.push({ code: 'target-ref-ignored', policy: nameOf(object), field });
  }
  const enforced: Stage = { custom: [], deny: [], allow: undefined };
  const all: Stage = { custom: [], deny: [], allow: undefined };
  const shadow: Stage = { custom: [], deny: [], allow: undefined };
  selection.applied.forEach((policy, i) => {
    const object = selection.objects[i];
    if (!object) return;
    if (policy.action === 'AUDIT') notes.push({ code: 'audit-only', policy: nameOf(object) });
    if (policy.action === 'CUSTOM') notes.push({ code: 'custom-no-provider', policy: nameOf(object), field: 'spec.provider' });
    const rules = compiledRules(object, forTcp);
    for (const rule of rules) {
      for (const field of rule.httpOnlyFields) notes.push({ code: 'http-fields-on-tcp', policy: nameOf(object), field });
    }
    if (policy.action === 'AUDIT') return;
    const entries = rules.map((rule): Entry => ({ name: envoyName(policy, rule.index ?? 0), policy, rule }));
    const targets = policy.dryRun ? [all, shadow] : [enforced, all];
    for (const stage of targets) {
      if (policy.action === 'CUSTOM') stage.custom.push(...entries);
      else if (policy.action === 'DENY') stage.deny.push(...entries);
      else (stage.allow ??= []).push(...entries);
    }
  });
  const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const stage of [enforced, all, shadow]) {
    stage.custom.sort(byName);
    stage.deny.sort(byName);
    stage.allow?.sort(byName);
  }
  const anyDryRun = selection.applied.some((p) => p.dryRun);
  const plan: Plan = { enforced, dryRun: anyDryRun ? all : undefined, shadow: anyDryRun ? shadow : undefined, notes };
  selection.plans[protocol] = plan;
  return plan;
}

function nameOf(object: KubeObject): { namespace: string; name: string } {
  return { namespace: object.metadata.namespace ?? '', name: object.metadata.name };
}

/**
 * builder.go policyName; a CUSTOM rule whose provider is missing becomes a DENY rule under the same
 * name plus `-deny-due-to-bad-CUSTOM-action` (getBadCustomDenyRules): this mesh defines no provider.
 */
function envoyName(policy: AppliedPolicy, rule: number): string {
  const name = `ns[${policy.namespace}]-policy[${policy.name}]-rule[${String(rule)}]`;
  return policy.action === 'CUSTOM' ? `${EXT_AUTHZ_PREFIX}${name}${BAD_CUSTOM_SUFFIX}` : name;
}

// ---------------------------------------------------------------------------------------------
// Rules → Envoy policies (authz/model/model.go New and Generate)

const compiled = new WeakMap<KubeObject, { http?: CompiledRule[]; tcp?: CompiledRule[] }>();

function compiledRules(policy: KubeObject, forTcp: boolean): CompiledRule[] {
  let entry = compiled.get(policy);
  if (!entry) compiled.set(policy, (entry = {}));
  const key = forTcp ? 'tcp' : 'http';
  return (entry[key] ??= compilePolicy(policy, forTcp));
}

/**
 * Whether a policy has no rule that could ever match: no `rules`, or only nil ones, which istiod
 * skips (an ALLOW policy like it is allow-nothing, `spec: {}`).
 */
export function hasNoRules(policy: KubeObject): boolean {
  const rules = getPath(policy.spec, 'rules');
  return !Array.isArray(rules) || !rules.some((r) => isJsonObject(r));
}

function compilePolicy(policy: KubeObject, forTcp: boolean): CompiledRule[] {
  const rules = getPath(policy.spec, 'rules');
  // builder.go: a policy without rules gets one explicit policy that never matches, named rule[0].
  if (!Array.isArray(rules) || rules.length === 0) return [{ index: undefined, permissions: undefined, principals: undefined, httpOnlyFields: [] }];
  // The CUSTOM builder generates with the DENY action; AUDIT (LOG) is lenient like DENY.
  const strict = actionOf(policy) === 'ALLOW';
  const out: CompiledRule[] = [];
  rules.forEach((rule, i) => {
    // A nil rule is skipped (and logged).
    if (!isJsonObject(rule)) return;
    out.push(compileRule(rule, i, { policyNs: policy.metadata.namespace ?? '', policyKey: `${policy.metadata.namespace ?? ''}/${policy.metadata.name} `, forTcp, strict, httpOnlyFields: [] }));
  });
  return out;
}

/** A field of a `source`, an `operation` or a `when`, and the Istio attribute it maps to. */
interface FieldSpec {
  attr: Attribute;
  key: string;
  values: string[];
  notValues: string[];
  /** JSON paths of the values and the not-values fields. */
  path: string;
  notPath: string;
}

type Attribute =
  | 'principal' | 'requestPrincipal' | 'serviceAccount' | 'namespace' | 'remoteIp' | 'srcIp'
  | 'requestAudiences' | 'requestPresenter' | 'requestClaims' | 'requestHeader'
  | 'host' | 'method' | 'path' | 'port' | 'destIp' | 'sni' | 'envoyFilter';

/** Attributes whose generator Istio calls once for the whole list ("extended" generators). */
const EXTENDED = new Set<Attribute>(['requestPrincipal', 'requestAudiences', 'requestPresenter', 'requestClaims', 'envoyFilter']);
/** Attributes read from the peer certificate. */
const IDENTITY = new Set<Attribute>(['principal', 'serviceAccount', 'namespace']);
/** Attributes on the permission side (what is accessed); the others are principals (who). */
const PERMISSION = new Set<Attribute>(['host', 'method', 'path', 'port', 'destIp', 'sni', 'envoyFilter']);

/** An Istio field: its attribute, the key istiod names it by, its values and not-values fields. */
type FieldName = readonly [Attribute, string, string, string];

/** model.go New inserts each at the front, so Envoy gets them in this order. */
const SOURCE_FIELDS: readonly FieldName[] = [
  ['principal', 'source.principal', 'principals', 'notPrincipals'],
  ['requestPrincipal', 'request.auth.principal', 'requestPrincipals', 'notRequestPrincipals'],
  ['serviceAccount', 'source.serviceAccount', 'serviceAccounts', 'notServiceAccounts'],
  ['namespace', 'source.namespace', 'namespaces', 'notNamespaces'],
  ['remoteIp', 'remote.ip', 'remoteIpBlocks', 'notRemoteIpBlocks'],
  ['srcIp', 'source.ip', 'ipBlocks', 'notIpBlocks'],
];

const OPERATION_FIELDS: readonly FieldName[] = [
  ['host', ':authority', 'hosts', 'notHosts'],
  ['method', ':method', 'methods', 'notMethods'],
  ['path', 'path-matcher', 'paths', 'notPaths'],
  ['port', 'destination.port', 'ports', 'notPorts'],
];

/** model.go New: the `when` keys istiod knows exactly; prefixed ones are in whenAttribute. */
const WHEN_KEYS: Readonly<Record<string, Attribute>> = {
  'destination.ip': 'destIp',
  'destination.port': 'port',
  'connection.sni': 'sni',
  'source.ip': 'srcIp',
  'remote.ip': 'remoteIp',
  'source.namespace': 'namespace',
  'source.serviceAccount': 'serviceAccount',
  'source.principal': 'principal',
  'request.auth.principal': 'requestPrincipal',
  'request.auth.audiences': 'requestAudiences',
  'request.auth.presenter': 'requestPresenter',
};

class RuleSkipped extends Error {}

/** What compiling one rule needs to know of its policy, and collects. */
interface RuleScope {
  policyNs: string;
  /** `<ns>/<name> `: prefixes the fields recorded in MatchContext.plaintextFields. */
  policyKey: string;
  forTcp: boolean;
  /** ALLOW: a value istiod cannot generate skips the whole rule. */
  strict: boolean;
  httpOnlyFields: string[];
}

function compileRule(rule: JsonObject, index: number, scope: RuleScope): CompiledRule {
  const base = `spec.rules[${String(index)}]`;
  const httpOnlyFields = scope.httpOnlyFields;
  const skipped = (): CompiledRule => ({ index, permissions: undefined, principals: undefined, httpOnlyFields });
  const whenPermission: FieldSpec[] = [];
  const whenPrincipal: FieldSpec[] = [];
  const when = list(rule.when);
  for (let k = 0; k < when.length; k++) {
    const condition = when[k];
    const key = getString(condition, 'key') ?? '';
    const attr = whenAttribute(key);
    // model.go New: an unknown attribute makes the whole rule invalid, whatever the action.
    if (!attr) return skipped();
    const spec = fieldSpec(attr, key, condition, 'values', 'notValues', `${base}.when[${String(k)}]`);
    (PERMISSION.has(attr) ? whenPermission : whenPrincipal).push(spec);
  }
  const compileSet = (specs: FieldSpec[]): Condition[] => {
    const out: Condition[] = [];
    for (const spec of specs) out.push(...compileField(spec, scope));
    return out;
  };
  /** model.go New: one set per `from` (or `to`) entry, each its fields then the `when` conditions of its side. */
  const sets = (entries: Json | undefined, side: 'from' | 'to', fields: readonly FieldName[], whenSpecs: FieldSpec[]): Condition[][] => {
    const out = list(entries).map((entry, j) => {
      const holderKey = side === 'from' ? 'source' : 'operation';
      const holder = getPath(entry, holderKey);
      const at = `${base}.${side}[${String(j)}].${holderKey}`;
      const specs = isJsonObject(holder ?? null) ? fields.map(([attr, key, values, notValues]) => fieldSpec(attr, key, holder, values, notValues, at)) : [];
      return compileSet([...specs, ...whenSpecs]);
    });
    return out.length > 0 ? out : [compileSet(whenSpecs)];
  };
  try {
    const principals = sets(rule.from, 'from', SOURCE_FIELDS, whenPrincipal);
    const permissions = sets(rule.to, 'to', OPERATION_FIELDS, whenPermission);
    return { index, permissions, principals, httpOnlyFields };
  } catch (e) {
    if (e instanceof RuleSkipped) return skipped();
    throw e;
  }
}

function list(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: Json | undefined): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

function fieldSpec(attr: Attribute, key: string, holder: Json | undefined, valuesKey: string, notKey: string, at: string): FieldSpec {
  return { attr, key, values: strings(getPath(holder, valuesKey)), notValues: strings(getPath(holder, notKey)), path: `${at}.${valuesKey}`, notPath: `${at}.${notKey}` };
}

function whenAttribute(key: string): Attribute | undefined {
  if (Object.hasOwn(WHEN_KEYS, key)) return WHEN_KEYS[key];
  if (key.startsWith('experimental.envoy.filters.')) return 'envoyFilter';
  if (key.startsWith('request.headers')) return 'requestHeader';
  if (key.startsWith('request.auth.claims')) return 'requestClaims';
  return undefined;
}

/**
 * model.go rule.principal/permission: the values OR-ed, the not-values OR-ed under a NOT. A value
 * the generator rejects (an HTTP-only field on TCP, a bad IP or port) skips the whole rule of an
 * ALLOW policy (a narrower allow) and is dropped from a DENY, AUDIT or CUSTOM one (a wider deny):
 * checkError.
 */
function compileField(spec: FieldSpec, scope: RuleScope): Condition[] {
  const out: Condition[] = [];
  for (const [values, field, negate] of [[spec.values, spec.path, false], [spec.notValues, spec.notPath, true]] as const) {
    if (values.length === 0) continue;
    const tests: ((ctx: MatchContext) => boolean)[] = [];
    const batches = EXTENDED.has(spec.attr) ? [values] : values.map((v) => [v]);
    for (const batch of batches) {
      const generated = generate(spec, batch, scope);
      if (generated === 'http-only' || generated === 'invalid') {
        if (generated === 'http-only' && !scope.httpOnlyFields.includes(field)) scope.httpOnlyFields.push(field);
        if (scope.strict) throw new RuleSkipped();
        continue;
      }
      tests.push(generated);
    }
    if (tests.length === 0) continue;
    const identity = IDENTITY.has(spec.attr);
    const any = tests.length === 1 && tests[0] ? tests[0] : (ctx: MatchContext) => tests.some((t) => t(ctx));
    const test = negate ? (ctx: MatchContext) => !any(ctx) : any;
    out.push({
      field,
      identity,
      test: identity
        ? (ctx) => {
          if (ctx.peerUri === undefined) ctx.plaintextFields.add(scope.policyKey + field);
          return test(ctx);
        }
        : test,
    });
  }
  return out;
}

type Test = (ctx: MatchContext) => boolean;

/** generator.go: the Envoy matcher of one value (or, for the extended generators, of all of them). */
function generate(spec: FieldSpec, values: string[], scope: RuleScope): Test | 'http-only' | 'invalid' {
  const value = values[0] ?? '';
  switch (spec.attr) {
    case 'principal': {
      // srcPrincipalGenerator: StringMatcherWithPrefix(value, "spiffe://") on the peer's URI SAN.
      const m = stringMatcher(value, 'spiffe://');
      return authenticated(m);
    }
    case 'serviceAccount': {
      // serviceAccountRegex: `ns/sa`, or `sa` in the policy's own namespace (written into the regex as is).
      const slash = value.indexOf('/');
      const [ns, sa] = slash < 0 ? [scope.policyNs, value] : [value.slice(0, slash), value.slice(slash + 1)];
      return authenticated(regexMatcher(`spiffe://.+/ns/${ns}/(.+/|)sa/${sa}(/.+)?`));
    }
    case 'namespace':
      // srcNamespaceGenerator: `*` becomes `.*` inside `.*/ns/<value>/.*`.
      return authenticated(regexMatcher(`.*/ns/${value.replaceAll('*', '.*')}/.*`));
    case 'srcIp':
    case 'remoteIp':
    case 'destIp': {
      const prefix = parseIpPrefix(value);
      if (!prefix) return 'invalid';
      const attr = spec.attr;
      return (ctx) => {
        const ip = attr === 'srcIp' ? ctx.sourceIp : attr === 'remoteIp' ? ctx.remoteIp : ctx.destinationIp;
        return ip !== undefined && prefixContains(prefix, ip);
      };
    }
    case 'port': {
      // util.go convertToPort: ParseUint base 10, at most 65535.
      if (!/^\d+$/.test(value) || Number(value) > 65535) return 'invalid';
      const port = Number(value);
      return (ctx) => ctx.req.port === port;
    }
    case 'sni': {
      const m = stringMatcher(value, '');
      return (ctx) => m(ctx.req.sni ?? '');
    }
    case 'requestPrincipal':
    case 'requestAudiences':
    case 'requestPresenter':
    case 'requestClaims':
      // JWT claims in dynamic metadata: no RequestAuthentication here, so never present.
      if (scope.forTcp) return 'http-only';
      if (spec.attr === 'requestClaims' && !/^(\[[^[\]]*\])+$/.test(spec.key.slice('request.auth.claims'.length))) return 'invalid';
      return () => false;
    case 'envoyFilter':
      return () => false;
    case 'requestHeader': {
      if (scope.forTcp) return 'http-only';
      const rest = spec.key.slice('request.headers'.length);
      if (!rest.startsWith('[') || !rest.endsWith(']')) return 'invalid';
      const name = rest.slice(1, -1).toLowerCase();
      const m = headerMatcher(value, false);
      return (ctx) => m(Object.hasOwn(ctx.req.headers, name) ? ctx.req.headers[name] : undefined);
    }
    case 'host': {
      if (scope.forTcp) return 'http-only';
      // HostMatcher: case-insensitive, against :authority as sent (with its port, if any).
      const m = headerMatcher(value, true);
      return (ctx) => m(ctx.req.host === '' ? undefined : ctx.req.host);
    }
    case 'method': {
      if (scope.forTcp) return 'http-only';
      const m = headerMatcher(value, false);
      return (ctx) => m(ctx.req.method);
    }
    case 'path': {
      if (scope.forTcp) return 'http-only';
      const m = value.includes('{*}') || value.includes('{**}') ? pathTemplateMatcher(value) : stringMatcher(value, '');
      return (ctx) => m(ctx.urlPath);
    }
  }
}

/** Envoy's `authenticated.principal_name`: never matches without a peer certificate. */
function authenticated(m: (uri: string) => boolean): Test {
  return (ctx) => ctx.peerUri !== undefined && m(ctx.peerUri);
}

/** matcher/string.go StringMatcherWithPrefix (1.26: the suffix goes into the regex unescaped). */
function stringMatcher(v: string, prefix: string): (s: string) => boolean {
  if (v === '*') return (s) => s.length > 0;
  if (v.startsWith('*')) {
    const suffix = v.slice(1);
    if (prefix === '') return (s) => s.endsWith(suffix);
    return regexMatcher(`${prefix}.*${suffix}`);
  }
  if (v.endsWith('*')) {
    const start = prefix + v.slice(0, -1);
    return (s) => s.startsWith(start);
  }
  const exact = prefix + v;
  return (s) => s === exact;
}

/** matcher/header.go HeaderMatcher / HostMatcher: `*` is a presence match, then suffix, prefix, exact. */
function headerMatcher(v: string, ignoreCase: boolean): (s: string | undefined) => boolean {
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  if (v === '*') return (s) => s !== undefined;
  if (v.startsWith('*')) {
    const suffix = fold(v.slice(1));
    return (s) => s !== undefined && fold(s).endsWith(suffix);
  }
  if (v.endsWith('*')) {
    const start = fold(v.slice(0, -1));
    return (s) => s !== undefined && fold(s).startsWith(start);
  }
  const exact = fold(v);
  return (s) => s !== undefined && fold(s) === exact;
}

/** Envoy's safe_regex: RE2, matched against the whole string. A regex JS cannot read matches nothing. */
function regexMatcher(source: string): (s: string) => boolean {
  try {
    const re = new RegExp(`^(?:${source})$`);
    return (s) => re.test(s);
  } catch {
    return () => false;
  }
}

/** Envoy's uri_template matcher (matcher/template.go): `{*}` is one path segment, `{**}` any number of them. */
function pathTemplateMatcher(template: string): (s: string) => boolean {
  const segment = "[a-zA-Z0-9\\-._~%!$&'()+,;:@=]";
  const source = template
    .split(/(\{\*\*\}|\{\*\})/)
    .map((part) => (part === '{**}' ? `(?:${segment}|/)*` : part === '{*}' ? `${segment}+` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return regexMatcher(source);
}
