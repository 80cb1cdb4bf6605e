// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BOUTIQUE_NAMESPACES } from '../../domain/cluster/boutique.ts';
import { type RequestMatrix, computeMatrix, diffMatrix } from '../../domain/matrix/requestMatrix.ts';
import { authorizationPolicy } from '../../domain/testing/fixtures.ts';
import type { World } from '../../domain/world.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import { runScript } from '../../shell/runScript.ts';
import RequestMatrixView from './RequestMatrix.svelte';

const strict = (namespaces: readonly string[]) =>
  namespaces.map((ns) => `kubectl apply -f - <<END
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: namespace-policy
  namespace: ${ns}
spec:
  mtls:
    mode: STRICT
END
`).join('');

/** An ALLOW for frontend's principal on the catalog, and a DENY of GET on the frontend. */
const POLICIES = [
  authorizationPolicy('product-catalog', 'allow-frontend', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/frontend/sa/frontend'] } }] }] }),
  authorizationPolicy('frontend', 'deny-get', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }),
];

/** The matrix before and after the policies are put into the world `script` left. */
function withPolicies(script = ''): { before: RequestMatrix; after: RequestMatrix; world: World } {
  const { session } = runScript(script);
  const before = computeMatrix(session.world);
  for (const policy of POLICIES) session.world.put(policy);
  return { before, after: computeMatrix(session.world), world: session.world };
}

const td = (id: string) => document.querySelector(`td[data-id="${id}"]`);

function apply(script: string): { before: RequestMatrix; after: RequestMatrix; world: World } {
  const { session } = runScript('');
  const before = computeMatrix(session.world);
  runScript(script, { session });
  return { before, after: computeMatrix(session.world), world: session.world };
}

describe('RequestMatrix', () => {
  it('renders both tables with row and column headers, and each result as a symbol and text', () => {
    const { session } = runScript('');
    render(RequestMatrixView, { props: { matrix: computeMatrix(session.world), changes: [] } });
    const [entry, inside] = screen.getAllByRole('table');
    expect(entry).toHaveAccessibleName('From your browser to the public entry points');
    expect(inside).toHaveAccessibleName('Inside the cluster: each client (row) to each Service (column)');
    expect(within(entry as HTMLElement).getAllByRole('row')).toHaveLength(2);
    expect(within(entry as HTMLElement).getByRole('rowheader')).toHaveTextContent('browser');
    expect(within(entry as HTMLElement).getByRole('columnheader', { name: 'istio-system/istio-ingressgateway' })).toHaveAttribute('title', '34.136.92.187:80');
    const testcurl = within(inside as HTMLElement).getByRole('rowheader', { name: 'default/testcurl' });
    expect(testcurl).toHaveTextContent('testcurldef');
    expect(within(inside as HTMLElement).getByRole('columnheader', { name: 'frontend/frontend' })).toHaveAttribute('title', 'frontend.frontend.svc.cluster.local:80');
    const plain = inside?.querySelector('td[data-id="default/testcurl>frontend/frontend"]');
    expect(plain).toHaveTextContent('○ plain');
    expect(plain).toHaveAttribute('title', expect.stringContaining('PERMISSIVE accepts plaintext'));
    expect(inside?.querySelector('td[data-id="frontend/frontend>cart/cartservice"]')).toHaveTextContent('● mTLS');
    expect(screen.getByRole('status')).toHaveTextContent('No request changed at the last apply.');
    expect(screen.getByText('132 of 132 requests succeed, 121 of them over mTLS.')).toBeInTheDocument();
    expect(document.querySelectorAll('td.changed')).toHaveLength(0);
  });

  it('marks the cells the last apply changed and says what changed', () => {
    const { before, after } = apply(strict(['frontend']));
    render(RequestMatrixView, { props: { matrix: after, changes: diffMatrix(before, after) } });
    expect(screen.getByRole('status')).toHaveTextContent(
      '2 requests changed at the last apply: browser → frontend-external now resets, testcurl → frontend now resets',
    );
    const changed = [...document.querySelectorAll('td.changed')];
    expect(changed.map((td) => td.getAttribute('data-id'))).toEqual(['external/browser>frontend/frontend-external', 'default/testcurl>frontend/frontend']);
    expect(changed[1]).toHaveTextContent('✕ reset (changed)');
    expect(changed[1]).toHaveAttribute('data-state', 'reset');
    expect(changed[1]).toHaveAttribute('title', expect.stringContaining('before: succeeds in plaintext'));
  });

  it('names the first changes and counts the rest', () => {
    const { before, after } = apply(strict(BOUTIQUE_NAMESPACES));
    render(RequestMatrixView, { props: { matrix: after, changes: diffMatrix(before, after) } });
    expect(screen.getByRole('status')).toHaveTextContent(
      '11 requests changed at the last apply: browser → frontend-external now resets, testcurl → ad now resets, testcurl → cart now resets and 8 more',
    );
  });

  it('shows a 503 from the client sidecar as 503', () => {
    const { after } = apply(`${strict(['currency'])}kubectl apply -f - <<END
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: plain
  namespace: currency
spec:
  host: currencyservice.currency.svc.cluster.local
  trafficPolicy:
    tls:
      mode: DISABLE
END
`);
    render(RequestMatrixView, { props: { matrix: after, changes: [] } });
    const cell = document.querySelector('td[data-id="frontend/frontend>currency/currencyservice"]');
    expect(cell).toHaveTextContent('✕ 503');
    expect(cell).toHaveAttribute('data-state', 'http-503');
  });

  it('never shows a denied request as a success in the mTLS view: 403 RBAC over HTTP, RBAC for gRPC status 7', () => {
    const { before, after } = withPolicies();
    render(RequestMatrixView, { props: { matrix: after, changes: diffMatrix(before, after) } });
    const grpc = td('default/testcurl>product-catalog/productcatalogservice');
    expect(grpc).toHaveTextContent('⊘ RBAC (changed)');
    expect(grpc).toHaveAttribute('data-state', 'denied');
    expect(grpc).toHaveAccessibleName('denied by AuthorizationPolicy (gRPC status 7, PERMISSION_DENIED) (changed)');
    const http = td('default/testcurl>frontend/frontend');
    expect(http).toHaveTextContent('⊘ 403 RBAC');
    expect(http).toHaveAttribute('title', expect.stringContaining('denied by AuthorizationPolicy (HTTP 403)'));
    expect(td('frontend/frontend>product-catalog/productcatalogservice')).toHaveTextContent('● mTLS');
    expect(screen.getByRole('status')).toHaveTextContent('28 requests changed at the last apply: browser → frontend-external is now denied by a policy');
    expect(screen.getByText('105 of 132 requests succeed, 97 of them over mTLS.')).toBeInTheDocument();
  });

  it('switches to the authorization view: the decision and the deciding policy in each cell’s name and title', async () => {
    const { before, after } = withPolicies();
    render(RequestMatrixView, { props: { matrix: after, changes: diffMatrix(before, after) } });
    const group = screen.getByRole('group', { name: 'Show' });
    const mtls = within(group).getByRole('radio', { name: 'mTLS' });
    expect(mtls).toBeChecked();
    expect(screen.queryByRole('list', { name: 'Key' })).not.toBeInTheDocument();
    await fireEvent.click(within(group).getByRole('radio', { name: 'Authorization' }));

    const allowed = td('frontend/frontend>product-catalog/productcatalogservice');
    expect(allowed).toHaveTextContent('✓ allowed (changed)');
    expect(allowed).toHaveAccessibleName('allowed by product-catalog/allow-frontend rules[0] (changed)');
    expect(allowed).toHaveAttribute('title', expect.stringContaining('mTLS view: succeeds over mTLS'));
    expect(allowed).toHaveAttribute('title', expect.stringContaining('before: open: no AuthorizationPolicy applies to this server'));
    const noPrincipal = td('default/testcurl>product-catalog/productcatalogservice');
    expect(noPrincipal).toHaveTextContent('⊘ denied');
    expect(noPrincipal).toHaveAccessibleName('denied: no rule of product-catalog/allow-frontend matches (changed)');
    expect(td('default/testcurl>frontend/frontend')).toHaveAccessibleName('denied by frontend/deny-get rules[0] (changed)');
    const open = td('default/testcurl>cart/cartservice');
    expect(open).toHaveTextContent('· open');
    expect(open).toHaveAccessibleName('open: no AuthorizationPolicy applies to this server');
    expect(screen.getByText('Of 132 requests: 1 allowed by a policy, 104 open, 27 denied, 0 unreached.')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Key' })).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([
      '✓ allowed by a policy', '· open: no policy applies', '⊘ denied by a policy', '– failed before a proxy decided',
    ]);
    // The summary says what changed for the request a policy now allows, not its unchanged transport.
    expect(screen.getByRole('status')).not.toHaveTextContent('frontend → productcatalog now uses mTLS');
  });

  it('shows a request reset before any proxy decided as unreached', async () => {
    const { after } = withPolicies(strict(['product-catalog']));
    render(RequestMatrixView, { props: { matrix: after, changes: [], mode: 'authz' } });
    const reset = td('default/testcurl>product-catalog/productcatalogservice');
    expect(reset).toHaveTextContent('– unreached');
    expect(reset).toHaveAccessibleName('unreached: the request failed before a proxy could decide');
    expect(reset).toHaveAttribute('title', expect.stringContaining('mTLS view: connection reset'));
  });

  it('moves between the modes with the keyboard and keeps the mode when the matrix changes', async () => {
    const user = userEvent.setup();
    const { before, after, world } = withPolicies();
    const { rerender } = render(RequestMatrixView, { props: { matrix: before, changes: [] } });
    await user.tab();
    const mtls = screen.getByRole('radio', { name: 'mTLS' });
    expect(mtls).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    const authz = screen.getByRole('radio', { name: 'Authorization' });
    expect(authz).toHaveFocus();
    expect(authz).toBeChecked();
    expect(document.querySelector('table[data-mode="authz"]')).not.toBeNull();
    await rerender({ matrix: after, changes: diffMatrix(before, after) });
    expect(authz).toBeChecked();
    expect(td('default/testcurl>product-catalog/productcatalogservice')).toHaveTextContent('⊘ denied');
    await user.keyboard('{ArrowLeft}');
    expect(mtls).toBeChecked();
    expect(td('default/testcurl>product-catalog/productcatalogservice')).toHaveTextContent('⊘ RBAC');
    expect(computeMatrix(world)).toBe(after);
  });

  it('speaks Japanese in both modes', async () => {
    const { after } = withPolicies();
    render(RequestMatrixView, { props: { matrix: after, changes: [] }, context: i18nContext(new I18n('ja')) });
    const group = screen.getByRole('group', { name: '表示' });
    expect(td('default/testcurl>product-catalog/productcatalogservice')).toHaveAccessibleName('AuthorizationPolicy により拒否 (gRPC ステータス 7、PERMISSION_DENIED)');
    await fireEvent.click(within(group).getByRole('radio', { name: '認可' }));
    expect(td('frontend/frontend>product-catalog/productcatalogservice')).toHaveTextContent('✓ 許可');
    expect(td('frontend/frontend>product-catalog/productcatalogservice')).toHaveAccessibleName('product-catalog/allow-frontend rules[0] により許可');
    expect(td('default/testcurl>product-catalog/productcatalogservice')).toHaveAccessibleName('拒否: product-catalog/allow-frontend のどのルールにも一致しません');
    expect(td('default/testcurl>cart/cartservice')).toHaveTextContent('· 対象外');
    expect(screen.getByText('132 件中、ポリシーで許可 1 件、対象外 104 件、拒否 27 件、未到達 0 件です。')).toBeInTheDocument();
  });
});
