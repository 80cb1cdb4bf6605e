import type { Line, MessageParams } from './types.ts';

/**
 * The English catalog of the explainer. Every line the explainer produces is `code + params`; a
 * translation supplies the same codes. Enumerated parameters (actors, modes, what a client sends)
 * are codes looked up in the small tables below, so they translate too; free-text parameters are
 * the engine's own reason sentences.
 */
type Template = (p: MessageParams) => string;

const ACTOR: Record<string, string> = {
  'client.sidecar': 'client sidecar',
  'client.gateway': 'ingress gateway',
  'client.browser': 'browser (no sidecar)',
  'client.cloudshell': 'Cloud Shell (no sidecar)',
  'client.plain': 'client (no sidecar)',
  'client.proxy-uid': 'curl in the istio-proxy container (not captured)',
  'client.loopback': 'client (localhost)',
  'client.passthrough': 'client sidecar (passthrough)',
  'server.sidecar': 'server sidecar',
  'server.gateway': 'ingress gateway',
  'server.plain': 'server (no sidecar)',
  'server.loopback': 'server (same pod)',
};

const SENDS: Record<string, string> = {
  ISTIO_MUTUAL: 'mTLS',
  PLAINTEXT: 'plaintext',
  SIMPLE_TLS: 'one-way TLS',
  MUTUAL_TLS: 'TLS with its own client certificate',
};

const REQUIRES: Record<string, string> = {
  STRICT: 'requires mTLS',
  PERMISSIVE: 'accepts mTLS or plaintext',
  DISABLE: 'accepts plaintext only (no TLS termination)',
  NO_SIDECAR: 'the application reads the bytes as they arrive (nobody terminates mTLS)',
  GATEWAY: 'a plain HTTP listener from the Gateway resource',
  LOOPBACK: 'the application answers directly',
};

const MODE: Record<string, string> = {
  STRICT: 'STRICT',
  PERMISSIVE: 'PERMISSIVE',
  DISABLE: 'DISABLE',
  NO_SIDECAR: 'sidecar-less',
};

const SCOPE: Record<string, string> = {
  mesh: 'every workload in the mesh that has no narrower policy',
  namespace: 'every workload in its namespace that has no workload policy',
  workload: 'this workload only',
  port: 'this port of this workload only',
};

/** Short outcome phrases, used inside summaries and lint effects. */
const OUTCOME: Record<string, string> = {
  ok: 'accepted',
  'reset.plaintext': 'reset (no filter chain matches plaintext); the client sees a TCP reset',
  'reset.plaintext.503': 'reset (no filter chain matches plaintext); the client sidecar answers 503',
  'reset.tls': 'reset (TLS without Istio ALPN matches no filter chain); the client sidecar answers 503',
  'tls.secure-naming': 'secure naming fails; the client sidecar answers 503',
  'tls.server-disabled': 'the TLS handshake fails (nobody terminates mTLS on a DISABLE port); the client sidecar answers 503',
  'tls.no-sidecar': 'the TLS handshake fails (no sidecar terminates mTLS); the client sidecar answers 503',
  'tls.user-tls': 'the TLS handshake fails; the client sidecar answers 503',
  '503': 'the client sidecar answers 503',
  refused: 'the connection is refused',
  timeout: 'the connection times out',
  protocol_error: 'a protocol error (TLS bytes reached a plaintext HTTP listener)',
};

const SEEN: Record<string, string> = {
  reset: 'a connection reset (curl exits with 56; the browser shows ERR_CONNECTION_RESET)',
  'error-page': "HTTP 500 and the frontend's error page",
  http: 'HTTP',
  none: 'no HTTP response',
};

const word = (table: Record<string, string>, key: string | number | undefined): string => {
  const k = String(key ?? '');
  return table[k] ?? k;
};

const s = (p: MessageParams, key: string): string => String(p[key] ?? '');

export const MESSAGES: Readonly<Record<string, Template>> = {
  'hop.title': (p) => `${s(p, 'from')} → ${s(p, 'to')}:${s(p, 'port')}`,
  'hop.title.service': (p) => `${s(p, 'from')} → ${s(p, 'to')}:${s(p, 'port')} (${s(p, 'service')}:${s(p, 'servicePort')})`,
  'hop.client': (p) => `${word(ACTOR, p.actor)}: ${s(p, 'reason')} → sends ${word(SENDS, p.sends)}`,
  'hop.server': (p) => `${word(ACTOR, p.actor)}: ${s(p, 'reason')} → ${word(REQUIRES, p.requires)}`,

  'result.accepts': (p) => `accepts (${p.sends === 'ISTIO_MUTUAL' ? 'mutual TLS' : word(SENDS, p.sends)}) → the application answers ${s(p, 'code')}`,
  'result.reset.plaintext': () => 'resets the connection (no filter chain matches plaintext) → the client sees a TCP reset',
  'result.reset.plaintext.503': () => 'resets the connection (no filter chain matches plaintext) → client sidecar answers 503',
  'result.reset.tls': () => 'resets the connection (TLS without Istio ALPN matches no filter chain) → client sidecar answers 503',
  'result.tls.secure-naming': (p) => `the client rejects the server certificate: ${s(p, 'reason')} → client sidecar answers 503`,
  'result.tls.server-disabled': () => 'the TLS handshake fails (the port is DISABLE: nobody terminates mTLS) → client sidecar answers 503',
  'result.tls.no-sidecar': () => 'the TLS handshake fails (no sidecar terminates mTLS) → client sidecar answers 503',
  'result.tls.user-tls': (p) => `the TLS handshake fails: ${s(p, 'reason')} → client sidecar answers 503`,
  'result.503': () => 'client sidecar answers 503',
  'result.refused': () => 'the connection is refused',
  'result.timeout': () => 'the connection times out',
  'result.protocol-error': () => 'protocol error: TLS bytes reached a plaintext HTTP listener',

  'summary.ok': (p) => `The request succeeded: HTTP ${s(p, 'code')} after ${s(p, 'hops')} ${p.hops === 1 ? 'hop' : 'hops'}, every connection accepted.`,
  'summary.app-error': (p) => `Every connection was accepted; the application answered HTTP ${s(p, 'code')}.`,
  'summary.failed': (p) =>
    `Hop ${s(p, 'hop')} failed (${s(p, 'from')} → ${s(p, 'to')}): the ${word(ACTOR, p.clientActor)} sent ${word(SENDS, p.sends)} to a ${word(MODE, p.mode)} server, so ${word(OUTCOME, p.outcome)}. The client saw ${p.seen === 'http' ? `HTTP ${s(p, 'code')}` : word(SEEN, p.seen)}.`,
  'summary.no-hop': (p) => `The request never reached a workload: ${s(p, 'error')}.`,
  'summary.empty': () => 'No request yet.',

  'fix.client-sidecar.pod': (p) => `Give ${s(p, 'pod')} a sidecar`,
  'fix.client-sidecar.pod.detail': (p) =>
    `Recreate the pod with the label sidecar.istio.io/inject: "true" (and without the opt-out annotation). Its sidecar then originates mTLS, which the ${word(MODE, p.mode)} server accepts.`,
  'fix.client-sidecar.deployment': (p) => `Give deployment ${s(p, 'name')} a sidecar`,
  'fix.client-sidecar.deployment.detail': (p) =>
    `Enable injection in namespace ${s(p, 'namespace')} and restart the deployment. Its new pods get a sidecar that originates mTLS, which the ${word(MODE, p.mode)} server accepts.`,
  'fix.use-gateway': () => 'Send the request through the ingress gateway',
  'fix.use-gateway.detail': (p) =>
    `The browser cannot get a sidecar. The ingress gateway ${s(p, 'gateway')} is a proxy: it accepts plain HTTP from outside and originates mTLS to ${s(p, 'service')}, which STRICT accepts. Open ${s(p, 'url')}.`,
  'fix.proxy-uid': () => 'Run curl from a container the sidecar captures',
  'fix.proxy-uid.detail': () =>
    "The istio-proxy container runs as UID 1337, whose traffic iptables never redirects. A debug container shares the pod's network and is captured, so its requests leave as mTLS.",
  'fix.use-service-host': () => 'Address the Service host, not an IP',
  'fix.use-service-host.detail': (p) =>
    `The sidecar only originates mTLS for hosts it knows as services; a load-balancer or pod IP goes out as plaintext (PassthroughCluster). Use ${s(p, 'url')}.`,
  'fix.server-permissive': () => 'Make the server PERMISSIVE',
  'fix.server-permissive.detail': (p) =>
    `Change ${s(p, 'object')} ${s(p, 'field')} from ${s(p, 'from')} to PERMISSIVE: it then accepts plaintext as well as mTLS. This affects ${word(SCOPE, p.scope)}, and gives up the guarantee that only mesh clients get in.`,
  'fix.workload-permissive': (p) => `Make only ${s(p, 'app')} PERMISSIVE`,
  'fix.workload-permissive.detail': (p) =>
    `Add a workload-level PeerAuthentication for app=${s(p, 'app')} in ${s(p, 'namespace')}. The narrowest policy wins, so it overrides ${s(p, 'object')} for this workload only.`,
  'fix.dr-istio-mutual': () => 'Set the DestinationRule tls.mode to ISTIO_MUTUAL',
  'fix.dr-istio-mutual.detail': (p) =>
    `${s(p, 'object')} ${s(p, 'field')}: ${s(p, 'from')} → ISTIO_MUTUAL. Clients that use the rule then send Istio mTLS, which the ${word(MODE, p.mode)} server accepts.`,
  'fix.dr-delete': () => 'Delete the DestinationRule',
  'fix.dr-delete.detail': (p) =>
    `Without ${s(p, 'object')}, auto mTLS decides: it sends mTLS to endpoints with a sidecar and plaintext to the others.${p.other === 1 ? ' This also drops the rule\'s other traffic settings.' : ''}`,
  'fix.dr-remove-tls': () => 'Remove tls from the DestinationRule and let auto mTLS decide',
  'fix.dr-remove-tls.detail': (p) =>
    `${s(p, 'object')} forces ${s(p, 'from')} even where nobody can terminate it. Without the tls setting, auto mTLS sends plaintext to ${s(p, 'to')}, which it accepts.`,
  'fix.dr-disable': () => 'Set the DestinationRule tls.mode to DISABLE',
  'fix.dr-disable.detail': (p) => `${s(p, 'object')} ${s(p, 'field')}: ${s(p, 'from')} → DISABLE. Its clients then send plaintext, which ${s(p, 'to')} accepts.`,
  'fix.dr-remove-sans': () => 'Remove subjectAltNames from the DestinationRule',
  'fix.dr-remove-sans.detail': (p) =>
    `${s(p, 'object')} pins the server identity to ${s(p, 'expected')}, but the server presents ${s(p, 'got')}. Without subjectAltNames the client accepts the service accounts of the service's workloads.`,
  'fix.dr-fix-sans': () => "Set subjectAltNames to the server's identity",
  'fix.dr-fix-sans.detail': (p) => `List ${s(p, 'got')}, the SPIFFE ID the server really presents.`,
  'fix.dr-add-istio-mutual': (p) => `Add a DestinationRule with ISTIO_MUTUAL for ${s(p, 'host')}`,
  'fix.dr-add-istio-mutual.detail': (p) =>
    `Auto mTLS is off for the whole service because its namespace is DISABLE at namespace or mesh level, and a workload-level STRICT does not turn it back on (istio/istio#56084). An explicit ISTIO_MUTUAL makes clients send mTLS to ${s(p, 'host')}.`,
  'fix.ns-permissive': () => 'Make the namespace policy PERMISSIVE instead of DISABLE',
  'fix.ns-permissive.detail': (p) =>
    `${s(p, 'object')} ${s(p, 'field')}: DISABLE → PERMISSIVE. Auto mTLS is then on for the service again, and the STRICT workload receives mTLS.`,
  'fix.server-sidecar': (p) => `Give ${s(p, 'name')} a sidecar`,
  'fix.server-sidecar.detail': (p) =>
    `Enable injection in namespace ${s(p, 'namespace')} and restart the deployment: its sidecar then terminates the mTLS the client sends.`,

  'kia.KIA0002': () => 'More than one selector-less object in the same namespace',
  'kia.KIA0003': () => 'More than one object applied to the same workload',
  'kia.KIA0004': () => 'No matching workload found for the selector in this namespace',
  'kia.KIA0202': () => 'This host has no matching entry in the service registry',
  'kia.KIA0205': () => 'PeerAuthentication enabling mTLS at mesh level is missing',
  'kia.KIA0206': () => 'PeerAuthentication enabling namespace-wide mTLS is missing',
  'kia.KIA0207': () => 'PeerAuthentication with TLS strict mode found, it should be permissive',
  'kia.KIA0208': () => 'PeerAuthentication enabling mTLS found, permissive mode needed',
  'kia.KIA0401': () => 'Mesh-wide Destination Rule enabling mTLS is missing',
  'kia.KIA0501': () => 'Destination Rule enabling namespace-wide mTLS is missing',
  'kia.KIA0505': () => 'Destination Rule disabling namespace-wide mTLS is missing',
  'kia.KIA0506': () => 'Destination Rule disabling mesh-wide mTLS is missing',
  'lint.note.auto-mtls': () =>
    'Kiali runs this check only when auto mTLS is off. Auto mTLS is on here (the Istio default): sidecars send mTLS wherever a sidecar can receive it without any DestinationRule or PeerAuthentication, so the missing object alone breaks nothing and the finding is noise. What really happens is shown next to it.',

  'effect.flow': (p) => `A request from ${s(p, 'client')} to ${s(p, 'host')}:${s(p, 'port')}: ${word(SENDS, p.sends)} to a ${word(MODE, p.mode)} server → ${word(OUTCOME, p.outcome)}.`,
  'effect.flow.auto': (p) =>
    `Auto mTLS is on, so this works anyway. A request from ${s(p, 'client')} to ${s(p, 'host')}:${s(p, 'port')}: ${word(SENDS, p.sends)} to a ${word(MODE, p.mode)} server → ${word(OUTCOME, p.outcome)}.`,
  'effect.unused-rule': (p) => `No client uses this rule for ${s(p, 'host')}: ${s(p, 'why')}. It changes nothing.`,
  'effect.no-target': () => 'No service with a running endpoint is affected right now, so nothing fails yet.',
  'effect.no-host': (p) => `Istio attaches a DestinationRule only by host, and no Service is ${s(p, 'fqdn')}: the rule has no effect at all.`,
  'effect.no-host.suggest': (p) =>
    `Istio attaches a DestinationRule only by host, and no Service is ${s(p, 'fqdn')}: the rule has no effect at all. The service is probably ${s(p, 'suggest')}, where auto mTLS already decides: ${word(SENDS, p.sends)} to a ${word(MODE, p.mode)} server → ${word(OUTCOME, p.outcome)}.`,
  'effect.newer-ignored': (p) =>
    `Only the oldest selector-less policy of a namespace counts: ${s(p, 'winner')} decides for namespace ${s(p, 'namespace')} (${s(p, 'winnerMode')}), and ${s(p, 'ignored')} ${p.count === 1 ? 'is' : 'are'} ignored.`,
  'effect.newer-ignored.self': (p) =>
    `Only the oldest selector-less policy of a namespace counts, and this is it: it decides for namespace ${s(p, 'namespace')} (${s(p, 'winnerMode')}), while ${s(p, 'ignored')} ${p.count === 1 ? 'is' : 'are'} ignored.`,
  'effect.workload-conflict': (p) =>
    `For ${s(p, 'pod')} the oldest matching workload policy wins: ${s(p, 'winner')} (${s(p, 'winnerMode')}). ${s(p, 'ignored')} ${p.count === 1 ? 'is' : 'are'} ignored there.`,
  'effect.selector-none': (p) => `It applies to no pod: nothing in ${s(p, 'namespace')} has the labels ${s(p, 'labels')}. It changes nothing.`,
  'effect.root-selector': (p) =>
    `It applies to no pod: a PeerAuthentication with a selector in the root namespace ${s(p, 'namespace')} is ignored by Istio whatever it selects.`,
};

/** Renders a message; an unknown code renders as the code itself, so a missing entry is visible. */
export function render(code: string, params: MessageParams = {}): string {
  const template = MESSAGES[code];
  return template ? template(params) : code;
}

/** A line of explanation: the code, its parameters and the English text. */
export function line(code: string, params: MessageParams = {}): Line {
  return { code, params, text: render(code, params) };
}
