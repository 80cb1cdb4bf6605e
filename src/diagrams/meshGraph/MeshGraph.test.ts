// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { GATEWAY_URL, browserGet, flowView, strictCartWorld, testcurlGet } from './diagramFixtures.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import MeshGraph from './MeshGraph.svelte';

describe('MeshGraph', () => {
  const world = strictCartWorld();
  const mesh = summarizeMesh(world);
  const failed = flowView(1, testcurlGet(world, 'http://cartservice.cart:7070/'), { status: 'failed' });
  const moving = flowView(2, browserGet(world, GATEWAY_URL), { hopIndex: 1, progress: 0.5 });

  it('shows badges as text, with the level, for a STRICT namespace policy', () => {
    const { container } = render(MeshGraph, { mesh, flows: [] });
    const cart = container.querySelector('g.node[data-id="cart/cartservice"]');
    expect(cart?.textContent).toContain('STRICT');
    expect(cart?.textContent).toContain('namespace');
    expect(cart?.querySelector('title')?.textContent).toBe('cart/cartservice: STRICT from the namespace level (PeerAuthentication cart/default (namespace level) sets STRICT)');
    expect(container.querySelectorAll('.badge-mode')).toHaveLength(mesh.length + 3);
    expect([...container.querySelectorAll('.badge-mode')].filter((t) => t.textContent === 'PERMISSIVE')).toHaveLength(10);
  });

  it('is an image with a summary name and a plain-text description', () => {
    render(MeshGraph, { mesh, flows: [failed] });
    const img = screen.getByRole('img', { name: /1 STRICT, 10 PERMISSIVE, 0 DISABLE/ });
    expect(img.getAttribute('viewBox')).toBe('0 0 700 420');
    expect(img).toHaveAccessibleDescription(/cart\/cartservice: STRICT from the namespace level/);
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
    const { container } = render(MeshGraph, { props: { mesh, flows: [failed], selectedFlowId: 1 }, context: i18nContext(new I18n('ja')) });
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

  it('squeezes a long Japanese level into the badge, and never an English one', () => {
    const wl = summarizeMesh(strictCartWorld()).map((w) => (w.workloadMode ? { ...w, workloadMode: { ...w.workloadMode, level: 'workload' as const } } : w));
    const { container, unmount } = render(MeshGraph, { props: { mesh: wl, flows: [] }, context: i18nContext(new I18n('ja')) });
    const level = container.querySelector('g.node[data-id="frontend/frontend"] .badge-level');
    expect(level?.textContent).toBe('ワークロード');
    expect(level?.getAttribute('lengthAdjust')).toBe('spacingAndGlyphs');
    unmount();
    const english = render(MeshGraph, { props: { mesh: wl, flows: [] } });
    expect(english.container.querySelector('[textLength]')).toBeNull();
  });
});
