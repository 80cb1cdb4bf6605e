/**
 * The kinds a learner meets beyond workloads and Istio's traffic kinds, as kubectl 1.33 prints them.
 * Sources:
 * - kubernetes pkg/printers/internalversion/printers.go: printConfigMap (DATA), printSecret (TYPE,
 *   DATA), printEndpoints and formatEndpoints (three addresses, then ` + N more...`),
 *   printEndpointSlice with formatDiscoveryPorts/formatDiscoveryEndpoints (ADDRESSTYPE PORTS
 *   ENDPOINTS), printEvent (LAST SEEN TYPE REASON OBJECT MESSAGE; wide adds SUBOBJECT SOURCE FIRST
 *   SEEN COUNT NAME), printNode (STATUS ROLES AGE VERSION; wide INTERNAL-IP … CONTAINER-RUNTIME).
 * - kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/deprecation/deprecation.go WarningMessage,
 *   with core/v1 Endpoints deprecated in 1.33 and replaced by discovery.k8s.io/v1 EndpointSlice (KEP-4974).
 * - KCTL:pkg/describe/describe.go ConfigMapDescriber, describeSecret, describeEndpoints.
 * - KCTL:pkg/cmd/cmd.go (the real command groups), cobra's SuggestionsFor.
 * - istio security/pkg/pki/ca/ca.go (istio-ca-secret, BuildSecret, istio.io/ca-root),
 *   pkg/kube/inject/initializer.go IgnoredNamespaces (no istio-ca-root-cert in kube-*),
 *   manifests/charts/base/files/crd-all.gen.yaml (ServiceEntry, Sidecar, AuthorizationPolicy
 *   schemas and printer columns).
 * - kubelet kuberuntime_container.go (`Created container: %v`, `Started container %v`) and
 *   images/image_manager.go (`Container image %q already present on machine`).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import { rootCertificate } from '../../../domain/pki/rootCertificate.ts';
import type { World } from '../../../domain/world.ts';
import { MemoryFs } from '../../bash/memoryFs.ts';
import { complete } from '../../complete.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';

function kubectl(world: World, argv: string[], stdin?: string): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv], stdin === undefined ? {} : { stdin, tty: false });
  return { stdout, stderr, code: exitCode };
}

const run = (world: World, line: string, stdin?: string) => kubectl(world, line.split(' '), stdin);
const ENDPOINTS_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

describe('resource types a real cluster serves', () => {
  it('resolves plurals, singulars and short names as api-resources lists them', () => {
    const world = createDefaultWorld();
    for (const typed of ['cm', 'configmap', 'configmaps', 'ep', 'endpoints', 'ev', 'events', 'no', 'nodes', 'secret', 'secrets', 'endpointslices',
      'se', 'serviceentries', 'sidecar', 'sidecars', 'ap', 'authorizationpolicies', 'envoyfilters', 'ra', 'telemetry', 'we', 'wg', 'wasmplugins', 'proxyconfigs']) {
      expect(run(world, `get ${typed} -A`).stderr, typed).not.toContain("doesn't have a resource type");
    }
    expect(run(world, 'get gizmos')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "gizmos"\n', code: 1 });
    // Types a GKE cluster serves that the simulator does not model get a plain note, not a false "no such type".
    expect(run(world, 'get ds -A')).toEqual({ stdout: '', stderr: 'mtls-playground: daemonsets.apps exist on a real cluster, but the simulator does not model them\n', code: 1 });
    expect(run(world, 'get networkpolicy -n frontend').stderr).toBe('mtls-playground: networkpolicies.networking.k8s.io exist on a real cluster, but the simulator does not model them\n');
    expect(run(world, 'describe pvc data').stderr).toBe('mtls-playground: persistentvolumeclaims exist on a real cluster, but the simulator does not model them\n');
    expect(run(world, 'get mutatingwebhookconfigurations.admissionregistration.k8s.io').code).toBe(1);
  });

  it('lists the Istio kinds with their CRD printer columns, empty until a learner creates one', () => {
    const world = createDefaultWorld();
    expect(run(world, 'get se')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    const se = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: httpbin\nspec:\n  hosts: ["httpbin.org"]\n  location: MESH_EXTERNAL\n  resolution: DNS\n  ports:\n  - number: 443\n    name: https\n    protocol: TLS\n';
    // Stored and validated, with a plain note that the simulator does not route by it.
    expect(run(world, 'apply -f -', se)).toEqual({
      stdout: 'serviceentry.networking.istio.io/httpbin created\n',
      stderr: 'mtls-playground: ServiceEntry is stored and validated, but it adds nothing to the mesh registry: traffic to its hosts is not simulated\n',
      code: 0,
    });
    expect(run(world, 'get serviceentries').stdout).toBe('NAME      HOSTS             LOCATION        RESOLUTION   AGE\nhttpbin   ["httpbin.org"]   MESH_EXTERNAL   DNS          0s\n');
    const ap = 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: deny-all\n  namespace: frontend\nspec:\n  action: DENY\n  rules:\n  - from:\n    - source:\n        namespaces: ["default"]\n';
    // AuthorizationPolicy is enforced: no note.
    expect(run(world, 'apply -f -', ap)).toEqual({ stdout: 'authorizationpolicy.security.istio.io/deny-all created\n', stderr: '', code: 0 });
    // The note comes once per kind and command; PeerAuthentication and AuthorizationPolicy, which the simulator enforces, get none.
    const two = `${se.replace('httpbin', 's1')}---\n${se.replace('httpbin', 's2')}---\n${ap.replace('deny-all', 'a1')}---\n${ap.replace('deny-all', 'a2')}---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: frontend\nspec:\n  mtls:\n    mode: STRICT\n`;
    expect(run(world, 'apply -f -', two).stderr).toBe('mtls-playground: ServiceEntry is stored and validated, but it adds nothing to the mesh registry: traffic to its hosts is not simulated\n');
    expect(run(world, 'get ap -n frontend').stdout).toBe('NAME       ACTION   AGE\na1         DENY     0s\na2         DENY     0s\ndeny-all   DENY     0s\n');
    const sidecar = 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: default\nspec:\n  egress:\n  - hosts: ["./*", "istio-system/*"]\n';
    expect(run(world, 'apply -f -', sidecar).stdout).toBe('sidecar.networking.istio.io/default created\n');
    expect(run(world, 'get sidecars').stdout).toBe('NAME      AGE\ndefault   0s\n');
  });

  it("validates them against the CRD's schema: enums, required fields, unknown fields", () => {
    const world = createDefaultWorld();
    const badAction = 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: x\nspec:\n  action: BLOCK\n';
    const r1 = run(world, 'apply -f -', badAction);
    expect(r1.code).toBe(1);
    // A blocking schema error skips the CRD's CEL rules, and apiextensions says so.
    expect(r1.stderr).toBe('The AuthorizationPolicy "x" is invalid: \n* spec.action: Unsupported value: "BLOCK": supported values: "ALLOW", "DENY", "AUDIT", "CUSTOM"\n* <nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation\n');
    const noHosts = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: no-hosts\nspec:\n  resolution: DNS\n';
    expect(run(world, 'apply -f -', noHosts).stderr).toContain('spec.hosts: Required value');
    // The CRDs' x-kubernetes-validations, once the schema passed.
    const se = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: bad\nspec:\n  hosts: ["*"]\n  resolution: NONE\n  endpoints:\n  - address: 1.2.3.4\n  ports:\n  - {number: 80, name: http}\n  - {number: 80, name: http2}\n';
    expect(run(world, 'apply -f -', se)).toEqual({
      stdout: '',
      stderr: 'The ServiceEntry "bad" is invalid: \n* spec: Invalid value: "object": NONE mode cannot set endpoints\n* spec.hosts[0]: Invalid value: "string": hostname cannot be wildcard\n* spec.ports: Invalid value: "array": port number cannot be duplicated\n',
      code: 1,
    });
    const ap = 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: bad\nspec:\n  selector:\n    matchLabels: {app: x}\n  targetRefs:\n  - {kind: Service, name: x, namespace: other}\n';
    expect(run(world, 'apply -f -', ap).stderr).toBe('The AuthorizationPolicy "bad" is invalid: \n* spec: Invalid value: "object": only one of targetRefs or selector can be set\n* spec.targetRefs[0].namespace: Invalid value: "string": cross namespace referencing is not currently supported\n');
    const unknown = 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: z\nspec:\n  egres: []\n';
    expect(run(world, 'apply -f -', unknown).stderr).toContain('unknown field "spec.egres"');
  });
});

describe('objects the controllers keep', () => {
  it('puts kube-root-ca.crt in every namespace and the mesh root in those istiod watches', () => {
    const world = createDefaultWorld();
    expect(run(world, 'get cm -n frontend').stdout).toBe('NAME                 DATA   AGE\nistio-ca-root-cert   1      27m\nkube-root-ca.crt     1      27m\n');
    expect(run(world, 'get configmaps -n kube-system').stdout).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      3h14m\n');
    const pem = run(world, ['get', 'cm', 'istio-ca-root-cert', '-n', 'frontend', '-o', "jsonpath={.data['root-cert\\.pem']}"].join(' ')).stdout;
    expect(pem).toBe(rootCertificate(world).pem);
    const yaml = run(world, 'get cm istio-ca-root-cert -n frontend -o yaml').stdout;
    expect(yaml).toMatch(/^apiVersion: v1\ndata:\n {2}root-cert\.pem: \|\n {4}-----BEGIN CERTIFICATE-----\n/);
    expect(yaml).toContain('kind: ConfigMap\nmetadata:\n  creationTimestamp: "2026-11-28T08:32:55Z"\n  labels:\n    istio.io/config: "true"\n  name: istio-ca-root-cert\n  namespace: frontend\n');
    expect(yaml).not.toContain('generation');
  });

  it("describes a ConfigMap and istiod's CA Secret as kubectl does (sizes, never the secret bytes)", () => {
    const world = createDefaultWorld();
    const cm = run(world, 'describe cm istio-ca-root-cert -n frontend').stdout;
    expect(cm.startsWith('Name:         istio-ca-root-cert\nNamespace:    frontend\nLabels:       istio.io/config=true\nAnnotations:  <none>\n\nData\n====\nroot-cert.pem:\n----\n-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(cm.endsWith('-----END CERTIFICATE-----\n\n\n\nBinaryData\n====\n\nEvents:  <none>\n')).toBe(true);
    expect(run(world, 'get secrets -A').stdout).toBe('NAMESPACE      NAME              TYPE               DATA   AGE\nistio-system   istio-ca-secret   istio.io/ca-root   5      31m\n');
    expect(run(world, 'describe secret istio-ca-secret -n istio-system').stdout).toBe(
      'Name:         istio-ca-secret\nNamespace:    istio-system\nLabels:       <none>\nAnnotations:  <none>\n\nType:  istio.io/ca-root\n\nData\n====\n' +
      `ca-cert.pem:     ${rootCertificate(world).pem.length} bytes\nca-key.pem:      1679 bytes\ncert-chain.pem:  0 bytes\nkey.pem:         0 bytes\nroot-cert.pem:   ${rootCertificate(world).pem.length} bytes\n`,
    );
    expect(run(world, 'get secrets')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  });

  it('keeps Endpoints and EndpointSlices in step with the pods, with the 1.33 deprecation warning on Endpoints', () => {
    const world = createDefaultWorld();
    const ip = run(world, 'get pods -n frontend -o jsonpath={.items[0].status.podIP}').stdout;
    expect(run(world, 'get ep -n frontend')).toEqual({
      stdout: `NAME                ENDPOINTS         AGE\nfrontend            ${ip}:8080   27m\nfrontend-external   ${ip}:8080   27m\n`,
      stderr: ENDPOINTS_WARNING,
      code: 0,
    });
    expect(run(world, 'get endpoints kubernetes').stdout).toBe('NAME         ENDPOINTS          AGE\nkubernetes   34.41.183.27:443   3h14m\n');
    run(world, 'scale deployment frontend -n frontend --replicas=5');
    const eps = run(world, 'get ep frontend -n frontend').stdout.split('\n')[1] ?? '';
    expect(eps).toMatch(/^frontend {3}(\d+\.\d+\.\d+\.\d+:8080,){2}\d+\.\d+\.\d+\.\d+:8080 \+ 2 more\.\.\. {3}27m$/);
    const slices = run(world, 'get endpointslices -n frontend');
    expect(slices.stderr).toBe('');
    expect(slices.stdout.split('\n')[0]).toMatch(/^NAME {22}ADDRESSTYPE {3}PORTS {3}ENDPOINTS +AGE$/);
    expect(slices.stdout).toMatch(/\nfrontend-[b-df-hj-np-tv-z2-9]{5} +IPv4 {10}8080 {4}[\d.,]+ \+ 2 more\.\.\. {3}27m\n/);
    const described = run(world, 'describe ep frontend -n frontend');
    expect(described.stderr).toBe(ENDPOINTS_WARNING);
    expect(described.stdout).toMatch(/\nSubsets:\n {2}Addresses: {10}(\d+\.\d+\.\d+\.\d+,){4}\d+\.\d+\.\d+\.\d+\n {2}NotReadyAddresses: {2}<none>\n/);
    expect(described.stdout).toContain(ip);
  });

  it('lists the GKE nodes the pods run on', () => {
    const world = createDefaultWorld();
    const nodes = run(world, 'get nodes').stdout.split('\n');
    expect(nodes[0]).toBe('NAME                                      STATUS   ROLES    AGE     VERSION');
    expect(nodes[1]).toBe('gke-boutique-default-pool-3f9b2c1e-7kq2   Ready    <none>   3h14m   v1.33.4-gke.1245000');
    expect(nodes).toHaveLength(5);
    const wide = run(world, 'get no -o wide').stdout.split('\n');
    expect(wide[0]).toBe('NAME                                      STATUS   ROLES    AGE     VERSION               INTERNAL-IP   EXTERNAL-IP    OS-IMAGE                             KERNEL-VERSION   CONTAINER-RUNTIME');
    expect(wide[1]).toBe('gke-boutique-default-pool-3f9b2c1e-7kq2   Ready    <none>   3h14m   v1.33.4-gke.1245000   10.128.0.21   34.136.40.17   Container-Optimized OS from Google   6.6.97+          containerd://2.0.6');
    const podNode = run(world, 'get pods -n frontend -o jsonpath={.items[0].spec.nodeName}').stdout;
    expect(run(world, `get node ${podNode} -o name`).stdout).toBe(`node/${podNode}\n`);
  });

  it('describes a node as kubectl does: conditions, capacity, system info, and the pods on it against its allocatable', () => {
    // Source: KCTL:pkg/describe/describe.go describeNode, describeNodeLease, describeNodeResource;
    // apimachinery resource.Quantity String (canonical sums: 2200m, 1152Mi).
    const world = createDefaultWorld();
    const pod = run(world, 'get pods -n frontend -o jsonpath={.items[0].metadata.name}').stdout;
    const node = run(world, 'get pods -n frontend -o jsonpath={.items[0].spec.nodeName}').stdout;
    const text = run(world, `describe node ${node}`).stdout;
    expect(text.startsWith(`Name:               ${node}\nRoles:              <none>\nLabels:             beta.kubernetes.io/arch=amd64\n`)).toBe(true);
    expect(text).toContain('\nCreationTimestamp:  Sat, 28 Nov 2026 05:46:00 +0000\nTaints:             <none>\nUnschedulable:      false\nLease:\n');
    expect(text).toContain('\n  Ready                True    Sat, 28 Nov 2026 08:59:20 +0000   Sat, 28 Nov 2026 05:46:35 +0000   KubeletReady                 kubelet is posting ready status\n');
    expect(text).toContain('\nCapacity:\n  cpu:                4\n  ephemeral-storage:  98831908Ki\n  hugepages-1Gi:      0\n  hugepages-2Mi:      0\n  memory:             16393100Ki\n  pods:               110\n');
    // server 100m/64Mi (limits 200m/128Mi) plus istio-proxy 100m/128Mi (limits 2/1Gi), against 3920m and 13283724Ki.
    expect(text).toMatch(new RegExp(`\\n  frontend +${pod} +200m \\(5%\\) +2200m \\(56%\\) +192Mi \\(1%\\) +1152Mi \\(8%\\) +27m\\n`));
    expect(text).toMatch(/\nAllocated resources:\n {2}\(Total limits may be over 100 percent, i\.e\., overcommitted\.\)\n {2}Resource +Requests +Limits\n/);
    expect(text.endsWith('\nEvents:              <none>\n')).toBe(true);
  });

  it("reports the last hour's events from what the world did, and nothing older", () => {
    const world = createDefaultWorld();
    const pod = run(world, 'get pods -n frontend -o name').stdout.trim().replace('pod/', '');
    const rs = pod.replace(/-[^-]+$/, '');
    const lines = run(world, 'get events -n frontend').stdout.split('\n');
    expect(lines[0]).toBe('LAST SEEN   TYPE     REASON              OBJECT                           MESSAGE');
    expect(lines[1]).toMatch(new RegExp(`^27m {9}Normal {3}Scheduled {11}pod/${pod} {4}Successfully assigned frontend/${pod} to gke-boutique-default-pool-`));
    expect(lines).toContain(`27m         Normal   SuccessfulCreate    replicaset/${rs}   Created pod: ${pod}`);
    expect(lines).toContain(`27m         Normal   ScalingReplicaSet   deployment/frontend              Scaled up replica set ${rs} from 0 to 1`);
    expect(lines.some((l) => l.includes('Created container: server'))).toBe(true);
    expect(lines.some((l) => l.includes('Started container istio-proxy'))).toBe(true);
    // The cluster is 3h14m old: kube-system's own events have expired (--event-ttl 1h).
    expect(run(world, 'get ev -n kube-system')).toEqual({ stdout: '', stderr: 'No resources found in kube-system namespace.\n', code: 0 });
    const wide = run(world, 'get events -n frontend -o wide').stdout.split('\n');
    expect(wide[0]).toMatch(/^LAST SEEN {3}TYPE {5}REASON {14}OBJECT {27}SUBOBJECT {25}SOURCE +MESSAGE +FIRST SEEN {3}COUNT {3}NAME$/);
    expect(wide[1]).toContain(' default-scheduler, default-scheduler-gke-control-plane ');
    expect(wide[2]).toMatch(/ spec\.initContainers\{istio-init\} +kubelet, gke-boutique-default-pool-\S+ +Container image /);
  });

  it('records a rollout: the new ReplicaSet scaled up, the old one down', () => {
    const world = createDefaultWorld();
    run(world, 'rollout restart deployment/frontend -n frontend');
    const scaling = run(world, 'get events -n frontend').stdout.split('\n').filter((l) => l.includes('ScalingReplicaSet'));
    expect(scaling).toHaveLength(3);
    expect(scaling.some((l) => /Scaled down replica set frontend-\w+ from 1 to 0$/.test(l))).toBe(true);
  });
});

describe('kubectl events', () => {
  // Source: KCTL:pkg/cmd/events/events.go (Validate, Run, SortableEvents, decodeResourceTypeName) and event_printer.go.
  it('lists the namespace\'s events by time, with the object as Kind/name', () => {
    const world = createDefaultWorld();
    const lines = run(world, 'events -n frontend').stdout.split('\n');
    expect(lines[0]).toBe('LAST SEEN   TYPE     REASON              OBJECT                           MESSAGE');
    expect(lines[1]).toMatch(/^27m {9}Normal {3}SuccessfulCreate {4}ReplicaSet\/frontend-\w+ {3}Created pod: frontend-/);
    expect(lines.filter((l) => l.includes(' Pod/frontend-'))).toHaveLength(10);
    expect(run(world, 'events -n frontend --for deployment/frontend').stdout).toMatch(/^LAST SEEN {3}TYPE {5}REASON {14}OBJECT {16}MESSAGE\n27m {9}Normal {3}ScalingReplicaSet {3}Deployment\/frontend {3}Scaled up replica set frontend-\w+ from 0 to 1\n$/);
    const all = run(world, 'events -A').stdout.split('\n');
    expect(all[0]).toMatch(/^NAMESPACE {9}LAST SEEN {12}TYPE {5}REASON {14}OBJECT {40}MESSAGE$/);
    // testcurl's `sleep 600` restarts: the kubelet's repeated events are aggregated with a count.
    expect(all.some((l) => /^default +7m\d+s \(x3 over 27m\) +Normal +Started +Pod\/testcurl +Started container curl$/.test(l))).toBe(true);
  });

  it('says when nothing matches, and rejects bad --types and --for', () => {
    const world = createDefaultWorld();
    expect(run(world, 'events -A --types=Warning')).toEqual({ stdout: '', stderr: 'No events found.\n', code: 0 });
    expect(run(world, 'events -n frontend --for pod/nope')).toEqual({ stdout: '', stderr: 'No events found in frontend namespace.\n', code: 0 });
    expect(run(world, 'events --types=Bad')).toEqual({ stdout: '', stderr: 'error: valid --types are Normal or Warning\n', code: 1 });
    expect(run(world, 'events --for frontend')).toEqual({ stdout: '', stderr: 'error: --for must be in resource/name form\n', code: 1 });
    expect(run(world, 'events --for a/b/c').stderr).toBe('error: arguments in resource/name form may not have more than one slash\n');
  });
});

describe('ConfigMaps and Secrets a learner writes', () => {
  it('stores data as written, merges a Secret\'s stringData into base64 data, and replaces data on apply', () => {
    const world = createDefaultWorld();
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  user: admin\n';
    expect(run(world, 'create -f -', secret).stdout).toBe('secret/creds created\n');
    expect(run(world, 'get secret creds -o jsonpath={.type}/{.data.user}/{.stringData}').stdout).toBe('Opaque/YWRtaW4=/');
    expect(run(world, 'get secrets').stdout).toBe('NAME    TYPE     DATA   AGE\ncreds   Opaque   1      0s\n');
    const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n${data}`;
    expect(run(world, 'apply -f -', cm('  a: "1"\n  b: "2"\n')).stdout).toBe('configmap/app created\n');
    expect(run(world, 'get cm app').stdout).toBe('NAME   DATA   AGE\napp    2      0s\n');
    expect(run(world, 'apply -f -', cm('  a: "3"\n')).stdout).toBe('configmap/app configured\n');
    expect(run(world, 'get cm app -o jsonpath={.data}').stdout).toBe('{"a":"3"}');
    expect(run(world, 'apply -f -', cm('  a: "3"\n')).stdout).toBe('configmap/app unchanged\n');
  });
});

describe('kubectl delete of a controller-kept object', () => {
  it('deletes a ConfigMap or Endpoints its controller writes back at once, and says plainly what it cannot delete', () => {
    const world = createDefaultWorld();
    expect(run(world, 'delete cm kube-root-ca.crt')).toEqual({ stdout: 'configmap "kube-root-ca.crt" deleted\n', stderr: '', code: 0 });
    expect(run(world, 'get cm kube-root-ca.crt -o name').stdout).toBe('configmap/kube-root-ca.crt\n');
    expect(run(world, 'delete ep frontend -n frontend')).toEqual({ stdout: 'endpoints "frontend" deleted\n', stderr: ENDPOINTS_WARNING, code: 0 });
    expect(run(world, 'delete secret istio-ca-secret -n istio-system')).toEqual({ stdout: '', stderr: 'mtls-playground: deleting istiod\'s CA secret is not simulated; secret "istio-ca-secret" stays\n', code: 1 });
    expect(run(world, 'delete cm nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): configmaps "nope" not found\n', code: 1 });
  });
});

describe('kubectl get --field-selector', () => {
  // Sources: kubernetes pkg/registry/core/event/strategy.go ToSelectableFields, pkg/registry/core/pod
  // PodToSelectableFields, pkg/apis/core/v1/conversion.go (`field label not supported`), apimachinery
  // runtime/conversion.go DefaultMetaV1FieldSelectorConversion and fields/selector.go, cli-runtime
  // pkg/resource/helper.go EnhanceListError.
  it('filters events and pods by the fields their registries expose', () => {
    const world = createDefaultWorld();
    expect(run(world, 'get events -A --field-selector type=Warning')).toEqual({ stdout: '', stderr: 'No resources found\n', code: 0 });
    const byKind = run(world, 'get events -n frontend --field-selector involvedObject.kind=Deployment,reason=ScalingReplicaSet').stdout.split('\n');
    expect(byKind).toHaveLength(3);
    expect(byKind[1]).toMatch(/deployment\/frontend {3}Scaled up replica set frontend-\w+ from 0 to 1$/);
    const node = run(world, 'get pods -n frontend -o jsonpath={.items[0].spec.nodeName}').stdout;
    expect(run(world, `get pods -A --field-selector spec.nodeName=${node},status.phase=Running -o name`).stdout).toContain('pod/frontend-');
    expect(run(world, `get pods -A --field-selector spec.nodeName!=${node} -o name`).stdout).not.toContain(run(world, 'get pods -n frontend -o name').stdout.trim());
    expect(run(world, 'get cm -A --field-selector metadata.name=kube-root-ca.crt -o name').stdout.split('\n').every((l) => l === '' || l === 'configmap/kube-root-ca.crt')).toBe(true);
  });

  it("gives the server's BadRequest for a field the kind does not expose, and for a selector it cannot parse", () => {
    const world = createDefaultWorld();
    expect(run(world, 'get pods --field-selector foo=bar')).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n', code: 1 });
    expect(run(world, 'get cm -l a=b --field-selector foo=bar').stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "a=b", field selector "foo=bar": "foo" is not a known field selector: only "metadata.name", "metadata.namespace"\n');
    expect(run(world, 'get pods --field-selector foo').stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo": invalid selector: \'foo\'; can\'t understand \'foo\'\n');
    expect(run(world, 'get pods testcurl --field-selector status.phase=Running')).toEqual({ stdout: '', stderr: 'error: name cannot be provided when a selector is specified\n', code: 1 });
  });
});

describe('Tab completion of the kept objects', () => {
  it('offers the names of controller-kept objects', () => {
    const options = (line: string) => complete(createDefaultWorld(), new MemoryFs(), line).options;
    expect(options('kubectl get cm -n frontend ')).toEqual(['istio-ca-root-cert', 'kube-root-ca.crt']);
    expect(options('kubectl describe secret -n istio-system ')).toEqual(['istio-ca-secret']);
    expect(options('kubectl get nodes gke-boutique-default-pool-3f9b2c1e-m')).toEqual(['gke-boutique-default-pool-3f9b2c1e-m4xd']);
  });
});

describe('kubectl commands the simulator lacks', () => {
  it('says plainly that a real command is not simulated, and keeps unknown command for the rest', () => {
    const world = createDefaultWorld();
    expect(run(world, 'cp a b')).toEqual({ stdout: '', stderr: 'mtls-playground: "kubectl cp" exists in real kubectl but is not simulated here\n', code: 1 });
    expect(run(world, 'top pods').code).toBe(1);
    expect(run(world, 'rollout undo deployment/frontend -n frontend').stderr).toBe('mtls-playground: "kubectl rollout undo" exists in real kubectl but is not simulated here\n');
    expect(run(world, 'auth whoami').stderr).toBe('mtls-playground: "kubectl auth whoami" exists in real kubectl but is not simulated here\n');
    expect(run(world, 'gizmo')).toEqual({ stdout: '', stderr: 'error: unknown command "gizmo" for "kubectl"\nRun \'kubectl --help\' for usage.\n', code: 1 });
    // cobra suggests among all of kubectl's commands, sorted by name.
    expect(run(world, 'tpo').stderr).toBe('error: unknown command "tpo" for "kubectl"\n\nDid you mean this?\n\tcp\n\ttop\n');
  });
});
