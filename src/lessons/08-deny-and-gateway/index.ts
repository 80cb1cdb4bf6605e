import {
  FRONTEND_EXTERNAL_URL,
  FRONTEND_SERVICE_URL,
  FROM_BROWSER,
  FROM_LOADGENERATOR,
  FROM_TESTCURL,
  INGRESS_URL,
  type Requirement,
  endedAs,
  isDeniedByPolicy,
  isFromOutside,
  isToFrontendExternal,
  isToIngressGateway,
  lastRequest,
  requireAll,
  stepTraces,
} from '../checks.ts';
import { probe, succeeds } from '../probe.ts';
import type { CheckContext, Lesson, Prediction } from '../types.ts';
import { CHECKOUT_PATH, FROM_CATALOG_POD, GATEWAY_PRINCIPAL, frontendPolicies, frontendRefuses, isCheckoutRequest, isInMeshToFrontend } from './checks.ts';

const GATEWAY_CURL = `curl -s -o /dev/null -w '%{http_code}\\n' ${INGRESS_URL}`;
const CHECKOUT_CURL = `curl -s -X POST -w '\\n%{http_code}\\n' ${INGRESS_URL}${CHECKOUT_PATH.slice(1)}`;
const EXTERNAL_CURL = `curl -s -w '\\n%{http_code}\\n' ${FRONTEND_EXTERNAL_URL}`;
/** The tutorial's in-mesh caller: a debug container in the catalog's pod, whose curl goes out through the catalog's sidecar. */
const IN_MESH_CURL = `kubectl debug --image istio/base --target istio-proxy -it $(kubectl get pod -l app=productcatalogservice -n product-catalog -o jsonpath={.items..metadata.name}) -n product-catalog -- curl ${FRONTEND_SERVICE_URL} -s -w '\\n%{http_code}\\n'`;
const FRONTEND_LOG = 'kubectl logs -n frontend deploy/frontend -c istio-proxy --tail 2';

/** The shop team's ALLOW, in place when the lesson starts: every caller, for the methods the storefront uses. */
const SETUP_ALLOW = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: frontend-allow
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  action: ALLOW
  rules:
  - to:
    - operation:
        methods: ["GET", "POST"]
EOF`;

const DENY_CHECKOUT = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: freeze-checkout
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  action: DENY
  rules:
  - to:
    - operation:
        paths: ["${CHECKOUT_PATH}"]
EOF`;

const ALLOW_GATEWAY = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: frontend-allow
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  action: ALLOW
  rules:
  - from:
    - source:
        principals: ["${GATEWAY_PRINCIPAL}"]
EOF`;

const gatewayPrediction: Prediction = {
  question: {
    en: 'You are about to allow only the ingress gateway\'s principal at the frontend. Which of these requests will fail?',
    ja: 'frontend で Ingress Gateway のプリンシパルだけを許可します。失敗するのはどのリクエストでしょうか。',
  },
  probes: [
    { id: 'gateway', label: { en: 'browser → ingress gateway → frontend', ja: 'ブラウザ → Ingress Gateway → frontend' }, from: FROM_BROWSER, url: INGRESS_URL },
    { id: 'external', label: { en: 'browser → frontend-external → frontend', ja: 'ブラウザ → frontend-external → frontend' }, from: FROM_BROWSER, url: FRONTEND_EXTERNAL_URL },
    { id: 'loadgenerator', label: { en: 'loadgenerator (sidecar) → frontend', ja: 'loadgenerator（サイドカーあり）→ frontend' }, from: FROM_LOADGENERATOR, url: FRONTEND_SERVICE_URL },
    { id: 'testcurl', label: { en: 'testcurl (no sidecar) → frontend', ja: 'testcurl（サイドカーなし）→ frontend' }, from: FROM_TESTCURL, url: FRONTEND_SERVICE_URL },
  ],
};

/** Only the gateway's principal gets through at the frontend, and the shop works through the gateway. */
function gatewayOnly(ctx: CheckContext): Requirement[] {
  return [
    {
      ok: succeeds(probe(ctx.world, FROM_BROWSER, INGRESS_URL)),
      missing: { en: 'The storefront does not load through the ingress gateway.', ja: 'Ingress Gateway 経由でストアフロントが表示されません。' },
    },
    {
      ok: frontendRefuses(ctx.world, FROM_CATALOG_POD),
      missing: { en: 'A meshed pod that calls the frontend directly still gets through: allow the gateway\'s principal, not the whole mesh.', ja: 'frontend を直接呼び出すメッシュ内の Pod がまだ通ります。メッシュ全体ではなく、ゲートウェイのプリンシパルだけを許可してください。' },
    },
    {
      ok: isDeniedByPolicy(probe(ctx.world, FROM_BROWSER, FRONTEND_EXTERNAL_URL)),
      missing: { en: 'The browser still reaches the frontend through frontend-external, without the gateway.', ja: 'ブラウザがまだゲートウェイを通らずに、frontend-external 経由で frontend に届きます。' },
    },
  ];
}

const lesson: Lesson = {
  id: '08-deny-and-gateway',
  title: { en: 'DENY beats ALLOW, and the gateway\'s identity', ja: 'DENY は ALLOW に勝つ、そしてゲートウェイの ID' },
  summary: {
    en: 'The frontend already has an ALLOW policy. Deny one path next to it and see the DENY win; then allow only the ingress gateway\'s principal and find out that the browser itself is never a principal: the gateway is.',
    ja: 'frontend にはすでに ALLOW ポリシーがあります。その横で 1 つのパスを DENY して、DENY が勝つことを確かめます。そのあと Ingress Gateway のプリンシパルだけを許可し、ブラウザ自身はプリンシパルにならず、プリンシパルになるのはゲートウェイだということを確かめます。',
  },
  setup: SETUP_ALLOW,
  steps: [
    {
      id: 'deny-wins',
      title: { en: 'DENY beats ALLOW', ja: 'DENY は ALLOW に勝つ' },
      body: {
        en: `The shop team's policy \`frontend-allow\` allows GET and POST from anyone, so checkout (a POST to \`${CHECKOUT_PATH}\`) is allowed. During a payment incident, checkout must stop while the rest of the shop stays up.

Add a DENY policy for the path \`${CHECKOUT_PATH}\` next to the ALLOW. The frontend's sidecar evaluates DENY policies before ALLOW policies: a request that matches a DENY rule is refused, whatever the ALLOW policies say. Send a POST to the checkout through the gateway: \`403 RBAC: access denied\`. The home page still loads.

\`kubectl apply\` warns that a DENY rule with only HTTP fields denies all traffic to TCP ports in its scope: on a TCP port those fields cannot be checked, so Istio drops them and the rule matches everything. The frontend serves only HTTP on 8080, so here the warning changes nothing; elsewhere, add \`ports\` to the operation.`,
        ja: `ショップチームのポリシー \`frontend-allow\` は、誰からの GET と POST も許可しています。つまりチェックアウト（\`${CHECKOUT_PATH}\` への POST）も許可されています。決済の障害が起きたので、ショップのほかの部分は動かしたまま、チェックアウトだけを止める必要があります。

ALLOW の横に、パス \`${CHECKOUT_PATH}\` を対象にした DENY ポリシーを追加してください。frontend のサイドカーは、ALLOW ポリシーより先に DENY ポリシーを評価します。DENY ルールに一致したリクエストは、ALLOW ポリシーの内容にかかわらず拒否されます。ゲートウェイ経由でチェックアウトに POST を送ると、\`403 RBAC: access denied\` が返ります。トップページは表示されたままです。

\`kubectl apply\` は、HTTP のフィールドだけを使った DENY ルールは対象の TCP ポートへの通信をすべて拒否する、と警告します。TCP のポートではそれらのフィールドを確かめられないので、Istio はフィールドを取り除き、ルールはすべてに一致するようになるからです。frontend は 8080 で HTTP だけを提供しているので、ここではこの警告の影響はありません。ほかの場所では、operation に \`ports\` を加えてください。`,
      },
      commands: ['kubectl get authorizationpolicies -n frontend', DENY_CHECKOUT, CHECKOUT_CURL, GATEWAY_CURL],
      check: (ctx) => {
        const last = lastRequest(stepTraces(ctx), isCheckoutRequest);
        return requireAll(
          [
            {
              ok: frontendPolicies(ctx.world, 'ALLOW').length > 0,
              missing: { en: 'The ALLOW policy no longer applies to the frontend; put `frontend-allow` back, so that DENY and ALLOW meet.', ja: 'frontend に ALLOW ポリシーが適用されていません。DENY と ALLOW が並ぶように、`frontend-allow` を元に戻してください。' },
            },
            {
              ok: frontendPolicies(ctx.world, 'DENY').length > 0,
              missing: { en: `No DENY policy applies to the frontend yet. Deny the path \`${CHECKOUT_PATH}\`.`, ja: `frontend に適用される DENY ポリシーはまだありません。パス \`${CHECKOUT_PATH}\` を拒否してください。` },
            },
            {
              ok: succeeds(probe(ctx.world, FROM_BROWSER, INGRESS_URL)),
              missing: { en: 'The home page fails too: deny only the checkout.', ja: 'トップページも失敗しています。チェックアウトだけを拒否してください。' },
            },
            {
              ok: last !== undefined && isDeniedByPolicy(last),
              missing: last
                ? { en: `The last checkout request ended ${endedAs(last)}, not RBAC: access denied.`, ja: `最後のチェックアウトのリクエストは、RBAC: access denied ではなく ${endedAs(last)} で終わりました。` }
                : { en: `Send a POST to \`${CHECKOUT_PATH}\` through the gateway.`, ja: `ゲートウェイ経由で \`${CHECKOUT_PATH}\` に POST を送ってください。` },
            },
          ],
          {
            en: 'The checkout got 403 although the ALLOW policy matches it: the DENY was evaluated first, and a matching DENY ends the decision.',
            ja: 'ALLOW ポリシーに一致するにもかかわらず、チェックアウトには 403 が返りました。DENY が先に評価され、DENY に一致した時点で判断は終わります。',
          },
        );
      },
      hints: [
        { en: 'A second AuthorizationPolicy for the frontend with `action: DENY` and one rule: `to.operation.paths: ["/cart/checkout"]`. Leave `frontend-allow` as it is.', ja: 'frontend に 2 つめの AuthorizationPolicy を作り、`action: DENY` と、`to.operation.paths: ["/cart/checkout"]` のルールを 1 つ書きます。`frontend-allow` はそのままにしておきます。' },
        { en: `Apply the policy shown in the commands, then run \`${CHECKOUT_CURL}\`.`, ja: `コマンドにあるポリシーを適用してから \`${CHECKOUT_CURL}\` を実行します。` },
      ],
      solution: `${DENY_CHECKOUT}\n${CHECKOUT_CURL}`,
      takeaway: {
        en: 'The order is fixed: CUSTOM, then DENY, then ALLOW. An ALLOW can never re-open what a DENY closed, which is why a DENY is the safe tool for an emergency stop.',
        ja: '評価の順番は CUSTOM、DENY、ALLOW と決まっています。DENY が閉じたものを ALLOW が開け直すことはできません。だからこそ、緊急停止には DENY が安全な手段になります。',
      },
    },
    {
      id: 'gateway-principal',
      title: { en: 'Allow only the gateway', ja: 'ゲートウェイだけを許可する' },
      body: {
        en: `The shop is meant to be reached through the ingress gateway only. Replace the rule of \`frontend-allow\`: instead of any caller, allow the principal of the gateway, \`${GATEWAY_PRINCIPAL}\`. The gateway's pods run as the \`istio-ingressgateway\` service account, and its proxy connects to the frontend over mTLS with that identity.

Predict first. Then load the storefront through the gateway, and call the frontend directly from inside the mesh: a debug container in the catalog's pod sends its request through the catalog's sidecar, with the catalog's principal. The gateway's request is allowed; the direct one gets \`403\`, mTLS or not.`,
        ja: `ショップには Ingress Gateway 経由でだけアクセスさせたいとします。\`frontend-allow\` のルールを書き換え、任意の呼び出し元ではなく、ゲートウェイのプリンシパル \`${GATEWAY_PRINCIPAL}\` を許可してください。ゲートウェイの Pod は \`istio-ingressgateway\` サービスアカウントで動き、そのプロキシはこの ID を使って mTLS で frontend に接続します。

まず結果を予想してください。それからゲートウェイ経由でストアフロントを開き、メッシュの中から frontend を直接呼び出してみます。カタログの Pod に入れたデバッグ用コンテナは、カタログのサイドカーを通し、カタログのプリンシパルでリクエストを送ります。ゲートウェイからのリクエストは許可され、直接のリクエストには mTLS であっても \`403\` が返ります。`,
      },
      commands: [ALLOW_GATEWAY, GATEWAY_CURL, IN_MESH_CURL],
      predict: gatewayPrediction,
      check: (ctx) => {
        const traces = stepTraces(ctx);
        const direct = lastRequest(traces, isInMeshToFrontend);
        return requireAll(
          [
            ...gatewayOnly(ctx),
            {
              ok: traces.some((t) => isToIngressGateway(ctx.world, t) && succeeds(t)),
              missing: { en: 'Load the storefront through the ingress gateway.', ja: 'Ingress Gateway 経由でストアフロントを開いてください。' },
            },
            {
              ok: direct !== undefined && isDeniedByPolicy(direct),
              missing: direct
                ? { en: `The last direct in-mesh request to the frontend ended ${endedAs(direct)}, not RBAC: access denied.`, ja: `メッシュ内から frontend への最後の直接のリクエストは、RBAC: access denied ではなく ${endedAs(direct)} で終わりました。` }
                : { en: 'Call the frontend directly from a meshed pod (the catalog\'s, with a debug container).', ja: 'メッシュ内の Pod（デバッグ用コンテナを入れたカタログの Pod）から frontend を直接呼び出してください。' },
            },
          ],
          {
            en: 'Through the gateway the storefront loads; a meshed pod calling the frontend directly gets 403, although its connection is mTLS: its principal is not the gateway\'s.',
            ja: 'ゲートウェイ経由ではストアフロントが表示され、frontend を直接呼び出したメッシュ内の Pod には、接続が mTLS であっても 403 が返りました。そのプリンシパルはゲートウェイのものではないからです。',
          },
        );
      },
      hints: [
        { en: `Apply \`frontend-allow\` again with one rule: \`from.source.principals: ["${GATEWAY_PRINCIPAL}"]\`.`, ja: `\`frontend-allow\` を、\`from.source.principals: ["${GATEWAY_PRINCIPAL}"]\` のルール 1 つで適用し直します。` },
        { en: 'Run the commands of this step in order: the policy, the gateway request, then the debug container\'s curl.', ja: 'この手順のコマンドを順に実行します。ポリシー、ゲートウェイへのリクエスト、デバッグ用コンテナの curl の順です。' },
      ],
      solution: `${ALLOW_GATEWAY}\n${GATEWAY_CURL}\n${IN_MESH_CURL}`,
      takeaway: {
        en: 'mTLS proves who the caller is; the policy decides whether that caller may come in. The loadgenerator, which calls the frontend directly, is refused now too: add its principal to the rule if it should stay.',
        ja: 'mTLS は呼び出し元が誰かを証明し、ポリシーはその呼び出し元を通すかどうかを決めます。frontend を直接呼び出す loadgenerator もいまは拒否されています。残したい場合は、そのプリンシパルをルールに追加してください。',
      },
    },
    {
      id: 'browser-not-principal',
      title: { en: 'The browser is not the principal', ja: 'ブラウザはプリンシパルではない' },
      body: {
        en: `Now open the shop at frontend-external, \`${FRONTEND_EXTERNAL_URL}\`, the load balancer that sends the browser straight to the frontend. The browser has no certificate and no sidecar: its connection arrives in plaintext, with no principal, and the frontend answers \`403 RBAC: access denied\`.

The same browser through the gateway works. The frontend never sees the browser's identity: it sees the connection from the gateway's proxy, and the principal on that connection is the gateway's. Whoever reaches the gateway inherits its permission at the frontend. To tell end users apart, a policy has to read something the user sends, such as a JWT at the gateway (\`requestPrincipals\`), not the mTLS principal.`,
        ja: `今度は frontend-external、つまりブラウザをそのまま frontend に送るロードバランサ \`${FRONTEND_EXTERNAL_URL}\` でショップを開いてみましょう。ブラウザには証明書もサイドカーもありません。接続は平文で、プリンシパルなしで届き、frontend は \`403 RBAC: access denied\` を返します。

同じブラウザでも、ゲートウェイ経由なら表示されます。frontend にはブラウザの ID は見えません。見えるのはゲートウェイのプロキシからの接続で、その接続のプリンシパルはゲートウェイのものです。ゲートウェイに届いた人は誰でも、frontend ではゲートウェイの権限を引き継ぎます。エンドユーザーを区別するには、ゲートウェイでの JWT（\`requestPrincipals\`）のように、ユーザー自身が送るものをポリシーで読む必要があります。mTLS のプリンシパルでは区別できません。`,
      },
      commands: [EXTERNAL_CURL, GATEWAY_CURL, FRONTEND_LOG],
      check: (ctx) => {
        const last = lastRequest(stepTraces(ctx), (t) => isFromOutside(t) && isToFrontendExternal(ctx.world, t));
        return requireAll(
          [
            ...gatewayOnly(ctx),
            {
              ok: last !== undefined && isDeniedByPolicy(last),
              missing: last
                ? { en: `The last request through frontend-external ended ${endedAs(last)}, not RBAC: access denied.`, ja: `frontend-external 経由の最後のリクエストは、RBAC: access denied ではなく ${endedAs(last)} で終わりました。` }
                : { en: `Open the shop at frontend-external, \`${FRONTEND_EXTERNAL_URL}\`.`, ja: `frontend-external（\`${FRONTEND_EXTERNAL_URL}\`）でショップを開いてください。` },
            },
          ],
          {
            en: 'Straight from the browser, the frontend answered 403: a plaintext connection has no principal. Through the gateway the same browser gets the shop, under the gateway\'s principal.',
            ja: 'ブラウザから直接届いたリクエストに、frontend は 403 を返しました。平文の接続にはプリンシパルがないからです。同じブラウザでもゲートウェイ経由なら、ゲートウェイのプリンシパルでショップが表示されます。',
          },
        );
      },
      hints: [
        { en: 'frontend-external\'s address is in `kubectl get service -n frontend`.', ja: 'frontend-external のアドレスは `kubectl get service -n frontend` でわかります。' },
        { en: `Open \`${FRONTEND_EXTERNAL_URL}\` in the browser tab, or run \`${EXTERNAL_CURL}\`.`, ja: `ブラウザのタブで \`${FRONTEND_EXTERNAL_URL}\` を開くか、\`${EXTERNAL_CURL}\` を実行します。` },
      ],
      solution: EXTERNAL_CURL,
      takeaway: {
        en: 'A principal belongs to the last proxy that opened the connection, never to the person behind it. Behind a gateway every user shares the gateway\'s principal.',
        ja: 'プリンシパルは接続を開いた直前のプロキシのもので、その後ろにいる人のものではありません。ゲートウェイの後ろでは、すべてのユーザーがゲートウェイのプリンシパルを共有します。',
      },
    },
  ],
};

export default lesson;
