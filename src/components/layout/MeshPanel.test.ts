// @vitest-environment jsdom
import { render } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseOptions } from '../../app/options.ts';
import { createMemoryStorage } from '../../app/persist/index.ts';
import { Playground } from '../../app/playground.svelte.ts';
import { WorkspaceView } from '../../app/workspaceView.svelte.ts';
import { mutationsDuring, touchedNodes } from '../../diagrams/meshGraph/diagramFixtures.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import MeshPanel from './MeshPanel.svelte';

let pg: Playground | undefined;
beforeEach(() => {
  // The panel measures its frame (bind:clientWidth); jsdom has no layout, so there is nothing to report.
  vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
});
afterEach(() => {
  pg?.dispose();
  pg = undefined;
  vi.unstubAllGlobals();
});

/** A sandbox's mesh panel, and a way to run a command in its terminal and let the views settle. */
async function panel() {
  const query = '?lang=en&mode=sandbox';
  const playground = new Playground(parseOptions(query), { search: query, hash: '', languages: ['en'], storage: createMemoryStorage() });
  pg = playground;
  const view = new WorkspaceView(playground);
  await view.start();
  const { container } = render(MeshPanel, { props: { pg: playground, view, sizing: 'width', minScale: 1, maxScale: 1 }, context: i18nContext(new I18n('en')) });
  const figure = container.querySelector('.mesh-graph');
  if (!figure) throw new Error('no diagram');
  const run = async (command: string) => {
    playground.sim.terminal.submit(command);
    await playground.sim.terminal.idle();
    await tick();
  };
  return { figure, run };
}

const MESH_WIDE_STRICT = 'kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\nEOF';

describe('MeshPanel', () => {
  it('changes nothing in the diagram for a command that changes nothing', async () => {
    const { figure, run } = await panel();
    expect(await mutationsDuring(figure, () => run('kubectl get ns'))).toEqual([]);
  });

  it('redraws only the sidecars for a mesh-wide policy', async () => {
    const { figure, run } = await panel();
    const sidecars = [...figure.querySelectorAll('g.node.mode-permissive')].map((n) => n.getAttribute('data-id') ?? '').sort();
    expect(sidecars.length).toBeGreaterThan(10);
    const touched = touchedNodes(await mutationsDuring(figure, () => run(MESH_WIDE_STRICT)));
    // Besides the nodes: the figure's accessible name and its text description, which name every mode.
    expect(touched).toEqual([...sidecars, 'outside'].sort());
    expect(figure.querySelectorAll('g.node.mode-strict')).toHaveLength(sidecars.length);
  });
});
