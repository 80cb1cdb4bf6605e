import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * Custom scenarios: examples/scenarios/strict-frontend.md loaded four ways (inline in an element,
 * the element's scenario-src, the app's ?scenario= and #scenario=), refused from another site,
 * reported when broken, and completed through the UI. Pages and files are served at the preview
 * origin with page.route.
 */

const ORIGIN = 'http://127.0.0.1:4173';
const EXAMPLE = readFileSync('examples/scenarios/strict-frontend.md', 'utf8');
const TITLE = 'Lock the frontend down, one namespace at a time';
const FIRST_STEP = 'See plaintext get through';

/** A page at the preview origin holding one element (its inner HTML given). */
async function serveElementPage(page: Page, path: string, element: string) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scenario test</title><script type="module" src="/embed/mtls-playground.js"></script></head><body><main>${element}</main></body></html>`;
  await page.route(`${ORIGIN}${path}`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
}

async function serveScenario(page: Page, path = '/scenarios/strict-frontend.md', body = EXAMPLE) {
  await page.route(`${ORIGIN}${path}`, (route) => route.fulfill({ contentType: 'text/markdown; charset=utf-8', body }));
}

/** Every request made outside the preview origin. */
function watchOrigin(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${ORIGIN}/`) && !/^(data|blob):/.test(request.url())) outside.push(request.url());
  });
  return outside;
}

async function expectFirstStep(lesson: Locator) {
  await expect(lesson.locator('.step-title')).toContainText(`Step 1 of 3 ${FIRST_STEP}`);
  await expect(lesson.getByRole('combobox', { name: 'Lesson or sandbox' })).toHaveValue('scenario:strict-frontend');
  await expect(lesson.locator('optgroup[label="Custom scenario"] option')).toHaveText(TITLE);
  // Its Markdown: **no sidecar** is strong text, not asterisks.
  await expect(lesson.locator('.body strong')).toHaveText('no sidecar');
}

const linkHash = (text: string) => `#scenario=${deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url')}`;

test('a scenario written inline in an element opens at its first step, never run as a script', async ({ page }) => {
  const outside = watchOrigin(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await serveElementPage(page, '/inline.html', `<mtls-playground id="pg" lang="en" panels="lesson,terminal"><script type="application/x-mtls-scenario+markdown">\n${EXAMPLE}</script></mtls-playground>`);
  await page.goto('/inline.html');
  await expectFirstStep(page.locator('#pg .lesson'));
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});

test("an element's scenario-src on its own site opens; one on another site is refused unfetched", async ({ page }) => {
  const outside = watchOrigin(page);
  await serveScenario(page);
  await serveElementPage(page, '/src.html', '<mtls-playground id="same" lang="en" panels="lesson,terminal" scenario-src="scenarios/strict-frontend.md"></mtls-playground><mtls-playground id="other" lang="en" panels="lesson,terminal" scenario-src="https://elsewhere.example/strict-frontend.md"></mtls-playground>');
  await page.goto('/src.html');
  await expectFirstStep(page.locator('#same .lesson'));
  const other = page.locator('#other .lesson');
  await expect(other.getByRole('heading', { name: 'This scenario could not be loaded' })).toBeVisible();
  await expect(other).toContainText(`The scenario address https://elsewhere.example/strict-frontend.md is not on this site (${ORIGIN})`);
  // The rest works: the terminal answers as a sandbox.
  const input = page.locator('#other').getByRole('textbox', { name: 'Command input' });
  await input.fill('kubectl get namespace frontend');
  await input.press('Enter');
  await expect(page.locator('#other .scrollback')).toContainText('Active');
  expect(outside).toEqual([]);
});

test('the app page opens ?scenario= and #scenario=', async ({ page }) => {
  await serveScenario(page);
  await page.goto('/?lang=en&scenario=/scenarios/strict-frontend.md');
  await expectFirstStep(page.locator('.lesson'));
  await page.goto('about:blank');
  await page.goto(`/?lang=en${linkHash(EXAMPLE)}`);
  await expectFirstStep(page.locator('.lesson'));
  // The embedded app page (an iframe's) takes the same parameter.
  await page.goto('/?embed=1&lang=en&panels=lesson,terminal&scenario=/scenarios/strict-frontend.md');
  await expectFirstStep(page.locator('.app.compact .lesson'));
});

test('a broken scenario lists its errors in the lesson panel', async ({ page }) => {
  const broken = EXAMPLE.replace('expect: 200', 'expect: sometimes').replace('title: See plaintext get through\n', '');
  await serveScenario(page, '/scenarios/broken.md', broken);
  await page.goto('/?lang=en&scenario=/scenarios/broken.md');
  const lesson = page.locator('.lesson');
  await expect(lesson.getByRole('heading', { name: 'This scenario could not be loaded' })).toBeVisible();
  await expect(lesson).toContainText('Problems found in broken.md:');
  const items = lesson.locator('.scenario-errors li');
  await expect(items.filter({ hasText: /^line \d+: steps\[0\]\.title: Required value/ })).toHaveCount(1);
  await expect(items.filter({ hasText: /^line \d+: steps\[0\]\.check\.request\.expect: .*sometimes/ })).toHaveCount(1);
  await expect(page.getByRole('combobox', { name: 'Lesson or sandbox' })).toHaveValue('scenario:');
  // A missing file and a too-large one have their own words.
  await page.route(`${ORIGIN}/scenarios/missing.md`, (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto('/?lang=en&scenario=/scenarios/missing.md');
  await expect(page.locator('.lesson')).toContainText('The scenario could not be fetched from /scenarios/missing.md: the server answered HTTP 404.');
  await serveScenario(page, '/scenarios/huge.md', `${EXAMPLE}\n${'x'.repeat(300 * 1024)}`);
  await page.goto('/?lang=ja&scenario=/scenarios/huge.md');
  await expect(page.locator('.lesson')).toContainText('huge.md は大きすぎます');
});

test('a reader completes the scenario through the UI', async ({ page }) => {
  await serveScenario(page);
  await page.goto('/?lang=en&scenario=/scenarios/strict-frontend.md');
  const lesson = page.locator('.lesson');
  const input = page.locator('#terminal-input');
  await expectFirstStep(lesson);
  // Step 1: the step's own command, from its button.
  await lesson.getByRole('button', { name: 'Put command 1 in the prompt' }).click();
  await expect(input).not.toHaveValue('');
  await input.press('Enter');
  await expect(lesson.locator('.progress')).toContainText('1 of 3 steps done', { timeout: 15_000 });
  await expect(lesson.locator('.step-title')).toContainText('Make the frontend namespace STRICT');
  await expect(lesson.getByRole('link', { name: /PeerAuthentication/ })).toHaveAttribute('href', 'https://istio.io/latest/docs/reference/config/security/peer_authentication/');
  // Step 2: the solution, then the check's request typed by hand.
  await lesson.getByRole('button', { name: 'Show solution' }).click();
  await expect(input).not.toHaveValue('');
  await input.press('Enter');
  await input.fill("kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' http://frontend.frontend.svc.cluster.local/");
  await input.press('Enter');
  await expect(lesson.locator('.progress')).toContainText('2 of 3 steps done', { timeout: 15_000 });
  // Step 3: typed.
  await input.fill("curl -s -o /dev/null -w '%{http_code}\\n' http://34.136.92.187/");
  await input.press('Enter');
  await expect(lesson.locator('.progress')).toContainText('3 of 3 steps done', { timeout: 15_000 });
  await expect(lesson).toContainText('Lesson complete');
  // Its progress is kept apart from the built-in lessons'.
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('mtls-playground') ?? '{}') as { lessons?: Record<string, unknown>; lessonId?: string });
  expect(Object.keys(saved.lessons ?? {})).toContain('scenario-strict-frontend');
  expect(saved.lessonId).toBeUndefined();
});

test('the embed example page starts its inline scenario when asked', async ({ page }) => {
  await page.goto('/embed-example.html');
  await page.getByRole('button', { name: 'Start the custom scenario' }).click();
  const lesson = page.locator('#pg-scenario .lesson');
  await expect(lesson.locator('.step-title')).toContainText('Step 1 of 1 Send a request without a sidecar', { timeout: 15_000 });
  await expect(lesson.locator('.body ol li')).toHaveCount(2);
  await expect(lesson.getByRole('link', { name: /PeerAuthentication/ })).toHaveAttribute('rel', 'noopener noreferrer');
});
