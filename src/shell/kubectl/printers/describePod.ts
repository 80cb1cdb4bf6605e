import { NAME_ALPHABET } from '../../../domain/random.ts';
import { type JsonObject, type KubeObject, getPath, getString, getStringMap } from '../../../domain/objects.ts';
import { describeContainers, podFieldResolver } from './describeContainers.ts';
import { describeNoEvents, printAnnotationsMultiline, printLabelsMultiline } from './describeFields.ts';
import { livePodStatus } from './livePodStatus.ts';
import { describeVolumes, printTolerations } from './describePodSpec.ts';
import { objectsIn as objects } from './jsonValues.ts';
import { tabbedString } from './tabbedString.ts';
import { parseRfc3339, rfc1123z } from './timestamps.ts';

/** The tolerations the DefaultTolerationSeconds admission plugin adds to every pod. */
const DEFAULT_TOLERATIONS: JsonObject[] = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];

/**
 * The projected service-account token volume the ServiceAccount admission plugin adds to every pod,
 * `kube-api-access-<5 random characters>`; the suffix is derived from the pod's uid so that it is
 * stable across describes.
 */
function tokenVolumeName(uid: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < uid.length; i++) hash = Math.imul(hash ^ uid.charCodeAt(i), 0x01000193);
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix += NAME_ALPHABET[(hash >>> 0) % NAME_ALPHABET.length];
    hash = Math.imul(hash ^ i, 0x01000193);
  }
  return `kube-api-access-${suffix}`;
}

/** k8s.io/kubectl/pkg/util/qos.GetPodQOS, comparing quantities as written. */
function podQosClass(pod: KubeObject): string {
  const containers = [...objects(getPath(pod.spec, 'containers')), ...objects(getPath(pod.spec, 'initContainers'))];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = getStringMap(c, 'resources', 'requests');
    const limits = getStringMap(c, 'resources', 'limits');
    if (Object.keys(requests).length || Object.keys(limits).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const limit = limits[r];
      if (limit === undefined || (requests[r] !== undefined && requests[r] !== limit)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * `kubectl describe pod` (describe.go describePod) at `now`. Fields the API server's admission
 * plugins would have added, but which the simulator does not store (priority 0, the default
 * tolerations, the kube-api-access token volume and its mounts), are shown as a real cluster
 * shows them. No events are recorded.
 */
export function describePod(pod: KubeObject, now: number): string {
  const status = livePodStatus(pod, now);
  const spec = pod.spec ?? {};
  const storedVolumes = objects(spec.volumes);
  const tokenVolume = spec.automountServiceAccountToken === false || storedVolumes.some((v) => String(v.name ?? '').startsWith('kube-api-access-'))
    ? undefined
    : tokenVolumeName(pod.metadata.uid);
  const volumes: JsonObject[] = tokenVolume
    ? [...storedVolumes, {
      name: tokenVolume,
      projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }, { downwardAPI: {} }] },
    }]
    : storedVolumes;
  const extraMounts: JsonObject[] = tokenVolume ? [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: tokenVolume, readOnly: true }] : [];
  const resolveField = podFieldResolver(pod);

  return tabbedString((w) => {
    w.write(0, `Name:\t${pod.metadata.name}\n`);
    w.write(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
    w.write(0, `Priority:\t${typeof spec.priority === 'number' ? spec.priority : 0}\n`);
    if (typeof spec.priorityClassName === 'string' && spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    const sa = getString(spec, 'serviceAccountName');
    if (sa) w.write(0, `Service Account:\t${sa}\n`);
    const node = getString(spec, 'nodeName');
    w.write(0, node ? `Node:\t${node}/${getString(status, 'hostIP') ?? ''}\n` : 'Node:\t<none>\n');
    const start = getString(status, 'startTime');
    const startSeconds = start === undefined ? undefined : parseRfc3339(start);
    if (startSeconds !== undefined) w.write(0, `Start Time:\t${rfc1123z(startSeconds)}\n`);
    printLabelsMultiline(w, 'Labels', pod.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
    w.write(0, `Status:\t${getString(status, 'phase') ?? 'Pending'}\n`);
    const reason = getString(status, 'reason');
    if (reason) w.write(0, `Reason:\t${reason}\n`);
    const message = getString(status, 'message');
    if (message) w.write(0, `Message:\t${message}\n`);
    w.write(0, `IP:\t${getString(status, 'podIP') ?? ''}\n`);
    const ips = objects(status.podIPs);
    if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
    else {
      w.write(0, 'IPs:\n');
      for (const ip of ips) w.write(1, `IP:\t${String(ip.ip ?? '')}\n`);
    }
    const controller = pod.metadata.ownerReferences?.find((o) => o.controller);
    if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
    const initContainers = objects(spec.initContainers);
    if (initContainers.length > 0) {
      describeContainers(w, { label: 'Init Containers', containers: initContainers, statuses: objects(status.initContainerStatuses), space: '', resolveField, extraMounts });
    }
    describeContainers(w, { label: 'Containers', containers: objects(spec.containers), statuses: objects(status.containerStatuses), space: '', resolveField, extraMounts });
    const ephemeral = objects(spec.ephemeralContainers);
    if (ephemeral.length > 0) {
      describeContainers(w, { label: 'Ephemeral Containers', containers: ephemeral, statuses: objects(status.ephemeralContainerStatuses), space: '', resolveField });
    }
    const conditions = objects(status.conditions);
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(1, `${String(c.type ?? '')} \t${String(c.status ?? '')} \n`);
    }
    describeVolumes(w, volumes, '');
    w.write(0, `QoS Class:\t${podQosClass(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', getStringMap(spec, 'nodeSelector'));
    const tolerations = objects(spec.tolerations);
    printTolerations(w, 'Tolerations', tolerations.length > 0 ? tolerations : DEFAULT_TOLERATIONS);
    describeNoEvents(w);
  });
}
