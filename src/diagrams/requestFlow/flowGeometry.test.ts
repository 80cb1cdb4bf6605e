import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { GATEWAY_URL, LOAD_BALANCER_URL, browserGet, strictCartWorld } from '../meshGraph/diagramFixtures.ts';
import { layoutMeshGraph } from '../meshGraph/layoutMeshGraph.ts';
import { hopPath, outcomeLabel, pointAlong, sendsLabel } from './flowGeometry.ts';

const world = createDefaultWorld();
const layout = layoutMeshGraph({ mesh: summarizeMesh(world), width: 700, height: 420 });
const node = (id: string) => {
  const n = layout.byId.get(id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};

describe('hopPath', () => {
  const [toGateway, toFrontend] = browserGet(world, GATEWAY_URL).hops;

  it('runs from the client node to the server node', () => {
    const path = toFrontend && hopPath(layout, toFrontend);
    if (!path) throw new Error('no path');
    const gw = node('istio-system/istio-ingressgateway');
    const fe = node('frontend/frontend');
    expect(pointAlong(path, 0)).toMatchObject({ x: gw.x + gw.w / 2, y: gw.y });
    expect(pointAlong(path, 1).x).toBeCloseTo(fe.x - fe.w / 2);
    expect(pointAlong(path, 1).y).toBeCloseTo(fe.y);
    expect(path.d.startsWith('M')).toBe(true);
  });

  it('is memoised per layout geometry: the same route for every frame and after a redraw that moves no node', () => {
    if (!toGateway) throw new Error('no hop');
    const route = hopPath(layout, toGateway);
    expect(hopPath(layout, { ...toGateway })).toBe(route);
    // A namespace-wide policy changes badges, not boxes.
    expect(hopPath(layoutMeshGraph({ mesh: summarizeMesh(strictCartWorld()), width: 700, height: 420 }), toGateway)).toBe(route);
    const wider = layoutMeshGraph({ mesh: summarizeMesh(world), width: 800, height: 420 });
    expect(hopPath(wider, toGateway)).not.toBe(route);
  });

  it('passes through the LoadBalancer node for a hop via frontend-external', () => {
    const [first] = browserGet(world, LOAD_BALANCER_URL).hops;
    const path = first && hopPath(layout, first);
    if (!path) throw new Error('no path');
    const lb = node('frontend/frontend-external');
    const xs = Array.from(path.xs);
    // The route enters the LB on its left side and leaves on its right.
    expect(xs).toContain(lb.x - lb.w / 2);
    expect(xs).toContain(lb.x + lb.w / 2);
    expect(path.d.match(/C/g)).toHaveLength(2);
    const mid = pointAlong(path, 0.5);
    expect(Math.abs(mid.y - lb.y)).toBeLessThan(lb.h);
  });

  it('advances at an even speed along the route', () => {
    const path = toFrontend && hopPath(layout, toFrontend);
    if (!path) throw new Error('no path');
    const steps = [0, 0.25, 0.5, 0.75, 1].map((t) => pointAlong(path, t));
    const gaps = steps.slice(1).map((p, i) => Math.hypot(p.x - (steps[i]?.x ?? 0), p.y - (steps[i]?.y ?? 0)));
    // Chords of equal arcs: never longer than the arc, and close to it on these gentle curves.
    for (const g of gaps) {
      expect(g).toBeLessThanOrEqual(path.total / 4 + 1e-6);
      expect(g).toBeGreaterThan((path.total / 4) * 0.9);
    }
  });

  it('puts the label where it covers no node: with its words where there is room, else the lock alone', () => {
    const covers = (p: { x: number; y: number }, half: number, l = layout) =>
      l.nodes.some((n) => Math.abs(p.x - n.x) < n.w / 2 + half && p.y + 7 > n.y - n.h / 2 - 9 && p.y - 9 < n.y + n.h / 2);
    // Columns a few pixels apart: only the lock fits between them.
    const tight = toFrontend && hopPath(layout, toFrontend);
    expect(tight?.labelRoom).toBe('icon');
    expect(tight && covers(tight.labelAt, 10)).toBe(false);
    // A wide drawing: the words too, still clear of every node.
    const wide = layoutMeshGraph({ mesh: summarizeMesh(world), width: 1600, height: 600 });
    const roomy = toFrontend && hopPath(wide, toFrontend);
    expect(roomy?.labelRoom).toBe('full');
    expect(roomy && covers(roomy.labelAt, 40, wide)).toBe(false);
  });

  it('is undefined for an endpoint that has no node', () => {
    expect(hopPath(layout, { from: 'external/browser', to: 'gone/pod-1-2' })).toBeUndefined();
  });
});

describe('outcomeLabel', () => {
  it.each([
    ['reset', 0, 'reset'],
    ['503', 503, '503'],
    ['tls_error', 503, '503 TLS'],
    ['refused', 0, 'refused'],
    ['timeout', 0, 'timeout'],
    ['protocol_error', 0, 'protocol error'],
    ['ok', 200, '200'],
  ] as const)('labels %s as %s', (outcome, code, label) => {
    expect(outcomeLabel(outcome, code)).toBe(label);
  });
});

describe('sendsLabel', () => {
  it('marks mTLS as locked and plaintext as open', () => {
    expect(sendsLabel({ clientSends: 'ISTIO_MUTUAL' })).toEqual({ text: 'mTLS', locked: true });
    expect(sendsLabel({ clientSends: 'PLAINTEXT' })).toEqual({ text: 'plaintext', locked: false });
  });
});
