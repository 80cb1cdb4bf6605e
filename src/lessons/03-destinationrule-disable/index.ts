/**
 * Lesson 3: a DestinationRule with `tls.mode: DISABLE` toward a STRICT server. The client sidecar
 * sends plaintext, the server sidecar resets it, and the client's Envoy answers 503 itself
 * (istio.io authn-policy: "all requests will fail with a 503 error code as the client side is still
 * using plain-text"). The fix keeps the server STRICT and repairs the client side.
 */
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import { isProxyClient, reachesFrontend, requireAll, stepTraces, workloadMode } from '../checks.ts';
import { failsWith, probe, succeeds, succeedsOverMtls, targetHop } from '../probe.ts';
import type { Lesson, ProbeSpec } from '../types.ts';
import { DEBUG_CURL, FRONTEND_URL, GATEWAY_URL, LB_URL, TESTCURL, curlCode } from '../commands.ts';

const STRICT_FRONTEND = `kubectl apply -n frontend -f - <<EOF
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT
EOF`;
const DISABLE_RULE = `kubectl apply -n frontend -f - <<EOF
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: frontend
spec:
  host: frontend.frontend.svc.cluster.local
  trafficPolicy:
    tls:
      mode: DISABLE
EOF`;

const GATEWAY_PROBE: ProbeSpec = {
  id: 'browser-ingress-gateway',
  label: { en: 'Browser → ingress gateway → frontend', ja: 'ブラウザ → Ingress Gateway → frontend' },
  from: { kind: 'browser' },
  url: GATEWAY_URL,
};
const CATALOG_PROBE: ProbeSpec = {
  id: 'productcatalog-frontend',
  label: { en: 'productcatalogservice (with sidecar) → frontend', ja: 'productcatalogservice（サイドカーあり）→ frontend' },
  from: { kind: 'pod', namespace: 'product-catalog', app: 'productcatalogservice' },
  url: FRONTEND_URL,
};
const PROBES: ProbeSpec[] = [
  GATEWAY_PROBE,
  CATALOG_PROBE,
  {
    id: 'testcurl-frontend',
    label: { en: 'testcurl (no sidecar) → frontend', ja: 'testcurl（サイドカーなし）→ frontend' },
    from: { kind: 'pod', namespace: 'default', app: 'testcurl', captured: false },
    url: FRONTEND_URL,
  },
  {
    id: 'browser-frontend-external',
    label: { en: 'Browser → frontend-external', ja: 'ブラウザ → frontend-external' },
    from: { kind: 'browser' },
    url: LB_URL,
  },
];

function frontendIsStrict(world: World): boolean {
  return workloadMode(world, 'frontend', 'frontend')?.mode === 'STRICT';
}

/** A proxy (sidecar or gateway) reached the STRICT frontend over mTLS and got an answer. */
function isMeshedSuccess(t: Trace): boolean {
  const hop = targetHop(t);
  return reachesFrontend(hop) && isProxyClient(hop) && hop?.clientSends === 'ISTIO_MUTUAL' && hop.serverMode === 'STRICT' && succeeds(t);
}

/** A proxy sent plaintext to the STRICT frontend, was reset, and its Envoy answered 503. */
function isMeshed503(t: Trace): boolean {
  const hop = targetHop(t);
  return reachesFrontend(hop) && isProxyClient(hop) && hop?.clientSends === 'PLAINTEXT' && hop.outcome === 'reset' && failsWith(t, 503);
}

const KEEP_STRICT = {
  en: 'The frontend must stay STRICT: this lesson repairs the client side, not the server.',
  ja: 'frontend は STRICT のままにしてください。このレッスンで直すのはサーバー側ではなくクライアント側です。',
};

const lesson: Lesson = {
  id: '03-destinationrule-disable',
  title: { en: 'A DestinationRule that turns TLS off', ja: 'TLS を無効にする DestinationRule' },
  summary: {
    en: 'A client-side `tls.mode: DISABLE` toward a STRICT server: why meshed clients get 503 instead of a reset, and how to fix it without weakening the server.',
    ja: 'STRICT なサーバーに向けてクライアント側で `tls.mode: DISABLE` を指定するとどうなるでしょうか。メッシュ内のクライアントがリセットではなく 503 を受け取る理由と、サーバーを弱めずに直す方法を学びます。',
  },
  setup: STRICT_FRONTEND,
  steps: [
    {
      id: 'strict-baseline',
      title: { en: 'A STRICT frontend and its clients', ja: 'STRICT な frontend とそのクライアント' },
      body: {
        en: [
          'In this lesson the `frontend` namespace already has a STRICT PeerAuthentication named `default`; look at it with kubectl.',
          'Clients with a proxy still reach the frontend: their sidecars (or the ingress gateway) send mTLS on their own, thanks to auto mTLS. Confirm it with a request through the ingress gateway, or from the product catalog pod with `kubectl debug`.',
        ].join('\n\n'),
        ja: [
          'このレッスンでは、`frontend` Namespace にすでに STRICT の PeerAuthentication `default` があります。kubectl で確認してみましょう。',
          'プロキシを持つクライアントは、それでも frontend に届きます。auto mTLS のおかげで、サイドカー（や Ingress Gateway）が自分から mTLS で送るからです。Ingress Gateway 経由のリクエストか、`kubectl debug` を使った productcatalog の Pod からのリクエストで確かめてください。',
        ].join('\n\n'),
      },
      commands: ['kubectl get peerauthentication -n frontend', curlCode(GATEWAY_URL), DEBUG_CURL, TESTCURL],
      check: ({ world, traces }) =>
        requireAll(
          [
            { ok: frontendIsStrict(world), missing: KEEP_STRICT },
            {
              ok: traces.some(isMeshedSuccess),
              missing: {
                en: 'Send a request to the frontend from a client with a proxy: the ingress gateway (34.136.92.187) or the product catalog pod.',
                ja: 'プロキシを持つクライアントから frontend にリクエストを送ってください。Ingress Gateway (34.136.92.187) か productcatalog の Pod を使います。',
              },
            },
          ],
          { en: 'A meshed client reached the STRICT frontend over mTLS.', ja: 'メッシュ内のクライアントが STRICT の frontend に mTLS で届きました。' },
        ),
      hints: [
        {
          en: '`kubectl get peerauthentication -n frontend` shows the policy and its mode.',
          ja: '`kubectl get peerauthentication -n frontend` でポリシーとそのモードを確認できます。',
        },
        {
          en: 'The ingress gateway is a proxy inside the mesh, so a request to its address counts as a meshed client.',
          ja: 'Ingress Gateway はメッシュ内のプロキシなので、そのアドレスへのリクエストはメッシュ内クライアントからの通信として扱われます。',
        },
        {
          en: 'Run `curl -s -o /dev/null -w \'%{http_code}\\n\' http://34.136.92.187/`: it prints 200.',
          ja: '`curl -s -o /dev/null -w \'%{http_code}\\n\' http://34.136.92.187/` を実行すると 200 が表示されます。',
        },
      ],
      solution: ['kubectl get peerauthentication -n frontend', curlCode(GATEWAY_URL)].join('\n'),
      takeaway: {
        en: 'STRICT only shuts out plaintext. A sidecar or gateway picks mTLS by itself for any endpoint that has a sidecar, so meshed clients need no configuration to talk to a STRICT server.',
        ja: 'STRICT が締め出すのは平文だけです。サイドカーやゲートウェイは、サイドカーを持つエンドポイントに対して自分で mTLS を選ぶので、メッシュ内のクライアントは何も設定しなくても STRICT のサーバーと通信できます。',
      },
    },
    {
      id: 'disable-tls',
      title: { en: 'Turn TLS off on the client side', ja: 'クライアント側で TLS を無効にする' },
      body: {
        en: [
          'A DestinationRule tells client proxies how to connect to a host. Apply one named `frontend` in the `frontend` namespace for the host `frontend.frontend.svc.cluster.local`, with `trafficPolicy.tls.mode: DISABLE`.',
          'Then send a request from a meshed client again, through the gateway or from the product catalog pod, and compare the result with what testcurl gets.',
        ].join('\n\n'),
        ja: [
          'DestinationRule は、クライアント側のプロキシがホストへどう接続するかを決めます。`frontend` Namespace に、ホスト `frontend.frontend.svc.cluster.local` を対象とし `trafficPolicy.tls.mode: DISABLE` を指定した DestinationRule `frontend` を適用してください。',
          'そのあと、ゲートウェイ経由か productcatalog の Pod から、もう一度メッシュ内クライアントとしてリクエストを送ります。testcurl の結果とも比べてみてください。',
        ].join('\n\n'),
      },
      commands: [DISABLE_RULE, curlCode(GATEWAY_URL), `curl ${GATEWAY_URL}`, DEBUG_CURL, TESTCURL],
      predict: {
        question: {
          en: 'Once client proxies send plaintext to the STRICT frontend, which of these requests will fail?',
          ja: 'クライアント側のプロキシが STRICT の frontend に平文で送るようになると、次のリクエストのうちどれが失敗するでしょうか。',
        },
        probes: PROBES,
      },
      check: ({ world, traces }) =>
        requireAll(
          [
            { ok: frontendIsStrict(world), missing: KEEP_STRICT },
            {
              ok: [GATEWAY_PROBE, CATALOG_PROBE].some((p) => isMeshed503(probe(world, p.from, p.url))),
              missing: {
                en: 'Meshed clients still use mTLS toward the frontend: apply a DestinationRule for its host with `tls.mode: DISABLE`.',
                ja: 'メッシュ内のクライアントはまだ frontend へ mTLS で送っています。そのホストに `tls.mode: DISABLE` を指定した DestinationRule を適用してください。',
              },
            },
            {
              ok: traces.some(isMeshed503),
              missing: {
                en: 'Now send a request from a meshed client (the gateway\'s address, or the product catalog pod) and look at the status code.',
                ja: 'メッシュ内のクライアント（ゲートウェイのアドレスか productcatalog の Pod）からリクエストを送り、ステータスコードを見てください。',
              },
            },
          ],
          {
            en: 'The meshed client sent plaintext, the STRICT frontend reset it, and the client\'s own Envoy answered 503.',
            ja: 'メッシュ内のクライアントは平文で送り、STRICT の frontend がそれをリセットし、クライアント自身の Envoy が 503 を返しました。',
          },
        ),
      hints: [
        {
          en: 'The DestinationRule\'s `trafficPolicy.tls.mode` decides what client proxies send to its host; `DISABLE` means plaintext.',
          ja: 'DestinationRule の `trafficPolicy.tls.mode` が、クライアント側のプロキシがそのホストに送る方式を決めます。`DISABLE` は平文です。',
        },
        {
          en: 'Apply a DestinationRule `frontend` in `frontend` with `host: frontend.frontend.svc.cluster.local` and `trafficPolicy.tls.mode: DISABLE` (for example `kubectl apply -n frontend -f - <<EOF`), then curl the gateway\'s address.',
          ja: '`frontend` に DestinationRule `frontend` を、`host: frontend.frontend.svc.cluster.local` と `trafficPolicy.tls.mode: DISABLE` を指定して適用し（たとえば `kubectl apply -n frontend -f - <<EOF`）、ゲートウェイのアドレスに curl します。',
        },
        {
          en: '`curl -s -o /dev/null -w \'%{http_code}\\n\' http://34.136.92.187/` prints 503; without `-s -o /dev/null`, curl shows Envoy\'s body `upstream connect error or disconnect/reset before headers. reset reason: connection termination`.',
          ja: '`curl -s -o /dev/null -w \'%{http_code}\\n\' http://34.136.92.187/` は 503 を表示します。`-s -o /dev/null` を付けなければ、Envoy の本文 `upstream connect error or disconnect/reset before headers. reset reason: connection termination` が見えます。',
        },
      ],
      solution: [DISABLE_RULE, `curl ${GATEWAY_URL}`, curlCode(GATEWAY_URL)].join('\n'),
      takeaway: {
        en: 'The frontend\'s sidecar resets the plaintext exactly as it resets testcurl, but here a proxy sits on the client side too. That proxy sees its upstream connection die before any response headers and answers on the server\'s behalf: HTTP 503 with `upstream connect error or disconnect/reset before headers. reset reason: connection termination`. testcurl, with no proxy, still sees the raw reset (000). A 503 with this body toward a STRICT server points at the client\'s TLS settings.',
        ja: 'frontend のサイドカーは、testcurl のときとまったく同じように平文をリセットします。違うのは、今回はクライアント側にもプロキシがいることです。そのプロキシは、レスポンスヘッダーが届く前に上流への接続が切れたのを見て、自分で応答を返します。それが `upstream connect error or disconnect/reset before headers. reset reason: connection termination` という本文の HTTP 503 です。プロキシのない testcurl には、リセットがそのまま見えます（000）。STRICT なサーバーに対してこの本文の 503 が出たら、クライアント側の TLS 設定を疑いましょう。',
      },
    },
    {
      id: 'fix-client',
      title: { en: 'Fix the client, keep the server STRICT', ja: 'サーバーは STRICT のまま、クライアントを直す' },
      body: {
        en: [
          'Two fixes keep the frontend STRICT: delete the DestinationRule so that auto mTLS decides again, or change its `tls.mode` to `ISTIO_MUTUAL`.',
          'Relaxing the frontend\'s PeerAuthentication to PERMISSIVE would also end the 503s, but it would let plaintext in again, so it does not count here. Apply a fix, then send a request from a meshed client once more.',
        ].join('\n\n'),
        ja: [
          'frontend を STRICT のまま直す方法は 2 つあります。DestinationRule を削除して再び auto mTLS に任せるか、その `tls.mode` を `ISTIO_MUTUAL` に変えるかです。',
          'frontend の PeerAuthentication を PERMISSIVE に緩めても 503 は止まりますが、平文をまた受け入れることになるので、ここでは正解になりません。修正を適用したら、もう一度メッシュ内のクライアントからリクエストを送ってください。',
        ].join('\n\n'),
      },
      commands: ['kubectl delete destinationrule frontend -n frontend', curlCode(GATEWAY_URL), DEBUG_CURL],
      check: (ctx) => {
        const { world } = ctx;
        return requireAll(
          [
            { ok: frontendIsStrict(world), missing: KEEP_STRICT },
            {
              ok: [GATEWAY_PROBE, CATALOG_PROBE].every((p) => succeedsOverMtls(probe(world, p.from, p.url))),
              missing: {
                en: 'Meshed clients still cannot reach the frontend over mTLS: delete the DestinationRule, or set its `tls.mode` to `ISTIO_MUTUAL`.',
                ja: 'メッシュ内のクライアントはまだ frontend に mTLS で届きません。DestinationRule を削除するか、`tls.mode` を `ISTIO_MUTUAL` にしてください。',
              },
            },
            {
              ok: stepTraces(ctx).some(isMeshedSuccess),
              missing: {
                en: 'Send a request from a meshed client again to see it work.',
                ja: 'メッシュ内のクライアントからもう一度リクエストを送り、動くことを確かめてください。',
              },
            },
          ],
          {
            en: 'Meshed clients reach the STRICT frontend over mTLS again.',
            ja: 'メッシュ内のクライアントが、再び STRICT の frontend に mTLS で届くようになりました。',
          },
        );
      },
      hints: [
        {
          en: 'The server is configured correctly; the client\'s DestinationRule is what sends plaintext.',
          ja: 'サーバー側の設定は正しく、平文を送らせているのはクライアント側の DestinationRule です。',
        },
        {
          en: 'Either `kubectl delete destinationrule frontend -n frontend`, or apply the same rule again with `mode: ISTIO_MUTUAL`.',
          ja: '`kubectl delete destinationrule frontend -n frontend` を実行するか、同じルールを `mode: ISTIO_MUTUAL` にして適用し直します。',
        },
        {
          en: 'After `kubectl delete destinationrule frontend -n frontend`, `curl -s -o /dev/null -w \'%{http_code}\\n\' http://34.136.92.187/` prints 200.',
          ja: '`kubectl delete destinationrule frontend -n frontend` のあとで `curl -s -o /dev/null -w \'%{http_code}\\n\' http://34.136.92.187/` を実行すると 200 が表示されます。',
        },
      ],
      solution: ['kubectl delete destinationrule frontend -n frontend', curlCode(GATEWAY_URL)].join('\n'),
      takeaway: {
        en: 'Without a `tls` setting, auto mTLS chooses per endpoint: mTLS to endpoints with a sidecar, plaintext to those without. An explicit `tls.mode` overrides that choice for every endpoint of the host, so set one only when you need something auto mTLS cannot work out, and never `DISABLE` toward a STRICT workload.',
        ja: '`tls` の設定がなければ、auto mTLS がエンドポイントごとに選びます。サイドカーのあるエンドポイントには mTLS、ないものには平文です。`tls.mode` を明示すると、その選択はホストのすべてのエンドポイントについて上書きされます。auto mTLS では判断できないことが必要なときだけ指定し、STRICT なワークロードに向けて `DISABLE` を指定してはいけません。',
      },
    },
  ],
};

export default lesson;
