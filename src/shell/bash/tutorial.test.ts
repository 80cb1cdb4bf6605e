import { describe, expect, it } from 'vitest';
import { createTestShell } from './testShell.ts';

/**
 * The commands of the Cloud Service Mesh mTLS tutorial (the Japanese seed text and the English
 * reference), typed line by line as the terminal sends them: it asks `isComplete` after each line
 * and runs the input once it is complete.
 */
function typeLines(text: string) {
  const session = createTestShell();
  const inputs: string[] = [];
  let buffer: string | undefined;
  for (const line of text.split('\n')) {
    buffer = buffer === undefined ? line : `${buffer}\n${line}`;
    if (session.shell.isComplete(buffer)) {
      inputs.push(buffer);
      buffer = undefined;
    }
  }
  expect(buffer).toBeUndefined();
  const outputs = inputs.map((input) => session.run(input));
  return { ...session, inputs, outputs };
}

const NAMESPACES = ['ad', 'cart', 'checkout', 'currency', 'email', 'frontend', 'loadgenerator', 'payment', 'product-catalog', 'recommendation', 'shipping'];

describe('the mTLS tutorial, typed verbatim', () => {
  it('gets cluster credentials over three continued lines', () => {
    const { calls, inputs } = typeLines('gcloud container clusters get-credentials CLUSTER_NAME \\\n    --project=PROJECT_ID \\\n    --zone=CLUSTER_LOCATION');
    expect(inputs).toHaveLength(1);
    expect(calls).toEqual([['gcloud', 'container', 'clusters', 'get-credentials', 'CLUSTER_NAME', '--project=PROJECT_ID', '--zone=CLUSTER_LOCATION']]);
  });

  it('saves mtls-namespace.yaml with a heredoc', () => {
    const yaml = 'apiVersion: "security.istio.io/v1beta1"\nkind: "PeerAuthentication"\nmetadata:\n  name: "namespace-policy"\nspec:\n  mtls:\n    mode: STRICT\n';
    const { fs, inputs, outputs } = typeLines(`cat <<EOF > mtls-namespace.yaml\n${yaml}EOF`);
    expect(inputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(fs.readFile('mtls-namespace.yaml')).toBe(yaml);
  });

  it('applies the policy to every namespace with a continued for loop', () => {
    const { calls, inputs } = typeLines(
      'for ns in ad cart checkout currency email frontend loadgenerator \\\n  payment product-catalog recommendation shipping; do\n  kubectl apply -n $ns -f mtls-namespace.yaml\ndone',
    );
    expect(inputs).toHaveLength(1);
    expect(calls).toEqual(NAMESPACES.map((ns) => ['kubectl', 'apply', '-n', ns, '-f', 'mtls-namespace.yaml']));
  });

  it('deletes the policies with a loop that ends in `done;`', () => {
    const { calls } = typeLines(
      'for ns in ad cart checkout currency email frontend loadgenerator payment \\\n  product-catalog recommendation shipping; do\n  kubectl delete peerauthentication -n $ns namespace-policy\ndone;',
    );
    expect(calls).toEqual(NAMESPACES.map((ns) => ['kubectl', 'delete', 'peerauthentication', '-n', ns, 'namespace-policy']));
  });

  it('runs the one-line loop of the English tutorial', () => {
    const { calls } = typeLines(`for ns in ${NAMESPACES.join(' ')}; do kubectl apply -n $ns -f mtls-namespace.yaml; done`);
    expect(calls).toHaveLength(11);
  });

  it('curls frontend from the product-catalog pod with kubectl debug', () => {
    const { calls, inputs } = typeLines(
      "kubectl debug --image istio/base --target istio-proxy -it \\\n  $(kubectl get pod -l app=productcatalogservice -n product-catalog -o jsonpath={.items..metadata.name}) \\\n  -n product-catalog -- \\\n  curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'",
    );
    expect(inputs).toHaveLength(1);
    expect(calls[0]).toEqual(['kubectl', 'get', 'pod', '-l', 'app=productcatalogservice', '-n', 'product-catalog', '-o', 'jsonpath={.items..metadata.name}']);
    // The fake kubectl prints its argv as one JSON word, which stands in for the pod name.
    expect(calls[1]).toEqual([
      'kubectl', 'debug', '--image', 'istio/base', '--target', 'istio-proxy', '-it', JSON.stringify(calls[0]),
      '-n', 'product-catalog', '--', 'curl', 'http://frontend.frontend.svc.cluster.local:80/',
      '-o', '/dev/null', '-s', '-w', '%{http_code}\\n',
    ]);
  });

  it('curls frontend from testcurl with kubectl exec', () => {
    const { calls } = typeLines(
      "kubectl exec testcurl -n default -- curl \\\n  http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'",
    );
    expect(calls).toEqual([
      ['kubectl', 'exec', 'testcurl', '-n', 'default', '--', 'curl', 'http://frontend.frontend.svc.cluster.local:80/', '-o', '/dev/null', '-s', '-w', '%{http_code}\\n'],
    ]);
  });

  it('pipes a heredoc into kubectl apply -f -', () => {
    const body = 'apiVersion: "security.istio.io/v1beta1"\nkind: "PeerAuthentication"\nmetadata:\n  name: "frontend"\n  namespace: "frontend"\nspec:\n  selector:\n    matchLabels:\n      app: frontend\n  mtls:\n    mode: STRICT\n';
    const { calls, inputs } = typeLines(`cat <<EOF | kubectl apply -n frontend -f -\n${body}EOF`);
    expect(inputs).toHaveLength(1);
    expect(calls).toEqual([['kubectl', 'apply', '-n', 'frontend', '-f', '-']]);
    const { outputs } = typeLines(`cat <<EOF | stdin\n${body}EOF`);
    expect(JSON.parse(outputs[0]?.stdout ?? '')).toEqual({ stdin: body, terminal: false });
  });

  it('passes the mesh-wide policy as a heredoc after -f -', () => {
    const body = 'apiVersion: "security.istio.io/v1beta1"\nkind: "PeerAuthentication"\nmetadata:\n  name: "mesh-wide"\n  namespace: "istio-system"\nspec:\n  mtls:\n    mode: STRICT\n';
    const { calls, inputs } = typeLines(`kubectl apply -f - <<EOF\n${body}EOF`);
    expect(inputs).toHaveLength(1);
    expect(calls).toEqual([['kubectl', 'apply', '-f', '-']]);
    const { stdout } = createTestShell().run(`stdin <<EOF\n${body}EOF`);
    expect(JSON.parse(stdout)).toEqual({ stdin: body, terminal: false });
  });

  it('exports FRONTEND_IP from a jsonpath query', () => {
    const { shell, calls } = typeLines(
      "export FRONTEND_IP=$(kubectl --namespace asm-ingress get service --output jsonpath='{.items[0].status.loadBalancer.ingress[0].ip}')",
    );
    expect(calls).toEqual([['kubectl', '--namespace', 'asm-ingress', 'get', 'service', '--output', 'jsonpath={.items[0].status.loadBalancer.ingress[0].ip}']]);
    expect(shell.env.get('FRONTEND_IP')).toBe(JSON.stringify(calls[0]));
  });

  it('passes the remaining one-line commands through unchanged', () => {
    const lines = [
      'kubectl get services -n frontend',
      'kubectl get service GATEWAY_NAME -n GATEWAY_NAMESPACE',
      'kubectl get peerauthentication --all-namespaces',
      'kubectl delete peerauthentication -n frontend frontend',
      'kubectl delete destinationrule -n frontend frontend',
      'kubectl delete peerauthentication -n istio-system mesh-wide',
      'kubectl label namespace asm-ingress istio.io/rev- istio-injection=enabled --overwrite',
      'kubectl -n istio-system get controlplanerevision',
      'kubectl apply -n asm-ingress -f docs/shared/asm-ingress-gateway',
    ];
    const { calls } = typeLines(lines.join('\n'));
    expect(calls).toEqual(lines.map((line) => line.split(' ')));
  });
});
