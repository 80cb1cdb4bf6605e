import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Words of the UI in each language, as a learner sees them. */
const UI = {
  en: { solution: 'Show solution', done: (n: number) => `${n} of 7 steps done`, finished: 'Lesson complete', submit: 'Check my guess', lesson: 'Lesson' },
  ja: { solution: '解答を表示', done: (n: number) => `7 ステップ中 ${n} ステップ完了`, finished: 'レッスン完了です', submit: '答え合わせ', lesson: 'レッスン' },
} as const;

const input = (page: Page) => page.locator('#terminal-input');

async function type(page: Page, line: string) {
  await input(page).fill(line);
  await input(page).press('Enter');
}

async function openApp(page: Page, query = '') {
  await page.goto(`/${query}`);
  await expect(page.getByRole('toolbar', { name: /Playback|再生/ })).toBeVisible();
}

/** Shows the current step's solution, checks that it is placed (not run), then runs it. */
async function runSolution(page: Page, lang: 'en' | 'ja') {
  await page.getByRole('button', { name: UI[lang].solution }).click();
  await expect(input(page)).not.toHaveValue('');
  await input(page).press('Enter');
}

async function answerPrediction(page: Page, lang: 'en' | 'ja') {
  const question = page.locator('.lesson section.predict').first();
  if (!(await question.isVisible())) return;
  const boxes = question.getByRole('checkbox');
  if ((await boxes.count()) === 0 || (await boxes.first().isDisabled())) return;
  await boxes.first().check();
  await question.getByRole('button', { name: UI[lang].submit }).click();
}

for (const lang of ['en', 'ja'] as const) {
  test(`a newcomer completes lesson 1 in ${lang === 'en' ? 'English' : 'Japanese'}, with predictions scored`, async ({ page }) => {
    await openApp(page, `?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    for (let step = 0; step < 7; step++) {
      await expect(page.locator('.lesson .progress')).toContainText(UI[lang].done(step));
      await answerPrediction(page, lang);
      await runSolution(page, lang);
      await expect(page.locator('.lesson .progress')).toContainText(UI[lang].done(step + 1), { timeout: 15_000 });
    }
    await expect(page.locator('.lesson')).toContainText(UI[lang].finished);
  });
}

for (const [lesson, steps] of [[2, 6], [3, 3], [4, 3], [5, 4], [6, 3], [7, 4], [8, 3]] as const) {
  test(`lesson ${lesson} can be completed through the UI with its solutions`, async ({ page }) => {
    await openApp(page, `?lang=en&lesson=${lesson}`);
    for (let step = 0; step < steps; step++) {
      await expect(page.locator('.lesson .progress')).toContainText(`${step} of ${steps} steps done`);
      await runSolution(page, 'en');
      await expect(page.locator('.lesson .progress')).toContainText(`${step + 1} of ${steps} steps done`, { timeout: 15_000 });
    }
    await expect(page.locator('.lesson')).toContainText(UI.en.finished);
  });
}

test('the prediction is revealed and scored when the step passes', async ({ page }) => {
  await openApp(page, '?lang=en&lesson=1&step=2');
  const question = page.locator('.lesson section.predict').first();
  await expect(question).toBeVisible();
  // Guess: only the frontend-external load balancer breaks.
  await question.getByRole('checkbox').first().check();
  await question.getByRole('button', { name: UI.en.submit }).click();
  await runSolution(page, 'en');
  await expect(page.locator('.lesson .banner')).toContainText('Step 2 done');
  await expect(page.locator('.lesson section.predict [role="status"]').first()).toContainText(/Score: \d+/);
});

test('progress survives a reload: the step and the world come back', async ({ page }) => {
  await openApp(page, '?lang=en');
  await runSolution(page, 'en');
  await expect(page.locator('.lesson .progress')).toContainText(UI.en.done(1));
  await answerPrediction(page, 'en');
  await runSolution(page, 'en');
  await expect(page.locator('.lesson .progress')).toContainText(UI.en.done(2));
  await page.reload();
  await expect(page.locator('.lesson .progress')).toContainText(UI.en.done(2));
  await expect(page.locator('.lesson .step-title')).toContainText('Step 3 of 7');
  // The namespace policies of step 2 were replayed into the world.
  await type(page, 'kubectl get peerauthentication -n cart');
  await expect(page.locator('.scrollback')).toContainText('namespace-policy   STRICT');
  // Undo works on replayed commands too: five undos take back the get, the three requests and
  // the apply loop of step 2.
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: /Undo/ }).first().click();
  await type(page, 'kubectl get peerauthentication -A');
  await expect(page.locator('.scrollback')).toContainText('No resources found');
});

test('corrupt saved progress is recovered from with a notice, never a crash', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('mtls-playground', '{"v":1,"mode":"lesson","lessons":{"x":');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openApp(page, '?lang=en');
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('could not be read');
  // Lesson 1 starts before the credentials are fetched, as the tutorial does: kubectl says so.
  await type(page, 'kubectl get ns default');
  await expect(page.locator('.scrollback')).toContainText('The connection to the server localhost:8080 was refused');
  await expect(page.locator('.lesson .step-title')).toContainText('Step 1 of 7');
});

test('old-format and newer-format saved data are handled', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('mtls-playground', JSON.stringify({ v: 99, mode: 'lesson', lessons: {}, sandbox: { commands: [] } })));
  await openApp(page, '?lang=en');
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('newer version');
});

test('a hostile address is refused with a notice: no markup, no script, no freeze', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openApp(page, `?lang=en&lesson=${encodeURIComponent('<img src=x onerror=alert(1)>')}&step=9999&theme=javascript:alert(1)#s=${'A'.repeat(20_000)}`);
  const notices = page.getByRole('region', { name: 'Notices' });
  await expect(notices).toContainText('shared link could not be opened');
  await expect(notices).toContainText('were not valid and were ignored: lesson, step, theme');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // Garbage that is short enough to decode is refused too.
  await page.goto('/?lang=en#s=%3Cscript%3Ealert(1)%3C/script%3E');
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('shared link could not be opened');
  await type(page, 'echo still working');
  await expect(page.locator('.scrollback')).toContainText('still working');
  expect(dialogs).toEqual([]);
});

test('the student link carries the exact state to another browser', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, '?lang=en');
  await runSolution(page, 'en');
  await type(page, 'kubectl create namespace shared-marker');
  await page.getByText('Menu').click();
  await page.getByRole('button', { name: 'Copy student link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
  // A student: a fresh browser with no saved progress.
  const student = await browser.newContext();
  const studentPage = await student.newPage();
  await studentPage.goto(link.replace(/^https?:\/\/[^/]+/, 'http://127.0.0.1:4173'));
  await expect(studentPage.getByRole('region', { name: 'Notices' })).toContainText('Opened from a shared link');
  await expect(studentPage.locator('.lesson .step-title')).toContainText('Step 2 of 7');
  await studentPage.locator('#terminal-input').fill('kubectl get ns shared-marker');
  await studentPage.locator('#terminal-input').press('Enter');
  await expect(studentPage.locator('.scrollback')).toContainText(/shared-marker\s+Active/);
  await student.close();
});

test('undo, reset and the time machine', async ({ page }) => {
  await openApp(page, '?lang=en&mode=sandbox');
  await type(page, "kubectl apply -n cart -f - <<'YAML'");
  await type(page, 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: strict\nspec:\n  mtls:\n    mode: STRICT\nYAML');
  await expect(page.locator('.scrollback')).toContainText('peerauthentication.security.istio.io/strict created');
  await type(page, 'kubectl create namespace later');
  // The time machine shows the start: no policy, Permissive everywhere.
  await page.getByRole('tab', { name: 'Time machine' }).click();
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Showing the world after' }).first()).toBeVisible();
  await expect(page.locator('p.visually-hidden[id$="-desc"]').first()).toContainText('cart/cartservice: PERMISSIVE');
  await page.getByRole('button', { name: 'Back to now' }).first().click();
  await expect(page.locator('p.visually-hidden[id$="-desc"]').first()).toContainText('cart/cartservice: STRICT');
  // Undo by command, then reset by button (the lesson column is folded while the details are open).
  await type(page, 'undo');
  await expect(page.locator('.scrollback')).toContainText('Undone: kubectl create namespace later');
  await page.getByRole('button', { name: 'Close the details' }).click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: /Reset/ }).first().click();
  await type(page, 'kubectl get pa -A');
  await expect(page.locator('.scrollback').last()).toContainText('No resources found');
});

test('the request matrix highlights what an apply changed', async ({ page }) => {
  await openApp(page, '?lang=en&mode=sandbox');
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.getByRole('table').first()).toBeVisible();
  await type(page, "kubectl apply -n frontend -f - <<'YAML'");
  await type(page, 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: strict\nspec:\n  mtls:\n    mode: STRICT\nYAML');
  await expect(page.locator('.tabpanel')).toContainText(/changed/);
});

test('presenter mode by keyboard only', async ({ page }) => {
  await openApp(page, '?lang=en&lesson=1');
  // Reach the presenter toggle with Tab from the page start and press it.
  await page.locator('body').focus();
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Presenter mode');
  }
  expect(found).toBe(true);
  await page.keyboard.press('Enter');
  const bar = page.getByRole('toolbar', { name: 'Presenter controls' });
  await expect(bar).toBeVisible();
  await expect(page.locator('.app')).toHaveAttribute('data-theme', 'projector');
  // The projector layout: the presenter bar is the step's caption over the mesh and the terminal.
  await expect(bar).toContainText('1/7');
  // Move focus off the button, then drive the demo with the arrow key.
  await bar.getByText('1/7').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.scrollback')).toContainText('Fetching cluster endpoint and auth data.');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await expect(bar).toContainText('2/7');
  await page.keyboard.press('s');
  await expect(bar.getByRole('button', { name: 'Spotlight on the hop' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('n');
  await expect(bar).toContainText('3/7');
  await page.keyboard.press('ArrowLeft');
  await expect(bar).toContainText('2/7');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
});

test('axe finds no violations in the lesson panel, the matrix, the time machine and the menu, in both languages', async ({ page }) => {
  for (const lang of ['en', 'ja'] as const) {
    await openApp(page, `?lang=${lang}&lesson=1&step=2`);
    const check = async (what: string) => {
      const result = await new AxeBuilder({ page }).analyze();
      expect(result.violations.map((v) => `${what} ${lang}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    await check('lesson');
    await page.getByRole('tab', { name: lang === 'en' ? 'Matrix' : 'マトリクス' }).click();
    await check('matrix');
    await page.getByRole('tab', { name: lang === 'en' ? 'Time machine' : 'タイムマシン' }).click();
    await check('time machine');
    await page.getByText(lang === 'en' ? 'Menu' : 'メニュー').click();
    await check('menu');
  }
});

test('the language switches at run time, lesson text included', async ({ page }) => {
  await openApp(page, '?lang=en');
  await expect(page.getByRole('button', { name: UI.en.solution })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await expect(page.getByRole('button', { name: UI.ja.solution })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // The choice is remembered.
  await page.goto('/');
  await expect(page.getByRole('button', { name: UI.ja.solution })).toBeVisible();
});
