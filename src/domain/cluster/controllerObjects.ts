import { type JsonObject, type KubeObject, getPath, getString, isJsonObject } from '../objects.ts';
import { clusterCaCertificate, uuidFrom } from '../pki/clusterCaCertificate.ts';
import { concatBytes, integer, tlv } from '../pki/der.ts';
import { istioCaKey } from '../pki/keys.ts';
import { base64Encode, pemEncode } from '../pki/pem.ts';
import { rootCertificate } from '../pki/rootCertificate.ts';
import type { World } from '../world.ts';
import { NODES } from './addresses.ts';
import { resolveTargetPort, servicePorts, serviceEndpoints, serviceSelector } from './services.ts';

/** The kinds whose objects controllers keep in step with the world, rather than the learner. */
export const CONTROLLER_KINDS: ReadonlySet<string> = new Set(['ConfigMap', 'Secret', 'Endpoints', 'EndpointSlice', 'Event', 'Node']);

/** What the world does not know about the control plane, given by the caller (the kubeconfig's). */
export interface ControllerContext {
  /** The API server's address, the `kubernetes` Service's only endpoint. */
  apiServerIp: string;
}

/** Namespaces Istio's namespace controller leaves alone (istio pkg/kube/inject/initializer.go IgnoredNamespaces). */
const ISTIO_IGNORED = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/** Events older than this are gone (kube-apiserver --event-ttl, 1h by default and on GKE). */
const EVENT_TTL = 3600;

/** The node pool's version and images (GKE 1.33, Container-Optimized OS with containerd). */
const NODE_INFO = {
  architecture: 'amd64',
  containerRuntimeVersion: 'containerd://2.0.6',
  kernelVersion: '6.6.97+',
  kubeProxyVersion: '',
  kubeletVersion: 'v1.33.4-gke.1245000',
  operatingSystem: 'linux',
  osImage: 'Container-Optimized OS from Google',
};

const rfc3339 = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Metadata of a controller-made object: stable uid and resourceVersion, drawn from no random source. */
function meta(kind: string, name: string, namespace: string | undefined, createdAt: number, labels: Record<string, string> = {}, annotations: Record<string, string> = {}) {
  const uid = uuidFrom(`${kind}/${namespace ?? ''}/${name}/${createdAt}`);
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    uid,
    creationTimestamp: createdAt,
    generation: 0,
    resourceVersion: String(parseInt(uid.slice(0, 7), 16) % 9_000_000 + 1_000_000),
    labels,
    annotations,
  };
}

/** `p`-`q` PKCS #1 RSAPrivateKey, the `ca-key.pem` istiod writes (istio util.GenCertKeyFromOptions). */
function istioCaKeyPem(): string {
  const k = istioCaKey();
  const der = tlv(0x30, concatBytes([0n, k.n, k.e, k.d, k.p, k.q, k.dp, k.dq, k.qInv].map(integer)));
  return pemEncode('RSA PRIVATE KEY', der);
}

function configMaps(world: World, ns: KubeObject): KubeObject[] {
  const name = ns.metadata.name;
  const out: KubeObject[] = [{
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('ConfigMap', 'kube-root-ca.crt', name, ns.metadata.creationTimestamp, {}, { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' }),
    fields: { data: { 'ca.crt': clusterCaCertificate(world).pem } },
  }];
  const meshRoot = world.get('Namespace', '', world.rootNamespace);
  if (meshRoot && !ISTIO_IGNORED.has(name)) {
    // istiod's namespace controller writes the mesh root into every namespace it watches.
    out.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('ConfigMap', 'istio-ca-root-cert', name, Math.max(ns.metadata.creationTimestamp, meshRoot.metadata.creationTimestamp), { 'istio.io/config': 'true' }),
      fields: { data: { 'root-cert.pem': rootCertificate(world).pem } },
    });
  }
  return out;
}

/** istiod's self-signed CA, persisted as istio security/pkg/pki/ca/ca.go BuildSecret writes it. */
function istioCaSecret(world: World): KubeObject | undefined {
  const ns = world.get('Namespace', '', world.rootNamespace);
  if (!ns) return undefined;
  const root = rootCertificate(world);
  const b64 = (text: string) => base64Encode(new TextEncoder().encode(text));
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('Secret', 'istio-ca-secret', world.rootNamespace, ns.metadata.creationTimestamp),
    fields: {
      data: { 'ca-cert.pem': b64(root.pem), 'ca-key.pem': b64(istioCaKeyPem()), 'cert-chain.pem': '', 'key.pem': '', 'root-cert.pem': b64(root.pem) },
      type: 'istio.io/ca-root',
    },
  };
}

function nodes(world: World): KubeObject[] {
  const born = world.get('Namespace', '', 'kube-system')?.metadata.creationTimestamp ?? world.nowSeconds();
  const { zone } = world.cluster;
  const region = zone.replace(/-[a-z]$/, '');
  return NODES.map((node, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta('Node', node.name, undefined, born, {
      'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/instance-type': 'e2-standard-4', 'beta.kubernetes.io/os': 'linux',
      'cloud.google.com/gke-boot-disk': 'pd-balanced', 'cloud.google.com/gke-container-runtime': 'containerd',
      'cloud.google.com/gke-nodepool': 'default-pool', 'cloud.google.com/gke-os-distribution': 'cos', 'cloud.google.com/machine-family': 'e2',
      'failure-domain.beta.kubernetes.io/region': region, 'failure-domain.beta.kubernetes.io/zone': zone,
      'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': 'e2-standard-4', 'topology.kubernetes.io/region': region, 'topology.kubernetes.io/zone': zone,
    }, {
      'container.googleapis.com/instance_id': String(BigInt(`0x${uuidFrom(`instance/${node.name}`).replace(/-/g, '').slice(0, 15)}`)),
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    }),
    spec: { podCIDR: `${node.podRange}.0/24`, podCIDRs: [`${node.podRange}.0/24`], providerID: `gce://${world.cluster.project}/${zone}/${node.name}` },
    status: {
      addresses: [{ address: node.ip, type: 'InternalIP' }, { address: `34.136.${40 + i}.${17 + 11 * i}`, type: 'ExternalIP' }, { address: node.name, type: 'Hostname' }],
      allocatable: { cpu: '3920m', 'ephemeral-storage': '47060071478', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '13283724Ki', pods: '110' },
      capacity: { cpu: '4', 'ephemeral-storage': '98831908Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16393100Ki', pods: '110' },
      conditions: nodeConditions(world.nowSeconds(), born),
      nodeInfo: { ...NODE_INFO, bootID: uuidFrom(`boot/${node.name}`), machineID: uuidFrom(`machine/${node.name}`).replace(/-/g, ''), systemUUID: uuidFrom(`system/${node.name}`) },
    },
  }));
}

/** The conditions the route controller and the kubelet report on a healthy GKE node (kubelet setters.go messages). */
function nodeConditions(now: number, born: number): JsonObject[] {
  const heartbeat = rfc3339(now - 40);
  const condition = (type: string, status: string, reason: string, message: string, since: number): JsonObject => ({
    lastHeartbeatTime: type === 'NetworkUnavailable' ? rfc3339(since) : heartbeat, lastTransitionTime: rfc3339(since), message, reason, status, type,
  });
  return [
    condition('NetworkUnavailable', 'False', 'RouteCreated', 'NodeController create implicit route', born + 50),
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', born + 20),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', born + 20),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', born + 20),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', born + 35),
  ];
}

interface Backend {
  ip: string;
  pod?: KubeObject;
}

/** The Service's backends and ports as the endpoint controllers see them (the apiserver's own for `kubernetes`). */
function backendsOf(world: World, svc: KubeObject, ctx: ControllerContext): { backends: Backend[]; ports: JsonObject[] } | undefined {
  const selector = serviceSelector(svc);
  const isApiServer = svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes';
  if (isApiServer) return { backends: [{ ip: ctx.apiServerIp }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] };
  if (Object.keys(selector).length === 0) return undefined;
  const pods = serviceEndpoints(world, svc).filter((p) => getString(p.status, 'podIP'));
  const ports = servicePorts(svc).map((p): JsonObject => {
    const first = pods[0];
    const target = first ? resolveTargetPort(p, first) : typeof p.targetPort === 'number' ? p.targetPort : undefined;
    return { ...(p.name !== undefined ? { name: p.name } : {}), port: target ?? p.port, protocol: p.protocol };
  });
  return { backends: pods.map((pod) => ({ ip: getString(pod.status, 'podIP') ?? '', pod })), ports };
}

const targetRef = (pod: KubeObject): JsonObject => ({ kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace ?? '', uid: pod.metadata.uid });

function endpoints(world: World, svc: KubeObject, ctx: ControllerContext): KubeObject | undefined {
  const found = backendsOf(world, svc, ctx);
  if (!found) return undefined;
  const { backends, ports } = found;
  // The endpoints controller repacks subsets with addresses sorted by IP, bytewise (endpoints.RepackSubsets, LessEndpointAddress).
  const addresses = [...backends].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0))
    .map((b): JsonObject => ({ ip: b.ip, ...(b.pod ? { nodeName: getString(b.pod.spec, 'nodeName') ?? '', targetRef: targetRef(b.pod) } : {}) }));
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('Endpoints', svc.metadata.name, svc.metadata.namespace, svc.metadata.creationTimestamp, { ...svc.metadata.labels }),
    fields: backends.length ? { subsets: [{ addresses, ports }] } : {},
  };
}

function endpointSlice(world: World, svc: KubeObject, ctx: ControllerContext): KubeObject | undefined {
  const found = backendsOf(world, svc, ctx);
  if (!found) return undefined;
  const isApiServer = Object.keys(serviceSelector(svc)).length === 0;
  const suffix = uuidFrom(`slice/${svc.metadata.uid}`).replace(/[^b-df-hj-np-tv-z2-9]/g, '').slice(0, 5).padEnd(5, 'x');
  const name = isApiServer ? svc.metadata.name : `${svc.metadata.name}-${suffix}`;
  const labels = isApiServer
    ? { 'kubernetes.io/service-name': svc.metadata.name }
    : { ...svc.metadata.labels, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': svc.metadata.name };
  const zone = world.cluster.zone;
  const endpoints = found.backends.map((b): JsonObject => ({
    addresses: [b.ip],
    conditions: { ready: true, serving: true, terminating: false },
    ...(b.pod ? { nodeName: getString(b.pod.spec, 'nodeName') ?? '', targetRef: targetRef(b.pod), zone } : {}),
  }));
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      ...meta('EndpointSlice', name, svc.metadata.namespace, svc.metadata.creationTimestamp, labels),
      ...(isApiServer ? {} : { generateName: `${svc.metadata.name}-`, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }] }),
    },
    fields: { addressType: 'IPv4', endpoints: endpoints.length ? endpoints : null, ports: found.ports },
  };
}

interface EventSpec {
  at: number;
  /** The last time the event recurred, when it recurred (count > 1). */
  lastAt?: number;
  count?: number;
  involved: KubeObject;
  reason: string;
  message: string;
  component: string;
  host?: string;
  fieldPath?: string;
  /** A Warning (a refusal, a failure); Normal otherwise. */
  warning?: boolean;
}

/** A core/v1 Event as `kubectl get events -o yaml` shows one; the scheduler's come from events.k8s.io (eventTime only). */
function event(spec: EventSpec, seq: number): KubeObject {
  const ns = spec.involved.metadata.namespace ?? 'default';
  const nanos = BigInt(spec.at) * 1_000_000_000n + BigInt(seq) * 1_048_576n + 123_456_789n;
  const name = `${spec.involved.metadata.name}.${nanos.toString(16)}`;
  const involvedObject: JsonObject = {
    apiVersion: spec.involved.apiVersion,
    ...(spec.fieldPath ? { fieldPath: spec.fieldPath } : {}),
    kind: spec.involved.kind,
    name: spec.involved.metadata.name,
    namespace: ns,
    resourceVersion: spec.involved.metadata.resourceVersion,
    uid: spec.involved.metadata.uid,
  };
  const scheduler = spec.component === 'default-scheduler';
  const fields: JsonObject = scheduler
    ? {
      action: 'Binding', eventTime: new Date(spec.at * 1000 + 210).toISOString().replace('Z', '000Z'), firstTimestamp: null, involvedObject, lastTimestamp: null,
      message: spec.message, reason: spec.reason, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-gke-control-plane', source: {}, type: 'Normal',
    }
    : {
      count: spec.count ?? 1, eventTime: null, firstTimestamp: rfc3339(spec.at), involvedObject, lastTimestamp: rfc3339(spec.lastAt ?? spec.at), message: spec.message, reason: spec.reason,
      reportingComponent: spec.component, reportingInstance: spec.host ?? '', source: { component: spec.component, ...(spec.host ? { host: spec.host } : {}) }, type: spec.warning ? 'Warning' : 'Normal',
    };
  return { apiVersion: 'v1', kind: 'Event', metadata: meta('Event', name, ns, spec.at), fields };
}

interface ContainerFacts {
  name: string;
  image: string;
  path: string;
  /** imagePullPolicy, defaulted as the API server does (Always for `:latest` or no tag). */
  pullAlways: boolean;
  /** N for a container that runs `sleep N` and exits (restarted every N s under restartPolicy Always). */
  sleep?: number;
}

function containersOf(pod: KubeObject, key: 'initContainers' | 'containers'): ContainerFacts[] {
  const list = getPath(pod.spec, key);
  return (Array.isArray(list) ? list : []).filter(isJsonObject).map((c: JsonObject) => {
    const name = typeof c.name === 'string' ? c.name : '';
    const image = typeof c.image === 'string' ? c.image : '';
    const policy = typeof c.imagePullPolicy === 'string' ? c.imagePullPolicy : undefined;
    const tag = /:([^/:@]+)$/.exec(image)?.[1];
    const pullAlways = policy !== undefined ? policy === 'Always' : !image.includes('@') && (tag === undefined || tag === 'latest');
    const argv = [...(Array.isArray(c.command) ? c.command : []), ...(Array.isArray(c.args) ? c.args : [])];
    const n = argv.length === 2 && (argv[0] === 'sleep' || argv[0] === '/bin/sleep') ? Number(argv[1]) : Number.NaN;
    return { name, image, path: `spec.${key}{${name}}`, pullAlways, ...(Number.isInteger(n) && n > 0 ? { sleep: n } : {}) };
  });
}

/** A pull as the kubelet reports it: `in 1.042s (1.042s including waiting). Image size: N bytes.`, fixed per image and start. */
function pulledMessage(image: string, start: number): string {
  const h = parseInt(uuidFrom(`pull/${image}/${start}`).slice(0, 8), 16);
  const size = 5_000_000 + (parseInt(uuidFrom(`image/${image}`).slice(0, 8), 16) % 55_000_000);
  const ms = 400 + (h % 2600);
  const took = ms < 1000 ? `${ms}ms` : `${(ms / 1000).toString()}s`;
  return `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`;
}

/** What the scheduler, the kubelet and the workload controllers reported about the pods alive now. */
function podEvents(world: World, pod: KubeObject): EventSpec[] {
  const at = pod.metadata.creationTimestamp;
  const node = getString(pod.spec, 'nodeName') ?? '';
  const out: EventSpec[] = [{ at, involved: pod, reason: 'Scheduled', message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`, component: 'default-scheduler' }];
  const kubelet = (reason: string, message: string, path: string, offset: number) => out.push({ at: at + offset, involved: pod, reason, message, component: 'kubelet', host: node, fieldPath: path });
  const now = world.nowSeconds();
  let offset = 1;
  for (const c of [...containersOf(pod, 'initContainers'), ...containersOf(pod, 'containers')]) {
    const isInit = c.path.startsWith('spec.initContainers');
    // A `sleep N` app container exits every N s and is started again (as livePodStatus reports it);
    // the kubelet aggregates the repeated events into one with a count.
    const restarts = !isInit && c.sleep !== undefined && getString(pod.spec, 'restartPolicy') !== 'Never' ? Math.floor(Math.max(0, now - at - offset) / c.sleep) : 0;
    const starts = Array.from({ length: Math.min(restarts, 10) + 1 }, (_, i) => at + offset + (restarts - Math.min(restarts, 10) + i) * (c.sleep ?? 0));
    const repeat = (reason: string, message: string) => out.push({
      at: at + offset, involved: pod, reason, message, component: 'kubelet', host: node, fieldPath: c.path,
      ...(restarts > 0 ? { count: restarts + 1, lastAt: starts[starts.length - 1] ?? at } : {}),
    });
    if (c.pullAlways) {
      repeat('Pulling', `Pulling image "${c.image}"`);
      for (const start of starts) kubelet('Pulled', pulledMessage(c.image, start), c.path, start - at);
    } else {
      repeat('Pulled', `Container image "${c.image}" already present on machine`);
    }
    repeat('Created', `Created container: ${c.name}`);
    repeat('Started', `Started container ${c.name}`);
    if (isInit) offset++;
  }
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  const rs = owner?.kind === 'ReplicaSet' ? world.get('ReplicaSet', pod.metadata.namespace ?? '', owner.name) : undefined;
  if (rs) out.push({ at, involved: rs, reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: 'replicaset-controller' });
  return out;
}

/** The Deployment controller's ScalingReplicaSet events, read back from each ReplicaSet's pods. */
function deploymentEvents(world: World, deploy: KubeObject): EventSpec[] {
  const ns = deploy.metadata.namespace ?? '';
  const sets = world.list('ReplicaSet', ns)
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === deploy.metadata.uid))
    .sort((a, b) => a.metadata.creationTimestamp - b.metadata.creationTimestamp);
  const out: EventSpec[] = [];
  // A rollout scales the new set up before the old one down (maxSurge first).
  const downs: EventSpec[] = [];
  const msg = (dir: string, rs: KubeObject, from: number, to: number) => `Scaled ${dir} replica set ${rs.metadata.name} from ${from} to ${to}`;
  sets.forEach((rs, i) => {
    const births = new Map<number, number>();
    for (const pod of world.list('Pod', ns)) {
      if (pod.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid)) births.set(pod.metadata.creationTimestamp, (births.get(pod.metadata.creationTimestamp) ?? 0) + 1);
    }
    const next = sets[i + 1];
    const scaledDown = next !== undefined && getPath(rs.spec, 'replicas') === 0;
    const desired = getPath(deploy.spec, 'replicas');
    const was = typeof desired === 'number' ? desired : 1;
    // A set scaled down has lost its pods: its scale-up is read from its own creation.
    if (scaledDown && births.size === 0) births.set(rs.metadata.creationTimestamp, was);
    let count = 0;
    for (const [at, n] of [...births].sort((a, b) => a[0] - b[0])) {
      out.push({ at, involved: deploy, reason: 'ScalingReplicaSet', message: msg('up', rs, count, count + n), component: 'deployment-controller' });
      count += n;
    }
    if (scaledDown) downs.push({ at: next.metadata.creationTimestamp, involved: deploy, reason: 'ScalingReplicaSet', message: msg('down', rs, was, 0), component: 'deployment-controller' });
  });
  return [...out, ...downs];
}

/** replica_set.go via controller_utils.go createPods: `Error creating: <the API server's refusal>`, from the ReplicaFailure condition. */
function replicaSetFailures(rs: KubeObject): EventSpec[] {
  const conditions = getPath(rs.status, 'conditions');
  const failure = (Array.isArray(conditions) ? conditions : []).filter(isJsonObject).find((c) => c.type === 'ReplicaFailure' && c.reason === 'FailedCreate');
  if (!failure) return [];
  const since = typeof failure.lastTransitionTime === 'string' ? Date.parse(failure.lastTransitionTime) / 1000 : rs.metadata.creationTimestamp;
  return [{ at: since, involved: rs, reason: 'FailedCreate', message: `Error creating: ${String(failure.message ?? '')}`, component: 'replicaset-controller', warning: true }];
}

function events(world: World, namespace: string | undefined): KubeObject[] {
  const now = world.nowSeconds();
  const specs: EventSpec[] = [];
  for (const rs of world.list('ReplicaSet', namespace)) specs.push(...replicaSetFailures(rs));
  for (const pod of world.list('Pod', namespace)) if (now - pod.metadata.creationTimestamp < EVENT_TTL) specs.push(...podEvents(world, pod));
  for (const deploy of world.list('Deployment', namespace)) specs.push(...deploymentEvents(world, deploy));
  return specs.filter((s) => now - (s.lastAt ?? s.at) < EVENT_TTL && s.at <= now).map(event);
}

/**
 * The objects controllers keep for the current world, of one kind, in one namespace or (undefined)
 * all: ConfigMaps `kube-root-ca.crt` and `istio-ca-root-cert`, istiod's `istio-ca-secret`, the
 * nodes, each Service's Endpoints and EndpointSlice, and the last hour's Events. They are derived on
 * every read, so they always agree with the pods and Services; sorted by namespace, then name.
 */
export function controllerObjects(world: World, kind: string, namespace: string | undefined, ctx: ControllerContext): KubeObject[] {
  const inScope = (ns: string) => namespace === undefined || namespace === ns;
  let out: KubeObject[] = [];
  switch (kind) {
    case 'ConfigMap':
      for (const ns of world.list('Namespace')) if (inScope(ns.metadata.name)) out.push(...configMaps(world, ns));
      break;
    case 'Secret': {
      const secret = istioCaSecret(world);
      if (secret && inScope(world.rootNamespace)) out.push(secret);
      break;
    }
    case 'Node':
      out = nodes(world);
      break;
    case 'Endpoints':
    case 'EndpointSlice':
      for (const svc of world.list('Service', namespace)) {
        const obj = kind === 'Endpoints' ? endpoints(world, svc, ctx) : endpointSlice(world, svc, ctx);
        if (obj) out.push(obj);
      }
      break;
    case 'Event':
      out = events(world, namespace);
      break;
  }
  const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
