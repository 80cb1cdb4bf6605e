import { hasSidecar, INJECT_ANNOTATION, SIDECAR_CONTAINER } from '../cluster/pods.ts';
import { externalIP, serviceEndpoints, servicesForPod, serviceType } from '../cluster/services.ts';
import { type Json, type JsonObject, type KubeObject, getPath, isJsonObject } from '../objects.ts';
import { namespaceOfHost } from '../resolution/hostMatch.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import { readPeerAuthentication } from '../resolution/readPeerAuthentication.ts';
import { parseUrl } from '../traffic/request.ts';
import type { Cause, Hop, Trace } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { authzFixes } from './explainAuthz.ts';
import { applyCommand, fieldPath, manifestWithSpec, pruneEmpty, valueAt, withValue } from './editManifest.ts';
import { line } from './messages.ts';
import type { Fix, MessageParams } from './types.ts';

/** A fix before it gets its id and rank. */
interface Draft {
  code: string;
  params: MessageParams;
  command: string;
  target?: Cause;
}

const draft = (code: string, params: MessageParams, command: string, target?: Cause): Draft => ({ code, params, command, ...(target ? { target } : {}) });

function splitRef(ref: string): [string, string] {
  const slash = ref.indexOf('/');
  return slash === -1 ? ['', ref] : [ref.slice(0, slash), ref.slice(slash + 1)];
}

function podAt(world: World, ref: string): KubeObject | undefined {
  const [ns, name] = splitRef(ref);
  return world.get('Pod', ns, name);
}

function objectOf(world: World, cause: Cause): KubeObject | undefined {
  return world.get(cause.kind, cause.namespace, cause.name);
}

function ownerDeployment(world: World, pod: KubeObject): string | undefined {
  const rsName = pod.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet')?.name;
  const rs = rsName ? world.get('ReplicaSet', pod.metadata.namespace ?? '', rsName) : undefined;
  return rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment')?.name;
}

/** `ns/name` as the explainer names objects. */
const refText = (c: Cause) => `${c.kind} ${c.namespace}/${c.name}`;

/** The PeerAuthentication field whose value is the server's effective mode: the one that decided. */
function decidingPolicy(world: World, hop: Hop, mode: string): { cause: Cause; object: KubeObject } | undefined {
  const candidates = hop.serverReason.causes.filter((c) => c.kind === 'PeerAuthentication' && c.field);
  for (const cause of [...candidates].reverse()) {
    const object = objectOf(world, cause);
    if (object && valueAt(object, cause.field ?? '') === mode) return { cause, object };
  }
  return undefined;
}

function modeField(cause: Cause): string {
  const field = cause.field ?? 'spec.mtls.mode';
  if (field.endsWith('.mode')) return field;
  return field === 'spec' ? 'spec.mtls.mode' : `${field}.mode`;
}

function setMode(cause: Cause, object: KubeObject, mode: string): string {
  const spec = withValue({ spec: object.spec ?? {} }, fieldPath(modeField(cause)), mode).spec;
  return applyCommand(manifestWithSpec(object, isJsonObject(spec) ? spec : {}));
}

/** "Make the server PERMISSIVE" by changing the deciding policy, plus a workload-only variant when narrower. */
function serverPermissive(world: World, hop: Hop): Draft[] {
  const decider = decidingPolicy(world, hop, hop.serverMode);
  if (!decider) return [];
  const view = readPeerAuthentication(decider.object, world.rootNamespace);
  const scope = (decider.cause.field ?? '').includes('portLevelMtls') ? 'port' : view.level === 'ignored' ? 'workload' : view.level;
  const out = [
    draft('fix.server-permissive', { object: refText(decider.cause), field: modeField(decider.cause), from: hop.serverMode, scope }, setMode(decider.cause, decider.object, 'PERMISSIVE'), { ...decider.cause, field: modeField(decider.cause) }),
  ];
  const pod = podAt(world, hop.to);
  const app = pod?.metadata.labels.app;
  const workloadPolicyInChain = hop.serverReason.causes.some((c) => {
    const obj = c.kind === 'PeerAuthentication' ? objectOf(world, c) : undefined;
    return obj !== undefined && readPeerAuthentication(obj, world.rootNamespace).level === 'workload';
  });
  if (pod && app && (scope === 'mesh' || scope === 'namespace') && !workloadPolicyInChain) {
    const ns = pod.metadata.namespace ?? '';
    const manifest: JsonObject = {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: `${app}-permissive`, namespace: ns },
      spec: { selector: { matchLabels: { app } }, mtls: { mode: 'PERMISSIVE' } },
    };
    out.push(draft('fix.workload-permissive', { app, namespace: ns, object: refText(decider.cause) }, applyCommand(manifest)));
  }
  return out;
}

/** A sidecar-less client pod: recreate a bare pod opted in, or enable injection for its deployment. */
function clientSidecar(world: World, hop: Hop): Draft[] {
  const pod = podAt(world, hop.from);
  if (!pod || hasSidecar(pod)) return [];
  const ns = pod.metadata.namespace ?? '';
  const deploy = ownerDeployment(world, pod);
  if (deploy) {
    const command = `kubectl label namespace ${ns} istio-injection=enabled --overwrite\nkubectl rollout restart deployment ${deploy} -n ${ns}`;
    return [draft('fix.client-sidecar.deployment', { name: deploy, namespace: ns, mode: hop.serverMode }, command)];
  }
  const labels: Record<string, string> = {
    ...Object.fromEntries(Object.entries(pod.metadata.labels).filter(([k]) => !k.includes('istio.io'))),
    [INJECT_ANNOTATION]: 'true',
  };
  const containers = getPath(pod.spec, 'containers');
  const kept = (Array.isArray(containers) ? containers.filter(isJsonObject) : [])
    .filter((c) => c.name !== SIDECAR_CONTAINER)
    .map((c) => {
      const out: JsonObject = {};
      for (const k of ['name', 'image', 'command', 'args', 'ports'] as const) if (c[k] !== undefined) out[k] = c[k] as Json;
      return out;
    });
  const sa = getPath(pod.spec, 'serviceAccountName');
  const manifest: JsonObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod.metadata.name, namespace: ns, labels },
    spec: { ...(typeof sa === 'string' && sa !== 'default' ? { serviceAccountName: sa } : {}), containers: kept },
  };
  const command = `kubectl delete pod ${pod.metadata.name} -n ${ns}\n${applyCommand(manifest)}`;
  return [draft('fix.client-sidecar.pod', { pod: `${ns}/${pod.metadata.name}`, mode: hop.serverMode }, command, { kind: 'Pod', namespace: ns, name: pod.metadata.name, field: `metadata.annotations.${INJECT_ANNOTATION}` })];
}

/** For an outside client that entered through a plain load balancer: the gateway's address instead. */
function useGateway(world: World, trace: Trace, hop: Hop): Draft[] {
  if (!hop.from.startsWith('external/')) return [];
  const gateway = world.list('Service').find((svc) => serviceType(svc) === 'LoadBalancer' && externalIP(svc) && serviceEndpoints(world, svc).some(isGatewayPod));
  const ip = gateway ? externalIP(gateway) : undefined;
  if (!gateway || !ip || hop.via === `${gateway.metadata.namespace}/${gateway.metadata.name}`) return [];
  const url = `http://${ip}${parseUrl(trace.url)?.path ?? '/'}`;
  const command = hop.from === 'external/browser' ? url : `curl ${url}`;
  const server = podAt(world, hop.to);
  const inner = server ? servicesForPod(world, server).find((s) => serviceType(s) !== 'LoadBalancer') : undefined;
  const service = inner ? `${inner.metadata.name}.${inner.metadata.namespace}.svc.cluster.local` : hop.to;
  return [draft('fix.use-gateway', { gateway: `${gateway.metadata.namespace}/${gateway.metadata.name}`, service, url }, command)];
}

function proxyUid(trace: Trace, hop: Hop): Draft[] {
  const [ns, pod] = splitRef(hop.from);
  const command = `kubectl debug --image istio/base --target istio-proxy -it ${pod} -n ${ns} -- curl ${trace.url} -o /dev/null -s -w '%{http_code}\\n'`;
  return [draft('fix.proxy-uid', {}, command)];
}

function useServiceHost(world: World, trace: Trace, hop: Hop): Draft[] {
  const server = podAt(world, hop.to);
  const svc = server ? servicesForPod(world, server).find((s) => serviceType(s) !== 'LoadBalancer') : undefined;
  const host = svc ? `${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local` : undefined;
  if (!svc || !host) return [];
  const ports = getPath(svc.spec, 'ports', 0, 'port');
  const url = `http://${host}:${typeof ports === 'number' ? ports : 80}${parseUrl(trace.url)?.path ?? '/'}`;
  return [draft('fix.use-service-host', { url }, `curl ${url} -o /dev/null -s -w '%{http_code}\\n'`)];
}

/** The DestinationRule that decided the client side, with the path of its `tls`. */
function clientRule(world: World, hop: Hop): { cause: Cause; object: KubeObject; tlsPath: string } | undefined {
  const cause = hop.clientReason.causes.find((c) => c.kind === 'DestinationRule');
  const object = cause ? objectOf(world, cause) : undefined;
  if (!cause || !object) return undefined;
  const field = cause.field ?? 'spec.trafficPolicy.tls';
  return { cause, object, tlsPath: field.endsWith('.mode') ? field.slice(0, -'.mode'.length) : field };
}

function ruleWithTls(rule: { object: KubeObject; tlsPath: string }, tls: Json | undefined): string {
  const spec = withValue({ spec: rule.object.spec ?? {} }, fieldPath(rule.tlsPath), tls).spec;
  return applyCommand(manifestWithSpec(rule.object, pruneEmpty(isJsonObject(spec) ? spec : {})));
}

function hasOtherSettings(rule: KubeObject, tlsPath: string): boolean {
  const without = withValue({ spec: rule.spec ?? {} }, fieldPath(tlsPath), undefined).spec;
  const rest = pruneEmpty(isJsonObject(without) ? without : {});
  return Object.keys(rest).some((k) => k !== 'host');
}

function ruleFixes(world: World, hop: Hop, kinds: ('istio-mutual' | 'delete' | 'remove-tls' | 'disable')[]): Draft[] {
  const rule = clientRule(world, hop);
  if (!rule) return [];
  const object = refText(rule.cause);
  const from = String(valueAt(rule.object, `${rule.tlsPath}.mode`) ?? 'DISABLE');
  const target: Cause = { ...rule.cause, field: `${rule.tlsPath}.mode` };
  return kinds.map((kind) => {
    switch (kind) {
      case 'istio-mutual':
        return draft('fix.dr-istio-mutual', { object, field: `${rule.tlsPath}.mode`, from, mode: hop.serverMode }, ruleWithTls(rule, { mode: 'ISTIO_MUTUAL' }), target);
      case 'disable':
        return draft('fix.dr-disable', { object, field: `${rule.tlsPath}.mode`, from, to: hop.to }, ruleWithTls(rule, { mode: 'DISABLE' }), target);
      case 'remove-tls':
        return draft('fix.dr-remove-tls', { object, from, to: hop.to }, ruleWithTls(rule, undefined), { ...rule.cause, field: rule.tlsPath });
      case 'delete':
        return draft('fix.dr-delete', { object, other: hasOtherSettings(rule.object, rule.tlsPath) ? 1 : 0 }, `kubectl delete destinationrule ${rule.cause.name} -n ${rule.cause.namespace}`, { ...rule.cause, field: 'metadata.name' });
    }
    return draft('', {}, '');
  });
}

/** Namespace-level DISABLE turned auto mTLS off for a STRICT workload (istio/istio#56084). */
function serviceDisabledFixes(world: World, hop: Hop): Draft[] {
  const out: Draft[] = [];
  const host = hop.service;
  const ns = host ? namespaceOfHost(host) : undefined;
  if (host && ns) {
    const name = `${host.split('.')[0] ?? 'service'}-istio-mutual`;
    const manifest: JsonObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name, namespace: ns },
      spec: { host, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } },
    };
    out.push(draft('fix.dr-add-istio-mutual', { host }, applyCommand(manifest)));
  }
  const disabled = hop.clientReason.causes
    .filter((c) => c.kind === 'PeerAuthentication')
    .map((cause) => ({ cause, object: objectOf(world, cause) }))
    .find((c) => c.object && valueAt(c.object, c.cause.field ?? '') === 'DISABLE');
  if (disabled?.object) {
    out.push(draft('fix.ns-permissive', { object: refText(disabled.cause), field: modeField(disabled.cause) }, setMode(disabled.cause, disabled.object, 'PERMISSIVE'), disabled.cause));
  }
  return [...out, ...serverPermissive(world, hop)];
}

function serverSidecar(world: World, hop: Hop): Draft[] {
  const pod = podAt(world, hop.to);
  const deploy = pod ? ownerDeployment(world, pod) : undefined;
  if (!pod || !deploy) return [];
  const ns = pod.metadata.namespace ?? '';
  return [draft('fix.server-sidecar', { name: deploy, namespace: ns }, `kubectl label namespace ${ns} istio-injection=enabled --overwrite\nkubectl rollout restart deployment ${deploy} -n ${ns}`)];
}

function secureNamingFixes(world: World, hop: Hop): Draft[] {
  const rule = clientRule(world, hop);
  const step = hop.handshake.find((s) => s.kind === 'secure_naming');
  const got = typeof step?.data?.got === 'string' ? step.data.got : undefined;
  const expectedRaw = step?.data?.expected;
  const expected = Array.isArray(expectedRaw) ? expectedRaw.join(', ') : String(expectedRaw ?? '');
  if (!rule || !got || valueAt(rule.object, `${rule.tlsPath}.subjectAltNames`) === undefined) return [];
  const object = refText(rule.cause);
  const tls = valueAt(rule.object, rule.tlsPath);
  const base: JsonObject = isJsonObject(tls) ? tls : {};
  const { subjectAltNames: _dropped, ...withoutSans } = base;
  const target: Cause = { ...rule.cause, field: `${rule.tlsPath}.subjectAltNames` };
  return [
    draft('fix.dr-remove-sans', { object, expected, got }, ruleWithTls(rule, withoutSans), target),
    draft('fix.dr-fix-sans', { object, got }, ruleWithTls(rule, { ...base, subjectAltNames: [got] }), target),
  ];
}

function draftsFor(world: World, trace: Trace, hop: Hop): Draft[] {
  const code = hop.clientReason.code;
  if (hop.outcome === 'denied') {
    // A plaintext caller has no principal for an ALLOW rule to match: it needs a sidecar first.
    const needsSidecar = !hop.authz?.principal && hop.authz?.code === 'deny.no-allow-match' && code === 'client.no-sidecar';
    return [...authzFixes(world, hop), ...(needsSidecar ? clientSidecar(world, hop) : [])];
  }
  if (hop.outcomeReason.code === 'tls.secure-naming') return secureNamingFixes(world, hop);
  if (hop.clientSends === 'PLAINTEXT' && hop.serverMode === 'STRICT') {
    if (code.startsWith('dr.')) return [...ruleFixes(world, hop, ['istio-mutual', 'delete']), ...serverPermissive(world, hop)];
    if (code === 'auto.service-disabled.56084') return serviceDisabledFixes(world, hop);
    if (code === 'client.external') return [...useGateway(world, trace, hop), ...serverPermissive(world, hop)];
    if (code === 'client.no-sidecar') return [...clientSidecar(world, hop), ...serverPermissive(world, hop)];
    if (code === 'client.proxy-uid') return [...proxyUid(trace, hop), ...serverPermissive(world, hop)];
    if (code === 'client.passthrough' || code === 'passthrough') {
      return [...(hop.from.startsWith('external/') ? useGateway(world, trace, hop) : useServiceHost(world, trace, hop)), ...serverPermissive(world, hop)];
    }
    return serverPermissive(world, hop);
  }
  if (hop.clientSends === 'ISTIO_MUTUAL' && (hop.serverMode === 'DISABLE' || hop.serverMode === 'NO_SIDECAR')) {
    const rules = ruleFixes(world, hop, ['remove-tls', 'disable']);
    if (hop.serverMode === 'DISABLE') return [...rules, ...serverPermissive(world, hop)];
    return [...rules, ...serverSidecar(world, hop)];
  }
  if (hop.clientSends === 'SIMPLE_TLS' || hop.clientSends === 'MUTUAL_TLS') return ruleFixes(world, hop, ['istio-mutual', 'delete']);
  return [];
}

/**
 * Concrete changes that would make one failing hop of a trace work: the minimal fix first, then
 * alternatives. Each is read from the hop's own reasons (which object and field decided), never from
 * a second evaluation; commands are kubectl-ready and also run in the simulator.
 */
export function suggestFixes(world: World, trace: Trace, hopIndex: number): Fix[] {
  const hop = trace.hops[hopIndex];
  if (!hop || hop.outcome === 'ok') return [];
  const seen = new Set<string>();
  return draftsFor(world, trace, hop)
    .filter((d) => d.code !== '' && !seen.has(d.command) && seen.add(d.command))
    .map((d, i) => ({
      id: `${hopIndex}:${d.code}:${i}`,
      hop: hopIndex,
      minimal: i === 0,
      title: line(d.code, d.params),
      detail: line(`${d.code}.detail`, d.params),
      command: d.command,
      ...(d.target ? { target: d.target } : {}),
    }));
}
