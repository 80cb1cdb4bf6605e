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
];

/** The catalog entry for a lesson id, if there is one. */
export function findLesson(id: string): LessonEntry | undefined {
  return lessonCatalog.find((entry) => entry.id === id);
}
