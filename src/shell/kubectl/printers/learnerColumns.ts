import { type Json, type KubeObject, getPath, getString, isJsonObject } from '../../../domain/objects.ts';
import { humanDuration } from '../format/index.ts';
import { marshalGoJson } from '../format/marshalGoJson.ts';
import type { TableOptions } from './tableRows.ts';

interface Column {
  header: string;
  cell(obj: KubeObject, options: TableOptions): string;
  wide?: boolean;
}

const age: Column = { header: 'AGE', cell: (obj, o) => humanDuration(o.now - obj.metadata.creationTimestamp) };

const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const field = (obj: KubeObject, ...path: string[]): Json | undefined => getPath(obj.fields, ...path);
const keys = (v: Json | undefined): number => (isJsonObject(v ?? null) ? Object.keys(v as object).length : 0);

/** A CRD printer column of type string: strings as they are, anything else as JSON. */
function crdCell(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : marshalGoJson(value);
}

/** `host:port` as Go's net.JoinHostPort writes it (IPv6 in brackets). */
const joinHostPort = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** printers.go listWithMoreString: the first three, then ` + N more...`; `<unset>` when empty. */
function withMore(items: string[], max = 3): string {
  if (items.length > max) return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
  return items.length === 0 ? '<unset>' : items.join(',');
}

/** printers.go formatEndpoints: ready addresses × ports, the first three, then ` + N more...`. */
export function formatEndpoints(ep: KubeObject): string {
  const subsets = list(field(ep, 'subsets'));
  if (subsets.length === 0) return '<none>';
  const all: string[] = [];
  for (const ss of subsets) {
    const ips = list(getPath(ss, 'addresses')).map((a) => getString(a, 'ip') ?? '');
    const ports = list(getPath(ss, 'ports'));
    if (ports.length === 0) all.push(...ips);
    for (const p of ports) all.push(...ips.map((ip) => joinHostPort(ip, Number(getPath(p, 'port') ?? 0))));
  }
  const max = 3;
  return all.length > max ? `${all.slice(0, max).join(',')} + ${all.length - max} more...` : all.join(',');
}

/** A Kubernetes timestamp (RFC 3339 string) in seconds, or undefined when unset. */
function seconds(v: Json | undefined): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** printers.go printEvent: LAST SEEN with `(xN over FIRST)` for repeated events. */
function eventTimes(ev: KubeObject, now: number): { last: string; first: string } {
  const firstAt = seconds(field(ev, 'firstTimestamp')) ?? seconds(field(ev, 'eventTime'));
  const first = firstAt === undefined ? '<unknown>' : humanDuration(now - firstAt);
  const lastAt = seconds(field(ev, 'lastTimestamp'));
  let last = lastAt === undefined ? first : humanDuration(now - lastAt);
  const count = Number(field(ev, 'count') ?? 0);
  if (count > 1) last = `${last} (x${count} over ${first})`;
  return { last, first };
}

function eventTarget(ev: KubeObject): string {
  const kind = (getString(ev.fields, 'involvedObject', 'kind') ?? '').toLowerCase();
  const name = getString(ev.fields, 'involvedObject', 'name') ?? '';
  return name ? `${kind}/${name}` : kind;
}

/** printers.go formatEventSource: `component, host`, each falling back to the reporting controller and instance. */
function eventSource(ev: KubeObject): string {
  const component = getString(ev.fields, 'source', 'component') || (getString(ev.fields, 'reportingComponent') ?? '');
  const instance = getString(ev.fields, 'source', 'host') || (getString(ev.fields, 'reportingInstance') ?? '');
  if (component === '') return '';
  return instance ? `${component}, ${instance}` : component;
}

/** GKE nodes carry no node-role label: ROLES is `<none>` (printers.go findNodeRoles). */
function nodeRoles(node: KubeObject): string {
  const roles = Object.keys(node.metadata.labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.sort().join(',') : '<none>';
}

function nodeAddress(node: KubeObject, type: string): string {
  const found = list(getPath(node.status, 'addresses')).find((a) => getString(a, 'type') === type);
  return getString(found, 'address') ?? '<none>';
}

function nodeStatus(node: KubeObject): string {
  const ready = list(getPath(node.status, 'conditions')).find((c) => getString(c, 'type') === 'Ready');
  const status = getString(ready, 'status') === 'True' ? 'Ready' : getString(ready, 'status') === 'False' ? 'NotReady' : 'Unknown';
  return getPath(node.spec, 'unschedulable') === true ? `${status},SchedulingDisabled` : status;
}

/**
 * Columns after NAME for the kinds of learnerKinds.ts: kubectl's built-in printers (kubernetes
 * pkg/printers/internalversion/printers.go: printConfigMap, printSecret, printEndpoints,
 * printEndpointSlice, printEvent, printNode) and the CRDs' additionalPrinterColumns (ISTIO
 * crd-all.gen.yaml: ServiceEntry HOSTS/LOCATION/RESOLUTION; the policy kinds' columns are their
 * modules', src/domain/policies).
 */
export const LEARNER_COLUMNS: Readonly<Record<string, Column[]>> = {
  ConfigMap: [{ header: 'DATA', cell: (obj) => String(keys(field(obj, 'data')) + keys(field(obj, 'binaryData'))) }, age],
  Secret: [
    { header: 'TYPE', cell: (obj) => getString(obj.fields, 'type') ?? '' },
    { header: 'DATA', cell: (obj) => String(keys(field(obj, 'data'))) },
    age,
  ],
  Endpoints: [{ header: 'ENDPOINTS', cell: formatEndpoints }, age],
  EndpointSlice: [
    { header: 'ADDRESSTYPE', cell: (obj) => getString(obj.fields, 'addressType') ?? '' },
    { header: 'PORTS', cell: (obj) => withMore(list(field(obj, 'ports')).map((p) => {
      const port = getPath(p, 'port');
      return typeof port === 'number' ? String(port) : (getString(p, 'name') ?? '*');
    })) },
    { header: 'ENDPOINTS', cell: (obj) => withMore(list(field(obj, 'endpoints')).flatMap((ep) => list(getPath(ep, 'addresses')).map((a) => (typeof a === 'string' ? a : '')))) },
    age,
  ],
  Event: [
    { header: 'LAST SEEN', cell: (obj, o) => eventTimes(obj, o.now).last },
    { header: 'TYPE', cell: (obj) => getString(obj.fields, 'type') ?? '' },
    { header: 'REASON', cell: (obj) => getString(obj.fields, 'reason') ?? '' },
    { header: 'OBJECT', cell: eventTarget },
    { header: 'SUBOBJECT', wide: true, cell: (obj) => getString(obj.fields, 'involvedObject', 'fieldPath') ?? '' },
    { header: 'SOURCE', wide: true, cell: eventSource },
    { header: 'MESSAGE', cell: (obj) => (getString(obj.fields, 'message') ?? '').trim() },
    { header: 'FIRST SEEN', wide: true, cell: (obj, o) => eventTimes(obj, o.now).first },
    { header: 'COUNT', wide: true, cell: (obj) => String(field(obj, 'count') ?? 0) },
    { header: 'NAME', wide: true, cell: (obj) => obj.metadata.name },
  ],
  Node: [
    { header: 'STATUS', cell: nodeStatus },
    { header: 'ROLES', cell: nodeRoles },
    age,
    { header: 'VERSION', cell: (obj) => getString(obj.status, 'nodeInfo', 'kubeletVersion') ?? '' },
    { header: 'INTERNAL-IP', wide: true, cell: (obj) => nodeAddress(obj, 'InternalIP') },
    { header: 'EXTERNAL-IP', wide: true, cell: (obj) => nodeAddress(obj, 'ExternalIP') },
    { header: 'OS-IMAGE', wide: true, cell: (obj) => getString(obj.status, 'nodeInfo', 'osImage') ?? '<unknown>' },
    { header: 'KERNEL-VERSION', wide: true, cell: (obj) => getString(obj.status, 'nodeInfo', 'kernelVersion') ?? '<unknown>' },
    { header: 'CONTAINER-RUNTIME', wide: true, cell: (obj) => getString(obj.status, 'nodeInfo', 'containerRuntimeVersion') ?? '<unknown>' },
  ],
  ServiceEntry: [
    { header: 'HOSTS', cell: (obj) => crdCell(getPath(obj.spec, 'hosts')) },
    { header: 'LOCATION', cell: (obj) => crdCell(getPath(obj.spec, 'location')) },
    { header: 'RESOLUTION', cell: (obj) => crdCell(getPath(obj.spec, 'resolution')) },
    age,
  ],
};

/** Kinds whose table has no leading NAME column (printEvent puts NAME last, with -o wide only). */
export const WITHOUT_NAME_COLUMN: ReadonlySet<string> = new Set(['Event']);
