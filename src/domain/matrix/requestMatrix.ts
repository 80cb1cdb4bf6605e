/**
 * The request matrix: who can reach whom in the mesh, and how. One probe per (client, destination)
 * pair, each evaluated by the same engine as the learner's own requests, so the matrix never
 * disagrees with curl. It also diffs two matrices (what an apply changed) and scores a learner's
 * prediction of which requests an apply will break.
 */
import { hasSidecar, podPhase } from '../cluster/pods.ts';
import { type ServicePort, externalIP, resolveTargetPort, serviceEndpoints, serviceHost, servicePorts, serviceSelector, serviceType } from '../cluster/services.ts';
import type { KubeObject } from '../objects.ts';
import type { AuthzDecisionCode } from '../policies/authorizationTypes.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import { type HopClient, evaluateHop, podLabel } from '../traffic/evaluateHop.ts';
import { curlWithoutSidecar, simulateRequest } from '../traffic/simulateRequest.ts';
import { type ClientSends, type Hop, type HopAuthz, type HopOutcome, type Phrase, type ServerMode, type Trace, failingHopIndex } from '../traffic/trace.ts';
import type { World } from '../world.ts';

/** What carried the request to the server: mutual TLS, plaintext, or nothing (it never arrived). */
export type MatrixTransport = 'mtls' | 'plaintext' | 'none';

/**
 * What the client observed.
 * - ok: the server answered.
 * - reset: the connection was reset and no HTTP response arrived (curl exit 56, `000`).
 * - http-503: a proxy on the client's side answered 503 (its upstream connection failed).
 * - http-error: another HTTP error status, e.g. 404 from a gateway with no matching route.
 * - refused, timeout, unresolved: the connection never started (curl exit 7, 28, 6).
 * - denied: the server's proxy refused the request by AuthorizationPolicy: HTTP 403 `RBAC: access
 *   denied`, gRPC status 7 (PERMISSION_DENIED) inside an HTTP 200, or a reset on a TCP port.
 * - error: any other client error (e.g. a protocol error).
 */
export type MatrixOutcome = 'ok' | 'reset' | 'http-503' | 'http-error' | 'refused' | 'timeout' | 'unresolved' | 'denied' | 'error';

/**
 * What AuthorizationPolicy made of a probe.
 * - allowed: a policy applies to the server's proxy, and it let the request through.
 * - open: no policy applies to the server (or no proxy there enforces one), so nothing was checked.
 * - denied: the server's proxy refused the request.
 * - unreached: the request failed before a proxy could decide (e.g. a reset by a STRICT port, a 503 from the client's sidecar).
 */
export type MatrixAuthz = 'allowed' | 'open' | 'denied' | 'unreached';

/** A row: one client workload, or the learner's browser. */
export interface MatrixRow {
  /** `external/browser`, or `<namespace>/<workload>` (the pod's `app` label, else the pod name). */
  id: string;
  namespace: string;
  /** The workload name (`frontend`, `testcurl`, `istio-ingressgateway`, `browser`). */
  name: string;
  /** A short display name: the workload without its `service` suffix (`productcatalog`). */
  label: string;
  kind: 'external' | 'sidecar' | 'gateway' | 'plain';
  /** The pod the probes start from; absent for the browser. */
  pod?: string;
}

/** A column: a Service inside the cluster, or an entry point from the internet (a LoadBalancer IP). */
export interface MatrixColumn {
  /** `<namespace>/<service>`. */
  id: string;
  namespace: string;
  name: string;
  /** A short display name: the Service without its `service` suffix. */
  label: string;
  /** `service`: probed from inside the cluster; `entry`: probed from the browser. */
  kind: 'service' | 'entry';
  /** The service host (`frontend.frontend.svc.cluster.local`) or the external IP. */
  host: string;
  /** The Service port probed: the first port, or port 80 for an entry point when it has one. */
  port: number;
  /** The URL each probe requests: `/` over HTTP, the standard health check's method on a gRPC port. */
  url: string;
}

/** One probe: one client's request to one destination, and how it ended. */
export interface MatrixCell {
  /** `<row id>><column id>`, e.g. `default/testcurl>frontend/frontend` (see cellId). */
  id: string;
  /** The row id. */
  from: string;
  /** The column id. */
  to: string;
  ok: boolean;
  transport: MatrixTransport;
  outcome: MatrixOutcome;
  /** The status the client received; 0 when none arrived. A probe that reached its server counts as 200 (a health check). */
  httpCode: number;
  /** The gRPC status of a local reply (7 when a proxy denied a gRPC request), when there is one. */
  grpcStatus?: number;
  /** The authorization view of the probe (see MatrixAuthz). */
  authz: MatrixAuthz;
  /** The decision's code, when a proxy decided (allowed or denied). */
  authzCode?: AuthzDecisionCode;
  /**
   * The policy (and rule) that decided, as `ns/name` or `ns/name rules[i]`; for a denial because no
   * ALLOW rule matched, the enforced ALLOW policies, comma-separated. Absent when no policy decided.
   */
  authzBy?: string;
  /** The deciding hop's outcome as the engine names it (tells a reset from a TLS error behind the same 503). */
  hopOutcome?: HopOutcome;
  clientSends?: ClientSends;
  serverMode?: ServerMode;
  /** Why it ended so: the deciding hop's outcome reason, or the client's error when no hop was made. */
  reason: string;
  /** The same reason as a phrase (code and parameters), so a view can render it in its language. */
  reasonPhrase?: Phrase;
  trace: Trace;
  /** Index in `trace.hops` of the deciding hop (the first failing hop, else the last); -1 when there is none. */
  hopIndex: number;
}

export interface RequestMatrix {
  rows: MatrixRow[];
  columns: MatrixColumn[];
  /** Only the pairs that make sense: the browser to entry points, in-cluster clients to Services. Row-major order. */
  cells: MatrixCell[];
}

/** How one cell differs between two matrices. */
export interface CellChange {
  id: string;
  from: string;
  to: string;
  /** broke: ok → failing; fixed: failing → ok; changed: another difference; added/removed: the pair appeared or vanished. */
  kind: 'broke' | 'fixed' | 'changed' | 'added' | 'removed';
  before?: MatrixCell;
  after?: MatrixCell;
}

/** How a guess of "which requests will break" compares with what broke. */
export interface PredictionScore {
  /** Guessed and broke. */
  hits: string[];
  /** Broke, not guessed. */
  misses: string[];
  /** Guessed, did not break. */
  falseAlarms: string[];
  /** 0–100: hits over the union of guessed and broken (100 when both are empty). */
  score: number;
  /** Whether the guess was exactly right. */
  exact: boolean;
}

/** The id of the cell from row `from` to column `to`. */
export function cellId(from: string, to: string): string {
  return `${from}>${to}`;
}

/** Namespaces whose pods are no application clients: the cluster's own and the mesh control plane. */
function isSystemNamespace(world: World, ns: string): boolean {
  return ns === world.rootNamespace || ns.startsWith('kube-') || ns.startsWith('gke-') || ns === 'gmp-system';
}

function shortLabel(name: string): string {
  return name.length > 'service'.length && name.endsWith('service') ? name.slice(0, -'service'.length) : name;
}

function workloadName(pod: KubeObject): string {
  return pod.metadata.labels.app ?? pod.metadata.labels['app.kubernetes.io/name'] ?? pod.metadata.name;
}

/** One row per workload (first Running pod by name), gateways included, the control plane left out. */
function clientRows(world: World): { row: MatrixRow; pod: KubeObject }[] {
  const seen = new Set<string>();
  const out: { row: MatrixRow; pod: KubeObject }[] = [];
  for (const pod of world.list('Pod')) {
    const ns = pod.metadata.namespace ?? '';
    if (podPhase(pod) !== 'Running') continue;
    const gateway = isGatewayPod(pod);
    if (isSystemNamespace(world, ns) && !gateway) continue;
    const name = workloadName(pod);
    const id = `${ns}/${name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const kind = gateway ? 'gateway' : hasSidecar(pod) ? 'sidecar' : 'plain';
    out.push({ row: { id, namespace: ns, name, label: shortLabel(name), kind, pod: pod.metadata.name }, pod });
  }
  return out;
}

/** A service column with what every probe of it shares: its first endpoint and the target port there. */
interface ServiceTarget {
  column: MatrixColumn;
  service: KubeObject;
  port: ServicePort;
  endpoint: KubeObject | undefined;
  targetPort: number;
  protocol: 'http' | 'grpc';
}

/** The method a gRPC probe calls: the standard health check (grpc.health.v1), which every gRPC server in the shop serves. */
const GRPC_HEALTH_CHECK = '/grpc.health.v1.Health/Check';

/** Application Services (a selector and a port, not a LoadBalancer, outside system namespaces). */
function serviceColumns(world: World): ServiceTarget[] {
  return world.list('Service').flatMap((svc) => {
    const ns = svc.metadata.namespace ?? '';
    const port = servicePorts(svc)[0];
    if (!port || isSystemNamespace(world, ns) || serviceType(svc) === 'LoadBalancer' || Object.keys(serviceSelector(svc)).length === 0) return [];
    const host = serviceHost(svc);
    const protocol = port.name?.startsWith('grpc') || port.appProtocol === 'grpc' ? 'grpc' as const : 'http' as const;
    const column: MatrixColumn = {
      id: `${ns}/${svc.metadata.name}`, namespace: ns, name: svc.metadata.name, label: shortLabel(svc.metadata.name),
      kind: 'service', host, port: port.port, url: `http://${host}:${port.port}${protocol === 'grpc' ? GRPC_HEALTH_CHECK : '/'}`,
    };
    // As callThroughService: the first Running endpoint, and the port the Service targets on it.
    const endpoint = serviceEndpoints(world, svc)[0];
    const targetPort = (endpoint ? resolveTargetPort(port, endpoint) : undefined) ?? port.port;
    return [{ column, service: svc, port, endpoint, targetPort, protocol }];
  });
}

/**
 * LoadBalancers with an external IP: what the learner's browser can open. The probe asks for the
 * frontend's `/_healthz`, which calls no backend, so the cell shows the entry path alone.
 */
function entryColumns(world: World): MatrixColumn[] {
  return world.list('Service').flatMap((svc) => {
    const ip = externalIP(svc);
    const ports = servicePorts(svc);
    const port = ports.find((p) => p.port === 80) ?? ports[0];
    if (serviceType(svc) !== 'LoadBalancer' || !ip || !port) return [];
    const ns = svc.metadata.namespace ?? '';
    return [{
      id: `${ns}/${svc.metadata.name}`, namespace: ns, name: svc.metadata.name, label: shortLabel(svc.metadata.name),
      kind: 'entry' as const, host: ip, port: port.port, url: `http://${ip}${port.port === 80 ? '' : `:${port.port}`}/_healthz`,
    }];
  });
}

/** Rows that cross the mesh's edge come first: gateways, then sidecar-less clients, then the meshed workloads. */
const ROW_ORDER: Record<MatrixRow['kind'], number> = { external: 0, gateway: 1, plain: 2, sidecar: 3 };

const BROWSER: MatrixRow = { id: 'external/browser', namespace: 'external', name: 'browser', label: 'browser', kind: 'external' };

/** The same client a `kubectl exec <pod> -- curl` would be (simulateRequest's wording, so explanations match). */
function hopClientFor(pod: KubeObject): HopClient {
  const label = podLabel(pod);
  if (isGatewayPod(pod)) return { type: 'proxy', proxyKind: 'gateway', label, pod };
  if (hasSidecar(pod)) return { type: 'proxy', proxyKind: 'sidecar', label, pod };
  return curlWithoutSidecar(pod, label);
}

function transportOf(hop: Hop | undefined, ok: boolean): MatrixTransport {
  if (!hop || !ok || hop.outcome !== 'ok') return 'none';
  return hop.clientSends === 'ISTIO_MUTUAL' ? 'mtls' : hop.clientSends === 'PLAINTEXT' ? 'plaintext' : 'none';
}

function outcomeOf(trace: Trace, hop: Hop | undefined): MatrixOutcome {
  // The deciding hop tells a denial apart whatever the client saw: 403, gRPC status 7 in a 200, or a reset.
  if (hop?.outcome === 'denied') return 'denied';
  switch (trace.curlExit) {
    case 0:
      return trace.httpCode === 503 ? 'http-503' : trace.httpCode >= 400 ? 'http-error' : 'ok';
    case 56:
      return 'reset';
    case 7:
      return 'refused';
    case 28:
      return 'timeout';
    case 6:
      return 'unresolved';
    default:
      return 'error';
  }
}

/** `ns/name`, with ` rules[i]` when a rule decided. */
function ruleText(match: NonNullable<HopAuthz['match']>): string {
  const policy = `${match.policy.namespace}/${match.policy.name}`;
  return match.rule === undefined ? policy : `${policy} rules[${match.rule}]`;
}

/** The policy that decided: the matching rule's, or every enforced ALLOW policy when no ALLOW rule matched. */
function decidedBy(authz: HopAuthz): string | undefined {
  if (authz.match) return ruleText(authz.match);
  if (authz.code !== 'deny.no-allow-match') return undefined;
  const allows = authz.applied.filter((p) => p.action === 'ALLOW' && !p.dryRun).map((p) => `${p.namespace}/${p.name}`);
  return allows.length > 0 ? allows.join(', ') : undefined;
}

/**
 * The authorization view of a trace. A denial is the failing hop's. Otherwise the deciding hop's
 * decision counts, else any other hop's (a policy on the ingress gateway in front of an open
 * frontend still allowed the request); a failure with no decision never reached a deciding proxy.
 */
function authzOf(trace: Trace, hopIndex: number, ok: boolean): Pick<MatrixCell, 'authz' | 'authzCode' | 'authzBy'> {
  const hop = trace.hops[hopIndex];
  const decided = hop?.authz?.code === 'allow.no-policy' ? undefined : hop?.authz;
  const authz = decided ?? trace.hops.findLast((h) => h.authz && h.authz.allowed && h.authz.code !== 'allow.no-policy')?.authz;
  if (hop?.outcome === 'denied' && hop.authz) return view('denied', hop.authz);
  if (!ok && (hop === undefined || hop.outcome !== 'ok')) return { authz: 'unreached' };
  return authz ? view('allowed', authz) : { authz: 'open' };

  function view(kind: MatrixAuthz, a: HopAuthz): Pick<MatrixCell, 'authz' | 'authzCode' | 'authzBy'> {
    const by = decidedBy(a);
    return { authz: kind, authzCode: a.code, ...(by ? { authzBy: by } : {}) };
  }
}

function cellFromTrace(from: string, to: string, trace: Trace, grpcStatus?: number): MatrixCell {
  const failing = failingHopIndex(trace);
  const hopIndex = failing >= 0 ? failing : trace.hops.length - 1;
  const hop = trace.hops[hopIndex];
  const outcome = outcomeOf(trace, hop);
  const ok = outcome === 'ok';
  return {
    id: cellId(from, to), from, to, ok,
    transport: transportOf(hop, ok),
    outcome,
    httpCode: trace.httpCode,
    ...(grpcStatus !== undefined ? { grpcStatus } : {}),
    ...authzOf(trace, hopIndex, ok),
    ...(hop ? { hopOutcome: hop.outcome, clientSends: hop.clientSends, serverMode: hop.serverMode } : {}),
    reason: hop?.outcomeReason.text ?? trace.curlError ?? '',
    ...(hop ? { reasonPhrase: hop.outcomeReason } : {}),
    trace,
    hopIndex,
  };
}

/**
 * One connection from a pod to a Service's first endpoint, evaluated alone. Going through
 * evaluateHop rather than simulateRequest keeps backends' own calls (checkout's order flow,
 * recommendation → catalog) out of the cell, so it reflects exactly this hop's mTLS decision.
 */
function probeService(world: World, pod: KubeObject, target: ServiceTarget): { trace: Trace; grpcStatus?: number } {
  const { column, endpoint } = target;
  const client = hopClientFor(pod);
  const grpc = target.protocol === 'grpc';
  const base = { from: podLabel(pod), url: column.url, method: grpc ? 'POST' : 'GET', body: '', responseHeaders: [], page: 'plain' as const, origin: 'command' as const, accessLogs: [] };
  // A gRPC probe is a gRPC request (POST, content-type application/grpc), so a denying proxy answers it in gRPC form.
  const http = grpc ? { http: { method: 'POST', path: GRPC_HEALTH_CHECK, authority: `${column.host}:${column.port}`, headers: { 'content-type': 'application/grpc' } } } : {};
  if (!endpoint) {
    // As callThroughService: a proxy answers 503 for an empty cluster; a bare client gets refused.
    return client.type === 'proxy'
      ? { trace: { ...base, httpCode: 503, curlExit: 0, hops: [], body: 'no healthy upstream' } }
      : { trace: { ...base, httpCode: 0, curlExit: 7, curlError: `Failed to connect to ${column.host} port ${column.port} after 2 ms: Could not connect to server`, hops: [] } };
  }
  const { hop, observation } = evaluateHop(world, { client, endpoint, port: target.targetPort, service: target.service, servicePort: target.port, protocol: target.protocol, parent: -1, ...http });
  switch (observation.kind) {
    case 'delivered':
      hop.httpCode = 200;
      return { trace: { ...base, httpCode: 200, curlExit: 0, hops: [hop] } };
    case 'local-reply': {
      const trace: Trace = { ...base, httpCode: observation.code, curlExit: 0, hops: [hop], body: observation.body };
      return observation.grpcStatus === undefined ? { trace } : { trace, grpcStatus: observation.grpcStatus };
    }
    case 'reset':
      return { trace: { ...base, httpCode: 0, curlExit: 56, curlError: 'Recv failure: Connection reset by peer', hops: [hop] } };
  }
}

interface CacheEntry {
  configVersion: number;
  pods: readonly KubeObject[];
  services: readonly KubeObject[];
  matrix: RequestMatrix;
}

/**
 * Per world instance (two clones can reach equal version numbers by different changes). Pods and
 * Services are compared by the identity of `world.list`'s arrays, which the world replaces on any
 * change of that kind; every mesh policy kind bumps `configVersion`.
 */
const cache = new WeakMap<World, CacheEntry>();

/**
 * Probes every client against every destination.
 * - Rows: the browser, then one per workload (one pod per `app`): gateways, sidecar-less clients,
 *   then meshed workloads, each group in namespace order. The control plane is left out.
 * - Columns: the external entry points (probed from the browser only), then each application
 *   Service on its first port (probed from every in-cluster row).
 * A workload's request to its own Service is kept: it passes through both of its sidecars like any other.
 * WARNING: the result is cached per world state and shared; never mutate it.
 */
export function computeMatrix(world: World): RequestMatrix {
  const pods = world.list('Pod');
  const services = world.list('Service');
  const hit = cache.get(world);
  if (hit && hit.configVersion === world.configVersion && hit.pods === pods && hit.services === services) return hit.matrix;

  const entries = entryColumns(world);
  const inCluster = serviceColumns(world);
  const clients = clientRows(world).sort((a, b) => ROW_ORDER[a.row.kind] - ROW_ORDER[b.row.kind]);
  const cells: MatrixCell[] = [];
  for (const column of entries) {
    const trace = simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: column.url, origin: 'browser' });
    cells.push(cellFromTrace(BROWSER.id, column.id, trace));
  }
  for (const { row, pod } of clients) {
    for (const target of inCluster) {
      const { trace, grpcStatus } = probeService(world, pod, target);
      cells.push(cellFromTrace(row.id, target.column.id, trace, grpcStatus));
    }
  }
  const matrix: RequestMatrix = {
    rows: [...(entries.length > 0 ? [BROWSER] : []), ...clients.map((c) => c.row)],
    columns: [...entries, ...inCluster.map((c) => c.column)],
    cells,
  };
  cache.set(world, { configVersion: world.configVersion, pods, services, matrix });
  return matrix;
}

/** How a denied request looked to its client: HTTP 403, gRPC status 7 inside a 200, or a closed TCP connection. */
export function denialKind(cell: Pick<MatrixCell, 'outcome' | 'httpCode' | 'grpcStatus'>): 'http' | 'grpc' | 'tcp' | undefined {
  if (cell.outcome !== 'denied') return undefined;
  return cell.grpcStatus !== undefined ? 'grpc' : cell.httpCode > 0 ? 'http' : 'tcp';
}

/** `testcurl → frontend`: the short names of a cell's row and column. */
export function cellLabel(matrix: RequestMatrix, cell: Pick<MatrixCell, 'from' | 'to'>): string {
  const row = matrix.rows.find((r) => r.id === cell.from);
  const column = matrix.columns.find((c) => c.id === cell.to);
  return `${row?.label ?? cell.from} → ${column?.label ?? cell.to}`;
}

/**
 * Cells whose result (ok, outcome, transport, or the authorization decision and its policy) differs,
 * plus pairs that appeared or vanished, in `after`'s order. A request a policy now denies broke.
 */
export function diffMatrix(before: RequestMatrix, after: RequestMatrix): CellChange[] {
  const old = new Map(before.cells.map((c) => [c.id, c]));
  const changes: CellChange[] = [];
  for (const cell of after.cells) {
    const prev = old.get(cell.id);
    old.delete(cell.id);
    const base = { id: cell.id, from: cell.from, to: cell.to, after: cell };
    if (!prev) changes.push({ ...base, kind: 'added' });
    else if (prev.ok && !cell.ok) changes.push({ ...base, kind: 'broke', before: prev });
    else if (!prev.ok && cell.ok) changes.push({ ...base, kind: 'fixed', before: prev });
    else if (prev.outcome !== cell.outcome || prev.transport !== cell.transport || prev.authz !== cell.authz || prev.authzBy !== cell.authzBy) {
      changes.push({ ...base, kind: 'changed', before: prev });
    }
  }
  for (const prev of old.values()) changes.push({ id: prev.id, from: prev.from, to: prev.to, kind: 'removed', before: prev });
  return changes;
}

/** Scores a guess of which requests will break against the ones that did. */
export function scorePrediction(guessBrokenIds: readonly string[], actualBrokenIds: readonly string[]): PredictionScore {
  const guess = new Set(guessBrokenIds);
  const actual = new Set(actualBrokenIds);
  const hits = [...guess].filter((id) => actual.has(id));
  const misses = [...actual].filter((id) => !guess.has(id));
  const falseAlarms = [...guess].filter((id) => !actual.has(id));
  const union = hits.length + misses.length + falseAlarms.length;
  return { hits, misses, falseAlarms, score: union === 0 ? 100 : Math.round((100 * hits.length) / union), exact: misses.length === 0 && falseAlarms.length === 0 };
}
