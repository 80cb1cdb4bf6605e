/**
 * Lesson 1: the seed tutorial ("mTLS by example" for Cloud Service Mesh), in its order: connect and
 * open both doors to the shop, namespace-wide STRICT, find and delete, workload STRICT with the
 * tutorial's DestinationRule, mesh-wide STRICT, clean up. Where the tutorial is wrong (the
 * DestinationRule host `frontend.demo.svc.cluster.local`), the lesson shows what really happens.
 */
import type { ServerModeDecision } from '../../domain/resolution/types.ts';
import { unmatchedDestinationRules } from '../../domain/resolution/unmatchedDestinationRules.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import {
  allStrictAt,
  isFromPlainPod,
  isStrictFrom,
  isToFrontendExternal,
  isToIngressGateway,
  meshedWorkloads,
  reachesFrontend,
  requireAll,
  stepTraces,
  workloadMode,
} from '../checks.ts';
import { resets, succeeds, targetHop } from '../probe.ts';
import type { Lesson, Prediction, ProbeSpec } from '../types.ts';
import { DEBUG_CURL, FRONTEND_URL, GATEWAY_URL, LB_URL, TESTCURL, curlCode, GET_CREDENTIALS } from '../commands.ts';

const NAMESPACE_POLICY_FILE = `cat <<EOF > mtls-namespace.yaml
apiVersion: "security.istio.io/v1beta1"
kind: "PeerAuthentication"
metadata:
  name: "namespace-policy"
spec:
  mtls:
    mode: STRICT
EOF`;
const APPLY_LOOP = `for ns in ad cart checkout currency email frontend loadgenerator \\
  payment product-catalog recommendation shipping; do
kubectl apply -n $ns -f mtls-namespace.yaml
done`;
const DELETE_LOOP = `for ns in ad cart checkout currency email frontend loadgenerator payment \\
  product-catalog recommendation shipping; do
kubectl delete peerauthentication -n $ns namespace-policy
done;`;
const WORKLOAD_POLICY = `cat <<EOF | kubectl apply -n frontend -f -
apiVersion: "security.istio.io/v1beta1"
kind: "PeerAuthentication"
metadata:
  name: "frontend"
  namespace: "frontend"
spec:
  selector:
    matchLabels:
      app: frontend
  mtls:
    mode: STRICT
EOF`;
const TUTORIAL_DESTINATION_RULE = `cat <<EOF | kubectl apply -n frontend -f -
apiVersion: "networking.istio.io/v1alpha3"
kind: "DestinationRule"
metadata:
  name: "frontend"
spec:
  host: "frontend.demo.svc.cluster.local"
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
EOF`;
const DELETE_WORKLOAD = `kubectl delete peerauthentication -n frontend frontend
kubectl delete destinationrule -n frontend frontend`;
const MESH_POLICY = `kubectl apply -f - <<EOF
apiVersion: "security.istio.io/v1beta1"
kind: "PeerAuthentication"
metadata:
  name: "mesh-wide"
  namespace: "istio-system"
spec:
  mtls:
    mode: STRICT
EOF`;
const DELETE_MESH = 'kubectl delete peerauthentication -n istio-system mesh-wide';

const PROBES: ProbeSpec[] = [
  {
    id: 'browser-frontend-external',
    label: { en: 'Browser → frontend-external (35.202.118.74)', ja: 'ブラウザ → frontend-external (35.202.118.74)' },
    from: { kind: 'browser' },
    url: LB_URL,
  },
  {
    id: 'browser-ingress-gateway',
    label: { en: 'Browser → ingress gateway (34.136.92.187)', ja: 'ブラウザ → Ingress Gateway (34.136.92.187)' },
    from: { kind: 'browser' },
    url: GATEWAY_URL,
  },
  {
    id: 'testcurl-frontend',
    label: { en: 'testcurl (no sidecar) → frontend', ja: 'testcurl（サイドカーなし）→ frontend' },
    from: { kind: 'pod', namespace: 'default', app: 'testcurl', captured: false },
    url: FRONTEND_URL,
  },
  {
    id: 'productcatalog-frontend',
    label: { en: 'productcatalogservice (with sidecar) → frontend', ja: 'productcatalogservice（サイドカーあり）→ frontend' },
    from: { kind: 'pod', namespace: 'product-catalog', app: 'productcatalogservice' },
    url: FRONTEND_URL,
  },
];

const predictStrict = (en: string, ja: string): Prediction => ({ question: { en, ja }, probes: PROBES });

/** A sidecar-less client's request to the frontend was reset: the load balancer path or testcurl. */
function isPlainResetAtFrontend(world: World, t: Trace): boolean {
  const first = t.hops[0];
  return (isToFrontendExternal(world, t) || isFromPlainPod(t)) && reachesFrontend(first) && resets(t);
}

/** The gateway path answered, and its hop to the frontend met a STRICT server decided at `level`. */
function isGatewayOkUnder(world: World, t: Trace, level: 'namespace' | 'workload' | 'mesh'): boolean {
  const hop = targetHop(t);
  return isToIngressGateway(world, t) && succeeds(t) && reachesFrontend(hop) && isStrictFrom(hop, level);
}

/** `STRICT, workload level`: language-neutral enough for both texts. */
function modeAndLevel(decision: ServerModeDecision): string {
  return `${decision.mode}, ${decision.level}`;
}

function policyList(world: World, kind: 'PeerAuthentication' | 'DestinationRule'): string {
  return world.list(kind).map((o) => `${o.metadata.namespace}/${o.metadata.name}`).join(', ');
}

const lesson: Lesson = {
  id: '01-seed-tutorial',
  title: { en: 'mTLS by example: the tutorial, step by step', ja: '実例で学ぶ mTLS: チュートリアルを順に' },
  summary: {
    en: 'Walk through the Cloud Service Mesh mTLS tutorial on Online Boutique: STRICT per namespace, per workload and for the whole mesh, and what each one breaks.',
    ja: 'Online Boutique を使った Cloud Service Mesh の mTLS チュートリアルを順にたどります。Namespace 単位、ワークロード単位、メッシュ全体の STRICT と、それぞれで何が壊れるかを確かめます。',
  },
  startOptions: { credentials: false },
  steps: [
    {
      id: 'connect',
      title: { en: 'Connect and open the shop', ja: 'クラスタに接続してショップを開く' },
      body: {
        en: [
          'Cloud Shell cannot talk to the cluster yet: kubectl has no credentials. Fetch them with gcloud. The cluster is `boutique`, in zone `us-central1-c` of project `mtls-playground`.',
          'Then find the shop\'s two public addresses. `frontend-external` in the `frontend` namespace is a plain LoadBalancer in front of the frontend pods. `istio-ingressgateway` in `istio-system` is the mesh\'s ingress gateway. Both show an EXTERNAL-IP.',
          'Open each address once, in the browser tab or with curl from Cloud Shell (in the curl command below, put the address in place of `EXTERNAL_IP`). You can also call the frontend from inside the mesh with `kubectl debug`, as the tutorial does.',
        ].join('\n\n'),
        ja: [
          'Cloud Shell からはまだクラスタを操作できません。kubectl に認証情報がないためです。gcloud で取得しましょう。クラスタ名は `boutique`、プロジェクト `mtls-playground` のゾーン `us-central1-c` にあります。',
          '次に、ショップの公開アドレスを 2 つ探します。`frontend` Namespace の `frontend-external` は frontend の Pod の前に置かれた普通の LoadBalancer です。`istio-system` の `istio-ingressgateway` はメッシュの Ingress Gateway です。どちらも EXTERNAL-IP を持っています。',
          'それぞれのアドレスを一度開いてください。ブラウザのタブでも、Cloud Shell の curl でも構いません（下の curl コマンドでは `EXTERNAL_IP` をアドレスに置き換えます）。チュートリアルと同じように、`kubectl debug` でメッシュの内側から frontend を呼ぶこともできます。',
        ].join('\n\n'),
      },
      // The addresses are what this step asks the learner to find: the commands do not give them away.
      commands: [GET_CREDENTIALS, 'kubectl get services -n frontend', 'kubectl get service istio-ingressgateway -n istio-system', curlCode('http://EXTERNAL_IP/'), DEBUG_CURL],
      check: ({ world, traces }) =>
        requireAll(
          [
            {
              ok: world.credentials,
              missing: {
                en: 'kubectl still has no credentials for the cluster: run `gcloud container clusters get-credentials`.',
                ja: 'kubectl にまだクラスタの認証情報がありません。`gcloud container clusters get-credentials` を実行してください。',
              },
            },
            {
              ok: traces.some((t) => isToFrontendExternal(world, t)),
              missing: {
                en: 'Open the frontend-external address (its EXTERNAL-IP) in the browser tab or with curl.',
                ja: 'frontend-external のアドレス（その EXTERNAL-IP）をブラウザのタブか curl で開いてください。',
              },
            },
            {
              ok: traces.some((t) => isToIngressGateway(world, t)),
              missing: {
                en: 'Open the ingress gateway\'s address (its EXTERNAL-IP) as well.',
                ja: 'Ingress Gateway のアドレス（その EXTERNAL-IP）も開いてください。',
              },
            },
          ],
          { en: 'Connected, and both ways into the shop opened.', ja: 'クラスタに接続し、ショップへの 2 つの入口を開きました。' },
        ),
      hints: [
        {
          en: 'kubectl needs a kubeconfig entry first. `gcloud container clusters list` shows the cluster\'s name and location.',
          ja: 'まず kubectl 用の kubeconfig エントリが必要です。`gcloud container clusters list` でクラスタ名とロケーションがわかります。',
        },
        {
          en: 'Run `gcloud container clusters get-credentials boutique --zone=us-central1-c`, then read the EXTERNAL-IP column of `kubectl get services -n frontend` and of `kubectl get service istio-ingressgateway -n istio-system`.',
          ja: '`gcloud container clusters get-credentials boutique --zone=us-central1-c` を実行し、`kubectl get services -n frontend` と `kubectl get service istio-ingressgateway -n istio-system` の EXTERNAL-IP 列を見てください。',
        },
        {
          en: 'Open `http://35.202.118.74/` and `http://34.136.92.187/` in the browser tab, or run `curl -s -o /dev/null -w \'%{http_code}\\n\' http://35.202.118.74/` and the same for the gateway\'s address.',
          ja: 'ブラウザのタブで `http://35.202.118.74/` と `http://34.136.92.187/` を開くか、`curl -s -o /dev/null -w \'%{http_code}\\n\' http://35.202.118.74/` を実行し、ゲートウェイのアドレスにも同じようにアクセスしてください。',
        },
      ],
      solution: [GET_CREDENTIALS, 'kubectl get services -n frontend', 'kubectl get service istio-ingressgateway -n istio-system', DEBUG_CURL, curlCode(LB_URL), curlCode(GATEWAY_URL)].join('\n'),
      takeaway: {
        en: 'Two doors lead to the same frontend. The LoadBalancer passes the browser\'s plaintext straight to a frontend pod, where the pod\'s sidecar receives it. The ingress gateway is an Envoy proxy inside the mesh: it opens a connection of its own to the frontend. With no PeerAuthentication anywhere, every sidecar is PERMISSIVE and accepts both plaintext and mTLS.',
        ja: '同じ frontend への入口が 2 つあります。LoadBalancer はブラウザからの平文をそのまま frontend の Pod に渡し、Pod のサイドカーがそれを受け取ります。Ingress Gateway はメッシュ内の Envoy プロキシで、frontend へは自分で新しい接続を張ります。PeerAuthentication がどこにもないので、どのサイドカーも PERMISSIVE で、平文も mTLS も受け付けます。',
      },
    },
    {
      id: 'namespace-strict',
      title: { en: 'STRICT in every app namespace', ja: 'すべてのアプリ Namespace を STRICT に' },
      body: {
        en: [
          'Write a PeerAuthentication named `namespace-policy` with `mtls.mode: STRICT` and no selector to a file. Without a selector, a policy covers every workload of the namespace it is applied in. Apply it to each of the eleven Online Boutique namespaces; the tutorial uses a for-loop.',
          'Then try the three paths again: in the browser tab, open each of the two addresses again (or curl both), and call the frontend from `testcurl`, a pod in `default` that has no sidecar.',
        ].join('\n\n'),
        ja: [
          'selector を持たず `mtls.mode: STRICT` を指定した PeerAuthentication `namespace-policy` をファイルに書きます。selector のないポリシーは、適用した Namespace のすべてのワークロードに効きます。これを Online Boutique の 11 個の Namespace それぞれに適用してください。チュートリアルでは for ループを使います。',
          '適用したら、3 つの経路をもう一度試します。ブラウザのタブで 2 つのアドレスをそれぞれもう一度開き（または両方のアドレスに curl し）、サイドカーのない `default` の Pod、`testcurl` から frontend を呼び出してください。',
        ].join('\n\n'),
      },
      commands: [NAMESPACE_POLICY_FILE, APPLY_LOOP, curlCode(LB_URL), curlCode(GATEWAY_URL), TESTCURL],
      predict: predictStrict(
        'Once every app namespace is STRICT, which of these requests will fail?',
        'アプリの Namespace がすべて STRICT になると、次のリクエストのうちどれが失敗するでしょうか。',
      ),
      check: ({ world, traces }) => {
        const lagging = meshedWorkloads(world).filter((w) => !(w.workloadMode?.mode === 'STRICT' && w.workloadMode.level === 'namespace'));
        const namespaces = [...new Set(lagging.map((w) => w.namespace))].join(', ');
        return requireAll(
          [
            {
              ok: meshedWorkloads(world).length > 0 && lagging.length === 0,
              missing: {
                en: `Not yet STRICT through a namespace-wide policy: ${namespaces}.`,
                ja: `まだ Namespace 全体のポリシーで STRICT になっていない Namespace: ${namespaces}`,
              },
            },
            {
              ok: traces.some((t) => isToFrontendExternal(world, t) && resets(t) && isStrictFrom(t.hops[0], 'namespace')),
              missing: {
                en: 'Open the frontend-external address (35.202.118.74) again in the browser tab (or curl it) to see what STRICT does to it.',
                ja: 'ブラウザのタブで frontend-external のアドレス (35.202.118.74) をもう一度開いて（または curl して）、STRICT の影響を確かめてください。',
              },
            },
            {
              ok: traces.some((t) => isGatewayOkUnder(world, t, 'namespace')),
              missing: {
                en: 'Open the ingress gateway\'s address (34.136.92.187) again too, in the browser tab or with curl.',
                ja: 'Ingress Gateway のアドレス (34.136.92.187) も、ブラウザのタブか curl でもう一度開いてください。',
              },
            },
            {
              ok: traces.some((t) => isFromPlainPod(t) && isPlainResetAtFrontend(world, t) && isStrictFrom(t.hops[0], 'namespace')),
              missing: {
                en: 'Call the frontend from `testcurl` with `kubectl exec`.',
                ja: '`kubectl exec` で `testcurl` から frontend を呼び出してください。',
              },
            },
          ],
          {
            en: 'Every app namespace is STRICT: the load balancer path and testcurl are reset, the gateway path still answers.',
            ja: 'アプリの Namespace はすべて STRICT です。LoadBalancer 経由と testcurl はリセットされ、ゲートウェイ経由は応答し続けます。',
          },
        );
      },
      hints: [
        {
          en: 'One PeerAuthentication without a selector per namespace, in all eleven app namespaces. The namespace comes from `kubectl apply -n`, so the same file serves them all.',
          ja: 'selector のない PeerAuthentication を、11 個のアプリ Namespace それぞれに 1 つずつ作ります。Namespace は `kubectl apply -n` で決まるので、同じファイルを使い回せます。',
        },
        {
          en: 'Create the file with `cat <<EOF > mtls-namespace.yaml` (kind `PeerAuthentication`, name `namespace-policy`, `mtls.mode: STRICT`), then run `for ns in ad cart checkout currency email frontend loadgenerator payment product-catalog recommendation shipping; do kubectl apply -n $ns -f mtls-namespace.yaml; done`.',
          ja: '`cat <<EOF > mtls-namespace.yaml` でファイルを作り（kind `PeerAuthentication`、名前 `namespace-policy`、`mtls.mode: STRICT`）、`for ns in ad cart checkout currency email frontend loadgenerator payment product-catalog recommendation shipping; do kubectl apply -n $ns -f mtls-namespace.yaml; done` を実行します。',
        },
        {
          en: 'With the policies in place, run `curl -s -o /dev/null -w \'%{http_code}\\n\' http://35.202.118.74/` (000), the same for `http://34.136.92.187/` (200), and `kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w \'%{http_code}\\n\'` (000, exit code 56).',
          ja: 'ポリシーを適用したら、`curl -s -o /dev/null -w \'%{http_code}\\n\' http://35.202.118.74/`（000）、`http://34.136.92.187/` への同じ curl（200）、`kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w \'%{http_code}\\n\'`（000、終了コード 56）を実行します。',
        },
      ],
      solution: [NAMESPACE_POLICY_FILE, APPLY_LOOP, curlCode(LB_URL), curlCode(GATEWAY_URL), TESTCURL].join('\n'),
      takeaway: {
        en: 'STRICT leaves a sidecar with mTLS filter chains only. The load balancer hands the browser\'s plaintext straight to the frontend\'s sidecar, which finds no matching chain and resets the connection; Chrome reports ERR_CONNECTION_RESET and curl prints 000 with exit code 56. testcurl has no sidecar and meets the same reset. The gateway path keeps working: the gateway is a mesh proxy, auto mTLS makes it send mTLS to the frontend, and PeerAuthentication never applies to the gateway\'s own listener.',
        ja: 'STRICT にすると、サイドカーには mTLS 用のフィルターチェーンしか残りません。LoadBalancer はブラウザの平文をそのまま frontend のサイドカーに渡し、サイドカーは一致するチェーンを見つけられずに接続をリセットします。Chrome は ERR_CONNECTION_RESET を表示し、curl は 000 と終了コード 56 を返します。サイドカーのない testcurl も同じようにリセットされます。一方ゲートウェイ経由は動き続けます。ゲートウェイはメッシュのプロキシなので auto mTLS により frontend へ mTLS で送り、しかも PeerAuthentication はゲートウェイ自身のリスナーには適用されないからです。',
      },
    },
    {
      id: 'find-and-delete',
      title: { en: 'Find the policies and delete them', ja: 'ポリシーを探して削除する' },
      body: {
        en: [
          'List the PeerAuthentications in all namespaces to see what the loop created. Then delete every one of them.',
          'With no policy left, the sidecars go back to their default. Confirm that the shop opens through frontend-external again; the tutorial also repeats the `kubectl debug` call.',
        ].join('\n\n'),
        ja: [
          'すべての Namespace の PeerAuthentication を一覧表示して、ループで作ったものを確認します。それから全部削除してください。',
          'ポリシーがなくなると、サイドカーはデフォルトの動作に戻ります。frontend-external 経由でショップがまた開けることを確かめてください。チュートリアルでは `kubectl debug` の呼び出しももう一度実行します。',
        ].join('\n\n'),
      },
      commands: ['kubectl get peerauthentication --all-namespaces', DELETE_LOOP, curlCode(LB_URL), DEBUG_CURL],
      check: (ctx) => {
        const { world } = ctx;
        return requireAll(
          [
            {
              ok: world.list('PeerAuthentication').length === 0,
              missing: {
                en: `PeerAuthentications left: ${policyList(world, 'PeerAuthentication')}.`,
                ja: `残っている PeerAuthentication: ${policyList(world, 'PeerAuthentication')}`,
              },
            },
            {
              ok: stepTraces(ctx).some((t) => isToFrontendExternal(world, t) && succeeds(t)),
              missing: {
                en: 'Once they are gone, open frontend-external again (browser tab or curl) to see the shop come back.',
                ja: '削除したら frontend-external をもう一度開き（ブラウザのタブか curl）、ショップが戻ったことを確かめてください。',
              },
            },
          ],
          { en: 'No policy is left, and frontend-external serves the shop again.', ja: 'ポリシーはもうありません。frontend-external から再びショップが表示されます。' },
        );
      },
      hints: [
        {
          en: '`kubectl get peerauthentication --all-namespaces` (or `kubectl get pa -A`) lists every policy with its namespace.',
          ja: '`kubectl get peerauthentication --all-namespaces`（または `kubectl get pa -A`）で、すべてのポリシーを Namespace 付きで一覧できます。',
        },
        {
          en: 'Delete each one with `kubectl delete peerauthentication -n NAMESPACE namespace-policy`, for example in a for-loop over the same namespaces. `kubectl delete peerauthentication --all -n NAMESPACE` works too.',
          ja: '`kubectl delete peerauthentication -n NAMESPACE namespace-policy` で 1 つずつ削除します。同じ Namespace の一覧で for ループを回すと楽です。`kubectl delete peerauthentication --all -n NAMESPACE` でも削除できます。',
        },
        {
          en: 'Run `for ns in ad cart checkout currency email frontend loadgenerator payment product-catalog recommendation shipping; do kubectl delete peerauthentication -n $ns namespace-policy; done`, then `curl -s -o /dev/null -w \'%{http_code}\\n\' http://35.202.118.74/`.',
          ja: '`for ns in ad cart checkout currency email frontend loadgenerator payment product-catalog recommendation shipping; do kubectl delete peerauthentication -n $ns namespace-policy; done` を実行してから、`curl -s -o /dev/null -w \'%{http_code}\\n\' http://35.202.118.74/` を実行します。',
        },
      ],
      solution: ['kubectl get peerauthentication --all-namespaces', DELETE_LOOP, DEBUG_CURL, curlCode(LB_URL)].join('\n'),
      takeaway: {
        en: 'Deleting a PeerAuthentication undoes it. With no policy at all, Istio\'s default is PERMISSIVE: each sidecar accepts plaintext and mTLS on the same port. Nothing restarts; istiod pushes the new configuration to the proxies within moments.',
        ja: 'PeerAuthentication は削除すれば元に戻ります。ポリシーがひとつもなければ Istio のデフォルトは PERMISSIVE で、各サイドカーは同じポートで平文と mTLS の両方を受け付けます。再起動は不要で、istiod が新しい設定をすぐにプロキシへ配信します。',
      },
    },
    {
      id: 'workload-strict',
      title: { en: 'STRICT for one workload, and a DestinationRule', ja: '1 つのワークロードだけ STRICT にし、DestinationRule を加える' },
      body: {
        en: [
          'This time, restrict only the frontend. Apply a PeerAuthentication named `frontend` in the `frontend` namespace whose `selector.matchLabels` is `app: frontend`. Then apply the tutorial\'s DestinationRule, which asks clients to use ISTIO_MUTUAL for the host `frontend.demo.svc.cluster.local`.',
          'Test the three paths again. Then look hard at that host: which Service is it? Run `istioctl analyze -n frontend`, or select the gateway\'s request and read the Why tab. Something other than this DestinationRule makes the gateway use mTLS.',
        ].join('\n\n'),
        ja: [
          '今度は frontend だけを制限します。`frontend` Namespace に、`selector.matchLabels` が `app: frontend` の PeerAuthentication `frontend` を適用してください。続けて、チュートリアルの DestinationRule を適用します。これはホスト `frontend.demo.svc.cluster.local` へのクライアントに ISTIO_MUTUAL を使わせるルールです。',
          '3 つの経路をもう一度試しましょう。そのうえで、このホストをよく見てください。どの Service のことでしょうか。`istioctl analyze -n frontend` を実行するか、ゲートウェイのリクエストを選んで「理由」タブを読んでください。ゲートウェイに mTLS を使わせているのは、この DestinationRule ではありません。',
        ].join('\n\n'),
      },
      commands: [WORKLOAD_POLICY, TUTORIAL_DESTINATION_RULE, curlCode(LB_URL), curlCode(GATEWAY_URL), TESTCURL, 'istioctl analyze -n frontend'],
      predict: predictStrict(
        'With only the frontend workload STRICT (and the DestinationRule applied), which of these requests will fail?',
        'frontend のワークロードだけを STRICT にし DestinationRule も適用すると、次のリクエストのうちどれが失敗するでしょうか。',
      ),
      check: ({ world, traces }) => {
        const decision = workloadMode(world, 'frontend', 'frontend');
        const gateway = traces.filter((t) => isGatewayOkUnder(world, t, 'workload')).at(-1);
        const unmatched = unmatchedDestinationRules(world).map((u) => `${u.namespace}/${u.name} (${u.host})`).join(', ');
        const autoNote = gateway && targetHop(gateway)?.clientReason.code === 'auto.mtls';
        return requireAll(
          [
            {
              ok: decision?.mode === 'STRICT' && decision.level === 'workload',
              missing: {
                en: `The frontend workload must be STRICT through a policy with a selector (now: ${decision ? modeAndLevel(decision) : 'no frontend pod'}).`,
                ja: `frontend のワークロードを selector 付きのポリシーで STRICT にしてください（現在: ${decision ? modeAndLevel(decision) : 'frontend の Pod がありません'}）。`,
              },
            },
            {
              ok: world.list('DestinationRule').length > 0,
              missing: { en: 'Apply the tutorial\'s DestinationRule too.', ja: 'チュートリアルの DestinationRule も適用してください。' },
            },
            {
              ok: traces.some((t) => isPlainResetAtFrontend(world, t) && isStrictFrom(t.hops[0], 'workload')),
              missing: {
                en: 'Show a client without a sidecar failing: open frontend-external again, or run the testcurl command.',
                ja: 'サイドカーのないクライアントが失敗することを確かめてください。frontend-external をもう一度開くか、testcurl のコマンドを実行します。',
              },
            },
            {
              ok: gateway !== undefined,
              missing: {
                en: 'Open the ingress gateway\'s address (34.136.92.187) again as well, in the browser tab or with curl.',
                ja: 'Ingress Gateway のアドレス (34.136.92.187) も、ブラウザのタブか curl でもう一度開いてください。',
              },
            },
          ],
          autoNote && unmatched
            ? {
                en: `The gateway reached the STRICT frontend over mTLS, decided by auto mTLS. ${unmatched} matches no Service, so Istio never used it.`,
                ja: `ゲートウェイは STRICT の frontend に mTLS で届きました。決めたのは auto mTLS です。${unmatched} に一致する Service はないので、Istio はこのルールを一度も使っていません。`,
              }
            : {
                en: 'Only the frontend is STRICT: clients without a sidecar fail, the gateway still gets through over mTLS.',
                ja: 'STRICT なのは frontend だけです。サイドカーのないクライアントは失敗し、ゲートウェイは mTLS で通り続けます。',
              },
        );
      },
      hints: [
        {
          en: 'A workload-level PeerAuthentication has `selector.matchLabels` and lives in the workload\'s own namespace. The DestinationRule goes in `frontend` too.',
          ja: 'ワークロード単位の PeerAuthentication は `selector.matchLabels` を持ち、そのワークロードと同じ Namespace に置きます。DestinationRule も `frontend` に置きます。',
        },
        {
          en: 'Apply the PeerAuthentication `frontend` (selector `app: frontend`, `mtls.mode: STRICT`) and the DestinationRule `frontend` (host `frontend.demo.svc.cluster.local`, `trafficPolicy.tls.mode: ISTIO_MUTUAL`), each with `cat <<EOF | kubectl apply -n frontend -f -`.',
          ja: 'PeerAuthentication `frontend`（selector `app: frontend`、`mtls.mode: STRICT`）と DestinationRule `frontend`（ホスト `frontend.demo.svc.cluster.local`、`trafficPolicy.tls.mode: ISTIO_MUTUAL`）を、それぞれ `cat <<EOF | kubectl apply -n frontend -f -` で適用します。',
        },
        {
          en: 'Then curl both addresses and run the testcurl command. Compare the rule\'s host with `kubectl get services -n frontend`: the frontend\'s Service is `frontend.frontend.svc.cluster.local`. `istioctl analyze -n frontend` reports IST0174 for the rule.',
          ja: 'そのあと両方のアドレスに curl し、testcurl のコマンドも実行します。ルールのホストを `kubectl get services -n frontend` と見比べてください。frontend の Service は `frontend.frontend.svc.cluster.local` です。`istioctl analyze -n frontend` はこのルールについて IST0174 を報告します。',
        },
      ],
      solution: [WORKLOAD_POLICY, TUTORIAL_DESTINATION_RULE, 'istioctl analyze -n frontend', curlCode(LB_URL), TESTCURL, curlCode(GATEWAY_URL)].join('\n'),
      takeaway: {
        en: 'The frontend\'s Service is `frontend.frontend.svc.cluster.local`. `frontend.demo.svc.cluster.local` is left over from an older layout where the whole app ran in one `demo` namespace; no Service has that name, so Istio never attaches the rule. The gateway reaches the STRICT frontend anyway because auto mTLS is on by default: a client proxy sends mTLS to every endpoint that has a sidecar, with or without a DestinationRule. Only clients without a sidecar (the load balancer path, testcurl) break, and every other workload stays PERMISSIVE.',
        ja: 'frontend の Service は `frontend.frontend.svc.cluster.local` です。`frontend.demo.svc.cluster.local` は、アプリ全体を 1 つの `demo` Namespace で動かしていた以前の構成の名残で、この名前の Service はありません。そのため Istio はこのルールをどこにも適用しません。それでもゲートウェイが STRICT の frontend に届くのは、auto mTLS がデフォルトで有効だからです。クライアント側のプロキシは、DestinationRule の有無にかかわらず、サイドカーを持つエンドポイントには mTLS で送ります。壊れるのはサイドカーのないクライアント（LoadBalancer 経由と testcurl）だけで、ほかのワークロードは PERMISSIVE のままです。',
      },
    },
    {
      id: 'remove-workload-policy',
      title: { en: 'Remove the workload policy and the rule', ja: 'ワークロードのポリシーとルールを削除する' },
      body: {
        en: [
          'Delete the frontend\'s PeerAuthentication and the DestinationRule, as the tutorial does before its last experiment.',
          'Then call the frontend from testcurl, or open frontend-external, to confirm that clients without a sidecar get through again. Only one of the two deletions makes a difference here; which one, and why?',
        ].join('\n\n'),
        ja: [
          'チュートリアルが最後の実験の前に行うのと同じように、frontend の PeerAuthentication と DestinationRule を削除してください。',
          'そのあと testcurl から frontend を呼ぶか frontend-external を開いて、サイドカーのないクライアントがまた通れることを確かめます。ここで違いを生むのは 2 つの削除のうち 1 つだけです。どちらでしょうか。それはなぜでしょうか。',
        ].join('\n\n'),
      },
      commands: [DELETE_WORKLOAD, TESTCURL],
      check: (ctx) => {
        const { world } = ctx;
        const decision = workloadMode(world, 'frontend', 'frontend');
        return requireAll(
          [
            {
              ok: decision !== undefined && decision.mode !== 'STRICT',
              missing: {
                en: `The frontend is still STRICT (${decision ? modeAndLevel(decision) : 'no frontend pod'}): delete its PeerAuthentication.`,
                ja: `frontend はまだ STRICT です（${decision ? modeAndLevel(decision) : 'frontend の Pod がありません'}）。PeerAuthentication を削除してください。`,
              },
            },
            {
              ok: world.list('DestinationRule').length === 0,
              missing: {
                en: `DestinationRules left: ${policyList(world, 'DestinationRule')}.`,
                ja: `残っている DestinationRule: ${policyList(world, 'DestinationRule')}`,
              },
            },
            {
              ok: stepTraces(ctx).some((t) => (isToFrontendExternal(world, t) || isFromPlainPod(t)) && reachesFrontend(t.hops[0]) && succeeds(t)),
              missing: {
                en: 'Confirm that a client without a sidecar gets through again: run the testcurl command, or open frontend-external.',
                ja: 'サイドカーのないクライアントがまた通れることを確かめてください。testcurl のコマンドを実行するか、frontend-external を開きます。',
              },
            },
          ],
          { en: 'The frontend accepts plaintext again, and no DestinationRule is left.', ja: 'frontend は再び平文を受け付け、DestinationRule も残っていません。' },
        );
      },
      hints: [
        {
          en: 'Both objects are named `frontend` and live in the `frontend` namespace.',
          ja: 'どちらのオブジェクトも名前は `frontend` で、`frontend` Namespace にあります。',
        },
        {
          en: 'Use `kubectl delete peerauthentication -n frontend frontend` and `kubectl delete destinationrule -n frontend frontend`.',
          ja: '`kubectl delete peerauthentication -n frontend frontend` と `kubectl delete destinationrule -n frontend frontend` を使います。',
        },
        {
          en: 'After both deletions, `kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w \'%{http_code}\\n\'` prints 200.',
          ja: '両方を削除したあと、`kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w \'%{http_code}\\n\'` を実行すると 200 が表示されます。',
        },
      ],
      solution: [DELETE_WORKLOAD, TESTCURL].join('\n'),
      takeaway: {
        en: 'Deleting the PeerAuthentication is what let plaintext back in. Deleting the DestinationRule changed no request at all: it never applied to anything, and the gateway\'s mTLS came from auto mTLS the whole time.',
        ja: '平文が再び通るようになったのは、PeerAuthentication を削除したからです。DestinationRule の削除はどのリクエストも変えていません。もともと何にも適用されておらず、ゲートウェイの mTLS は最初から auto mTLS によるものだったからです。',
      },
    },
    {
      id: 'mesh-strict',
      title: { en: 'STRICT for the whole mesh', ja: 'メッシュ全体を STRICT に' },
      body: {
        en: [
          'Apply one PeerAuthentication named `mesh-wide` in `istio-system`. That is the mesh\'s root namespace, so a policy there without a selector becomes the default for every sidecar in every namespace.',
          'Try frontend-external or testcurl once more.',
        ].join('\n\n'),
        ja: [
          '`istio-system` に PeerAuthentication `mesh-wide` を 1 つ適用してください。`istio-system` はメッシュのルート Namespace なので、ここに置いた selector なしのポリシーは、すべての Namespace のすべてのサイドカーのデフォルトになります。',
          'frontend-external か testcurl をもう一度試してください。',
        ].join('\n\n'),
      },
      commands: [MESH_POLICY, TESTCURL, curlCode(LB_URL)],
      predict: predictStrict(
        'With one STRICT policy for the whole mesh, which of these requests will fail?',
        'メッシュ全体に STRICT のポリシーを 1 つ置くと、次のリクエストのうちどれが失敗するでしょうか。',
      ),
      check: ({ world, traces }) => {
        const workloads = meshedWorkloads(world);
        const lagging = workloads
          .filter((w) => !(w.workloadMode?.mode === 'STRICT' && w.workloadMode.level === 'mesh'))
          .map((w) => `${w.namespace}/${w.workload}${w.workloadMode ? ` (${modeAndLevel(w.workloadMode)})` : ''}`);
        return requireAll(
          [
            {
              ok: allStrictAt(workloads, 'mesh'),
              missing: {
                en: `Not yet STRICT through a mesh-wide policy: ${lagging.join('; ')}.`,
                ja: `まだメッシュ全体のポリシーで STRICT になっていないワークロード: ${lagging.join('; ')}`,
              },
            },
            {
              ok: traces.some((t) => isPlainResetAtFrontend(world, t) && isStrictFrom(t.hops[0], 'mesh')),
              missing: {
                en: 'Show what the mesh-wide policy breaks: run the testcurl command or open frontend-external again.',
                ja: 'メッシュ全体のポリシーで何が壊れるかを確かめてください。testcurl のコマンドを実行するか、frontend-external をもう一度開きます。',
              },
            },
          ],
          {
            en: 'Every sidecar in the app is STRICT through the one mesh-wide policy.',
            ja: 'アプリのすべてのサイドカーが、メッシュ全体の 1 つのポリシーで STRICT になりました。',
          },
        );
      },
      hints: [
        {
          en: 'A selector-less policy in the root namespace `istio-system` applies to the whole mesh. A narrower policy, such as the frontend\'s workload policy, would still override it for its own workload.',
          ja: 'ルート Namespace `istio-system` に置いた selector なしのポリシーはメッシュ全体に効きます。ただし frontend のワークロードポリシーのような、より狭い範囲のポリシーがあれば、そのワークロードではそちらが優先されます。',
        },
        {
          en: 'Apply a PeerAuthentication `mesh-wide` with `namespace: istio-system` in its metadata and `mtls.mode: STRICT`, for example with `kubectl apply -f - <<EOF`.',
          ja: 'metadata に `namespace: istio-system`、spec に `mtls.mode: STRICT` を書いた PeerAuthentication `mesh-wide` を、たとえば `kubectl apply -f - <<EOF` で適用します。',
        },
        {
          en: 'Finally `kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w \'%{http_code}\\n\'` prints 000.',
          ja: '最後に `kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w \'%{http_code}\\n\'` を実行すると 000 が表示されます。',
        },
      ],
      solution: [MESH_POLICY, TESTCURL].join('\n'),
      takeaway: {
        en: 'One policy in the root namespace covers every sidecar, including namespaces created later. Clients without a sidecar break exactly as before, while the gateway and the services\' calls to each other keep working because every one of them has a proxy that speaks mTLS. A namespace or workload policy can still relax the rule in one place.',
        ja: 'ルート Namespace の 1 つのポリシーが、あとから作る Namespace も含めてすべてのサイドカーに効きます。サイドカーのないクライアントはこれまでと同じように失敗しますが、ゲートウェイやサービス同士の呼び出しは動き続けます。どれも mTLS を話すプロキシを持っているからです。特定の場所だけ緩めたいときは、Namespace やワークロード単位のポリシーで上書きできます。',
      },
    },
    {
      id: 'clean-up',
      title: { en: 'Clean up', ja: '後片付け' },
      body: {
        en: [
          'Delete the mesh-wide policy and anything else you created, until no PeerAuthentication and no DestinationRule is left. Then open frontend-external once more to confirm the shop is back.',
          'The tutorial ends by deleting the whole cluster or the sample\'s namespaces. Here, removing the policies is enough.',
        ].join('\n\n'),
        ja: [
          'メッシュ全体のポリシーと、ほかに作ったものを削除し、PeerAuthentication も DestinationRule も残っていない状態にします。そのあと frontend-external をもう一度開き、ショップが戻ったことを確かめてください。',
          'チュートリアルはクラスタごと、またはサンプルの Namespace ごと削除して終わります。ここではポリシーを削除すれば十分です。',
        ].join('\n\n'),
      },
      commands: [DELETE_MESH, 'kubectl get peerauthentication,destinationrule --all-namespaces', curlCode(LB_URL)],
      check: (ctx) => {
        const { world } = ctx;
        return requireAll(
          [
            {
              ok: world.list('PeerAuthentication').length === 0,
              missing: {
                en: `PeerAuthentications left: ${policyList(world, 'PeerAuthentication')}.`,
                ja: `残っている PeerAuthentication: ${policyList(world, 'PeerAuthentication')}`,
              },
            },
            {
              ok: world.list('DestinationRule').length === 0,
              missing: {
                en: `DestinationRules left: ${policyList(world, 'DestinationRule')}.`,
                ja: `残っている DestinationRule: ${policyList(world, 'DestinationRule')}`,
              },
            },
            {
              ok: stepTraces(ctx).some((t) => isToFrontendExternal(world, t) && succeeds(t)),
              missing: {
                en: 'Open frontend-external again to confirm the shop is back.',
                ja: 'frontend-external をもう一度開いて、ショップが戻ったことを確かめてください。',
              },
            },
          ],
          { en: 'The cluster is back where it started.', ja: 'クラスタは最初の状態に戻りました。' },
        );
      },
      hints: [
        {
          en: '`kubectl get peerauthentication,destinationrule --all-namespaces` shows what is left.',
          ja: '`kubectl get peerauthentication,destinationrule --all-namespaces` で残っているものがわかります。',
        },
        {
          en: 'The mesh-wide policy is `mesh-wide` in `istio-system`.',
          ja: 'メッシュ全体のポリシーは `istio-system` の `mesh-wide` です。',
        },
        {
          en: 'Run `kubectl delete peerauthentication -n istio-system mesh-wide`, then `curl -s -o /dev/null -w \'%{http_code}\\n\' http://35.202.118.74/`.',
          ja: '`kubectl delete peerauthentication -n istio-system mesh-wide` を実行し、続けて `curl -s -o /dev/null -w \'%{http_code}\\n\' http://35.202.118.74/` を実行します。',
        },
      ],
      solution: [DELETE_MESH, curlCode(LB_URL)].join('\n'),
      takeaway: {
        en: 'Every change in this lesson was a policy object, so deleting them brings back PERMISSIVE everywhere. On a real project you would now delete the cluster (`gcloud container clusters delete`) so that it stops costing money.',
        ja: 'このレッスンの変更はすべてポリシーのオブジェクトだったので、削除すればどこも PERMISSIVE に戻ります。実際のプロジェクトなら、課金を止めるためにここでクラスタを削除します（`gcloud container clusters delete`）。',
      },
    },
  ],
};

export default lesson;
