// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseOptions } from '../../app/options.ts';
import { createMemoryStorage } from '../../app/persist/index.ts';
import { Playground } from '../../app/playground.svelte.ts';
import { i18nContext } from '../../i18n/i18n.svelte.ts';
import BuilderEntry from './BuilderEntry.svelte';
import BuilderPanel from './BuilderPanel.svelte';

const STRICT = 'kubectl apply -n frontend -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\nspec:\n  mtls:\n    mode: STRICT\nEOF';
const CURL = "kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' http://frontend.frontend.svc.cluster.local/";

let pg: Playground | undefined;
afterEach(() => {
  pg?.dispose();
  pg = undefined;
  document.body.replaceChildren();
});

async function sandbox(lang = 'en') {
  const query = `?lang=${lang}&mode=sandbox`;
  pg = new Playground(parseOptions(query), { search: query, hash: '', languages: [lang], storage: createMemoryStorage() });
  await pg.start();
  pg.sim.terminal.sliceMs = Infinity;
  return pg;
}

describe('BuilderPanel', () => {
  it('captures the start, turns two requests into checks, proves the draft and offers the file', async () => {
    const pg = await sandbox();
    const onClose = vi.fn();
    render(BuilderPanel, { props: { pg, onClose } });
    expect(screen.getByRole('dialog', { name: 'Create a scenario' })).toBeInTheDocument();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Create a scenario' }));

    await fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Lock the frontend' } });
    await fireEvent.input(screen.getByLabelText('Summary (Markdown)'), { target: { value: 'Make it STRICT.' } });
    expect(screen.getByLabelText('Id')).toHaveAttribute('placeholder', 'lock-the-frontend');
    await fireEvent.click(screen.getByRole('button', { name: 'Capture the start' }));
    expect(screen.getByText('The start is the default cluster, unchanged.')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: '+ Add a step' }));
    await fireEvent.input(screen.getByLabelText('Step title'), { target: { value: 'Make frontend STRICT' } });
    await fireEvent.input(screen.getByLabelText('What to do (Markdown)'), { target: { value: 'Apply a policy and curl.' } });

    pg.sim.terminal.submit(STRICT);
    pg.sim.terminal.submit(CURL);
    pg.sim.browse('http://34.136.92.187/');
    const require = await screen.findAllByRole('button', { name: /^Require this request/ });
    expect(require).toHaveLength(2);
    expect(require[0]).toHaveAccessibleName(/default\/testcurl → http:\/\/frontend\.frontend\.svc\.cluster\.local\/, a reset/);
    await fireEvent.click(require[0]!);
    // A browser refresh is no command a solution can run: that check asks for the world now.
    await fireEvent.change(screen.getByLabelText('A request check asks'), { target: { value: 'now' } });
    await fireEvent.click(require[1]!);
    const checks = screen.getByRole('list', { name: 'Checks' });
    expect(checks).toHaveTextContent('default/testcurl → http://frontend.frontend.svc.cluster.local/: is reset (made by the learner)');
    expect(checks).toHaveTextContent('browser → http://34.136.92.187/: succeeds over mTLS (now)');
    await fireEvent.click(screen.getByRole('button', { name: /Require that PeerAuthentication frontend\/default exists/ }));
    expect(screen.getByLabelText('Solution')).toHaveValue(`${STRICT}\n${CURL}`);

    // The step offers no command yet: the loader's error is listed.
    await fireEvent.click(screen.getByRole('button', { name: 'Prove' }));
    await waitFor(() => expect(screen.getByText('The scenario cannot be read yet:')).toBeInTheDocument());
    await fireEvent.click(screen.getByRole('button', { name: /^Offer this command: kubectl exec testcurl/ }));
    expect(screen.getByLabelText('Command 1')).toHaveValue(CURL);
    await fireEvent.click(screen.getByRole('button', { name: 'Prove' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/Proved in \d+ ms/));

    expect(screen.getByRole('link', { name: 'Download lock-the-frontend.md' })).toHaveAttribute('download', 'lock-the-frontend.md');
    await fireEvent.keyDown(screen.getByLabelText('Step title'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('speaks Japanese', async () => {
    const pg = await sandbox('ja');
    render(BuilderPanel, { props: { pg, onClose: () => {} }, context: i18nContext(pg.i18n) });
    expect(screen.getByRole('dialog', { name: 'シナリオを作る' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '開始状態を取り込む' })).toBeInTheDocument();
  });

  it('opens from its entry and gives the focus back when it closes', async () => {
    const pg = await sandbox();
    render(BuilderEntry, { props: { pg } });
    const entry = screen.getByRole('button', { name: /Create a scenario/ });
    await fireEvent.click(entry);
    const dialog = await screen.findByRole('dialog', { name: 'Create a scenario' });
    await fireEvent.click(screen.getByRole('button', { name: 'Close the scenario builder' }));
    expect(dialog).not.toBeInTheDocument();
    expect(document.activeElement).toBe(entry);
  });
});
