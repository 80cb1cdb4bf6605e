// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { GATEWAY_URL, LOAD_BALANCER_URL, browserGet, flowView, mountG, mutationsDuring, strictCartWorld, testcurlGet } from '../meshGraph/diagramFixtures.ts';
import { layoutMeshGraph } from '../meshGraph/layoutMeshGraph.ts';
import { drawRequestFlow } from './drawRequestFlow.ts';
import type { FlowMotion, FlowPosition, FlowView } from '../../app/flowView.ts';

/** A motion the test moves: `set` where a flow is, then `frame()`. */
function manualMotion() {
  const positions = new Map<number, FlowPosition>();
  let listeners: (() => void)[] = [];
  const motion: FlowMotion = {
    position: (id) => positions.get(id),
    onFrame: (listener) => {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
  };
  return {
    motion,
    set: (id: number, hopIndex: number, progress: number) => positions.set(id, { hopIndex, progress }),
    frame: () => listeners.forEach((l) => l()),
    get listening() {
      return listeners.length;
    },
  };
}


const world = createDefaultWorld();
const layout = layoutMeshGraph({ mesh: summarizeMesh(world), width: 700, height: 420 });
const viaGateway = browserGet(world, GATEWAY_URL);
const viaLb = browserGet(world, LOAD_BALANCER_URL);
const marker = (g: Element, id: number) => g.querySelector(`g.flow[data-flow-id="${id}"]`);

describe('drawRequestFlow', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('keeps one marker element per flow id while it moves, and removes finished flows', () => {
    const g = mountG();
    drawRequestFlow(layout, [flowView(1, viaGateway, { hopIndex: 1, progress: 0.1 }), flowView(2, viaLb)])(g);
    const first = marker(g, 1);
    const before = first?.getAttribute('transform');
    drawRequestFlow(layout, [flowView(1, viaGateway, { hopIndex: 1, progress: 0.6 }), flowView(2, viaLb, { progress: 0.5 })])(g);
    expect(marker(g, 1)).toBe(first);
    expect(first?.getAttribute('transform')).not.toBe(before);
    drawRequestFlow(layout, [flowView(2, viaLb, { progress: 0.9 })])(g);
    expect(marker(g, 1)).toBeNull();
    expect(g.querySelectorAll('g.flow')).toHaveLength(1);
    drawRequestFlow(layout, [])(g);
    expect(g.querySelectorAll('g.flow, g.flow-hop')).toHaveLength(0);
  });

  it('shows success and failure by shape: a circle with a check, a diamond with a cross and a break mark', () => {
    const strict = strictCartWorld();
    const strictLayout = layoutMeshGraph({ mesh: summarizeMesh(strict), width: 700, height: 420 });
    const g = mountG();
    const flows: FlowView[] = [
      flowView(1, browserGet(strict, GATEWAY_URL), { hopIndex: 1, status: 'ok' }),
      flowView(2, testcurlGet(strict, 'http://cartservice.cart:7070/'), { status: 'failed' }),
    ];
    drawRequestFlow(strictLayout, flows)(g);
    const ok = marker(g, 1);
    expect(ok?.querySelector('circle.marker-ok')).not.toBeNull();
    expect(ok?.querySelector('path.marker-glyph')).not.toBeNull();
    expect(ok?.querySelector('.break')).toBeNull();
    const failed = marker(g, 2);
    expect(failed?.classList).toContain('flow-failed');
    expect(failed?.querySelector('path.marker-failed')?.getAttribute('d')).toMatch(/^M0,-7.5L7.5,0/);
    expect(failed?.querySelector('circle.marker-shape')).toBeNull();
    expect(failed?.querySelector('.break-label')?.textContent).toBe('reset');
    expect(failed?.querySelector('title')?.textContent).toMatch(/failed, reset/);
  });

  it('rebuilds a marker shape only when its status changes', () => {
    const g = mountG();
    drawRequestFlow(layout, [flowView(1, viaLb, { progress: 0.5 })])(g);
    const shape = marker(g, 1)?.querySelector('.marker-shape');
    drawRequestFlow(layout, [flowView(1, viaLb, { progress: 0.7 })])(g);
    expect(marker(g, 1)?.querySelector('.marker-shape')).toBe(shape);
    drawRequestFlow(layout, [flowView(1, viaLb, { status: 'ok' })])(g);
    expect(marker(g, 1)?.querySelectorAll('.marker-shape')).toHaveLength(1);
    expect(marker(g, 1)?.querySelector('.marker-ok')).not.toBeNull();
  });

  it('draws the selected flow path with a lock and text per hop', () => {
    const g = mountG();
    drawRequestFlow(layout, [flowView(1, viaGateway, { hopIndex: 2, progress: 0.3 }), flowView(2, viaLb)], { selectedId: 1 })(g);
    expect(marker(g, 1)?.classList).toContain('selected');
    expect(marker(g, 2)?.classList).not.toContain('selected');
    const hops = [...g.querySelectorAll('g.flow-hop')];
    expect(hops.map((h) => h.querySelector('.hop-sends-text')?.textContent)).toEqual(['plaintext', 'mTLS', 'mTLS']);
    expect(hops.map((h) => h.classList.contains('sends-mtls'))).toEqual([false, true, true]);
    expect(hops[2]?.classList).toContain('hop-current');
  });

  it('reports clicks on a marker through onSelect, with one listener released on re-run', () => {
    const g = mountG();
    const onSelect = vi.fn();
    const cleanup = drawRequestFlow(layout, [flowView(4, viaLb, { progress: 0.5 })], { onSelect })(g);
    marker(g, 4)?.querySelector('.marker-shape')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onSelect).toHaveBeenCalledWith(4);
    if (typeof cleanup === 'function') cleanup();
    marker(g, 4)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onSelect).toHaveBeenCalledTimes(1);
  });

  it('skips flows whose hop has no node instead of failing', () => {
    const g = mountG();
    drawRequestFlow(layout, [flowView(1, viaLb, { hopIndex: 40 })])(g);
    expect(g.querySelectorAll('g.flow')).toHaveLength(0);
  });

  it('changes nothing in the document when it draws the same flows again', async () => {
    const g = mountG();
    const flows = [flowView(1, viaGateway, { hopIndex: 1, progress: 0.4 }), flowView(2, viaLb, { status: 'ok' })];
    drawRequestFlow(layout, flows, { selectedId: 1 })(g);
    expect(await mutationsDuring(g, () => drawRequestFlow(layout, [...flows], { selectedId: 1 })(g))).toEqual([]);
  });

  it('moves the moving markers at every frame by their transform alone', async () => {
    const g = mountG();
    const m = manualMotion();
    const flows = Array.from({ length: 50 }, (_, i) => flowView(i, viaGateway, { hopIndex: 1, progress: 0.1 }));
    for (const f of flows) m.set(f.id, 1, 0.1);
    drawRequestFlow(layout, [...flows, flowView(99, viaLb, { status: 'ok' })], { motion: m.motion })(g);
    for (const f of flows) m.set(f.id, 1, 0.5);
    const records = await mutationsDuring(g, m.frame);
    expect(records).toHaveLength(50);
    expect(new Set(records.map((r) => `${r.type} ${r.attributeName}`))).toEqual(new Set(['attributes transform']));
    // A frame in which nothing moved writes nothing.
    expect(await mutationsDuring(g, m.frame)).toEqual([]);
  });

  it('builds a marker\'s words for a hop once: at the new hop, then only its transform changes', async () => {
    const g = mountG();
    const m = manualMotion();
    m.set(1, 1, 0.9);
    drawRequestFlow(layout, [flowView(1, viaGateway, { hopIndex: 1, progress: 0.9 })], { motion: m.motion, selectedId: 1 })(g);
    const title = () => marker(g, 1)?.querySelector('title')?.textContent;
    expect(title()).toMatch(/hop 2 of/);
    m.set(1, 2, 0.1);
    m.frame();
    expect(title()).toMatch(/hop 3 of/);
    // The selected request's route grows with it.
    expect(g.querySelectorAll('g.flow-hop')).toHaveLength(3);
    m.set(1, 2, 0.6);
    const records = await mutationsDuring(g, m.frame);
    expect(records.map((r) => r.attributeName)).toEqual(['transform']);
  });

  it('stops following frames when it is drawn again', () => {
    const g = mountG();
    const m = manualMotion();
    m.set(1, 0, 0);
    const first = drawRequestFlow(layout, [flowView(1, viaLb)], { motion: m.motion })(g);
    expect(m.listening).toBe(1);
    if (typeof first === 'function') first();
    expect(m.listening).toBe(0);
    // Finished markers do not move: nothing to follow.
    drawRequestFlow(layout, [flowView(1, viaLb, { status: 'ok' })], { motion: m.motion })(g);
    expect(m.listening).toBe(0);
  });

  it('moves 50 concurrent flows for 60 frames without adding, removing or redrawing anything', () => {
    const g = mountG();
    const traces = [viaGateway, viaLb];
    const frame = (f: number) =>
      Array.from({ length: 50 }, (_, i) => {
        const trace = traces[i % 2] ?? viaLb;
        return flowView(i, trace, { hopIndex: i % trace.hops.length, progress: ((f + i) % 60) / 60, selected: i === 0 });
      });
    drawRequestFlow(layout, frame(0))(g);
    const elements = [...g.querySelectorAll('g.flow')];
    // What a frame may change: where the markers are. No element is added or removed, and no path
    // is redrawn (its `d`), which is what made frames slow (bench/animation.ts times them).
    const observer = new MutationObserver(() => {});
    observer.observe(g, { subtree: true, childList: true, attributes: true, attributeFilter: ['d'] });
    for (let f = 1; f <= 60; f++) drawRequestFlow(layout, frame(f))(g);
    const records = observer.takeRecords();
    observer.disconnect();
    expect([...g.querySelectorAll('g.flow')]).toEqual(elements);
    expect(records.filter((r) => r.type === 'childList')).toEqual([]);
    expect(records.filter((r) => r.type === 'attributes').map((r) => (r.target as Element).getAttribute('class'))).toEqual([]);
  });
});
