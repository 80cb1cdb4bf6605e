// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { authzWorld, largeWorld, meshWideStrictWorld, mountG, mutationsDuring, strictCartWorld, touchedNodes, withAllowNothingFrontend, withMeshWideStrict } from './diagramFixtures.ts';
import { NODES_PER_FRAME, drawMeshGraph } from './drawMeshGraph.ts';
import { layoutMeshGraph } from './layoutMeshGraph.ts';


const defaultLayout = () => layoutMeshGraph({ mesh: summarizeMesh(createDefaultWorld()), width: 700, height: 420 });
const strictLayout = () => layoutMeshGraph({ mesh: summarizeMesh(strictCartWorld()), width: 700, height: 420 });
const nodeEl = (g: Element, id: string) => g.querySelector(`g.node[data-id="${id}"]`);

describe('drawMeshGraph', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.useRealTimers();
  });

  it('draws one element per namespace box, edge and node, each node with a title', () => {
    const layout = defaultLayout();
    const g = mountG();
    drawMeshGraph(layout)(g);
    expect(g.querySelectorAll('g.ns-group')).toHaveLength(layout.groups.length);
    expect(g.querySelectorAll('g.edge')).toHaveLength(layout.edges.length);
    expect(g.querySelectorAll('g.node')).toHaveLength(layout.nodes.length);
    for (const node of g.querySelectorAll('g.node')) expect(node.querySelector('title')?.textContent).toBeTruthy();
    expect(g.querySelector('g.edge-probe title')?.textContent).toBe('default/testcurl → frontend/frontend (probe)');
  });

  it('shows each badge as a shape class plus text and level', () => {
    const g = mountG();
    drawMeshGraph(strictLayout())(g);
    const cart = nodeEl(g, 'cart/cartservice');
    expect(cart?.classList).toContain('mode-strict');
    expect(cart?.querySelector('.badge-mode')?.textContent).toBe('STRICT');
    expect(cart?.querySelector('.badge-level')?.textContent).toBe('namespace');
    expect(cart?.querySelector('.lock-body')?.classList).toContain('solid');
    const frontend = nodeEl(g, 'frontend/frontend');
    expect(frontend?.querySelector('.badge-mode')?.textContent).toBe('PERMISSIVE');
    expect(frontend?.querySelector('.lock-body')?.classList).not.toContain('solid');
    const testcurl = nodeEl(g, 'default/testcurl');
    expect(testcurl?.classList).toContain('mode-nosidecar');
    expect(testcurl?.querySelector('.badge-mode')?.textContent).toBe('no sidecar');
    expect(testcurl?.querySelector('g.lock')?.getAttribute('display')).toBe('none');
  });

  it('is idempotent: a re-run keeps every element', () => {
    const g = mountG();
    drawMeshGraph(defaultLayout())(g);
    const before = [...g.querySelectorAll('*')];
    drawMeshGraph(defaultLayout())(g);
    expect([...g.querySelectorAll('*')]).toEqual(before);
  });

  it('changes nothing in the document when it draws the same mesh again', async () => {
    const g = mountG();
    drawMeshGraph(defaultLayout())(g);
    expect(await mutationsDuring(g, () => drawMeshGraph(defaultLayout())(g))).toEqual([]);
  });

  it('touches only the nodes whose badge changed: one for a namespace policy, the sidecars for a mesh-wide one', async () => {
    vi.useFakeTimers();
    const g = mountG();
    drawMeshGraph(defaultLayout())(g);
    expect(touchedNodes(await mutationsDuring(g, () => drawMeshGraph(strictLayout())(g)))).toEqual(['cart/cartservice']);
    const meshWide = layoutMeshGraph({ mesh: summarizeMesh(meshWideStrictWorld()), width: 700, height: 420 });
    const sidecars = meshWide.nodes.filter((n) => n.badge.level === 'mesh').map((n) => n.id).sort();
    expect(sidecars.length).toBeGreaterThan(10);
    expect(touchedNodes(await mutationsDuring(g, () => drawMeshGraph(meshWide)(g)))).toEqual(sidecars);
  });

  it('draws a mesh-wide change on a large mesh a default world\'s worth of nodes per frame', async () => {
    vi.useFakeTimers();
    const layoutOf = (world: ReturnType<typeof largeWorld>) => layoutMeshGraph({ mesh: summarizeMesh(world), width: 700, height: 420 });
    const before = layoutOf(largeWorld());
    expect(before.nodes).toHaveLength(107);
    const g = mountG();
    // A new mesh is drawn whole at once.
    drawMeshGraph(before)(g);
    expect(g.querySelectorAll('g.node.mode-permissive')).toHaveLength(101);
    const after = layoutOf(withMeshWideStrict(largeWorld()));
    const firstFrame = touchedNodes(await mutationsDuring(g, () => drawMeshGraph(after)(g)));
    expect(firstFrame).toHaveLength(NODES_PER_FRAME);
    let frames = 1;
    // The next frame shows the first batch; each frame after it draws one more.
    while (g.querySelectorAll('g.node.mode-strict').length < 101 && frames < 40) {
      vi.advanceTimersToNextFrame();
      frames++;
    }
    expect(frames).toBe(Math.ceil(101 / NODES_PER_FRAME) + 1);
    expect(g.querySelectorAll('g.node.changed')).toHaveLength(101);
  });

  it('marks a node whose mode changed as `changed` for changeMs, and only that node', () => {
    vi.useFakeTimers();
    const g = mountG();
    drawMeshGraph(defaultLayout(), { changeMs: 1000 })(g);
    expect(g.querySelectorAll('.changed')).toHaveLength(0);
    const cart = nodeEl(g, 'cart/cartservice');
    drawMeshGraph(strictLayout(), { changeMs: 1000 })(g);
    expect(nodeEl(g, 'cart/cartservice')).toBe(cart);
    expect([...g.querySelectorAll('.changed')].map((el) => el.getAttribute('data-id'))).toEqual(['cart/cartservice']);
    vi.advanceTimersByTime(999);
    expect(cart?.classList).toContain('changed');
    vi.advanceTimersByTime(1);
    expect(cart?.classList).not.toContain('changed');
    expect(cart?.classList).toContain('mode-strict');
  });

  it('removes nodes whose workload is gone', () => {
    const mesh = summarizeMesh(createDefaultWorld());
    const g = mountG();
    drawMeshGraph(layoutMeshGraph({ mesh, width: 700, height: 420 }))(g);
    drawMeshGraph(layoutMeshGraph({ mesh: mesh.filter((w) => w.workload !== 'testcurl'), width: 700, height: 420 }))(g);
    expect(nodeEl(g, 'default/testcurl')).toBeNull();
    expect(g.querySelector('g.edge-probe')).toBeNull();
  });

  describe('AuthorizationPolicy tags', () => {
    const authzLayout = () => layoutMeshGraph({ mesh: summarizeMesh(authzWorld()), width: 700, height: 420 });
    const tagged = (g: Element) => [...g.querySelectorAll('g.authz')].map((t) => t.closest('g.node')?.getAttribute('data-id')).sort();

    it('tags the proxies that policies apply to, with a shield, the words and an accessible title', () => {
      const g = mountG();
      drawMeshGraph(authzLayout())(g);
      expect(tagged(g)).toEqual(['cart/cartservice', 'frontend/frontend', 'istio-system/istio-ingressgateway']);
      const frontend = nodeEl(g, 'frontend/frontend')?.querySelector('g.authz');
      expect(frontend?.classList).toContain('authz-allow-nothing');
      expect(frontend?.querySelector('.authz-text')?.textContent).toBe('allow-nothing');
      expect(frontend?.querySelector('.shield-bar')?.getAttribute('d')).toBeTruthy();
      expect(frontend?.querySelector('title')?.textContent).toBe('frontend/frontend; AuthorizationPolicy allows nothing here, so its proxy denies every request: frontend/allow-nothing (ALLOW)');
      const cart = nodeEl(g, 'cart/cartservice')?.querySelector('g.authz');
      expect(cart?.classList).toContain('authz-enforced');
      expect(cart?.querySelector('.authz-text')?.textContent).toBe('DENY 1 · dry-run 1');
      expect(cart?.querySelector('.shield-bar')?.hasAttribute('d')).toBe(false);
      expect(nodeEl(g, 'istio-system/istio-ingressgateway')?.querySelector('.authz-text')?.textContent).toBe('ALLOW 1');
    });

    it('keeps the tag inside its node, below the badge', () => {
      for (const node of authzLayout().nodes.filter((n) => n.authz)) {
        const g = mountG();
        drawMeshGraph(authzLayout())(g);
        const tag = nodeEl(g, node.id)?.querySelector('g.authz');
        const [, x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(tag?.getAttribute('transform') ?? '') ?? [];
        expect(Number(x)).toBeGreaterThanOrEqual(-node.w / 2);
        expect(-Number(x)).toBeLessThanOrEqual(node.w / 2);
        expect(Number(y)).toBeGreaterThanOrEqual(-node.h / 2 + 35);
        expect(Number(y) + 15).toBeLessThanOrEqual(node.h / 2);
      }
    });

    it('adds the tag to frontend alone when frontend gets an allow-nothing policy, and takes it away again', async () => {
      vi.useFakeTimers();
      const g = mountG();
      const plain = () => layoutMeshGraph({ mesh: summarizeMesh(createDefaultWorld()), width: 700, height: 420 });
      drawMeshGraph(plain())(g);
      const allowNothing = layoutMeshGraph({ mesh: summarizeMesh(withAllowNothingFrontend(createDefaultWorld())), width: 700, height: 420 });
      const touched = touchedNodes(await mutationsDuring(g, () => drawMeshGraph(allowNothing)(g)));
      // Outside the nodes: the edges into frontend, which grew a row.
      expect(touched.filter((id) => id !== 'outside')).toEqual(['frontend/frontend']);
      expect(tagged(g)).toEqual(['frontend/frontend']);
      expect([...g.querySelectorAll('.changed')].map((el) => el.getAttribute('data-id'))).toEqual(['frontend/frontend']);
      expect(await mutationsDuring(g, () => drawMeshGraph(allowNothing)(g))).toEqual([]);
      expect(touchedNodes(await mutationsDuring(g, () => drawMeshGraph(plain())(g))).filter((id) => id !== 'outside')).toEqual(['frontend/frontend']);
      expect(tagged(g)).toEqual([]);
    });
  });
});
