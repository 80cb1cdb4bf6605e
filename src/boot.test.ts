// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/dom';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORE_KEY } from './app/persist/storeKey.ts';
import { BOOT_STATUS, startBoot } from './boot.ts';

const indexHtml = readFileSync(join(process.cwd(), 'index.html'), 'utf8');
const bootMarkup = indexHtml.slice(indexHtml.indexOf('<div id="app">'), indexHtml.indexOf('<script src="./boot.js">'));

/** index.html's boot terminal at `url`, with the page's first script started. */
function loadPage(url: string) {
  history.replaceState(null, '', url);
  document.documentElement.lang = 'en';
  document.body.innerHTML = bootMarkup;
  vi.stubGlobal('requestAnimationFrame', () => 0);
  startBoot();
  const input = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Command input' });
  return {
    input,
    lines: () => document.getElementById('boot-lines')?.textContent ?? '',
    status: () => screen.getByRole('status').textContent,
    enter(line: string) {
      fireEvent.input(input, { target: { value: line } });
      fireEvent.keyDown(input, { key: 'Enter' });
    },
  };
}

const CREDENTIALS = 'gcloud container clusters get-credentials boutique --zone=us-central1-c';
const PROMPT = 'learner@cloudshell:~ (mtls-playground)$ ';

describe('the page’s first script', () => {
  afterEach(() => {
    localStorage.clear();
    vi.unstubAllGlobals();
    delete (globalThis as { mtlsBoot?: unknown }).mtlsBoot;
  });

  it("answers Cloud Shell's own commands on a first visit, in the page's language", () => {
    const page = loadPage('/?lang=ja');
    expect(page.status()).toBe(BOOT_STATUS.ja.loading);
    expect(page.input).toHaveFocus();
    page.enter(CREDENTIALS);
    expect(page.lines()).toBe(`${PROMPT}${CREDENTIALS}Fetching cluster endpoint and auth data.\nkubeconfig entry generated for boutique.`);
    expect(page.status()).toBe(BOOT_STATUS.ja.answering);
    expect((globalThis as { mtlsBoot?: { queued: string[] } }).mtlsBoot?.queued).toEqual([CREDENTIALS]);
  });

  it.each([
    ['progress is saved', '/', true],
    ['a link picks a lesson', '/?lesson=02-permissive-migration', false],
    ['a shared link', '/#share=abc', false],
    ['embedded', '/?embed=1&readonly=0', false],
  ])('only queues the lines when %s (the playground will not start at the first lesson)', (_, url, saved) => {
    if (saved) localStorage.setItem(STORE_KEY, '{}');
    const page = loadPage(url);
    page.enter(CREDENTIALS);
    page.enter('echo two');
    expect(page.lines()).toBe(`${PROMPT}${CREDENTIALS}${PROMPT}echo two`);
    expect(page.status()).toBe(BOOT_STATUS.en.loading);
  });

  it('speaks the language the app will start in: the address, then the saved choice, then the browser', () => {
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR', 'ja-JP', 'en']);
    expect(loadPage('/').status()).toBe(BOOT_STATUS.ja.loading);
    expect(document.documentElement.lang).toBe('ja');
    // `lang=fr` is no language here: the browser's next one counts, as the app's detectLocale does.
    expect(loadPage('/?lang=fr').status()).toBe(BOOT_STATUS.ja.loading);
    expect(loadPage('/?lang=en').status()).toBe(BOOT_STATUS.en.loading);
    localStorage.setItem(STORE_KEY, JSON.stringify({ version: 1, locale: 'en' }));
    expect(loadPage('/').status()).toBe(BOOT_STATUS.en.loading);
    localStorage.setItem(STORE_KEY, '{not json');
    expect(loadPage('/').status()).toBe(BOOT_STATUS.ja.loading);
    languages.mockRestore();
  });

  it('takes no line when read-only, and leaves the focus alone when embedded', () => {
    const page = loadPage('/?embed=1&readonly=1');
    expect(page.input).not.toHaveFocus();
    expect(page.input.readOnly).toBe(true);
    page.enter('echo one');
    expect(page.lines()).toBe('');
  });

  it('leaves the scrollback to the app once it answers (`live`)', () => {
    const page = loadPage('/');
    const boot = (globalThis as { mtlsBoot?: { live?: boolean; onLine(f: (line: string) => void): void } }).mtlsBoot!;
    const heard: string[] = [];
    boot.onLine((line) => heard.push(line));
    page.enter('echo one');
    boot.live = true;
    page.enter('echo two');
    expect(heard).toEqual(['echo one', 'echo two']);
    expect(page.lines()).toBe(`${PROMPT}echo oneone`);
  });
});
