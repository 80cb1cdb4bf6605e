import { podPhase, SIDECAR_CONTAINER } from '../../domain/cluster/pods.ts';
import { serviceSelector } from '../../domain/cluster/services.ts';
import { type KubeObject, getPath, isJsonObject, labelsMatch } from '../../domain/objects.ts';
import { IGNORE_UNMESHED, inferPodInfo } from './describePod.ts';
import { type DescribeOutput, kname, printIngressInfo, printPodServices } from './describeParts.ts';
import { connectionRefused } from './meshInfo.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/** containerReady: the istio-proxy container's readiness, or an error when the pod has none. */
function proxyReadiness(pod: KubeObject): boolean | string {
  for (const key of ['containerStatuses', 'initContainerStatuses']) {
    const statuses = getPath(pod.status, key);
    if (!Array.isArray(statuses)) continue;
    const status = statuses.filter(isJsonObject).find((s) => s.name === SIDECAR_CONTAINER);
    if (status) return status.ready === true;
  }
  return `no container "${SIDECAR_CONTAINER}" in pod`;
}

function describeService(ctx: IstioctlContext): number | CommandError {
  const args = ctx.args.positionals;
  if (args.length !== 1) return { message: 'expecting service name', exitCode: 1 };
  const [name, ns] = inferPodInfo(args[0] ?? '', ctx.namespaceOrDefault);
  if (!ctx.world.credentials) return { message: connectionRefused(`/api/v1/namespaces/${ns}/services/${name}`), exitCode: 1 };
  const svc = ctx.world.get('Service', ns, name);
  if (!svc) return { message: `services "${name}" not found`, exitCode: 1 };
  const w: DescribeOutput = { out: ctx.out, describeNamespace: ctx.namespaceOrDefault };

  const selector = serviceSelector(svc);
  const selected = Object.keys(selector).length > 0 ? ctx.world.list('Pod', ns).filter((p) => labelsMatch(selector, p.metadata.labels)) : [];
  const meshed: KubeObject[] = [];
  for (const pod of selected) {
    if (podPhase(pod) !== 'Running') {
      ctx.out(`   Pod is not Running (${podPhase(pod)})\n`);
      continue;
    }
    const ready = proxyReadiness(pod);
    if (typeof ready === 'string') ctx.out(`Pod ${kname(w, pod)}: ${ready}\n`);
    else if (!ready) ctx.out(`WARNING: Pod ${kname(w, pod)} Container ${SIDECAR_CONTAINER} NOT READY\n`);
    else meshed.push(pod);
  }
  const first = meshed[0];
  if (!first) {
    if (selected.length === 0) ctx.out(`Service ${JSON.stringify(kname(w, svc))} has no pods.\n`);
    else ctx.out(`Service ${JSON.stringify(kname(w, svc))} has no Istio pods.  (${selected.length} pods in service).\nUse \`istioctl kube-inject\` or redeploy with Istio automatic sidecar injection.\n`);
    return 0;
  }
  const podsLabels = meshed.map((p) => p.metadata.labels);
  printPodServices(w, ctx.world, first, [svc], podsLabels);
  printIngressInfo(w, ctx.world, [svc], podsLabels);
  return 0;
}

/** `istioctl experimental describe service <svc>[.<namespace>]` */
export const describeServiceCommand: IstioctlCommand = {
  name: 'service',
  aliases: ['svc'],
  short: 'Describe services and their Istio configuration [kube-only]',
  usage: 'istioctl experimental describe service <svc> [flags]',
  flags: [IGNORE_UNMESHED],
  run: describeService,
};
