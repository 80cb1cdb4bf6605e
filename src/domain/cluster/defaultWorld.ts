import { type Clock, DEFAULT_EPOCH_MS, ManualClock, toSeconds } from '../clock.ts';
import type { Json, JsonObject, KubeObject } from '../objects.ts';
import { SeededRandom } from '../random.ts';
import { World } from '../world.ts';
import { allocateClusterIP, allocateExternalIP, allocateNodePort } from './addresses.ts';
import { BOUTIQUE_NAMESPACES, BOUTIQUE_SERVICES } from './boutique.ts';
import { createPod } from './createPod.ts';
import { PROXY_IMAGE } from './injectSidecar.ts';
import { newMeta } from './newMeta.ts';
import { reconcileDeployment } from './reconcileDeployment.ts';
import { addIstioCrds } from './istioCrds.ts';
import { addKubeSystemPods } from './kubeSystem.ts';

/** What the default world is built from. Each field is part of createDefaultWorld's key for the worlds it keeps. */
export interface DefaultWorldOptions {
  clock?: Clock;
  seed?: number;
  /** Whether Cloud Shell already has cluster credentials (a lesson may start without). */
  credentials?: boolean;
}

const IMAGE_REPO = 'gcr.io/google-samples/microservices-demo';

export function addNamespace(world: World, name: string, labels: Record<string, string> = {}, createdAt?: number): KubeObject {
  const ns: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: newMeta(world, name, undefined, { labels: { 'kubernetes.io/metadata.name': name, ...labels }, ...(createdAt !== undefined ? { createdAt } : {}) }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
  world.put(ns);
  // The ServiceAccount controller gives every namespace a `default` account.
  addServiceAccount(world, name, 'default', createdAt);
  return ns;
}

export function addServiceAccount(world: World, namespace: string, name: string, createdAt?: number): void {
  world.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: newMeta(world, name, namespace, createdAt !== undefined ? { createdAt } : {}) });
}

interface PortSpec {
  name?: string;
  port: number;
  targetPort?: number;
  protocol?: 'TCP' | 'UDP';
}

/** Adds a Service with a cluster IP (and a node port and external IP for a LoadBalancer). */
export function addService(
  world: World,
  namespace: string,
  name: string,
  opts: { selector: Record<string, string>; ports: PortSpec[]; type?: 'ClusterIP' | 'LoadBalancer'; clusterIP?: string; externalIP?: string; nodePorts?: number[]; labels?: Record<string, string>; createdAt?: number },
): KubeObject {
  const type = opts.type ?? 'ClusterIP';
  const ip = opts.clusterIP ?? allocateClusterIP(world);
  const ports: Json[] = opts.ports.map((p, i) => ({
    ...(p.name ? { name: p.name } : {}),
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    targetPort: p.targetPort ?? p.port,
    ...(type === 'LoadBalancer' ? { nodePort: opts.nodePorts?.[i] ?? allocateNodePort(world) } : {}),
  }));
  const spec: JsonObject = {
    clusterIP: ip,
    clusterIPs: [ip],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports,
    selector: opts.selector,
    sessionAffinity: 'None',
    type,
    ...(type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' } : {}),
  };
  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: newMeta(world, name, namespace, { labels: opts.labels ?? {}, ...(opts.createdAt !== undefined ? { createdAt: opts.createdAt } : {}) }),
    spec,
    status: type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: opts.externalIP ?? allocateExternalIP(world), ipMode: 'VIP' }] } } : { loadBalancer: {} },
  };
  world.put(svc);
  return svc;
}

export function addDeployment(
  world: World,
  namespace: string,
  name: string,
  podSpec: JsonObject,
  opts: { labels: Record<string, string>; annotations?: Record<string, string>; replicas?: number; createdAt?: number },
): KubeObject {
  const deploy: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: newMeta(world, name, namespace, {
      labels: {},
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      ...(opts.createdAt !== undefined ? { createdAt: opts.createdAt } : {}),
    }),
    spec: {
      progressDeadlineSeconds: 600,
      replicas: opts.replicas ?? 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { ...opts.labels } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: { ...opts.labels }, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
        spec: podSpec,
      },
    },
  };
  world.put(deploy);
  reconcileDeployment(world, deploy, opts.createdAt);
  return world.get('Deployment', namespace, name) ?? deploy;
}

function envList(env: Record<string, string>): Json[] {
  return Object.entries(env).map(([name, value]) => ({ name, value }));
}

/**
 * The worlds built so far, by what they were built from (the clock's second, the seed, the
 * credentials). A page builds the same world several times as it starts (the playground's session,
 * the lesson's start, the course's replay), and building one runs a good deal of code while it is
 * still cold; a copy of a built one (World.clone, copy on write) is the same world at no cost.
 */
const built = new Map<string, World>();
const BUILT_KEPT = 4;

/**
 * The world the tutorial runs in: GKE with Cloud Service Mesh, the default ingress gateway in
 * istio-system, Online Boutique with one namespace per service and injection on, the Gateway and
 * VirtualService to frontend, `frontend-external`, and the sidecar-less `testcurl` pod.
 */
export function createDefaultWorld(options: DefaultWorldOptions = {}): World {
  const clock = options.clock ?? new ManualClock(DEFAULT_EPOCH_MS);
  const seed = options.seed ?? 20261128;
  const credentials = options.credentials ?? true;
  // Everything the build reads (DefaultWorldOptions; of the clock, only its second).
  const key = `${toSeconds(clock.now())}|${seed}|${credentials}`;
  let template = built.get(key);
  if (!template) {
    template = buildDefaultWorld(clock, seed, credentials);
    // Every world made from it shares its objects: none may change in place (a change puts a new object).
    for (const obj of template.objects.values()) deepFreeze(obj);
    if (built.size >= BUILT_KEPT) built.delete(built.keys().next().value as string);
    built.set(key, template);
  }
  const world = template.clone();
  world.clock = clock;
  return world;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

function buildDefaultWorld(clock: Clock, seed: number, credentials: boolean): World {
  const world = new World(clock, new SeededRandom(seed));
  world.credentials = credentials;
  const now = world.nowSeconds();
  const clusterBorn = now - 3 * 3600 - 14 * 60;
  const meshBorn = now - 31 * 60 - 20;
  const appBorn = now - 27 * 60 - 5;

  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) addNamespace(world, ns, {}, clusterBorn);
  addService(world, 'default', 'kubernetes', { selector: {}, ports: [{ name: 'https', port: 443 }], clusterIP: '34.118.224.1', labels: { component: 'apiserver', provider: 'kubernetes' }, createdAt: clusterBorn });
  addService(world, 'kube-system', 'kube-dns', { selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }], clusterIP: '34.118.224.10', labels: { 'k8s-app': 'kube-dns' }, createdAt: clusterBorn });

  // The mesh control plane and the default ingress gateway (istioctl/helm gateways/istio-ingress).
  addNamespace(world, 'istio-system', {}, meshBorn);
  addIstioCrds(world, meshBorn);
  for (const sa of ['istiod', 'istio-ingressgateway']) addServiceAccount(world, 'istio-system', sa, meshBorn);
  addDeployment(world, 'istio-system', 'istiod', {
    serviceAccountName: 'istiod',
    containers: [{ name: 'discovery', image: 'gcr.io/gke-release/asm/pilot:1.26.4-asm.5', ports: [{ containerPort: 8080, protocol: 'TCP' }, { containerPort: 15010, protocol: 'TCP' }, { containerPort: 15017, protocol: 'TCP' }] }],
  }, { labels: { app: 'istiod', istio: 'pilot' }, annotations: { 'sidecar.istio.io/inject': 'false' }, createdAt: meshBorn });
  addService(world, 'istio-system', 'istiod', {
    selector: { app: 'istiod', istio: 'pilot' },
    ports: [{ name: 'grpc-xds', port: 15010 }, { name: 'https-dns', port: 15012 }, { name: 'https-webhook', port: 443, targetPort: 15017 }, { name: 'http-monitoring', port: 15014 }],
    labels: { app: 'istiod', istio: 'pilot' },
    createdAt: meshBorn,
  });
  addDeployment(world, 'istio-system', 'istio-ingressgateway', {
    serviceAccountName: 'istio-ingressgateway',
    containers: [{
      name: 'istio-proxy',
      image: PROXY_IMAGE,
      args: ['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning'],
      ports: [{ containerPort: 15021, protocol: 'TCP' }, { containerPort: 8080, protocol: 'TCP' }, { containerPort: 8443, protocol: 'TCP' }, { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
      securityContext: { runAsUser: 1337, runAsGroup: 1337, runAsNonRoot: true },
    }],
  }, {
    labels: { app: 'istio-ingressgateway', istio: 'ingressgateway', 'service.istio.io/canonical-name': 'istio-ingressgateway', 'sidecar.istio.io/inject': 'false' },
    annotations: { 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true' },
    createdAt: meshBorn,
  });
  addService(world, 'istio-system', 'istio-ingressgateway', {
    type: 'LoadBalancer',
    selector: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    ports: [{ name: 'status-port', port: 15021 }, { name: 'http2', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 }],
    clusterIP: '34.118.227.14',
    externalIP: '34.136.92.187',
    nodePorts: [30954, 32286, 31622],
    labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    createdAt: meshBorn,
  });

  // Online Boutique, one namespace per service, injection enabled before the pods were created.
  for (const ns of BOUTIQUE_NAMESPACES) addNamespace(world, ns, { 'istio-injection': 'enabled' }, appBorn);
  for (const svc of BOUTIQUE_SERVICES) {
    addServiceAccount(world, svc.namespace, svc.serviceAccount, appBorn);
    const isLoadgen = svc.containerPort === undefined;
    const container: JsonObject = {
      name: isLoadgen ? 'main' : 'server',
      image: `${IMAGE_REPO}/${svc.name}:v0.9.0`,
      ...(svc.containerPort !== undefined ? { ports: [{ containerPort: svc.containerPort, protocol: 'TCP' }] } : {}),
      env: envList(svc.env),
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true },
    };
    const podSpec: JsonObject = {
      serviceAccountName: svc.serviceAccount,
      securityContext: { fsGroup: 1000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000 },
      terminationGracePeriodSeconds: 5,
      ...(isLoadgen
        ? { initContainers: [{ name: 'frontend-check', image: 'busybox:latest', command: ['/bin/sh', '-exc', 'MAX_RETRIES=12\nRETRY_INTERVAL=10\nfor i in $(seq 1 $MAX_RETRIES); do\n  echo "Attempt $i: Pinging frontend: ${FRONTEND_ADDR}..."\n  STATUSCODE=$(wget --server-response http://${FRONTEND_ADDR} 2>&1 | awk \'/^  HTTP/{print $2}\')\n  if [ $STATUSCODE -eq 200 ]; then\n      echo "Frontend is reachable."\n      exit 0\n  fi\n  echo "Error: Could not reach frontend - Status code: ${STATUSCODE}"\n  sleep $RETRY_INTERVAL\ndone\necho "Failed to reach frontend after $MAX_RETRIES attempts."\nexit 1\n'], env: envList({ FRONTEND_ADDR: svc.env.FRONTEND_ADDR ?? '' }) }] }
        : {}),
      containers: [container],
    };
    const annotations = svc.name === 'frontend' || isLoadgen ? { 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' } : undefined;
    addDeployment(world, svc.namespace, svc.name, podSpec, { labels: { app: svc.name }, ...(annotations ? { annotations } : {}), createdAt: appBorn });
    if (svc.containerPort !== undefined && svc.servicePort !== undefined) {
      addService(world, svc.namespace, svc.name, {
        selector: { app: svc.name },
        ports: [{ ...(svc.portName ? { name: svc.portName } : {}), port: svc.servicePort, targetPort: svc.containerPort }],
        ...(svc.name === 'frontend' ? { clusterIP: '34.118.236.212' } : {}),
        createdAt: appBorn,
      });
    }
  }
  addService(world, 'frontend', 'frontend-external', {
    type: 'LoadBalancer',
    selector: { app: 'frontend' },
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    clusterIP: '34.118.233.103',
    externalIP: '35.202.118.74',
    nodePorts: [31562],
    createdAt: appBorn,
  });
  world.put({
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'Gateway',
    metadata: newMeta(world, 'frontend-gateway', 'frontend', { createdAt: appBorn }),
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
  });
  world.put({
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'VirtualService',
    metadata: newMeta(world, 'frontend-ingress', 'frontend', { createdAt: appBorn }),
    spec: { hosts: ['*'], gateways: ['frontend-gateway'], http: [{ route: [{ destination: { host: 'frontend', port: { number: 80 } } }] }] },
  });

  // The tutorial's sidecar-less probe pod, opted out of injection.
  world.put(createPod(world, {
    name: 'testcurl',
    namespace: 'default',
    annotations: { 'sidecar.istio.io/inject': 'false' },
    spec: { containers: [{ name: 'curl', image: 'curlimages/curl', command: ['sleep', '600'] }] },
    createdAt: appBorn,
  }));
  // kube-system's add-ons, last: they draw nothing from the random source.
  addKubeSystemPods(world, clusterBorn);
  world.configVersion = 1;
  return world;
}
