import { type KindInfo, qualifiedSingular } from '../../../domain/kinds.ts';
import { policyKindModule } from '../../../domain/policies/index.ts';
import type { PrinterColumn } from '../../../domain/policies/policyKind.ts';
import { type Json, type KubeObject, getPath, getString, getStringMap, isJsonObject, ownValue } from '../../../domain/objects.ts';
import { compareByteWise } from '../format/compareByteWise.ts';
import { humanDuration } from '../format/index.ts';
import { marshalGoJson } from '../format/marshalGoJson.ts';
import { formatLabels, formatSelector } from './labelText.ts';
import { LEARNER_COLUMNS, WITHOUT_NAME_COLUMN } from './learnerColumns.ts';
import { type PodSummary, podSummary } from './podSummary.ts';

/** How `kubectl get` was asked to print a group of objects of one kind. */
export interface TableOptions {
  /** `-o wide` */
  wide: boolean;
  /** `-A`: prepend NAMESPACE (never for cluster-scoped kinds). */
  withNamespace: boolean;
  /** Several kinds requested: names print as `kind.group/name`. */
  withKind: boolean;
  /** `--show-labels` */
  showLabels: boolean;
  /** `-L key`: one column per label key. */
  labelColumns: string[];
  /** Current time in seconds (AGE, RESTARTS). */
  now: number;
}

/** What a cell sees beside its object: the options, and the pod's summary computed once per row. */
interface RowContext extends TableOptions {
  pod(): PodSummary;
}

interface Column {
  header: string;
  cell(obj: KubeObject, row: RowContext): string;
  /** Printed only with `-o wide`. */
  wide?: boolean;
}

const age: Column = { header: 'AGE', cell: (obj, o) => humanDuration(o.now - obj.metadata.creationTimestamp) };

function containerField(obj: KubeObject, field: 'name' | 'image', ...path: string[]): string {
  const containers = getPath(obj.spec, ...path, 'containers');
  return Array.isArray(containers) ? containers.filter(isJsonObject).map((c) => (typeof c[field] === 'string' ? c[field] : '')).join(',') : '';
}

function count(obj: KubeObject, ...path: string[]): string {
  const n = getPath(obj, ...path);
  return String(typeof n === 'number' ? n : 0);
}

/** `port/TCP` or `port:nodePort/TCP`, joined by commas (printers.go makePortString). */
function portString(svc: KubeObject): string {
  const ports = getPath(svc.spec, 'ports');
  if (!Array.isArray(ports) || ports.length === 0) return '<none>';
  return ports.filter(isJsonObject).map((p) => {
    const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    const port = typeof p.port === 'number' ? p.port : 0;
    return typeof p.nodePort === 'number' && p.nodePort > 0 ? `${port}:${p.nodePort}/${protocol}` : `${port}/${protocol}`;
  }).join(',');
}

/** printers.go getServiceExternalIP; load-balancer addresses are cut to 16 characters unless wide. */
function externalIPs(svc: KubeObject, wide: boolean): string {
  const type = getString(svc.spec, 'type') ?? 'ClusterIP';
  const specIPs = getPath(svc.spec, 'externalIPs');
  const fixed = Array.isArray(specIPs) ? specIPs.filter((ip): ip is string => typeof ip === 'string') : [];
  if (type === 'ClusterIP' || type === 'NodePort') return fixed.length ? fixed.join(',') : '<none>';
  if (type === 'ExternalName') return getString(svc.spec, 'externalName') ?? '';
  if (type !== 'LoadBalancer') return '<unknown>';
  const ingress = getPath(svc.status, 'loadBalancer', 'ingress');
  const addresses = new Set<string>();
  if (Array.isArray(ingress)) {
    for (const i of ingress.filter(isJsonObject)) {
      if (typeof i.ip === 'string' && i.ip) addresses.add(i.ip);
      else if (typeof i.hostname === 'string' && i.hostname) addresses.add(i.hostname);
    }
  }
  let lb = [...addresses].sort(compareByteWise).join(',');
  if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
  if (fixed.length) return [...(lb ? lb.split(',') : []), ...fixed].join(',');
  return lb || '<pending>';
}

/** A CRD printer column of type string: strings print as they are, anything else as JSON. */
function crdCell(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : marshalGoJson(value);
}

const workloadWide: Column[] = [
  { header: 'CONTAINERS', wide: true, cell: (obj) => containerField(obj, 'name', 'template', 'spec') },
  { header: 'IMAGES', wide: true, cell: (obj) => containerField(obj, 'image', 'template', 'spec') },
  { header: 'SELECTOR', wide: true, cell: (obj) => formatSelector(getPath(obj.spec, 'selector')) },
];

/**
 * A CRD's printer column (apiextensions-apiserver tableconvertor): the header upper-cased, a
 * `date` cell as an age, any other cell the value at its JSONPath (`.spec.mtls.mode`).
 */
function crdColumn(column: PrinterColumn): Column {
  const header = column.name.toUpperCase();
  if (column.type === 'date') return { ...age, header };
  const [root = '', ...path] = column.jsonPath.split('.').slice(1);
  const top = (obj: KubeObject): Json | undefined => (root === 'spec' ? obj.spec : root === 'status' ? obj.status : root === 'metadata' ? getPath(obj.metadata) : getPath(obj.fields, root));
  return { header, cell: (obj) => crdCell(getPath(top(obj), ...path)) };
}

/** A policy kind's columns: its module's, or the API server's default (AGE) for a CRD without any. */
function policyColumns(kind: string): Column[] | undefined {
  const columns = policyKindModule(kind)?.printerColumns;
  if (!columns) return undefined;
  return columns.length ? columns.map(crdColumn) : [age];
}

/**
 * Columns after NAME, per kind: kubectl's built-in printers (printers.go) for core and apps kinds,
 * and the CRDs' additionalPrinterColumns (ISTIO crd-all.gen.yaml) for Istio kinds; the policy kinds'
 * come from their modules (src/domain/policies).
 */
const COLUMNS: Record<string, Column[]> = {
  Pod: [
    { header: 'READY', cell: (obj, o) => o.pod().ready },
    { header: 'STATUS', cell: (obj, o) => o.pod().status },
    { header: 'RESTARTS', cell: (obj, o) => o.pod().restarts },
    age,
    { header: 'IP', wide: true, cell: (obj, o) => o.pod().ip },
    { header: 'NODE', wide: true, cell: (obj, o) => o.pod().node },
    { header: 'NOMINATED NODE', wide: true, cell: (obj) => getString(obj.status, 'nominatedNodeName') || '<none>' },
    { header: 'READINESS GATES', wide: true, cell: () => '<none>' },
  ],
  Service: [
    { header: 'TYPE', cell: (obj) => getString(obj.spec, 'type') ?? 'ClusterIP' },
    { header: 'CLUSTER-IP', cell: (obj) => getString(obj.spec, 'clusterIP') || '<none>' },
    { header: 'EXTERNAL-IP', cell: (obj, o) => externalIPs(obj, o.wide) },
    { header: 'PORT(S)', cell: portString },
    age,
    { header: 'SELECTOR', wide: true, cell: (obj) => formatLabels(getStringMap(obj.spec, 'selector')) },
  ],
  Deployment: [
    { header: 'READY', cell: (obj) => `${count(obj, 'status', 'readyReplicas')}/${count(obj, 'spec', 'replicas')}` },
    { header: 'UP-TO-DATE', cell: (obj) => count(obj, 'status', 'updatedReplicas') },
    { header: 'AVAILABLE', cell: (obj) => count(obj, 'status', 'availableReplicas') },
    age,
    ...workloadWide,
  ],
  ReplicaSet: [
    { header: 'DESIRED', cell: (obj) => count(obj, 'spec', 'replicas') },
    { header: 'CURRENT', cell: (obj) => count(obj, 'status', 'replicas') },
    { header: 'READY', cell: (obj) => count(obj, 'status', 'readyReplicas') },
    age,
    ...workloadWide,
  ],
  Namespace: [{ header: 'STATUS', cell: (obj) => getString(obj.status, 'phase') ?? '' }, age],
  ServiceAccount: [{ header: 'SECRETS', cell: (obj) => String(Array.isArray(getPath(obj, 'secrets')) ? (getPath(obj, 'secrets') as Json[]).length : 0) }, age],
  // The API server's own table for CRDs (apiextensions-apiserver tableconvertor): CREATED AT, not AGE.
  CustomResourceDefinition: [{ header: 'CREATED AT', cell: (obj) => new Date(obj.metadata.creationTimestamp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') }],
};

/** The header and rows `kubectl get` prints for objects of one kind (before tabwriter alignment). */
export function tableRows(info: KindInfo, objects: readonly KubeObject[], options: TableOptions): string[][] {
  const columns = (COLUMNS[info.kind] ?? policyColumns(info.kind) ?? LEARNER_COLUMNS[info.kind] ?? [age]).filter((c) => !c.wide || options.wide);
  const withNamespace = options.withNamespace && info.namespaced;
  const withName = !WITHOUT_NAME_COLUMN.has(info.kind);
  const header = [
    ...(withNamespace ? ['NAMESPACE'] : []),
    ...(withName ? ['NAME'] : []),
    ...columns.map((c) => c.header),
    ...options.labelColumns.map((l) => (l.split('/').pop() ?? l).toUpperCase()),
    ...(options.showLabels ? ['LABELS'] : []),
  ];
  const rows = objects.map((obj) => {
    let summary: PodSummary | undefined;
    const row: RowContext = { ...options, pod: () => (summary ??= podSummary(obj, options.now)) };
    return [
      ...(withNamespace ? [obj.metadata.namespace ?? ''] : []),
      ...(withName ? [options.withKind ? `${qualifiedSingular(info)}/${obj.metadata.name}` : obj.metadata.name] : []),
      ...columns.map((c) => c.cell(obj, row)),
      ...options.labelColumns.map((l) => ownValue(obj.metadata.labels, l) ?? ''),
      ...(options.showLabels ? [formatLabels(obj.metadata.labels)] : []),
    ];
  });
  return [header, ...rows];
}
