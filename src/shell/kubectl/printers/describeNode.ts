import { type Json, type KubeObject, getPath, getString, isJsonObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { humanDuration } from '../format/index.ts';
import { describeNoEvents, printAnnotationsMultiline, printLabelsMultiline } from './describeFields.ts';
import { type PrefixWriter, tabbedString } from './tabbedString.ts';
import { parseRfc3339, rfc1123z } from './timestamps.ts';

const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

const BINARY: readonly [string, bigint][] = [['Ei', 1n << 60n], ['Pi', 1n << 50n], ['Ti', 1n << 40n], ['Gi', 1n << 30n], ['Mi', 1n << 20n], ['Ki', 1n << 10n]];
const DECIMAL: readonly [string, bigint][] = [['E', 10n ** 18n], ['P', 10n ** 15n], ['T', 10n ** 12n], ['G', 10n ** 9n], ['M', 10n ** 6n], ['k', 10n ** 3n]];

/** A resource quantity in thousandths (`100m` → 100, `64Mi` → 67108864000), or undefined. */
function parseQuantity(text: string): bigint | undefined {
  const m = /^(\d+)(m|Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(text);
  if (!m) return undefined;
  const n = BigInt(m[1] ?? '0');
  const suffix = m[2] ?? '';
  if (suffix === 'm') return n;
  const factor = [...BINARY, ...DECIMAL].find(([s]) => s === suffix)?.[1] ?? 1n;
  return n * factor * 1000n;
}

/** apimachinery Quantity.String() of a sum: CPU as cores or millicores, memory with the largest exact binary suffix. */
function formatQuantity(milli: bigint, resource: string): string {
  if (milli === 0n) return '0';
  if (resource === 'cpu') return milli % 1000n === 0n ? String(milli / 1000n) : `${milli}m`;
  const bytes = milli / 1000n;
  for (const [suffix, size] of BINARY) if (bytes % size === 0n) return `${bytes / size}${suffix}`;
  return String(bytes);
}

/** resourcehelper.PodRequests / PodLimits: containers and sidecars summed, then the largest init container if bigger. */
function podResources(pod: KubeObject, which: 'requests' | 'limits'): Map<string, bigint> {
  const read = (c: Json): Map<string, bigint> => {
    const out = new Map<string, bigint>();
    const values = getPath(c, 'resources', which);
    if (isJsonObject(values ?? null)) {
      for (const [k, v] of Object.entries(values as Record<string, Json>)) {
        const q = typeof v === 'string' ? parseQuantity(v) : typeof v === 'number' ? BigInt(Math.round(v * 1000)) : undefined;
        if (q !== undefined) out.set(k, q);
      }
    }
    return out;
  };
  const sum = new Map<string, bigint>();
  const add = (m: Map<string, bigint>) => {
    for (const [k, v] of m) sum.set(k, (sum.get(k) ?? 0n) + v);
  };
  for (const c of list(getPath(pod.spec, 'containers'))) add(read(c));
  for (const c of list(getPath(pod.spec, 'initContainers'))) if (getString(c, 'restartPolicy') === 'Always') add(read(c));
  for (const c of list(getPath(pod.spec, 'initContainers'))) {
    if (getString(c, 'restartPolicy') === 'Always') continue;
    for (const [k, v] of read(c)) if (v > (sum.get(k) ?? 0n)) sum.set(k, v);
  }
  return sum;
}

function percent(part: bigint, whole: bigint | undefined): number {
  return whole === undefined || whole === 0n ? 0 : Math.trunc((Number(part) / Number(whole)) * 100);
}

function resourceList(w: PrefixWriter, title: string, resources: Json | undefined): void {
  if (!isJsonObject(resources ?? null)) return;
  const entries = Object.entries(resources as Record<string, Json>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return;
  w.write(0, `${title}:\n`);
  for (const [k, v] of entries) w.write(0, `  ${k}:\t${typeof v === 'string' ? v : String(v)}\n`);
}

function describeNodeResource(w: PrefixWriter, node: KubeObject, pods: readonly KubeObject[], now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = (r: string) => {
    const v = getString(node.status, 'allocatable', r) ?? getString(node.status, 'capacity', r);
    return v === undefined ? undefined : parseQuantity(v);
  };
  const cell = (q: bigint | undefined, r: string) => `${formatQuantity(q ?? 0n, r)} (${percent(q ?? 0n, allocatable(r))}%)`;
  const totals = { requests: new Map<string, bigint>(), limits: new Map<string, bigint>() };
  for (const pod of pods) {
    const req = podResources(pod, 'requests');
    const lim = podResources(pod, 'limits');
    for (const [which, m] of [['requests', req], ['limits', lim]] as const) for (const [k, v] of m) totals[which].set(k, (totals[which].get(k) ?? 0n) + v);
    w.write(1, `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${cell(req.get('cpu'), 'cpu')}\t${cell(lim.get('cpu'), 'cpu')}\t${cell(req.get('memory'), 'memory')}\t${cell(lim.get('memory'), 'memory')}\t${humanDuration(now - pod.metadata.creationTimestamp)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) w.write(1, `${r}\t${cell(totals.requests.get(r), r)}\t${cell(totals.limits.get(r), r)}\n`);
  // Allocatable hugepages get a row each (IsHugePageResourceName), sorted.
  const allocatableNames = Object.keys(isJsonObject(getPath(node.status, 'allocatable') ?? null) ? (getPath(node.status, 'allocatable') as object) : {});
  for (const r of allocatableNames.filter((n) => n.startsWith('hugepages-')).sort()) w.write(1, `${r}\t${cell(totals.requests.get(r), r)}\t${cell(totals.limits.get(r), r)}\n`);
}

/**
 * `kubectl describe node` (KCTL:pkg/describe/describe.go describeNode, describeNodeLease,
 * describeNodeResource): conditions, addresses, capacity, system info, then the pods running on
 * the node with their requests and limits against its allocatable resources. The node's Lease is
 * renewed by its kubelet every 10 s, so RenewTime is read as the latest such moment.
 */
export function describeNode(world: World, node: KubeObject): string {
  const now = world.nowSeconds();
  const name = node.metadata.name;
  const pods = world.list('Pod').filter((p) => getString(p.spec, 'nodeName') === name && !['Succeeded', 'Failed'].includes(getString(p.status, 'phase') ?? ''));
  return tabbedString((w) => {
    w.write(0, `Name:\t${name}\n`);
    const roles = Object.keys(node.metadata.labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)).sort();
    w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
    w.write(0, 'Taints:\t<none>\n');
    w.write(0, `Unschedulable:\t${getPath(node.spec, 'unschedulable') === true}\n`);
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${name}\n`);
    w.write(1, 'AcquireTime:\t<unset>\n');
    w.write(1, `RenewTime:\t${rfc1123z(now - (now % 10))}\n`);
    const conditions = list(getPath(node.status, 'conditions'));
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      const time = (c: Json, f: string) => rfc1123z(parseRfc3339(getString(c, f) ?? '') ?? 0);
      for (const c of conditions) {
        w.write(1, `${getString(c, 'type') ?? ''} \t${getString(c, 'status') ?? ''} \t${time(c, 'lastHeartbeatTime')} \t${time(c, 'lastTransitionTime')} \t${getString(c, 'reason') ?? ''} \t${getString(c, 'message') ?? ''}\n`);
      }
    }
    w.write(0, 'Addresses:\n');
    for (const a of list(getPath(node.status, 'addresses'))) w.write(1, `${getString(a, 'type') ?? ''}:\t${getString(a, 'address') ?? ''}\n`);
    resourceList(w, 'Capacity', getPath(node.status, 'capacity'));
    resourceList(w, 'Allocatable', getPath(node.status, 'allocatable'));
    const info = (f: string) => getString(node.status, 'nodeInfo', f) ?? '';
    w.write(0, 'System Info:\n');
    for (const [label, f] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'], ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'], ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion']] as const) {
      w.write(0, `  ${label}:\t${info(f)}\n`);
    }
    const podCIDR = getString(node.spec, 'podCIDR') ?? '';
    if (podCIDR) w.write(0, `PodCIDR:\t${podCIDR}\n`);
    const cidrs = list(getPath(node.spec, 'podCIDRs')).filter((c): c is string => typeof c === 'string');
    if (cidrs.length) w.write(0, `PodCIDRs:\t${cidrs.join(',')}\n`);
    const provider = getString(node.spec, 'providerID') ?? '';
    if (provider) w.write(0, `ProviderID:\t${provider}\n`);
    describeNodeResource(w, node, pods, now);
    describeNoEvents(w);
  });
}
