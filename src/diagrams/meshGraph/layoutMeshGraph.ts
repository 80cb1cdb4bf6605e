import { BOUTIQUE_SERVICES } from '../../domain/cluster/boutique.ts';
import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import { arrowHead, connectorBetween, cubicPath } from './connector.ts';
import { LOCK_ICONS } from './lockIcons.ts';
import { LEGEND, NODE, NODE_HEIGHT, OUTLINE_INSET, TEXT } from './metrics.ts';
import { describeWorkload, nodeBadge } from './nodeBadge.ts';
import { textWidth } from './textWidth.ts';
import type { MeshDetail, MeshEdge, MeshLayout, MeshNode, NamespaceGroup } from './types.ts';
import { compareText } from '../../domain/compareText.ts';

export interface MeshLayoutInput {
  mesh: readonly WorkloadMtls[];
  /** The requested drawing size; the layout grows past it rather than overlap nodes. */
  width: number;
  height: number;
  /** The language of badges, actor labels and titles (English by default). */
  tr?: Translator;
  /** `full` badges name the level a mode came from; `compact` ones only the mode (narrower nodes). */
  detail?: MeshDetail;
}

/** Smallest node width per column: outside world, edge, frontend, mid tier, leaf services. */
const MIN_COLUMN_WIDTHS = [80, 110, 110, 110, 110] as const;
const COLUMNS = MIN_COLUMN_WIDTHS.length;
/** Around the drawing; the top leaves room for a legend on the first node's border. */
const MARGIN_X = 6;
const MARGIN_Y = LEGEND.rise;
const MIN_COLUMN_GAP = { full: 20, compact: 14 } as const;
/** Namespace boxes: padding around their nodes; the top leaves room for the legend on the border. */
export const GROUP_PAD_X = 5;
const GROUP_PAD_TOP = 9;
const GROUP_PAD_BOTTOM = 5;
const INNER_GAP = 6;
/** Between blocks of a column: room for a legend on the border of the block below. */
const MIN_BLOCK_GAP = LEGEND.rise + 1;
const MODES = ['STRICT', 'PERMISSIVE', 'DISABLE'] as const;
const LEVELS = ['mesh', 'namespace', 'workload', 'port', 'default'] as const;

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

type Draft = Omit<MeshNode, 'x' | 'y' | 'w' | 'legend'> & { order: number; group?: string; needW: number };

/** What a node's text needs across: its label, its badge pill and its override lines. */
function nodeWidth(kind: MeshNode['kind'], label: string, pill: number, overrides: readonly string[]): number {
  const inset = kind === 'gateway' || kind === 'loadbalancer' ? OUTLINE_INSET[kind] : 0;
  const lines = overrides.map((o) => textWidth(o, TEXT.override) + 2 * NODE.padX);
  return Math.ceil(Math.max(textWidth(label, TEXT.label, 'bold') + 2 * (NODE.padX + inset), pill + 2 * NODE.pillInset, ...lines));
}

/**
 * The badge pill's width. A sidecar's badge is sized for its widest mode and level, whatever it
 * shows now, so that a mode change never moves a node.
 */
function pillWidth(badge: MeshNode['badge'], detail: MeshDetail, tr: Translator): number {
  if (!LOCK_ICONS[badge.mode]) return textWidth(badge.text, TEXT.mode, 'bold') + 2 * NODE.pillPad;
  const mode = Math.max(...MODES.map((m) => textWidth(m, TEXT.mode, 'bold')));
  const level = detail === 'full' ? NODE.levelGap + Math.max(...LEVELS.map((l) => textWidth(tr.t(`diagram.level.${l}`), TEXT.level))) : 0;
  return NODE.lockWidth + mode + level + 2 * NODE.pillPad;
}

function roleOf(w: WorkloadMtls): Role {
  const known = ROLES[w.workload];
  if (known && HOME_NAMESPACE[w.workload] === w.namespace) return known;
  // Unknown clients and probes (bare pods, sidecar-less pods) sit with the edge; services in the mid tier.
  return { column: w.gateway || w.kind === 'Pod' || !w.sidecar ? 1 : 3, order: 100 };
}

function workloadDraft(w: WorkloadMtls, detail: MeshDetail, tr: Translator): Draft {
  const role = roleOf(w);
  const badge = nodeBadge(w, tr);
  const kind = w.gateway ? 'gateway' : w.kind === 'Pod' ? 'bare-pod' : 'workload';
  return {
    id: `${w.namespace}/${w.workload}`,
    kind,
    namespace: w.namespace,
    label: w.workload,
    needW: nodeWidth(kind, w.workload, pillWidth(badge, detail, tr), badge.overrides),
    h: NODE_HEIGHT + badge.overrides.length * NODE.overrideLine,
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

function actorDrafts(frontendNs: string | undefined, tr: Translator): Draft[] {
  const { t } = tr;
  const actor = (fields: Omit<Draft, 'needW' | 'h' | 'deployment'>): Draft => ({
    ...fields,
    needW: nodeWidth(fields.kind, fields.label, textWidth(fields.badge.text, TEXT.mode, 'bold') + 2 * NODE.pillPad, []),
    h: NODE_HEIGHT,
    deployment: false,
  });
  const outside = (id: string, label: string, order: number, title: string): Draft =>
    actor({ id, kind: 'external', namespace: 'external', label, column: 0, badge: { mode: 'outside', text: t('diagram.badge.outside'), overrides: [] }, title, order });
  const drafts = [
    outside(BROWSER, t('diagram.browser'), 0, t('diagram.browserTitle', { id: BROWSER })),
    outside(CLOUDSHELL, t('diagram.cloudshell'), 1, t('diagram.cloudshellTitle', { id: CLOUDSHELL })),
  ];
  if (frontendNs !== undefined) {
    const id = `${frontendNs}/${LOAD_BALANCER}`;
    drafts.push(actor({
      id, kind: 'loadbalancer', namespace: frontendNs, label: LOAD_BALANCER, column: 1, badge: { mode: 'loadbalancer', text: t('diagram.badge.loadbalancer'), overrides: [] },
      title: t('diagram.loadBalancerTitle', { id }), order: 0,
    }));
  }
  return drafts;
}

interface Block {
  group?: string;
  nodes: Draft[];
  height: number;
  /** A namespace with one node here: no box, its name sits on the node's border instead. */
  folded: boolean;
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
    else blocks.push({ ...(d.group !== undefined ? { group: d.group } : {}), nodes: [d], height: 0, folded: false });
  }
  for (const b of blocks) {
    const inner = b.nodes.reduce((sum, n) => sum + n.h, 0) + INNER_GAP * (b.nodes.length - 1);
    b.folded = b.group !== undefined && b.nodes.length === 1;
    b.height = b.group !== undefined && !b.folded ? GROUP_PAD_TOP + inner + GROUP_PAD_BOTTOM : inner;
  }
  return blocks;
}

/**
 * Places the mesh as layered columns (outside world → edge → frontend → mid tier → leaf
 * services) with the Online Boutique call graph as edges. A namespace with several nodes in a
 * column gets a box; a namespace with one node there is folded into it (its name on the node's
 * border), which keeps the drawing compact. Boxes are as wide as their text needs (see
 * `metrics.ts`): the drawing grows rather than shrink its text.
 * Deterministic: the same mesh and size always give the same layout, and a mode change moves nothing.
 */
export function layoutMeshGraph(input: MeshLayoutInput): MeshLayout {
  const workloads = [...input.mesh].sort((a, b) => compareText(`${a.namespace}/${a.workload}`, `${b.namespace}/${b.workload}`));
  const frontend = workloads.find((w) => w.workload === 'frontend' && w.namespace === HOME_NAMESPACE.frontend) ?? workloads.find((w) => w.workload === 'frontend');
  const tr = input.tr ?? ENGLISH;
  const detail = input.detail ?? 'full';
  const drafts = [...actorDrafts(frontend?.namespace, tr), ...workloads.map((w) => workloadDraft(w, detail, tr))];

  const columns = MIN_COLUMN_WIDTHS.map((_, i) => blocksOf(drafts.filter((d) => d.column === i)));
  const widths = MIN_COLUMN_WIDTHS.map((min, i) => Math.max(min, ...drafts.filter((d) => d.column === i).map((d) => d.needW)));
  const content = columns.map((blocks) => blocks.reduce((sum, b) => sum + b.height, 0));
  const needH = Math.max(...columns.map((blocks, i) => (content[i] ?? 0) + MIN_BLOCK_GAP * Math.max(0, blocks.length - 1)));
  const height = Math.max(input.height, needH + 2 * MARGIN_Y);
  const sumW = widths.reduce((s, w) => s + w, 0);
  const width = Math.max(input.width, sumW + MIN_COLUMN_GAP[detail] * (COLUMNS - 1) + 2 * MARGIN_X);
  const gapX = (width - 2 * MARGIN_X - sumW) / (COLUMNS - 1);

  const nodes: MeshNode[] = [];
  const groups: NamespaceGroup[] = [];
  let left = MARGIN_X;
  columns.forEach((blocks, col) => {
    const colW = widths[col] ?? 0;
    const cx = left + colW / 2;
    left += colW + gapX;
    // What is left over is shared evenly above, between and below the blocks.
    const spare = (height - 2 * MARGIN_Y - (content[col] ?? 0) - MIN_BLOCK_GAP * Math.max(0, blocks.length - 1)) / (blocks.length + 1);
    let top = MARGIN_Y + spare;
    for (const block of blocks) {
      let y = top + (block.group !== undefined && !block.folded ? GROUP_PAD_TOP : 0);
      for (const d of block.nodes) {
        const { order: _order, group: _group, needW: _needW, ...node } = d;
        nodes.push({ ...node, ...(block.folded && block.group !== undefined ? { legend: block.group } : {}), w: colW, x: cx, y: y + d.h / 2 });
        y += d.h + INNER_GAP;
      }
      if (block.group !== undefined && !block.folded) {
        groups.push({ id: `ns:${block.group}:${col}`, namespace: block.group, x: cx - colW / 2 - GROUP_PAD_X, y: top, w: colW + 2 * GROUP_PAD_X, h: block.height });
      }
      top += block.height + MIN_BLOCK_GAP + spare;
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
  return { width, height, detail, nodes, edges, groups, byId };
}
