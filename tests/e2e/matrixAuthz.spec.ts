import { expect, test } from '@playwright/test';
import { applyInSandbox } from './sandbox.ts';

/** Applies an ALLOW for frontend's principal on the catalog, then reads the matrix in both modes. */
test('the request matrix shows a request an AuthorizationPolicy denies, in the mTLS and the Authorization views', async ({ page }) => {
  await applyInSandbox(page, [
    'apiVersion: security.istio.io/v1',
    'kind: AuthorizationPolicy',
    'metadata:',
    '  name: allow-frontend',
    '  namespace: product-catalog',
    'spec:',
    '  rules:',
    '  - from:',
    '    - source:',
    '        principals: ["cluster.local/ns/frontend/sa/frontend"]',
  ], 'authorizationpolicy.security.istio.io/allow-frontend');

  await page.getByRole('tab', { name: 'Matrix' }).click();
  const denied = page.locator('td[data-id="default/testcurl>product-catalog/productcatalogservice"]');
  // The mTLS view never shows the denied gRPC call (an HTTP 200 carrying status 7) as a success.
  await expect(denied).toHaveText(/⊘\s*RBAC/);

  const mode = page.getByRole('group', { name: 'Show' });
  await mode.getByRole('radio', { name: 'mTLS' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(mode.getByRole('radio', { name: 'Authorization' })).toBeChecked();
  await expect(denied).toHaveText(/⊘\s*denied/);
  await expect(denied).toHaveAttribute('aria-label', 'denied: no rule of product-catalog/allow-frontend matches (changed)');
  await expect(page.locator('td[data-id="frontend/frontend>product-catalog/productcatalogservice"]')).toHaveAttribute('aria-label', /^allowed by product-catalog\/allow-frontend/);
  await expect(page.locator('td[data-id="default/testcurl>cart/cartservice"]')).toHaveText(/open/);
});
