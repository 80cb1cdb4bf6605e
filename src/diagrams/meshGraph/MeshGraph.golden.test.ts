// @vitest-environment jsdom
/**
 * Golden SVGs of the mesh diagram (STYLE.md §14). On a mismatch the test writes
 * `__golden__/<name>-changed.svg`; review it, then replace the golden file with it (or run
 * `UPDATE_GOLDEN=1 npx vitest run src/diagrams`) and re-run. A missing golden file fails.
 */
import { render } from '@testing-library/svelte';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import type { World } from '../../domain/world.ts';
import type { FlowView } from '../../app/flowView.ts';
import { GATEWAY_URL, LOAD_BALANCER_URL, authzWorld, browserGet, flowView, strictCartWorld, testcurlGet } from './diagramFixtures.ts';
import { compareGolden, normalizeSvg } from './goldenSvg.ts';
import MeshGraph from './MeshGraph.svelte';

const GOLDEN_DIR = join(import.meta.dirname, '__golden__');

function expectGolden(name: string, world: World, flows: FlowView[]): void {
  // A laptop's mesh panel: full badges at scale 1.
  const { container } = render(MeshGraph, { mesh: summarizeMesh(world), flows, width: 960, height: 380 });
  const svg = container.querySelector('svg');
  if (!svg) throw new Error('MeshGraph rendered no <svg>');
  const result = compareGolden(GOLDEN_DIR, name, normalizeSvg(svg));
  expect(result.status, result.message).not.toBe('missing');
  expect(result.actual, result.message).toBe(result.expected);
}

describe('MeshGraph golden SVG', () => {
  it('default-world: the default mesh, a selected request through the gateway and one done via the LoadBalancer', () => {
    const world = createDefaultWorld();
    expectGolden('default-world', world, [
      flowView(1, browserGet(world, GATEWAY_URL), { hopIndex: 2, progress: 0.5, selected: true }),
      flowView(2, browserGet(world, LOAD_BALANCER_URL), { hopIndex: 0, status: 'ok' }),
    ]);
  });

  it('strict-cart: a STRICT namespace and a plaintext request reset by it', () => {
    const world = strictCartWorld();
    expectGolden('strict-cart', world, [flowView(1, testcurlGet(world, 'http://cartservice.cart:7070/'), { status: 'failed', selected: true })]);
  });

  it('authz: AuthorizationPolicy tags on frontend (allow-nothing), cartservice (DENY and a dry run) and the gateway (ALLOW), and a request denied at frontend', () => {
    const world = authzWorld();
    expectGolden('authz', world, [flowView(1, browserGet(world, GATEWAY_URL), { status: 'failed', selected: true })]);
  });
});
