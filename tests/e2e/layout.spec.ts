import { expect, test, type Page } from '@playwright/test';

/**
 * The layout for each screen it is designed for (issue #9), measured: diagram text after SVG
 * scaling, overlapping diagram labels, terminal columns, sideways page scroll, body text size, and
 * kubectl output lines that must not wrap.
 */

interface Target {
  name: string;
  width: number;
  height: number;
  /** Added to the lesson's address. */
  query: string;
  /** Smallest diagram text, in CSS px after scaling. */
  diagram: number;
  /** Smallest body text, in CSS px. */
  body: number;
  /** Fewest terminal columns. */
  columns?: number;
}

const TARGETS: Target[] = [
  { name: 'laptop-1280x720', width: 1280, height: 720, query: '', diagram: 11, body: 12, columns: 80 },
  { name: 'laptop-1366x768', width: 1366, height: 768, query: '', diagram: 11, body: 12, columns: 80 },
  { name: 'laptop-1920x1080', width: 1920, height: 1080, query: '', diagram: 11, body: 12, columns: 80 },
  { name: 'projector-1024x768', width: 1024, height: 768, query: '&presenter=1', diagram: 14, body: 16 },
  { name: 'projector-1280x720', width: 1280, height: 720, query: '&presenter=1', diagram: 14, body: 16 },
  { name: 'docs-760x900', width: 760, height: 900, query: '&embed=1', diagram: 10, body: 12 },
  { name: 'phone-390x844', width: 390, height: 844, query: '', diagram: 11, body: 12 },
];

/** Lesson 1 at step 3: step 2's namespace-wide STRICT solution has run (replayed). */
const LESSON = '/?lang=en&lesson=1&step=3';

export interface Figures {
  /** Smallest diagram text (CSS px), and which text it is. */
  diagramFont: number;
  diagramFontText: string;
  /** Pairs of diagram texts whose boxes overlap. */
  overlaps: string[];
  /** Terminal columns: content width / one monospace character. */
  columns: number;
  /** The page's sideways overflow (px); 0 when it never scrolls sideways. */
  sideways: number;
  /** Smallest visible body text (CSS px, zoom included), and where. */
  bodyFont: number;
  bodyFontText: string;
}

/** Measures the page as it is rendered now (see `Figures`). */
export async function measure(page: Page): Promise<Figures> {
  return page.evaluate(() => {
    const zoomOf = (el: Element) => (el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    const visible = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: false }) && el.getClientRects().length > 0;
    const texts = [...document.querySelectorAll<SVGTextElement>('.mesh-graph svg text')].filter((t) => (t.textContent ?? '').trim() && visible(t));
    let diagramFont = Infinity;
    let diagramFontText = '';
    const boxes: { text: string; r: DOMRect }[] = [];
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      const box = t.getBBox();
      if (box.height === 0 || r.height === 0) continue;
      // User units to CSS px: the rendered height over the user-space height (SVG scaling and CSS zoom).
      const size = parseFloat(getComputedStyle(t).fontSize) * (r.height / box.height);
      if (size < diagramFont) {
        diagramFont = size;
        diagramFontText = `${t.getAttribute('class') ?? ''}: ${t.textContent ?? ''}`;
      }
      boxes.push({ text: `${t.getAttribute('class') ?? ''}: ${t.textContent ?? ''}`, r });
    }
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) overlaps.push(`${boxes[i]!.text} × ${boxes[j]!.text}`);
      }
    }

    const terminal = document.querySelector<HTMLElement>('.terminal');
    let columns = 0;
    if (terminal) {
      const probe = document.createElement('span');
      probe.textContent = '0'.repeat(100);
      probe.style.whiteSpace = 'pre';
      probe.style.position = 'absolute';
      probe.style.visibility = 'hidden';
      terminal.append(probe);
      const ch = probe.getBoundingClientRect().width / 100;
      probe.remove();
      const style = getComputedStyle(terminal);
      const content = terminal.clientWidth * zoomOf(terminal) - (parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)) * zoomOf(terminal);
      columns = Math.floor(content / ch);
    }

    const scroller = document.scrollingElement ?? document.documentElement;
    const sideways = Math.max(0, scroller.scrollWidth - window.innerWidth);

    let bodyFont = Infinity;
    let bodyFontText = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !(node.textContent ?? '').trim()) continue;
      if (el.closest('svg, option, datalist, .visually-hidden, script, style, title')) continue;
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      const size = parseFloat(getComputedStyle(el).fontSize) * zoomOf(el);
      if (size < bodyFont) {
        bodyFont = size;
        bodyFontText = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${(node.textContent ?? '').trim().slice(0, 40)}`;
      }
    }
    return { diagramFont, diagramFontText, overlaps, columns, sideways, bodyFont, bodyFontText };
  });
}

/** Whether every line of the last command's output is one line box (no wrapping). */
async function outputWraps(page: Page): Promise<{ lines: number; boxes: number }> {
  return page.locator('.scrollback .entry .output').last().evaluate((el) => {
    const lines = (el.textContent ?? '').replace(/\n$/, '').split('\n').length;
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
    return { lines, boxes: Math.round(el.getBoundingClientRect().height / ((el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1) / lineHeight) };
  });
}

/**
 * Opens the lesson as the target shows it, with what a screenshot needs to be the same every time:
 * no motion (requests jump to their end), a fixed clock (kubectl's AGE column) and the given theme.
 */
async function openLesson(page: Page, target: Target, colorScheme: 'light' | 'dark' = 'light') {
  await page.setViewportSize({ width: target.width, height: target.height });
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme });
  await page.clock.setFixedTime(new Date('2025-06-02T09:00:00Z'));
  await page.goto(`${LESSON}${target.query}`);
  await expect(page.locator('p.visually-hidden[id$="-desc"]').first()).toContainText('frontend/frontend: STRICT from the namespace level', { timeout: 20_000 });
  await expect(page.locator('#terminal-input')).toBeVisible();
}

/** Runs `kubectl get svc -n frontend`: a table whose rows must each stay one line. */
async function getServices(page: Page) {
  const input = page.locator('#terminal-input');
  await input.fill('kubectl get svc -n frontend');
  await input.press('Enter');
  await expect(page.locator('.scrollback')).toContainText('frontend-external');
}

for (const target of TARGETS) {
  test(`layout at ${target.name}: readable diagram, terminal and text`, async ({ page }) => {
    await openLesson(page, target);
    await getServices(page);
    const wraps = await outputWraps(page);
    const figures = await measure(page);
    console.log(`figures ${target.name}: ${JSON.stringify({ ...figures, svcLines: wraps })}`);
    // Within 0.05 px: the scale that draws 11-unit text at 14 px is a fraction.
    expect.soft(figures.diagramFont, figures.diagramFontText).toBeGreaterThanOrEqual(target.diagram - 0.05);
    expect.soft(figures.overlaps).toEqual([]);
    if (target.columns) expect.soft(figures.columns).toBeGreaterThanOrEqual(target.columns);
    expect.soft(figures.sideways).toBe(0);
    expect.soft(figures.bodyFont, figures.bodyFontText).toBeGreaterThanOrEqual(target.body);
    expect.soft(wraps.boxes).toBe(wraps.lines);
    // The whole diagram shows at once, except on a phone, where it pans.
    if (!target.name.startsWith('phone')) await expect.soft(page.locator('.mesh-graph[data-overflows]')).toHaveCount(0);
  });
}

/** Each target in each of its themes, compared with the committed baseline (tests/e2e/layout.spec.ts-snapshots/). */
const SCREENSHOTS: { target: string; scheme: 'light' | 'dark' }[] = [
  { target: 'laptop-1280x720', scheme: 'light' },
  { target: 'laptop-1280x720', scheme: 'dark' },
  { target: 'laptop-1366x768', scheme: 'light' },
  { target: 'laptop-1920x1080', scheme: 'light' },
  { target: 'laptop-1920x1080', scheme: 'dark' },
  { target: 'projector-1024x768', scheme: 'light' },
  { target: 'projector-1280x720', scheme: 'light' },
  { target: 'docs-760x900', scheme: 'light' },
  { target: 'docs-760x900', scheme: 'dark' },
  { target: 'phone-390x844', scheme: 'light' },
  { target: 'phone-390x844', scheme: 'dark' },
];

for (const { target: name, scheme } of SCREENSHOTS) {
  test(`looks as designed at ${name} (${scheme})`, async ({ page }) => {
    const target = TARGETS.find((t) => t.name === name);
    if (!target) throw new Error(`no target ${name}`);
    await openLesson(page, target, scheme);
    await getServices(page);
    // Settled: istiod has pushed the configuration, and no badge is still marked as just changed.
    await expect(page.locator('.push.pushing')).toHaveCount(0, { timeout: 10_000 });
    await expect(page.locator('g.node.changed')).toHaveCount(0);
    await expect(page).toHaveScreenshot(`${name}-${scheme}.png`, { maxDiffPixelRatio: 0.02, animations: 'disabled', caret: 'hide' });
  });
}

test('a failed request opens its verdict in the details drawer, next to the list; Esc closes it', async ({ page }) => {
  await openLesson(page, TARGETS[0]!);
  const input = page.locator('#terminal-input');
  await input.fill("kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' http://frontend.frontend.svc.cluster.local:80/");
  await input.press('Enter');
  await expect(page.locator('.scrollback')).toContainText('command terminated with exit code 56');
  await page.locator('g.flow.flow-failed').first().click();
  const panel = page.getByRole('tabpanel');
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByRole('listbox')).toContainText('http://frontend.frontend.svc.cluster.local:80/');
  await expect(panel.getByRole('group', { name: 'Selected request' })).toContainText('plaintext to a STRICT server');
  // The lesson folds away while the drawer is open, so the mesh and the terminal keep their room.
  await expect(page.getByRole('button', { name: 'Lesson' })).toBeVisible();
  // The request's marks and labels on the diagram cover no other label.
  const figures = await measure(page);
  expect(figures.diagramFont).toBeGreaterThanOrEqual(11);
  expect(figures.overlaps).toEqual([]);
  await panel.getByRole('button', { name: /Watch the handshake/ }).click();
  await expect(page.getByRole('tab', { name: 'Handshake' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel')).toContainText('Fails here');
  await page.getByRole('tabpanel').press('Escape');
  await expect(page.getByRole('tabpanel')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Handshake' })).toBeFocused();
  await expect(page.locator('.lesson .step-title')).toBeVisible();
});

test('the step-done note is one compact line: the next step stays in view', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?lang=en&lesson=1&step=2');
  await page.locator('.lesson section.predict').first().getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.locator('#terminal-input').press('Enter');
  await expect(page.locator('.lesson .banner')).toContainText('Step 2 done', { timeout: 20_000 });
  const title = await page.locator('.lesson .step-title').boundingBox();
  const panel = await page.getByRole('region', { name: 'Lesson' }).boundingBox();
  expect(title && panel && title.y + title.height).toBeLessThanOrEqual((panel?.y ?? 0) + (panel?.height ?? 0));
  expect((await page.locator('.lesson .banner').boundingBox())?.height).toBeLessThan(80);
});

for (const lang of ['en', 'ja'] as const) {
  test(`the top bar is one row at 1024 px (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.goto(`/?lang=${lang}&lesson=1`);
    const bar = page.locator('.topbar');
    await expect(bar.getByRole('toolbar')).toBeVisible();
    // One row: every control starts above the bottom of every other one.
    const { tops, bottoms } = await bar.evaluate((el) => {
      const boxes = [...el.querySelectorAll('button, select, summary, input')].filter((c) => c.checkVisibility() && c.getClientRects().length).map((c) => c.getBoundingClientRect());
      return { tops: boxes.map((b) => b.top), bottoms: boxes.map((b) => b.bottom) };
    });
    expect(Math.max(...tops)).toBeLessThan(Math.min(...bottoms));
    expect((await measure(page)).sideways).toBe(0);
  });
}

test('an iframe without panels keeps a usable height: posted once ready, never below the minimum', async ({ page }) => {
  const heights: number[] = [];
  await page.exposeFunction('recordHeight', (h: number) => heights.push(h));
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto('/embed-example.html');
  await page.evaluate(() => {
    document.body.innerHTML = '<main style="width:760px"><iframe id="frame" title="mTLS Playground" style="width:760px;height:150px;border:0"></iframe></main>';
    const frame = document.getElementById('frame') as HTMLIFrameElement;
    window.addEventListener('message', (event) => {
      if (event.source !== frame.contentWindow || event.data?.type !== 'mtls-playground:resize') return;
      (window as unknown as { recordHeight(h: number): void }).recordHeight(event.data.height);
      frame.style.height = `${event.data.height}px`;
    });
    frame.src = '/index.html?embed=1&lesson=1&step=3&lang=en';
  });
  const frame = page.frameLocator('#frame');
  await expect(frame.locator('.lesson .step-title')).toContainText('Step 3 of 7', { timeout: 20_000 });
  await expect.poll(() => heights.length).toBeGreaterThan(0);
  const content = await frame.locator('.app').evaluate((el) => el.scrollHeight);
  await expect.poll(() => page.locator('#frame').evaluate((el) => el.clientHeight)).toBe(Math.max(480, content));
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(480);
  // The docs layout: the step, the prompt and the mesh, one under another.
  await expect(frame.getByRole('heading', { name: 'Cloud Shell' })).toBeVisible();
  await expect(frame.getByRole('heading', { name: 'Mesh' })).toBeVisible();
});

test('a phone pans the diagram at a readable size, and Fit shows all of it', async ({ page }) => {
  await openLesson(page, TARGETS.find((t) => t.name === 'phone-390x844')!);
  const fit = page.getByRole('button', { name: /Fit/ });
  await expect(page.getByRole('region', { name: 'Scroll to see the rest of the diagram.' })).toBeVisible();
  await fit.click();
  await expect(fit).toHaveAttribute('aria-pressed', 'true');
  const svg = await page.locator('.mesh-graph svg').boundingBox();
  const frame = await page.locator('.mesh-cell .frame').boundingBox();
  expect(svg && frame && svg.width).toBeLessThanOrEqual(frame?.width ?? 0);
});
