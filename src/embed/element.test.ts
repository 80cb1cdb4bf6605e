// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fallbackLanguages, readAttributes, readInlineScenario, scenarioOrigin } from './attributes.ts';
import { MtlsPlaygroundElement, TAG } from './element.ts';
import example from '../../examples/scenarios/strict-frontend.md?raw';

/** Adds an element with these attributes to the page and resolves with it and its `ready` event. */
function place(attributes: Record<string, string>, parent: HTMLElement = document.body) {
  const element = document.createElement(TAG);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  const ready = nextEvent(element, 'ready');
  parent.append(element);
  return { element, ready };
}

function nextEvent(target: EventTarget, type: string): Promise<CustomEvent> {
  return new Promise((resolve) => target.addEventListener(type, (e) => resolve(e as CustomEvent), { once: true }));
}

const app = (element: HTMLElement) => element.shadowRoot?.querySelector<HTMLElement>('.app');

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('lang');
});

describe('readAttributes', () => {
  it('reads the option attributes that are present, with a language tag cut to its language', () => {
    const element = document.createElement('div');
    element.setAttribute('lesson', '1');
    element.setAttribute('lang', 'ja-JP');
    element.setAttribute('readonly', '');
    element.setAttribute('class', 'x');
    expect(readAttributes(element)).toEqual({ lesson: '1', lang: 'ja', readonly: '' });
  });
});

describe('fallbackLanguages', () => {
  it("puts the language of the page around the element before the browser's", () => {
    const section = document.createElement('section');
    section.setAttribute('lang', 'ja');
    const element = document.createElement('div');
    section.append(element);
    expect(fallbackLanguages(element)[0]).toBe('ja');
  });
});

describe('<mtls-playground>', () => {
  it('is defined once, under its tag', () => {
    expect(customElements.get(TAG)).toBe(MtlsPlaygroundElement);
  });

  it('mounts into its own shadow root, says ready, applies lang in place and starts again for a new lesson', async () => {
    const { element, ready } = place({ lesson: '1', step: '4', lang: 'en', panels: 'lesson,terminal', theme: 'dark' });
    const first = await ready;
    expect(first.detail).toEqual({ mode: 'lesson', lesson: '01-seed-tutorial', step: 4 });
    expect(first.bubbles && first.composed).toBe(true);
    expect(element.shadowRoot?.mode).toBe('open');
    expect(app(element)?.getAttribute('lang')).toBe('en');
    expect(app(element)?.dataset.theme).toBe('dark');
    // The page is left alone: its theme, its language and its storage.
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    expect(document.querySelector('.app')).toBeNull();
    expect(localStorage.length).toBe(0);

    element.setAttribute('lang', 'ja');
    await vi.waitFor(() => expect(app(element)?.getAttribute('lang')).toBe('ja'));
    element.setAttribute('theme', 'light');
    await vi.waitFor(() => expect(app(element)?.dataset.theme).toBe('light'));

    const again = nextEvent(element, 'ready');
    element.setAttribute('lesson', '3');
    element.removeAttribute('step');
    expect((await again).detail).toEqual({ mode: 'lesson', lesson: '03-destinationrule-disable', step: 1 });
    expect(element.shadowRoot?.querySelectorAll('.app')).toHaveLength(1);
  });

  it('keeps each instance apart, and takes one down when it leaves the page', async () => {
    const a = place({ lesson: '1', lang: 'en', panels: 'terminal' });
    const b = place({ lesson: '2', lang: 'ja', panels: 'terminal' });
    await Promise.all([a.ready, b.ready]);
    expect(app(a.element)?.getAttribute('lang')).toBe('en');
    expect(app(b.element)?.getAttribute('lang')).toBe('ja');

    const completed = nextEvent(a.element, 'request-completed');
    const input = a.element.shadowRoot?.querySelector('textarea');
    if (!input) throw new Error('no terminal input');
    input.value = 'curl -s -o /dev/null http://34.136.92.187/';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect((await completed).detail).toMatchObject({ origin: 'command', httpCode: 200, curlExit: 0 });
    expect(b.element.shadowRoot?.querySelector('.scrollback')?.textContent ?? '').not.toContain('34.136.92.187');

    b.element.remove();
    await vi.waitFor(() => expect(b.element.shadowRoot?.querySelector('.app')).toBeNull());
    expect(app(a.element)).not.toBeNull();
  });

  it('keeps its simulator when moved elsewhere in the page', async () => {
    const { element, ready } = place({ lesson: '1', panels: 'terminal' });
    await ready;
    const before = app(element);
    const other = document.createElement('div');
    document.body.append(other);
    other.append(element);
    await Promise.resolve();
    await Promise.resolve();
    expect(app(element)).toBe(before);
  });
});

describe('<mtls-playground> with a custom scenario', () => {
  it('finds an inline scenario script among its children, as text', () => {
    const element = document.createElement('div');
    element.innerHTML = '<p>x</p><script type="application/x-mtls-scenario+Markdown">id: <b onmouseover="x()">&amp;</b></script>';
    // Raw text: markup and entities stay as typed, for the loader to read as text.
    expect(readInlineScenario(element)).toEqual({ type: 'application/x-mtls-scenario+markdown', text: 'id: <b onmouseover="x()">&amp;</b>' });
    expect(scenarioOrigin(element)).toEqual({ base: document.baseURI, origin: location.origin });
  });

  it('opens a scenario written in the page, never running it', async () => {
    const element = document.createElement(TAG);
    element.setAttribute('lang', 'en');
    element.setAttribute('panels', 'lesson,terminal');
    const script = document.createElement('script');
    script.type = 'application/x-mtls-scenario+markdown';
    // Indented with the page, as an author writes it.
    script.textContent = `\n${example.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}`;
    element.append(script);
    const ready = nextEvent(element, 'ready');
    document.body.append(element);
    expect((await ready).detail).toEqual({ mode: 'lesson', lesson: 'strict-frontend', step: 1 });
    const root = element.shadowRoot!;
    expect(root.querySelector('.lesson .step-title')?.textContent).toContain('See plaintext get through');
    expect(root.querySelector('optgroup option[value="scenario:strict-frontend"]')?.textContent).toContain('Lock the frontend down');
    expect(localStorage.length).toBe(0);
  });

  it('refuses a scenario-src on another site with a notice in the lesson panel, fetching nothing', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const { element, ready } = place({ lang: 'en', panels: 'lesson,terminal', 'scenario-src': 'https://elsewhere.example/s.md' });
    expect((await ready).detail).toEqual({ mode: 'sandbox' });
    const problem = element.shadowRoot?.querySelector('.scenario-problem');
    expect(problem?.querySelector('h3')?.textContent).toBe('This scenario could not be loaded');
    expect(problem?.textContent).toContain(`is not on this site (${location.origin})`);
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });
});
