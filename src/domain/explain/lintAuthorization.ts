import { podServiceAccount } from '../cluster/pods.ts';
import { serviceHost } from '../cluster/services.ts';
import { type Json, type KubeObject, getPath, getString, getStringMap, isJsonObject, labelsMatch } from '../objects.ts';
import type { Cause } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { line } from './messages.ts';
import type { Line, LintFinding } from './types.ts';

/**
 * Kiali's AuthorizationPolicy validations (kiali business/checkers/authorization_policies_checker.go
 * and checkers/authorization/, texts and severities from models/istio_validation.go): KIA0004 a
 * selector no workload of the namespace matches, KIA0101 a source namespace that matches none,
 * KIA0102 a method that is not an HTTP method, KIA0104 a host with no service behind it, KIA0105 an
 * identity field where mTLS is not enabled, KIA0106 a principal no workload runs as, KIA0108 a
 * principal in a trust domain this mesh does not know.
 */

/** models/istio_validation.go: KIA0104 is an error, lowered to a warning when outboundTrafficPolicy is ALLOW_ANY (Istio's default, and this mesh's). */
const SEVERITY: Record<AuthzLintCode | 'KIA0004', LintFinding['severity']> = {
  KIA0004: 'warning',
  KIA0101: 'warning',
  KIA0102: 'warning',
  KIA0104: 'warning',
  KIA0105: 'error',
  KIA0106: 'error',
  KIA0108: 'warning',
};

/** util/httputil HttpMethods: Go's net/http method names. */
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];

/** Kiali's IdentityDomain and the only trust domain it knows here (no aliases in meshConfig). */
const IDENTITY_DOMAIN = 'svc.cluster.local';

/** The codes only AuthorizationPolicy checks report. */
export type AuthzLintCode = 'KIA0101' | 'KIA0102' | 'KIA0104' | 'KIA0105' | 'KIA0106' | 'KIA0108';

type Emit = (code: AuthzLintCode | 'KIA0004', path: string, effect: Line, related?: Cause[]) => void;

const list = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);
const strings = (value: Json | undefined): string[] => list(value).filter((v): v is string => typeof v === 'string');

/** namespace_method_checker.go validMethod: an HTTP method, `*`, or a prefix/suffix wildcard of one (case-insensitive). */
function validMethod(m: string): boolean {
  const method = m.trim();
  if (method === '') return false;
  if (method === '*') return true;
  const prefix = method.endsWith('*') && !method.startsWith('*');
  const suffix = method.startsWith('*') && !method.endsWith('*');
  const pattern = (prefix ? method.slice(0, -1) : suffix ? method.slice(1) : method).toUpperCase();
  if (pattern === '') return false;
  return HTTP_METHODS.some((h) => (prefix ? h.startsWith(pattern) : suffix ? h.endsWith(pattern) : h === pattern));
}

/** models/namespace.go MatchesPattern: `*` (any namespace), an exact name, `prefix*` or `*suffix`. */
function namespaceExists(pattern: string, namespaces: string[]): boolean {
  if (pattern === '*') return namespaces.length > 0;
  return namespaces.some((ns) => {
    if (ns === pattern) return true;
    if (pattern.endsWith('*')) return pattern.length > 1 && ns.startsWith(pattern.slice(0, -1));
    if (pattern.startsWith('*')) return pattern.length > 1 && ns.endsWith(pattern.slice(1));
    return false;
  });
}

/** principals_checker.go hasMatchingServiceAccount: `*`, an exact principal, or a `*` wildcard over the known ones. */
function principalExists(principal: string, known: string[]): boolean {
  if (principal === '*') return true;
  const wild = principal.startsWith('*') || principal.endsWith('*');
  const re = new RegExp(`^${principal.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return known.some((sa) => (wild ? re.test(sa) : sa === principal));
}

/** no_host_checker.go isHTTPHostHeaderMatcher: hosts Kiali leaves to the Host header (wildcards, two dots, `x.y` where y is no namespace). */
function isHostHeaderMatcher(host: string, namespace: string, namespaces: string[]): boolean {
  const h = host.trim();
  if (h === '') return false;
  if (h.startsWith('*') || h.endsWith('*')) return true;
  const dots = h.split('.').length - 1;
  if (dots >= 2) return true;
  if (dots === 1) {
    const ns = h.slice(h.indexOf('.') + 1);
    return ns !== namespace && !namespaces.includes(ns);
  }
  return false;
}

/** kubernetes.GetHost then NoHostChecker.hasMatchingService: a Service, ServiceEntry host or VirtualService host of that name. */
function hostHasService(world: World, host: string, namespace: string): { found: boolean; fqdn: string } {
  const h = host.trim();
  const fqdn = h.includes('.') ? `${h}.${IDENTITY_DOMAIN}` : `${h}.${namespace}.${IDENTITY_DOMAIN}`;
  const found = world.list('Service').some((svc) => serviceHost(svc) === fqdn) ||
    world.list('ServiceEntry').some((se) => strings(getPath(se.spec, 'hosts')).includes(fqdn)) ||
    world.list('VirtualService').some((vs) => strings(getPath(vs.spec, 'hosts')).some((vh) => vh === fqdn || vh === h));
  return { found, fqdn };
}

/** A PeerAuthentication's mode as Kiali reads it (`Mtls.Mode.String()`): '' without `mtls`, UNSET for `{}`. */
function paMode(pa: KubeObject): string {
  const mtls = getPath(pa.spec, 'mtls');
  return isJsonObject(mtls ?? null) ? (getString(mtls, 'mode') ?? 'UNSET') : '';
}

const hasSelector = (pa: KubeObject) => isJsonObject(getPath(pa.spec, 'selector') ?? null);
const drMode = (dr: KubeObject) => getString(dr.spec, 'trafficPolicy', 'tls', 'mode') ?? '';

interface TlsStatus { dr: string; pa: string; overall: string }

/** util/mtls/status.go finalStatus, with auto mTLS on (enableAutoMtls is always true here). */
function finalStatus(dr: string, pa: string, allowPermissive: boolean): TlsStatus {
  const enabled = dr === 'ISTIO_MUTUAL' || dr === 'MUTUAL' || dr === '';
  const disabled = dr === 'DISABLE' || dr === '';
  let overall = 'PARTIAL';
  if ((pa === 'STRICT' || (pa === 'PERMISSIVE' && allowPermissive)) && enabled) overall = 'ENABLED';
  else if (pa === 'DISABLE' && disabled) overall = 'DISABLED';
  else if (pa === '' && dr === '') overall = 'NOT_ENABLED';
  return { dr, pa, overall };
}

/** util/mtls/status.go OverallMtlsStatus (auto mTLS on). */
function overallStatus(ns: TlsStatus | undefined, mesh: TlsStatus, allowPermissive: boolean): string {
  const defined = (t: TlsStatus | undefined) => t?.overall === 'ENABLED' || t?.overall === 'DISABLED';
  if (ns && defined(ns)) return ns.overall;
  if (ns?.overall === 'PARTIAL') return overallStatus(undefined, finalStatus(ns.dr || mesh.dr, ns.pa || mesh.pa, allowPermissive), allowPermissive);
  if (defined(mesh)) return mesh.overall;
  if (mesh.pa === '' && mesh.dr === '') return 'NOT_ENABLED';
  if ((mesh.pa === 'DISABLE' && mesh.dr === '') || (mesh.dr === 'DISABLE' && mesh.pa === '')) return 'DISABLED';
  const half = (mesh.pa === 'STRICT' && mesh.dr === '') || ((mesh.dr === 'ISTIO_MUTUAL' || mesh.dr === 'MUTUAL') && mesh.pa === '') || (allowPermissive && mesh.pa === 'PERMISSIVE' && mesh.dr === '');
  return half ? 'ENABLED' : 'PARTIAL';
}

/**
 * mtls_enabled_checker.go IsMtlsEnabledFor: a workload PeerAuthentication whose selector matches the
 * policy's labels decides (STRICT yes, DISABLE no, PERMISSIVE by the DestinationRules of its
 * services); else the namespace's status over the mesh's, where auto mTLS turns "not enabled" into
 * enabled. PERMISSIVE counts as enabled.
 */
function receivesMtls(world: World, ns: string, labels: Record<string, string>): boolean {
  const rules = world.list('DestinationRule');
  const pas = world.list('PeerAuthentication', ns);
  for (const pa of pas) {
    const selector = getStringMap(pa.spec, 'selector', 'matchLabels');
    if (Object.keys(selector).length === 0 || !labelsMatch(selector, labels)) continue;
    const mode = paMode(pa);
    if (mode === 'STRICT') return true;
    if (mode === 'DISABLE') return false;
    if (mode === 'PERMISSIVE') {
      const services = world.list('Service', ns).filter((svc) => Object.keys(getStringMap(svc.spec, 'selector')).length > 0 && labelsMatch(selector, getStringMap(svc.spec, 'selector')));
      for (const svc of services) {
        for (const dr of rules.filter((r) => [svc.metadata.name, `${svc.metadata.name}.${ns}`, serviceHost(svc)].includes(getString(r.spec, 'host') ?? ''))) {
          if (['ISTIO_MUTUAL', 'MUTUAL'].includes(drMode(dr))) return true;
          if (drMode(dr) === 'DISABLE') return false;
        }
      }
      break;
    }
  }
  const firstMode = (objs: readonly KubeObject[], read: (o: KubeObject) => string) => objs.map(read).find((m) => m !== '') ?? '';
  const nsStatus = finalStatus(firstMode(rules.filter((dr) => getString(dr.spec, 'host') === `*.${ns}.${IDENTITY_DOMAIN}`), drMode), firstMode(pas.filter((pa) => !hasSelector(pa)), paMode), true);
  const meshDr = firstMode(rules.filter((dr) => getString(dr.spec, 'host') === '*.local'), drMode);
  const meshPa = firstMode(world.list('PeerAuthentication', world.rootNamespace).filter((pa) => !hasSelector(pa)), paMode);
  const mesh = finalStatus(meshDr, meshPa, true);
  const meshStatus = { ...mesh, overall: overallStatus(undefined, mesh, true) };
  const status = overallStatus(nsStatus, meshStatus, false);
  return status === 'ENABLED' || status === 'NOT_ENABLED';
}

/** mtls_enabled_checker.go needsMtls: the paths of the fields that read the peer's identity. */
function identityPaths(rules: Json[]): string[] {
  const paths: string[] = [];
  rules.forEach((rule, i) => {
    list(getPath(rule, 'from')).forEach((from, j) => {
      for (const field of ['principals', 'notPrincipals', 'namespaces', 'notNamespaces']) {
        if (strings(getPath(from, 'source', field)).length > 0) paths.push(`spec/rules[${i}]/from[${j}]/source/${field}`);
      }
    });
    list(getPath(rule, 'when')).forEach((when, k) => {
      if (['source.namespace', 'source.principal', 'connection.sni'].includes(getString(when, 'key') ?? '')) paths.push(`spec/rules[${i}]/when[${k}]`);
    });
  });
  return paths;
}

function checkPolicy(world: World, ap: KubeObject, known: { namespaces: string[]; principals: string[] }, emit: Emit): void {
  const ns = ap.metadata.namespace ?? '';
  const selector = getStringMap(ap.spec, 'selector', 'matchLabels');
  const labelText = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  if (Object.keys(selector).length > 0 && !world.list('Pod', ns).some((p) => labelsMatch(selector, p.metadata.labels))) {
    // Kiali looks in the policy's namespace only; Istio applies a root-namespace selector in every namespace.
    const elsewhere = ns === world.rootNamespace ? world.list('Pod').filter((p) => labelsMatch(selector, p.metadata.labels)) : [];
    const first = elsewhere[0];
    emit('KIA0004', 'spec/selector/matchLabels', first
      ? line('effect.authz.root-selector', { labels: labelText, count: elsewhere.length, pod: `${first.metadata.namespace ?? ''}/${first.metadata.name}` })
      : line('effect.selector-none', { namespace: ns, labels: labelText }));
  }
  const rules = list(getPath(ap.spec, 'rules'));
  rules.forEach((rule, i) => {
    list(getPath(rule, 'from')).forEach((from, j) => {
      strings(getPath(from, 'source', 'namespaces')).forEach((pattern, k) => {
        if (!namespaceExists(pattern, known.namespaces)) emit('KIA0101', `spec/rules[${i}]/from[${j}]/source/namespaces[${k}]`, line('effect.authz.no-namespace', { namespace: pattern }));
      });
      strings(getPath(from, 'source', 'principals')).forEach((principal, k) => {
        if (principalExists(principal, known.principals)) return;
        const path = `spec/rules[${i}]/from[${j}]/source/principals[${k}]`;
        const domain = principal.includes('/ns/') && !principal.includes('*') ? principal.slice(0, principal.indexOf('/ns/')) : world.trustDomain;
        if (domain !== '' && domain !== world.trustDomain) emit('KIA0108', path, line('effect.authz.foreign-domain', { principal, domain, trustDomain: world.trustDomain }));
        else emit('KIA0106', path, line('effect.authz.no-principal', { principal }));
      });
    });
    list(getPath(rule, 'to')).forEach((to, j) => {
      strings(getPath(to, 'operation', 'methods')).forEach((method, k) => {
        if (!validMethod(method)) emit('KIA0102', `spec/rules[${i}]/to[${j}]/operation/methods[${k}]`, line('effect.authz.method', { method }));
      });
      strings(getPath(to, 'operation', 'hosts')).forEach((host, k) => {
        if (isHostHeaderMatcher(host, ns, known.namespaces)) return;
        const { found, fqdn } = hostHasService(world, host, ns);
        if (!found) emit('KIA0104', `spec/rules[${i}]/to[${j}]/operation/hosts[${k}]`, line('effect.authz.no-host', { host, fqdn }));
      });
    });
  });
  if (!receivesMtls(world, ns, selector)) {
    for (const path of identityPaths(rules)) emit('KIA0105', path, line('effect.authz.needs-mtls', { field: path.split('/').pop() ?? '' }));
  }
}

/** The AuthorizationPolicy findings of the world, one per code and field, in policy order. */
export function lintAuthorization(world: World): LintFinding[] {
  const pods = world.list('Pod');
  const known = {
    namespaces: world.list('Namespace').map((n) => n.metadata.name),
    // istio_validations.go getServiceAccounts: the accounts the workloads run as, as principals.
    principals: [...new Set(pods.map((p) => `${world.trustDomain}/ns/${p.metadata.namespace ?? ''}/sa/${podServiceAccount(p)}`))],
  };
  const findings: LintFinding[] = [];
  for (const ap of world.list('AuthorizationPolicy')) {
    checkPolicy(world, ap, known, (code, path, effect, related = []) => {
      findings.push({
        id: `${code}:AuthorizationPolicy/${ap.metadata.namespace ?? ''}/${ap.metadata.name}:${path}`,
        code,
        severity: SEVERITY[code],
        message: line(`kia.${code}`),
        object: { kind: 'AuthorizationPolicy', namespace: ap.metadata.namespace ?? '', name: ap.metadata.name, field: path.replaceAll('/', '.') },
        path,
        related,
        actualEffect: effect,
        noise: false,
      });
    });
  }
  return findings;
}
