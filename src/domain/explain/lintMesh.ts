import { hasSidecar } from '../cluster/pods.ts';
import { serviceHost, serviceType } from '../cluster/services.ts';
import { type KubeObject, getString, getStringMap, labelsMatch } from '../objects.ts';
import { compareByCreationTime } from '../resolution/compareByCreationTime.ts';
import { expandHost, hostMatches } from '../resolution/hostMatch.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import { type PeerAuthenticationView, readPeerAuthentication } from '../resolution/readPeerAuthentication.ts';
import { unmatchedDestinationRules } from '../resolution/unmatchedDestinationRules.ts';
import type { Cause } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { type AuthzLintCode, lintAuthorization } from './lintAuthorization.ts';
import { line } from './messages.ts';
import { type Probe, outcomeKey, probeFlow, servedServices } from './probeFlow.ts';
import type { Line, LintCode, LintFinding } from './types.ts';

/**
 * meshConfig.enableAutoMtls: on by default (istio pkg/config/mesh/mesh.go) and always on in this
 * simulator. Kiali skips KIA0205/0206/0401/0501 when it is on (kiali#6009, #10190).
 */
const AUTO_MTLS = true;

const SEVERITY: Record<Exclude<LintCode, AuthzLintCode>, LintFinding['severity']> = {
  KIA0002: 'error',
  KIA0003: 'error',
  KIA0004: 'warning',
  KIA0202: 'warning',
  KIA0205: 'error',
  KIA0206: 'error',
  KIA0207: 'error',
  KIA0208: 'error',
  KIA0401: 'error',
  KIA0501: 'error',
  KIA0505: 'error',
  KIA0506: 'error',
};

/** Checks Kiali runs only without auto mTLS. */
const AUTO_MTLS_ONLY = new Set<LintCode>(['KIA0205', 'KIA0206', 'KIA0401', 'KIA0501']);

const MESH_HOST = '*.local';
const nsHost = (ns: string) => `*.${ns}.svc.cluster.local`;

const refOf = (obj: KubeObject, field?: string): Cause => ({
  kind: obj.kind as Cause['kind'],
  namespace: obj.metadata.namespace ?? '',
  name: obj.metadata.name,
  ...(field ? { field } : {}),
});

const sameObject = (a: Cause, b: Cause) => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
const refName = (obj: KubeObject) => `${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;

interface Context {
  world: World;
  pas: PeerAuthenticationView[];
  rules: KubeObject[];
  /** Pods that originate mTLS: sidecars first, then gateways. */
  clients: KubeObject[];
  findings: LintFinding[];
}

function add(ctx: Context, code: Exclude<LintCode, AuthzLintCode>, obj: KubeObject, path: string, actualEffect: Line, related: Cause[] = []): void {
  const noise = AUTO_MTLS && AUTO_MTLS_ONLY.has(code);
  ctx.findings.push({
    id: `${code}:${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`,
    code,
    severity: SEVERITY[code],
    message: line(`kia.${code}`),
    object: refOf(obj, path.replaceAll('/', '.')),
    path,
    related,
    actualEffect,
    noise,
    ...(noise ? { note: line('lint.note.auto-mtls') } : {}),
  });
}

/** The top-level `trafficPolicy.tls.mode` of a rule, the one Kiali reads. */
const ruleMode = (dr: KubeObject) => getString(dr.spec, 'trafficPolicy', 'tls', 'mode');
const ruleHost = (dr: KubeObject) => getString(dr.spec, 'host') ?? '';
const enablesMtls = (mode: string | undefined) => mode === 'ISTIO_MUTUAL' || mode === 'MUTUAL';
/** Kiali's PeerAuthnHasMTLSEnabled: STRICT or PERMISSIVE. */
const paEnables = (v: PeerAuthenticationView) => v.mode === 'STRICT' || v.mode === 'PERMISSIVE';

/**
 * The first connection the engine evaluates that satisfies `wanted`, trying services in order and,
 * for each, the mesh clients in order. Every probe is a real `evaluateHop`.
 */
function findProbe(ctx: Context, services: readonly KubeObject[], wanted: (p: Probe) => boolean, preferNamespace?: string): Probe | undefined {
  const clients = preferNamespace === undefined ? ctx.clients : [...ctx.clients].sort((a, b) => Number(b.metadata.namespace === preferNamespace) - Number(a.metadata.namespace === preferNamespace));
  let selfCall: Probe | undefined;
  for (const svc of services.slice(0, 24)) {
    if (serviceType(svc) === 'LoadBalancer') continue;
    for (const client of clients.slice(0, 24)) {
      const probe = probeFlow(ctx.world, client, svc);
      if (!probe || !wanted(probe)) continue;
      // A workload calling its own service is a poor example: keep looking for another client.
      if (probe.client !== probe.hop.to) return probe;
      selfCall ??= probe;
    }
  }
  return selfCall;
}

function flowLine(probe: Probe, auto = false): Line {
  const key = outcomeKey(probe.hop);
  return line(auto && key === 'ok' ? 'effect.flow.auto' : 'effect.flow', {
    client: probe.client,
    host: probe.host,
    port: probe.port,
    sends: probe.hop.clientSends,
    mode: probe.hop.serverMode,
    outcome: key,
  });
}

const cites = (causes: Cause[], ref: Cause) => causes.some((c) => sameObject(c, ref));

/** What a DestinationRule really does: a connection whose client decision names it. */
function ruleEffect(ctx: Context, dr: KubeObject): Line {
  const ref = refOf(dr);
  const host = ruleHost(dr);
  const ns = dr.metadata.namespace ?? '';
  const pattern = expandHost(host, ns);
  const services = servedServices(ctx.world).filter((svc) => hostMatches(pattern, serviceHost(svc)));
  const probe = findProbe(ctx, services, (p) => cites(p.hop.clientReason.causes, ref), ns);
  if (probe) return flowLine(probe);
  if (services.length === 0) return line('effect.no-target');
  return line('effect.unused-rule', { host: expandHost(host, ns), why: 'shadowed' });
}

/** What a PeerAuthentication really does: a connection whose server decision names it. */
function policyEffect(ctx: Context, view: PeerAuthenticationView, auto: boolean, preferRuleClient?: KubeObject[]): Line {
  const ref = refOf(view.object);
  const services = servedServices(ctx.world, view.level === 'mesh' ? undefined : view.namespace);
  const decidedHere = (p: Probe) => cites(p.hop.serverReason.causes, ref);
  const viaRule = preferRuleClient && preferRuleClient.length > 0
    ? findProbe(ctx, services, (p) => decidedHere(p) && preferRuleClient.some((dr) => cites(p.hop.clientReason.causes, refOf(dr))))
    : undefined;
  const probe = viaRule ?? findProbe(ctx, services, (p) => decidedHere(p) && p.client.split('/')[0] !== p.hop.to.split('/')[0]) ?? findProbe(ctx, services, decidedHere);
  return probe ? flowLine(probe, auto) : line('effect.no-target');
}

function checkRules(ctx: Context): void {
  const meshPas = ctx.pas.filter((v) => v.level === 'mesh');
  for (const dr of ctx.rules) {
    const ns = dr.metadata.namespace ?? '';
    const host = ruleHost(dr);
    const mode = ruleMode(dr);
    const path = 'spec/trafficPolicy/tls/mode';
    const nsPas = ctx.pas.filter((v) => v.level === 'namespace' && v.namespace === ns);
    if (host === nsHost(ns) && mode === 'DISABLE') {
      // DisabledNamespaceWideMTLSChecker: the namespace's own policies first, then the mesh's.
      const enabling = nsPas.find(paEnables);
      if (enabling?.mode === 'STRICT') add(ctx, 'KIA0207', dr, path, ruleEffect(ctx, dr), [refOf(enabling.object, 'spec.mtls.mode')]);
      const strictMesh = meshPas.find((v) => v.mode === 'STRICT');
      if (!enabling && !nsPas.some((v) => v.mode === 'DISABLE') && strictMesh) add(ctx, 'KIA0208', dr, path, ruleEffect(ctx, dr), [refOf(strictMesh.object, 'spec.mtls.mode')]);
    }
    if (host === MESH_HOST && mode === 'DISABLE') {
      const strictMesh = meshPas.find((v) => v.mode === 'STRICT');
      if (strictMesh) add(ctx, 'KIA0208', dr, path, ruleEffect(ctx, dr), [refOf(strictMesh.object, 'spec.mtls.mode')]);
    }
    if (host === nsHost(ns) && enablesMtls(mode) && !nsPas.some(paEnables) && !meshPas.some(paEnables)) {
      add(ctx, 'KIA0206', dr, path, ruleEffect(ctx, dr));
    }
    if (host === MESH_HOST && enablesMtls(mode) && !meshPas.some(paEnables)) add(ctx, 'KIA0205', dr, path, ruleEffect(ctx, dr));
    const selector = getStringMap(dr.spec, 'workloadSelector', 'matchLabels');
    if (Object.keys(selector).length > 0 && !ctx.world.list('Pod', ns).some((p) => labelsMatch(selector, p.metadata.labels))) {
      add(ctx, 'KIA0004', dr, 'spec/workloadSelector', line('effect.selector-none', { namespace: ns, labels: formatLabels(selector) }));
    }
  }
  for (const u of unmatchedDestinationRules(ctx.world)) {
    // Kiali treats wildcard hosts as matching.
    if (u.host.startsWith('*')) continue;
    const dr = ctx.world.get('DestinationRule', u.namespace, u.name);
    if (dr) add(ctx, 'KIA0202', dr, 'spec/host', hostEffect(ctx, u.host, u.fqdn));
  }
}

/** For a host that names no service: say so, and what happens at the service it probably meant. */
function hostEffect(ctx: Context, host: string, fqdn: string): Line {
  const short = host.split('.')[0] ?? '';
  const guess = ctx.world.list('Service').find((svc) => svc.metadata.name === short && serviceType(svc) !== 'LoadBalancer');
  const probe = guess ? findProbe(ctx, [guess], (p) => p.client.split('/')[0] !== guess.metadata.namespace) ?? findProbe(ctx, [guess], () => true) : undefined;
  if (!guess || !probe) return line('effect.no-host', { fqdn });
  return line('effect.no-host.suggest', { fqdn, suggest: probe.host, sends: probe.hop.clientSends, mode: probe.hop.serverMode, outcome: outcomeKey(probe.hop) });
}

function checkPolicies(ctx: Context): void {
  const meshRules = ctx.rules.filter((dr) => ruleHost(dr) === MESH_HOST);
  for (const view of ctx.pas) {
    const ns = view.namespace;
    if (view.level === 'mesh') {
      if (view.mode === 'STRICT' && !meshRules.some((dr) => enablesMtls(ruleMode(dr)))) add(ctx, 'KIA0401', view.object, 'spec/mtls', policyEffect(ctx, view, true));
      const enabling = meshRules.filter((dr) => enablesMtls(ruleMode(dr)));
      if (view.mode === 'DISABLE' && enabling.length > 0) add(ctx, 'KIA0506', view.object, 'spec/mtls', policyEffect(ctx, view, false, enabling), enabling.map((dr) => refOf(dr, 'spec.trafficPolicy.tls.mode')));
    }
    if (view.level === 'namespace') {
      const nsRules = ctx.rules.filter((dr) => ruleHost(dr) === nsHost(ns));
      if (view.mode === 'STRICT' && ![...nsRules, ...meshRules].some((dr) => enablesMtls(ruleMode(dr)))) add(ctx, 'KIA0501', view.object, 'spec/mtls', policyEffect(ctx, view, true));
      if (view.mode === 'DISABLE' && !nsRules.some((dr) => ruleMode(dr) === 'DISABLE')) {
        const enabling = [...nsRules, ...meshRules].filter((dr) => enablesMtls(ruleMode(dr)));
        if (enabling.length > 0) add(ctx, 'KIA0505', view.object, 'spec/mtls', policyEffect(ctx, view, false, enabling), enabling.map((dr) => refOf(dr, 'spec.trafficPolicy.tls.mode')));
      }
    }
    if (view.level === 'workload' || view.level === 'ignored') {
      const pods = ctx.world.list('Pod', ns).filter((p) => labelsMatch(view.selector, p.metadata.labels));
      if (pods.length === 0) {
        const effect = view.level === 'ignored' ? line('effect.root-selector', { namespace: ns }) : line('effect.selector-none', { namespace: ns, labels: formatLabels(view.selector) });
        add(ctx, 'KIA0004', view.object, 'spec/selector', effect);
      }
    }
  }
  checkDuplicates(ctx);
}

function checkDuplicates(ctx: Context): void {
  const byNamespace = new Map<string, PeerAuthenticationView[]>();
  for (const v of ctx.pas) {
    if (v.level !== 'mesh' && v.level !== 'namespace') continue;
    byNamespace.set(v.namespace, [...(byNamespace.get(v.namespace) ?? []), v]);
  }
  for (const [ns, views] of byNamespace) {
    if (views.length < 2) continue;
    const [winner, ...ignored] = [...views].sort((a, b) => compareByCreationTime(a.object, b.object));
    if (!winner) continue;
    const ignoredNames = ignored.map((o) => refName(o.object)).join(', ');
    for (const v of views) {
      const params = { namespace: ns, winner: refName(winner.object), winnerMode: winner.mode, ignored: ignoredNames, count: ignored.length };
      add(ctx, 'KIA0002', v.object, 'metadata/name', line(v === winner ? 'effect.newer-ignored.self' : 'effect.newer-ignored', params), views.filter((o) => o !== v).map((o) => refOf(o.object)));
    }
  }
  const workload = ctx.pas.filter((v) => v.level === 'workload');
  const conflicts = new Map<PeerAuthenticationView, { pod: KubeObject; matching: PeerAuthenticationView[] }>();
  for (const pod of ctx.world.list('Pod')) {
    const matching = workload.filter((v) => v.namespace === pod.metadata.namespace && labelsMatch(v.selector, pod.metadata.labels));
    if (matching.length < 2) continue;
    for (const v of matching) if (!conflicts.has(v)) conflicts.set(v, { pod, matching });
  }
  for (const [view, { pod, matching }] of conflicts) {
    const [winner, ...ignored] = [...matching].sort((a, b) => compareByCreationTime(a.object, b.object));
    if (!winner) continue;
    add(ctx, 'KIA0003', view.object, 'spec/selector', line('effect.workload-conflict', {
      pod: `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`,
      winner: refName(winner.object),
      winnerMode: winner.mode,
      ignored: ignored.map((o) => refName(o.object)).join(', '),
      count: ignored.length,
    }), matching.filter((o) => o !== view).map((o) => refOf(o.object)));
  }
}

function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

/**
 * The Kiali mTLS validations that apply to our kinds (anchors.md "Kiali validation codes"), each
 * paired with what the simulator really does. KIA0207/0208 (DestinationRule DISABLE against STRICT)
 * and KIA0505/0506 (PeerAuthentication DISABLE against an mTLS DestinationRule) describe real
 * failures; KIA0205/0206/0401/0501 only matter without auto mTLS and are marked as noise; KIA0002,
 * KIA0003 and KIA0004 flag policies Istio ignores; KIA0202 flags a host that names no service, like the
 * tutorial's `frontend.demo.svc.cluster.local`.
 */
export function lintMesh(world: World): LintFinding[] {
  const pas = world.list('PeerAuthentication').slice().sort(compareByCreationTime).map((pa) => readPeerAuthentication(pa, world.rootNamespace));
  const sidecars = world.list('Pod').filter((p) => hasSidecar(p) && !isGatewayPod(p));
  const gateways = world.list('Pod').filter((p) => isGatewayPod(p));
  const ctx: Context = { world, pas, rules: [...world.list('DestinationRule')], clients: [...sidecars, ...gateways], findings: [] };
  checkRules(ctx);
  checkPolicies(ctx);
  return [...ctx.findings, ...lintAuthorization(world)];
}
