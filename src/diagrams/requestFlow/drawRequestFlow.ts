import { type Selection, select } from 'd3-selection';
import type { Attachment } from 'svelte/attachments';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import { LOCK_ICONS } from '../meshGraph/lockIcons.ts';
import { TEXT } from '../meshGraph/metrics.ts';
import { textWidth } from '../meshGraph/textWidth.ts';
import type { MeshLayout } from '../meshGraph/types.ts';
import { attrIfChanged, setAttr, setText, textIfChanged } from '../writeIfChanged.ts';
import { type HopPath, hopPath } from './flowGeometry.ts';
import { breakMarkOf, type FlowPathSegment, flowPathSegments, markerPoint, markerText } from './flowMarker.ts';
import type { FlowMotion, FlowPosition, FlowView } from '../../app/flowView.ts';

export interface DrawRequestFlowOptions {
  /** Also highlights the flow with this id (besides flows whose `selected` is set). */
  selectedId?: number;
  /** Called with a flow's id when its marker is clicked. */
  onSelect?: (id: number) => void;
  /** The language of titles and labels (English by default). */
  tr?: Translator;
  /** Moves the markers of moving flows at every frame between redraws (without it, they sit where their views say). */
  motion?: FlowMotion;
}

type Root = Selection<SVGGElement, unknown, null, undefined>;
type Layer = Selection<SVGGElement, string, SVGGElement, unknown>;

/** Marker shapes by status: success and failure differ in shape (circle with check, diamond with cross), not only colour. */
const SHAPES: Record<FlowView['status'], { tag: 'circle' | 'path'; attrs: Record<string, string>; glyph: string }> = {
  moving: { tag: 'circle', attrs: { r: '5' }, glyph: '' },
  ok: { tag: 'circle', attrs: { r: '6.5' }, glyph: 'M-3,0.3L-1,2.5L3.2,-2.4' },
  failed: { tag: 'path', attrs: { d: 'M0,-7.5L7.5,0L0,7.5L-7.5,0Z' }, glyph: 'M-2.6,-2.6L2.6,2.6M2.6,-2.6L-2.6,2.6' },
};

/** Two slashes across the route: the connection broke here. */
const BREAK_PATH = 'M-4,-7L0,7M0,-7L4,7';

function layer(root: Root, name: string): Layer {
  return root
    .selectAll<SVGGElement, string>(`:scope > g.${name}`)
    .data([name])
    .join((enter) => enter.append('g').attr('class', name));
}

/** A marker as drawn: its flow, and the hop (route and words) it is drawn on. */
interface Marker {
  flow: FlowView;
  selected: boolean;
  hopIndex: number;
  path: HopPath;
}

/** Rebuilds a marker's shape only when its status changed, so that a moving marker only gets a new transform. */
function buildShape(el: SVGGElement, status: FlowView['status']): void {
  if (el.getAttribute('data-status') === status) return;
  el.setAttribute('data-status', status);
  const m = select<SVGGElement, unknown>(el);
  m.selectAll(':scope > .marker-shape, :scope > .marker-glyph, :scope > .break').remove();
  const shape = SHAPES[status];
  const shapeEl = m.append(shape.tag).attr('class', `marker-shape marker-${status}`);
  for (const [k, v] of Object.entries(shape.attrs)) shapeEl.attr(k, v);
  if (shape.glyph) m.append('path').attr('class', 'marker-glyph').attr('d', shape.glyph);
  if (status === 'failed') {
    m.append('path').attr('class', 'break break-mark').attr('d', BREAK_PATH);
    m.append('text').attr('class', 'break break-label').attr('text-anchor', 'middle').attr('font-size', TEXT.flow);
  }
}

/** Everything but the position: shape, classes, words and break mark, each written only when it changed. */
function dress(el: SVGGElement, marker: Marker, tr: Translator): void {
  const { flow, path } = marker;
  buildShape(el, flow.status);
  setAttr(el, 'class', `flow flow-${flow.status}${marker.selected ? ' selected' : ''}`);
  setAttr(el, 'data-flow-id', flow.id);
  const text = markerText(flow, marker.hopIndex, tr);
  const title = el.firstElementChild;
  if (title && text) setText(title, text.title);
  if (flow.status !== 'failed' || text?.label === undefined) return;
  const mark = breakMarkOf(path, text.label);
  const m = select(el);
  m.select<SVGPathElement>('path.break-mark').call(attrIfChanged, 'transform', `translate(${mark.dx.toFixed(1)},${mark.dy.toFixed(1)}) rotate(${mark.angle.toFixed(0)})`);
  m.select<SVGTextElement>('text.break-label').call(attrIfChanged, 'x', mark.labelDx.toFixed(1)).call(attrIfChanged, 'y', mark.labelDy.toFixed(1)).call(textIfChanged, mark.label);
}

/** The marker's place: a transform, and nothing else, written only when it moved a tenth of a unit. */
function move(el: SVGGElement, marker: Marker, progress: number): void {
  const p = markerPoint(marker.path, marker.flow.status, progress);
  setAttr(el, 'transform', `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
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
    .call(attrIfChanged, 'class', (d) => `flow-hop hop-${d.state} ${d.sends.locked ? 'sends-mtls' : 'sends-plain'}`)
    .call((g) => {
      g.select<SVGPathElement>('path.flow-path').call(attrIfChanged, 'd', (d) => d.d);
      const label = g.select<SVGGElement>('g.hop-sends').call(attrIfChanged, 'transform', (d) => `translate(${d.labelX.toFixed(1)},${d.labelY.toFixed(1)})`);
      const icon = (d: FlowPathSegment) => (d.sends.locked ? LOCK_ICONS.strict : LOCK_ICONS.disable);
      // Centred on the route: the lock, the text (estimated, not measured) and padding; the lock alone where words would cover a node.
      const half = (d: FlowPathSegment) => (d.compact ? 9 : Math.ceil(textWidth(d.sends.text, TEXT.flow) + 22) / 2);
      label.select<SVGRectElement>('rect.hop-sends-bg').call(attrIfChanged, 'x', (d) => -half(d)).call(attrIfChanged, 'width', (d) => 2 * half(d));
      label.select<SVGGElement>('g.lock').call(attrIfChanged, 'transform', (d) => `translate(${-half(d) + 4},-7)`);
      label.select<SVGTextElement>('text.hop-sends-text').call(attrIfChanged, 'x', (d) => -half(d) + 17);
      label
        .select<SVGPathElement>('path.lock-body')
        .call(attrIfChanged, 'd', (d) => icon(d)?.body ?? '')
        .call(attrIfChanged, 'class', (d) => `lock-body${icon(d)?.solid ? ' solid' : ''}`);
      label.select<SVGPathElement>('path.lock-shackle').call(attrIfChanged, 'd', (d) => icon(d)?.shackle ?? '');
      label.select<SVGPathElement>('path.lock-mark').call(attrIfChanged, 'd', (d) => icon(d)?.mark ?? '');
      label.select<SVGTextElement>('text.hop-sends-text').call(attrIfChanged, 'display', (d) => (d.compact ? 'none' : null)).call(textIfChanged, (d) => d.sends.text);
    });
}

/**
 * Draws in-flight requests over the mesh: one marker per flow, keyed by id so that an element
 * follows its request from redraw to redraw; markers of removed flows are removed with their data.
 * The selected flow also gets its route so far, with what the client sent on each hop (lock +
 * text). Between redraws, `motion` moves the moving markers at every frame by their transform
 * alone: routes are sampled once per layout geometry and marker words are built once per flow, hop,
 * status and language. Nothing is written that did not change.
 */
export function drawRequestFlow(layout: MeshLayout, flows: readonly FlowView[], options: DrawRequestFlowOptions = {}): Attachment<SVGGElement> {
  const tr = options.tr ?? ENGLISH;
  const { motion } = options;
  return (element) => {
    const root: Root = select(element);
    if (!element.classList.contains('request-flow-layer')) element.classList.add('request-flow-layer');
    const pathsLayer = layer(root, 'layer-flow-paths');
    const markersLayer = layer(root, 'layer-flow-markers');
    const at = (flow: FlowView): FlowPosition => (flow.status === 'moving' && motion?.position(flow.id)) || flow;
    const markerAt = (flow: FlowView, position: FlowPosition): Marker | undefined => {
      const hop = flow.trace.hops[position.hopIndex];
      const path = hop ? hopPath(layout, hop) : undefined;
      return path ? { flow, selected: flow.selected || flow.id === options.selectedId, hopIndex: position.hopIndex, path } : undefined;
    };
    const markers: Marker[] = [];
    for (const flow of flows) {
      const marker = markerAt(flow, at(flow));
      if (marker) markers.push(marker);
    }
    const selected = markers.find((m) => m.selected);
    let selectedHop = selected?.hopIndex ?? 0;
    const drawSelectedPath = () => drawPaths(pathsLayer, selected ? flowPathSegments(layout, selected.flow, tr, selectedHop) : []);
    drawSelectedPath();
    const elements = markersLayer
      .selectAll<SVGGElement, Marker>('g.flow')
      .data(markers, (d) => d.flow.id)
      .join((enter) => {
        const g = enter.append('g');
        g.append('title');
        g.append('circle').attr('class', 'selection-ring').attr('r', 11);
        return g;
      })
      .each(function (marker) {
        dress(this, marker, tr);
        move(this, marker, at(marker.flow).progress);
      });

    const cleanups: (() => void)[] = [];
    const moving = elements.filter((m) => m.flow.status === 'moving');
    if (motion && !moving.empty()) {
      const movers = moving.nodes().map((el) => ({ el, marker: select<SVGGElement, Marker>(el).datum() }));
      cleanups.push(
        motion.onFrame(() => {
          for (const m of movers) {
            const position = motion.position(m.marker.flow.id);
            if (!position) continue;
            if (position.hopIndex !== m.marker.hopIndex) {
              const next = markerAt(m.marker.flow, position);
              setAttr(m.el, 'display', next ? null : 'none');
              if (!next) continue;
              m.marker = next;
              dress(m.el, next, tr);
              if (next.selected) {
                selectedHop = next.hopIndex;
                drawSelectedPath();
              }
            }
            move(m.el, m.marker, position.progress);
          }
        }),
      );
    }

    const onSelect = options.onSelect;
    if (onSelect) {
      // One delegated listener instead of one per marker.
      const onClick = (event: Event) => {
        const id = (event.target as Element | null)?.closest?.('g.flow')?.getAttribute('data-flow-id');
        if (id != null) onSelect(Number(id));
      };
      element.addEventListener('click', onClick);
      cleanups.push(() => element.removeEventListener('click', onClick));
    }
    return () => {
      for (const cleanup of cleanups) cleanup();
    };
  };
}
