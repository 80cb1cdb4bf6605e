import { podPhase } from '../../../domain/cluster/pods.ts';
import { servicePorts, serviceSelector, resolveTargetPort } from '../../../domain/cluster/services.ts';
import { type KubeObject, getPath, getStringMap, isJsonObject, labelsMatch } from '../../../domain/objects.ts';
import { resolveKind, notFoundError } from '../resources.ts';
import type { PortForward } from '../host.ts';
import type { Verb, VerbContext } from '../types.ts';

/** `error: … \nSee 'kubectl port-forward -h' for help and examples` (KCTL cmdutil.UsageErrorf). */
const usage = (message: string) => `error: ${message}\nSee 'kubectl port-forward -h' for help and examples\n`;

/** portforward.go `splitPort`: `LOCAL:REMOTE`, or one port for both. */
function splitPort(port: string): [string, string] {
  const parts = port.split(':');
  return parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : [parts[0] ?? '', parts[0] ?? ''];
}

/** KCTL util.LookupContainerPortNumberByName: the containerPort of the port with that name. */
function namedPort(pod: KubeObject, name: string): number | undefined {
  const containers = getPath(pod.spec, 'containers');
  for (const c of Array.isArray(containers) ? containers : []) {
    const ports = isJsonObject(c) ? c.ports : undefined;
    for (const p of Array.isArray(ports) ? ports : []) {
      if (isJsonObject(p) && p.name === name && typeof p.containerPort === 'number') return p.containerPort;
    }
  }
  return undefined;
}

/** The pod a TYPE/NAME forwards to (KCTL polymorphichelpers.AttachablePodForObject): the pod, or the first running pod a Service or Deployment selects. */
function forwardablePod(ctx: VerbContext, arg: string): { ok: true; pod: KubeObject; service?: KubeObject } | { ok: false; error: string } {
  const slash = arg.indexOf('/');
  const typed = slash === -1 ? 'pods' : arg.slice(0, slash);
  const name = slash === -1 ? arg : arg.slice(slash + 1);
  const kind = resolveKind(typed);
  if (!kind.ok) return kind;
  const obj = ctx.world.get(kind.info.kind, kind.info.namespaced ? ctx.namespace : '', name);
  if (!obj) return { ok: false, error: notFoundError(kind.info, name) };
  if (obj.kind === 'Pod') return { ok: true, pod: obj };
  let selector: Readonly<Record<string, string>>;
  if (obj.kind === 'Service') {
    selector = serviceSelector(obj);
    if (Object.keys(selector).length === 0) return { ok: false, error: `error: invalid service '${name}': Service is defined without a selector` };
  } else if (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet') {
    selector = getStringMap(obj.spec, 'selector', 'matchLabels');
  } else {
    return { ok: false, error: `error: cannot attach to ${obj.kind}: selector for ${obj.kind} not implemented` };
  }
  const pods = ctx.world.list('Pod', ctx.namespace).filter((p) => labelsMatch(selector, p.metadata.labels));
  const pod = pods.find((p) => podPhase(p) === 'Running') ?? pods[0];
  if (!pod) return { ok: false, error: 'error: timed out waiting for the condition' };
  return { ok: true, pod, ...(obj.kind === 'Service' ? { service: obj } : {}) };
}

/**
 * `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE…` (KCTL:pkg/cmd/portforward/portforward.go:
 * `Complete`, `translateServicePortToTargetPort`, `convertPodNamedPortToNumber`; client-go
 * tools/portforward: `Forwarding from 127.0.0.1:L -> R` and `[::1]:L -> R`). It keeps running until
 * Ctrl+C: in the app the terminal stays with it and the browser tab can open
 * http://localhost:LOCAL/; headless nothing can connect, so it stops at once and says so.
 */
export const portForwardVerb: Verb = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  usage: 'kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  flags: [
    { long: 'address', type: 'stringArray', description: 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.' },
    { long: 'pod-running-timeout', type: 'string', description: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  ],
  run(ctx) {
    const args = ctx.args.positionals;
    if (args.length < 2) {
      ctx.err(usage('TYPE/NAME and list of ports are required for port-forward'));
      return 1;
    }
    const addresses = (ctx.flag<string[]>('address') ?? ['localhost']).flatMap((a) => a.split(','));
    if (addresses.some((a) => a !== 'localhost' && a !== '127.0.0.1')) {
      ctx.err('error: the simulated browser reaches a forward on localhost only: drop --address\n');
      return 1;
    }
    const found = forwardablePod(ctx, args[0] ?? '');
    if (!found.ok) {
      ctx.err(`${found.error}\n`);
      return 1;
    }
    const { pod, service } = found;
    const forwards: PortForward[] = [];
    for (const spec of args.slice(1)) {
      const [localText, remoteText] = splitPort(spec);
      if (remoteText === '') {
        ctx.err('error: remote port cannot be empty\n');
        return 1;
      }
      let remote = Number(remoteText);
      if (service) {
        // The Service port (by number or name) becomes the pod's target port.
        const port = Number.isInteger(remote) ? servicePorts(service).find((p) => p.port === remote) : servicePorts(service).find((p) => p.name === remoteText);
        if (!port) {
          ctx.err(Number.isInteger(remote) ? `error: Service ${service.metadata.name} does not have a service port ${remoteText}\n` : `error: Service '${service.metadata.name}' does not have a named port '${remoteText}'\n`);
          return 1;
        }
        remote = resolveTargetPort(port, pod) ?? port.port;
      } else if (!Number.isInteger(remote)) {
        const named = namedPort(pod, remoteText);
        if (named === undefined) {
          ctx.err(`error: Pod '${pod.metadata.name}' does not have a named port '${remoteText}'\n`);
          return 1;
        }
        remote = named;
      }
      // `:REMOTE` asks for any free local port.
      const local = localText === '' ? 30000 + ctx.world.rng.int(0, 29999) : Number(localText === remoteText ? remote : localText);
      if (!Number.isInteger(local) || local < 0 || local > 65535) {
        ctx.err(`error: Error parsing local port '${localText}': strconv.ParseUint: parsing "${localText}": invalid syntax\n`);
        return 1;
      }
      forwards.push({ localPort: local, remotePort: remote, namespace: pod.metadata.namespace ?? ctx.namespace, pod: pod.metadata.name });
    }
    if (podPhase(pod) !== 'Running') {
      ctx.err(`error: unable to forward port because pod is not running. Current status=${podPhase(pod)}\n`);
      return 1;
    }
    for (const f of forwards) ctx.out(`Forwarding from 127.0.0.1:${f.localPort} -> ${f.remotePort}\nForwarding from [::1]:${f.localPort} -> ${f.remotePort}\n`);
    const host = ctx.services.host?.startPortForward;
    const taken = host ? forwards.every((f) => host(f, { target: pod })) : false;
    if (!taken) ctx.err('mtls-playground: no browser tab is attached here (sim), so nothing can connect and the forward stops at once; in the app it runs until Ctrl+C and the browser tab opens http://localhost:PORT/\n');
    return 0;
  },
};
