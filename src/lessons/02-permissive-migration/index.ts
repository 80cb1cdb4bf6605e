import { resets, succeeds, succeedsOverMtls, probe } from '../probe.ts';
import type { CheckResult, Lesson, LocalizedText, Prediction, ProbeSpec } from '../types.ts';
import {
  CLOUDSHELL,
  FRONTEND_URL,
  GATEWAY_URL,
  LEGACY,
  LOADGENERATOR,
  TESTCURL,
  describeFrontend,
  frontendMode,
  fromLegacy,
  joinDetails,
  legacyMeshed,
  legacyPods,
  someHopIntoFrontend,
} from './checks.ts';
import { stepTraces } from '../checks.ts';

/** The legacy client's request to the frontend, as the steps ask the learner to type it. */
const LEGACY_CURL = `kubectl exec -n legacy deploy/legacy-client -- curl -s -o /dev/null -w '%{http_code}\\n' ${FRONTEND_URL}`;
const TESTCURL_CURL = `kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' ${FRONTEND_URL}`;
const GATEWAY_CURL = `curl -s -o /dev/null -w '%{http_code}\\n' ${GATEWAY_URL}`;
const FRONTEND_POD = `$(kubectl get pod -n frontend -l app=frontend -o jsonpath='{.items[0].metadata.name}')`;

const NAMESPACE_STRICT = `cat <<EOF | kubectl apply -f -
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: frontend
spec:
  mtls:
    mode: STRICT
EOF`;

const pass = (detail: LocalizedText): CheckResult => ({ pass: true, detail });
const fail = (detail: LocalizedText): CheckResult => ({ pass: false, detail });

/** The four clients of the frontend, as the predict questions list them. */
function frontendProbes(): ProbeSpec[] {
  return [
    { id: 'legacy', label: { en: 'legacy-client (no sidecar) → frontend', ja: 'legacy-client（サイドカーなし）→ frontend' }, from: LEGACY, url: FRONTEND_URL },
    { id: 'testcurl', label: { en: 'testcurl (no sidecar) → frontend', ja: 'testcurl（サイドカーなし）→ frontend' }, from: TESTCURL, url: FRONTEND_URL },
    { id: 'gateway', label: { en: 'Cloud Shell → ingress gateway → frontend', ja: 'Cloud Shell → Ingress Gateway → frontend' }, from: CLOUDSHELL, url: GATEWAY_URL },
    { id: 'loadgenerator', label: { en: 'loadgenerator (sidecar) → frontend', ja: 'loadgenerator（サイドカーあり）→ frontend' }, from: LOADGENERATOR, url: FRONTEND_URL },
  ];
}

const firstStrict: Prediction = {
  question: {
    en: 'You are about to make the whole `frontend` namespace STRICT. Which of these requests will fail?',
    ja: '`frontend` Namespace 全体を STRICT にします。失敗するのはどのリクエストでしょうか。',
  },
  probes: frontendProbes(),
};

const secondStrict: Prediction = {
  question: {
    en: 'The same STRICT policy again, now that the legacy client has a sidecar. Which requests will fail this time?',
    ja: 'legacy クライアントにサイドカーが入った状態で、同じ STRICT ポリシーをもう一度適用します。今度失敗するのはどのリクエストでしょうか。',
  },
  probes: frontendProbes(),
};

const lesson: Lesson = {
  id: '02-permissive-migration',
  title: {
    en: 'From PERMISSIVE to STRICT, safely',
    ja: 'PERMISSIVE から STRICT へ安全に移行する',
  },
  summary: {
    en: 'A reporting job in the `legacy` namespace calls the frontend without a sidecar. Find out who reaches the frontend and how, watch STRICT break the legacy client, roll back, bring the client into the mesh, and only then lock the frontend down. In this cluster the shop is published through the ingress gateway only: there is no `frontend-external` load balancer.',
    ja: '`legacy` Namespace のレポート用ジョブは、サイドカーなしで frontend を呼び出しています。誰がどうやって frontend に届いているかを調べ、STRICT で legacy クライアントが壊れるのを確かめてからロールバックし、クライアントをメッシュに入れてから frontend を STRICT にします。このクラスタではショップは Ingress Gateway からだけ公開されていて、`frontend-external` ロードバランサはありません。',
  },
  setup: `kubectl delete service frontend-external -n frontend
kubectl create namespace legacy
cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy-client
  namespace: legacy
  labels:
    app: legacy-client
spec:
  replicas: 1
  selector:
    matchLabels:
      app: legacy-client
  template:
    metadata:
      labels:
        app: legacy-client
    spec:
      containers:
      - name: curl
        image: curlimages/curl
        command: ["sleep", "infinity"]
EOF`,
  steps: [
    {
      id: 'permissive-works',
      title: { en: 'In PERMISSIVE, everything works', ja: 'PERMISSIVE ではすべて動く' },
      body: {
        en: `There is no PeerAuthentication yet, so every sidecar runs in the default mode, PERMISSIVE: on the same port it accepts both mTLS and plaintext.

The reporting job in the \`legacy\` namespace has not joined the mesh. Its namespace has no \`istio-injection\` label, so its pod runs a single container (READY \`1/1\`), while each frontend pod shows \`2/2\`: the app and \`istio-proxy\`.

Send a request from the legacy client to the frontend and check that it gets \`200\`. Then select that request in the Events panel and read the Why panel: the client sends plaintext because no sidecar in its pod could encrypt it, and the frontend accepts it because it is PERMISSIVE.`,
        ja: `PeerAuthentication はまだ 1 つもないので、すべてのサイドカーはデフォルトの PERMISSIVE モードで動いています。PERMISSIVE では、同じポートで mTLS と平文の両方を受け付けます。

\`legacy\` Namespace のレポート用ジョブはまだメッシュに参加していません。この Namespace には \`istio-injection\` ラベルがないので、Pod のコンテナは 1 つだけです（READY \`1/1\`）。frontend の Pod はアプリと \`istio-proxy\` の \`2/2\` です。

legacy クライアントから frontend にリクエストを送り、\`200\` が返ることを確かめてください。そのリクエストを Events パネルで選んで Why パネルを見ると、Pod にサイドカーがなく暗号化する仕組みがないのでクライアントは平文を送り、frontend は PERMISSIVE なのでそれを受け付けていることがわかります。`,
      },
      commands: [
        'kubectl get pods -n legacy',
        'kubectl get namespace legacy --show-labels',
        'kubectl get pods -n frontend',
        LEGACY_CURL,
      ],
      check: (ctx) => {
        if (someHopIntoFrontend(ctx.traces, (h, t) => fromLegacy(t) && h.clientSends === 'PLAINTEXT' && h.outcome === 'ok')) {
          return pass({ en: 'The legacy client reached the frontend in plaintext, and the frontend accepted it.', ja: 'legacy クライアントは平文で frontend に届き、frontend はそれを受け付けました。' });
        }
        return fail({ en: 'No request from the legacy client has reached the frontend yet.', ja: 'legacy クライアントから frontend に届いたリクエストはまだありません。' });
      },
      hints: [
        { en: 'The request has to start inside the legacy client\'s pod: `kubectl exec` runs a command there.', ja: 'リクエストは legacy クライアントの Pod の中から送る必要があります。`kubectl exec` を使うと Pod の中でコマンドを実行できます。' },
        { en: '`kubectl exec -n legacy deploy/legacy-client -- curl …` picks a pod of the Deployment for you. The frontend\'s address inside the cluster is `http://frontend.frontend.svc.cluster.local/`.', ja: '`kubectl exec -n legacy deploy/legacy-client -- curl …` と書けば、kubectl が Deployment の Pod を選んでくれます。クラスタ内での frontend のアドレスは `http://frontend.frontend.svc.cluster.local/` です。' },
        { en: `Run: \`${LEGACY_CURL}\``, ja: `次を実行します: \`${LEGACY_CURL}\`` },
      ],
      solution: LEGACY_CURL,
      takeaway: {
        en: 'PERMISSIVE hides the problem: the legacy client works only because the frontend still accepts plaintext, and nothing in the `200` tells you the connection was not encrypted.',
        ja: 'PERMISSIVE のままだと問題は見えません。legacy クライアントが動くのは frontend がまだ平文を受け付けているからで、`200` という応答からは暗号化されていなかったことはわかりません。',
      },
    },
    {
      id: 'request-matrix',
      title: { en: 'Who reaches the frontend, and how', ja: '誰が、どうやって frontend に届いているか' },
      body: {
        en: `Before you make a server STRICT, list every client that calls it and how each one connects. STRICT is safe only when every client you want to keep already sends mTLS.

The frontend has four kinds of clients here: the ingress gateway (the shop's public entrance), the loadgenerator, the legacy client, and \`testcurl\`, a debugging pod kept outside the mesh on purpose.

Send a request through the ingress gateway too, then read the frontend sidecar's access log. In each inbound line, the field before the last one is the SNI the client sent: \`outbound_.80_._.frontend.frontend.svc.cluster.local\` means the connection was mTLS, \`-\` means plaintext. The address just before it is the client's IP; \`kubectl get pods -A -o wide\` tells you which pod that is. Istio's own migration guide asks the same question of its telemetry; here the Events and Why panels answer it as well.`,
        ja: `サーバーを STRICT にする前に、そのサーバーを呼び出しているクライアントをすべて洗い出し、それぞれがどう接続しているかを確認します。STRICT にしても安全なのは、残したいクライアントがすべてすでに mTLS を送っている場合だけです。

ここでの frontend のクライアントは 4 種類です。ショップの公開入口である Ingress Gateway、loadgenerator、legacy クライアント、そしてわざとメッシュの外に置いているデバッグ用 Pod の \`testcurl\` です。

Ingress Gateway 経由でもリクエストを送り、frontend のサイドカーのアクセスログを読んでみましょう。inbound の各行の最後から 2 番目のフィールドは、クライアントが送った SNI です。\`outbound_.80_._.frontend.frontend.svc.cluster.local\` なら mTLS、\`-\` なら平文の接続です。そのすぐ前のアドレスはクライアントの IP で、\`kubectl get pods -A -o wide\` を見ればどの Pod かがわかります。Istio の移行ガイドでも同じことをテレメトリで調べます。ここでは Events パネルと Why パネルでも確認できます。`,
      },
      commands: [
        GATEWAY_CURL,
        "kubectl logs -n frontend deploy/frontend -c istio-proxy | grep 'inbound|8080'",
        'kubectl get pods -A -o wide',
        `istioctl x describe pod ${FRONTEND_POD} -n frontend`,
      ],
      check: (ctx) => {
        const plaintext = someHopIntoFrontend(ctx.traces, (h) => h.clientSends === 'PLAINTEXT' && h.outcome === 'ok');
        const mtls = someHopIntoFrontend(ctx.traces, (h) => h.clientSends === 'ISTIO_MUTUAL' && h.outcome === 'ok');
        if (plaintext && mtls) {
          return pass({ en: 'You have seen both kinds of connection into the frontend: mTLS from a sidecar or the gateway, plaintext from a pod without a sidecar.', ja: 'frontend への接続を 2 種類とも確認できました。サイドカーやゲートウェイからは mTLS、サイドカーのない Pod からは平文です。' });
        }
        if (!mtls) {
          return fail({ en: 'No request has reached the frontend over mTLS yet. Send one from a client that has a proxy, such as the ingress gateway.', ja: 'mTLS で frontend に届いたリクエストはまだありません。Ingress Gateway など、プロキシを持つクライアントから送ってみてください。' });
        }
        return fail({ en: 'No request has reached the frontend in plaintext yet. Send one from the legacy client.', ja: '平文で frontend に届いたリクエストはまだありません。legacy クライアントから送ってみてください。' });
      },
      hints: [
        { en: 'You already have a plaintext request from the legacy client. Now make one from a client that has a proxy in front of it.', ja: 'legacy クライアントからの平文のリクエストはもうあります。今度はプロキシを通るクライアントからリクエストを送ってみましょう。' },
        { en: 'The ingress gateway\'s external IP is `34.136.92.187` (`kubectl get service -n istio-system`). Its proxy sends the request on to the frontend over mTLS.', ja: 'Ingress Gateway の外部 IP は `34.136.92.187` です（`kubectl get service -n istio-system`）。ゲートウェイのプロキシは、リクエストを mTLS で frontend に転送します。' },
        { en: `Run \`${GATEWAY_CURL}\`, then \`kubectl logs -n frontend deploy/frontend -c istio-proxy | grep 'inbound|8080'\` and compare the SNI fields.`, ja: `\`${GATEWAY_CURL}\` を実行してから \`kubectl logs -n frontend deploy/frontend -c istio-proxy | grep 'inbound|8080'\` で SNI のフィールドを見比べます。` },
      ],
      solution: GATEWAY_CURL,
      takeaway: {
        en: 'The frontend\'s request matrix: ingress gateway → mTLS, loadgenerator → mTLS, legacy-client → plaintext, testcurl → plaintext. STRICT breaks exactly the plaintext rows. testcurl is meant to be refused; the legacy client is a real user.',
        ja: 'frontend のリクエストマトリクスは、Ingress Gateway → mTLS、loadgenerator → mTLS、legacy-client → 平文、testcurl → 平文 です。STRICT で壊れるのは平文の行だけです。testcurl は拒否されてかまいませんが、legacy クライアントは実際の利用者です。',
      },
    },
    {
      id: 'strict-breaks-legacy',
      title: { en: 'Try STRICT, and watch the legacy client break', ja: 'STRICT を試し、legacy クライアントが壊れるのを見る' },
      body: {
        en: `Apply a namespace-wide STRICT policy to \`frontend\`, then send the legacy client's request again.

Under STRICT the frontend's sidecar keeps only filter chains that require mTLS. A plaintext connection matches none of them, so Envoy closes it: curl prints \`000\` and exits with 56, "Connection reset by peer". The frontend's access log records the refusal as \`NR filter_chain_not_found\`.

Try the ingress gateway as well: it still gets \`200\`, because its proxy sends mTLS.`,
        ja: `\`frontend\` Namespace 全体に STRICT のポリシーを適用して、legacy クライアントからもう一度リクエストを送ってみましょう。

STRICT では、frontend のサイドカーには mTLS を必須とするフィルターチェーンしか残りません。平文の接続はどれにも一致しないので、Envoy は接続を切ります。curl は \`000\` を表示し、終了コード 56（Connection reset by peer）で終わります。frontend のアクセスログには \`NR filter_chain_not_found\` と記録されます。

Ingress Gateway 経由のリクエストも試してください。ゲートウェイのプロキシは mTLS を送るので、こちらは \`200\` のままです。`,
      },
      commands: [
        NAMESPACE_STRICT,
        LEGACY_CURL,
        "kubectl logs -n frontend deploy/frontend -c istio-proxy | grep filter_chain_not_found",
        GATEWAY_CURL,
      ],
      predict: firstStrict,
      check: (ctx) => {
        const decision = frontendMode(ctx.world);
        if (decision?.mode !== 'STRICT') return fail(joinDetails(describeFrontend(ctx.world), { en: 'Make it STRICT first.', ja: 'まず STRICT にしてください。' }));
        if (!stepTraces(ctx).some((t) => fromLegacy(t) && resets(t))) {
          return fail({ en: 'The frontend is STRICT now. Send the legacy client\'s request again and see what happens to it.', ja: 'frontend は STRICT になりました。legacy クライアントからもう一度リクエストを送って、どうなるか確かめてください。' });
        }
        return pass({ en: 'The frontend is STRICT, and the legacy client\'s plaintext request was reset.', ja: 'frontend は STRICT になり、legacy クライアントの平文のリクエストはリセットされました。' });
      },
      hints: [
        { en: 'A PeerAuthentication in the `frontend` namespace, without a selector, with `mtls.mode: STRICT`. Afterwards, run the legacy client\'s curl again.', ja: '`frontend` Namespace に、selector なしで `mtls.mode: STRICT` の PeerAuthentication を作ります。そのあとで legacy クライアントの curl をもう一度実行します。' },
        { en: 'Pipe the YAML into `kubectl apply -f -` with a heredoc: `apiVersion: security.istio.io/v1`, `kind: PeerAuthentication`, `metadata: {name: default, namespace: frontend}`, `spec: {mtls: {mode: STRICT}}`.', ja: 'ヒアドキュメントで YAML を `kubectl apply -f -` に渡します。内容は `apiVersion: security.istio.io/v1`、`kind: PeerAuthentication`、`metadata: {name: default, namespace: frontend}`、`spec: {mtls: {mode: STRICT}}` です。' },
      ],
      solution: `${NAMESPACE_STRICT}\n${LEGACY_CURL}`,
      takeaway: {
        en: 'STRICT broke exactly the plaintext rows of the matrix, and nothing warned the legacy client\'s owners: all they see is a reset connection.',
        ja: 'STRICT で壊れたのは、マトリクスの平文の行だけでした。legacy クライアントの担当者には事前に何の知らせもなく、見えるのは接続のリセットだけです。',
      },
    },
    {
      id: 'roll-back',
      title: { en: 'Roll back', ja: 'ロールバックする' },
      body: {
        en: `In production the reporting job would be failing right now. Roll back first and investigate afterwards: delete the policy (or set its mode to PERMISSIVE), then check that the legacy client gets \`200\` again.`,
        ja: `本番環境なら、いまこの瞬間にレポート用ジョブが失敗しています。原因を調べるのは後にして、まずロールバックしましょう。ポリシーを削除して（またはモードを PERMISSIVE に戻して）、legacy クライアントにまた \`200\` が返ることを確かめます。`,
      },
      commands: [
        'kubectl get peerauthentication -n frontend',
        'kubectl delete peerauthentication default -n frontend',
        LEGACY_CURL,
      ],
      check: (ctx) => {
        const decision = frontendMode(ctx.world);
        if (decision?.mode === 'STRICT') return fail(joinDetails(describeFrontend(ctx.world), { en: 'The legacy client is still refused.', ja: 'legacy クライアントはまだ拒否されます。' }));
        if (!succeeds(probe(ctx.world, LEGACY, FRONTEND_URL))) {
          return fail(joinDetails(describeFrontend(ctx.world), { en: 'But the legacy client still cannot reach it.', ja: 'それでも legacy クライアントは届きません。' }));
        }
        if (!stepTraces(ctx).some((t) => fromLegacy(t) && succeeds(t))) {
          return fail(joinDetails(describeFrontend(ctx.world), { en: 'Confirm it: send the legacy client\'s request again.', ja: 'legacy クライアントからもう一度リクエストを送って確かめてください。' }));
        }
        return pass(joinDetails(describeFrontend(ctx.world), { en: 'The legacy client reaches it again.', ja: 'legacy クライアントはまた届くようになりました。' }));
      },
      hints: [
        { en: 'List the policies in the namespace: `kubectl get peerauthentication -n frontend`.', ja: 'まず Namespace のポリシーを一覧します: `kubectl get peerauthentication -n frontend`' },
        { en: '`kubectl delete peerauthentication <name> -n frontend` removes it. Applying it again with `mode: PERMISSIVE` works too.', ja: '`kubectl delete peerauthentication <名前> -n frontend` で削除できます。`mode: PERMISSIVE` にして適用し直しても構いません。' },
      ],
      solution: `kubectl delete peerauthentication default -n frontend\n${LEGACY_CURL}`,
      takeaway: {
        en: 'Without the namespace policy the frontend is back to the default, PERMISSIVE. Rolling back takes one command, which is why it pays to go STRICT one namespace at a time.',
        ja: 'Namespace のポリシーがなくなると、frontend はデフォルトの PERMISSIVE に戻ります。ロールバックはコマンド 1 つで済むので、STRICT は Namespace ごとに少しずつ進めるのが得策です。',
      },
    },
    {
      id: 'migrate-client',
      title: { en: 'Bring the legacy client into the mesh', ja: 'legacy クライアントをメッシュに入れる' },
      body: {
        en: `The lasting fix is on the client's side: give it a sidecar. Auto mTLS then makes it send mTLS to every meshed server, with no change to the job itself.

The injector adds the sidecar when a pod is created, never to a running pod. Label the namespace with \`istio-injection=enabled\`, then restart the Deployment so that its pods are created again.

Once READY shows \`2/2\`, send the request again. The frontend is still PERMISSIVE, and PERMISSIVE accepts mTLS too, so this step is safe on its own. The Why panel now shows the client's sidecar sending ISTIO_MUTUAL, and the new access-log line carries the \`outbound_.80_._.frontend…\` SNI.`,
        ja: `根本的な解決はクライアント側にあります。クライアントにサイドカーを入れることです。そうすれば auto mTLS によって、ジョブ自体には手を入れずに、メッシュ内のサーバーへ mTLS を送るようになります。

サイドカーのインジェクションは Pod が作られるときにしか行われないので、動いている Pod にあとからサイドカーが入ることはありません。Namespace に \`istio-injection=enabled\` ラベルを付けてから Deployment を再起動し、Pod を作り直します。

READY が \`2/2\` になったら、もう一度リクエストを送ってみましょう。frontend はまだ PERMISSIVE ですが、PERMISSIVE は mTLS も受け付けるので、この手順だけで何かが壊れることはありません。Why パネルではクライアントのサイドカーが ISTIO_MUTUAL を送っていることがわかり、アクセスログの新しい行には \`outbound_.80_._.frontend…\` の SNI が記録されます。`,
      },
      commands: [
        'kubectl label namespace legacy istio-injection=enabled',
        'kubectl rollout restart deployment/legacy-client -n legacy',
        'kubectl get pods -n legacy',
        LEGACY_CURL,
        'kubectl logs -n frontend deploy/frontend -c istio-proxy --tail 1',
      ],
      check: (ctx) => {
        const pods = legacyPods(ctx.world);
        if (pods.length === 0) return fail({ en: 'The legacy client has no pod. Is its Deployment still there?', ja: 'legacy クライアントの Pod がありません。Deployment は残っていますか。' });
        if (!legacyMeshed(ctx.world)) {
          const labeled = ctx.world.get('Namespace', '', 'legacy')?.metadata.labels['istio-injection'] === 'enabled';
          return fail(labeled
            ? { en: 'The namespace asks for injection now, but the running pods were created before the label: recreate them.', ja: 'Namespace にはインジェクションのラベルが付きましたが、動いている Pod はラベルより前に作られたものです。Pod を作り直してください。' }
            : { en: 'The legacy client\'s pods still run without a sidecar.', ja: 'legacy クライアントの Pod は、まだサイドカーなしで動いています。' });
        }
        if (!succeedsOverMtls(probe(ctx.world, LEGACY, FRONTEND_URL))) {
          return fail({ en: 'The legacy client has a sidecar, but its requests do not reach the frontend over mTLS yet.', ja: 'legacy クライアントにサイドカーは入りましたが、まだ mTLS で frontend に届いていません。' });
        }
        return pass({ en: 'The legacy client runs with a sidecar and reaches the frontend over mTLS.', ja: 'legacy クライアントはサイドカー付きで動き、mTLS で frontend に届いています。' });
      },
      hints: [
        { en: 'Sidecars are injected when a pod is created, and only in namespaces that ask for it.', ja: 'サイドカーのインジェクションが行われるのは Pod の作成時だけで、しかもインジェクションを有効にした Namespace だけです。' },
        { en: 'Label the namespace `istio-injection=enabled`, then recreate the pods, for example with `kubectl rollout restart`.', ja: 'Namespace に `istio-injection=enabled` ラベルを付けてから、`kubectl rollout restart` などで Pod を作り直します。' },
        { en: 'Run `kubectl label namespace legacy istio-injection=enabled`, then `kubectl rollout restart deployment/legacy-client -n legacy`.', ja: '`kubectl label namespace legacy istio-injection=enabled` を実行し、続けて `kubectl rollout restart deployment/legacy-client -n legacy` を実行します。' },
      ],
      solution: 'kubectl label namespace legacy istio-injection=enabled\nkubectl rollout restart deployment/legacy-client -n legacy',
      takeaway: {
        en: 'The legacy client\'s row in the matrix has turned from plaintext to mTLS. The only plaintext row left is testcurl, which STRICT is supposed to refuse.',
        ja: 'マトリクスの legacy クライアントの行は、平文から mTLS に変わりました。残る平文の行は testcurl だけで、これは STRICT で拒否されるべきものです。',
      },
    },
    {
      id: 'strict-for-good',
      title: { en: 'Now STRICT is safe', ja: 'これで STRICT にしても安全' },
      body: {
        en: `Apply the same namespace-wide STRICT policy again and verify the whole matrix: the legacy client gets \`200\` over mTLS, the ingress gateway still serves the shop, and testcurl gets \`000\`.

That last failure is the one you want: a plaintext client that is refused proves the frontend really requires mTLS now.`,
        ja: `同じ Namespace 全体の STRICT ポリシーをもう一度適用し、マトリクス全体を確認します。legacy クライアントには mTLS で \`200\` が返り、Ingress Gateway 経由のショップも動き続け、testcurl には \`000\` が返るはずです。

最後の失敗こそ期待どおりの結果です。平文のクライアントが拒否されることで、frontend が本当に mTLS を必須にしたことを確認できます。`,
      },
      commands: [
        NAMESPACE_STRICT,
        LEGACY_CURL,
        GATEWAY_CURL,
        TESTCURL_CURL,
        `istioctl x describe pod ${FRONTEND_POD} -n frontend`,
      ],
      predict: secondStrict,
      check: (ctx) => {
        const decision = frontendMode(ctx.world);
        if (decision?.mode !== 'STRICT') return fail(joinDetails(describeFrontend(ctx.world), { en: 'Apply STRICT again.', ja: 'もう一度 STRICT を適用してください。' }));
        if (!succeedsOverMtls(probe(ctx.world, LEGACY, FRONTEND_URL))) {
          return fail({ en: 'The frontend is STRICT, but the legacy client cannot reach it over mTLS: it is not migrated yet.', ja: 'frontend は STRICT ですが、legacy クライアントが mTLS で届きません。まだ移行が済んでいないようです。' });
        }
        if (!succeeds(probe(ctx.world, CLOUDSHELL, GATEWAY_URL))) {
          return fail({ en: 'The shop no longer answers through the ingress gateway.', ja: 'Ingress Gateway 経由でショップが応答しなくなっています。' });
        }
        if (!resets(probe(ctx.world, TESTCURL, FRONTEND_URL))) {
          return fail({ en: 'testcurl still gets through in plaintext: the frontend does not refuse plaintext yet.', ja: 'testcurl がまだ平文で通ります。frontend はまだ平文を拒否していません。' });
        }
        if (!someHopIntoFrontend(ctx.traces, (h, t) => fromLegacy(t) && h.serverMode === 'STRICT' && h.clientSends === 'ISTIO_MUTUAL' && h.outcome === 'ok')) {
          return fail({ en: 'The frontend is STRICT. Verify it: send the legacy client\'s request once more.', ja: 'frontend は STRICT になりました。legacy クライアントからもう一度リクエストを送って確かめてください。' });
        }
        return pass({ en: 'The frontend is STRICT, the legacy client reaches it over mTLS, the shop still works through the gateway, and plaintext is refused.', ja: 'frontend は STRICT になり、legacy クライアントは mTLS で届き、ゲートウェイ経由のショップも動いていて、平文は拒否されます。' });
      },
      hints: [
        { en: 'It is the same policy as in the third step.', ja: '3 つめの手順と同じポリシーです。' },
        { en: 'Apply the `default` PeerAuthentication with `mode: STRICT` in `frontend`, then run the legacy client\'s curl and testcurl\'s curl.', ja: '`frontend` に `mode: STRICT` の PeerAuthentication `default` を適用し、legacy クライアントと testcurl から curl を実行します。' },
      ],
      solution: `${NAMESPACE_STRICT}\n${LEGACY_CURL}`,
      takeaway: {
        en: 'A safe order: stay PERMISSIVE, find every plaintext client, migrate them, go STRICT one namespace at a time, then prove it with a plaintext client that must now fail.',
        ja: '安全な手順は、PERMISSIVE のまま平文のクライアントをすべて見つけ、移行し、Namespace ごとに STRICT にして、最後に平文のクライアントが失敗することで確かめる、という順番です。',
      },
    },
  ],
};

export default lesson;
