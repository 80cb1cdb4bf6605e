// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { GATEWAY_URL, browserGet, flowView, strictCartWorld, testcurlGet, withAllowNothingFrontend } from './diagramFixtures.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import MeshGraph from './MeshGraph.svelte';

describe('MeshGraph', () => {
  const world = strictCartWorld();
  const mesh = summarizeMesh(world);
  const failed = flowView(1, testcurlGet(world, 'http://cartservice.cart:7070/'), { status: 'failed' });
  const moving = flowView(2, browserGet(world, GATEWAY_URL), { hopIndex: 1, progress: 0.5 });

  it('shows badges as text, with the level, for a STRICT namespace policy', () => {
    const { container } = render(MeshGraph, { mesh, flows: [], width: 960, height: 420 });
    const cart = container.querySelector('g.node[data-id="cart/cartservice"]');
    expect(cart?.textContent).toContain('STRICT');
    expect(cart?.textContent).toContain('namespace');
    expect(cart?.querySelector('title')?.textContent).toBe('cart/cartservice: STRICT from the namespace level (PeerAuthentication cart/default (namespace level) sets STRICT)');
    expect(container.querySelectorAll('.badge-mode')).toHaveLength(mesh.length + 3);
    expect([...container.querySelectorAll('.badge-mode')].filter((t) => t.textContent === 'PERMISSIVE')).toHaveLength(10);
  });

  it('is an image with a summary name and a plain-text description', () => {
    render(MeshGraph, { mesh, flows: [failed], width: 960, height: 420 });
    const img = screen.getByRole('img', { name: /1 STRICT, 10 PERMISSIVE, 0 DISABLE/ });
    expect(img.getAttribute('viewBox')).toBe('0 0 960 420');
    expect(img).toHaveAccessibleDescription(/cart\/cartservice: STRICT from the namespace level/);
  });

  it('fills its room at a readable scale, drops the levels where that is too narrow, and pans below that', () => {
    const drawn = (props: { width: number; height?: number; minScale?: number; maxScale?: number; fit?: boolean }) => {
      const { container, unmount } = render(MeshGraph, { mesh, flows: [], ...props });
      const svg = container.querySelector('svg');
      const figure = container.querySelector('figure');
      const result = { width: Number(svg?.getAttribute('width')), detail: figure?.dataset.detail, overflows: figure?.hasAttribute('data-overflows'), levels: container.querySelectorAll('.badge-level:not(:empty)').length };
      unmount();
      return result;
    };
    expect(drawn({ width: 960, height: 420 })).toEqual({ width: 960, detail: 'full', overflows: false, levels: 11 });
    expect(drawn({ width: 1400, height: 600, maxScale: 1.25 }).width).toBe(1400);
    expect(drawn({ width: 800, height: 420 })).toEqual({ width: 800, detail: 'compact', overflows: false, levels: 0 });
    expect(drawn({ width: 390, height: 300 })).toMatchObject({ detail: 'compact', overflows: true });
    expect(drawn({ width: 390, height: 300 }).width).toBeGreaterThan(700);
    expect(drawn({ width: 390, height: 300, fit: true })).toMatchObject({ width: 390, overflows: false });
  });

  it('draws a failed request as a diamond with a break mark, apart from a moving one', () => {
    const { container } = render(MeshGraph, { mesh, flows: [failed, moving], selectedFlowId: 1 });
    const fail = container.querySelector('g.flow[data-flow-id="1"]');
    expect(fail?.classList).toContain('selected');
    expect(fail?.querySelector('path.marker-failed')).not.toBeNull();
    expect(fail?.querySelector('.break-label')?.textContent).toBe('reset');
    expect(container.querySelector('g.flow[data-flow-id="2"] circle.marker-moving')).not.toBeNull();
    expect(container.querySelector('g.flow-hop.hop-failed .hop-sends-text')?.textContent).toBe('plaintext');
  });

  it('moves markers when flows change and reports selection clicks', async () => {
    const onSelectFlow = vi.fn();
    const { container, rerender } = render(MeshGraph, { mesh, flows: [moving], onSelectFlow });
    const el = container.querySelector('g.flow[data-flow-id="2"]');
    const before = el?.getAttribute('transform');
    await rerender({ mesh, flows: [{ ...moving, progress: 0.9 }], onSelectFlow });
    const after = container.querySelector('g.flow[data-flow-id="2"]');
    expect(after).toBe(el);
    expect(after?.getAttribute('transform')).not.toBe(before);
    if (after) await fireEvent.click(after);
    expect(onSelectFlow).toHaveBeenCalledWith(2);
  });

  it('labels badges, levels, markers and its text alternative in Japanese under a Japanese I18n', () => {
    const { container } = render(MeshGraph, { props: { mesh, flows: [failed], selectedFlowId: 1, width: 960, height: 420 }, context: i18nContext(new I18n('ja')) });
    const cart = container.querySelector('g.node[data-id="cart/cartservice"]');
    expect(cart?.querySelector('.badge-mode')?.textContent).toBe('STRICT');
    expect(cart?.querySelector('.badge-level')?.textContent).toBe('Namespace');
    expect(cart?.querySelector('title')?.textContent).toBe('cart/cartservice: Namespace レベルで STRICT（PeerAuthentication cart/default（Namespace レベル）が STRICT を設定）');
    expect(container.querySelector('g.node[data-id="default/testcurl"] .badge-mode')?.textContent).toBe('サイドカーなし');
    expect(container.querySelector('g.node[data-id="external/browser"] .node-label')?.textContent).toBe('ブラウザ');
    expect(container.querySelector('g.flow[data-flow-id="1"] .break-label')?.textContent).toBe('リセット');
    expect(container.querySelector('g.flow-hop .hop-sends-text')?.textContent).toBe('平文');
    const img = screen.getByRole('img', { name: /^メッシュ図: サイドカーのあるワークロード 11 個（STRICT 1、PERMISSIVE 10、DISABLE 0）/ });
    expect(img).toHaveAccessibleDescription(/cart\/cartservice: Namespace レベルで STRICT/);
  });

  it('sizes badges for the longest Japanese level, so none is squeezed', () => {
    const wl = summarizeMesh(strictCartWorld()).map((w) => (w.workloadMode ? { ...w, workloadMode: { ...w.workloadMode, level: 'workload' as const } } : w));
    const { container } = render(MeshGraph, { props: { mesh: wl, flows: [], width: 1000, height: 420 }, context: i18nContext(new I18n('ja')) });
    expect(container.querySelector('g.node[data-id="frontend/frontend"] .badge-level')?.textContent).toBe('ワークロード');
    expect(container.querySelector('[textLength]')).toBeNull();
  });

  it('marks frontend alone when an allow-nothing policy is applied there, and says so in its text alternative', async () => {
    const before = summarizeMesh(createDefaultWorld());
    const { container, rerender } = render(MeshGraph, { mesh: before, flows: [], width: 960, height: 420 });
    expect(container.querySelectorAll('g.authz')).toHaveLength(0);
    const frontendEl = container.querySelector('g.node[data-id="frontend/frontend"]');
    await rerender({ mesh: summarizeMesh(withAllowNothingFrontend(createDefaultWorld())), flows: [], width: 960, height: 420 });
    const tags = [...container.querySelectorAll('g.authz')];
    expect(tags.map((t) => t.closest('g.node')?.getAttribute('data-id'))).toEqual(['frontend/frontend']);
    expect(tags[0]?.closest('g.node')).toBe(frontendEl);
    expect(tags[0]?.textContent).toContain('allow-nothing');
    expect(screen.getByRole('img')).toHaveAccessibleDescription(/frontend\/frontend: PERMISSIVE .*; AuthorizationPolicy allows nothing here, so its proxy denies every request: frontend\/allow-nothing \(ALLOW\)\./);
  });

  it('tells an allow-nothing policy in Japanese under a Japanese I18n', () => {
    const mesh = summarizeMesh(withAllowNothingFrontend(createDefaultWorld()));
    const { container } = render(MeshGraph, { props: { mesh, flows: [], width: 960, height: 420 }, context: i18nContext(new I18n('ja')) });
    expect(container.querySelector('g.node[data-id="frontend/frontend"] .authz-text')?.textContent).toBe('すべて拒否');
    expect(screen.getByRole('img')).toHaveAccessibleDescription(/AuthorizationPolicy が何も許可しないため、プロキシはすべてのリクエストを拒否します: frontend\/allow-nothing（ALLOW）。/);
  });
});
