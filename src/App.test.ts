// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaygroundEvent } from './app/playground.svelte.ts';
import App from './App.svelte';
import { BOOT_STATUS, startBoot } from './boot.ts';
import { translate } from './i18n/locale.ts';
import { lessonCatalog } from './lessons/index.ts';
import type { Lesson } from './lessons/types.ts';

/** index.html's boot terminal and the page's first script (boot.ts, built into ./boot.js), which runs it until the app takes over. */
const indexHtml = readFileSync(join(process.cwd(), 'index.html'), 'utf8');
const bootMarkup = indexHtml.slice(indexHtml.indexOf('<div id="app">'), indexHtml.indexOf('<script src="./boot.js">'));

/** The page as the browser has it before the app's modules run: the static boot terminal, working. */
function loadPage() {
  document.body.innerHTML = bootMarkup;
  startBoot();
  return document.getElementById('app') as HTMLElement;
}

/**
 * The boot terminal loads the engine's chunk, then the workspace's, once it has painted (App.svelte).
 * Here the engine's playground has a real terminal and shell (no lessons, no diagram), and the
 * workspace is a stand-in (testing/FakeWorkspace.svelte). The tests decide when the first frame
 * comes and when the playground's lesson is open (until then its terminal holds what it is given,
 * as Playground.start does).
 */
const control = vi.hoisted(() => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  };
  return { gate, ready: gate(), fail: '', starts: 0, early: false, earlyFails: false, earlyBuilt: 0, lesson: undefined as Lesson | undefined };
});

// The early terminal (a first visit) only where a test asks for it: the real one, on lesson 1.
vi.mock('./earlyChunk.ts', async () => {
  const { EarlyTerminal } = await import('./app/earlyAnswers.ts');
  return {
    EarlyTerminal,
    createEarlyTerminal: () => {
      if (control.earlyFails) throw new Error('the early chunk failed');
      if (control.early) control.earlyBuilt++;
      return control.early ? new EarlyTerminal(control.lesson!) : undefined;
    },
  };
});

vi.mock('./engineChunk.ts', async () => {
  const { TerminalState } = await import('./app/terminal.svelte.ts');
  return {
    createPagePlayground: (onEvent: (event: PlaygroundEvent) => void) => {
      if (control.fail) throw new Error(control.fail);
      const terminal = new TerminalState();
      const release = terminal.hold();
      let started: Promise<void> | undefined;
      return {
        sim: { terminal },
        i18n: { t: (key: string) => (key === 'terminal.bootAnswering' ? 'The terminal answers' : key) },
        start: () =>
          (started ??= (async () => {
            control.starts++;
            await control.ready.opened;
            release();
            onEvent({ type: 'ready', detail: { mode: 'sandbox' } });
          })()),
        showable: control.ready.opened,
      };
    },
  };
});

vi.mock('./workspaceChunk.ts', async () => ({ Workspace: (await import('./testing/FakeWorkspace.svelte')).default }));

let frames: (() => void)[] = [];
const bootLines = () => document.getElementById('boot-lines') as HTMLElement;

function renderApp() {
  const target = loadPage();
  const view = render(App, { target });
  const boot = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Command input' });
  return {
    view,
    boot,
    /** The boot terminal's first frame: the app starts loading the engine. */
    frame: () => frames.splice(0).forEach((run) => run()),
    mounted: () => vi.waitFor(() => expect(view.container.querySelector('.workspace-root')).not.toBeNull(), { interval: 2 }),
    shown: () => vi.waitFor(() => expect(view.container.querySelector('.boot')).toBeNull(), { timeout: 2000, interval: 2 }),
    workspaceInput: () => view.container.querySelector<HTMLTextAreaElement>('.workspace-root textarea'),
    terminalText: () => view.container.querySelector('.workspace-root [data-testid="terminal"]')?.textContent ?? '',
    /** Types as a learner would, but synchronously (so that it lands between two steps of loading). */
    type(text: string) {
      for (const [i, line] of text.split('\n').entries()) {
        if (i > 0) fireEvent.keyDown(boot, { key: 'Enter' });
        fireEvent.input(boot, { target: { value: (i > 0 ? '' : boot.value) + line } });
      }
    },
  };
}

describe("the page's first script (boot.ts)", () => {
  it("says what the catalog says, in both languages, before the catalog has loaded", () => {
    expect(indexHtml).toContain(`>${translate('en', 'app.loading')}<`);
    for (const locale of ['en', 'ja'] as const) {
      expect(BOOT_STATUS[locale].loading, locale).toBe(translate(locale, 'app.loading'));
      expect(BOOT_STATUS[locale].answering, locale).toBe(translate(locale, 'terminal.bootAnswering'));
    }
  });
});

describe('App (the boot terminal)', () => {
  // The (mocked) chunks load the real engine once, up front: on a busy machine that takes longer
  // than any wait below.
  beforeAll(async () => {
    await import('./engineChunk.ts');
    await import('./workspaceChunk.ts');
    control.lesson = await lessonCatalog[0]!.load();
  }, 60_000);
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => frames.push(run));
    control.ready = control.gate();
    control.fail = '';
    control.starts = 0;
    control.early = false;
    control.earlyFails = false;
    control.earlyBuilt = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    frames = [];
    delete (globalThis as { mtlsBoot?: unknown }).mtlsBoot;
  });

  it('the static boot terminal queues lines before the app has loaded, and the app runs them', async () => {
    loadPage();
    const input = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Command input' });
    expect(input).toHaveFocus();
    await userEvent.setup().type(input, 'echo queued{Enter}echo half');
    expect(bootLines()).toHaveTextContent('learner@cloudshell:~ (mtls-playground)$ echo queued');
    expect((globalThis as { mtlsBoot?: { queued: string[] } }).mtlsBoot?.queued).toEqual(['echo queued']);
    const view = render(App, { target: document.getElementById('app') as HTMLElement });
    frames.splice(0).forEach((run) => run());
    control.ready.open();
    await vi.waitFor(() => expect(view.container.querySelector('.boot')).toBeNull(), { timeout: 2000, interval: 2 });
    expect(view.container.querySelector('[data-testid="terminal"]')?.textContent).toContain('$ echo queued\nqueued\n');
    expect(view.container.querySelector('.workspace-root textarea')).toHaveValue('echo half');
  });

  it('on a first visit, Cloud Shell answers at once, then the early terminal on the first lesson, and the playground takes over once it has run the same lines', async () => {
    control.early = true;
    const user = userEvent.setup();
    const app = renderApp();
    const status = screen.getByRole('status');
    // Before the app's first frame, the page's first script answers what needs no cluster.
    await user.type(app.boot, 'echo one{Enter}');
    expect(bootLines().textContent).toBe('learner@cloudshell:~ (mtls-playground)$ echo oneone');
    expect(status).toHaveTextContent(BOOT_STATUS.en.answering);
    // kubectl needs the cluster: the line waits, as typed.
    await user.type(app.boot, 'kubectl get pods -n frontend{Enter}');
    expect(bootLines().textContent).toBe('learner@cloudshell:~ (mtls-playground)$ echo oneonelearner@cloudshell:~ (mtls-playground)$ kubectl get pods -n frontend');
    expect(status).toHaveTextContent(BOOT_STATUS.en.loading);
    // The app's early terminal runs both lines on the first lesson's start and answers the second.
    app.frame();
    await vi.waitFor(() => expect(bootLines()).toHaveTextContent('The connection to the server localhost:8080 was refused'));
    expect(bootLines().textContent).toMatch(/^learner@cloudshell:~ \(mtls-playground\)\$ echo oneonelearner@cloudshell:~ \(mtls-playground\)\$ kubectl get pods -n frontendE\d{4} /);
    expect(status).toHaveTextContent('The terminal answers');
    // The course's own commands wait for the playground.
    await user.type(app.boot, 'hint{Enter}');
    expect(bootLines()).toHaveTextContent(/\$ hint$/);
    expect(app.view.container.querySelector('.workspace-root')).toBeNull();
    control.ready.open();
    await app.shown();
    expect(app.terminalText()).toContain('$ echo one\none\n');
    expect(app.terminalText()).toContain('$ hint\n');
  });

  it('on a first visit where Cloud Shell answers every line, the playground takes over without an early terminal', async () => {
    control.early = true;
    const app = renderApp();
    app.type('echo one\ngcloud config get-value project 2>/dev/null\n');
    expect(bootLines()).toHaveTextContent('$ gcloud config get-value project 2>/dev/nullmtls-playground');
    app.frame();
    await vi.waitFor(() => expect(control.starts).toBe(1));
    // Nothing needed the engine before the playground answered: no second world was built.
    expect(control.earlyBuilt).toBe(0);
    // The playground answers from now on; a line that needs the engine builds no early terminal.
    app.type('kubectl get ns\n');
    control.ready.open();
    await app.shown();
    expect(app.terminalText()).toContain('$ echo one\none\n');
    expect(app.terminalText()).toContain('$ gcloud config get-value project 2>/dev/null\nmtls-playground\n');
    expect(app.terminalText()).toContain('$ kubectl get ns\n');
    expect(control.earlyBuilt).toBe(0);
  });

  it('builds the early terminal when a line needs the engine after its chunk has loaded, before the playground', async () => {
    control.early = true;
    // Each step of loading waits for the test (App.svelte gives the main thread back with
    // scheduler.yield where there is one); the newest waiting step goes first.
    const yields: (() => void)[] = [];
    vi.stubGlobal('scheduler', { yield: () => new Promise<void>((resolve) => yields.push(resolve)) });
    const app = renderApp();
    app.type('echo one\n');
    app.frame();
    // The early chunk has loaded; Cloud Shell has answered everything so far.
    await vi.waitFor(() => expect(yields).toHaveLength(1));
    yields.pop()?.();
    await vi.waitFor(() => expect(yields).toHaveLength(1));
    expect(control.earlyBuilt).toBe(0);
    // kubectl needs the engine: the early terminal is built and answers, before the playground.
    app.type('kubectl get pods -n frontend\n');
    await vi.waitFor(() => expect(yields).toHaveLength(2));
    yields.pop()?.();
    await vi.waitFor(() => expect(control.earlyBuilt).toBe(1));
    await vi.waitFor(() => expect(yields).toHaveLength(2));
    yields.pop()?.();
    await vi.waitFor(() => expect(bootLines()).toHaveTextContent('The connection to the server localhost:8080 was refused'));
    expect(control.starts).toBe(0);
    // The rest of the loading goes on at once.
    vi.stubGlobal('scheduler', { yield: () => Promise.resolve() });
    yields.splice(0).forEach((resolve) => resolve());
    await vi.waitFor(() => expect(control.starts).toBe(1));
    control.ready.open();
    await app.shown();
    expect(app.terminalText()).toContain('$ echo one\none\n');
    // (This test's playground is not on the first lesson's start: it has the cluster's credentials.)
    expect(app.terminalText()).toContain('$ kubectl get pods -n frontend\n');
    expect(control.earlyBuilt).toBe(1);
  });

  it('answers from the playground when the early terminal cannot load', async () => {
    control.earlyFails = true;
    const app = renderApp();
    app.type('echo fine\n');
    app.frame();
    await vi.waitFor(() => expect(control.starts).toBe(1));
    control.ready.open();
    await app.shown();
    expect(app.terminalText()).toContain('$ echo fine\nfine\n');
    expect(document.getElementById('boot-status')).toBeNull();
  });

  it('answers in the boot terminal as soon as the engine has loaded, before the workspace', async () => {
    const user = userEvent.setup();
    const app = renderApp();
    await user.type(app.boot, 'echo one{Enter}');
    app.frame();
    // The engine is loaded and the lesson is opening: the line waits, shown at its prompt.
    await vi.waitFor(() => expect(control.starts).toBe(1));
    expect(screen.getByRole('status')).toHaveTextContent('The terminal answers');
    await user.type(app.boot, 'printf "%s\\n" two >&2{Enter}');
    expect(bootLines()).toHaveTextContent(/^learner@cloudshell:~ \(mtls-playground\)\$ echo onelearner@cloudshell:~ \(mtls-playground\)\$ printf "%s\\n" two >&2$/);
    control.ready.open();
    await vi.waitFor(() => expect(bootLines().querySelector('.err')).not.toBeNull());
    expect(app.view.container.querySelector('.workspace-root')).toBeNull();
    expect(bootLines().textContent).toBe('learner@cloudshell:~ (mtls-playground)$ echo oneonelearner@cloudshell:~ (mtls-playground)$ printf "%s\\n" two >&2two');
    expect(bootLines().querySelector('.err')).toHaveTextContent('two');
    // A line entered now is answered at once.
    await user.type(app.boot, 'echo three{Enter}');
    await vi.waitFor(() => expect(bootLines().textContent).toMatch(/echo threethree$/));
    await app.shown();
    expect(app.terminalText()).toContain('three');
  });

  it('carries the input line and the focus over to the workspace, with one input on the page', async () => {
    const user = userEvent.setup();
    const app = renderApp();
    await user.type(app.boot, 'echo one{Enter}echo two{Enter}echo thr');
    app.frame();
    control.ready.open();
    await app.shown();
    expect(app.terminalText()).toMatch(/echo one\none\n.*echo two\ntwo\n/s);
    expect(app.workspaceInput()).toHaveValue('echo thr');
    expect(app.workspaceInput()).toHaveFocus();
    expect(screen.getAllByRole('textbox', { name: 'Command input' })).toHaveLength(1);
    expect(control.starts).toBe(1);
  });

  it('a line entered after the workspace mounted (hidden) but before it showed runs after the earlier ones', async () => {
    const app = renderApp();
    app.type('echo one\n');
    app.frame();
    control.ready.open();
    await app.mounted();
    expect(app.view.container.querySelector('.boot')).not.toBeNull();
    app.type('echo late\necho dr');
    await app.shown();
    expect(app.terminalText()).toMatch(/echo one\none\n.*echo late\nlate\n/s);
    expect(app.workspaceInput()).toHaveValue('echo dr');
  });

  it('loads the workspace only once the lesson is open, so that the first answer does not wait behind it', async () => {
    const app = renderApp();
    app.type('echo one\n');
    app.frame();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.view.container.querySelector('.workspace-root')).toBeNull();
    expect(bootLines()).toHaveTextContent('echo one');
    control.ready.open();
    await app.shown();
  });

  it('says so when the simulator cannot load, and keeps the boot terminal', async () => {
    control.fail = 'out of memory';
    const app = renderApp();
    app.frame();
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('The simulator could not load: out of memory'));
    expect(app.boot).toBeInTheDocument();
  });
});
