import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * Embedding: static/embed-example.html (an iframe and two <mtls-playground> elements) and the app
 * page's own embed options. Playwright's locators reach into open shadow roots, so an element's
 * content is found under the element itself.
 */

const ORIGIN = 'http://127.0.0.1:4173';
const TESTCURL = "kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'";

/** Every request the page (and its frames) makes outside its own origin. */
function watchOrigin(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${ORIGIN}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  return outside;
}

const logged = (page: Page, instance: string, type: string) => page.locator(`#event-log li[data-instance="${instance}"][data-type="${type}"]`);
const commandInput = (scope: Locator, name = 'Command input') => scope.getByRole('textbox', { name });
const meshText = (scope: Locator) => scope.locator('p.visually-hidden[id$="-desc"]');
const scrollback = (scope: Locator) => scope.locator('.scrollback');

async function checkAxe(page: Page, exclude?: string) {
  const builder = new AxeBuilder({ page });
  if (exclude) builder.exclude(exclude);
  const { violations } = await builder.analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

async function type(scope: Locator, line: string) {
  const input = commandInput(scope);
  await input.fill(line);
  await input.press('Enter');
}

test('the embed page: two elements that do not interfere, an iframe that fits its content', async ({ page }) => {
  const outside = watchOrigin(page);
  await page.goto('/embed-example.html');
  const en = page.locator('#pg-en');
  const ja = page.locator('#pg-ja');

  // Both elements start, each in its own lesson, step, language and theme.
  await expect(logged(page, 'pg-en', 'ready')).toHaveCount(1);
  await expect(logged(page, 'pg-ja', 'ready')).toHaveCount(1);
  await expect(logged(page, 'pg-en', 'ready')).toContainText('"lesson":"01-seed-tutorial","step":4');
  await expect(logged(page, 'pg-ja', 'ready')).toContainText('"lesson":"03-destinationrule-disable","step":1');
  await expect(en.locator('.lesson .step-title')).toContainText('Step 4 of 7');
  await expect(ja.locator('.lesson .step-title')).toContainText('ステップ 1 / 3');
  await expect(en.locator('.app')).toHaveAttribute('lang', 'en');
  await expect(ja.locator('.app')).toHaveAttribute('lang', 'ja');
  await expect(en.getByRole('heading', { name: 'Mesh' })).toBeVisible();
  await expect(ja.getByRole('heading', { name: 'メッシュ' })).toBeVisible();
  // Steps 1 to 3 of lesson 1 count as done; the theme is each instance's own, not the page's.
  await expect(en.getByRole('button', { name: /^Step 3 of 7: .*\(Done\)$/ })).toBeVisible();
  await expect(en.getByRole('button', { name: /^Step 4 of 7/ })).toHaveAttribute('aria-current', 'step');
  const background = (scope: Locator) => scope.locator('.app').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background(en)).toBe('rgb(246, 247, 249)');
  expect(await background(ja)).toBe('rgb(15, 18, 22)');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  // The components' styles went into the shadow roots, none into the page.
  expect(await page.evaluate(() => document.head.querySelectorAll('style').length)).toBe(1);
  expect(await en.evaluate((el) => el.shadowRoot?.querySelectorAll('style').length ?? 0)).toBeGreaterThan(3);

  // The read-only instance takes no input.
  await expect(commandInput(ja, 'コマンド入力')).not.toBeEditable();
  const jaMeshBefore = await meshText(ja).textContent();

  // Typing into one instance changes that instance only.
  await type(en, 'kubectl get peerauthentication -A');
  await expect(scrollback(en)).toContainText('No resources found');
  await type(en, TESTCURL);
  await expect(logged(page, 'pg-en', 'request-completed')).toHaveCount(1);
  await expect(logged(page, 'pg-en', 'request-completed')).toContainText('"httpCode":200');
  // The step's solution, from the lesson panel: the frontend turns STRICT, the step is done.
  await en.getByRole('button', { name: 'Show solution' }).click();
  await expect(commandInput(en)).not.toHaveValue('');
  await commandInput(en).press('Enter');
  await expect(meshText(en)).toContainText('frontend/frontend: STRICT');
  await expect(logged(page, 'pg-en', 'step-completed')).toContainText('"lesson":"01-seed-tutorial","step":4');
  await expect(logged(page, 'pg-en', 'request-completed').filter({ hasText: '"curlExit":56' }).first()).toBeVisible();
  await expect(en.locator('.lesson .step-title')).toContainText('Step 5 of 7');

  expect(await meshText(ja).textContent()).toBe(jaMeshBefore);
  await expect(scrollback(ja).locator('.entry')).toHaveCount(0);
  await expect(ja.locator('.lesson .step-title')).toContainText('ステップ 1 / 3');
  await expect(logged(page, 'pg-ja', 'request-completed')).toHaveCount(0);
  await expect(logged(page, 'pg-ja', 'step-completed')).toHaveCount(0);

  // The page with its two elements (the iframe's page is its own document: checked on its own below).
  await checkAxe(page, 'iframe[data-playground]');

  // `lang` applies in place: the same simulator, now in Japanese, with what was typed still there.
  await page.getByRole('button', { name: '日本語 / English' }).click();
  await expect(en.locator('.app')).toHaveAttribute('lang', 'ja');
  await expect(en.getByRole('heading', { name: 'メッシュ' })).toBeVisible();
  await expect(scrollback(en)).toContainText('No resources found');
  await expect(logged(page, 'pg-en', 'ready')).toHaveCount(1);

  // The iframe takes the height its content reports.
  const frame = page.locator('iframe[data-playground]');
  const inner = page.frameLocator('iframe[data-playground]').locator('.app');
  await expect(inner.getByRole('heading', { name: 'Cloud Shell' })).toBeVisible();
  const gap = async () => {
    const content = await inner.evaluate((el) => el.scrollHeight);
    const box = await frame.evaluate((el) => el.clientHeight);
    return Math.abs(content - box);
  };
  await expect.poll(gap).toBeLessThanOrEqual(1);
  const first = await frame.evaluate((el) => el.clientHeight);
  expect(first).toBeGreaterThan(1000);
  // When the content grows, the frame follows.
  await inner.evaluate((el) => {
    const extra = document.createElement('div');
    extra.style.height = '300px';
    el.append(extra);
  });
  await expect.poll(() => frame.evaluate((el) => el.clientHeight)).toBe(first + 300);
  await expect.poll(gap).toBeLessThanOrEqual(1);

  expect(outside).toEqual([]);
  // Embedded instances keep nothing in the browser's storage.
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});

test('an element started again when its scenario attributes change, and taken down when removed', async ({ page }) => {
  await page.goto('/embed-example.html');
  const ja = page.locator('#pg-ja');
  await expect(logged(page, 'pg-ja', 'ready')).toHaveCount(1);
  await page.evaluate(() => {
    const element = document.getElementById('pg-ja');
    element?.setAttribute('lesson', '2');
    element?.setAttribute('step', '2');
  });
  // Two attributes, one restart.
  await expect(logged(page, 'pg-ja', 'ready')).toHaveCount(2);
  await expect(logged(page, 'pg-ja', 'ready').nth(1)).toContainText('"lesson":"02-permissive-migration","step":2');
  await expect(ja.locator('.lesson .step-title')).toContainText('ステップ 2 / 6');
  await page.waitForTimeout(300);
  await expect(logged(page, 'pg-ja', 'ready')).toHaveCount(2);

  await page.evaluate(() => document.getElementById('pg-ja')?.remove());
  expect(await page.evaluate(() => document.querySelectorAll('mtls-playground').length)).toBe(1);
  // Defining the element twice (the module loaded again under another URL) is harmless.
  await page.evaluate((url) => import(url), `${ORIGIN}/embed/mtls-playground.js?again`);
  expect(await page.evaluate(() => customElements.get('mtls-playground') !== undefined)).toBe(true);
});

test('the app page takes the embed options from its address', async ({ page }) => {
  const outside = watchOrigin(page);
  await page.goto('/?embed=1&lesson=1&step=4&panels=mesh,details&readonly=1');
  const app = page.locator('.app.compact');
  await expect(app.getByRole('heading', { name: 'Mesh' })).toBeVisible();
  await expect(app.getByRole('region', { name: 'Details' })).toBeVisible();
  // Only those panels: no lesson, terminal, browser or events, and no top bar.
  await expect(app.locator('.stack > .cell')).toHaveCount(2);
  await expect(app.getByRole('heading', { name: 'Lesson' })).toHaveCount(0);
  await expect(app.getByRole('heading', { name: 'Cloud Shell' })).toHaveCount(0);
  await expect(app.getByRole('toolbar', { name: 'Playback' })).toHaveCount(0);
  await checkAxe(page);

  await page.goto('/?embed=1&lesson=1&step=4&panels=lesson,terminal&readonly=1');
  const lesson = page.locator('.app.compact .lesson');
  await expect(lesson.locator('.step-title')).toContainText('Step 4 of 7');
  await expect(lesson.getByRole('button', { name: /^Step 4 of 7/ })).toHaveAttribute('aria-current', 'step');
  for (const n of [1, 2, 3]) await expect(lesson.getByRole('button', { name: new RegExp(`^Step ${n} of 7: .*\\(Done\\)$`) })).toBeVisible();
  await expect(lesson.getByRole('button', { name: /^Step 5 of 7: [^(]*$/ })).toBeVisible();
  await expect(lesson).toContainText('3 of 7 steps done');
  const input = page.locator('.app.compact').getByRole('textbox', { name: 'Command input' });
  await expect(input).not.toBeEditable();
  await input.press('Enter');
  await expect(page.locator('.app.compact .scrollback .entry')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  await checkAxe(page);

  // The example page's iframe, as a page of its own.
  await page.goto('/index.html?embed=1&lesson=1&step=4&lang=en&panels=lesson,terminal,mesh,details');
  await expect(page.locator('.app.compact').getByRole('heading', { name: 'Cloud Shell' })).toBeVisible();
  await expect(page.locator('.app.compact .lesson .step-title')).toContainText('Step 4 of 7');
  await checkAxe(page);
  expect(outside).toEqual([]);
});
