import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadScenario } from '../../src/lessons/scenario/load.ts';

/**
 * What issue #13 promises a documentation author: from docs/scenarios.md alone, write a three-step
 * scenario, embed it in a page with the element as that document shows, and have a reader complete
 * it. The scenario is the document's own complete example (the block after `<!-- complete-example -->`),
 * the page is the document's embedding snippet, and the reader types each step's commands.
 */

const ORIGIN = 'http://127.0.0.1:4173';
const DOCS = readFileSync('docs/scenarios.md', 'utf8');

/** The fenced block that follows a marker comment in the document. */
function fencedAfter(marker: string): string {
  const at = DOCS.indexOf(marker);
  expect(at, `docs/scenarios.md has ${marker}`).toBeGreaterThan(-1);
  const m = /```markdown\n([\s\S]*?)\n```/.exec(DOCS.slice(at));
  expect(m, 'a ```markdown block follows the marker').not.toBeNull();
  return m![1]!;
}

const EXAMPLE = fencedAfter('<!-- complete-example -->');

test("a docs author's scenario, written from docs/scenarios.md, embedded inline, completed by a reader", async ({ page }) => {
  // The author's own check, as the document says: the scenario loads (and `sim --prove` runs in unit tests).
  const loaded = loadScenario([{ name: 'my-scenario.md', text: EXAMPLE }]);
  expect(loaded.ok).toBe(true);
  if (!loaded.ok) return;
  const { lesson } = loaded;
  expect(lesson.steps).toHaveLength(3);

  // The documentation page: the element script from this site and the scenario inline, as the document shows.
  const docsPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Our docs: ${lesson.title.en}</title>
<script type="module" src="/embed/mtls-playground.js"></script></head>
<body><main><h1>Try it</h1>
<mtls-playground id="pg" lang="en" panels="lesson,terminal">
<script type="application/x-mtls-scenario+markdown">
${EXAMPLE.replace(/<\/script/gi, '<\\/script')}
</script>
</mtls-playground></main></body></html>`;
  await page.route(`${ORIGIN}/docs/try-it.html`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: docsPage }));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/docs/try-it.html');

  const pg = page.locator('#pg');
  const panel = pg.locator('.lesson');
  const input = pg.getByRole('textbox', { name: 'Command input' });
  await expect(panel.locator('.step-title')).toContainText(`Step 1 of 3 ${lesson.steps[0]!.title.en}`, { timeout: 20_000 });

  // The reader follows each step: reads its title, types its commands, and sees it done.
  for (const [i, step] of lesson.steps.entries()) {
    await expect(panel.locator('.step-title')).toContainText(`Step ${i + 1} of 3 ${step.title.en}`);
    await input.fill(step.solution.replace(/\n$/, ''));
    await input.press('Enter');
    await expect(panel.locator('.progress')).toContainText(`${i + 1} of 3 steps done`, { timeout: 20_000 });
  }
  await expect(panel).toContainText('Lesson complete');
  // The second step's request was refused by the author's policy, as the terminal shows.
  await expect(pg.locator('.scrollback')).toContainText('authorizationpolicy.security.istio.io/frontend-only created');
  expect(errors).toEqual([]);
});
