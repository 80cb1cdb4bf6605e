import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { I18n } from '../../i18n/i18n.svelte.ts';
import { GATEWAY_URL, browserGet, flowView, strictCartWorld, testcurlGet } from '../meshGraph/diagramFixtures.ts';
import { layoutMeshGraph } from '../meshGraph/layoutMeshGraph.ts';
import { hopPath } from './flowGeometry.ts';
import { breakMarkOf, flowPathSegments, markerPoint, markerText } from './flowMarker.ts';

describe('markerPoint', () => {
  const world = createDefaultWorld();
  const layout = layoutMeshGraph({ mesh: summarizeMesh(world), width: 1200, height: 420 });
  const trace = browserGet(world, GATEWAY_URL);
  const hop = trace.hops[1];
  const path = hop && hopPath(layout, hop);
  if (!path) throw new Error('no route for the gateway → frontend hop');

  it('moves along the hop with progress', () => {
    const at = (progress: number) => markerPoint(path, 'moving', progress);
    expect(at(0).x).toBeLessThan(at(0.5).x);
    expect(at(0.5).x).toBeLessThan(at(1).x);
  });

  it('rests a finished flow just short of the server, whatever the progress', () => {
    const done = markerPoint(path, 'ok', 0.2);
    const frontend = layout.byId.get('frontend/frontend');
    expect(done.x).toBeGreaterThan(markerPoint(path, 'moving', 0.9).x);
    expect(frontend && Math.hypot(done.x - (frontend.x - frontend.w / 2), done.y - frontend.y)).toBeCloseTo(8, 0);
  });
});

describe('a failed marker', () => {
  const strict = strictCartWorld();
  const layout = layoutMeshGraph({ mesh: summarizeMesh(strict), width: 700, height: 420 });
  const reset = testcurlGet(strict, 'http://cartservice.cart:7070/');
  const hop = reset.hops[0];
  const path = hop && hopPath(layout, hop);
  if (!path) throw new Error('no route for testcurl → cartservice');

  it('stops short of the server with a labelled break mark between it and the server', () => {
    expect(hop?.outcome).toBe('reset');
    const text = markerText(flowView(7, reset, { status: 'failed' }), 0);
    expect(text?.label).toBe('reset');
    expect(text?.title).toMatch(/failed, reset/);
    const stop = markerPoint(path, 'failed', 0);
    const mark = breakMarkOf(path, 'reset');
    const cart = layout.byId.get('cart/cartservice');
    expect(mark.dx).toBeGreaterThan(0);
    expect(stop.x + mark.dx).toBeLessThan(cart ? cart.x - cart.w / 2 : 0);
  });
});

describe('markerText', () => {
  const world = createDefaultWorld();
  const trace = browserGet(world, GATEWAY_URL);

  it('builds a marker\'s words once per hop, status and language', () => {
    const flow = flowView(3, trace);
    const first = markerText(flow, 1);
    expect(first?.title).toMatch(/^Request 3: GET http:\/\/34.136.92.187\/, hop 2 of 6/);
    expect(markerText({ ...flow }, 1)).toBe(first);
    expect(markerText(flow, 2)).not.toBe(first);
    expect(markerText({ ...flow, status: 'ok' }, 1)?.title).toMatch(/succeeded, 200/);
    expect(markerText(flow, 1, new I18n('ja'))?.title).not.toBe(first?.title);
  });

  it('has none for a hop the trace does not have', () => {
    expect(markerText(flowView(1, trace), 99)).toBeUndefined();
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
