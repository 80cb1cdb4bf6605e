import { TERMS_JA } from '../../i18n/glossary.ts';
import type { PhraseCode } from './phrases.en.ts';
import { type Template, type TemplateParams, hasParam as has, param as s, word } from './template.ts';

/**
 * The engine's sentences in Japanese. Facts stay as they are: object names, fields, modes (STRICT,
 * PERMISSIVE, DISABLE), SPIFFE IDs. Reasons are short clauses, like the English ones; terms are the
 * glossary's (src/i18n/glossary.ts). The explainer's catalog (explain/messages.ja.ts) spaces them.
 */

const LEVEL: Record<string, string> = {
  mesh: 'メッシュ',
  namespace: TERMS_JA.namespace,
  workload: TERMS_JA.workload,
  port: 'ポート',
  default: 'デフォルト',
  ignored: '無視される',
};

const DR_EFFECT: Record<string, string> = {
  DISABLE: ' → 平文',
  SIMPLE: ' → 片方向 TLS、クライアント証明書なし',
  MUTUAL: ' → ユーザー指定のクライアント証明書による TLS',
  ISTIO_MUTUAL: '',
};

const policy = (p: TemplateParams) => s(p, 'policy');
const sets: Template = (p) => `${policy(p)} が ${s(p, 'mode')} を設定`;

const destinationRule: Template = (p) =>
  `DestinationRule ${s(p, 'rule')}${has(p, 'port') ? `（ポート ${s(p, 'port')}）` : ''} が ${s(p, 'host')} に ${p.noMode ? 'mode のない tls（デフォルトで DISABLE）' : s(p, 'mode')} を設定 ${DR_EFFECT[s(p, 'mode')] ?? ''}${has(p, 'plainPod') ? `（サイドカーのない ${s(p, 'plainPod')} に対しても）` : ''}`;

const autoPrefix = (p: TemplateParams) =>
  has(p, 'rule')
    ? `DestinationRule ${s(p, 'rule')}${has(p, 'rulePort') ? `（ポート ${s(p, 'rulePort')}）` : ''} は ${s(p, 'host')} に tls を設定していない → auto mTLS`
    : `${s(p, 'host')} の DestinationRule なし → auto mTLS`;

const serviceOff = (p: TemplateParams) => `${autoPrefix(p)} はサービス全体でオフ: ${s(p, 'service')} → すべてのエンドポイントに平文`;

/** The engine's sentences in Japanese, by phrase code: the same codes as PHRASES_EN (the compiler checks it). */
export const PHRASES_JA: Readonly<Record<PhraseCode, Template>> = {
  'pa.policy': (p) => `PeerAuthentication ${s(p, 'ref')} （${word(LEVEL, p.level)} レベル ${has(p, 'port') ? `、ポート ${s(p, 'port')}` : ''}）`,
  'pa.port': sets,
  'pa.port.unset': (p) => `${policy(p)} はモードが UNSET: ${has(p, 'from') ? s(p, 'from') : 'デフォルト'} から ${s(p, 'mode')} を継承`,
  'pa.default': () => 'PeerAuthentication の適用なし: デフォルトで PERMISSIVE',
  'pa.unset': (p) =>
    has(p, 'from') ? `${policy(p)} はモードが UNSET: ${s(p, 'from')} から ${s(p, 'mode')} を継承` : `${policy(p)} はモードが UNSET で、上位にも設定なし: デフォルトで PERMISSIVE`,
  'pa.mesh': sets,
  'pa.namespace': sets,
  'pa.workload': sets,
  'pa.gateway': (p) => `${s(p, 'pod')} はゲートウェイ: PeerAuthentication は適用されず、Gateway のサーバーが TLS を決める`,

  'ns.sets': sets,
  'ns.unset': (p) => {
    const from = !has(p, 'mesh') ? 'デフォルト（メッシュレベルのポリシーなし）' : p.meshMode === 'UNSET' ? `${s(p, 'mesh')} （これも UNSET）` : s(p, 'mesh');
    return `${policy(p)} はモードが UNSET: ${from} から ${s(p, 'mode')} を継承`;
  },
  'ns.mesh': (p) => (p.mode === 'UNSET' ? `${policy(p)} （UNSET のため PERMISSIVE）` : sets(p)),
  'ns.unknown': (p) => `${s(p, 'namespace')} にメッシュレベルや Namespace レベルの PeerAuthentication なし`,
  'svc.headless-empty': (p) => `ヘッドレス Service ${s(p, 'service')} にエンドポイントなし`,
  'svc.headless-plain': (p) => `ヘッドレス Service ${s(p, 'service')} にサイドカーのないエンドポイント（${s(p, 'pod')}）あり`,
  'svc.default': (p) => `${s(p, 'namespace')} にメッシュレベルや Namespace レベルの PeerAuthentication なし: PERMISSIVE`,

  'dr.disable': destinationRule,
  'dr.simple': destinationRule,
  'dr.mutual': destinationRule,
  'dr.istio-mutual': destinationRule,
  'dr.other': destinationRule,
  'auto.service-disabled': serviceOff,
  'auto.service-disabled.56084': (p) =>
    `${serviceOff(p)}。エンドポイントは STRICT（${s(p, 'server')}）だが、Namespace レベルやメッシュレベルの DISABLE はサービス全体の auto mTLS をオフにし、ワークロードレベルの STRICT では再びオンにならないため、STRICT のエンドポイントは平文を拒否する: Istio の既知の制限（istio/istio#56084）`,
  'auto.no-sidecar': (p) => `${autoPrefix(p)}: エンドポイント ${s(p, 'endpoint')} に ${has(p, 'label') ? ` ${s(p, 'label')}=istio ラベルがない` : 'サイドカーがない'} → 平文`,
  'auto.server-disable': (p) => `${autoPrefix(p)}: エンドポイント ${s(p, 'endpoint')} はポート ${s(p, 'port')} で DISABLE（${s(p, 'server')}）→ 平文`,
  'auto.mtls': (p) => `${autoPrefix(p)}。エンドポイントにサイドカーあり（tlsMode=istio）→ mTLS`,

  'passthrough': (p) => `${s(p, 'client')} にはこのアドレス用のクラスタがなく、バイト列をそのまま転送する（PassthroughCluster）: 平文`,
  'client.passthrough': (p) =>
    has(p, 'pod')
      ? `${s(p, 'pod')} は Service 経由ではなく Pod IP で指定されている: クライアントのサイドカーにはそのクラスタがなく、平文で転送する（PassthroughCluster）`
      : `${s(p, 'ip')} はロードバランサの IP で、サイドカーが知るサービスのホストではない: 平文で転送する（PassthroughCluster）`,
  'client.loopback': () => 'localhost の通信は Pod の中にとどまる: iptables はリダイレクトしないので、サイドカーは関与しない',
  'client.no-sidecar': (p) =>
    p.via === 'app'
      ? `${s(p, 'client')} にサイドカーがない: 平文を送る`
      : `${s(p, 'client')} にサイドカーがない ${p.optOut ? '（sidecar.istio.io/inject: "false"）' : ''}: curl の平文がそのままサーバーに届く`,
  'client.external': (p) => `${p.who === 'browser' ? 'ブラウザ' : 'Cloud Shell'} はメッシュの外にあり、サイドカーがない: 平文の HTTP を送る`,
  'client.proxy-uid': () => 'curl は istio-proxy コンテナの中で UID 1337 として動き、iptables はプロキシ自身の通信をキャプチャしないので、平文で出ていく',
  'gateway.listener': (p) =>
    `${s(p, 'pod')} は Ingress Gateway: ポート ${s(p, 'port')} のリスナーは Gateway リソースから作られ、PeerAuthentication はゲートウェイに適用されない`,
  'server.no-sidecar': (p) => `${s(p, 'pod')} にサイドカーがない: ポリシーにかかわらず、アプリケーションが接続を直接受け入れる`,
  'server.loopback': () => '接続が Pod の外に出ないので、受信側のサイドカーには見えない',

  'reset.strict': (p) => `平文が STRICT のポートに届いた: ${s(p, 'to')} のサイドカーは一致するフィルターチェーンを見つけられず、接続をリセットした`,
  'accepted.plaintext': (p) => (p.mode === 'NO_SIDECAR' ? 'サーバーにサイドカーがない: アプリケーションが平文を読む' : `${s(p, 'mode')} は平文を受け入れる`),
  'accepted.mtls': (p) => `${s(p, 'mode')} は相互 TLS を受け入れる`,
  'accepted.loopback': () => 'アプリケーションが localhost で応答する',
  'refused.no-gateway-server': (p) => `${s(p, 'to')} にポート ${s(p, 'port')} のサーバーを与えるゲートウェイ リソースがない: Envoy は ${s(p, 'target')} でリッスンしていないため、接続は拒否される`,
  'tls.secure-naming': (p) => `サーバーの ID ${s(p, 'got')} はクライアントが想定するもの（${s(p, 'expected')}）ではない`,
  'tls.server-disabled': (p) => `クライアントは mTLS を送ったが、${s(p, 'to')} はポート ${s(p, 'port')} で mTLS が DISABLE`,
  'tls.no-sidecar': (p) => `クライアントは mTLS を送ったが、${s(p, 'to')} にはそれを終端するサイドカーがない`,
  'tls.user-tls': (p) => `クライアントは ${p.sends === 'SIMPLE_TLS' ? '片方向 TLS' : '独自の証明書による TLS'} を発信するが、${s(p, 'to')} はそれを受け入れられない`,
  'authz.denied': (p) => `${p.action === 'CUSTOM' ? 'CUSTOM' : 'DENY'} ポリシー ${s(p, 'policy')} が ${s(p, 'to')} のプロキシでこのリクエストに一致した`,
  'authz.no-allow-match': (p) => `${s(p, 'to')} には ALLOW ポリシーが適用されるが、どのルールもこのリクエストに一致しない${p.principal ? '' : '（呼び出し元は平文なので、プリンシパルを持たない）'}`,

  'step.tcp': (p) => `${s(p, 'to')} のポート ${s(p, 'port')} に TCP 接続 ${has(p, 'via') ? `（${s(p, 'via')} 経由）` : ''}`,
  'step.reset.no-filter-chain': (p) =>
    `サーバーのサイドカーにはポート ${s(p, 'port')} に mTLS のフィルターチェーンしかない: 平文に一致するフィルターチェーンがない（NR filter_chain_not_found）ため、Envoy が接続をリセットする`,
  'step.reset.disabled': (p) => `ポート ${s(p, 'port')} は DISABLE: サーバーのサイドカーには TLS のフィルターチェーンがなく、TLS のバイト列を平文のリスナーに渡して失敗する`,
  'step.reset.no-sidecar': () => 'サーバーにサイドカーがない: アプリケーションは TLS を話さず、ハンドシェイクが失敗する',
  'step.reset.cert-required': () => 'サーバーは Istio のクライアント証明書を要求するが、クライアントはメッシュの CA による証明書を持っていない',
  'step.reset.no-alpn': () => 'Istio の ALPN のない TLS は、この HTTP ポートのどのフィルターチェーンにも一致しない',
  'step.reset.no-terminator': () => 'サーバー側にこの TLS を終端する者がいない',
  'step.http-request': (p) => `${s(p, 'host')} への HTTP リクエスト`,

  'tls.probe.certificate': (p) =>
    `${s(p, 'pod')} のサイドカーがポート ${s(p, 'port')} で TLS を終端する（${s(p, 'decision')}）: メッシュ独自のルートにつながるワークロード証明書を提示し、クライアント証明書を要求する`,
  'tls.probe.no-chain': (p) =>
    `${s(p, 'pod')} のサイドカーは HTTP ポート ${s(p, 'port')} で平文か Istio の mTLS を受け付ける（${s(p, 'decision')}）: Istio の ALPN のない TLS はどのフィルターチェーンにも一致しないため、接続をリセットする`,
  'tls.probe.disabled': (p) =>
    `${s(p, 'pod')} のサイドカーは HTTP ポート ${s(p, 'port')} で平文を待つ（${s(p, 'decision')}）: HTTP コネクションマネージャが TLS のバイト列に 400 Bad Request で応える`,
  'tls.probe.own-sidecar': (p) =>
    `${s(p, 'pod')} 自身のサイドカーが接続を捕捉する: ポート ${s(p, 'port')} のアウトバウンド HTTP リスナーが TLS のバイト列に 400 Bad Request で応える`,
  'tls.probe.app-http': (p) => `${s(p, 'pod')} のアプリケーションはポート ${s(p, 'port')} で平文の HTTP を話す: ClientHello に 400 Bad Request で応える`,
  'tls.probe.gateway-http': (p) => `${s(p, 'pod')} はポート ${s(p, 'port')} で平文の HTTP を提供する（Gateway のサーバー）: ClientHello に 400 Bad Request で応える`,
  'tls.probe.app-grpc': (p) => `${s(p, 'pod')} の gRPC サーバーは ClientHello を不正な HTTP/2 プリフェースとして読み、接続を切る`,
};
