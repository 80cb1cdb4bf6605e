import { expect, test, type Page } from '@playwright/test';
import { outputText, runScript } from '../../src/shell/runScript.ts';

/** The seed tutorial's first commands, typed one line at a time as a learner would. */
const FIRST_COMMANDS = [
  'kubectl get services -n frontend',
  'kubectl get service istio-ingressgateway -n istio-system',
  'kubectl debug --image istio/base --target istio-proxy -it \\',
  '  $(kubectl get pod -l app=productcatalogservice -n product-catalog -o jsonpath={.items..metadata.name}) \\',
  '  -n product-catalog -- \\',
  "  curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'",
  'cat <<EOF > mtls-namespace.yaml',
  'apiVersion: "security.istio.io/v1beta1"',
  'kind: "PeerAuthentication"',
  'metadata:',
  '  name: "namespace-policy"',
  'spec:',
  '  mtls:',
  '    mode: STRICT',
  'EOF',
  'for ns in ad cart checkout currency email frontend loadgenerator \\',
  '  payment product-catalog recommendation shipping; do',
  'kubectl apply -n $ns -f mtls-namespace.yaml',
  'done',
  'kubectl exec testcurl -n default -- curl \\',
  "  http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'",
];

async function typeLine(page: Page, line: string) {
  const input = page.getByRole('textbox', { name: 'Command input' });
  await input.fill(line);
  await input.press('Enter');
}

/** The scrollback's command outputs, without the prompts and echoed input. */
async function terminalOutput(page: Page): Promise<string> {
  return page.locator('.scrollback .entry').evaluateAll((entries) =>
    entries.map((e) => [...e.querySelectorAll('.stdout, .stderr')].map((s) => s.textContent ?? '').join('')).join(''),
  );
}

test('typing the seed tutorial\'s first commands prints what `sim` prints', async ({ page }) => {
  await page.goto('/?mode=sandbox&lang=en');
  for (const line of FIRST_COMMANDS) await typeLine(page, line);
  await expect(page.locator('.scrollback')).toContainText('command terminated with exit code 56');
  const expected = outputText(runScript(`${FIRST_COMMANDS.join('\n')}\n`));
  expect(await terminalOutput(page)).toBe(expected);
});

test('the boot terminal answers before the diagram has loaded, and the workspace carries its scrollback on', async ({ page }) => {
  // The workspace's chunk (the diagram and the panels) is held back; the engine's is not.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/workspaceChunk-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?lang=en');
  const command = 'gcloud container clusters get-credentials boutique --zone=us-central1-c';
  await typeLine(page, command);
  const boot = page.locator('#boot-lines');
  await expect(boot).toContainText('kubeconfig entry generated for boutique.');
  await expect(boot.locator('.err')).toHaveText('Fetching cluster endpoint and auth data.\nkubeconfig entry generated for boutique.');
  await typeLine(page, 'kubectl get ns istio-system');
  await expect(boot).toContainText(/istio-system\s+Active/);
  await expect(page.locator('.scrollback')).toHaveCount(0);
  release();
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.locator('.scrollback')).toContainText(command);
  await expect(page.locator('.scrollback')).toContainText('kubeconfig entry generated for boutique.');
  await expect(page.locator('.scrollback')).toContainText(/istio-system\s+Active/);
  await typeLine(page, 'history');
  await expect(page.locator('.scrollback')).toContainText('kubectl get ns istio-system');
});

test('on a first visit, Cloud Shell answers its own commands before any of the app has loaded', async ({ page }) => {
  // Every chunk of the app is held back: only the page's first script (boot.js) runs.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  // The page's load event waits for the app's module: this test does not.
  await page.goto('/?lang=en', { waitUntil: 'commit' });
  const boot = page.locator('#boot-lines');
  const status = page.getByRole('status');
  await typeLine(page, 'gcloud container clusters get-credentials boutique --zone=us-central1-c');
  await expect(boot.locator('.err')).toHaveText('Fetching cluster endpoint and auth data.\nkubeconfig entry generated for boutique.');
  await expect(status).toHaveText('The terminal answers; the diagram and the panels are still loading…');
  // kubectl needs the cluster's engine: the line waits, as typed, until the app has loaded.
  await typeLine(page, 'kubectl get ns istio-system');
  await expect(boot).toContainText('(mtls-playground)$ kubectl get ns istio-system');
  await expect(status).toHaveText('Loading the simulator…');
  await page.waitForTimeout(300);
  await expect(boot).not.toContainText('Active');
  release();
  await expect(boot.or(page.locator('.scrollback'))).toContainText(/istio-system\s+Active/);
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.locator('.scrollback')).toContainText('kubeconfig entry generated for boutique.');
});

test('on a first visit, the early terminal is built only once a line needs the engine, and answers it before the playground', async ({ page }) => {
  // The playground's chunk is held back; the early terminal's arrives.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/engineChunk-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?lang=en', { waitUntil: 'commit' });
  const boot = page.locator('#boot-lines');
  const measures = (name: string) => page.evaluate((n) => performance.getEntriesByName(`workspace: ${n}`).length, name);
  await typeLine(page, 'gcloud container clusters get-credentials boutique --zone=us-central1-c');
  await expect(boot).toContainText('kubeconfig entry generated for boutique.');
  await expect.poll(() => measures('early import')).toBe(1);
  // Cloud Shell has answered everything so far: no early terminal, no second world.
  await page.waitForTimeout(200);
  expect(await measures('early terminal')).toBe(0);
  await typeLine(page, 'kubectl get ns istio-system');
  await expect(boot).toContainText(/istio-system\s+Active/);
  expect(await measures('early terminal')).toBe(1);
  expect(await measures('playground')).toBe(0);
  release();
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.locator('.scrollback')).toContainText(/kubeconfig entry generated for boutique\.[\s\S]*istio-system\s+Active/);
});

test('the text tools arrive after the engine: a jq pipeline typed at once waits for them, then answers', async ({ page }) => {
  await page.goto('/?mode=sandbox&lang=en');
  await typeLine(page, "kubectl get ns -o json | jq -r '.items[].metadata.name' | sort -r | head -2");
  await typeLine(page, 'echo after');
  await expect(page.locator('.scrollback')).toContainText('shipping\nrecommendation\n');
  await expect(page.locator('.scrollback .entry').last()).toContainText('after');
});

test('a continuation prompt appears while a heredoc is open, and ↑ recalls history', async ({ page }) => {
  await page.goto('/?mode=sandbox&lang=en');
  await typeLine(page, 'cat <<EOF');
  await expect(page.locator('label[for="terminal-input"]')).toHaveText('> ');
  await typeLine(page, 'hello');
  await typeLine(page, 'EOF');
  await expect(page.locator('.scrollback')).toContainText('hello');
  const input = page.getByRole('textbox', { name: 'Command input' });
  await input.press('ArrowUp');
  await expect(input).toHaveValue('cat <<EOF\nhello\nEOF');
});

test('the page makes no request outside its own origin', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith('http://127.0.0.1:4173/') && !req.url().startsWith('data:')) foreign.push(req.url());
  });
  await page.goto('/?mode=sandbox&lang=en');
  await typeLine(page, 'curl -s -o /dev/null -w "%{http_code}\\n" http://34.136.92.187/');
  await expect(page.locator('.scrollback')).toContainText('200');
  expect(foreign).toEqual([]);
});

test('Tab completes commands, kinds and names; on an empty line it moves focus on', async ({ page }) => {
  await page.goto('/?mode=sandbox&lang=en');
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  const input = page.getByRole('textbox', { name: 'Command input' });
  await input.fill('kubectl get pe');
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl get peerauthentications ');
  await input.fill('kubectl exec te');
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl exec testcurl ');
  await input.fill('');
  await input.press('Tab');
  await expect(input).not.toBeFocused();
});

test('a 1 MB multi-line paste runs line by line and the terminal stays usable', async ({ page }) => {
  await page.goto('/?mode=sandbox&lang=en');
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  await page.evaluate(() => {
    const input = document.getElementById('terminal-input');
    const text = `cat <<EOF > big.txt\n${`${'x'.repeat(60)}\n`.repeat(17000)}EOF\nwc -l big.txt\n`;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.locator('.scrollback')).toContainText('17000 big.txt');
  await typeLine(page, 'echo still here');
  await expect(page.locator('.scrollback')).toContainText('still here');
});
