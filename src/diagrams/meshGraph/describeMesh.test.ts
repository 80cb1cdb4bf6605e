import { describe, expect, it } from 'vitest';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { strictCartWorld } from './diagramFixtures.ts';
import { ENGLISH } from '../../i18n/locale.ts';
import { I18n } from '../../i18n/i18n.svelte.ts';
import { compareText } from '../../domain/compareText.ts';
import type { Translator } from '../../i18n/locale.ts';
import { describeLayout, meshAriaLabel } from './describeMesh.ts';
import { layoutMeshGraph } from './layoutMeshGraph.ts';
import { describeWorkload } from './nodeBadge.ts';

describe('describeMesh', () => {
  const mesh = summarizeMesh(strictCartWorld());
  const layout = (tr: Translator) => layoutMeshGraph({ mesh, width: 700, height: 420, tr });

  it('writes one line per workload with its mode and the level it came from', () => {
    const lines = describeLayout(layout(ENGLISH)).split('\n');
    expect(lines).toHaveLength(mesh.length);
    expect(lines).toContain('cart/cartservice: STRICT from the namespace level (PeerAuthentication cart/default (namespace level) sets STRICT).');
    expect(lines).toContain('default/testcurl: no sidecar, mTLS is not enforced.');
    expect(lines.find((l) => l.startsWith('frontend/frontend:'))).toMatch(/PERMISSIVE from the default level/);
  });

  it('says of each workload what its badge says, in either language', () => {
    for (const tr of [ENGLISH, new I18n('ja')]) {
      const sorted = [...mesh].sort((a, b) => compareText(`${a.namespace}/${a.workload}`, `${b.namespace}/${b.workload}`));
      const fromMesh = sorted.map((w) => tr.t('diagram.sentence', { text: describeWorkload(w, tr) })).join('\n');
      expect(describeLayout(layout(tr), tr)).toBe(fromMesh);
    }
  });

  it('summarises the modes for the accessible name', () => {
    expect(meshAriaLabel(mesh, 2)).toBe('Mesh diagram: 11 workloads with sidecars (1 STRICT, 10 PERMISSIVE, 0 DISABLE), 3 without; 2 requests shown.');
  });
});
