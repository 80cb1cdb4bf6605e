// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { BOUTIQUE_NAMESPACES } from '../../domain/cluster/boutique.ts';
import { type RequestMatrix, computeMatrix, diffMatrix } from '../../domain/matrix/requestMatrix.ts';
import type { World } from '../../domain/world.ts';
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
});
