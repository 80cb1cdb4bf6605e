import { BOUTIQUE_SERVICES } from '../../domain/cluster/boutique.ts';
import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import { arrowHead, type Box, connectorBetween, cubicPath } from './connector.ts';
import { LOCK_ICONS } from './lockIcons.ts';
import { AUTHZ_ROW, LEGEND, NODE, NODE_HEIGHT, OUTLINE_INSET, TEXT } from './metrics.ts';
import { authzTag, describeWorkload, nodeBadge } from './nodeBadge.ts';
import { textWidth } from './textWidth.ts';
import type { AuthzTag, MeshDetail, MeshEdge, MeshLayout, MeshNode, NamespaceGroup } from './types.ts';
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

/** A node before it is placed, with what placing it needs. */
interface Draft {
  node: Omit<MeshNode, 'x' | 'y' | 'w' | 'legend'>;
  id: string;
  column: number;
  h: number;
  order: number;
  group?: string;
  /** The width its text needs, with full and with compact badges. */
  needW: Record<MeshDetail, number>;
  /** Its part of the geometry key (everything but the width). */
  geo: string;
}

function draft(node: Draft['node'], order: number, group: string | undefined, needW: (detail: MeshDetail) => number): Draft {
  const { id, column, h } = node;
  return {
    node, id, column, h, order, ...(group !== undefined ? { group } : {}),
    needW: { full: needW('full'), compact: needW('compact') },
    geo: `${id}:${node.kind}:${column}:${order}:${group ?? ''}:${h}:${node.pod ?? ''}:${node.deployment ? 1 : 0}`,
  };
}

/** What a node's text needs across: its label, its badge pill, its override lines and its AuthorizationPolicy tag. */
function nodeWidth(kind: MeshNode['kind'], label: string, pill: number, overrides: readonly string[], authz?: AuthzTag): number {
  const inset = kind === 'gateway' || kind === 'loadbalancer' ? OUTLINE_INSET[kind] : 0;
  const lines = overrides.map((o) => textWidth(o, TEXT.override) + 2 * NODE.padX);
  // The tag sits at the bottom, where the gateway's hexagon narrows.
  const tag = authz ? authzTagWidth(authz) + 2 * (NODE.pillInset + inset) : 0;
  return Math.ceil(Math.max(textWidth(label, TEXT.label, 'bold') + 2 * (NODE.padX + inset), pill + 2 * NODE.pillInset, tag, ...lines));
}

/** The AuthorizationPolicy tag's width: shield, text and padding. */
export function authzTagWidth(tag: Pick<AuthzTag, 'text'>): number {
  return Math.ceil(NODE.pillPad + NODE.shieldWidth + textWidth(tag.text, TEXT.authz) + NODE.pillPad);
}

/**
 * The badge pill's width. A sidecar's badge is sized for its widest mode and level, whatever it
 * shows now, so that a mode change never moves a node.
 */
function pillWidth(badge: MeshNode['badge'], detail: MeshDetail, tr: Translator): number {
  if (!LOCK_ICONS[badge.mode]) return textWidth(badge.text, TEXT.mode, 'bold') + 2 * NODE.pillPad;
  const key = `${tr.locale}|${detail}`;
  let width = lockedPillWidths.get(key);
  if (width === undefined) {
    const mode = Math.max(...MODES.map((m) => textWidth(m, TEXT.mode, 'bold')));
    const level = detail === 'full' ? NODE.levelGap + Math.max(...LEVELS.map((l) => textWidth(tr.t(`diagram.level.${l}`), TEXT.level))) : 0;
    lockedPillWidths.set(key, (width = NODE.lockWidth + mode + level + 2 * NODE.pillPad));
  }
  return width;
}

/** A sidecar's pill width per language and detail: the same for every sidecar. */
const lockedPillWidths = new Map<string, number>();

function roleOf(w: WorkloadMtls): Role {
  const known = ROLES[w.workload];
  if (known && HOME_NAMESPACE[w.workload] === w.namespace) return known;
  // Unknown clients and probes (bare pods, sidecar-less pods) sit with the edge; services in the mid tier.
  return { column: w.gateway || w.kind === 'Pod' || !w.sidecar ? 1 : 3, order: 100 };
}

function workloadDraft(w: WorkloadMtls, tr: Translator): Draft {
  const role = roleOf(w);
  const badge = nodeBadge(w, tr);
  const authz = authzTag(w, tr);
  const kind = w.gateway ? 'gateway' : w.kind === 'Pod' ? 'bare-pod' : 'workload';
  const node: Draft['node'] = {
    id: `${w.namespace}/${w.workload}`,
    kind,
    namespace: w.namespace,
    label: w.workload,
    h: NODE_HEIGHT + badge.overrides.length * NODE.overrideLine + (authz ? AUTHZ_ROW : 0),
    column: role.column,
    badge,
    ...(authz ? { authz } : {}),
    title: describeWorkload(w, tr),
    pod: w.pod,
    deployment: w.kind === 'Deployment',
    ...(w.workloadMode ? { mode: w.workloadMode.mode } : {}),
  };
  return draft(node, role.order, w.namespace, (detail) => nodeWidth(kind, w.workload, pillWidth(badge, detail, tr), badge.overrides, authz));
}

function actorDrafts(frontendNs: string | undefined, tr: Translator): Draft[] {
  const { t } = tr;
  const actor = (fields: Omit<Draft['node'], 'h' | 'deployment'>, order: number): Draft => {
    const width = nodeWidth(fields.kind, fields.label, textWidth(fields.badge.text, TEXT.mode, 'bold') + 2 * NODE.pillPad, []);
    return draft({ ...fields, h: NODE_HEIGHT, deployment: false }, order, undefined, () => width);
  };
  const outside = (id: string, label: string, order: number, title: string): Draft =>
    actor({ id, kind: 'external', namespace: 'external', label, column: 0, badge: { mode: 'outside', text: t('diagram.badge.outside'), overrides: [] }, title }, order);
  const drafts = [
    outside(BROWSER, t('diagram.browser'), 0, t('diagram.browserTitle', { id: BROWSER })),
    outside(CLOUDSHELL, t('diagram.cloudshell'), 1, t('diagram.cloudshellTitle', { id: CLOUDSHELL })),
  ];
  if (frontendNs !== undefined) {
    const id = `${frontendNs}/${LOAD_BALANCER}`;
    drafts.push(actor({
      id, kind: 'loadbalancer', namespace: frontendNs, label: LOAD_BALANCER, column: 1, badge: { mode: 'loadbalancer', text: t('diagram.badge.loadbalancer'), overrides: [] },
      title: t('diagram.loadBalancerTitle', { id }),
    }, 0));
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

/** A mesh's drafts in one language, and its frontend (the LoadBalancer's namespace and the call graph's hub). */
interface Drafted {
  drafts: Draft[];
  /** By id. */
  nodes: ReadonlyMap<string, Draft['node']>;
  frontend: WorkloadMtls | undefined;
}

/** Drafts per mesh summary and language: a fit lays one mesh out at a few sizes and details. */
const draftMemo = new WeakMap<readonly WorkloadMtls[], Map<string, Drafted>>();

function draftsOf(mesh: readonly WorkloadMtls[], tr: Translator): Drafted {
  let byLocale = draftMemo.get(mesh);
  if (!byLocale) draftMemo.set(mesh, (byLocale = new Map()));
  let drafted = byLocale.get(tr.locale);
  if (!drafted) {
    const id = (w: WorkloadMtls) => `${w.namespace}/${w.workload}`;
    const workloads = mesh.map((w) => ({ w, id: id(w) })).sort((a, b) => compareText(a.id, b.id)).map(({ w }) => w);
    const frontend = workloads.find((w) => w.workload === 'frontend' && w.namespace === HOME_NAMESPACE.frontend) ?? workloads.find((w) => w.workload === 'frontend');
    const drafts = [...actorDrafts(frontend?.namespace, tr), ...workloads.map((w) => workloadDraft(w, tr))];
    drafted = { drafts, nodes: new Map(drafts.map((d) => [d.id, d.node])), frontend };
    byLocale.set(tr.locale, drafted);
  }
  return drafted;
}

/** Where the nodes go, and the boxes and edges between them: what a badge change leaves alone. */
interface Placement {
  width: number;
  height: number;
  boxes: ReadonlyMap<string, Pick<MeshNode, 'x' | 'y' | 'w' | 'legend'>>;
  groups: NamespaceGroup[];
  edges: MeshEdge[];
  /** The layouts' `geometry`. */
  token: object;
}

/** Recent placements by geometry key, newest last (a fit tries a few sizes and details per mesh). */
const placements = new Map<string, Placement>();
const MAX_PLACEMENTS = 12;

/** Everything a placement depends on: the room, the detail and each draft's box, column, order, namespace and pod. */
function geometryKey(drafts: readonly Draft[], input: MeshLayoutInput, detail: MeshDetail): string {
  return `${input.width}|${input.height}|${detail};${drafts.map((d) => `${d.geo}:${d.needW[detail]}`).join(';')}`;
}

function place(drafts: readonly Draft[], frontend: WorkloadMtls | undefined, input: MeshLayoutInput, detail: MeshDetail): Placement {
  const columns = MIN_COLUMN_WIDTHS.map((_, i) => blocksOf(drafts.filter((d) => d.column === i)));
  const widths = MIN_COLUMN_WIDTHS.map((min, i) => Math.max(min, ...drafts.filter((d) => d.column === i).map((d) => d.needW[detail])));
  const content = columns.map((blocks) => blocks.reduce((sum, b) => sum + b.height, 0));
  const needH = Math.max(...columns.map((blocks, i) => (content[i] ?? 0) + MIN_BLOCK_GAP * Math.max(0, blocks.length - 1)));
  const height = Math.max(input.height, needH + 2 * MARGIN_Y);
  const sumW = widths.reduce((s, w) => s + w, 0);
  const width = Math.max(input.width, sumW + MIN_COLUMN_GAP[detail] * (COLUMNS - 1) + 2 * MARGIN_X);
  const gapX = (width - 2 * MARGIN_X - sumW) / (COLUMNS - 1);

  const boxes = new Map<string, Pick<MeshNode, 'x' | 'y' | 'w' | 'legend'>>();
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
        boxes.set(d.id, { ...(block.folded && block.group !== undefined ? { legend: block.group } : {}), w: colW, x: cx, y: y + d.h / 2 });
        y += d.h + INNER_GAP;
      }
      if (block.group !== undefined && !block.folded) {
        groups.push({ id: `ns:${block.group}:${col}`, namespace: block.group, x: cx - colW / 2 - GROUP_PAD_X, y: top, w: colW + 2 * GROUP_PAD_X, h: block.height });
      }
      top += block.height + MIN_BLOCK_GAP + spare;
    }
  });

  const heights = new Map(drafts.map((d) => [d.id, d.h]));
  const box = (id: string): Box | undefined => {
    const b = boxes.get(id);
    const h = heights.get(id);
    return b && h !== undefined ? { x: b.x, y: b.y, w: b.w, h } : undefined;
  };
  const idOf = (name: string): string | undefined => {
    if (name === 'browser') return BROWSER;
    if (name === 'cloudshell') return CLOUDSHELL;
    if (name === LOAD_BALANCER) return frontend ? `${frontend.namespace}/${LOAD_BALANCER}` : undefined;
    const home = HOME_NAMESPACE[name];
    return home !== undefined ? `${home}/${name}` : undefined;
  };
  const edges: MeshEdge[] = [];
  for (const [fromName, toName, kind] of CALL_GRAPH) {
    const from = idOf(fromName);
    const to = idOf(toName);
    const a = from !== undefined ? box(from) : undefined;
    const b = to !== undefined ? box(to) : undefined;
    if (!a || !b) continue;
    const c = connectorBetween(a, b);
    edges.push({ id: `${from}->${to}`, from: from as string, to: to as string, kind, d: cubicPath(c), arrow: arrowHead(c) });
  }
  return { width, height, boxes, groups, edges, token: {} };
}

/** The placement of these drafts, reused when an earlier layout had the same geometry. */
function placementOf(drafts: readonly Draft[], frontend: WorkloadMtls | undefined, input: MeshLayoutInput, detail: MeshDetail): Placement {
  const key = geometryKey(drafts, input, detail);
  let placement = placements.get(key);
  if (placement) placements.delete(key);
  else placement = place(drafts, frontend, input, detail);
  placements.set(key, placement);
  if (placements.size > MAX_PLACEMENTS) placements.delete(placements.keys().next().value as string);
  return placement;
}

/**
 * Places the mesh as layered columns (outside world → edge → frontend → mid tier → leaf
 * services) with the Online Boutique call graph as edges. A namespace with several nodes in a
 * column gets a box; a namespace with one node there is folded into it (its name on the node's
 * border), which keeps the drawing compact. Boxes are as wide as their text needs (see
 * `metrics.ts`): the drawing grows rather than shrink its text.
 * Deterministic: the same mesh and size always give the same layout, and a mode change moves
 * nothing. The placement is memoised by geometry: a layout whose nodes have the same boxes as a
 * recent one (a policy changed badges only) shares its groups, edges and `geometry`.
 */
export function layoutMeshGraph(input: MeshLayoutInput): MeshLayout {
  const tr = input.tr ?? ENGLISH;
  const detail = input.detail ?? 'full';
  const { drafts, nodes: drafted, frontend } = draftsOf(input.mesh, tr);
  const placement = placementOf(drafts, frontend, input, detail);
  // Column by column, top to bottom, as they were placed.
  const nodes: MeshNode[] = [];
  for (const [id, box] of placement.boxes) {
    const node = drafted.get(id);
    if (node) nodes.push({ ...node, ...box });
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return { width: placement.width, height: placement.height, detail, nodes, edges: placement.edges, groups: placement.groups, byId, geometry: placement.token };
}
