import { type Template, type TemplateParams, hasParam as has, param as s } from './template.ts';

const policy = (p: TemplateParams) => s(p, 'policy');
const sets: Template = (p) => `${policy(p)} sets ${s(p, 'mode')}`;

const DR_EFFECT: Record<string, string> = {
  DISABLE: ' → plaintext',
  SIMPLE: ' → one-way TLS, no client certificate',
  MUTUAL: ' → TLS with a user-supplied client certificate',
  ISTIO_MUTUAL: '',
};

const destinationRule: Template = (p) =>
  `DestinationRule ${s(p, 'rule')}${has(p, 'port') ? ` (port ${s(p, 'port')})` : ''} sets ${p.noMode ? 'tls without a mode (DISABLE by default)' : s(p, 'mode')} for ${s(p, 'host')}${DR_EFFECT[s(p, 'mode')] ?? ''}${has(p, 'plainPod') ? `, even to ${s(p, 'plainPod')}, which has no sidecar` : ''}`;

/** "… → auto mTLS": the rule that set no tls, or none. */
const autoPrefix = (p: TemplateParams) =>
  has(p, 'rule')
    ? `DestinationRule ${s(p, 'rule')}${has(p, 'rulePort') ? ` (port ${s(p, 'rulePort')})` : ''} sets no tls for ${s(p, 'host')} → auto mTLS`
    : `no DestinationRule for ${s(p, 'host')} → auto mTLS`;

const serviceOff = (p: TemplateParams) => `${autoPrefix(p)} is off for the whole service: ${s(p, 'service')} → plaintext to every endpoint`;

/**
 * The engine's sentences in English, by phrase code: reasons (traffic and resolution) and the
 * handshake steps that carry one. The engine renders every `Reason.text` from here (reason.ts);
 * a translation supplies the same codes (phrases.ja.ts, checked by the compiler). Nested phrases
 * arrive already rendered.
 */
export const PHRASES_EN = {
  'pa.policy': (p) => `PeerAuthentication ${s(p, 'ref')} (${s(p, 'level')} level${has(p, 'port') ? `, port ${s(p, 'port')}` : ''})`,
  'pa.port': sets,
  'pa.port.unset': (p) => `${policy(p)} leaves the mode UNSET: inherits ${s(p, 'mode')} from ${has(p, 'from') ? s(p, 'from') : 'the default'}`,
  'pa.default': () => 'no PeerAuthentication applies: PERMISSIVE by default',
  'pa.unset': (p) =>
    has(p, 'from')
      ? `${policy(p)} leaves the mode UNSET: inherits ${s(p, 'mode')} from ${s(p, 'from')}`
      : `${policy(p)} leaves the mode UNSET, and nothing above sets one: PERMISSIVE by default`,
  'pa.mesh': sets,
  'pa.namespace': sets,
  'pa.workload': sets,
  'pa.gateway': (p) => `${s(p, 'pod')} is a gateway: PeerAuthentication does not apply; its Gateway servers decide TLS`,

  'ns.sets': sets,
  'ns.unset': (p) => {
    const from = !has(p, 'mesh') ? 'the default (no mesh-level policy)' : p.meshMode === 'UNSET' ? `${s(p, 'mesh')}, itself UNSET` : s(p, 'mesh');
    return `${policy(p)} leaves the mode UNSET: inherits ${s(p, 'mode')} from ${from}`;
  },
  'ns.mesh': (p) => (p.mode === 'UNSET' ? `${policy(p)} (UNSET, so PERMISSIVE)` : sets(p)),
  'ns.unknown': (p) => `no mesh- or namespace-level PeerAuthentication for ${s(p, 'namespace')}`,
  'svc.headless-empty': (p) => `headless Service ${s(p, 'service')} has no endpoints`,
  'svc.headless-plain': (p) => `headless Service ${s(p, 'service')} has an endpoint without a sidecar (${s(p, 'pod')})`,
  'svc.default': (p) => `no mesh- or namespace-level PeerAuthentication for ${s(p, 'namespace')}: PERMISSIVE`,

  'dr.disable': destinationRule,
  'dr.simple': destinationRule,
  'dr.mutual': destinationRule,
  'dr.istio-mutual': destinationRule,
  /** A mode the CRD rejects, so only from tests: said as written, with no effect. */
  'dr.other': destinationRule,
  'auto.service-disabled': serviceOff,
  'auto.service-disabled.56084': (p) =>
    `${serviceOff(p)}, although the endpoint is STRICT (${s(p, 'server')}). A namespace- or mesh-level DISABLE turns auto mTLS off for the whole service and workload-level STRICT does not turn it back on, so the STRICT endpoint rejects the plaintext: a known Istio limitation (istio/istio#56084)`,
  'auto.no-sidecar': (p) => `${autoPrefix(p)}: the endpoint ${s(p, 'endpoint')} ${has(p, 'label') ? `has no ${s(p, 'label')}=istio label` : 'has no sidecar'} → plaintext`,
  'auto.server-disable': (p) => `${autoPrefix(p)}: the endpoint ${s(p, 'endpoint')} is DISABLE on port ${s(p, 'port')} (${s(p, 'server')}) → plaintext`,
  'auto.mtls': (p) => `${autoPrefix(p)}; the endpoint has a sidecar (tlsMode=istio) → mTLS`,

  'passthrough': (p) => `${s(p, 'client')} has no cluster for this address and forwards the bytes unchanged (PassthroughCluster): plaintext`,
  'client.passthrough': (p) =>
    has(p, 'pod')
      ? `${s(p, 'pod')} is addressed by pod IP, not through a Service: the client sidecar has no cluster for it and forwards plaintext (PassthroughCluster)`
      : `${s(p, 'ip')} is a load-balancer IP, not a service host the sidecar knows: it forwards plaintext (PassthroughCluster)`,
  'client.loopback': () => 'localhost traffic stays inside the pod: iptables does not redirect it, so no sidecar is involved',
  'client.no-sidecar': (p) =>
    p.via === 'app'
      ? `${s(p, 'client')} has no sidecar: it sends plaintext`
      : `${s(p, 'client')} has no sidecar${p.optOut ? ' (sidecar.istio.io/inject: "false")' : ''}: curl's plaintext goes straight to the server`,
  'client.external': (p) => `${p.who === 'browser' ? 'the browser' : 'Cloud Shell'} is outside the mesh and has no sidecar: it sends plaintext HTTP`,
  'client.proxy-uid': () => "curl runs in the istio-proxy container as UID 1337; iptables never captures the proxy's own traffic, so it leaves in plaintext",
  'gateway.listener': (p) =>
    `${s(p, 'pod')} is an ingress gateway: its listener on port ${s(p, 'port')} comes from a Gateway resource, and PeerAuthentication never applies to gateways`,
  'server.no-sidecar': (p) => `${s(p, 'pod')} has no sidecar: its application accepts the connection directly, whatever the policies say`,
  'server.loopback': () => 'the connection never leaves the pod, so the inbound sidecar does not see it',

  'reset.strict': (p) => `plaintext reached a STRICT port: ${s(p, 'to')}'s sidecar found no filter chain and reset the connection`,
  'accepted.plaintext': (p) => (p.mode === 'NO_SIDECAR' ? 'no sidecar on the server: the application reads plaintext' : `${s(p, 'mode')} accepts plaintext`),
  'accepted.mtls': (p) => `${s(p, 'mode')} accepts mutual TLS`,
  'accepted.loopback': () => 'the application answers on localhost',
  'refused.no-gateway-server': (p) => `no Gateway gives ${s(p, 'to')} a server on port ${s(p, 'port')}: its Envoy has no listener on ${s(p, 'target')}, so the connection is refused`,
  'tls.secure-naming': (p) => `the server's identity ${s(p, 'got')} is not one the client expects (${s(p, 'expected')})`,
  'tls.server-disabled': (p) => `the client sent mTLS but ${s(p, 'to')} has mTLS DISABLE on port ${s(p, 'port')}`,
  'tls.no-sidecar': (p) => `the client sent mTLS but ${s(p, 'to')} has no sidecar to terminate it`,
  'tls.user-tls': (p) => `the client originates ${p.sends === 'SIMPLE_TLS' ? 'one-way TLS' : 'TLS with its own certificate'}, which ${s(p, 'to')} cannot accept`,
  'authz.denied': (p) => `the ${p.action === 'CUSTOM' ? 'CUSTOM' : 'DENY'} policy ${s(p, 'policy')} matched this request at ${s(p, 'to')}'s proxy`,
  'authz.no-allow-match': (p) => `ALLOW policies apply to ${s(p, 'to')} and none of their rules matches this request${p.principal ? '' : ' (the caller is plaintext, so it has no principal)'}`,

  'step.tcp': (p) => `TCP connect to ${s(p, 'to')} port ${s(p, 'port')}${has(p, 'via') ? ` (through ${s(p, 'via')})` : ''}`,
  'step.reset.no-filter-chain': (p) =>
    `The server sidecar has only mTLS filter chains on port ${s(p, 'port')}: no filter chain matches plaintext (NR filter_chain_not_found), so Envoy resets the connection`,
  'step.reset.disabled': (p) => `Port ${s(p, 'port')} is DISABLE: the server sidecar has no TLS filter chain and hands the TLS bytes to a plaintext listener, which fails`,
  'step.reset.no-sidecar': () => 'No sidecar on the server: the application does not speak TLS and the handshake fails',
  'step.reset.cert-required': () => 'The server requires an Istio client certificate; the client has none from the mesh CA',
  'step.reset.no-alpn': () => 'TLS without Istio ALPN matches no filter chain on this HTTP port',
  'step.reset.no-terminator': () => 'Nobody on the server side terminates this TLS',
  'step.http-request': (p) => `HTTP request to ${s(p, 'host')}`,

  'tls.probe.certificate': (p) =>
    `${s(p, 'pod')}'s sidecar terminates TLS on port ${s(p, 'port')} (${s(p, 'decision')}): it presents its workload certificate, which chains to the mesh's own root, and requires a client certificate`,
  'tls.probe.no-chain': (p) =>
    `${s(p, 'pod')}'s sidecar takes plaintext or Istio mTLS on HTTP port ${s(p, 'port')} (${s(p, 'decision')}): TLS without Istio's ALPN matches none of its filter chains, so it resets the connection`,
  'tls.probe.disabled': (p) =>
    `${s(p, 'pod')}'s sidecar expects plaintext on HTTP port ${s(p, 'port')} (${s(p, 'decision')}): its HTTP connection manager answers the TLS bytes with 400 Bad Request`,
  'tls.probe.own-sidecar': (p) =>
    `${s(p, 'pod')}'s own sidecar captures the connection: its outbound HTTP listener for port ${s(p, 'port')} answers the TLS bytes with 400 Bad Request`,
  'tls.probe.app-http': (p) => `the application in ${s(p, 'pod')} speaks plain HTTP on port ${s(p, 'port')}: it answers the ClientHello with 400 Bad Request`,
  'tls.probe.gateway-http': (p) => `${s(p, 'pod')} serves plain HTTP on port ${s(p, 'port')} (a Gateway server): it answers the ClientHello with 400 Bad Request`,
  'tls.probe.app-grpc': (p) => `the gRPC server in ${s(p, 'pod')} reads the ClientHello as a bad HTTP/2 preface and drops the connection`,
} satisfies Record<string, Template>;

/** Every code the engine can give a sentence: each has an English and a Japanese template. */
export type PhraseCode = keyof typeof PHRASES_EN;
