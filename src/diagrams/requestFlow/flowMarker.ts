import { renderPhrase } from '../../domain/explain/messages.ts';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import type { MeshLayout } from '../meshGraph/types.ts';
import { hopPath, outcomeLabel, pointAlong, sendsLabel } from './flowGeometry.ts';
import type { FlowView } from './types.ts';

/** Where and how to draw one flow's marker this frame. */
export interface FlowMarker {
  id: number;
  status: FlowView['status'];
  selected: boolean;
  x: number;
  y: number;
  title: string;
  /** For a failed flow: the break mark at the server end of the failing hop, relative to the marker. */
  breakMark?: { dx: number; dy: number; angle: number; label: string; labelDx: number; labelDy: number };
}

/** One drawn hop of a selected flow's path so far. */
export interface FlowPathSegment {
  /** `<flow id>:<hop index>`. */
  key: string;
  d: string;
  state: 'done' | 'current' | 'failed';
  /** Where the lock label sits (the route's midpoint) and what it says. */
  labelX: number;
  labelY: number;
  /** Only the lock fits there (the words would cover a node). */
  compact: boolean;
  sends: { text: string; locked: boolean };
}

/** How far before the server end a failed request stops, and where the break is drawn (px). */
const FAIL_STOP = 18;
const BREAK_AT = 7;
/** A finished request rests just short of the server, clear of its badge. */
const OK_STOP = 8;

/** The marker of a flow, or undefined when its current hop has no route on this layout; its words in `tr`'s language. */
export function flowMarker(layout: MeshLayout, flow: FlowView, selectedId?: number, tr: Translator = ENGLISH): FlowMarker | undefined {
  const { t } = tr;
  const hop = flow.trace.hops[flow.hopIndex];
  if (!hop) return undefined;
  const path = hopPath(layout, hop);
  if (!path) return undefined;
  const selected = flow.selected || flow.id === selectedId;
  const n = flow.trace.hops.length;
  const head = t('diagram.flow.head', { id: flow.id, method: flow.trace.method, url: flow.trace.url, hop: flow.hopIndex + 1, hops: n, from: hop.from, to: hop.to });
  const at = (d: number) => (path.total > 0 ? Math.max(0, path.total - d) / path.total : 1);
  if (flow.status === 'failed') {
    const stop = pointAlong(path, at(FAIL_STOP));
    const brk = pointAlong(path, at(BREAK_AT));
    const label = outcomeLabel(hop.outcome, hop.httpCode, t);
    return {
      id: flow.id, status: 'failed', selected, x: stop.x, y: stop.y,
      title: t('diagram.flow.failed', { head, label, reason: renderPhrase(hop.outcomeReason, tr.locale) }),
      // The label sits above both the marker and the break, never on top of the marker's shape.
      breakMark: { dx: brk.x - stop.x, dy: brk.y - stop.y, angle: brk.angle, label, labelDx: (brk.x - stop.x) / 2, labelDy: Math.min(0, brk.y - stop.y) - 11 },
    };
  }
  const p = pointAlong(path, flow.status === 'ok' ? at(OK_STOP) : flow.progress);
  const title = flow.status === 'ok' ? t('diagram.flow.ok', { head, code: flow.trace.httpCode || t('diagram.outcome.ok') }) : t('diagram.flow.moving', { head });
  return { id: flow.id, status: flow.status, selected, x: p.x, y: p.y, title };
}

/** The hops a selected flow has travelled so far, current one last. */
export function flowPathSegments(layout: MeshLayout, flow: FlowView, tr: Translator = ENGLISH): FlowPathSegment[] {
  const out: FlowPathSegment[] = [];
  const last = Math.min(flow.hopIndex, flow.trace.hops.length - 1);
  for (let i = 0; i <= last; i++) {
    const hop = flow.trace.hops[i];
    const path = hop ? hopPath(layout, hop) : undefined;
    if (!hop || !path) continue;
    const mid = path.labelAt;
    const failed = hop.outcome !== 'ok' && (i < last || flow.status !== 'moving');
    out.push({ key: `${flow.id}:${i}`, d: path.d, state: failed ? 'failed' : i === last && flow.status === 'moving' ? 'current' : 'done', labelX: mid.x, labelY: mid.y, compact: path.labelRoom === 'icon', sends: sendsLabel(hop, tr.t) });
  }
  return out;
}
