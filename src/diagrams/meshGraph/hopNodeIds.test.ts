import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { GATEWAY_URL, LOAD_BALANCER_URL, browserGet, testcurlGet } from './diagramFixtures.ts';
import { endpointNodeId, hopNodeIds } from './hopNodeIds.ts';
import { layoutMeshGraph } from './layoutMeshGraph.ts';

const world = createDefaultWorld();
const layout = layoutMeshGraph({ mesh: summarizeMesh(world), width: 700, height: 420 });

describe('hopNodeIds', () => {
  it('maps every hop of a browser request through the ingress gateway to nodes', () => {
    const hops = browserGet(world, GATEWAY_URL).hops.map((h) => hopNodeIds(layout, h));
    expect(hops[0]).toEqual({ from: 'external/browser', to: 'istio-system/istio-ingressgateway' });
    expect(hops[1]).toEqual({ from: 'istio-system/istio-ingressgateway', to: 'frontend/frontend' });
    expect(hops.slice(2).map((h) => h?.to)).toEqual(['currency/currencyservice', 'product-catalog/productcatalogservice', 'cart/cartservice', 'ad/adservice']);
    expect(hops.every((h) => h && layout.byId.has(h.from) && layout.byId.has(h.to))).toBe(true);
  });

  it('passes through the LoadBalancer node for a hop via frontend-external', () => {
    const [first] = browserGet(world, LOAD_BALANCER_URL).hops;
    expect(first?.via).toBe('frontend/frontend-external');
    expect(first && hopNodeIds(layout, first)).toEqual({ from: 'external/browser', via: 'frontend/frontend-external', to: 'frontend/frontend' });
  });

  it('maps a bare pod by its name', () => {
    const [first] = testcurlGet(world, 'http://frontend.frontend/').hops;
    expect(first && hopNodeIds(layout, first)).toEqual({ from: 'default/testcurl', to: 'frontend/frontend' });
  });

  it('strips ReplicaSet and pod suffixes of pods other than the representative one', () => {
    expect(endpointNodeId(layout, 'cart/cartservice-7c9d8f6b5-zz9qk')).toBe('cart/cartservice');
    expect(endpointNodeId(layout, 'frontend/frontend-5bb4cb8587-hwc42/server')).toBe('frontend/frontend');
  });

  it('leaves unknown endpoints unmapped', () => {
    expect(endpointNodeId(layout, 'cart/redis-0')).toBeUndefined();
    expect(endpointNodeId(layout, 'elsewhere/cartservice-7c9d8f6b5-zz9qk')).toBeUndefined();
    expect(hopNodeIds(layout, { from: 'external/browser', to: 'nowhere/pod' })).toBeUndefined();
  });
});
