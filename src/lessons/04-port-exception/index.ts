import { probe, resets, succeeds } from '../probe.ts';
import { stepTraces } from '../checks.ts';
import type { CheckResult, Lesson, LocalizedText, ProbeSpec } from '../types.ts';
import {
  BROWSER,
  CATALOG_URL,
  CLOUDSHELL,
  CONTAINER_PORT,
  FRONTEND_URL,
  GATEWAY_URL,
  LB_URL,
  SERVICE_PORT,
  TESTCURL,
  containerPortMode,
  decidedInFrontendNamespace,
  describePort,
  ignoredWorkloadPolicies,
  joinDetails,
  portsWithoutContainer,
  someHopIntoFrontend,
  viaLoadBalancer,
  winningWorkloadPolicy,
  workloadMode,
} from './checks.ts';

const LB_CURL = `curl -s -o /dev/null -w '%{http_code}\\n' ${LB_URL}`;
const GATEWAY_CURL = `curl -s -o /dev/null -w '%{http_code}\\n' ${GATEWAY_URL}`;
const TESTCURL_FRONTEND = `kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' ${FRONTEND_URL}`;
const TESTCURL_CATALOG = `kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' ${CATALOG_URL}`;
const DESCRIBE_FRONTEND = `istioctl x describe pod $(kubectl get pod -n frontend -l app=frontend -o jsonpath='{.items[0].metadata.name}') -n frontend`;

/** The workload policy with one port exception, as both attempts write it. */
function exceptionFor(port: number): string {
  return `cat <<EOF | kubectl apply -f -
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: frontend
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  mtls:
    mode: STRICT
  portLevelMtls:
    ${port}:
      mode: PERMISSIVE
EOF`;
}

/** The same exception without a selector: the API server refuses it. */
const WITHOUT_SELECTOR = `cat <<EOF | kubectl apply -f -
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: frontend
  namespace: frontend
spec:
  mtls:
    mode: STRICT
  portLevelMtls:
    ${SERVICE_PORT}:
      mode: PERMISSIVE
EOF`;

const pass = (detail: LocalizedText): CheckResult => ({ pass: true, detail });
const fail = (detail: LocalizedText): CheckResult => ({ pass: false, detail });

const lbProbe: ProbeSpec = { id: 'lb', label: { en: 'Browser → frontend-external load balancer', ja: 'ブラウザ → frontend-external ロードバランサ' }, from: BROWSER, url: LB_URL };
const testcurlProbe: ProbeSpec = { id: 'testcurl', label: { en: 'testcurl (no sidecar) → frontend:80', ja: 'testcurl（サイドカーなし）→ frontend:80' }, from: TESTCURL, url: FRONTEND_URL };
const gatewayProbe: ProbeSpec = { id: 'gateway', label: { en: 'Cloud Shell → ingress gateway → frontend', ja: 'Cloud Shell → Ingress Gateway → frontend' }, from: CLOUDSHELL, url: GATEWAY_URL };
const catalogProbe: ProbeSpec = { id: 'catalog', label: { en: 'testcurl (no sidecar) → productcatalogservice:3550', ja: 'testcurl（サイドカーなし）→ productcatalogservice:3550' }, from: TESTCURL, url: CATALOG_URL };

/** Why the frontend's container port is still decided by something other than a port entry. */
function whyNoPortException(world: Parameters<typeof winningWorkloadPolicy>[0]): LocalizedText {
  const ignored = ignoredWorkloadPolicies(world);
  if (ignored.length > 0) {
    const names = ignored.map((c) => `${c.namespace}/${c.name}`).join(', ');
    return {
      en: `More than one workload policy selects the frontend, and only the oldest counts: ${names} is ignored. Edit the older policy, or delete the extra one.`,
      ja: `frontend を選択するワークロードポリシーが複数あり、有効なのは最も古いものだけです。${names} は無視されています。古いほうのポリシーを修正するか、余分なポリシーを削除してください。`,
    };
  }
  const winner = winningWorkloadPolicy(world);
  if (!winner) return { en: 'No PeerAuthentication with a selector applies to the frontend yet.', ja: 'frontend に適用される、selector 付きの PeerAuthentication はまだありません。' };
  const missing = portsWithoutContainer(world, winner.object);
  if (missing.length > 0) {
    return {
      en: `${winner.considered.namespace}/${winner.considered.name} lists port ${missing.join(', ')}, but no container of the frontend listens there.`,
      ja: `${winner.considered.namespace}/${winner.considered.name} はポート ${missing.join(', ')} を指定していますが、frontend のコンテナはそのポートで待ち受けていません。`,
    };
  }
  return { en: `${winner.considered.namespace}/${winner.considered.name} has no entry for port ${CONTAINER_PORT}.`, ja: `${winner.considered.namespace}/${winner.considered.name} にはポート ${CONTAINER_PORT} のエントリがありません。` };
}

const lesson: Lesson = {
  id: '04-port-exception',
  title: {
    en: 'A port-level exception: container port, not Service port',
    ja: 'ポート単位の例外: Service のポートではなくコンテナのポート',
  },
  summary: {
    en: 'STRICT is now the rule for the whole mesh, and the old `frontend-external` load balancer, which sends the browser\'s plaintext straight to the frontend, has stopped working. Carve out the narrowest exception Istio allows, one workload and one port, and find out which port number it takes.',
    ja: 'メッシュ全体で STRICT が標準になり、ブラウザの平文をそのまま frontend に送る古い `frontend-external` ロードバランサは動かなくなりました。Istio で作れる最も狭い例外、つまり 1 つのワークロードの 1 つのポートだけの例外を作り、そこに書くべきポート番号がどれなのかを確かめます。',
  },
  setup: `cat <<EOF | kubectl apply -f -
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
EOF`,
  steps: [
    {
      id: 'find-the-port',
      title: { en: 'What broke, and which ports are on its path', ja: '何が壊れたのか、経路上のポートはどれか' },
      body: {
        en: `A PeerAuthentication without a selector in \`istio-system\`, the root namespace, makes every sidecar in the mesh STRICT. The shop still works through the ingress gateway, whose proxy sends mTLS. The \`frontend-external\` load balancer, however, delivers the browser's plaintext to the frontend pod as it is, and the frontend's sidecar now resets it.

Until its users move to the gateway, the load balancer needs an exception, and it should be as narrow as possible: the frontend only, and only the port that traffic arrives on. Find the ports on the way first. The URL and the Service say 80. The Service's \`TargetPort\` and the pod's container say something else.`,
        ja: `ルート Namespace である \`istio-system\` に selector なしの PeerAuthentication を置くと、メッシュ内のすべてのサイドカーが STRICT になります。Ingress Gateway のプロキシは mTLS を送るので、ゲートウェイ経由のショップは動き続けます。一方 \`frontend-external\` ロードバランサはブラウザの平文をそのまま frontend の Pod に届けるので、frontend のサイドカーがその接続をリセットするようになりました。

利用者がゲートウェイに移るまでは、ロードバランサのための例外が必要です。例外はできるだけ狭くします。対象は frontend だけ、それもトラフィックが届くポートだけです。まずは経路上のポートを調べましょう。URL と Service では 80 ですが、Service の \`TargetPort\` と Pod のコンテナを見ると別の番号が出てきます。`,
      },
      commands: [
        'kubectl get peerauthentication -A',
        LB_CURL,
        GATEWAY_CURL,
        'kubectl get service -n frontend',
        'kubectl describe service frontend -n frontend',
        `kubectl get pod -n frontend -l app=frontend -o jsonpath='{range .items[*].spec.containers[*]}{.name}{"\\t"}{.ports[*].containerPort}{"\\n"}{end}'`,
      ],
      check: (ctx) => {
        if (someHopIntoFrontend(ctx.traces, (h) => viaLoadBalancer(h) && h.outcome === 'reset')) {
          return pass({ en: 'The load balancer\'s plaintext was reset by the STRICT frontend.', ja: 'ロードバランサからの平文は、STRICT の frontend にリセットされました。' });
        }
        return fail({ en: 'Open the frontend-external IP (`35.202.118.74`) in the browser tab, or curl it, to see the break.', ja: 'ブラウザのタブで frontend-external の IP（`35.202.118.74`）を開くか curl して、壊れていることを確かめてください。' });
      },
      hints: [
        { en: '`kubectl get service -n frontend` shows the load balancer\'s external IP.', ja: '`kubectl get service -n frontend` でロードバランサの外部 IP がわかります。' },
        { en: `Reload \`${LB_URL}\` in the browser tab, or run \`${LB_CURL}\` in Cloud Shell.`, ja: `ブラウザのタブで \`${LB_URL}\` を再読み込みするか、Cloud Shell で \`${LB_CURL}\` を実行します。` },
      ],
      solution: LB_CURL,
      takeaway: {
        en: 'Three numbers sit on the path: port 80 on the load balancer and on the Service, and 8080 on the frontend container (`TargetPort: 8080/TCP`, `Endpoints: 10.52.1.89:8080`).',
        ja: '経路上にはポートが 3 つあります。ロードバランサと Service の 80、そして frontend コンテナの 8080 です（`TargetPort: 8080/TCP`、`Endpoints: 10.52.1.89:8080`）。',
      },
    },
    {
      id: 'service-port',
      title: { en: 'First attempt: the port everyone sees', ja: '1 回目: 誰もが目にするポート' },
      body: {
        en: `\`portLevelMtls\` lets a PeerAuthentication set a different mode for some ports. Istio accepts it only in a policy with a selector, that is, at workload level. In a namespace-wide or mesh-wide policy the API server refuses it with \`portLevelMtls requires selector\`; try the first command below to see it.

Then apply the workload policy for the frontend: STRICT, except PERMISSIVE on port 80, the port in the URL and in the Service. Reload the load balancer's page, and look at what \`istioctl x describe\` reports.`,
        ja: `\`portLevelMtls\` を使うと、PeerAuthentication の中で一部のポートだけ別のモードにできます。ただし Istio がこれを受け付けるのは selector のあるポリシー、つまりワークロード レベルのポリシーだけです。Namespace 全体やメッシュ全体のポリシーに書くと、API サーバーが \`portLevelMtls requires selector\` というエラーで拒否します。下の最初のコマンドで確かめてみてください。

次に frontend 用のワークロードポリシーを適用します。STRICT のまま、URL と Service に出てくるポート 80 だけを PERMISSIVE にします。ロードバランサのページを再読み込みし、\`istioctl x describe\` の表示も見てみましょう。`,
      },
      commands: [
        WITHOUT_SELECTOR,
        exceptionFor(SERVICE_PORT),
        LB_CURL,
        TESTCURL_FRONTEND,
        DESCRIBE_FRONTEND,
      ],
      predict: {
        question: {
          en: 'The frontend stays STRICT, with port 80 (the Service port) as PERMISSIVE. Which of these requests will fail?',
          ja: 'frontend は STRICT のまま、ポート 80（Service のポート）だけを PERMISSIVE にします。失敗するのはどのリクエストでしょうか。',
        },
        probes: [lbProbe, testcurlProbe, gatewayProbe],
      },
      check: (ctx) => {
        const winner = winningWorkloadPolicy(ctx.world);
        const port = containerPortMode(ctx.world);
        if (port && port.mode !== 'STRICT') {
          return fail({
            en: `Port ${CONTAINER_PORT} is already ${port.mode}: you went straight to the container port. This step shows what the Service port does; apply the exception for port ${SERVICE_PORT} to see it.`,
            ja: `ポート ${CONTAINER_PORT} はすでに ${port.mode} です。いきなりコンテナのポートを指定したようです。この手順では Service のポートを指定するとどうなるかを見ます。ポート ${SERVICE_PORT} の例外を適用してみてください。`,
          });
        }
        if (!winner) return fail({ en: 'No PeerAuthentication with a selector applies to the frontend yet.', ja: 'frontend に適用される、selector 付きの PeerAuthentication はまだありません。' });
        if (portsWithoutContainer(ctx.world, winner.object).length === 0) {
          return fail({ en: `${winner.considered.namespace}/${winner.considered.name} selects the frontend, but lists no port-level exception for the Service port ${SERVICE_PORT}.`, ja: `${winner.considered.namespace}/${winner.considered.name} は frontend を選択していますが、Service のポート ${SERVICE_PORT} の例外がありません。` });
        }
        const seen = stepTraces(ctx).some((t) => t.hops.some((h) => h.to.startsWith('frontend/') && h.clientSends === 'PLAINTEXT' && h.outcome === 'reset' && decidedInFrontendNamespace(h)));
        if (!seen) {
          return fail({ en: 'The exception is in place. Now send plaintext to the frontend again (the load balancer, or testcurl) and see whether it helped.', ja: '例外は設定されました。もう一度 frontend に平文を送って（ロードバランサか testcurl から）、効果があったか確かめてください。' });
        }
        return pass(joinDetails(whyNoPortException(ctx.world), { en: 'The plaintext request is still reset.', ja: '平文のリクエストはまだリセットされます。' }));
      },
      hints: [
        { en: 'The policy needs `selector.matchLabels` (`app: frontend`), `mtls.mode: STRICT`, and a `portLevelMtls` map whose key is the port number.', ja: 'ポリシーには `selector.matchLabels`（`app: frontend`）、`mtls.mode: STRICT`、そしてポート番号をキーにした `portLevelMtls` が必要です。' },
        { en: `Apply it in the \`frontend\` namespace with \`portLevelMtls: {${SERVICE_PORT}: {mode: PERMISSIVE}}\`, then curl \`${LB_URL}\` again.`, ja: `\`frontend\` Namespace に \`portLevelMtls: {${SERVICE_PORT}: {mode: PERMISSIVE}}\` として適用し、もう一度 \`${LB_URL}\` を curl します。` },
      ],
      solution: `${exceptionFor(SERVICE_PORT)}\n${LB_CURL}`,
      takeaway: {
        en: 'Nothing changed. `istioctl x describe` lists `80: PERMISSIVE` because that is what the policy says, yet the same output shows `Pod Ports: 8080 (server)`: no connection ever arrives at this pod on port 80.',
        ja: '何も変わりませんでした。`istioctl x describe` には `80: PERMISSIVE` と表示されますが、これはポリシーに書かれた内容をそのまま出しているだけです。同じ出力の `Pod Ports: 8080 (server)` からわかるように、この Pod にポート 80 で届く接続は 1 つもありません。',
      },
    },
    {
      id: 'container-port',
      title: { en: 'The key is the container port', ja: 'キーはコンテナのポート' },
      body: {
        en: `The sidecar stands in front of the container and sees the port a connection arrives on at the pod. Port 80 exists only on the Service's virtual IP: kube-proxy rewrites it to the target port, 8080, before the packet reaches the pod, and a client sidecar connects to the endpoint's 8080 directly. So \`portLevelMtls\` is keyed by the container port, which the Service calls \`targetPort\`.

Change the key to 8080. PERMISSIVE keeps accepting mTLS, so the ingress gateway still sends mTLS; DISABLE would work for the load balancer too, but auto mTLS would then make even the gateway's hop plaintext. Every other workload, and every other port of the frontend, stays STRICT.`,
        ja: `サイドカーはコンテナの手前にいて、Pod に届いたときの接続先ポートを見ています。ポート 80 が存在するのは Service の仮想 IP の上だけです。kube-proxy がパケットを Pod に届ける前にターゲットポートの 8080 に書き換えますし、クライアント側のサイドカーはエンドポイントの 8080 に直接接続します。つまり \`portLevelMtls\` のキーはコンテナのポート、Service でいう \`targetPort\` です。

キーを 8080 に変えましょう。PERMISSIVE なら mTLS も受け付けるので、Ingress Gateway は引き続き mTLS を送ります。DISABLE でもロードバランサは通りますが、auto mTLS の判断でゲートウェイからの接続まで平文になってしまいます。ほかのワークロードも、frontend のほかのポートも、STRICT のままです。`,
      },
      commands: [
        `kubectl get service frontend -n frontend -o jsonpath='{.spec.ports[0].port} -> {.spec.ports[0].targetPort}{"\\n"}'`,
        exceptionFor(CONTAINER_PORT),
        LB_CURL,
        TESTCURL_FRONTEND,
        TESTCURL_CATALOG,
        GATEWAY_CURL,
        DESCRIBE_FRONTEND,
      ],
      predict: {
        question: {
          en: 'Now the exception names port 8080, the frontend container\'s port. Which of these requests will fail?',
          ja: '今度は例外に frontend コンテナのポート 8080 を指定します。失敗するのはどのリクエストでしょうか。',
        },
        probes: [lbProbe, testcurlProbe, catalogProbe, gatewayProbe],
      },
      check: (ctx) => {
        const port = containerPortMode(ctx.world);
        const workload = workloadMode(ctx.world);
        if (!port || !workload) return fail({ en: 'The frontend has no pod.', ja: 'frontend の Pod がありません。' });
        if (port.mode === 'STRICT' || port.level !== 'port') {
          return fail(port.mode === 'STRICT' ? joinDetails(describePort(ctx.world), whyNoPortException(ctx.world)) : joinDetails(describePort(ctx.world), {
            en: 'That opens the whole workload, not one port. Keep the workload STRICT and make the exception a port-level entry.',
            ja: 'これではポート 1 つではなく、ワークロード全体が開いてしまいます。ワークロードは STRICT のまま、例外はポート単位のエントリにしてください。',
          }));
        }
        if (workload.mode !== 'STRICT') {
          return fail({ en: `Port ${CONTAINER_PORT} is ${port.mode}, but the frontend as a whole is ${workload.mode}: keep the workload STRICT so that only this port is an exception.`, ja: `ポート ${CONTAINER_PORT} は ${port.mode} ですが、frontend 全体も ${workload.mode} になっています。例外をこのポートだけにするため、ワークロードは STRICT のままにしてください。` });
        }
        if (!resets(probe(ctx.world, TESTCURL, CATALOG_URL))) {
          return fail({ en: 'Plaintext now reaches productcatalogservice too: the exception is wider than the frontend.', ja: 'productcatalogservice にも平文が届くようになっています。例外が frontend より広がっています。' });
        }
        if (!succeeds(probe(ctx.world, BROWSER, LB_URL)) || !succeeds(probe(ctx.world, CLOUDSHELL, GATEWAY_URL))) {
          return fail({ en: 'The load balancer or the ingress gateway still does not serve the shop.', ja: 'ロードバランサか Ingress Gateway のどちらかで、まだショップが表示されません。' });
        }
        const seen = stepTraces(ctx).some((t) => t.hops.some((h) => h.to.startsWith('frontend/') && h.clientSends === 'PLAINTEXT' && h.outcome === 'ok' && h.serverMode !== 'STRICT'));
        if (!seen) {
          return fail(joinDetails(describePort(ctx.world), { en: 'Now send plaintext to the frontend again (the load balancer, or testcurl).', ja: 'もう一度 frontend に平文を送ってみてください（ロードバランサか testcurl から）。' }));
        }
        return pass(joinDetails(describePort(ctx.world), { en: 'The load balancer works again, while the rest of the frontend and every other workload stay STRICT.', ja: 'ロードバランサはまた動くようになり、frontend のほかの部分とほかのワークロードはすべて STRICT のままです。' }));
      },
      hints: [
        { en: 'Look at `TargetPort` in `kubectl describe service frontend -n frontend`, or at `Pod Ports` in `istioctl x describe pod`.', ja: '`kubectl describe service frontend -n frontend` の `TargetPort` か、`istioctl x describe pod` の `Pod Ports` を見てください。' },
        { en: `Apply the same policy again with the key ${CONTAINER_PORT} instead of ${SERVICE_PORT}: \`portLevelMtls: {${CONTAINER_PORT}: {mode: PERMISSIVE}}\`. Edit that policy rather than adding a second one: only the oldest workload policy counts.`, ja: `同じポリシーを、キーを ${SERVICE_PORT} から ${CONTAINER_PORT} に変えて適用し直します（\`portLevelMtls: {${CONTAINER_PORT}: {mode: PERMISSIVE}}\`）。2 つめのポリシーを追加するのではなく、既存のポリシーを書き換えてください。ワークロードポリシーは最も古いものしか使われません。` },
      ],
      solution: `${exceptionFor(CONTAINER_PORT)}\n${LB_CURL}`,
      takeaway: {
        en: 'The exception covers one port of one workload, keyed by the container port. Ports of PeerAuthentication are the pod\'s; ports of a DestinationRule\'s `portLevelSettings` are the Service\'s. Exceptions tend to stay forever: once the load balancer\'s users have moved to the gateway, delete frontend-external and this policy.',
        ja: 'この例外は、1 つのワークロードの 1 つのポートだけに効き、キーはコンテナのポートです。PeerAuthentication のポートは Pod 側のポートで、DestinationRule の `portLevelSettings` のポートは Service 側のポートです。例外は放っておくといつまでも残りがちです。ロードバランサの利用者がゲートウェイに移ったら、frontend-external とこのポリシーを削除しましょう。',
      },
    },
  ],
};

export default lesson;
