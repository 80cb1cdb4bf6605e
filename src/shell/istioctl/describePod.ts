import { hasSidecar, podPhase } from '../../domain/cluster/pods.ts';
import type { KubeObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import { type DescribeOutput, kname, matchingServices, printIngressInfo, printPeerAuthentication, printPod, printPodServices, SEPARATOR } from './describeParts.ts';
import { connectionRefused } from './meshInfo.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/** `--ignoreUnmeshed`, a persistent flag of `describe pod` and `describe service`. */
export const IGNORE_UNMESHED = { long: 'ignoreUnmeshed', type: 'bool' as const, description: 'Suppress warnings for unmeshed pods' };

/** `name.namespace` → [name, namespace]; a name without a dot keeps the given namespace (handlers.InferPodInfo). */
export function inferPodInfo(name: string, namespace: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? [name, namespace] : [name.slice(0, dot), name.slice(dot + 1)];
}

/** A stable fake number from a string, so repeated runs print the same port and sandbox id. */
function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1512Z');
}

/**
 * What istioctl prints when it port-forwards to a pod's Envoy admin port (15000) and nothing listens:
 * client-go logs the forwarding failure through klog, and the HTTP GET of config_dump ends in EOF.
 * (istio/istio#21710, istio.io PR #8816 transcripts; containerd's error text.)
 */
export function sidecarUnreachable(world: World, pod: KubeObject): { log: string; error: string } {
  const seed = stableHash(pod.metadata.uid);
  const localPort = 32768 + (seed % 28000);
  const hex = (n: number) => stableHash(`${pod.metadata.uid}/${n}`).toString(16).padStart(8, '0');
  const sandbox = [0, 1, 2, 3, 4, 5, 6, 7].map(hex).join('');
  const netns = `cni-${hex(8)}-${hex(9).slice(0, 4)}-${hex(10).slice(0, 4)}-${hex(11).slice(0, 4)}-${hex(12)}${hex(13).slice(0, 4)}`;
  if (podPhase(pod) !== 'Running') return { log: '', error: `failed to execute command on sidecar: pod is not running. Status=${podPhase(pod)}` };
  return {
    log: `${isoMicros(world.clock.now())}\terror\tklog\tan error occurred forwarding ${localPort} -> 15000: error forwarding port 15000 to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/${netns}": failed to connect to localhost:15000 inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:15000: connect: connection refused IPv6 dial tcp6 [::1]:15000: connect: connection refused \n`,
    error: `failed to execute command on sidecar: failure running port forward process: Get "http://localhost:${localPort}/config_dump": EOF`,
  };
}

function describePod(ctx: IstioctlContext): number | CommandError {
  const args = ctx.args.positionals;
  if (args.length !== 1) return { message: 'expecting pod name', exitCode: 1 };
  // Since istio/istio#55243 (fixed in PR #55258) the pod is looked up in -n, else the kubeconfig default.
  const [name, ns] = inferPodInfo(args[0] ?? '', ctx.namespaceOrDefault);
  if (!ctx.world.credentials) return { message: connectionRefused(`/api/v1/namespaces/${ns}/pods/${name}`), exitCode: 1 };
  const pod = ctx.world.get('Pod', ns, name);
  if (!pod) return { message: `pods "${name}" not found`, exitCode: 1 };
  const w: DescribeOutput = { out: ctx.out, describeNamespace: ctx.namespaceOrDefault };
  const ignoreUnmeshed = ctx.flag<boolean>('ignoreUnmeshed') === true;

  printPod(ignoreUnmeshed ? { ...w, out: quietUnmeshed(w, pod) } : w, pod);
  const services = matchingServices(ctx.world, pod);
  if (services.length === 0 && !ignoreUnmeshed) {
    ctx.out(`Warning: No Kubernetes Services select pod ${kname(w, pod)} (see https://istio.io/docs/setup/kubernetes/additional-setup/requirements/ )\n`);
  }
  const podsLabels = [pod.metadata.labels];
  ctx.out(SEPARATOR);
  if (!hasSidecar(pod) || podPhase(pod) !== 'Running') {
    if (!ignoreUnmeshed) {
      const failure = sidecarUnreachable(ctx.world, pod);
      ctx.err(failure.log);
      return { message: failure.error, exitCode: 1 };
    }
  } else {
    printPodServices(w, ctx.world, pod, services, podsLabels);
  }
  ctx.out(SEPARATOR);
  printPeerAuthentication(w, ctx.world, pod);
  printIngressInfo(w, ctx.world, services, podsLabels);
  return 0;
}

/** With --ignoreUnmeshed, printPod stops before the mesh warnings (`if ignoreUnmeshed { return }`). */
function quietUnmeshed(w: DescribeOutput, pod: KubeObject): (text: string) => void {
  return (text) => {
    if (text.startsWith(`WARNING: ${kname(w, pod)} is not part of mesh`) || text.startsWith('Suggestion:') || text.startsWith('   WARNING: User ID')) return;
    w.out(text);
  };
}

/** `istioctl experimental describe pod <pod>[.<namespace>]` */
export const describePodCommand: IstioctlCommand = {
  name: 'pod',
  aliases: ['po'],
  short: 'Describe pods and their Istio configuration [kube-only]',
  usage: 'istioctl experimental describe pod <pod> [flags]',
  flags: [IGNORE_UNMESHED],
  run: describePod,
};
