import { type BaseType, type Selection, select } from 'd3-selection';
import type { Attachment } from 'svelte/attachments';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import { LOCK_ICONS } from './lockIcons.ts';
import { authzTagWidth } from './layoutMeshGraph.ts';
import { LEGEND, NODE, TEXT } from './metrics.ts';
import { textWidth } from './textWidth.ts';
import { attrIfChanged, setAttr, setText, textIfChanged } from '../writeIfChanged.ts';
import type { MeshDetail, MeshEdge, MeshLayout, MeshNode, NamespaceGroup } from './types.ts';

export interface DrawMeshGraphOptions {
  /** How long a node keeps the `changed` class after its mode, level or port overrides change (ms). */
  changeMs?: number;
  /** The language of levels and edge titles (English by default; the layout carries the rest). */
  tr?: Translator;
  /** Nodes under the spotlight (class `lit`); the view dims the rest. */
  lit?: ReadonlySet<string>;
}

type Root = Selection<SVGGElement, unknown, null, undefined>;
type Layer = Selection<SVGGElement, string, SVGGElement, unknown>;

/**
 * Pending removals of the `changed` class. WARNING: not cleared on teardown: an element that
 * outlives an attachment re-run must keep its pulse, and a removed element just drops its class late.
 */
const changeTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

/** What each element was last drawn from (see `unlessDrawn`). */
const drawnKeys = new WeakMap<Element, string>();

/**
 * A filter for a join's merged selection: keeps the elements whose data key changed since they were
 * last drawn (and records the new key), so that a redraw visits only what changed.
 */
function unlessDrawn<D>(key: (d: D) => string): (this: Element, d: D) => boolean {
  return function (d) {
    const k = key(d);
    if (drawnKeys.get(this) === k) return false;
    drawnKeys.set(this, k);
    return true;
  };
}

function layer(root: Root, name: string): Layer {
  return root
    .selectAll<SVGGElement, string>(`:scope > g.${name}`)
    .data([name])
    .join((enter) => enter.append('g').attr('class', name));
}

function roundedRect(w: number, h: number, r: number): string {
  const x = -w / 2;
  const y = -h / 2;
  return `M${x + r},${y}h${w - 2 * r}a${r},${r} 0 0 1 ${r},${r}v${h - 2 * r}a${r},${r} 0 0 1 ${-r},${r}h${-(w - 2 * r)}a${r},${r} 0 0 1 ${-r},${-r}v${-(h - 2 * r)}a${r},${r} 0 0 1 ${r},${-r}z`;
}

/** The node outline by kind: rounded box (workload, bare pod), hexagon (gateway), trapezoid (LoadBalancer), pill (outside). */
export function nodeOutline(node: Pick<MeshNode, 'kind' | 'w' | 'h'>): string {
  const { w, h } = node;
  const x = w / 2;
  const y = h / 2;
  switch (node.kind) {
    case 'gateway':
      return `M${-x + 9},${-y}H${x - 9}L${x},0L${x - 9},${y}H${-x + 9}L${-x},0Z`;
    case 'loadbalancer':
      return `M${-x + 7},${-y}H${x - 7}L${x},${y}H${-x}Z`;
    case 'external':
      return roundedRect(w, h, h / 2);
    default:
      return roundedRect(w, h, 5);
  }
}

/** What the badges show; a node without AuthorizationPolicies keeps the key it had before they existed. */
const badgeKey = (d: MeshNode) => `${d.badge.mode}|${d.badge.level ?? ''}|${d.badge.overrides.join(',')}${d.authz ? `|authz:${d.authz.kind}:${d.authz.text}` : ''}`;

/** A namespace's name on a border whose top-left corner is (x, y): a knocked-out background, then the text. */
function placeLegend<T, P extends BaseType, PD>(sel: Selection<SVGGElement, T, P, PD>, name: (d: T) => string, x: (d: T) => number, y: (d: T) => number): void {
  sel
    .select<SVGRectElement>('rect.ns-legend-bg')
    .call(attrIfChanged, 'x', (d) => x(d) + LEGEND.inset)
    .call(attrIfChanged, 'y', (d) => y(d) - LEGEND.rise)
    .call(attrIfChanged, 'width', (d) => Math.ceil(textWidth(name(d), TEXT.legend)) + 2 * LEGEND.padX)
    .call(attrIfChanged, 'height', LEGEND.rise + LEGEND.baseline + 1);
  sel
    .select<SVGTextElement>('text.ns-legend')
    .call(attrIfChanged, 'x', (d) => x(d) + LEGEND.inset + LEGEND.padX)
    .call(attrIfChanged, 'y', (d) => y(d) + LEGEND.baseline)
    .call(attrIfChanged, 'font-size', TEXT.legend)
    .call(textIfChanged, name);
}

function appendLegend<T>(g: Selection<SVGGElement, T, SVGGElement, unknown>): void {
  g.append('rect').attr('class', 'ns-legend-bg');
  g.append('text').attr('class', 'ns-legend');
}

function drawGroups(sel: Layer, groups: NamespaceGroup[]): void {
  sel
    .selectAll<SVGGElement, NamespaceGroup>('g.ns-group')
    .data(groups, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'ns-group');
      g.append('rect').attr('class', 'ns-box').attr('rx', 6);
      appendLegend(g);
      return g;
    })
    .filter(unlessDrawn<NamespaceGroup>((d) => `${d.namespace}|${d.x},${d.y},${d.w},${d.h}`))
    .call((g) => {
      g.select<SVGRectElement>('rect.ns-box').call(attrIfChanged, 'x', (d) => d.x).call(attrIfChanged, 'y', (d) => d.y).call(attrIfChanged, 'width', (d) => d.w).call(attrIfChanged, 'height', (d) => d.h);
      placeLegend(g, (d) => d.namespace, (d) => d.x, (d) => d.y);
    });
}

function drawEdges(sel: Layer, edges: MeshEdge[], { t, locale }: Translator): void {
  sel
    .selectAll<SVGGElement, MeshEdge>('g.edge')
    .data(edges, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g');
      g.append('title');
      g.append('path').attr('class', 'edge-line');
      g.append('path').attr('class', 'edge-arrow');
      return g;
    })
    .filter(unlessDrawn<MeshEdge>((d) => `${d.kind}|${d.d}|${d.arrow}|${locale}`))
    .call(attrIfChanged, 'class', (d) => `edge edge-${d.kind}`)
    .call((g) => {
      g.select<SVGTitleElement>('title').call(textIfChanged, (d) => t(d.kind === 'probe' ? 'diagram.edgeProbe' : 'diagram.edge', { from: d.from, to: d.to }));
      g.select<SVGPathElement>('path.edge-line').call(attrIfChanged, 'd', (d) => d.d);
      g.select<SVGPathElement>('path.edge-arrow').call(attrIfChanged, 'd', (d) => d.arrow);
    });
}

function buildNode(enter: Selection<SVGGElement, MeshNode, SVGGElement, string>): void {
  enter.append('title');
  enter.append('path').attr('class', 'node-outline');
  enter.append('text').attr('class', 'node-label').attr('text-anchor', 'middle').attr('font-size', TEXT.label);
  const badge = enter.append('g').attr('class', 'badge');
  badge.append('rect').attr('class', 'badge-pill').attr('rx', 3).attr('height', NODE.pillHeight);
  const lock = badge.append('g').attr('class', 'lock').attr('transform', `translate(${NODE.pillPad},${(NODE.pillHeight - 12) / 2})`);
  lock.append('path').attr('class', 'lock-body');
  lock.append('path').attr('class', 'lock-shackle');
  lock.append('path').attr('class', 'lock-mark');
  badge.append('text').attr('class', 'badge-mode').attr('y', NODE.pillBaseline).attr('font-size', TEXT.mode);
  badge.append('text').attr('class', 'badge-level').attr('text-anchor', 'end').attr('y', NODE.pillBaseline).attr('font-size', TEXT.level);
  enter.append('g').attr('class', 'overrides');
  appendLegend(enter.append('g').attr('class', 'legend'));
}

/** What a node draws from, as one string: a node whose key is unchanged is not visited at all. */
const nodeKey = (d: MeshNode, detail: MeshDetail, lit: ReadonlySet<string>, locale: string) =>
  `${d.kind}|${badgeKey(d)}|${d.badge.text}|${d.authz?.title ?? ''}|${d.title}|${d.label}|${d.legend ?? ''}|${d.x},${d.y},${d.w},${d.h}|${lit.has(d.id)}|${detail}|${locale}`;

/** A node's parts, found once (selector matching for each part of 100 nodes costs more than drawing them). */
interface NodeParts {
  title: Element;
  outline: Element;
  label: Element;
  badge: Element;
  pill: Element;
  lock: Element;
  lockBody: Element;
  lockShackle: Element;
  lockMark: Element;
  mode: Element;
  level: Element;
  overrides: SVGGElement;
  legend: SVGGElement;
}

const nodeParts = new WeakMap<Element, NodeParts>();

function partsOf(g: SVGGElement): NodeParts {
  let parts = nodeParts.get(g);
  if (!parts) {
    const find = <E extends Element = Element>(selector: string): E => {
      const el = g.querySelector<E>(selector);
      if (!el) throw new Error(`mesh node without ${selector}`);
      return el;
    };
    parts = {
      title: find(':scope > title'), outline: find(':scope > .node-outline'), label: find(':scope > .node-label'),
      badge: find(':scope > .badge'), pill: find('.badge-pill'), lock: find('.badge > .lock'), lockBody: find('.lock-body'), lockShackle: find('.lock-shackle'), lockMark: find('.lock-mark'),
      mode: find('.badge-mode'), level: find('.badge-level'), overrides: find<SVGGElement>(':scope > .overrides'), legend: find<SVGGElement>(':scope > .legend'),
    };
    nodeParts.set(g, parts);
  }
  return parts;
}

/** Draws one node, writing only what changed; a node whose badge changed is marked `changed` for `changeMs`. */
function drawNode(g: SVGGElement, d: MeshNode, changeMs: number, detail: MeshDetail, lit: ReadonlySet<string>, { t }: Translator): void {
  const p = partsOf(g);
  const key = badgeKey(d);
  const before = g.getAttribute('data-badge');
  setAttr(g, 'data-badge', key);
  if (before !== null && before !== key) {
    clearTimeout(changeTimers.get(g));
    g.classList.add('changed');
    changeTimers.set(g, setTimeout(() => g.classList.remove('changed'), changeMs));
  }
  setAttr(g, 'class', `node kind-${d.kind} mode-${d.badge.mode}${g.classList.contains('changed') ? ' changed' : ''}${lit.has(d.id) ? ' lit' : ''}`);
  setAttr(g, 'data-id', d.id);
  setAttr(g, 'transform', `translate(${d.x},${d.y})`);
  setText(p.title, d.title);
  setAttr(p.outline, 'd', nodeOutline(d));
  setAttr(p.label, 'y', -d.h / 2 + NODE.labelBaseline);
  setText(p.label, d.label);

  const pillW = d.w - 2 * NODE.pillInset;
  const icon = LOCK_ICONS[d.badge.mode];
  setAttr(p.badge, 'transform', `translate(${-pillW / 2},${-d.h / 2 + NODE.pillTop})`);
  setAttr(p.pill, 'width', pillW);
  setAttr(p.lock, 'display', icon ? null : 'none');
  setAttr(p.lockBody, 'd', icon?.body ?? '');
  setAttr(p.lockBody, 'class', `lock-body${icon?.solid ? ' solid' : ''}`);
  setAttr(p.lockShackle, 'd', icon?.shackle ?? '');
  setAttr(p.lockMark, 'd', icon?.mark ?? '');
  // A lock leads its mode; a badge without one (gateway, no sidecar, outside…) is centred.
  setAttr(p.mode, 'x', icon ? NODE.pillPad + NODE.lockWidth : pillW / 2);
  setAttr(p.mode, 'text-anchor', icon ? null : 'middle');
  setText(p.mode, d.badge.text);
  setAttr(p.level, 'x', pillW - NODE.pillPad);
  setText(p.level, d.badge.level && detail === 'full' ? t(`diagram.level.${d.badge.level}`) : '');

  select(p.overrides)
    .selectAll<SVGTextElement, { text: string; y: number }>('text')
    .data(d.badge.overrides.map((text, i) => ({ text, y: -d.h / 2 + NODE.pillTop + NODE.pillHeight + NODE.overrideBaseline + i * NODE.overrideLine })), (o) => o.text)
    .join((enter) => enter.append('text').attr('class', 'override').attr('text-anchor', 'middle').attr('font-size', TEXT.override))
    .call(attrIfChanged, 'y', (o) => o.y)
    .call(textIfChanged, (o) => o.text);

  setAttr(p.legend, 'display', d.legend ? null : 'none');
  placeLegend(select<SVGGElement, MeshNode>(p.legend).datum(d), (n) => n.legend ?? '', (n) => -n.w / 2, (n) => -n.h / 2);
  drawAuthzTag(g, d);
}

/** A shield in a 10×12 box: outlined for enforced policies, solid and barred for allow-nothing, dashed (by CSS) for dry runs. */
const SHIELD = 'M5,0.5L9.5,2.2V6C9.5,8.8 7.5,10.8 5,11.5C2.5,10.8 0.5,8.8 0.5,6V2.2Z';
const SHIELD_BAR = 'M2.8,6H7.2';

/**
 * The AuthorizationPolicy tag under the badge (and any override lines), centred. Made when a
 * node first needs it and removed when its policies go, so a node without any has no trace of it.
 */
function drawAuthzTag(g: SVGGElement, d: MeshNode): void {
  let tag = g.querySelector<SVGGElement>(':scope > g.authz');
  if (!d.authz) {
    tag?.remove();
    return;
  }
  if (!tag) {
    const t = select(g).append('g');
    t.append('title');
    t.append('rect').attr('class', 'authz-pill').attr('rx', 3).attr('height', NODE.authzHeight);
    const shield = t.append('g').attr('class', 'shield').attr('transform', `translate(${NODE.pillPad},${(NODE.authzHeight - 12) / 2})`);
    shield.append('path').attr('class', 'shield-body').attr('d', SHIELD);
    shield.append('path').attr('class', 'shield-bar');
    t.append('text').attr('class', 'authz-text').attr('x', NODE.pillPad + NODE.shieldWidth).attr('y', NODE.pillBaseline).attr('font-size', TEXT.authz);
    tag = t.node() as SVGGElement;
  }
  const w = authzTagWidth(d.authz);
  const top = -d.h / 2 + NODE.pillTop + NODE.pillHeight + d.badge.overrides.length * NODE.overrideLine + NODE.authzGap;
  setAttr(tag, 'class', `authz authz-${d.authz.kind}`);
  setAttr(tag, 'transform', `translate(${-w / 2},${top})`);
  const [title, pill, shield, text] = [...tag.children];
  if (title) setText(title, d.authz.title);
  if (pill) setAttr(pill, 'width', w);
  const bar = shield?.lastElementChild;
  if (bar) setAttr(bar, 'd', d.authz.kind === 'allow-nothing' ? SHIELD_BAR : null);
  if (text) setText(text, d.authz.text);
}

/**
 * How many changed nodes are drawn for one frame: about a default world's worth. A mesh-wide change
 * on a large world is drawn over the following frames, one batch each, so that the frame after a
 * command comes as soon as it would on a small world (new nodes are drawn at once).
 */
export const NODES_PER_FRAME = 16;

/** Runs `callback` at the next animation frame (a 16 ms timer where there are none); returns the cancel. */
function nextFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    const handle = setTimeout(callback, 16);
    return () => clearTimeout(handle);
  }
  const handle = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(handle);
}

/**
 * Draws the mesh into a `<g>`: namespace boxes, call edges and nodes, each an idempotent keyed
 * join. A re-run keeps every element, skips those whose data did not change, and writes only the
 * attributes that differ: drawing the same mesh twice changes nothing in the document.
 * A node whose badge changed gets the `changed` class for `changeMs` (the global
 * prefers-reduced-motion rule turns its animation off).
 */
export function drawMeshGraph(layout: MeshLayout, options: DrawMeshGraphOptions = {}): Attachment<SVGGElement> {
  const changeMs = options.changeMs ?? 1000;
  const tr = options.tr ?? ENGLISH;
  const lit = options.lit ?? new Set<string>();
  return (element) => {
    const root: Root = select(element);
    if (!element.classList.contains('mesh-graph-layer')) element.classList.add('mesh-graph-layer');
    drawGroups(layer(root, 'layer-groups'), layout.groups);
    drawEdges(layer(root, 'layer-edges'), layout.edges, tr);
    const fresh: [SVGGElement, MeshNode, string][] = [];
    const changed: [SVGGElement, MeshNode, string][] = [];
    layer(root, 'layer-nodes')
      .selectAll<SVGGElement, MeshNode>('g.node')
      .data(layout.nodes, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g');
        buildNode(g);
        return g;
      })
      .each(function (d) {
        const key = nodeKey(d, layout.detail, lit, tr.locale);
        const drawn = drawnKeys.get(this);
        if (drawn !== key) (drawn === undefined ? fresh : changed).push([this, d, key]);
      });
    const draw = (batch: [SVGGElement, MeshNode, string][]) => {
      for (const [g, d, key] of batch) {
        drawNode(g, d, changeMs, layout.detail, lit, tr);
        drawnKeys.set(g, key);
      }
    };
    draw(fresh);
    draw(changed.splice(0, NODES_PER_FRAME));
    let cancel: (() => void) | undefined;
    const more = () => {
      draw(changed.splice(0, NODES_PER_FRAME));
      cancel = changed.length ? nextFrame(more) : undefined;
    };
    // Not in the next frame's callbacks: that frame shows the first batch, and would come later.
    if (changed.length) cancel = nextFrame(() => (cancel = nextFrame(more)));
    return () => cancel?.();
  };
}
