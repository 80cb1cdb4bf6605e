// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { peerAuthentication } from '../../domain/testing/fixtures.ts';
import { simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import HandshakeView from './HandshakeView.svelte';

describe('HandshakeView', () => {
  it('lists every mTLS step with its direction for screen readers', () => {
    const world = createDefaultWorld();
    const hop = simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://34.136.92.187/' }).hops[1];
    render(HandshakeView, { props: { hop } });
    expect(screen.getByText('Istio mutual TLS')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: /^Handshake steps from istio-system\/istio-ingressgateway-.* to frontend\/frontend-.*:8080$/ });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim().split(' ').slice(0, 4).join(' '))).toEqual([
      'Client to server: TCP',
      'Client to server: ClientHello',
      'Server to client: ServerHello',
      'Server to client: CertificateRequest',
      'Client to server: Certificate',
      'Client, locally: Secure naming',
      'Client to server: Finished',
      'Client to server: HTTP',
      'Server to client: HTTP',
    ]);
    expect(items[1]).toHaveTextContent('SNI outbound_.80_._.frontend.frontend.svc.cluster.local; ALPN istio-peer-exchange, istio');
    expect(items[2]).toHaveTextContent('spiffe://cluster.local/ns/frontend/sa/frontend');
    expect(screen.queryByText(/Fails here/)).toBeNull();
  });

  it('shows a plaintext hop as plaintext and marks where the server resets it', () => {
    const world = createDefaultWorld();
    world.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } }));
    const [hop] = simulateRequest(world, { client: { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false }, url: 'http://frontend.frontend.svc.cluster.local/' }).hops;
    render(HandshakeView, { props: { hop } });
    expect(screen.getByText('Plaintext: no TLS on this hop')).toBeInTheDocument();
    const failing = screen.getByText(/Fails here/).closest('li');
    expect(failing).toHaveAttribute('data-failure', 'true');
    expect(failing).toHaveTextContent('Server to client: RST: no filter chain');
    expect(failing).toHaveTextContent('NR filter_chain_not_found');
  });

  it('speaks Japanese under a Japanese I18n, keeping protocol names and identities', () => {
    const world = createDefaultWorld();
    world.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } }));
    const [hop] = simulateRequest(world, { client: { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false }, url: 'http://frontend.frontend.svc.cluster.local/' }).hops;
    render(HandshakeView, { props: { hop }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByRole('heading', { name: 'ハンドシェイク' })).toBeInTheDocument();
    expect(screen.getByText('平文: このホップに TLS はありません')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: /^default\/testcurl から frontend\/frontend-.*:8080 へのハンドシェイクの手順$/ });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/^クライアント → サーバー:\s*TCP 接続/);
    const failing = screen.getByText(/ここで失敗/).closest('li');
    expect(failing).toHaveTextContent('サーバー → クライアント: RST: フィルターチェーンなし');
    expect(failing).toHaveTextContent('NR filter_chain_not_found');
  });

  it('asks for a hop when there is none', () => {
    render(HandshakeView, { props: { hop: undefined } });
    expect(screen.getByText('Select a request and a hop to see its handshake.')).toBeInTheDocument();
  });
});
