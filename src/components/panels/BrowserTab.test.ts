// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { destinationRule, peerAuthentication } from '../../domain/testing/fixtures.ts';
import { simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import BrowserTab from './BrowserTab.svelte';

const ADDRESSES = [
  { name: 'frontend/frontend-external', ip: '35.202.118.74' },
  { name: 'istio-system/istio-ingressgateway', ip: '34.136.92.187' },
];

function browse(url: string, setup: (w: World) => void = () => {}): Trace {
  const world = createDefaultWorld();
  setup(world);
  return simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url, origin: 'browser' });
}

function show(trace: Trace | undefined, url = trace?.url ?? 'http://35.202.118.74/') {
  const onNavigate = vi.fn();
  const onRefresh = vi.fn();
  render(BrowserTab, { props: { addresses: ADDRESSES, url, trace, onNavigate, onRefresh } });
  return { onNavigate, onRefresh };
}

describe('BrowserTab', () => {
  it("shows Chrome's connection-reset page when STRICT resets the browser", () => {
    const { onRefresh } = show(browse('http://35.202.118.74/', (w) => w.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } }))));
    expect(screen.getByRole('heading', { name: 'This site can\u2019t be reached' })).toBeInTheDocument();
    for (const text of ['The connection was reset.', 'Try:', 'Checking the connection', 'Checking the proxy and the firewall', 'ERR_CONNECTION_RESET']) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    return fireEvent.click(screen.getByRole('button', { name: 'Reload' })).then(() => expect(onRefresh).toHaveBeenCalledOnce());
  });

  it("shows Chrome's error page in Japanese under a Japanese I18n, with the same error code", () => {
    const trace = browse('http://35.202.118.74/', (w) => w.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } })));
    render(BrowserTab, { props: { addresses: ADDRESSES, url: trace.url, trace, onNavigate: vi.fn(), onRefresh: vi.fn() }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByRole('heading', { name: 'このサイトにアクセスできません' })).toBeInTheDocument();
    for (const text of ['接続がリセットされました。', '次をお試しください:', '接続を確認する', 'プロキシとファイアウォールを確認する', 'ERR_CONNECTION_RESET']) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.getAllByRole('button', { name: '再読み込み' })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'このページを再読み込み' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'アドレス' })).toHaveValue('http://35.202.118.74/');
  });

  it('puts the host first in Japanese too, and leaves the storefront as the server sends it', () => {
    const refused = browse('https://34.136.92.187/');
    const { unmount } = render(BrowserTab, { props: { addresses: ADDRESSES, url: refused.url, trace: refused, onNavigate: vi.fn(), onRefresh: vi.fn() }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByText('で接続が拒否されました。', { exact: false })).toHaveTextContent('34.136.92.187 で接続が拒否されました。');
    unmount();
    const shop = browse('http://34.136.92.187/');
    render(BrowserTab, { props: { addresses: ADDRESSES, url: shop.url, trace: shop, onNavigate: vi.fn(), onRefresh: vi.fn() }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByRole('heading', { name: 'Hot Products' })).toBeInTheDocument();
    expect(screen.getByText('Sunglasses')).toBeInTheDocument();
  });

  it('calls onRefresh from the labelled toolbar button', async () => {
    const { onRefresh } = show(undefined);
    await fireEvent.click(screen.getByRole('button', { name: 'Reload this page' }));
    expect(onRefresh).toHaveBeenCalledOnce();
  });

  it('renders the storefront with the catalog and prices', () => {
    show(browse('http://34.136.92.187/'));
    expect(screen.getByRole('heading', { name: 'Online Boutique' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Hot Products' })).toBeInTheDocument();
    expect(screen.getByText('Sunglasses').parentElement).toHaveTextContent('$19.99');
    expect(screen.getByText('Salt & Pepper Shakers').parentElement).toHaveTextContent('$18.49');
    expect(screen.getAllByRole('listitem')).toHaveLength(9);
  });

  it("renders the frontend's error page with the detail as text", () => {
    show(browse('http://34.136.92.187/', (w) => {
      w.put(peerAuthentication('currency', 'default', { mtls: { mode: 'STRICT' } }));
      w.put(destinationRule('frontend', 'plain', { host: 'currencyservice.currency.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    }));
    expect(screen.getByRole('heading', { name: 'Uh, oh!' })).toBeInTheDocument();
    expect(screen.getByText('Something has failed. Below are some details for debugging.')).toBeInTheDocument();
    expect(screen.getByText('HTTP Status:').parentElement).toHaveTextContent('HTTP Status: 500 Internal Server Error');
    expect(screen.getByText(/^could not retrieve currencies: rpc error/)).toBeInTheDocument();
  });

  it('never renders markup from the response body', () => {
    const trace: Trace = { ...browse('http://34.136.92.187/'), page: 'error-page', httpCode: 500, body: '<main><pre>&lt;img src=x onerror=alert(1)&gt; &amp; more</pre><img src="y"></main>' };
    const { container } = render(BrowserTab, { props: { addresses: ADDRESSES, url: trace.url, trace, onNavigate: vi.fn(), onRefresh: vi.fn() } });
    expect(screen.getByText('<img src=x onerror=alert(1)> & more')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it("shows Chrome's TLS pages for https:// (nothing in the shop serves TLS itself), without the network tips", () => {
    // A STRICT sidecar sends its certificate, which chains to the mesh's own root.
    const strict = browse('https://35.202.118.74:80/', (w) => w.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } })));
    expect(strict).toMatchObject({ httpCode: 0, curlExit: 60, page: 'cert-invalid' });
    const { unmount } = render(BrowserTab, { props: { addresses: ADDRESSES, url: strict.url, trace: strict, onNavigate: vi.fn(), onRefresh: vi.fn() } });
    expect(screen.getByRole('heading', { name: 'Your connection is not private' })).toBeInTheDocument();
    expect(screen.getByText('NET::ERR_CERT_AUTHORITY_INVALID')).toBeInTheDocument();
    expect(screen.queryByText('Try:')).toBeNull();
    unmount();
    // PERMISSIVE has no filter chain for TLS without an Istio ALPN on an HTTP port: a reset.
    expect(browse('https://35.202.118.74:80/').page).toBe('connection-reset');
    // The gateway's plain HTTP server answers the ClientHello with a 400.
    const gateway = browse('https://34.136.92.187:80/');
    expect(gateway).toMatchObject({ curlExit: 35, page: 'ssl-protocol-error' });
    render(BrowserTab, { props: { addresses: ADDRESSES, url: gateway.url, trace: gateway, onNavigate: vi.fn(), onRefresh: vi.fn() }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByRole('heading', { name: 'このサイトは安全に接続できません' })).toBeInTheDocument();
    expect(screen.getByText('から無効な応答が送信されました。', { exact: false })).toHaveTextContent('34.136.92.187 から無効な応答が送信されました。');
    expect(screen.getByText('ERR_SSL_PROTOCOL_ERROR')).toBeInTheDocument();
  });

  it('shows refused and timed-out pages with the host', () => {
    const refused = browse('https://34.136.92.187/');
    const { unmount } = render(BrowserTab, { props: { addresses: ADDRESSES, url: refused.url, trace: refused, onNavigate: vi.fn(), onRefresh: vi.fn() } });
    expect(screen.getByText('ERR_CONNECTION_REFUSED')).toBeInTheDocument();
    expect(screen.getByText('refused to connect.', { exact: false })).toHaveTextContent('34.136.92.187 refused to connect.');
    unmount();
    show(browse('http://203.0.113.9/'));
    expect(screen.getByText('ERR_CONNECTION_TIMED_OUT')).toBeInTheDocument();
    expect(screen.getByText('took too long to respond.', { exact: false })).toHaveTextContent('203.0.113.9 took too long to respond.');
  });

  it('navigates to a typed address and to a picked external IP', async () => {
    const user = userEvent.setup();
    const { onNavigate } = show(undefined, 'http://35.202.118.74/');
    const address = screen.getByRole('combobox', { name: 'Address' });
    await user.clear(address);
    await user.type(address, '34.136.92.187/cart{Enter}');
    expect(onNavigate).toHaveBeenLastCalledWith('http://34.136.92.187/cart');
    await user.selectOptions(screen.getByRole('combobox', { name: 'External IP addresses' }), '34.136.92.187');
    expect(onNavigate).toHaveBeenLastCalledWith('http://34.136.92.187/');
  });

  describe('before the learner has found the external IPs', () => {
    const start = (known: string[]) => {
      const onNavigate = vi.fn();
      const onRefresh = vi.fn();
      const view = render(BrowserTab, { props: { addresses: ADDRESSES, known, url: 'http://35.202.118.74/', trace: undefined, onNavigate, onRefresh } });
      return { ...view, onNavigate, onRefresh };
    };
    const offered = () => [...document.querySelectorAll('select option, datalist option')].map((o) => (o as HTMLOptionElement).value).filter(Boolean);
    const address = () => screen.getByRole('combobox', { name: 'Address' });

    it('shows a blank tab that offers no IP and says where to find them', async () => {
      const { onRefresh } = start([]);
      expect(address()).toHaveValue('');
      expect(offered()).toEqual([]);
      const pick = screen.getByRole('combobox', { name: 'External IP addresses' });
      expect(pick).toBeDisabled();
      expect(pick).toHaveTextContent('No external IP found yet');
      expect(screen.getByText('Type an address and press Go. kubectl get services shows the external IPs.')).toBeInTheDocument();
      await fireEvent.click(screen.getByRole('button', { name: 'Reload this page' }));
      expect(onRefresh).not.toHaveBeenCalled();
    });

    it('offers each IP once it is known, and keeps it when the terminal is cleared', async () => {
      const { rerender } = start([]);
      await rerender({ known: ['35.202.118.74'] });
      expect(address()).toHaveValue('http://35.202.118.74/');
      expect(offered()).toEqual(['http://35.202.118.74/', '35.202.118.74']);
      await rerender({ known: [] });
      expect(offered()).toEqual(['http://35.202.118.74/', '35.202.118.74']);
    });

    it('knows an IP the learner typed', async () => {
      const user = userEvent.setup();
      const { onNavigate } = start([]);
      await user.type(address(), '34.136.92.187{Enter}');
      expect(onNavigate).toHaveBeenLastCalledWith('http://34.136.92.187');
      expect(offered()).toEqual(['http://34.136.92.187/', '34.136.92.187']);
    });
  });
});
