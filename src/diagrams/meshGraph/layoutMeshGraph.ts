import { BOUTIQUE_SERVICES } from '../../domain/cluster/boutique.ts';
import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import { arrowHead, connectorBetween, cubicPath } from './connector.ts';
import { describeWorkload, nodeBadge } from './nodeBadge.ts';
import { textEms } from './textWidth.ts';
import type { MeshEdge, MeshLayout, MeshNode, NamespaceGroup } from './types.ts';
import { compareText } from '../../domain/compareText.ts';

export interface MeshLayoutInput {
  mesh: readonly WorkloadMtls[];
  /** The requested drawing size; the layout grows past it rather than overlap nodes. */
  width: number;
  height: number;
  /** The language of badges, actor labels and titles (English by default). */
  tr?: Translator;
}

/** Node box widths per column: outside world, edge, frontend, mid tier, leaf services. */
const COLUMN_WIDTHS = [64, 120, 120, 120, 120] as const;
const MARGIN = 8;
const MIN_COLUMN_GAP = 28;
const NODE_H = 36;
const EXTERNAL_H = 30;
const OVERRIDE_LINE_H = 10;
/** Namespace boxes: padding around their nodes; the top leaves room for the legend on the border. */
export const GROUP_PAD_X = 5;
const GROUP_PAD_TOP = 7;
const GROUP_PAD_BOTTOM = 5;
const INNER_GAP = 6;
const MIN_BLOCK_GAP = 6;

interface Role {
  column: number;
  order: number;
}

/** Column and top-to-bottom order of the known workloads, chosen to keep call edges short and uncrossed. */
const ROLES: Record<string, Role> = {
  'istio-ingressgateway': { column: 1, order: 1 },
  istiod: { column: 1, order: 2 },
  loadgenerator: { column: 1, order: 3 },
  testcurl: { column: 1, order: 4 },
  frontend: { column: 2, order: 0 },
  recommendationservice: { column: 3, order: 0 },
  checkoutservice: { column: 3, order: 1 },
  adservice: { column: 4, order: 0 },
  productcatalogservice: { column: 4, order: 1 },
  currencyservice: { column: 4, order: 2 },
  cartservice: { column: 4, order: 3 },
  shippingservice: { column: 4, order: 4 },
  paymentservice: { column: 4, order: 5 },
  emailservice: { column: 4, order: 6 },
};

/** Where each known workload lives in the tutorial's cluster; another copy elsewhere is drawn but not wired. */
const HOME_NAMESPACE: Record<string, string> = {
  ...Object.fromEntries(BOUTIQUE_SERVICES.map((s) => [s.name, s.namespace])),
  'istio-ingressgateway': 'istio-system',
  testcurl: 'default',
};

const BROWSER = 'external/browser';
const CLOUDSHELL = 'external/cloudshell';
const LOAD_BALANCER = 'frontend-external';

/** The Online Boutique call graph (microservices-demo), by workload name; `browser`, `cloudshell` and the LB are actors. */
const CALL_GRAPH: readonly [string, string, MeshEdge['kind']][] = [
  ['browser', LOAD_BALANCER, 'ingress'],
  ['browser', 'istio-ingressgateway', 'ingress'],
  ['cloudshell', LOAD_BALANCER, 'ingress'],
  ['cloudshell', 'istio-ingressgateway', 'ingress'],
  [LOAD_BALANCER, 'frontend', 'ingress'],
  ['istio-ingressgateway', 'frontend', 'ingress'],
  ['loadgenerator', 'frontend', 'call'],
  ['testcurl', 'frontend', 'probe'],
  ...['currencyservice', 'productcatalogservice', 'cartservice', 'recommendationservice', 'shippingservice', 'checkoutservice', 'adservice'].map(
    (to): [string, string, MeshEdge['kind']] => ['frontend', to, 'call'],
  ),
  ...['productcatalogservice', 'shippingservice', 'paymentservice', 'emailservice', 'currencyservice', 'cartservice'].map(
    (to): [string, string, MeshEdge['kind']] => ['checkoutservice', to, 'call'],
  ),
  ['recommendationservice', 'productcatalogservice', 'call'],
];

type Draft = Omit<MeshNode, 'x' | 'y'> & { order: number; group?: string };

/** Labels are not measured (no DOM here): 0.6 em per character bounds wide UI fonts such as DejaVu Sans. */
export function labelFontSize(label: string, boxWidth: number): number {
  return Math.min(10, Math.floor(((boxWidth - 10) / textEms(label)) * 10) / 10);
}

function roleOf(w: WorkloadMtls): Role {
  const known = ROLES[w.workload];
  if (known && HOME_NAMESPACE[w.workload] === w.namespace) return known;
  // Unknown clients and probes (bare pods, sidecar-less pods) sit with the edge; services in the mid tier.
  return { column: w.gateway || w.kind === 'Pod' || !w.sidecar ? 1 : 3, order: 100 };
}

function workloadDraft(w: WorkloadMtls, tr: Translator): Draft {
  const role = roleOf(w);
  const badge = nodeBadge(w, tr);
  return {
    id: `${w.namespace}/${w.workload}`,
    kind: w.gateway ? 'gateway' : w.kind === 'Pod' ? 'bare-pod' : 'workload',
    namespace: w.namespace,
    label: w.workload,
    labelSize: labelFontSize(w.workload, COLUMN_WIDTHS[role.column] ?? 120),
    w: COLUMN_WIDTHS[role.column] ?? 120,
    h: NODE_H + badge.overrides.length * OVERRIDE_LINE_H,
    column: role.column,
    badge,
    title: describeWorkload(w, tr),
    pod: w.pod,
    deployment: w.kind === 'Deployment',
    ...(w.workloadMode ? { mode: w.workloadMode.mode } : {}),
    order: role.order,
    group: w.namespace,
  };
}

function actorDrafts(frontendNs: string | undefined, { t }: Translator): Draft[] {
  const outside = (id: string, label: string, order: number, title: string): Draft => ({
    id, kind: 'external', namespace: 'external', label, labelSize: labelFontSize(label, COLUMN_WIDTHS[0]), w: COLUMN_WIDTHS[0], h: EXTERNAL_H, column: 0,
    badge: { mode: 'outside', text: t('diagram.badge.outside'), overrides: [] }, title, deployment: false, order,
  });
  const drafts = [
    outside(BROWSER, t('diagram.browser'), 0, t('diagram.browserTitle', { id: BROWSER })),
    outside(CLOUDSHELL, t('diagram.cloudshell'), 1, t('diagram.cloudshellTitle', { id: CLOUDSHELL })),
  ];
  if (frontendNs !== undefined) {
    const id = `${frontendNs}/${LOAD_BALANCER}`;
    drafts.push({
      id, kind: 'loadbalancer', namespace: frontendNs, label: LOAD_BALANCER, labelSize: labelFontSize(LOAD_BALANCER, COLUMN_WIDTHS[1]),
      w: COLUMN_WIDTHS[1], h: NODE_H, column: 1, badge: { mode: 'loadbalancer', text: t('diagram.badge.loadbalancer'), overrides: [] },
      title: t('diagram.loadBalancerTitle', { id }),
      deployment: false, order: 0,
    });
  }
  return drafts;
}

interface Block {
  group?: string;
  nodes: Draft[];
  height: number;
}

function blocksOf(drafts: Draft[]): Block[] {
  // Same-namespace nodes of a column are adjacent, ranked by their first member, so one box holds them.
  const rank = new Map<string, number>();
  for (const d of drafts) if (d.group !== undefined) rank.set(d.group, Math.min(rank.get(d.group) ?? Infinity, d.order));
  const rankOf = (d: Draft) => (d.group !== undefined ? (rank.get(d.group) ?? d.order) : d.order);
  const sorted = [...drafts].sort((a, b) => rankOf(a) - rankOf(b) || compareText(a.group ?? a.id, b.group ?? b.id) || a.order - b.order || compareText(a.id, b.id));
  const blocks: Block[] = [];
  for (const d of sorted) {
    const last = blocks.at(-1);
    if (last && d.group !== undefined && last.group === d.group) last.nodes.push(d);
    else blocks.push({ ...(d.group !== undefined ? { group: d.group } : {}), nodes: [d], height: 0 });
  }
  for (const b of blocks) {
    const inner = b.nodes.reduce((sum, n) => sum + n.h, 0) + INNER_GAP * (b.nodes.length - 1);
    b.height = b.group !== undefined ? GROUP_PAD_TOP + inner + GROUP_PAD_BOTTOM : inner;
  }
  return blocks;
}

/**
 * Places the mesh as layered columns (outside world → edge → frontend → mid tier → leaf
 * services), with one box per namespace and column and the Online Boutique call graph as edges.
 * Deterministic: the same mesh and size always give the same layout, and a mode change moves nothing.
 */
export function layoutMeshGraph(input: MeshLayoutInput): MeshLayout {
  const workloads = [...input.mesh].sort((a, b) => compareText(`${a.namespace}/${a.workload}`, `${b.namespace}/${b.workload}`));
  const frontend = workloads.find((w) => w.workload === 'frontend' && w.namespace === HOME_NAMESPACE.frontend) ?? workloads.find((w) => w.workload === 'frontend');
  const tr = input.tr ?? ENGLISH;
  const drafts = [...actorDrafts(frontend?.namespace, tr), ...workloads.map((w) => workloadDraft(w, tr))];

  const columns = COLUMN_WIDTHS.map((_, i) => blocksOf(drafts.filter((d) => d.column === i)));
  const content = columns.map((blocks) => blocks.reduce((sum, b) => sum + b.height, 0));
  const needH = Math.max(...columns.map((blocks, i) => (content[i] ?? 0) + MIN_BLOCK_GAP * (blocks.length + 1)));
  const height = Math.max(input.height, needH + 2 * MARGIN);
  const sumW = COLUMN_WIDTHS.reduce((s, w) => s + w, 0);
  const width = Math.max(input.width, sumW + MIN_COLUMN_GAP * (COLUMN_WIDTHS.length - 1) + 2 * MARGIN);
  const gapX = (width - 2 * MARGIN - sumW) / (COLUMN_WIDTHS.length - 1);

  const nodes: MeshNode[] = [];
  const groups: NamespaceGroup[] = [];
  let left = MARGIN;
  columns.forEach((blocks, col) => {
    const colW = COLUMN_WIDTHS[col] ?? 120;
    const cx = left + colW / 2;
    left += colW + gapX;
    const gapY = (height - 2 * MARGIN - (content[col] ?? 0)) / (blocks.length + 1);
    let top = MARGIN + gapY;
    for (const block of blocks) {
      let y = top + (block.group !== undefined ? GROUP_PAD_TOP : 0);
      for (const d of block.nodes) {
        const { order: _order, group: _group, ...node } = d;
        nodes.push({ ...node, x: cx, y: y + d.h / 2 });
        y += d.h + INNER_GAP;
      }
      if (block.group !== undefined) {
        groups.push({ id: `ns:${block.group}:${col}`, namespace: block.group, x: cx - colW / 2 - GROUP_PAD_X, y: top, w: colW + 2 * GROUP_PAD_X, h: block.height });
      }
      top += block.height + gapY;
    }
  });

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const byName = (name: string): MeshNode | undefined => {
    if (name === 'browser') return byId.get(BROWSER);
    if (name === 'cloudshell') return byId.get(CLOUDSHELL);
    if (name === LOAD_BALANCER) return frontend ? byId.get(`${frontend.namespace}/${LOAD_BALANCER}`) : undefined;
    const home = HOME_NAMESPACE[name];
    return home !== undefined ? byId.get(`${home}/${name}`) : undefined;
  };
  const edges: MeshEdge[] = [];
  for (const [fromName, toName, kind] of CALL_GRAPH) {
    const from = byName(fromName);
    const to = byName(toName);
    if (!from || !to) continue;
    const c = connectorBetween(from, to);
    edges.push({ id: `${from.id}->${to.id}`, from: from.id, to: to.id, kind, d: cubicPath(c), arrow: arrowHead(c) });
  }
  return { width, height, nodes, edges, groups, byId };
}
