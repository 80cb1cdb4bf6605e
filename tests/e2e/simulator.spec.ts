import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const LB = 'http://35.202.118.74/';
const GATEWAY = 'http://34.136.92.187/';
const NAMESPACES = 'ad cart checkout currency email frontend loadgenerator payment product-catalog recommendation shipping';

async function type(page: Page, lines: string | string[]) {
  const input = page.getByRole('textbox', { name: 'Command input' });
  for (const line of Array.isArray(lines) ? lines : [lines]) {
    await input.fill(line);
    await input.press('Enter');
  }
}

async function open(page: Page, url: string) {
  await page.getByLabel('Address', { exact: true }).fill(url);
  await page.getByRole('button', { name: 'Go', exact: true }).click();
}

const browserTab = (page: Page) => page.getByRole('group', { name: 'Simulated browser' });
const meshDescription = (page: Page) => page.locator('svg[role="img"] + p.visually-hidden, p.visually-hidden[id$="-desc"]').first();

async function showTab(page: Page, name: 'Why' | 'Handshake' | 'Console') {
  await page.getByRole('tab', { name }).click();
}

async function ready(page: Page) {
  await page.goto('/?mode=sandbox&lang=en');
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
}

test('the seed tutorial through the UI: badges, why text and console column at each step', async ({ page }) => {
  await ready(page);

  // No policy: both IPs show the storefront; everything is Permissive.
  await open(page, LB);
  await expect(browserTab(page)).toContainText('Hot Products');
  await showTab(page, 'Console');
  await expect(page.getByText('mTLS is permissive for all workloads')).toBeVisible();
  await expect(meshDescription(page)).toContainText('frontend/frontend: PERMISSIVE from the default level');

  // Namespace-wide STRICT with the tutorial's heredoc and loop.
  await type(page, ['cat <<EOF > mtls-namespace.yaml', 'apiVersion: "security.istio.io/v1beta1"', 'kind: "PeerAuthentication"', 'metadata:', '  name: "namespace-policy"', 'spec:', '  mtls:', '    mode: STRICT', 'EOF']);
  await type(page, [`for ns in ${NAMESPACES}; do`, 'kubectl apply -n $ns -f mtls-namespace.yaml', 'done']);
  await expect(page.locator('.scrollback')).toContainText('peerauthentication.security.istio.io/namespace-policy created');
  await expect(meshDescription(page)).toContainText('frontend/frontend: STRICT from the namespace level');
  await expect(page.getByText('mTLS is strict for all workloads')).toBeVisible();
  await expect(page.getByRole('row', { name: /^frontend frontend Deployment/ })).toContainText('Strict');

  // Refresh frontend-external: the connection is reset, and the why panel names the policy.
  await open(page, LB);
  await expect(browserTab(page)).toContainText('This site can’t be reached');
  await expect(browserTab(page)).toContainText('ERR_CONNECTION_RESET');
  await showTab(page, 'Why');
  await expect(page.getByRole('tabpanel')).toContainText('frontend/namespace-policy');
  await expect(page.getByRole('status').filter({ hasText: 'Browser' }).first()).toContainText('failed');
  // The link opens the policy's YAML at the deciding field.
  await page.getByRole('button', { name: /PeerAuthentication frontend\/namespace-policy/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'PeerAuthentication frontend/namespace-policy' });
  await expect(dialog.locator('mark')).toHaveText('    mode: STRICT');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The ingress gateway still serves the storefront: it originates mTLS.
  await open(page, GATEWAY);
  await expect(browserTab(page)).toContainText('Hot Products');
  await expect(page.getByRole('tabpanel')).toContainText('mTLS');
  await showTab(page, 'Handshake');
  await expect(page.getByRole('tabpanel')).toContainText('ClientHello');

  // Delete the policies: frontend-external works again.
  await type(page, [`for ns in ${NAMESPACES}; do`, 'kubectl delete peerauthentication -n $ns namespace-policy', 'done;']);
  await open(page, LB);
  await expect(browserTab(page)).toContainText('Hot Products');
  await showTab(page, 'Console');
  await expect(page.getByText('mTLS is permissive for all workloads')).toBeVisible();

  // Workload STRICT plus the tutorial's DestinationRule.
  await type(page, ['cat <<EOF | kubectl apply -n frontend -f -', 'apiVersion: "security.istio.io/v1beta1"', 'kind: "PeerAuthentication"', 'metadata:', '  name: "frontend"', '  namespace: "frontend"', 'spec:', '  selector:', '    matchLabels:', '      app: frontend', '  mtls:', '    mode: STRICT', 'EOF']);
  await type(page, ['cat <<EOF | kubectl apply -n frontend -f -', 'apiVersion: "networking.istio.io/v1alpha3"', 'kind: "DestinationRule"', 'metadata:', '  name: "frontend"', 'spec:', '  host: "frontend.demo.svc.cluster.local"', '  trafficPolicy:', '    tls:', '      mode: ISTIO_MUTUAL', 'EOF']);
  await expect(meshDescription(page)).toContainText('frontend/frontend: STRICT from the workload level');
  await expect(page.getByRole('row', { name: /^frontend frontend Deployment/ })).toContainText('Strict');
  await expect(page.getByRole('row', { name: /^cartservice cart Deployment/ })).toContainText('Permissive');
  await open(page, LB);
  await expect(browserTab(page)).toContainText('ERR_CONNECTION_RESET');
  await showTab(page, 'Why');
  await expect(page.getByRole('tabpanel')).toContainText('frontend/frontend');
  await type(page, ['kubectl delete peerauthentication -n frontend frontend', 'kubectl delete destinationrule -n frontend frontend']);

  // Mesh-wide STRICT in istio-system.
  await type(page, ['kubectl apply -f - <<EOF', 'apiVersion: "security.istio.io/v1beta1"', 'kind: "PeerAuthentication"', 'metadata:', '  name: "mesh-wide"', '  namespace: "istio-system"', 'spec:', '  mtls:', '    mode: STRICT', 'EOF']);
  await expect(meshDescription(page)).toContainText('frontend/frontend: STRICT from the mesh level');
  await open(page, LB);
  await expect(browserTab(page)).toContainText('ERR_CONNECTION_RESET');
  await expect(page.getByRole('tabpanel')).toContainText('istio-system/mesh-wide');
  await type(page, 'kubectl delete peerauthentication -n istio-system mesh-wide');
  await open(page, LB);
  await expect(browserTab(page)).toContainText('Hot Products');
});

test('axe finds no accessibility violations, before and after requests', async ({ page }) => {
  await ready(page);
  const check = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  };
  await check();
  await type(page, 'kubectl exec testcurl -- curl -s -o /dev/null -w "%{http_code}\\n" http://frontend.frontend.svc.cluster.local/');
  await open(page, GATEWAY);
  for (const tab of ['Why', 'Handshake', 'Console'] as const) {
    await showTab(page, tab);
    await check();
  }
});

test('every control is reachable by keyboard', async ({ page }) => {
  await ready(page);
  const seen = new Set<string>();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : el.closest('label')?.textContent;
      return el.getAttribute('aria-label') ?? label?.trim() ?? el.getAttribute('id') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName;
    });
    seen.add(name);
  }
  for (const expected of ['Command input', 'Reload this page', 'Resize the lesson column', 'Lesson or sandbox', 'tab-why', 'Loadgenerator traffic']) {
    expect([...seen].some((n) => n.includes(expected)), `${expected} in ${[...seen].join(' | ')}`).toBe(true);
  }
});

test('the live region narrates each request outcome and reason', async ({ page }) => {
  await ready(page);
  await type(page, ['kubectl apply -n frontend -f - <<EOF', 'apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata:', '  name: strict', 'spec:', '  mtls:', '    mode: STRICT', 'EOF']);
  await type(page, 'kubectl exec testcurl -- curl -s http://frontend.frontend.svc.cluster.local/');
  const live = page.locator('[role="status"][aria-live="polite"]').last();
  await expect(live).toContainText('Recv failure: Connection reset by peer');
  await expect(live).toContainText('found no filter chain');
});

test('prefers-reduced-motion turns reduced motion on', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  await page.getByText('Animation ▾').click();
  await expect(page.getByRole('checkbox', { name: 'Reduced motion' })).toBeChecked();
});

test('lines typed while the simulator loads are run once it is ready', async ({ page }) => {
  await page.goto('/?mode=sandbox&lang=en');
  await type(page, 'kubectl get ns frontend');
  await expect(page.locator('.scrollback')).toContainText('frontend   Active');
});

test('loadgenerator traffic runs in the background and shows in the event list when its filter is on', async ({ page }) => {
  await ready(page);
  await page.getByRole('checkbox', { name: 'Loadgenerator traffic' }).check();
  // The event list is a view of the details drawer.
  await page.getByRole('tab', { name: 'Events' }).click();
  const events = page.getByRole('listbox');
  await page.getByRole('checkbox', { name: 'Background traffic' }).check();
  await expect(events).toContainText('frontend.frontend.svc.cluster.local', { timeout: 6000 });
  await page.getByRole('checkbox', { name: 'Loadgenerator traffic' }).uncheck();
});
