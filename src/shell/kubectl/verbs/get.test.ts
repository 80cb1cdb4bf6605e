import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ManualClock } from '../../../domain/clock.ts';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import { newMeta } from '../../../domain/cluster/newMeta.ts';
import { BOUTIQUE_NAMESPACES } from '../../../domain/cluster/boutique.ts';
import type { JsonObject, KubeObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { createKubectl } from '../kubectl.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';

/** Runs one kubectl command (argv as the shell would pass it) against `world`. */
function kubectl(world: World, ...argv: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv]);
  return { stdout, stderr, code: exitCode };
}

/** Puts an Istio object created `ageSeconds` ago. */
function putIstio(world: World, kind: string, apiVersion: string, ns: string, name: string, spec: JsonObject, ageSeconds: number): KubeObject {
  const obj: KubeObject = { apiVersion, kind, metadata: newMeta(world, name, ns, { createdAt: world.nowSeconds() - ageSeconds }), spec };
  world.put(obj);
  return obj;
}

function podIn(world: World, ns: string): KubeObject {
  const pod = world.list('Pod', ns)[0];
  if (!pod) throw new Error(`no pod in ${ns}`);
  return pod;
}

describe('kubectl get', () => {
  it('lists the frontend Services exactly as cli-output.md shows them', () => {
    const r = kubectl(createDefaultWorld(), 'get', 'services', '-n', 'frontend');
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'NAME                TYPE           CLUSTER-IP       EXTERNAL-IP     PORT(S)        AGE\n' +
        'frontend            ClusterIP      34.118.236.212   <none>          80/TCP         27m\n' +
        'frontend-external   LoadBalancer   34.118.233.103   35.202.118.74   80:31562/TCP   27m\n',
    });
  });

  it('prints the ingress gateway Service as the tutorial sample does', () => {
    const r = kubectl(createDefaultWorld(), 'get', 'service', 'istio-ingressgateway', '-n', 'istio-system');
    expect(r.stdout).toBe(
      'NAME                   TYPE           CLUSTER-IP      EXTERNAL-IP     PORT(S)                                      AGE\n' +
      'istio-ingressgateway   LoadBalancer   34.118.227.14   34.136.92.187   15021:30954/TCP,80:32286/TCP,443:31622/TCP   31m\n',
    );
    expect(r.code).toBe(0);
  });

  it('says "No resources found" on stderr with exit 0 when -A finds no PeerAuthentication', () => {
    expect(kubectl(createDefaultWorld(), 'get', 'pa', '-A')).toEqual({ stdout: '', stderr: 'No resources found\n', code: 0 });
  });

  it('names the namespace when a namespaced list is empty, even one that does not exist', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'get', 'peerauthentication', '-n', 'frontend')).toEqual({ stdout: '', stderr: 'No resources found in frontend namespace.\n', code: 0 });
    expect(kubectl(world, 'get', 'pods', '-n', 'onlineboutique').stderr).toBe('No resources found in onlineboutique namespace.\n');
  });

  it('shows meshed pods 2/2 Running', () => {
    const world = createDefaultWorld();
    const name = podIn(world, 'frontend').metadata.name;
    expect(kubectl(world, 'get', 'pods', '-n', 'frontend').stdout).toBe(
      `NAME${' '.repeat(name.length - 1)}READY   STATUS    RESTARTS   AGE\n` +
      `${name}   2/2     Running   0          27m\n`,
    );
  });

  it('shows testcurl 1/1 with the restarts its `sleep 600` causes', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'get', 'pods').stdout).toBe(
      'NAME       READY   STATUS    RESTARTS       AGE\n' +
      'testcurl   1/1     Running   2 (7m5s ago)   27m\n',
    );
    (world.clock as ManualClock).advance(3 * 60 * 1000);
    expect(kubectl(world, 'get', 'pod', 'testcurl', '--no-headers').stdout).toBe('testcurl   1/1   Running   3 (5s ago)   30m\n');
  });

  it('lists namespaces, ignoring -n because they are cluster-scoped', () => {
    const out = kubectl(createDefaultWorld(), 'get', 'ns', '-n', 'frontend').stdout.split('\n');
    expect(out[0]).toBe('NAME              STATUS   AGE');
    expect(out).toContain('default           Active   3h14m');
    expect(out).toContain('istio-system      Active   31m');
    expect(out).toContain('product-catalog   Active   27m');
    expect(out).toHaveLength(16 + 2);
  });

  it('prints pod names with jsonpath, without a trailing newline (the tutorial debug command)', () => {
    const world = createDefaultWorld();
    const r = kubectl(world, 'get', 'pod', '-l', 'app=productcatalogservice', '-n', 'product-catalog', '-o', 'jsonpath={.items..metadata.name}');
    expect(r).toEqual({ stdout: podIn(world, 'product-catalog').metadata.name, stderr: '', code: 0 });
  });

  it('reads the first Service\'s load-balancer IP with --output jsonpath (FRONTEND_IP)', () => {
    const r = kubectl(createDefaultWorld(), '--namespace', 'istio-system', 'get', 'service', '--output', 'jsonpath={.items[0].status.loadBalancer.ingress[0].ip}');
    expect(r).toEqual({ stdout: '34.136.92.187', stderr: '', code: 0 });
  });

  it('runs jsonpath on the object itself when one name is given', () => {
    const r = kubectl(createDefaultWorld(), 'get', 'pod', 'testcurl', '-o=jsonpath={.spec.containers[0].image} {.status.containerStatuses[0].restartCount}');
    expect(r.stdout).toBe('curlimages/curl 2');
  });

  it('sends jsonpath errors to stderr with exit 1', () => {
    const r = kubectl(createDefaultWorld(), 'get', 'pods', '-o', 'jsonpath={.items[3].metadata.name}');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: error executing jsonpath "\{\.items\[3\]\.metadata\.name\}": Error executing template: array index out of bounds: index 3, length 1\./);
  });

  it('prints a pod as YAML the way the API server returns it', () => {
    const world = createDefaultWorld();
    const pod = world.get('Pod', 'default', 'testcurl') as KubeObject;
    const r = kubectl(world, 'get', 'pod', 'testcurl', '-o', 'yaml');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    sidecar.istio.io/inject: "false"\n  creationTimestamp: "2026-11-28T08:32:55Z"\n')).toBe(true);
    const printed = parse(r.stdout) as JsonObject;
    expect(printed.metadata).toEqual({
      annotations: { 'sidecar.istio.io/inject': 'false' },
      creationTimestamp: '2026-11-28T08:32:55Z',
      generation: 1,
      name: 'testcurl',
      namespace: 'default',
      resourceVersion: pod.metadata.resourceVersion,
      uid: pod.metadata.uid,
    });
    expect(printed.spec).toEqual(pod.spec);
    expect((printed.status as JsonObject).podIP).toBe(pod.status?.podIP);
    expect(r.stdout).not.toContain('managedFields');
  });

  it('wraps several objects in a v1 List for -o json and -o yaml', () => {
    const world = createDefaultWorld();
    const json = JSON.parse(kubectl(world, 'get', 'svc', '-n', 'frontend', '-o', 'json').stdout) as JsonObject;
    expect(json.kind).toBe('List');
    expect(json.metadata).toEqual({ resourceVersion: '' });
    expect((json.items as JsonObject[]).map((i) => (i.metadata as JsonObject).name)).toEqual(['frontend', 'frontend-external']);
    expect(kubectl(world, 'get', 'pods', '-n', 'nowhere', '-o', 'yaml')).toEqual({
      stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
      stderr: '',
      code: 0,
    });
  });

  it('prints kind/name with -o name, qualified by group for Istio kinds', () => {
    const world = createDefaultWorld();
    putIstio(world, 'PeerAuthentication', 'security.istio.io/v1beta1', 'frontend', 'namespace-policy', { mtls: { mode: 'STRICT' } }, 10);
    expect(kubectl(world, 'get', 'pods', '-o', 'name').stdout).toBe('pod/testcurl\n');
    expect(kubectl(world, 'get', 'pa', '-n', 'frontend', '-o', 'name').stdout).toBe('peerauthentication.security.istio.io/namespace-policy\n');
    expect(kubectl(world, 'get', 'deploy', '-n', 'frontend', '-o', 'name').stdout).toBe('deployment.apps/frontend\n');
  });

  it('prints the tutorial\'s 11-row PeerAuthentication table with -A', () => {
    const world = createDefaultWorld();
    for (const ns of BOUTIQUE_NAMESPACES) putIstio(world, 'PeerAuthentication', 'security.istio.io/v1beta1', ns, 'namespace-policy', { mtls: { mode: 'STRICT' } }, 17 * 60);
    const lines = kubectl(world, 'get', 'peerauthentication', '--all-namespaces').stdout.split('\n');
    expect(lines[0]).toBe('NAMESPACE         NAME               MODE     AGE');
    expect(lines[1]).toBe('ad                namespace-policy   STRICT   17m');
    expect(lines[9]).toBe('product-catalog   namespace-policy   STRICT   17m');
    expect(lines).toHaveLength(13);
  });

  it('prints Istio printer columns: empty MODE, DR HOST, VS arrays as JSON, Gateway NAME AGE', () => {
    const world = createDefaultWorld();
    putIstio(world, 'PeerAuthentication', 'security.istio.io/v1', 'frontend', 'no-mode', {}, 5);
    putIstio(world, 'DestinationRule', 'networking.istio.io/v1alpha3', 'frontend', 'frontend', { host: 'frontend.demo.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }, 8);
    expect(kubectl(world, 'get', 'pa', '-n', 'frontend').stdout).toBe('NAME      MODE   AGE\nno-mode          5s\n');
    expect(kubectl(world, 'get', 'dr', '-n', 'frontend').stdout).toBe(
      'NAME       HOST                              AGE\n' +
      'frontend   frontend.demo.svc.cluster.local   8s\n',
    );
    expect(kubectl(world, 'get', 'vs', '-n', 'frontend').stdout).toBe(
      'NAME               GATEWAYS               HOSTS   AGE\n' +
      'frontend-ingress   ["frontend-gateway"]   ["*"]   27m\n',
    );
    expect(kubectl(world, 'get', 'gateways.networking.istio.io', '-n', 'frontend').stdout).toBe('NAME               AGE\nfrontend-gateway   27m\n');
  });

  it('prints `get all` as one table per kind, names prefixed with their kind, separated by blank lines', () => {
    const world = createDefaultWorld();
    const pod = podIn(world, 'frontend').metadata.name;
    const rs = (world.list('ReplicaSet', 'frontend')[0] as KubeObject).metadata.name;
    const groups = kubectl(world, 'get', 'all', '-n', 'frontend').stdout.split('\n\n');
    expect(groups).toHaveLength(4);
    expect(groups[0]).toBe(`NAME${' '.repeat(pod.length + 3)}READY   STATUS    RESTARTS   AGE\npod/${pod}   2/2     Running   0          27m`);
    expect(groups[1]).toContain('service/frontend-external   LoadBalancer   34.118.233.103   35.202.118.74   80:31562/TCP   27m');
    expect(groups[2]).toBe('NAME                       READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/frontend   1/1     1            1           27m');
    expect(groups[3]).toBe(`NAME${' '.repeat(rs.length + 15)}DESIRED   CURRENT   READY   AGE\nreplicaset.apps/${rs}   1         1         1       27m\n`);
  });

  it('accepts several types, and TYPE/NAME arguments', () => {
    const world = createDefaultWorld();
    const both = kubectl(world, 'get', 'pods,svc');
    expect(both.stdout).toContain('pod/testcurl   1/1');
    expect(both.stdout).toContain('\n\nNAME                 TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   34.118.224.1   <none>        443/TCP   3h14m\n');
    expect(kubectl(world, 'get', 'pod/testcurl', 'svc/kubernetes').stdout).toBe(both.stdout);
    expect(kubectl(world, 'get', 'po/testcurl').stdout).toBe('NAME       READY   STATUS    RESTARTS       AGE\ntestcurl   1/1     Running   2 (7m5s ago)   27m\n');
  });

  it('adds the wide columns', () => {
    const world = createDefaultWorld();
    const pod = world.get('Pod', 'default', 'testcurl') as KubeObject;
    const lines = kubectl(world, 'get', 'pods', '-o', 'wide').stdout.split('\n');
    const ip = pod.status?.podIP as string;
    const node = pod.spec?.nodeName as string;
    expect(lines[0]).toBe(`NAME       READY   STATUS    RESTARTS       AGE   IP${' '.repeat(ip.length + 1)}NODE${' '.repeat(node.length - 1)}NOMINATED NODE   READINESS GATES`);
    expect(lines[1]).toBe(`testcurl   1/1     Running   2 (7m5s ago)   27m   ${ip}   ${node}   <none>           <none>`);
    expect(kubectl(world, 'get', 'svc', 'frontend', '-n', 'frontend', '-o', 'wide').stdout.split('\n')[1]).toMatch(/80\/TCP {4}27m {3}app=frontend$/);
  });

  it('filters with -l, shows labels, and drops headers', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'get', 'svc', '-A', '-l', 'app=istiod', '--no-headers').stdout).toMatch(/^istio-system {3}istiod {3}ClusterIP {3}\S+ {3}<none> {3}15010\/TCP,15012\/TCP,443\/TCP,15014\/TCP {3}31m\n$/);
    expect(kubectl(world, 'get', 'ns', 'frontend', '--show-labels').stdout).toBe(
      'NAME       STATUS   AGE   LABELS\nfrontend   Active   27m   istio-injection=enabled,kubernetes.io/metadata.name=frontend\n',
    );
  });

  it('fails like kubectl on bad arguments', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'get')).toEqual({
      stdout: '',
      stderr: 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
      code: 1,
    });
    expect(kubectl(world, 'get', 'peerauth')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "peerauth"\n', code: 1 });
    expect(kubectl(world, 'get', 'pod', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(kubectl(world, 'get', 'namespace', 'x').stderr).toBe('Error from server (NotFound): namespaces "x" not found\n');
    expect(kubectl(world, 'get', 'pa', 'x', '-n', 'frontend').stderr).toBe('Error from server (NotFound): peerauthentications.security.istio.io "x" not found\n');
    expect(kubectl(world, 'get', 'pod', 'testcurl', '-A').stderr).toBe('error: a resource cannot be retrieved by name across all namespaces\n');
    expect(kubectl(world, 'get', 'pod', 'testcurl', '-l', 'app=x').stderr).toBe('error: name cannot be provided when a selector is specified\n');
    expect(kubectl(world, 'get', 'pod', 'pod/testcurl').stderr).toMatch(/^error: there is no need to specify a resource type as a separate argument/);
    expect(kubectl(world, 'get', 'pods', '-o', 'yml').stderr).toMatch(/^error: unable to match a printer suitable for the output format "yml", allowed formats are: /);
    expect(kubectl(world, 'get', 'pods', '-o', 'yaml', '--show-labels').stderr).toBe('error: --show-labels option cannot be used with yaml printer\n');
  });

  it('prints the objects it found, then a NotFound error per missing name, exit 1', () => {
    const r = kubectl(createDefaultWorld(), 'get', 'pods', 'testcurl', 'ghost', 'phantom');
    expect(r.stdout).toBe('NAME       READY   STATUS    RESTARTS       AGE\ntestcurl   1/1     Running   2 (7m5s ago)   27m\n');
    expect(r.stderr).toBe('Error from server (NotFound): pods "ghost" not found\nError from server (NotFound): pods "phantom" not found\n');
    expect(r.code).toBe(1);
    expect(kubectl(createDefaultWorld(), 'get', 'pod', 'ghost', '--ignore-not-found')).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('matches -l and -L against the labels a pod has, never against Object.prototype', () => {
    const world = createDefaultWorld();
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(kubectl(world, 'get', 'pods', '-l', key)).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
      expect(kubectl(world, 'get', 'pods', '-A', '-l', `${key}=x`)).toEqual({ stdout: '', stderr: 'No resources found\n', code: 0 });
    }
    // apimachinery labels.Requirement.Matches: `!=` and `!key` match a pod without the label.
    expect(kubectl(world, 'get', 'pods', '-l', 'constructor!=x', '-o', 'name').stdout).toBe('pod/testcurl\n');
    expect(kubectl(world, 'get', 'pods', '-l', '!toString', '-o', 'name').stdout).toBe('pod/testcurl\n');
    expect(kubectl(world, 'get', 'pods', '-l', 'constructor notin (x)', '-o', 'name').stdout).toBe('pod/testcurl\n');
    expect(kubectl(world, 'get', 'pods', '-L', 'constructor').stdout).toBe('NAME       READY   STATUS    RESTARTS       AGE   CONSTRUCTOR\ntestcurl   1/1     Running   2 (7m5s ago)   27m   \n');
  });

  it('refuses a selector with TYPE/NAME arguments as the builder does (CLIR:pkg/resource/builder.go visitBySelector)', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'get', 'pod/testcurl', '-l', 'app=x').stderr).toBe('error: selectors and the all flag cannot be used when passing resource/name arguments\n');
    // visitByName refuses -A only for namespaced kinds.
    expect(kubectl(world, 'get', 'namespace', 'default', '-A', '-o', 'name').stdout).toBe('namespace/default\n');
  });

  it('prints the table once for --watch', () => {
    const r = kubectl(createDefaultWorld(), 'get', 'svc', '-n', 'frontend', '-w');
    expect(r.stdout.split('\n')).toHaveLength(4);
    expect(r.code).toBe(0);
  });

  it('supports custom-columns and --sort-by', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'get', 'svc', '-n', 'istio-system', '-o', 'custom-columns=NAME:.metadata.name,IP:.status.loadBalancer.ingress[0].ip').stdout).toBe(
      'NAME                   IP\nistio-ingressgateway   34.136.92.187\nistiod                 <none>\n',
    );
    const byPort = kubectl(world, 'get', 'svc', '-A', '--sort-by=.spec.ports[0].port', '-o', 'name').stdout.split('\n');
    expect(byPort[0]).toBe('service/kube-dns');
    expect(byPort.slice(-3)).toEqual(['service/paymentservice', 'service/shippingservice', '']);
  });
});
