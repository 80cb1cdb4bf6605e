import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import { podServiceAccount } from '../../../domain/cluster/pods.ts';
import type { World } from '../../../domain/world.ts';
import { SimSession } from '../../session.ts';
import { argvOf, runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';

function kubectl(world: World, line: string, stdin?: string) {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), argvOf(line), stdin === undefined ? {} : { stdin });
  return { stdout, stderr, exitCode };
}

const text = (r: { chunks: { text: string }[] }) => r.chunks.map((c) => c.text).join('');

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: reporter\n  namespace: frontend\nspec:\n  serviceAccountName: reports\n  containers:\n  - name: app\n    image: curlimages/curl:8.11.1\n';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reporter
  namespace: frontend
spec:
  replicas: 1
  selector:
    matchLabels: {app: reporter}
  template:
    metadata:
      labels: {app: reporter}
    spec:
      serviceAccountName: reports
      containers:
      - name: app
        image: curlimages/curl:8.11.1
`;

// kubernetes plugin/pkg/admission/serviceaccount/admission.go: a pod naming a missing account is forbidden.
describe('the ServiceAccount admission plugin', () => {
  it('refuses a bare Pod whose ServiceAccount does not exist', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'kubectl apply -f -', POD)).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "reporter" is forbidden: error looking up service account frontend/reports: serviceaccount "reports" not found\n',
      exitCode: 1,
    });
    expect(world.get('Pod', 'frontend', 'reporter')).toBeUndefined();
    kubectl(world, 'kubectl create sa reports -n frontend');
    expect(kubectl(world, 'kubectl apply -f -', POD)).toEqual({ stdout: 'pod/reporter created\n', stderr: '', exitCode: 0 });
  });

  it("leaves a Deployment's ReplicaSet without pods and records FailedCreate, until the account is created", () => {
    const session = new SimSession();
    const world = () => session.world;
    session.fs.writeFile('reporter.yaml', DEPLOYMENT);
    expect(text(session.run('kubectl apply -f reporter.yaml'))).toBe('deployment.apps/reporter created\n');
    const rs = world().list('ReplicaSet', 'frontend').find((r) => r.metadata.name.startsWith('reporter-'));
    const rsName = rs?.metadata.name ?? '';
    expect(world().list('Pod', 'frontend').filter((p) => p.metadata.name.startsWith('reporter-'))).toHaveLength(0);
    const refusal = `pods "${rsName}-" is forbidden: error looking up service account frontend/reports: serviceaccount "reports" not found`;
    expect(text(session.run('kubectl get deploy reporter -n frontend --no-headers'))).toMatch(/^reporter +0\/1 +0 +0 +\d+s\n$/);
    expect(text(session.run('kubectl get events -n frontend --field-selector reason=FailedCreate --no-headers'))).toMatch(
      new RegExp(`^\\d+s +Warning +FailedCreate +replicaset/${rsName} +Error creating: ${refusal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\n$`),
    );
    expect(text(session.run('kubectl describe deploy reporter -n frontend'))).toContain(
      '  Type             Status  Reason\n  ----             ------  ------\n  Progressing      True    NewReplicaSetCreated\n  Available        False   MinimumReplicasUnavailable\n  ReplicaFailure   True    FailedCreate\n',
    );
    expect(text(session.run('kubectl create serviceaccount reports -n frontend'))).toBe('serviceaccount/reports created\n');
    const pods = world().list('Pod', 'frontend').filter((p) => p.metadata.name.startsWith(`${rsName}-`));
    expect(pods.map(podServiceAccount)).toEqual(['reports']);
    expect(text(session.run('kubectl get deploy reporter -n frontend --no-headers'))).toMatch(/^reporter +1\/1 +1 +1 +\d+s\n$/);
  });

  it("gives a Deployment switched to a new account new pods with the new SPIFFE identity, in the proxy's certificate and the handshake", () => {
    const session = new SimSession();
    session.run('kubectl create serviceaccount shop -n frontend');
    expect(text(session.run(`kubectl patch deployment frontend -n frontend -p '{"spec":{"template":{"spec":{"serviceAccountName":"shop"}}}}'`))).toBe('deployment.apps/frontend patched\n');
    const pods = session.world.list('Pod', 'frontend');
    expect(pods.map(podServiceAccount)).toEqual(['shop']);
    const dump = JSON.parse(text(session.run(`istioctl proxy-config secret ${pods[0]?.metadata.name ?? ''}.frontend -o json`))) as { dynamicActiveSecrets: { name: string; secret: { tlsCertificate?: { certificateChain: { inlineBytes: string } } } }[] };
    const chain = dump.dynamicActiveSecrets.find((s) => s.name === 'default')?.secret.tlsCertificate?.certificateChain.inlineBytes ?? '';
    // The leaf is the chain's first PEM block; its SAN URI is the SPIFFE ID, in plain ASCII in the DER.
    const der = atob((atob(chain).split('-----END CERTIFICATE-----')[0] ?? '').replace(/-----[A-Z ]+-----|\s/g, ''));
    expect(der).toContain('spiffe://cluster.local/ns/frontend/sa/shop');
    expect(der).not.toContain('spiffe://cluster.local/ns/frontend/sa/frontend');
    const run = session.run('kubectl exec testcurl -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local/');
    const clientIds = run.traces.flatMap((t) => t.hops).flatMap((h) => h.handshake).filter((step) => step.kind === 'client_certificate').map((step) => step.data?.spiffe);
    expect(clientIds.length).toBeGreaterThan(0);
    expect(new Set(clientIds)).toEqual(new Set(['spiffe://cluster.local/ns/frontend/sa/shop']));
  });
});
