/**
 * The Japanese for the mesh's terms: one word per concept in every Japanese text (interface, Why
 * panel, diagram, console and lessons), with the variants it replaces. Kubernetes and Istio kinds
 * stay as the API spells them (`Namespace`, `PeerAuthentication`), as the Kubernetes Japanese docs
 * do; modes stay as the YAML spells them (`STRICT`). glossary.test.ts looks for every variant.
 */
export interface GlossaryEntry {
  /** The English term. */
  en: string;
  /** The one Japanese term. */
  ja: string;
  /** Variants that mean the same and must not appear in Japanese text. */
  avoid: readonly RegExp[];
}

/** A Japanese letter next to a word: the word is part of Japanese text, not of a command or a name. */
const JA = '[\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Han}ー]';
/** `word` written in Latin letters within Japanese prose (a word before or after a Japanese letter). */
const latinInJapanese = (word: string, flags = 'iu') => new RegExp(`(?<![\\w./\`-])(?:${word})(?= ?${JA})|(?<=${JA} ?)(?:${word})(?![\\w./\`-])`, flags);

export const GLOSSARY = {
  namespace: { en: 'namespace', ja: 'Namespace', avoid: [/名前空間|ネーム ?スペース/u, latinInJapanese('namespaces?', 'u')] },
  workload: { en: 'workload', ja: 'ワークロード', avoid: [latinInJapanese('workloads?')] },
  sidecar: { en: 'sidecar', ja: 'サイドカー', avoid: [latinInJapanese('sidecars?')] },
  ingressGateway: { en: 'ingress gateway', ja: 'Ingress Gateway', avoid: [/イングレス[ ・]?ゲートウェイ|Ingress ゲートウェイ|Ingress gateway|ingress gateway|イングレス Gateway/u] },
  gateway: { en: 'gateway (the ingress gateway, for short)', ja: 'ゲートウェイ', avoid: [/(?<!Ingress )Gateway(?! ?(?:リソース|のサーバー))(?= ?[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}])/u] },
  peerAuthentication: { en: 'PeerAuthentication', ja: 'PeerAuthentication', avoid: [/ピア ?認証|ピア ?オーセンティケーション|Peer Authentication/u] },
  destinationRule: { en: 'DestinationRule', ja: 'DestinationRule', avoid: [/宛先ルール|デスティネーション ?ルール|Destination Rule/u] },
  strict: { en: 'STRICT', ja: 'STRICT', avoid: [/厳格モード|(?<![\w.-])(?:strict|Strict)(?= ?モード)/u] },
  permissive: { en: 'PERMISSIVE', ja: 'PERMISSIVE', avoid: [/許容モード|寛容モード|(?<![\w.-])(?:permissive|Permissive)(?= ?モード)/u] },
  disable: { en: 'DISABLE', ja: 'DISABLE', avoid: [/無効モード|(?<![\w.-])(?:disable|Disable)(?= ?モード)/u] },
  mutualTls: { en: 'mutual TLS', ja: '相互 TLS', avoid: [/相互TLS|ミューチュアル ?TLS/u] },
  autoMtls: { en: 'auto mTLS', ja: 'auto mTLS', avoid: [/自動 ?mTLS|オート ?mTLS/u] },
  plaintext: { en: 'plaintext', ja: '平文', avoid: [/プレー?イ?ンテキスト|平文テキスト/u] },
  cluster: { en: 'cluster', ja: 'クラスタ', avoid: [/クラスター/u] },
  filterChain: { en: 'filter chain', ja: 'フィルターチェーン', avoid: [/フィルタチェーン|フィルタ(?:ー)? チェーン/u] },
  selector: { en: 'selector', ja: 'selector', avoid: [/セレクター?/u] },
  injection: { en: 'sidecar injection', ja: 'インジェクション', avoid: [/注入/u] },
  proxy: { en: 'proxy', ja: 'プロキシ', avoid: [/プロキシー/u] },
  browser: { en: 'browser', ja: 'ブラウザ', avoid: [/ブラウザー/u] },
  browserTab: { en: 'browser tab', ja: 'ブラウザのタブ', avoid: [/ブラウザタブ|ブラウザ タブ/u] },
  server: { en: 'server', ja: 'サーバー', avoid: [/サーバ(?!ー)/u] },
  pod: { en: 'pod', ja: 'Pod', avoid: [/ポッド/u] },
  deployment: { en: 'deployment', ja: 'Deployment', avoid: [/デプロイメント/u] },
  loadBalancer: { en: 'load balancer', ja: 'ロードバランサ', avoid: [/ロードバランサー|ロード・バランサ/u] },
  handshake: { en: 'handshake', ja: 'ハンドシェイク', avoid: [/ハンドシェーク/u] },
  secureNaming: { en: 'secure naming', ja: 'セキュアネーミング', avoid: [/セキュア ネーミング|セキュアな名前付け/u] },
} as const satisfies Record<string, GlossaryEntry>;

/** The Japanese term of each concept. */
export const TERMS_JA: { readonly [K in keyof typeof GLOSSARY]: (typeof GLOSSARY)[K]['ja'] } = Object.fromEntries(
  Object.entries(GLOSSARY).map(([key, entry]) => [key, entry.ja]),
) as { readonly [K in keyof typeof GLOSSARY]: (typeof GLOSSARY)[K]['ja'] };

/** The variants in a Japanese text, each with the term to use instead: `名前空間 → Namespace`. */
export function offGlossary(text: string): string[] {
  const found: string[] = [];
  for (const entry of Object.values(GLOSSARY) as GlossaryEntry[]) {
    for (const pattern of entry.avoid) {
      const match = pattern.exec(text);
      if (match) found.push(`${match[0]} → ${entry.ja}`);
    }
  }
  return found;
}
