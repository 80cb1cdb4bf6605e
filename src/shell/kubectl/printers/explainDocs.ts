/**
 * What `kubectl explain` reads from the API server's OpenAPI v3 documents, for the kinds this
 * cluster serves: descriptions, explain type names, enums and required fields. The field structure
 * itself comes from src/domain/manifests/schemas.ts; this file only annotates it.
 *
 * Generated from kubernetes/api v0.33.13 (core/v1, apps/v1: types.go and
 * types_swagger_doc_generated.go, with the "Possible enum values" lines kube-openapi's enum.go adds),
 * kubernetes/apimachinery v0.33.13 (pkg/apis/meta/v1) and istio/istio 1.26.4
 * (manifests/charts/base/files/crd-all.gen.yaml, the v1 schemas). Text is the upstream documentation.
 */

/** One field of a built-in type: its explain type (`string`, `[]Container`, `ObjectMeta`), description and enum. */
export interface FieldDoc {
  type: string;
  description: string;
  enum?: readonly string[];
  required?: boolean;
}

export interface TypeDoc {
  doc: string;
  fields: Readonly<Record<string, FieldDoc>>;
}

export interface ExplainDocs {
  /** metav1.TypeMeta's apiVersion and kind descriptions, which every kind's OpenAPI schema carries. */
  typeMeta: { apiVersion: string; kind: string };
  /** Built-in types by Go name. */
  types: Readonly<Record<string, TypeDoc>>;
  /** The description of every type a built-in field refers to, by Go name. */
  typeDocs: Readonly<Record<string, string>>;
  /** Istio kinds: descriptions by field path (`spec.mtls.mode`; lists and maps add no segment). */
  istio: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const EXPLAIN_DOCS: ExplainDocs = {
  "typeMeta": {
  "apiVersion": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
  "kind": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
  },
  "types": {
  "Pod": {
  "doc": "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
  "fields": {
  "metadata": {
  "type": "ObjectMeta",
  "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  },
  "spec": {
  "type": "PodSpec",
  "description": "Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
  },
  "status": {
  "type": "PodStatus",
  "description": "Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
  },
  "apiVersion": {
  "type": "string",
  "description": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
  },
  "kind": {
  "type": "string",
  "description": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
  }
  }
  },
  "PodSpec": {
  "doc": "PodSpec is a description of a pod.",
  "fields": {
  "volumes": {
  "type": "[]Volume",
  "description": "List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes"
  },
  "initContainers": {
  "type": "[]Container",
  "description": "List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started. If any init container fails, the pod is considered to have failed and is handled according to its restartPolicy. The name for an init container or normal container must be unique among all containers. Init containers may not have Lifecycle actions, Readiness probes, Liveness probes, or Startup probes. The resourceRequirements of an init container are taken into account during scheduling by finding the highest request/limit for each resource type, and then using the max of that value or the sum of the normal containers. Limits are applied to init containers in a similar fashion. Init containers cannot currently be added or removed. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/"
  },
  "containers": {
  "type": "[]Container",
  "description": "List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.",
  "required": true
  },
  "ephemeralContainers": {
  "type": "[]EphemeralContainer",
  "description": "List of ephemeral containers run in this pod. Ephemeral containers may be run in an existing pod to perform user-initiated actions such as debugging. This list cannot be specified when creating a pod, and it cannot be modified by updating the pod spec. In order to add an ephemeral container to an existing pod, use the pod's ephemeralcontainers subresource."
  },
  "restartPolicy": {
  "type": "string",
  "description": "Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n\nPossible enum values:\n - `\"Always\"`\n - `\"Never\"`\n - `\"OnFailure\"`",
  "enum": [
  "Always",
  "Never",
  "OnFailure"
  ]
  },
  "terminationGracePeriodSeconds": {
  "type": "integer",
  "description": "Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). If this value is nil, the default grace period will be used instead. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. Defaults to 30 seconds."
  },
  "activeDeadlineSeconds": {
  "type": "integer",
  "description": "Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers. Value must be a positive integer."
  },
  "dnsPolicy": {
  "type": "string",
  "description": "Set DNS policy for the pod. Defaults to \"ClusterFirst\". Valid values are 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'. DNS parameters given in DNSConfig will be merged with the policy selected with DNSPolicy. To have DNS options set along with hostNetwork, you have to specify DNS policy explicitly to 'ClusterFirstWithHostNet'.\n\nPossible enum values:\n - `\"ClusterFirst\"` indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings.\n - `\"ClusterFirstWithHostNet\"` indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings.\n - `\"Default\"` indicates that the pod should use the default (as determined by kubelet) DNS settings.\n - `\"None\"` indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig.",
  "enum": [
  "ClusterFirst",
  "ClusterFirstWithHostNet",
  "Default",
  "None"
  ]
  },
  "nodeSelector": {
  "type": "map[string]string",
  "description": "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"
  },
  "serviceAccountName": {
  "type": "string",
  "description": "ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"
  },
  "serviceAccount": {
  "type": "string",
  "description": "DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead."
  },
  "automountServiceAccountToken": {
  "type": "boolean",
  "description": "AutomountServiceAccountToken indicates whether a service account token should be automatically mounted."
  },
  "nodeName": {
  "type": "string",
  "description": "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename"
  },
  "hostNetwork": {
  "type": "boolean",
  "description": "Host networking requested for this pod. Use the host's network namespace. If this option is set, the ports that will be used must be specified. Default to false."
  },
  "hostPID": {
  "type": "boolean",
  "description": "Use the host's pid namespace. Optional: Default to false."
  },
  "hostIPC": {
  "type": "boolean",
  "description": "Use the host's ipc namespace. Optional: Default to false."
  },
  "shareProcessNamespace": {
  "type": "boolean",
  "description": "Share a single process namespace between all of the containers in a pod. When this is set containers will be able to view and signal processes from other containers in the same pod, and the first process in each container will not be assigned PID 1. HostPID and ShareProcessNamespace cannot both be set. Optional: Default to false."
  },
  "securityContext": {
  "type": "PodSecurityContext",
  "description": "SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field."
  },
  "imagePullSecrets": {
  "type": "[]LocalObjectReference",
  "description": "ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec. If specified, these secrets will be passed to individual puller implementations for them to use. More info: https://kubernetes.io/docs/concepts/containers/images#specifying-imagepullsecrets-on-a-pod"
  },
  "hostname": {
  "type": "string",
  "description": "Specifies the hostname of the Pod If not specified, the pod's hostname will be set to a system-defined value."
  },
  "subdomain": {
  "type": "string",
  "description": "If specified, the fully qualified Pod hostname will be \"<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>\". If not specified, the pod will not have a domainname at all."
  },
  "affinity": {
  "type": "Affinity",
  "description": "If specified, the pod's scheduling constraints"
  },
  "schedulerName": {
  "type": "string",
  "description": "If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler."
  },
  "tolerations": {
  "type": "[]Toleration",
  "description": "If specified, the pod's tolerations."
  },
  "hostAliases": {
  "type": "[]HostAlias",
  "description": "HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified."
  },
  "priorityClassName": {
  "type": "string",
  "description": "If specified, indicates the pod's priority. \"system-node-critical\" and \"system-cluster-critical\" are two special keywords which indicate the highest priorities with the former being the highest priority. Any other name must be defined by creating a PriorityClass object with that name. If not specified, the pod priority will be default or zero if there is no default."
  },
  "priority": {
  "type": "integer",
  "description": "The priority value. Various system components use this field to find the priority of the pod. When Priority Admission Controller is enabled, it prevents users from setting this field. The admission controller populates this field from PriorityClassName. The higher the value, the higher the priority."
  },
  "dnsConfig": {
  "type": "PodDNSConfig",
  "description": "Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy."
  },
  "readinessGates": {
  "type": "[]PodReadinessGate",
  "description": "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates"
  },
  "runtimeClassName": {
  "type": "string",
  "description": "RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod.  If no RuntimeClass resource matches the named class, the pod will not be run. If unset or empty, the \"legacy\" RuntimeClass will be used, which is an implicit class with an empty definition that uses the default runtime handler. More info: https://git.k8s.io/enhancements/keps/sig-node/585-runtime-class"
  },
  "enableServiceLinks": {
  "type": "boolean",
  "description": "EnableServiceLinks indicates whether information about services should be injected into pod's environment variables, matching the syntax of Docker links. Optional: Defaults to true."
  },
  "preemptionPolicy": {
  "type": "string",
  "description": "PreemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.\n\nPossible enum values:\n - `\"Never\"` means that pod never preempts other pods with lower priority.\n - `\"PreemptLowerPriority\"` means that pod can preempt other pods with lower priority.",
  "enum": [
  "Never",
  "PreemptLowerPriority"
  ]
  },
  "overhead": {
  "type": "string",
  "description": "Overhead represents the resource overhead associated with running a pod for a given RuntimeClass. This field will be autopopulated at admission time by the RuntimeClass admission controller. If the RuntimeClass admission controller is enabled, overhead must not be set in Pod create requests. The RuntimeClass admission controller will reject Pod create requests which have the overhead already set. If RuntimeClass is configured and selected in the PodSpec, Overhead will be set to the value defined in the corresponding RuntimeClass, otherwise it will remain unset and treated as zero. More info: https://git.k8s.io/enhancements/keps/sig-node/688-pod-overhead/README.md"
  },
  "topologySpreadConstraints": {
  "type": "[]TopologySpreadConstraint",
  "description": "TopologySpreadConstraints describes how a group of pods ought to spread across topology domains. Scheduler will schedule pods in a way which abides by the constraints. All topologySpreadConstraints are ANDed."
  },
  "setHostnameAsFQDN": {
  "type": "boolean",
  "description": "If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default). In Linux containers, this means setting the FQDN in the hostname field of the kernel (the nodename field of struct utsname). In Windows containers, this means setting the registry value of hostname for the registry key HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters to FQDN. If a pod does not have FQDN, this has no effect. Default to false."
  },
  "os": {
  "type": "PodOS",
  "description": "Specifies the OS of the containers in the pod. Some pod and container fields are restricted if this is set.\n\nIf the OS field is set to linux, the following fields must be unset: -securityContext.windowsOptions\n\nIf the OS field is set to windows, following fields must be unset: - spec.hostPID - spec.hostIPC - spec.hostUsers - spec.securityContext.appArmorProfile - spec.securityContext.seLinuxOptions - spec.securityContext.seccompProfile - spec.securityContext.fsGroup - spec.securityContext.fsGroupChangePolicy - spec.securityContext.sysctls - spec.shareProcessNamespace - spec.securityContext.runAsUser - spec.securityContext.runAsGroup - spec.securityContext.supplementalGroups - spec.securityContext.supplementalGroupsPolicy - spec.containers[*].securityContext.appArmorProfile - spec.containers[*].securityContext.seLinuxOptions - spec.containers[*].securityContext.seccompProfile - spec.containers[*].securityContext.capabilities - spec.containers[*].securityContext.readOnlyRootFilesystem - spec.containers[*].securityContext.privileged - spec.containers[*].securityContext.allowPrivilegeEscalation - spec.containers[*].securityContext.procMount - spec.containers[*].securityContext.runAsUser - spec.containers[*].securityContext.runAsGroup"
  },
  "hostUsers": {
  "type": "boolean",
  "description": "Use the host's user namespace. Optional: Default to true. If set to true or not present, the pod will be run in the host user namespace, useful for when the pod needs a feature only available to the host user namespace, such as loading a kernel module with CAP_SYS_MODULE. When set to false, a new userns is created for the pod. Setting false is useful for mitigating container breakout vulnerabilities even allowing users to run their containers as root without actually having root privileges on the host. This field is alpha-level and is only honored by servers that enable the UserNamespacesSupport feature."
  },
  "schedulingGates": {
  "type": "[]PodSchedulingGate",
  "description": "SchedulingGates is an opaque list of values that if specified will block scheduling the pod. If schedulingGates is not empty, the pod will stay in the SchedulingGated state and the scheduler will not attempt to schedule the pod.\n\nSchedulingGates can only be set at pod creation time, and be removed only afterwards."
  },
  "resourceClaims": {
  "type": "[]PodResourceClaim",
  "description": "ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start. The resources will be made available to those containers which consume them by name.\n\nThis is an alpha field and requires enabling the DynamicResourceAllocation feature gate.\n\nThis field is immutable."
  },
  "resources": {
  "type": "ResourceRequirements",
  "description": "Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for \"cpu\" and \"memory\" resource names only. ResourceClaims are not supported.\n\nThis field enables fine-grained control over resource allocation for the entire pod, allowing resource sharing among containers in a pod.\n\nThis is an alpha field and requires enabling the PodLevelResources feature gate."
  }
  }
  },
  "Container": {
  "doc": "A single application container that you want to run within a pod.",
  "fields": {
  "name": {
  "type": "string",
  "description": "Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.",
  "required": true
  },
  "image": {
  "type": "string",
  "description": "Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets."
  },
  "command": {
  "type": "[]string",
  "description": "Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell"
  },
  "args": {
  "type": "[]string",
  "description": "Arguments to the entrypoint. The container image's CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell"
  },
  "workingDir": {
  "type": "string",
  "description": "Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated."
  },
  "ports": {
  "type": "[]ContainerPort",
  "description": "List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default \"0.0.0.0\" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated."
  },
  "envFrom": {
  "type": "[]EnvFromSource",
  "description": "List of sources to populate environment variables in the container. The keys defined within a source must be a C_IDENTIFIER. All invalid keys will be reported as an event when the container is starting. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated."
  },
  "env": {
  "type": "[]EnvVar",
  "description": "List of environment variables to set in the container. Cannot be updated."
  },
  "resources": {
  "type": "ResourceRequirements",
  "description": "Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"
  },
  "resizePolicy": {
  "type": "[]ContainerResizePolicy",
  "description": "Resources resize policy for the container."
  },
  "restartPolicy": {
  "type": "string",
  "description": "RestartPolicy defines the restart behavior of individual containers in a pod. This field may only be set for init containers, and the only allowed value is \"Always\". For non-init containers or when this field is not specified, the restart behavior is defined by the Pod's restart policy and the container type. Setting the RestartPolicy as \"Always\" for the init container will have the following effect: this init container will be continually restarted on exit until all regular containers have terminated. Once all regular containers have completed, all init containers with restartPolicy \"Always\" will be shut down. This lifecycle differs from normal init containers and is often referred to as a \"sidecar\" container. Although this init container still starts in the init container sequence, it does not wait for the container to complete before proceeding to the next init container. Instead, the next init container starts immediately after this init container is started, or after any startupProbe has successfully completed."
  },
  "volumeMounts": {
  "type": "[]VolumeMount",
  "description": "Pod volumes to mount into the container's filesystem. Cannot be updated."
  },
  "volumeDevices": {
  "type": "[]VolumeDevice",
  "description": "volumeDevices is the list of block devices to be used by the container."
  },
  "livenessProbe": {
  "type": "Probe",
  "description": "Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes"
  },
  "readinessProbe": {
  "type": "Probe",
  "description": "Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes"
  },
  "startupProbe": {
  "type": "Probe",
  "description": "StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes"
  },
  "lifecycle": {
  "type": "Lifecycle",
  "description": "Actions that the management system should take in response to container lifecycle events. Cannot be updated."
  },
  "terminationMessagePath": {
  "type": "string",
  "description": "Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated."
  },
  "terminationMessagePolicy": {
  "type": "string",
  "description": "Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated.\n\nPossible enum values:\n - `\"FallbackToLogsOnError\"` will read the most recent contents of the container logs for the container status message when the container exits with an error and the terminationMessagePath has no contents.\n - `\"File\"` is the default behavior and will set the container status message to the contents of the container's terminationMessagePath when the container exits.",
  "enum": [
  "FallbackToLogsOnError",
  "File"
  ]
  },
  "imagePullPolicy": {
  "type": "string",
  "description": "Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n\nPossible enum values:\n - `\"Always\"` means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.\n - `\"IfNotPresent\"` means that kubelet pulls if the image isn't present on disk. Container will fail if the image isn't present and the pull fails.\n - `\"Never\"` means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn't present",
  "enum": [
  "Always",
  "IfNotPresent",
  "Never"
  ]
  },
  "securityContext": {
  "type": "SecurityContext",
  "description": "SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"
  },
  "stdin": {
  "type": "boolean",
  "description": "Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false."
  },
  "stdinOnce": {
  "type": "boolean",
  "description": "Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false"
  },
  "tty": {
  "type": "boolean",
  "description": "Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false."
  }
  }
  },
  "ContainerPort": {
  "doc": "ContainerPort represents a network port in a single container.",
  "fields": {
  "name": {
  "type": "string",
  "description": "If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services."
  },
  "hostPort": {
  "type": "integer",
  "description": "Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this."
  },
  "containerPort": {
  "type": "integer",
  "description": "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.",
  "required": true
  },
  "protocol": {
  "type": "string",
  "description": "Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\".\n\nPossible enum values:\n - `\"SCTP\"` is the SCTP protocol.\n - `\"TCP\"` is the TCP protocol.\n - `\"UDP\"` is the UDP protocol.",
  "enum": [
  "SCTP",
  "TCP",
  "UDP"
  ]
  },
  "hostIP": {
  "type": "string",
  "description": "What host IP to bind the external port to."
  }
  }
  },
  "EnvVar": {
  "doc": "EnvVar represents an environment variable present in a Container.",
  "fields": {
  "name": {
  "type": "string",
  "description": "Name of the environment variable. Must be a C_IDENTIFIER.",
  "required": true
  },
  "value": {
  "type": "string",
  "description": "Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Defaults to \"\"."
  },
  "valueFrom": {
  "type": "EnvVarSource",
  "description": "Source for the environment variable's value. Cannot be used if value is not empty."
  }
  }
  },
  "Service": {
  "doc": "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
  "fields": {
  "metadata": {
  "type": "ObjectMeta",
  "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  },
  "spec": {
  "type": "ServiceSpec",
  "description": "Spec defines the behavior of a service. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
  },
  "status": {
  "type": "ServiceStatus",
  "description": "Most recently observed status of the service. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
  },
  "apiVersion": {
  "type": "string",
  "description": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
  },
  "kind": {
  "type": "string",
  "description": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
  }
  }
  },
  "ServiceSpec": {
  "doc": "ServiceSpec describes the attributes that a user creates on a service.",
  "fields": {
  "ports": {
  "type": "[]ServicePort",
  "description": "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"
  },
  "selector": {
  "type": "map[string]string",
  "description": "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/"
  },
  "clusterIP": {
  "type": "string",
  "description": "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"
  },
  "clusterIPs": {
  "type": "[]string",
  "description": "ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly.  If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be empty) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP address.  Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName.  If this field is not specified, it will be initialized from the clusterIP field.  If this field is specified, clients must ensure that clusterIPs[0] and clusterIP have the same value.\n\nThis field may hold a maximum of two entries (dual-stack IPs, in either order). These IPs must correspond to the values of the ipFamilies field. Both clusterIPs and ipFamilies are governed by the ipFamilyPolicy field. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"
  },
  "type": {
  "type": "string",
  "description": "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. \"LoadBalancer\" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. \"ExternalName\" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types\n\nPossible enum values:\n - `\"ClusterIP\"` means a service will only be accessible inside the cluster, via the cluster IP.\n - `\"ExternalName\"` means a service consists of only a reference to an external name that kubedns or equivalent will return as a CNAME record, with no exposing or proxying of any pods involved.\n - `\"LoadBalancer\"` means a service will be exposed via an external load balancer (if the cloud provider supports it), in addition to 'NodePort' type.\n - `\"NodePort\"` means a service will be exposed on one port of every node, in addition to 'ClusterIP' type.",
  "enum": [
  "ClusterIP",
  "ExternalName",
  "LoadBalancer",
  "NodePort"
  ]
  },
  "externalIPs": {
  "type": "[]string",
  "description": "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system."
  },
  "sessionAffinity": {
  "type": "string",
  "description": "Supports \"ClientIP\" and \"None\". Used to maintain session affinity. Enable client IP based session affinity. Must be ClientIP or None. Defaults to None. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies\n\nPossible enum values:\n - `\"ClientIP\"` is the Client IP based.\n - `\"None\"` - no session affinity.",
  "enum": [
  "ClientIP",
  "None"
  ]
  },
  "loadBalancerIP": {
  "type": "string",
  "description": "Only applies to Service Type: LoadBalancer. This feature depends on whether the underlying cloud-provider supports specifying the loadBalancerIP when a load balancer is created. This field will be ignored if the cloud-provider does not support the feature. Deprecated: This field was under-specified and its meaning varies across implementations. Using it is non-portable and it may not support dual-stack. Users are encouraged to use implementation-specific annotations when available."
  },
  "loadBalancerSourceRanges": {
  "type": "[]string",
  "description": "If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer will be restricted to the specified client IPs. This field will be ignored if the cloud-provider does not support the feature.\" More info: https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/"
  },
  "externalName": {
  "type": "string",
  "description": "externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record). No proxying will be involved.  Must be a lowercase RFC-1123 hostname (https://tools.ietf.org/html/rfc1123) and requires `type` to be \"ExternalName\"."
  },
  "externalTrafficPolicy": {
  "type": "string",
  "description": "externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service's \"externally-facing\" addresses (NodePorts, ExternalIPs, and LoadBalancer IPs). If set to \"Local\", the proxy will configure the service in a way that assumes that external load balancers will take care of balancing the service traffic between nodes, and so each node will deliver traffic only to the node-local endpoints of the service, without masquerading the client source IP. (Traffic mistakenly sent to a node with no endpoints will be dropped.) The default value, \"Cluster\", uses the standard behavior of routing to all endpoints evenly (possibly modified by topology and other features). Note that traffic sent to an External IP or LoadBalancer IP from within the cluster will always get \"Cluster\" semantics, but clients sending to a NodePort from within the cluster may need to take traffic policy into account when picking a node.\n\nPossible enum values:\n - `\"Cluster\"` routes traffic to all endpoints.\n - `\"Local\"` preserves the source IP of the traffic by routing only to endpoints on the same node as the traffic was received on (dropping the traffic if there are no local endpoints).",
  "enum": [
  "Cluster",
  "Local"
  ]
  },
  "healthCheckNodePort": {
  "type": "integer",
  "description": "healthCheckNodePort specifies the healthcheck nodePort for the service. This only applies when type is set to LoadBalancer and externalTrafficPolicy is set to Local. If a value is specified, is in-range, and is not in use, it will be used.  If not specified, a value will be automatically allocated.  External systems (e.g. load-balancers) can use this port to determine if a given node holds endpoints for this service or not.  If this field is specified when creating a Service which does not need it, creation will fail. This field will be wiped when updating a Service to no longer need it (e.g. changing type). This field cannot be updated once set."
  },
  "publishNotReadyAddresses": {
  "type": "boolean",
  "description": "publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready. The primary use case for setting this field is for a StatefulSet's Headless Service to propagate SRV DNS records for its Pods for the purpose of peer discovery. The Kubernetes controllers that generate Endpoints and EndpointSlice resources for Services interpret this to mean that all endpoints are considered \"ready\" even if the Pods themselves are not. Agents which consume only Kubernetes generated endpoints through the Endpoints or EndpointSlice resources can safely assume this behavior."
  },
  "sessionAffinityConfig": {
  "type": "SessionAffinityConfig",
  "description": "sessionAffinityConfig contains the configurations of session affinity."
  },
  "ipFamilies": {
  "type": "[]string",
  "description": "IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service. This field is usually assigned automatically based on cluster configuration and the ipFamilyPolicy field. If this field is specified manually, the requested family is available in the cluster, and ipFamilyPolicy allows it, it will be used; otherwise creation of the service will fail. This field is conditionally mutable: it allows for adding or removing a secondary IP family, but it does not allow changing the primary IP family of the Service. Valid values are \"IPv4\" and \"IPv6\".  This field only applies to Services of types ClusterIP, NodePort, and LoadBalancer, and does apply to \"headless\" services. This field will be wiped when updating a Service to type ExternalName.\n\nThis field may hold a maximum of two entries (dual-stack families, in either order).  These families must correspond to the values of the clusterIPs field, if specified. Both clusterIPs and ipFamilies are governed by the ipFamilyPolicy field."
  },
  "ipFamilyPolicy": {
  "type": "string",
  "description": "IPFamilyPolicy represents the dual-stack-ness requested or required by this Service. If there is no value provided, then this field will be set to SingleStack. Services can be \"SingleStack\" (a single IP family), \"PreferDualStack\" (two IP families on dual-stack configured clusters or a single IP family on single-stack clusters), or \"RequireDualStack\" (two IP families on dual-stack configured clusters, otherwise fail). The ipFamilies and clusterIPs fields depend on the value of this field. This field will be wiped when updating a service to type ExternalName.\n\nPossible enum values:\n - `\"PreferDualStack\"` indicates that this service prefers dual-stack when the cluster is configured for dual-stack. If the cluster is not configured for dual-stack the service will be assigned a single IPFamily. If the IPFamily is not set in service.spec.ipFamilies then the service will be assigned the default IPFamily configured on the cluster\n - `\"RequireDualStack\"` indicates that this service requires dual-stack. Using IPFamilyPolicyRequireDualStack on a single stack cluster will result in validation errors. The IPFamilies (and their order) assigned to this service is based on service.spec.ipFamilies. If service.spec.ipFamilies was not provided then it will be assigned according to how they are configured on the cluster. If service.spec.ipFamilies has only one entry then the alternative IPFamily will be added by apiserver\n - `\"SingleStack\"` indicates that this service is required to have a single IPFamily. The IPFamily assigned is based on the default IPFamily used by the cluster or as identified by service.spec.ipFamilies field",
  "enum": [
  "PreferDualStack",
  "RequireDualStack",
  "SingleStack"
  ]
  },
  "allocateLoadBalancerNodePorts": {
  "type": "boolean",
  "description": "allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer.  Default is \"true\". It may be set to \"false\" if the cluster load-balancer does not rely on NodePorts.  If the caller requests specific NodePorts (by specifying a value), those requests will be respected, regardless of this field. This field may only be set for services with type LoadBalancer and will be cleared if the type is changed to any other type."
  },
  "loadBalancerClass": {
  "type": "string",
  "description": "loadBalancerClass is the class of the load balancer implementation this Service belongs to. If specified, the value of this field must be a label-style identifier, with an optional prefix, e.g. \"internal-vip\" or \"example.com/internal-vip\". Unprefixed names are reserved for end-users. This field can only be set when the Service type is 'LoadBalancer'. If not set, the default load balancer implementation is used, today this is typically done through the cloud provider integration, but should apply for any default implementation. If set, it is assumed that a load balancer implementation is watching for Services with a matching class. Any default load balancer implementation (e.g. cloud providers) should ignore Services that set this field. This field can only be set when creating or updating a Service to type 'LoadBalancer'. Once set, it can not be changed. This field will be wiped when a service is updated to a non 'LoadBalancer' type."
  },
  "internalTrafficPolicy": {
  "type": "string",
  "description": "InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP. If set to \"Local\", the proxy will assume that pods only want to talk to endpoints of the service on the same node as the pod, dropping the traffic if there are no local endpoints. The default value, \"Cluster\", uses the standard behavior of routing to all endpoints evenly (possibly modified by topology and other features).\n\nPossible enum values:\n - `\"Cluster\"` routes traffic to all endpoints.\n - `\"Local\"` routes traffic only to endpoints on the same node as the client pod (dropping the traffic if there are no local endpoints).",
  "enum": [
  "Cluster",
  "Local"
  ]
  },
  "trafficDistribution": {
  "type": "string",
  "description": "TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints. Implementations can use this field as a hint, but are not required to guarantee strict adherence. If the field is not set, the implementation will apply its default routing strategy. If set to \"PreferClose\", implementations should prioritize endpoints that are in the same zone."
  }
  }
  },
  "ServicePort": {
  "doc": "ServicePort contains information on service's port.",
  "fields": {
  "name": {
  "type": "string",
  "description": "The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names. When considering the endpoints for a Service, this must match the 'name' field in the EndpointPort. Optional if only one ServicePort is defined on this service."
  },
  "protocol": {
  "type": "string",
  "description": "The IP protocol for this port. Supports \"TCP\", \"UDP\", and \"SCTP\". Default is TCP.\n\nPossible enum values:\n - `\"SCTP\"` is the SCTP protocol.\n - `\"TCP\"` is the TCP protocol.\n - `\"UDP\"` is the UDP protocol.",
  "enum": [
  "SCTP",
  "TCP",
  "UDP"
  ]
  },
  "appProtocol": {
  "type": "string",
  "description": "The application protocol for this port. This is used as a hint for implementations to offer richer behavior for protocols that they understand. This field follows standard Kubernetes label syntax. Valid values are either:\n\n* Un-prefixed protocol names - reserved for IANA standard service names (as per RFC-6335 and https://www.iana.org/assignments/service-names).\n\n* Kubernetes-defined prefixed names:\n  * 'kubernetes.io/h2c' - HTTP/2 prior knowledge over cleartext as described in https://www.rfc-editor.org/rfc/rfc9113.html#name-starting-http-2-with-prior-\n  * 'kubernetes.io/ws'  - WebSocket over cleartext as described in https://www.rfc-editor.org/rfc/rfc6455\n  * 'kubernetes.io/wss' - WebSocket over TLS as described in https://www.rfc-editor.org/rfc/rfc6455\n\n* Other protocols should use implementation-defined prefixed names such as mycompany.com/my-custom-protocol."
  },
  "port": {
  "type": "integer",
  "description": "The port that will be exposed by this service.",
  "required": true
  },
  "targetPort": {
  "type": "IntOrString",
  "description": "Number or name of the port to access on the pods targeted by the service. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If this is a string, it will be looked up as a named port in the target Pod's container ports. If this is not specified, the value of the 'port' field is used (an identity map). This field is ignored for services with clusterIP=None, and should be omitted or set equal to the 'port' field. More info: https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service"
  },
  "nodePort": {
  "type": "integer",
  "description": "The port on each node on which this service is exposed when type is NodePort or LoadBalancer.  Usually assigned by the system. If a value is specified, in-range, and not in use it will be used, otherwise the operation will fail.  If not specified, a port will be allocated if this Service requires one.  If this field is specified when creating a Service which does not need it, creation will fail. This field will be wiped when updating a Service to no longer need it (e.g. changing type from NodePort to ClusterIP). More info: https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport"
  }
  }
  },
  "Deployment": {
  "doc": "Deployment enables declarative updates for Pods and ReplicaSets.",
  "fields": {
  "metadata": {
  "type": "ObjectMeta",
  "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  },
  "spec": {
  "type": "DeploymentSpec",
  "description": "Specification of the desired behavior of the Deployment."
  },
  "status": {
  "type": "DeploymentStatus",
  "description": "Most recently observed status of the Deployment."
  },
  "apiVersion": {
  "type": "string",
  "description": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
  },
  "kind": {
  "type": "string",
  "description": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
  }
  }
  },
  "DeploymentSpec": {
  "doc": "DeploymentSpec is the specification of the desired behavior of the Deployment.",
  "fields": {
  "replicas": {
  "type": "integer",
  "description": "Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1."
  },
  "selector": {
  "type": "LabelSelector",
  "description": "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
  "required": true
  },
  "template": {
  "type": "PodTemplateSpec",
  "description": "Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is \"Always\".",
  "required": true
  },
  "strategy": {
  "type": "DeploymentStrategy",
  "description": "The deployment strategy to use to replace existing pods with new ones."
  },
  "minReadySeconds": {
  "type": "integer",
  "description": "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)"
  },
  "revisionHistoryLimit": {
  "type": "integer",
  "description": "The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10."
  },
  "paused": {
  "type": "boolean",
  "description": "Indicates that the deployment is paused."
  },
  "progressDeadlineSeconds": {
  "type": "integer",
  "description": "The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s."
  }
  }
  },
  "PodTemplateSpec": {
  "doc": "PodTemplateSpec describes the data a pod should have when created from a template",
  "fields": {
  "metadata": {
  "type": "ObjectMeta",
  "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  },
  "spec": {
  "type": "PodSpec",
  "description": "Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
  }
  }
  },
  "ReplicaSet": {
  "doc": "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
  "fields": {
  "metadata": {
  "type": "ObjectMeta",
  "description": "If the Labels of a ReplicaSet are empty, they are defaulted to be the same as the Pod(s) that the ReplicaSet manages. Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  },
  "spec": {
  "type": "ReplicaSetSpec",
  "description": "Spec defines the specification of the desired behavior of the ReplicaSet. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
  },
  "status": {
  "type": "ReplicaSetStatus",
  "description": "Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
  },
  "apiVersion": {
  "type": "string",
  "description": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
  },
  "kind": {
  "type": "string",
  "description": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
  }
  }
  },
  "ReplicaSetSpec": {
  "doc": "ReplicaSetSpec is the specification of a ReplicaSet.",
  "fields": {
  "replicas": {
  "type": "integer",
  "description": "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset"
  },
  "minReadySeconds": {
  "type": "integer",
  "description": "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)"
  },
  "selector": {
  "type": "LabelSelector",
  "description": "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
  "required": true
  },
  "template": {
  "type": "PodTemplateSpec",
  "description": "Template is the object that describes the pod that will be created if insufficient replicas are detected. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#pod-template"
  }
  }
  },
  "Namespace": {
  "doc": "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
  "fields": {
  "metadata": {
  "type": "ObjectMeta",
  "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  },
  "spec": {
  "type": "NamespaceSpec",
  "description": "Spec defines the behavior of the Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
  },
  "status": {
  "type": "NamespaceStatus",
  "description": "Status describes the current status of a Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
  },
  "apiVersion": {
  "type": "string",
  "description": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
  },
  "kind": {
  "type": "string",
  "description": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
  }
  }
  },
  "NamespaceSpec": {
  "doc": "NamespaceSpec describes the attributes on a Namespace.",
  "fields": {
  "finalizers": {
  "type": "[]string",
  "description": "Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/"
  }
  }
  },
  "ServiceAccount": {
  "doc": "ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets",
  "fields": {
  "metadata": {
  "type": "ObjectMeta",
  "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  },
  "secrets": {
  "type": "[]ObjectReference",
  "description": "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a \"kubernetes.io/enforce-mountable-secrets\" annotation set to \"true\". The \"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret"
  },
  "imagePullSecrets": {
  "type": "[]LocalObjectReference",
  "description": "ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount. ImagePullSecrets are distinct from Secrets because Secrets can be mounted in the pod, but ImagePullSecrets are only accessed by the kubelet. More info: https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod"
  },
  "automountServiceAccountToken": {
  "type": "boolean",
  "description": "AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted. Can be overridden at the pod level."
  },
  "apiVersion": {
  "type": "string",
  "description": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
  },
  "kind": {
  "type": "string",
  "description": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
  }
  }
  },
  "ObjectMeta": {
  "doc": "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
  "fields": {
  "name": {
  "type": "string",
  "description": "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
  },
  "generateName": {
  "type": "string",
  "description": "GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided. If this field is used, the name returned to the client will be different than the name passed. This value will also be combined with a unique suffix. The provided value has the same validation rules as the Name field, and may be truncated by the length of the suffix required to make the value unique on the server.\n\nIf this field is specified and the generated name exists, the server will return a 409.\n\nApplied only if Name is not specified. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#idempotency"
  },
  "namespace": {
  "type": "string",
  "description": "Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the \"default\" namespace, but \"default\" is the canonical representation. Not all objects are required to be scoped to a namespace - the value of this field for those objects will be empty.\n\nMust be a DNS_LABEL. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces"
  },
  "selfLink": {
  "type": "string",
  "description": "Deprecated: selfLink is a legacy read-only field that is no longer populated by the system."
  },
  "uid": {
  "type": "string",
  "description": "UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations.\n\nPopulated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids"
  },
  "resourceVersion": {
  "type": "string",
  "description": "An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. May be used for optimistic concurrency, change detection, and the watch operation on a resource or set of resources. Clients must treat these values as opaque and passed unmodified back to the server. They may only be valid for a particular resource or set of resources.\n\nPopulated by the system. Read-only. Value must be treated as opaque by clients and . More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency"
  },
  "generation": {
  "type": "integer",
  "description": "A sequence number representing a specific generation of the desired state. Populated by the system. Read-only."
  },
  "creationTimestamp": {
  "type": "string",
  "description": "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  },
  "deletionTimestamp": {
  "type": "string",
  "description": "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client. The resource is expected to be deleted (no longer visible from resource lists, and not reachable by name) after the time in this field, once the finalizers list is empty. As long as the finalizers list contains items, deletion is blocked. Once the deletionTimestamp is set, this value may not be unset or be set further into the future, although it may be shortened or the resource may be deleted prior to this time. For example, a user may request that a pod is deleted in 30 seconds. The Kubelet will react by sending a graceful termination signal to the containers in the pod. After that 30 seconds, the Kubelet will send a hard termination signal (SIGKILL) to the container and after cleanup, remove the pod from the API. In the presence of network partitions, this object may still exist after this timestamp, until an administrator or automated process can determine the resource is fully terminated. If not set, graceful deletion of the object has not been requested.\n\nPopulated by the system when a graceful deletion is requested. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  },
  "deletionGracePeriodSeconds": {
  "type": "integer",
  "description": "Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only."
  },
  "labels": {
  "type": "map[string]string",
  "description": "Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels"
  },
  "annotations": {
  "type": "map[string]string",
  "description": "Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations"
  },
  "ownerReferences": {
  "type": "[]OwnerReference",
  "description": "List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected. If this object is managed by a controller, then an entry in this list will point to this controller, with the controller field set to true. There cannot be more than one managing controller."
  },
  "finalizers": {
  "type": "[]string",
  "description": "Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list. If the deletionTimestamp of the object is non-nil, entries in this list can only be removed. Finalizers may be processed and removed in any order.  Order is NOT enforced because it introduces significant risk of stuck finalizers. finalizers is a shared field, any actor with permission can reorder it. If the finalizer list is processed in order, then this can lead to a situation in which the component responsible for the first finalizer in the list is waiting for a signal (field value, external system, or other) produced by a component responsible for a finalizer later in the list, resulting in a deadlock. Without enforced ordering finalizers are free to order amongst themselves and are not vulnerable to ordering changes in the list."
  },
  "managedFields": {
  "type": "[]ManagedFieldsEntry",
  "description": "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow. This is mostly for internal housekeeping, and users typically shouldn't need to set or understand this field. A workflow can be the user's name, a controller's name, or the name of a specific apply path like \"ci-cd\". The set of fields is always in the version that the workflow used when modifying the object."
  }
  }
  },
  "OwnerReference": {
  "doc": "OwnerReference contains enough information to let you identify an owning object. An owning object must be in the same namespace as the dependent, or be cluster-scoped, so there is no namespace field.",
  "fields": {
  "apiVersion": {
  "type": "string",
  "description": "API version of the referent.",
  "required": true
  },
  "kind": {
  "type": "string",
  "description": "Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
  "required": true
  },
  "name": {
  "type": "string",
  "description": "Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  "required": true
  },
  "uid": {
  "type": "string",
  "description": "UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids",
  "required": true
  },
  "controller": {
  "type": "boolean",
  "description": "If true, this reference points to the managing controller."
  },
  "blockOwnerDeletion": {
  "type": "boolean",
  "description": "If true, AND if the owner has the \"foregroundDeletion\" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed. See https://kubernetes.io/docs/concepts/architecture/garbage-collection/#foreground-deletion for how the garbage collector interacts with this field and enforces the foreground deletion. Defaults to false. To set this field, a user needs \"delete\" permission of the owner, otherwise 422 (Unprocessable Entity) will be returned."
  }
  }
  },
  "LabelSelector": {
  "doc": "A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.",
  "fields": {
  "matchLabels": {
  "type": "map[string]string",
  "description": "matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is \"key\", the operator is \"In\", and the values array contains only \"value\". The requirements are ANDed."
  },
  "matchExpressions": {
  "type": "[]LabelSelectorRequirement",
  "description": "matchExpressions is a list of label selector requirements. The requirements are ANDed."
  }
  }
  }
  },
  "typeDocs": {
  "ObjectMeta": "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
  "PodSpec": "PodSpec is a description of a pod.",
  "PodStatus": "PodStatus represents information about the status of a pod. Status may trail the actual state of a system, especially if the node that hosts the pod cannot contact the control plane.",
  "Pod": "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
  "Volume": "Volume represents a named volume in a pod that may be accessed by any container in the pod.",
  "Container": "A single application container that you want to run within a pod.",
  "EphemeralContainer": "An EphemeralContainer is a temporary container that you may add to an existing Pod for user-initiated activities such as debugging. Ephemeral containers have no resource or scheduling guarantees, and they will not be restarted when they exit or when a Pod is removed or restarted. The kubelet may evict a Pod if an ephemeral container causes the Pod to exceed its resource allocation.\n\nTo add an ephemeral container, use the ephemeralcontainers subresource of an existing Pod. Ephemeral containers may not be removed or restarted.",
  "PodSecurityContext": "PodSecurityContext holds pod-level security attributes and common container settings. Some fields are also present in container.securityContext.  Field values of container.securityContext take precedence over field values of PodSecurityContext.",
  "LocalObjectReference": "LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.",
  "Affinity": "Affinity is a group of affinity scheduling rules.",
  "Toleration": "The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.",
  "HostAlias": "HostAlias holds the mapping between IP and hostnames that will be injected as an entry in the pod's hosts file.",
  "PodDNSConfig": "PodDNSConfig defines the DNS parameters of a pod in addition to those generated from DNSPolicy.",
  "PodReadinessGate": "PodReadinessGate contains the reference to a pod condition",
  "TopologySpreadConstraint": "TopologySpreadConstraint specifies how to spread matching pods among the given topology.",
  "PodOS": "PodOS defines the OS parameters of a pod.",
  "PodSchedulingGate": "PodSchedulingGate is associated to a Pod to guard its scheduling.",
  "PodResourceClaim": "PodResourceClaim references exactly one ResourceClaim, either directly or by naming a ResourceClaimTemplate which is then turned into a ResourceClaim for the pod.\n\nIt adds a name to it that uniquely identifies the ResourceClaim inside the Pod. Containers that need access to the ResourceClaim reference it with this name.",
  "ResourceRequirements": "ResourceRequirements describes the compute resource requirements.",
  "ContainerPort": "ContainerPort represents a network port in a single container.",
  "EnvFromSource": "EnvFromSource represents the source of a set of ConfigMaps or Secrets",
  "EnvVar": "EnvVar represents an environment variable present in a Container.",
  "ContainerResizePolicy": "ContainerResizePolicy represents resource resize policy for the container.",
  "VolumeMount": "VolumeMount describes a mounting of a Volume within a container.",
  "VolumeDevice": "volumeDevice describes a mapping of a raw block device within a container.",
  "Probe": "Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.",
  "Lifecycle": "Lifecycle describes actions that the management system should take in response to container lifecycle events. For the PostStart and PreStop lifecycle handlers, management of the container blocks until the action is complete, unless the container process fails, in which case the handler is aborted.",
  "SecurityContext": "SecurityContext holds security configuration that will be applied to a container. Some fields are present in both SecurityContext and PodSecurityContext.  When both are set, the values in SecurityContext take precedence.",
  "EnvVarSource": "EnvVarSource represents a source for the value of an EnvVar.",
  "ServiceSpec": "ServiceSpec describes the attributes that a user creates on a service.",
  "ServiceStatus": "ServiceStatus represents the current status of a service.",
  "Service": "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
  "ServicePort": "ServicePort contains information on service's port.",
  "SessionAffinityConfig": "SessionAffinityConfig represents the configurations of session affinity.",
  "DeploymentSpec": "DeploymentSpec is the specification of the desired behavior of the Deployment.",
  "DeploymentStatus": "DeploymentStatus is the most recently observed status of the Deployment.",
  "Deployment": "Deployment enables declarative updates for Pods and ReplicaSets.",
  "LabelSelector": "A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.",
  "PodTemplateSpec": "PodTemplateSpec describes the data a pod should have when created from a template",
  "DeploymentStrategy": "DeploymentStrategy describes how to replace existing pods with new ones.",
  "ReplicaSetSpec": "ReplicaSetSpec is the specification of a ReplicaSet.",
  "ReplicaSetStatus": "ReplicaSetStatus represents the current status of a ReplicaSet.",
  "ReplicaSet": "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
  "NamespaceSpec": "NamespaceSpec describes the attributes on a Namespace.",
  "NamespaceStatus": "NamespaceStatus is information about the current status of a Namespace.",
  "Namespace": "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
  "ObjectReference": "ObjectReference contains enough information to let you inspect or modify the referred object.",
  "ServiceAccount": "ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets",
  "OwnerReference": "OwnerReference contains enough information to let you identify an owning object. An owning object must be in the same namespace as the dependent, or be cluster-scoped, so there is no namespace field.",
  "ManagedFieldsEntry": "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.",
  "LabelSelectorRequirement": "A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values."
  },
  "istio": {
  "PeerAuthentication": {
  "spec": "Peer authentication configuration for workloads. See more details at: https://istio.io/docs/reference/config/security/peer_authentication.html",
  "spec.mtls": "Mutual TLS settings for workload.",
  "spec.mtls.mode": "Defines the mTLS mode used for peer authentication.\n\nValid Options: DISABLE, PERMISSIVE, STRICT",
  "spec.portLevelMtls": "Port specific mutual TLS settings.",
  "spec.portLevelMtls.mode": "Defines the mTLS mode used for peer authentication.\n\nValid Options: DISABLE, PERMISSIVE, STRICT",
  "spec.selector": "The selector determines the workloads to apply the PeerAuthentication on.",
  "spec.selector.matchLabels": "One or more labels that indicate a specific set of pods/VMs on which a policy should be applied."
  },
  "AuthorizationPolicy": {
  "spec": "Configuration for access control on workloads. See more details at: https://istio.io/docs/reference/config/security/authorization-policy.html",
  "spec.action": "Optional.\n\nValid Options: ALLOW, DENY, AUDIT, CUSTOM",
  "spec.provider": "Specifies detailed configuration of the CUSTOM action.",
  "spec.provider.name": "Specifies the name of the extension provider.",
  "spec.rules": "Optional.",
  "spec.rules.from": "Optional.",
  "spec.rules.from.source": "Source specifies the source of a request.",
  "spec.rules.from.source.ipBlocks": "Optional.",
  "spec.rules.from.source.namespaces": "Optional.",
  "spec.rules.from.source.notIpBlocks": "Optional.",
  "spec.rules.from.source.notNamespaces": "Optional.",
  "spec.rules.from.source.notPrincipals": "Optional.",
  "spec.rules.from.source.notRemoteIpBlocks": "Optional.",
  "spec.rules.from.source.notRequestPrincipals": "Optional.",
  "spec.rules.from.source.notServiceAccounts": "Optional.",
  "spec.rules.from.source.principals": "Optional.",
  "spec.rules.from.source.remoteIpBlocks": "Optional.",
  "spec.rules.from.source.requestPrincipals": "Optional.",
  "spec.rules.from.source.serviceAccounts": "Optional.",
  "spec.rules.to": "Optional.",
  "spec.rules.to.operation": "Operation specifies the operation of a request.",
  "spec.rules.to.operation.hosts": "Optional.",
  "spec.rules.to.operation.methods": "Optional.",
  "spec.rules.to.operation.notHosts": "Optional.",
  "spec.rules.to.operation.notMethods": "Optional.",
  "spec.rules.to.operation.notPaths": "Optional.",
  "spec.rules.to.operation.notPorts": "Optional.",
  "spec.rules.to.operation.paths": "Optional.",
  "spec.rules.to.operation.ports": "Optional.",
  "spec.rules.when": "Optional.",
  "spec.rules.when.key": "The name of an Istio attribute.",
  "spec.rules.when.notValues": "Optional.",
  "spec.rules.when.values": "Optional.",
  "spec.selector": "Optional.",
  "spec.selector.matchLabels": "One or more labels that indicate a specific set of pods/VMs on which a policy should be applied.",
  "spec.targetRef.group": "group is the group of the target resource.",
  "spec.targetRef.kind": "kind is kind of the target resource.",
  "spec.targetRef.name": "name is the name of the target resource.",
  "spec.targetRef.namespace": "namespace is the namespace of the referent.",
  "spec.targetRefs": "Optional.",
  "spec.targetRefs.group": "group is the group of the target resource.",
  "spec.targetRefs.kind": "kind is kind of the target resource.",
  "spec.targetRefs.name": "name is the name of the target resource.",
  "spec.targetRefs.namespace": "namespace is the namespace of the referent."
  },
  "ServiceEntry": {
  "spec": "Configuration affecting service registry. See more details at: https://istio.io/docs/reference/config/networking/service-entry.html",
  "spec.addresses": "The virtual IP addresses associated with the service.",
  "spec.endpoints": "One or more endpoints associated with the service.",
  "spec.endpoints.address": "Address associated with the network endpoint without the port.",
  "spec.endpoints.labels": "One or more labels associated with the endpoint.",
  "spec.endpoints.locality": "The locality associated with the endpoint.",
  "spec.endpoints.network": "Network enables Istio to group endpoints resident in the same L3 domain/network.",
  "spec.endpoints.ports": "Set of ports associated with the endpoint.",
  "spec.endpoints.serviceAccount": "The service account associated with the workload if a sidecar is present in the workload.",
  "spec.endpoints.weight": "The load balancing weight associated with the endpoint.",
  "spec.exportTo": "A list of namespaces to which this service is exported.",
  "spec.hosts": "The hosts associated with the ServiceEntry.",
  "spec.location": "Specify whether the service should be considered external to the mesh or part of the mesh.\n\nValid Options: MESH_EXTERNAL, MESH_INTERNAL",
  "spec.ports": "The ports associated with the external service.",
  "spec.ports.name": "Label assigned to the port.",
  "spec.ports.number": "A valid non-negative integer port number.",
  "spec.ports.protocol": "The protocol exposed on the port.",
  "spec.ports.targetPort": "The port number on the endpoint where the traffic will be received.",
  "spec.resolution": "Service resolution mode for the hosts.\n\nValid Options: NONE, STATIC, DNS, DNS_ROUND_ROBIN",
  "spec.subjectAltNames": "If specified, the proxy will verify that the server certificate's subject alternate name matches one of the specified values.",
  "spec.workloadSelector": "Applicable only for MESH_INTERNAL services.",
  "spec.workloadSelector.labels": "One or more labels that indicate a specific set of pods/VMs on which the configuration should be applied."
  },
  "Sidecar": {
  "spec": "Configuration affecting network reachability of a sidecar. See more details at: https://istio.io/docs/reference/config/networking/sidecar.html",
  "spec.egress": "Egress specifies the configuration of the sidecar for processing outbound traffic from the attached workload instance to other services in the mesh.",
  "spec.egress.bind": "The IP(IPv4 or IPv6) or the Unix domain socket to which the listener should be bound to.",
  "spec.egress.captureMode": "When the bind address is an IP, the captureMode option dictates how traffic to the listener is expected to be captured (or not).\n\nValid Options: DEFAULT, IPTABLES, NONE",
  "spec.egress.hosts": "One or more service hosts exposed by the listener in `namespace/dnsName` format.",
  "spec.egress.port": "The port associated with the listener.",
  "spec.egress.port.name": "Label assigned to the port.",
  "spec.egress.port.number": "A valid non-negative integer port number.",
  "spec.egress.port.protocol": "The protocol exposed on the port.",
  "spec.inboundConnectionPool": "Settings controlling the volume of connections Envoy will accept from the network.",
  "spec.ingress": "Ingress specifies the configuration of the sidecar for processing inbound traffic to the attached workload instance.",
  "spec.ingress.bind": "The IP(IPv4 or IPv6) to which the listener should be bound.",
  "spec.ingress.captureMode": "The captureMode option dictates how traffic to the listener is expected to be captured (or not).\n\nValid Options: DEFAULT, IPTABLES, NONE",
  "spec.ingress.connectionPool": "Settings controlling the volume of connections Envoy will accept from the network.",
  "spec.ingress.defaultEndpoint": "The IP endpoint or Unix domain socket to which traffic should be forwarded to.",
  "spec.ingress.port": "The port associated with the listener.",
  "spec.ingress.port.name": "Label assigned to the port.",
  "spec.ingress.port.number": "A valid non-negative integer port number.",
  "spec.ingress.port.protocol": "The protocol exposed on the port.",
  "spec.ingress.tls": "Set of TLS related options that will enable TLS termination on the sidecar for requests originating from outside the mesh.",
  "spec.outboundTrafficPolicy": "Set the default behavior of the sidecar for handling outbound traffic from the application.",
  "spec.outboundTrafficPolicy.egressProxy.host": "The name of a service from the service registry.",
  "spec.outboundTrafficPolicy.egressProxy.port": "Specifies the port on the host that is being addressed.",
  "spec.outboundTrafficPolicy.egressProxy.subset": "The name of a subset within the service.",
  "spec.outboundTrafficPolicy.mode": "\n\nValid Options: REGISTRY_ONLY, ALLOW_ANY",
  "spec.workloadSelector": "Criteria used to select the specific set of pods/VMs on which this `Sidecar` configuration should be applied.",
  "spec.workloadSelector.labels": "One or more labels that indicate a specific set of pods/VMs on which the configuration should be applied."
  },
  "DestinationRule": {
  "spec": "Configuration affecting load balancing, outlier detection, etc. See more details at: https://istio.io/docs/reference/config/networking/destination-rule.html",
  "spec.exportTo": "A list of namespaces to which this destination rule is exported.",
  "spec.host": "The name of a service from the service registry.",
  "spec.subsets": "One or more named sets that represent individual versions of a service.",
  "spec.subsets.labels": "Labels apply a filter over the endpoints of a service in the service registry.",
  "spec.subsets.name": "Name of the subset.",
  "spec.subsets.trafficPolicy": "Traffic policies that apply to this subset.",
  "spec.subsets.trafficPolicy.loadBalancer": "Settings controlling the load balancer algorithms.",
  "spec.subsets.trafficPolicy.portLevelSettings": "Traffic policies specific to individual ports.",
  "spec.subsets.trafficPolicy.portLevelSettings.loadBalancer": "Settings controlling the load balancer algorithms.",
  "spec.subsets.trafficPolicy.portLevelSettings.port": "Specifies the number of a port on the destination service on which this policy is being applied.",
  "spec.subsets.trafficPolicy.portLevelSettings.tls": "TLS related settings for connections to the upstream service.",
  "spec.subsets.trafficPolicy.portLevelSettings.tls.caCertificates": "OPTIONAL: The path to the file containing certificate authority certificates to use in verifying a presented server certificate.",
  "spec.subsets.trafficPolicy.portLevelSettings.tls.caCrl": "OPTIONAL: The path to the file containing the certificate revocation list (CRL) to use in verifying a presented server certificate.",
  "spec.subsets.trafficPolicy.portLevelSettings.tls.clientCertificate": "REQUIRED if mode is `MUTUAL`.",
  "spec.subsets.trafficPolicy.portLevelSettings.tls.credentialName": "The name of the secret that holds the TLS certs for the client including the CA certificates.",
  "spec.subsets.trafficPolicy.portLevelSettings.tls.insecureSkipVerify": "`insecureSkipVerify` specifies whether the proxy should skip verifying the CA signature and SAN for the server certificate corresponding to the host.",
  "spec.subsets.trafficPolicy.portLevelSettings.tls.mode": "Indicates whether connections to this port should be secured using TLS.\n\nValid Options: DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL",
  "spec.subsets.trafficPolicy.portLevelSettings.tls.privateKey": "REQUIRED if mode is `MUTUAL`.",
  "spec.subsets.trafficPolicy.portLevelSettings.tls.sni": "SNI string to present to the server during TLS handshake.",
  "spec.subsets.trafficPolicy.portLevelSettings.tls.subjectAltNames": "A list of alternate names to verify the subject identity in the certificate.",
  "spec.subsets.trafficPolicy.proxyProtocol": "The upstream PROXY protocol settings.",
  "spec.subsets.trafficPolicy.tls": "TLS related settings for connections to the upstream service.",
  "spec.subsets.trafficPolicy.tls.caCertificates": "OPTIONAL: The path to the file containing certificate authority certificates to use in verifying a presented server certificate.",
  "spec.subsets.trafficPolicy.tls.caCrl": "OPTIONAL: The path to the file containing the certificate revocation list (CRL) to use in verifying a presented server certificate.",
  "spec.subsets.trafficPolicy.tls.clientCertificate": "REQUIRED if mode is `MUTUAL`.",
  "spec.subsets.trafficPolicy.tls.credentialName": "The name of the secret that holds the TLS certs for the client including the CA certificates.",
  "spec.subsets.trafficPolicy.tls.insecureSkipVerify": "`insecureSkipVerify` specifies whether the proxy should skip verifying the CA signature and SAN for the server certificate corresponding to the host.",
  "spec.subsets.trafficPolicy.tls.mode": "Indicates whether connections to this port should be secured using TLS.\n\nValid Options: DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL",
  "spec.subsets.trafficPolicy.tls.privateKey": "REQUIRED if mode is `MUTUAL`.",
  "spec.subsets.trafficPolicy.tls.sni": "SNI string to present to the server during TLS handshake.",
  "spec.subsets.trafficPolicy.tls.subjectAltNames": "A list of alternate names to verify the subject identity in the certificate.",
  "spec.subsets.trafficPolicy.tunnel": "Configuration of tunneling TCP over other transport or application layers for the host configured in the DestinationRule.",
  "spec.trafficPolicy": "Traffic policies to apply (load balancing policy, connection pool sizes, outlier detection).",
  "spec.trafficPolicy.loadBalancer": "Settings controlling the load balancer algorithms.",
  "spec.trafficPolicy.portLevelSettings": "Traffic policies specific to individual ports.",
  "spec.trafficPolicy.portLevelSettings.loadBalancer": "Settings controlling the load balancer algorithms.",
  "spec.trafficPolicy.portLevelSettings.port": "Specifies the number of a port on the destination service on which this policy is being applied.",
  "spec.trafficPolicy.portLevelSettings.tls": "TLS related settings for connections to the upstream service.",
  "spec.trafficPolicy.portLevelSettings.tls.caCertificates": "OPTIONAL: The path to the file containing certificate authority certificates to use in verifying a presented server certificate.",
  "spec.trafficPolicy.portLevelSettings.tls.caCrl": "OPTIONAL: The path to the file containing the certificate revocation list (CRL) to use in verifying a presented server certificate.",
  "spec.trafficPolicy.portLevelSettings.tls.clientCertificate": "REQUIRED if mode is `MUTUAL`.",
  "spec.trafficPolicy.portLevelSettings.tls.credentialName": "The name of the secret that holds the TLS certs for the client including the CA certificates.",
  "spec.trafficPolicy.portLevelSettings.tls.insecureSkipVerify": "`insecureSkipVerify` specifies whether the proxy should skip verifying the CA signature and SAN for the server certificate corresponding to the host.",
  "spec.trafficPolicy.portLevelSettings.tls.mode": "Indicates whether connections to this port should be secured using TLS.\n\nValid Options: DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL",
  "spec.trafficPolicy.portLevelSettings.tls.privateKey": "REQUIRED if mode is `MUTUAL`.",
  "spec.trafficPolicy.portLevelSettings.tls.sni": "SNI string to present to the server during TLS handshake.",
  "spec.trafficPolicy.portLevelSettings.tls.subjectAltNames": "A list of alternate names to verify the subject identity in the certificate.",
  "spec.trafficPolicy.proxyProtocol": "The upstream PROXY protocol settings.",
  "spec.trafficPolicy.tls": "TLS related settings for connections to the upstream service.",
  "spec.trafficPolicy.tls.caCertificates": "OPTIONAL: The path to the file containing certificate authority certificates to use in verifying a presented server certificate.",
  "spec.trafficPolicy.tls.caCrl": "OPTIONAL: The path to the file containing the certificate revocation list (CRL) to use in verifying a presented server certificate.",
  "spec.trafficPolicy.tls.clientCertificate": "REQUIRED if mode is `MUTUAL`.",
  "spec.trafficPolicy.tls.credentialName": "The name of the secret that holds the TLS certs for the client including the CA certificates.",
  "spec.trafficPolicy.tls.insecureSkipVerify": "`insecureSkipVerify` specifies whether the proxy should skip verifying the CA signature and SAN for the server certificate corresponding to the host.",
  "spec.trafficPolicy.tls.mode": "Indicates whether connections to this port should be secured using TLS.\n\nValid Options: DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL",
  "spec.trafficPolicy.tls.privateKey": "REQUIRED if mode is `MUTUAL`.",
  "spec.trafficPolicy.tls.sni": "SNI string to present to the server during TLS handshake.",
  "spec.trafficPolicy.tls.subjectAltNames": "A list of alternate names to verify the subject identity in the certificate.",
  "spec.trafficPolicy.tunnel": "Configuration of tunneling TCP over other transport or application layers for the host configured in the DestinationRule.",
  "spec.workloadSelector": "Criteria used to select the specific set of pods/VMs on which this `DestinationRule` configuration should be applied.",
  "spec.workloadSelector.matchLabels": "One or more labels that indicate a specific set of pods/VMs on which a policy should be applied."
  },
  "Gateway": {
  "spec": "Configuration affecting edge load balancer. See more details at: https://istio.io/docs/reference/config/networking/gateway.html",
  "spec.selector": "One or more labels that indicate a specific set of pods/VMs on which this gateway configuration should be applied.",
  "spec.servers": "A list of server specifications.",
  "spec.servers.bind": "The ip or the Unix domain socket to which the listener should be bound to.",
  "spec.servers.hosts": "One or more hosts exposed by this gateway.",
  "spec.servers.name": "An optional name of the server, when set must be unique across all servers.",
  "spec.servers.port": "The Port on which the proxy should listen for incoming connections.",
  "spec.servers.port.name": "Label assigned to the port.",
  "spec.servers.port.number": "A valid non-negative integer port number.",
  "spec.servers.port.protocol": "The protocol exposed on the port.",
  "spec.servers.tls": "Set of TLS related options that govern the server's behavior."
  },
  "VirtualService": {
  "spec": "Configuration affecting label/content routing, sni routing, etc. See more details at: https://istio.io/docs/reference/config/networking/virtual-service.html",
  "spec.exportTo": "A list of namespaces to which this virtual service is exported.",
  "spec.gateways": "The names of gateways and sidecars that should apply these routes.",
  "spec.hosts": "The destination hosts to which traffic is being sent.",
  "spec.http": "An ordered list of route rules for HTTP traffic.",
  "spec.http.corsPolicy": "Cross-Origin Resource Sharing policy (CORS).",
  "spec.http.delegate": "Delegate is used to specify the particular VirtualService which can be used to define delegate HTTPRoute.",
  "spec.http.directResponse": "A HTTP rule can either return a direct_response, redirect or forward (default) traffic.",
  "spec.http.fault": "Fault injection policy to apply on HTTP traffic at the client side.",
  "spec.http.match": "Match conditions to be satisfied for the rule to be activated.",
  "spec.http.mirror": "Mirror HTTP traffic to a another destination in addition to forwarding the requests to the intended destination.",
  "spec.http.mirrorPercentage": "Percentage of the traffic to be mirrored by the `mirror` field.",
  "spec.http.mirrors": "Specifies the destinations to mirror HTTP traffic in addition to the original destination.",
  "spec.http.name": "The name assigned to the route for debugging purposes.",
  "spec.http.redirect": "A HTTP rule can either return a direct_response, redirect or forward (default) traffic.",
  "spec.http.retries": "Retry policy for HTTP requests.",
  "spec.http.rewrite": "Rewrite HTTP URIs and Authority headers.",
  "spec.http.route": "A HTTP rule can either return a direct_response, redirect or forward (default) traffic.",
  "spec.http.route.destination": "Destination uniquely identifies the instances of a service to which the request/connection should be forwarded to.",
  "spec.http.route.destination.host": "The name of a service from the service registry.",
  "spec.http.route.destination.port": "Specifies the port on the host that is being addressed.",
  "spec.http.route.destination.subset": "The name of a subset within the service.",
  "spec.http.route.weight": "Weight specifies the relative proportion of traffic to be forwarded to the destination.",
  "spec.http.timeout": "Timeout for HTTP requests, default is disabled.",
  "spec.tcp": "An ordered list of route rules for opaque TCP traffic.",
  "spec.tcp.match": "Match conditions to be satisfied for the rule to be activated.",
  "spec.tcp.route": "The destination to which the connection should be forwarded to.",
  "spec.tcp.route.destination": "Destination uniquely identifies the instances of a service to which the request/connection should be forwarded to.",
  "spec.tcp.route.destination.host": "The name of a service from the service registry.",
  "spec.tcp.route.destination.port": "Specifies the port on the host that is being addressed.",
  "spec.tcp.route.destination.subset": "The name of a subset within the service.",
  "spec.tcp.route.weight": "Weight specifies the relative proportion of traffic to be forwarded to the destination.",
  "spec.tls": "An ordered list of route rule for non-terminated TLS & HTTPS traffic.",
  "spec.tls.match": "Match conditions to be satisfied for the rule to be activated.",
  "spec.tls.route": "The destination to which the connection should be forwarded to.",
  "spec.tls.route.destination": "Destination uniquely identifies the instances of a service to which the request/connection should be forwarded to.",
  "spec.tls.route.destination.host": "The name of a service from the service registry.",
  "spec.tls.route.destination.port": "Specifies the port on the host that is being addressed.",
  "spec.tls.route.destination.subset": "The name of a subset within the service.",
  "spec.tls.route.weight": "Weight specifies the relative proportion of traffic to be forwarded to the destination."
  }
  }
  };
