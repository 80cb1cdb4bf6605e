/**
 * Field tables for the kinds the simulated API server serves: which fields exist (strict field
 * validation rejects the rest), their JSON types, enums, required fields and, for built-in kinds,
 * the Go types that appear in decode errors. Loosely typed parts (`any`) accept any value and are
 * not checked inside, e.g. a DestinationRule's connectionPool.
 *
 * Sources: Istio's CRDs (manifests/charts/base/files/crd-all.gen.yaml) and k8s.io/api core/v1, apps/v1.
 */

import { POLICY_KINDS } from '../policies/index.ts';
import { type KindSchema, any, arr, bool, int32, int64, obj, str, stringMap, strings } from './fieldSchema.ts';
import { LEARNER_SCHEMAS } from './learnerSchemas.ts';

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

/**
 * Per kind; Istio kinds share one schema across their served versions (v1alpha3/v1beta1/v1). The
 * policy kinds' schemas are their modules' (src/domain/policies).
 */
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
  ...Object.fromEntries(POLICY_KINDS.map((m) => [m.info.kind, m.schema])),
  ...LEARNER_SCHEMAS,
};
