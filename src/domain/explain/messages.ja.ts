import { TERMS_JA } from '../../i18n/glossary.ts';
import { type Template, hasParam as has, param as s, word } from '../reasons/template.ts';
import type { MessageParams } from './types.ts';

/**
 * The Japanese catalog of the explainer: the same codes as the English one in messages.ts (a test
 * proves it), in Japanese. Facts stay as they are: object names, fields, modes (STRICT, PERMISSIVE,
 * DISABLE), SPIFFE IDs, commands and URLs. Lines that are sentences end in です/ます; the decision
 * chain is short clauses, like the English one, and so are the engine's reasons
 * (domain/reasons/phrases.ja.ts). Terms are the glossary's (src/i18n/glossary.ts).
 */
const ACTOR: Record<string, string> = {
  'client.sidecar': 'クライアントのサイドカー',
  'client.gateway': TERMS_JA.ingressGateway,
  'client.browser': 'ブラウザ（サイドカーなし）',
  'client.cloudshell': 'Cloud Shell（サイドカーなし）',
  'client.plain': 'クライアント（サイドカーなし）',
  'client.proxy-uid': 'istio-proxy コンテナ内の curl（キャプチャされない）',
  'client.loopback': 'クライアント（localhost）',
  'client.passthrough': 'クライアントのサイドカー（パススルー）',
  'server.sidecar': 'サーバーのサイドカー',
  'server.gateway': TERMS_JA.ingressGateway,
  'server.plain': 'サーバー（サイドカーなし）',
  'server.loopback': 'サーバー（同じ Pod）',
};

const SENDS: Record<string, string> = {
  ISTIO_MUTUAL: 'mTLS',
  PLAINTEXT: '平文',
  SIMPLE_TLS: '片方向 TLS',
  MUTUAL_TLS: '独自のクライアント証明書による TLS',
};

const REQUIRES: Record<string, string> = {
  STRICT: 'mTLS を要求',
  PERMISSIVE: 'mTLS と平文の両方を受け入れる',
  DISABLE: '平文のみ受け入れる（TLS を終端しない）',
  NO_SIDECAR: 'アプリケーションが届いたバイト列をそのまま読む（mTLS を終端する者がいない）',
  GATEWAY: 'Gateway リソースによる平文の HTTP リスナー',
  LOOPBACK: 'アプリケーションが直接応答',
};

const SCOPE: Record<string, string> = {
  mesh: 'より狭いポリシーのない、メッシュ内のすべてのワークロード',
  namespace: 'ワークロードのポリシーがない、その Namespace のすべてのワークロード',
  workload: 'このワークロードだけ',
  port: 'このワークロードのこのポートだけ',
};

/** How a hop ends, as a sentence of its own (the effects of lint findings end with it). */
const OUTCOME: Record<string, string> = {
  ok: '受け入れられます',
  'reset.plaintext': 'リセットされます（平文に一致するフィルターチェーンがありません）。クライアントには TCP リセットが届きます',
  'reset.plaintext.503': 'リセットされます（平文に一致するフィルターチェーンがありません）。クライアントのサイドカーが 503 を返します',
  'reset.tls': 'リセットされます（Istio の ALPN のない TLS はどのフィルターチェーンにも一致しません）。クライアントのサイドカーが 503 を返します',
  'tls.secure-naming': 'セキュアネーミングに失敗し、クライアントのサイドカーが 503 を返します',
  'tls.server-disabled': 'TLS ハンドシェイクが失敗し（DISABLE のポートでは誰も mTLS を終端しません）、クライアントのサイドカーが 503 を返します',
  'tls.no-sidecar': 'TLS ハンドシェイクが失敗し（mTLS を終端するサイドカーがありません）、クライアントのサイドカーが 503 を返します',
  'tls.user-tls': 'TLS ハンドシェイクが失敗し、クライアントのサイドカーが 503 を返します',
  '503': 'クライアントのサイドカーが 503 を返します',
  refused: '接続が拒否されます',
  timeout: '接続がタイムアウトします',
  protocol_error: 'プロトコルエラーになります（TLS のバイト列が平文の HTTP リスナーに届きます）',
  denied: 'サーバー側プロキシの AuthorizationPolicy が拒否します（RBAC: access denied）',
};

/** What ended a failed hop, as the summary tells it (see FAILED in messages.ts). */
const FAILED: Record<string, string> = {
  ok: '受け入れられました',
  'reset.plaintext': 'サーバーが接続をリセットしました（平文に一致するフィルターチェーンがありません）',
  'reset.plaintext.503': 'サーバーが接続をリセットし（平文に一致するフィルターチェーンがありません）、クライアントのサイドカーが 503 を返しました',
  'reset.tls': 'サーバーが接続をリセットし（Istio の ALPN のない TLS はどのフィルターチェーンにも一致しません）、クライアントのサイドカーが 503 を返しました',
  'tls.secure-naming': 'セキュアネーミングに失敗し、クライアントのサイドカーが 503 を返しました',
  'tls.server-disabled': 'TLS ハンドシェイクが失敗し（DISABLE のポートでは誰も mTLS を終端しません）、クライアントのサイドカーが 503 を返しました',
  'tls.no-sidecar': 'TLS ハンドシェイクが失敗し（mTLS を終端するサイドカーがありません）、クライアントのサイドカーが 503 を返しました',
  'tls.user-tls': 'TLS ハンドシェイクが失敗し、クライアントのサイドカーが 503 を返しました',
  '503': 'クライアントのサイドカーが 503 を返しました',
  refused: '接続が拒否されました',
  timeout: '接続がタイムアウトしました',
  protocol_error: 'プロトコルエラーになりました（TLS のバイト列が平文の HTTP リスナーに届きました）',
  denied: 'サーバー側のプロキシが AuthorizationPolicy によってリクエストを拒否しました（RBAC: access denied）',
};

const SEEN: Record<string, string> = {
  reset: '接続のリセット（curl は終了コード 56、ブラウザは ERR_CONNECTION_RESET）',
  'error-page': 'HTTP 500 とフロントエンドのエラーページ',
  http: 'HTTP',
  none: 'HTTP レスポンスなし',
};

const UNUSED: Record<string, string> = {
  shadowed: 'どのクライアントも、より具体的な、またはより近い DestinationRule を先に見つけるか、このルールがエクスポートされていません',
};

/**
 * Japanese spacing: templates put a space around every parameter; a space then stays only between
 * Japanese and Latin text ("STRICT のサーバー"), never between two Japanese characters or next to
 * full-width punctuation ("（Namespace レベル）が").
 */
export function tidyJapanese(text: string): string {
  const wide = '\\u3000-\\u30ff\\u4e00-\\u9fff\\uff00-\\uffef';
  return text
    .replace(new RegExp(`([${wide}]) +(?=[${wide}])`, 'g'), '$1')
    .replace(/ +(?=[（）「」、。])/g, '')
    .replace(/([（）「」、。]) +/g, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** "a STRICT server", "a sidecar-less server". */
const server = (mode: string | number | undefined) => (mode === 'NO_SIDECAR' ? 'サイドカーのないサーバー' : `${String(mode ?? '')} のサーバー`);

/** A client reason ends in "→ 平文" or "→ mTLS"; the line adds "→ … を送信" itself. */
const withoutConclusion = (text: string) => text.replace(/\s*→\s*(平文|mTLS)$/, '');

const flow = (p: MessageParams) =>
  `${s(p, 'client')} から ${s(p, 'host')}:${s(p, 'port')} へのリクエスト: ${server(p.mode)} へ ${word(SENDS, p.sends)} → ${word(OUTCOME, p.outcome)}。`;

export const MESSAGES_JA: Readonly<Record<string, Template>> = {
  'hop.title': (p) => `${s(p, 'from')} → ${s(p, 'to')}:${s(p, 'port')}`,
  'hop.title.service': (p) => `${s(p, 'from')} → ${s(p, 'to')}:${s(p, 'port')} (${s(p, 'service')}:${s(p, 'servicePort')})`,
  'hop.client': (p) => `${word(ACTOR, p.actor)}: ${withoutConclusion(s(p, 'reason'))} → ${word(SENDS, p.sends)} を送信`,
  'hop.server': (p) => `${word(ACTOR, p.actor)}: ${s(p, 'reason')} → ${word(REQUIRES, p.requires)}`,

  'result.accepts': (p) => `受け入れ（${p.sends === 'ISTIO_MUTUAL' ? '相互 TLS' : word(SENDS, p.sends)}）→ アプリケーションが ${s(p, 'code')} で応答`,
  'result.reset.plaintext': () => '接続をリセット（平文に一致するフィルターチェーンがない）→ クライアントには TCP リセットが届く',
  'result.reset.plaintext.503': () => '接続をリセット（平文に一致するフィルターチェーンがない）→ クライアントのサイドカーが 503 を返す',
  'result.reset.tls': () => '接続をリセット（Istio の ALPN のない TLS はどのフィルターチェーンにも一致しない）→ クライアントのサイドカーが 503 を返す',
  'result.tls.secure-naming': (p) => `クライアントがサーバー証明書を拒否: ${s(p, 'reason')} → クライアントのサイドカーが 503 を返す`,
  'result.tls.server-disabled': () => 'TLS ハンドシェイクが失敗（ポートが DISABLE で、誰も mTLS を終端しない）→ クライアントのサイドカーが 503 を返す',
  'result.tls.no-sidecar': () => 'TLS ハンドシェイクが失敗（mTLS を終端するサイドカーがない）→ クライアントのサイドカーが 503 を返す',
  'result.tls.user-tls': (p) => `TLS ハンドシェイクが失敗: ${s(p, 'reason')} → クライアントのサイドカーが 503 を返す`,
  'result.503': () => 'クライアントのサイドカーが 503 を返す',
  'result.refused': () => '接続が拒否された',
  'result.timeout': () => '接続がタイムアウトした',
  'result.protocol-error': () => 'プロトコルエラー: TLS のバイト列が平文の HTTP リスナーに届いた',
  'hop.authz': (p) => {
    const rule = has(p, 'rule') ? ` のルール ${s(p, 'rule')}` : '';
    const field = has(p, 'field') ? `（${s(p, 'field')}）` : '';
    const caller =
      p.caller === 'plaintext'
        ? '呼び出し元は平文で送ったので、プリンシパルがありません。source.principals と source.namespaces は一致せず、source.notPrincipals は必ず一致します。'
        : p.caller === 'gateway'
          ? `呼び出し元は Ingress Gateway です。プリンシパルを持たないブラウザの代わりに、ゲートウェイのプリンシパル ${s(p, 'principal')} が使われます。`
          : `呼び出し元のプリンシパルは ${s(p, 'principal')} です。`;
    const decision =
      p.decision === 'allow.matched'
        ? `ALLOW ${s(p, 'policy')}${rule}${field} が許可しました。`
        : p.decision === 'deny.matched'
          ? `${p.custom ? 'CUSTOM（拡張プロバイダーが設定されていないため DENY として働きます）' : 'DENY'} ${s(p, 'policy')}${rule}${field} が拒否しました。DENY は ALLOW より先に評価されます。`
          : p.decision === 'deny.no-allow-match'
            ? `拒否しました。ALLOW ポリシー（${s(p, 'allow')}）が適用されますが、どのルールも一致しません。`
            : '許可しました。一致する DENY ルールがなく、ALLOW ポリシーも適用されません。';
    const tcp = p.tcp ? ' このポートは TCP です。HTTP 専用のフィールドは評価できないため、そうした ALLOW ルールは一致せず、DENY ルールは残りのフィールドで一致します。' : '';
    const dry = has(p, 'dryRun') ? ` ドライランのポリシーなら${p.dryRun === 'allowed' ? '許可' : '拒否'}していました。ドライランは判定を変えません。` : '';
    return `${decision}${caller}${tcp}${dry}`;
  },
  'result.denied': (p) => `接続は受け入れられたが、プロキシの AuthorizationPolicy がリクエストを拒否した: ${s(p, 'reason')} → RBAC: access denied`,

  'summary.ok': (p) => `リクエストは成功しました: ${s(p, 'hops')} ホップを経て HTTP ${s(p, 'code')}。すべての接続が受け入れられました。`,
  'summary.app-error': (p) => `すべての接続は受け入れられましたが、アプリケーションが HTTP ${s(p, 'code')} を返しました。`,
  'summary.failed': (p) =>
    `ホップ ${s(p, 'hop')} （${s(p, 'from')} → ${s(p, 'to')}）で失敗しました。${word(ACTOR, p.clientActor)} が ${server(p.mode)} に ${word(SENDS, p.sends)} を送ったため、${word(FAILED, p.outcome)}。クライアントが受け取ったのは ${p.seen === 'http' ? ` HTTP ${s(p, 'code')} ` : word(SEEN, p.seen)} です。`,
  'summary.no-hop': (p) => `リクエストはどのワークロードにも届きませんでした: ${p.kind === 'none' ? '接続は行われませんでした' : s(p, 'error')}。`,
  'summary.tls': (p) => `${s(p, 'reason')}ため、TLS ハンドシェイクが失敗しました。クライアントの報告: ${s(p, 'error')}。`,
  'summary.empty': () => 'まだリクエストがありません。',
  'narration': (p) => {
    const who = p.origin === 'browser' ? 'ブラウザ' : p.origin === 'background' ? 'loadgenerator' : s(p, 'from');
    const result = p.curlExit !== 0 ? `失敗: ${has(p, 'curlError') ? s(p, 'curlError') : `curl の終了コード ${s(p, 'curlExit')}`}` : `HTTP ${s(p, 'code')}`;
    // The reason is a clause of the decision chain: it ends the line without a 。 of its own.
    return `${who} → ${s(p, 'url')}: ${result}。${has(p, 'failedTo') ? `${s(p, 'failedTo')}: ${s(p, 'reason')}` : ''}`;
  },

  'fix.client-sidecar.pod': (p) => `${s(p, 'pod')} にサイドカーを付ける`,
  'fix.client-sidecar.pod.detail': (p) =>
    `ラベル sidecar.istio.io/inject: "true" を付けて（オプトアウトのアノテーションは外して）Pod を作り直します。そのサイドカーが mTLS を発信し、${server(p.mode)} はそれを受け入れます。`,
  'fix.client-sidecar.deployment': (p) => `Deployment ${s(p, 'name')} にサイドカーを付ける`,
  'fix.client-sidecar.deployment.detail': (p) =>
    `Namespace ${s(p, 'namespace')} でインジェクションを有効にし、Deployment を再起動します。新しい Pod には mTLS を発信するサイドカーが付き、${server(p.mode)} はそれを受け入れます。`,
  'fix.use-gateway': () => 'Ingress Gateway 経由でリクエストを送る',
  'fix.use-gateway.detail': (p) =>
    `ブラウザにはサイドカーを付けられません。Ingress Gateway ${s(p, 'gateway')} はプロキシで、外部からの平文の HTTP を受け入れ、${s(p, 'service')} へは mTLS を発信するので、STRICT でも受け入れられます。${s(p, 'url')} を開いてください。`,
  'fix.proxy-uid': () => 'サイドカーがキャプチャするコンテナから curl を実行する',
  'fix.proxy-uid.detail': () =>
    'istio-proxy コンテナは UID 1337 で動作し、その通信を iptables はリダイレクトしません。デバッグコンテナは Pod のネットワークを共有してキャプチャされるので、そのリクエストは mTLS で送られます。',
  'fix.use-service-host': () => 'IP ではなく Service のホスト名を指定する',
  'fix.use-service-host.detail': (p) =>
    `サイドカーが mTLS を発信するのは、サービスとして知っているホストに対してだけです。ロードバランサや Pod の IP 宛ては平文で送られます（PassthroughCluster）。${s(p, 'url')} を使ってください。`,
  'fix.server-permissive': () => 'サーバーを PERMISSIVE にする',
  'fix.server-permissive.detail': (p) =>
    `${s(p, 'object')} の ${s(p, 'field')} を ${s(p, 'from')} から PERMISSIVE に変更します。mTLS に加えて平文も受け入れるようになります。影響するのは ${word(SCOPE, p.scope)} で、メッシュのクライアントしか入れないという保証は失われます。`,
  'fix.workload-permissive': (p) => `${s(p, 'app')} だけを PERMISSIVE にする`,
  'fix.workload-permissive.detail': (p) =>
    `${s(p, 'namespace')} に app=${s(p, 'app')} を対象とするワークロードレベルの PeerAuthentication を追加します。最も狭いポリシーが優先されるので、このワークロードに限り ${s(p, 'object')} を上書きします。`,
  'fix.dr-istio-mutual': () => 'DestinationRule の tls.mode を ISTIO_MUTUAL にする',
  'fix.dr-istio-mutual.detail': (p) =>
    `${s(p, 'object')} ${s(p, 'field')}: ${s(p, 'from')} → ISTIO_MUTUAL。このルールを使うクライアントは Istio の mTLS を送るようになり、${server(p.mode)} はそれを受け入れます。`,
  'fix.dr-delete': () => 'DestinationRule を削除する',
  'fix.dr-delete.detail': (p) =>
    `${s(p, 'object')} がなければ auto mTLS が決めます。サイドカーのあるエンドポイントには mTLS を、それ以外には平文を送ります。${p.other === 1 ? 'このルールのほかのトラフィック設定も失われます。' : ''}`,
  'fix.dr-remove-tls': () => 'DestinationRule から tls を外し、auto mTLS に任せる',
  'fix.dr-remove-tls.detail': (p) =>
    `${s(p, 'object')} は、終端できる者がいない相手にも ${s(p, 'from')} を強制しています。tls の設定がなければ、auto mTLS は ${s(p, 'to')} に平文を送り、${s(p, 'to')} はそれを受け入れます。`,
  'fix.dr-disable': () => 'DestinationRule の tls.mode を DISABLE にする',
  'fix.dr-disable.detail': (p) => `${s(p, 'object')} ${s(p, 'field')}: ${s(p, 'from')} → DISABLE。クライアントは平文を送るようになり、${s(p, 'to')} はそれを受け入れます。`,
  'fix.dr-remove-sans': () => 'DestinationRule から subjectAltNames を外す',
  'fix.dr-remove-sans.detail': (p) =>
    `${s(p, 'object')} はサーバーの ID を ${s(p, 'expected')} に固定していますが、サーバーが提示するのは ${s(p, 'got')} です。subjectAltNames がなければ、クライアントはそのサービスのワークロードのサービスアカウントを受け入れます。`,
  'fix.dr-fix-sans': () => 'subjectAltNames をサーバーの ID にする',
  'fix.dr-fix-sans.detail': (p) => `サーバーが実際に提示する SPIFFE ID、${s(p, 'got')} を指定します。`,
  'fix.dr-add-istio-mutual': (p) => `${s(p, 'host')} に ISTIO_MUTUAL の DestinationRule を追加する`,
  'fix.dr-add-istio-mutual.detail': (p) =>
    `Namespace が Namespace レベルかメッシュレベルで DISABLE のため、サービス全体で auto mTLS がオフになっています。ワークロードレベルの STRICT では再びオンになりません（istio/istio#56084）。ISTIO_MUTUAL を明示すると、クライアントは ${s(p, 'host')} に mTLS を送ります。`,
  'fix.ns-permissive': () => 'Namespace のポリシーを DISABLE ではなく PERMISSIVE にする',
  'fix.ns-permissive.detail': (p) =>
    `${s(p, 'object')} ${s(p, 'field')}: DISABLE → PERMISSIVE。サービスの auto mTLS が再びオンになり、STRICT のワークロードは mTLS を受け取ります。`,
  'fix.authz-dry-run': (p) => `${s(p, 'policy')} をドライランにする`,
  'fix.authz-dry-run.detail': (p) =>
    `${s(p, 'policy')} に istio.io/dry-run: "true" のアノテーションを付けます。プロキシは評価するだけになり、リクエストは通ります。拒否したはずのものは Why パネルに表示されます。アノテーションを外すと再び適用されます。`,
  'fix.authz-delete': (p) => `${s(p, 'policy')} を削除する`,
  'fix.authz-delete.detail': (p) => `DENY ポリシー ${s(p, 'policy')} がなくなれば、（あれば）ALLOW ポリシーだけで判定されます。`,
  'fix.authz-allow-principal': (p) => `${s(p, 'principal')} を許可する`,
  'fix.authz-allow-principal.detail': (p) =>
    `この呼び出し元のプリンシパルだけを許可する ALLOW ポリシー ${s(p, 'namespace')}/${s(p, 'name')} を追加します。ALLOW ポリシーは足し合わされ、先に一致する DENY がなければ、どれか一つのルールに一致したリクエストが通ります。`,
  'fix.server-sidecar': (p) => `${s(p, 'name')} にサイドカーを付ける`,
  'fix.server-sidecar.detail': (p) =>
    `Namespace ${s(p, 'namespace')} でインジェクションを有効にして Deployment を再起動します。そのサイドカーが、クライアントの送る mTLS を終端します。`,

  'kia.KIA0002': () => '同じ Namespace に selector のないオブジェクトが複数あります',
  'kia.KIA0003': () => '同じワークロードに複数のオブジェクトが適用されています',
  'kia.KIA0004': () => 'この Namespace に selector に一致するワークロードがありません',
  'kia.KIA0202': () => 'このホストに一致するエントリがサービスレジストリにありません',
  'kia.KIA0205': () => 'メッシュレベルで mTLS を有効にする PeerAuthentication がありません',
  'kia.KIA0206': () => 'Namespace 全体で mTLS を有効にする PeerAuthentication がありません',
  'kia.KIA0207': () => 'TLS が STRICT モードの PeerAuthentication があります。PERMISSIVE にすべきです',
  'kia.KIA0208': () => 'mTLS を有効にする PeerAuthentication があります。PERMISSIVE モードが必要です',
  'kia.KIA0401': () => 'メッシュ全体で mTLS を有効にする DestinationRule がありません',
  'kia.KIA0501': () => 'Namespace 全体で mTLS を有効にする DestinationRule がありません',
  'kia.KIA0505': () => 'Namespace 全体で mTLS を無効にする DestinationRule がありません',
  'kia.KIA0506': () => 'メッシュ全体で mTLS を無効にする DestinationRule がありません',
  'kia.KIA0101': () => 'このルールの Namespace が見つかりません',
  'kia.KIA0102': () => 'HTTP メソッドと Istio のワイルドカードだけが使えます',
  'kia.KIA0104': () => 'このホストに一致するエントリがサービスレジストリにありません',
  'kia.KIA0105': () => 'このフィールドには mTLS の有効化が必要です',
  'kia.KIA0106': () => 'このプリンシパルのサービスアカウントが見つかりません',
  'kia.KIA0108': () => 'プリンシパルを検証できません。トラストドメインが Kiali に知られていません',
  'lint.note.auto-mtls': () =>
    'Kiali がこのチェックを行うのは auto mTLS がオフのときだけです。ここでは auto mTLS がオン（Istio のデフォルト）なので、サイドカーは DestinationRule や PeerAuthentication がなくても、サイドカーが受け取れる相手には mTLS を送ります。このオブジェクトがないだけでは何も壊れず、この指摘はノイズです。実際に起きることを隣に示します。',

  'effect.flow': (p) => flow(p),
  'effect.flow.auto': (p) => `auto mTLS がオンなので、実際には動作します。${flow(p)}`,
  'effect.unused-rule': (p) => `${s(p, 'host')} でこのルールを使うクライアントはありません。${word(UNUSED, p.why)}。何も変わりません。`,
  'effect.no-target': () => '実行中のエンドポイントを持つサービスは今のところ影響を受けないので、まだ何も失敗しません。',
  'effect.no-host': (p) => `Istio は DestinationRule をホストでしか関連付けませんが、${s(p, 'fqdn')} という Service はありません。このルールにはまったく効果がありません。`,
  'effect.no-host.suggest': (p) =>
    `Istio は DestinationRule をホストでしか関連付けませんが、${s(p, 'fqdn')} という Service はありません。このルールにはまったく効果がありません。意図したサービスはおそらく ${s(p, 'suggest')} で、そこではすでに auto mTLS が決めています: ${server(p.mode)} へ ${word(SENDS, p.sends)} → ${word(OUTCOME, p.outcome)}。`,
  'effect.newer-ignored': (p) =>
    `Namespace ごとに有効なのは、selector のないポリシーのうち最も古いものだけです。Namespace ${s(p, 'namespace')} では ${s(p, 'winner')} （${s(p, 'winnerMode')}）が決め、${s(p, 'ignored')} は無視されます。`,
  'effect.newer-ignored.self': (p) =>
    `Namespace ごとに有効なのは、selector のないポリシーのうち最も古いものだけで、これがそれです。Namespace ${s(p, 'namespace')} ではこれが決め（${s(p, 'winnerMode')}）、${s(p, 'ignored')} は無視されます。`,
  'effect.workload-conflict': (p) =>
    `${s(p, 'pod')} では、一致するワークロードのポリシーのうち最も古い ${s(p, 'winner')} （${s(p, 'winnerMode')}）が優先されます。${s(p, 'ignored')} はそこでは無視されます。`,
  'effect.selector-none': (p) => `どの Pod にも適用されません: ${s(p, 'namespace')} にラベル ${s(p, 'labels')} を持つものはありません。何も変わりません。`,
  'effect.root-selector': (p) =>
    `どの Pod にも適用されません: ルート Namespace ${s(p, 'namespace')} にある selector 付きの PeerAuthentication は、何を選択していても Istio に無視されます。`,
  'effect.authz.root-selector': (p) =>
    `ルート Namespace の selector 付きポリシーは、Istio がすべての Namespace に適用します: ラベル ${s(p, 'labels')} は ${s(p, 'count')} 個の Pod（${s(p, 'pod')}${p.count === 1 ? '' : ' など'}）を選択するので、ポリシーはそこで働きます。`,
  'effect.authz.no-namespace': (p) => `${s(p, 'namespace')} という Namespace はないので、そこから来る呼び出し元はいません: この値は一致しません。`,
  'effect.authz.method': (p) =>
    `プロキシはメソッドをリクエストのメソッドと完全に比べますが、${s(p, 'method')} で送られるリクエストはありません: この値は一致しません（gRPC の呼び出しは常に POST です）。`,
  'effect.authz.no-host': (p) =>
    `プロキシはホストをリクエストの Host ヘッダーと比べますが、${s(p, 'fqdn')} という Service はありません: Host ${s(p, 'host')} を付けて送られたリクエストだけが一致し、実在する Service の呼び出し元はそれを送りません。`,
  'effect.authz.needs-mtls': (p) =>
    `${s(p, 'field')} は呼び出し元の mTLS のアイデンティティを読みますが、これらのワークロードは mTLS を受け取りません: 平文の呼び出し元にはプリンシパルも Namespace もないので、肯定のフィールドは一致せず、not… のフィールドは必ず一致します。`,
  'effect.authz.no-principal': (p) => `アイデンティティ ${s(p, 'principal')} で動いている Pod はありません: それを示す呼び出し元はいないので、この値は一致しません。`,
  'effect.authz.foreign-domain': (p) =>
    `このメッシュの証明書はすべてトラストドメイン ${s(p, 'trustDomain')} で発行されますが、${s(p, 'principal')} は ${s(p, 'domain')} を指しています: この値は一致しません（プリンシパルは spiffe:// を付けずに書きます）。`,

  'hs.tcp': () => 'TCP 接続',
  'hs.plaintext': () => '平文: TLS なし',
  'hs.plaintext.detail': (p) => `${p.protocol === 'grpc' ? 'gRPC 呼び出し' : 'HTTP リクエスト'} は暗号化されず、証明書もなしで送られます。`,
  'hs.client-hello': () => 'ClientHello',
  'hs.client-hello.detail': (p) => `SNI ${s(p, 'sni') || '(なし)'}、ALPN ${s(p, 'alpn') || '(なし: Istio の mTLS ではない)'}`,
  'hs.server-certificate': () => 'ServerHello + Certificate',
  'hs.server-certificate.detail': (p) => `サーバーの ID（SPIFFE URI SAN）: ${s(p, 'spiffe')}`,
  'hs.certificate-request': () => 'CertificateRequest',
  'hs.certificate-request.detail': () => 'サーバーがクライアント証明書を要求します。これで TLS が相互（mutual）になります。',
  'hs.client-certificate': () => 'Certificate + CertificateVerify',
  'hs.client-certificate.detail': (p) => `クライアントの ID ${s(p, 'spiffe')}。秘密鍵で証明されます`,
  'hs.secure-naming': () => 'セキュアネーミングの確認',
  'hs.secure-naming.ok': (p) => `${s(p, 'got')} はこのサービスの実行を許可されている`,
  'hs.secure-naming.failed': (p) => `${s(p, 'got')} は想定された ID（${s(p, 'expected')}）に含まれない`,
  'hs.finished': () => 'Finished',
  'hs.finished.detail': () => '双方が Finished を送り、相互 TLS が確立されます。',
  'hs.reset.no-filter-chain': () => 'RST: フィルターチェーンなし',
  'hs.reset': () => 'ハンドシェイク失敗',
  'hs.http-request': (p) => (p.protocol === 'grpc' ? 'gRPC リクエスト（HTTP/2）' : 'HTTP リクエスト'),
  'hs.http-response': () => 'HTTP レスポンス',
  'hs.http-response.code': (p) => s(p, 'code'),
  'hs.no-response': () => '応答なし',
  'hs.local-reply': (p) => `クライアントのサイドカーが ${s(p, 'code')} を返す`,
  'hs.local-reply.detail': () => 'アップストリームへの接続に失敗したため、クライアントのサイドカーが自らアプリケーションに応答します。',
  'hs.authorization': () => 'AuthorizationPolicy のチェック',
  'hs.authorization.allowed': (p) =>
    `${p.principal ? s(p, 'principal') : 'プリンシパルのない呼び出し元（平文）'} を${has(p, 'policy') ? ` ${s(p, 'policy')} が` : ''}許可します。`,
  'hs.authorization.denied': (p) =>
    `${p.principal ? s(p, 'principal') : 'プリンシパルのない呼び出し元（平文）'} を${has(p, 'policy') ? ` ${s(p, 'policy')} が拒否します` : '拒否します: 一致する ALLOW ルールがありません'}。`,
  'hs.rbac-reply': (p) => (p.grpc ? 'サーバー側プロキシが grpc-status 7 を返す' : `サーバー側プロキシが ${s(p, 'code')} を返す`),
  'hs.rbac-reply.detail': (p) =>
    p.tcp ? 'サーバー側のプロキシが接続を閉じます。アプリケーションには何も届きません。' : 'RBAC: access denied。サーバー側のプロキシが自ら応答し、アプリケーションには何も届きません。',
};
