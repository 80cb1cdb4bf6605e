import { renderPhrase } from '../../domain/explain/messages.ts';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import type { MeshLayout } from '../meshGraph/types.ts';
import type { Point } from '../meshGraph/connector.ts';
import { type HopPath, hopPath, outcomeLabel, pointAlong, sendsLabel } from './flowGeometry.ts';
import type { FlowView } from '../../app/flowView.ts';

/** A failed request's break mark, relative to its marker: where the connection broke, and its label. */
export interface BreakMark {
  dx: number;
  dy: number;
  angle: number;
  label: string;
  labelDx: number;
  labelDy: number;
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

/** A marker's words for one hop and status, in one language. */
export interface MarkerText {
  /** The marker's `<title>`: its accessible name and tooltip. */
  title: string;
  /** What a failed request's break mark says. */
  label?: string;
}

/** Marker words per trace (one per request): each sentence is built once per hop, status and language. */
const texts = new WeakMap<FlowView['trace'], Map<string, MarkerText>>();

/** The words of a flow's marker on a hop, built once per flow, hop, status and language. */
export function markerText(flow: Pick<FlowView, 'id' | 'trace' | 'status'>, hopIndex: number, tr: Translator = ENGLISH): MarkerText | undefined {
  const hop = flow.trace.hops[hopIndex];
  if (!hop) return undefined;
  let cache = texts.get(flow.trace);
  if (!cache) texts.set(flow.trace, (cache = new Map()));
  const key = `${tr.locale}|${flow.id}|${hopIndex}|${flow.status}`;
  const known = cache.get(key);
  if (known) return known;
  const { t } = tr;
  const head = t('diagram.flow.head', { id: flow.id, method: flow.trace.method, url: flow.trace.url, hop: hopIndex + 1, hops: flow.trace.hops.length, from: hop.from, to: hop.to });
  let text: MarkerText;
  if (flow.status === 'failed') {
    const label = outcomeLabel(hop.outcome, hop.httpCode, t);
    text = { title: t('diagram.flow.failed', { head, label, reason: renderPhrase(hop.outcomeReason, tr.locale) }), label };
  } else {
    text = { title: flow.status === 'ok' ? t('diagram.flow.ok', { head, code: flow.trace.httpCode || t('diagram.outcome.ok') }) : t('diagram.flow.moving', { head }) };
  }
  cache.set(key, text);
  return text;
}

/** Where a marker sits on its hop's route: `progress` along it while moving, short of the server once finished or failed. */
export function markerPoint(path: HopPath, status: FlowView['status'], progress: number): Point {
  const at = (d: number) => (path.total > 0 ? Math.max(0, path.total - d) / path.total : 1);
  return pointAlong(path, status === 'failed' ? at(FAIL_STOP) : status === 'ok' ? at(OK_STOP) : progress);
}

/** A failed marker's break mark, relative to the marker: at the server end of the failing hop, its label above both. */
export function breakMarkOf(path: HopPath, label: string): BreakMark {
  const at = (d: number) => (path.total > 0 ? Math.max(0, path.total - d) / path.total : 1);
  const stop = pointAlong(path, at(FAIL_STOP));
  const brk = pointAlong(path, at(BREAK_AT));
  return { dx: brk.x - stop.x, dy: brk.y - stop.y, angle: brk.angle, label, labelDx: (brk.x - stop.x) / 2, labelDy: Math.min(0, brk.y - stop.y) - 11 };
}

/** The hops a selected flow has travelled so far, current one last (`hopIndex` overrides the view's). */
export function flowPathSegments(layout: MeshLayout, flow: FlowView, tr: Translator = ENGLISH, hopIndex = flow.hopIndex): FlowPathSegment[] {
  const out: FlowPathSegment[] = [];
  const last = Math.min(hopIndex, flow.trace.hops.length - 1);
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
