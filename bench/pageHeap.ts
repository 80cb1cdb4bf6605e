import type { CDPSession, Page } from '@playwright/test';

/**
 * The page's JS heap in bytes after a forced GC, once the finished request flows are released
 * (they linger 2.5 s). Chromium must run with --js-flags=--expose-gc.
 */
export async function heapAfterGc(page: Page, cdp: CDPSession): Promise<number> {
  await page.waitForTimeout(4000);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}
