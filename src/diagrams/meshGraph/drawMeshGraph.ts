import { type Selection, select } from 'd3-selection';
import type { Attachment } from 'svelte/attachments';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import { LOCK_ICONS } from './lockIcons.ts';
import { textEms, wideChars } from './textWidth.ts';
import type { MeshEdge, MeshLayout, MeshNode, NamespaceGroup } from './types.ts';

export interface DrawMeshGraphOptions {
  /** How long a node keeps the `changed` class after its mode, level or port overrides change (ms). */
  changeMs?: number;
  /** The language of levels and edge titles (English by default; the layout carries the rest). */
  tr?: Translator;
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

function drawGroups(sel: Layer, groups: NamespaceGroup[]): void {
  sel
    .selectAll<SVGGElement, NamespaceGroup>('g.ns-group')
    .data(groups, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'ns-group');
      g.append('rect').attr('class', 'ns-box').attr('rx', 6);
      g.append('rect').attr('class', 'ns-legend-bg');
      g.append('text').attr('class', 'ns-legend');
      return g;
    })
    .call((g) => {
      g.select('rect.ns-box').attr('x', (d) => d.x).attr('y', (d) => d.y).attr('width', (d) => d.w).attr('height', (d) => d.h);
      // Text is not measured (jsdom cannot); 4.6 px per character fits the 8 px legend font.
      g.select('rect.ns-legend-bg').attr('x', (d) => d.x + 4).attr('y', (d) => d.y - 4).attr('width', (d) => d.namespace.length * 4.6 + 4).attr('height', 8);
      g.select('text.ns-legend').attr('x', (d) => d.x + 6).attr('y', (d) => d.y + 3).text((d) => d.namespace);
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
  enter.append('text').attr('class', 'node-label').attr('text-anchor', 'middle');
  const badge = enter.append('g').attr('class', 'badge');
  badge.append('rect').attr('class', 'badge-pill').attr('rx', 3);
  const lock = badge.append('g').attr('class', 'lock').attr('transform', 'translate(4,0.5) scale(0.9)');
  lock.append('path').attr('class', 'lock-body');
  lock.append('path').attr('class', 'lock-shackle');
  lock.append('path').attr('class', 'lock-mark');
  badge.append('text').attr('class', 'badge-mode');
  badge.append('text').attr('class', 'badge-level').attr('text-anchor', 'end');
  enter.append('g').attr('class', 'overrides');
}

/**
 * Full-width level text that would run into the mode text is squeezed into the room left
 * (`textLength`); Latin text is never squeezed, so English drawings keep their exact markup.
 */
function levelLength(d: MeshNode, level: string, pillW: number, modeX: number): number | null {
  if (wideChars(level) === 0) return null;
  const room = pillW - 4 - (modeX + textEms(d.badge.text) * 8.5 + 3);
  return textEms(level) * 7.5 > room ? Math.max(8, Math.round(room)) : null;
}

function updateNode(g: Selection<SVGGElement, MeshNode, SVGGElement, string>, changeMs: number, { t }: Translator): void {
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
    return `node kind-${d.kind} mode-${d.badge.mode}${this.classList.contains('changed') ? ' changed' : ''}`;
  })
    .attr('data-id', (d) => d.id)
    .attr('transform', (d) => `translate(${d.x},${d.y})`);
  g.select('title').text((d) => d.title);
  g.select('path.node-outline').attr('d', nodeOutline);
  g.select<SVGTextElement>('text.node-label')
    .attr('y', (d) => -d.h / 2 + 12)
    .style('font-size', (d) => (d.labelSize < 10 ? `${d.labelSize}px` : null))
    .text((d) => d.label);

  const outside = (d: MeshNode) => d.kind === 'external';
  const pillW = (d: MeshNode) => d.w - (outside(d) ? 16 : 10);
  const pillH = (d: MeshNode) => (outside(d) ? 10 : 12);
  const badge = g.select<SVGGElement>('g.badge').attr('transform', (d) => `translate(${-pillW(d) / 2},${-d.h / 2 + (outside(d) ? 16 : 18)})`);
  badge.select('rect.badge-pill').attr('width', pillW).attr('height', pillH);
  badge.select('g.lock').attr('display', (d) => (LOCK_ICONS[d.badge.mode] ? null : 'none'));
  badge.select('path.lock-body').attr('d', (d) => LOCK_ICONS[d.badge.mode]?.body ?? '').attr('class', (d) => `lock-body${LOCK_ICONS[d.badge.mode]?.solid ? ' solid' : ''}`);
  badge.select('path.lock-shackle').attr('d', (d) => LOCK_ICONS[d.badge.mode]?.shackle ?? '');
  badge.select('path.lock-mark').attr('d', (d) => LOCK_ICONS[d.badge.mode]?.mark ?? '');
  badge
    .select('text.badge-mode')
    .attr('x', (d) => (LOCK_ICONS[d.badge.mode] ? 15 : outside(d) ? pillW(d) / 2 : 5))
    .attr('y', (d) => pillH(d) - (outside(d) ? 2.5 : 3))
    .attr('text-anchor', (d) => (outside(d) ? 'middle' : null))
    .text((d) => d.badge.text);
  const levelText = (d: MeshNode) => (d.badge.level ? t(`diagram.level.${d.badge.level}`) : '');
  const modeX = (d: MeshNode) => (LOCK_ICONS[d.badge.mode] ? 15 : outside(d) ? pillW(d) / 2 : 5);
  badge
    .select('text.badge-level')
    .attr('x', (d) => pillW(d) - 4)
    .attr('y', 9)
    .attr('textLength', (d) => levelLength(d, levelText(d), pillW(d), modeX(d)))
    .attr('lengthAdjust', (d) => (levelLength(d, levelText(d), pillW(d), modeX(d)) === null ? null : 'spacingAndGlyphs'))
    .text(levelText);

  g.select<SVGGElement>('g.overrides')
    .selectAll<SVGTextElement, { text: string; y: number }>('text')
    .data((d) => d.badge.overrides.map((text, i) => ({ text, y: -d.h / 2 + 39 + i * 10 })), (d) => d.text)
    .join((enter) => enter.append('text').attr('class', 'override').attr('text-anchor', 'middle'))
    .attr('y', (d) => d.y)
    .text((d) => d.text);
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
      .call(updateNode, changeMs, tr);
  };
}
