/**
 * Istio's validating webhook for AuthorizationPolicy (istio 1.26.4 pkg/config/validation/validation.go
 * ValidateAuthorizationPolicy, validateMetadata, and pkg/config/security/security.go), with its texts.
 * Errors are built as hashicorp/go-multierror builds them, so one error prints bare and several (or
 * one that came as a multierror, like a bad IP) print as a list.
 */
import { goQuoteString } from '../manifests/goYaml.ts';
import { getPath, getString, isJsonObject, type Json, type JsonObject } from '../objects.ts';
import { parseIpAddress } from './ipPrefix.ts';

/** The webhook's answer: errors reject the object; warnings reach kubectl as `Warning:` lines. */
export interface AuthorizationPolicyValidation {
  errors: string[];
  warnings: string[];
}

/** A Go error: one message, or a *multierror.Error holding several (possibly one). */
interface GoError {
  messages: string[];
  multi: boolean;
}

const DRY_RUN = 'istio.io/dry-run';
const ALWAYS_REJECT = 'internal.istio.io/webhook-always-reject';
/** allowedTargetRefs as `%v` prints a []config.GroupVersionKind (1.26 gvk versions). */
const ALLOWED_TARGET_REFS = '[core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1beta1/Gateway gateway.networking.k8s.io/v1beta1/GatewayClass]';
const ALLOWED_GROUP_KINDS = new Set(['core/Service', 'networking.istio.io/ServiceEntry', 'gateway.networking.k8s.io/Gateway', 'gateway.networking.k8s.io/GatewayClass']);
const VALID_LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;

/**
 * Validates one AuthorizationPolicy as istiod's webhook does. `namespace` is the request's, for
 * objects written without one (it names the policy in the messages).
 */
export function validateAuthorizationPolicy(raw: JsonObject, namespace?: string): AuthorizationPolicyValidation {
  const name = getString(raw, 'metadata', 'name') ?? '';
  const ns = getString(raw, 'metadata', 'namespace') ?? namespace ?? 'default';
  const spec = isJsonObject(raw.spec ?? null) ? (raw.spec as JsonObject) : {};
  const action = getString(spec, 'action') ?? 'ALLOW';
  const annotations = getPath(raw, 'metadata', 'annotations');

  // validateMetadata: the dry-run annotation and the always-reject one come first, alone.
  const dryRun = getPath(annotations, DRY_RUN);
  if (typeof dryRun === 'string') {
    if (action !== 'ALLOW' && action !== 'DENY') {
      return only(`the annotation ${DRY_RUN} currently only supports action ALLOW/DENY, found action ${action} in ${ns}/${name}`);
    }
    if (!['1', 't', 'T', 'true', 'TRUE', 'True', '0', 'f', 'F', 'false', 'FALSE', 'False'].includes(dryRun)) {
      return only(`${ns}/${name} has annotation ${DRY_RUN} with invalid value (${dryRun}): strconv.ParseBool: parsing ${goQuoteString(dryRun)}: invalid syntax`);
    }
  }
  if (isJsonObject(annotations ?? null) && Object.hasOwn(annotations as JsonObject, ALWAYS_REJECT)) return only(`${goQuoteString(ALWAYS_REJECT)} annotation found, rejecting`);

  const errs = new ErrorList();
  const warnings: string[] = [];
  const selector = getPath(spec, 'selector');
  const targetRef = getPath(spec, 'targetRef');
  const targetRefs = list(getPath(spec, 'targetRefs'));
  const hasSelector = isJsonObject(selector ?? null);
  if ((hasSelector ? 1 : 0) + (isJsonObject(targetRef ?? null) ? 1 : 0) + (targetRefs.length > 0 ? 1 : 0) > 1) errs.add(plain('only one of targetRefs or workloadSelector can be set'));
  if (hasSelector) {
    const labels = getPath(selector, 'matchLabels');
    const entries = isJsonObject(labels ?? null) ? Object.entries(labels as JsonObject) : [];
    // Go ranges over the map in random order; sorted here.
    const selectorErrors: string[] = [];
    for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const pair = goQuoteString(`${k}=${typeof v === 'string' ? v : ''}`);
      if (k === '') selectorErrors.push(`empty key is not supported in selector: ${pair}`);
      if (k.includes('*') || (typeof v === 'string' && v.includes('*'))) selectorErrors.push(`wildcard is not supported in selector: ${pair}`);
    }
    errs.addAll(selectorErrors);
    if (entries.length === 0) warnings.push('workload selector specified without labels');
  }
  for (const ref of [...(isJsonObject(targetRef ?? null) ? [targetRef] : []), ...targetRefs]) errs.addAll(targetRefErrors(ref));

  const rules = list(spec.rules);
  const provider = getPath(spec, 'provider');
  if (action === 'CUSTOM') {
    if (rules.length === 0) {
      errs.add(plain('CUSTOM action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request'));
    } else if ((getString(provider, 'name') ?? '') === '') errs.add(plain('`provider.name` must not be empty'));
    for (const rule of rules) customRuleErrors(rule, errs);
  }
  if (isJsonObject(provider ?? null) && action !== 'CUSTOM') errs.add(plain(`\`provider\` must not be with non CUSTOM action, found ${action}`));
  if (action === 'DENY' && rules.length === 0) {
    errs.add(plain('DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request'));
  }
  rules.forEach((rule, i) => {
    const tcpOnlyWarning = ruleErrors(rule, i, errs);
    if (tcpOnlyWarning && action === 'DENY') {
      warnings.push('configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port');
    }
  });
  return { errors: errs.prefixed(`invalid policy ${name}.${ns}:`), warnings };
}

function only(message: string): AuthorizationPolicyValidation {
  return { errors: [message], warnings: [] };
}

function plain(message: string): GoError {
  return { messages: [message], multi: false };
}

/** agent.AppendErrors: the first error is kept as it is; any second makes (or extends) a multierror. */
class ErrorList {
  private messages: string[] = [];
  private multi = false;

  add(error: GoError | undefined): void {
    if (!error || error.messages.length === 0) return;
    this.multi = this.messages.length > 0 || error.multi;
    this.messages.push(...error.messages);
  }

  /** AppendValidation of several plain errors (validateWorkloadSelector, validatePolicyTargetReference). */
  addAll(messages: string[]): void {
    if (messages.length > 0) this.add({ messages, multi: messages.length > 1 });
  }

  /** multierror.Prefix; a multierror of one prints as a list of one (ListFormatFunc). */
  prefixed(prefix: string): string[] {
    const out = this.messages.map((m) => `${prefix} ${m}`);
    return this.multi && out.length === 1 ? [multiText(out)] : out;
  }
}

/** go-multierror ListFormatFunc. */
function multiText(messages: string[]): string {
  if (messages.length === 1) return `1 error occurred:\n\t* ${messages[0] ?? ''}\n\n`;
  return `${String(messages.length)} errors occurred:\n\t${messages.map((m) => `* ${m}`).join('\n\t')}\n\n`;
}

function textOf(error: GoError): string {
  return error.multi ? multiText(error.messages) : (error.messages[0] ?? '');
}

function list(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function strings(holder: Json | undefined, key: string): string[] {
  return list(getPath(holder, key)).map((v) => (typeof v === 'string' ? v : ''));
}

/** validatePolicyTargetReference. */
function targetRefErrors(ref: Json | undefined): string[] {
  const out: string[] = [];
  const group = getString(ref, 'group') ?? '';
  const kind = getString(ref, 'kind') ?? '';
  if ((getString(ref, 'name') ?? '') === '') out.push('targetRef name must be set');
  if ((getString(ref, 'namespace') ?? '') !== '') out.push('targetRef namespace must not be set; cross namespace referencing is not supported');
  if (!ALLOWED_GROUP_KINDS.has(`${group === '' ? 'core' : group}/${kind}`)) out.push(`targetRef must be to one of ${ALLOWED_TARGET_REFS} but was ${group}/${kind}`);
  return out;
}

/** The CUSTOM action's unsupported fields. */
function customRuleErrors(rule: Json, errs: ErrorList): void {
  const unsupported = (name: string) => plain(`${name} is currently not supported with CUSTOM action`);
  for (const from of list(getPath(rule, 'from'))) {
    const source = getPath(from, 'source');
    if (!isJsonObject(source ?? null)) continue;
    for (const [field, name] of [
      ['namespaces', 'From.Namespaces'], ['notNamespaces', 'From.NotNamespaces'], ['serviceAccounts', 'From.ServiceAccounts'],
      ['notServiceAccounts', 'From.NotServiceAccounts'], ['principals', 'From.Principals'], ['notPrincipals', 'From.NotPrincipals'],
      ['requestPrincipals', 'From.RequestPrincipals'], ['notRequestPrincipals', 'From.NotRequestPrincipals'],
    ] as const) {
      if (strings(source, field).length > 0) errs.add(unsupported(name));
    }
  }
  for (const when of list(getPath(rule, 'when'))) {
    const key = getString(when, 'key') ?? '';
    if (key === 'source.namespace' || key === 'source.serviceAccount' || key === 'source.principal' || key.startsWith('request.auth.')) errs.add(unsupported(key));
  }
}

const SOURCE_FIELDS = ['principals', 'requestPrincipals', 'namespaces', 'ipBlocks', 'remoteIpBlocks', 'notPrincipals', 'notRequestPrincipals', 'notNamespaces', 'notIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts'];
/** The source fields that work on TCP (`tcpRulesInFrom`). */
const TCP_SOURCE_FIELDS = ['notPrincipals', 'principals', 'ipBlocks', 'notIpBlocks', 'namespaces', 'notNamespaces', 'remoteIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts'];
/** The order of the empty-value checks on a source. */
const SOURCE_CHECK_ORDER = ['principals', 'requestPrincipals', 'namespaces', 'serviceAccounts', 'ipBlocks', 'remoteIpBlocks', 'notPrincipals', 'notRequestPrincipals', 'notNamespaces', 'notServiceAccounts', 'notIpBlocks', 'notRemoteIpBlocks'];
const OPERATION_FIELDS = ['ports', 'methods', 'paths', 'hosts', 'notPorts', 'notMethods', 'notPaths', 'notHosts'];

/** One rule's checks; true when a DENY with it would deny every TCP connection (only HTTP attributes). */
function ruleErrors(rule: Json, i: number, errs: ErrorList): boolean {
  const at = `found at rule ${String(i)}`;
  let tcpRulesInFrom = false;
  let tcpRulesInTo = false;
  let fromRuleExist = false;
  let toRuleExist = false;
  for (const from of list(getPath(rule, 'from'))) {
    const source = getPath(from, 'source');
    if (!isJsonObject(source ?? null)) {
      errs.add(plain(`\`from.source\` must not be nil, ${at}`));
      continue;
    }
    fromRuleExist = true;
    const count = (...fields: string[]) => fields.reduce((n, f) => n + strings(source, f).length, 0);
    if (count('principals', 'notPrincipals', 'namespaces', 'notNamespaces') > 0 && count('serviceAccounts', 'notServiceAccounts') > 0) {
      errs.add(plain(`cannot set serviceAccounts with namespaces or principals, ${at}`));
    }
    if (count(...SOURCE_FIELDS) === 0) errs.add(plain(`\`from.source\` must not be empty, ${at}`));
    for (const field of ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks']) errs.add(validateIps(strings(source, field)));
    for (const field of SOURCE_CHECK_ORDER) {
      const values = strings(source, field);
      errs.add(field.endsWith('erviceAccounts') ? checkServiceAccount(goName(field), values) : checkEmptyValues(goName(field), values));
    }
    if (count(...TCP_SOURCE_FIELDS) > 0) tcpRulesInFrom = true;
  }
  for (const to of list(getPath(rule, 'to'))) {
    const operation = getPath(to, 'operation');
    if (!isJsonObject(operation ?? null)) {
      errs.add(plain(`\`to.operation\` must not be nil, ${at}`));
      continue;
    }
    toRuleExist = true;
    if (OPERATION_FIELDS.every((f) => strings(operation, f).length === 0)) errs.add(plain(`\`to.operation\` must not be empty, ${at}`));
    errs.add(validatePorts(strings(operation, 'ports')));
    errs.add(validatePorts(strings(operation, 'notPorts')));
    for (const field of OPERATION_FIELDS) errs.add(checkEmptyValues(goName(field), strings(operation, field)));
    errs.add(checkValidPathTemplate('Paths', strings(operation, 'paths')));
    errs.add(checkValidPathTemplate('NotPaths', strings(operation, 'notPaths')));
    if (strings(operation, 'ports').length + strings(operation, 'notPorts').length > 0) tcpRulesInTo = true;
  }
  for (const condition of list(getPath(rule, 'when'))) {
    const key = getString(condition, 'key') ?? '';
    const values = strings(condition, 'values');
    const notValues = strings(condition, 'notValues');
    if (key === '') errs.add(plain('`key` must not be empty'));
    else if (values.length === 0 && notValues.length === 0) errs.add(plain(`at least one of \`values\` or \`notValues\` must be set for key ${key}`));
    else {
      const bad = validateAttribute(key, values);
      if (bad) errs.add(plain(`invalid \`value\` for \`key\` ${key}: ${textOf(bad)}`));
      const badNot = validateAttribute(key, notValues);
      if (badNot) errs.add(plain(`invalid \`notValue\` for \`key\` ${key}: ${textOf(badNot)}`));
    }
  }
  return (fromRuleExist && !toRuleExist && !tcpRulesInFrom) || (toRuleExist && !tcpRulesInTo);
}

/** The Go field name the messages use (`notPorts` → `NotPorts`). */
function goName(field: string): string {
  return field.charAt(0).toUpperCase() + field.slice(1);
}

/** security.CheckEmptyValues. */
function checkEmptyValues(key: string, values: string[]): GoError | undefined {
  return values.includes('') ? plain(`empty value not allowed, found in ${key}`) : undefined;
}

/** security.CheckServiceAccount. */
function checkServiceAccount(key: string, values: string[]): GoError | undefined {
  if (values.length > 16) return plain('may not have more than 16 values');
  const format = "expected format 'serviceAccount' or 'namespace/serviceAccount', found";
  for (const value of values) {
    if (value === '') return plain(`empty value not allowed, found in ${key}`);
    if (value.includes('*')) return plain(`wildcard not allowed, found in ${key}`);
    const slashes = value.split('/').length - 1;
    if (slashes > 1) return plain(`${format} ${goQuoteString(value)} in ${key}`);
    if (value.length > 320) return plain(`value cannot exceed 320 characters, found ${goQuoteString(value)} in ${key}`);
    if (slashes === 1) {
      const [ns, sa] = value.split('/');
      if (ns === '') return plain(`${format} empty namespace ${goQuoteString(value)} in ${key}`);
      if (sa === '') return plain(`${format} empty serviceAccount ${goQuoteString(value)} in ${key}`);
    }
  }
  return undefined;
}

/** security.CheckValidPathTemplate: `{*}` and `{**}` (last), and pchar literals around them. */
function checkValidPathTemplate(key: string, paths: string[]): GoError | undefined {
  for (const original of paths) {
    const hasTemplate = original.includes('{*}') || original.includes('{**}');
    const path = original.replace(/^\/+|\/+$/g, '');
    let foundMatchAny = false;
    for (const glob of path.split('/')) {
      if (glob === '{*}' && !foundMatchAny) continue;
      if (glob === '{**}' && !foundMatchAny) {
        foundMatchAny = true;
        continue;
      }
      if ((glob === '{**}' || glob === '{*}') && foundMatchAny) return plain(`invalid or unsupported path ${path}, found in ${key}. {**} is not the last operator`);
      if (/[{}]/.test(glob)) return plain(`invalid or unsupported path ${path}, found in ${key}. Contains '{' or '}' beyond a supported path template`);
      if (hasTemplate && !VALID_LITERAL.test(glob)) return plain(`invalid or unsupported path ${path}, found in ${key}. Contains segment ${glob} with invalid string literal`);
    }
  }
  return undefined;
}

/** security.ValidateAttribute: the `when` keys and their values. */
function validateAttribute(key: string, values: string[]): GoError | undefined {
  const empty = checkEmptyValues(key, values);
  if (empty) return empty;
  if (key.startsWith('request.headers')) return validateMapKey(key);
  switch (key) {
    case 'source.ip':
    case 'remote.ip':
    case 'destination.ip':
      return validateIps(values);
    case 'source.serviceAccount':
      return checkServiceAccount(key, values);
    case 'destination.port':
      return validatePorts(values);
    case 'source.namespace':
    case 'source.principal':
    case 'request.auth.principal':
    case 'request.auth.audiences':
    case 'request.auth.presenter':
    case 'connection.sni':
      return undefined;
    case 'destination.namespace':
      return plain(`attribute ${key} is replaced by the metadata.namespace`);
    case 'destination.name':
    case 'destination.user':
      return plain(`deprecated attribute ${key}: only supported in v1alpha1`);
    default:
      if (key.startsWith('request.auth.claims') || key.startsWith('experimental.envoy.filters.')) return validateMapKey(key);
      if (key.startsWith('destination.labels')) return plain(`attribute ${key} is replaced by the workload selector`);
      return plain(`unknown attribute: ${key}`);
  }
}

/** security.validateMapKey: `a[b]`. */
function validateMapKey(key: string): GoError | undefined {
  const open = key.indexOf('[');
  return key.endsWith(']') && open > 0 && open < key.length - 2 ? undefined : plain(`bad key (${key}): should have format a[b]`);
}

/** security.ValidateIPs: a multierror of every bad value. */
function validateIps(ips: string[]): GoError | undefined {
  const messages: string[] = [];
  for (const v of ips) {
    if (v.includes('/')) {
      const problem = prefixProblem(v);
      if (problem) messages.push(`bad CIDR range (${v}): netip.ParsePrefix(${goQuoteString(v)}): ${problem}`);
    } else if (!parseIpAddress(v)) messages.push(`bad IP address (${v})`);
  }
  return messages.length > 0 ? { messages, multi: true } : undefined;
}

/** netip.ParsePrefix's complaint (parsePrefixError's msg), or undefined. */
function prefixProblem(text: string): string | undefined {
  const slash = text.lastIndexOf('/');
  const addrText = text.slice(0, slash);
  const addr = parseIpAddress(addrText);
  if (!addr) return addrProblem(addrText);
  if (addrText.includes('%')) return 'IPv6 zones cannot be present in a prefix';
  const bits = text.slice(slash + 1);
  if (!/^(0|[1-9]\d*)$/.test(bits)) return `bad bits after slash: ${goQuoteString(bits)}`;
  return Number(bits) > addr.bits ? 'prefix length out of range' : undefined;
}

/** netip.ParseAddr's error text for the common IPv4 mistakes (IPv6 ones are summarised). */
function addrProblem(s: string): string {
  const fail = (msg: string, at?: string) => `ParseAddr(${goQuoteString(s)}): ${msg}${at === undefined ? '' : ` (at ${goQuoteString(at)})`}`;
  const first = s.search(/[.:%]/);
  if (first < 0) return fail('unable to parse IP');
  if (s[first] === '%') return fail('missing IPv6 address');
  if (s[first] === ':') return fail('unable to parse IP');
  let val = 0;
  let digits = 0;
  let pos = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c >= '0' && c <= '9') {
      if (digits === 1 && val === 0) return fail('IPv4 field has octet with leading zero');
      val = val * 10 + Number(c);
      digits++;
      if (val > 255) return fail('IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') return fail('IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) return fail('IPv4 address too long');
      pos++;
      val = 0;
      digits = 0;
    } else return fail('unexpected character', s.slice(i));
  }
  return fail('IPv4 address too short');
}

/** security.ValidatePorts: strconv.ParseUint(port, 10, 32), at most 65535; a multierror. */
function validatePorts(ports: string[]): GoError | undefined {
  const messages: string[] = [];
  for (const port of ports) {
    if (!/^\d+$/.test(port)) messages.push(`bad port (${port}): strconv.ParseUint: parsing ${goQuoteString(port)}: invalid syntax`);
    else if (BigInt(port) > 0xffffffffn) messages.push(`bad port (${port}): strconv.ParseUint: parsing ${goQuoteString(port)}: value out of range`);
    else if (Number(port) > 65535) messages.push(`bad port (${port}): <nil>`);
  }
  return messages.length > 0 ? { messages, multi: true } : undefined;
}
