// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaygroundEvent } from './app/playground.svelte.ts';
import App from './App.svelte';

/** index.html's boot terminal and static/boot.js, which runs it until the app takes over. */
const indexHtml = readFileSync(join(process.cwd(), 'index.html'), 'utf8');
const bootMarkup = indexHtml.slice(indexHtml.indexOf('<div id="app">'), indexHtml.indexOf('<script src="./boot.js">'));
const bootScript = readFileSync(join(process.cwd(), 'static/boot.js'), 'utf8');

/** The page as the browser has it before the app's modules run: the static boot terminal, working. */
function loadPage() {
  document.body.innerHTML = bootMarkup;
  new Function(bootScript)();
  return document.getElementById('app') as HTMLElement;
}

/**
 * The boot terminal loads the workspace chunk in steps once the browser is idle (App.svelte).
 * Here the chunk is a stand-in (testing/FakeWorkspace.svelte), and the tests decide when the
 * browser is idle and when the playground becomes ready.
 */
const control = vi.hoisted(() => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  };
  return { gate, ready: gate(), ran: [] as string[], fail: '' };
});

vi.mock('./workspaceChunk.ts', async () => {
  const { default: Workspace } = await import('./testing/FakeWorkspace.svelte');
  return {
    Workspace,
    createPagePlayground: (onEvent: (event: PlaygroundEvent) => void) => {
      if (control.fail) throw new Error(control.fail);
      return {
        sim: { terminal: { submit: (line: string) => control.ran.push(line) } },
        async start() {
          await control.ready.opened;
          onEvent({ type: 'ready', detail: { mode: 'sandbox' } });
        },
        showable: control.ready.opened,
      };
    },
  };
});

let idle: (() => void)[] = [];

function renderApp() {
  const target = loadPage();
  const view = render(App, { target });
  const boot = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Command input' });
  return {
    view,
    boot,
    /** The browser becomes idle: the boot terminal starts loading the workspace. */
    idle: () => idle.splice(0).forEach((run) => run()),
    mounted: () => vi.waitFor(() => expect(view.container.querySelector('.workspace-root')).not.toBeNull(), { interval: 2 }),
    shown: () => vi.waitFor(() => expect(view.container.querySelector('.boot')).toBeNull(), { timeout: 2000, interval: 2 }),
    workspaceInput: () => view.container.querySelector<HTMLTextAreaElement>('.workspace-root textarea'),
    /** Types as a learner would, but synchronously (so that it lands between two steps of loading). */
    type(text: string) {
      for (const [i, line] of text.split('\n').entries()) {
        if (i > 0) fireEvent.keyDown(boot, { key: 'Enter' });
        fireEvent.input(boot, { target: { value: (i > 0 ? '' : boot.value) + line } });
      }
    },
  };
}

describe('App (the boot terminal)', () => {
  beforeEach(() => {
    vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
    control.ready = control.gate();
    control.ran = [];
    control.fail = '';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    idle = [];
    delete (globalThis as { mtlsBoot?: unknown }).mtlsBoot;
  });

  it('the static boot terminal queues lines before the app has loaded, and the app takes them over', async () => {
    loadPage();
    const input = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Command input' });
    expect(input).toHaveFocus();
    await userEvent.setup().type(input, 'kubectl get ns{Enter}echo half');
    expect(document.getElementById('boot-lines')).toHaveTextContent('learner@cloudshell:~ (mtls-playground)$ kubectl get ns');
    expect((globalThis as { mtlsBoot?: { queued: string[] } }).mtlsBoot?.queued).toEqual(['kubectl get ns']);
    const view = render(App, { target: document.getElementById('app') as HTMLElement });
    idle.splice(0).forEach((run) => run());
    control.ready.open();
    await vi.waitFor(() => expect(view.container.querySelector('.boot')).toBeNull(), { timeout: 2000, interval: 2 });
    expect(control.ran).toEqual(['kubectl get ns']);
    expect(view.container.querySelector('.workspace-root textarea')).toHaveValue('echo half');
  });

  it('runs the lines typed while loading, in order, and carries the input line and the focus over', async () => {
    const user = userEvent.setup();
    const app = renderApp();
    await user.type(app.boot, 'echo one{Enter}echo two{Enter}echo thr');
    expect(app.view.container.querySelector('.boot')).toHaveTextContent('echo one');
    app.idle();
    control.ready.open();
    await app.shown();
    expect(control.ran).toEqual(['echo one', 'echo two']);
    expect(app.workspaceInput()).toHaveValue('echo thr');
    expect(app.workspaceInput()).toHaveFocus();
    expect(screen.getAllByRole('textbox', { name: 'Command input' })).toHaveLength(1);
  });

  it('runs a line typed after the workspace mounted (hidden) but before it showed, after the earlier ones', async () => {
    const app = renderApp();
    app.type('echo one\n');
    app.idle();
    control.ready.open();
    await app.mounted();
    expect(app.view.container.querySelector('.boot')).not.toBeNull();
    app.type('echo late\necho dr');
    await app.shown();
    expect(control.ran).toEqual(['echo one', 'echo late']);
    expect(app.workspaceInput()).toHaveValue('echo dr');
  });

  it('swaps the workspace in only once its playground is ready, so that queued lines run first', async () => {
    const app = renderApp();
    app.type('echo one\n');
    app.idle();
    await app.mounted();
    app.type('echo late\n');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.view.container.querySelector('.boot')).not.toBeNull();
    // Taken by the workspace's terminal as it mounted, which holds it until the playground is ready
    // (Playground holds its terminal until start() has opened the lesson; see playground.test.ts).
    expect(control.ran).toEqual(['echo one']);
    control.ready.open();
    await app.shown();
    expect(control.ran).toEqual(['echo one', 'echo late']);
  });

  it('says so when the simulator cannot load, and keeps the boot terminal', async () => {
    control.fail = 'out of memory';
    const app = renderApp();
    app.idle();
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('The simulator could not load: out of memory'));
    expect(app.boot).toBeInTheDocument();
  });
});
