import { SIDECAR_CONTAINER, podServiceAccount } from '../cluster/pods.ts';
import { getPath, getString, type KubeObject } from '../objects.ts';
import type { AccessLogEntry, Hop, HopAuthz, Trace } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { envoyLogs } from './envoyLogLevels.ts';

/*
 * The debug lines Envoy's HTTP RBAC filter writes for each request when the proxy's `rbac` logger
 * is at debug (`istioctl proxy-config log POD --level rbac:debug`), the way Istio's "Dry Run" task
 * (istio.io tasks/security/authorization/authz-dry-run) reads them with `kubectl logs … -c istio-proxy | grep "shadow denied"`.
 *
 * envoy source/extensions/filters/http/rbac/rbac_filter.cc decodeHeaders: `checking request: …`,
 * then, when the filter has shadow rules, `shadow allowed|denied, matched policy <id|none>`, then
 * `enforced allowed|denied, matched policy <id|none>` with rules, or `no engine, allowed by default`
 * without. istiod builds one such filter per action (CUSTOM, AUDIT, DENY, ALLOW: rbacFilters.ts), each
 * logs its own lines, and a filter that denies stops the chain.
 *
 * The line is Envoy's, in the format Istio's bootstrap sets (tools/packaging/common/envoy_bootstrap.json
 * application_log_config: `%Y-%m-%dT%T.%fZ\t%l\tenvoy %n %g:%#\t%v\tthread=%t`), with the source path
 * as the proxy is built (Envoy is the `external/envoy` Bazel repository of istio/proxy).
 */

const SOURCE = 'external/envoy/source/extensions/filters/http/rbac/rbac_filter.cc';

/**
 * The source lines of rbac_filter.cc in the Envoy of Istio 1.25/1.26: `shadow denied` at 130 and
 * `no engine, allowed by default` at 167 as an istio-proxy of May 2025 printed them; the others follow
 * from the file's layout around them (decodeHeaders before the per-rule stats were added).
 */
const LINE = { checking: 98, shadowAllowed: 126, shadowDenied: 130, enforcedAllowed: 154, enforcedDenied: 158, noEngine: 167 } as const;

/** A worker thread's id, as `thread=%t` prints it. */
const THREAD = 30;

type FilterAction = 'CUSTOM' | 'AUDIT' | 'DENY' | 'ALLOW';
type Result = { allowed: boolean; policy: string };

/** The lines of one hop, once its access-log line (for the connection's addresses and the request's headers) is known. */
type HopLines = (accessLine: string) => string[];

/**
 * The trace's access-log entries with the RBAC debug lines each server proxy at `rbac:debug` wrote
 * before its access-log line (Envoy logs while it decodes the headers, the access log when the stream ends).
 */
export function withRbacDebugLines(world: World, trace: Trace): AccessLogEntry[] {
  const pending = new Map<string, HopLines[]>();
  for (const hop of trace.hops) {
    const lines = hopLines(world, hop);
    if (!lines) continue;
    const queue = pending.get(hop.to) ?? [];
    queue.push(lines);
    pending.set(hop.to, queue);
  }
  if (pending.size === 0) return trace.accessLogs;
  const out: AccessLogEntry[] = [];
  for (const entry of trace.accessLogs) {
    const queue = pending.get(`${entry.namespace}/${entry.pod}`);
    // A sidecar's inbound line (`inbound|port||`), or a gateway's one line.
    const lines = queue && entry.container === SIDECAR_CONTAINER && (entry.text.includes(' inbound|') || !entry.text.includes(' outbound|')) ? queue.shift() : undefined;
    for (const text of lines?.(entry.text) ?? []) out.push({ namespace: entry.namespace, pod: entry.pod, container: SIDECAR_CONTAINER, text });
    out.push(entry);
  }
  return out;
}

/** The debug lines of one hop, or undefined when its server proxy writes none. */
function hopLines(world: World, hop: Hop): HopLines | undefined {
  const authz = hop.authz;
  if (!authz) return undefined;
  const [ns = '', name = ''] = hop.to.split('/');
  const pod = world.get('Pod', ns, name);
  if (!pod || !envoyLogs(world, pod, 'rbac', 'debug')) return undefined;
  // A TCP chain's network RBAC filter writes `checking connection: …` instead (not simulated).
  if ((hop.outcome === 'denied' && hop.httpCode === 0) || tcpService(world, hop)) return undefined;
  const messages: [number, string | undefined][] = [];
  for (const action of ['CUSTOM', 'AUDIT', 'DENY', 'ALLOW'] as const) {
    const enforced = authz.applied.some((p) => p.action === action && !p.dryRun);
    // builder.go: a dry-run CUSTOM policy builds no filter. AUDIT (LOG) filters are not simulated.
    const shadow = action !== 'CUSTOM' && authz.applied.some((p) => p.action === action && p.dryRun);
    if (action === 'AUDIT' || (!enforced && !shadow)) continue;
    messages.push([LINE.checking, undefined]);
    const shadowed = shadow ? shadowResult(authz, action) : undefined;
    if (shadowed) messages.push([shadowed.allowed ? LINE.shadowAllowed : LINE.shadowDenied, `shadow ${shadowed.allowed ? 'allowed' : 'denied'}, matched policy ${shadowed.policy}`]);
    if (!enforced) {
      messages.push([LINE.noEngine, 'no engine, allowed by default']);
      continue;
    }
    const result = enforcedResult(authz, action);
    messages.push([result.allowed ? LINE.enforcedAllowed : LINE.enforcedDenied, `enforced ${result.allowed ? 'allowed' : 'denied'}, matched policy ${result.policy}`]);
    if (!result.allowed) break;
  }
  if (messages.length === 0) return undefined;
  const time = new Date(world.clock.now()).toISOString();
  return (accessLine) => {
    const checking = checkingRequest(world, hop, pod, accessLine);
    return messages.map(([line, text], i) => {
      const stamp = time.replace(/\.(\d{3})Z$/, `.$1${String(101 + i * 7).padStart(3, '0')}Z`);
      return `${stamp}\tdebug\tenvoy rbac ${SOURCE}:${String(line)}\t${text ?? checking}\tthread=${String(THREAD)}`;
    });
  };
}

/**
 * `checking request: …` (decodeHeaders' first ENVOY_LOG): the TLS server name, the peer's and the
 * local address (the access log's %DOWNSTREAM_REMOTE_ADDRESS% and %DOWNSTREAM_LOCAL_ADDRESS%), the
 * peer certificate's SANs, the headers as Envoy's HeaderMap prints them (`'name', 'value'` a line),
 * and the stream's dynamic metadata: empty on an Istio 1.26 sidecar, where no filter before RBAC sets
 * any (peer metadata is filter state).
 */
function checkingRequest(world: World, hop: Hop, server: KubeObject, accessLine: string): string {
  const words = accessLine.split(' ');
  const local = words[words.length - 4] ?? '';
  const remote = words[words.length - 3] ?? '';
  const quoted = [...accessLine.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
  const [method = 'GET', path = '/'] = (quoted[0] ?? '').split(' ');
  const [xff = '-', agent = '-', requestId = '-', authority = '-'] = quoted.slice(2, 6);
  const mtls = hop.clientSends === 'ISTIO_MUTUAL';
  const peer = mtls && hop.authz?.principal ? `spiffe://${hop.authz.principal}` : '';
  const headers: [string, string][] = [[':authority', authority], [':path', path], [':method', method], [':scheme', 'http'], ['user-agent', agent]];
  if (agent.startsWith('curl/')) headers.push(['accept', '*/*']);
  if (xff !== '-') headers.push(['x-forwarded-for', xff]);
  headers.push(['x-forwarded-proto', 'http'], ['x-request-id', requestId]);
  if (mtls) {
    headers.push(['x-envoy-attempt-count', '1']);
    // The inbound connection manager's forward_client_cert_details APPEND_FORWARD: By (this proxy), Hash, Subject, URI (the peer).
    const hash = Array.from({ length: 8 }, (_, i) => (fnv(`${requestId}/${hop.to}/${String(i)}`) >>> 0).toString(16).padStart(8, '0')).join('');
    headers.push(['x-forwarded-client-cert', `By=${serverSpiffe(world, server)};Hash=${hash};Subject="";URI=${peer}`]);
  }
  const ssl = mtls ? `uriSanPeerCertificate: ${peer}, dnsSanPeerCertificate: , subjectPeerCertificate: ` : 'none';
  const dump = headers.map(([k, v]) => `'${k}', '${v}'\n`).join('');
  return `checking request: requestedServerName: ${sniOf(hop)}, sourceIP: ${remote}, directRemoteIP: ${remote}, remoteIP: ${remote},localAddress: ${local}, ssl: ${ssl}, headers: ${dump}, dynamicMetadata: `;
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

function sniOf(hop: Hop): string {
  return hop.clientSends === 'ISTIO_MUTUAL' ? `outbound_.${String(hop.servicePort ?? hop.port)}_._.${hop.service ?? ''}` : '';
}

function serverSpiffe(world: World, pod: KubeObject): string {
  return `spiffe://${world.trustDomain}/ns/${pod.metadata.namespace ?? ''}/sa/${podServiceAccount(pod)}`;
}

/** Whether the hop went to a Service port Istio sends through a TCP chain (port name prefix or appProtocol). */
function tcpService(world: World, hop: Hop): boolean {
  if (!hop.service || hop.servicePort === undefined) return false;
  const [svcName = '', svcNs = ''] = hop.service.split('.');
  const ports = getPath(world.get('Service', svcNs, svcName)?.spec, 'ports');
  const port = (Array.isArray(ports) ? ports : []).find((p) => getPath(p, 'port') === hop.servicePort);
  const declared = (getString(port, 'appProtocol') ?? getString(port, 'name')?.split('-')[0] ?? '').toLowerCase();
  return ['tcp', 'tls', 'mongo', 'mysql', 'redis'].includes(declared);
}

/** What the filter of `action` enforced: its rules are the enforced policies of that action. */
function enforcedResult(authz: HopAuthz, action: FilterAction): Result {
  const match = authz.match;
  if (action === 'ALLOW') {
    return authz.code === 'allow.matched' && match ? { allowed: true, policy: match.envoyName } : { allowed: authz.code !== 'deny.no-allow-match', policy: 'none' };
  }
  // CUSTOM (its bad-CUSTOM DENY filter) and DENY: denied when one of their rules matched.
  return authz.code === 'deny.matched' && match && match.policy.action === action ? { allowed: false, policy: match.envoyName } : { allowed: true, policy: 'none' };
}

/**
 * What the filter's shadow engine decided: its rules are the dry-run policies of that action alone
 * (`hop.authz.shadow`). A DENY (or bad-CUSTOM DENY) filter's shadow engine denies when one matched;
 * an ALLOW filter's allows when one matched, and denies otherwise.
 */
function shadowResult(authz: HopAuthz, action: FilterAction): Result | undefined {
  if (action === 'AUDIT') return undefined;
  const match = authz.shadow?.[action];
  if (match === undefined) return undefined;
  if (action === 'ALLOW') return match ? { allowed: true, policy: match.envoyName } : { allowed: false, policy: 'none' };
  return match ? { allowed: false, policy: match.envoyName } : { allowed: true, policy: 'none' };
}
