import { PHRASES_EN } from '../reasons/phrases.en.ts';
import { PHRASES_JA } from '../reasons/phrases.ja.ts';
import { type Template, hasParam as has, param as s, word } from '../reasons/template.ts';
import type { Phrase } from '../traffic/trace.ts';
import { MESSAGES_JA, tidyJapanese } from './messages.ja.ts';
import type { ExplainLocale, Line, MessageParams } from './types.ts';

/**
 * The English catalog of the explainer. Every line the explainer produces is `code + params`; a
 * translation supplies the same codes (messages.ja.ts). Enumerated parameters (actors, modes, what
 * a client sends) are codes looked up in the small tables below, so they translate too; parameters
 * that are the engine's own reason sentences travel as phrases (`Line.phrases`), which each
 * language renders from its codes and parameters with the phrase catalogs of domain/reasons/.
 */
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
  denied: "denied by the server proxy's AuthorizationPolicy (RBAC: access denied)",
};

/**
 * What ended a failed hop, as the summary tells it: the summary says next what the client saw, so
 * these stop at the server (or the client's own sidecar) and never repeat it.
 */
const FAILED: Record<string, string> = {
  ok: 'it was accepted',
  'reset.plaintext': 'the server reset the connection (no filter chain matches plaintext)',
  'reset.plaintext.503': 'the server reset the connection (no filter chain matches plaintext) and the client sidecar answered 503',
  'reset.tls': 'the server reset the connection (TLS without Istio ALPN matches no filter chain) and the client sidecar answered 503',
  'tls.secure-naming': 'secure naming failed and the client sidecar answered 503',
  'tls.server-disabled': 'the TLS handshake failed (nobody terminates mTLS on a DISABLE port) and the client sidecar answered 503',
  'tls.no-sidecar': 'the TLS handshake failed (no sidecar terminates mTLS) and the client sidecar answered 503',
  'tls.user-tls': 'the TLS handshake failed and the client sidecar answered 503',
  '503': 'the client sidecar answered 503',
  refused: 'the connection was refused',
  timeout: 'the connection timed out',
  protocol_error: 'a protocol error followed (TLS bytes reached a plaintext HTTP listener)',
  denied: "the server's proxy refused the request by AuthorizationPolicy (RBAC: access denied)",
};

const SEEN: Record<string, string> = {
  reset: 'a connection reset (curl exits with 56; the browser shows ERR_CONNECTION_RESET)',
  'error-page': "HTTP 500 and the frontend's error page",
  http: 'HTTP',
  none: 'no HTTP response',
};

/** Why no client uses a DestinationRule (`effect.unused-rule`). */
const UNUSED: Record<string, string> = {
  shadowed: 'every client finds a more specific or closer DestinationRule first, or the rule is not exported to it',
};

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
  'hop.authz': (p) => {
    const rule = has(p, 'rule') ? ` rule ${s(p, 'rule')}` : '';
    const field = has(p, 'field') ? ` (${s(p, 'field')})` : '';
    const caller =
      p.caller === 'plaintext'
        ? 'The caller sent plaintext, so it has no principal: principals and namespaces cannot match it, and notPrincipals always does.'
        : p.caller === 'gateway'
          ? `The caller is the ingress gateway: its principal ${s(p, 'principal')} stands in for the browser, which has none.`
          : `The caller's principal is ${s(p, 'principal')}.`;
    const decision =
      p.decision === 'allow.matched'
        ? `allowed by ALLOW ${s(p, 'policy')}${rule}${field}.`
        : p.decision === 'deny.matched'
          ? `denied by ${p.custom ? 'CUSTOM (no extension provider is configured, so it acts as DENY)' : 'DENY'} ${s(p, 'policy')}${rule}${field}: DENY is checked before ALLOW.`
          : p.decision === 'deny.no-allow-match'
            ? `denied: ALLOW policies apply (${s(p, 'allow')}) and none of their rules matches.`
            : 'allowed: no DENY rule matches and no ALLOW policy applies.';
    const tcp = p.tcp ? ' The port is TCP: HTTP-only fields cannot be checked, so such ALLOW rules never match and such DENY rules match on their other fields.' : '';
    const dry = has(p, 'dryRun') ? ` A dry-run policy would have ${p.dryRun === 'allowed' ? 'allowed' : 'denied'} it; dry runs never change the decision.` : '';
    return `${decision} ${caller}${tcp}${dry}`;
  },
  'result.denied': (p) => `the connection is accepted, then the proxy's AuthorizationPolicy denies the request: ${s(p, 'reason')} → RBAC: access denied`,

  'summary.ok': (p) => `The request succeeded: HTTP ${s(p, 'code')} after ${s(p, 'hops')} ${p.hops === 1 ? 'hop' : 'hops'}, every connection accepted.`,
  'summary.app-error': (p) => `Every connection was accepted; the application answered HTTP ${s(p, 'code')}.`,
  'summary.failed': (p) =>
    `Hop ${s(p, 'hop')} failed (${s(p, 'from')} → ${s(p, 'to')}): the ${word(ACTOR, p.clientActor)} sent ${word(SENDS, p.sends)} to a ${word(MODE, p.mode)} server, so ${word(FAILED, p.outcome)}. The client saw ${p.seen === 'http' ? `HTTP ${s(p, 'code')}` : word(SEEN, p.seen)}.`,
  'summary.no-hop': (p) => `The request never reached a workload: ${s(p, 'error')}.`,
  'summary.tls': (p) => `The TLS handshake failed: ${s(p, 'reason')}. The client reported: ${s(p, 'error')}.`,
  'narration': (p) => {
    const who = p.origin === 'browser' ? 'Browser' : p.origin === 'background' ? 'loadgenerator' : s(p, 'from');
    const result = p.curlExit !== 0 ? `failed: ${'curlError' in p ? s(p, 'curlError') : `curl exit ${s(p, 'curlExit')}`}` : `HTTP ${s(p, 'code')}`;
    return `${who} → ${s(p, 'url')}: ${result}.${'failedTo' in p ? ` ${s(p, 'failedTo')}: ${s(p, 'reason')}.` : ''}`;
  },
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
  'fix.authz-dry-run': (p) => `Switch ${s(p, 'policy')} to dry run`,
  'fix.authz-dry-run.detail': (p) =>
    `Annotate ${s(p, 'policy')} with istio.io/dry-run: "true". The proxies then only evaluate it: requests pass, and the Why panel shows what it would have denied. Remove the annotation to enforce it again.`,
  'fix.authz-delete': (p) => `Delete ${s(p, 'policy')}`,
  'fix.authz-delete.detail': (p) => `Without the DENY policy ${s(p, 'policy')}, the ALLOW policies (if any) decide alone.`,
  'fix.authz-allow-principal': (p) => `Allow ${s(p, 'principal')}`,
  'fix.authz-allow-principal.detail': (p) =>
    `Add the ALLOW policy ${s(p, 'namespace')}/${s(p, 'name')} for exactly this caller's principal. ALLOW policies add up: any matching rule lets the request through, as long as no DENY matches first.`,
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
  'kia.KIA0101': () => 'Namespace not found for this rule',
  'kia.KIA0102': () => 'Only HTTP methods and Istio wildcards are allowed',
  'kia.KIA0104': () => 'This host has no matching entry in the service registry',
  'kia.KIA0105': () => 'This field requires mTLS to be enabled',
  'kia.KIA0106': () => 'Service Account not found for this principal',
  'kia.KIA0108': () => 'Unable to verify principal, trust domain is not known to Kiali',
  'lint.note.auto-mtls': () =>
    'Kiali runs this check only when auto mTLS is off. Auto mTLS is on here (the Istio default): sidecars send mTLS wherever a sidecar can receive it without any DestinationRule or PeerAuthentication, so the missing object alone breaks nothing and the finding is noise. What really happens is shown next to it.',

  'effect.flow': (p) => `A request from ${s(p, 'client')} to ${s(p, 'host')}:${s(p, 'port')}: ${word(SENDS, p.sends)} to a ${word(MODE, p.mode)} server → ${word(OUTCOME, p.outcome)}.`,
  'effect.flow.auto': (p) =>
    `Auto mTLS is on, so this works anyway. A request from ${s(p, 'client')} to ${s(p, 'host')}:${s(p, 'port')}: ${word(SENDS, p.sends)} to a ${word(MODE, p.mode)} server → ${word(OUTCOME, p.outcome)}.`,
  'effect.unused-rule': (p) => `No client uses this rule for ${s(p, 'host')}: ${word(UNUSED, p.why)}. It changes nothing.`,
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
  'effect.authz.root-selector': (p) =>
    `Istio applies a root-namespace policy with a selector in every namespace: the labels ${s(p, 'labels')} select ${s(p, 'count')} pod${p.count === 1 ? '' : 's'} (${s(p, 'pod')}${p.count === 1 ? '' : ', …'}), so the policy does apply there.`,
  'effect.authz.no-namespace': (p) => `No namespace is called ${s(p, 'namespace')}, so no caller comes from it: this value never matches.`,
  'effect.authz.method': (p) =>
    `The proxy compares methods with the request's method exactly, and no request is sent with ${s(p, 'method')}: this value never matches (gRPC calls are always POST).`,
  'effect.authz.no-host': (p) =>
    `The proxy compares hosts with the request's Host header, and no Service is ${s(p, 'fqdn')}: only a request sent with the Host ${s(p, 'host')} matches, and callers of a real Service do not send it.`,
  'effect.authz.needs-mtls': (p) =>
    `${s(p, 'field')} reads the caller's mTLS identity, and these workloads do not receive mTLS: a plaintext caller has no principal and no namespace, so a positive field never matches it and a not… field always does.`,
  'effect.authz.no-principal': (p) => `No running pod has the identity ${s(p, 'principal')}: no caller presents it, so this value never matches.`,
  'effect.authz.foreign-domain': (p) =>
    `Every certificate in this mesh is issued in the trust domain ${s(p, 'trustDomain')}, and ${s(p, 'principal')} names ${s(p, 'domain')}: this value never matches. (A principal is written without spiffe://.)`,

  'hs.tcp': () => 'TCP connect',
  'hs.plaintext': () => 'Plaintext: no TLS',
  'hs.plaintext.detail': (p) => `The ${p.protocol === 'grpc' ? 'gRPC call' : 'HTTP request'} goes out unencrypted, with no certificate.`,
  'hs.client-hello': () => 'ClientHello',
  'hs.client-hello.detail': (p) => `SNI ${s(p, 'sni') || '(none)'}; ALPN ${s(p, 'alpn') || '(none: not Istio mTLS)'}`,
  'hs.server-certificate': () => 'ServerHello + Certificate',
  'hs.server-certificate.detail': (p) => `Server identity (SPIFFE URI SAN) ${s(p, 'spiffe')}`,
  'hs.certificate-request': () => 'CertificateRequest',
  'hs.certificate-request.detail': () => 'The server asks for a client certificate: this is what makes the TLS mutual.',
  'hs.client-certificate': () => 'Certificate + CertificateVerify',
  'hs.client-certificate.detail': (p) => `Client identity ${s(p, 'spiffe')}, proven with its private key`,
  'hs.secure-naming': () => 'Secure naming check',
  'hs.secure-naming.ok': (p) => `${s(p, 'got')} is allowed to run the service`,
  'hs.secure-naming.failed': (p) => `${s(p, 'got')} is not among the expected identities (${s(p, 'expected')})`,
  'hs.finished': () => 'Finished',
  'hs.finished.detail': () => 'Both sides send Finished: mutual TLS is established.',
  'hs.reset.no-filter-chain': () => 'RST: no filter chain',
  'hs.reset': () => 'Handshake fails',
  'hs.http-request': (p) => (p.protocol === 'grpc' ? 'gRPC request (HTTP/2)' : 'HTTP request'),
  'hs.http-response': () => 'HTTP response',
  'hs.http-response.code': (p) => s(p, 'code'),
  'hs.no-response': () => 'No response',
  'hs.local-reply': (p) => `Client sidecar answers ${s(p, 'code')}`,
  'hs.local-reply.detail': () => 'The upstream connection failed, so the client sidecar replies to its application itself.',
  'hs.authorization': () => 'AuthorizationPolicy check',
  'hs.authorization.allowed': (p) =>
    `Allowed${has(p, 'policy') ? ` by ${s(p, 'policy')}` : ''} for ${p.principal ? s(p, 'principal') : 'a caller with no principal (plaintext)'}.`,
  'hs.authorization.denied': (p) =>
    `Denied${has(p, 'policy') ? ` by ${s(p, 'policy')}` : ': no ALLOW rule matches'} for ${p.principal ? s(p, 'principal') : 'a caller with no principal (plaintext)'}.`,
  'hs.rbac-reply': (p) => (p.grpc ? 'Server proxy answers grpc-status 7' : `Server proxy answers ${s(p, 'code')}`),
  'hs.rbac-reply.detail': (p) =>
    p.tcp ? "The server's proxy closes the connection: nothing reaches the application." : "RBAC: access denied. The server's proxy answers itself: nothing reaches the application.",
};

/** Renders a message; an unknown code renders as the code itself, so a missing entry is visible. */
export function render(code: string, params: MessageParams = {}): string {
  const template = MESSAGES[code];
  return template ? template(params) : code;
}

/**
 * A line of explanation: the code, its parameters and the English text. `phrases` are parameters
 * that are engine sentences: their English text joins `params` (unless `params` already has that
 * key), and a translation rebuilds them in its own language.
 */
export function line(code: string, params: MessageParams = {}, phrases?: Readonly<Record<string, Phrase>>): Line {
  // A parameter given in English too (e.g. a reason without its conclusion) wins over the phrase's text.
  const all: MessageParams = phrases ? { ...Object.fromEntries(Object.entries(phrases).map(([k, p]) => [k, p.text])), ...params } : params;
  return { code, params: all, text: render(code, all), ...(phrases ? { phrases } : {}) };
}

export interface Catalog {
  messages: Readonly<Record<string, Template>>;
  phrases: Readonly<Record<string, Template>>;
  /** The language's last touch on a rendered text (Japanese spacing). */
  finish: (text: string) => string;
}

/** Every language's catalog: the same codes in each (a test proves it). */
export const CATALOGS: Readonly<Record<ExplainLocale, Catalog>> = {
  en: { messages: MESSAGES, phrases: PHRASES_EN, finish: (text) => text },
  ja: { messages: MESSAGES_JA, phrases: PHRASES_JA, finish: tidyJapanese },
};

/**
 * Builds a phrase from its code and parameters with a phrase table, nested phrases first. A phrase
 * without parameters, or with a code the table lacks, keeps its English text.
 */
export function buildPhrase(phrase: Phrase, table: Readonly<Record<string, Template>>): string {
  const template = table[phrase.code];
  if (!phrase.params || !template) return phrase.text;
  const flat: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(phrase.params)) flat[k] = typeof v === 'object' ? buildPhrase(v, table) : v;
  return template(flat);
}

/** An engine sentence (a Reason, a handshake step) in a language; English is the engine's own text. */
export function renderPhrase(phrase: Phrase, locale: ExplainLocale = 'en'): string {
  if (locale === 'en') return phrase.text;
  const catalog = CATALOGS[locale];
  return catalog.finish(buildPhrase(phrase, catalog.phrases));
}

/** A line in a language; English is the line's own text. An unknown code keeps the English text. */
export function renderLine(l: Line, locale: ExplainLocale = 'en'): string {
  if (locale === 'en') return l.text;
  const catalog = CATALOGS[locale];
  const template = catalog.messages[l.code];
  if (!template) return l.text;
  const params: Record<string, string | number> = { ...l.params };
  for (const [k, p] of Object.entries(l.phrases ?? {})) params[k] = renderPhrase(p, locale);
  return catalog.finish(template(params));
}
