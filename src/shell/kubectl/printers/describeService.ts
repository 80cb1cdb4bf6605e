import { resolveTargetPort, serviceEndpoints, servicePorts } from '../../../domain/cluster/services.ts';
import { type KubeObject, getPath, getString, getStringMap, isJsonObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { podIP } from '../../../domain/cluster/pods.ts';
import { describeNoEvents, printAnnotationsMultiline, printLabelsMultiline } from './describeFields.ts';
import { formatLabels } from './labelText.ts';
import { tabbedString } from './tabbedString.ts';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** describe.go formatEndpointSlices for one port: up to three `ip:port`, then ` + N more...`. */
function endpointsText(world: World, svc: KubeObject, portIndex: number): string {
  if (Object.keys(getStringMap(svc.spec, 'selector')).length === 0) return '<none>';
  const port = servicePorts(svc)[portIndex];
  if (!port) return '';
  const addresses: string[] = [];
  for (const pod of serviceEndpoints(world, svc)) {
    const ip = podIP(pod);
    const target = resolveTargetPort(port, pod);
    if (ip !== undefined && target !== undefined) addresses.push(`${ip}:${target}`);
  }
  return addresses.length > 3 ? `${addresses.slice(0, 3).join(',')} + ${addresses.length - 3} more...` : addresses.join(',');
}

/** `kubectl describe service` (describe.go describeService); no events are recorded. */
export function describeService(world: World, svc: KubeObject): string {
  const spec = svc.spec ?? {};
  return tabbedString((w) => {
    w.write(0, `Name:\t${svc.metadata.name}\n`);
    w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(0, `Selector:\t${formatLabels(getStringMap(spec, 'selector'))}\n`);
    w.write(0, `Type:\t${getString(spec, 'type') ?? 'ClusterIP'}\n`);
    const policy = getString(spec, 'ipFamilyPolicy');
    if (policy) w.write(0, `IP Family Policy:\t${policy}\n`);
    const families = strings(spec.ipFamilies);
    w.write(0, `IP Families:\t${families.length ? families.join(',') : '<none>'}\n`);
    w.write(0, `IP:\t${getString(spec, 'clusterIP') ?? ''}\n`);
    const clusterIPs = strings(spec.clusterIPs);
    w.write(0, `IPs:\t${clusterIPs.length ? clusterIPs.join(',') : '<none>'}\n`);
    const externalIPs = strings(spec.externalIPs);
    if (externalIPs.length) w.write(0, `External IPs:\t${externalIPs.join(',')}\n`);
    const lbIP = getString(spec, 'loadBalancerIP');
    if (lbIP) w.write(0, `Desired LoadBalancer IP:\t${lbIP}\n`);
    const externalName = getString(spec, 'externalName');
    if (externalName) w.write(0, `External Name:\t${externalName}\n`);
    const ingress = getPath(svc.status, 'loadBalancer', 'ingress');
    if (Array.isArray(ingress) && ingress.length > 0) {
      const list = ingress.filter(isJsonObject).map((i) => {
        if (typeof i.ip === 'string' && i.ip) return typeof i.ipMode === 'string' ? `${i.ip} (${i.ipMode})` : i.ip;
        return typeof i.hostname === 'string' ? i.hostname : '';
      });
      w.write(0, `LoadBalancer Ingress:\t${list.join(', ')}\n`);
    }
    servicePorts(svc).forEach((p, i) => {
      const name = p.name || '<unset>';
      w.write(0, `Port:\t${name}\t${p.port}/${p.protocol}\n`);
      w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol}\n`);
      if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`);
      w.write(0, `Endpoints:\t${endpointsText(world, svc, i)}\n`);
    });
    w.write(0, `Session Affinity:\t${getString(spec, 'sessionAffinity') ?? 'None'}\n`);
    const external = getString(spec, 'externalTrafficPolicy');
    if (external) w.write(0, `External Traffic Policy:\t${external}\n`);
    const internal = getString(spec, 'internalTrafficPolicy');
    if (internal) w.write(0, `Internal Traffic Policy:\t${internal}\n`);
    const healthCheck = getPath(spec, 'healthCheckNodePort');
    if (typeof healthCheck === 'number' && healthCheck) w.write(0, `HealthCheck NodePort:\t${healthCheck}\n`);
    const ranges = strings(spec.loadBalancerSourceRanges);
    if (ranges.length) w.write(0, `LoadBalancer Source Ranges:\t${ranges.join(',')}\n`);
    describeNoEvents(w);
  });
}
