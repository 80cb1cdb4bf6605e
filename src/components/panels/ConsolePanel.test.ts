// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { BOUTIQUE_NAMESPACES } from '../../domain/cluster/boutique.ts';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { peerAuthentication } from '../../domain/testing/fixtures.ts';
import type { World } from '../../domain/world.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import ConsolePanel from './ConsolePanel.svelte';

function meshOf(setup: (w: World) => void = () => {}) {
  const world = createDefaultWorld();
  setup(world);
  return summarizeMesh(world);
}

const rowOf = (name: string) => screen.getByRole('rowheader', { name }).closest('tr') as HTMLElement;

/** A cell's text as a screen reader reads it: decorative shapes are aria-hidden. */
function spoken(el: HTMLElement): string {
  const copy = el.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('ConsolePanel', () => {
  it('shows the Workloads table with the console columns and Permissive everywhere by default', () => {
    render(ConsolePanel, { props: { mesh: meshOf() } });
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Name', 'Namespace', 'Type', 'Kubernetes network policy', 'Service access control', 'mTLS details',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('mTLS is permissive for all workloads');
    expect(within(rowOf('frontend')).getAllByRole('cell').map(spoken)).toEqual(['frontend', 'Deployment', '-', 'Disabled', 'Permissive']);
    expect(within(rowOf('testcurl')).getAllByRole('cell').map(spoken)).toEqual(['default', 'Pod', '-', 'Disabled', '-']);
    expect(screen.queryByRole('rowheader', { name: 'istiod' })).toBeNull();
  });

  it('says strict for all workloads under namespace STRICT everywhere', () => {
    render(ConsolePanel, { props: { mesh: meshOf((w) => { for (const ns of BOUTIQUE_NAMESPACES) w.put(peerAuthentication(ns, 'namespace-policy', { mtls: { mode: 'STRICT' } })); }) } });
    expect(screen.getByRole('status')).toHaveTextContent('mTLS is strict for all workloads');
    expect(within(rowOf('cartservice')).getByText('Strict')).toBeInTheDocument();
  });

  it('counts strict workloads when only frontend is STRICT', () => {
    render(ConsolePanel, { props: { mesh: meshOf((w) => w.put(peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' } }))) } });
    expect(screen.getByRole('status')).toHaveTextContent(`mTLS is strict for 1 of ${BOUTIQUE_NAMESPACES.length} workloads`);
    expect(within(rowOf('frontend')).getByText('Strict')).toBeInTheDocument();
    expect(within(rowOf('adservice')).getByText('Permissive')).toBeInTheDocument();
  });

  it('speaks Japanese under a Japanese I18n, keeping kinds and the console mode names', () => {
    render(ConsolePanel, {
      props: { mesh: meshOf((w) => w.put(peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' } }))) },
      context: i18nContext(new I18n('ja')),
    });
    expect(screen.getByRole('heading', { name: 'セキュリティ' })).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      '名前', 'Namespace', 'タイプ', 'Kubernetes ネットワーク ポリシー', 'サービスのアクセス制御', 'mTLS の詳細',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent(`${BOUTIQUE_NAMESPACES.length} 個のワークロードのうち 1 個で mTLS は Strict です`);
    expect(within(rowOf('frontend')).getAllByRole('cell').map(spoken)).toEqual(['frontend', 'Deployment', '-', '無効', 'Strict']);
    expect(screen.getByRole('checkbox', { name: 'システム オブジェクトを表示' })).not.toBeChecked();
  });

  it('shows system workloads on request', async () => {
    render(ConsolePanel, { props: { mesh: meshOf() } });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Show system objects' }));
    expect(within(rowOf('istiod')).getAllByRole('cell').at(-1)).toHaveTextContent('-');
    expect(within(rowOf('istio-ingressgateway')).getAllByRole('cell').at(-1)).toHaveTextContent('-');
  });
});
