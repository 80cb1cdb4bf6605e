import { expect, test } from '@playwright/test';
import { applyInSandbox } from './sandbox.ts';

/**
 * A learner's AuthorizationPolicy round trip in the page: apply a DENY on a path, send the request
 * it denies, and read the decision where the page shows it: the terminal, the diagram's tag, the
 * Why panel's Authorization row and fixes, and the handshake view's last step.
 */
test('a DENY on a path: 403 in the terminal, the tag on the frontend, the rule in the Why panel, the check in the handshake', async ({ page }) => {
  await applyInSandbox(page, [
    'apiVersion: security.istio.io/v1',
    'kind: AuthorizationPolicy',
    'metadata:',
    '  name: no-cart',
    '  namespace: frontend',
    'spec:',
    '  action: DENY',
    '  rules:',
    '  - to:',
    '    - operation:',
    '        paths: ["/cart*"]',
    '        ports: ["8080"]',
  ], 'authorizationpolicy.security.istio.io/no-cart');
  await expect(page.locator('svg').getByText('DENY 1')).toBeVisible();
  const input = page.locator('#terminal-input');
  const scrollback = page.locator('.scrollback').last();

  await input.fill("kubectl exec testcurl -- curl -s -w ' %{http_code}\\n' http://frontend.frontend.svc.cluster.local/cart");
  await input.press('Enter');
  await expect(scrollback).toContainText('RBAC: access denied 403');

  await page.getByRole('tab', { name: 'Why' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel).toContainText('denied by DENY frontend/no-cart rule 0 (spec.rules[0].to[0].operation.paths)');
  await expect(panel).toContainText('The caller sent plaintext, so it has no principal');
  await expect(panel).toContainText('Switch frontend/no-cart to dry run');

  await page.getByRole('tab', { name: 'Handshake' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('AuthorizationPolicy check');
  await expect(page.getByRole('tabpanel')).toContainText('Denied by frontend/no-cart rule[0] for a caller with no principal (plaintext).');
});
