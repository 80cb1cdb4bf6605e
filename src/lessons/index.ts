import type { Lesson, LocalizedText } from './types.ts';

/**
 * One lesson as the course list shows it, without loading it: each lesson is its own lazy chunk,
 * fetched by `load` when the learner opens it. `title`, `summary` and `steps` repeat the lesson's
 * own values so that the list renders at once; lessons.test.ts fails when they drift apart.
 */
export interface LessonEntry {
  /** The lesson's folder name, e.g. `01-seed-tutorial`. */
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  /** How many steps the lesson has. */
  steps: number;
  load: () => Promise<Lesson>;
}

/** Every lesson, in course order. */
export const lessonCatalog: readonly LessonEntry[] = [
  {
    id: '01-seed-tutorial',
    title: { en: 'mTLS by example: the tutorial, step by step', ja: '実例で学ぶ mTLS: チュートリアルを順に' },
    summary: {
      en: 'Walk through the Cloud Service Mesh mTLS tutorial on Online Boutique: STRICT per namespace, per workload and for the whole mesh, and what each one breaks.',
      ja: 'Online Boutique を使った Cloud Service Mesh の mTLS チュートリアルを順にたどります。Namespace 単位、ワークロード単位、メッシュ全体の STRICT と、それぞれで何が壊れるかを確かめます。',
    },
    steps: 7,
    load: () => import('./01-seed-tutorial/index.ts').then((m) => m.default),
  },
  {
    id: '02-permissive-migration',
    title: { en: 'From PERMISSIVE to STRICT, safely', ja: 'PERMISSIVE から STRICT へ安全に移行する' },
    summary: {
      en: 'A reporting job in the `legacy` namespace calls the frontend without a sidecar. Find out who reaches the frontend and how, watch STRICT break the legacy client, roll back, bring the client into the mesh, and only then lock the frontend down. In this cluster the shop is published through the ingress gateway only: there is no `frontend-external` load balancer.',
      ja: '`legacy` Namespace のレポート用ジョブは、サイドカーなしで frontend を呼び出しています。誰がどうやって frontend に届いているかを調べ、STRICT で legacy クライアントが壊れるのを確かめてからロールバックし、クライアントをメッシュに入れてから frontend を STRICT にします。このクラスタではショップは Ingress Gateway からだけ公開されていて、`frontend-external` ロードバランサはありません。',
    },
    steps: 6,
    load: () => import('./02-permissive-migration/index.ts').then((m) => m.default),
  },
  {
    id: '03-destinationrule-disable',
    title: { en: 'A DestinationRule that turns TLS off', ja: 'TLS を無効にする DestinationRule' },
    summary: {
      en: 'A client-side `tls.mode: DISABLE` toward a STRICT server: why meshed clients get 503 instead of a reset, and how to fix it without weakening the server.',
      ja: 'STRICT なサーバーに向けてクライアント側で `tls.mode: DISABLE` を指定するとどうなるでしょうか。メッシュ内のクライアントがリセットではなく 503 を受け取る理由と、サーバーを弱めずに直す方法を学びます。',
    },
    steps: 3,
    load: () => import('./03-destinationrule-disable/index.ts').then((m) => m.default),
  },
  {
    id: '04-port-exception',
    title: { en: 'A port-level exception: container port, not Service port', ja: 'ポート単位の例外: Service のポートではなくコンテナのポート' },
    summary: {
      en: 'STRICT is now the rule for the whole mesh, and the old `frontend-external` load balancer, which sends the browser\'s plaintext straight to the frontend, has stopped working. Carve out the narrowest exception Istio allows, one workload and one port, and find out which port number it takes.',
      ja: 'メッシュ全体で STRICT が標準になり、ブラウザの平文をそのまま frontend に送る古い `frontend-external` ロードバランサは動かなくなりました。Istio で作れる最も狭い例外、つまり 1 つのワークロードの 1 つのポートだけの例外を作り、そこに書くべきポート番号がどれなのかを確かめます。',
    },
    steps: 3,
    load: () => import('./04-port-exception/index.ts').then((m) => m.default),
  },
  {
    id: '05-prove-encrypted',
    title: { en: 'Prove it is encrypted', ja: '暗号化されていることを証明する' },
    summary: {
      en: 'Do not take the diagram\'s word for it: read the frontend\'s SPIFFE certificate with `istioctl proxy-config secret` and openssl, capture its traffic with tcpdump before and after STRICT, and knock on its port with `openssl s_client` from a pod that has no certificate.',
      ja: '図の表示をうのみにせず、自分の目で確かめます。`istioctl proxy-config secret` と openssl で frontend の SPIFFE 証明書を読み、STRICT の前後で tcpdump を使ってトラフィックをキャプチャし、証明書を持たない Pod から `openssl s_client` で frontend のポートに接続してみます。',
    },
    steps: 4,
    load: () => import('./05-prove-encrypted/index.ts').then((m) => m.default),
  },
  {
    id: '06-zero-trust',
    title: { en: 'Zero trust for the shop', ja: 'ショップをゼロトラストにする' },
    summary: {
      en: 'Deny everything to the product catalog with an allow-nothing AuthorizationPolicy, watch the storefront break and read why, then allow exactly the callers Online Boutique\'s call graph needs, by their mTLS principals. The difference between `spec: {}` and `rules: [{}]` is the difference between allow nothing and allow all.',
      ja: '何も許可しない AuthorizationPolicy でプロダクトカタログへのアクセスをすべて拒否し、ストアフロントが壊れる様子とその理由を確かめます。そのあと、Online Boutique の呼び出しグラフに必要な呼び出し元だけを、mTLS のプリンシパルで許可します。`spec: {}` と `rules: [{}]` の違いは、何も許可しないか、すべてを許可するかの違いです。',
    },
    steps: 3,
    load: () => import('./06-zero-trust/index.ts').then((m) => m.default),
  },
  {
    id: '07-permissive-trap',
    title: { en: 'The PERMISSIVE trap', ja: 'PERMISSIVE の落とし穴' },
    summary: {
      en: 'Under PERMISSIVE a plaintext caller has no principal. Predict what an ALLOW by principals does to it, see a DENY by principals miss it entirely and a DENY with `notPrincipals` catch it, then fix it for good: STRICT plus an ALLOW.',
      ja: 'PERMISSIVE では、平文の呼び出し元にはプリンシパルがありません。プリンシパルによる ALLOW がそれをどう扱うかを予想し、プリンシパルによる DENY がそれをまったく捕まえられないことと、`notPrincipals` を使った DENY なら捕まえられることを確かめます。最後に、STRICT と ALLOW の組み合わせで根本的に解決します。',
    },
    steps: 4,
    load: () => import('./07-permissive-trap/index.ts').then((m) => m.default),
  },
  {
    id: '08-deny-and-gateway',
    title: { en: 'DENY beats ALLOW, and the gateway\'s identity', ja: 'DENY は ALLOW に勝つ、そしてゲートウェイの ID' },
    summary: {
      en: 'The frontend already has an ALLOW policy. Deny one path next to it and see the DENY win; then allow only the ingress gateway\'s principal and find out that the browser itself is never a principal: the gateway is.',
      ja: 'frontend にはすでに ALLOW ポリシーがあります。その横で 1 つのパスを DENY して、DENY が勝つことを確かめます。そのあと Ingress Gateway のプリンシパルだけを許可し、ブラウザ自身はプリンシパルにならず、プリンシパルになるのはゲートウェイだということを確かめます。',
    },
    steps: 3,
    load: () => import('./08-deny-and-gateway/index.ts').then((m) => m.default),
  },
];

/** The scenario loader, fetched only when a scenario file is opened (the built-in lessons carry it in their own chunks). */
export const scenarioLoader = () => import('./scenario/load.ts');
