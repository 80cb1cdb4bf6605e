/** Pure geometry of the links between nodes, shared by edges and request-flow markers. */

export interface Point {
  x: number;
  y: number;
}

/** A box by its centre, as layout nodes are. */
export interface Box extends Point {
  w: number;
  h: number;
}

/** A cubic Bézier from p0 to p3. */
export interface Cubic {
  p0: Point;
  p1: Point;
  p2: Point;
  p3: Point;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The connector between two boxes: from the facing sides, horizontal when the boxes are in
 * different columns and vertical otherwise (d3-shape's linkHorizontal/linkVertical curves).
 */
export function connectorBetween(a: Box, b: Box): Cubic {
  const apart = (a.w + b.w) / 2;
  if (Math.abs(b.x - a.x) >= apart) {
    const dir = Math.sign(b.x - a.x);
    const p0 = { x: a.x + (dir * a.w) / 2, y: a.y };
    const p3 = { x: b.x - (dir * b.w) / 2, y: b.y };
    const mx = (p0.x + p3.x) / 2;
    return { p0, p1: { x: mx, y: p0.y }, p2: { x: mx, y: p3.y }, p3 };
  }
  const dir = b.y >= a.y ? 1 : -1;
  const p0 = { x: a.x, y: a.y + (dir * a.h) / 2 };
  const p3 = { x: b.x, y: b.y - (dir * b.h) / 2 };
  const my = (p0.y + p3.y) / 2;
  return { p0, p1: { x: p0.x, y: my }, p2: { x: p3.x, y: my }, p3 };
}

/** `x,y` rounded to 0.1, for path data. */
export function pointText(q: Point): string {
  return `${round(q.x)},${round(q.y)}`;
}

/** SVG path data; without `move`, only the `C` command (to continue a path). */
export function cubicPath(c: Cubic, move = true): string {
  return `${move ? `M${pointText(c.p0)}` : ''}C${pointText(c.p1)} ${pointText(c.p2)} ${pointText(c.p3)}`;
}

export function pointOnCubic(c: Cubic, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return { x: a * c.p0.x + b * c.p1.x + d * c.p2.x + e * c.p3.x, y: a * c.p0.y + b * c.p1.y + d * c.p2.y + e * c.p3.y };
}

/** A filled triangle at p3 pointing along the curve's end tangent. */
export function arrowHead(c: Cubic, length = 6, halfWidth = 3.5): string {
  let dx = c.p3.x - c.p2.x;
  let dy = c.p3.y - c.p2.y;
  if (dx === 0 && dy === 0) {
    dx = c.p3.x - c.p0.x;
    dy = c.p3.y - c.p0.y;
  }
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = c.p3.x - ux * length;
  const by = c.p3.y - uy * length;
  const p = (x: number, y: number) => `${round(x)},${round(y)}`;
  return `M${p(c.p3.x, c.p3.y)}L${p(bx - uy * halfWidth, by + ux * halfWidth)}L${p(bx + uy * halfWidth, by - ux * halfWidth)}Z`;
}
