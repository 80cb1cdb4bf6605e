import { getString, type JsonObject, type KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import { NODES } from './addresses.ts';
import { uidFor } from './istioCrds.ts';

/** One kube-system workload of a GKE Standard 1.33 cluster: its pods' containers and where they run. */
interface SystemWorkload {
  /** The owner: a Deployment's ReplicaSet, a DaemonSet, or a static pod per node (kube-proxy). */
  owner: { kind: 'ReplicaSet' | 'DaemonSet' | 'Node'; name: string };
  labels: Record<string, string>;
  containers: { name: string; image: string; ports?: { containerPort: number; name?: string; protocol: 'TCP' | 'UDP' }[] }[];
  /** Pod name suffixes, one per replica (DaemonSets: one per node). */
  suffixes: string[];
  /** Host network: the pod's IP is its node's. */
  hostNetwork?: boolean;
  priorityClassName: string;
}

const GKE = 'gke.gcr.io';

/**
 * The add-ons GKE runs in kube-system on a three-node Standard cluster with Workload Identity (which
 * Cloud Service Mesh needs): DNS, the konnectivity tunnel to the control plane, metrics, logging,
 * the metadata server and the persistent-disk CSI driver.
 */
const WORKLOADS: SystemWorkload[] = [
  { owner: { kind: 'ReplicaSet', name: 'event-exporter-gke-5c5b457d58' }, labels: { 'k8s-app': 'event-exporter', 'pod-template-hash': '5c5b457d58', version: 'v0.4.0' }, containers: [{ name: 'event-exporter', image: `${GKE}/event-exporter:v0.4.0-gke.35` }, { name: 'prometheus-to-sd-exporter', image: `${GKE}/prometheus-to-sd:v0.11.12-gke.41` }], suffixes: ['kqv2t'], priorityClassName: 'system-cluster-critical' },
  { owner: { kind: 'DaemonSet', name: 'fluentbit-gke' }, labels: { 'k8s-app': 'fluentbit-gke', 'component': 'fluentbit-gke' }, containers: [{ name: 'fluentbit', image: `${GKE}/fluent-bit:v1.8.15-gke.22` }, { name: 'fluentbit-gke', image: `${GKE}/fluent-bit-gke-exporter:v0.28.0-gke.4` }], suffixes: ['6xw8p', 'm2hz4', 'tq9lc'], hostNetwork: true, priorityClassName: 'system-node-critical' },
  { owner: { kind: 'DaemonSet', name: 'gke-metadata-server' }, labels: { 'k8s-app': 'gke-metadata-server' }, containers: [{ name: 'gke-metadata-server', image: `${GKE}/gke-metadata-server:gke_metadata_server_20250509.00_p0` }], suffixes: ['8dn7r', 'bw4sk', 'x5lq2'], hostNetwork: true, priorityClassName: 'system-node-critical' },
  { owner: { kind: 'DaemonSet', name: 'gke-metrics-agent' }, labels: { 'component': 'gke-metrics-agent', 'k8s-app': 'gke-metrics-agent' }, containers: [{ name: 'gke-metrics-agent', image: `${GKE}/gke-metrics-agent:1.15.6-gke.1` }, { name: 'core-metrics-exporter', image: `${GKE}/gke-metrics-collector:20250410_2300_RC0` }], suffixes: ['4jzvh', 'cfp7n', 'rk2m9'], hostNetwork: true, priorityClassName: 'system-node-critical' },
  { owner: { kind: 'ReplicaSet', name: 'konnectivity-agent-6b8f9c7d4b' }, labels: { 'k8s-app': 'konnectivity-agent', 'pod-template-hash': '6b8f9c7d4b' }, containers: [{ name: 'konnectivity-agent', image: `${GKE}/proxy-agent:v0.31.1-gke.5` }], suffixes: ['5tzbq', 'hn6wd', 'vx8rk'], priorityClassName: 'system-cluster-critical' },
  { owner: { kind: 'ReplicaSet', name: 'konnectivity-agent-autoscaler-67d4f7d5f' }, labels: { 'k8s-app': 'konnectivity-agent-autoscaler', 'pod-template-hash': '67d4f7d5f' }, containers: [{ name: 'autoscaler', image: `${GKE}/cluster-proportional-autoscaler:v1.8.10-gke.8` }], suffixes: ['w2j9m'], priorityClassName: 'system-cluster-critical' },
  {
    owner: { kind: 'ReplicaSet', name: 'kube-dns-7f58d9c8f6' },
    labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '7f58d9c8f6' },
    containers: [
      { name: 'kubedns', image: `${GKE}/k8s-dns-kube-dns:1.24.0-gke.3`, ports: [{ containerPort: 10053, name: 'dns-local', protocol: 'UDP' }, { containerPort: 10053, name: 'dns-tcp-local', protocol: 'TCP' }, { containerPort: 10055, name: 'metrics', protocol: 'TCP' }] },
      { name: 'dnsmasq', image: `${GKE}/k8s-dns-dnsmasq-nanny:1.24.0-gke.3`, ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }] },
      { name: 'sidecar', image: `${GKE}/k8s-dns-sidecar:1.24.0-gke.3`, ports: [{ containerPort: 10054, name: 'metrics', protocol: 'TCP' }] },
      { name: 'prometheus-to-sd', image: `${GKE}/prometheus-to-sd:v0.11.12-gke.41` },
    ],
    suffixes: ['9xk2p', 'qzm4t'],
    priorityClassName: 'system-cluster-critical',
  },
  { owner: { kind: 'ReplicaSet', name: 'kube-dns-autoscaler-6f7dbd9c6b' }, labels: { 'k8s-app': 'kube-dns-autoscaler', 'pod-template-hash': '6f7dbd9c6b' }, containers: [{ name: 'autoscaler', image: `${GKE}/cluster-proportional-autoscaler:v1.8.10-gke.8` }], suffixes: ['l4c8s'], priorityClassName: 'system-cluster-critical' },
  { owner: { kind: 'Node', name: 'kube-proxy' }, labels: { component: 'kube-proxy', tier: 'node' }, containers: [{ name: 'kube-proxy', image: `${GKE}/kube-proxy-amd64:v1.33.5-gke.1080000` }], suffixes: [], hostNetwork: true, priorityClassName: 'system-node-critical' },
  { owner: { kind: 'ReplicaSet', name: 'l7-default-backend-6d9f6b6d5c' }, labels: { 'k8s-app': 'glbc', name: 'glbc', 'pod-template-hash': '6d9f6b6d5c' }, containers: [{ name: 'default-http-backend', image: `${GKE}/ingress-gce-404-server-with-metrics:v1.33.2`, ports: [{ containerPort: 8080, protocol: 'TCP' }] }], suffixes: ['z7dkw'], priorityClassName: '' },
  { owner: { kind: 'ReplicaSet', name: 'metrics-server-v1.33.0-5d8c9f7b9d' }, labels: { 'k8s-app': 'metrics-server', 'pod-template-hash': '5d8c9f7b9d', version: 'v1.33.0' }, containers: [{ name: 'metrics-server', image: `${GKE}/metrics-server:v0.7.2-gke.26`, ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }] }, { name: 'metrics-server-nanny', image: `${GKE}/addon-resizer:1.8.23-gke.10` }], suffixes: ['hs2gq'], priorityClassName: 'system-cluster-critical' },
  { owner: { kind: 'DaemonSet', name: 'pdcsi-node' }, labels: { app: 'gcp-compute-persistent-disk-csi-driver' }, containers: [{ name: 'csi-driver-registrar', image: `${GKE}/csi-node-driver-registrar:v2.13.0-gke.7` }, { name: 'gce-pd-driver', image: `${GKE}/gcp-compute-persistent-disk-csi-driver:v1.17.3-gke.4` }], suffixes: ['2nbxc', 'j8rwf', 'p6vtd'], hostNetwork: true, priorityClassName: 'system-node-critical' },
];

/**
 * Pod-network addresses for the add-ons: the lowest host numbers of each node's range that no pod
 * holds yet (the add-ons are put in after the boutique, whose addresses stay as they were drawn).
 */
function podAddresses(world: World): () => { podIP: string; node: (typeof NODES)[number] } {
  const used = new Set(world.list('Pod').map((p) => getString(p.status, 'podIP')));
  const next = NODES.map(() => 2);
  let turn = 0;
  return () => {
    const i = turn++ % NODES.length;
    const node = NODES[i] ?? NODES[0];
    let host = next[i] ?? 2;
    while (used.has(`${node.podRange}.${String(host)}`)) host++;
    next[i] = host + 1;
    return { podIP: `${node.podRange}.${String(host)}`, node };
  };
}

/**
 * Puts kube-system's pods in the world, created with the cluster (`createdAt`), Running with every
 * container ready. Names, uids and addresses are fixed, so the world's random source is untouched
 * and the Online Boutique pods keep their names and IPs. No sidecar: kube-system is not injected.
 */
export function addKubeSystemPods(world: World, createdAt: number): void {
  const started = new Date(createdAt * 1000).toISOString().replace('.000Z', 'Z');
  const podAddress = podAddresses(world);
  let rv = 900;
  for (const w of WORKLOADS) {
    const pods = w.owner.kind === 'Node'
      ? NODES.map((node, i) => ({ name: `${w.owner.name}-${node.name}`, node, podIP: node.ip, i }))
      : w.suffixes.map((suffix, i) => {
          const name = `${w.owner.name}-${suffix}`;
          if (w.hostNetwork) {
            const node = NODES[i % NODES.length] ?? NODES[0];
            return { name, node, podIP: node.ip, i };
          }
          const address = podAddress();
          return { name, node: address.node, podIP: address.podIP, i };
        });
    for (const p of pods) {
      const spec: JsonObject = {
        containers: w.containers.map((c) => ({ name: c.name, image: c.image, ...(c.ports ? { ports: c.ports } : {}) })),
        ...(w.hostNetwork ? { hostNetwork: true } : {}),
        nodeName: p.node.name,
        ...(w.priorityClassName ? { priority: w.priorityClassName === 'system-node-critical' ? 2000001000 : 2000000000, priorityClassName: w.priorityClassName } : {}),
        restartPolicy: 'Always',
        serviceAccountName: w.owner.kind === 'Node' ? 'default' : w.owner.name.replace(/-[0-9a-f]{8,10}$/, '').replace(/-v[0-9.]+$/, ''),
      };
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: p.name,
          namespace: 'kube-system',
          uid: uidFor(`kube-system/${p.name}`),
          creationTimestamp: createdAt,
          generation: 1,
          resourceVersion: String(rv++),
          labels: { ...w.labels },
          annotations: {},
          ...(w.owner.kind === 'Node'
            ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: p.node.name, uid: uidFor(p.node.name), controller: true, blockOwnerDeletion: false }] }
            : { ownerReferences: [{ apiVersion: 'apps/v1', kind: w.owner.kind, name: w.owner.name, uid: uidFor(`kube-system/${w.owner.name}`), controller: true, blockOwnerDeletion: true }] }),
        },
        spec,
        status: {
          phase: 'Running',
          podIP: p.podIP,
          podIPs: [{ ip: p.podIP }],
          hostIP: p.node.ip,
          startTime: started,
          qosClass: 'Burstable',
          conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: started })),
          containerStatuses: w.containers.map((c) => ({ name: c.name, image: c.image, ready: true, started: true, restartCount: 0, state: { running: { startedAt: started } } })),
        },
      };
      world.put(pod);
    }
  }
}
