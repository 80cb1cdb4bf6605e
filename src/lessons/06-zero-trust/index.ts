import {
  FRONTEND_EXTERNAL_URL,
  FRONTEND_SERVICE_URL,
  FROM_BROWSER,
  FROM_CLOUDSHELL,
  FROM_LOADGENERATOR,
  FROM_TESTCURL,
  INGRESS_URL,
  type Requirement,
  endedAs,
  isDeniedByPolicy,
  isFromOutside,
  isPageDeniedDownstream,
  lastRequest,
  requireAll,
  stepTraces,
} from '../checks.ts';
import { probe, succeeds } from '../probe.ts';
import type { CheckContext, Lesson, Prediction } from '../types.ts';
import { CATALOG_CALLERS, CATALOG_URL, catalogRefuses, isTestcurlToCatalog, reachesCatalog, refusedCallers } from './checks.ts';

const STOREFRONT_CURL = `curl -s -o /dev/null -w '%{http_code}\\n' ${FRONTEND_EXTERNAL_URL}`;
const STOREFRONT_ERROR = `curl -s ${FRONTEND_EXTERNAL_URL} | grep -o 'rpc error[^<]*'`;
const TESTCURL_CATALOG = `kubectl exec testcurl -n default -- curl -s -w '\\n%{http_code}\\n' ${CATALOG_URL}`;
const CATALOG_LOG = 'kubectl logs -n product-catalog deploy/productcatalogservice -c istio-proxy --tail 3';

const ALLOW_NOTHING = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: product-catalog
spec: {}
EOF`;

const ALLOW_CALLERS = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: catalog-callers
  namespace: product-catalog
spec:
  selector:
    matchLabels:
      app: productcatalogservice
  action: ALLOW
  rules:
  - from:
    - source:
        principals:
${CATALOG_CALLERS.map((c) => `        - ${c.principal}`).join('\n')}
EOF`;

/** A product page: the frontend asks the recommendation service, which reads the catalog too. */
const PRODUCT_URL = `${FRONTEND_EXTERNAL_URL}product/OLJCESPC7Z`;

const allowNothingPrediction: Prediction = {
  question: {
    en: 'You are about to apply an AuthorizationPolicy with an empty spec to the `product-catalog` namespace. Which of these requests will fail?',
    ja: '`product-catalog` Namespace に、spec が空の AuthorizationPolicy を適用します。失敗するのはどのリクエストでしょうか。',
  },
  probes: [
    { id: 'browser', label: { en: 'browser → frontend-external → frontend', ja: 'ブラウザ → frontend-external → frontend' }, from: FROM_BROWSER, url: FRONTEND_EXTERNAL_URL },
    { id: 'gateway', label: { en: 'Cloud Shell → ingress gateway → frontend', ja: 'Cloud Shell → Ingress Gateway → frontend' }, from: FROM_CLOUDSHELL, url: INGRESS_URL },
    { id: 'loadgenerator', label: { en: 'loadgenerator → frontend', ja: 'loadgenerator → frontend' }, from: FROM_LOADGENERATOR, url: FRONTEND_SERVICE_URL },
    { id: 'testcurl', label: { en: 'testcurl (no sidecar) → productcatalogservice', ja: 'testcurl（サイドカーなし）→ productcatalogservice' }, from: FROM_TESTCURL, url: CATALOG_URL },
  ],
};

/** The storefront and the loadgenerator work, and exactly the catalog's callers get through. */
function exactlyTheCallers(ctx: CheckContext): Requirement[] {
  const refused = refusedCallers(ctx.world);
  return [
    {
      ok: refused.length === 0,
      missing: {
        en: `The catalog still refuses ${refused.join(', ')}: the shop needs every caller of the call graph.`,
        ja: `カタログはまだ ${refused.join('、')} を拒否しています。ショップには呼び出しグラフのすべての呼び出し元が必要です。`,
      },
    },
    {
      ok: !reachesCatalog(ctx.world, FROM_TESTCURL),
      missing: {
        en: 'testcurl still reaches the catalog: the policy admits more than the callers (`rules: [{}]` allows everyone, including plaintext).',
        ja: 'testcurl がまだカタログに届きます。ポリシーが呼び出し元以外も許可しています（`rules: [{}]` は平文を含めて全員を許可します）。',
      },
    },
    {
      ok: !reachesCatalog(ctx.world, FROM_LOADGENERATOR),
      missing: {
        en: 'The loadgenerator, which never calls the catalog, still reaches it: allow the callers by principal, not every identity of the mesh.',
        ja: 'カタログを呼び出すことのない loadgenerator がまだカタログに届きます。メッシュのすべての ID ではなく、呼び出し元だけをプリンシパルで許可してください。',
      },
    },
    {
      ok: succeeds(probe(ctx.world, FROM_BROWSER, FRONTEND_EXTERNAL_URL)) && succeeds(probe(ctx.world, FROM_BROWSER, PRODUCT_URL)),
      missing: { en: 'The storefront still fails in the browser.', ja: 'ブラウザではまだストアフロントが表示されません。' },
    },
    {
      ok: succeeds(probe(ctx.world, FROM_LOADGENERATOR, FRONTEND_SERVICE_URL)),
      missing: { en: 'The loadgenerator\'s requests to the frontend still fail.', ja: 'loadgenerator から frontend へのリクエストはまだ失敗します。' },
    },
  ];
}

const lesson: Lesson = {
  id: '06-zero-trust',
  title: { en: 'Zero trust for the shop', ja: 'ショップをゼロトラストにする' },
  summary: {
    en: 'Deny everything to the product catalog with an allow-nothing AuthorizationPolicy, watch the storefront break and read why, then allow exactly the callers Online Boutique\'s call graph needs, by their mTLS principals. The difference between `spec: {}` and `rules: [{}]` is the difference between allow nothing and allow all.',
    ja: '何も許可しない AuthorizationPolicy でプロダクトカタログへのアクセスをすべて拒否し、ストアフロントが壊れる様子とその理由を確かめます。そのあと、Online Boutique の呼び出しグラフに必要な呼び出し元だけを、mTLS のプリンシパルで許可します。`spec: {}` と `rules: [{}]` の違いは、何も許可しないか、すべてを許可するかの違いです。',
  },
  steps: [
    {
      id: 'allow-nothing',
      title: { en: 'Allow nothing, and watch the shop break', ja: '何も許可せず、ショップが壊れるのを見る' },
      body: {
        en: `Zero trust starts from "nobody may call this service" and adds back exactly who must. In Istio that starting point is an AuthorizationPolicy with an empty spec: no selector, so it applies to every workload of its namespace; no action, so it is an ALLOW policy; and no rules, so it allows nothing. Once any ALLOW policy applies to a workload, a request that matches none of its rules is denied.

Apply it to \`product-catalog\`, then reload the storefront. The frontend builds its home page from the catalog's product list; the catalog's sidecar now refuses the frontend's gRPC call, and the frontend shows its error page with \`rpc error: code = PermissionDenied desc = RBAC: access denied\`. A plain HTTP request to the catalog, from testcurl, gets Envoy's answer directly: \`403\` and the body \`RBAC: access denied\`.

Be careful with one character: \`rules: [{}]\` is a rule that matches every request, so the same policy with it allows everything.`,
        ja: `ゼロトラストは「このサービスは誰も呼び出せない」という状態から始めて、必要な呼び出し元だけを許可していく考え方です。Istio では、spec が空の AuthorizationPolicy がその出発点になります。selector がないので Namespace のすべてのワークロードに適用され、action がないので ALLOW ポリシーとして扱われ、ルールが 1 つもないので何も許可しません。ワークロードに ALLOW ポリシーが 1 つでも適用されると、どのルールにも一致しないリクエストは拒否されます。

これを \`product-catalog\` に適用して、ストアフロントを再読み込みしてください。frontend はカタログの商品一覧からトップページを作ります。カタログのサイドカーが frontend の gRPC 呼び出しを拒否するので、frontend は \`rpc error: code = PermissionDenied desc = RBAC: access denied\` というエラーページを表示します。testcurl からカタログに平文の HTTP リクエストを送ると、Envoy の応答がそのまま返ります。\`403\` と、本文の \`RBAC: access denied\` です。

1 文字の違いに注意してください。\`rules: [{}]\` はすべてのリクエストに一致するルールなので、これを書いた同じポリシーはすべてを許可します。`,
      },
      commands: [ALLOW_NOTHING, STOREFRONT_CURL, STOREFRONT_ERROR, TESTCURL_CATALOG, CATALOG_LOG],
      predict: allowNothingPrediction,
      check: (ctx) => {
        if (!catalogRefuses(ctx.world, CATALOG_CALLERS[0]!.from)) {
          return {
            pass: false,
            detail: {
              en: 'Nothing refuses the frontend at the product catalog yet. Apply an AuthorizationPolicy with an empty spec in `product-catalog`.',
              ja: 'カタログで frontend を拒否するものはまだありません。`product-catalog` に spec が空の AuthorizationPolicy を適用してください。',
            },
          };
        }
        const broken = lastRequest(stepTraces(ctx), (t) => isFromOutside(t) && isPageDeniedDownstream(t));
        if (!broken) {
          return {
            pass: false,
            detail: {
              en: 'The catalog now refuses the frontend. Reload the storefront (the browser tab, or curl from Cloud Shell) and see what the shop shows.',
              ja: 'カタログは frontend を拒否するようになりました。ストアフロントを再読み込みして（ブラウザのタブ、または Cloud Shell の curl）、ショップに何が表示されるか確かめてください。',
            },
          };
        }
        return {
          pass: true,
          detail: {
            en: `The storefront answered ${broken.httpCode}: the catalog's sidecar refused the frontend's call with PermissionDenied, RBAC: access denied. Allow-nothing means nothing, the shop's own frontend included.`,
            ja: `ストアフロントは ${broken.httpCode} を返しました。カタログのサイドカーが frontend の呼び出しを PermissionDenied（RBAC: access denied）で拒否したためです。何も許可しないポリシーは、ショップ自身の frontend も含めて何も許可しません。`,
          },
        };
      },
      hints: [
        { en: 'An AuthorizationPolicy in `product-catalog` whose spec is empty: `spec: {}`.', ja: '`product-catalog` に、spec が空（`spec: {}`）の AuthorizationPolicy を作ります。' },
        { en: 'Pipe it into `kubectl apply -f -`: `apiVersion: security.istio.io/v1`, `kind: AuthorizationPolicy`, `metadata: {name: allow-nothing, namespace: product-catalog}`, `spec: {}`. Then reload the storefront.', ja: '`kubectl apply -f -` に渡します。内容は `apiVersion: security.istio.io/v1`、`kind: AuthorizationPolicy`、`metadata: {name: allow-nothing, namespace: product-catalog}`、`spec: {}` です。そのあとストアフロントを再読み込みします。' },
        { en: `Apply the policy, then run \`${STOREFRONT_ERROR}\`.`, ja: `ポリシーを適用してから \`${STOREFRONT_ERROR}\` を実行します。` },
      ],
      solution: `${ALLOW_NOTHING}\n${STOREFRONT_ERROR}`,
      takeaway: {
        en: 'An empty spec is an ALLOW policy without rules: it denies every request to every workload of its namespace, whoever sends it. The shop broke one hop away from the browser, at the catalog, and the frontend reported it.',
        ja: '空の spec はルールのない ALLOW ポリシーで、送り主が誰であっても、Namespace のすべてのワークロードへのリクエストをすべて拒否します。ショップが壊れたのはブラウザから 1 ホップ先のカタログで、frontend がそれを報告しました。',
      },
    },
    {
      id: 'allow-callers',
      title: { en: 'Allow exactly the callers, by principal', ja: '必要な呼び出し元だけをプリンシパルで許可する' },
      body: {
        en: `Who calls the catalog? In Online Boutique's call graph, three workloads do: the frontend (product lists and pages), checkoutservice (the order's items) and recommendationservice (the products it recommends). Nobody else needs it.

Each of them runs as its own service account, and its sidecar proves it with the SPIFFE ID in its mTLS certificate. An AuthorizationPolicy names that identity without \`spiffe://\`: \`cluster.local/ns/frontend/sa/frontend\` is the principal of the frontend. Add an ALLOW policy whose one rule lists the three principals.

The allow-nothing policy may stay: a request is allowed when any ALLOW policy matches it, so it now adds nothing. Reload the storefront and open a product page too; both must work again.`,
        ja: `カタログを呼び出すのは誰でしょうか。Online Boutique の呼び出しグラフでは 3 つのワークロードです。frontend（商品一覧と商品ページ）、checkoutservice（注文の商品）、recommendationservice（おすすめの商品）で、ほかにカタログを必要とするものはありません。

どのワークロードもそれぞれ専用のサービスアカウントで動き、サイドカーは mTLS 証明書の SPIFFE ID でそれを証明します。AuthorizationPolicy ではこの ID を \`spiffe://\` を付けずに書きます。frontend のプリンシパルは \`cluster.local/ns/frontend/sa/frontend\` です。3 つのプリンシパルを並べたルールを 1 つ持つ ALLOW ポリシーを追加してください。

何も許可しないポリシーは残しておいて構いません。リクエストはどれか 1 つの ALLOW ポリシーに一致すれば許可されるので、このポリシーはもう何も変えません。ストアフロントを再読み込みし、商品ページも開いてみましょう。どちらもまた表示されるはずです。`,
      },
      commands: [
        'kubectl get serviceaccounts -n frontend',
        "kubectl get pod -n checkout -l app=checkoutservice -o jsonpath='{.items[0].spec.serviceAccountName}'",
        ALLOW_CALLERS,
        STOREFRONT_CURL,
        `curl -s -o /dev/null -w '%{http_code}\\n' ${PRODUCT_URL}`,
      ],
      check: (ctx) => {
        const reloaded = stepTraces(ctx).some((t) => isFromOutside(t) && succeeds(t));
        return requireAll(
          [
            ...exactlyTheCallers(ctx),
            {
              ok: reloaded,
              missing: { en: 'The policies look right. Reload the storefront to see it work again.', ja: 'ポリシーは正しそうです。ストアフロントを再読み込みして、また表示されることを確かめてください。' },
            },
          ],
          {
            en: 'The frontend, checkoutservice and recommendationservice reach the catalog; the loadgenerator and testcurl do not. The storefront works again.',
            ja: 'frontend、checkoutservice、recommendationservice はカタログに届き、loadgenerator と testcurl は届きません。ストアフロントはまた表示されるようになりました。',
          },
        );
      },
      hints: [
        { en: 'The callers are in the call graph: frontend, checkoutservice and recommendationservice. Each pod\'s `serviceAccountName` gives its principal: `cluster.local/ns/<namespace>/sa/<service account>`.', ja: '呼び出し元は呼び出しグラフにあるとおり、frontend、checkoutservice、recommendationservice です。各 Pod の `serviceAccountName` からプリンシパルがわかります: `cluster.local/ns/<Namespace>/sa/<サービスアカウント>`' },
        { en: 'One rule with one `from.source.principals` list: `cluster.local/ns/frontend/sa/frontend`, `cluster.local/ns/checkout/sa/checkout`, `cluster.local/ns/recommendation/sa/recommendation`.', ja: '`from.source.principals` のリストを 1 つ持つルールを 1 つ書きます。`cluster.local/ns/frontend/sa/frontend`、`cluster.local/ns/checkout/sa/checkout`、`cluster.local/ns/recommendation/sa/recommendation` です。' },
        { en: 'Apply the policy shown in the commands, then reload the storefront.', ja: 'コマンドにあるポリシーを適用してから、ストアフロントを再読み込みします。' },
      ],
      solution: `${ALLOW_CALLERS}\n${STOREFRONT_CURL}`,
      takeaway: {
        en: 'Identity-based: the rule says who may call, not from which IP. A new frontend pod gets a new address and the same principal, so the policy keeps working; a pod of another service account is refused, even inside the mesh.',
        ja: 'ID に基づく許可です。ルールが示すのは誰が呼び出せるかで、どの IP からかではありません。frontend の Pod が作り直されてアドレスが変わってもプリンシパルは同じなのでポリシーは有効なままで、別のサービスアカウントの Pod はメッシュ内からでも拒否されます。',
      },
    },
    {
      id: 'prove-refused',
      title: { en: 'Prove who is refused', ja: '誰が拒否されるかを確かめる' },
      body: {
        en: `The shop works and the catalog is closed to everyone else. See it from testcurl: its request reaches the catalog's sidecar, which answers \`403\` with \`RBAC: access denied\` instead of passing it to the application.

testcurl has no sidecar, so its connection is plaintext and carries no principal at all: no ALLOW rule that names principals can match it. The catalog's access log records each refusal with the response flag of the RBAC filter; select the request in the Events panel to see which policy decided.`,
        ja: `ショップは動き、カタログはほかのすべての呼び出し元に対して閉じられました。testcurl から確かめてみましょう。リクエストはカタログのサイドカーまで届きますが、サイドカーはアプリケーションに渡さず、\`403\` と \`RBAC: access denied\` を返します。

testcurl にはサイドカーがないので接続は平文で、プリンシパルをまったく持っていません。プリンシパルを指定した ALLOW ルールが一致することはありません。カタログのアクセスログには、拒否のたびに RBAC フィルターのレスポンスフラグが記録されます。Events パネルでそのリクエストを選ぶと、どのポリシーが決めたのかがわかります。`,
      },
      commands: [TESTCURL_CATALOG, CATALOG_LOG, 'kubectl get authorizationpolicies -n product-catalog'],
      check: (ctx) => {
        const last = lastRequest(stepTraces(ctx), isTestcurlToCatalog);
        return requireAll(
          [
            ...exactlyTheCallers(ctx),
            {
              ok: last !== undefined && isDeniedByPolicy(last),
              missing: last
                ? { en: `testcurl's last request to the catalog was not refused by the catalog's sidecar: it ended ${endedAs(last)}.`, ja: `testcurl からカタログへの最後のリクエストは、カタログのサイドカーに拒否されず、${endedAs(last)} で終わりました。` }
                : { en: 'Send a request from testcurl to the catalog.', ja: 'testcurl からカタログにリクエストを送ってください。' },
            },
          ],
          {
            en: 'The catalog\'s sidecar refused testcurl\'s request (RBAC: access denied), while the shop\'s own callers get through.',
            ja: 'カタログのサイドカーは testcurl のリクエストを拒否し（RBAC: access denied）、ショップの呼び出し元は通り続けています。',
          },
        );
      },
      hints: [
        { en: 'Run curl inside the testcurl pod with `kubectl exec testcurl -n default -- curl …`.', ja: '`kubectl exec testcurl -n default -- curl …` で testcurl Pod の中から curl を実行します。' },
        { en: `Run \`${TESTCURL_CATALOG}\`.`, ja: `\`${TESTCURL_CATALOG}\` を実行します。` },
      ],
      solution: TESTCURL_CATALOG,
      takeaway: {
        en: 'A 403 comes from the server\'s sidecar after it accepted the connection; a reset (000) comes from a STRICT sidecar that refused the connection itself. Here the catalog is still PERMISSIVE, and the policy alone keeps testcurl out.',
        ja: '403 は、接続を受け入れたあとでサーバーのサイドカーが返すものです。リセット（000）は、STRICT のサイドカーが接続そのものを拒否したときに起きます。ここではカタログはまだ PERMISSIVE で、testcurl を締め出しているのはポリシーだけです。',
      },
    },
  ],
};

export default lesson;
