import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { GATEWAY_URL, browserGet, flowView, strictCartWorld, testcurlGet } from '../meshGraph/diagramFixtures.ts';
import { layoutMeshGraph } from '../meshGraph/layoutMeshGraph.ts';
import { flowMarker, flowPathSegments } from './flowMarker.ts';

describe('flowMarker', () => {
  const world = createDefaultWorld();
  const layout = layoutMeshGraph({ mesh: summarizeMesh(world), width: 1200, height: 420 });
  const trace = browserGet(world, GATEWAY_URL);

  it('moves along the current hop with progress', () => {
    const at = (progress: number) => flowMarker(layout, flowView(1, trace, { hopIndex: 1, progress }));
    const start = at(0);
    const end = at(1);
    expect(start?.x).toBeLessThan(at(0.5)?.x ?? -Infinity);
    expect(at(0.5)?.x).toBeLessThan(end?.x ?? -Infinity);
    expect(start).toMatchObject({ id: 1, status: 'moving', selected: false });
    expect(start?.breakMark).toBeUndefined();
  });

  it('rests a finished flow just short of the server, whatever the progress', () => {
    const done = flowMarker(layout, flowView(1, trace, { hopIndex: 1, progress: 0.2, status: 'ok' }));
    const frontend = layout.byId.get('frontend/frontend');
    expect(done?.status).toBe('ok');
    expect(done?.x).toBeGreaterThan(flowMarker(layout, flowView(1, trace, { hopIndex: 1, progress: 0.9 }))?.x ?? Infinity);
    expect(frontend && done && Math.hypot(done.x - (frontend.x - frontend.w / 2), done.y - frontend.y)).toBeCloseTo(8, 0);
  });

  it('stops a failed flow short of the server with a labelled break mark', () => {
    const strict = strictCartWorld();
    const strictLayout = layoutMeshGraph({ mesh: summarizeMesh(strict), width: 700, height: 420 });
    const reset = testcurlGet(strict, 'http://cartservice.cart:7070/');
    expect(reset.hops[0]?.outcome).toBe('reset');
    const marker = flowMarker(strictLayout, flowView(7, reset, { status: 'failed' }));
    const cart = strictLayout.byId.get('cart/cartservice');
    expect(marker?.status).toBe('failed');
    expect(marker?.breakMark?.label).toBe('reset');
    expect(marker && cart && marker.x + (marker.breakMark?.dx ?? 0)).toBeLessThan(cart ? cart.x - cart.w / 2 : 0);
    expect(marker?.breakMark?.dx).toBeGreaterThan(0);
    expect(marker?.title).toMatch(/failed, reset/);
  });

  it('is selected by its own flag or by the selected id', () => {
    expect(flowMarker(layout, flowView(3, trace, { selected: true }))?.selected).toBe(true);
    expect(flowMarker(layout, flowView(3, trace), 3)?.selected).toBe(true);
    expect(flowMarker(layout, flowView(3, trace), 4)?.selected).toBe(false);
  });

  it('skips a flow whose hop has no node', () => {
    expect(flowMarker(layout, flowView(1, trace, { hopIndex: 99 }))).toBeUndefined();
  });
});

describe('flowPathSegments', () => {
  it('lists the hops travelled so far with what the client sent on each', () => {
    const world = createDefaultWorld();
    const layout = layoutMeshGraph({ mesh: summarizeMesh(world), width: 1200, height: 420 });
    const segments = flowPathSegments(layout, flowView(2, browserGet(world, GATEWAY_URL), { hopIndex: 2, progress: 0.5 }));
    expect(segments.map((s) => [s.key, s.state, s.sends.text])).toEqual([
      ['2:0', 'done', 'plaintext'],
      ['2:1', 'done', 'mTLS'],
      ['2:2', 'current', 'mTLS'],
    ]);
  });
});
