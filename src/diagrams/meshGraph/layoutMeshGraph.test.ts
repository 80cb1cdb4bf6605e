import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { peerAuthentication } from '../../domain/testing/fixtures.ts';
import { meshWideStrictWorld, strictCartWorld } from './diagramFixtures.ts';
import { I18n } from '../../i18n/i18n.svelte.ts';
import { layoutMeshGraph } from './layoutMeshGraph.ts';
import { TEXT } from './metrics.ts';
import { textWidth } from './textWidth.ts';
import type { MeshLayout } from './types.ts';

const defaultLayout = () => layoutMeshGraph({ mesh: summarizeMesh(createDefaultWorld()), width: 960, height: 420 });

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
const nodeRect = (n: { x: number; y: number; w: number; h: number }): Rect => ({ x: n.x - n.w / 2, y: n.y - n.h / 2, w: n.w, h: n.h });
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

function expectNoOverlaps(layout: MeshLayout): void {
  const nodes = layout.nodes.map(nodeRect);
  nodes.forEach((a, i) => nodes.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
  layout.groups.forEach((a, i) => layout.groups.slice(i + 1).forEach((b) => expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false)));
  const bounds = { x: 0, y: 0, w: layout.width, h: layout.height };
  for (const n of layout.nodes) expect(inside(nodeRect(n), bounds), n.id).toBe(true);
  for (const g of layout.groups) expect(inside(g, bounds), g.id).toBe(true);
}

/** An extra Deployment with a sidecar and no policy, as `kubectl create deployment` would add. */
function extraWorkload(namespace: string, workload: string): WorkloadMtls {
  const decision = { mode: 'PERMISSIVE' as const, level: 'default' as const, reason: { code: 'default', text: 'default', params: {}, causes: [] }, considered: [] };
  return { namespace, workload, kind: 'Deployment', pod: `${workload}-6f9c7d8b5-abcde`, sidecar: true, gateway: false, workloadMode: decision, ports: [{ port: 8080, decision }] };
}

describe('layoutMeshGraph', () => {
  it('places every workload of the default world, plus the outside actors and the LoadBalancer', () => {
    const mesh = summarizeMesh(createDefaultWorld());
    const ids = defaultLayout().nodes.map((n) => n.id);
    for (const w of mesh) expect(ids).toContain(`${w.namespace}/${w.workload}`);
    expect(ids).toEqual(expect.arrayContaining(['external/browser', 'external/cloudshell', 'frontend/frontend-external', 'istio-system/istio-ingressgateway']));
    expect(ids).toHaveLength(mesh.length + 3);
  });

  it('is deterministic', () => {
    expect(defaultLayout()).toEqual(defaultLayout());
  });

  it('fits 960×420 without overlapping nodes or namespace boxes', () => {
    const layout = defaultLayout();
    expect([layout.width, layout.height]).toEqual([960, 420]);
    expectNoOverlaps(layout);
  });

  it('puts nodes that share a namespace in a column in its box, and names a lone one on its border', () => {
    const layout = defaultLayout();
    for (const n of layout.nodes.filter((n) => n.kind !== 'external' && n.kind !== 'loadbalancer')) {
      const box = layout.groups.find((g) => g.id === `ns:${n.namespace}:${n.column}`);
      if (box) expect(inside(nodeRect(n), box), n.id).toBe(true);
      else expect(n.legend, n.id).toBe(n.namespace);
    }
    expect(layout.groups.map((g) => g.id)).toEqual(['ns:istio-system:1']);
    expect(layout.byId.get('istio-system/istiod')?.legend).toBeUndefined();
  });

  it('makes every node wide enough for its label and its widest badge, in either language', () => {
    for (const tr of [undefined, new I18n('ja')]) {
      const layout = layoutMeshGraph({ mesh: summarizeMesh(createDefaultWorld()), width: 0, height: 0, ...(tr ? { tr } : {}) });
      for (const n of layout.nodes) expect(n.w, n.id).toBeGreaterThanOrEqual(textWidth(n.label, TEXT.label, 'bold') + 14);
      const pill = textWidth('PERMISSIVE', TEXT.mode, 'bold') + textWidth(tr ? 'ワークロード' : 'namespace', TEXT.level);
      expect(layout.byId.get('cart/cartservice')?.w).toBeGreaterThan(pill);
    }
  });

  it('is narrower with compact badges (no level), and as tall', () => {
    const mesh = summarizeMesh(createDefaultWorld());
    const full = layoutMeshGraph({ mesh, width: 0, height: 0 });
    const compact = layoutMeshGraph({ mesh, width: 0, height: 0, detail: 'compact' });
    expect([full.detail, compact.detail]).toEqual(['full', 'compact']);
    expect(compact.width).toBeLessThan(full.width - 100);
    expect(compact.height).toBe(full.height);
    expectNoOverlaps(compact);
  });

  it('layers outside world → edge → frontend → mid tier → leaf services, left to right', () => {
    const x = (id: string) => defaultLayout().byId.get(id)?.x ?? NaN;
    const chain = ['external/browser', 'istio-system/istio-ingressgateway', 'frontend/frontend', 'checkout/checkoutservice', 'cart/cartservice'].map(x);
    expect(chain).toEqual([...chain].sort((a, b) => a - b));
    expect(new Set(chain).size).toBe(5);
    expect(x('frontend/frontend-external')).toBe(x('default/testcurl'));
    expect(x('recommendation/recommendationservice')).toBe(x('checkout/checkoutservice'));
  });

  it('draws the Online Boutique call graph, with testcurl as a dashed probe', () => {
    const edges = new Map(defaultLayout().edges.map((e) => [e.id, e.kind]));
    for (const to of ['currency/currencyservice', 'product-catalog/productcatalogservice', 'cart/cartservice', 'recommendation/recommendationservice', 'shipping/shippingservice', 'checkout/checkoutservice', 'ad/adservice']) {
      expect(edges.get(`frontend/frontend->${to}`)).toBe('call');
    }
    for (const to of ['product-catalog/productcatalogservice', 'shipping/shippingservice', 'payment/paymentservice', 'email/emailservice', 'currency/currencyservice', 'cart/cartservice']) {
      expect(edges.get(`checkout/checkoutservice->${to}`)).toBe('call');
    }
    expect(edges.get('recommendation/recommendationservice->product-catalog/productcatalogservice')).toBe('call');
    expect(edges.get('loadgenerator/loadgenerator->frontend/frontend')).toBe('call');
    expect(edges.get('default/testcurl->frontend/frontend')).toBe('probe');
    for (const from of ['external/browser', 'external/cloudshell']) {
      expect(edges.get(`${from}->frontend/frontend-external`)).toBe('ingress');
      expect(edges.get(`${from}->istio-system/istio-ingressgateway`)).toBe('ingress');
    }
    expect(edges.get('frontend/frontend-external->frontend/frontend')).toBe('ingress');
    expect(edges.get('istio-system/istio-ingressgateway->frontend/frontend')).toBe('ingress');
    expect(edges.size).toBe(22);
  });

  it('gives each node a badge with its mode and level, by shape key and text', () => {
    const badges = Object.fromEntries(layoutMeshGraph({ mesh: summarizeMesh(strictCartWorld()), width: 960, height: 420 }).nodes.map((n) => [n.id, n.badge]));
    expect(badges['cart/cartservice']).toEqual({ mode: 'strict', text: 'STRICT', level: 'namespace', overrides: [] });
    expect(badges['frontend/frontend']).toEqual({ mode: 'permissive', text: 'PERMISSIVE', level: 'default', overrides: [] });
    expect(badges['default/testcurl']).toEqual({ mode: 'nosidecar', text: 'no sidecar', overrides: [] });
    expect(badges['istio-system/istio-ingressgateway']?.mode).toBe('gateway');
  });

  it('lists port-level overrides and makes room for them', () => {
    const world = createDefaultWorld();
    world.put(peerAuthentication('email', 'default', { selector: { matchLabels: { app: 'emailservice' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'DISABLE' } } }));
    const layout = layoutMeshGraph({ mesh: summarizeMesh(world), width: 960, height: 420 });
    const email = layout.byId.get('email/emailservice');
    expect(email?.badge).toMatchObject({ text: 'STRICT', level: 'workload', overrides: ['8080: DISABLE'] });
    expect(email?.h).toBeGreaterThan(layout.byId.get('cart/cartservice')?.h ?? Infinity);
    expectNoOverlaps(layout);
  });

  it('moves nothing when a mode changes', () => {
    const pos = (l: MeshLayout) => l.nodes.map((n) => [n.id, n.x, n.y]);
    expect(pos(layoutMeshGraph({ mesh: summarizeMesh(strictCartWorld()), width: 960, height: 420 }))).toEqual(pos(defaultLayout()));
  });

  it('reuses the placement of a mesh whose badges changed, and only of such a mesh', () => {
    const before = defaultLayout();
    const after = layoutMeshGraph({ mesh: summarizeMesh(meshWideStrictWorld()), width: 960, height: 420 });
    expect(after.byId.get('cart/cartservice')?.badge).toMatchObject({ mode: 'strict', level: 'mesh' });
    expect(after.geometry).toBe(before.geometry);
    expect(after.edges).toBe(before.edges);
    expect(after.groups).toBe(before.groups);
    const grown = layoutMeshGraph({ mesh: [...summarizeMesh(createDefaultWorld()), extraWorkload('extra', 'api')], width: 960, height: 420 });
    expect(grown.geometry).not.toBe(before.geometry);
    expect(layoutMeshGraph({ mesh: summarizeMesh(createDefaultWorld()), width: 1000, height: 420 }).geometry).not.toBe(before.geometry);
  });

  it('places unknown workloads and grows instead of overlapping when a column is full', () => {
    const mesh = [...summarizeMesh(createDefaultWorld()), ...Array.from({ length: 8 }, (_, i) => extraWorkload(i < 4 ? 'extra' : 'frontend', `api${i}`))];
    const layout = layoutMeshGraph({ mesh, width: 960, height: 420 });
    for (let i = 0; i < 8; i++) expect(layout.byId.get(`${i < 4 ? 'extra' : 'frontend'}/api${i}`)?.column).toBe(3);
    expect(layout.height).toBeGreaterThan(420);
    expectNoOverlaps(layout);
    // The four `extra` workloads share one box.
    expect(layout.groups.filter((g) => g.namespace === 'extra')).toHaveLength(1);
  });

  it('grows to its minimum width when asked for less', () => {
    const layout = layoutMeshGraph({ mesh: summarizeMesh(createDefaultWorld()), width: 300, height: 200 });
    expect(layout.width).toBeGreaterThan(300);
    expectNoOverlaps(layout);
  });
});
