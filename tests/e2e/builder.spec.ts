import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const STRICT = ['apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata:', '  name: default', '  namespace: frontend', 'spec:', '  mtls:', '    mode: STRICT', 'EOF'];
const CURL = "kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' http://frontend.frontend.svc.cluster.local/";

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const terminal = (page: Page) => page.locator('#terminal-input');

async function type(page: Page, line: string) {
  await terminal(page).fill(line);
  await terminal(page).press('Enter');
}

/** Applies the STRICT policy the way a learner types it: the heredoc line, then the body pasted. */
async function applyStrict(page: Page) {
  await type(page, "kubectl apply -f - <<'EOF'");
  await type(page, STRICT.join('\n'));
  await expect(page.locator('.scrollback').last()).toContainText('peerauthentication.security.istio.io/default created');
}

test('an author turns a reset request into a scenario, proves it and shares it; a learner completes it from the link', async ({ page, context }) => {
  await page.goto('/?lang=en&mode=sandbox');
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();

  // The builder, from the sandbox's lesson panel, by keyboard.
  const entry = page.getByRole('button', { name: 'Create a scenario' });
  await entry.focus();
  await page.keyboard.press('Enter');
  const builder = page.getByRole('dialog', { name: 'Create a scenario' });
  await expect(builder).toBeVisible();
  await expect(builder.getByRole('heading', { name: 'Create a scenario' })).toBeFocused();
  await builder.getByLabel('Title', { exact: true }).fill('Lock the frontend');
  await builder.getByLabel('Summary (Markdown)').fill('Make the frontend STRICT and watch testcurl lose its way in.');
  await builder.getByRole('button', { name: 'Capture the start' }).click();
  await expect(builder).toContainText('The start is the default cluster, unchanged.');
  await builder.getByRole('button', { name: 'Add a step' }).click();
  await builder.getByLabel('Step title').fill('Make frontend STRICT');
  await builder.getByLabel('What to do (Markdown)').fill('Apply a namespace-wide STRICT policy in `frontend`, then curl it from **testcurl**.');

  // The author plays the step in the terminal, the builder open beside it.
  await applyStrict(page);
  await type(page, CURL);
  await expect(page.locator('.scrollback').last()).toContainText('000');
  const request = builder.getByRole('button', { name: /^Require this request: default\/testcurl → http:\/\/frontend\.frontend\.svc\.cluster\.local\/, a reset/ });
  await request.click();
  await expect(builder.getByRole('list', { name: 'Checks' })).toContainText('default/testcurl → http://frontend.frontend.svc.cluster.local/: is reset (made by the learner)');
  await builder.getByRole('button', { name: /^Offer this command: kubectl exec testcurl/ }).click();
  await expect(builder.getByLabel('Solution')).toHaveValue(`kubectl apply -f - <<'EOF'\n${STRICT.join('\n')}\n${CURL}`);

  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);

  await builder.getByRole('button', { name: 'Prove' }).click();
  await expect(builder.getByRole('status').filter({ hasText: 'Proved' })).toContainText(/Proved in \d+ ms: the scenario can be solved\./);

  // Export: the file, the link, and the link opened as a learner.
  const [download] = await Promise.all([page.waitForEvent('download'), builder.getByRole('link', { name: 'Download lock-the-frontend.md' }).click()]);
  expect(download.suggestedFilename()).toBe('lock-the-frontend.md');
  const file = readFileSync(await download.path(), 'utf8');
  expect(file).toMatch(/^---\nscenario: v1\nid: lock-the-frontend\n/);
  expect(file).toContain('check:\n  request:\n    expect: reset\n    from: default/testcurl\n    seen: step\n    to: http://frontend.frontend.svc.cluster.local/\n');

  await builder.getByRole('button', { name: 'Copy link' }).click();
  await expect(builder).toContainText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/\?lang=en#scenario=[A-Za-z0-9_-]+$/);

  const [learner] = await Promise.all([context.waitForEvent('page'), builder.getByRole('button', { name: /Try as a learner/ }).click()]);
  await learner.waitForLoadState();
  expect(learner.url()).toBe(link);
  await expect(learner.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  const lesson = learner.locator('.lesson');
  await expect(lesson).toContainText('Make frontend STRICT');
  await expect(lesson).toContainText('0 of 1 steps done');
  // The author's entry is the sandbox's only: a learner in a lesson does not see it.
  await expect(learner.getByRole('button', { name: 'Create a scenario' })).toHaveCount(0);
  await applyStrict(learner);
  await expect(lesson).toContainText('0 of 1 steps done');
  await type(learner, CURL);
  await expect(lesson).toContainText('1 of 1 steps done', { timeout: 15_000 });
  await expect(lesson).toContainText('Lesson complete');

  // Escape closes the builder and gives the focus back to its entry; the draft stays.
  await builder.getByLabel('Step title').press('Escape');
  await expect(builder).toBeHidden();
  await expect(entry).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Create a scenario' }).getByLabel('Step title')).toHaveValue('Make frontend STRICT');
});
