import { expect, type Page } from '@playwright/test';

/**
 * Opens the sandbox in English and applies one manifest the way a learner types it: a heredoc line,
 * then the body pasted as one input, then waits for kubectl's `created` line.
 */
export async function applyInSandbox(page: Page, manifest: string[], created: string): Promise<void> {
  await page.goto('/?lang=en&mode=sandbox');
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  const input = page.locator('#terminal-input');
  await input.fill("kubectl apply -f - <<'EOF'");
  await input.press('Enter');
  await input.fill([...manifest, 'EOF'].join('\n'));
  await input.press('Enter');
  await expect(page.locator('.scrollback').last()).toContainText(`${created} created`);
}
