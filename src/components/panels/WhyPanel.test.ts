// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOUTIQUE_NAMESPACES } from '../../domain/cluster/boutique.ts';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { destinationRule, peerAuthentication } from '../../domain/testing/fixtures.ts';
import { simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import type { World } from '../../domain/world.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import WhyPanel from './WhyPanel.svelte';

function strictWorld(): World {
  const world = createDefaultWorld();
  for (const ns of BOUTIQUE_NAMESPACES) world.put(peerAuthentication(ns, 'namespace-policy', { mtls: { mode: 'STRICT' } }));
  return world;
}

const testcurlTrace = (world: World) =>
  simulateRequest(world, { client: { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false }, url: 'http://frontend.frontend.svc.cluster.local/' });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('WhyPanel', () => {
  it('shows the decision chain and opens the deciding object at its field', async () => {
    const world = strictWorld();
    const onOpenObject = vi.fn();
    render(WhyPanel, { props: { world, trace: testcurlTrace(world), onOpenObject } });
    expect(screen.getByText(/^Hop 1 failed/)).toBeInTheDocument();
    expect(screen.getByText('server sidecar: PeerAuthentication frontend/namespace-policy (namespace level) sets STRICT → requires mTLS')).toBeInTheDocument();
    const hops = screen.getByRole('heading', { name: 'Decision chain, hop by hop' }).nextElementSibling as HTMLElement;
    await fireEvent.click(within(hops).getByRole('button', { name: /PeerAuthentication frontend\/namespace-policy · spec\.mtls\.mode/ }));
    expect(onOpenObject).toHaveBeenCalledWith({ kind: 'PeerAuthentication', namespace: 'frontend', name: 'namespace-policy', field: 'spec.mtls.mode' });
  });

  it('explains an https:// request the TLS handshake ended, as a failure, with the policy behind it to open', async () => {
    const world = strictWorld();
    const onOpenObject = vi.fn();
    const trace = simulateRequest(world, { client: { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false }, url: 'https://frontend.frontend.svc.cluster.local:80/' });
    const { container } = render(WhyPanel, { props: { world, trace, onOpenObject } });
    const summary = container.querySelector('p.summary') as HTMLElement;
    expect(summary.dataset.failed).toBe('true');
    expect(summary).toHaveTextContent(/The TLS handshake failed: frontend\/frontend-[a-z0-9-]+'s sidecar terminates TLS on port 8080 \(PeerAuthentication frontend\/namespace-policy \(namespace level\) sets STRICT\)/);
    await fireEvent.click(screen.getByRole('button', { name: /PeerAuthentication frontend\/namespace-policy · spec\.mtls\.mode/ }));
    expect(onOpenObject).toHaveBeenCalledWith({ kind: 'PeerAuthentication', namespace: 'frontend', name: 'namespace-policy', field: 'spec.mtls.mode' });
  });

  it('lists the minimal fix first with a copy button that copies its commands', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const world = strictWorld();
    render(WhyPanel, { props: { world, trace: testcurlTrace(world) } });
    expect(screen.getByText(/Minimal fix \(hop 1\):/).parentElement).toHaveTextContent('Give default/testcurl a sidecar');
    expect(screen.getAllByText(/Alternative \(hop 1\):/).length).toBeGreaterThan(0);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy: Make the server PERMISSIVE' }));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('mode: PERMISSIVE'));
  });

  it('puts what a linter would say next to what actually happens', async () => {
    const world = createDefaultWorld();
    world.put(peerAuthentication('currency', 'namespace-policy', { mtls: { mode: 'STRICT' } }));
    world.put(destinationRule('currency', 'plain', { host: '*.currency.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    const trace = simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://34.136.92.187/' });
    const onOpenObject = vi.fn();
    render(WhyPanel, { props: { world, trace, onOpenObject } });
    const table = screen.getByRole('table', { name: 'Lint findings next to what actually happens' });
    expect(within(table).getByRole('columnheader', { name: 'A linter would say…' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'What actually happens' })).toBeInTheDocument();
    const row = within(table).getByText(/KIA0207 error/).closest('[role="row"]') as HTMLElement;
    expect(row).toHaveTextContent('PeerAuthentication with TLS strict mode found, it should be permissive');
    expect(row).toHaveTextContent(/the client sidecar answers 503/);
    await fireEvent.click(within(row).getByRole('button', { name: /DestinationRule currency\/plain/ }));
    expect(onOpenObject).toHaveBeenCalledWith({ kind: 'DestinationRule', namespace: 'currency', name: 'plain', field: 'spec.trafficPolicy.tls.mode' });
    expect(screen.getByText(/Minimal fix \(hop 3\):/).parentElement).toHaveTextContent('Set the DestinationRule tls.mode to ISTIO_MUTUAL');
  });

  it('marks auto-mTLS-only findings as noise', () => {
    const world = strictWorld();
    render(WhyPanel, { props: { world, trace: undefined } });
    expect(screen.getByText(/Run a request/)).toBeInTheDocument();
    expect(screen.getAllByText('Noise here')).toHaveLength(1);
  });

  it('says a finding repeated in every namespace once, with each namespace behind a native disclosure', async () => {
    const world = strictWorld();
    const onOpenObject = vi.fn();
    render(WhyPanel, { props: { world, trace: testcurlTrace(world), onOpenObject } });
    const table = screen.getByRole('table', { name: 'Lint findings next to what actually happens' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    const [row] = rows as [HTMLElement];
    expect(row).toHaveTextContent(`KIA0501 × ${BOUTIQUE_NAMESPACES.length} namespaces error`);
    expect(within(row).getAllByText('Destination Rule enabling namespace-wide mTLS is missing')).toHaveLength(1);
    const details = row.querySelector('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    const summary = within(details).getByText(`Where, and what really happens in each (${BOUTIQUE_NAMESPACES.length})`);
    expect(summary.tagName).toBe('SUMMARY');
    await fireEvent.click(summary);
    expect(details.open).toBe(true);
    expect(within(details).getAllByRole('listitem')).toHaveLength(BOUTIQUE_NAMESPACES.length);
    await fireEvent.click(within(details).getByRole('button', { name: 'PeerAuthentication cart/namespace-policy · spec.mtls' }));
    expect(onOpenObject).toHaveBeenCalledWith({ kind: 'PeerAuthentication', namespace: 'cart', name: 'namespace-policy', field: 'spec.mtls' });
  });

  it('speaks Japanese under a Japanese I18n: headings, the decision chain, fixes and the linter', () => {
    const world = strictWorld();
    render(WhyPanel, { props: { world, trace: testcurlTrace(world), onOpenObject: vi.fn() }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByRole('heading', { name: 'なぜ？' })).toBeInTheDocument();
    expect(screen.getByText(/^ホップ 1（default\/testcurl → frontend\.frontend\.svc\.cluster\.local）で失敗しました。/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'ホップごとの判断の流れ' })).toBeInTheDocument();
    expect(screen.getByText('サーバーのサイドカー: PeerAuthentication frontend/namespace-policy（Namespace レベル）が STRICT を設定 → mTLS を要求')).toBeInTheDocument();
    expect(screen.getByText(/最小の修正（ホップ 1）:/).parentElement).toHaveTextContent('default/testcurl にサイドカーを付ける');
    expect(screen.getByRole('button', { name: 'コピー: サーバーを PERMISSIVE にする' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'リンターの指摘と実際の動作' });
    expect(within(table).getAllByText('ここではノイズ').length).toBeGreaterThan(0);
    // Commands are facts: the fix is the same kubectl in every language.
    expect(screen.getAllByText(/kubectl delete pod testcurl -n default/).length).toBeGreaterThan(0);
  });

  it('switches language at run time without a new explanation', () => {
    const world = strictWorld();
    const i18n = new I18n('en');
    render(WhyPanel, { props: { world, trace: testcurlTrace(world) }, context: i18nContext(i18n) });
    expect(screen.getByRole('heading', { name: 'Why?' })).toBeInTheDocument();
    i18n.locale = 'ja';
    flushSync();
    expect(screen.getByRole('heading', { name: 'なぜ？' })).toBeInTheDocument();
    expect(screen.getByText(/^ホップ 1（/)).toBeInTheDocument();
    i18n.locale = 'en';
    flushSync();
    expect(screen.getByText(/^Hop 1 failed/)).toBeInTheDocument();
  });

  it('opens the hop the app selects', () => {
    const world = strictWorld();
    const trace = simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://34.136.92.187/' });
    render(WhyPanel, { props: { world, trace, hopIndex: 1 } });
    const current = screen.getAllByRole('listitem').find((li) => li.getAttribute('aria-current') === 'step');
    expect(current).toHaveTextContent(/^✓ OK\s*Hop 2: istio-system\/istio-ingressgateway-/);
  });
  it('links each verdict to the command that shows it on a real cluster, and puts it in the prompt from the keyboard', async () => {
    const world = strictWorld();
    const trace = simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://34.136.92.187/' });
    const onOffer = vi.fn();
    render(WhyPanel, { props: { world, trace, hopIndex: 1, onOffer } });
    const frontend = world.list('Pod', 'frontend')[0]?.metadata.name ?? '';
    const list = screen.getAllByRole('list', { name: 'See it on a real cluster' })[1] as HTMLElement;
    expect(within(list).getByText('The server\'s inbound listener: which filter chains accept the port')).toBeInTheDocument();
    expect(within(list).getByText(`istioctl proxy-config secret ${frontend} -n frontend`)).toBeInTheDocument();
    const put = within(list).getByRole('button', { name: `Put in the prompt: istioctl proxy-config listener ${frontend} -n frontend --port 15006` });
    put.focus();
    expect(put).toHaveFocus();
    await fireEvent.click(put);
    expect(onOffer).toHaveBeenCalledWith(`istioctl proxy-config listener ${frontend} -n frontend --port 15006`);
  });

  it('shows the commands without a prompt button where nothing may change, and in Japanese', () => {
    const world = strictWorld();
    const trace = simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://34.136.92.187/' });
    render(WhyPanel, { props: { world, trace, hopIndex: 1 }, context: i18nContext(new I18n('ja')) });
    const [, list] = screen.getAllByRole('list', { name: '実際のクラスタで確かめる' });
    expect(within(list as HTMLElement).getByText('サーバーの証明書とルート CA')).toBeInTheDocument();
    expect(within(list as HTMLElement).getAllByText(/^istioctl proxy-config /)).toHaveLength(3);
    expect(within(list as HTMLElement).queryByRole('button')).toBeNull();
  });
});
