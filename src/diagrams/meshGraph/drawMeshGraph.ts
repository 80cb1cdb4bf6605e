import { type Selection, select } from 'd3-selection';
import type { Attachment } from 'svelte/attachments';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import { LOCK_ICONS } from './lockIcons.ts';
import { LEGEND, NODE, TEXT } from './metrics.ts';
import { textWidth } from './textWidth.ts';
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

function layer(root: Root, name: string): Layer {
  return root.selectAll<SVGGElement, string>(`:scope > g.${name}`).data([name]).join('g').attr('class', name);
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

const badgeKey = (d: MeshNode) => `${d.badge.mode}|${d.badge.level ?? ''}|${d.badge.overrides.join(',')}`;

/** A namespace's name on a border whose top-left corner is (x, y): a knocked-out background, then the text. */
function placeLegend<T>(sel: Selection<SVGGElement, T, SVGGElement, unknown>, name: (d: T) => string, x: (d: T) => number, y: (d: T) => number): void {
  sel
    .select('rect.ns-legend-bg')
    .attr('x', (d) => x(d) + LEGEND.inset)
    .attr('y', (d) => y(d) - LEGEND.rise)
    .attr('width', (d) => Math.ceil(textWidth(name(d), TEXT.legend)) + 2 * LEGEND.padX)
    .attr('height', LEGEND.rise + LEGEND.baseline + 1);
  sel
    .select('text.ns-legend')
    .attr('x', (d) => x(d) + LEGEND.inset + LEGEND.padX)
    .attr('y', (d) => y(d) + LEGEND.baseline)
    .attr('font-size', TEXT.legend)
    .text(name);
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
    .call((g) => {
      g.select('rect.ns-box').attr('x', (d) => d.x).attr('y', (d) => d.y).attr('width', (d) => d.w).attr('height', (d) => d.h);
      placeLegend(g, (d) => d.namespace, (d) => d.x, (d) => d.y);
    });
}

function drawEdges(sel: Layer, edges: MeshEdge[], { t }: Translator): void {
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
    .attr('class', (d) => `edge edge-${d.kind}`)
    .call((g) => {
      g.select('title').text((d) => t(d.kind === 'probe' ? 'diagram.edgeProbe' : 'diagram.edge', { from: d.from, to: d.to }));
      g.select('path.edge-line').attr('d', (d) => d.d);
      g.select('path.edge-arrow').attr('d', (d) => d.arrow);
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

function updateNode(g: Selection<SVGGElement, MeshNode, SVGGElement, string>, changeMs: number, detail: MeshDetail, lit: ReadonlySet<string>, { t }: Translator): void {
  g.each(function (d) {
    const key = badgeKey(d);
    const before = this.getAttribute('data-badge');
    this.setAttribute('data-badge', key);
    if (before === null || before === key) return;
    clearTimeout(changeTimers.get(this));
    this.classList.add('changed');
    changeTimers.set(this, setTimeout(() => this.classList.remove('changed'), changeMs));
  });
  g.attr('class', function (d) {
    return `node kind-${d.kind} mode-${d.badge.mode}${this.classList.contains('changed') ? ' changed' : ''}${lit.has(d.id) ? ' lit' : ''}`;
  })
    .attr('data-id', (d) => d.id)
    .attr('transform', (d) => `translate(${d.x},${d.y})`);
  g.select('title').text((d) => d.title);
  g.select('path.node-outline').attr('d', nodeOutline);
  g.select<SVGTextElement>('text.node-label')
    .attr('y', (d) => -d.h / 2 + NODE.labelBaseline)
    .text((d) => d.label);

  const pillW = (d: MeshNode) => d.w - 2 * NODE.pillInset;
  const locked = (d: MeshNode) => LOCK_ICONS[d.badge.mode] !== undefined;
  const badge = g.select<SVGGElement>('g.badge').attr('transform', (d) => `translate(${-pillW(d) / 2},${-d.h / 2 + NODE.pillTop})`);
  badge.select('rect.badge-pill').attr('width', pillW);
  badge.select('g.lock').attr('display', (d) => (locked(d) ? null : 'none'));
  badge.select('path.lock-body').attr('d', (d) => LOCK_ICONS[d.badge.mode]?.body ?? '').attr('class', (d) => `lock-body${LOCK_ICONS[d.badge.mode]?.solid ? ' solid' : ''}`);
  badge.select('path.lock-shackle').attr('d', (d) => LOCK_ICONS[d.badge.mode]?.shackle ?? '');
  badge.select('path.lock-mark').attr('d', (d) => LOCK_ICONS[d.badge.mode]?.mark ?? '');
  // A lock leads its mode; a badge without one (gateway, no sidecar, outside…) is centred.
  badge
    .select('text.badge-mode')
    .attr('x', (d) => (locked(d) ? NODE.pillPad + NODE.lockWidth : pillW(d) / 2))
    .attr('text-anchor', (d) => (locked(d) ? null : 'middle'))
    .text((d) => d.badge.text);
  badge
    .select('text.badge-level')
    .attr('x', (d) => pillW(d) - NODE.pillPad)
    .text((d) => (d.badge.level && detail === 'full' ? t(`diagram.level.${d.badge.level}`) : ''));

  g.select<SVGGElement>('g.overrides')
    .selectAll<SVGTextElement, { text: string; y: number }>('text')
    .data((d) => d.badge.overrides.map((text, i) => ({ text, y: -d.h / 2 + NODE.pillTop + NODE.pillHeight + NODE.overrideBaseline + i * NODE.overrideLine })), (d) => d.text)
    .join((enter) => enter.append('text').attr('class', 'override').attr('text-anchor', 'middle').attr('font-size', TEXT.override))
    .attr('y', (d) => d.y)
    .text((d) => d.text);

  const legend = g.select<SVGGElement>('g.legend').attr('display', (d) => (d.legend ? null : 'none'));
  placeLegend(legend, (d) => d.legend ?? '', (d) => -d.w / 2, (d) => -d.h / 2);
}

/**
 * Draws the mesh into a `<g>`: namespace boxes, call edges and nodes, each an idempotent keyed
 * join, so a re-run after a policy change keeps every element and only restyles what changed.
 * A node whose badge changed gets the `changed` class for `changeMs` (the global
 * prefers-reduced-motion rule turns its animation off).
 */
export function drawMeshGraph(layout: MeshLayout, options: DrawMeshGraphOptions = {}): Attachment<SVGGElement> {
  const changeMs = options.changeMs ?? 1000;
  const tr = options.tr ?? ENGLISH;
  return (element) => {
    const root: Root = select(element);
    root.classed('mesh-graph-layer', true);
    drawGroups(layer(root, 'layer-groups'), layout.groups);
    drawEdges(layer(root, 'layer-edges'), layout.edges, tr);
    layer(root, 'layer-nodes')
      .selectAll<SVGGElement, MeshNode>('g.node')
      .data(layout.nodes, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g');
        buildNode(g);
        return g;
      })
      .call(updateNode, changeMs, layout.detail, options.lit ?? new Set(), tr);
  };
}
