import { getPath, getString, isJsonObject, type Json, type JsonObject, type KubeObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import { buildSha } from '../../domain/envoy/buildSha.ts';
import { podFieldResolver } from './printers/describeContainers.ts';

/** The image's PATH: every image the simulator knows keeps Debian's (or busybox's) default. */
const IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A Kubernetes quantity in base units (`200m` → 0.2, `1Gi` → 1073741824), or undefined. */
function quantity(text: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text);
  if (!m) return undefined;
  const scale: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  return Number(m[1]) * (m[2] ? (scale[m[2]] ?? 1) : 1);
}

/**
 * A downward-API resource value (kubelet pkg/api/v1/resource `ExtractContainerResourceValue`):
 * CPU rounded up to whole cores with the default divisor, memory in bytes. Without a limit the
 * node's allocatable applies (an e2-standard-4 node here).
 */
function resourceValue(container: JsonObject, resource: string): string {
  const [kind = '', name = ''] = resource.split('.');
  const limit = getString(container, 'resources', kind, name);
  const value = limit !== undefined ? quantity(limit) : undefined;
  if (name === 'cpu') return String(Math.ceil(value ?? 4));
  if (name === 'memory') return String(Math.ceil(value ?? 13_349_634_048));
  return '0';
}

/** `$(VAR)` references to variables defined before, as the kubelet expands them (`$$` escapes). */
function expand(value: string, defined: ReadonlyMap<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    return defined.get(name) ?? whole;
  });
}

/**
 * The kubelet's service variables (pkg/kubelet/envvars `FromServices`): for every Service with a
 * cluster IP in the pod's namespace, plus `kubernetes` from default, `X_SERVICE_HOST`,
 * `X_SERVICE_PORT[_NAME]` and the Docker-link `X_PORT…` family. Services created after the pod
 * are not in its environment.
 */
function serviceEnv(world: World, pod: KubeObject): Map<string, string> {
  const ns = pod.metadata.namespace ?? '';
  const born = pod.metadata.creationTimestamp;
  const services = world.list('Service', ns).filter((svc) => svc.metadata.creationTimestamp <= born);
  const master = world.get('Service', 'default', 'kubernetes');
  if (master && ns !== 'default') services.push(master);
  const env = new Map<string, string>();
  for (const svc of services) {
    const ip = getString(svc.spec, 'clusterIP');
    if (!ip || ip === 'None') continue;
    const prefix = svc.metadata.name.toUpperCase().replace(/-/g, '_');
    const ports = (getPath(svc.spec, 'ports') as Json[] | undefined)?.filter(isJsonObject) ?? [];
    const first = ports[0];
    if (!first) continue;
    env.set(`${prefix}_SERVICE_HOST`, ip);
    env.set(`${prefix}_SERVICE_PORT`, String(first.port));
    for (const p of ports) if (typeof p.name === 'string' && p.name !== '') env.set(`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port));
    ports.forEach((p, i) => {
      const proto = typeof p.protocol === 'string' ? p.protocol : 'TCP';
      const url = `${proto.toLowerCase()}://${ip}:${String(p.port)}`;
      if (i === 0) env.set(`${prefix}_PORT`, url);
      const base = `${prefix}_PORT_${String(p.port)}_${proto.toUpperCase()}`;
      env.set(base, url);
      env.set(`${base}_PROTO`, proto.toLowerCase());
      env.set(`${base}_PORT`, String(p.port));
      env.set(`${base}_ADDR`, ip);
    });
  }
  return env;
}

/**
 * HOME as runc sets it for the process's user: root's /root; the proxy's istio-proxy user
 * (uid 1337) and curlimages/curl's curl_user have a home; a uid the image's /etc/passwd lacks
 * (Online Boutique's runAsUser 1000 on distroless) gets `/`.
 */
function homeFor(pod: KubeObject, container: JsonObject, image: string): string {
  const uid = getPath(container, 'securityContext', 'runAsUser') ?? getPath(pod.spec, 'securityContext', 'runAsUser');
  if (image.includes('/proxyv2:') && (uid === 1337 || uid === undefined)) return uid === 1337 ? '/home/istio-proxy' : '/root';
  if (image.startsWith('curlimages/curl') && uid === undefined) return '/home/curl_user';
  if (uid === undefined || uid === 0) return '/root';
  return '/';
}

/**
 * The ENV lines of an image's Dockerfile: Istio's proxyv2 (pilot/docker/Dockerfile.proxyv2 and the
 * istio/base image it builds on, docker/Dockerfile.base) sets the Envoy build it carries and Debian's
 * non-interactive frontend. The other images the simulator knows set only PATH.
 */
function imageEnv(image: string): [string, string][] {
  const proxy = /\/proxyv2:([^@]+)/.exec(image);
  if (proxy) return [['DEBIAN_FRONTEND', 'noninteractive'], ['ISTIO_META_ISTIO_PROXY_SHA', buildSha(proxy[1] ?? '')]];
  return [];
}

/**
 * The environment a process started by `kubectl exec` sees, in order: the image's PATH, HOSTNAME
 * (the pod name), the container's `env` from the pod spec (values, downward-API fields, resource
 * limits; `$(VAR)` expanded), the service variables the spec does not set (sorted here; the kubelet
 * builds them from a Go map), then HOME.
 */
export function containerEnv(world: World, pod: KubeObject, containerName: string, image: string): [string, string][] {
  const all = [...((getPath(pod.spec, 'containers') as Json[] | undefined) ?? []), ...((getPath(pod.spec, 'initContainers') as Json[] | undefined) ?? [])];
  const container = all.filter(isJsonObject).find((c) => c.name === containerName) ?? {};
  // containerd's order: the default PATH, HOSTNAME, the image's ENV (PATH replaced in place), then the pod's.
  const env = new Map<string, string>([['PATH', IMAGE_PATH], ['HOSTNAME', pod.metadata.name], ...imageEnv(image)]);
  const declared = new Map<string, string>();
  const resolveField = podFieldResolver(pod);
  const list = Array.isArray(container.env) ? container.env.filter(isJsonObject) : [];
  for (const item of list) {
    if (typeof item.name !== 'string') continue;
    let value = '';
    if (typeof item.value === 'string') value = expand(item.value, declared);
    else {
      const field = getString(item, 'valueFrom', 'fieldRef', 'fieldPath');
      const resource = getString(item, 'valueFrom', 'resourceFieldRef', 'resource');
      if (field !== undefined) value = resolveField(field);
      else if (resource !== undefined) value = resourceValue(container, resource);
    }
    declared.set(item.name, value);
    env.set(item.name, value);
  }
  const services = serviceEnv(world, pod);
  for (const name of [...services.keys()].sort()) if (!declared.has(name)) env.set(name, services.get(name) ?? '');
  if (!env.has('HOME')) env.set('HOME', homeFor(pod, container, image));
  return [...env];
}
