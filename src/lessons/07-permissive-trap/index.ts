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
  lastRequest,
  reachesApp,
  requireAll,
  stepTraces,
} from '../checks.ts';
import { probe, resets, succeeds } from '../probe.ts';
import type { CheckContext, Lesson, LocalizedText, Prediction } from '../types.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import { CART_CALLERS, CART_URL, TESTCURL_PRINCIPAL, cartMode, cartPolicies, cartRefuses, isTestcurlToCart, namesPrincipals, refusedCallers } from './checks.ts';

const TESTCURL_CART = `kubectl exec testcurl -n default -- curl -s -w '\\n%{http_code}\\n' ${CART_URL}`;
const CART_PAGE = `${INGRESS_URL}cart`;
const CART_PAGE_CURL = `curl -s -o /dev/null -w '%{http_code}\\n' ${CART_PAGE}`;

const principalList = (indent: string) => CART_CALLERS.map((c) => `${indent}- ${c.principal}`).join('\n');

const ALLOW_CALLERS = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: cart-callers
  namespace: cart
spec:
  selector:
    matchLabels:
      app: cartservice
  action: ALLOW
  rules:
  - from:
    - source:
        principals:
${principalList('        ')}
EOF`;

const DENY_TESTCURL = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-testcurl
  namespace: cart
spec:
  selector:
    matchLabels:
      app: cartservice
  action: DENY
  rules:
  - from:
    - source:
        principals:
        - ${TESTCURL_PRINCIPAL}
EOF`;

const DENY_NOT_CALLERS = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-testcurl
  namespace: cart
spec:
  selector:
    matchLabels:
      app: cartservice
  action: DENY
  rules:
  - from:
    - source:
        notPrincipals:
${principalList('        ')}
EOF`;

const STRICT_CART = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: cart
spec:
  mtls:
    mode: STRICT
EOF`;

const allowPrediction: Prediction = {
  question: {
    en: 'The cart stays PERMISSIVE, which accepts plaintext. You allow the frontend and checkoutservice by principal. Which of these requests will fail?',
    ja: 'cart は PERMISSIVE のままで、平文も受け付けます。frontend と checkoutservice をプリンシパルで許可します。失敗するのはどのリクエストでしょうか。',
  },
  probes: [
    { id: 'testcurl', label: { en: 'testcurl (no sidecar) → cartservice', ja: 'testcurl（サイドカーなし）→ cartservice' }, from: FROM_TESTCURL, url: CART_URL },
    { id: 'cart-page', label: { en: 'browser → frontend-external → the cart page', ja: 'ブラウザ → frontend-external → カートのページ' }, from: FROM_BROWSER, url: `${FRONTEND_EXTERNAL_URL}cart` },
    { id: 'gateway', label: { en: 'Cloud Shell → ingress gateway → frontend', ja: 'Cloud Shell → Ingress Gateway → frontend' }, from: FROM_CLOUDSHELL, url: INGRESS_URL },
    { id: 'loadgenerator', label: { en: 'loadgenerator → frontend', ja: 'loadgenerator → frontend' }, from: FROM_LOADGENERATOR, url: FRONTEND_SERVICE_URL },
  ],
};

/** The cart's two callers still reach it, and the shop's cart page works. */
function shopWorks(ctx: CheckContext): Requirement[] {
  const refused = refusedCallers(ctx.world);
  return [
    {
      ok: refused.length === 0,
      missing: { en: `The cart refuses ${refused.join(', ')}, which the shop needs.`, ja: `cart は、ショップに必要な ${refused.join('、')} を拒否しています。` },
    },
    {
      ok: succeeds(probe(ctx.world, FROM_CLOUDSHELL, CART_PAGE)),
      missing: { en: 'The shop\'s cart page fails.', ja: 'ショップのカートのページが失敗します。' },
    },
  ];
}

/** testcurl's last request to the cart in this step, and how it ended, for a requirement. */
function testcurlEnded(ctx: CheckContext, ok: (t: Trace) => boolean, expected: LocalizedText): Requirement {
  const last = lastRequest(stepTraces(ctx), isTestcurlToCart);
  if (!last) return { ok: false, missing: { en: 'Send testcurl\'s request to the cart.', ja: 'testcurl から cart にリクエストを送ってください。' } };
  const code = endedAs(last);
  return { ok: ok(last), missing: { en: `testcurl's last request to the cart ended ${code}; ${expected.en}`, ja: `testcurl から cart への最後のリクエストは ${code} で終わりました。${expected.ja}` } };
}

const lesson: Lesson = {
  id: '07-permissive-trap',
  title: { en: 'The PERMISSIVE trap', ja: 'PERMISSIVE の落とし穴' },
  summary: {
    en: 'Under PERMISSIVE a plaintext caller has no principal. Predict what an ALLOW by principals does to it, see a DENY by principals miss it entirely and a DENY with `notPrincipals` catch it, then fix it for good: STRICT plus an ALLOW.',
    ja: 'PERMISSIVE では、平文の呼び出し元にはプリンシパルがありません。プリンシパルによる ALLOW がそれをどう扱うかを予想し、プリンシパルによる DENY がそれをまったく捕まえられないことと、`notPrincipals` を使った DENY なら捕まえられることを確かめます。最後に、STRICT と ALLOW の組み合わせで根本的に解決します。',
  },
  steps: [
    {
      id: 'allow-in-permissive',
      title: { en: 'An ALLOW by principals, under PERMISSIVE', ja: 'PERMISSIVE のまま、プリンシパルで ALLOW する' },
      body: {
        en: `The cart is called by two workloads: the frontend and checkoutservice. Allow exactly those two by principal. The \`cart\` namespace has no PeerAuthentication, so its sidecar is PERMISSIVE: it accepts mTLS and plaintext on the same port.

Predict first, then apply the policy and send testcurl's request to the cart. testcurl has no sidecar, so its connection is plaintext. A plaintext connection carries no certificate, and without a certificate there is no principal: the request is not "unknown", it is empty. An ALLOW rule on principals cannot match it, and when ALLOW policies apply and none matches, the answer is \`403 RBAC: access denied\`. PERMISSIVE let the connection in; the policy still refused the request.`,
        ja: `cart を呼び出すのは frontend と checkoutservice の 2 つのワークロードです。この 2 つだけをプリンシパルで許可しましょう。\`cart\` Namespace には PeerAuthentication がないので、サイドカーは PERMISSIVE です。同じポートで mTLS と平文の両方を受け付けます。

まず結果を予想してから、ポリシーを適用し、testcurl から cart にリクエストを送ってください。testcurl にはサイドカーがないので、接続は平文です。平文の接続には証明書がなく、証明書がなければプリンシパルもありません。リクエストは「知らない誰か」ではなく「空」なのです。プリンシパルを指定した ALLOW ルールはこれに一致せず、ALLOW ポリシーが適用されていてどれにも一致しなければ、答えは \`403 RBAC: access denied\` です。PERMISSIVE は接続を受け入れましたが、ポリシーはリクエストを拒否しました。`,
      },
      commands: [ALLOW_CALLERS, TESTCURL_CART, CART_PAGE_CURL],
      predict: allowPrediction,
      check: (ctx) =>
        requireAll(
          [
            {
              ok: cartMode(ctx.world) !== 'STRICT',
              missing: { en: 'The cart is STRICT: this step is about PERMISSIVE. Remove the PeerAuthentication that makes it STRICT.', ja: 'cart が STRICT になっています。この手順は PERMISSIVE についてのものです。STRICT にしている PeerAuthentication を削除してください。' },
            },
            {
              ok: cartPolicies(ctx.world, 'ALLOW').length > 0,
              missing: { en: 'No ALLOW policy applies to the cart yet.', ja: 'cart に適用される ALLOW ポリシーはまだありません。' },
            },
            ...shopWorks(ctx),
            testcurlEnded(ctx, isDeniedByPolicy, { en: 'an ALLOW by principals refuses it (RBAC: access denied).', ja: 'プリンシパルによる ALLOW なら拒否される（RBAC: access denied）はずです。' }),
          ],
          {
            en: 'testcurl was refused (RBAC: access denied): it reached the PERMISSIVE cart in plaintext, without a principal, and no ALLOW rule could match it. The frontend and checkoutservice still get through.',
            ja: 'testcurl は拒否されました（RBAC: access denied）。平文のまま、プリンシパルなしで PERMISSIVE の cart に届き、一致する ALLOW ルールはありませんでした。frontend と checkoutservice は通り続けています。',
          },
        ),
      hints: [
        { en: 'An ALLOW policy in `cart` with one rule: `from.source.principals` lists `cluster.local/ns/frontend/sa/frontend` and `cluster.local/ns/checkout/sa/checkout`.', ja: '`cart` に ALLOW ポリシーを作り、ルールを 1 つ書きます。`from.source.principals` に `cluster.local/ns/frontend/sa/frontend` と `cluster.local/ns/checkout/sa/checkout` を並べます。' },
        { en: `Apply the policy shown in the commands, then run \`${TESTCURL_CART}\`.`, ja: `コマンドにあるポリシーを適用してから \`${TESTCURL_CART}\` を実行します。` },
      ],
      solution: `${ALLOW_CALLERS}\n${TESTCURL_CART}`,
      takeaway: {
        en: 'PERMISSIVE decides whether the connection is accepted, not whether the request is allowed. A plaintext caller gets past the first and fails the second: an ALLOW on principals never matches a request without one.',
        ja: 'PERMISSIVE が決めるのは接続を受け入れるかどうかで、リクエストを許可するかどうかではありません。平文の呼び出し元は前者を通過しても後者で失敗します。プリンシパルを指定した ALLOW は、プリンシパルのないリクエストには決して一致しません。',
      },
    },
    {
      id: 'deny-misses-plaintext',
      title: { en: 'A DENY by principal misses it', ja: 'プリンシパルによる DENY は素通りされる' },
      body: {
        en: `A colleague suggests the opposite: keep the cart open and deny only testcurl. testcurl's pod runs as the \`default\` service account of the \`default\` namespace, so the DENY names \`${TESTCURL_PRINCIPAL}\`.

Delete the ALLOW, apply the DENY, and send testcurl's request again. It gets through: the \`415\` is the cart's gRPC server itself, answering a request that is not gRPC. The DENY rule needs the request's principal to be that name, and a plaintext request has no principal at all, so the rule does not match and nothing is denied. The identity on the pod does not matter; only the certificate on the connection does.`,
        ja: `同僚が逆のやり方を提案します。cart は開けたままにして、testcurl だけを拒否しようというものです。testcurl の Pod は \`default\` Namespace の \`default\` サービスアカウントで動いているので、DENY には \`${TESTCURL_PRINCIPAL}\` を書きます。

ALLOW を削除して DENY を適用し、testcurl からもう一度リクエストを送ってください。リクエストは通ってしまいます。\`415\` は cart の gRPC サーバー自身が、gRPC ではないリクエストに答えたものです。DENY ルールが一致するにはリクエストのプリンシパルがその名前である必要がありますが、平文のリクエストにはプリンシパルがまったくないので、ルールは一致せず、何も拒否されません。Pod に設定された ID は関係なく、意味を持つのは接続に載った証明書だけです。`,
      },
      commands: ['kubectl delete authorizationpolicy cart-callers -n cart', DENY_TESTCURL, TESTCURL_CART, 'kubectl get pod testcurl -n default -o jsonpath=\'{.spec.serviceAccountName}\''],
      check: (ctx) => {
        const denies = cartPolicies(ctx.world, 'DENY');
        return requireAll(
          [
            {
              ok: cartPolicies(ctx.world, 'ALLOW').length === 0,
              missing: { en: 'The ALLOW policy still applies to the cart: delete it, so that the DENY alone decides.', ja: 'cart にはまだ ALLOW ポリシーが適用されています。DENY だけで決まるように、削除してください。' },
            },
            {
              ok: denies.some((p) => namesPrincipals(ctx.world, p)),
              missing: { en: `No DENY policy that names principals applies to the cart yet. Deny \`${TESTCURL_PRINCIPAL}\`.`, ja: `プリンシパルを指定した DENY ポリシーは、まだ cart に適用されていません。\`${TESTCURL_PRINCIPAL}\` を拒否してください。` },
            },
            testcurlEnded(ctx, reachesApp, { en: 'with this DENY alone it reaches the cart\'s server.', ja: 'この DENY だけなら cart のサーバーに届くはずです。' }),
          ],
          {
            en: 'The DENY names testcurl\'s service account, and testcurl still reached the cart: its plaintext request has no principal for the rule to match.',
            ja: 'DENY には testcurl のサービスアカウントを書きましたが、testcurl はそれでも cart に届きました。平文のリクエストには、ルールが一致するためのプリンシパルがありません。',
          },
        );
      },
      hints: [
        { en: 'Delete the ALLOW with `kubectl delete authorizationpolicy cart-callers -n cart`, then apply a policy with `action: DENY` whose rule lists testcurl\'s principal.', ja: '`kubectl delete authorizationpolicy cart-callers -n cart` で ALLOW を削除し、testcurl のプリンシパルを書いたルールを持つ `action: DENY` のポリシーを適用します。' },
        { en: `Run the commands of this step in order; the DENY lists \`${TESTCURL_PRINCIPAL}\` under \`from.source.principals\`.`, ja: `この手順のコマンドを順に実行します。DENY の \`from.source.principals\` には \`${TESTCURL_PRINCIPAL}\` を書きます。` },
      ],
      solution: `kubectl delete authorizationpolicy cart-callers -n cart\n${DENY_TESTCURL}\n${TESTCURL_CART}`,
      takeaway: {
        en: 'A DENY on principals is a blocklist that plaintext walks around: under PERMISSIVE, any pod without a sidecar can reach the server as if the policy did not exist.',
        ja: 'プリンシパルによる DENY は、平文なら回り込めるブロックリストです。PERMISSIVE のままでは、サイドカーのない Pod ならどれでも、ポリシーがないかのようにサーバーに届きます。',
      },
    },
    {
      id: 'deny-not-principals',
      title: { en: 'DENY with notPrincipals catches it', ja: 'notPrincipals を使った DENY なら捕まえられる' },
      body: {
        en: `Turn the rule around: deny every request whose principal is not one of the cart's callers. \`notPrincipals\` matches when the request's principal is not in the list, and "no principal" is not in the list either, so a plaintext request matches and is denied.

Apply the DENY again with \`notPrincipals\` listing the frontend and checkoutservice, and send testcurl's request once more: \`403\`. The shop keeps working, because its two callers are in the list. Istio's security guidance puts it as a pattern: ALLOW with positive matching, DENY with negative matching.`,
        ja: `ルールを逆にしましょう。プリンシパルが cart の呼び出し元の「どれでもない」リクエストをすべて拒否します。\`notPrincipals\` は、リクエストのプリンシパルがリストにないときに一致します。「プリンシパルなし」もリストにはないので、平文のリクエストは一致して拒否されます。

\`notPrincipals\` に frontend と checkoutservice を並べた DENY をもう一度適用し、testcurl からもう一度リクエストを送ってください。今度は \`403\` です。2 つの呼び出し元はリストに入っているので、ショップは動き続けます。Istio のセキュリティのガイドでは、これを「ALLOW は肯定の一致で、DENY は否定の一致で書く」というパターンとして勧めています。`,
      },
      commands: [DENY_NOT_CALLERS, TESTCURL_CART, CART_PAGE_CURL],
      check: (ctx) =>
        requireAll(
          [
            {
              ok: cartPolicies(ctx.world, 'ALLOW').length === 0,
              missing: { en: 'An ALLOW policy applies to the cart again: this step is about what the DENY does alone.', ja: 'cart にまた ALLOW ポリシーが適用されています。この手順では、DENY だけで何が起きるかを確かめます。' },
            },
            {
              ok: cartPolicies(ctx.world, 'DENY').length > 0,
              missing: { en: 'No DENY policy applies to the cart.', ja: 'cart に適用される DENY ポリシーがありません。' },
            },
            {
              ok: cartRefuses(ctx.world, FROM_TESTCURL),
              missing: { en: 'The DENY does not catch testcurl yet: list the callers under `notPrincipals`.', ja: 'DENY はまだ testcurl を捕まえていません。呼び出し元を `notPrincipals` に並べてください。' },
            },
            ...shopWorks(ctx),
            testcurlEnded(ctx, isDeniedByPolicy, { en: 'the DENY with `notPrincipals` refuses it (RBAC: access denied).', ja: '`notPrincipals` を使った DENY なら拒否される（RBAC: access denied）はずです。' }),
          ],
          {
            en: 'The DENY refused testcurl (RBAC: access denied): without a principal it is not one of the listed callers. The frontend and checkoutservice are, and the shop works.',
            ja: 'DENY は testcurl を拒否しました（RBAC: access denied）。プリンシパルがないので、リストの呼び出し元のどれでもありません。frontend と checkoutservice はリストにあり、ショップは動いています。',
          },
        ),
      hints: [
        { en: 'Same policy name, same selector, `action: DENY`; replace `principals` with `notPrincipals` and list the two callers.', ja: 'ポリシー名も selector も同じままで `action: DENY` にし、`principals` を `notPrincipals` に替えて 2 つの呼び出し元を並べます。' },
        { en: `Apply the policy shown in the commands, then run \`${TESTCURL_CART}\`.`, ja: `コマンドにあるポリシーを適用してから \`${TESTCURL_CART}\` を実行します。` },
      ],
      solution: `${DENY_NOT_CALLERS}\n${TESTCURL_CART}`,
      takeaway: {
        en: 'Negative matching in a DENY covers the caller that has no identity; positive matching in a DENY silently skips it.',
        ja: 'DENY で否定の一致を使えば、ID を持たない呼び出し元も対象になります。DENY で肯定の一致を使うと、そうした呼び出し元は何の警告もなく対象から外れます。',
      },
    },
    {
      id: 'strict-plus-allow',
      title: { en: 'The fix: STRICT plus ALLOW', ja: '根本的な解決: STRICT と ALLOW' },
      body: {
        en: `The principal was missing because the connection was plaintext. Remove that case altogether: make the \`cart\` namespace STRICT, so that its sidecar accepts only mTLS and every request that reaches a policy carries a verified principal. Then state who may call with an ALLOW on principals, the positive form, and drop the DENY.

testcurl now gets \`000\`: its plaintext is reset at the connection, before any policy is read. A meshed caller that is not on the list, such as the loadgenerator, is refused by the ALLOW with \`403\`. The frontend and checkoutservice, and so the shop, keep working.`,
        ja: `プリンシパルがなかったのは、接続が平文だったからです。その場合をまるごとなくしましょう。\`cart\` Namespace を STRICT にすれば、サイドカーは mTLS だけを受け付け、ポリシーまで届くリクエストはすべて検証済みのプリンシパルを持つようになります。そのうえで、誰が呼び出せるかを肯定の形、つまりプリンシパルによる ALLOW で書き、DENY は削除します。

これで testcurl には \`000\` が返ります。平文の接続は、ポリシーが読まれる前に接続の段階でリセットされます。loadgenerator のように、メッシュ内にいてもリストにない呼び出し元は、ALLOW によって \`403\` で拒否されます。frontend と checkoutservice、つまりショップは動き続けます。`,
      },
      commands: ['kubectl delete authorizationpolicy deny-testcurl -n cart', STRICT_CART, ALLOW_CALLERS, TESTCURL_CART, CART_PAGE_CURL],
      check: (ctx) =>
        requireAll(
          [
            {
              ok: cartMode(ctx.world) === 'STRICT',
              missing: { en: 'The cart is not STRICT yet.', ja: 'cart はまだ STRICT ではありません。' },
            },
            {
              ok: cartPolicies(ctx.world, 'ALLOW').length > 0,
              missing: { en: 'No ALLOW policy applies to the cart: say who may call it.', ja: 'cart に適用される ALLOW ポリシーがありません。誰が呼び出せるかを書いてください。' },
            },
            {
              ok: cartRefuses(ctx.world, FROM_LOADGENERATOR),
              missing: { en: 'The loadgenerator, a meshed workload that never calls the cart, still reaches it.', ja: 'メッシュ内にいて cart を呼び出すことのない loadgenerator が、まだ cart に届きます。' },
            },
            ...shopWorks(ctx),
            testcurlEnded(ctx, resets, { en: 'under STRICT its plaintext is reset (000).', ja: 'STRICT なら平文はリセットされる（000）はずです。' }),
          ],
          {
            en: 'The cart is STRICT and allows its two callers by principal: testcurl\'s plaintext is reset before any policy, a meshed stranger is refused by the ALLOW, and the shop works.',
            ja: 'cart は STRICT になり、2 つの呼び出し元をプリンシパルで許可しています。testcurl の平文はポリシーより前にリセットされ、リストにないメッシュ内の呼び出し元は ALLOW によって拒否され、ショップは動いています。',
          },
        ),
      hints: [
        { en: 'Three changes: delete the DENY, apply a STRICT PeerAuthentication in `cart`, and apply the ALLOW of the first step again.', ja: '変更は 3 つです。DENY を削除し、`cart` に STRICT の PeerAuthentication を適用し、最初の手順の ALLOW をもう一度適用します。' },
        { en: 'Run the commands of this step in order, then testcurl\'s request.', ja: 'この手順のコマンドを順に実行し、最後に testcurl からリクエストを送ります。' },
      ],
      solution: `kubectl delete authorizationpolicy deny-testcurl -n cart\n${STRICT_CART}\n${ALLOW_CALLERS}\n${TESTCURL_CART}`,
      takeaway: {
        en: 'Policies on principals assume mTLS. STRICT guarantees it, so every request has a verified principal, and an ALLOW on principals then says exactly who may call.',
        ja: 'プリンシパルに基づくポリシーは mTLS を前提にしています。STRICT はそれを保証するので、すべてのリクエストが検証済みのプリンシパルを持ち、プリンシパルによる ALLOW で誰が呼び出せるかを正確に表せます。',
      },
    },
  ],
};

export default lesson;
