import { type Json, type JsonObject, getPath, getString, isJsonObject, ownValue } from '../../../domain/objects.ts';
import { compareByteWise } from '../format/compareByteWise.ts';
import { objectsIn as objects, textOf as text } from './jsonValues.ts';
import type { PrefixWriter } from './tabbedString.ts';
import { parseRfc3339, rfc1123z } from './timestamps.ts';

/** Options for one describe.go describeContainers call. */
export interface ContainersOptions {
  /** `Containers`, `Init Containers`. */
  label: string;
  containers: JsonObject[];
  /** Live statuses by container name; undefined in a pod template (no State, Ready, IDs). */
  statuses?: JsonObject[];
  /** '' for a pod, '  ' inside `Pod Template:`. */
  space: string;
  /** Resolves a `fieldRef` env var against the pod; undefined in a template (prints empty). */
  resolveField?: (fieldPath: string) => string;
  /** Mounts the API server adds to every container (the service account token). */
  extraMounts?: JsonObject[];
}

function time(value: Json | undefined): string {
  const seconds = typeof value === 'string' ? parseRfc3339(value) : undefined;
  return seconds === undefined ? '' : rfc1123z(seconds);
}

/** describe.go describeStatus for `State` / `Last State`. */
function describeState(w: PrefixWriter, name: string, state: Json | undefined): void {
  const running = getPath(state, 'running');
  const waiting = getPath(state, 'waiting');
  const terminated = getPath(state, 'terminated');
  if (isJsonObject(running)) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${time(running.startedAt)}\n`);
  } else if (isJsonObject(waiting)) {
    w.write(2, `${name}:\tWaiting\n`);
    if (text(waiting.reason)) w.write(3, `Reason:\t${text(waiting.reason)}\n`);
  } else if (isJsonObject(terminated)) {
    w.write(2, `${name}:\tTerminated\n`);
    if (text(terminated.reason)) w.write(3, `Reason:\t${text(terminated.reason)}\n`);
    if (text(terminated.message)) w.write(3, `Message:\t${text(terminated.message)}\n`);
    w.write(3, `Exit Code:\t${text(terminated.exitCode) || '0'}\n`);
    if (typeof terminated.signal === 'number' && terminated.signal > 0) w.write(3, `Signal:\t${terminated.signal}\n`);
    w.write(3, `Started:\t${time(terminated.startedAt)}\n`);
    w.write(3, `Finished:\t${time(terminated.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

/** describe.go describeResources: `Limits:` / `Requests:` with sorted resource names. */
export function describeResources(w: PrefixWriter, resources: Json | undefined, level: number): void {
  for (const [key, title] of [['limits', 'Limits'], ['requests', 'Requests']] as const) {
    const list = getPath(resources, key);
    if (!isJsonObject(list) || Object.keys(list).length === 0) continue;
    w.write(level, `${title}:\n`);
    for (const name of Object.keys(list).sort(compareByteWise)) w.write(level + 1, `${name}:\t${text(list[name])}\n`);
  }
}

/** describe.go DescribeProbe. */
function describeProbe(probe: JsonObject): string {
  const n = (key: string, fallback: number) => (typeof probe[key] === 'number' ? probe[key] : fallback);
  const attrs = `delay=${n('initialDelaySeconds', 0)}s timeout=${n('timeoutSeconds', 1)}s period=${n('periodSeconds', 10)}s #success=${n('successThreshold', 1)} #failure=${n('failureThreshold', 3)}`;
  const exec = getPath(probe, 'exec', 'command');
  if (Array.isArray(exec)) return `exec [${exec.map(text).join(' ')}] ${attrs}`;
  const http = getPath(probe, 'httpGet');
  if (isJsonObject(http)) {
    const scheme = (text(http.scheme) || 'HTTP').toLowerCase();
    return `http-get ${scheme}://${text(http.host)}:${text(http.port)}${text(http.path)} ${attrs}`;
  }
  const tcp = getPath(probe, 'tcpSocket');
  if (isJsonObject(tcp)) return `tcp-socket ${text(tcp.host)}:${text(tcp.port)} ${attrs}`;
  const grpc = getPath(probe, 'grpc');
  if (isJsonObject(grpc)) return `grpc <pod>:${text(grpc.port)} ${text(grpc.service)} ${attrs}`;
  return `unknown ${attrs}`;
}

/** describe.go describeContainerEnvVars. */
function describeEnv(w: PrefixWriter, container: JsonObject, resolveField: ((path: string) => string) | undefined): void {
  const env = objects(container.env);
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const name = text(e.name);
    const from = getPath(e, 'valueFrom');
    if (!isJsonObject(from)) {
      text(e.value).split('\n').forEach((line, i) => w.write(3, i === 0 ? `${name}:\t${line}\n` : `\t${line}\n`));
      continue;
    }
    const fieldRef = getPath(from, 'fieldRef');
    const resourceRef = getPath(from, 'resourceFieldRef');
    const secretRef = getPath(from, 'secretKeyRef');
    const configMapRef = getPath(from, 'configMapKeyRef');
    if (isJsonObject(fieldRef)) {
      const path = text(fieldRef.fieldPath);
      w.write(3, `${name}:\t${resolveField ? resolveField(path) : ''} (${text(fieldRef.apiVersion) || 'v1'}:${path})\n`);
    } else if (isJsonObject(resourceRef)) {
      const resource = text(resourceRef.resource);
      const [kind, res] = resource.split('.') as [string, string | undefined];
      const value = text(getPath(container, 'resources', kind, res ?? ''));
      w.write(3, `${name}:\t${value || (resource === 'limits.cpu' || resource === 'limits.memory' ? 'node allocatable' : '')} (${resource})\n`);
    } else if (isJsonObject(secretRef)) {
      w.write(3, `${name}:\t<set to the key '${text(secretRef.key)}' in secret '${text(secretRef.name)}'>\tOptional: ${secretRef.optional === true}\n`);
    } else if (isJsonObject(configMapRef)) {
      w.write(3, `${name}:\t<set to the key '${text(configMapRef.key)}' of config map '${text(configMapRef.name)}'>\tOptional: ${configMapRef.optional === true}\n`);
    }
  }
}

/** describe.go describeContainers: one block per container, statuses matched by name. */
export function describeContainers(w: PrefixWriter, options: ContainersOptions): void {
  const { containers, space } = options;
  w.write(0, `${space}${options.label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const name = text(c.name);
    const status = options.statuses?.find((s) => s.name === name);
    w.write(1, `${space ? ' ' : ''}${name}:\n`);
    if (status) w.write(2, `Container ID:\t${text(status.containerID)}\n`);
    w.write(2, `Image:\t${text(c.image)}\n`);
    if (status) w.write(2, `Image ID:\t${text(status.imageID)}\n`);
    const ports = objects(c.ports);
    const portText = ports.map((p) => `${text(p.containerPort)}/${text(p.protocol) || 'TCP'}`).join(', ');
    const hostText = ports.map((p) => `${text(p.hostPort) || '0'}/${text(p.protocol) || 'TCP'}`).join(', ');
    w.write(2, portText.includes(',') ? `Ports:\t${portText}\n` : `Port:\t${portText || '<none>'}\n`);
    w.write(2, hostText.includes(',') ? `Host Ports:\t${hostText}\n` : `Host Port:\t${hostText || '<none>'}\n`);
    for (const [key, title] of [['command', 'Command'], ['args', 'Args']] as const) {
      const list = c[key];
      if (!Array.isArray(list) || list.length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const item of list) for (const line of text(item).split('\n')) w.write(3, `${line}\n`);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (isJsonObject(getPath(status, 'lastState', 'terminated'))) describeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready === true ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${text(status.restartCount) || '0'}\n`);
    }
    describeResources(w, c.resources, 2);
    for (const [key, title] of [['livenessProbe', 'Liveness'], ['readinessProbe', 'Readiness'], ['startupProbe', 'Startup']] as const) {
      const probe = c[key];
      if (isJsonObject(probe)) w.write(2, `${title}:\t${describeProbe(probe)}\n`);
    }
    const envFrom = objects(c.envFrom);
    if (envFrom.length > 0) {
      w.write(2, 'Environment Variables from:\n');
      for (const e of envFrom) {
        const cm = getPath(e, 'configMapRef');
        const ref = isJsonObject(cm) ? cm : getPath(e, 'secretRef');
        const source = isJsonObject(cm) ? 'ConfigMap' : 'Secret';
        const optional = isJsonObject(ref) && ref.optional === true;
        const prefix = text(e.prefix);
        w.write(3, `${isJsonObject(ref) ? text(ref.name) : ''}\t${source}${prefix ? ` with prefix '${prefix}'` : ''}\tOptional: ${optional}\n`);
      }
    }
    describeEnv(w, c, options.resolveField);
    const mounts = [...objects(c.volumeMounts), ...(options.extraMounts ?? [])]
      .sort((a, b) => compareByteWise(text(a.mountPath), text(b.mountPath)));
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly === true ? 'ro' : 'rw', ...(text(m.subPath) ? [`path="${text(m.subPath)}"`] : [])];
      w.write(3, `${text(m.mountPath)} from ${text(m.name)} (${flags.join(',')})\n`);
    }
  }
}

/** The value of a pod field a `fieldRef` env var names. */
export function podFieldResolver(pod: { metadata: { name: string; namespace?: string; uid: string; labels: Record<string, string>; annotations: Record<string, string> }; spec?: JsonObject; status?: JsonObject }): (path: string) => string {
  return (path) => {
    const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
    if (label) return ownValue(pod.metadata.labels, label[1] ?? '') ?? '';
    const annotation = /^metadata\.annotations\['(.+)'\]$/.exec(path);
    if (annotation) return ownValue(pod.metadata.annotations, annotation[1] ?? '') ?? '';
    switch (path) {
      case 'metadata.name': return pod.metadata.name;
      case 'metadata.namespace': return pod.metadata.namespace ?? '';
      case 'metadata.uid': return pod.metadata.uid;
      case 'spec.nodeName': return getString(pod.spec, 'nodeName') ?? '';
      case 'spec.serviceAccountName': return getString(pod.spec, 'serviceAccountName') ?? '';
      case 'status.podIP': return getString(pod.status, 'podIP') ?? '';
      case 'status.hostIP': return getString(pod.status, 'hostIP') ?? '';
      default: return '';
    }
  };
}
