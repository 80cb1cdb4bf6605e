import { type Selection, select } from 'd3-selection';
import type { Attachment } from 'svelte/attachments';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import { LOCK_ICONS } from '../meshGraph/lockIcons.ts';
import { TEXT } from '../meshGraph/metrics.ts';
import { textWidth } from '../meshGraph/textWidth.ts';
import type { MeshLayout } from '../meshGraph/types.ts';
import { type FlowMarker, type FlowPathSegment, flowMarker, flowPathSegments } from './flowMarker.ts';
import type { FlowView } from './types.ts';

export interface DrawRequestFlowOptions {
  /** Also highlights the flow with this id (besides flows whose `selected` is set). */
  selectedId?: number;
  /** Called with a flow's id when its marker is clicked. */
  onSelect?: (id: number) => void;
  /** The language of titles and labels (English by default). */
  tr?: Translator;
}

type Root = Selection<SVGGElement, unknown, null, undefined>;
type Layer = Selection<SVGGElement, string, SVGGElement, unknown>;
type MarkerSel = Selection<SVGGElement, FlowMarker, SVGGElement, string>;

/** Marker shapes by status: success and failure differ in shape (circle with check, diamond with cross), not only colour. */
const SHAPES: Record<FlowMarker['status'], { tag: 'circle' | 'path'; attrs: Record<string, string>; glyph: string }> = {
  moving: { tag: 'circle', attrs: { r: '5' }, glyph: '' },
  ok: { tag: 'circle', attrs: { r: '6.5' }, glyph: 'M-3,0.3L-1,2.5L3.2,-2.4' },
  failed: { tag: 'path', attrs: { d: 'M0,-7.5L7.5,0L0,7.5L-7.5,0Z' }, glyph: 'M-2.6,-2.6L2.6,2.6M2.6,-2.6L-2.6,2.6' },
};

/** Two slashes across the route: the connection broke here. */
const BREAK_PATH = 'M-4,-7L0,7M0,-7L4,7';

function layer(root: Root, name: string): Layer {
  return root.selectAll<SVGGElement, string>(`:scope > g.${name}`).data([name]).join('g').attr('class', name);
}

/** Rebuilds a marker's shape only when its status changed, so moving markers just get a new transform. */
function buildShape(g: MarkerSel): void {
  g.each(function (d) {
    if (this.getAttribute('data-status') === d.status) return;
    this.setAttribute('data-status', d.status);
    const m = select<SVGGElement, FlowMarker>(this);
    m.selectAll(':scope > .marker-shape, :scope > .marker-glyph, :scope > .break').remove();
    const shape = SHAPES[d.status];
    const el = m.append(shape.tag).attr('class', `marker-shape marker-${d.status}`);
    for (const [k, v] of Object.entries(shape.attrs)) el.attr(k, v);
    if (shape.glyph) m.append('path').attr('class', 'marker-glyph').attr('d', shape.glyph);
    if (d.status === 'failed') {
      m.append('path').attr('class', 'break break-mark').attr('d', BREAK_PATH);
      m.append('text').attr('class', 'break break-label').attr('text-anchor', 'middle').attr('font-size', TEXT.flow);
    }
  });
}

function drawMarkers(sel: Layer, markers: FlowMarker[]): void {
  sel
    .selectAll<SVGGElement, FlowMarker>('g.flow')
    .data(markers, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g');
      g.append('title');
      g.append('circle').attr('class', 'selection-ring').attr('r', 11);
      return g;
    })
    .call(buildShape)
    .attr('class', (d) => `flow flow-${d.status}${d.selected ? ' selected' : ''}`)
    .attr('data-flow-id', (d) => d.id)
    .attr('transform', (d) => `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`)
    .each(function (d) {
      const title = this.firstElementChild;
      if (title && title.textContent !== d.title) title.textContent = d.title;
      const mark = d.breakMark;
      if (!mark) return;
      const m = select(this);
      m.select('path.break-mark').attr('transform', `translate(${mark.dx.toFixed(1)},${mark.dy.toFixed(1)}) rotate(${mark.angle.toFixed(0)})`);
      m.select('text.break-label').attr('x', mark.labelDx.toFixed(1)).attr('y', mark.labelDy.toFixed(1)).text(mark.label);
    });
}

function drawPaths(sel: Layer, segments: FlowPathSegment[]): void {
  sel
    .selectAll<SVGGElement, FlowPathSegment>('g.flow-hop')
    .data(segments, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g');
      g.append('path').attr('class', 'flow-path');
      const label = g.append('g').attr('class', 'hop-sends');
      label.append('rect').attr('class', 'hop-sends-bg').attr('y', -9).attr('height', 16).attr('rx', 3);
      const lock = label.append('g').attr('class', 'lock');
      lock.append('path').attr('class', 'lock-body');
      lock.append('path').attr('class', 'lock-shackle');
      lock.append('path').attr('class', 'lock-mark');
      label.append('text').attr('class', 'hop-sends-text').attr('y', 3.5).attr('font-size', TEXT.flow);
      return g;
    })
    .attr('class', (d) => `flow-hop hop-${d.state} ${d.sends.locked ? 'sends-mtls' : 'sends-plain'}`)
    .call((g) => {
      g.select('path.flow-path').attr('d', (d) => d.d);
      const label = g.select('g.hop-sends').attr('transform', (d) => `translate(${d.labelX.toFixed(1)},${d.labelY.toFixed(1)})`);
      const icon = (d: FlowPathSegment) => (d.sends.locked ? LOCK_ICONS.strict : LOCK_ICONS.disable);
      // Centred on the route: the lock, the text (estimated, not measured) and padding; the lock alone where words would cover a node.
      const half = (d: FlowPathSegment) => (d.compact ? 9 : Math.ceil(textWidth(d.sends.text, TEXT.flow) + 22) / 2);
      label.select('rect.hop-sends-bg').attr('x', (d) => -half(d)).attr('width', (d) => 2 * half(d));
      label.select('g.lock').attr('transform', (d) => `translate(${-half(d) + 4},-7)`);
      label.select('text.hop-sends-text').attr('x', (d) => -half(d) + 17);
      label.select('path.lock-body').attr('d', (d) => icon(d)?.body ?? '').attr('class', (d) => `lock-body${icon(d)?.solid ? ' solid' : ''}`);
      label.select('path.lock-shackle').attr('d', (d) => icon(d)?.shackle ?? '');
      label.select('path.lock-mark').attr('d', (d) => icon(d)?.mark ?? '');
      label.select('text.hop-sends-text').attr('display', (d) => (d.compact ? 'none' : null)).text((d) => d.sends.text);
    });
}

/**
 * Draws in-flight requests over the mesh: one marker per flow, keyed by id so an element follows
 * its request from frame to frame; markers of removed flows are removed with their data. The
 * selected flow also gets its route so far, with what the client sent on each hop (lock + text).
 * Positions come from routes memoised per layout, so a frame with 50 flows is 50 lookups.
 */
export function drawRequestFlow(layout: MeshLayout, flows: readonly FlowView[], options: DrawRequestFlowOptions = {}): Attachment<SVGGElement> {
  const tr = options.tr ?? ENGLISH;
  return (element) => {
    const root: Root = select(element);
    root.classed('request-flow-layer', true);
    const markers: FlowMarker[] = [];
    const segments: FlowPathSegment[] = [];
    for (const flow of flows) {
      const marker = flowMarker(layout, flow, options.selectedId, tr);
      if (!marker) continue;
      markers.push(marker);
      if (marker.selected) segments.push(...flowPathSegments(layout, flow, tr));
    }
    drawPaths(layer(root, 'layer-flow-paths'), segments);
    drawMarkers(layer(root, 'layer-flow-markers'), markers);

    const onSelect = options.onSelect;
    if (!onSelect) return;
    // One delegated listener instead of one per marker per frame.
    const onClick = (event: Event) => {
      const id = (event.target as Element | null)?.closest?.('g.flow')?.getAttribute('data-flow-id');
      if (id != null) onSelect(Number(id));
    };
    element.addEventListener('click', onClick);
    return () => element.removeEventListener('click', onClick);
  };
}
