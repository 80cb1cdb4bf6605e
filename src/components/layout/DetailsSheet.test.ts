// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { parseOptions } from '../../app/options.ts';
import { createMemoryStorage } from '../../app/persist/index.ts';
import { Playground } from '../../app/playground.svelte.ts';
import { WorkspaceView } from '../../app/workspaceView.svelte.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import DetailsSheet from './DetailsSheet.svelte';

let pg: Playground | undefined;
afterEach(() => {
  pg?.dispose();
  pg = undefined;
});

/** A sandbox and its details drawer. */
async function sheet(orientation: 'rail' | 'row' | 'stack' = 'rail') {
  const query = '?lang=en&mode=sandbox';
  pg = new Playground(parseOptions(query), { search: query, hash: '', languages: ['en'], storage: createMemoryStorage() });
  const view = new WorkspaceView(pg);
  await view.start();
  render(DetailsSheet, { props: { pg, view, orientation }, context: i18nContext(new I18n('en')) });
  return { pg, view };
}

describe('DetailsSheet', () => {
  it('is a region of tabs with no drawer until a tab is pressed; pressing it again closes it', async () => {
    const { view } = await sheet();
    expect(view.ready).toBe(true);
    const details = screen.getByRole('region', { name: 'Details' });
    expect(within(details).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Events', 'Why', 'Handshake', 'Matrix', 'Time machine', 'Console']);
    expect(screen.queryByRole('tabpanel')).toBeNull();
    // The selected view is the one in the tab order, even while closed.
    expect(screen.getByRole('tab', { name: 'Why' })).toHaveAttribute('tabindex', '0');
    await fireEvent.click(screen.getByRole('tab', { name: 'Matrix' }));
    expect(screen.getByRole('tabpanel')).toHaveTextContent('Request matrix');
    expect(screen.getByRole('tab', { name: 'Matrix' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Matrix' })).toHaveAttribute('aria-controls', 'tabpanel-matrix');
    await fireEvent.click(screen.getByRole('tab', { name: 'Matrix' }));
    expect(screen.queryByRole('tabpanel')).toBeNull();
    // A closed tab controls nothing (no reference to a missing panel).
    expect(screen.getByRole('tab', { name: 'Matrix' })).not.toHaveAttribute('aria-controls');
  });

  it('shows the selected request in one sentence next to the list, with the chain and the handshake a press away', async () => {
    const { pg, view } = await sheet();
    pg.sim.terminal.submit('kubectl apply -n frontend -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: strict\nspec:\n  mtls:\n    mode: STRICT\nEOF');
    pg.sim.terminal.submit("kubectl exec testcurl -- curl -s http://frontend.frontend.svc.cluster.local/");
    const request = pg.sim.events.findLast((e) => e.kind === 'request');
    if (!request) throw new Error('no request');
    view.inspect(request.id);
    await Promise.resolve();
    const verdict = await screen.findByRole('group', { name: 'Selected request' });
    expect(verdict).toHaveTextContent(/plaintext to a STRICT server/);
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    await fireEvent.click(within(verdict).getByRole('button', { name: /Watch the handshake/ }));
    expect(screen.getByRole('tab', { name: 'Handshake' })).toHaveAttribute('aria-selected', 'true');
    // Inspecting another request keeps a view of the request open.
    view.inspect(request.id);
    expect(view.tab).toBe('handshake');
  });

  it('moves along its tabs with the arrow keys, and Esc closes the drawer', async () => {
    await sheet('row');
    const why = screen.getByRole('tab', { name: 'Why' });
    await fireEvent.click(why);
    await fireEvent.keyDown(why, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Handshake' })).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(screen.getByRole('tab', { name: 'Handshake' }), { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Console' })).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(screen.getByRole('tabpanel'), { key: 'Escape' });
    expect(screen.queryByRole('tabpanel')).toBeNull();
    expect(screen.getByRole('tab', { name: 'Console' })).toHaveFocus();
  });
});
