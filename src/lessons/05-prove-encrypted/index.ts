import { stepTraces } from '../checks.ts';
import type { CheckResult, Lesson, LocalizedText, ProbeSpec } from '../types.ts';
import {
  CLOUDSHELL,
  FRONTEND_PORT,
  FRONTEND_URL,
  GATEWAY_URL,
  LOADGENERATOR,
  TESTCURL,
  frontendCaptures,
  frontendIdentity,
  frontendMode,
  hopsIntoFrontend,
  isFrontendStrict,
  joinDetails,
  loadgeneratorMeshed,
  plainClientReset,
  presentedIdentity,
  showsOnlyTls,
  showsPlaintext,
} from './checks.ts';

/** The frontend pod's name, looked up the way the Istio docs do it. */
const FRONTEND_POD = `$(kubectl get pod -n frontend -l app=frontend -o jsonpath='{.items[0].metadata.name}')`;
const SECRET = 'istioctl proxy-config secret deploy/frontend -n frontend';
/** The docs' recipe: the certificate chain out of Envoy's SDS secret, decoded, then read by openssl. */
const CERT_TEXT = `${SECRET} -o json | jq -r '.dynamicActiveSecrets[0].secret.tlsCertificate.certificateChain.inlineBytes' | base64 -d | openssl x509 -noout -text`;
const CERT_SHORT = `${SECRET} -o json | jq -r '.dynamicActiveSecrets[0].secret.tlsCertificate.certificateChain.inlineBytes' | base64 -d | openssl x509 -noout -ext subjectAltName -dates`;
const GATEWAY_CURL = `curl -s -o /dev/null -w '%{http_code}\\n' ${GATEWAY_URL}`;
/** netshoot shares the frontend pod's network: tcpdump sees what reaches the pod's eth0. */
const CAPTURE = `kubectl debug -it ${FRONTEND_POD} -n frontend --image=nicolaka/netshoot -- tcpdump -A -c 12 port ${FRONTEND_PORT}`;
const CAPTURE_QUIET = `kubectl debug -it ${FRONTEND_POD} -n frontend --image=nicolaka/netshoot -- tcpdump -nn -c 12 port ${FRONTEND_PORT}`;
const STRICT_FRONTEND = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: frontend
spec:
  mtls:
    mode: STRICT
EOF`;
const MESH_LOADGENERATOR = 'kubectl label namespace loadgenerator istio-injection=enabled\nkubectl rollout restart deployment/loadgenerator -n loadgenerator';
const S_CLIENT_DEBUG = 'kubectl debug -it testcurl -n default --image=nicolaka/netshoot -- openssl s_client -brief -connect frontend.frontend:80';
const S_CLIENT_RUN = 'kubectl run tls-probe -n default --image=nicolaka/netshoot --rm -i --restart=Never -- openssl s_client -showcerts -connect frontend.frontend:80';
const TESTCURL_FRONTEND = `kubectl exec testcurl -n default -- curl -sS -o /dev/null -w '%{http_code}\\n' ${FRONTEND_URL}`;

const pass = (detail: LocalizedText): CheckResult => ({ pass: true, detail });
const fail = (detail: LocalizedText): CheckResult => ({ pass: false, detail });

const loadgenProbe: ProbeSpec = { id: 'loadgenerator', label: { en: 'loadgenerator → frontend', ja: 'loadgenerator → frontend' }, from: LOADGENERATOR, url: FRONTEND_URL };
const testcurlProbe: ProbeSpec = { id: 'testcurl', label: { en: 'testcurl (no sidecar) → frontend', ja: 'testcurl（サイドカーなし）→ frontend' }, from: TESTCURL, url: FRONTEND_URL };
const gatewayProbe: ProbeSpec = { id: 'gateway', label: { en: 'Cloud Shell → ingress gateway → frontend', ja: 'Cloud Shell → Ingress Gateway → frontend' }, from: CLOUDSHELL, url: GATEWAY_URL };

/** `The frontend's port 8080 is PERMISSIVE.`, for details. */
function describeFrontend(world: Parameters<typeof frontendMode>[0]): LocalizedText {
  const mode = frontendMode(world);
  if (!mode) return { en: 'The frontend has no pod.', ja: 'frontend の Pod がありません。' };
  return { en: `The frontend's port ${FRONTEND_PORT} is ${mode.mode}.`, ja: `frontend のポート ${FRONTEND_PORT} は ${mode.mode} です。` };
}

const lesson: Lesson = {
  id: '05-prove-encrypted',
  title: { en: 'Prove it is encrypted', ja: '暗号化されていることを証明する' },
  summary: {
    en: 'Do not take the diagram\'s word for it: read the frontend\'s SPIFFE certificate with `istioctl proxy-config secret` and openssl, capture its traffic with tcpdump before and after STRICT, and knock on its port with `openssl s_client` from a pod that has no certificate.',
    ja: '図の表示をうのみにせず、自分の目で確かめます。`istioctl proxy-config secret` と openssl で frontend の SPIFFE 証明書を読み、STRICT の前後で tcpdump を使ってトラフィックをキャプチャし、証明書を持たない Pod から `openssl s_client` で frontend のポートに接続してみます。',
  },
  // The loadgenerator starts outside the mesh: its requests are the plaintext the first capture shows.
  setup: 'kubectl label namespace loadgenerator istio-injection-\nkubectl delete pod -n loadgenerator -l app=loadgenerator',
  steps: [
    {
      id: 'read-identity',
      title: { en: 'The frontend\'s identity, from its proxy', ja: 'frontend の ID をプロキシから読む' },
      body: {
        en: `Every sidecar holds a certificate that istiod signed for its pod's service account. Its identity is not a DNS name but a SPIFFE URI in the Subject Alternative Name: \`spiffe://<trust domain>/ns/<namespace>/sa/<service account>\`. \`istioctl proxy-config secret\` lists what Envoy holds: the workload's chain (\`default\`) and the mesh root (\`ROOTCA\`), with serial numbers and validity. The certificates live for a day and are renewed before they expire.

The table does not show the SPIFFE ID. The recipe from the Istio docs takes the chain out of Envoy's config dump with jq, decodes it with \`base64 -d\` and lets openssl print it. Then send a request through the ingress gateway: the gateway's proxy connects to the frontend over mutual TLS, and this certificate is what the frontend presents.`,
        ja: `すべてのサイドカーは、Pod のサービスアカウントに対して istiod が署名した証明書を持っています。その ID は DNS 名ではなく、Subject Alternative Name に入った SPIFFE URI（\`spiffe://<トラストドメイン>/ns/<Namespace>/sa/<サービスアカウント>\`）です。\`istioctl proxy-config secret\` を使うと、Envoy が持っているもの、つまりワークロードの証明書チェーン（\`default\`）とメッシュのルート（\`ROOTCA\`）が、シリアル番号と有効期間つきで一覧できます。証明書の寿命は 1 日で、期限が切れる前に更新されます。

この表には SPIFFE ID が出てきません。Istio のドキュメントにある手順では、Envoy の設定ダンプから jq で証明書チェーンを取り出し、\`base64 -d\` でデコードして openssl に表示させます。そのあと Ingress Gateway 経由でリクエストを送ってください。ゲートウェイのプロキシは相互 TLS で frontend に接続し、frontend はこの証明書を提示します。`,
      },
      commands: [SECRET, CERT_SHORT, CERT_TEXT, GATEWAY_CURL],
      check: (ctx) => {
        const id = frontendIdentity(ctx.world);
        if (!id) return fail({ en: 'The frontend has no pod.', ja: 'frontend の Pod がありません。' });
        const presented = stepTraces(ctx).some((t) => hopsIntoFrontend(t).some((h) => h.outcome === 'ok' && presentedIdentity(h) === id.spiffeId));
        if (!presented) {
          return fail({
            en: 'Read the certificate, then send a request that reaches the frontend over mutual TLS (through the ingress gateway, for example) to see the frontend present it.',
            ja: '証明書を読んだら、相互 TLS で frontend に届くリクエスト（たとえば Ingress Gateway 経由）を送り、frontend がその証明書を提示するのを確かめてください。',
          });
        }
        return pass({
          en: `The frontend proved who it is with \`${id.spiffeId}\`, in a certificate valid from ${id.notBefore} to ${id.notAfter}.`,
          ja: `frontend は \`${id.spiffeId}\` という ID で自分が誰かを証明しました。証明書の有効期間は ${id.notBefore} から ${id.notAfter} までです。`,
        });
      },
      hints: [
        { en: 'The SPIFFE ID is in the certificate\'s Subject Alternative Name, as a URI. `openssl x509 -noout -ext subjectAltName` prints only that.', ja: 'SPIFFE ID は証明書の Subject Alternative Name に URI として入っています。`openssl x509 -noout -ext subjectAltName` を使うとその部分だけが表示されます。' },
        { en: `Run \`${CERT_SHORT}\`, then \`${GATEWAY_CURL}\`.`, ja: `\`${CERT_SHORT}\` を実行し、続けて \`${GATEWAY_CURL}\` を実行します。` },
      ],
      solution: `${CERT_SHORT}\n${GATEWAY_CURL}`,
      takeaway: {
        en: 'The ID names the namespace and the service account (`ns/frontend/sa/frontend`), not the pod or its IP: every frontend replica proves the same identity, and clients check it against the Service they called (secure naming).',
        ja: 'この ID が示すのは Namespace とサービスアカウント（`ns/frontend/sa/frontend`）で、Pod や IP アドレスではありません。frontend のどのレプリカも同じ ID を証明し、クライアントは呼び出した Service と照らし合わせてそれを確認します（セキュアネーミング）。',
      },
    },
    {
      id: 'capture-plaintext',
      title: { en: 'Capture before STRICT: readable HTTP', ja: 'STRICT の前にキャプチャする: 読める HTTP' },
      body: {
        en: `The loadgenerator keeps the shop busy, but in this cluster its namespace has no \`istio-injection\` label: its pod runs without a sidecar (READY \`1/1\`), and the PERMISSIVE frontend accepts its plaintext.

See it on the wire. \`kubectl debug\` adds an ephemeral container to the frontend pod. It shares the pod's network, so tcpdump in the netshoot image sees every packet that reaches the pod on port ${FRONTEND_PORT}, the container port. \`-A\` prints each payload as text.`,
        ja: `loadgenerator はショップに負荷をかけ続けていますが、このクラスタではその Namespace に \`istio-injection\` ラベルがありません。Pod はサイドカーなしで動いていて（READY \`1/1\`）、PERMISSIVE の frontend はその平文を受け入れています。

通信の中身を実際に見てみましょう。\`kubectl debug\` を使うと、frontend の Pod にエフェメラルコンテナを追加できます。このコンテナは Pod とネットワークを共有するので、netshoot イメージの tcpdump で、コンテナのポート ${FRONTEND_PORT} に届くすべてのパケットが見えます。\`-A\` を付けると、ペイロードがテキストとして表示されます。`,
      },
      commands: ['kubectl get pods -n loadgenerator', 'kubectl get namespace loadgenerator --show-labels', CAPTURE],
      check: (ctx) => {
        const captures = frontendCaptures(ctx.world);
        if (captures.length === 0) {
          return fail({ en: 'No capture has run in the frontend pod yet. Add a netshoot container to the frontend pod with `kubectl debug` and run tcpdump in it.', ja: 'frontend の Pod ではまだキャプチャが実行されていません。`kubectl debug` で frontend の Pod に netshoot コンテナを追加し、その中で tcpdump を実行してください。' });
        }
        if (!captures.some(showsPlaintext)) {
          return fail({ en: 'The capture printed no readable HTTP request. Capture the frontend\'s own port, 8080, where the loadgenerator\'s requests arrive.', ja: 'キャプチャには読める HTTP リクエストがありませんでした。loadgenerator のリクエストが届く frontend 自身のポート 8080 をキャプチャしてください。' });
        }
        if (isFrontendStrict(ctx.world)) {
          return fail(joinDetails(describeFrontend(ctx.world), { en: 'The capture saw plaintext arrive, and the STRICT frontend reset it. Keep the frontend PERMISSIVE for this first capture.', ja: 'キャプチャには平文が届く様子が記録されましたが、STRICT の frontend がそれをリセットしました。この最初のキャプチャの間は frontend を PERMISSIVE のままにしてください。' }));
        }
        return pass({ en: 'The capture printed the loadgenerator\'s requests in plaintext, as anyone on the path could read them.', ja: 'キャプチャには、loadgenerator のリクエストが平文のまま記録されました。経路上の誰でも同じように読めます。' });
      },
      hints: [
        { en: '`kubectl debug -it POD --image=nicolaka/netshoot -- tcpdump …` runs tcpdump next to the pod\'s containers, in their network.', ja: '`kubectl debug -it POD --image=nicolaka/netshoot -- tcpdump …` を使うと、Pod のコンテナと同じネットワークで tcpdump が動きます。' },
        { en: `Run \`${CAPTURE}\`.`, ja: `\`${CAPTURE}\` を実行します。` },
      ],
      solution: CAPTURE,
      takeaway: {
        en: 'Request line, Host, User-Agent and the response: anything between the two pods (a node, a tap, a compromised neighbour) can read them, and could change them.',
        ja: 'リクエスト行、Host、User-Agent、そして応答まで読めてしまいます。2 つの Pod の間にあるもの（ノード、盗聴器、乗っ取られた隣の Pod）は、これを読むことも書き換えることもできます。',
      },
    },
    {
      id: 'capture-mtls',
      title: { en: 'Capture after STRICT: only TLS records', ja: 'STRICT のあとにキャプチャする: TLS レコードだけ' },
      body: {
        en: `Two changes close the gap. Bring the loadgenerator into the mesh: label its namespace for injection and restart its Deployment, so that its new pod gets a sidecar, which sends mutual TLS by itself (auto mTLS). Then make the frontend STRICT, so that no plaintext is accepted any more.

Capture again. The ClientHello still shows its SNI (\`outbound_.80_._.frontend…\`) and the ALPN \`istio\`; everything after the handshake is Application Data that nobody on the path can read. If you apply STRICT first, the capture shows the loadgenerator's plaintext arriving and the sidecar resetting it.`,
        ja: `この穴をふさぐには 2 つの変更が必要です。まず loadgenerator をメッシュに入れます。Namespace にインジェクションのラベルを付けて Deployment を再起動すると、新しい Pod にはサイドカーが入り、そのサイドカーが自動で相互 TLS を送ります（auto mTLS）。次に frontend を STRICT にして、平文を二度と受け付けないようにします。

もう一度キャプチャしてみましょう。ClientHello の SNI（\`outbound_.80_._.frontend…\`）と ALPN の \`istio\` はまだ見えますが、ハンドシェイクのあとはすべて Application Data で、経路上の誰にも読めません。先に STRICT を適用すると、loadgenerator の平文が届いてサイドカーにリセットされる様子がキャプチャに現れます。`,
      },
      commands: [...MESH_LOADGENERATOR.split('\n'), 'kubectl get pods -n loadgenerator', STRICT_FRONTEND, CAPTURE, CAPTURE_QUIET],
      predict: {
        question: {
          en: 'The loadgenerator joins the mesh and the frontend becomes STRICT. Which of these requests will fail?',
          ja: 'loadgenerator がメッシュに入り、frontend が STRICT になります。失敗するのはどのリクエストでしょうか。',
        },
        probes: [loadgenProbe, testcurlProbe, gatewayProbe],
      },
      check: (ctx) => {
        if (!isFrontendStrict(ctx.world)) {
          return fail(joinDetails(describeFrontend(ctx.world), { en: 'Make it STRICT, so that plaintext is refused.', ja: '平文を拒否するよう STRICT にしてください。' }));
        }
        if (!loadgeneratorMeshed(ctx.world)) {
          return fail({
            en: 'The frontend is STRICT, but the loadgenerator still runs without a sidecar: its plaintext is reset now, and the shop\'s load is lost. Label its namespace for injection and recreate its pod.',
            ja: 'frontend は STRICT になりましたが、loadgenerator はまだサイドカーなしで動いています。その平文はいまはリセットされ、ショップへの負荷は失われています。Namespace にインジェクションのラベルを付けて、Pod を作り直してください。',
          });
        }
        const last = frontendCaptures(ctx.world).at(-1);
        if (!last || !showsOnlyTls(last)) {
          return fail({ en: 'The frontend is STRICT and the loadgenerator has a sidecar. Capture again to see what crosses the wire now.', ja: 'frontend は STRICT になり、loadgenerator にはサイドカーが入りました。もう一度キャプチャして、いま何が流れているかを確かめてください。' });
        }
        return pass({ en: 'The capture saw only TLS: the loadgenerator\'s sidecar sends mutual TLS, and the STRICT frontend accepts nothing else.', ja: 'キャプチャに現れたのは TLS だけでした。loadgenerator のサイドカーは相互 TLS を送り、STRICT の frontend はそれ以外を受け付けません。' });
      },
      hints: [
        { en: 'Sidecars are injected when a pod is created, in namespaces labelled `istio-injection=enabled`. A PeerAuthentication named `default` in the frontend namespace sets its mode.', ja: 'サイドカーのインジェクションは、`istio-injection=enabled` ラベルの付いた Namespace で Pod が作られるときに行われます。frontend Namespace の `default` という名前の PeerAuthentication で、モードを設定できます。' },
        { en: 'Run `kubectl label namespace loadgenerator istio-injection=enabled` and `kubectl rollout restart deployment/loadgenerator -n loadgenerator`, apply a STRICT PeerAuthentication in the frontend namespace, then capture again.', ja: '`kubectl label namespace loadgenerator istio-injection=enabled` と `kubectl rollout restart deployment/loadgenerator -n loadgenerator` を実行し、frontend Namespace に STRICT の PeerAuthentication を適用してから、もう一度キャプチャします。' },
      ],
      solution: `${MESH_LOADGENERATOR}\n${STRICT_FRONTEND}\n${CAPTURE}`,
      takeaway: {
        en: 'A capture is the proof a diagram cannot give. In PERMISSIVE the same capture would show TLS from meshed clients too; only STRICT guarantees that a plaintext client can no longer slip in.',
        ja: 'キャプチャは、図では示せない証拠になります。PERMISSIVE でもメッシュ内のクライアントからは同じように TLS が見えますが、平文のクライアントが紛れ込めないことを保証できるのは STRICT だけです。',
      },
    },
    {
      id: 'no-certificate',
      title: { en: 'Knock without a certificate', ja: '証明書なしで接続してみる' },
      body: {
        en: `Last, ask the question a client outside the mesh would. \`testcurl\` has no sidecar and no certificate. From a netshoot container next to it, \`openssl s_client\` speaks TLS to the frontend's Service port: the sidecar answers with its chain (the SPIFFE certificate, then the mesh root, which openssl does not trust: \`self-signed certificate in certificate chain\`), asks for a client certificate, gets none, and ends with the alert \`certificate required\`.

Then send plain HTTP from testcurl, as before: a STRICT sidecar has no plaintext filter chain, so the connection is reset.`,
        ja: `最後に、メッシュの外にいるクライアントの立場で試してみます。\`testcurl\` にはサイドカーも証明書もありません。その隣に置いた netshoot コンテナから、\`openssl s_client\` で frontend の Service のポートに TLS で接続します。サイドカーは証明書チェーン（SPIFFE 証明書と、openssl が信頼していないメッシュのルート。そのため \`self-signed certificate in certificate chain\` と表示されます）を返し、クライアント証明書を求めますが、何も届かないので \`certificate required\` アラートで接続を終えます。

次に、これまでと同じように testcurl から平文の HTTP を送ってみましょう。STRICT のサイドカーには平文用のフィルターチェーンがないので、接続はリセットされます。`,
      },
      commands: [S_CLIENT_DEBUG, S_CLIENT_RUN, TESTCURL_FRONTEND],
      check: (ctx) => {
        if (!isFrontendStrict(ctx.world)) {
          return fail(joinDetails(describeFrontend(ctx.world), { en: 'Keep it STRICT for this test.', ja: 'この確認の間は STRICT のままにしてください。' }));
        }
        if (!stepTraces(ctx).some(plainClientReset)) {
          return fail({ en: 'Now send plain HTTP to the frontend from testcurl, the pod without a sidecar.', ja: '次に、サイドカーのない Pod である testcurl から frontend に平文の HTTP を送ってください。' });
        }
        return pass({ en: 'Without a certificate there is no way in: TLS ends with `certificate required`, and plaintext is reset.', ja: '証明書がなければ中には入れません。TLS は `certificate required` で終わり、平文はリセットされます。' });
      },
      hints: [
        { en: 'testcurl\'s image has curl but no openssl: add a netshoot container with `kubectl debug`, or start a throwaway pod with `kubectl run --rm -i`.', ja: 'testcurl のイメージには curl はありますが openssl はありません。`kubectl debug` で netshoot コンテナを追加するか、`kubectl run --rm -i` で使い捨ての Pod を起動してください。' },
        { en: `Run \`${S_CLIENT_DEBUG}\`, then \`${TESTCURL_FRONTEND}\`.`, ja: `\`${S_CLIENT_DEBUG}\` を実行し、続けて \`${TESTCURL_FRONTEND}\` を実行します。` },
      ],
      solution: `${S_CLIENT_DEBUG}\n${TESTCURL_FRONTEND}`,
      takeaway: {
        en: 'That is mutual TLS: the server proves its identity, and it refuses a client that cannot prove one. No workload key sits in a file you could hand to `s_client -cert`: istio-agent gets the certificate from istiod and gives it to Envoy over SDS, in memory. Of the certificates, only the mesh root is a file in the sidecar: `/var/run/secrets/istio/root-cert.pem`.',
        ja: 'これが相互 TLS です。サーバーは自分の ID を証明し、ID を証明できないクライアントを拒否します。`s_client -cert` に渡せるようなワークロードの鍵のファイルはどこにもありません。istio-agent が istiod から証明書を受け取り、SDS を通じてメモリ上で Envoy に渡しているからです。サイドカーの中にファイルとして置かれている証明書は、メッシュのルート（`/var/run/secrets/istio/root-cert.pem`）だけです。',
      },
    },
  ],
};

export default lesson;
