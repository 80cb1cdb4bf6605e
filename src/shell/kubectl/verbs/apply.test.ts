/**
 * kubectl apply on objects that exist: a three-way comparison, as kubectl 1.33 makes it. Sources:
 * - KCTL  kubernetes/kubectl v0.33.13 pkg/cmd/apply/apply.go (`applyOneObject`: the
 *         `warningNoLastAppliedConfigAnnotation` text, `unchanged` when the patch is `{}`, else
 *         `configured`), patcher.go (`patchSimple`: strategic merge for built-in kinds, JSON merge
 *         patch otherwise), pkg/util/apply.go (`GetModifiedConfiguration`).
 * - AM    kubernetes/apimachinery v0.33.13 pkg/util/strategicpatch/patch.go
 *         (`CreateThreeWayMergePatch`, `diffLists`: `$setElementOrder`), pkg/util/jsonmergepatch.
 * - K8S   kubernetes/kubernetes pkg/apis/core/validation/validation.go `ValidatePodUpdate`
 *         (`updatablePodSpecFields`) and `ValidateContainerUpdates`.
 * The testcurl manifest is the tutorial's (shared/reference/tutorial.md step 5); the default world's
 * testcurl was not created by kubectl apply, so it has no last-applied annotation.
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import type { KubeObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';

function apply(world: World, manifest: string, ...flags: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', 'apply', '-f', '-', ...flags], { stdin: manifest });
  return { stdout, stderr, code: exitCode };
}

function kubectl(world: World, ...argv: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv]);
  return { stdout, stderr, code: exitCode };
}

const testcurl = (command = '["sleep","600"]', image = 'curlimages/curl', extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: testcurl
  namespace: default
  annotations:
    sidecar.istio.io/inject: "false"
spec:
  containers:
  - name: curl
    image: ${image}
    command: ${command}
${extra}`;

const peerAuthentication = (mode: string, selector = '') => `apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: namespace-policy
spec:
${selector}  mtls:
    mode: ${mode}
`;

const WARNING = (resource: string) =>
  `Warning: resource ${resource} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;

const POD_FORBIDDEN = 'The Pod "testcurl" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

const pod = (world: World, ns: string, name: string) => world.get('Pod', ns, name) as KubeObject;

describe('kubectl apply on an existing object', () => {
  it('re-applies the tutorial testcurl manifest: the missing annotation is patched (warning, configured), then unchanged', () => {
    const world = createDefaultWorld();
    expect(apply(world, testcurl())).toEqual({ stdout: 'pod/testcurl configured\n', stderr: WARNING('pods/testcurl'), code: 0 });
    // GetModifiedConfiguration: Go's encoding/json (sorted keys), the namespace set, and a newline.
    expect(pod(world, 'default', 'testcurl').metadata.annotations).toEqual({
      'sidecar.istio.io/inject': 'false',
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"sidecar.istio.io/inject":"false"},"name":"testcurl","namespace":"default"},"spec":{"containers":[{"command":["sleep","600"],"image":"curlimages/curl","name":"curl"}]}}\n',
    });
    expect(apply(world, testcurl())).toEqual({ stdout: 'pod/testcurl unchanged\n', stderr: '', code: 0 });
  });

  it('refuses a real change to an immutable pod field with the API server text, and patches nothing', () => {
    const world = createDefaultWorld();
    const before = pod(world, 'default', 'testcurl');
    expect(apply(world, testcurl('["sleep","3600"]'))).toEqual({ stdout: '', stderr: WARNING('pods/testcurl') + POD_FORBIDDEN, code: 1 });
    expect(pod(world, 'default', 'testcurl')).toBe(before);
    const extra = '  - name: second\n    image: busybox\n';
    expect(apply(world, testcurl(undefined, undefined, extra)).stderr).toBe(`${WARNING('pods/testcurl')}The Pod "testcurl" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n`);
  });

  it('allows what ValidatePodUpdate allows: a new image, new labels', () => {
    const world = createDefaultWorld();
    apply(world, testcurl());
    const labelled = testcurl(undefined, 'curlimages/curl:8.11.1').replace('  namespace: default\n', '  namespace: default\n  labels:\n    app: testcurl\n');
    expect(apply(world, labelled)).toEqual({ stdout: 'pod/testcurl configured\n', stderr: '', code: 0 });
    const after = pod(world, 'default', 'testcurl');
    expect(after.metadata.labels).toEqual({ app: 'testcurl' });
    expect((after.spec?.containers as { image: string }[])[0]?.image).toBe('curlimages/curl:8.11.1');
    expect(after.spec?.nodeName).toBeDefined();
  });

  it('compares every kind the same way: created, unchanged, configured', () => {
    const world = createDefaultWorld();
    expect(apply(world, peerAuthentication('STRICT'), '-n', 'frontend').stdout).toBe('peerauthentication.security.istio.io/namespace-policy created\n');
    const created = world.get('PeerAuthentication', 'frontend', 'namespace-policy') as KubeObject;
    expect(apply(world, peerAuthentication('STRICT'), '-n', 'frontend')).toEqual({ stdout: 'peerauthentication.security.istio.io/namespace-policy unchanged\n', stderr: '', code: 0 });
    expect(world.get('PeerAuthentication', 'frontend', 'namespace-policy')).toBe(created);
    expect(apply(world, peerAuthentication('PERMISSIVE'), '-n', 'frontend').stdout).toBe('peerauthentication.security.istio.io/namespace-policy configured\n');
    expect(kubectl(world, 'get', 'pa', '-n', 'frontend', '-o', 'jsonpath={.items[0].spec.mtls.mode} {.items[0].metadata.generation}').stdout).toBe('PERMISSIVE 2');
  });

  it('removes what the last applied manifest had and the new one drops, and keeps what others added', () => {
    const world = createDefaultWorld();
    apply(world, peerAuthentication('STRICT', '  selector:\n    matchLabels:\n      app: frontend\n'), '-n', 'frontend');
    kubectl(world, 'label', 'pa', 'namespace-policy', 'team=web', '-n', 'frontend');
    expect(apply(world, peerAuthentication('STRICT'), '-n', 'frontend').stdout).toBe('peerauthentication.security.istio.io/namespace-policy configured\n');
    const pa = world.get('PeerAuthentication', 'frontend', 'namespace-policy') as KubeObject;
    expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(pa.metadata.labels).toEqual({ team: 'web' });
    // The label is not part of any applied configuration, so it is no change.
    expect(apply(world, peerAuthentication('STRICT'), '-n', 'frontend').stdout).toBe('peerauthentication.security.istio.io/namespace-policy unchanged\n');
  });

  it('drops a spec the new manifest leaves out', () => {
    const world = createDefaultWorld();
    apply(world, peerAuthentication('STRICT'), '-n', 'frontend');
    const bare = 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: namespace-policy\n';
    expect(apply(world, bare, '-n', 'frontend').stdout).toBe('peerauthentication.security.istio.io/namespace-policy configured\n');
    expect((world.get('PeerAuthentication', 'frontend', 'namespace-policy') as KubeObject).spec).toBeUndefined();
  });

  it('ignores what the API server defaulted (a Service\'s clusterIP, protocol, nodePort)', () => {
    const world = createDefaultWorld();
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: frontend\n  namespace: frontend\nspec:\n  selector:\n    app: frontend\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n';
    expect(apply(world, service)).toEqual({ stdout: 'service/frontend configured\n', stderr: WARNING('services/frontend'), code: 0 });
    expect(apply(world, service)).toEqual({ stdout: 'service/frontend unchanged\n', stderr: '', code: 0 });
  });

  it('sees a new order of a merge list as a change: a pod given a sidecar is configured on every apply ($setElementOrder)', () => {
    const world = createDefaultWorld();
    const meshed = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: meshed\n  namespace: frontend\nspec:\n  containers:\n  - name: app\n    image: nginx\n';
    expect(apply(world, meshed).stdout).toBe('pod/meshed created\n');
    expect((pod(world, 'frontend', 'meshed').spec?.containers as unknown[]).length).toBe(2);
    expect(apply(world, meshed)).toEqual({ stdout: 'pod/meshed configured\n', stderr: '', code: 0 });
  });

  it('needs no warning after create --save-config, and says (server dry run) or (dry run) without writing', () => {
    const world = createDefaultWorld();
    const created = runHandler(createKubectl(servicesFor(world)), ['kubectl', 'create', '--save-config', '-f', '-', '-n', 'frontend'], { stdin: peerAuthentication('STRICT') });
    expect(created.stdout).toBe('peerauthentication.security.istio.io/namespace-policy created\n');
    expect(apply(world, peerAuthentication('STRICT'), '-n', 'frontend')).toEqual({ stdout: 'peerauthentication.security.istio.io/namespace-policy unchanged\n', stderr: '', code: 0 });
    expect(apply(world, peerAuthentication('DISABLE'), '-n', 'frontend', '--dry-run=server').stdout).toBe('peerauthentication.security.istio.io/namespace-policy configured (server dry run)\n');
    expect(apply(world, peerAuthentication('DISABLE'), '-n', 'frontend', '--dry-run=client').stdout).toBe('peerauthentication.security.istio.io/namespace-policy configured (dry run)\n');
    expect((world.get('PeerAuthentication', 'frontend', 'namespace-policy') as KubeObject).spec).toEqual({ mtls: { mode: 'STRICT' } });
  });
});

describe('kubectl apply: empty input and duplicate keys', () => {
  it('says `no objects passed to apply` (or create) when the stream holds no object, exit 1 (KCTL apply.go `Run`, create.go `RunCreate`)', () => {
    const world = createDefaultWorld();
    expect(apply(world, '')).toEqual({ stdout: '', stderr: 'error: no objects passed to apply\n', code: 1 });
    expect(apply(world, '---\n# only a comment\n---\n')).toEqual({ stdout: '', stderr: 'error: no objects passed to apply\n', code: 1 });
    const { stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', 'create', '-f', '-'], { stdin: '\n' });
    expect({ stderr, exitCode }).toEqual({ stderr: 'error: no objects passed to create\n', exitCode: 1 });
  });

  it('keeps the last of duplicate keys, as sigs.k8s.io/yaml YAMLToJSON does (yaml.v2 non-strict: "Duplicate fields are … ignored"), so no YAML error', () => {
    const world = createDefaultWorld();
    const manifest = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: first\n  name: second\nspec:\n  ports:\n  - port: 80\n';
    expect(apply(world, manifest)).toEqual({ stdout: 'service/second created\n', stderr: '', code: 0 });
    expect(world.get('Service', 'default', 'first')).toBeUndefined();
  });
});

describe('kubectl apply of a new Deployment', () => {
  it('defaults spec.replicas to 1, as the API server does (apps/v1 SetDefaults_Deployment)', () => {
    const world = createDefaultWorld();
    const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n';
    expect(apply(world, manifest).stdout).toBe('deployment.apps/web created\n');
    expect(kubectl(world, 'get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}').stdout).toBe('1');
    expect(kubectl(world, 'get', 'deploy', 'web').stdout).toMatch(/^web\s+1\/1\s+1\s+1\s/m);
  });
});
