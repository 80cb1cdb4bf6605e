import { describe, expect, it } from 'vitest';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { strictCartWorld } from './diagramFixtures.ts';
import { ENGLISH } from '../../i18n/locale.ts';
import { I18n } from '../../i18n/i18n.svelte.ts';
import { describeLayout, describeMesh, meshAriaLabel } from './describeMesh.ts';
import { layoutMeshGraph } from './layoutMeshGraph.ts';

describe('describeMesh', () => {
  const mesh = summarizeMesh(strictCartWorld());

  it('writes one line per workload with its mode and the level it came from', () => {
    const lines = describeMesh(mesh).split('\n');
    expect(lines).toHaveLength(mesh.length);
    expect(lines).toContain('cart/cartservice: STRICT from the namespace level (PeerAuthentication cart/default (namespace level) sets STRICT).');
    expect(lines).toContain('default/testcurl: no sidecar, mTLS is not enforced.');
    expect(lines.find((l) => l.startsWith('frontend/frontend:'))).toMatch(/PERMISSIVE from the default level/);
  });

  it('reads the same from a layout of the mesh, in either language', () => {
    for (const tr of [ENGLISH, new I18n('ja')]) {
      expect(describeLayout(layoutMeshGraph({ mesh, width: 700, height: 420, tr }), tr)).toBe(describeMesh(mesh, tr));
    }
  });

  it('summarises the modes for the accessible name', () => {
    expect(meshAriaLabel(mesh, 2)).toBe('Mesh diagram: 11 workloads with sidecars (1 STRICT, 10 PERMISSIVE, 0 DISABLE), 3 without; 2 requests shown.');
  });
});
