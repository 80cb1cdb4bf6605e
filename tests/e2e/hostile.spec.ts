import { expect, test, type Page } from '@playwright/test';
import { encodeShare } from '../../src/app/share/hashState.ts';

/**
 * Hostile input and long sessions, in the real page: an alias bomb, a link that asks for minutes
 * of work, a 10,000-command paste, a long history, two tabs. How long the page's tasks take is
 * measured by `npm run bench:hostile` (figures, not assertions); here the page must answer.
 */

const input = (page: Page) => page.locator('#terminal-input');
const scrollback = (page: Page) => page.locator('.scrollback');
const notices = (page: Page) => page.getByRole('region', { name: 'Notices' });

async function type(page: Page, line: string) {
  await input(page).fill(line);
  await input(page).press('Enter');
}

async function openApp(page: Page, path = '/?lang=en&mode=sandbox') {
  await page.goto(path);
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
}

async function paste(page: Page, text: string) {
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.getElementById('terminal-input')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Nine levels of nine aliases each: 9^9 nodes if expanded (the 332-character link). */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return `kubectl apply -f - <<EOF\n${lines.join('\n')}\nEOF`;
}

const LOOP = 'for i in $(seq 9999); do kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/; done';

test('an alias bomb, pasted or from a link, gets go-yaml\'s error and the page stays usable', async ({ page }) => {
  await openApp(page);
  await paste(page, `${aliasBomb(9)}\n`);
  await expect(scrollback(page)).toContainText('yaml: document contains excessive aliasing');
  await type(page, 'echo still here');
  await expect(scrollback(page)).toContainText('still here');

  const hash = await encodeShare({ v: 1, mode: 'sandbox', commands: [aliasBomb(9), 'kubectl create namespace after-bomb'] });
  await page.goto(`/?lang=en${hash}`);
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  await type(page, 'kubectl get ns after-bomb');
  await expect(scrollback(page)).toContainText(/after-bomb\s+Active/);
});

test('a link with thirty 9,999-request loops replays in slices, can be stopped, and never replaces saved work', async ({ page }) => {
  await openApp(page);
  await type(page, 'kubectl create namespace my-work');
  await expect(scrollback(page)).toContainText('namespace/my-work created');
  // The save is written when the page is hidden (or idle): a reload makes sure of it.
  await page.reload();
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  const saved = await page.evaluate(() => localStorage.getItem('mtls-playground'));
  expect(saved).toContain('my-work');

  const hash = await encodeShare({ v: 1, mode: 'sandbox', commands: Array.from({ length: 30 }, () => LOOP) });
  expect(hash.length).toBeLessThan(400);
  await page.goto(`/?lang=en${hash}`);
  const progress = page.getByRole('progressbar');
  await expect(progress).toBeVisible();
  // The page answers while it replays: the Stop button works.
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(progress).toBeHidden();
  await expect(notices(page)).toContainText(/Replay stopped after \d+ of 30 commands/);
  await expect(notices(page)).toContainText('Your own saved work here (1 commands) is kept');
  // The terminal was held during the replay and works now.
  await type(page, 'echo after stop');
  await expect(scrollback(page)).toContainText('after stop');
  expect(await page.evaluate(() => localStorage.getItem('mtls-playground'))).toBe(saved);

  // Left to run, the link stops at its budget with a notice; saved work is still untouched.
  await page.reload();
  await expect(notices(page)).toContainText('a shared link may simulate at most 20000 requests', { timeout: 45_000 });
  // Back to the app without the link: the saved sandbox comes back.
  await openApp(page);
  expect(await page.evaluate(() => localStorage.getItem('mtls-playground'))).toBe(saved);
  await type(page, 'kubectl get ns my-work');
  await expect(scrollback(page)).toContainText(/my-work\s+Active/);
});

test('a 10,000-command paste runs in slices, shows progress, and what it changed survives a reload', async ({ page }) => {
  await openApp(page);
  const lines = ['kubectl create namespace before-paste', ...Array.from({ length: 10_000 }, (_, i) => `echo line ${i}`), 'kubectl create namespace after-paste'];
  await paste(page, `${lines.join('\n')}\n`);
  // The page takes typing while the paste runs; the typed line waits its turn behind the paste.
  await type(page, 'echo typed-during-paste');
  await expect(scrollback(page)).toContainText('typed-during-paste', { timeout: 45_000 });
  await expect(scrollback(page)).toContainText(/line 9999[\s\S]*namespace\/after-paste created[\s\S]*typed-during-paste/);
  await page.reload();
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  await type(page, 'kubectl get ns before-paste after-paste');
  await expect(scrollback(page)).toContainText(/before-paste\s+Active[\s\S]*after-paste\s+Active/);
});

test('Ctrl+C stops a long loop and drops the lines typed behind it', async ({ page }) => {
  await openApp(page);
  await type(page, LOOP);
  await type(page, 'kubectl create namespace typed-ahead');
  await expect(page.getByRole('status').filter({ hasText: /Running…/ })).toBeVisible();
  await input(page).press('Control+c');
  await expect(scrollback(page)).toContainText('^C');
  await type(page, 'echo $?; kubectl get ns typed-ahead');
  await expect(scrollback(page)).toContainText('130');
  await expect(scrollback(page)).toContainText('Error from server (NotFound): namespaces "typed-ahead" not found');
});

test('no command that changed the world is lost after hundreds of others: reload, undo and the time machine agree', async ({ page }) => {
  await openApp(page);
  await paste(page, `kubectl create namespace kept-early\n${Array.from({ length: 250 }, (_, i) => `echo ${i}`).join('\n')}\nkubectl create namespace kept-late\n`);
  await expect(scrollback(page)).toContainText('namespace/kept-late created', { timeout: 30_000 });
  await page.getByRole('button', { name: /Undo/ }).first().click();
  await page.reload();
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  await type(page, 'kubectl get ns kept-early kept-late');
  await expect(scrollback(page)).toContainText(/kept-early\s+Active/);
  await expect(scrollback(page)).toContainText('namespaces "kept-late" not found');
});

test('two tabs do not overwrite each other silently', async ({ context }) => {
  const first = await context.newPage();
  await openApp(first);
  const second = await context.newPage();
  await openApp(second);
  await type(second, 'kubectl create namespace from-second');
  await expect(scrollback(second)).toContainText('namespace/from-second created');
  // Hiding the second tab writes its progress; the first hears of it.
  await second.close({ runBeforeUnload: true });
  await expect(notices(first)).toContainText('Progress was saved in another tab');
  await type(first, 'kubectl create namespace from-first');
  await first.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  expect(await first.evaluate(() => localStorage.getItem('mtls-playground'))).toContain('from-second');
  expect(await first.evaluate(() => localStorage.getItem('mtls-playground'))).not.toContain('from-first');
  await first.getByRole('button', { name: 'Load the other tab’s progress' }).click();
  await type(first, 'kubectl get ns from-second');
  await expect(scrollback(first)).toContainText(/from-second\s+Active/);
});

test('the built page\'s strict Content-Security-Policy (no inline styles, Trusted Types) holds through a session', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await openApp(page, '/?lang=en&lesson=1');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("style-src 'self';");
  expect(csp).toContain("require-trusted-types-for 'script'");
  await page.getByRole('button', { name: 'Show solution' }).click();
  await input(page).press('Enter');
  await page.getByRole('button', { name: 'Show solution' }).click();
  await input(page).press('Enter');
  await expect(page.locator('.lesson .progress')).toContainText('2 of 7 steps done', { timeout: 15_000 });
  for (const tab of ['Handshake', 'Matrix', 'Time machine', 'Console', 'Why']) await page.getByRole('tab', { name: tab }).click();
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});
