import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import { newMeta } from '../../../domain/cluster/newMeta.ts';
import type { JsonObject, KubeObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { createKubectl } from '../kubectl.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';

/** Runs one kubectl command (argv as the shell would pass it) against `world`. */
function kubectl(world: World, ...argv: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv]);
  return { stdout, stderr, code: exitCode };
}

/** Container ids, image digests and the token volume's random suffix vary; the layout does not. */
function normalise(text: string): string {
  return text.replace(/[0-9a-f]{64}/g, '<sha>').replace(/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-<id>');
}

function putPolicy(world: World, ns: string, name: string, spec: JsonObject): KubeObject {
  const obj: KubeObject = { apiVersion: 'security.istio.io/v1beta1', kind: 'PeerAuthentication', metadata: newMeta(world, name, ns, { createdAt: world.nowSeconds() - 60 }), spec };
  world.put(obj);
  return obj;
}

describe('kubectl describe', () => {
  it('describes testcurl like kubectl 1.33, restarts included', () => {
    const world = createDefaultWorld();
    const pod = world.get('Pod', 'default', 'testcurl') as KubeObject;
    const ip = pod.status?.podIP as string;
    const r = kubectl(world, 'describe', 'pod', 'testcurl');
    expect(r.code).toBe(0);
    expect(normalise(r.stdout)).toBe(`Name:             testcurl
Namespace:        default
Priority:         0
Service Account:  default
Node:             ${pod.spec?.nodeName as string}/${pod.status?.hostIP as string}
Start Time:       Sat, 28 Nov 2026 08:32:55 +0000
Labels:           <none>
Annotations:      sidecar.istio.io/inject: false
Status:           Running
IP:               ${ip}
IPs:
  IP:  ${ip}
Containers:
  curl:
    Container ID:  containerd://<sha>
    Image:         curlimages/curl
    Image ID:      docker.io/curlimages/curl@sha256:<sha>
    Port:          <none>
    Host Port:     <none>
    Command:
      sleep
      600
    State:          Running
      Started:      Sat, 28 Nov 2026 08:52:55 +0000
    Last State:     Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Sat, 28 Nov 2026 08:42:55 +0000
      Finished:     Sat, 28 Nov 2026 08:52:55 +0000
    Ready:          True
    Restart Count:  2
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-<id> (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-<id>:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age                 From               Message
  ----    ------     ----                ----               -------
  Normal  Scheduled  27m                 default-scheduler  Successfully assigned default/testcurl to gke-boutique-default-pool-3f9b2c1e-vz8h
  Normal  Pulled     27m                 kubelet            Successfully pulled image "curlimages/curl" in 2.551s (2.551s including waiting). Image size: 7693448 bytes.
  Normal  Pulled     17m                 kubelet            Successfully pulled image "curlimages/curl" in 1.147s (1.147s including waiting). Image size: 7693448 bytes.
  Normal  Pulling    7m4s (x3 over 27m)  kubelet            Pulling image "curlimages/curl"
  Normal  Created    7m4s (x3 over 27m)  kubelet            Created container: curl
  Normal  Started    7m4s (x3 over 27m)  kubelet            Started container curl
  Normal  Pulled     7m4s                kubelet            Successfully pulled image "curlimages/curl" in 1.208s (1.208s including waiting). Image size: 7693448 bytes.
`);
  });

  it('lists several labels one per line under the first, and long annotations below their key', () => {
    const world = createDefaultWorld();
    const pod = world.list('Pod', 'frontend')[0] as KubeObject;
    const out = kubectl(world, 'describe', 'pod', pod.metadata.name, '-n', 'frontend').stdout;
    expect(out).toContain(`Labels:           app=frontend
                  pod-template-hash=${pod.metadata.labels['pod-template-hash'] as string}
                  security.istio.io/tlsMode=istio
`);
    expect(out).toContain('                  sidecar.istio.io/status:\n                    {"initContainers":["istio-init"],"containers":["istio-proxy"],');
    expect(out).toMatch(/"istio-env\.\.\.\n/);
    expect(out).toContain(`IPs:\n  IP:           ${pod.status?.podIP as string}\nControlled By:  ReplicaSet/${pod.metadata.ownerReferences?.[0]?.name as string}\n`);
    expect(out).toContain('  istio-proxy:\n');
    expect(out).toContain('    Args:\n      proxy\n      sidecar\n');
    expect(out).toContain('    Limits:\n      cpu:     200m\n      memory:  128Mi\n    Requests:\n      cpu:     100m\n      memory:  64Mi\n');
    expect(out).toContain('QoS Class:                   Burstable\n');
  });

  it('describes a LoadBalancer Service with its endpoints', () => {
    const world = createDefaultWorld();
    const pod = world.list('Pod', 'frontend')[0] as KubeObject;
    expect(kubectl(world, 'describe', 'svc', 'frontend-external', '-n', 'frontend')).toEqual({
      stdout: `Name:                     frontend-external
Namespace:                frontend
Labels:                   <none>
Annotations:              <none>
Selector:                 app=frontend
Type:                     LoadBalancer
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       34.118.233.103
IPs:                      34.118.233.103
LoadBalancer Ingress:     35.202.118.74 (VIP)
Port:                     http  80/TCP
TargetPort:               8080/TCP
NodePort:                 http  31562/TCP
Endpoints:                ${pod.status?.podIP as string}:8080
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`,
      stderr: '',
      code: 0,
    });
  });

  it('describes a namespace', () => {
    expect(kubectl(createDefaultWorld(), 'describe', 'namespace', 'frontend').stdout).toBe(`Name:         frontend
Labels:       istio-injection=enabled
              kubernetes.io/metadata.name=frontend
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });

  it('describes a PeerAuthentication with the generic CRD layout', () => {
    const world = createDefaultWorld();
    const pa = putPolicy(world, 'frontend', 'namespace-policy', { mtls: { mode: 'STRICT' } });
    expect(kubectl(world, 'describe', 'pa', 'namespace-policy', '-n', 'frontend').stdout).toBe(`Name:         namespace-policy
Namespace:    frontend
Labels:       <none>
Annotations:  <none>
API Version:  security.istio.io/v1
Kind:         PeerAuthentication
Metadata:
  Creation Timestamp:  2026-11-28T08:59:00Z
  Generation:          1
  Resource Version:    ${pa.metadata.resourceVersion}
  UID:                 ${pa.metadata.uid}
Spec:
  Mtls:
    Mode:  STRICT
Events:    <none>
`);
  });

  it('nests maps and lists of a VirtualService and Gateway spec', () => {
    const world = createDefaultWorld();
    const vs = kubectl(world, 'describe', 'virtualservice/frontend-ingress', '-n', 'frontend').stdout;
    expect(vs).toContain(`Spec:
  Gateways:
    frontend-gateway
  Hosts:
    *
  Http:
    Route:
      Destination:
        Host:  frontend
        Port:
          Number:  80
Events:            <none>
`);
    const gw = kubectl(world, 'describe', 'gw', 'frontend-gateway', '-n', 'frontend').stdout;
    expect(gw).toContain('Spec:\n  Selector:\n    Istio:  ingressgateway\n  Servers:\n    Hosts:\n      *\n    Port:\n      Name:      http\n      Number:    80\n      Protocol:  HTTP\n');
  });

  it('describes a Deployment with its pod template and ReplicaSets', () => {
    const world = createDefaultWorld();
    const rs = world.list('ReplicaSet', 'frontend')[0] as KubeObject;
    const out = kubectl(world, 'describe', 'deployment', 'frontend', '-n', 'frontend').stdout;
    expect(out.startsWith(`Name:                   frontend
Namespace:              frontend
CreationTimestamp:      Sat, 28 Nov 2026 08:32:55 +0000
Labels:                 <none>
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=frontend
Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:           app=frontend
  Annotations:      sidecar.istio.io/rewriteAppHTTPProbers: true
  Service Account:  frontend
  Containers:
   server:
    Image:      gcr.io/google-samples/microservices-demo/frontend:v0.9.0
    Port:       8080/TCP
    Host Port:  0/TCP
`)).toBe(true);
    expect(out.endsWith(`Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   ${rs.metadata.name} (1/1 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  27m   deployment-controller  Scaled up replica set ${rs.metadata.name} from 0 to 1
`)).toBe(true);
  });

  it('separates several objects with two blank lines', () => {
    const world = createDefaultWorld();
    const out = kubectl(world, 'describe', 'svc', '-n', 'frontend').stdout;
    expect(out).toContain('Events:                   <none>\n\n\nName:                     frontend-external\n');
  });

  it('falls back to a name prefix when no object has the exact name', () => {
    const world = createDefaultWorld();
    const out = kubectl(world, 'describe', 'pods', 'frontend', '-n', 'frontend');
    expect(out.stdout.startsWith(`Name:             ${(world.list('Pod', 'frontend')[0] as KubeObject).metadata.name}\n`)).toBe(true);
    // The pod's events of the last hour (describe.go DescribeEvents), the last one its sidecar's start.
    expect(out.stdout).toMatch(/\nEvents:\n {2}Type {4}Reason {5}Age {3}From {15}Message\n/);
    expect(out.stdout.endsWith('  Normal  Started    27m   kubelet            Started container istio-proxy\n\n')).toBe(true);
    expect(out.code).toBe(0);
  });

  it('filters with -l', () => {
    const out = kubectl(createDefaultWorld(), 'describe', 'svc', '-A', '-l', 'app=istio-ingressgateway').stdout;
    expect(out.startsWith('Name:                     istio-ingressgateway\nNamespace:                istio-system\nLabels:                   app=istio-ingressgateway\n                          istio=ingressgateway\n')).toBe(true);
    expect(out).toContain('Port:                     status-port  15021/TCP\nTargetPort:               15021/TCP\nNodePort:                 status-port  30954/TCP\n');
  });

  it('fails like kubectl', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'describe')).toEqual({
      stdout: '',
      stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
      code: 1,
    });
    expect(kubectl(world, 'describe', 'pod', 'ghost')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "ghost" not found\n', code: 1 });
    expect(kubectl(world, 'describe', 'peerauth', 'x').stderr).toBe('error: the server doesn\'t have a resource type "peerauth"\n');
    expect(kubectl(world, 'describe', 'pa', '-n', 'frontend')).toEqual({ stdout: '', stderr: 'No resources found in frontend namespace.\n', code: 0 });
    expect(kubectl(world, 'describe', 'pa', '-A')).toEqual({ stdout: '', stderr: 'No resources found\n', code: 0 });
  });
});
