import type { Hop, HopOutcome } from '../../domain/traffic/trace.ts';
import { connectorBetween, cubicPath, pointOnCubic, pointText, type Point } from '../meshGraph/connector.ts';
import { hopNodeIds } from '../meshGraph/hopNodeIds.ts';
import { LEGEND } from '../meshGraph/metrics.ts';
import type { MeshLayout } from '../meshGraph/types.ts';
import { ENGLISH, type Translate } from '../../i18n/locale.ts';

/** A hop's route through the diagram, sampled once so positions are a lookup, not maths per frame. */
export interface HopPath {
  /** SVG path data: one curve per segment (client → LoadBalancer → server). */
  d: string;
  /** Sampled points along the route and their cumulative distance from the start. */
  xs: Float64Array;
  ys: Float64Array;
  dist: Float64Array;
  total: number;
  /**
   * Where a label for the hop goes: the point nearest the middle of its first curve (beside, not on,
   * a LoadBalancer waypoint) where it covers no node, its text or its namespace's name.
   */
  labelAt: Point;
  /** `full`: there is room for the lock and the words; `icon`: only for the lock (a tight layout). */
  labelRoom: 'full' | 'icon';
}

/** A hop label's box around its anchor: the widest words ("mTLS (DR)", "plaintext") with the lock, or the lock alone. */
const LABEL_BOX = { full: 80, icon: 20, above: 9, below: 7 } as const;

/**
 * The sample nearest `middle` where a label of the given room covers no node (with the namespace
 * name on its border), or undefined when there is none.
 */
function clearSample(layout: MeshLayout, xs: readonly number[], ys: readonly number[], middle: number, room: 'full' | 'icon'): number | undefined {
  const half = LABEL_BOX[room] / 2;
  const clear = (x: number, y: number) =>
    layout.nodes.every((n) => Math.abs(x - n.x) >= n.w / 2 + half + 1 || y - LABEL_BOX.above >= n.y + n.h / 2 + 1 || y + LABEL_BOX.below <= n.y - n.h / 2 - LEGEND.rise - 1);
  const order = xs.map((_, i) => i).sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle) || a - b);
  return order.find((i) => clear(xs[i] ?? 0, ys[i] ?? 0));
}

/** Samples per curve segment; enough for a marker to look smooth at 700 px. */
const SAMPLES = 24;

/** Routes by layout geometry: a redraw that moves no node (a badge change) keeps them. */
const memo = new WeakMap<object, Map<string, HopPath | null>>();

function build(layout: MeshLayout, hop: Pick<Hop, 'from' | 'to' | 'via'>): HopPath | null {
  const ids = hopNodeIds(layout, hop);
  if (!ids) return null;
  const stops = [ids.from, ...(ids.via !== undefined ? [ids.via] : []), ids.to].map((id) => layout.byId.get(id));
  const xs: number[] = [];
  const ys: number[] = [];
  let d = '';
  for (let s = 0; s + 1 < stops.length; s++) {
    const a = stops[s];
    const b = stops[s + 1];
    if (!a || !b) return null;
    const c = connectorBetween(a, b);
    // A LoadBalancer is a waypoint: the second curve continues from where the first ended.
    d += s === 0 ? cubicPath(c) : `L${pointText(c.p0)}${cubicPath(c, false)}`;
    for (let i = 0; i <= SAMPLES; i++) {
      const p = pointOnCubic(c, i / SAMPLES);
      xs.push(p.x);
      ys.push(p.y);
    }
  }
  const dist = new Float64Array(xs.length);
  for (let i = 1; i < xs.length; i++) dist[i] = (dist[i - 1] ?? 0) + Math.hypot((xs[i] ?? 0) - (xs[i - 1] ?? 0), (ys[i] ?? 0) - (ys[i - 1] ?? 0));
  const full = clearSample(layout, xs, ys, SAMPLES / 2, 'full');
  const at = full ?? clearSample(layout, xs, ys, SAMPLES / 2, 'icon') ?? SAMPLES / 2;
  const labelAt = { x: xs[at] ?? 0, y: ys[at] ?? 0 };
  return { d, xs: Float64Array.from(xs), ys: Float64Array.from(ys), dist, total: dist[dist.length - 1] ?? 0, labelAt, labelRoom: full !== undefined ? 'full' : 'icon' };
}

/**
 * The route of a hop on this layout, or undefined when an end is not drawn. Memoised per layout
 * geometry (see `MeshLayout.geometry`) and per (from, via, to), so 50 flows per frame cost a lookup
 * each, and a redraw that moves no node keeps every route.
 */
export function hopPath(layout: MeshLayout, hop: Pick<Hop, 'from' | 'to' | 'via'>): HopPath | undefined {
  let cache = memo.get(layout.geometry);
  if (!cache) memo.set(layout.geometry, (cache = new Map()));
  const key = `${hop.from}|${hop.via ?? ''}|${hop.to}`;
  let path = cache.get(key);
  if (path === undefined) cache.set(key, (path = build(layout, hop)));
  return path ?? undefined;
}

/** The point at fraction `t` (0..1) of the route's length, and the direction of travel in degrees. */
export function pointAlong(path: HopPath, t: number): Point & { angle: number } {
  const n = path.xs.length;
  const target = Math.min(1, Math.max(0, t)) * path.total;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((path.dist[mid] ?? 0) < target) lo = mid;
    else hi = mid;
  }
  const d0 = path.dist[lo] ?? 0;
  const d1 = path.dist[hi] ?? 0;
  const f = d1 > d0 ? (target - d0) / (d1 - d0) : 0;
  const x0 = path.xs[lo] ?? 0;
  const y0 = path.ys[lo] ?? 0;
  const x1 = path.xs[hi] ?? x0;
  const y1 = path.ys[hi] ?? y0;
  return { x: x0 + (x1 - x0) * f, y: y0 + (y1 - y0) * f, angle: (Math.atan2(y1 - y0, x1 - x0) * 180) / Math.PI };
}

/** What a failed hop's break mark says: the client's view of it, as curl or a sidecar reports it. */
export function outcomeLabel(outcome: HopOutcome, httpCode = 0, t: Translate = ENGLISH.t): string {
  switch (outcome) {
    case 'ok':
      return httpCode ? String(httpCode) : t('diagram.outcome.ok');
    case 'reset':
      return t('diagram.outcome.reset');
    case '503':
      return '503';
    case 'tls_error':
      return '503 TLS';
    case 'refused':
      return t('diagram.outcome.refused');
    case 'timeout':
      return t('diagram.outcome.timeout');
    case 'protocol_error':
      return t('diagram.outcome.protocolError');
    case 'denied':
      return httpCode === 403 ? '403 RBAC' : t('diagram.outcome.denied');
  }
}

/** What the client sent on a hop, as a short word for the selected path's lock labels. */
export function sendsLabel(hop: Pick<Hop, 'clientSends'>, t: Translate = ENGLISH.t): { text: string; locked: boolean } {
  switch (hop.clientSends) {
    case 'ISTIO_MUTUAL':
      return { text: 'mTLS', locked: true };
    case 'MUTUAL_TLS':
      return { text: 'mTLS (DR)', locked: true };
    case 'SIMPLE_TLS':
      return { text: 'TLS', locked: false };
    case 'PLAINTEXT':
      return { text: t('diagram.sends.plaintext'), locked: false };
  }
}
