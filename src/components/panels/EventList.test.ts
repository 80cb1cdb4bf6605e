// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { SimEvent } from '../../app/simEvents.ts';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { peerAuthentication } from '../../domain/testing/fixtures.ts';
import { simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import { eventRow } from './eventRows.ts';
import EventList from './EventList.svelte';

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

function sampleEvents(): SimEvent[] {
  const world = createDefaultWorld();
  const ok = simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://35.202.118.74/', origin: 'browser' });
  world.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } }));
  const reset = simulateRequest(world, { client: { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false }, url: 'http://frontend.frontend.svc.cluster.local/' });
  const background = simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://34.136.92.187/', origin: 'background' });
  return [
    { id: 1, kind: 'request', origin: 'browser', time: T0, trace: ok },
    { id: 2, kind: 'config', time: T0 + 1000, command: 'kubectl apply -f mtls.yaml', changes: [{ action: 'created', kind: 'PeerAuthentication', namespace: 'frontend', name: 'default' }], summary: 'PeerAuthentication frontend/default created' },
    { id: 3, kind: 'request', origin: 'command', time: T0 + 2000, trace: reset },
    { id: 4, kind: 'request', origin: 'background', time: T0 + 3000, trace: background },
  ];
}

const ALL = { requests: true, config: true, background: true };

describe('EventList', () => {
  it('renders requests and config pushes with outcome text, code and selection', () => {
    render(EventList, { props: { events: sampleEvents(), selectedId: 3, filter: ALL, onFilterChange: vi.fn(), onSelect: vi.fn() } });
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(4);
    expect(options[0]).toHaveTextContent('09:00:00 GET http://35.202.118.74/ OK 200');
    expect(options[1]).toHaveTextContent('config kubectl apply -f mtls.yaml 1 change');
    expect(options[2]).toHaveTextContent('GET http://frontend.frontend.svc.cluster.local/ Connection reset 000');
    expect(options[2]).toHaveAttribute('aria-selected', 'true');
    expect(options[2]).toHaveAttribute('tabindex', '0');
    expect(options[0]).toHaveAttribute('aria-selected', 'false');
    expect(options[0]).toHaveAttribute('tabindex', '-1');
  });

  it('toggles a filter through onFilterChange and hides what the filter excludes', async () => {
    const onFilterChange = vi.fn();
    const { rerender } = render(EventList, { props: { events: sampleEvents(), filter: ALL, onFilterChange, onSelect: vi.fn() } });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Config changes' }));
    expect(onFilterChange).toHaveBeenCalledWith({ requests: true, config: false, background: true });
    await rerender({ filter: { requests: true, config: false, background: false } });
    expect(screen.getAllByRole('option').map((o) => o.dataset.id)).toEqual(['1', '3']);
    expect(screen.getByRole('checkbox', { name: 'Background traffic' })).not.toBeChecked();
  });

  it('selects by click and by keyboard', async () => {
    const onSelect = vi.fn();
    render(EventList, { props: { events: sampleEvents(), selectedId: 1, filter: ALL, onFilterChange: vi.fn(), onSelect } });
    const list = screen.getByRole('listbox', { name: 'Events' });
    const [first, , third] = within(list).getAllByRole('option');
    await fireEvent.click(third as HTMLElement);
    expect(onSelect).toHaveBeenLastCalledWith(3);
    await fireEvent.keyDown(first as HTMLElement, { key: 'ArrowDown' });
    expect(onSelect).toHaveBeenLastCalledWith(2);
    await fireEvent.keyDown(first as HTMLElement, { key: 'End' });
    expect(onSelect).toHaveBeenLastCalledWith(4);
    await fireEvent.keyDown(first as HTMLElement, { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith(1);
  });

  it('speaks Japanese under a Japanese I18n: filters, outcomes, config pushes and tooltips', () => {
    render(EventList, { props: { events: sampleEvents(), selectedId: 3, filter: ALL, onFilterChange: vi.fn(), onSelect: vi.fn() }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByRole('listbox', { name: 'イベント' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: '構成の変更' })).toBeChecked();
    const options = screen.getAllByRole('option');
    expect(options[1]).toHaveTextContent('構成 kubectl apply -f mtls.yaml 1 件の変更');
    expect(options[1]).toHaveAttribute('title', 'PeerAuthentication frontend/default を作成');
    expect(options[2]).toHaveTextContent('GET http://frontend.frontend.svc.cluster.local/ 接続リセット 000');
    expect(options[2]?.getAttribute('title')).toMatch(/^default\/testcurl → http:\/\/frontend\.frontend\.svc\.cluster\.local\/: 失敗: Recv failure: Connection reset by peer。frontend\/frontend-.*: 平文が STRICT のポートに届いた/);
  });

  it('titles rows in English by default: who asked for what, the result and the failing hop', () => {
    const [ok, config, reset, background] = sampleEvents().map((event) => eventRow(event).summary);
    expect(ok).toBe('Browser → http://35.202.118.74/: HTTP 200.');
    expect(config).toBe('PeerAuthentication frontend/default created');
    expect(reset).toMatch(/^default\/testcurl → http:\/\/frontend\.frontend\.svc\.cluster\.local\/: failed: Recv failure: Connection reset by peer\. frontend\/frontend-.*: plaintext reached a STRICT port/);
    expect(background).toMatch(/^loadgenerator → http:\/\/34\.136\.92\.187\/: /);
  });

  it('renders only the last 300 rows', () => {
    const [request] = sampleEvents();
    if (request?.kind !== 'request') throw new Error('expected a request');
    const many: SimEvent[] = Array.from({ length: 350 }, (_, i) => ({ ...request, id: i + 1 }));
    render(EventList, { props: { events: many, filter: ALL, onFilterChange: vi.fn(), onSelect: vi.fn() } });
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(300);
    expect(options[0]).toHaveAttribute('data-id', '51');
    expect(options.at(-1)).toHaveAttribute('tabindex', '0');
    expect(screen.getByText('Showing the last 300 of 350 events.')).toBeInTheDocument();
  });
});
