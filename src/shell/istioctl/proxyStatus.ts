import { getStringMap, type KubeObject, labelsMatch } from '../../domain/objects.ts';
import { humanDuration } from '../kubectl/format/humanDuration.ts';
import { inferPodInfo } from './describePod.ts';
import { connectionRefused, istiodPods, meshProxies, proxyId, proxyVersion } from './meshInfo.ts';
import { tabwrite } from '../kubectl/format/index.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/** The cluster ID istiod reports for proxies of its own cluster (pilot's default `Kubernetes`). */
const CLUSTER_ID = 'Kubernetes';

function rfc1123(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', 'UTC');
}

/** The kinds whose changes make istiod push to every proxy (config, services, endpoints). */
const PUSH_KINDS = ['PeerAuthentication', 'DestinationRule', 'VirtualService', 'Gateway', 'ServiceEntry', 'Sidecar', 'AuthorizationPolicy', 'Service', 'Pod'];

/**
 * When istiod last sent config to a proxy (syncz `LastUpdated`, the watched resource's
 * LastSendTime, pilot/pkg/xds/statusgen.go): at its connection, and again at each later change of
 * the mesh's config, services or endpoints, as far as creation times tell.
 */
function lastSendTime(world: IstioctlContext['world'], pod: KubeObject): number {
  let last = pod.metadata.creationTimestamp;
  for (const kind of PUSH_KINDS) for (const obj of world.list(kind)) if (obj.metadata.namespace !== 'kube-system' && obj.metadata.creationTimestamp > last) last = obj.metadata.creationTimestamp;
  return last;
}

/**
 * `istioctl proxy-status`: one row per connected proxy, sorted by proxy ID
 * (istioctl 1.26 istioctl/pkg/writer/pilot/status.go XdsStatusWriter: tabwriter padding 5; istiod's syncz reports
 * UNKNOWN, printed IGNORED, for xDS types a proxy never subscribed to, such as ECDS without Wasm).
 */
function proxyStatus(ctx: IstioctlContext): number | CommandError {
  const world = ctx.world;
  const url = `/api/v1/namespaces/${ctx.istioNamespace}/pods?fieldSelector=status.phase%3DRunning&labelSelector=app%3Distiod`;
  if (!world.credentials) return { message: `unable to retrieve Pods: ${connectionRefused(url)}`, exitCode: 1 };
  const istiods = istiodPods(world, ctx.istioNamespace);
  if (istiods.length === 0) return { message: 'unable to find any Istiod instances', exitCode: 1 };

  const [arg] = ctx.args.positionals;
  if (arg !== undefined) {
    const [name, ns] = inferPodInfo(arg, ctx.namespaceOrDefault);
    const pod = world.get('Pod', ns, name);
    if (!pod) return { message: `pods "${name}" not found`, exitCode: 1 };
    ctx.out(`Clusters Match\nListeners Match\nRoutes Match (RDS last loaded at ${rfc1123(world.clock.now())})\n`);
    return 0;
  }
  const gateways = world.list('Gateway');
  const proxies = meshProxies(world)
    .filter((p) => ctx.namespace === '' || p.metadata.namespace === ctx.namespace)
    .sort((a, b) => (proxyId(a) < proxyId(b) ? -1 : proxyId(a) > proxyId(b) ? 1 : 0));
  const rows = [['NAME', 'CLUSTER', 'CDS', 'LDS', 'EDS', 'RDS', 'ECDS', 'ISTIOD', 'VERSION']];
  proxies.forEach((pod, i) => {
    const istiod = istiods[i % istiods.length]?.metadata.name ?? '';
    const isRouter = pod.metadata.labels.istio === 'ingressgateway' || pod.metadata.labels.istio === 'egressgateway';
    // A gateway asks for routes only once a Gateway resource gives it an HTTP server.
    const rds = !isRouter || gateways.some((gw) => labelsMatch(getStringMap(gw.spec, 'selector'), pod.metadata.labels)) ? 'SYNCED' : 'IGNORED';
    // formatStatus (writer/pilot/status.go): the status, then ` (age)` of the last send, HumanDuration.
    const synced = `SYNCED (${humanDuration(world.nowSeconds() - lastSendTime(world, pod))})`;
    rows.push([proxyId(pod), CLUSTER_ID, synced, synced, synced, rds === 'SYNCED' ? synced : rds, 'IGNORED', istiod, proxyVersion(pod)]);
  });
  // istioctl's proxy-status writer: tabwriter.NewWriter(w, 0, 8, 5, ' ', 0) (writer/pilot/status.go).
  ctx.out(tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''), { minwidth: 0, padding: 5, padchar: ' ', rememberWidths: false }));
  return 0;
}

/** `istioctl proxy-status [<type>/]<name>[.<namespace>]` (alias `ps`). */
export const proxyStatusCommand: IstioctlCommand = {
  name: 'proxy-status',
  aliases: ['ps'],
  short: 'Retrieves the synchronization status of each Envoy in the mesh',
  usage: 'istioctl proxy-status [<type>/]<name>[.<namespace>] [flags]',
  flags: [
    { long: 'revision', short: 'r', type: 'string', description: 'Control plane revision' },
    { long: 'verbose', type: 'bool', description: 'Include additional information' },
  ],
  run: proxyStatus,
};
