/**
 * Field tables for the kinds the simulated API server serves: which fields exist (strict field
 * validation rejects the rest), their JSON types, enums, required fields and, for built-in kinds,
 * the Go types that appear in decode errors. Loosely typed parts (`any`) accept any value and are
 * not checked inside, e.g. a DestinationRule's connectionPool.
 *
 * Sources: Istio's CRDs (manifests/charts/base/files/crd-all.gen.yaml) and k8s.io/api core/v1, apps/v1.
 */

import { LEARNER_SCHEMAS } from './learnerSchemas.ts';

/** A node of a field table. `go` is the Go type named in built-in decode errors. */
export type FieldSchema =
  | { t: 'string'; enum?: readonly string[]; go?: string }
  | { t: 'integer'; go?: string }
  | { t: 'boolean'; go?: string }
  | { t: 'intOrString' }
  | { t: 'object'; fields: Readonly<Record<string, FieldSchema>>; required?: readonly string[]; go?: string }
  | { t: 'map'; values: FieldSchema; go?: string }
  | { t: 'array'; items: FieldSchema; go?: string }
  | { t: 'any' };

const str = (go = 'string'): FieldSchema => ({ t: 'string', go });
const int32: FieldSchema = { t: 'integer', go: 'int32' };
const int64: FieldSchema = { t: 'integer', go: 'int64' };
const uint32: FieldSchema = { t: 'integer', go: 'uint32' };
const bool: FieldSchema = { t: 'boolean', go: 'bool' };
const any: FieldSchema = { t: 'any' };
const enumOf = (values: readonly string[]): FieldSchema => ({ t: 'string', enum: values, go: 'string' });
const obj = (go: string, fields: Record<string, FieldSchema>, required?: readonly string[]): FieldSchema => ({ t: 'object', go, fields, required });
const arr = (items: FieldSchema, go: string): FieldSchema => ({ t: 'array', items, go });
const mapOf = (values: FieldSchema, go: string): FieldSchema => ({ t: 'map', values, go });
const strings = arr(str(), '[]string');
const stringMap = mapOf(str(), 'map[string]string');

/** metav1.ObjectMeta, as accepted on input. */
export const OBJECT_META = obj('ObjectMeta', {
  name: str(),
  generateName: str(),
  namespace: str(),
  selfLink: str(),
  uid: str('types.UID'),
  resourceVersion: str(),
  generation: int64,
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: int64,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: arr(obj('OwnerReference', {
    apiVersion: str(), kind: str(), name: str(), uid: str('types.UID'), controller: bool, blockOwnerDeletion: bool,
  }), '[]v1.OwnerReference'),
  finalizers: strings,
  managedFields: arr(any, '[]v1.ManagedFieldsEntry'),
});

const CONTAINER_PORT = obj('ContainerPort', { name: str(), hostPort: int32, containerPort: int32, protocol: str('v1.Protocol'), hostIP: str() });
const ENV_VAR = obj('EnvVar', { name: str(), value: str(), valueFrom: any });

const CONTAINER = obj('Container', {
  name: str(), image: str(), command: strings, args: strings, workingDir: str(),
  ports: arr(CONTAINER_PORT, '[]v1.ContainerPort'), env: arr(ENV_VAR, '[]v1.EnvVar'), envFrom: arr(any, '[]v1.EnvFromSource'),
  resources: any, resizePolicy: arr(any, '[]v1.ContainerResizePolicy'), restartPolicy: str('v1.ContainerRestartPolicy'),
  volumeMounts: arr(any, '[]v1.VolumeMount'), volumeDevices: arr(any, '[]v1.VolumeDevice'),
  livenessProbe: any, readinessProbe: any, startupProbe: any, lifecycle: any,
  terminationMessagePath: str(), terminationMessagePolicy: str('v1.TerminationMessagePolicy'),
  imagePullPolicy: str('v1.PullPolicy'), securityContext: any, stdin: bool, stdinOnce: bool, tty: bool,
});

const POD_SPEC = obj('PodSpec', {
  volumes: arr(any, '[]v1.Volume'), initContainers: arr(CONTAINER, '[]v1.Container'), containers: arr(CONTAINER, '[]v1.Container'),
  ephemeralContainers: arr(any, '[]v1.EphemeralContainer'), restartPolicy: str('v1.RestartPolicy'),
  terminationGracePeriodSeconds: int64, activeDeadlineSeconds: int64, dnsPolicy: str('v1.DNSPolicy'), nodeSelector: stringMap,
  serviceAccountName: str(), serviceAccount: str(), automountServiceAccountToken: bool, nodeName: str(),
  hostNetwork: bool, hostPID: bool, hostIPC: bool, shareProcessNamespace: bool, securityContext: any,
  imagePullSecrets: arr(any, '[]v1.LocalObjectReference'), hostname: str(), subdomain: str(), affinity: any,
  schedulerName: str(), tolerations: arr(any, '[]v1.Toleration'), hostAliases: arr(any, '[]v1.HostAlias'),
  priorityClassName: str(), priority: int32, dnsConfig: any, readinessGates: arr(any, '[]v1.PodReadinessGate'),
  runtimeClassName: str(), enableServiceLinks: bool, preemptionPolicy: str('v1.PreemptionPolicy'), overhead: any,
  topologySpreadConstraints: arr(any, '[]v1.TopologySpreadConstraint'), setHostnameAsFQDN: bool, os: any,
  hostUsers: bool, schedulingGates: arr(any, '[]v1.PodSchedulingGate'), resourceClaims: arr(any, '[]v1.PodResourceClaim'),
});

const LABEL_SELECTOR = obj('LabelSelector', { matchLabels: stringMap, matchExpressions: arr(any, '[]v1.LabelSelectorRequirement') });

const SERVICE_PORT = obj('ServicePort', {
  name: str(), protocol: str('v1.Protocol'), appProtocol: str(), port: int32, targetPort: { t: 'intOrString' }, nodePort: int32,
});

/** Istio's WorkloadSelector (type/v1beta1). */
const WORKLOAD_SELECTOR = obj('', { matchLabels: mapOf(str(), '') });
const MTLS_MODES = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'] as const;
/** DestinationRule ClientTLSSettings.TLSmode, as in the CRD enum. */
export const DR_TLS_MODES = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const;

const CLIENT_TLS = obj('', {
  mode: enumOf(DR_TLS_MODES), clientCertificate: str(), privateKey: str(), caCertificates: str(), credentialName: str(),
  subjectAltNames: strings, sni: str(), insecureSkipVerify: { t: 'boolean' }, caCrl: str(),
});

const PORT_SELECTOR = obj('', { number: uint32 });

const TRAFFIC_POLICY = obj('', {
  loadBalancer: any, connectionPool: any, outlierDetection: any, tls: CLIENT_TLS,
  portLevelSettings: arr(obj('', { port: PORT_SELECTOR, loadBalancer: any, connectionPool: any, outlierDetection: any, tls: CLIENT_TLS }), ''),
  tunnel: any, proxyProtocol: any,
});

const PEER_AUTHENTICATION_SPEC = obj('', {
  selector: WORKLOAD_SELECTOR,
  mtls: obj('', { mode: enumOf(MTLS_MODES) }),
  portLevelMtls: mapOf(obj('', { mode: enumOf(MTLS_MODES) }), ''),
});

const DESTINATION_RULE_SPEC = obj('', {
  host: str(),
  trafficPolicy: TRAFFIC_POLICY,
  subsets: arr(obj('', { name: str(), labels: stringMap, trafficPolicy: TRAFFIC_POLICY }, ['name']), ''),
  exportTo: strings,
  workloadSelector: WORKLOAD_SELECTOR,
}, ['host']);

const GATEWAY_SPEC = obj('', {
  selector: stringMap,
  servers: arr(obj('', {
    port: obj('', { number: uint32, protocol: str(), name: str(), targetPort: uint32 }, ['number', 'protocol', 'name']),
    bind: str(), hosts: strings, tls: any, defaultEndpoint: str(), name: str(),
  }, ['port', 'hosts']), ''),
});

const DESTINATION = obj('', { host: str(), subset: str(), port: PORT_SELECTOR }, ['host']);

const VIRTUAL_SERVICE_SPEC = obj('', {
  hosts: strings,
  gateways: strings,
  http: arr(obj('', {
    name: str(), match: arr(any, ''),
    route: arr(obj('', { destination: DESTINATION, weight: int32, headers: any }, ['destination']), ''),
    redirect: any, directResponse: any, delegate: any, rewrite: any, timeout: str(), retries: any, fault: any,
    mirror: any, mirrors: arr(any, ''), mirrorPercentage: any, mirrorPercent: any, corsPolicy: any, headers: any,
  }), ''),
  tls: arr(obj('', { match: arr(any, ''), route: arr(obj('', { destination: DESTINATION, weight: int32 }, ['destination']), '') }), ''),
  tcp: arr(obj('', { match: arr(any, ''), route: arr(obj('', { destination: DESTINATION, weight: int32 }, ['destination']), '') }), ''),
  exportTo: strings,
});

/** How a kind is checked: its top-level fields (besides apiVersion, kind, metadata) and name rule. */
export interface KindSchema {
  /** `builtin` kinds are decoded into Go structs; `crd` kinds are validated by their OpenAPI schema. */
  source: 'builtin' | 'crd';
  /** Go struct of the whole object, for decode errors of top-level fields. */
  go: string;
  topLevel: Readonly<Record<string, FieldSchema>>;
  /** apimachinery name rule applied to metadata.name. */
  nameRule: 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label';
}

const istio = (spec: FieldSchema): KindSchema => ({ source: 'crd', go: '', topLevel: { spec, status: any }, nameRule: 'dns1123Subdomain' });

/** Per kind; Istio kinds share one schema across their served versions (v1alpha3/v1beta1/v1). */
export const KIND_SCHEMAS: Readonly<Record<string, KindSchema>> = {
  Namespace: {
    source: 'builtin', go: 'Namespace', nameRule: 'dns1123Label',
    topLevel: { spec: obj('NamespaceSpec', { finalizers: arr(str('v1.FinalizerName'), '[]v1.FinalizerName') }), status: any },
  },
  ServiceAccount: {
    source: 'builtin', go: 'ServiceAccount', nameRule: 'dns1123Subdomain',
    topLevel: {
      secrets: arr(any, '[]v1.ObjectReference'), imagePullSecrets: arr(any, '[]v1.LocalObjectReference'),
      automountServiceAccountToken: bool,
    },
  },
  Pod: { source: 'builtin', go: 'Pod', nameRule: 'dns1123Subdomain', topLevel: { spec: POD_SPEC, status: any } },
  Service: {
    source: 'builtin', go: 'Service', nameRule: 'dns1035Label',
    topLevel: {
      spec: obj('ServiceSpec', {
        ports: arr(SERVICE_PORT, '[]v1.ServicePort'), selector: stringMap, clusterIP: str(), clusterIPs: strings,
        type: str('v1.ServiceType'), externalIPs: strings, sessionAffinity: str('v1.ServiceAffinity'), loadBalancerIP: str(),
        loadBalancerSourceRanges: strings, externalName: str(), externalTrafficPolicy: str('v1.ServiceExternalTrafficPolicy'),
        healthCheckNodePort: int32, publishNotReadyAddresses: bool, sessionAffinityConfig: any,
        ipFamilies: arr(str('v1.IPFamily'), '[]v1.IPFamily'), ipFamilyPolicy: str('v1.IPFamilyPolicy'),
        allocateLoadBalancerNodePorts: bool, loadBalancerClass: str(), internalTrafficPolicy: str('v1.ServiceInternalTrafficPolicy'),
        trafficDistribution: str(),
      }),
      status: any,
    },
  },
  Deployment: {
    source: 'builtin', go: 'Deployment', nameRule: 'dns1123Subdomain',
    topLevel: {
      spec: obj('DeploymentSpec', {
        replicas: int32, selector: LABEL_SELECTOR,
        template: obj('PodTemplateSpec', { metadata: OBJECT_META, spec: POD_SPEC }),
        strategy: any, minReadySeconds: int32, revisionHistoryLimit: int32, paused: bool, progressDeadlineSeconds: int32,
      }),
      status: any,
    },
  },
  ReplicaSet: {
    source: 'builtin', go: 'ReplicaSet', nameRule: 'dns1123Subdomain',
    topLevel: {
      spec: obj('ReplicaSetSpec', {
        replicas: int32, minReadySeconds: int32, selector: LABEL_SELECTOR,
        template: obj('PodTemplateSpec', { metadata: OBJECT_META, spec: POD_SPEC }),
      }),
      status: any,
    },
  },
  PeerAuthentication: istio(PEER_AUTHENTICATION_SPEC),
  DestinationRule: istio(DESTINATION_RULE_SPEC),
  Gateway: istio(GATEWAY_SPEC),
  VirtualService: istio(VIRTUAL_SERVICE_SPEC),
  ...LEARNER_SCHEMAS,
};
